"""Chart builders: each takes helper results and returns a matplotlib Figure (``CalendarDays`` gives the
deadline calendar's pixels, one "as of" day after another, for an explorer's views).

Figures are made with ``matplotlib.figure.Figure`` (not pyplot), so a notebook
shows each once and nothing leaks between charts.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, StepPatch

from helpers.analysis.tables import NO_STORY
from helpers.analysis.timeline import main_story
from helpers.corpus.model import MODES

MODE_COLOURS = dict(zip(MODES, ("#1f77b4", "#aec7e8")))  # a quote dark, an account of one light
def plain(text) -> str:
    """An analyst's words as chart text: matplotlib reads text between two "$" as TeX math, so a name such as
    "${x}" and "$5" would be drawn garbled or stop the chart with a parse error; "\\$" draws a "$"."""
    return str(text).replace("$", "\\$")


STATUS_COLOURS = {"pending": "#2ca02c", "due (inside its window)": "#ff7f0e", "past": "#7f7f7f",
                  "not yet issued": "#bcbd22", "open (no due date stated)": "#c7c7c7",
                  "no article date": "#e377c2"}


def actor_presence(counts: pd.DataFrame, top: int = 15, basis: str | None = None) -> Figure:
    """Horizontal bars: mentions and statements per actor (top ``top`` by mentions).

    Args:
        counts: ``analysis.actor_counts(corpus)`` (rows in the order to draw, most present first).
        top: how many actors to draw.
        basis: a line under the chart saying what it rests on (``findings.chart_basis``), or None.

    Returns:
        The Figure, one bar pair per actor.

    Example:
        >>> from helpers import analysis, charts, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> fig = charts.actor_presence(analysis.actor_counts(corpus), top=5)
        >>> fig.axes[0].get_title(), len(fig.axes[0].get_yticklabels())
        ('Who appears: mentions and statements per actor', 5)
    """
    data = counts.head(top).iloc[::-1]
    fig = Figure(figsize=(7, 0.45 * len(data) + 1.2), layout="constrained")
    ax = fig.subplots()
    y = np.arange(len(data))
    ax.barh(y + 0.2, data["mentions"], height=0.4, label="mentions", color="#4c72b0")
    ax.barh(y - 0.2, data["statements"], height=0.4, label="statements as speaker", color="#dd8452")
    ax.set_yticks(y, [plain(n) for n in data["name"]])
    ax.set_xlabel("count")
    ax.legend(loc="lower right")
    ax.set_title("Who appears: mentions and statements per actor")
    _integer_axis(ax.xaxis)
    return _with_basis(fig, basis)


def co_mention_heatmap(matrix: pd.DataFrame, names: dict | None = None, basis: str | None = None) -> Figure:
    """Actor × actor heatmap of passages shared (paragraphs, or sentences where an article has no blank
    lines).

    Args:
        matrix: ``analysis.co_mentions`` or ``analysis.top_co_mentions`` (actor ids both ways).
        names: actor id → name for the labels (``corpus.names``); None labels by id.
        basis: a line under the chart saying what it rests on, or None.

    Returns:
        The Figure: the heatmap with each count written in its cell, and a colour bar.

    Example:
        >>> from helpers import analysis, charts, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> top = analysis.top_co_mentions(corpus, analysis.co_mentions(corpus), 3)
        >>> fig = charts.co_mention_heatmap(top, corpus.names)
        >>> [label.get_text() for label in fig.axes[0].get_yticklabels()]
        ['Vladimir Putin', 'Russia', 'Ukraine']
    """
    labels = [plain((names or {}).get(a, a)) for a in matrix.index]
    fig = Figure(figsize=(0.6 * len(labels) + 3, 0.6 * len(labels) + 2), layout="constrained")
    ax = fig.subplots()
    image = ax.imshow(matrix.to_numpy(), cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    top = matrix.to_numpy().max() if matrix.size else 0
    for (i, j), value in np.ndenumerate(matrix.to_numpy()):
        ax.text(j, i, str(value), ha="center", va="center", color="white" if value > top / 2 else "black")
    ax.set_title("Co-mentions: passages naming both actors")
    fig.colorbar(image, ax=ax, shrink=0.7, label="passages")
    return _with_basis(fig, basis)


def statements_by_speaker(table: pd.DataFrame, names: dict | None = None, top: int = 15,
                          basis: str | None = None) -> Figure:
    """Stacked bars of direct and reported statements per speaker (the ``top`` most frequent; the table
    beside the chart lists them all).

    Args:
        table: ``analysis.statements_by_speaker(corpus)``.
        names: actor id → name for the labels (``corpus.names``); None labels by id.
        top: how many speakers to draw; the title says when there are more.
        basis: a line under the chart saying what it rests on, or None.

    Returns:
        The Figure, one bar per speaker split by mode.

    Example:
        >>> from helpers import analysis, charts, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> fig = charts.statements_by_speaker(analysis.statements_by_speaker(corpus), corpus.names, top=3)
        >>> print(fig.axes[0].get_title())
        Who said what: statements per speaker, direct or reported
        (the 3 most frequent of 6 speakers)
    """
    data = table.head(top).iloc[::-1]
    fig = Figure(figsize=(7, 0.45 * len(data) + 1.2), layout="constrained")
    ax = fig.subplots()
    labels = [plain((names or {}).get(s, s)) for s in data.index]
    left = np.zeros(len(data))
    for mode in MODES:
        ax.barh(labels, data[mode], left=left, label=mode, color=MODE_COLOURS[mode])
        left += data[mode].to_numpy()
    ax.set_xlabel("statements")
    ax.legend(loc="lower right")
    ax.set_title("Who said what: statements per speaker, direct or reported"
                 + (f"\n(the {top} most frequent of {len(table):,} speakers)" if len(table) > top else ""))
    _integer_axis(ax.xaxis)
    return _with_basis(fig, basis)


def topics_by_speaker(table: pd.DataFrame, names: dict | None = None, speakers: int = 8,
                      basis: str | None = None) -> Figure:
    """Stacked bars: statements per topic, split by speaker (the ``speakers`` most frequent; the rest as
    'others').

    Args:
        table: ``analysis.topic_counts(corpus)``.
        names: actor id → name for the legend (``corpus.names``); None names speakers by id.
        speakers: how many speakers get a colour of their own.
        basis: a line under the chart saying what it rests on, or None.

    Returns:
        The Figure, one bar per topic.

    Example:
        >>> from helpers import analysis, charts, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> fig = charts.topics_by_speaker(analysis.topic_counts(corpus), corpus.names, speakers=2)
        >>> fig.axes[0].get_legend_handles_labels()[1]
        ['Vladimir Putin', 'Donald Trump', 'others']
    """
    order = table.sum().sort_values(ascending=False).index
    if len(order) > speakers:
        table = table[order[:speakers]].assign(others=table[order[speakers:]].sum(axis=1))
    data = table.iloc[::-1]
    fig = Figure(figsize=(8, 0.45 * len(data) + 1.5), layout="constrained")
    ax = fig.subplots()
    left = np.zeros(len(data))
    colours = [f"C{i}" for i in range(len(data.columns))]
    for colour, speaker in zip(colours, data.columns):
        ax.barh([plain(t) for t in data.index], data[speaker], left=left,
                label=plain((names or {}).get(speaker, speaker)), color=colour)
        left += data[speaker].to_numpy()
    ax.set_xlabel("statements (one per topic carried)")
    ax.legend(loc="lower right", fontsize="small")
    ax.set_title("Topics of statements, by speaker")
    _integer_axis(ax.xaxis)
    return _with_basis(fig, basis)


GAP = pd.Timedelta(days=120)  # deadlines further apart than this are drawn in panels of their own


def deadline_timeline(deadlines: pd.DataFrame, status: pd.DataFrame | None = None, as_of=None,
                      names: dict | None = None, rows: int = 30, labels: dict | None = None,
                      basis: str | None = None, addressees: dict | None = None) -> Figure:
    """One row per deadline: issued window (thin bar), due window (thick bar), outside-knowledge dates (×).

    Open ends are drawn as arrows to the panel's edge. A dashed line marks ``as_of``; without one
    ("as reported") a triangle marks each deadline's article date, the day its status is judged on.
    Deadlines months or years apart get panels of their own, each with its own dated axis, so one
    day and twenty years both stay readable. ``labels`` (article id → label) names each row's article,
    ``addressees`` (``corpus.addressees("deadline")``) whom each deadline was set for.
    More than ``rows`` deadlines are binned instead (see ``deadline_calendar``).

    Args:
        deadlines: ``corpus.deadlines`` or rows of it.
        status: ``analysis.deadline_status`` of those deadlines (colours due windows by state), or None.
        as_of: the day ``status`` was judged on, or None for "as reported".
        names: actor id → name (``corpus.names``); None names setters by id.
        rows: the most deadlines drawn one row each.
        labels: article id → label (``corpus.article_labels()``), for deadlines of several articles.
        basis: a line under the title saying what the chart rests on, or None.
        addressees: ``corpus.addressees("deadline")``, or None ("?" for whom).

    Returns:
        The Figure: one axes per period, a calendar (``deadline_calendar``), or a note that nothing is dated.

    Example:
        >>> from helpers import analysis, charts, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> status = analysis.deadline_status(corpus.deadlines, None, corpus.articles)
        >>> fig = charts.deadline_timeline(corpus.deadlines, status, None, corpus.names,
        ...                                addressees=corpus.addressees("deadline"))
        >>> len(fig.axes), fig.axes[0].get_yticklabels()[0].get_text()
        (1, 'D1: Donald Trump → Russia\\na deadline')
    """
    if len(deadlines) > rows:
        return deadline_calendar(deadlines, status, as_of, basis)
    data = deadlines.reset_index(drop=True)
    # "as reported": the day each row was judged on (its article's date); with one "as of" day there is none
    judged = as_of is None and status is not None and "as_of" in status
    reported = status["as_of"].reset_index(drop=True) if judged else None
    dated = _row_dates(data, reported)
    if dated.isna().all():
        return _no_dated_deadlines()
    panels = _clusters(dated.fillna(dated.min()))
    heights = [len(members) + 0.8 for members in panels]
    fig = Figure(figsize=(9, 0.7 * len(data) + 1.2 * len(panels) + 1.4), layout="constrained")
    axes = fig.subplots(len(panels), 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
    state = status.reset_index(drop=True)["status"] if status is not None else pd.Series(dtype=str)
    many = data["article_id"].nunique() > 1
    for ax, members in zip(axes, panels):
        _timeline_panel(ax, data.loc[members], reported.loc[members] if reported is not None else None, as_of,
                        state, (names, labels, addressees), many, titled=len(panels) > 1)
    fig.legend(handles=_timeline_legend(set(state), as_of, reported), loc="outside lower center", ncol=2,
               fontsize="small")
    fig.suptitle("Stated deadlines: when issued, when they fall due"
                 + (f" ({len(panels)} periods, each on its own scale)" if len(panels) > 1 else "")
                 # the legend takes the foot: the basis goes under the title
                 + (f"\n{plain(basis)}" if basis else ""))
    return fig


def _no_dated_deadlines() -> Figure:
    """A small figure saying there is nothing to draw (no deadline has a date)."""
    fig = Figure(figsize=(9, 2), layout="constrained")
    fig.subplots().text(0.5, 0.5, "no dated deadlines", ha="center")
    return fig


def _timeline_panel(ax, part: pd.DataFrame, reported: pd.Series | None, as_of, state: pd.Series,
                    named: tuple, many: bool, titled: bool) -> None:
    """One period of the timeline: a row per deadline of ``part``, on a dated axis spanning their dates."""
    stamps = pd.concat([part[c] for c in ("issued_earliest", "issued_latest", "due_earliest", "due_latest",
                                          "known_issued", "known_due")] +
                       ([reported] if reported is not None else [])).dropna()
    # the "as of" day belongs to the panels it falls near; elsewhere it would stretch a period back over years
    near = as_of is not None and stamps.min() - GAP <= pd.Timestamp(as_of) <= stamps.max() + GAP
    lo, hi = _padded(pd.concat([stamps, pd.Series([pd.Timestamp(as_of)])]) if near else stamps)
    tick_labels = []
    for y, (i, d) in enumerate(part.iterrows()):
        tick_labels.append(_row_label(d, *named, many))
        _window(ax, y + 0.18, d.issued_earliest, d.issued_latest, lo, hi, "#9467bd", 0.18, "issued")
        colour = STATUS_COLOURS.get(state.get(i), "#d62728")
        _window(ax, y - 0.12, d.due_earliest, d.due_latest, lo, hi, colour, 0.36, "falls due")
        if pd.isna(d.due_earliest) and pd.isna(d.due_latest):
            _open_due(ax, y - 0.12, d, reported.get(i) if reported is not None else None, lo, hi)
        for col, marker in (("known_issued", "x"), ("known_due", "X")):
            if pd.notna(d[col]):
                ax.plot([d[col]], [y + 0.18], marker=marker, color="black", linestyle="none")
        if as_of is None and reported is not None and pd.notna(reported.get(i)):
            ax.plot([reported[i]], [y - 0.42], marker="v", color="#d62728", linestyle="none", markersize=6)
    if near:
        ax.axvline(pd.Timestamp(as_of), color="#d62728", linestyle="--", linewidth=1)
    ax.set_yticks(range(len(part)), tick_labels, fontsize="small")
    ax.set_ylim(len(part) - 0.4, -0.6)
    ax.set_xlim(lo, hi)
    _date_axis(ax.xaxis)
    ax.grid(axis="x", alpha=0.3)
    if titled:
        ax.set_title(_span_title(lo, hi), fontsize="small", loc="left")


def _row_label(d, names: dict | None, labels: dict | None, addressees: dict | None, many: bool) -> str:
    """A timeline row's tick label: the deadline (and its article, when several), who set it for whom, its
    words."""
    who = (names or {}).get(d.set_by, d.set_by) if pd.notna(d.set_by) else "?"
    to = ", ".join((names or {}).get(a, a)
                   for a in (addressees or {}).get((d.article_id, d.deadline_id), ())) or "?"
    ref = (f"{article_short((labels or {}).get(d.article_id, d.article_id), 40)} · {d.deadline_id}"
           if many else d.deadline_id)
    return plain(f"{ref}: {_short(who, 18)} → {_short(to, 18)}\n{_short(d.expression)}")


def _timeline_legend(present: set, as_of, reported: pd.Series | None) -> list:
    """The timeline's legend entries: issued windows, the due states drawn, outside knowledge, the day judged
    on."""
    handles = [Patch(color="#9467bd", label="issued (window the text supports)")]
    handles += [Patch(color=c, label=f"falls due: {s}") for s, c in STATUS_COLOURS.items() if s in present]
    handles += [Line2D([], [], marker="D", color="#7f7f7f", markeredgecolor="black", linestyle="none",
                       label="one-day window"),
                Line2D([], [], color="#7f7f7f", linestyle=(0, (3, 2)), marker=">",
                       label="open: no date stated")]
    handles += [Line2D([], [], marker="x", color="black", linestyle="none",
                       label="date from outside knowledge")]
    if as_of is not None:
        handles += [Line2D([], [], color="#d62728", linestyle="--",
                           label=f"as of {pd.Timestamp(as_of):%Y-%m-%d}")]
    elif reported is not None:
        handles += [Line2D([], [], marker="v", color="#d62728", linestyle="none",
                           label="article date (status as reported)")]
    return handles


def _row_dates(data: pd.DataFrame, reported: pd.Series | None) -> pd.Series:
    """One date per deadline to order and group rows by: its earliest stated date, else its article's."""
    cols = ["issued_earliest", "issued_latest", "due_earliest", "due_latest"]
    first = data[cols].min(axis=1)
    return first.fillna(reported) if reported is not None else first


def _clusters(dates: pd.Series, gap: pd.Timedelta = GAP) -> list[list]:
    """Row indexes grouped into runs of dates no more than ``gap`` apart, in time order
    (column-wise: 100,000 deadlines in milliseconds); rows keep the table's order inside a run."""
    order = dates.sort_values(kind="stable")
    if order.empty:
        return []
    values = order.to_numpy(dtype="datetime64[ns]")
    breaks = np.diff(values) > np.timedelta64(gap.value, "ns")
    group = np.concatenate([[0], np.cumsum(breaks)])
    runs = pd.Series(order.index, index=group)
    return [sorted(members.tolist()) for _, members in runs.groupby(level=0)]


def _padded(stamps: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The span of ``stamps`` with a margin of 5% (two days at least) on each side."""
    lo, hi = stamps.min(), stamps.max()
    pad = max(pd.Timedelta(days=2), (hi - lo) * 0.05)
    return lo - pad, hi + pad


def _span_title(lo: pd.Timestamp, hi: pd.Timestamp) -> str:
    lo, hi = lo.ceil("D"), hi.floor("D")
    return f"{lo:%b %Y}" if (lo.year, lo.month) == (hi.year, hi.month) else f"{lo:%b %Y} – {hi:%b %Y}"


def deadline_calendar(deadlines: pd.DataFrame, status: pd.DataFrame | None = None, as_of=None,
                      basis: str | None = None) -> Figure:
    """Deadlines per week (per month beyond two years) by the day they can first fall due, stacked by state.

    For corpora with more deadlines than a chart has rows; deadlines with no due date are counted in the
    title. Due dates months or years apart get panels of their own, each on its own dated axis.
    """
    frame = _calendar_frame(deadlines, basis)
    if frame is None:
        return _no_dated_deadlines()
    _calendar_legend(frame.fig, _calendar_states(frame, _states(deadlines, status), as_of)[1])
    return frame.fig


class CalendarDays:
    """``deadline_calendar`` of one set of deadlines drawn for one "as of" day after another, as pixels.

    The views of one corpus differ only in how each bin is split by state, the "as of" line and the legend:
    the panels, axes, ticks and titles are drawn once, and each day's states over a copy of them (an explorer
    prepares dozens of days; drawing each chart whole took most of its time). The pixels are those of the
    chart drawn whole.

    Example:
        >>> from helpers import analysis, charts, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> days = charts.CalendarDays(corpus.deadlines, dpi=100)
        >>> status = analysis.deadline_status(corpus.deadlines, "2025-08-09", corpus.articles)
        >>> days.pixels(status, "2025-08-09").shape, days.inches
        ((400, 900, 4), 9.0)
    """

    def __init__(self, deadlines: pd.DataFrame, basis: str | None = None, dpi: int = 160):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        self._deadlines, self._frame = deadlines, _calendar_frame(deadlines, basis)
        fig = self._frame.fig if self._frame is not None else _no_dated_deadlines()
        fig.set_dpi(dpi)
        self.inches = float(fig.get_size_inches()[0])
        self._canvas = FigureCanvasAgg(fig)
        if self._frame is None:
            self._canvas.draw()
            return
        self._legends: dict[tuple, object] = {}  # the background with each legend drawn, by its states
        self._spines = [spine for ax in self._frame.axes for spine in ax.spines.values()]
        # states drawn once, so each panel's limits are those of its stacked bins (the same every day): kept
        first, _ = _calendar_states(self._frame, _states(deadlines, None), None)
        for ax in self._frame.axes:
            ax.autoscale_view()
            ax.set_autoscale_on(False)
        for artist in first:
            artist.remove()
        for spine in self._spines:  # drawn over the states, as in the chart drawn whole
            spine.set_visible(False)
        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(fig.bbox)
        for spine in self._spines:
            spine.set_visible(True)

    def pixels(self, status: pd.DataFrame | None, as_of=None) -> np.ndarray:
        """The chart judged by ``status`` (``analysis.deadline_status`` on ``as_of``) as RGBA pixels."""
        if self._frame is None:
            return np.asarray(self._canvas.buffer_rgba()).copy()
        fig, canvas = self._frame.fig, self._canvas
        canvas.restore_region(self._background)
        drawn, legend = _calendar_states(self._frame, _states(self._deadlines, status), as_of, kept=True)
        key = tuple(legend)
        if key in self._legends:  # the legend, below the panels, drawn with these states before
            canvas.restore_region(self._legends[key])
        else:
            shown = _calendar_legend(fig, legend)
            fig.draw_artist(shown)
            self._legends[key] = canvas.copy_from_bbox(fig.bbox)
            shown.remove()
        for artist in [*drawn, *self._spines]:
            fig.draw_artist(artist)
        for artist in drawn:
            artist.remove()
        return np.asarray(canvas.buffer_rgba()).copy()


def _states(deadlines: pd.DataFrame, status: pd.DataFrame | None) -> pd.Series:
    return (status.reset_index(drop=True)["status"] if status is not None
            else pd.Series("falls due", index=pd.RangeIndex(len(deadlines))))


class _Calendar(NamedTuple):
    """A calendar's figure with everything but its states: the same for every "as of" day of one corpus."""
    fig: Figure
    axes: list
    bins: list  # per panel: (each deadline's period, every period in the panel, the periods' edges)


def _calendar_frame(deadlines: pd.DataFrame, basis: str | None) -> _Calendar | None:
    """The calendar's panels, axes and titles, without its states; None when no deadline has a due date."""
    data = deadlines.reset_index(drop=True)
    due = data["due_earliest"].fillna(data["due_latest"])
    if due.notna().sum() == 0:
        return None
    panels = _clusters(due.dropna(), gap=pd.Timedelta(days=365))
    height = 1.4 + 2.6 * len(panels)
    fig = Figure(figsize=(9, height))
    # a fixed layout, not a constrained one: an explorer draws this chart for dozens of days
    fig.subplots_adjust(left=0.08, right=0.98, top=1 - 0.55 / height, bottom=0.85 / height, hspace=0.45)
    axes = list(fig.subplots(len(panels), 1, squeeze=False)[:, 0])
    bins, unit = [], "week"
    for ax, members in zip(axes, panels):
        span = due.loc[members].max() - due.loc[members].min()
        period, unit = ("W", "week") if span <= pd.Timedelta(days=730) else ("M", "month")
        periods = due.loc[members].dt.to_period(period)
        every = pd.period_range(periods.min(), periods.max(), freq=periods.dt.freq)
        edges = [*every.start_time, (every[-1] + 1).start_time]
        bins.append((periods, every, edges))
        if len(every) < 8:  # a few bins would fill the panel as one block: show some empty time around them
            spare = (edges[-1] - edges[0]) / len(every) * (8 - len(every)) / 2
            ax.set_xlim(edges[0] - spare, edges[-1] + spare)
        ax.set_ylabel(f"per {unit}")
        _integer_axis(ax.yaxis)
        _date_axis(ax.xaxis)
        if len(panels) > 1:
            ax.set_title(_span_title(due.loc[members].min(), due.loc[members].max()), fontsize="small",
                         loc="left")
    open_ended = int(due.isna().sum())
    fig.suptitle(f"{len(data):,} stated deadlines by the {unit} they can first fall due"
                 + (f" ({open_ended:,} with no due date not shown)" if open_ended else "")
                 + (f"\n{plain(basis)}" if basis else ""))  # a fixed layout: the basis goes under the title
    return _Calendar(fig, axes, bins)


def _calendar_states(frame: _Calendar, state: pd.Series, as_of, kept: bool = False) -> tuple[list, dict]:
    """Each panel's deadlines stacked by state and the "as of" line, drawn into ``frame`` (``kept``: its
    panels' limits already fixed, as ``CalendarDays`` does); the artists added and the legend every panel's
    states need (label → artist)."""
    added, legend = [], {}
    for ax, (periods, every, edges) in zip(frame.axes, frame.bins):
        added += _stacked_bins(ax, periods, state.loc[periods.index], every, edges, as_of, kept)
        legend.update(zip(*reversed(ax.get_legend_handles_labels())))
    return added, legend


def _calendar_legend(fig: Figure, legend: dict):
    return fig.legend(list(legend.values()), list(legend.keys()), fontsize="small", loc="lower center",
                      ncol=3, bbox_to_anchor=(0.5, 0.0), frameon=False)


# -- a story's timeline --------------------------------------------------------------------------------------

TIMELINE_COLOURS = {"statement": "#4c72b0", "issued": "#9467bd", "restated": "#8c564b", "due": "#ff7f0e",
                    "earlier due": "#ffbb78", "moved": "#d62728"}


def story_timeline(events: pd.DataFrame, story: str | None = None, lanes: int = 12, per_lane: int = 4,
                   basis: str | None = None) -> Figure:
    """One story on one dated axis (``analysis.timeline_events``): a lane per speaker or setter — a row of its
    statements (a dot per day, sized and numbered by how many) and a row per deadline it set: the issued
    window, each restatement (◆, on its article's date), each due window stated (earlier ones faded, an arrow
    where it moved), a one-day window as a marker, a due date never stated as an arrow into the open.

    ``story`` None: the story with the most events. At most ``lanes`` lanes (setters first, then the speakers
    with most statements) and ``per_lane`` deadlines each; the title says what was left out.

    Args:
        events: ``analysis.timeline_events(corpus)``.
        story: the story to draw, or None for ``analysis.main_story(events)``.
        lanes: the most speakers and setters drawn.
        per_lane: the most deadlines drawn per setter.
        basis: a line under the title saying what the chart rests on, or None.

    Returns:
        The Figure (a note that nothing is dated when no event has a date).

    Example:
        >>> from helpers import analysis, charts, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> fig = charts.story_timeline(analysis.timeline_events(corpus))
        >>> [label.get_text() for label in fig.axes[0].get_yticklabels()][:2]
        ['Donald Trump (4)', 'Donald Trump · deadline: a deadline → within “10 or 12 days,”']
    """
    story = main_story(events) if story is None else story
    ev = events[events["story"] == story]
    rows, left_out = _timeline_rows(ev, lanes, per_lane)
    stamps = pd.concat([ev["start"], ev["end"]]).dropna()
    if not rows or stamps.empty:
        return _no_dated_deadlines()
    lo, hi = _padded(stamps)
    fig = Figure(figsize=(10, 0.5 * len(rows) + 2.2), layout="constrained")
    ax = fig.subplots()
    # each row's events, split off once: a story of 100,000 events is not scanned again for every row
    drawn = {w for w, _, _ in rows}
    said = {w: g for w, g in ev[(ev["kind"] == "statement") & ev["who"].isin(drawn)]
            .groupby("who", sort=False)}
    marks = {key: g for key, g in ev[ev["deadline"].isin({d for _, d, _ in rows if d is not None})]
             .groupby(["who", "deadline"], sort=False)}
    for y, (who, deadline, _) in enumerate(rows):
        if deadline is None:
            _statement_dots(ax, y, said.get(who, ev.iloc[:0]))
        else:
            _deadline_row(ax, y, marks.get((who, deadline), ev.iloc[:0]), lo, hi)
    _lane_bands(ax, rows)
    ax.set_yticks(range(len(rows)), [plain(label) for *_, label in rows], fontsize="small")
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_xlim(lo, hi)
    _date_axis(ax.xaxis)
    ax.grid(axis="x", alpha=0.3)
    named = "" if story == NO_STORY else f" in “{story}”"
    fig.suptitle(plain(f"Who said what, and each deadline from issued to due{named}" + left_out)
                 + (f"\n{plain(basis)}" if basis else ""))
    fig.legend(handles=_story_legend(), loc="outside lower center", ncol=4, fontsize="small")
    return fig


def _timeline_rows(ev: pd.DataFrame, lanes: int, per_lane: int) -> tuple[list[tuple], str]:
    """(who, deadline or None for the statements row, tick label) per row, lanes in order of first event; and
    a note of what was left out."""
    said = ev[ev["kind"] == "statement"].groupby("who", sort=False).size()
    set_by = ev[ev["deadline"].notna()].groupby("who", sort=False)["deadline"].unique()
    ranked = sorted(set(said.index) | set(set_by.index),
                    key=lambda w: (w not in set_by.index, -said.get(w, 0)))
    kept = ranked[:lanes]
    first = ev.assign(day=ev["start"].fillna(ev["end"])).groupby("who")["day"].min()
    rows, dropped = [], 0
    def start(who):  # lanes in order of their first dated event; undated lanes last
        day = first.get(who, pd.NaT)
        return (0, day) if pd.notna(day) else (1, pd.Timestamp.max)
    shown = {d for who in kept for d in list(set_by.get(who, []))[:per_lane]}
    words_of = {d: g for d, g in ev.loc[ev["deadline"].isin(shown) & (ev["kind"] != "statement")]
                .groupby("deadline", sort=False)["words"]}
    for who in sorted(kept, key=start):
        if who in said.index:
            rows.append((who, None, f"{cut_words(who, 26)} ({said[who]:,})"))
        deadlines = list(set_by.get(who, []))
        dropped += max(0, len(deadlines) - per_lane)
        for deadline in deadlines[:per_lane]:
            label = " → ".join(dict.fromkeys(cut_words(w, 30) for w in words_of.get(deadline, [])))
            rows.append((who, deadline, f"{cut_words(who, 18)} · deadline: {cut_words(label, 40)}"))
    notes = ([f"{len(ranked) - lanes:,} more speakers"] if len(ranked) > lanes else []) + \
        ([f"{dropped:,} more deadlines"] if dropped else [])
    return rows, (" (not drawn: " + ", ".join(notes) + ")") if notes else ""


MOST_DAY_LABELS = 40  # the most days per speaker's lane whose number of statements is written by the dot


def _statement_dots(ax, y: float, said: pd.DataFrame) -> None:
    """A dot per day with statements, its area growing with their number, the number beside it when
    several (on at most ``MOST_DAY_LABELS`` of the busiest such days, spread along the lane)."""
    per_day = said.assign(day=said["start"].fillna(said["end"])).dropna(subset=["day"]).groupby("day").size()
    if per_day.empty:
        return
    ax.scatter(per_day.index + pd.Timedelta(hours=12), [y] * len(per_day),
               s=30 + 12 * np.sqrt(per_day.to_numpy()),
               color=TIMELINE_COLOURS["statement"], zorder=3, gid="statements")
    several = per_day[per_day > 1]
    # a lane of hundreds of such days could not show every number legibly: the busiest days are labelled,
    # each at least 1/MOST_DAY_LABELS of the lane's span from another, so that no two numbers overlap
    gap = (per_day.index.max() - per_day.index.min()) / MOST_DAY_LABELS
    chosen: list = []
    for day in several.sort_values(ascending=False, kind="stable").index:
        if len(chosen) == MOST_DAY_LABELS:
            break
        if all(abs(day - other) >= gap for other in chosen):
            chosen.append(day)
    for day, n in several.loc[sorted(chosen)].items():
        # inside the panel: left out of the layout's measuring, which thousands of labels would slow
        ax.text(day + pd.Timedelta(hours=12), y - 0.22, f"{n:,}", fontsize="x-small", ha="center",
                va="bottom", in_layout=False)


def _deadline_row(ax, y: float, marks: pd.DataFrame, lo, hi) -> None:
    """One deadline: issued window, restatements, due windows (the last solid), moves, or an open due."""
    known = pd.concat([marks["start"], marks["end"]]).dropna()
    if len(known) > 1:  # the deadline's life, from first to last date
        ax.plot([known.min(), known.max() + pd.Timedelta(days=1)], [y, y], color="#bbbbbb", linewidth=1,
                zorder=1)
    for m in marks[marks["kind"] == "deadline issued"].itertuples():
        _window(ax, y, m.start, m.end, lo, hi, TIMELINE_COLOURS["issued"], 0.3, "issued")
    for m in marks[marks["kind"].isin(["deadline mentioned", "restated"])].itertuples():
        hollow = m.kind == "deadline mentioned"
        ax.plot([m.start + pd.Timedelta(hours=12)], [y], marker="o" if hollow else "d", markersize=8,
                zorder=4,
                color=TIMELINE_COLOURS["restated"], markerfacecolor="white" if hollow else None,
                linestyle="none",
                gid="mentioned" if hollow else "restated")
    due = marks[marks["kind"] == "due"]
    dated = due[due["start"].notna() | due["end"].notna()]
    for k, m in enumerate(dated.itertuples()):
        last = k == len(dated) - 1
        _window(ax, y - (0 if last else 0.18), m.start, m.end, lo, hi,
                TIMELINE_COLOURS["due" if last else "earlier due"], 0.36 if last else 0.18, "falls due")
    _moves(ax, y, dated)
    if dated.empty:
        start = known.max() + pd.Timedelta(days=1) if len(known) else None
        if start is not None:
            _open_arrow(ax, y, start, hi, "#7f7f7f", "falls due: not stated")


def _moves(ax, y: float, dated: pd.DataFrame) -> None:
    """An arrow from each due window to the next one that shares no day with it: the deadline moved."""
    for a, b in zip(dated.itertuples(), dated.iloc[1:].itertuples()):
        if pd.notna(a.end) and pd.notna(b.start) and b.start > a.end:  # moved later
            tail, head = a.end, b.start
        elif pd.notna(a.start) and pd.notna(b.end) and b.end < a.start:  # moved earlier
            tail, head = a.start, b.end
        else:
            continue
        red = TIMELINE_COLOURS["moved"]
        ax.annotate("moved", xy=(head, y - 0.05), xytext=(tail, y - 0.05), fontsize="x-small", gid="moved",
                    color=red, arrowprops={"arrowstyle": "->", "color": red})


def _lane_bands(ax, rows: list[tuple]) -> None:
    """Every other lane shaded, so a speaker's statements and deadlines read as one band."""
    lane, band = None, -1
    for y, (who, *_) in enumerate(rows):
        if who != lane:
            lane, band = who, band + 1
        if band % 2:
            ax.axhspan(y - 0.5, y + 0.5, color="#f2f2f2", zorder=0)


def _story_legend() -> list:
    c = TIMELINE_COLOURS
    return [Line2D([], [], marker="o", color=c["statement"], linestyle="none",
                   label="statements (number on a day)"),
            Patch(color=c["issued"], label="deadline issued (window)"),
            Line2D([], [], marker="o", color=c["restated"], markerfacecolor="white", linestyle="none",
                   label="first mention (issue date not stated)"),
            Line2D([], [], marker="d", color=c["restated"], linestyle="none",
                   label="restated (article date)"),
            Patch(color=c["earlier due"], label="due, as an earlier mention said"),
            Patch(color=c["due"], label="due, as last stated"),
            Line2D([], [], marker="D", color=c["due"], markeredgecolor="black", linestyle="none",
                   label="one day"),
            Line2D([], [], color=c["moved"], marker=">", label="due window moved"),
            Line2D([], [], color="#7f7f7f", linestyle=(0, (3, 2)), marker=">", label="open: no date stated")]


def _stacked_bins(ax, periods: pd.Series, state: pd.Series, every, edges, as_of,
                  kept: bool = False) -> list:
    """One stepped area per state (not one rectangle per bin: dozens of these charts draw in seconds, not
    minutes), and the "as of" line; the artists added."""
    kinds = pd.Categorical(state)
    binned = np.zeros((len(kinds.categories), len(every)))
    np.add.at(binned, (kinds.codes, every.get_indexer(periods)), 1)  # deadlines per state and period
    row = dict(zip(kinds.categories, binned))
    bottom = np.zeros(len(every))
    states = [s for s in STATUS_COLOURS if s in row] + [s for s in row if s not in STATUS_COLOURS]
    added = []
    for name in states:
        top = bottom + row[name]
        colour = STATUS_COLOURS.get(name, "#d62728")
        if not kept:
            added.append(ax.stairs(top, edges, baseline=bottom, fill=True, color=colour, label=name))
        else:  # the panel's limits kept: the patch's own, costly to work out for many bins, are not needed
            added.append(ax.add_artist(StepPatch(top, ax.convert_xunits(edges), baseline=bottom, fill=True,
                                                 facecolor=colour, linewidth=0, label=name)))  # as stairs
        bottom = top
    if as_of is not None and edges[0] <= pd.Timestamp(as_of) <= edges[-1]:
        added.append(ax.axvline(pd.Timestamp(as_of), color="#d62728", linestyle="--", linewidth=1))
    return added


ONE_DAY_MARKERS = {"issued": "s", "falls due": "D"}  # one-day windows: a marker as well, visible at any scale


def _window(ax, y, start, end, lo, hi, colour, height, what):
    """A window as a bar; a one-day window also as a marker; an open end fades into an arrow to the panel's
    edge."""
    if pd.isna(start) and pd.isna(end):
        return
    s = start if pd.notna(start) else lo
    e = (end if pd.notna(end) else hi) + pd.Timedelta(days=1)  # a window includes its last day
    closed = pd.notna(start) and pd.notna(end)
    ax.barh(y, e - s, left=s, height=height, color=colour, alpha=0.85 if closed else 0.3)
    if closed and start == end:
        ax.plot([start + pd.Timedelta(hours=12)], [y], marker=ONE_DAY_MARKERS.get(what, "D"), color=colour,
                markeredgecolor="black", markeredgewidth=0.6, markersize=8, linestyle="none", gid="one-day")
    elif not closed:
        known = start if pd.notna(start) else end
        _open_arrow(ax, y, known, hi if pd.notna(start) else lo, colour, "open")


def _open_arrow(ax, y, start, end, colour, label: str) -> None:
    """An arrow from ``start`` to ``end`` (the panel's edge) with ``label`` at its head: a window left
    open."""
    ax.annotate("", xy=(end, y), xytext=(start, y), gid="open",
                arrowprops={"arrowstyle": "-|>", "color": colour, "linestyle": (0, (3, 2)), "linewidth": 1.4})
    ax.text(end, y - 0.08, label, color="#444444", fontsize="x-small", va="bottom",
            ha="right" if end >= start else "left", gid="open")


def _open_due(ax, y, d, reported, lo, hi) -> None:
    """A due date the text does not give: an arrow from the issued window (else the article's date) into the
    open future, labelled; a marker at the panel's start when the text gives no date at all."""
    start = next((v for v in (d.issued_latest, d.issued_earliest, reported) if pd.notna(v)), None)
    if start is not None:
        _open_arrow(ax, y, start + pd.Timedelta(days=1), hi, "#7f7f7f", "falls due: not stated")
    else:
        ax.plot([lo], [y], marker=">", color="#7f7f7f", markerfacecolor="none", linestyle="none", gid="open")
        ax.text(lo, y - 0.08, "  no dates stated", color="#444444", fontsize="x-small", va="bottom",
                gid="open")


def _short(text, n: int = 34) -> str:
    return cut_words(text, n)


def cut_words(text, n: int = 34) -> str:
    """``text`` on one line in at most ``n`` characters: cut at the last word boundary that fits, with an
    ellipsis (mid-word only for a single word longer than a third of ``n``)."""
    text = " ".join(str(text).split())
    if len(text) <= n:
        return text
    head = text[: n - 1]
    space = head.rfind(" ")
    # the cut falls inside a word: drop it
    if head[-1].isalnum() and text[n - 1].isalnum() and space >= n // 3:
        head = head[:space]
    return head.rstrip(" ,;:·-–—") + "…"


_DATED = re.compile(r"^(?P<title>.*) \((?P<date>\d{4}-\d{2}-\d{2})\)$")


def article_short(label, n: int = 40) -> str:
    """An article's label, 'Title (YYYY-MM-DD)', in at most ``n`` characters: the title cut at a word
    boundary, the date kept whole."""
    found = _DATED.match(str(label))
    if not found:
        return cut_words(label, n)
    date = f" ({found['date']})"
    return cut_words(found["title"].rstrip("…").rstrip() if len(found["title"]) > n - len(date)
                     else found["title"],
                     max(8, n - len(date))) + date


def _with_basis(fig: Figure, basis: str | None) -> Figure:
    """Say under the chart what it rests on (e.g. how many entries are unreviewed machine drafts)."""
    if basis:
        fig.supxlabel(plain(basis), fontsize="small", color="#555555", x=0.01, ha="left")
    return fig


def _integer_axis(axis):
    from matplotlib.ticker import MaxNLocator
    axis.set_major_locator(MaxNLocator(integer=True))


def _date_axis(axis):
    """Dates that name their year: on the ticks when a panel spans years, else once at the axis end."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    locator = AutoDateLocator(minticks=3, maxticks=8)
    axis.set_major_locator(locator)
    axis.set_major_formatter(ConciseDateFormatter(locator, show_offset=True))


def page_style() -> None:
    """Charts as SVG text that stays text (sharp at any zoom, searchable in a page) and bytes that
    do not change between runs (no random ids, no creation date), so re-executed notebooks diff quietly.

    Sets matplotlib's ``svg.fonttype`` and ``svg.hashsalt`` for the whole process, and ``SOURCE_DATE_EPOCH``
    when it is not set.

    Returns:
        None.

    Example:
        >>> import matplotlib
        >>> from helpers import charts
        >>> charts.page_style()
        >>> matplotlib.rcParams["svg.fonttype"], matplotlib.rcParams["svg.hashsalt"]
        ('none', 'newsdesk')
    """
    import os

    import matplotlib
    matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "newsdesk"})
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
