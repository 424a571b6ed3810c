from matplotlib.figure import Figure

from helpers import analysis, charts


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


def test_timeline_marks_as_of_and_labels_each_deadline(seed):
    status = analysis.deadline_status(seed.deadlines, "2025-08-01")
    fig = charts.deadline_timeline(seed.deadlines, status, "2025-08-01")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert [lab.split(":")[0] for lab in labels] == ["D1", "D2", "D3", "D4"]
    assert any("as of Aug 01" in t.get_text() for t in ax.texts)


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
    ax = fig.axes[0]
    dated = int(dl["due_earliest"].fillna(dl["due_latest"]).notna().sum())
    assert ax.get_title().startswith(f"{len(dl):,} stated deadlines by the week")
    top = max(ax.patches, key=lambda p: p.get_data().values.sum())  # the last stacked state is the total
    assert int(top.get_data().values.sum()) == dated
    assert {t.get_text() for t in ax.get_legend().get_texts()} == set(status["status"][status["status"] != ""])
