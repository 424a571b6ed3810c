"""Date windows: what the text supports about when something happened or falls due.

A window is a pair (earliest, latest) of ``pd.Timestamp``; ``NaT`` marks an end
the text leaves open. Annotations write a window as one of:

- ``null``: not stated;
- ``2025-08-08``: one day;
- ``{earliest: 2025-07-25, latest: 2025-07-30}``: a stated range;
- ``{from: 2025-08-01, days: [-7, -2]}`` or ``{from: issued, days: [10, 12]}``:
  an offset from a day or from the deadline's own issued window
  (``days: 50`` for a single offset).
"""
from __future__ import annotations

import datetime as dt
import difflib
import re

import pandas as pd

Window = tuple[pd.Timestamp, pd.Timestamp]
OPEN: Window = (pd.NaT, pd.NaT)

# Vague phrases and the day counts we read them as (documented in data/README.md).
CONVENTIONS = {
    "just days": (2, 7),
    "days": (2, 7),
    "a few days": (2, 6),
    "a week": (7, 7),
    "weeks": (14, 42),
}


class DateSpecError(ValueError):
    """A date or window the annotation states in a form we cannot read."""

    def __init__(self, what: str, fix: str, key: str | None = None):
        super().__init__(what)
        self.what, self.fix, self.key = what, fix, key


def parse_day(value) -> pd.Timestamp:
    """A calendar day from ``YYYY-MM-DD`` (string or date), with a clear error otherwise."""
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise DateSpecError(f"'{text}' is not a date of the form YYYY-MM-DD",
                            "write the full date with its year, e.g. 2025-08-08; "
                            "if the text gives no year, say which year you read and why in a note")
    try:
        return pd.Timestamp(dt.date(*map(int, text.split("-"))))
    except ValueError as err:
        raise DateSpecError(f"'{text}' is not a day of the calendar ({err})",
                            "check the month and the day") from None


def resolve_window(spec, issued: Window = OPEN, allow_issued: bool = True) -> Window:
    """The window a date spec stands for; ``issued`` serves specs ``from: issued``.

    ``allow_issued=False`` is for the issued window itself, which cannot count from itself.
    """
    if spec is None:
        return OPEN
    if not isinstance(spec, dict):
        day = parse_day(spec)
        return day, day
    ranged, offset = {"earliest", "latest"} & spec.keys(), {"from", "days"} & spec.keys()
    if ranged and offset:
        raise DateSpecError(f"a window takes either from/days or earliest/latest, not both "
                            f"(found {', '.join(sorted(ranged | offset))})",
                            "keep one form; see 'Dates' in data/README.md", sorted(offset)[0])
    start = str(spec.get("from", "")).strip().lower()
    if (start and start != "issued" and not any(c.isdigit() for c in start)
            and difflib.SequenceMatcher(None, start, "issued").ratio() >= 0.7):
        raise DateSpecError(f"from: '{spec['from']}' is neither a date nor 'issued'",
                            "did you mean 'issued'?", "from")
    if str(spec.get("from", "")).strip().lower() == "issued" and not allow_issued:
        raise DateSpecError("the issued window cannot count from issued (itself)",
                            "count from a date: from: 2025-08-01", "from")
    if ranged:
        earliest = _keyed(parse_day, spec.get("earliest"), "earliest")
        latest = _keyed(parse_day, spec.get("latest"), "latest")
        if earliest is not pd.NaT and latest is not pd.NaT and latest < earliest:
            raise DateSpecError(f"the window ends ({latest:%Y-%m-%d}) before it starts ({earliest:%Y-%m-%d})",
                                "swap earliest and latest")
        return earliest, latest
    if "from" not in spec:
        raise DateSpecError("a date window needs 'from' (with optional 'days') or 'earliest'/'latest'",
                            "see 'Dates' in data/README.md")
    base = issued if str(spec["from"]).strip().lower() == "issued" else (_keyed(parse_day, spec["from"], "from"),) * 2
    low, high = _keyed(_day_range, spec.get("days", 0), "days")
    return shift(base, low, high)


def _keyed(read, value, key: str):
    """Run ``read(value)``, tagging an error with the key it came from (for the line number)."""
    if value is None:
        return pd.NaT
    try:
        return read(value)
    except DateSpecError as err:
        raise DateSpecError(err.what, err.fix, key) from None


def shift(window: Window, low: int, high: int) -> Window:
    """Move a window by between ``low`` and ``high`` days (uncertainty widens it)."""
    earliest, latest = window
    return (earliest + pd.Timedelta(days=low) if earliest is not pd.NaT else pd.NaT,
            latest + pd.Timedelta(days=high) if latest is not pd.NaT else pd.NaT)


def _day_range(days) -> tuple[int, int]:
    if isinstance(days, bool):
        raise DateSpecError(f"days: {days} is not a number of days", "write a whole number or [low, high]")
    if isinstance(days, int):
        return days, days
    if isinstance(days, str) and days in CONVENTIONS:
        return CONVENTIONS[days]
    if isinstance(days, list) and len(days) == 2 and all(isinstance(d, int) and not isinstance(d, bool)
                                                         for d in days):
        low, high = days
        if high < low:
            raise DateSpecError(f"days: [{low}, {high}] runs backwards", f"write [{high}, {low}]")
        return low, high
    raise DateSpecError(f"days: {days!r} is not a number of days",
                        "write a whole number (50), a range ([10, 12]) or a convention "
                        f"({', '.join(repr(k) for k in CONVENTIONS)})")


def format_window(window: Window) -> str:
    """'2025-08-04 to 2025-08-11', one day as itself, open ends as '?'."""
    earliest, latest = (f"{d:%Y-%m-%d}" if d is not pd.NaT else "?" for d in window)
    if earliest == latest:
        return "open" if earliest == "?" else earliest
    return f"{earliest} to {latest}"
