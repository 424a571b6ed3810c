"""The annotation model, declared once: each kind of entry, its fields, the kind of value each holds, which of
them name actors, which hold several values, their vocabularies, and which the review may change.

The schema (corpus/schema.py builds an entry's pydantic model from its fields), the rows and columns of the
tables (corpus/annotation.py, corpus/table_specs.py), the long tables of several-valued fields, the ``Corpus``
tables and their narrowing, the replacing of an actor id everywhere, the review's field order and edits and
the widgets' choices all read this module; data/README.md documents the same fields for the analyst.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

# a statement: the speaker's own words in quotation marks, or an account of them
MODES = ("direct", "reported")
DEFAULT_MODE = "reported"  # what a statement added in the review starts as (most statements in news are)
ACTOR_KINDS = ("person", "state", "organisation", "group", "place")  # place: a city or region, not a state
PARTS = ("furniture", "section", "title", "caption", "dateline", "body")  # where in the article a mention is
CONFIDENCES = ("high", "medium", "low")  # a drafter's confidence in an entry it proposes
VOCABULARIES = {"mode": MODES, "actor kind": ACTOR_KINDS, "part": PARTS, "confidence": CONFIDENCES}


# the kinds of value a field holds: how the file writes it (the schema) and what the tables get from it
VALUES = {
    "id": "the entry's own id (its table's id column)",
    "text": "free text, copied to a column of that name",
    "choice": "one word of the field's vocabulary, copied to a column",
    "actor": "one actor id, checked against the registry and copied to a column",
    "actors": "an actor id or a list of them: a long table, one row per id",
    "ref": "the id of another entry of the file, copied to a column",
    "names": "a list of words (a long table when the field has one)",
    "day": "a date (YYYY-MM-DD), resolved to a day column",
    "window": "a day or window, resolved to its earliest and latest days and the reading behind them",
    "known": "outside knowledge of the issued and due days, and its source",
    "span": "words quoted from the article, placed in it: their text, start and end",
    "spans": "a list of such words",
}


@dataclass(frozen=True)
class FieldSpec:
    """One field of an entry as the annotation file writes it."""

    name: str
    value: str = "text"  # one of VALUES
    required: bool = False  # the file must write it (may it be null: ``nullable``)
    nullable: bool = True
    actors: bool = False  # holds actor ids (a merge or a new id replaces them)
    table: str | None = None  # several values: kept as a long table of this name, one row per value
    column: str | None = None  # its long table's value column, or its column when not named as the field
    vocabulary: str | None = None  # the values allowed (VOCABULARIES, or "topic": the corpus's topics.yaml)
    # the review changes it (Review.edit, set_words, set_cue); others are accepted as drafted
    editable: bool = False
    # the columns of the entry's table it fills; None: by its value (a window "due": due_earliest, due_latest,
    # …)
    given_columns: tuple[str, ...] | None = None

    @cached_property  # read for every entry compiled
    def columns(self) -> tuple[str, ...]:
        if self.given_columns is not None:
            return self.given_columns
        if self.table or self.value in ("id", "spans"):
            return ()  # a long table's, or the id column the entry kind names
        if self.value == "window":
            return (f"{self.name}_earliest", f"{self.name}_latest", f"{self.name}_reading")
        if self.value == "known":
            return ("known_issued", "known_due", "known_source")
        if self.value == "span":
            return (self.name, "start", "end")
        return (self.column or self.name,)


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

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns of this kind's table, in the order of its fields (the id and article first)."""
        return (self.id_column, "article_id", *(c for f in self.fields for c in f.columns), "reviewed")


# what a drafter leaves for the review: kept in the unreviewed table, not in the entry's own
_REVIEW = (FieldSpec("note"), FieldSpec("confidence", "choice", vocabulary="confidence", given_columns=()),
           FieldSpec("check", given_columns=()))

MENTION_GROUP = EntryKind("mention group", "mentions", None, (
    FieldSpec("actor", "actor", required=True, nullable=False, actors=True),
    FieldSpec("spans", "spans"),
    FieldSpec("every", "names")))
STATEMENT = EntryKind("statement", "statements", "statement_id", (
    FieldSpec("id", "id", required=True, nullable=False),
    FieldSpec("speaker", "actor", required=True, actors=True, editable=True),
    FieldSpec("addressee", "actors", actors=True, table="statement_addressees", column="addressee",
              editable=True),
    FieldSpec("mode", "choice", required=True, nullable=False, vocabulary="mode", editable=True),
    FieldSpec("cue", "span", editable=True, given_columns=("cue", "cue_start", "cue_end")),
    FieldSpec("words", "span", required=True, nullable=False, editable=True,
              given_columns=("text", "start", "end")),
    FieldSpec("said_on", "day"),
    FieldSpec("topics", "names", table="statement_topics", column="topic", vocabulary="topic", editable=True),
    *_REVIEW))
DEADLINE = EntryKind("deadline", "deadlines", "deadline_id", (
    FieldSpec("id", "id", required=True, nullable=False),
    FieldSpec("set_by", "actor", required=True, actors=True, editable=True),
    FieldSpec("addressee", "actors", actors=True, table="deadline_addressees", column="addressee",
              editable=True),
    FieldSpec("expression", "span", required=True, nullable=False, editable=True),
    FieldSpec("statement", "ref", editable=True, column="statement_id"),
    FieldSpec("same_as", "ref", editable=True),
    FieldSpec("demand", editable=True),
    FieldSpec("issued", "window", editable=True),
    FieldSpec("due", "window", editable=True),
    FieldSpec("known", "known"),
    *_REVIEW))
ENTRIES = (MENTION_GROUP, STATEMENT, DEADLINE)
BY_NAME = {kind.name: kind for kind in ENTRIES}
IDENTIFIED = tuple(kind for kind in ENTRIES if kind.id_column)  # entries with an id of their own

# the fields that name actors, per section of an annotation file: what replacing an actor id rewrites
ACTOR_FIELDS = {kind.section: kind.actor_fields for kind in ENTRIES}
# the long tables of several-valued fields: table → (entry kind, value column)
LONG_TABLES = {f.table: (kind, f.column) for kind in ENTRIES for f in kind.long_tables}
