"""The notebooks' work on a large corpus: each step timed, and each widget's response to a change.

    python -m benchmarks.notebooks [--articles 10000] [--runs 5]

Loads a fictional corpus (benchmarks.make_corpus, kept in .cache/bench/), warms the cache, then
executes the notebooks themselves on it (papermill) and times each of their cells, then every
widget change a reader makes. Medians of ``--runs`` (notebooks: half as many runs); the baseline
for widget changes is the same change on the bundled one-article corpus, measured in the same
process. Prints a table; saves reports/bench/notebooks.csv.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import pandas as pd

from benchmarks.timing import median_seconds

ROOT = Path(__file__).resolve().parents[1]


NOTEBOOKS = ROOT / "notebooks"


def _label(source: str) -> str:
    """A cell named by its first comment line (test markers left out), else its first line of code."""
    lines = [line.strip() for line in source.splitlines() if line.strip() and "NBVAL" not in line]
    comment = next((line.lstrip("# ") for line in lines if line.startswith("#")), None)
    return (comment or (lines[0] if lines else "(empty)"))[:60]


def notebook_steps(folder: Path, runs: int) -> list[dict]:
    """Execute the notebooks themselves (papermill, on ``folder``) ``runs`` times; each code cell's median
    seconds, as papermill records them: the notebooks' own cells, not a copy of their calls."""
    import tempfile

    import nbformat
    import papermill

    from helpers.present.findings_log import notebook_paths, read, shared
    rows = []
    for path in notebook_paths(NOTEBOOKS):
        if not shared(read(path)):
            continue  # the review tool: it edits one draft, its cost does not grow with the corpus
        times: dict[tuple[int, str], list[float]] = {}  # (position, label) → seconds of each run
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / path.name
                papermill.execute_notebook(str(path), str(out), parameters={"corpus_folder": str(folder)},
                                           cwd=str(NOTEBOOKS), progress_bar=False)
                for i, cell in enumerate(nbformat.read(str(out), as_version=4).cells):
                    duration = cell.metadata.get("papermill", {}).get("duration")
                    tags = cell.metadata.get("tags", [])
                    if (cell.cell_type == "code" and duration is not None
                            and not {"parameters", "injected-parameters"} & set(tags)):
                        times.setdefault((i, _label(cell.source)), []).append(duration)
        for (_, label), seconds in times.items():
            rows.append({"kind": "notebook cell", "what": f"{path.stem} · {label}",
                         "seconds": statistics.median(seconds)})
            print(f"{rows[-1]['what']:70s} {rows[-1]['seconds']:7.3f} s", flush=True)
    return rows


def changes(corpus) -> list[tuple[str, object]]:
    """(what, change) for every control a reader can move, each toggled between two values.

    Paged explorers switch in the browser (jslink); what is timed here is the same switch in the kernel.
    The statement filter runs in the page's own script; timed here is its Python twin (``select``).
    """
    from helpers.present import widgets
    actors = widgets.actor_explorer(corpus)
    statements = widgets.statement_explorer(corpus)
    deadlines = widgets.deadline_explorer(corpus, None)
    reader = widgets.article_reader(corpus)
    topic = corpus.topics["topic"].iloc[-1] if len(corpus.topics) else None

    def flip(explorer):
        choices, state = explorer.choices(), {"i": 0}

        def change():
            state["i"] = 1 - state["i"]
            explorer.choose(choices[-1] if state["i"] else choices[0])
            explorer.shown()
        return change
    return [
        ("actor explorer: pick an actor", flip(actors)),
        ("statement filter: mode", lambda: statements.select(mode="direct").html()),
        ("statement filter: topic", lambda: statements.select(topic=topic).html()),
        ("deadline explorer: move 'as of'", flip(deadlines)),
        ("article reader: pick an article", flip(reader)),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from benchmarks.scale import corpus as bench_corpus
    from helpers import load_corpus
    folder = bench_corpus(args.articles)
    big = load_corpus(folder)  # also warms the cache the notebooks then load from
    # the one-article baseline, whatever data/ holds
    small = load_corpus(ROOT / "tests" / "fixtures" / "seed")
    rows = [dict(row, articles=len(big.articles)) for row in notebook_steps(folder, max(1, args.runs // 2))]
    small_changes = dict(changes(small))
    for what, change in changes(big):
        seconds, base = median_seconds(change, args.runs), median_seconds(small_changes[what], args.runs)
        rows.append({"kind": "widget change", "what": what, "articles": len(big.articles), "seconds": seconds,
                     "one-article seconds": base, "ratio": seconds / base if base else None})
        print(f"{what:55s} {seconds:7.3f} s  (one article: {base:.4f} s)", flush=True)
    table = pd.DataFrame(rows)
    out = ROOT / "reports" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "notebooks.csv", index=False)
    slowest = table[table["kind"] == "widget change"]["seconds"].max()
    print(f"slowest widget change: {slowest:.3f} s (under 0.5 s: {'yes' if slowest < 0.5 else 'no'}); "
          f"saved {out / 'notebooks.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
