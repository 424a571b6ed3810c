"""Thin ipywidgets wiring over the analysis functions.

Explorers with one control pre-render a view per choice in a ``Stack`` and tie
the control to it with ``jslink`` (runs in the browser, so a rendered page stays
interactive without a kernel) and ``link`` (runs in the kernel, so Python code
and tests see the same view).
"""
from __future__ import annotations

import io

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, Image

from . import analysis, charts
from .corpus import Corpus


def table_html(frame: pd.DataFrame, index: bool = False) -> HTML:
    """A DataFrame as escaped HTML (article text never becomes markup)."""
    return HTML(frame.to_html(index=index, escape=True, na_rep="", border=0, classes="newsdesk-table"))


ROWS = 50  # rows per table in a view: enough to read, small enough for a page of 10,000 articles


def capped_table(frame: pd.DataFrame, what: str, total: int | None = None, rows: int = ROWS) -> list:
    """The first ``rows`` rows as a table, and a line saying how many there are in all.

    ``total`` is for a frame already cut to its first rows (so long lists are never built whole).
    """
    total = len(frame) if total is None else total
    shown = [table_html(frame.head(rows))]
    if total > rows:
        shown.append(HTML(f"<i>First {rows} of {total:,} {what}.</i>"))
    return shown


def figure_image(fig, dpi: int = 80) -> Image:
    """A Figure as a PNG display object, so it shows the same in a kernel, a test and a page."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return Image(data=buffer.getvalue(), format="png")


def _view(*objects) -> widgets.Output:
    out = widgets.Output()
    out.outputs = ()
    for obj in objects:
        out.append_display_data(obj)
    return out


def _linked(control: widgets.Widget, trait: str, views: list[widgets.Output]) -> widgets.Stack:
    stack = widgets.Stack(children=views, selected_index=0)
    widgets.jslink((control, trait), (stack, "selected_index"))
    widgets.link((control, trait), (stack, "selected_index"))
    return stack


def actor_explorer(corpus: Corpus, top: int | None = 15) -> widgets.VBox:
    """Pick an actor; read its mentions in context and its statements (the first ROWS of each)."""
    counts = analysis.actor_counts(corpus)
    counts = counts[counts["mentions"] > 0]
    shown = counts.head(top) if top else counts
    views = []
    for actor_id, row in shown.iterrows():
        heading = HTML(f"<b>{_esc(row['name'])}</b>: {row['mentions']:,} mentions, {row['statements']:,} statements")
        said = analysis.statement_table(corpus, corpus.statements[corpus.statements["speaker"] == actor_id].head(ROWS))
        context = analysis.mentions_in_context(corpus, actor_id, limit=ROWS)[["part", "left", "mention", "right"]]
        views.append(_view(heading, *capped_table(context, "mentions", total=row["mentions"]),
                           HTML("<b>Statements</b>" if len(said) else "<i>No statements by this actor.</i>"),
                           *(capped_table(said, "statements", total=row["statements"]) if len(said) else [])))
    picker = widgets.Dropdown(options=[(f"{r['name']} ({r['mentions']})", a) for a, r in shown.iterrows()],
                              description="Actor", index=0)
    note = widgets.HTML(f"<i>Showing the top {top} of {len(counts)} actors.</i>" if top and len(counts) > top else "")
    return widgets.VBox([picker, note, _linked(picker, "index", views)])


def deadline_explorer(corpus: Corpus, as_of=None, names: dict | None = None, max_days: int = 45) -> widgets.VBox:
    """Slide an 'as of' day; see which deadlines are pending, due or past, and the days left.

    At most ``max_days`` days are prepared (evenly spread over a longer span, said in a note),
    so a rendered page stays a sensible size.
    """
    every = analysis.deadline_days(corpus.deadlines)
    if not every:
        return widgets.VBox([widgets.HTML("<i>No dated deadlines.</i>")])
    step = max(1, -(-len(every) // max_days))
    days = every[::step]
    start = pd.Timestamp(as_of) if as_of is not None else corpus.articles["published"].min()
    start = min(days, key=lambda d: abs(d - start))
    views = []
    for day in days:
        status = analysis.deadline_status(corpus.deadlines, day)
        fig = charts.deadline_timeline(corpus.deadlines, status, day, names)
        views.append(_view(*_status_tables(status), figure_image(fig, 50)))
    slider = widgets.SelectionSlider(options=[(f"{d:%Y-%m-%d}", d) for d in days], index=days.index(start),
                                     description="As of", layout=widgets.Layout(width="90%"))
    stack = _linked(slider, "index", views)
    stack.selected_index = slider.index
    note = widgets.HTML(f"<i>Every {step} days over {len(every)} days.</i>" if step > 1 else "")
    return widgets.VBox([slider, note, stack])


def _status_tables(status: pd.DataFrame) -> list:
    """The status table; for many deadlines, the count per state and the soonest still to fall due."""
    columns = ["deadline_id", "status", "days_left", "due"]
    if len(status) <= ROWS:
        return [table_html(status[columns])]
    counts = status["status"].value_counts().rename_axis("status").reset_index(name="deadlines")
    ahead = status[status["status"].isin(["pending", "due (inside its window)"])].sort_values("days_left_min")
    return [table_html(counts), HTML(f"<b>Soonest to fall due</b> (first {min(ROWS, len(ahead))} "
                                     f"of {len(ahead):,} pending or due)"),
            table_html(ahead.head(ROWS)[["article_id", *columns]])]


def statement_explorer(corpus: Corpus, top: int | None = 12) -> widgets.VBox:
    """Filter statements by speaker, mode and topic.

    The speaker choice is pre-rendered (it works in a rendered page without Python);
    mode and topic re-filter every speaker's view and need a running kernel.
    """
    order = [s for s in analysis.statements_by_speaker(corpus).index if s != "(unattributed)"]
    shown = order[:top] if top else order
    choices = [("All speakers", None)] + [(corpus.actor_name(s), s) for s in shown]
    if corpus.statements["speaker"].isna().any():
        choices.append(("(unattributed)", "none"))
    speaker = widgets.Dropdown(options=[(label, i) for i, (label, _) in enumerate(choices)], description="Speaker")
    mode = widgets.Dropdown(options=[("any", None), ("direct", "direct"), ("reported", "reported")],
                            description="Mode")
    topic = widgets.Dropdown(options=[("any", None)] + [(t, t) for t in corpus.topics["topic"]],
                             description="Topic")
    views = [widgets.Output() for _ in choices]

    def show(_=None):
        narrowed = analysis.filter_statements(corpus, None, mode.value, topic.value)  # once, not per speaker
        for (_, who), out in zip(choices, views):
            chosen = analysis.filter_statements(corpus, who, statements=narrowed)
            out.outputs = ()
            out.append_display_data(HTML(f"<b>{len(chosen):,} statement{'' if len(chosen) == 1 else 's'}</b>"))
            for part in capped_table(analysis.statement_table(corpus, chosen.head(ROWS)), "statements", len(chosen)):
                out.append_display_data(part)

    for control in (mode, topic):
        control.observe(show, names="value")
    show()
    limited = f" Showing the top {top} of {len(order)} speakers." if top and len(order) > top else ""
    note = widgets.HTML("<i>In a rendered page the speaker choice works without Python; the mode and topic "
                        f"filters need a running kernel (JupyterLab).{limited}</i>")
    return widgets.VBox([widgets.HBox([speaker, mode, topic]), note, _linked(speaker, "index", views)])


def article_reader(corpus: Corpus, top: int | None = 20) -> widgets.VBox:
    """Pick an article; read it with mentions, statements and deadlines highlighted (hover for details)."""
    from .reader import article_html
    ids = list(corpus.articles["article_id"])
    shown = ids[:top] if top else ids
    titles = dict(zip(corpus.articles["article_id"], corpus.articles["title"]))
    views = [widgets.HTML(article_html(corpus, a)) for a in shown]
    picker = widgets.Dropdown(options=[(f"{titles.get(a) or a}", i) for i, a in enumerate(shown)],
                              description="Article", layout=widgets.Layout(width="90%"))
    note = widgets.HTML(f"<i>Showing the first {top} of {len(ids)} articles.</i>" if top and len(ids) > top else "")
    return widgets.VBox([picker, note, _linked(picker, "index", views)])


def _esc(text) -> str:
    import html
    return html.escape(str(text))
