"""Draft an annotation for an article: actors, statements, dates and deadlines, for an analyst to review.

A draft is written in the analyst's own format (data/README.md) to a drafts
folder, never over an annotation and never into the article. Each entry says
how sure the drafter is (``confidence``) and what to look at (``check``).
"""
from __future__ import annotations

import datetime as dt
import errno
import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from helpers.core.anchoring import find_all
from helpers.core.atomic import write_atomically
from helpers.core.dates import Window
from helpers.core.limits import MAX_ARTICLE_BYTES, unreadable
from helpers.corpus.annotation import STORY_LENGTH
from helpers.corpus.files import annotated_articles
from helpers.corpus.registry import read_entries, topic_in_story
from helpers.corpus.schema import Actor, Topic
from helpers.drafting.deadlines import DeadlineDraft, find_deadlines
from helpers.drafting.entities import StoryIndex
from helpers.drafting.mentions import MentionDraft, ProposedActor, find_mentions, named_speakers
from helpers.drafting.statements import (
    StatementDraft,
    dates_said,
    find_statements,
    statement_topics,
    topic_patterns,
)
from helpers.drafting.timex import TimexSpan, tag


class DraftError(Exception):
    """An article that cannot be drafted as asked (the message says why and what to do)."""


@dataclass
class Draft:
    text: str
    reference_date: dt.date
    reference_basis: str
    timexes: list[TimexSpan] = field(default_factory=list)
    mentions: list[MentionDraft] = field(default_factory=list)
    proposed: list[ProposedActor] = field(default_factory=list)
    statements: list[StatementDraft] = field(default_factory=list)
    deadlines: list[DeadlineDraft] = field(default_factory=list)
    story_label: str | None = None  # the story the article belongs to (metadata: story:), when given


def stated_date(text: str) -> tuple[dt.date, str] | None:
    """A full date the article states about itself (a 'Published' line or a date near the top)."""
    for m in re.finditer(r"^(?:Published|Updated|Posted|Date)\b.{0,10}$\n?\s*(.{0,60})$", text,
                         re.MULTILINE | re.IGNORECASE):
        for t in tag(m.group(0), None):
            if day := _real_day(t.value):
                return day, f'stated by the article: "{t.text}"'
    for t in tag(text[:400], None):
        if day := _real_day(t.value):
            return day, f'the first full date in the article: "{t.text}"'
    return None


def _real_day(value: str) -> dt.date | None:
    """The day a full date value names, or None: not a full date, or one no calendar has ("2025-02-29")."""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def reference_for(text: str, given: dt.date | str | None) -> tuple[dt.date, str]:
    if given is not None:
        day = given if isinstance(given, dt.date) else dt.date.fromisoformat(str(given))
        return day, "the reference date given to the drafter"
    found = stated_date(text)
    if found:
        return found
    yearless = next((t.text for t in tag(text, None) if re.match(r"XXXX-\d\d", t.value)), None)
    hint = f' (it names "{yearless}" with no year, which cannot be placed)' if yearless else ""
    raise DraftError(f"the article states no date of its own{hint}; "
                     "give one with --reference-date YYYY-MM-DD (the day it was published)")


def draft_text(text: str, actors: list[dict] | None = None, reference_date=None,
               topics: list[dict] | None = None, story: list[ProposedActor] = (),
               story_label: str | None = None) -> Draft:
    """Draft everything for one article's text (pure: reads and writes nothing).

    ``topics`` are the corpus's topics (``registry_topics``): each statement gets those its words suggest, of
    the topics of ``story_label``'s story and of every story (``topics_for_story``).
    ``story`` the actors the story's other drafts propose (``helpers.drafting.story``): one found here keeps
    their id, name and aliases.
    A text longer than WHOLE_LIMIT is drafted in pieces of about PIECE characters (see _draft_pieces)."""
    ref, basis = reference_for(text, reference_date)
    topics = topics_for_story(topics or [], story_label)
    if len(text) > WHOLE_LIMIT:
        draft = _draft_pieces(text, actors, ref, basis, topics, story)
    else:
        draft = _draft_whole(text, actors, ref, basis, topics, story)
    draft.story_label = story_label
    return draft


def topics_for_story(topics: list[dict], story_label: str | None) -> list[dict]:
    """The topics a statement of the story may get: the story's own and those of every story, never another
    story's (a war's "sanctions" for a carmaker's bailout); with no story label, only those of every story."""
    return [topic for topic in topics if topic_in_story(topic.get("stories"), story_label)]


def clean_story_label(label: str | None) -> str | None:
    """The story label as the loader keeps it (one line, spaces trimmed), or DraftError saying what to
    give."""
    if label is None:
        return None
    trimmed = " ".join(label.split())
    if not trimmed or "\n" in label.strip() or len(trimmed) > STORY_LENGTH:
        raise DraftError(f"--story {label!r}: give a short label on one line, at most "
                         f"{STORY_LENGTH} characters, e.g. --story 'harbour fees'")
    return trimmed


def _draft_whole(text: str, actors, ref: dt.date, basis: str, topics, story=()) -> Draft:
    timexes = tag(text, ref)
    mentions, proposed = find_mentions(text, actors or [], story=story)
    kinds = {a["id"]: a.get("kind") for a in actors or []} | {p.id: p.kind for p in proposed}
    statements = find_statements(text, mentions, kinds)
    speakers = named_speakers(text, statements, proposed, actors or [])
    # people named only as speakers: once known, their mentions and pronouns change the statements
    if speakers:
        mentions, proposed = find_mentions(text, actors or [], speakers, story)
        kinds |= {p.id: p.kind for p in proposed}
        statements = find_statements(text, mentions, kinds)
    patterns = topic_patterns(topics or [])
    for st, day in zip(statements, dates_said(text, statements, timexes, ref)):
        st.said_on = day
        st.topics = statement_topics(text[st.content_start:st.content_end], patterns)
    deadlines = find_deadlines(text, timexes, statements, mentions, ref)
    return Draft(text, ref, basis, timexes, mentions, proposed, statements, deadlines)


# ---- texts far longer than an article -------------------------------------------------------------
# Several steps compare each statement with every mention or date of the text: fine for an article (the
# longest of the gold corpora is 40,000 characters), quadratic for a 5 MB file. Such a text is many articles
# or a dump; it is drafted in pieces that end at paragraph breaks, so the time grows with its length. A piece
# does not see the others (a pronoun or "that year" at the start of a piece is read without the one before).
WHOLE_LIMIT = 100_000  # characters drafted in one piece: over twice the longest real article
PIECE = 50_000  # the size of a piece beyond that


def piece_bounds(text: str, size: int = PIECE) -> list[tuple[int, int]]:
    """(start, end) of pieces of at most ``size`` characters covering ``text``, each ending after a blank
    line, else a line break, else a space in its second half (cut anywhere only in a text without any)."""
    bounds, start = [], 0
    while len(text) - start > size:
        low, high = start + size // 2, start + size
        cut = next((at + len(sep) for sep in ("\n\n", "\n", " ") if (at := text.rfind(sep, low, high)) >= 0),
                   high)
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _draft_pieces(text: str, actors, ref: dt.date, basis: str, topics, story=()) -> Draft:
    whole = Draft(text, ref, basis)
    proposed: dict[str, ProposedActor] = {}
    for start, end in piece_bounds(text):
        part = _draft_whole(text[start:end], actors, ref, basis, topics,
                            StoryIndex([*story, *proposed.values()]))
        _append_piece(whole, part, start)
        for p in part.proposed:
            known = proposed.setdefault(p.id, p)
            known.aliases.extend(a for a in p.aliases if a not in known.aliases)
    whole.proposed = list(proposed.values())
    return whole


def _append_piece(whole: Draft, part: Draft, shift: int) -> None:
    """Add a piece's findings to the whole text's draft, offsets moved by ``shift`` and deadline links by the
    statements and deadlines already there."""
    statements, deadlines = len(whole.statements), len(whole.deadlines)
    for t in part.timexes:
        whole.timexes.append(TimexSpan(t.start + shift, t.end + shift, t.text, t.type, t.value))
    for m in part.mentions:
        m.start, m.end = m.start + shift, m.end + shift
    for st in part.statements:
        st.content_start, st.content_end = st.content_start + shift, st.content_end + shift
        if st.cue_start is not None:
            st.cue_start, st.cue_end = st.cue_start + shift, st.cue_end + shift
        if st.speaker_start is not None:
            st.speaker_start, st.speaker_end = st.speaker_start + shift, st.speaker_end + shift
    for d in part.deadlines:
        d.start, d.end = d.start + shift, d.end + shift
        d.statement_index = None if d.statement_index is None else d.statement_index + statements
        d.same_as = None if d.same_as is None else d.same_as + deadlines
    whole.mentions += part.mentions
    whole.statements += part.statements
    whole.deadlines += part.deadlines


# ---- output for tools -------------------------------------------------------------------------

def _day(value) -> str | None:
    return None if value is None or pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"


def draft_json(draft: Draft) -> dict:
    """The draft for tools; offsets count characters of the text as read."""
    return {
        "reference_date": draft.reference_date.isoformat(),
        "timexes": [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
                    for t in draft.timexes],
        "proposed_actors": [{"id": p.id, "name": p.name, "kind": p.kind, "country": p.country,
                             "aliases": list(dict.fromkeys([p.name, *p.aliases])), "why": p.check}
                            for p in draft.proposed],
        "mentions": [{"start": m.start, "end": m.end, "text": m.text, "actor_id": m.actor_id}
                     for m in draft.mentions],
        "statements": [{"mode": s.mode, "cue_start": s.cue_start, "cue_end": s.cue_end,
                        "content_start": s.content_start, "content_end": s.content_end,
                        "speaker_start": s.speaker_start, "speaker_end": s.speaker_end, "speaker": s.speaker,
                        "said_on": s.said_on, "topics": list(s.topics)}
                       for s in draft.statements],
        "deadlines": [{"start": d.start, "end": d.end, "text": d.text, "set_by": d.set_by,
                       "issued_earliest": _day(d.issued[0]), "issued_latest": _day(d.issued[1]),
                       "due_earliest": _day(d.due[0]), "due_latest": _day(d.due[1])}
                      for d in draft.deadlines],
    }


# ---- output for analysts ----------------------------------------------------------------------

def _span(text: str, start: int, end: int, check: str | None = None):
    words = text[start:end]
    hits = find_all(text, words)
    entry: dict = {"text": words}
    if len(hits) > 1 and (start, end) in hits:
        entry["occurrence"] = hits.index((start, end)) + 1
    if check:
        entry["check"] = check
    return entry if len(entry) > 1 else words


def _window(window: Window, reading: str | None):
    early, late = window
    if pd.isna(early) and pd.isna(late):
        return None
    out = {"earliest": _day(early), "latest": _day(late)}
    out = {k: v for k, v in out.items() if v is not None}
    if reading:
        out["reading"] = reading
    return out


def draft_annotation(draft: Draft, article: str) -> dict:
    """The draft as an annotation (a dict in the documented format, review fields included)."""
    text = draft.text
    groups: dict[str, list] = {}
    for m in draft.mentions:
        groups.setdefault(m.actor_id, []).append(_span(text, m.start, m.end, m.check))
    statements = []
    for i, s in enumerate(draft.statements, 1):
        entry = {"id": f"S{i}", "speaker": s.speaker, "mode": s.mode}
        if s.cue_start is not None:
            entry["cue"] = _span(text, s.cue_start, s.cue_end)
        entry["words"] = _span(text, s.content_start, s.content_end)
        if s.said_on:
            entry["said_on"] = s.said_on
        if s.topics:
            entry["topics"] = list(s.topics)
        entry["confidence"] = s.confidence
        if s.check:
            entry["check"] = s.check
        statements.append(entry)
    deadlines = []
    for i, d in enumerate(draft.deadlines, 1):
        entry = {"id": f"D{i}", "set_by": d.set_by}
        if d.addressee:
            entry["addressee"] = d.addressee
        entry["expression"] = _span(text, d.start, d.end)
        if d.statement_index is not None:
            entry["statement"] = f"S{d.statement_index + 1}"
        if d.same_as is not None:
            entry["same_as"] = f"D{d.same_as + 1}"
        entry["issued"] = _window(d.issued, d.issued_reading)
        entry["due"] = _window(d.due, d.due_reading)
        entry["confidence"] = d.confidence
        if d.check:
            entry["check"] = d.check
        deadlines.append(entry)
    metadata = {"published": draft.reference_date.isoformat(), "published_basis": draft.reference_basis}
    out = {"article": article,
           "metadata": metadata | ({"story": draft.story_label} if draft.story_label else {})}
    if draft.proposed:
        out["new_actors"] = [_proposed_actor(p) for p in draft.proposed]
    out["mentions"] = [{"actor": a, "spans": spans} for a, spans in groups.items()]
    out["statements"] = statements
    out["deadlines"] = deadlines
    return out


def _proposed_actor(p) -> dict:
    """A proposed actor with every field actors.yaml takes, so that, its check line deleted, it can be copied
    there."""
    return {"id": p.id, "name": p.name, "kind": p.kind, "country": p.country, "role": None,
            "aliases": list(dict.fromkeys([p.name, *p.aliases])),
            "check": f"{p.check}; if right, copy it to actors.yaml without this check line"}


HEADER = """# Draft annotation, written by the drafter (`python -m helpers draft` or `ingest`).
# Review it in notebooks/5-review.ipynb, which saves it to annotations/; or by hand:
# review each entry: correct it, then delete its `check:` (and `confidence:`) line.
# Entries still carrying `check:` or `confidence:` are listed as unreviewed by `python -m helpers validate`.
# A proposed actor (new_actors) moves to actors.yaml without its `check:` line \
(actors.yaml takes no review fields).
# When done, move this file to annotations/. Format: data/README.md
"""


def draft_yaml(draft: Draft, article: str) -> str:
    return HEADER + yaml_text(draft_annotation(draft, article), len(draft.text))


def yaml_text(annotation: dict, text_length: int) -> str:
    """The annotation as YAML. PyYAML's own emitter takes longer than drafting on a long text, so a text over
    WHOLE_LIMIT is written by libyaml's (when installed); articles keep the emitter their drafts always
    had."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper) if text_length > WHOLE_LIMIT else yaml.SafeDumper
    return yaml.dump(annotation, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


# ---- files ------------------------------------------------------------------------------------

def corpus_root(article_path: Path) -> Path:
    """The corpus folder of an article: the parent of its articles/ folder (else its own folder)."""
    parent = article_path.resolve().parent
    return parent.parent if parent.name == "articles" else parent


def registry_actors(root: Path) -> list[dict]:
    """The registry's actors as plain dicts ([] for a corpus without actors.yaml yet).

    An actors.yaml with problems is refused (DraftError naming each): drafting with part of the registry would
    silently leave its other actors unfound."""
    return [actor.model_dump() for actor in _registry_file(Path(root) / "actors.yaml", Actor)]


def registry_topics(root: Path) -> list[dict]:
    """The corpus's topics (id, label, keywords, and stories when it has them) as plain dicts ([] for a corpus
    without topics.yaml yet)."""
    return [topic.model_dump(exclude_none=True)
            for topic in _registry_file(Path(root) / "topics.yaml", Topic)]


def _registry_file(path: Path, model) -> list:
    if not path.is_file():
        return []
    entries, problems = read_entries(path, model)
    if problems:
        listed = "\n".join(f"  {problem}" for problem in problems[:10])
        more = f"\n  … and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise DraftError(f"{path} has {len(problems)} problem{'s' if len(problems) != 1 else ''}; the "
                         f"drafter uses every entry of it, so fix {'them' if len(problems) != 1 else 'it'} "
                         f"first (python -m helpers validate {path.parent} lists them all):\n{listed}{more}")
    return entries


def write_new(path: Path, content: str) -> None:
    """Write a new file through a temporary file and a rename, so no half-written file is ever left."""
    folder_problem = not_a_folder(path.parent)
    if folder_problem:
        raise DraftError(folder_problem)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DraftError(f"{path.parent}: cannot write there ({err.strerror}); check "
                         "the folder's permissions, or give another with --out") from None
    _clear_leftovers(path)
    try:
        write_atomically(path, content, exclusive=True)
    except FileExistsError:
        raise DraftError(
            f"{path} already exists; it is never overwritten (delete or move it first)"
        ) from None
    except OSError as err:
        if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise DraftError(f"{path.parent}: cannot write there ({err.strerror}); check "
                             "the folder's permissions, or give another with --out") from None
        raise DraftError(f"{path}: could not be written ({err.strerror}); nothing was left there") from None


def _clear_leftovers(path: Path) -> None:
    """Remove the temporary files a run killed while writing ``path`` left beside it (``.NAME.*.tmp``)."""
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if tmp.is_file() and not tmp.is_symlink():
                tmp.unlink()
        except (
            OSError
        ):  # pragma: no cover - gone meanwhile, or a folder that refuses it: the write below says
            pass


def not_a_folder(folder: Path) -> str | None:
    """Why drafts cannot go into ``folder`` (it, or a folder above it, is a file), or None."""
    for place in (folder, *folder.parents):
        if place.is_dir():
            return None
        if place.exists() or place.is_symlink():
            named = "it" if place == folder else f"{place}, above it,"
            return (f"{folder}: drafts are written into a folder, but {named} is a file; move or rename that "
                    "file, or give another folder with --out")
    return None


def read_article(path: Path) -> str:
    """An article file's text, read as the drafter always has (UTF-8); DraftError says why when it cannot
    be."""
    why = unreadable(path, MAX_ARTICLE_BYTES, "article file")
    if why:
        raise DraftError(f"{path}: {why[0]}; {why[1]}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise DraftError(f"{path}: the article file is not UTF-8 (byte {err.start}); convert it, e.g. "
                         f"iconv -f cp1252 -t utf-8 IN > OUT, and keep the original") from None
    except OSError as err:
        raise DraftError(f"{path}: the article file cannot be read ({err.strerror})") from None
    if not text.strip():
        raise DraftError(f"{path}: the article file is empty; paste the article's text into it")
    if "\0" in text:
        raise DraftError(f"{path}: the article file holds NUL characters (the first at "
                         f"character {text.index(chr(0))}), so it is binary data, not "
                         "text; check it is the right file, or save the article as text")
    return text


def draft_file(article_path: str | Path, reference_date=None, drafts: str | Path | None = None,
               story: list[ProposedActor] | None = None, story_label: str | None = None) -> Path:
    """Draft one article file into ``drafts`` (default: the corpus's drafts/ folder); return the draft's path.

    ``story``: the actors the story's drafts propose (default: those of the drafts already in ``drafts``);
    ``story_label``: the story the article belongs to (written as ``metadata: story:``; it picks the
    topics)."""
    article_path = Path(article_path)
    why = unreadable(article_path, MAX_ARTICLE_BYTES, "article file")
    if why:
        raise DraftError(f"{article_path}: {why[0]}; {why[1]}")
    root = corpus_root(article_path)
    annotated = annotated_articles(root).get(article_path.resolve())
    if annotated:
        raise DraftError(f"{article_path.name} is already annotated "
                         f"({annotated}); a draft would not replace it")
    target = Path(drafts) if drafts else root / "drafts"
    folder_problem = not_a_folder(target)
    if folder_problem:
        raise DraftError(folder_problem)
    out = target / (article_path.stem + ".yaml")
    if out.exists() or out.is_symlink():
        raise DraftError(f"{out} already exists; it is never overwritten "
                         "(review it, or delete it to draft again)")
    text = read_article(article_path)
    if story is None:
        from helpers.drafting.story import drafted_actors
        story = drafted_actors(target, root / "annotations")
    draft = draft_text(text, registry_actors(root), reference_date, topics=registry_topics(root), story=story,
                       story_label=story_label)
    rel = os.path.relpath(article_path.resolve(), root.resolve())
    write_new(out, draft_yaml(draft, rel))
    return out
