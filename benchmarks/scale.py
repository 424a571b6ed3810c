"""Loading and drafting at scale, each beside a baseline measured in the same run.

    python -m benchmarks.scale [--sizes 1000 10000 100000] [--runs 3]

For each size: a fictional corpus (benchmarks.make_corpus, kept in .cache/bench/), then, each in a
fresh process so memory is its own: cold load (empty cache), warm load, and the baseline — parsing
the same YAML files with PyYAML's C loader into DataFrames, no checks. Then drafting throughput on
1 and 2 cores. Prints a table and saves CSV and a chart in reports/bench/. Peak memory is the
largest process's (the loader's own; its workers stay far smaller). From 100,000 articles on, the
baseline and the warm load run once (the baseline alone takes minutes there).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]

LOAD = """
import json, resource, time
from helpers import load_corpus
t = time.perf_counter(); c = load_corpus({folder!r}); s = time.perf_counter() - t
rss = max(
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
)
print(json.dumps({{"seconds": s, "peak_mb": rss / 1024, "rows": len(c.mentions) + len(c.statements)}}))
"""
BASELINE = """
import json, resource, time, glob
import pandas as pd, yaml
t = time.perf_counter()
mentions, statements, deadlines = [], [], []
for path in sorted(glob.glob({folder!r} + "/annotations/*.yaml")):
    with open(path, encoding="utf-8") as handle:
        ann = yaml.load(handle, Loader=yaml.CSafeLoader)
    for group in ann.get("mentions", []):
        mentions += [{{"actor_id": group["actor"], "words": str(s)}} for s in group.get("spans", [])]
    statements += [dict(s, article=ann["article"]) for s in ann.get("statements", [])]
    deadlines += [dict(d, article=ann["article"]) for d in ann.get("deadlines", [])]
frames = [pd.DataFrame(mentions), pd.DataFrame(statements), pd.DataFrame(deadlines)]
s = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": s, "peak_mb": rss / 1024, "rows": len(frames[0]) + len(frames[1])}}))
"""


def _run(code: str, env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def corpus(n: int) -> Path:
    folder = ROOT / ".cache" / "bench" / f"corpus-{n}"
    from benchmarks.make_corpus import VERSION, make_corpus
    stamp = folder / "GENERATED"
    if not stamp.is_file() or f"version {VERSION}," not in stamp.read_text(encoding="utf-8") or \
            len(list((folder / "annotations").glob("*.yaml"))) != n:
        import shutil
        shutil.rmtree(folder, ignore_errors=True)
        t0 = time.perf_counter()
        print(f"generating {n} articles …", flush=True)
        make_corpus(n, folder)
        print(f"  generated in {time.perf_counter() - t0:.0f} s", flush=True)
    return folder


def _draft_texts(texts):
    import datetime as dt

    from helpers.drafting.draft import draft_text
    for text in texts:
        draft_text(text, [], dt.date(2031, 6, 1))
    return len(texts)


def drafting(folder: Path, runs: int, n: int = 400) -> list[dict]:
    from concurrent.futures import ProcessPoolExecutor
    texts = [p.read_text(encoding="utf-8") for p in sorted((folder / "articles").glob("*.txt"))[:n]]
    rows = []
    for cores in (1, 2):
        chunks = [texts[i::cores] for i in range(cores)]
        seconds = []
        with ProcessPoolExecutor(cores) as pool:
            list(pool.map(_draft_texts, [c[:5] for c in chunks]))  # warm the workers
            for _ in range(runs):
                t0 = time.perf_counter()
                list(pool.map(_draft_texts, chunks))
                seconds.append(time.perf_counter() - t0)
        med = statistics.median(seconds)
        rows.append({"measure": f"drafting on {cores} core{'s' if cores > 1 else ''}", "articles": len(texts),
                     "seconds": med, "articles_per_s": len(texts) / med, "runs": runs})
    rows[1]["speed-up vs 1 core"] = rows[0]["seconds"] / rows[1]["seconds"]
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    rows = []
    for n in args.sizes:
        folder = corpus(n)
        runs = args.runs if n < 100_000 else 1
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "NEWSDESK_CACHE": cache}
            cold = _run(LOAD.format(folder=str(folder)), env)
            warm = [_run(LOAD.format(folder=str(folder)), env) for _ in range(runs)]
        base = [_run(BASELINE.format(folder=str(folder)), dict(os.environ)) for _ in range(runs)]
        wmed = statistics.median(w["seconds"] for w in warm)
        bmed = statistics.median(b["seconds"] for b in base)
        rows += [{"measure": "load, cold (checked, cache built)", "articles": n, "seconds": cold["seconds"],
                  "peak_mb": cold["peak_mb"], "runs": 1, "× baseline's time": cold["seconds"] / bmed},
                 {"measure": "load, warm (from the cache)", "articles": n, "seconds": wmed,
                  "peak_mb": max(w["peak_mb"] for w in warm), "runs": runs,
                  "× baseline's time": wmed / bmed},
                 {"measure": "baseline: PyYAML C loader into DataFrames (no checks)", "articles": n,
                  "seconds": bmed, "peak_mb": max(b["peak_mb"] for b in base), "runs": runs}]
        print(f"{n} articles: cold {cold['seconds']:.1f} s (peak {cold['peak_mb']:.0f} MB, "
              f"{cold['seconds'] / bmed:.2f}× the baseline's time), warm {wmed:.2f} s, baseline {bmed:.2f} s",
              flush=True)
    rows += drafting(corpus(min(args.sizes)), args.runs)
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(table.round(3).to_string(index=False))
    out = ROOT / "reports" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "scale.csv", index=False)
    _chart(table).savefig(out / "scale.png", dpi=100)
    print(f"saved {out / 'scale.csv'} and {out / 'scale.png'}")
    return 0


def _chart(table: pd.DataFrame):
    from matplotlib.figure import Figure
    fig = Figure(figsize=(8, 4), layout="constrained")
    ax = fig.subplots()
    loads = table[table["measure"].str.startswith(("load", "baseline"))]
    for measure, group in loads.groupby("measure", sort=False):
        ax.plot(group["articles"], group["seconds"], marker="o", label=measure)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles")
    ax.set_ylabel("seconds (median)")
    ax.set_title("Loading a corpus: newsdesk beside parsing the YAML alone")
    ax.legend(fontsize="small")
    return fig


if __name__ == "__main__":
    sys.exit(main())
