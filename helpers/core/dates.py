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
import functools
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


# The days a table's datetime64[ns] column can hold (pd.Timestamp.min and .max, whole days): a date beyond
# them,
# often a typo in the year (3025, 1025), would stop the whole load with pandas' OutOfBoundsDatetime.
FIRST_DAY = pd.Timestamp("1677-09-22")
LAST_DAY = pd.Timestamp("2262-04-11")
MAX_DAYS = (LAST_DAY - FIRST_DAY).days  # no offset larger than this lands inside the range


class DateSpecError(ValueError):
    """A date or window the annotation states in a form we cannot read."""

    def __init__(self, what: str, fix: str, key: str | None = None):
        super().__init__(what)
        self.what, self.fix, self.key = what, fix, key


def parse_day(value) -> pd.Timestamp:
    """A calendar day from ``YYYY-MM-DD`` (string or date) that the tables can hold, with a clear error
    otherwise."""
    if isinstance(value, dt.date):
        return _held(pd.Timestamp(value), value.isoformat())
    return _parse_day_text(str(value).strip())


@functools.lru_cache(maxsize=65536)  # a corpus names the same days again and again; a Timestamp is immutable
def _parse_day_text(text: str) -> pd.Timestamp:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise DateSpecError(f"'{text}' is not a date of the form YYYY-MM-DD",
                            "write the full date with its year, e.g. 2025-08-08; "
                            "if the text gives no year, say which year you read and why in a note")
    try:
        day = dt.date(*map(int, text.split("-")))
    except ValueError as err:
        if text.startswith("0000"):
            raise DateSpecError(f"'{text}' has the year 0", "check the year") from None
        raise DateSpecError(f"'{text}' is not a day of the calendar ({err})",
                            "check the month and the day") from None
    return _held(pd.Timestamp(day), text)


def _held(day: pd.Timestamp, text: str) -> pd.Timestamp:
    if FIRST_DAY <= day <= LAST_DAY:
        return day
    raise DateSpecError(f"'{text}' lies outside the dates the tables can hold "
                        f"({FIRST_DAY:%Y-%m-%d} to {LAST_DAY:%Y-%m-%d})",
                        "check the year (a typo such as 3025 for 2025?)")


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
    base = issued if str(spec["from"]).strip().lower() == "issued" else (_keyed(parse_day, spec["from"],
                                                                                "from"),) * 2
    low, high = _keyed(_day_range, spec.get("days", 0), "days")
    try:
        return shift(base, low, high)
    except DateSpecError as err:
        raise DateSpecError(err.what, err.fix, "days") from None


def _keyed(read, value, key: str):
    """Run ``read(value)``, tagging an error with the key it came from (for the line number)."""
    if value is None:
        return pd.NaT
    try:
        return read(value)
    except DateSpecError as err:
        raise DateSpecError(err.what, err.fix, key) from None


def shift(window: Window, low: int, high: int) -> Window:
    """Move a window by between ``low`` and ``high`` days (uncertainty widens it); DateSpecError when the
    result falls outside the days the tables can hold (FIRST_DAY to LAST_DAY)."""
    earliest, latest = window
    moved = []
    for day, by in ((earliest, low), (latest, high)):
        if day is pd.NaT:
            moved.append(pd.NaT)
            continue
        to = day + _days(by) if abs(by) <= MAX_DAYS else None
        if to is None or not FIRST_DAY <= to <= LAST_DAY:
            raise DateSpecError(f"{by} days from {day:%Y-%m-%d} falls outside the dates the tables can hold "
                                f"({FIRST_DAY:%Y-%m-%d} to {LAST_DAY:%Y-%m-%d})",
                                "check the number of days (and the date it counts from)")
        moved.append(to)
    return moved[0], moved[1]


@functools.lru_cache(maxsize=4096)
def _days(by: int) -> pd.Timedelta:
    return pd.Timedelta(days=by)  # making one costs more than adding it: a corpus uses a few hundred


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


def format_windows(earliest, latest) -> list[str]:
    """``format_window`` of each (earliest, latest) pair of two columns, formatted a column at a time (a
    timeline of a large corpus has a million windows).

    >>> early = pd.to_datetime(["2025-08-04", None, None])
    >>> format_windows(early, pd.to_datetime(["2025-08-11", "2025-09-01", None]))
    ['2025-08-04 to 2025-08-11', '? to 2025-09-01', 'open']
    """
    early = pd.Series(pd.to_datetime(earliest)).dt.strftime("%Y-%m-%d").fillna("?").tolist()
    late = pd.Series(pd.to_datetime(latest)).dt.strftime("%Y-%m-%d").fillna("?").tolist()
    return [("open" if a == "?" else a) if a == b else f"{a} to {b}" for a, b in zip(early, late)]
