"""The review UI: a draft's entries beside its article, with accept, reject, edit and save (ipywidgets +
anywidget).

Keyboard, while the review has focus (click the article or a button first): ``a`` accept, ``r`` reject,
``n`` next, ``p`` previous, ``u`` undo. Words are taken from the article by selecting them with the mouse. The
logic lives in ``helpers.corpus.review_edits``; this module only shows it. Every part carries an ``nd-…`` CSS
class.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import html
import json

import anywidget
import ipywidgets as w
import traitlets

from helpers.corpus import review_edits as rv
from helpers.present.reader import article_html

ARTICLE_PAUSE = 0.4  # seconds without an action before the article is drawn again
SHORTCUTS = {"a": "accept", "r": "reject", "n": "next", "p": "previous", "u": "undo"}
HELP = ("Keys (click the article or a button first): <b>a</b> accept · <b>r</b> reject · <b>n</b> "
        "next · <b>p</b> previous · <b>u</b> undo. Select words in the article, then “Words ← "
        "selection”, “Cue ← selection”, “Add statement” or “Add deadline”. Two ids for one actor: "
        "“Merge into” under Actors of this file. Nothing is written until you press Save.")

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
        if (seen >= target) return [node.parentNode, \
Array.prototype.indexOf.call(node.parentNode.childNodes, node)];
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
    if (at.top < outer.top || at.bottom > outer.bottom) \
box.scrollTop += at.top - outer.top - box.clientHeight / 3;
  }
  function show() { box.innerHTML = model.get("html"); mark(); }
  let made = 0;
  function selected(again) {
    const sel = window.getSelection();
    if (!sel || !sel.rangeCount || sel.isCollapsed) return;
    const range = sel.getRangeAt(0), root = reader();
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    const old = model.get("selection") || {};
    if (!again && old.start === start && old.end === end) return;
    // a selection made again with the mouse is sent again: the form shows it even if the first was missed
    model.set("selection", { start, end, text: sel.toString(), made: ++made });
    model.save_changes();
  }
  let timer = null;
  const soon = () => { clearTimeout(timer); timer = setTimeout(() => selected(false), 150); };
  document.addEventListener("selectionchange", soon);
  box.addEventListener("mouseup", () => setTimeout(() => selected(true), 0));
  function onKey(e) {
    e.stopPropagation();  // keys pressed inside the review are the review's, not the notebook's
    const t = e.target;
    const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable ||
                         (t.tagName === "SELECT" && !t.closest(".nd-entries"))); \
 // a dropdown takes letters itself
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
    """The article (the reader's HTML); reports the words selected in it and the keys pressed in the
    review."""

    _esm = _ESM
    _css = _CSS
    html = traitlets.Unicode("").tag(sync=True)
    focus = traitlets.List([]).tag(sync=True)  # [start, end] of the entry in view, in shown characters
    # {start, end, text}: the words selected, in shown characters
    selection = traitlets.Dict({}).tag(sync=True)


def _button(label: str, css: str, tip: str, style: str = "") -> w.Button:
    return w.Button(description=label, tooltip=tip, button_style=style,
                    layout=w.Layout(width="auto", flex="0 0 auto")).add_class(css)  # never shrunk to "Accep…"


def _row(*children) -> w.HBox:
    return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap"))


class ReviewApp:
    """The review of one draft or annotation in a notebook: ``ReviewApp.open("../data")`` and show it."""

    def __init__(self, review: rv.Review):
        self.review = review
        self.key = next((e.key for e in review.entries() if e.pending), None)  # the entry in view
        self.article = ArticleView().add_class("nd-article-widget")
        self.article.on_msg(self._on_msg)
        self.article.observe(lambda _: self._show_selection(), "selection")
        self.progress = w.HTML().add_class("nd-progress")
        self.entries = w.Select(rows=10, layout=w.Layout(width="100%")).add_class("nd-entries")
        self.entries.observe(self._picked, "value")
        self.current = w.HTML().add_class("nd-current")
        self.message = w.HTML().add_class("nd-message")
        self.selected = w.HTML("Selected: nothing yet").add_class("nd-selection")
        self._shown: dict = {}  # what the form showed of the entry in view, so that only changes are applied
        self._form_key = None  # the entry the form was filled for
        self._actor_entry = None  # the entry in view when the actor panel last followed it
        self._drawn = None  # the review's version the article shows
        self._timer = None
        self._busy = False
        self.box = w.VBox([self.progress, self._story_row(), w.HTML(f'<p class="nd-help">{HELP}</p>'),
                           self.entries,
                           w.HBox([self._left(), w.VBox([self.article], layout=w.Layout(width="56%"))])]
                          ).add_class("nd-review")
        self.refresh()
        self._draw_article()

    def _left(self) -> w.VBox:
        """Buttons, the edit form and the new actor's form."""
        buttons = {
            "accept": _button("Accept (a)", "nd-accept", "right as it stands: drop check:/confidence:",
                              "success"),
            "reject": _button("Reject (r)", "nd-reject", "wrong: remove the entry", "danger"),
            "previous": _button("◀ Previous (p)", "nd-prev", "the entry before"),
            "next": _button("Next (n) ▶", "nd-next", "the entry after"),
            "undo": _button("Undo (u)", "nd-undo", "take back the last change"),
        }
        for name, button in buttons.items():
            button.on_click(lambda _, name=name: self.do(name))
        sure = _button("Accept all high-confidence entries", "nd-accept-confident",
                       "accept every entry marked confidence: high "
                       "with nothing to check (one undo takes it back)")
        sure.on_click(lambda _: self._act(self._accept_confident))
        save = _button("Save", "nd-save", "write annotations/NAME.yaml (and new actors to actors.yaml)",
                       "primary")
        save.on_click(lambda _: self._act(self._save))
        return w.VBox([self.current, _row(*buttons.values()), _row(sure), self._edit_form(),
                       self._actor_form(),
                       self._actor_panel(), w.HBox([save]), self.message],
                      layout=w.Layout(width="44%", padding="0 1em 0 0"))

    def _edit_form(self) -> w.VBox:
        self.speaker = w.Dropdown(description="Speaker", layout=w.Layout(width="95%")).add_class("nd-speaker")
        self.mode = w.Dropdown(options=rv.MODES, description="Mode").add_class("nd-mode")
        self.addressee = w.SelectMultiple(description="Addressee", rows=4,
                                          layout=w.Layout(width="95%")).add_class("nd-addressee")
        self.topics = w.SelectMultiple(description="Topics", rows=4,
                                       layout=w.Layout(width="95%")).add_class("nd-topics")
        self.issued = w.Text(description="Issued",
                             placeholder="YYYY-MM-DD, or DAY to DAY").add_class("nd-issued")
        self.due = w.Text(description="Due", placeholder="YYYY-MM-DD, or DAY to DAY").add_class("nd-due")
        self.made_in = w.Dropdown(description="Statement").add_class("nd-made-in")
        self.same_as = w.Dropdown(description="Same as").add_class("nd-same-as")
        self.demand = w.Text(description="Demand", placeholder="what is demanded").add_class("nd-demand")
        self.deadline_box = w.VBox([self.issued, self.due, self.made_in, self.same_as, self.demand]
                                   ).add_class("nd-deadline-fields")
        actions = [("Apply edit", "nd-apply", "set the fields above on the entry in view (and no other)",
                    self._apply),
                   ("Words ← selection", "nd-use-words", "the entry quotes the words selected in the article",
                    self._use_words),
                   ("Cue ← selection", "nd-use-cue", "the statement's reporting verb is the word selected",
                    self._use_cue),
                   ("Add statement from selection", "nd-add-statement",
                    "a statement the draft missed: the selected "
                    "words, with the speaker, mode and addressee above",
                    self._add_statement),
                   ("Add deadline from selection", "nd-add-deadline",
                    "a deadline the draft missed: the selected words state it; set by the speaker above",
                    self._add_deadline)]
        made = {}
        for label, css, tip, action in actions:
            made[css] = _button(label, css, tip)
            made[css].on_click(lambda _, action=action: self._act(action))
        return w.VBox([w.HTML("<b>Edit</b>"), self.speaker, self.mode, self.addressee, self.topics,
                       self.deadline_box,
                       _row(made["nd-apply"], made["nd-use-words"], made["nd-use-cue"]), self.selected,
                       _row(made["nd-add-statement"], made["nd-add-deadline"])]).add_class("nd-edit")

    def _actor_form(self) -> w.VBox:
        self.new_id = w.Text(description="Id", placeholder="lower-case-id").add_class("nd-new-id")
        self.new_name = w.Text(description="Name").add_class("nd-new-name")
        self.new_kind = w.Dropdown(options=rv.ACTOR_KINDS, description="Kind").add_class("nd-new-kind")
        actor = _button("Add actor", "nd-add-actor", "a new actor for actors.yaml (written on save)")
        actor.on_click(lambda _: self._act(self._add_actor))
        return w.VBox([w.HTML("<b>New actor</b>"), self.new_id, self.new_name, self.new_kind, actor]
                      ).add_class("nd-new-actor")

    def _actor_panel(self) -> w.VBox:
        """Merge one of this file's actors into another; change a proposed actor's id, name, aliases and
        kind."""
        wide = w.Layout(width="95%")
        self.actor_pick = w.Dropdown(description="Actor", layout=wide).add_class("nd-actor-pick")
        self.merge_into = w.Dropdown(description="Into", layout=wide).add_class("nd-merge-into")
        merge = _button("Merge into", "nd-merge",
                        "the actor above becomes the one chosen in Into, in this file: its "
                        "mentions, statements and deadlines follow; a proposal's names become aliases")
        merge.on_click(lambda _: self._act(self._merge))
        self.actor_id = w.Text(description="Id").add_class("nd-actor-id")
        self.actor_name = w.Text(description="Name").add_class("nd-actor-name")
        self.actor_aliases = w.Textarea(description="Aliases", placeholder="one a line", rows=3,
                                        layout=wide).add_class("nd-actor-aliases")
        self.actor_kind = w.Dropdown(options=rv.ACTOR_KINDS, description="Kind").add_class("nd-actor-kind")
        apply = _button("Apply actor edit", "nd-apply-actor",
                        "set the id, name, aliases and kind above on the "
                        "proposed actor (a new id is rewritten in this file's entries)")
        apply.on_click(lambda _: self._act(self._apply_actor))
        self.actor_note = w.HTML().add_class("nd-actor-note")
        self.actor_fields = w.VBox([self.actor_id, self.actor_name, self.actor_aliases, self.actor_kind,
                                    apply]
                                   ).add_class("nd-actor-fields")
        self._actor_shown: dict = {}
        self.actor_pick.observe(lambda _: self._fill_actor(), "value")
        return w.VBox([w.HTML("<b>Actors of this file</b>"), self.actor_pick, self.merge_into, merge,
                       self.actor_note,
                       self.actor_fields]).add_class("nd-actor-panel")

    def _story_row(self) -> w.HBox:
        self.story = w.Text(description="Story", placeholder="label shared by the story's articles",
                            layout=w.Layout(width="40em")).add_class("nd-story")
        button = _button("Set story", "nd-set-story", "metadata: story: (one line, at most 60 characters)")
        button.on_click(lambda _: self._act(self._set_story))
        self._story_shown = None
        return _row(self.story, button)

    @classmethod
    def open(cls, corpus, name: str | None = None) -> ReviewApp:
        return cls(rv.Review(corpus, name))

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)

    # -- view -------------------------------------------------------------------------------------

    def entry(self) -> rv.Entry | None:
        """The entry in view (None when the file has none)."""
        entries = self.review.entries()
        return next((e for e in entries if e.key == self.key), entries[0] if entries else None)

    def refresh(self) -> None:
        """Show the review as it is now: the list, the entry in view with its form, its place in the article.
        The article itself is drawn again soon after (``_article_soon``), not at every key press."""
        r = self.review
        entries = r.entries()
        keys = [e.key for e in entries]
        self.key = self.key if self.key in keys else (keys[0] if keys else None)
        done, total = r.progress(entries)
        state = (
            "unsaved changes"
            if r.changed
            else f"saved as {r.target.name}"
            if not r.from_draft
            else "not saved yet"
        )
        self.progress.value = (f'<b class="nd-count">{done} of {total} reviewed</b> · '
                               f'{html.escape(r.source.name)} '
                               f"({'draft' if r.from_draft else 'annotation'}) · {state}")
        if self._story_shown != r.story():
            self._story_shown = self.story.value = r.story() or ""
        self._busy = True
        try:
            labels = [(_label(e), i) for i, e in enumerate(entries)]
            if labels != list(self.entries.options):
                self.entries.options = labels
            self.entries.value = keys.index(self.key) if entries else None
            self._choices()
            self._fill(entries[keys.index(self.key)] if entries else None)
        finally:
            self._busy = False
        self.article.focus = r.rendered_span(self.key) if self.key else []
        if self._drawn != r.version:
            self._article_soon()

    def _choices(self) -> None:
        """The dropdowns' options, set only when they changed (each change is sent to the browser)."""
        r = self.review
        names = r.choices()
        _options(self.speaker, [("(no named source)", "")] + [(f"{n} ({i})", i) for i, n in names])
        _options(self.addressee, [(f"{n} ({i})", i) for i, n in names])
        _options(self.topics, [(f"{label} ({i})", i) for i, label in r.topic_choices()])
        _options(self.made_in, [("(none)", "")] + [(str(s["id"]), str(s["id"]))
                                                   for s in r.data.get("statements") or []])
        _options(self.same_as,
                 [("(none)", "")] + [(str(d["id"]), str(d["id"])) for d in r.data.get("deadlines") or []])
        _options(self.merge_into, [(f"{n} ({i})", i) for i, n in names], keep=True)
        _options(self.actor_pick, [(f"{n} ({i})", i) for i, n in r.file_actors()], keep=True)
        self._fill_actor()

    def _fill(self, entry: rv.Entry | None) -> None:
        """The form shows the entry in view, every box reset: nothing is left from the entry shown before."""
        self._form_key = entry.key if entry else None
        if entry is None:
            self.current.value = "<i>No entries.</i>"
            return
        node = self.review.node(entry.key)
        kind = entry.kind
        # a proposal in view: the actor panel shows it
        if kind == "new actor" and entry.key != self._actor_entry:
            _choose(self.actor_pick, entry.id)
        self._actor_entry = entry.key
        linked = kind in ("statement", "deadline")
        who = node.get("speaker" if kind == "statement" else "set_by") if linked else None
        self.speaker.value = who if who in dict(self.review.actors()) else ""
        self.speaker.description = "Set by" if kind == "deadline" else "Speaker"
        self.mode.value = (
            node.get("mode") if kind == "statement" and node.get("mode") in rv.MODES else "reported"
        )
        to = node.get("addressee") if linked else None
        to = [to] if isinstance(to, str) else list(to or [])
        self.addressee.value = tuple(a for a in to if a in dict(self.review.actors()))
        topics = [str(t) for t in node.get("topics") or []] if kind == "statement" else []
        offered = {i for _, i in self.topics.options}
        self.topics.value = tuple(t for t in topics if t in offered)
        self.topics.layout.display = "" if kind == "statement" else "none"
        self.deadline_box.layout.display = "" if kind == "deadline" else "none"
        deadline = node if kind == "deadline" else {}
        self.issued.value, self.due.value = _day_text(deadline.get("issued")), _day_text(deadline.get("due"))
        _choose(self.made_in, str(deadline.get("statement") or ""))
        _choose(self.same_as, str(deadline.get("same_as") or ""))
        self.demand.value = str(deadline.get("demand") or "")
        self._shown = self._form()
        # last: once the entry shows, the form beside it already holds its values (updates arrive in order)
        check = f"<br>⚑ check: {html.escape(entry.check)}" if entry.check else ""
        sure = f"<br>confidence: {html.escape(entry.confidence)}" if entry.confidence else ""
        kind, key = html.escape(entry.kind), html.escape(entry.id)  # quote=True: both also go into attributes
        self.current.value = (f'<div class="nd-entry" data-kind="{kind}" data-id="{key}">'
                              f"<b>{kind} {key}</b> "
                              f"{'(awaits review)' if entry.pending else '(reviewed)'}"
                              f"<br>{html.escape(entry.summary)}{check}{sure}</div>")

    def _form(self) -> dict:
        return {"speaker": self.speaker.value, "mode": self.mode.value,
                "addressee": set(self.addressee.value), "topics": set(self.topics.value),
                "issued": self.issued.value, "due": self.due.value, "statement": self.made_in.value,
                "same_as": self.same_as.value, "demand": self.demand.value}

    def _changed(self) -> dict:
        """The boxes the analyst changed since the entry in view was shown, with their values now."""
        now = self._form()
        return {k: v for k, v in now.items() if v != self._shown.get(k)}

    def _article_soon(self) -> None:
        """Draw the article again once the analyst pauses: drawing a long draft takes a good part of a second,
        and key presses in a row should not wait for it. Without a running event loop (a script), at once."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._draw_article()
            return
        if self._timer is not None:
            self._timer.cancel()
        self._timer = loop.call_later(ARTICLE_PAUSE, self._draw_article)

    def _draw_article(self) -> None:
        """The article with every entry highlighted, as the file stands; when the file would not load, the
        article as it last loaded stays (with its highlights), and the message says why it is not redrawn."""
        self._timer = None
        r = self.review
        if self._drawn == r.version:
            return
        corpus = r.preview()
        self._drawn = r.version
        if corpus is not None:
            self.article.html = article_html(corpus, r.article_id)
        elif not self.article.html:
            self.article.html = f'<div class="nd-reader">{_plain(r.text)}</div>'
        else:
            self.message.value = ('<span class="nd-message-error">the file would not validate as it stands '
                                  "(Save lists why): the article shows it as it last loaded</span>")

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
        if self._busy or change["new"] is None:
            return
        entries = self.review.entries()
        if change["new"] < len(entries):
            self.key = entries[change["new"]].key
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
        """accept, reject, next, previous or undo (the buttons and the keys)."""
        keys = [e.key for e in self.review.entries()]
        at = keys.index(self.key) if self.key in keys else 0
        if action in ("next", "previous"):
            if keys:
                self.key = keys[max(0, min(len(keys) - 1, at + (1 if action == "next" else -1)))]
            self.refresh()
            return
        if action == "undo":
            self._act(lambda: self._then_refresh(self.review.undo()))
            return
        if self.key is None:
            return
        after = keys[at + 1] if at + 1 < len(keys) else None

        def run():
            said = getattr(self.review, action)(self.key)
            now = [e.key for e in self.review.entries()]
            self.key = after if after in now else (now[-1] if now else None)
            return self._then_refresh(said)
        self._act(run)

    def _then_refresh(self, said: str) -> str:
        self.refresh()
        return said

    def _words(self) -> tuple[int, int]:
        sel = self.article.selection
        if not sel:
            raise rv.ReviewError("no words selected: select words of the article first")
        return self.review.from_rendered(sel["start"], sel["end"])

    def _apply(self) -> str:
        """The boxes changed since the entry was shown go to the entry in view, and to no other."""
        entry = self.entry()
        if entry is None or entry.kind not in ("statement", "deadline"):
            raise rv.ReviewError("only a statement or a deadline has a "
                                 "speaker to edit; accept or reject this entry")
        if entry.key != self._form_key:
            raise rv.ReviewError("the form shows another entry than the one in view; nothing was changed")
        changed = self._changed()
        fields = {"speaker": self.speaker.value or None, "addressee": list(self.addressee.value)}
        if entry.kind == "statement":
            fields["mode"] = self.mode.value
            if "topics" in changed:
                fields["topics"] = list(self.topics.value)
        for name in ("issued", "due") if entry.kind == "deadline" else ():
            if name in changed:
                fields[name] = _parse_days(changed[name])
        for name in ("statement", "same_as", "demand") if entry.kind == "deadline" else ():
            if name in changed:
                fields[name] = changed[name] or None
        return self._then_refresh(self.review.edit(entry.key, **fields))

    def _use_words(self) -> str:
        if self.key is None:
            raise rv.ReviewError("no entry in view")
        return self._then_refresh(self.review.set_words(self.key, *self._words()))

    def _use_cue(self) -> str:
        if self.key is None:
            raise rv.ReviewError("no entry in view")
        return self._then_refresh(self.review.set_cue(self.key, *self._words()))

    def _add_statement(self) -> str:
        """The selected words as a statement: speaker and mode as the boxes show them, the addressee only when
        chosen since the entry in view was shown (else it would be that entry's)."""
        addressee = list(self.addressee.value) if "addressee" in self._changed() else []
        ident = self.review.add_statement(*self._words(), speaker=self.speaker.value or None,
                                          mode=self.mode.value,
                                          addressee=addressee)
        self.key = ("statement", ident)
        self.refresh()
        cue = self.review.node(self.key).get("cue")
        return f"added statement {ident}" + ("" if cue is None else f" (cue: {rv.quoted_words(cue)!r})") + (
            "" if cue is not None
            else "; no reporting verb in its sentence: select one and press Cue ← selection")

    def _add_deadline(self) -> str:
        """The selected words as a deadline set by the speaker box's actor, made in the statement in view."""
        addressee = list(self.addressee.value) if "addressee" in self._changed() else []
        statement = self.key[1] if self.key and self.key[0] == "statement" else None
        ident = self.review.add_deadline(*self._words(), set_by=self.speaker.value or None,
                                         addressee=addressee,
                                         statement=statement)
        self.key = ("deadline", ident)
        self.refresh()
        made = f", made in statement {statement}" if statement else ""
        return (f"added deadline {ident}{made}: fill in its issued "
                "and due days and what it demands, then Apply edit")

    def _add_actor(self) -> str:
        """A new actor; the entry in view stays in view, its speaker box set to the new actor (Apply gives
        it)."""
        ident = self.review.add_actor(self.new_id.value, self.new_name.value, self.new_kind.value)
        self.new_id.value = self.new_name.value = ""
        self.refresh()
        entry = self.entry()
        if entry is None or entry.kind not in ("statement", "deadline"):
            return f"added actor {ident} (written to actors.yaml on save)"
        self.speaker.value = ident
        role = "speaker" if entry.kind == "statement" else "setter"
        return (f"added actor {ident} (written to actors.yaml on save); it is "
                f"chosen as {role} of {entry.kind} {entry.id}: Apply edit to use it")

    def _fill_actor(self) -> None:
        """The actor panel's fields show the actor chosen: a proposal's to edit, or where a registered one is
        changed. Filled again only when another actor (or the same one, changed) is chosen."""
        ident = self.actor_pick.value
        node = self.review.proposal(ident) if ident else None
        shown = (
            None
            if node is None
            else {
                "id": str(node["id"]),
                "name": str(node.get("name") or ""),
                "aliases": "\n".join(rv.actor_names({"aliases": node.get("aliases")})),
                "kind": node.get("kind") if node.get("kind") in rv.ACTOR_KINDS else None,
            }
        )
        if shown == self._actor_shown and shown is not None:
            return
        self._actor_shown = shown or {}
        self.actor_fields.layout.display = "" if node is not None else "none"
        if node is None:
            self.actor_note.value = ("" if not ident
                                     else f"<i>{html.escape(ident)} is in actors.yaml: change "
                                          "it with <code>python -m helpers actors edit "
                                          f"{html.escape(ident)} …</code> (every file)</i>")
            return
        self.actor_note.value = ("<i>proposed in this file: edit it below, "
                                 "or merge it into the actor meant</i>")
        self.actor_id.value, self.actor_name.value = shown["id"], shown["name"]
        self.actor_aliases.value = shown["aliases"]
        self.actor_kind.value = shown["kind"]

    def _merge(self) -> str:
        """Merge the actor chosen into the one in Into; the entry in view stays (under its new id, if it has
        one)."""
        old, new = self.actor_pick.value, self.merge_into.value
        keys = [e.key for e in self.review.entries()]
        after = keys[keys.index(self.key) + 1:] if self.key in keys else []
        said = self.review.merge_actor(old, new)
        self._follow(old, new, after)
        self._actor_shown = {}
        _choose(self.actor_pick, new)
        return self._then_refresh(said)

    def _apply_actor(self) -> str:
        """The actor fields changed since the proposal was shown go to it."""
        ident = self.actor_pick.value
        shown = self._actor_shown
        if not ident or not shown or shown["id"] != ident:
            raise rv.ReviewError("choose a proposed actor of this file first (registered "
                                 "actors are changed with python -m helpers actors edit)")
        now = {"id": self.actor_id.value.strip(), "name": self.actor_name.value,
               "aliases": self.actor_aliases.value, "kind": self.actor_kind.value}
        changed = {k: v for k, v in now.items() if v != shown[k]}
        if not changed:
            raise rv.ReviewError(f"nothing to change: edit {ident}'s id, name, aliases or kind first")
        fields = {("new_id" if k == "id" else k): v for k, v in changed.items()}
        if "aliases" in fields:
            fields["aliases"] = [a.strip() for a in fields["aliases"].splitlines() if a.strip()]
        said = self.review.edit_actor(ident, **fields)
        new = str(fields.get("new_id", ident))
        self._follow(ident, new)
        self._actor_shown = {}
        self.refresh()
        _choose(self.actor_pick, new)
        return said

    def _follow(self, old: str, new: str, after: list = ()) -> None:
        """The entry in view after ``old`` became ``new``: the same entry under its new key (a mention or
        proposal of ``old``), or, when it is gone (a proposal merged away), the first of ``after`` still
        there."""
        kind, ident = self.key or (None, "")
        if kind == "mention" and ident.startswith(f"{old}: "):
            self.key = (kind, f"{new}: {ident[len(old) + 2:]}")
        elif (kind, ident) == ("new actor", old):
            keys = [e.key for e in self.review.entries()]
            self.key = ("new actor", new) if ("new actor",
                                              new) in keys else next((k for k in after if k in keys), None)

    def _accept_confident(self) -> str:
        return self._then_refresh(self.review.accept_confident())

    def _set_story(self) -> str:
        said = self.review.set_story(self.story.value)
        self._story_shown = None
        return self._then_refresh(said)

    def _save(self) -> str:
        moving = [str(a["id"]) for a in self.review.confirmed_actors()]
        aliases = self.review.aliases_to_register()
        path = self.review.save()
        self.refresh()
        left = sum(e.pending for e in self.review.entries())
        added = f"; added {', '.join(moving)} to actors.yaml" if moving else ""
        added += "".join(f"; added {', '.join(names)} to the aliases of {ident} in actors.yaml"
                         for ident, names in aliases.items())
        return (f"saved {path}{added}. " + (f"{left} entries still carry check:/confidence: (unreviewed)."
                                              if left else "Every entry is reviewed."))


def _options(widget, options: list, keep: bool = False) -> None:
    """Set a widget's options when they changed; ``keep``: the value chosen stays chosen while it is
    offered."""
    if [tuple(o) for o in widget.options] != options:
        value = widget.value
        widget.options = options
        if keep and value in [v for _, v in options]:
            widget.value = value


def _choose(widget, value: str) -> None:
    """Pick ``value`` in a dropdown, or its first option (none) when the file names an id the dropdown
    lacks."""
    widget.value = value if value in [v for _, v in widget.options] else widget.options[0][1]


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
    if isinstance(value, (str, dt.date)):  # an unquoted day in the file is read as a date
        return str(value)
    if isinstance(value, dict) and set(value) <= {"earliest", "latest", "reading"} and value.get("earliest"):
        early, late = value.get("earliest"), value.get("latest", value.get("earliest"))
        return str(early) if early == late else f"{early} to {late}"
    if isinstance(value, dict):
        return "(as written in the file: " + ", ".join(f"{k}: {v}" for k, v in value.items()) + ")"
    return f"(as written in the file: {value})"


def _parse_days(text: str):
    text = text.strip()
    if not text:
        return None
    parts = [p.strip() for p in text.replace("..", " to ").split(" to ")]
    return parts[0] if len(parts) == 1 else tuple(parts)
