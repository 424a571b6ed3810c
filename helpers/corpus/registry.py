"""The actor registry (actors.yaml) and the topic list (topics.yaml): read once, checked entry by entry."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.core.problems import Problem
from helpers.corpus.annotation import STORY_LENGTH
from helpers.corpus.files import line_of
from helpers.corpus.model import ACTOR_KINDS
from helpers.corpus.schema import Actor, Topic, check_list, name_problems
from helpers.corpus.table_specs import TABLES
from helpers.corpus.yamlfile import read_yaml


def read_registry(path: Path, shown, problems) -> tuple[pd.DataFrame, set[str] | None]:
    """The actor table, and the ids annotations may use (None: unreadable, so ids go unchecked)."""
    items, ids = _list_file(path, shown, problems, Actor, "actor registry", "actors.yaml")
    if ids is not None:  # an id in the wrong case is reported once, here, not at every use in annotations
        ids = ids | {i.casefold() for i in ids}
    owners: dict[str, str] = {}
    for actor in items:
        for alias in dict.fromkeys([actor.name, *actor.aliases]):
            other = owners.setdefault(alias.casefold(), actor.id)
            if other != actor.id:
                problems.append(Problem(shown(path), line_of(path, f"- id: {actor.id}"),
                                        f"the alias '{alias}' of '{actor.id}' is also claimed by '{other}'",
                                        "give each name to one actor; a drafter could not tell them apart"))
    frame = pd.DataFrame([{"actor_id": a.id, "name": a.name, "kind": a.kind, "country": a.country,
                           "role": a.role, "aliases": ", ".join(a.aliases)} for a in items],
                         columns=list(TABLES["actors"].columns))
    frame["kind"] = pd.Categorical(frame["kind"], categories=list(ACTOR_KINDS))
    return frame.astype({"actor_id": "str", "name": "str"}), ids


def read_topics(path: Path, shown, problems) -> tuple[pd.DataFrame, set[str] | None]:
    """The topic table, and the ids statements may use (None: unreadable, so ids go unchecked).

    ``stories`` holds the labels of the stories a topic belongs to, one per line (None: every story)."""
    items, ids = _list_file(path, shown, problems, Topic, "topic list", "topics.yaml")
    rows = [{"topic": t.id, "label": t.label, "stories": STORY_SEPARATOR.join(story_labels(t.stories))
             or None}
            for t in items]
    return pd.DataFrame(rows, columns=list(TABLES["topics"].columns)), ids


STORY_SEPARATOR = "\n"  # story labels are one line each, so a line break cannot be part of one


def story_labels(stories: list[str] | None) -> list[str]:
    """A topic's story labels as the loader keeps an article's (spaces trimmed); [] for a topic of every
    story."""
    return [" ".join(str(label).split()) for label in stories or []]


def same_story(one: str, other: str) -> bool:
    """Whether two story labels name one story: spaces trimmed, in any case ("Harbour fees", "harbour
    fees")."""
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def topic_in_story(stories: list[str] | None, story: str | None) -> bool:
    """Whether a topic scoped to ``stories`` (None or []: every story) is one for an article of ``story``
    (None: an article with no story label, which gets only topics of every story)."""
    if not stories:
        return True
    return story is not None and any(same_story(label, story) for label in stories)


def _story_problems(doc) -> list[Problem]:
    """Story labels of topics.yaml that no article could carry: an empty list, an empty or too long label."""
    out = []
    for i, raw in enumerate(doc.data or []):
        stories = raw.get("stories") if isinstance(raw, dict) else None
        topic = raw.get("id") if isinstance(raw, dict) else None
        if stories == []:
            out.append(Problem(doc.path, doc.line((i, "stories")),
                               f"topic '{topic}': the stories list is empty, "
                               "so the topic belongs to no story",
                               "name its stories, e.g. stories: [harbour "
                               "fees], or remove the line (every story)"))
        for j, label in enumerate(stories if isinstance(stories, list) else []):
            why = _label_problem(label)
            if why:
                out.append(Problem(doc.path, doc.line((i, "stories", j)), f"topic '{topic}': {why}",
                                   "write the label as the articles' metadata story: has it (one line, "
                                   f"at most {STORY_LENGTH} characters), e.g. stories: [harbour fees]"))
    return out


def _label_problem(label) -> str | None:
    if not isinstance(label, str):
        return None  # the schema reports a label that is not text
    trimmed = " ".join(label.split())
    if not trimmed:
        return "a story label is empty"
    if len(trimmed) > STORY_LENGTH:
        return (f"the story label '{trimmed[:40]}…' is {len(trimmed)} "
                "characters, longer than any article's may be")
    return None


def _list_file(path: Path, shown, problems, model, what: str, name: str):
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(shown(path), 0, f"no {what}", f"create {name} (see data/README.md)"))
        return [], None
    doc = read_yaml(path, shown(path), what)  # a folder, a pipe or a dangling link is reported there
    problems += doc.problems
    if doc.problems:
        return [], None
    items, found, ids = check_list(model, doc)
    problems += found
    if model is Topic:
        problems += _story_problems(doc)
    if model is Actor:
        problems += [Problem(doc.path, *found) for found in name_problems(doc.data, (), doc.line)]
    lines = {}
    for i, raw in enumerate(doc.data or []):
        if isinstance(raw, dict) and raw.get("id") is not None:
            key = str(raw["id"])
            if key in lines:
                problems.append(Problem(doc.path, doc.line((i, "id")),
                                        f"duplicate {what.split()[0]} id "
                                        f"'{key}' (first on line {lines[key]})",
                                        "give each entry its own id"))
            lines.setdefault(key, doc.line((i, "id")))
    return items, ids


def read_entries(path: Path, model: type[Actor] | type[Topic]) -> tuple[list, list[Problem]]:
    """The entries of ``actors.yaml`` (model Actor) or ``topics.yaml`` (Topic) that pass the schema, and every
    problem of the file: the same reading ``load_corpus`` does, for tools that want the entries themselves."""
    problems: list[Problem] = []
    what = "actor registry" if model is Actor else "topic list"
    items, _ids = _list_file(path, str, problems, model, what, path.name)
    return items, problems
