"""The review's actions on a long draft: accept, undo, checking and saving a generated draft of N statements.

    python -m benchmarks.review [N] [--widget]

A synthetic article of N/2 paragraphs (each a direct quote, "…," said X, and a reported statement, "Y told
reporters that …") is drafted into a copy of the seed corpus in a temporary folder, then opened for review;
prints the medians of accept (the review's logic, or the widget's button with --widget), undo, problems() and
save, beside the same actions on a draft of 24 statements in the same run and the ratio of the two (how each
action grows with the draft). On a shared 2-core machine the numbers move with the load: read them as orders
of magnitude beside the targets (an accept well under 50 ms, a save under a second at 500 entries).
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


BASELINE = 24  # statements of the small draft every action is also timed on, in the same run


def _measure(n: int, widget: bool) -> tuple[int, dict[str, float]]:
    """(entries, median seconds of each action) on a fresh draft of an article of ``n`` statements."""
    from helpers.corpus.review_edits import Review
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        _corpus(root, n)
        t0 = time.perf_counter()
        review = Review(root, "long")
        took = {"open": time.perf_counter() - t0}
        app = None
        if widget:
            from helpers.present.review_widget import ReviewApp
            app = ReviewApp(review)
        pending = [e for e in review.entries() if e.pending]
        accepts = []
        for entry in pending[:12]:
            t0 = time.perf_counter()
            if app is not None:
                app.key = entry.key
                app.do("accept")
            else:
                review.accept(entry.key)
            accepts.append(time.perf_counter() - t0)
        took["accept"] = statistics.median(accepts)
        undo = []
        for _ in range(3):
            t0 = time.perf_counter()
            review.undo()
            undo.append(time.perf_counter() - t0)
        took["undo"] = statistics.median(undo)
        t0 = time.perf_counter()
        review.problems()
        took["problems()"] = time.perf_counter() - t0
        saves = []
        for entry in pending[12:15]:
            review.accept(entry.key)
            t0 = time.perf_counter()
            review.save()
            saves.append(time.perf_counter() - t0)
        took["save"] = statistics.median(saves)
        return len(review.entries()), took


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=500)
    parser.add_argument("--widget", action="store_true",
                        help="press the widget's Accept instead of calling accept()")
    args = parser.parse_args(argv)
    small_entries, small = _measure(BASELINE, args.widget)
    entries, big = _measure(args.n, args.widget)
    print(f"{entries:,} entries beside a baseline draft of {small_entries} in the same run "
          f"(accept: {'the widget' if args.widget else 'the review'}; medians)")
    print(f"{'action':<12}{entries:>12,} entries{small_entries:>12} entries{'ratio':>10}")
    for action, seconds in big.items():
        print(f"{action:<12}{seconds * 1000:>17,.2f} ms{small[action] * 1000:>15,.2f} ms"
              f"{seconds / small[action]:>9.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
