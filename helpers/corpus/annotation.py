"""Turn one checked annotation into table rows, collecting every problem on the way.

Validation and loading share this one pass, so whatever ``validate`` accepts
loads, and whatever fails to load is reported by ``validate``.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from helpers.core import dates
from helpers.core.anchoring import anchor, find_all, fold
from helpers.core.problems import Problem
from helpers.corpus import model
from helpers.corpus.schema import Annotation, Span, name_problems
from helpers.corpus.yamlfile import YamlDoc


@dataclass
class Compiled:
    article: dict = field(default_factory=dict)
    mentions: list[dict] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)
    statement_topics: list[dict] = field(default_factory=list)
    statement_addressees: list[dict] = field(default_factory=list)
    deadlines: list[dict] = field(default_factory=list)
    deadline_addressees: list[dict] = field(default_factory=list)
    new_actors: list[dict] = field(default_factory=list)
    unreviewed: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Ctx:
    """What one pass needs: the text, the registry, and where to put problems."""

    def __init__(self, doc: YamlDoc, text: str, actor_ids: set[str], topic_ids: set[str], out: Compiled):
        self.doc, self.text, self.actors, self.topics, self.out = doc, text, actor_ids, topic_ids, out

    def problem(self, loc: tuple, what: str, fix: str = "") -> None:
        self.out.problems.append(Problem(self.doc.path, self.doc.line(loc), what, fix))

    def place(self, span: Span | None, loc: tuple, near: int | None = None) -> tuple[int | None, int | None]:
        if span is None:
            return None, None
        found = anchor(self.text, span.text, span.occurrence, near)
        if not found.ok:
            self.problem(loc, found.error, found.fix)
        return found.start, found.end

    def actor(self, actor_id: str | None, loc: tuple) -> str | None:
        if actor_id is None or self.actors is None or actor_id in self.actors:
            return actor_id  # an unreadable registry is reported once, not at every id
        near = difflib.get_close_matches(actor_id.lower(), sorted(self.actors), n=1, cutoff=0.5)
        hint = f"did you mean '{near[0]}'? " if near else ""
        self.problem(loc, f"unknown actor id '{actor_id}'",
                     f"{hint}ids are listed in actors.yaml; add the actor there first")
        return None

    def actors_of(self, value, loc: tuple) -> list[str]:
        """An actor id or a list of them, as a list of the known ones, each once in the order written."""
        ids = value if isinstance(value, list) else ([] if value is None else [value])
        kept = [self.actor(a, loc + ((i,) if isinstance(value, list) else ())) for i, a in enumerate(ids)]
        return list(dict.fromkeys(k for k in kept if k))

    def day(self, value, loc: tuple):
        if value is None:
            return pd.NaT
        try:
            return dates.parse_day(value)
        except dates.DateSpecError as err:
            self.problem(loc, err.what, err.fix)
            return pd.NaT

    def window(self, spec, loc: tuple, issued=dates.OPEN, allow_issued=True):
        if spec is None:
            return dates.OPEN
        try:
            return dates.resolve_window(spec.model_dump(by_alias=True, exclude_none=True), issued,
                                        allow_issued)
        except dates.DateSpecError as err:
            self.problem(loc + ((err.key,) if err.key else ()), err.what, err.fix)
            return dates.OPEN


def compile_annotation(doc: YamlDoc, ann: Annotation, article_id: str, text: str,
                       actor_ids: set[str] | None, topic_ids: set[str] | None) -> Compiled:
    out = Compiled()
    registry = actor_ids
    if actor_ids is not None and ann.new_actors:
        actor_ids = actor_ids | {a.id for a in ann.new_actors}
    ctx = _Ctx(doc, text, actor_ids, topic_ids, out)
    _new_actors(ctx, ann, article_id, registry)
    parts = _layout(ctx, ann)
    out.article = _article(ctx, ann, article_id, parts)
    _mentions(ctx, ann, article_id, parts)
    for kind in model.IDENTIFIED:
        _entries(ctx, kind, getattr(ann, kind.section), article_id)
    _references(ctx, ann)
    _unique_ids(ctx, ann)
    _unreviewed(ctx, ann, article_id, registry)
    return out


def _new_actors(ctx: _Ctx, ann: Annotation, article_id: str, registry: set[str] | None) -> None:
    raw = ctx.doc.data.get("new_actors") if isinstance(ctx.doc.data, dict) else None
    for line, what, fix in name_problems(raw, ("new_actors",), ctx.doc.line):
        ctx.out.problems.append(Problem(ctx.doc.path, line, what, fix))
    for actor in ann.new_actors:
        if registry is not None and actor.id in registry:
            continue  # accepted from another draft of the story since: it is that registry actor
        ctx.out.new_actors.append({"actor_id": actor.id, "name": actor.name, "kind": actor.kind,
                                   "country": actor.country, "role": None, "aliases": "",
                                   "proposed_in": article_id})


def _unreviewed(ctx: _Ctx, ann: Annotation, article_id: str, registry: set[str] | None = None) -> None:
    """Entries that still carry the drafter's check: what an analyst has yet to review."""
    def add(kind, loc, ident, confidence, check):
        ctx.out.unreviewed.append({"article_id": article_id, "kind": kind, "id": ident,
                                   "confidence": confidence,
                                   "check": check, "path": ctx.doc.path, "line": ctx.doc.line(loc)})
    for i, a in enumerate(ann.new_actors):
        if a.check and not (registry and a.id in registry):  # one the registry took since is reviewed
            add("new actor", ("new_actors", i), a.id, None, a.check)
    for g, group in enumerate(ann.mentions):
        for i, span in enumerate(group.spans):
            if span.check:
                add("mention", ("mentions", g, "spans", i), f"{group.actor}: {span.text}", None, span.check)
    for i, st in enumerate(ann.statements):
        if st.check or st.confidence:
            add("statement", ("statements", i), st.id, st.confidence, st.check)
    for i, dl in enumerate(ann.deadlines):
        if dl.check or dl.confidence:
            add("deadline", ("deadlines", i), dl.id, dl.confidence, dl.check)


def _layout(ctx: _Ctx, ann: Annotation) -> list[tuple[str, int, int]]:
    """(part, start, end) for each page line the annotation names; the rest is body."""
    lines, pos = [], 0
    for raw in ctx.text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        lines.append((pos + lead, pos + len(body.rstrip())))
        pos += len(raw)
    used: set[int] = set()
    parts = []
    folded = fold(ctx.text)  # once, not line by line (same length: offsets hold)
    named = [("furniture", s, ("layout", "furniture", i)) for i, s in enumerate(ann.layout.furniture)]
    named += [(p, getattr(ann.layout, p), ("layout", p)) for p in ("section", "title", "caption", "dateline")]
    for part, span, loc in named:
        if span is None:
            continue
        want = unicodedata.normalize("NFC", fold(span.text).strip())
        hits = []
        for i, (s, e) in enumerate(lines):
            taken = _line_taken(part, folded[s:e], want)
            if taken is not None:
                hits.append((i, s, s + taken))
        free = [h for h in hits if h[0] not in used]
        pick = (span.occurrence or 1) - 1
        if pick >= len(free):
            how = "begin a line" if part == "dateline" else "stand alone on a line"
            ctx.problem(loc, f"the {part} {span.text!r} does not {how} of the article",
                        "quote the whole line exactly as the page has it")
            continue
        i, s, e = free[pick]
        used.add(i)
        parts.append((part, s, e))
    return parts


def _line_taken(part: str, line: str, want: str) -> int | None:
    """How many characters of ``line`` (folded) the layout words ``want`` (folded, NFC) take: the whole line,
    or for a dateline the words that begin it; None when they do not. Accents are compared composed (NFC)."""
    composed = unicodedata.normalize("NFC", line)
    if part != "dateline":
        return len(line) if composed == want else None
    if not composed.startswith(want) or composed[len(want): len(want) + 1].isalnum():
        return None
    if composed is line or composed == line:
        return len(want)
    return next((k for k in range(len(want), len(line) + 1)
                 if unicodedata.normalize("NFC", line[:k]) == want), None)


def _part_at(parts, start: int) -> str:
    return next((p for p, s, e in parts if s <= start < e), "body")


def _article(ctx: _Ctx, ann: Annotation, article_id: str, parts) -> dict:
    piece = {p: ctx.text[s:e] for p, s, e in parts if p != "furniture"}
    return {
        "article_id": article_id,
        "title": piece.get("title"),
        "section": piece.get("section"),
        "dateline": piece.get("dateline"),
        "caption": piece.get("caption"),
        "outlet": ann.metadata.outlet,
        "author": ann.metadata.author,
        "url": ann.metadata.url,
        "published": ctx.day(ann.metadata.published, ("metadata", "published")),
        "published_basis": ann.metadata.published_basis,
        "story": _story(ctx, ann.metadata.story),
        "path": ann.article,
        "text": ctx.text,
    }


STORY_LENGTH = 60  # a label for charts and tables, not a description


def _story(ctx: _Ctx, story: str | None) -> str | None:
    """The analyst's story label, trimmed; a label too long or on several lines is reported."""
    if story is None:
        return None
    label = " ".join(story.split())
    if not label:
        ctx.problem(("metadata", "story"), "the story label is empty",
                    "write a short label, e.g. story: ukraine talks, or remove the line")
    elif "\n" in story.strip() or len(label) > STORY_LENGTH:
        ctx.problem(("metadata", "story"), f"the story label is {len(label)} characters"
                    + (" on several lines" if "\n" in story.strip() else ""),
                    f"write a short label of at most {STORY_LENGTH} "
                    "characters on one line, e.g. story: ukraine talks")
    return label or None


def _mentions(ctx: _Ctx, ann: Annotation, article_id: str, parts) -> None:
    taken: list[tuple[int, int]] = []
    rows = ctx.out.mentions

    def add(actor, s, e):
        rows.append({"article_id": article_id, "actor_id": actor, "start": s, "end": e,
                     "text": ctx.text[s:e], "part": _part_at(parts, s)})
        taken.append((s, e))

    seen = {}
    for g, group in enumerate(ann.mentions):
        actor = ctx.actor(group.actor, ("mentions", g, "actor"))
        for i, span in enumerate(group.spans):
            s, e = ctx.place(span, ("mentions", g, "spans", i))
            if s is None or actor is None:
                continue
            if (actor, s) in seen:
                ctx.problem(("mentions", g, "spans", i), f"the mention {span.text!r} is listed twice",
                            f"remove one (the other is on line {seen[(actor, s)]})")
                continue
            seen[(actor, s)] = ctx.doc.line(("mentions", g, "spans", i))
            add(actor, s, e)
    # 'every' fills in repeats after all explicit spans, so a name inside a title is not counted twice
    for g, group in enumerate(ann.mentions):
        actor = group.actor if ctx.actors is None or group.actor in ctx.actors else None
        for i, words in enumerate(group.every):
            hits = find_all(ctx.text, words)
            if not hits:
                ctx.problem(("mentions", g, "every", i), f"the words {words!r} are not in the article",
                            "copy them from the text")
            for s, e in hits:
                if actor and not any(s < te and ts < e for ts, te in taken):
                    add(actor, s, e)


def _compile_order(kind: model.EntryKind) -> list[model.FieldSpec]:
    """A kind's fields in the order they are compiled: the entry's own words first, for an optional span (a
    cue) is looked for near them."""
    # kept by section: hashing the frozen kind itself hashes every field spec, at every entry
    order = _ORDERS.get(kind.section)
    if order is None or order[0] is not kind:
        order = _ORDERS[kind.section] = (kind, sorted(kind.fields,
                                                      key=lambda f: not (f.value == "span" and f.required)))
    return order[1]


_ORDERS: dict[str, tuple] = {}


def _entries(ctx: _Ctx, kind: model.EntryKind, entries: list, article_id: str) -> None:
    """Each entry as a row of its kind's table, and rows of the long tables of its several-valued fields,
    built field by field as the annotation model declares them; a value's problem is reported where the file
    has it."""
    for i, entry in enumerate(entries):
        loc = (kind.section, i)
        row = {kind.id_column: entry.id, "article_id": article_id}
        near, windows = None, {}
        for spec in _compile_order(kind):
            value, where = getattr(entry, spec.name), loc + (spec.name,)
            if spec.table:
                values = (ctx.actors_of(value, where) if spec.value == "actors" else
                          [v for t, v in enumerate(value) if _known_topic(ctx, spec, v, where + (t,))])
                getattr(ctx.out, spec.table).extend(
                    {"article_id": article_id, kind.id_column: entry.id, spec.column: v} for v in values)
            elif spec.value == "actor":
                row[spec.columns[0]] = ctx.actor(value, where)
            elif spec.value == "day":
                row[spec.columns[0]] = ctx.day(value, where)
            elif spec.value == "span":
                start, end = ctx.place(value, where, near=None if spec.required else near)
                near = start if spec.required else near
                row.update(zip(spec.columns,
                               (ctx.text[start:end] if start is not None else None, start, end)))
            elif spec.value == "window":  # a due window may count from the entry's issued one
                windows[spec.name] = ctx.window(value, where, windows.get("issued", dates.OPEN),
                                                allow_issued=spec.name != "issued")
                row.update(zip(spec.columns, (*windows[spec.name], value.reading if value else None)))
            elif spec.value == "known":
                row.update(zip(spec.columns, (ctx.day(value.issued, where + ("issued",)) if value else pd.NaT,
                                              ctx.day(value.due, where + ("due",)) if value else pd.NaT,
                                              value.source if value else None)))
            elif spec.columns:  # text, a word of a vocabulary, another entry's id
                row[spec.columns[0]] = value
        getattr(ctx.out, kind.section).append(row)
        if "due" in windows:
            _due_after_issued(ctx, windows["issued"], windows["due"], loc + ("due",))


def _known_topic(ctx: _Ctx, spec: model.FieldSpec, topic: str, loc: tuple) -> bool:
    if spec.vocabulary != "topic" or ctx.topics is None or topic in ctx.topics:
        return True
    near = difflib.get_close_matches(topic, sorted(ctx.topics), n=1)
    ctx.problem(loc, f"unknown topic '{topic}'",
                (f"did you mean '{near[0]}'? " if near else "") + "topics are listed in topics.yaml")
    return False


def _due_after_issued(ctx: _Ctx, issued, due, loc: tuple) -> None:
    if not pd.isna(due[1]) and not pd.isna(issued[0]) and due[1] < issued[0]:
        ctx.problem(loc, f"falls due ({dates.format_window(due)}) before it was "
                         f"issued ({dates.format_window(issued)})", "check both dates and the days offsets")


def _references(ctx: _Ctx, ann: Annotation) -> None:
    """A deadline's same_as names another deadline of the file, its statement a statement of the file."""
    deadlines, statements = [d.id for d in ann.deadlines], sorted({s.id for s in ann.statements})
    for i, dl in enumerate(ann.deadlines):
        loc = ("deadlines", i)
        if dl.same_as is not None and (dl.same_as not in deadlines or dl.same_as == dl.id):
            ctx.problem(loc + ("same_as",), f"same_as: '{dl.same_as}' is not another deadline of this file",
                        "name the id of the earlier mention of the same deadline")
        if dl.statement is not None and dl.statement not in statements:
            near = difflib.get_close_matches(dl.statement, statements, n=1)
            ctx.problem(loc + ("statement",), f"no statement has the id '{dl.statement}'",
                        (f"did you mean '{near[0]}'? " if near
                         else "") + "use the id of a statement in this file")


def _unique_ids(ctx: _Ctx, ann: Annotation) -> None:
    first: dict[str, int] = {}
    entries = [("statements", i, s.id) for i, s in enumerate(ann.statements)]
    entries += [("deadlines", i, d.id) for i, d in enumerate(ann.deadlines)]
    folded: dict[str, str] = {}
    for kind, i, ident in entries:
        line = ctx.doc.line((kind, i, "id"))
        if ident not in first and ident.casefold() in folded:
            ctx.problem((kind, i, "id"),
                        f"the id '{ident}' differs only in case from '{folded[ident.casefold()]}'",
                        "ids are compared exactly; give this entry an id of its own")
        folded.setdefault(ident.casefold(), ident)
        if ident in first:
            ctx.problem((kind, i, "id"), f"duplicate id '{ident}' (first used on line {first[ident]})",
                        "give each statement and deadline its own id")
        else:
            first[ident] = line
