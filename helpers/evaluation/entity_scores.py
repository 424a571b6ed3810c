"""How well the drafter finds the people, organisations and places an article names, drafted with an empty
registry: scored on PolNeAR dev against CoreNLP's labels (a silver standard).

- entities found: of the distinct entities each article names (its PER, ORG and LOC names, a surname joined to the
  full name before it), the share with at least one drafted mention;
- named mentions right: of the drafted mentions that are names (not pronouns or "the company"), the share that
  overlap a labelled name;
- entities split: of the entities found, the share whose mentions carry more than one actor id;
- the tagger alone: exact-span F1 of its PER, ORG and LOC names.
"""
from __future__ import annotations

from pathlib import Path

from helpers.drafting import entities as ents
from helpers.drafting.mentions import find_mentions
from helpers.evaluation.train_entities import dev_scores, entity_spans, labelled_docs

_KIND = {"PER": "person", "ORG": "organisation", "LOC": "place"}


def _gold_entities(text: str, labelled) -> list[list[tuple[int, int]]]:
    """The spans of each distinct entity the labels name, grouped as the drafter groups names."""
    spans = sorted(entity_spans(text, labelled), key=lambda x: x[1])
    named = [(_KIND[k], text[s:e], (s, e)) for k, s, e in spans]
    groups = ents.group([(k, n) for k, n, _ in named])
    out = []
    for g in groups:
        keys = {ents.key(f) for f in g.forms}
        out.append([sp for _, n, sp in named if ents.key(n) in keys])
    return [g for g in out if g]


def entity_rows(folder: Path) -> list[dict]:
    found = total = right = named = split = 0
    for text, labelled in labelled_docs(folder):
        gold = _gold_entities(text, labelled)
        mentions, _ = find_mentions(text, [])
        names = [m for m in mentions if not (m.check and ("pronoun" in m.check or "resolved to" in m.check))]
        gold_spans = [sp for g in gold for sp in g]
        named += len(names)
        right += sum(any(s < m.end and m.start < e for s, e in gold_spans) for m in names)
        for g in gold:
            ids = {m.actor_id for m in names for s, e in g if s < m.end and m.start < e}
            total += 1
            found += bool(ids)
            split += len(ids) > 1
    tagger = dev_scores(folder)["all"]
    return [
        {"corpus": "polnear-dev (silver entities)", "system": "drafter", "metric": "entities found",
         "value": round(found / max(1, total), 4), "n": total},
        {"corpus": "polnear-dev (silver entities)", "system": "drafter", "metric": "named mentions right",
         "value": round(right / max(1, named), 4), "n": named},
        {"corpus": "polnear-dev (silver entities)", "system": "drafter", "metric": "entities split over ids",
         "value": round(split / max(1, found), 4), "n": found},
        {"corpus": "polnear-dev (silver entities)", "system": "entity tagger", "metric": "entity F1 (exact span)",
         "value": round(tagger["F1"], 4), "n": tagger["entities"]},
    ]
