"""The annotation model, declared once: each kind of entry, its fields, which of them name actors, which hold
several values, their vocabularies, and which the review may change.

The schema's vocabularies, the long tables of several-valued fields, the ``Corpus`` tables and their narrowing,
the replacing of an actor id everywhere, the review's field order and edits and the widgets' choices all read
this module; data/README.md documents the same fields for the analyst.
"""
from __future__ import annotations

from dataclasses import dataclass

MODES = ("direct", "reported")  # a statement: the speaker's own words in quotation marks, or an account of them
DEFAULT_MODE = "reported"  # what a statement added in the review starts as (most statements in news are)
ACTOR_KINDS = ("person", "state", "organisation", "group", "place")  # place: a city or region, not a state
PARTS = ("furniture", "section", "title", "caption", "dateline", "body")  # where in the article a mention is
CONFIDENCES = ("high", "medium", "low")  # a drafter's confidence in an entry it proposes
VOCABULARIES = {"mode": MODES, "actor kind": ACTOR_KINDS, "part": PARTS, "confidence": CONFIDENCES}


@dataclass(frozen=True)
class FieldSpec:
    """One field of an entry as the annotation file writes it."""

    name: str
    actors: bool = False  # holds actor ids (a merge or a new id replaces them)
    table: str | None = None  # several values: kept as a long table of this name, one row per value
    column: str | None = None  # that table's value column
    vocabulary: str | None = None  # the values allowed (VOCABULARIES, or "topic": the corpus's topics.yaml)
    editable: bool = False  # the review changes it (Review.edit, set_words, set_cue); others are accepted as drafted


@dataclass(frozen=True)
class EntryKind:
    """A kind of entry: where annotations list it, its id column in the tables, its fields in file order."""

    name: str
    section: str  # the annotation file's list, and the table of its rows
    id_column: str | None
    fields: tuple[FieldSpec, ...]

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)

    def edits(self, name: str) -> bool:
        """Whether the review may change the field ``name`` of this kind of entry."""
        return any(f.name == name and f.editable for f in self.fields)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def actor_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.actors)

    @property
    def long_tables(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.table)


_REVIEW = (FieldSpec("note"), FieldSpec("confidence", vocabulary="confidence"), FieldSpec("check"))

MENTION_GROUP = EntryKind("mention group", "mentions", None, (
    FieldSpec("actor", actors=True), FieldSpec("spans"), FieldSpec("every")))
STATEMENT = EntryKind("statement", "statements", "statement_id", (
    FieldSpec("id"),
    FieldSpec("speaker", actors=True, editable=True),
    FieldSpec("addressee", actors=True, table="statement_addressees", column="addressee", editable=True),
    FieldSpec("mode", vocabulary="mode", editable=True),
    FieldSpec("cue", editable=True),
    FieldSpec("words", editable=True),
    FieldSpec("said_on"),
    FieldSpec("topics", table="statement_topics", column="topic", vocabulary="topic"),
    *_REVIEW))
DEADLINE = EntryKind("deadline", "deadlines", "deadline_id", (
    FieldSpec("id"),
    FieldSpec("set_by", actors=True, editable=True),
    FieldSpec("addressee", actors=True, table="deadline_addressees", column="addressee", editable=True),
    FieldSpec("expression", editable=True),
    FieldSpec("statement", editable=True),
    FieldSpec("same_as", editable=True),
    FieldSpec("demand", editable=True),
    FieldSpec("issued", editable=True),
    FieldSpec("due", editable=True),
    FieldSpec("known"),
    *_REVIEW))
ENTRIES = (MENTION_GROUP, STATEMENT, DEADLINE)
BY_NAME = {kind.name: kind for kind in ENTRIES}
IDENTIFIED = tuple(kind for kind in ENTRIES if kind.id_column)  # entries with an id of their own

# the fields that name actors, per section of an annotation file: what replacing an actor id rewrites
ACTOR_FIELDS = {kind.section: kind.actor_fields for kind in ENTRIES}
# the long tables of several-valued fields: table → (entry kind, value column)
LONG_TABLES = {f.table: (kind, f.column) for kind in ENTRIES for f in kind.long_tables}
