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


def test_an_as_of_day_stays_in_the_period_it_falls_in(seed, fictional):
    import matplotlib.dates as mdates
    import pandas as pd
    both = pd.concat([seed.deadlines, fictional.deadlines], ignore_index=True)
    fig = charts.deadline_timeline(both, analysis.deadline_status(both, "2025-08-05"), "2025-08-05")
    first, second = (tuple(mdates.num2date(x).year for x in ax.get_xlim()) for ax in fig.axes[:2])
    assert first == (2025, 2025) and second == (2031, 2031), "the 2031 panel is not stretched back to 2025"
    dashed = [sum(line.get_linestyle() == "--" for line in ax.get_lines()) for ax in fig.axes[:2]]
    assert dashed == [1, 0]  # the "as of" line, in its own period only
