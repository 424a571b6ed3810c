"""One actor per entity across a story: the actors a folder's drafts propose, gathered before each is drafted.

Drafting a folder (``draft FOLDER``) first reads the names each article gives its entities, then drafts every
article knowing them all; ``ingest`` and ``draft FILE`` read the proposals of the drafts already written. So
the company one draft proposes as ``gm`` is ``gm``, with every alias the story uses, in all of them.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from helpers.corpus.registry import ACTOR_KINDS
from helpers.corpus.yamlfile import read_yaml
from helpers.drafting.entities import StoryIndex
from helpers.drafting.mentions import ProposedActor, entity_proposals

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")  # as actors.yaml takes them: a draft's other ids are its problems
_READ: dict[str, tuple[tuple, list[ProposedActor]]] = {}  # a draft's path → (its fingerprint, its proposals)


def _proposals_of(path: Path) -> list[ProposedActor]:
    """The new_actors of one draft (none when it cannot be read: validate names its problems)."""
    try:
        st = path.stat()
    except OSError:
        return []
    mark = (st.st_size, st.st_mtime_ns, st.st_ino)
    got = _READ.get(str(path))
    if got and got[0] == mark:
        return got[1]
    out = []
    doc = read_yaml(path, what="draft")  # within the limits every reader keeps (nesting, aliases, size)
    data = doc.data if not doc.problems else None
    if isinstance(data, dict):
        for a in data.get("new_actors") or []:
            if isinstance(a, dict) and isinstance(a.get("id"), str) and _ID.fullmatch(a["id"]) and \
                    isinstance(a.get("name"), str) and a.get("kind") in ACTOR_KINDS:
                aliases = [x for x in a.get("aliases") or [] if isinstance(x, str) and x and x != a["name"]]
                why = str(a.get("check") or "").split("; if right, copy it")[0]
                country = a.get("country") if isinstance(a.get("country"), str) and \
                    re.fullmatch(r"[A-Z]{2}", a["country"]) else None
                out.append(ProposedActor(a["id"], a["name"], a["kind"], why, aliases, country))
    _READ[str(path)] = (mark, out)
    return out


def drafted_actors(*folders: Path) -> StoryIndex:
    """The actors the drafts (and annotations) in ``folders`` propose and the registry has not taken yet, one
    per id (aliases joined), in the files' name order."""
    story = StoryIndex()
    for folder in folders:
        if not Path(folder).is_dir():
            continue
        for name in sorted(os.listdir(folder)):
            if name.lower().endswith((".yaml", ".yml")) and not name.startswith("."):
                for p in _proposals_of(Path(folder) / name):
                    story.add(p)
    return story


def story_actors(texts, actors: list[dict], known=()) -> StoryIndex:
    """The actors a story's texts name that the registry (``actors``) does not hold, one id per entity across
    them all, starting from ``known`` (the proposals of drafts already written)."""
    names = [(alias, a["id"]) for a in actors for alias in {a["name"], *a.get("aliases", [])} if alias]
    story = known if isinstance(known, StoryIndex) else StoryIndex(known)
    for text in texts:
        for p in entity_proposals(text, names, story):
            story.add(p)
    return story
