"""Thin ipywidgets wiring over the analysis functions.

Explorers pre-render a view per choice in a ``Stack`` and tie the control to it with ``jslink`` (runs in
the browser, so a rendered page stays interactive without a kernel) and ``link`` (runs in the kernel, so
Python code and tests see the same view). Long lists of choices are paged: a "page" Dropdown of ranges
of 50 picks one of several inner Dropdowns, each with its own Stack. The statement explorer filters on
several fields at once, so it is a small client-side table instead (``helpers.present.filter_table``).
"""
from __future__ import annotations

import html
import io

import ipywidgets as widgets
import numpy as np
import pandas as pd
from IPython.display import HTML, Image
from ipywidgets.widgets.widget_description import DescriptionStyle

from helpers.analysis import findings, timeline
from helpers.analysis import tables as analysis
from helpers.corpus.load import Corpus
from helpers.corpus.model import MODES
from helpers.present import charts
from helpers.present.filter_table import Column, Filter, FilterTable

ROWS = 50  # rows per table in a view: enough to read, small enough for a page of 10,000 articles
PER_PAGE = 50  # choices per Dropdown; more are paged


def table_html(frame: pd.DataFrame, index: bool = False) -> HTML:
    """A DataFrame as escaped HTML (article text never becomes markup), formatted as ``display.table`` does:
    dates as YYYY-MM-DD, blanks for missing values, text left-aligned. Its CSS comes once per explorer
    (``TABLE_STYLE``), not once per table, so hundreds of prepared views stay small."""
    from helpers.present.display import Table
    frame = frame if index else frame.reset_index(drop=True)
    return HTML(Table(frame, "view", max_rows=max(1, len(frame))).html(style=False))


def table_style() -> widgets.HTML:
    """The CSS of the explorers' tables, once."""
    from helpers.present.display import TABLE_CSS
    return widgets.HTML(TABLE_CSS)


def capped_table(frame: pd.DataFrame, what: str, total: int | None = None, rows: int = ROWS,
                 rest: str = "") -> list:
    """The first ``rows`` rows as a table, and a line saying how many there are in all and where the rest are.

    ``total`` is for a frame already cut to its first rows (so long lists are never built whole).
    """
    total = len(frame) if total is None else total
    shown = [table_html(frame.head(rows))]
    if total > rows:
        shown.append(HTML(f"<i>First {min(rows, len(frame)):,} of {total:,} {_esc(what)}."
                          f"{' ' + _esc(rest) if rest else ''}</i>"))
    return shown


def figure_image(fig, dpi: int = 80) -> Image:
    """A Figure as a PNG at twice ``dpi``, shown at its 1× width: crisp on high-density screens.

    Charts are flat colours and antialiased edges, so a 256-colour palette keeps them as they are at
    a third of the bytes (an explorer holds dozens of them).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    fig.set_dpi(2 * dpi)
    canvas = FigureCanvasAgg(fig)  # drawn once into pixels, encoded once as the palette PNG
    canvas.draw()
    return pixels_image(np.asarray(canvas.buffer_rgba()), fig.get_size_inches()[0], dpi)


def pixels_image(rgba, inches: float, dpi: int = 80) -> Image:
    """RGBA pixels drawn at twice ``dpi`` as a palette PNG shown ``inches`` wide (see ``figure_image``)."""
    from PIL import Image as Picture
    rgb = Picture.fromarray(rgba, "RGBA").convert("RGB")
    palette = rgb.quantize(256, method=Picture.Quantize.FASTOCTREE, dither=Picture.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="png")
    return Image(data=out.getvalue(), format="png", width=round(inches * dpi))


def _view(*objects, layout: widgets.Layout | None = None) -> widgets.Output:
    out = widgets.Output(layout=layout) if layout is not None else widgets.Output()
    out.outputs = ()
    for obj in objects:
        out.append_display_data(obj)
    return out


def _linked(control: widgets.Widget, trait: str, views: list[widgets.Widget],
            layout: widgets.Layout | None = None) -> widgets.Stack:
    stack = widgets.Stack(children=views, selected_index=0,
                          **({"layout": layout} if layout is not None else {}))
    widgets.jslink((control, trait), (stack, "selected_index"))
    widgets.link((control, trait), (stack, "selected_index"))
    return stack


class Explorer(widgets.VBox):
    """A VBox of pickers and views, with Python access to the choice (for code and tests)."""

    _labels: list = []  # an explorer with nothing to choose (no actors, no deadlines) offers nothing

    def __init__(self, children=(), **kwargs):
        self._style = table_style()  # last, so pickers stay first
        super().__init__([*children, self._style], **kwargs)

    def _choose(self, choice):
        raise ValueError(f"no choice {choice!r}: nothing to choose here")

    def _shown(self) -> str:
        return " ".join(c.value for c in self.children if isinstance(c, widgets.HTML)
                        and c is not self._style)

    def choose(self, choice) -> Explorer:
        """Show the view of ``choice`` (its key or its label in the list)."""
        self._choose(choice)
        return self

    def shown(self) -> str:
        """The HTML of the view now on screen."""
        return self._shown()

    def choices(self) -> list[str]:
        """Every label a reader can pick, over all pages."""
        return list(self._labels)


def _paged(items: list[tuple[object, str, str | None, str]], render, description: str,
           eager: int | None = None,
           lazy_note: str = "", width: str = "70%") -> tuple[list[widgets.Widget], dict]:
    """Pickers over ``items`` (key, label, group, short name for page ranges), each item's view from
    ``render(key)`` (a list of displays).

    Up to ``PER_PAGE`` items: one Dropdown over a Stack. More, or several groups: a page Dropdown
    (a group or a range of 50 each) over a Stack of pages, each page a Dropdown over its own Stack.
    The pages holding the first ``eager`` items are pre-rendered (a rendered page keeps them; whole
    pages, so ``state["held"]`` may be more); the views of later pages are drawn by the kernel when
    picked, and a rendered page shows ``lazy_note`` for them (``{held}``: how many it holds).
    """
    pages, grouped = _pages(items)
    eager = len(items) if eager is None else eager
    where, held = {}, 0
    page_boxes, page_pickers, page_views = [], [], []
    # one Layout and one style for all: each widget's own would be a model of its own in a saved page
    # (half a megabyte for 10,000 articles)
    layout, plain, style = widgets.Layout(width=width), widgets.Layout(), DescriptionStyle()
    lazy = None  # one view shared by every page not pre-rendered, drawn by the kernel for the page shown
    for p, (_group, chunk) in enumerate(pages):
        picker = widgets.Dropdown(options=[(item[1], i) for i, item in enumerate(chunk)], index=0,
                                  description=description if len(pages) == 1 else "", layout=layout,
                                  style=style)
        if held < eager:
            views = [_view(*render(item[0]), layout=plain) for item in chunk]
            held += len(chunk)
            view = _linked(picker, "index", views, layout=plain)
        else:
            if lazy is None:
                lazy = _view(HTML("<i>{}</i>".format(_esc(lazy_note.format(held=f"{held:,}")))), layout=plain)
            view = lazy
            _drawn_when_picked(picker, chunk, render, lazy)
        for i, (key, label, *_) in enumerate(chunk):
            where[key] = where[label] = (p, i)
        page_pickers.append(picker)
        page_views.append(view)
        page_boxes.append(widgets.VBox([picker, view], layout=plain))
    state = {"where": where, "pickers": page_pickers, "views": page_views,
             "labels": [item[1] for item in items],
             "held": held}
    if hasattr(page_pickers[0], "fill"):  # the view shown first is never the placeholder
        page_pickers[0].fill()
    if len(pages) == 1:
        state["page"] = None
        return [page_pickers[0], page_views[0]], state
    page = widgets.Dropdown(options=[(_page_label(g, c, grouped), p) for p, (g, c) in enumerate(pages)],
                            index=0, description=description, layout=layout)
    outer = _linked(page, "index", page_boxes, layout=plain)
    _open_draws(page, page_pickers)
    state["page"] = page
    return [page, outer], state


def _pages(items: list[tuple[object, str, str | None, str]]) -> tuple[list[tuple[object, list]], bool]:
    """``items`` in pages (group, items): each group's items in runs of ``PER_PAGE``; and whether there are
    several groups."""
    groups: dict = {}
    for item in items:
        groups.setdefault(item[2], []).append(item)
    pages = [(group, chunk[i:i + PER_PAGE]) for group, chunk in groups.items()
             for i in range(0, len(chunk), PER_PAGE)]
    return pages, len(groups) > 1


def _drawn_when_picked(picker: widgets.Dropdown, chunk: list, render, lazy: widgets.Output) -> None:
    """A page not pre-rendered: the kernel draws the item ``picker`` chooses into the shared ``lazy`` view
    (``picker.fill()`` draws it now)."""
    def fill(change=None):
        lazy.outputs = ()
        for obj in render(chunk[picker.index][0]):
            lazy.append_display_data(obj)
    picker.observe(fill, names="index")
    picker.fill = fill


def _page_label(group, chunk: list, grouped: bool) -> str:
    """A page's entry in the page Dropdown: the short names of its first and last items, how many, its
    group."""
    span = f"{chunk[0][3]} – {chunk[-1][3]}" if chunk[0][3] != chunk[-1][3] else chunk[0][3]
    span += f" ({len(chunk)})"
    return f"{group} · {span}" if group is not None and grouped else span


def _open_draws(page: widgets.Dropdown, page_pickers: list[widgets.Dropdown]) -> None:
    """A page drawn on demand draws its chosen item when the page Dropdown opens it."""
    for p, picker in enumerate(page_pickers):
        if hasattr(picker, "fill"):
            page.observe(lambda change, p=p, picker=picker: change["new"] == p and picker.fill(),
                         names="index")


def _explorer(controls: list, state: dict, note: str = "") -> Explorer:
    box = Explorer([controls[0], widgets.HTML(note), *controls[1:]])

    def choose(choice):
        if choice not in state["where"]:
            raise ValueError(f"no choice {choice!r}")
        p, i = state["where"][choice]
        if state["page"] is not None:
            state["page"].index = p
        state["pickers"][p].index = i

    def shown():
        p = state["page"].index if state["page"] is not None else 0
        view = state["views"][p]
        if isinstance(view, widgets.Stack):
            view = view.children[view.selected_index]
        if isinstance(view, widgets.HTML):
            return view.value
        return " ".join(o["data"].get("text/html", "") for o in view.outputs)
    box._choose, box._shown, box._labels = choose, shown, state["labels"]
    return box


# -- actors --------------------------------------------------------------------------------------------------

def actor_explorer(corpus: Corpus, rows: int | None = None, eager: int = 1000) -> Explorer:
    """Pick any actor with mentions; read its mentions in context and its statements, each naming its article.

    Up to ``PER_PAGE`` actors are listed by mentions (most first); more are paged alphabetically. Each
    view shows its first ``rows`` mentions and statements (50; fewer per actor for corpora with hundreds
    of actors, so the page stays a sensible size) and says how many there are.

    Args:
        corpus: the loaded corpus.
        rows: mentions and statements shown per actor, or None to fit the page to the number of actors.
        eager: how many actors' views a rendered page holds; later pages are drawn when picked.

    Returns:
        An ``Explorer``: ``choices()`` lists the actors, ``choose(id or label).shown()`` gives a view's HTML.

    Example:
        >>> from helpers import load_corpus, widgets
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> explorer = widgets.actor_explorer(corpus)
        >>> explorer.choices()[:3]
        ['Vladimir Putin (12)', 'Russia (12)', 'Ukraine (8)']
        >>> explorer.choose("trump").shown()[:60]
        '<b>Donald Trump</b>: 4 mentions in 1 article, 4 statements <'
    """
    counts = analysis.actor_counts(corpus, places=None)  # places too: each mention in context
    counts = counts[counts["mentions"] > 0]
    rows = rows or max(10, min(ROWS, 5000 // max(1, len(counts))))
    render = _actor_view(corpus, counts, rows)

    if len(counts) > PER_PAGE:  # many actors: alphabetical pages, so a name is found by its letter
        counts = counts.sort_values("name", key=lambda s: s.str.casefold(), kind="stable")
    items = [(a, f"{r['name']} ({r['mentions']:,})", None, r["name"]) for a, r in counts.iterrows()]
    if not items:
        return Explorer([widgets.HTML("<i>No actor is mentioned.</i>")])
    controls, state = _paged(items, render, "Actor", eager=eager,
                             lazy_note="This actor's view is drawn when picked in JupyterLab; a "
                                       "rendered page holds the views of the first {held} actors.")
    order = "alphabetically, in pages of 50" if len(counts) > PER_PAGE else "most mentioned first"
    note = f"<i>{len(counts):,} actors with mentions, {order}.</i>"
    return _explorer(controls, state, note)


def _actor_view(corpus: Corpus, counts: pd.DataFrame, rows: int):
    """``render(actor_id)``: an actor's view (its ``counts`` row as a heading, its first ``rows`` mentions in
    context and statements, each table saying how many there are)."""
    labels = corpus.article_labels()
    topic_labels = dict(zip(corpus.topics["topic"], corpus.topics["label"]))
    mentions = corpus.mentions
    first_mentions = mentions.groupby("actor_id", observed=True, sort=False).head(rows)
    said = corpus.statements[corpus.statements["speaker"].notna()]
    first_said = said.groupby("speaker", observed=True, sort=False).head(rows)
    by_actor = {a: f for a, f in first_mentions.groupby(first_mentions["actor_id"].astype(str), sort=False)}
    said_by = {a: f for a, f in first_said.groupby(first_said["speaker"].astype(str), sort=False)}
    texts = corpus.articles.set_index("article_id")["text"]

    def render(actor_id):
        row = counts.loc[actor_id]
        found = by_actor.get(actor_id, mentions.iloc[:0])
        context = pd.DataFrame([dict(zip(["left", "mention", "right"],
                                         analysis.kwic(texts[m.article_id], m.start, m.end)),
                                     article=labels.get(m.article_id, m.article_id), part=m.part)
                                for m in found.itertuples()],
                               columns=["article", "part", "left", "mention", "right"])
        heading = HTML(f"<b>{_esc(row['name'])}</b>: {row['mentions']:,} mention{_s(row['mentions'])} in "
                       f"{row['articles']:,} article{_s(row['articles'])}, "
                       f"{row['statements']:,} statement{_s(row['statements'])}")
        rest = f"All of them: analysis.mentions_in_context with the id {actor_id}, in JupyterLab."
        out = [heading, *capped_table(context, "mentions", total=row["mentions"], rows=rows, rest=rest)]
        own = said_by.get(actor_id)
        if own is None:
            return out + [HTML("<i>No statements by this actor.</i>")]
        table = _statement_rows(own, labels, topic_labels, corpus.per_entry("statement_topics"),
                                speaker=False)
        rest = f'The rest: the statement explorer, speaker "{row["name"]}".'
        return out + [HTML("<b>Statements</b>"),
                      *capped_table(table, "statements", total=row["statements"], rows=rows, rest=rest)]
    return render


def _statement_rows(st: pd.DataFrame, labels: dict, topic_labels: dict, topics: dict, speaker: bool = True,
                    names: dict | None = None) -> pd.DataFrame:
    """Statements for reading, each named by its article: ``Title (date) · S3``."""
    table = pd.DataFrame({"statement": [f"{labels.get(a, a)} · {s}"
                                        for a, s in zip(st["article_id"], st["statement_id"])]})
    if speaker:
        table["speaker"] = [(names or {}).get(s, s) if pd.notna(s) else "(unattributed)"
                            for s in st["speaker"]]
    table["mode"] = st["mode"].astype(str).to_numpy()
    table["cue"] = st["cue"].fillna("").to_numpy()
    table["words"] = st["text"].to_numpy()
    table["topics"] = [", ".join(topic_labels.get(t, t) for t in topics.get(key, ()))
                       for key in zip(st["article_id"], st["statement_id"])]
    return table


# -- statements ----------------------------------------------------------------------------------------------

EMBED = 6000  # statements a page carries at most (about 1 MB of JSON)


def statement_explorer(corpus: Corpus, embed: int = EMBED) -> FilterTable:
    """Statements filtered by speaker, mode, topic, story (when there are several), article, review state
    and words — in the browser, so the filters work in a rendered page without Python.

    Each row names its article (``Title (date) · S3``) and its speaker; unreviewed drafts are flagged.
    A corpus with more than ``embed`` statements puts up to an equal share per speaker in the page
    (every speaker stays choosable) and says so. ``.select(speaker=…, mode=…, topic=…)`` shows a
    choice from Python.

    Args:
        corpus: the loaded corpus.
        embed: the most statements the page carries.

    Returns:
        A ``FilterTable``; ``.select(...).matching()`` gives the rows a choice shows.

    Example:
        >>> from helpers import load_corpus, widgets
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> table = widgets.statement_explorer(corpus)
        >>> [f.name for f in table.filters], len(table.select(mode="direct").matching())
        (['speaker', 'mode', 'topic', 'article'], 3)
    """
    st = corpus.statements.reset_index(drop=True)
    total = len(st)
    speaker_key = _speaker_key(st)
    quota = None
    if total > embed:  # the largest equal share per speaker that fits: rare speakers keep every statement
        quota = _speaker_quota(speaker_key, embed)
        st = st[speaker_key.groupby(speaker_key).cumcount() < quota].reset_index(drop=True)
        speaker_key = _speaker_key(st)
    ordered, stories = _by_story(corpus)
    checks = _review_tips(corpus)
    filters = _statement_filters(corpus, st, speaker_key, ordered, stories, checks)
    rows = _filter_table_rows(st, filters, checks, dict(zip(ordered["article_id"], ordered["_story"])),
                              corpus.per_entry("statement_topics"))
    article = [f.name for f in filters].index("article")
    columns = [Column("statement", filter=article, text=0), Column("speaker", filter=0),
               Column("mode", filter=1),
               Column("cue", text=1), Column("words", text=2), Column("topics", filter=2)]
    note = ""
    if quota is not None:
        note = (f"This page holds {len(rows):,} of {total:,} statements — up to {quota:,} "
                "per speaker, in article order — and the filters apply to those; every "
                "speaker is listed. All of them: analysis.filter_statements, in JupyterLab.")
    return FilterTable("statements", columns, filters, rows, total=total, note=note)


def _speaker_key(st: pd.DataFrame) -> pd.Series:
    """Each statement's speaker id as text ("" when unattributed), to count and share statements by."""
    return st["speaker"].astype(str).where(st["speaker"].notna(), "")


def _speaker_quota(speaker_key: pd.Series, embed: int) -> int:
    """The largest number of statements per speaker such that all speakers' shares fit in ``embed`` rows."""
    sizes = speaker_key.value_counts().to_numpy()
    lo, hi = 1, int(sizes.max())
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if sizes.clip(max=mid).sum() <= embed else (lo, mid - 1)
    return lo


def _review_tips(corpus: Corpus) -> dict:
    """(article id, statement id) → the review tip of each unreviewed machine-drafted statement."""
    unreviewed = corpus.unreviewed if corpus.unreviewed is not None else pd.DataFrame(columns=["kind"])
    unreviewed = unreviewed[unreviewed["kind"] == "statement"]
    return {(a, i): analysis.review_tip(c, conf)
            for a, i, c, conf in zip(unreviewed["article_id"], unreviewed["id"], unreviewed["check"],
                                     unreviewed["confidence"])}


def _statement_filters(corpus: Corpus, st: pd.DataFrame, speaker_key: pd.Series, ordered: pd.DataFrame,
                       stories: list[str], checks: dict) -> list[Filter]:
    """The statement explorer's filters: speaker, mode, topic, story (when several), article, review (when any
    statement is unreviewed); speakers, modes and articles as far as the embedded statements ``st`` have
    them."""
    names = corpus.names
    labels = corpus.article_labels()
    spoken = set(speaker_key) - {""}
    speakers = sorted(((a, names.get(a, a)) for a in spoken), key=lambda p: p[1].casefold())
    if "" in set(speaker_key):
        speakers.append(("none", "(unattributed)"))
    modes = [m for m in MODES if m in set(st["mode"].astype(str))]
    # the corpus's own topics first; other stories' unused ones left out
    offered = analysis.topic_choices(corpus)
    topics = list(zip(offered["topic"], offered["label"].fillna(offered["topic"])))
    present = set(st["article_id"])
    article_options = [(a, labels.get(a, a)) for a in ordered["article_id"] if a in present]
    filters = [Filter("speaker", "Speaker", speakers), Filter("mode", "Mode", [(m, m) for m in modes]),
               Filter("topic", "Topic", topics)]
    if len(stories) > 1:
        filters.append(Filter("story", "Story", [(s, s) for s in stories]))
    filters.append(Filter("article", "Article", article_options))
    if checks:
        filters.append(Filter("review", "Review", [("reviewed", "reviewed"), ("unreviewed", "⚑ unreviewed")]))
    return filters


def _filter_table_rows(st: pd.DataFrame, filters: list[Filter], checks: dict, story_of: dict,
                       topics: dict) -> list:
    """One FilterTable row per statement: its texts (id, cue, words), its option position in each filter, its
    review flag."""
    pos = [{v: i for i, (v, _) in enumerate(f.options)} for f in filters]
    names_of = [f.name for f in filters]
    several = "story" in names_of
    rows = []
    for s in st.itertuples():
        keys = {"speaker": pos[0][s.speaker if pd.notna(s.speaker) else "none"],
                "mode": pos[1].get(str(s.mode), -1),
                "topic": [pos[2][t] for t in topics.get((s.article_id, s.statement_id), ()) if t in pos[2]],
                "article": pos[names_of.index("article")][s.article_id]}
        if several:
            keys["story"] = pos[names_of.index("story")][story_of[s.article_id]]
        flag = checks.get((s.article_id, s.statement_id))
        if checks:
            keys["review"] = 1 if flag else 0
        rows.append(([s.statement_id, s.cue if isinstance(s.cue, str) else "", s.text],
                     [keys[n] for n in names_of], flag))
    return rows


# -- deadlines -----------------------------------------------------------------------------------------------

VIEW_ROWS = 12  # deadlines drawn one row each in an explorer view; more become a calendar


def deadline_explorer(corpus: Corpus, as_of=None, names: dict | None = None, max_days: int = 45) -> Explorer:
    """Slide an 'as of' day; see which deadlines are pending, due or past, and the days left.

    The first choice, and the one shown, is "as reported": each deadline judged on its own article's
    date. Then the days on which deadlines change state (``analysis.as_of_days``, at most ``max_days``),
    with ``as_of`` among them when given.

    Args:
        corpus: the loaded corpus.
        as_of: a day to offer among the choices, or None.
        names: actor id → name for the charts (``corpus.names``); None names setters by id.
        max_days: the most days offered besides "as reported" (and ``as_of``); each is a chart in the page.

    Returns:
        An ``Explorer`` whose choices are "as reported" and the days, each view a status table and a chart.

    Example:
        >>> from helpers import load_corpus, widgets
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> explorer = widgets.deadline_explorer(corpus, as_of="2025-08-09", max_days=0)
        >>> explorer.choices(), "past" in explorer.choose("2025-08-09").shown()
        (['as reported', '2025-08-09'], True)
    """
    deadlines, articles = corpus.deadlines, corpus.articles
    if deadlines.empty:
        return Explorer([widgets.HTML("<i>No deadlines stated.</i>")])
    days = analysis.as_of_days(deadlines, articles, limit=max_days)
    if as_of is not None and pd.Timestamp(as_of) not in days:
        days = sorted([*days, pd.Timestamp(as_of)])
    labels = corpus.article_labels()
    # each day's chart names its basis only when machine drafts are in it: dozens of views, one page
    basis = findings.chart_basis(corpus, "deadlines") if findings.machine_rows(corpus, "deadlines") else None
    views = []
    ids = deadlines["article_id"].reset_index(drop=True)
    article = ids.map(labels).fillna(ids)  # the same rows on every day: named once
    every = [None, *days]
    statuses = analysis.deadline_statuses(deadlines, every, articles)
    for day, (status, image) in zip(every, _day_charts(corpus, names, labels, statuses, every, basis)):
        views.append(_view(*_status_tables(status.assign(article=article), day is None), image))
    slider = widgets.SelectionSlider(options=[("as reported", 0),
                                              *((f"{d:%Y-%m-%d}", i) for i, d in enumerate(days, 1))],
                                     index=0, description="As of", layout=widgets.Layout(width="90%"))
    note = widgets.HTML("<i>“as reported”: each deadline judged on its own article's date; then the days "
                        f"on which deadlines are issued or fall due ({len(days):,} day{_s(len(days))}).</i>")
    box = Explorer([slider, note, _linked(slider, "index", views)])
    box._choose = lambda choice: setattr(slider, "label", choice)
    box._shown = lambda: " ".join(o["data"].get("text/html", "") for o in views[slider.index].outputs)
    box._labels = [label for label, _ in slider.options]
    return box


def _day_charts(corpus: Corpus, names: dict | None, labels: dict, statuses, days: list, basis: str | None):
    """Each day's deadline chart as an image, with its status table (``statuses``, one a day, made as they are
    asked for): beyond ``VIEW_ROWS`` deadlines the compact calendar, drawn once and its states over it day by
    day (the full timeline is drawn once above the explorer, and a tall chart prepared for every day would
    make the page megabytes)."""
    deadlines = corpus.deadlines
    if len(deadlines) > VIEW_ROWS:
        calendar = charts.CalendarDays(deadlines, basis, dpi=160)
        for status, day in zip(statuses, days):
            yield status, pixels_image(calendar.pixels(status, day), calendar.inches)
        return
    addressees = corpus.addressees("deadline")
    for status, day in zip(statuses, days):
        fig = charts.deadline_timeline(deadlines, status, day, names, rows=VIEW_ROWS, labels=labels,
                                       basis=basis, addressees=addressees)
        yield status, figure_image(fig)


def _status_tables(table: pd.DataFrame, reported: bool) -> list:
    """The status table (with each deadline's ``article`` named); for many, the count per state and the
    soonest due."""
    columns = ["article", "deadline_id", "status", "days_left", "due"]
    if reported:  # the day each was judged on
        table["judged on"] = table["as_of"].dt.strftime("%Y-%m-%d").fillna("")
        columns.append("judged on")
    if len(table) <= ROWS:
        return [table_html(table[columns])]
    counts = table["status"].value_counts().rename_axis("status").reset_index(name="deadlines")
    ahead = table[table["status"].isin(["pending", "due (inside its window)"])].sort_values("days_left_min")
    return [table_html(counts), HTML(f"<b>Soonest to fall due</b> (first {min(ROWS, len(ahead))} "
                                     f"of {len(ahead):,} pending or due; all of them: "
                                     "analysis.deadline_status, in JupyterLab)"),
            table_html(ahead.head(ROWS)[columns])]


# -- articles ------------------------------------------------------------------------------------------------

def article_reader(corpus: Corpus, eager: int = PER_PAGE) -> Explorer:
    """Pick any article (by title and date, grouped by story when there are several); read it with
    mentions, statements and deadlines highlighted, unreviewed entries outlined (hover for details).

    The pages holding the first ``eager`` articles are pre-rendered, so a rendered page keeps them (about
    15 KB each); the others are drawn when picked in JupyterLab, and the page says so.

    Args:
        corpus: the loaded corpus.
        eager: how many articles a rendered page holds.

    Returns:
        An ``Explorer`` whose choices are the articles' labels, each view the article as HTML.

    Example:
        >>> from helpers import load_corpus, widgets
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> reader = widgets.article_reader(corpus)
        >>> reader.choices()
        ['Putin Open to Peace Talks Amid Russia’s Military Advances… (2025-08-01)']
        >>> 'class="nd-reader"' in reader.shown()
        True
    """
    from helpers.present.reader import article_html
    ordered, stories = _by_story(corpus)
    labels = corpus.article_labels()
    grouped = len(stories) > 1
    items = [(a, labels.get(a, a), s if grouped else None, f"{d:%Y-%m-%d}" if pd.notna(d) else "undated")
             for a, s, d in zip(ordered["article_id"], ordered["_story"], ordered["published"])]
    if not items:
        return Explorer([widgets.HTML("<i>No articles.</i>")])
    controls, state = _paged(items, lambda a: [HTML(article_html(corpus, a))], "Article", eager=eager,
                             lazy_note="A rendered page holds the first {held} articles; "
                                       "in JupyterLab, the article picked here is shown.", width="90%")
    note = f"<i>{len(items):,} article{_s(len(items))}"
    note += (f" in {len(stories)} stories: pages by story, {PER_PAGE} articles at most each, by date.</i>"
             if grouped
             else ", by date.</i>")
    if len(items) > state["held"]:
        note = note[:-4] + f" A rendered page holds the first {state['held']:,}; JupyterLab shows any.</i>"
    return _explorer(controls, state, note)


def _by_story(corpus: Corpus) -> tuple[pd.DataFrame, list[str]]:
    """The articles by story (in order of first article; unlabelled ones last, as NO_STORY), then date; the
    stories."""
    articles = corpus.articles.assign(_story=corpus.articles["story"].fillna(analysis.NO_STORY))
    stories = list(dict.fromkeys([*corpus.stories(), *articles["_story"]]))
    rank = {s: i for i, s in enumerate(stories)}
    ordered = articles.assign(_rank=articles["_story"].map(rank)).sort_values(["_rank", "published",
                                                                               "article_id"],
                                                                              kind="stable")
    return ordered, stories


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _esc(text) -> str:
    return html.escape(str(text))


# -- a story's timeline --------------------------------------------------------------------------------------

def timeline_explorer(corpus: Corpus, events: pd.DataFrame, eager: int = 60) -> Explorer:
    """Follow one speaker or setter through a story's timeline (``analysis.timeline_events``), or read only
    its
    deadlines: each view a table in date order, prepared in advance so the control works in a rendered page
    (the table beside the chart holds every event). Several stories: pages by story.

    Args:
        corpus: the loaded corpus.
        events: ``analysis.timeline_events(corpus)``.
        eager: how many views a rendered page holds.

    Returns:
        An ``Explorer``: "Deadlines only", then one choice per speaker or setter, most events first.

    Example:
        >>> from helpers import analysis, load_corpus, widgets
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> explorer = widgets.timeline_explorer(corpus, analysis.timeline_events(corpus))
        >>> explorer.choices()[:3]
        ['Deadlines only (7 events)', 'Vladimir Putin (12 events)', 'Donald Trump (9 events)']
    """
    if events.empty:
        return Explorer([widgets.HTML("<i>No statements or deadlines to place on a timeline.</i>")])
    stories = list(dict.fromkeys(events["story"]))
    by_story = {story: frame for story, frame in events.groupby("story", sort=False)}
    items = []
    for story in stories:
        ev, group = by_story[story], story if len(stories) > 1 else None
        marks = int((ev["kind"] != "statement").sum())
        if marks:
            items.append(((story, None), f"Deadlines only ({marks:,} event{_s(marks)})", group, "deadlines"))
        for who, n in ev.groupby("who", sort=False).size().sort_values(ascending=False,
                                                                       kind="stable").items():
            items.append(((story, who), f"{who} ({n:,} event{_s(n)})", group, who))

    def render(key):
        story, who = key
        ev = by_story[story]
        ev = ev[ev["kind"] != "statement"] if who is None else ev[ev["who"] == who]
        # only the rows shown are built: a lane may hold thousands of events
        table = timeline.timeline_table(ev.head(ROWS)).drop(columns=["story", "deadline", "placed by"],
                                                            errors="ignore")
        table = table if who is None else table.drop(columns="who")  # the view's heading names the lane
        table["article"] = [charts.article_short(a, 48) for a in table["article"]]
        heading = HTML(f"<b>{_esc(who or 'Deadlines')}</b> in {_esc(story)}: "
                       f"{len(ev):,} event{_s(len(ev))}, in date order")
        return [heading, *capped_table(table, "events", total=len(ev),
                                       rest="All of them: analysis.timeline_table, in JupyterLab.")]
    controls, state = _paged(items, render, "Follow", eager=eager,
                             lazy_note="This view is drawn when picked in JupyterLab; "
                                       "a rendered page holds the first {held}.")
    note = (f"<i>{len(events):,} events in {len(stories)} stor{'y' if len(stories) == 1 else 'ies'}: "
            "the deadlines only, or one speaker's or setter's statements and deadlines.</i>")
    return _explorer(controls, state, note)
