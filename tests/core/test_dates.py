import pandas as pd
import pytest

from helpers.core.dates import DateSpecError, format_window, format_windows, parse_day, resolve_window, shift

D = pd.Timestamp


def test_single_day_and_offsets_agree_with_pandas():
    assert resolve_window("2025-08-08") == (D("2025-08-08"), D("2025-08-08"))
    issued = resolve_window({"from": "2025-08-01", "days": [-7, -2]})
    assert issued == (D("2025-07-25"), D("2025-07-30"))
    due = resolve_window({"from": "issued", "days": [10, 12]}, issued)
    assert due == (D("2025-07-25") + pd.Timedelta(days=10), D("2025-07-30") + pd.Timedelta(days=12))


def test_open_anchor_keeps_the_window_open():
    assert all(pd.isna(x) for x in resolve_window({"from": "issued", "days": 50}))
    assert all(pd.isna(x) for x in resolve_window(None))


def test_named_convention_and_explicit_range():
    assert resolve_window({"from": "2025-08-01", "days": "just days"}) == (D("2025-08-03"), D("2025-08-08"))
    assert resolve_window({"earliest": "2025-01-01", "latest": "2025-01-31"}) == (D("2025-01-01"),
                                                                                  D("2025-01-31"))


def test_windows_across_month_and_leap_day():
    assert shift((D("2024-02-27"), D("2024-02-27")), 1, 3) == (D("2024-02-28"), D("2024-03-01"))


@pytest.mark.parametrize("bad, words", [
    ("2025-02-30", "not a day of the calendar"),
    ("Aug. 8", "YYYY-MM-DD"),
    ("08-08", "YYYY-MM-DD"),
])
def test_bad_days_are_named(bad, words):
    with pytest.raises(DateSpecError) as err:
        parse_day(bad)
    assert words in err.value.what and err.value.fix


@pytest.mark.parametrize("spec, words", [
    ({"from": "2025-08-01", "days": [5, 2]}, "runs backwards"),
    ({"earliest": "2025-08-09", "latest": "2025-08-01"}, "before it starts"),
    ({"from": "2025-08-01", "days": "soon"}, "not a number of days"),
    ({"days": 3}, "needs 'from'"),
])
def test_bad_windows_are_named(spec, words):
    with pytest.raises(DateSpecError) as err:
        resolve_window(spec)
    assert words in err.value.what


def test_format_window():
    assert format_window((D("2025-08-04"), D("2025-08-11"))) == "2025-08-04 to 2025-08-11"
    assert format_window((D("2025-08-08"), D("2025-08-08"))) == "2025-08-08"
    assert format_window((pd.NaT, pd.NaT)) == "open"
    assert format_window((D("2025-08-08"), pd.NaT)) == "2025-08-08 to ?"


def test_days_the_tables_can_hold_and_not():
    assert parse_day("1677-09-22") == D("1677-09-22") and parse_day("2262-04-11") == D("2262-04-11")
    for day in ("1677-09-21", "2262-04-12", "3025-08-01", "1600-01-01"):
        with pytest.raises(DateSpecError) as err:
            parse_day(day)
        assert "outside the dates the tables can hold" in err.value.what and "check the year" in err.value.fix


def test_offsets_beyond_the_tables_are_refused_with_their_key():
    for days in (10**9, [1, 100_000], -200_000):
        with pytest.raises(DateSpecError) as err:
            resolve_window({"from": "2025-08-01", "days": days})
        assert err.value.key == "days" and "outside the dates" in err.value.what
    with pytest.raises(DateSpecError):
        shift((D("2262-04-01"), D("2262-04-01")), 0, 20)
    assert resolve_window({"from": "2262-04-01", "days": 10}) == (D("2262-04-11"), D("2262-04-11"))


def test_windows_formatted_a_column_at_a_time_read_as_each_formatted_alone():
    days = [pd.NaT, pd.Timestamp("2025-08-04"), pd.Timestamp("2025-08-11"), pd.Timestamp("1999-12-31")]
    pairs = [(a, b) for a in days for b in days]
    early = pd.Series([a for a, _ in pairs], dtype="datetime64[ns]")
    late = pd.Series([b for _, b in pairs], dtype="datetime64[ns]")
    assert format_windows(early, late) == [format_window(pair) for pair in pairs]
