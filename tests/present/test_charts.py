import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers.analysis import tables as analysis
from helpers.present import charts


def test_charts_return_figures_with_the_data(seed):
    names = dict(zip(seed.actors["actor_id"], seed.actors["name"]))
    counts = analysis.actor_counts(seed)
    fig = charts.actor_presence(counts)
    assert isinstance(fig, Figure)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][-1] == "Vladimir Putin"
    assert len(fig.axes[0].patches) == 2 * len(counts)

    heat = charts.co_mention_heatmap(analysis.co_mentions(seed), names)
    assert isinstance(heat, Figure) and len(heat.axes[0].texts) == 64

    bars = charts.statements_by_speaker(analysis.statements_by_speaker(seed), names)
    assert isinstance(bars, Figure)
    assert sum(p.get_width() for p in bars.axes[0].patches) == 25

    topics = charts.topics_by_speaker(analysis.topic_counts(seed), names)
    assert isinstance(topics, Figure)


def _legend(fig) -> set[str]:
    return {t.get_text() for legend in fig.legends for t in legend.get_texts()}


def _tick_texts(fig) -> list[str]:
    fig.draw_without_rendering()  # the date formatter writes its labels at draw time
    return [t.get_text() for ax in fig.axes for t in ax.get_xticklabels() + [ax.xaxis.get_offset_text()]]


def test_timeline_marks_as_of_and_labels_each_deadline(seed):
    status = analysis.deadline_status(seed.deadlines, "2025-08-01")
    fig = charts.deadline_timeline(seed.deadlines, status, "2025-08-01")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert [lab.split(":")[0] for lab in labels] == ["D1", "D2", "D3", "D4"]
    assert "as of 2025-08-01" in _legend(fig)
    assert any("2025" in t for t in _tick_texts(fig)), "a one-month axis still names its year"


def test_timeline_as_reported_marks_each_article_date(seed):
    status = analysis.deadline_status(seed.deadlines, None, seed.articles)
    fig = charts.deadline_timeline(seed.deadlines, status)
    assert "article date (status as reported)" in _legend(fig)
    triangles = [line for line in fig.axes[0].lines if line.get_marker() == "v"]
    assert len(triangles) == len(seed.deadlines)


def test_deadlines_years_apart_get_panels_with_years(seed, fictional):
    import pandas as pd
    both = pd.concat([seed.deadlines, fictional.deadlines], ignore_index=True)
    articles = pd.concat([seed.articles, fictional.articles], ignore_index=True)
    status = analysis.deadline_status(both, None, articles)
    labels = {"000_d8227443fd9b5b39": "Seed title (2025-08-01)", "f2": "Council (2031-03-05)"}
    fig = charts.deadline_timeline(both, status, labels=labels)
    assert len(fig.axes) == 2, "2025 and 2031 are drawn on panels of their own"
    ticks = " ".join(_tick_texts(fig))
    assert "2025" in ticks and "2031" in ticks
    rows = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert any(r.startswith("Council (2031-03-05) · D1") for r in rows), rows


def test_timeline_with_no_dates(fictional):
    empty = fictional.deadlines.iloc[0:0]
    fig = charts.deadline_timeline(empty)
    assert "no dated deadlines" in fig.axes[0].texts[0].get_text()


def test_many_deadlines_become_a_calendar_that_counts_each_once(tmp_path):
    from benchmarks.make_corpus import make_corpus
    from helpers import load_corpus
    corpus = load_corpus(make_corpus(6, tmp_path / "gen", seed=5), cache=False)
    dl = corpus.deadlines
    assert len(dl) > 30
    status = analysis.deadline_status(dl, "2031-06-01")
    fig = charts.deadline_timeline(dl, status, "2031-06-01")
    assert fig.get_suptitle().startswith(f"{len(dl):,} stated deadlines by the week")
    dated = int(dl["due_earliest"].fillna(dl["due_latest"]).notna().sum())
    counted = 0
    for ax in fig.axes:
        top = max(ax.patches, key=lambda p: p.get_data().values.sum())  # the last stacked state is the total
        counted += int(top.get_data().values.sum())
    assert counted == dated
    assert _legend(fig) == set(status["status"][status["status"] != ""])


def test_a_calendar_drawn_day_by_day_has_the_pixels_of_each_day_drawn_whole(mixed):
    """The explorer draws a calendar's axes once and each day's states over them: what a reader sees must be
    the chart drawn whole, on every day (states, "as of" line and legend changing; two panels years apart)."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    deadlines = mixed.deadlines
    days = [None, *analysis.as_of_days(deadlines, mixed.articles, limit=8)]
    calendar = charts.CalendarDays(deadlines, "basis line", dpi=60)
    legends = set()
    for day, status in zip(days, analysis.deadline_statuses(deadlines, days, mixed.articles)):
        fig = charts.deadline_timeline(deadlines, status, day, rows=12, basis="basis line")
        assert len(fig.axes) == 2 and fig.legends, "test setup: a calendar of two panels"
        legends.add(frozenset(_legend(fig)))
        fig.set_dpi(60)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        whole = np.asarray(canvas.buffer_rgba())
        assert np.array_equal(calendar.pixels(status, day), whole), day
    assert len(legends) > 1, "test setup: the states shown change from day to day"


def test_an_as_of_day_stays_in_the_period_it_falls_in(seed, fictional):
    import matplotlib.dates as mdates
    import pandas as pd
    both = pd.concat([seed.deadlines, fictional.deadlines], ignore_index=True)
    fig = charts.deadline_timeline(both, analysis.deadline_status(both, "2025-08-05"), "2025-08-05")
    first, second = (tuple(mdates.num2date(x).year for x in ax.get_xlim()) for ax in fig.axes[:2])
    assert first == (2025, 2025) and second == (2031, 2031), "the 2031 panel is not stretched back to 2025"
    dashed = [sum(line.get_linestyle() == "--" for line in ax.get_lines()) for ax in fig.axes[:2]]
    assert dashed == [1, 0]  # the "as of" line, in its own period only


# -- readable deadline charts --------------------------------------------------------------------------------

def _gids(fig, gid: str) -> list:
    return [a for ax in fig.axes for a in ax.get_children() if a.get_gid() == gid]


@pytest.mark.parametrize("text, n, cut", [
    ("Putin Open to Peace Talks Amid Russia’s Military Advances", 20, "Putin Open to Peace…"),
    ("Putin Open to Peace Talks", 25, "Putin Open to Peace Talks"),
    ("Council Urges Calm as Deadline Nears", 16, "Council Urges…"),
    ("Coastal Monitoring Mission", 18, "Coastal…"),
    ("by the deadline of Aug. 8, said", 26, "by the deadline of Aug. 8…"),
    ("Supercalifragilisticexpialidocious words", 12, "Supercalifr…"),  # one long word: cut inside it
])
def test_labels_are_cut_at_word_boundaries(text, n, cut):
    assert charts.cut_words(text, n) == cut
    assert len(cut) <= n


def test_article_labels_keep_their_date_and_lose_whole_words():
    label = "Putin Open to Peace Talks Amid Russia’s Military Advances i… (2025-08-01)"
    assert charts.article_short(label, 40) == "Putin Open to Peace Talks… (2025-08-01)"
    assert charts.article_short("Short (2019-03-01)", 40) == "Short (2019-03-01)"


def test_timeline_rows_name_articles_without_cutting_words(seed, fictional):
    both = pd.concat([seed.deadlines, fictional.deadlines], ignore_index=True)
    labels = {**seed.article_labels(), **fictional.article_labels()}
    fig = charts.deadline_timeline(both, labels=labels)
    rows = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert any(r.startswith("Putin Open to Peace Talks… (2025-08-01) · D1") for r in rows), rows
    for row in rows:
        title = row.split(" (20")[0]
        assert not title.endswith("i…"), row


def test_one_day_dues_are_markers_and_open_dues_arrows(seed):
    status = analysis.deadline_status(seed.deadlines, None, seed.articles)
    fig = charts.deadline_timeline(seed.deadlines, status)
    markers = _gids(fig, "one-day")
    # D3, Aug. 8
    assert len(markers) == 1 and markers[0].get_marker() == "D" and markers[0].get_markersize() >= 8
    texts = [a.get_text() for a in _gids(fig, "open") if hasattr(a, "get_text")]
    assert texts.count("falls due: not stated") == 2  # D1 and D4: no due date in the text
    assert "open: no date stated" in _legend(fig) and "one-day window" in _legend(fig)


def test_an_open_ended_due_fades_into_an_arrow():
    dl = pd.DataFrame({"deadline_id": ["D1"], "article_id": ["a"], "set_by": ["x"], "addressee": [None],
                       "expression": ["from Friday on"], "issued_earliest": [pd.NaT],
                       "issued_latest": [pd.NaT],
                       "due_earliest": [pd.Timestamp("2025-08-08")], "due_latest": [pd.NaT],
                       "known_issued": [pd.NaT], "known_due": [pd.NaT]})
    fig = charts.deadline_timeline(dl)
    assert [a.get_text() for a in _gids(fig, "open") if a.get_text()] == ["open"]
    assert _gids(fig, "one-day") == []


# -- a story's timeline --------------------------------------------------------------------------------------

def test_story_timeline_draws_lanes_restatements_and_open_dues(seed):
    from helpers.analysis import timeline
    fig = charts.story_timeline(timeline.timeline_events(seed))
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert rows[:3] == ["Donald Trump (4)", "Donald Trump · deadline: a deadline → within “10 or 12 days,”",
                        "Donald Trump · deadline: 50 days"]  # both of Trump's deadlines in his lane
    assert "Vladimir Putin (12)" in rows
    assert len(_gids(fig, "restated")) == 1  # D2, restating D1, on its article's date
    assert len(_gids(fig, "mentioned")) == 2  # D3 and D4: their issue date is not stated
    assert len(_gids(fig, "one-day")) == 1  # D3's Aug. 8
    assert [a.get_text() for a in _gids(fig, "open") if a.get_text()] == ["falls due: not stated"]  # D4
    dots = _gids(fig, "statements")
    assert sum(len(d.get_offsets()) for d in dots) == 6  # one dot per speaker and day: all on Aug. 1


def test_a_speaker_with_statements_on_many_days_has_the_busiest_days_numbered():
    days = pd.date_range("2025-01-01", periods=charts.MOST_DAY_LABELS + 20)
    rows = [dict(story="s", start=day, end=day, kind="statement", who="A", words="said", deadline=None)
            for i, day in enumerate(days) for _ in range(2 + (i == 5) * 7)]
    rows.append(dict(story="s", start=days[0] - pd.Timedelta(days=1), end=None, kind="statement", who="A",
                     words="once", deadline=None))
    fig = charts.story_timeline(pd.DataFrame(rows), "s")
    texts = fig.axes[0].texts
    numbers = [t.get_text() for t in texts]
    assert 0 < len(numbers) <= charts.MOST_DAY_LABELS and "9" in numbers and set(numbers) == {"2", "9"}
    at = sorted(t.get_position()[0] for t in texts)
    span = days[-1] - (days[0] - pd.Timedelta(days=1))  # the lane's first day to its last
    assert min(b - a for a, b in zip(at, at[1:])) >= span / charts.MOST_DAY_LABELS  # no two numbers overlap
    assert not any(t.get_in_layout() for t in fig.axes[0].texts)
    assert sum(len(d.get_offsets()) for d in _gids(fig, "statements")) == len(days) + 1  # every day a dot


def test_story_timeline_shows_a_move_and_leaves_other_stories_out():
    one = pd.Timestamp
    events = pd.DataFrame([
        dict(story="s", start=one("2025-01-01"), end=one("2025-01-01"), kind="deadline issued", who="A",
             words="in 10 days", deadline="D1"),
        dict(story="s", start=one("2025-01-11"), end=one("2025-01-11"), kind="due", who="A",
             words="in 10 days",
             deadline="D1"),
        dict(story="s", start=one("2025-01-05"), end=one("2025-01-05"), kind="restated", who="A",
             words="by Feb 1",
             deadline="D1"),
        dict(story="s", start=one("2025-02-01"), end=one("2025-02-01"), kind="due", who="A", words="by Feb 1",
             deadline="D1"),
        dict(story="other", start=one("2010-01-01"), end=one("2010-01-01"), kind="statement", who="B",
             words="hello", deadline=None),
    ])
    fig = charts.story_timeline(events, "s")
    assert [a.get_text() for a in _gids(fig, "moved")] == ["moved"]
    assert [m.get_marker() for m in _gids(fig, "one-day")] == ["s", "D", "D"]  # issued, then both dues
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["A · deadline: in 10 days → by Feb 1"]
    assert "“s”" in fig.get_suptitle()
