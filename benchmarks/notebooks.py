"""The notebooks' work on a large corpus: each step timed, and each widget's response to a change.

    python -m benchmarks.notebooks [--articles 10000] [--runs 5]

Loads a fictional corpus (benchmarks.make_corpus, kept in .cache/bench/), warms the cache, then
times every helper call the four notebooks make (tables, findings, charts drawn to PNG as a
notebook shows them, widgets built) and every widget change a reader makes. Medians of
``--runs``; the baseline for widget changes is the same change on the bundled one-article
corpus, measured in the same process. Prints a table; saves reports/bench/notebooks.csv.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def _png(fig) -> int:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return len(buffer.getvalue())


def _median(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        action()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def steps(corpus) -> list[tuple[str, object]]:
    """(what, call) for every helper call the notebooks make, in notebook order."""
    from helpers import analysis, charts, display, findings, widgets
    names = dict(zip(corpus.actors["actor_id"], corpus.actors["name"]))
    labels = corpus.article_labels()
    counts = analysis.actor_counts(corpus)

    def table(frame):
        return display.table(frame, "t")._repr_mimebundle_()
    return [
        ("0 banner and labels", lambda: (display.unreviewed_banner(corpus), corpus.article_labels())),
        ("1 actor findings", lambda: findings.actor_findings(corpus)),
        ("1 actor table", lambda: table(analysis.actor_table(corpus))),
        ("1 presence chart (top 15)", lambda: _png(charts.actor_presence(counts))),
        ("1 co-mentions (top 15 table)", lambda: table(analysis.co_mention_table(
            corpus, analysis.top_co_mentions(corpus, analysis.co_mentions(corpus))))),
        ("1 co-mention heatmap", lambda: _png(charts.co_mention_heatmap(
            analysis.top_co_mentions(corpus, analysis.co_mentions(corpus)), names))),
        ("1 stories and actors by story", lambda: (table(analysis.story_summary(corpus)),
                                                   table(analysis.by_story(corpus, analysis.actor_table)))),
        ("1 actor explorer built", lambda: widgets.actor_explorer(corpus)),
        ("2 statement findings", lambda: findings.statement_findings(corpus)),
        ("2 statements by speaker + chart", lambda: _png(charts.statements_by_speaker(
            analysis.statements_by_speaker(corpus), names))),
        ("2 direct quotes (first 20)", lambda: findings.direct_quotes(corpus)),
        ("2 topics + chart", lambda: _png(charts.topics_by_speaker(analysis.topic_counts(corpus), names))),
        ("2 statement table", lambda: table(analysis.statement_table(corpus, corpus.statements))),
        ("2 statement explorer built", lambda: widgets.statement_explorer(corpus)),
        ("3 deadline findings (as reported)", lambda: findings.deadline_findings(corpus)),
        ("3 status + deadline table", lambda: table(analysis.deadline_table(
            corpus, analysis.deadline_status(corpus.deadlines, None, corpus.articles)))),
        ("3 timeline (binned)", lambda: _png(charts.deadline_timeline(
            corpus.deadlines, analysis.deadline_status(corpus.deadlines, None, corpus.articles), None, names,
            labels=labels))),
        ("3 agreement table", lambda: table(analysis.agreement_table(corpus))),
        ("3 deadline explorer built", lambda: widgets.deadline_explorer(corpus, None, names)),
        ("4 reader findings", lambda: findings.reader_findings(corpus)),
        ("4 article reader built", lambda: widgets.article_reader(corpus)),
        ("limits", lambda: findings.data_limits(corpus)),
    ]


def changes(corpus) -> list[tuple[str, object]]:
    """(what, change) for every control a reader can move, each toggled between two values.

    Paged explorers switch in the browser (jslink); what is timed here is the same switch in the kernel.
    The statement filter runs in the page's own script; timed here is its Python twin (``select``).
    """
    from helpers import widgets
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
    big = load_corpus(bench_corpus(args.articles))
    small = load_corpus(ROOT / "tests" / "fixtures" / "seed")  # the one-article baseline, whatever data/ holds
    rows = []
    for what, call in steps(big):
        rows.append({"kind": "notebook step", "what": what, "articles": len(big.articles),
                     "seconds": _median(call, max(1, args.runs // 2))})
        print(f"{what:55s} {rows[-1]['seconds']:7.3f} s", flush=True)
    small_changes = dict(changes(small))
    for what, change in changes(big):
        seconds, base = _median(change, args.runs), _median(small_changes[what], args.runs)
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
