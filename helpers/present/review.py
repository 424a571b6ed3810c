"""Review a draft, or re-open an annotation: list its entries, accept, reject or edit them, save.

Pure logic for the review notebook (``notebooks/5-review.ipynb``, UI in ``helpers.present.review_widget``).
Files are read and written with ruamel.yaml's round trip, so comments, quoting and layout stay as the
analyst left them. Saving writes ``<corpus>/annotations/NAME.yaml`` (through a temporary file and a
rename), appends the actors the analyst confirmed to ``actors.yaml``, and changes no other file: never
the article, never the draft. It refuses to overwrite an annotation that changed on disk since it was
opened, and to write a file that ``python -m helpers validate`` would reject.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent

from helpers.core.anchoring import anchor, find_all
from helpers.core.atomic import write_atomically
from helpers.core.problems import CorpusError, Problem
from helpers.corpus.files import waiting_drafts as corpus_drafts
from helpers.corpus.registry import ACTOR_KINDS as REGISTRY_KINDS
from helpers.paths import PROJECT

KINDS = ("new actor", "statement", "deadline", "mention")
ACTOR_KINDS = tuple(REGISTRY_KINDS)
MODES = ("reported", "direct")
REVIEW_KEYS = ("check", "confidence")
_KEEP = object()  # an edit argument left as it is
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
HEADER = "Annotation reviewed from drafts/{name} in notebooks/5-review.ipynb. Format: data/README.md"


class ReviewError(Exception):
    """An action that cannot be done as asked; the message says why and what to do instead."""

    def _render_traceback_(self) -> list[str]:
        # a notebook shows the message, not our internals: it is the analyst's file, not a bug
        return [str(self)]


def _undoable(method):
    """A change to the session: the state before it is kept for ``undo()``; a refused change leaves none."""
    def run(self, *args, **kwargs):
        before = dump_text(self.data, self._source_text)
        try:
            result = method(self, *args, **kwargs)
        except BaseException:
            self.data = load_text(before)
            raise
        self._history.append((before, self.changed))
        self.changed = True
        return result
    run.__name__, run.__doc__, run.__wrapped__ = method.__name__, method.__doc__, method
    return run


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


# ---- YAML round trip ----------------------------------------------------------------------------

def _yaml(text: str = "") -> YAML:
    """A round-trip YAML with the file's own indentation, ``null`` written out, lines never re-wrapped."""
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    seq, offset = 2, 0
    if text.strip():
        _, seq, offset = load_yaml_guess_indent(text)
    y.indent(mapping=2, sequence=seq or 2, offset=offset or 0)
    y.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


def load_text(text: str):
    return _yaml(text).load(text)


def dump_text(data, like: str = "") -> str:
    out = io.StringIO()
    _yaml(like).dump(data, out)
    return out.getvalue()


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def replace_file(path: Path, content: str) -> None:
    """Write ``path`` whole or not at all, a symlink followed and the file's permissions kept."""
    write_atomically(path, content)


# ---- finding drafts -----------------------------------------------------------------------------

def _annotation_of(root: Path, name: str) -> Path | None:
    return next((p for ext in (".yaml", ".yml") if (p := root / "annotations" / f"{name}{ext}").is_file()), None)


def waiting_drafts(corpus: str | os.PathLike) -> list[str]:
    """Names of the drafts in ``<corpus>/drafts/`` that have no annotation yet, in order."""
    return [p.stem for p in corpus_drafts(Path(corpus))]


def nothing_waiting(corpus: str | os.PathLike) -> str:
    """The sentence the review notebook prints when no draft waits, with the commands that make one."""
    folder = Path(corpus).resolve()
    named = os.path.relpath(folder, PROJECT) if folder.is_relative_to(PROJECT) else str(folder)
    return (f"No draft waits for review in {Path(corpus) / 'drafts'}/. To make one, run from the project folder "
            f"`python -m helpers draft {named}` (drafts every article that has no annotation yet) or "
            f"`python -m helpers ingest` for a saved page, then run this notebook again. To go on with an "
            f"annotation saved here before, set draft to its name.")


# ---- offsets in the article as the browser shows it ----------------------------------------------

def rendered_positions(text: str) -> list[int]:
    """For each character the reader shows, its offset in ``text`` (the reader shows "\\r\\n" as one break)."""
    return [i for i, c in enumerate(text) if not (c == "\r" and text[i + 1: i + 2] == "\n")]


# ---- selection → anchored words -----------------------------------------------------------------

def anchor_selection(text: str, start: int, end: int):
    """Words selected at ``text[start:end]`` as the loader quotes them: widened to whole words and trimmed,
    the plain words when they occur once, else ``{text, occurrence}``."""
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
    words = text[start:end]
    hits = find_all(text, words)
    if (start, end) not in hits:
        raise ReviewError(f"the selection {words!r} cannot be quoted as whole words; select a little more or less")
    if len(hits) == 1:
        return words
    quoted = CommentedMap([("text", words), ("occurrence", hits.index((start, end)) + 1)])
    quoted.fa.set_flow_style()
    return quoted


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
        raise ReviewError(f"{path} cannot be reviewed until these are fixed (in a text editor; python -m helpers "
                          f"validate {path} lists them again):\n" + "\n".join(str(p) for p in sorted(problems)))


class Review:
    """One draft or annotation open for review. Change it with the methods below; ``save()`` writes it."""

    def __init__(self, corpus: str | os.PathLike, name: str | None = None):
        self.root = Path(corpus)
        if name is None:
            waiting = waiting_drafts(self.root)
            if not waiting:
                raise ReviewError(nothing_waiting(corpus))
            name = waiting[0]
        name = Path(name).stem
        self.name = name
        annotation = _annotation_of(self.root, name)
        draft = next((p for ext in (".yaml", ".yml") if (p := self.root / "drafts" / f"{name}{ext}").is_file()), None)
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
            raise ReviewError(f"{self.source}: article: {self.data['article']} names a YAML file, not the article; "
                              "write the path of the article's text, e.g. articles/NAME.txt")
        try:
            self.text = article.read_bytes().decode("utf-8-sig")  # as the loader reads it: offsets match
        except (OSError, UnicodeDecodeError) as err:
            raise ReviewError(f"cannot read the article {article}: {err}") from None
        self.article_id = Path(str(self.data["article"])).stem
        self._registry_stamp = None
        self.registry = self._registry_now()
        self.total = sum(e.pending for e in self.entries())
        self.changed = False
        self._history: list[tuple[str, bool]] = []
        self._positions = rendered_positions(self.text)
        self._preview = _Preview(self)

    # -- reading ----------------------------------------------------------------------------------

    def _registry_now(self) -> list[tuple[str, str]]:
        """(id, name) of the registry's actors as actors.yaml holds them now: another review may have saved new
        actors to it since this one opened (read again only when the file changed)."""
        path = self.root / "actors.yaml"
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if stamp == self._registry_stamp and stamp is not None:
            return self.registry
        registry = load_text(path.read_text(encoding="utf-8")) or []
        self._registry_stamp = stamp
        return [(str(a["id"]), str(a.get("name", a["id"]))) for a in registry if isinstance(a, dict) and "id" in a]

    def _list(self, key: str) -> CommentedSeq:
        if self.data.get(key) is None:
            self.data[key] = CommentedSeq()
        return self.data[key]

    def actors(self) -> list[tuple[str, str]]:
        """(id, name) of every actor an entry may name: the registry, then the annotation's new actors."""
        known = dict(self.registry)
        return self.registry + [(str(a["id"]), str(a.get("name", a["id"]))) for a in self.data.get("new_actors") or []
                                if str(a["id"]) not in known]

    def entries(self) -> list[Entry]:
        """Every entry to review, in file order by kind: new actors, statements, deadlines, flagged mentions."""
        names = dict(self.actors())
        out = []
        for a in self.data.get("new_actors") or []:
            out.append(Entry("new actor", str(a["id"]), a.get("check"), None, f"{a.get('name')} ({a.get('kind')})"))
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

    def progress(self) -> tuple[int, int]:
        """(reviewed, total): of the entries that awaited review when opened, how many no longer do."""
        return max(0, self.total - sum(e.pending for e in self.entries())), self.total

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
        """Where an entry's words stand in the article (statements: their words; deadlines: the expression)."""
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
        """Take back the last change (accept, reject, edit, words, added statement or actor)."""
        if not self._history:
            raise ReviewError("nothing to undo")
        before, self.changed = self._history.pop()
        self.data = load_text(before)
        return "took back the last change"

    @_undoable
    def accept(self, key) -> str:
        """The entry is right: its review fields go (``check:``, ``confidence:``)."""
        node = self.node(key)
        for field in REVIEW_KEYS:
            node.pop(field, None)
        if key[0] == "new actor" and key[1] in dict(self.registry):
            return f"accepted new actor {key[1]}: actors.yaml has it already, so its entry goes on save"
        if key[0] == "mention" and set(node) == {"text"}:  # only its words left: written as plain words
            for group in self.data["mentions"]:
                spans = group.get("spans") or []
                for i, span in enumerate(spans):
                    if span is node:
                        spans[i] = node["text"]
        return f"accepted {key[0]} {key[1]}"

    @_undoable
    def reject(self, key) -> str:
        """The entry is wrong: it goes, with what pointed at it (a deadline's ``statement:``, ``same_as:``)."""
        kind, ident = key
        node = self.node(key)
        said = ""
        if kind == "statement":
            self.data["statements"].remove(node)
            for d in self.data.get("deadlines") or []:
                if d.get("statement") == ident:
                    d.pop("statement")
                    said += f"; {d['id']} no longer names the statement it was made in"
        elif kind == "deadline":
            self.data["deadlines"].remove(node)
            for d in self.data.get("deadlines") or []:
                if d.get("same_as") == ident:
                    d.pop("same_as")
                    said += f"; {d['id']} is no longer the same deadline as {ident}"
        elif kind == "mention":
            for group in list(self.data.get("mentions") or []):
                spans = group.get("spans") or []
                if any(s is node for s in spans):
                    spans.remove(node)
                    if not spans and not group.get("every"):
                        self.data["mentions"].remove(group)
        else:
            users = self._uses(ident)
            if users:
                raise ReviewError(f"new actor {ident!r} is named by {', '.join(users)}: change those entries first")
            self.data["new_actors"].remove(node)
            if not self.data["new_actors"]:
                del self.data["new_actors"]
            for group in list(self.data.get("mentions") or []):
                if group.get("actor") == ident:
                    self.data["mentions"].remove(group)
                    said += "; its mentions went with it"
        return f"rejected {kind} {ident}{said}"

    @_undoable
    def edit(self, key, *, speaker=_KEEP, mode=_KEEP, addressee=_KEEP, issued=_KEEP, due=_KEEP) -> str:
        """Correct a statement (speaker, mode, addressee) or a deadline (speaker = set_by, addressee, issued,
        due: a day ``YYYY-MM-DD``, two days ``(earliest, latest)``, or None). Review fields stay: accept it
        when it is right."""
        kind, ident = key
        node = self.node(key)
        if kind not in ("statement", "deadline"):
            raise ReviewError(f"a {kind} has no speaker or dates to edit: accept or reject it")
        if speaker is not _KEEP:
            node["speaker" if kind == "statement" else "set_by"] = self._actor(speaker)
        if addressee is not _KEEP:
            ids = [self._actor(a) for a in ([] if addressee in (None, "") else
                                             [addressee] if isinstance(addressee, str) else list(addressee))]
            if ids:
                value = ids[0] if len(ids) == 1 else _flow(CommentedSeq(ids))
                if "addressee" in node:
                    node["addressee"] = value
                else:  # beside whoever speaks, where an analyst writes it
                    who = "speaker" if kind == "statement" else "set_by"
                    node.insert(list(node).index(who) + 1 if who in node else len(node), "addressee", value)
            else:
                node.pop("addressee", None)
        if mode is not _KEEP:
            if kind != "statement" or mode not in MODES:
                raise ReviewError(f"mode is 'direct' or 'reported', for statements only (not {mode!r})")
            node["mode"] = mode
        for field, value in (("issued", issued), ("due", due)):
            if value is not _KEEP:
                if kind != "deadline":
                    raise ReviewError(f"only a deadline has {field} dates")
                node[field] = _window(value, field)
        return f"edited {kind} {ident}"

    @_undoable
    def set_words(self, key, start: int, end: int) -> str:
        """The entry's words become those at ``text[start:end]`` (anchored as the loader anchors them)."""
        kind, ident = key
        quoted = anchor_selection(self.text, start, end)
        node = self.node(key)
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
    def add_statement(self, start: int, end: int, speaker=None, mode: str = "reported", addressee=None) -> str:
        """A statement the drafter missed, from words selected in the article; returns its id."""
        quoted = anchor_selection(self.text, start, end)
        if mode not in MODES:
            raise ReviewError(f"mode is 'direct' or 'reported', not {mode!r}")
        statements = self._list("statements")
        numbers = [int(m.group(1)) for s in statements if (m := re.fullmatch(r"S(\d+)", str(s.get("id"))))]
        ident = f"S{max(numbers, default=0) + 1}"
        while any(str(s.get("id")) == ident for s in statements):
            ident += "a"
        entry = CommentedMap([("id", ident), ("speaker", self._actor(speaker)), ("mode", mode)])
        statements.append(entry)
        if addressee:
            self.edit.__wrapped__(self, ("statement", ident), addressee=addressee)
        entry["words"] = quoted
        return ident

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
        if kind not in ACTOR_KINDS:
            raise ReviewError(f"kind is one of {', '.join(ACTOR_KINDS)}, not {kind!r}")
        # its name as an alias, so later drafts find it
        self._list("new_actors").append(CommentedMap([("id", ident), ("name", name), ("kind", kind),
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
        for section, fields in (("statements", ("speaker", "addressee")), ("deadlines", ("set_by", "addressee"))):
            for item in self.data.get(section) or []:
                values = [item.get(f) for f in fields]
                if any(v == ident or (isinstance(v, list) and ident in v) for v in values):
                    out.append(str(item["id"]))
        return out

    # -- saving -----------------------------------------------------------------------------------

    def confirmed_actors(self) -> list:
        """New actors the analyst kept (no ``check:`` left): they move to actors.yaml on save."""
        known = dict(self.registry)
        return [a for a in self.data.get("new_actors") or [] if not a.get("check") and str(a["id"]) not in known]

    def files(self) -> tuple[str, str | None]:
        """What ``save()`` would write: the annotation's text, and actors.yaml's (None: unchanged)."""
        self.registry = self._registry_now()
        moving = self.confirmed_actors()
        # accepted proposals the registry has meanwhile (another draft's review added them): the same actor
        registered = {str(a["id"]) for a in self.data.get("new_actors") or []
                      if not a.get("check") and str(a["id"]) in dict(self.registry)}
        data = self.data
        if moving or registered or self.from_draft:
            data = load_text(dump_text(self.data, self._source_text))  # a copy, so the session keeps its state
            if moving or registered:
                ids = {str(a["id"]) for a in moving} | registered
                kept = [a for a in data.get("new_actors") or [] if str(a["id"]) not in ids]
                if kept:
                    data["new_actors"] = CommentedSeq(kept)
                else:
                    del data["new_actors"]
            if self.from_draft:  # the draft's header tells the reader to review it: not true of the annotation
                data.ca.comment = None
                data.yaml_set_start_comment(HEADER.format(name=self.source.name))
        annotation = dump_text(data, self._source_text)
        if not moving:
            return annotation, None
        registry = (self.root / "actors.yaml").read_text(encoding="utf-8")
        if registry.strip() and not isinstance(load_text(registry), CommentedSeq) or registry.lstrip().startswith("["):
            raise ReviewError("actors.yaml is not a block list of actors (one '- id: …' entry after another): "
                              "new actors cannot be appended to it; add them by hand")
        gap = "\n" if "\n\n- " in registry else ""  # the registry's own spacing between entries
        entries = [dump_text(CommentedSeq([CommentedMap((k, v) for k, v in a.items() if k != "check")]), registry)
                   for a in moving]
        head = registry if not registry.strip() or registry.endswith("\n") else registry + "\n"
        return annotation, head + "".join(gap + e if head.strip() or i else e for i, e in enumerate(entries))

    def problems(self) -> list[Problem]:
        """What ``python -m helpers validate`` would report on the files as saved (empty: they validate)."""
        annotation, registry = self.files()
        return self._preview.check(annotation, registry)[1]

    def preview(self):
        """The corpus as it would load with this annotation (for the reader), or None with problems."""
        return self._preview.check(dump_text(self.data, self._source_text), None)[0]

    def save(self) -> Path:
        """Write the annotation (and actors.yaml when actors were confirmed); return the annotation's path."""
        now = _digest(self.target)
        if now != self._opened:
            what = "was created" if self._opened is None else ("was deleted" if now is None else "changed")
            raise ReviewError(f"{self.target} {what} on disk since it was opened here; nothing was saved. "
                              f"Re-open it to review the file as it is now (or move it aside and save again).")
        annotation, registry = self.files()
        problems = self._preview.check(annotation, registry)[1]
        if problems:
            raise ReviewError("nothing was saved; the file would not validate:\n" +
                              "\n".join(str(p).replace(str(self._preview.root), str(self.root)) for p in problems))
        self.target.parent.mkdir(parents=True, exist_ok=True)
        if registry is not None:
            replace_file(self.root / "actors.yaml", registry)
            self.registry += [(str(a["id"]), str(a.get("name", a["id"]))) for a in self.confirmed_actors()]
        replace_file(self.target, annotation)
        self._opened = _digest(self.target)
        self.data = load_text(annotation)
        self._source_text, self.from_draft, self.source = annotation, False, self.target
        self.changed = False
        return self.target


def _mention_id(group, span) -> str:
    words, occurrence = _words(span)
    return f"{group['actor']}: {words}" + (f" ({occurrence})" if occurrence else "")


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
    """A private one-article corpus in a temporary folder: the session's files checked by the loader itself."""

    def __init__(self, review: Review):
        self.root = Path(tempfile.mkdtemp(prefix="newsdesk-review-"))
        weakref.finalize(self, shutil.rmtree, str(self.root), True)
        self.review = review
        article = self.root / str(review.data["article"])
        article.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(review.root / str(review.data["article"]), article)
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
