"""The review UI: a draft's entries beside its article, with accept, reject, edit and save (ipywidgets + anywidget).

Keyboard, while the review has focus (click the article or a button first): ``a`` accept, ``r`` reject,
``n`` next, ``p`` previous, ``u`` undo. Words are taken from the article by selecting them with the mouse. The logic
lives in ``helpers.present.review``; this module only shows it. Every part carries an ``nd-…`` CSS class.
"""
from __future__ import annotations

import html
import json

import anywidget
import ipywidgets as w
import traitlets

from helpers.present import review as rv
from helpers.present.reader import article_html

SHORTCUTS = {"a": "accept", "r": "reject", "n": "next", "p": "previous", "u": "undo"}
HELP = ("Keys (click the article or a button first): <b>a</b> accept · <b>r</b> reject · <b>n</b> next · "
        "<b>p</b> previous · <b>u</b> undo. Select words in the article, then “Words ← selection” or "
        "“Add statement”. Nothing is written until you press Save.")

_ESM = """
const KEYS = __KEYS__;
function render({ model, el }) {
  el.classList.add("nd-article-view");
  const box = document.createElement("div");
  box.className = "nd-article";
  box.tabIndex = 0;
  box.setAttribute("data-lm-suppress-shortcuts", "true");
  el.appendChild(box);
  const reader = () => box.querySelector(".nd-reader") || box;
  // offsets count the characters the reader shows: text, and one for each line break
  function offsetOf(node, offset) {
    const range = document.createRange();
    range.setStart(reader(), 0);
    range.setEnd(node, offset);
    const part = range.cloneContents();
    return part.textContent.length + part.querySelectorAll("br").length;
  }
  function pointAt(target) {
    const root = reader();
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let seen = 0, node;
    while ((node = walk.nextNode())) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (seen + node.length >= target) return [node, target - seen];
        seen += node.length;
      } else if (node.nodeName === "BR") {
        if (seen >= target) return [node.parentNode, Array.prototype.indexOf.call(node.parentNode.childNodes, node)];
        seen += 1;
      }
    }
    return [root, root.childNodes.length];
  }
  function mark() {
    const span = model.get("focus") || [];
    box.dataset.focus = span.join(",");
    if (window.CSS && CSS.highlights) CSS.highlights.delete("nd-focus");
    if (span.length < 2) return;
    const range = document.createRange();
    range.setStart(...pointAt(span[0]));
    range.setEnd(...pointAt(span[1]));
    if (window.CSS && CSS.highlights) CSS.highlights.set("nd-focus", new Highlight(range));
    const at = range.getBoundingClientRect(), outer = box.getBoundingClientRect();
    if (at.top < outer.top || at.bottom > outer.bottom) box.scrollTop += at.top - outer.top - box.clientHeight / 3;
  }
  function show() { box.innerHTML = model.get("html"); mark(); }
  function selected() {
    const sel = window.getSelection();
    if (!sel || !sel.rangeCount || sel.isCollapsed) return;
    const range = sel.getRangeAt(0), root = reader();
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    const old = model.get("selection") || {};
    if (old.start === start && old.end === end) return;
    model.set("selection", { start, end, text: sel.toString() });
    model.save_changes();
  }
  let timer = null;
  const soon = () => { clearTimeout(timer); timer = setTimeout(selected, 150); };
  document.addEventListener("selectionchange", soon);
  box.addEventListener("mouseup", () => setTimeout(selected, 0));
  function onKey(e) {
    e.stopPropagation();  // keys pressed inside the review are the review's, not the notebook's
    const t = e.target;
    const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable ||
                         (t.tagName === "SELECT" && !t.closest(".nd-entries")));  // a dropdown takes letters itself
    if (e.ctrlKey || e.metaKey || e.altKey || typing) return;
    if (KEYS[e.key]) { e.preventDefault(); model.send({ key: KEYS[e.key] }); }
  }
  let ui = null, tries = 0;
  function attach() {  // listen on the whole review, once it is on the page
    ui = el.closest(".nd-review");
    if (!ui && tries++ < 100) { requestAnimationFrame(attach); return; }
    ui = ui || el;
    if (!ui.hasAttribute("tabindex")) ui.tabIndex = -1;
    ui.setAttribute("data-lm-suppress-shortcuts", "true");
    ui.addEventListener("keydown", onKey);
    ui.classList.add("nd-keys-ready");
  }
  attach();
  model.on("change:html", show);
  model.on("change:focus", mark);
  show();
  return () => {
    document.removeEventListener("selectionchange", soon);
    if (ui) ui.removeEventListener("keydown", onKey);
  };
}
export default { render };
""".replace("__KEYS__", json.dumps(SHORTCUTS))

_CSS = """
.nd-article{max-height:70vh;overflow:auto;padding:0 .8em;border:1px solid #ddd;border-radius:4px}
.nd-article:focus{outline:2px solid #7fb3d5}
::highlight(nd-focus){background-color:#a9dfbf}
.nd-review .nd-entries select{font-family:monospace;font-size:12px}
.nd-review .nd-message-error{color:#a93226}
.nd-review .nd-message-ok{color:#1e8449}
"""


class ArticleView(anywidget.AnyWidget):
    """The article (the reader's HTML); reports the words selected in it and the keys pressed in the review."""

    _esm = _ESM
    _css = _CSS
    html = traitlets.Unicode("").tag(sync=True)
    focus = traitlets.List([]).tag(sync=True)  # [start, end] of the entry in view, in shown characters
    selection = traitlets.Dict({}).tag(sync=True)  # {start, end, text}: the words selected, in shown characters


def _button(label: str, css: str, tip: str, style: str = "") -> w.Button:
    return w.Button(description=label, tooltip=tip, button_style=style,
                    layout=w.Layout(width="auto", flex="0 0 auto")).add_class(css)  # never shrunk to "Accep…"


def _row(*children) -> w.HBox:
    return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap"))


class ReviewApp:
    """The review of one draft or annotation in a notebook: ``ReviewApp.open("../data")`` and show it."""

    def __init__(self, review: rv.Review):
        self.review = review
        self.index = next((i for i, e in enumerate(review.entries()) if e.pending), 0)
        self.article = ArticleView().add_class("nd-article-widget")
        self.article.on_msg(self._on_msg)
        self.article.observe(lambda _: self._show_selection(), "selection")
        self.progress = w.HTML().add_class("nd-progress")
        self.entries = w.Select(rows=10, layout=w.Layout(width="100%")).add_class("nd-entries")
        self.entries.observe(self._picked, "value")
        self.current = w.HTML().add_class("nd-current")
        self.message = w.HTML().add_class("nd-message")
        self.selected = w.HTML("Selected: nothing yet").add_class("nd-selection")
        self.speaker = w.Dropdown(description="Speaker", layout=w.Layout(width="95%")).add_class("nd-speaker")
        self.mode = w.Dropdown(options=rv.MODES, description="Mode").add_class("nd-mode")
        self.addressee = w.SelectMultiple(description="Addressee", rows=4,
                                          layout=w.Layout(width="95%")).add_class("nd-addressee")
        self.issued = w.Text(description="Issued", placeholder="YYYY-MM-DD, or DAY to DAY").add_class("nd-issued")
        self.due = w.Text(description="Due", placeholder="YYYY-MM-DD, or DAY to DAY").add_class("nd-due")
        self.new_id = w.Text(description="Id", placeholder="lower-case-id").add_class("nd-new-id")
        self.new_name = w.Text(description="Name").add_class("nd-new-name")
        self.new_kind = w.Dropdown(options=rv.ACTOR_KINDS, description="Kind").add_class("nd-new-kind")
        self._shown_dates = ("", "")
        buttons = {
            "accept": _button("Accept (a)", "nd-accept", "right as it stands: drop check:/confidence:", "success"),
            "reject": _button("Reject (r)", "nd-reject", "wrong: remove the entry", "danger"),
            "previous": _button("◀ Previous (p)", "nd-prev", "the entry before"),
            "next": _button("Next (n) ▶", "nd-next", "the entry after"),
            "undo": _button("Undo (u)", "nd-undo", "take back the last change"),
        }
        for name, button in buttons.items():
            button.on_click(lambda _, name=name: self.do(name))
        apply = _button("Apply edit", "nd-apply", "set speaker, mode, addressee (and dates) of the entry in view")
        apply.on_click(lambda _: self._act(self._apply))
        words = _button("Words ← selection", "nd-use-words", "the entry quotes the words selected in the article")
        words.on_click(lambda _: self._act(self._use_words))
        add = _button("Add statement from selection", "nd-add-statement",
                      "a statement the draft missed: the selected words, with the speaker, mode and addressee above")
        add.on_click(lambda _: self._act(self._add_statement))
        actor = _button("Add actor", "nd-add-actor", "a new actor for actors.yaml (written on save)")
        actor.on_click(lambda _: self._act(self._add_actor))
        save = _button("Save", "nd-save", "write annotations/NAME.yaml (and new actors to actors.yaml)", "primary")
        save.on_click(lambda _: self._act(self._save))
        self.deadline_box = w.VBox([self.issued, self.due]).add_class("nd-deadline-fields")
        edit = w.VBox([w.HTML("<b>Edit</b>"), self.speaker, self.mode, self.addressee, self.deadline_box,
                       _row(apply, words), self.selected, add]).add_class("nd-edit")
        new_actor = w.VBox([w.HTML("<b>New actor</b>"), self.new_id, self.new_name, self.new_kind,
                            actor]).add_class("nd-new-actor")
        left = w.VBox([self.current, _row(*buttons.values()), edit, new_actor,
                       w.HBox([save]), self.message], layout=w.Layout(width="44%", padding="0 1em 0 0"))
        right = w.VBox([self.article], layout=w.Layout(width="56%"))
        self.box = w.VBox([self.progress, w.HTML(f'<p class="nd-help">{HELP}</p>'), self.entries,
                           w.HBox([left, right])]).add_class("nd-review")
        self._busy = False
        self.refresh(article=True)

    @classmethod
    def open(cls, corpus, name: str | None = None) -> ReviewApp:
        return cls(rv.Review(corpus, name))

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)

    # -- view -------------------------------------------------------------------------------------

    def entry(self) -> rv.Entry | None:
        entries = self.review.entries()
        return entries[self.index] if entries else None

    def refresh(self, article: bool = False) -> None:
        r = self.review
        entries = r.entries()
        self.index = max(0, min(self.index, len(entries) - 1))
        done, total = r.progress()
        state = "unsaved changes" if r.changed else f"saved as {r.target.name}" if not r.from_draft else "not saved yet"
        self.progress.value = (f'<b class="nd-count">{done} of {total} reviewed</b> · {html.escape(r.source.name)} '
                               f"({'draft' if r.from_draft else 'annotation'}) · {state}")
        self._busy = True
        try:
            self.entries.options = [(_label(e), i) for i, e in enumerate(entries)]
            self.entries.value = self.index if entries else None
            names = r.actors()
            self.speaker.options = [("(no named source)", "")] + [(f"{n} ({i})", i) for i, n in names]
            self.addressee.options = [(f"{n} ({i})", i) for i, n in names]
            self._fill()
        finally:
            self._busy = False
        if article:
            corpus = r.preview()
            self.article.html = (article_html(corpus, r.article_id) if corpus is not None else
                                 f'<div class="nd-reader">{_plain(r.text)}</div>')
        entry = self.entry()
        self.article.focus = r.rendered_span(entry.key) if entry else []

    def _fill(self) -> None:
        entry = self.entry()
        if entry is None:
            self.current.value = "<i>No entries.</i>"
            return
        node = self.review.node(entry.key)
        check = f"<br>⚑ check: {html.escape(entry.check)}" if entry.check else ""
        sure = f"<br>confidence: {html.escape(entry.confidence)}" if entry.confidence else ""
        who = (node.get("speaker" if entry.kind == "statement" else "set_by")
               if entry.kind in ("statement", "deadline") else None)
        self.speaker.value = who if who in dict(self.review.actors()) else ""
        self.speaker.description = "Set by" if entry.kind == "deadline" else "Speaker"
        if entry.kind == "statement":
            self.mode.value = node.get("mode") if node.get("mode") in rv.MODES else "reported"
        to = node.get("addressee") if entry.kind in ("statement", "deadline") else None
        to = [to] if isinstance(to, str) else list(to or [])
        self.addressee.value = tuple(a for a in to if a in dict(self.review.actors()))
        self.deadline_box.layout.display = "" if entry.kind == "deadline" else "none"
        if entry.kind == "deadline":
            self.issued.value, self.due.value = _day_text(node.get("issued")), _day_text(node.get("due"))
            self._shown_dates = (self.issued.value, self.due.value)
        # last: once the entry shows, the form beside it already holds its values (updates arrive in order)
        kind, key = html.escape(entry.kind), html.escape(entry.id)  # quote=True: both also go into attributes
        self.current.value = (f'<div class="nd-entry" data-kind="{kind}" data-id="{key}">'
                              f"<b>{kind} {key}</b> "
                              f"{'(awaits review)' if entry.pending else '(reviewed)'}"
                              f"<br>{html.escape(entry.summary)}{check}{sure}</div>")

    def _show_selection(self) -> None:
        sel = self.article.selection
        if not sel:
            return
        start, end = self.review.from_rendered(sel["start"], sel["end"])
        self.selected.value = f"Selected: “{html.escape(self.review.text[start:end])}”"

    # -- actions ----------------------------------------------------------------------------------

    def _on_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("key") in SHORTCUTS.values():
            self.do(content["key"])

    def _picked(self, change) -> None:
        if not self._busy and change["new"] is not None:
            self.index = change["new"]
            self.refresh()

    def _act(self, action) -> None:
        try:
            said = action()
        except rv.ReviewError as err:
            self.message.value = f'<pre class="nd-message-error">{html.escape(str(err))}</pre>'
            return
        if said:
            self.message.value = f'<span class="nd-message-ok">{html.escape(said)}</span>'

    def do(self, action: str) -> None:
        """accept, reject, next or previous (the buttons and the keys)."""
        if action in ("next", "previous"):
            self.index += 1 if action == "next" else -1
            self.refresh()
            return
        if action == "undo":
            def back():
                said = self.review.undo()
                self.refresh(article=True)
                return said
            self._act(back)
            return
        entry = self.entry()
        if entry is None:
            return
        entries = self.review.entries()
        after = entries[self.index + 1].key if self.index + 1 < len(entries) else None

        def run():
            said = getattr(self.review, action)(entry.key)
            keys = [e.key for e in self.review.entries()]
            self.index = keys.index(after) if after in keys else len(keys) - 1
            self.refresh(article=True)
            return said
        self._act(run)

    def _words(self) -> tuple[int, int]:
        sel = self.article.selection
        if not sel:
            raise rv.ReviewError("no words selected: select words of the article first")
        return self.review.from_rendered(sel["start"], sel["end"])

    def _apply(self) -> str:
        entry = self.entry()
        if entry is None or entry.kind not in ("statement", "deadline"):
            raise rv.ReviewError("only a statement or a deadline has a speaker to edit; accept or reject this entry")
        fields = {"speaker": self.speaker.value or None, "addressee": list(self.addressee.value)}
        if entry.kind == "statement":
            fields["mode"] = self.mode.value
        else:
            if self.issued.value != self._shown_dates[0]:
                fields["issued"] = _parse_days(self.issued.value)
            if self.due.value != self._shown_dates[1]:
                fields["due"] = _parse_days(self.due.value)
        said = self.review.edit(entry.key, **fields)
        self.refresh(article=True)
        return said

    def _use_words(self) -> str:
        entry = self.entry()
        if entry is None:
            raise rv.ReviewError("no entry in view")
        said = self.review.set_words(entry.key, *self._words())
        self.refresh(article=True)
        return said

    def _add_statement(self) -> str:
        ident = self.review.add_statement(*self._words(), speaker=self.speaker.value or None, mode=self.mode.value,
                                          addressee=list(self.addressee.value))
        keys = [e.key for e in self.review.entries()]
        self.index = keys.index(("statement", ident))
        self.refresh(article=True)
        return f"added statement {ident}"

    def _add_actor(self) -> str:
        ident = self.review.add_actor(self.new_id.value, self.new_name.value, self.new_kind.value)
        self.new_id.value = self.new_name.value = ""
        self.refresh()
        self.speaker.value = ident
        return f"added actor {ident} (written to actors.yaml on save); it is chosen as speaker: Apply to use it"

    def _save(self) -> str:
        moving = [str(a["id"]) for a in self.review.confirmed_actors()]
        path = self.review.save()
        self.refresh(article=True)
        left = sum(e.pending for e in self.review.entries())
        added = f"; added {', '.join(moving)} to actors.yaml" if moving else ""
        return (f"saved {path}{added}. " + (f"{left} entries still carry check:/confidence: (unreviewed)."
                                              if left else "Every entry is reviewed."))


def _label(entry: rv.Entry) -> str:
    """One line of the list: reviewed or not, the entry, how sure the drafter was and what to check."""
    words = entry.summary if len(entry.summary) <= 60 else entry.summary[:59] + "…"
    flag = "⚑" if entry.pending else "✓"
    sure = f" [{entry.confidence}]" if entry.confidence else ""
    check = f" — check: {entry.check}" if entry.check else ""
    return f"{flag} {entry.kind} {entry.id}{sure} · {words}{check}"


def _plain(text: str) -> str:
    """The article unmarked, shown as the reader shows it (one break for each line end)."""
    return html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def _day_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and set(value) <= {"earliest", "latest", "reading"} and value.get("earliest"):
        early, late = value.get("earliest"), value.get("latest", value.get("earliest"))
        return str(early) if early == late else f"{early} to {late}"
    return "(as written in the file: " + ", ".join(f"{k}: {v}" for k, v in value.items()) + ")"


def _parse_days(text: str):
    text = text.strip()
    if not text:
        return None
    parts = [p.strip() for p in text.replace("..", " to ").split(" to ")]
    return parts[0] if len(parts) == 1 else tuple(parts)
