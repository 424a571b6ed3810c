"""One declaration per table of a loaded corpus: its columns, their types, and which hold spans.

The loader types the tables by these, the cache stores them by name, the Dask dataset writes them, and
the tests check the README's table of columns against them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from helpers.corpus.model import DEADLINE, LONG_TABLES, STATEMENT


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[str, ...]
    # column → its vocabulary (actor, topic, part, mode)
    categories: dict[str, str] = field(default_factory=dict)
    integers: tuple[str, ...] = ()  # nullable integers (character offsets)
    dates: tuple[str, ...] = ()
    # (start, end, text) columns: text == the article's text[start:end], whatever the article
    spans: tuple[tuple[str, str, str], ...] = ()
    # the attribute of a compiled annotation that holds its rows; None: the registry's
    compiled: str | None = None
    # columns present only when the corpus has them (not in the README's table)
    optional: tuple[str, ...] = ()


def _long(table: str) -> TableSpec:
    """A several-valued field's long table (corpus/model.py): one row per entry and value."""
    kind, column = LONG_TABLES[table]
    return TableSpec(table, ("article_id", kind.id_column, column),
                     categories={column: "topic" if column == "topic" else "actor"}, compiled=table)


SPECS = (
    TableSpec("articles", ("article_id", "title", "section", "dateline", "caption", "outlet", "author", "url",
                           "published", "published_basis", "story", "path", "text", "reviewed"),
              dates=("published",), compiled="article"),
    TableSpec("actors", ("actor_id", "name", "kind", "country", "role", "aliases"),
              categories={"kind": "actor kind"},
              optional=("proposed_in",)),
    TableSpec("mentions", ("article_id", "actor_id", "start", "end", "text", "part", "reviewed"),
              categories={"actor_id": "actor", "part": "part"}, integers=("start", "end"),
              spans=(("start", "end", "text"),), compiled="mentions"),
    TableSpec("statements", STATEMENT.columns,
              categories={"speaker": "actor", "mode": "mode"},
              integers=("cue_start", "cue_end", "start", "end"),
              dates=("said_on",), spans=(("start", "end", "text"), ("cue_start", "cue_end", "cue")),
              compiled="statements"),
    *(_long(table) for table in ("statement_topics", "statement_addressees")),
    TableSpec("deadlines", DEADLINE.columns,
              categories={"set_by": "actor"}, integers=("start", "end"),
              dates=("issued_earliest", "issued_latest", "due_earliest", "due_latest", "known_issued",
                     "known_due"),
              spans=(("start", "end", "expression"),), compiled="deadlines"),
    _long("deadline_addressees"),
    TableSpec("topics", ("topic", "label", "stories")),
    TableSpec("unreviewed", ("article_id", "kind", "id", "confidence", "check", "path", "line"),
              compiled="unreviewed"),
    # actors that annotations propose (``new_actors``): joined to the registry as ``actors`` rows
    TableSpec("new_actors", ("actor_id", "name", "kind", "country", "role", "aliases", "proposed_in"),
              compiled="new_actors"),
)
TABLES = {spec.name: spec for spec in SPECS}
COMPILED = [spec.name for spec in SPECS if spec.compiled]  # built from annotation files, cached per file
# what a loaded corpus holds, in the order of its fields
CORPUS = ["articles", "actors", "topics", "mentions", "statements", "statement_topics",
          "statement_addressees",
          "deadlines", "deadline_addressees", "unreviewed"]
# the tables the README documents, in its order
DOCUMENTED = ["articles", "actors", "mentions", "statements", "statement_topics", "statement_addressees",
              "deadlines",
              "deadline_addressees", "topics"]
