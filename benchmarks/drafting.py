"""Drafting throughput on the TempEval-3 texts, beside dateparser's search over the same texts; what the
entity tagger costs in it, and how reading a folder's names first grows with the folder.

    python -m benchmarks.drafting [CORPORA] [--runs N]

Prints articles/s and words/s per run and their medians, and the ratio of the
medians (drafter / dateparser) measured in the same process, the two taking
turns run after run: on a shared 2-core machine the ratio is steadier than
either number.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

from helpers.core.textspans import word_count
from helpers.drafting.draft import draft_text
from helpers.evaluation.goldcorpora import timeml_corpus


def _time(fn, docs) -> float:
    t0 = time.perf_counter()
    for doc in docs:
        fn(doc)
    return time.perf_counter() - t0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="?", default="../shared/corpora")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    folder = Path(args.corpora) / "tempeval3-tbaq"
    if not folder.is_dir():
        print(f"{folder}: absent; nothing to measure (give the folder holding tempeval3-tbaq/)")
        return 0
    import dateparser.search

    docs = timeml_corpus(folder)
    words = sum(word_count(d.text) for d in docs)
    refs = {d.name: dt.date.fromisoformat(d.dct[:10]) for d in docs}
    systems = {
        "drafter (all of it: mentions, statements, dates, deadlines)":
            lambda d: draft_text(d.text, [], refs[d.name]),
        "dateparser search_dates (dates only)":
            lambda d: dateparser.search.search_dates(
                d.text, languages=["en"],
                settings={"RELATIVE_BASE": dt.datetime.combine(refs[d.name], dt.time())}),
    }
    print(f"{len(docs)} articles, {words} words; {args.runs} runs each, one process, one core")
    for fn in systems.values():
        fn(docs[0])  # warm up: imports and compiled patterns
    # the two take turns, run after run, so a spell of load on the shared machine falls on both
    seconds: dict[str, list[float]] = {name: [] for name in systems}
    for _ in range(args.runs):
        for name, fn in systems.items():
            seconds[name].append(_time(fn, docs))
    medians = {}
    for name, times in seconds.items():
        med = medians[name] = statistics.median(times)
        runs = ", ".join(f"{len(docs) / s:.0f}" for s in times)
        print(f"{name}\n  articles/s per run: {runs}\n  median: {len(docs) / med:.1f} articles/s, "
              f"{words / med:,.0f} words/s")
    drafter, baseline = medians.values()
    print(f"ratio of medians, drafter / dateparser: {baseline / drafter:.2f}× the throughput")
    _entity_costs([d.text for d in docs], drafter, args.runs)
    return 0


def _entity_costs(texts: list[str], drafter_seconds: float, runs: int) -> None:
    """What the named-entity tagger costs inside the drafter, and how reading a story's names first (draft
    FOLDER) grows with the folder: per article at 1× and 4× the texts (each copy's names changed, so the story
    grows)."""
    import re

    from benchmarks.timing import median_seconds
    from helpers.drafting import entities, entity_model
    from helpers.drafting.story import story_actors

    def tag_all():
        for text in texts:
            entity_model.predict.cache_clear()
            entities.article_entities(text)

    tagger = median_seconds(tag_all, runs)
    print(f"entity tagger and grouping alone: {tagger / len(texts) * 1000:.2f} ms/article, "
          f"{tagger / drafter_seconds:.0%} of the drafter's time")

    def renamed(text: str, i: int) -> str:
        return re.sub(r"\b([A-Z][a-z]{3,})\b",
                      lambda m: m.group(1) + "abcdefghij"[i % 10] + "klmnopqrst"[i // 10 % 10],
                      text)

    per = {}
    for copies in (1, 4):
        folder = [renamed(texts[i % len(texts)], i) for i in range(len(texts) * copies)]
        seconds = median_seconds(lambda folder=folder: story_actors(folder, []), max(1, runs // 2))
        per[copies] = seconds / len(folder)
        print(f"a story's names read first, {len(folder)} articles: {per[copies] * 1000:.2f} ms/article")
    print(f"ratio per article, 4× the folder / 1×: {per[4] / per[1]:.2f} "
          "(1.0: time grows with the folder's size)")


if __name__ == "__main__":
    sys.exit(main())
