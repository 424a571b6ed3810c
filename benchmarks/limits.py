"""Time against article size, up to the largest article allowed: drafting, validating and loading, and the
closest-passage search.

    python -m benchmarks.limits [--sizes MB ...] [--runs N]

Each size is the seed article with filler paragraphs appended (invented names, so the annotation's words
stay found once). Prints the median of N runs (one run for sizes of 1 MB and more) and the seconds per MB
against the smallest size: a steady ratio is time growing with the size, a rising one is faster than that.
Saves reports/bench/limits.csv.
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from benchmarks.timing import median_seconds
from helpers.core.anchoring import closest_passage
from helpers.core.limits import MAX_ARTICLE_BYTES
from helpers.corpus.load import load_corpus, validate_corpus
from helpers.drafting.draft import draft_text, registry_actors, registry_topics
from helpers.paths import PROJECT
from helpers.paths import SEED_FIXTURE as SEED_CORPUS

SEED = "000_d8227443fd9b5b39"
FILLER = ("Orla Brenn, the chair of the Tarvel Board, told reporters in Quenby on Tuesday that the harbour "
          "scheme would resume in {n} weeks. \u201cWe have waited long enough,\u201d Brenn said. The board "
          "said on March 3 that the members would vote again before the end of the year.\n\n")
MISSING = "words that the analyst typed but that appear nowhere in the article at all"


def article(size: int) -> str:
    """The seed article with filler paragraphs appended up to ``size`` bytes (UTF-8)."""
    seed = (SEED_CORPUS / "articles" / f"{SEED}.txt").read_text(encoding="utf-8")
    parts, used, n = [seed, "\n\n"], len(seed.encode()) + 2, 0
    while used < size:
        paragraph = FILLER.format(n=n % 50 + 2)
        parts.append(paragraph)
        used += len(paragraph.encode())
        n += 1
    return "".join(parts).encode()[:size].decode("utf-8", "ignore")


def corpus(folder: Path, text: str) -> Path:
    """A copy of the seed corpus whose article is ``text``."""
    root = folder / "corpus"
    shutil.copytree(SEED_CORPUS, root)
    (root / "articles" / f"{SEED}.txt").write_text(text, encoding="utf-8")
    return root


def measure(size: int, runs: int) -> list[dict]:
    text = article(size)
    actors, topics = registry_actors(SEED_CORPUS), registry_topics(SEED_CORPUS)
    with tempfile.TemporaryDirectory() as tmp:
        root = corpus(Path(tmp), text)
        problems = validate_corpus(root)
        if problems:  # the filler must leave the annotation valid, or the load below measures an error
            raise SystemExit(f"{size} bytes: the annotation no longer fits: {problems[0]}")
        steps = {"draft_text": lambda: draft_text(text, actors, dt.date(2025, 8, 1), topics=topics),
                 "validate_corpus": lambda: validate_corpus(root),
                 "load_corpus (cache=False)": lambda: load_corpus(root, cache=False),
                 "closest_passage (words not found)": lambda: closest_passage(text, MISSING)}
        return [{"measure": name, "mb": size / 1e6, "seconds": median_seconds(fn, runs), "runs": runs}
                for name, fn in steps.items()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+",
                        default=[0.05, 0.25, 1, 2.5, MAX_ARTICLE_BYTES / 1e6])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    draft_text("Putin said on Friday that talks would resume.", [], dt.date(2025, 8, 1))  # warm up: patterns
    rows = []
    for mb in args.sizes:
        size = min(int(mb * 1e6), MAX_ARTICLE_BYTES)
        found = measure(size, args.runs if size < 1_000_000 else 1)
        print("  ".join(f"{r['measure']} {r['seconds']:.2f} s" for r in found) + f"  ({size / 1e6:g} MB)",
              flush=True)
        rows += found
    table = pd.DataFrame(rows)
    table["s per MB"] = table["seconds"] / table["mb"]
    smallest = table[table["mb"] == table["mb"].min()].set_index("measure")["s per MB"]
    table["ratio to smallest"] = table["s per MB"] / table["measure"].map(smallest)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(table.round(3).to_string(index=False))
    out = PROJECT / "reports" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "limits.csv", index=False)
    print(f"saved {out / 'limits.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
