"""How well the drafter finds the people, organisations and places an article names, drafted with an empty
registry: on PolNeAR dev against CoreNLP's labels (a silver standard), and on 14 TempEval-3 articles of two
stories annotated by hand (``gold/entities-tempeval3.yaml``, its README says how it was made).

- entities found: of the distinct entities each article names (its PER, ORG and LOC names, a surname joined to
  the full name before it), the share with at least one drafted mention;
- named mentions right: of the drafted mentions that are names (not pronouns or "the company"), the share that
  are a labelled name (sharing at least half of the longer of the two: "U.S. Embassy" is no mention of the
  U.S.);
- entities split: of the entities found, the share whose mentions carry more than one actor id;
- the tagger alone: exact-span F1 of its PER, ORG and LOC names;
- one id across a story (hand-checked set only): of the entities named in several articles of a story, the
  share whose mentions carry one and the same actor id in every article, the story's folder drafted together.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from helpers.drafting import entities as ents
from helpers.drafting.mentions import MentionDraft, find_mentions
from helpers.drafting.story import story_actors
from helpers.evaluation.goldcorpora import read_timeml
from helpers.evaluation.train_entities import dev_scores, entity_spans, labelled_docs
from helpers.paths import GOLD_SETS

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


GOLD = GOLD_SETS / "entities-tempeval3.yaml"


def named_mentions(mentions: list[MentionDraft]) -> list[MentionDraft]:
    """The drafted mentions that are names: not pronouns, not "the company"."""
    return [m for m in mentions if not (m.check and ("pronoun" in m.check or "resolved to" in m.check))]


class _Tally:
    """Counts behind the rates: entities found and split, named mentions right."""

    def __init__(self):
        self.found = self.total = self.right = self.named = self.split = 0

    def add(self, gold: list[list[tuple[int, int]]], names: list[MentionDraft]) -> list[set[str]]:
        """Count one article; return the actor ids each gold entity's mentions got."""
        spans = [sp for g in gold for sp in g]
        self.named += len(names)
        self.right += sum(any(_same_words(m, s, e) for s, e in spans) for m in names)
        out = []
        for g in gold:
            ids = {m.actor_id for m in names for s, e in g if _same_words(m, s, e)}
            self.total += 1
            self.found += bool(ids)
            self.split += len(ids) > 1
            out.append(ids)
        return out

    def rows(self, corpus: str) -> list[dict]:
        return [_row(corpus, "drafter", "entities found", self.found / max(1, self.total), self.total),
                _row(corpus, "drafter", "named mentions right", self.right / max(1, self.named), self.named),
                _row(corpus, "drafter", "entities split over ids", self.split / max(1, self.found),
                     self.found)]


def _same_words(m: MentionDraft, start: int, end: int) -> bool:
    """Whether a drafted mention is the labelled name: they share at least half of the longer one, or the
    mention is the name with words before it (a title: "President Bill Clinton"); "U.S. Embassy" is no mention
    of the U.S."""
    shared = min(m.end, end) - max(m.start, start)
    return shared > 0 and (2 * shared >= max(m.end - m.start, end - start) or m.end == end
                           and m.start <= start)


def _row(corpus, system, metric, value, n):
    return {"corpus": corpus, "system": system, "metric": metric, "value": round(float(value), 4), "n": n}


def entity_rows(folder: Path) -> list[dict]:
    """PolNeAR dev against CoreNLP's labels, each article drafted alone with an empty registry."""
    tally = _Tally()
    for text, labelled in labelled_docs(folder):
        mentions, _ = find_mentions(text, [])
        tally.add(_gold_entities(text, labelled), named_mentions(mentions))
    tagger = dev_scores(folder)["all"]
    corpus = "polnear-dev (silver entities)"
    return tally.rows(corpus) + [_row(corpus, "entity tagger", "entity F1 (exact span)", tagger["F1"],
                                      tagger["entities"])]


def gold_rows(tempeval: Path, gold: Path = GOLD) -> list[dict]:
    """The hand-checked articles: each story's articles drafted together (their names read first, as
    ``draft FOLDER`` does) with an empty registry; found, right and split per article, and one id per entity
    across each story."""
    entries = yaml.safe_load(gold.read_text(encoding="utf-8"))
    stories: dict[str, list] = {}
    for entry in entries:
        stories.setdefault(entry["story"], []).append(entry)
    tally, across, same = _Tally(), 0, 0
    for entries in stories.values():
        texts = [read_timeml(tempeval / e["file"]).text for e in entries]
        story = story_actors(texts, [])
        ids_of: dict[str, list[set[str]]] = {}
        for entry, text in zip(entries, texts):
            mentions, _ = find_mentions(text, [], story=story)
            gold_spans = [[tuple(m) for m in ent["mentions"]] for ent in entry["entities"]]
            for ent, ids in zip(entry["entities"], tally.add(gold_spans, named_mentions(mentions))):
                ids_of.setdefault(ent["story_id"], []).append(ids)
        for got in ids_of.values():
            if len(got) > 1:
                across += 1
                same += len(set().union(*got)) == 1 and all(got)
    corpus = "tempeval-3, 14 articles of 2 stories (hand-checked entities)"
    return tally.rows(corpus) + [_row(corpus, "drafter", "entities named in several articles with one id",
                                      same / max(1, across), across)]
