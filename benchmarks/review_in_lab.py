"""A scripted review of a drafted article in a real JupyterLab: how many actions, and how many seconds.

    python -m benchmarks.review_in_lab [--project PATH]

A copy of the project's seed corpus (tests/fixtures/seed, without its annotation) gets an invented article
of one story (the rescue of a carmaker), drafted by that project's `python -m helpers draft` with the entity
tagger; JupyterLab then serves that project's notebooks/5-review.ipynb, its kernel importing the project's
own helpers (PYTHONPATH=PATH). Chromium, driven by Playwright, reviews the draft as a careful analyst would
with the buttons that version has: every entry right as drafted is accepted, a wrong speaker or deadline
setter is chosen again, a wrong quote is selected anew, non-statements are rejected, a duplicate actor is
merged ("Merge into") or, without it, its entries are moved by hand and it is rejected, a wrong actor kind
is edited where an actor can be; "Accept all high-confidence entries" is used once the wrong high-confidence
entries are fixed, where the version has it. Then Save. Prints every action counted (clicks, key presses,
choices in a list or dropdown, words selected with the mouse), the wall seconds per action type and in all,
and what the version could not fix. Run it on two checkouts to compare them (`git worktree add`).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
NAME = "2024-03-11_quellmark-rescue"
ARTICLE = """Quellmark rescue: union and government race to save carmaker
BRENHAVEN – The government of Norland and the Federated Metalworkers Union on Monday opened talks on a \
rescue of Quellmark Motors, the country's last carmaker, which warned it would run out of cash within weeks.
Quellmark said it needed 400 million crowns by the end of March to keep its two plants running. "Without \
fresh money we cannot pay our suppliers after March 31," chief executive Darren Holloway told reporters in \
Brenhaven.
Industry Minister Ilse Tormund said the state was ready to take a minority stake but would not write a blank \
cheque. "We will not pour taxpayers' money into a company that refuses to change," Tormund said.
The union's leader, Mira Castellane, said workers would accept a pay freeze only if every job was guaranteed \
for three years. "Our members have carried this company for a decade," she said.
Holloway said the company would present a restructuring plan to the ministry by Friday. He added that \
closing the Ostvik plant was not on the table.
Tormund told parliament that the government had given Quellmark until March 31 to find private investors \
willing to match the state's money.
Castellane warned that the union would call a strike if the plan included job cuts. "We are ready to walk \
out the day they announce a single redundancy," Castellane said.
Harbourgate Bank, Quellmark's main lender, said it would extend a bridging loan of 60 million crowns if the \
government stake was agreed.
Prime Minister Jonas Elvik said the rescue was a test of whether Norland could still build cars. "This is \
about the future of our industry, not about one company," Elvik said.
The Metalworkers Federation said its negotiators would meet ministry officials again on Wednesday. Officials \
at Quellmark Auto declined to comment.
Holloway said he was confident a deal could be reached. "Everyone at the table wants Quellmark to survive," \
he said.
"""
# What a careful reviewer knows of this article: statements and deadlines by the start of their drafted words
SPEAKER = {"it would run out of cash": "quellmark_motors",
           "its negotiators would meet": "federated_metalworkers_union",
           "within weeks": "quellmark_motors"}  # a deadline's setter too
ADDRESSEE = {"had given Quellmark until March 31": "quellmark_motors"}
WORDS = {"parliament that the government": "the government had given Quellmark until March 31 to "
                                           "find private investors willing to match the state's money"}
NOT_STATEMENTS = ("reporters in Brenhaven", "to comment")
WRONG_MENTIONS = ("federated_metalworkers_union: it (1)",)  # "which warned it would…" is the carmaker
SAME_ACTOR = {"metalworkers_federation": "federated_metalworkers_union", "quellmark_auto": "quellmark_motors"}
ACTOR_KIND = {"norland": "state"}
ENTRY = """() => { const e = document.querySelector(".nd-current .nd-entry");
                 return e ? [e.dataset.kind, e.dataset.id] : [null, null]; }"""
CONSISTENT = """() => {  // the list's selected line is the entry in view: the list is not one update behind
  const e = document.querySelector(".nd-current .nd-entry"), s = document.querySelector(".nd-entries select");
  if (!e || !s || s.selectedIndex < 0) return !e;
  const line = s.options[s.selectedIndex].text.replace(/\u00a0/g, " ");
  return line.includes(` ${e.dataset.kind} ${e.dataset.id} `);
}"""
# what changes last once the kernel has answered: the message after an action, the entry after a move
SETTLED = {
    "message": "() => (document.querySelector('.nd-message') || {}).innerText || ''",
    "entry": f"() => JSON.stringify(({ENTRY})())",
}


def _env(project: Path) -> dict:
    paths = [str(project), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def _corpus(project: Path, work: Path) -> int:
    """The seed corpus without its annotation, the invented article and its draft; how many entries it has."""
    data = work / "data"
    shutil.copytree(project / "tests" / "fixtures" / "seed", data)
    for path in (data / "annotations").glob("*.yaml"):
        path.unlink()
    (data / "articles" / f"{NAME}.txt").write_text(ARTICLE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "helpers", "draft", str(data / "articles" / f"{NAME}.txt"),
                    "--reference-date", "2024-03-11"], cwd=project, env=_env(project), check=True,
                   stdout=subprocess.DEVNULL)
    count = ("from helpers.corpus.review_edits import Review; import sys; "
             "print(len(Review(sys.argv[1], sys.argv[2]).entries()))")
    out = subprocess.run([sys.executable, "-c", count, str(data), NAME], cwd=work, env=_env(project),
                         check=True,
                         capture_output=True, text=True).stdout
    return int(out.split()[-1])


def _notebook(project: Path, work: Path) -> None:
    """The project's review notebook, on the corpus above; its first cell says which helpers the kernel
    runs."""
    nb = json.loads((project / "notebooks" / "5-review.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell["metadata"].get("tags", []):
            cell["source"] = (f"corpus_folder = {str(work / 'data')!r}\ndraft = {NAME!r}\n"
                              "import helpers\nprint('kernel helpers:', helpers.__file__)\n")
        if cell["cell_type"] == "code":
            cell["outputs"] = []
    (work / "notebooks").mkdir()
    (work / "notebooks" / "5-review.ipynb").write_text(json.dumps(nb), encoding="utf-8")


FIND = """(words) => {  // the screen points of the first and the last letter of words, across highlights
  const root = document.querySelector(".nd-article .nd-reader");
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = []; let text = "", node;
  while ((node = walk.nextNode())) { nodes.push([node, text.length]); text += node.data; }
  const at = text.indexOf(words);
  if (at < 0) return null;
  const point = (i) => {
    const [n, from] = nodes.filter(([_, from]) => from <= i).pop(); return [n, i - from];
  };
  const [a, i] = point(at), [b, j] = point(at + words.length - 1);
  a.parentElement.scrollIntoView({block: "center"});
  const rect = (n, k) => { const r = document.createRange(); r.setStart(n, k); r.setEnd(n, k + 1);
                           return r.getBoundingClientRect(); };
  const first = rect(a, i), last = rect(b, j);
  return [first.left + 1, first.top + first.height / 2, last.right - 1, last.top + last.height / 2];
}"""


def _drag(page, words: str) -> None:
    """Drag the mouse over ``words`` in the article (highlighted parts included), as an analyst selects
    them."""
    box = page.evaluate(FIND, words)
    if not box:
        raise SystemExit(f"{words!r} is not in the article shown")
    page.mouse.move(box[0], box[1])
    page.mouse.down()
    page.mouse.move(box[2], box[3], steps=5)
    page.mouse.up()


class Reviewer:
    """The browser's side of the review: every action counted and timed until the review has answered."""

    def __init__(self, page, log: bool = False):
        self.page, self.log = page, log
        self.seconds = defaultdict(list)
        self.keys_ready = False  # keys reach the review once a button, the list or the article was clicked
        self.notes: list[str] = []

    def act(self, kind: str, do, wait="message") -> None:
        """Do one action and wait until the review shows its outcome: "message", "entry", a callable, or
        None."""
        settled = SETTLED.get(wait) if isinstance(wait, str) else None
        before = self.page.evaluate(settled) if settled else None
        t0 = time.perf_counter()
        do()
        if settled:
            self.page.wait_for_function(f"b => ({settled})() !== b", arg=before, timeout=30_000)
        elif wait is not None:
            wait()
        self.seconds[kind].append(time.perf_counter() - t0)
        if wait is not None:  # not timed: the script reads the list next, as the analyst would look at it
            self.page.wait_for_function(CONSISTENT, timeout=30_000)
        if self.log:
            now = self.page.evaluate(SETTLED["message"])[:110]
            print(f"  {kind:<16}{time.perf_counter() - t0:6.2f} s  {_current(self.page)}  {now}")
        error = self.page.locator(".nd-message .nd-message-error")
        if wait == "message" and error.count():
            self.notes.append(f"{kind}: {' '.join(error.inner_text().split())[:160]}")

    def click(self, css: str, wait="message") -> None:
        self.act("click", lambda: self.page.locator(css).first.click(), wait)
        self.keys_ready = True

    def key(self, key: str) -> None:
        self.act("key press", lambda: self.page.keyboard.press(key), "entry" if key in "np" else "message")

    def choose(self, css: str, ending: str) -> None:
        """Choose the option of a dropdown whose label ends with ``ending`` (an actor's "(id)"): the kernel
        says nothing back, but an action after it reaches the kernel after the choice."""
        labels = [t.replace("\xa0", " ") for t in self.page.locator(f"{css} option").all_inner_texts()]
        label = next(t for t in labels if t.endswith(ending))
        self.act("dropdown choice", lambda: self.page.locator(css).select_option(index=labels.index(label)),
                 None)
        self.keys_ready = False

    def select_words(self, words: str) -> None:
        shown = "w => (document.querySelector('.nd-selection') || {}).innerText?.includes(w)"
        self.act("words selected", lambda: _drag(self.page, words),
                 lambda: self.page.wait_for_function(shown, arg=words, timeout=15_000))
        self.keys_ready = True

    def press(self, key: str, css: str) -> None:
        """A shortcut when the review has the keys, else its button."""
        if self.keys_ready:
            self.key(key)
        else:
            self.click(css)

    def has(self, css: str) -> bool:
        return self.page.locator(css).count() > 0


def _entries(page) -> list[dict]:
    """The list's entries as shown: pending, kind, id, summary, high (bulk-acceptable)."""
    out = []
    for label in page.locator(".nd-entries select option").all_inner_texts():
        label = label.replace("\xa0", " ")
        head, _, rest = label[2:].partition(" · ")
        kind = "new actor" if head.startswith("new actor ") else head.split(" ")[0]
        ident = re.sub(r" \[(high|medium|low)\]$", "", head[len(kind) + 1:])
        out.append({"pending": label.startswith("⚑"), "kind": kind, "id": ident,
                    "summary": rest.split(" — ")[0],
                    "high": head.endswith("[high]") and " — check: " not in rest})
    return out


def _current(page) -> tuple[str, str]:
    return tuple(page.evaluate(ENTRY))


def _go_to(r: Reviewer, kind: str, ident: str) -> None:
    """To the entry: already in view, the next one (n), or picked in the list."""
    keys = [(e["kind"], e["id"]) for e in _entries(r.page)]
    target = keys.index((kind, ident))
    at = keys.index(_current(r.page)) if _current(r.page) in keys else -2
    if at == target:
        return
    if target == at + 1 and r.keys_ready:
        r.key("n")
        return
    r.act("entry picked", lambda: r.page.locator(".nd-entries select").select_option(index=target), "entry")
    r.keys_ready = True


def _words_of(entry: dict) -> str:
    return entry["summary"].split(": ", 1)[1] if ": " in entry["summary"] else entry["summary"]


def _names(page) -> dict[str, str]:
    """Actor id to name, as the speaker dropdown lists them ("Name (id)")."""
    labels = [t.replace("\xa0", " ") for t in page.locator(".nd-speaker select option").all_inner_texts()]
    return {m[2]: m[1] for m in (re.match(r"(.*) \(([^()]+)\)$", t) for t in labels) if m}


def _fix(entry: dict, names: dict[str, str]) -> str | None:
    """What a careful reviewer does to the entry as the list shows it now, beyond accepting it (None:
    accept)."""
    words, ident = _words_of(entry), entry["id"]
    if entry["kind"] == "new actor":
        return "same" if ident in SAME_ACTOR else "kind" if ident in ACTOR_KIND else None
    if entry["kind"] == "mention":
        return "reject" if ident in WRONG_MENTIONS else None
    if entry["kind"] == "statement" and words.startswith(NOT_STATEMENTS):
        return "reject"
    who = next((v for k, v in SPEAKER.items() if words.startswith(k)), None)
    if who and (entry["summary"].startswith(f"{names.get(who)}: ")
                or entry["summary"].endswith(f"({names.get(who)})")):
        return None  # names the right actor already (a merge moved it)
    for table, fix in ((WORDS, "words"), (SPEAKER, "speaker"), (ADDRESSEE, "addressee")):
        if any(words.startswith(start) for start in table):
            return fix
    return None


def _form_has(page, css: str, ident: str) -> bool:
    return page.locator(css).evaluate("(s, i) => [...s.selectedOptions].some(o "
                                      "=> o.text.endsWith('(' + i + ')'))",
                                      ident)


def _edit(r: Reviewer, entry: dict, fix: str) -> bool:
    """Fix a statement or deadline in view; whether it changed."""
    words = _words_of(entry)
    if fix == "words":
        r.select_words(next(v for k, v in WORDS.items() if words.startswith(k)))
        r.click("button.nd-use-words")
        return True
    table, css = (SPEAKER, ".nd-speaker select") if fix == "speaker" else (ADDRESSEE, ".nd-addressee select")
    ident = next(v for k, v in table.items() if words.startswith(k))
    if _form_has(r.page, css, ident):  # right already (a merge moved it)
        return False
    r.choose(css, f"({ident})")
    r.click("button.nd-apply")
    return True


def _merge(r: Reviewer, ident: str) -> None:
    if not _form_has(r.page, ".nd-actor-pick select", ident):
        r.choose(".nd-actor-pick select", f"({ident})")
    r.choose(".nd-merge-into select", f"({SAME_ACTOR[ident]})")
    r.click("button.nd-merge")


def _kind(r: Reviewer, ident: str) -> None:
    filled = "i => (document.querySelector('.nd-actor-id input') || {}).value === i"
    r.page.wait_for_function(filled, arg=ident, timeout=15_000)  # the panel follows the entry in view
    r.choose(".nd-actor-kind select", ACTOR_KIND[ident])
    r.click("button.nd-apply-actor")


def _handle(r: Reviewer, entry: dict, fix: str | None) -> None:
    """Review the entry (in view): fix it the way the version allows, then accept it unless it went."""
    if fix == "reject":
        r.press("r", "button.nd-reject")
        return
    if fix == "same":  # the version has "Merge into" (else _walk rejects it last)
        _merge(r, entry["id"])
        return
    if fix == "kind":
        if r.has(".nd-apply-actor"):
            _kind(r, entry["id"])
        else:
            r.notes.append(f"no actor edit: {entry['id']} accepted with its drafted kind")
    elif fix:
        _edit(r, entry, fix)
    r.press("a", "button.nd-accept")


def _now(r: Reviewer) -> tuple[dict, dict[str, str]]:
    return {(e["kind"], e["id"]): e for e in _entries(r.page)}, _names(r.page)


def _first_fixes(r: Reviewer) -> None:
    """Before "Accept all high-confidence entries": every entry needing a fix, fixed (and accepted if the bulk
    accept would not take it)."""
    for key in list(_now(r)[0]):
        now, names = _now(r)
        entry = now.get(key)
        fix = _fix(entry, names) if entry else None
        if fix is None:
            continue
        _go_to(r, *key)
        if fix in ("reject", "same", "kind") or not entry["high"]:
            _handle(r, entry, fix)
        else:
            _edit(r, entry, fix)


def _walk(r: Reviewer) -> None:
    """Every entry still awaiting review, top to bottom; a duplicate actor without a merge rejected last."""
    later: list = []
    for key in list(_now(r)[0]):
        now, names = _now(r)
        entry = now.get(key)
        if not entry or not entry["pending"]:
            continue
        if entry["kind"] == "mention" and entry["id"].split(":")[0] in SAME_ACTOR:
            continue  # a duplicate's own mention, still there without a merge: it goes when its actor goes
        fix = _fix(entry, names)
        if fix == "same" and not r.has(".nd-merge"):
            later.append(key)
            r.notes.append(f"no merge: {entry['id']} rejected once nothing names it; its mentions go with it")
            continue
        _go_to(r, *key)
        _handle(r, entry, fix)
    for key in later:
        _go_to(r, *key)
        r.press("r", "button.nd-reject")


def review(page, log: bool = False) -> Reviewer:
    r = Reviewer(page, log)
    r.click(".nd-article", wait=None)  # the keys go to the review
    if r.has("button.nd-accept-confident"):
        _first_fixes(r)
        r.click("button.nd-accept-confident")
    _walk(r)
    r.act("click", lambda: page.locator("button.nd-save").click(), lambda: page.wait_for_function(
        "() => /saved|cannot|refus/.test(document.querySelector('.nd-message').innerText)", timeout=60_000))
    return r


def _table(r: Reviewer, wall: float) -> None:
    print(f"{'action':<16}{'count':>7}{'seconds':>10}{'median s':>10}")
    for kind, seconds in sorted(r.seconds.items()):
        print(f"{kind:<16}{len(seconds):>7}{sum(seconds):>10.1f}{statistics.median(seconds):>10.2f}")
    every = [s for seconds in r.seconds.values() for s in seconds]
    print(f"{'all':<16}{len(every):>7}{sum(every):>10.1f}{statistics.median(every):>10.2f}")
    print(f"whole review, first action to saved: {wall:.1f} s wall "
          "(the actions above and the script reading the page)")


def _run(base: str, token: str, log: bool) -> tuple[Reviewer, float, list[str]]:
    from playwright.sync_api import sync_playwright

    from tests.present.test_review_browser import _open_review
    with sync_playwright() as p:
        browser, page, _shows = _open_review(p, base, token)
        said = [t for t in page.locator(".jp-OutputArea-output").all_inner_texts() if "helpers" in t]
        t0 = time.perf_counter()
        r = review(page, log)
        wall = time.perf_counter() - t0
        ending = [page.locator(s).inner_text() for s in (".nd-progress", ".nd-message")]
        browser.close()
    return r, wall, said + ending


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=HERE,
                        help="the checkout whose review runs (default: this)")
    parser.add_argument("--log", action="store_true", help="print each action as it is done")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    from tests.present.test_browser import CHROMIUM
    seed = project / "tests" / "fixtures" / "seed" / "articles"
    if CHROMIUM is None:
        print("chromium is missing: `make browser` installs it; nothing measured")
        return 0
    if (
        not seed.is_dir()
        or not any(seed.glob("*.txt"))
        or not (project / "notebooks" / "5-review.ipynb").is_file()
    ):
        print(f"the corpus texts or the review notebook are missing under {project}; nothing measured")
        return 0
    from tests.lab_server import lab_server
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "lab"
        drafted = _corpus(project, work)
        _notebook(project, work)
        saved, os.environ["PYTHONPATH"] = os.environ.get("PYTHONPATH"), _env(project)["PYTHONPATH"]
        try:
            with lab_server(work) as (base, token):
                r, wall, said = _run(base, token, args.log)
        finally:
            os.environ.pop("PYTHONPATH") if saved is None else os.environ.update(PYTHONPATH=saved)
        checked = subprocess.run([sys.executable, "-m", "helpers", "validate", str(work / "data")],
                                 cwd=project,
                                 env=_env(project), capture_output=True, text=True)
        said.append("validate: " + " / ".join((checked.stdout + checked.stderr).strip().splitlines()[-2:]))
    print(f"project {project}: a draft of {drafted} entries reviewed in JupyterLab")
    print("\n".join(" ".join(line.split())[:200] for line in said))
    _table(r, wall)
    for note in r.notes:
        print("note:", note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
