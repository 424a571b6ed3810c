"""How far machine drafts can be trusted: the drafter's error rates as measured by ``make evaluate``.

Rates ship with the package (``models/drafter-accuracy.csv``, beside the trained model they describe, never
rewritten), so a notebook on any machine can quote them next to findings that rest on unreviewed drafts.
``make evaluate`` with the gold corpora present measures them again into generated data outside the package
(``paths.MEASURED_RATES``, ``.cache/evaluation/``), which is read in their place while it exists.
"""
from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.core.atomic import write_atomically
from helpers.paths import MEASURED_RATES, MODELS

SHIPPED = MODELS / "drafter-accuracy.csv"  # the rates of the model as shipped; make evaluate leaves it
MEASURED = MEASURED_RATES  # written by make evaluate; quoted in place of SHIPPED when present
DEADLINES = "deadlines, hand-annotated PolNeAR and TempEval-3 documents"  # deadline_scores' development set
DEADLINES_CHECK = "deadlines, second development set (the earlier check, looked into since)"
DEADLINES_HELD_OUT = "deadlines, held out (hand-annotated, never used to build the rules)"
DEADLINES_INVENTED = "deadlines, invented articles (annotated from the text alone, looked into since)"
DEADLINES_INVENTED_HELD_OUT = "deadlines, invented articles held out (never used to build the rules)"
# the rows worth quoting: what the drafter does on news it was not tuned on (PolNeAR dev, TempEval-3)
REQUIRED = {("polnear-dev", "drafter"), ("tempeval3-tbaq", "drafter")}
# the entity rows when the CoNLL-U files were there, the deadline rows when the gold set's texts were
KEPT = REQUIRED | {("polnear-dev (silver entities)", "drafter"), (DEADLINES, "drafter")}


def rates_path() -> Path:
    """The rates file quoted: the measured one when ``make evaluate`` wrote it, else the one shipped."""
    return MEASURED if MEASURED.is_file() else SHIPPED


def save_rates(table: pd.DataFrame, path: Path | None = None) -> bool:
    """Keep the quotable rows of an evaluation table in ``path`` (default: MEASURED), written whole (a reader
    never sees half of it); False (nothing written) if it has none."""
    keep = table[[(c, s) in KEPT for c, s in zip(table["corpus"], table["system"])]]
    if {c for c, _ in REQUIRED} - set(keep["corpus"]):
        return False  # a partial run (a gold corpus absent) must not replace a full measurement
    path = Path(path) if path is not None else MEASURED
    text = io.StringIO()
    keep.to_csv(text, index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text.getvalue())
    return True


def rates(path: Path | None = None) -> tuple[str, dict[tuple[str, str], float]]:
    """(commit measured at, {(corpus, metric): value}) from ``path`` (default: ``rates_path()``); empty when
    the file is missing or unreadable. Read again only when the file changed (a long-lived kernel sees a new
    measurement)."""
    path = Path(path) if path is not None else rates_path()
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return "", {}
    return _read(path, (st.st_size, st.st_mtime_ns, st.st_ino))


@lru_cache(maxsize=4)
def _read(path: Path, stamp: tuple) -> tuple[str, dict[tuple[str, str], float]]:
    try:
        table = pd.read_csv(path)
        return str(table["commit"].iloc[0]), {(c, m): float(v) for c, m, v in
                                              zip(table["corpus"], table["metric"], table["value"])}
    except (OSError, ValueError, KeyError, IndexError):  # unreadable, or not a table of rates
        return "", {}


def _tenths(value: float) -> str:
    return f"about {round(value * 10):.0f} times in 10"


def trust(kind: str, path: Path | None = None) -> str:
    """One sentence on how often the drafter is right for ``kind`` (mentions, statements, deadlines), from
    ``path`` (default: ``rates_path()``, the measured rates when there are any)."""
    commit, r = rates(path)
    if not r:
        return "How often the drafter is right is measured by make evaluate (not measured for this copy)."
    where = f"measured by make evaluate at {commit}"
    if kind == "statements" and ("polnear-dev", "content recall") in r:
        return (f"On political news (PolNeAR, {where}) the drafter finds "
                f"{r['polnear-dev', 'content recall']:.0%} of who-said-what, "
                f"{r['polnear-dev', 'content precision']:.0%} of what it finds is right, and its "
                f"speakers are right {_tenths(r['polnear-dev', 'speaker accuracy (matched)'])}.")
    gold = DEADLINES  # the other sets hold too few deadlines (7 and 3) to quote a rate from
    if kind == "deadlines" and (gold, "deadlines recall") in r:
        found, right = r[gold, "deadlines recall"], r[gold, "deadlines precision"]
        return (f"On news with every deadline marked by hand ({where}) the drafter finds "
                f"{found:.0%} of the deadlines, {right:.0%} of what it drafts as one is one, and "
                f"its due window is exactly right {_tenths(r[gold, 'due window exact (matched)'])}; "
                "check each machine deadline's window.")
    if kind == "deadlines" and ("tempeval3-tbaq", "value F1") in r:
        return (f"On news (TempEval-3, {where}) the drafter's dates of time expressions are right "
                f"{_tenths(r['tempeval3-tbaq', 'value F1'])}; check each machine deadline's window.")
    silver = "polnear-dev (silver entities)"
    if kind == "mentions" and (silver, "entities found") in r:
        return (f"On political news (PolNeAR, against CoreNLP's entity labels, {where}) the "
                f"drafter finds {r[silver, 'entities found']:.0%} of the people, organisations "
                f"and places an article names, and {r[silver, 'named mentions right']:.0%} of "
                "the names it marks are right; the registry's names are always found.")
    if kind == "mentions":
        return ("Machine mentions are not measured on a gold corpus: "
                "the registry's names are found, others proposed.")
    return f"How often the drafter is right is {where}."
