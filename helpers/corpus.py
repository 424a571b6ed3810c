"""Load a corpus folder into tidy pandas tables.

Layout of a corpus folder (see data/README.md)::

    actors.yaml          the actor registry
    topics.yaml          the statement topics
    articles/*.txt       article texts, exactly as captured (never edited)
    annotations/*.yaml   one annotation per article, naming its text file
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .annotation import Compiled, compile_annotation
from .problems import CorpusError, Problem
from .schema import Actor, Annotation, Topic, check, check_list
from .yamlfile import read_yaml

ACTOR_KINDS = ["person", "state", "organisation", "group"]
MODES = ["direct", "reported"]
PARTS = ["furniture", "section", "title", "caption", "dateline", "body"]


@dataclass
class Corpus:
    """The tables of one corpus; every span row satisfies ``text == article_text[start:end]``."""

    folder: Path
    articles: pd.DataFrame
    actors: pd.DataFrame
    topics: pd.DataFrame
    mentions: pd.DataFrame
    statements: pd.DataFrame
    statement_topics: pd.DataFrame
    deadlines: pd.DataFrame
    unreviewed: pd.DataFrame = None  # entries still carrying a drafter's check: (they await review)

    def article_text(self, article_id: str) -> str:
        return self.articles.set_index("article_id").at[article_id, "text"]

    def actor_name(self, actor_id) -> str:
        names = dict(zip(self.actors["actor_id"], self.actors["name"]))
        return names.get(actor_id, "(no speaker)" if pd.isna(actor_id) else str(actor_id))


def load_corpus(folder: str | os.PathLike = "data") -> Corpus:
    """Read and check every file of ``folder``; raise ``CorpusError`` listing all problems."""
    corpus, problems = _read(folder)
    if problems:
        raise CorpusError(problems)
    return corpus


def validate_corpus(folder: str | os.PathLike = "data") -> list[Problem]:
    """Every problem in ``folder``'s files, sorted by file and line (empty when clean)."""
    return sorted(_read(folder)[1])


def _read(folder) -> tuple[Corpus | None, list[Problem]]:
    root = Path(folder)
    shown = lambda p: os.path.join(str(folder), os.path.relpath(p, root))  # noqa: E731 - paths as the user typed them
    problems: list[Problem] = []
    if not root.is_dir():
        return None, [Problem(str(folder), 0, "no such corpus folder", "give the folder that holds actors.yaml")]

    registry, actor_ids = _registry(root / "actors.yaml", shown, problems)
    topics, topic_ids = _topics(root / "topics.yaml", shown, problems)

    compiled: list[Compiled] = []
    claimed: dict[Path, str] = {}
    for path in annotation_files(root):
        doc = read_yaml(path, shown(path))
        problems += doc.problems
        if doc.problems:
            continue
        ann, found = check(Annotation, doc)
        problems += found
        if ann is None:
            continue
        text_path = (root / ann.article).resolve()
        if not text_path.is_relative_to(root.resolve()):
            problems.append(Problem(doc.path, doc.line(("article",)), f"the article {ann.article!r} is outside the corpus folder",
                                    "keep article texts under the corpus folder's articles/ and name them from there"))
            continue
        if text_path in claimed:
            problems.append(Problem(doc.path, doc.line(("article",)),
                                    f"the article {ann.article!r} is already annotated by {claimed[text_path]}",
                                    "keep one annotation per article; merge the two files"))
            continue
        claimed[text_path] = doc.path
        text = _article_text(text_path, ann.article, doc, problems)
        if text is None:
            continue
        result = compile_annotation(doc, ann, Path(ann.article).stem, text, actor_ids, topic_ids)
        problems += result.problems
        compiled.append(result)

    if not (root / "annotations").is_dir():
        problems.append(Problem(shown(root / "annotations"), 0, "no annotations folder",
                                "create annotations/ with one YAML file per article"))
    return _tables(root, registry, topics, compiled), problems


def annotation_files(root: Path) -> list[Path]:
    """The annotation files of a corpus folder (.yaml or .yml)."""
    folder = Path(root) / "annotations"
    return sorted(p for p in folder.glob("*") if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def unannotated_articles(root: Path) -> list[Path]:
    """Article texts that no annotation names yet (candidates for drafting)."""
    root = Path(root)
    named = set()
    for path in annotation_files(root):
        match = re.search(r"^article:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", path.read_text(encoding="utf-8", errors="replace"),
                          re.MULTILINE)
        if match:
            named.add((root / match.group(1).strip()).resolve())
    return sorted(p for p in (root / "articles").glob("*.txt") if p.resolve() not in named)


def _article_text(path: Path, name: str, doc, problems) -> str | None:
    where = (doc.path, doc.line(("article",)))
    if not path.is_file():
        problems.append(Problem(*where, f"the article file {name!r} does not exist",
                                "check the name under articles/ (paths are relative to the corpus folder)"))
        return None
    try:
        # newline="" keeps the text exactly as captured, so offsets index the file's own characters
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as err:
        problems.append(Problem(*where, f"the article file {name!r} is not UTF-8 (byte {err.start})",
                                "convert it to UTF-8, e.g. iconv -f cp1252 -t utf-8"))
        return None


def _registry(path: Path, shown, problems) -> tuple[pd.DataFrame, set[str] | None]:
    """The actor table, and the ids annotations may use (None: unreadable, so ids go unchecked)."""
    items, ids = _list_file(path, shown, problems, Actor, "actor registry", "actors.yaml")
    frame = pd.DataFrame([{"actor_id": a.id, "name": a.name, "kind": a.kind, "country": a.country,
                           "role": a.role, "aliases": ", ".join(a.aliases)} for a in items],
                         columns=["actor_id", "name", "kind", "country", "role", "aliases"])
    frame["kind"] = pd.Categorical(frame["kind"], categories=ACTOR_KINDS)
    return frame.astype({"actor_id": "str", "name": "str"}), ids


def _topics(path: Path, shown, problems) -> tuple[pd.DataFrame, set[str] | None]:
    items, ids = _list_file(path, shown, problems, Topic, "topic list", "topics.yaml")
    return pd.DataFrame([{"topic": t.id, "label": t.label} for t in items], columns=["topic", "label"]), ids


def _list_file(path: Path, shown, problems, model, what: str, name: str):
    if not path.is_file():
        problems.append(Problem(shown(path), 0, f"no {what}", f"create {name} (see data/README.md)"))
        return [], None
    doc = read_yaml(path, shown(path))
    problems += doc.problems
    if doc.problems:
        return [], None
    items, found, ids = check_list(model, doc)
    problems += found
    lines = {}
    for i, raw in enumerate(doc.data or []):
        if isinstance(raw, dict) and raw.get("id") is not None:
            key = str(raw["id"])
            if key in lines:
                problems.append(Problem(doc.path, doc.line((i, "id")),
                                        f"duplicate {what.split()[0]} id '{key}' (first on line {lines[key]})",
                                        "give each entry its own id"))
            lines.setdefault(key, doc.line((i, "id")))
    return items, ids


def _tables(root: Path, registry: pd.DataFrame, topics: pd.DataFrame, compiled: list[Compiled]) -> Corpus:
    proposed_ids = [r["actor_id"] for c in compiled for r in c.new_actors]
    actor_cat = pd.CategoricalDtype(list(dict.fromkeys([*registry["actor_id"], *proposed_ids])))
    topic_cat = pd.CategoricalDtype(list(dict.fromkeys(topics["topic"])))

    def frame(rows, columns, cats=(), ints=(), days=()):
        df = pd.DataFrame(rows, columns=columns)
        for c, dtype in cats:
            extra = sorted(set(df[c].dropna()) - set(dtype.categories))  # ids of registry entries with problems
            df[c] = df[c].astype(pd.CategoricalDtype([*dtype.categories, *extra]) if extra else dtype)
        for c in ints:
            df[c] = df[c].astype("Int64")
        for c in days:
            df[c] = pd.to_datetime(df[c])
        return df

    articles = frame([c.article for c in compiled],
                     ["article_id", "title", "section", "dateline", "caption", "outlet", "published",
                      "published_basis", "path", "text"], days=["published"])
    mentions = frame([r for c in compiled for r in c.mentions],
                     ["article_id", "actor_id", "start", "end", "text", "part"],
                     cats=[("actor_id", actor_cat), ("part", pd.CategoricalDtype(PARTS))], ints=["start", "end"])
    mentions = mentions.sort_values(["article_id", "start"], ignore_index=True)
    statements = frame([r for c in compiled for r in c.statements],
                       ["statement_id", "article_id", "speaker", "addressee", "mode", "cue", "cue_start", "cue_end",
                        "text", "start", "end", "said_on", "topics", "note"],
                       cats=[("speaker", actor_cat), ("mode", pd.CategoricalDtype(MODES))],
                       ints=["cue_start", "cue_end", "start", "end"], days=["said_on"])
    statement_topics = frame([r for c in compiled for r in c.topics], ["article_id", "statement_id", "topic"],
                             cats=[("topic", topic_cat)])
    deadlines = frame([r for c in compiled for r in c.deadlines],
                      ["deadline_id", "article_id", "set_by", "addressee", "expression", "start", "end",
                       "issued_earliest", "issued_latest", "due_earliest", "due_latest", "issued_reading",
                       "due_reading", "demand", "statement_id", "same_as", "known_issued", "known_due", "known_source", "note"],
                      cats=[("set_by", actor_cat)], ints=["start", "end"],
                      days=["issued_earliest", "issued_latest", "due_earliest", "due_latest", "known_issued",
                            "known_due"])
    unreviewed = frame([r for c in compiled for r in c.unreviewed],
                       ["article_id", "kind", "id", "confidence", "check", "path", "line"])
    proposed = pd.DataFrame([r for c in compiled for r in c.new_actors])
    if not proposed.empty:
        proposed = proposed[~proposed["actor_id"].isin(registry["actor_id"])].drop_duplicates("actor_id")
        registry = pd.concat([registry.assign(proposed_in=None), proposed], ignore_index=True)
        registry["kind"] = pd.Categorical(registry["kind"], categories=ACTOR_KINDS)
    return Corpus(root, articles, registry, topics, mentions, statements, statement_topics, deadlines, unreviewed)
