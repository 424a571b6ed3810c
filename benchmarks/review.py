"""The review's actions on a long draft: accept, undo, checking and saving a generated draft of N statements.

    python -m benchmarks.review [N] [--widget]

A synthetic article of N/2 paragraphs (each a direct quote, "…," said X, and a reported statement, "Y told
reporters that …") is drafted into a copy of the seed corpus in a temporary folder, then opened for review;
prints the medians of accept (the review's logic, or the widget's button with --widget), undo, problems() and
save. On a shared 2-core machine the numbers move with the load: read them as orders of magnitude beside the
targets (an accept well under 50 ms, a save under a second at 500 entries).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from helpers.paths import SEED_FIXTURE as SEED_CORPUS

WHO = ["Russian President Vladimir Putin", "U.S. President Donald Trump",
       "Ukrainian President Volodymyr Zelensky"]


def _corpus(root: Path, n: int) -> None:
    from helpers.drafting import entity_model
    from helpers.drafting.draft import draft_file
    shutil.copytree(SEED_CORPUS, root)
    for p in [*(root / "annotations").glob("*.yaml"), *(root / "articles").glob("*.txt")]:
        p.unlink()
    lines = ["Talks resume\n", "MOSCOW - The talks went on for weeks.\n"]
    for i in range(n // 2):
        lines.append(f"“We will meet on day {i} and discuss item {i},” said {WHO[i % 3]}. "
                     f"{WHO[(i + 1) % 3]} told reporters that the offer number {i} was not enough.\n")
    (root / "articles" / "long.txt").write_text("".join(lines), encoding="utf-8")
    entity_model.available = lambda: False  # the registry's names are enough for this article
    draft_file(root / "articles" / "long.txt", reference_date="2025-08-01")


def _ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:,.1f} ms (max {max(seconds) * 1000:,.1f})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=500)
    parser.add_argument("--widget", action="store_true",
                        help="press the widget's Accept instead of calling accept()")
    args = parser.parse_args(argv)
    from helpers.corpus.review_edits import Review
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        _corpus(root, args.n)
        t0 = time.perf_counter()
        review = Review(root, "long")
        print(f"{len(review.entries()):,} entries; opened in {time.perf_counter() - t0:.2f} s")
        app = None
        if args.widget:
            from helpers.present.review_widget import ReviewApp
            app = ReviewApp(review)
        pending = [e for e in review.entries() if e.pending]
        accepts = []
        for entry in pending[:15]:
            t0 = time.perf_counter()
            if app is not None:
                app.key = entry.key
                app.do("accept")
            else:
                review.accept(entry.key)
            accepts.append(time.perf_counter() - t0)
        print(f"accept ({'the widget' if app else 'the review'}): median {_ms(accepts)}")
        undo = []
        for _ in range(3):
            t0 = time.perf_counter()
            review.undo()
            undo.append(time.perf_counter() - t0)
        print(f"undo: median {_ms(undo)}")
        t0 = time.perf_counter()
        review.problems()
        print(f"problems(): {time.perf_counter() - t0:.2f} s")
        saves = []
        for entry in pending[20:23]:
            review.accept(entry.key)
            t0 = time.perf_counter()
            review.save()
            saves.append(time.perf_counter() - t0)
        print(f"save: median {statistics.median(saves):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
