"""Review a draft, or re-open an annotation: list its entries, accept, reject or edit them, save.

Pure logic for the review notebook (``notebooks/5-review.ipynb``, UI in ``helpers.present.review_widget``).
Files are read and written with ruamel.yaml's round trip, so comments, quoting and layout stay as the
analyst left them. Saving writes ``<corpus>/annotations/NAME.yaml`` (through a temporary file and a
rename), appends the actors the analyst confirmed to ``actors.yaml`` (and to a registered actor's aliases the
names of proposals merged into it), and changes no other file: never the article, never the draft. Merging or
renaming actors here changes this file only; ``python -m helpers actors`` does it for the whole corpus. It
refuses to overwrite an annotation that changed on disk since it was opened, and to write a file that
``python -m helpers validate`` would reject.
"""
from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from helpers.core.anchoring import anchor, find_all
from helpers.core.atomic import write_atomically
from helpers.core.problems import CorpusError, Problem
from helpers.core.reporting_verbs import cue_matches
from helpers.corpus import actor_edits
from helpers.corpus.annotation import STORY_LENGTH
from helpers.corpus.files import waiting_drafts as corpus_drafts
from helpers.corpus.model import ACTOR_KINDS, BY_NAME, DEADLINE, DEFAULT_MODE, IDENTIFIED, STATEMENT
from helpers.corpus.model import MODES as ALL_MODES
from helpers.corpus.registry import read_entries, topic_in_story
from helpers.corpus.roundtrip import dump_text, load_text
from helpers.corpus.schema import Topic
from helpers.paths import PROJECT

KINDS = ("new actor", "statement", "deadline", "mention")
MODES = (DEFAULT_MODE, *(m for m in ALL_MODES if m != DEFAULT_MODE))  # the mode choice opens on the default
REVIEW_KEYS = ("check", "confidence")
_KEEP = object()  # an edit argument left as it is
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_STORY_LINE = re.compile(r"^[ \t]+story:[ \t]*(.*)$", re.M)
_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # for files only read, never written back
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?=\s)|\n")
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
STATEMENT_FIELDS = STATEMENT.names  # the order an entry's keys are written in
DEADLINE_FIELDS = DEADLINE.names
HEADER = "Annotation reviewed from drafts/{name} in notebooks/5-review.ipynb. Format: data/README.md"


class ReviewError(Exception):
    """An action that cannot be done as asked; the message says why and what to do instead."""

    def _render_traceback_(self) -> list[str]:
        # a notebook shows the message, not our internals: it is the analyst's file, not a bug
        return [str(self)]


def _undoable(method):
    """A change to the session: the containers it changes are kept as they were, for ``undo()``; a refused
    change is taken back at once and leaves no step to undo. A change made inside another is part of it."""
    def run(self, *args, **kwargs):
        if self._kept is not None:
            return method(self, *args, **kwargs)
        self._kept = {}
        try:
            result = method(self, *args, **kwargs)
        except BaseException:
            _restore(self._kept)
            raise
        finally:
            kept, self._kept = self._kept, None
        self._history.append((kept, self.changed))
        self.changed = True
        self.version += 1
        return result
    run.__name__, run.__doc__, run.__wrapped__ = method.__name__, method.__doc__, method
    return run


def _state(obj):
    """What a mapping or list of the file holds now (its items and the comments attached to them), shallowly:
    the containers inside it are kept on their own when they change."""
    if isinstance(obj, CommentedMap):
        return list(obj.items()), dict(obj.ca.items), obj.ca.comment
    return list(obj), dict(obj.ca.items), obj.ca.comment


def _restore(kept: dict) -> None:
    """Put every kept container back as it was."""
    for obj, (items, comments, comment) in kept.values():
        if isinstance(obj, CommentedMap):
            for key in list(obj):
                del obj[key]
            for key, value in items:
                obj[key] = value
        else:
            list.__delitem__(obj, slice(None))  # the list's own methods: its comments are put back below
            list.extend(obj, items)
        obj.ca._items, obj.ca.comment = comments, comment


@dataclass(frozen=True)
class Entry:
    """One reviewable entry: a proposed actor, a statement, a deadline, or a mention the drafter flagged."""

    kind: str
    id: str
    check: str | None
    confidence: str | None
    summary: str

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.id

    @property
    def pending(self) -> bool:
        return bool(self.check or self.confidence)


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def replace_file(path: Path, content: str) -> None:
    """Write ``path`` whole or not at all, a symlink followed and the file's permissions kept."""
    write_atomically(path, content)


# ---- finding drafts -----------------------------------------------------------------------------

def _annotation_of(root: Path, name: str) -> Path | None:
    return next((p for ext in (".yaml", ".yml") if (p := root / "annotations" / f"{name}{ext}").is_file()),
                None)


def waiting_draft_names(corpus: str | os.PathLike) -> list[str]:
    """Names of the drafts in ``<corpus>/drafts/`` that have no annotation yet, in order."""
    return [p.stem for p in corpus_drafts(Path(corpus))]


def nothing_waiting(corpus: str | os.PathLike) -> str:
    """The sentence the review notebook prints when no draft waits, with the commands that make one."""
    folder = Path(corpus).resolve()
    named = os.path.relpath(folder, PROJECT) if folder.is_relative_to(PROJECT) else str(folder)
    return (f"No draft waits for review in {Path(corpus) / 'drafts'}/. To make one, run from the "
            f"project folder `python -m helpers draft {named}` (drafts every article that has no "
            "annotation yet) or `python -m helpers ingest` for a saved page, then run this "
            "notebook again. To go on with an annotation saved here before, set draft to its name.")


# ---- offsets in the article as the browser shows it ----------------------------------------------

def rendered_positions(text: str) -> list[int]:
    """For each character the reader shows, its offset in ``text`` (the reader shows "\\r\\n" as one
    break)."""
    return [i for i, c in enumerate(text) if not (c == "\r" and text[i + 1: i + 2] == "\n")]


# ---- selection → anchored words -----------------------------------------------------------------

def anchor_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The words selected at ``text[start:end]``, widened to whole words and trimmed of spaces and
    punctuation."""
    word = re.compile(r"\w").match
    start, end = max(0, start), min(len(text), end)
    while start < end and not (word(text[start]) or text[start] in "\"'“‘$€£("):
        start += 1
    while end > start and not (word(text[end - 1]) or text[end - 1] in "\"'”’%.!?)"):
        end -= 1
    if start >= end:
        raise ReviewError("no words selected: select words of the article first")
    while start > 0 and word(text[start - 1]) and word(text[start]):
        start -= 1
    while end < len(text) and word(text[end]) and word(text[end - 1]):
        end += 1
    return start, end


def anchor_selection(text: str, start: int, end: int):
    """Words selected at ``text[start:end]`` as the loader quotes them: widened to whole words and trimmed,
    the plain words when they occur once, else ``{text, occurrence}``."""
    start, end = anchor_span(text, start, end)
    words = text[start:end]
    hits = find_all(text, words)
    if (start, end) not in hits:
        raise ReviewError(f"the selection {words!r} cannot be quoted as "
                          "whole words; select a little more or less")
    if len(hits) == 1:
        return words
    quoted = CommentedMap([("text", words), ("occurrence", hits.index((start, end)) + 1)])
    quoted.fa.set_flow_style()
    return quoted


def sentence_cue(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The reporting verb (``CUE`` of the drafter) of the sentence holding ``text[start:end]`` nearest to
    those words, outside them and outside any quotation ("We agreed…,” Putin said": ``said``), or None."""
    ends = list(_SENTENCE_END.finditer(text, 0, start))
    first = ends[-1].end() if ends else 0
    after = _SENTENCE_END.search(text, end)
    last = after.start() + 1 if after else len(text)
    quoted = [m.span() for m in _QUOTATION.finditer(text, first, last)]
    found = [m.span() for m in cue_matches(text, first, last)
             if (m.end() <= start or m.start() >= end) and not any(a <= m.start() < b for a, b in quoted)]
    return min(found, key=lambda c: max(start - c[1], c[0] - end), default=None)


def _cue_value(text: str, start: int, end: int, words: tuple[int, int] | None):
    """A cue as the file writes it: its words, with ``occurrence`` only when the loader's rule (the occurrence
    nearest to the statement's words) would pick another."""
    cue = text[start:end]
    hits = find_all(text, cue)
    if (start, end) not in hits:
        raise ReviewError(f"the selection {cue!r} cannot be quoted as "
                          "whole words; select a little more or less")
    nearest = anchor(text, cue, None, words[0] if words else None)
    if len(hits) == 1 or (words and (nearest.start, nearest.end) == (start, end)):
        return cue
    return _flow(CommentedMap([("text", cue), ("occurrence", hits.index((start, end)) + 1)]))


def _touch(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans overlap or stand side by side, with nothing but spaces and commas between them."""
    lo, hi = sorted([a, b])
    return lo[1] >= hi[0] or re.fullmatch(r"[\s,]*", text[lo[1]:hi[0]]) is not None


def quoted_words(value) -> str:
    """The words an entry quotes (plain words or ``{text, occurrence}``)."""
    return _words(value)[0]


def _words(value) -> tuple[str, int | None]:
    if isinstance(value, dict):
        return str(value.get("text", "")), value.get("occurrence")
    return str(value), None


def span_of(text: str, value) -> tuple[int, int] | None:
    """Where quoted words stand in the article (the loader's rule), or None."""
    if value is None:
        return None
    words, occurrence = _words(value)
    found = anchor(text, words, occurrence)
    return (found.start, found.end) if found.ok else None


# ---- the review session -------------------------------------------------------------------------

def _check_shape(path: Path, draft: bool) -> None:
    """A file the review cannot work on (not YAML, or not an annotation's shape: "statements: 5", a statement
    without its id) stops it with the loader's own messages, each naming the line and the fix."""
    from helpers.corpus.schema import Annotation, check
    from helpers.corpus.yamlfile import read_yaml
    doc = read_yaml(path, what="draft" if draft else "annotation file")
    problems = doc.problems or check(Annotation, doc)[1]
    if problems:
        listed = "\n".join(str(p) for p in sorted(problems))
        raise ReviewError(f"{path} cannot be reviewed until these are fixed (in a text editor; python -m "
                          f"helpers validate {path} lists them again):\n{listed}")


class Review:
    """One draft or annotation open for review. Change it with the methods below; ``save()`` writes it."""

    def __init__(self, corpus: str | os.PathLike, name: str | None = None):
        self.root = Path(corpus)
        if name is None:
            waiting = waiting_draft_names(self.root)
            if not waiting:
                raise ReviewError(nothing_waiting(corpus))
            name = waiting[0]
        name = Path(name).stem
        self.name = name
        annotation = _annotation_of(self.root, name)
        draft = next((p for ext in (".yaml", ".yml")
                      if (p := self.root / "drafts" / f"{name}{ext}").is_file()), None)
        self.source = annotation or draft
        if self.source is None:
            raise ReviewError(f"no draft or annotation named {name!r} in {self.root / 'drafts'} or "
                              f"{self.root / 'annotations'}")
        self.from_draft = annotation is None
        self.target = annotation or self.root / "annotations" / f"{name}.yaml"
        self._opened = _digest(self.target)
        _check_shape(self.source, self.from_draft)
        self._source_text = self.source.read_text(encoding="utf-8")
        self.data = load_text(self._source_text)
        if not isinstance(self.data, CommentedMap) or "article" not in self.data:
            raise ReviewError(f"{self.source} is not an annotation (it has no article: key)")
        article = self.root / str(self.data["article"])
        if article.resolve() == self.source.resolve() or article.suffix.lower() in (".yaml", ".yml"):
            raise ReviewError(f"{self.source}: article: {self.data['article']} names a YAML file, not "
                              "the article; write the path of the article's text, e.g. articles/NAME.txt")
        try:
            self.text = article.read_bytes().decode("utf-8-sig")  # as the loader reads it: offsets match
        except (OSError, UnicodeDecodeError) as err:
            raise ReviewError(f"cannot read the article {article}: {err}") from None
        self.article_id = Path(str(self.data["article"])).stem
        self._registry_stamp = None
        self.registry = self._registry_now()
        self.total = sum(e.pending for e in self.entries())
        self.changed = False
        self.version = 0  # counts changes (and saves), so views redraw only what changed
        self._history: list[tuple[dict, bool]] = []
        self._kept: dict | None = None  # while a change runs: the containers it changes, as they were
        self._positions = rendered_positions(self.text)
        self._preview = _Preview(self)
        self._previewed: tuple[int, object] | None = None
        self._story_actors: tuple[str | None, list[str]] | None = None
        self._topics: list | None = None
        # registered actor id → names of proposals merged into it here, added to its aliases in actors.yaml on
        # save
        self.registry_aliases = CommentedMap()

    # -- reading ----------------------------------------------------------------------------------

    def _registry_now(self) -> list[tuple[str, str]]:
        """(id, name) of the registry's actors as actors.yaml holds them now: another review may have saved
        new actors to it since this one opened (read again only when the file changed). Their names and
        aliases go to ``self.claimed`` (name in lower case → id)."""
        path = self.root / "actors.yaml"
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if stamp == self._registry_stamp and stamp is not None:
            return self.registry
        registry = yaml.load(path.read_text(encoding="utf-8"), Loader=_FastLoader) or []
        registry = [a for a in registry if isinstance(a, dict) and "id" in a]
        self._registry_stamp = stamp
        self.claimed = _claimed_names(registry)
        return [(str(a["id"]), str(a.get("name", a["id"]))) for a in registry]

    def _keep(self, *containers) -> None:
        """Called before a change alters a mapping or list of the file, so that undo can put it back."""
        if self._kept is not None:
            for obj in containers:
                self._kept.setdefault(id(obj), (obj, _state(obj)))

    def _list(self, key: str) -> CommentedSeq:
        if self.data.get(key) is None:
            self._keep(self.data)
            self.data[key] = CommentedSeq()
        return self.data[key]

    def actors(self) -> list[tuple[str, str]]:
        """(id, name) of every actor an entry may name: the registry, then the annotation's new actors."""
        known = dict(self.registry)
        return self.registry + [(str(a["id"]), str(a.get("name", a["id"])))
                                for a in self.data.get("new_actors") or []
                                if str(a["id"]) not in known]

    def entries(self) -> list[Entry]:
        """Every entry to review, in file order by kind: new actors, statements, deadlines, flagged
        mentions."""
        names = dict(self.actors())
        out = []
        for a in self.data.get("new_actors") or []:
            out.append(Entry("new actor", str(a["id"]), a.get("check"), None,
                             f"{a.get('name')} ({a.get('kind')})"))
        for s in self.data.get("statements") or []:
            who = names.get(s.get("speaker"), s.get("speaker")) or "no named source"
            out.append(Entry("statement", str(s["id"]), s.get("check"), s.get("confidence"),
                             f"{who}: {_words(s.get('words'))[0]}"))
        for d in self.data.get("deadlines") or []:
            who = names.get(d.get("set_by"), d.get("set_by")) or "set by whom the text does not say"
            out.append(Entry("deadline", str(d["id"]), d.get("check"), d.get("confidence"),
                             f"{_words(d.get('expression'))[0]} ({who})"))
        for group in self.data.get("mentions") or []:
            for span in group.get("spans") or []:
                if isinstance(span, dict) and span.get("check"):
                    out.append(Entry("mention", _mention_id(group, span), span.get("check"), None,
                                     f"{names.get(group['actor'], group['actor'])}: {_words(span)[0]}"))
        return out

    def progress(self, entries: list[Entry] | None = None) -> tuple[int, int]:
        """(reviewed, total): of the entries that awaited review when opened, how many no longer do."""
        entries = self.entries() if entries is None else entries
        return max(0, self.total - sum(e.pending for e in entries)), self.total

    def story(self) -> str | None:
        """The article's story label (``metadata: story:``), or None."""
        label = (self.data.get("metadata") or {}).get("story")
        return str(label) if label not in (None, "") else None

    def choices(self) -> list[tuple[str, str]]:
        """``actors()`` in the order a speaker is most likely picked: the actors this file names, then those
        the other articles of its story name (most named first), then the rest of the registry."""
        here = _named_in(self.data)
        first = list(dict.fromkeys(here + self._story_named()))
        every = dict(self.actors())
        return [(i, every[i]) for i in first if i in every] + [(i, n) for i, n in every.items()
                                                               if i not in first]

    def topic_choices(self) -> list[tuple[str, str]]:
        """(id, label) of the topics a statement of this article may carry, as the review offers them: this
        story's own topics, then those of every story, each in topics.yaml's order. Another story's topic
        comes last, and only when this file already names it (so that it can be kept or taken off)."""
        topics = self._all_topics()
        story = self.story()
        named = {str(t) for s in self.data.get("statements") or [] if isinstance(s, dict)
                 for t in (s.get("topics") or [])}
        own = [t for t in topics if t.stories and topic_in_story(t.stories, story)]
        every = [t for t in topics if not t.stories]
        other = [t for t in topics if t.id in named and t not in own and t not in every]
        return [(t.id, t.label) for t in own + every + other]

    def _all_topics(self) -> list[Topic]:
        """topics.yaml's entries, read once per session; a list with problems still gives its good entries
        (validate names the rest)."""
        if self._topics is None:
            path = self.root / "topics.yaml"
            self._topics = read_entries(path, Topic)[0] if path.is_file() else []
        return self._topics

    def _story_named(self) -> list[str]:
        """Actor ids named by the other annotations and drafts of this article's story, most named first (read
        once per story label: other files do not change while the review runs, and a new draft is a new
        session)."""
        label = self.story()
        if self._story_actors is None or self._story_actors[0] != label:
            counts: dict[str, int] = {}
            for path in _story_files(self.root, label, skip=self.name):
                try:
                    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_FastLoader)
                except yaml.YAMLError:
                    continue  # validate names its problem; the choices do without it
                for ident in _named_in(data):
                    counts[ident] = counts.get(ident, 0) + 1
            self._story_actors = (label, sorted(counts, key=lambda i: -counts[i]))
        return self._story_actors[1]

    def node(self, key: tuple[str, str]):
        """The mapping of one entry in the file (``key`` = (kind, id))."""
        kind, ident = key
        if kind == "mention":
            for group in self.data.get("mentions") or []:
                for span in group.get("spans") or []:
                    if isinstance(span, dict) and _mention_id(group, span) == ident:
                        return span
        else:
            section = {"new actor": "new_actors", "statement": "statements", "deadline": "deadlines"}[kind]
            for item in self.data.get(section) or []:
                if str(item.get("id")) == ident:
                    return item
        raise ReviewError(f"no {kind} {ident!r} in {self.source.name}")

    def span(self, key: tuple[str, str]) -> tuple[int, int] | None:
        """Where an entry's words stand in the article (statements: their words; deadlines: the
        expression)."""
        kind, _ = key
        if kind == "new actor":
            return None
        node = self.node(key)
        field = {"statement": "words", "deadline": "expression"}.get(kind)
        return span_of(self.text, node.get(field) if field else node)

    def rendered_span(self, key) -> list[int]:
        """An entry's span in the article as the reader shows it ([] when it has none)."""
        span = self.span(key)
        if span is None:
            return []
        return [bisect.bisect_left(self._positions, span[0]), bisect.bisect_left(self._positions, span[1])]

    def from_rendered(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the shown article (the widget's selection) → offsets in the text."""
        pos, n = self._positions, len(self._positions)
        at = lambda r: len(self.text) if r >= n else pos[max(0, r)]  # noqa: E731
        return at(start), (pos[end - 1] + 1 if 0 < end <= n else at(end))

    # -- changing ---------------------------------------------------------------------------------

    def undo(self) -> str:
        """Take back the last change (accept, reject, edit, words, added statement, deadline or actor, story,
        an actor merged or edited), whole."""
        if not self._history:
            raise ReviewError("nothing to undo")
        kept, self.changed = self._history.pop()
        _restore(kept)
        self.version += 1
        return "took back the last change"

    @_undoable
    def accept(self, key) -> str:
        """The entry is right: its review fields go (``check:``, ``confidence:``)."""
        node = self.node(key)
        self._keep(node)
        for field in REVIEW_KEYS:
            node.pop(field, None)
        if key[0] == "new actor" and key[1] in dict(self.registry):
            return f"accepted new actor {key[1]}: actors.yaml has it already, so its entry goes on save"
        if key[0] == "mention" and set(node) == {"text"}:  # only its words left: written as plain words
            for group in self.data["mentions"]:
                spans = group.get("spans") or []
                for i, span in enumerate(spans):
                    if span is node:
                        self._keep(spans)
                        spans[i] = node["text"]
        return f"accepted {key[0]} {key[1]}"

    def confident(self) -> list[Entry]:
        """Entries awaiting review that the drafter was sure of (``confidence: high``) and left nothing to
        check."""
        return [e for e in self.entries() if e.confidence == "high" and not e.check]

    @_undoable
    def accept_confident(self) -> str:
        """Accept every entry of ``confident()`` at once: one change, taken back by one undo."""
        sure = self.confident()
        if not sure:
            raise ReviewError("no entry awaiting review has confidence: high with nothing to check")
        for entry in sure:
            self.accept(entry.key)
        ids = ", ".join(e.id for e in sure[:12]) + (f" and {len(sure) - 12} more" if len(sure) > 12 else "")
        return (f"accepted {len(sure)} high-confidence "
                f"entr{'y' if len(sure) == 1 else 'ies'} ({ids}); u undoes all")

    @_undoable
    def reject(self, key) -> str:
        """The entry is wrong: it goes, with what pointed at it (a deadline's ``statement:``,
        ``same_as:``)."""
        kind, ident = key
        node = self.node(key)
        if kind == "statement":
            said = self._drop(node, "statements", "statement",
                              "{} no longer names the statement it was made in")
        elif kind == "deadline":
            said = self._drop(node, "deadlines", "same_as", f"{{}} is no longer the same deadline as {ident}")
        elif kind == "mention":
            said = ""
            for group in list(self.data.get("mentions") or []):
                spans = group.get("spans") or []
                if any(s is node for s in spans):
                    self._keep(spans, self.data["mentions"])
                    spans.remove(node)
                    if not spans and not group.get("every"):
                        self.data["mentions"].remove(group)
        else:
            said = self._drop_actor(ident, node)
        return f"rejected {kind} {ident}{said}"

    def _drop(self, node, section: str, link: str, told: str) -> str:
        """Remove a statement or deadline, and the ``link`` field of every deadline that named it."""
        self._keep(self.data[section])
        self.data[section].remove(node)
        said = ""
        for d in self.data.get("deadlines") or []:
            if d.get(link) == node["id"]:
                self._keep(d)
                d.pop(link)
                said += "; " + told.format(d["id"])
        return said

    def _drop_actor(self, ident: str, node) -> str:
        users = self._uses(ident)
        if users:
            raise ReviewError(f"new actor {ident!r} is named by {', '.join(users)}: if it "
                              "is another actor under a second id, merge it into that "
                              "actor (Actors of this file: Merge into), and its mentions "
                              "and entries follow; if not, change those entries first")
        went = self._mention_count(ident)
        self._keep(self.data, self.data["new_actors"],
                   *([self.data["mentions"]] if self.data.get("mentions") else []))
        self.data["new_actors"].remove(node)
        if not self.data["new_actors"]:
            del self.data["new_actors"]
        for group in list(self.data.get("mentions") or []):
            if group.get("actor") == ident:
                self.data["mentions"].remove(group)
        if not went:
            return ""
        return (f"; its {went} mention{'s' if went != 1 else ''} went with it (u brings "
                "them back; to keep them under another actor, undo and merge instead)")

    def _mention_count(self, ident: str) -> int:
        """How many mentions the file marks for ``ident``: its spans, and each occurrence of its ``every``
        words."""
        count = 0
        for group in self.data.get("mentions") or []:
            if isinstance(group, dict) and group.get("actor") == ident:
                count += len(group.get("spans") or [])
                count += sum(len(find_all(self.text, str(words))) for words in group.get("every") or [])
        return count

    @_undoable
    def edit(self, key, *, speaker=_KEEP, mode=_KEEP, addressee=_KEEP, topics=_KEEP, issued=_KEEP,
             due=_KEEP, statement=_KEEP, same_as=_KEEP, demand=_KEEP) -> str:
        """Correct a statement (speaker, mode, addressee, topics: a list of topic ids, empty to remove) or a
        deadline (speaker = set_by, addressee, issued, due: a day ``YYYY-MM-DD``, two days ``(earliest,
        latest)``, or None; statement: the id of the statement it was made in, same_as: the id of the deadline
        it restates, demand: what is demanded, each None to remove). Review fields stay: accept it when it is
        right."""
        kind, ident = key
        node = self.node(key)
        if kind not in ("statement", "deadline"):
            raise ReviewError(f"a {kind} has no speaker or dates to edit: accept or reject it")
        self._keep(node)
        said = ""
        if speaker is not _KEEP:
            said = self._set_speaker(node, kind, self._actor(speaker))
        if addressee is not _KEEP:
            self._set_addressee(node, kind, addressee)
        if mode is not _KEEP:
            if not BY_NAME[kind].edits("mode") or mode not in MODES:
                raise ReviewError(f"mode is 'direct' or 'reported', for statements only (not {mode!r})")
            node["mode"] = mode
        if topics is not _KEEP:
            self._set_topics(node, kind, topics)
        fields = {"issued": issued, "due": due, "statement": statement, "same_as": same_as, "demand": demand}
        fields = {f: v for f, v in fields.items() if v is not _KEEP}
        if not_here := [f for f in fields if not BY_NAME[kind].edits(f)]:
            named = " or ".join(f"{f} dates" if f in ("issued", "due") else f for f in not_here)
            owner = next(k.name for k in IDENTIFIED if all(k.edits(f) for f in not_here))
            raise ReviewError(f"only a {owner} has {named}")
        for field, value in fields.items():
            value = self._deadline_field(ident, field, value)
            if field in ("issued", "due") and field in node:
                node[field] = value  # "issued: null" stays written out: the format's way to say "not stated"
            else:
                _put(node, field, value, DEADLINE_FIELDS)
        return f"edited {kind} {ident}{said}"

    def _set_topics(self, node, kind: str, topics) -> None:
        if not BY_NAME[kind].edits("topics"):
            raise ReviewError("only a statement has topics")
        topics = list(dict.fromkeys(str(t) for t in topics or []))
        known = {t.id for t in self._all_topics()}
        if unknown := [t for t in topics if t not in known]:
            raise ReviewError(f"unknown topic {', '.join(map(repr, unknown))}: topics.yaml lists the topics "
                              f"(add it there first)")
        _put(node, "topics", _flow(CommentedSeq(topics)) if topics else None, STATEMENT_FIELDS)

    def _set_speaker(self, node, kind: str, who) -> str:
        """A new speaker (or setter); a cue that stood beside the old speaker's name ("said Putin") attributed
        the words to them, so it goes, and the message says so."""
        field = "speaker" if kind == "statement" else "set_by"
        old = node.get(field)
        node[field] = who
        if kind != "statement" or old in (None, who) or node.get("cue") is None:
            return ""
        cue = self._cue_span(node)
        if cue is None or not any(_touch(self.text, cue, m) for m in self._mention_spans(old)):
            return ""
        words = _words(node.pop("cue"))[0]
        return (f"; its cue {words!r} went: it attributed the words to {old}. Select the reporting verb of "
                f"{who or 'the new speaker'} and press Cue ← selection, if the text has one")

    def _cue_span(self, node) -> tuple[int, int] | None:
        """Where the loader places a statement's cue: its occurrence nearest to the words, unless one is
        given."""
        words = self.span(("statement", str(node["id"])))
        cue, occurrence = _words(node.get("cue"))
        found = anchor(self.text, cue, occurrence, words[0] if words and occurrence is None else None)
        return (found.start, found.end) if found.ok else None

    def _mention_spans(self, actor) -> list[tuple[int, int]]:
        """Every span the file marks as a mention of ``actor`` (its ``spans`` and each occurrence of
        ``every``)."""
        out = []
        for group in self.data.get("mentions") or []:
            if group.get("actor") == actor:
                out += [s for s in (span_of(self.text, v) for v in group.get("spans") or []) if s]
                for words in group.get("every") or []:
                    out += find_all(self.text, str(words))
        return out

    def _set_addressee(self, node, kind: str, addressee) -> None:
        ids = [self._actor(a) for a in ([] if addressee in (None, "") else
                                        [addressee] if isinstance(addressee, str) else list(addressee))]
        if ids:
            value = ids[0] if len(ids) == 1 else _flow(CommentedSeq(ids))
            _put(node, "addressee", value, STATEMENT_FIELDS if kind == "statement" else DEADLINE_FIELDS)
        else:
            node.pop("addressee", None)

    def _deadline_field(self, ident: str, field: str, value):
        """A deadline's field as the file writes it, checked: dates, the statement it was made in, the
        deadline it restates, the demand."""
        if field in ("issued", "due"):
            return _window(value, field)
        if value in (None, ""):
            return None
        value = str(value).strip()
        if field == "demand":
            return " ".join(value.split())
        section = "statements" if field == "statement" else "deadlines"
        ids = [str(item.get("id")) for item in self.data.get(section) or []]
        if value not in ids or (field == "same_as" and value == ident):
            what = "a statement of this file" if field == "statement" else "another deadline of this file"
            raise ReviewError(f"{field}: {value!r} is not {what} (choose one of "
                              f"{', '.join(ids) or 'none yet'})")
        return value

    @_undoable
    def set_words(self, key, start: int, end: int) -> str:
        """The entry's words become those at ``text[start:end]`` (anchored as the loader anchors them)."""
        kind, ident = key
        quoted = anchor_selection(self.text, start, end)
        node = self.node(key)
        self._keep(node)
        if kind == "statement":
            node["words"] = quoted
        elif kind == "deadline":
            node["expression"] = quoted
        elif kind == "mention":
            text, occurrence = _words(quoted)
            node["text"] = text
            if occurrence is None:
                node.pop("occurrence", None)
            else:
                node["occurrence"] = occurrence
        else:
            raise ReviewError("a new actor has no words in the article")
        return f"{kind} {ident} now quotes {_words(quoted)[0]!r}"

    @_undoable
    def set_cue(self, key, start: int, end: int) -> str:
        """A statement's reporting verb becomes the words at ``text[start:end]``."""
        if key[0] != "statement":
            raise ReviewError("only a statement has a cue (its reporting verb)")
        node = self.node(key)
        self._keep(node)
        words = self.span(key)
        _put(node, "cue", _cue_value(self.text, *anchor_span(self.text, start, end), words), STATEMENT_FIELDS)
        return f"statement {key[1]}: cue {_words(node['cue'])[0]!r}"

    @_undoable
    def add_statement(self, start: int, end: int, speaker=None, mode: str = "reported",
                      addressee=None) -> str:
        """A statement the drafter missed, from words selected in the article; returns its id. Its cue is the
        reporting verb of the sentence nearest to the words; with none, a ``check:`` asks for one."""
        quoted = anchor_selection(self.text, start, end)
        if mode not in MODES:
            raise ReviewError(f"mode is 'direct' or 'reported', not {mode!r}")
        statements = self._list("statements")
        self._keep(statements)
        ident = _next_id("S", statements)
        entry = CommentedMap([("id", ident), ("speaker", self._actor(speaker)), ("mode", mode)])
        statements.append(entry)
        if addressee:
            self.edit(("statement", ident), addressee=addressee)
        span = span_of(self.text, quoted)
        cue = sentence_cue(self.text, *span)
        if cue:
            entry["cue"] = _cue_value(self.text, *cue, span)
        entry["words"] = quoted
        if not cue:
            entry["check"] = ("no reporting verb in its sentence: if the text has one, select it and press "
                              "Cue ← selection")
        return ident

    @_undoable
    def add_deadline(self, start: int, end: int, set_by=None, addressee=None, issued=None, due=None,
                     statement=None,
                     same_as=None, demand=None) -> str:
        """A deadline the drafter missed, its expression the words selected in the article; returns its id."""
        quoted = anchor_selection(self.text, start, end)
        deadlines = self._list("deadlines")
        self._keep(deadlines)
        ident = _next_id("D", deadlines)
        deadlines.append(CommentedMap([("id", ident), ("set_by", self._actor(set_by)), ("expression", quoted),
                                       ("issued", None), ("due", None)]))
        self.edit(("deadline", ident), addressee=addressee, statement=statement, same_as=same_as,
                  demand=demand,
                  issued=issued, due=due)
        return ident

    @_undoable
    def set_story(self, label) -> str:
        """The article's story label (``metadata: story:``, one line, at most STORY_LENGTH characters); empty
        removes it."""
        label = " ".join(str(label or "").split())
        if len(label) > STORY_LENGTH:
            raise ReviewError(f"the story label is {len(label)} characters; "
                              f"keep it to {STORY_LENGTH} at most")
        if self.data.get("metadata") is None:
            self._keep(self.data)
            self.data.insert(list(self.data).index("article") + 1, "metadata", CommentedMap())
        meta = self.data["metadata"]
        self._keep(meta)
        if label:
            meta["story"] = label
            return f"story: {label}"
        meta.pop("story", None)
        return "no story label"

    @_undoable
    def add_actor(self, ident: str, name: str, kind: str) -> str:
        """A new actor, confirmed by the analyst: named by entries now, appended to actors.yaml on save."""
        ident, name = str(ident).strip(), str(name).strip()
        if not _ID.match(ident):
            raise ReviewError(f"actor id {ident!r}: use lower case letters, digits, '_' and '-' "
                              "(e.g. 'port-authority')")
        if ident in dict(self.actors()):
            raise ReviewError(f"actor id {ident!r} is already taken ({dict(self.actors())[ident]})")
        if not name:
            raise ReviewError("give the new actor a name")
        owner = {**self.claimed, **_claimed_names(self.data.get("new_actors") or [])}.get(name.casefold())
        if owner:
            raise ReviewError(f"the name {name!r} is already {owner!r}'s: choose {owner!r}, or give "
                              "the new actor another name (one name may belong to one actor only)")
        if kind not in ACTOR_KINDS:
            raise ReviewError(f"kind is one of {', '.join(ACTOR_KINDS)}, not {kind!r}")
        actors = self._list("new_actors")
        self._keep(actors)
        # its name as an alias, so later drafts find it
        actors.append(CommentedMap([("id", ident), ("name", name), ("kind", kind),
                                    ("aliases", CommentedSeq([name]))]))
        return ident

    def _actor(self, ident):
        if ident in (None, ""):
            return None
        if ident not in dict(self.actors()):
            raise ReviewError(f"unknown actor id {ident!r}: choose one from the registry or add a new actor")
        return ident

    def _uses(self, ident: str) -> list[str]:
        out = []
        for kind in IDENTIFIED:
            for item in self.data.get(kind.section) or []:
                values = [item.get(f) for f in kind.actor_fields]
                if any(v == ident or (isinstance(v, list) and ident in v) for v in values):
                    out.append(str(item["id"]))
        return out

    # -- actors of this file: merge, edit ---------------------------------------------------------

    def proposal(self, ident) -> CommentedMap | None:
        """The file's proposal (``new_actors`` entry) of ``ident``, unless actors.yaml has that id already."""
        if ident in dict(self.registry):
            return None
        return next((a for a in self.data.get("new_actors") or [] if str(a.get("id")) == ident), None)

    def file_actors(self) -> list[tuple[str, str]]:
        """(id, name) of the actors this file proposes or names: those a merge or an actor edit here
        changes."""
        names = dict(self.actors())
        ids = [str(a["id"]) for a in self.data.get("new_actors") or []] + _named_in(self.data)
        return [(i, names.get(i, i)) for i in dict.fromkeys(ids)]

    @_undoable
    def merge_actor(self, old, new) -> str:
        """Actor ``old`` becomes ``new`` in this file: its mention groups join ``new``'s (in text order, each
        place once), and speakers, addressees and setters name ``new``. A proposal ``old`` leaves new_actors,
        its name and aliases becoming aliases of ``new`` (for a registered ``new``: in actors.yaml, on save).
        Other files are not touched: for a registered ``old`` the message gives the command that merges it
        everywhere."""
        old, new = str(old or "").strip(), str(new or "").strip()
        self._check_merge(old, new)
        self._keep_actor_fields()
        mentions = self._mention_count(old)
        counts = actor_edits.rename_in_entries(self.data, old, new)
        actor_edits.merge_mention_groups(self.data, old, new, self.text)
        names = self._fold_proposal(old, new)
        moved = (f"{_counted(mentions, 'mention')}, {_counted(counts['statement'], 'statement')} and "
                 f"{_counted(counts['deadline'], 'deadline')}")
        said = f"merged {old} into {new}: {moved} of this file now name {new}{names}; u undoes it"
        if old in dict(self.registry):
            said += (f". Only this file changed: {old} stays in actors.yaml and other "
                     "files still name it; to merge it everywhere, save, run python "
                     f"-m helpers actors merge {old} {new}, and open the review again")
        return said

    def _check_merge(self, old: str, new: str) -> None:
        if old == new:
            raise ReviewError("choose two different actors: an actor cannot be merged into itself")
        if old not in dict(self.file_actors()):
            raise ReviewError(f"{old!r} is neither proposed nor named in this file: "
                              "nothing to merge here (python -m helpers actors "
                              f"merge {old} {new or 'NEW'} merges it in every file)")
        if new not in dict(self.actors()):
            raise ReviewError(f"unknown actor id {new!r}: choose the actor to merge "
                              "into from the registry or this file's new actors")

    def _keep_actor_fields(self) -> None:
        """Keep every container a merge or an id change may alter, so that one undo takes it back whole."""
        self._keep(self.data, self.registry_aliases)
        for key in ("mentions", "new_actors"):
            items = self.data.get(key)
            self._keep(*([items] if isinstance(items, CommentedSeq) else []))
            for item in items if isinstance(items, list) else []:
                if isinstance(item, CommentedMap):
                    self._keep(item, *[v for v in item.values() if isinstance(v, CommentedSeq)])
        for section in ("statements", "deadlines"):
            for item in self.data.get(section) or []:
                if isinstance(item, CommentedMap):
                    self._keep(item, *[v for v in item.values() if isinstance(v, CommentedSeq)])

    def _fold_proposal(self, old: str, new: str) -> str:
        """``old``'s proposal leaves new_actors; when ``old`` is not registered, its names become aliases of
        ``new``: on ``new``'s proposal, or for a registered ``new`` in actors.yaml on save. What it did, as a
        phrase."""
        actors = self.data.get("new_actors") or []
        proposal = next((a for a in actors if str(a.get("id")) == old), None)
        if proposal is None:
            return ""
        actors.remove(proposal)
        if not actors:
            del self.data["new_actors"]
        if old in dict(self.registry):
            return "; its proposal left new_actors"
        target, own = self.proposal(new), dict(self.actors())[new].casefold()
        names = [n for n in dict.fromkeys(actor_names(proposal)) if n.casefold() != own and
                 self.claimed.get(n.casefold()) in (None, old)]
        if target is not None:
            added = actor_edits.add_aliases(target, names)
            return f"; {new} takes {old}'s names as aliases ({', '.join(added) or 'it had them'})"
        pending = list(self.registry_aliases.get(new) or [])
        added = [n for n in names if n.casefold() not in {p.casefold() for p in pending}]
        if added:
            self.registry_aliases[new] = pending + added
            return f"; {', '.join(added)} will be added to {new}'s aliases in actors.yaml on save"
        return ""

    @_undoable
    def edit_actor(self, ident, *, new_id=_KEEP, name=_KEEP, aliases=_KEEP, kind=_KEEP) -> str:
        """Change an actor this file proposes (a new_actors entry): its id (rewritten in this file's mentions,
        speakers, addressees and setters), name, aliases (a list; empty removes them) or kind. Registered
        actors are changed with ``python -m helpers actors edit``, which rewrites every file."""
        node = self._own_proposal(str(ident or "").strip())
        ident = str(node["id"])
        self._keep(node)
        if kind is not _KEEP:
            if kind not in ACTOR_KINDS:
                raise ReviewError(f"kind is one of {', '.join(ACTOR_KINDS)}, not {kind!r}")
            node["kind"] = kind
        if name is not _KEEP:
            node["name"] = self._free_name(name, ident)
        if aliases is not _KEEP:
            self._set_aliases(node, aliases, ident)
        if new_id is not _KEEP and str(new_id).strip() != ident:
            self._rename_proposal(node, ident, str(new_id).strip())
        return f"edited new actor {node['id']}: {node.get('name')} ({node.get('kind')})"

    def _own_proposal(self, ident: str) -> CommentedMap:
        node = self.proposal(ident)
        if node is not None:
            return node
        if ident in dict(self.registry):
            raise ReviewError(f"{ident!r} is in actors.yaml, which every annotation and "
                              "draft shares: the review does not change it. Save, then run "
                              f"python -m helpers actors edit {ident} [--id NEW_ID] [--name "
                              "NAME] [--kind KIND] [--add-alias A] [--remove-alias A] (it "
                              "rewrites every file that names it), and open the review again")
        raise ReviewError(f"no proposed actor {ident!r} in this file")

    def _free_name(self, name, ident: str) -> str:
        """A name for ``ident``, refused when empty or when it is another actor's name or alias."""
        name = " ".join(str(name or "").split())
        if not name:
            raise ReviewError("give the actor a name")
        owner = {**self.claimed, **_claimed_names(self.data.get("new_actors") or [])}.get(name.casefold())
        if owner not in (None, ident):
            raise ReviewError(f"the name {name!r} is already {owner!r}'s (one name may belong to "
                              f"one actor only): if they are one actor, merge {ident} into {owner}")
        return name

    def _set_aliases(self, node, aliases, ident: str) -> None:
        names = [aliases] if isinstance(aliases, str) else list(aliases or [])
        names = list(dict.fromkeys(self._free_name(a, ident) for a in names if str(a).strip()))
        if names:
            _put(node, "aliases", _flow(CommentedSeq(names)),
                 ("id", "name", "kind", "country", "role", "aliases"))
        else:
            node.pop("aliases", None)

    def _rename_proposal(self, node, old: str, new: str) -> None:
        """The proposal's id becomes ``new`` in it and in every entry and mention group of this file."""
        if not _ID.match(new):
            raise ReviewError(f"actor id {new!r}: use lower case letters, digits, '_' and '-' (e.g. "
                              "'general_motors')")
        if new in dict(self.actors()):
            raise ReviewError(f"actor id {new!r} is already taken ({dict(self.actors())[new]}): "
                              f"if they are one actor, merge {old} into {new}")
        self._keep_actor_fields()
        node["id"] = new
        actor_edits.rename_in_entries(self.data, old, new)
        for group in self.data.get("mentions") or []:
            if isinstance(group, dict) and group.get("actor") == old:
                group["actor"] = new

    # -- saving -----------------------------------------------------------------------------------

    def confirmed_actors(self) -> list:
        """New actors the analyst kept (no ``check:`` left): they move to actors.yaml on save."""
        known = dict(self.registry)
        return [a for a in self.data.get("new_actors") or [] if not a.get("check")
                and str(a["id"]) not in known]

    def files(self) -> tuple[str, str | None]:
        """What ``save()`` would write: the annotation's text, and actors.yaml's (None: unchanged)."""
        self.registry = self._registry_now()
        moving = self.confirmed_actors()
        aliases = self.aliases_to_register()
        # the session keeps its state: the changes below are taken back after the dump
        with self._for_a_moment():
            self._as_saved(moving)
            annotation = dump_text(self.data, self._source_text)
        if not moving and not aliases:
            return annotation, None
        registry = (self.root / "actors.yaml").read_text(encoding="utf-8")
        listed = load_text(registry) if registry.strip() else None
        if listed is not None and not listed and isinstance(listed, CommentedSeq):
            registry = _EMPTY_LIST.sub("", registry)  # "[]": no actors yet; the first start the block list
        elif listed is not None and (not isinstance(listed, CommentedSeq) or listed.fa.flow_style()):
            raise ReviewError("actors.yaml is not a block list of actors (one '- id: …' entry after "
                              "another): new actors cannot be appended to it; add them by hand")
        registry = _with_aliases(registry, aliases)
        if not moving:
            return annotation, registry
        gap = "\n" if "\n\n- " in registry else ""  # the registry's own spacing between entries
        entries = [dump_text(CommentedSeq([CommentedMap((k, v) for k, v in a.items() if k != "check")]),
                             registry)
                   for a in moving]
        head = registry if not registry.strip() or registry.endswith("\n") else registry + "\n"
        return annotation, head + "".join(gap + e if head.strip() or i else e for i, e in enumerate(entries))

    def aliases_to_register(self) -> dict[str, list[str]]:
        """Registered actor id → the names of proposals merged into it here that its aliases lack: save adds
        them."""
        entries = {str(a.get("id")): a for a in self._registry_entries()}
        out = {}
        for ident, names in self.registry_aliases.items():
            have = {str(n).casefold() for n in actor_names(entries.get(ident) or {})}
            if ident in entries and (missing := [n for n in names if n.casefold() not in have]):
                out[ident] = missing
        return out

    def _registry_entries(self) -> list:
        if not self.registry_aliases:
            return []
        return [a
                for a in yaml.load((self.root / "actors.yaml").read_text(encoding="utf-8"),
                                   Loader=_FastLoader) or []
                if isinstance(a, dict)]

    @contextlib.contextmanager
    def _for_a_moment(self):
        """Changes made inside are taken back on leaving (and are no step of undo)."""
        outer, self._kept = self._kept, {}
        try:
            yield
        finally:
            _restore(self._kept)
            self._kept = outer

    def _as_saved(self, moving: list) -> None:
        """Change the session's file into the annotation as saved: the new actors confirmed (and those the
        registry has meanwhile: another draft's review added them) leave it for actors.yaml, and a draft's
        header, which tells the reader to review it, gives way to the annotation's."""
        registered = {str(a["id"]) for a in self.data.get("new_actors") or []
                      if not a.get("check") and str(a["id"]) in dict(self.registry)}
        ids = {str(a["id"]) for a in moving} | registered
        if ids:
            self._keep(self.data, self.data["new_actors"])
            kept = [a for a in self.data["new_actors"] if str(a["id"]) not in ids]
            if kept:
                self.data["new_actors"][:] = kept
            else:
                del self.data["new_actors"]
        if self.from_draft:
            self._keep(self.data)
            self.data.ca.comment = None
            self.data.yaml_set_start_comment(HEADER.format(name=self.source.name))

    def problems(self) -> list[Problem]:
        """What ``python -m helpers validate`` would report on the files as saved (empty: they validate)."""
        annotation, registry = self.files()
        return self._preview.check(annotation, registry)[1]

    def preview(self):
        """The corpus as it would load with this annotation (for the reader), or None with problems; worked
        out again only after a change."""
        if self._previewed is None or self._previewed[0] != self.version:
            self._previewed = (self.version,
                               self._preview.check(dump_text(self.data, self._source_text), None)[0])
        return self._previewed[1]

    def save(self) -> Path:
        """Write the annotation (and actors.yaml when actors were confirmed); return the annotation's path."""
        now = _digest(self.target)
        if now != self._opened:
            what = "was created" if self._opened is None else ("was deleted" if now is None else "changed")
            raise ReviewError(f"{self.target} {what} on disk since it was opened "
                              "here; nothing was saved. Re-open it to review the "
                              "file as it is now (or move it aside and save again).")
        annotation, registry = self.files()
        problems = self._preview.check(annotation, registry)[1]
        if problems:
            raise ReviewError("nothing was saved; the file would not validate:\n" +
                              "\n".join(str(p).replace(str(self._preview.root), str(self.root))
                                        for p in problems))
        self.target.parent.mkdir(parents=True, exist_ok=True)
        moving = self.confirmed_actors()
        if registry is not None:
            replace_file(self.root / "actors.yaml", registry)
            self.registry += [(str(a["id"]), str(a.get("name", a["id"]))) for a in moving]
            self.claimed = {**_claimed_names(moving), **self.claimed}
            self.registry_aliases.clear()  # written: what undo would give back is in actors.yaml already
        replace_file(self.target, annotation)
        self._opened = _digest(self.target)
        # the session now holds what was written (its layout guessed from the same text)
        self._as_saved(moving)
        self.from_draft, self.source = False, self.target
        self.changed = False
        self.version += 1
        return self.target


def _mention_id(group, span) -> str:
    words, occurrence = _words(span)
    return f"{group['actor']}: {words}" + (f" ({occurrence})" if occurrence else "")


def _next_id(prefix: str, items) -> str:
    """The next free id of a section: S26 after S25 (or D5 after D4)."""
    numbers = [int(m.group(1)) for s in items if (m := re.fullmatch(rf"{prefix}(\d+)", str(s.get("id"))))]
    ident = f"{prefix}{max(numbers, default=0) + 1}"
    while any(str(s.get("id")) == ident for s in items):
        ident += "a"
    return ident


_EMPTY_LIST = re.compile(r"^\[\s*\][ \t]*(?:#.*)?\n?", re.MULTILINE)  # the line of an empty registry's "[]"


def _put(node, key: str, value, order: tuple[str, ...]) -> None:
    """Set a field of an entry where an analyst writes it (in ``order``, before the review fields); None
    removes it."""
    if value is None:
        node.pop(key, None)
    elif key in node:
        node[key] = value
    else:
        later = order[order.index(key) + 1:]
        keys = list(node)
        node.insert(next((i for i, k in enumerate(keys) if k in later), len(keys)), key, value)


def _named_in(data) -> list[str]:
    """Actor ids an annotation names (mentions, speakers, addressees, setters), in the order of the file."""
    if not isinstance(data, dict):
        return []
    out = [str(g["actor"]) for g in data.get("mentions") or [] if isinstance(g, dict) and g.get("actor")]
    for kind in IDENTIFIED:
        for item in data.get(kind.section) or []:
            for value in (item.get(f) for f in kind.actor_fields) if isinstance(item, dict) else ():
                out += [str(v) for v in (value if isinstance(value, list) else [value]) if v]
    return list(dict.fromkeys(out))


def _story_files(root: Path, label: str | None, skip: str) -> list[Path]:
    """The annotations and waiting drafts of ``root`` whose story label is ``label`` (not the one named
    ``skip``)."""
    if not label:
        return []
    annotated = sorted((root / "annotations").glob("*.y*ml"))
    files = annotated + [p for p in corpus_drafts(root) if p.stem not in {a.stem for a in annotated}]
    out = []
    for path in files:
        found = _STORY_LINE.search(path.read_text(encoding="utf-8",
                                                  errors="replace")) if path.stem != skip else None
        try:
            value = found and yaml.load(found.group(1), Loader=_FastLoader)
        except yaml.YAMLError:
            continue
        if value and " ".join(str(value).split()) == label:
            out.append(path)
    return out


def _claimed_names(actors) -> dict[str, str]:
    """Each name and alias of a list of actors, in lower case → the id of the actor it belongs to."""
    out: dict[str, str] = {}
    for actor in actors:
        if isinstance(actor, dict) and "id" in actor:
            for name in [actor.get("name"), *(actor.get("aliases") or [])]:
                if name:
                    out.setdefault(str(name).casefold(), str(actor["id"]))
    return out


def actor_names(actor) -> list[str]:
    """An actor's name and aliases, as strings."""
    aliases = actor.get("aliases")
    return [str(n) for n in [actor.get("name"), *(aliases if isinstance(aliases, list) else [])] if n]


def _counted(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def _with_aliases(registry: str, aliases: dict[str, list[str]]) -> str:
    """actors.yaml's text with names added to the aliases of the actors named (edited round trip: comments and
    layout kept)."""
    if not aliases:
        return registry
    data = load_text(registry)
    for actor in data:
        if isinstance(actor, CommentedMap) and str(actor.get("id")) in aliases:
            actor_edits.add_aliases(actor, aliases[str(actor["id"])])
    return dump_text(data, registry)


def _flow(seq):
    seq.fa.set_flow_style()
    return seq


def _window(value, field: str):
    """A date window as the format writes it: a day, or {earliest, latest}."""
    if value in (None, ""):
        return None
    days = [value] if isinstance(value, (str, dt.date)) else list(value)
    checked = []
    for day in days:
        try:
            checked.append(dt.date.fromisoformat(str(day).strip()).isoformat())
        except ValueError:
            raise ReviewError(f"{field}: {day!r} is not a date; write YYYY-MM-DD") from None
    if len(checked) == 1 or checked[0] == checked[-1]:
        return checked[0]
    if len(checked) != 2 or checked[0] > checked[1]:
        raise ReviewError(f"{field}: give one day, or the earliest and the latest day in order")
    return _flow(CommentedMap([("earliest", checked[0]), ("latest", checked[1])]))


class _Preview:
    """A private one-article corpus in a temporary folder: the session's files checked by the loader
    itself."""

    def __init__(self, review: Review):
        self.root = Path(tempfile.mkdtemp(prefix="newsdesk-review-"))
        weakref.finalize(self, shutil.rmtree, str(self.root), True)
        self.review = review
        article = self.root / str(review.data["article"])
        article.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(review.root / str(review.data["article"]), article)
        if (review.root / "topics.yaml").is_file():  # a corpus may have no topics yet
            shutil.copyfile(review.root / "topics.yaml", self.root / "topics.yaml")
        (self.root / "annotations").mkdir()

    def check(self, annotation: str, registry: str | None):
        from helpers.corpus.load import load_corpus
        if registry is None:
            registry = (self.review.root / "actors.yaml").read_text(encoding="utf-8")
        (self.root / "actors.yaml").write_text(registry, encoding="utf-8")
        (self.root / "annotations" / f"{self.review.name}.yaml").write_text(annotation, encoding="utf-8")
        try:
            return load_corpus(self.root, cache=False), []
        except CorpusError as err:
            return None, err.problems
