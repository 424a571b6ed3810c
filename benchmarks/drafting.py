"""Drafting throughput on the TempEval-3 texts, beside dateparser's search over the same texts.

    python -m benchmarks.drafting [CORPORA] [--runs N]

Prints articles/s and words/s per run and their medians, and the ratio of the
medians (drafter / dateparser) measured in the same process: on a shared
2-core machine the ratio is steadier than either number.
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
    medians = {}
    for name, fn in systems.items():
        fn(docs[0])  # warm up: imports and compiled patterns
        seconds = [_time(fn, docs) for _ in range(args.runs)]
        med = statistics.median(seconds)
        medians[name] = med
        runs = ", ".join(f"{len(docs) / s:.0f}" for s in seconds)
        print(f"{name}\n  articles/s per run: {runs}\n  median: {len(docs) / med:.1f} articles/s, "
              f"{words / med:,.0f} words/s")
    drafter, baseline = medians.values()
    print(f"ratio of medians, drafter / dateparser: {baseline / drafter:.2f}× the throughput")
    return 0


if __name__ == "__main__":
    sys.exit(main())
