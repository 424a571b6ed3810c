"""Chart builders: each takes helper results and returns a matplotlib Figure.

Figures are made with ``matplotlib.figure.Figure`` (not pyplot), so a notebook
shows each once and nothing leaks between charts.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

MODE_COLOURS = {"direct": "#1f77b4", "reported": "#aec7e8"}
STATUS_COLOURS = {"pending": "#2ca02c", "due (inside its window)": "#ff7f0e", "past": "#7f7f7f",
                  "not yet issued": "#bcbd22", "open (no due date stated)": "#c7c7c7"}


def actor_presence(counts: pd.DataFrame, top: int = 15) -> Figure:
    """Horizontal bars: mentions and statements per actor (top ``top`` by mentions)."""
    data = counts.head(top).iloc[::-1]
    fig = Figure(figsize=(7, 0.45 * len(data) + 1.2), layout="constrained")
    ax = fig.subplots()
    y = np.arange(len(data))
    ax.barh(y + 0.2, data["mentions"], height=0.4, label="mentions", color="#4c72b0")
    ax.barh(y - 0.2, data["statements"], height=0.4, label="statements as speaker", color="#dd8452")
    ax.set_yticks(y, data["name"])
    ax.set_xlabel("count")
    ax.legend(loc="lower right")
    ax.set_title("Who appears: mentions and statements per actor")
    _integer_axis(ax.xaxis)
    return fig


def co_mention_heatmap(matrix: pd.DataFrame, names: dict | None = None) -> Figure:
    """Actor × actor heatmap of paragraphs shared; numbers printed in each cell."""
    labels = [(names or {}).get(a, a) for a in matrix.index]
    fig = Figure(figsize=(0.6 * len(labels) + 3, 0.6 * len(labels) + 2), layout="constrained")
    ax = fig.subplots()
    image = ax.imshow(matrix.to_numpy(), cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    top = matrix.to_numpy().max() if matrix.size else 0
    for (i, j), value in np.ndenumerate(matrix.to_numpy()):
        ax.text(j, i, str(value), ha="center", va="center", color="white" if value > top / 2 else "black")
    ax.set_title("Co-mentions: paragraphs naming both actors")
    fig.colorbar(image, ax=ax, shrink=0.7, label="paragraphs")
    return fig


def statements_by_speaker(table: pd.DataFrame, names: dict | None = None) -> Figure:
    """Stacked bars of direct and reported statements per speaker."""
    data = table.iloc[::-1]
    fig = Figure(figsize=(7, 0.45 * len(data) + 1.2), layout="constrained")
    ax = fig.subplots()
    labels = [(names or {}).get(s, s) for s in data.index]
    left = np.zeros(len(data))
    for mode in ("direct", "reported"):
        ax.barh(labels, data[mode], left=left, label=mode, color=MODE_COLOURS[mode])
        left += data[mode].to_numpy()
    ax.set_xlabel("statements")
    ax.legend(loc="lower right")
    ax.set_title("Who said what: statements per speaker, direct or reported")
    _integer_axis(ax.xaxis)
    return fig


def topics_by_speaker(table: pd.DataFrame, names: dict | None = None, speakers: int = 8) -> Figure:
    """Stacked bars: statements per topic, split by speaker (the ``speakers`` most frequent; the rest as 'others')."""
    order = table.sum().sort_values(ascending=False).index
    if len(order) > speakers:
        table = table[order[:speakers]].assign(others=table[order[speakers:]].sum(axis=1))
    data = table.iloc[::-1]
    fig = Figure(figsize=(8, 0.45 * len(data) + 1.5), layout="constrained")
    ax = fig.subplots()
    left = np.zeros(len(data))
    colours = [f"C{i}" for i in range(len(data.columns))]
    for colour, speaker in zip(colours, data.columns):
        ax.barh(data.index, data[speaker], left=left, label=(names or {}).get(speaker, speaker), color=colour)
        left += data[speaker].to_numpy()
    ax.set_xlabel("statements (one per topic carried)")
    ax.legend(loc="lower right", fontsize="small")
    ax.set_title("Topics of statements, by speaker")
    _integer_axis(ax.xaxis)
    return fig


def deadline_timeline(deadlines: pd.DataFrame, status: pd.DataFrame | None = None, as_of=None,
                      names: dict | None = None, rows: int = 30) -> Figure:
    """One row per deadline: issued window (thin bar), due window (thick bar), outside-knowledge dates (×).

    Open ends are drawn as arrows to the chart's edge; a vertical line marks ``as_of``.
    More than ``rows`` deadlines are binned instead (see ``deadline_calendar``).
    """
    if len(deadlines) > rows:
        return deadline_calendar(deadlines, status, as_of)
    data = deadlines.reset_index(drop=True)
    fig = Figure(figsize=(9, 0.7 * len(data) + 1.8), layout="constrained")
    ax = fig.subplots()
    dated = pd.concat([data[c] for c in ("issued_earliest", "issued_latest", "due_earliest", "due_latest",
                                         "known_issued", "known_due")]).dropna()
    if as_of is not None:
        dated = pd.concat([dated, pd.Series([pd.Timestamp(as_of)])])
    if dated.empty:
        ax.text(0.5, 0.5, "no dated deadlines", ha="center", transform=ax.transAxes)
        return fig
    lo, hi = dated.min() - pd.Timedelta(days=2), dated.max() + pd.Timedelta(days=2)
    state = dict(zip(status["deadline_id"], status["status"])) if status is not None else {}
    labels = []
    for y, d in enumerate(data.itertuples()):
        who = (names or {}).get(d.set_by, d.set_by) if pd.notna(d.set_by) else "?"
        to = (names or {}).get(d.addressee, d.addressee) if isinstance(d.addressee, str) else "?"
        ref = f"{d.article_id}/{d.deadline_id}" if data["article_id"].nunique() > 1 else d.deadline_id
        labels.append(f"{ref}: {who} → {to}\n{_short(d.expression)}")
        _window(ax, y + 0.18, d.issued_earliest, d.issued_latest, lo, hi, "#9467bd", 0.18, "issued")
        colour = STATUS_COLOURS.get(state.get(d.deadline_id), "#d62728")
        _window(ax, y - 0.12, d.due_earliest, d.due_latest, lo, hi, colour, 0.36, "falls due")
        for col, marker in (("known_issued", "x"), ("known_due", "X")):
            value = getattr(d, col)
            if pd.notna(value):
                ax.plot([value], [y + 0.18], marker=marker, color="black", linestyle="none")
    if as_of is not None:
        ax.axvline(pd.Timestamp(as_of), color="#d62728", linestyle="--", linewidth=1)
        ax.text(pd.Timestamp(as_of), len(data) - 0.45, f" as of {pd.Timestamp(as_of):%b %d}", color="#d62728",
                va="bottom", fontsize="small")
    ax.set_yticks(range(len(data)), labels, fontsize="small")
    ax.set_ylim(len(data) - 0.4, -0.6)
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_formatter(_day_format())
    ax.grid(axis="x", alpha=0.3)
    handles = [Patch(color="#9467bd", label="issued (window the text supports)")]
    handles += [Patch(color=c, label=f"falls due: {s}") for s, c in STATUS_COLOURS.items() if s in set(state.values())]
    handles += [Line2D([], [], marker="x", color="black", linestyle="none", label="date from outside knowledge")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize="small")
    ax.set_title("Stated deadlines: when issued, when they fall due")
    return fig


def deadline_calendar(deadlines: pd.DataFrame, status: pd.DataFrame | None = None, as_of=None) -> Figure:
    """Deadlines per week (per month beyond two years) by the day they can first fall due, stacked by state.

    For corpora with more deadlines than a chart has rows; deadlines with no due date are counted in the title.
    """
    data = deadlines.reset_index(drop=True)
    state = (status.reset_index(drop=True)["status"] if status is not None
             else pd.Series("falls due", index=data.index))
    due = data["due_earliest"].fillna(data["due_latest"])
    fig = Figure(figsize=(9, 3.8), layout="constrained")
    ax = fig.subplots()
    if due.notna().sum() == 0:
        ax.text(0.5, 0.5, "no dated deadlines", ha="center", transform=ax.transAxes)
        return fig
    span = due.max() - due.min()
    period, unit = ("W", "week") if span <= pd.Timedelta(days=730) else ("M", "month")
    periods = due.dt.to_period(period)
    every = pd.period_range(periods.min(), periods.max(), freq=periods.dt.freq)
    binned = pd.crosstab(periods, state).reindex(every, fill_value=0)
    edges = [*every.start_time, (every[-1] + 1).start_time]
    bottom = np.zeros(len(binned))
    # one stepped area per state (not one rectangle per bin): 45 of these charts draw in seconds, not minutes
    for name in [s for s in STATUS_COLOURS if s in binned.columns] + [s for s in binned.columns if s not in STATUS_COLOURS]:
        top = bottom + binned[name].to_numpy()
        ax.stairs(top, edges, baseline=bottom, fill=True, color=STATUS_COLOURS.get(name, "#d62728"), label=name)
        bottom = top
    if as_of is not None:
        ax.axvline(pd.Timestamp(as_of), color="#d62728", linestyle="--", linewidth=1)
    open_ended = int(due.isna().sum())
    ax.set_title(f"{len(data):,} stated deadlines by the {unit} they can first fall due"
                 + (f" ({open_ended:,} with no due date not shown)" if open_ended else ""))
    ax.set_ylabel(f"deadlines per {unit}")
    _integer_axis(ax.yaxis)
    ax.legend(fontsize="small", loc="upper left")
    return fig


def _window(ax, y, start, end, lo, hi, colour, height, what):
    if pd.isna(start) and pd.isna(end):
        return
    s = start if pd.notna(start) else lo
    e = (end if pd.notna(end) else hi) + pd.Timedelta(days=1)  # a window includes its last day
    ax.barh(y, e - s, left=s, height=height, color=colour, alpha=0.85 if pd.notna(start) and pd.notna(end) else 0.4)


def _short(text, n: int = 34) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _integer_axis(axis):
    from matplotlib.ticker import MaxNLocator
    axis.set_major_locator(MaxNLocator(integer=True))


def _day_format():
    from matplotlib.dates import DateFormatter
    return DateFormatter("%b %d")
