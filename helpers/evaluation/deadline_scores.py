"""How well the drafter finds stated deadlines and resolves them to calendar days: on the hand-annotated
documents of ``gold/deadlines.yaml`` and ``gold/deadlines-check.yaml`` (development) and
``gold/deadlines-heldout.yaml`` (held out) — PolNeAR and TempEval-3 texts, read from the shared corpora — and
on the invented articles of ``gold/deadlines-invented.yaml`` (development) and
``gold/deadlines-invented-heldout.yaml`` (held out), whose texts are kept with them; the gold README says how
each was made. Each is drafted with an empty registry, beside a simple baseline.

- deadlines found: a drafted deadline matches a gold one when their words overlap (each gold one used once);
  precision, recall and F1 over deadline mentions;
- due window exact: of the matched deadlines, the share whose due window is the gold one (both open counts);
- due window overlapping: of the matched deadlines the gold dates, the share whose window shares a day with
  it;
- look-alikes drafted: of the phrases listed as not deadlines, the share a drafted deadline overlaps.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import yaml

from helpers.core.dates import OPEN, Window
from helpers.drafting import timex
from helpers.drafting.deadlines import calendar_window, noun_matches, span_days
from helpers.drafting.draft import draft_text
from helpers.evaluation.drafter_accuracy import (
    DEADLINES,
    DEADLINES_CHECK,
    DEADLINES_HELD_OUT,
    DEADLINES_INVENTED,
    DEADLINES_INVENTED_HELD_OUT,
)
from helpers.evaluation.goldcorpora import read_timeml
from helpers.paths import GOLD_SETS

GOLD = GOLD_SETS / "deadlines.yaml"  # development: the rules were built on it
CHECK = GOLD_SETS / "deadlines-check.yaml"  # development too: held out at first, its errors looked into since
HELD_OUT = GOLD_SETS / "deadlines-heldout.yaml"  # held out: measured, never used to build the rules
# invented articles whose texts are kept beside their annotations, so they are measured without the corpora
INVENTED = GOLD_SETS / "deadlines-invented.yaml"  # development: its errors were looked into
INVENTED_HELD_OUT = GOLD_SETS / "deadlines-invented-heldout.yaml"  # held out: measured, never looked into
_SIMPLE_DATE = re.compile(r"\b(?:by|until|before|deadline(?: of)?)\s+(?:the\s+)?$", re.IGNORECASE)
_SIMPLE_SPAN = re.compile(r"\b(?:within|in)\s+$", re.IGNORECASE)


def read_text(corpora: Path, file: str) -> str:
    """A gold document's text as the offsets index it."""
    path = corpora / file
    return read_timeml(path).text if path.suffix == ".tml" else path.read_text(encoding="utf-8")


def gold_window(spec) -> Window:
    """A gold ``issued`` or ``due``: null, a day, or {earliest, latest}."""
    if spec is None:
        return OPEN
    if isinstance(spec, dict):
        return (pd.Timestamp(spec["earliest"]) if spec.get("earliest") else pd.NaT,
                pd.Timestamp(spec["latest"]) if spec.get("latest") else pd.NaT)
    day = pd.Timestamp(spec)
    return day, day


def drafted(text: str, day: dt.date) -> list[tuple[int, int, Window]]:
    """(start, end, due window) of each deadline the drafter finds, with an empty registry."""
    return [(d.start, d.end, d.due) for d in draft_text(text, [], day).deadlines]


def baseline(text: str, day: dt.date) -> list[tuple[int, int, Window]]:
    """A date after "by", "until", "before" or "deadline of" (due: the whole day, month or year it names), a
    span of time after "within" or "in" (due: that many days after the article's day), and the word
    "deadline"."""
    out = []
    for t in timex.tag(text, day):
        head = text[max(0, t.start - 30):t.start]
        if t.type in ("DATE", "TIME") and _SIMPLE_DATE.search(head):
            window = calendar_window(t.value, "")
            if window is not None:
                out.append((t.start - len(_SIMPLE_DATE.search(head).group(0)), t.end, window))
        elif t.type == "DURATION" and _SIMPLE_SPAN.search(head) and (days := span_days(t.text)):
            ref = pd.Timestamp(day)
            out.append((t.start, t.end, (ref + pd.Timedelta(days=days[0]), ref + pd.Timedelta(days=days[1]))))
    taken = [(s, e) for s, e, _ in out]
    out += [(m.start(), m.end(), OPEN) for m in noun_matches(text, 0, len(text))
            if not any(m.start() < e and s < m.end() for s, e in taken)]
    return out


def _same(a: Window, b: Window) -> bool:
    return all((pd.isna(x) and pd.isna(y)) or x == y for x, y in zip(a, b))


def _share_a_day(a: Window, b: Window) -> bool:
    return not any(pd.isna(x) for x in (*a, *b)) and a[0] <= b[1] and b[0] <= a[1]


class Tally:
    """Counts behind the rates of one system."""

    def __init__(self):
        self.found = self.gold = self.matched = self.exact = self.dated = self.overlapping = 0
        self.lookalikes = self.lookalikes_hit = 0

    def add(self, entry: dict, system: list[tuple[int, int, Window]]) -> None:
        gold = entry.get("deadlines") or []
        self.found += len(system)
        self.gold += len(gold)
        free = list(range(len(system)))
        for g in gold:
            s, e = g["span"]
            k = next((k for k in free if system[k][0] < e and s < system[k][1]), None)
            if k is None:
                continue
            free.remove(k)
            self.matched += 1
            want = gold_window(g.get("due"))
            self.exact += _same(system[k][2], want)
            if not any(pd.isna(x) for x in want):
                self.dated += 1
                self.overlapping += _share_a_day(system[k][2], want)
        for n in entry.get("not_deadlines") or []:
            s, e = n["span"]
            self.lookalikes += 1
            self.lookalikes_hit += any(a < e and s < b for a, b, _ in system)

    def rows(self, corpus: str, system: str) -> list[dict]:
        p, r = self.matched / max(1, self.found), self.matched / max(1, self.gold)

        def row(metric, value, n):
            return {"corpus": corpus, "system": system, "metric": metric, "value": round(float(value), 4),
                    "n": n}
        return [row("deadlines precision", p, self.found), row("deadlines recall", r, self.gold),
                row("deadlines F1", 2 * p * r / (p + r) if p + r else 0.0, self.gold),
                row("due window exact (matched)", self.exact / max(1, self.matched), self.matched),
                row("due window overlapping (matched, gold dated)", self.overlapping / max(1, self.dated),
                    self.dated),
                row("look-alikes drafted as deadlines", self.lookalikes_hit / max(1, self.lookalikes),
                    self.lookalikes)]


def deadline_rows(corpora: Path) -> list[dict]:
    """The development sets and the held-out one."""
    sets = ((GOLD, DEADLINES), (CHECK, DEADLINES_CHECK), (HELD_OUT, DEADLINES_HELD_OUT))
    return [row for gold, label in sets for row in gold_rows(corpora, gold, label)]


def invented_rows() -> list[dict]:
    """The invented articles, which carry their own texts: measured with or without the corpora."""
    sets = ((INVENTED, DEADLINES_INVENTED), (INVENTED_HELD_OUT, DEADLINES_INVENTED_HELD_OUT))
    return [row for gold, label in sets if gold.is_file() for row in gold_rows(Path("."), gold, label)]


def gold_rows(corpora: Path, gold: Path, corpus: str) -> list[dict]:
    """The drafter and the baseline on every document of ``gold`` whose text is in ``corpora``."""
    entries = yaml.safe_load(gold.read_text(encoding="utf-8")) or []
    tallies = {"drafter": Tally(),
               "baseline (date or span after by / within / until, the word deadline)": Tally()}
    for entry in entries:
        if "text" in entry:  # an invented article, its text kept with it
            text = entry["text"]
        elif (corpora / entry["file"]).is_file():
            text = read_text(corpora, entry["file"])
        else:
            continue
        day = entry["date"] if isinstance(entry["date"],
                                          dt.date) else dt.date.fromisoformat(str(entry["date"]))
        for tally, fn in zip(tallies.values(), (drafted, baseline)):
            tally.add(entry, fn(text, day))
    return [row for name, tally in tallies.items() for row in tally.rows(corpus, name)]
