"""A story on one dated axis: who said what, and each deadline from when it was set, through each restatement,
to when it falls due — as one tidy table of events, one row each."""
from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analysis.restatements import deadline_groups
from helpers.analysis.tables import NO_STORY, story_of
from helpers.corpus.load import Corpus

KINDS = ["statement", "deadline issued", "deadline mentioned", "restated", "due"]
COLUMNS = ["story", "start", "end", "kind", "who", "who_id", "words", "article", "article_id", "entry",
           "deadline",
           "placed_by"]
# Every column but the two dates is text, kept as pandas' string type (Arrow): half a million events then hold
# their words in a few buffers, not as a Python string per cell.
DTYPES = {c: ("datetime64[ns]" if c in ("start", "end") else "str") for c in COLUMNS}
UNATTRIBUTED = "(unattributed)"
NOT_STATED = "(setter not stated)"


def timeline_events(corpus: Corpus) -> pd.DataFrame:
    """Every statement and deadline event of the corpus, one row each: its ``story``; when (``start`` to
    ``end``, one day or a window, NaT where the text leaves it open); the ``kind``:

    - 'statement': on its ``said_on`` day, else its article's date (``placed_by`` says which);
    - 'deadline issued': a deadline's issued window (from the first of its mentions that states one);
      'deadline mentioned' instead when no mention states it: the first mention, on its article's date;
    - 'restated': each later mention of the same deadline (``analysis.deadline_groups``), on its article's
      date;
    - 'due': the due window of each mention that states one; when none does, one row with no dates.

    ``who`` names the speaker or setter (``who_id`` its actor id), ``words`` the statement or the deadline's
    words, ``article`` its article by title and date, ``entry`` its id there (S3, D2); ``deadline`` names the
    deadline (its first mention) on every row of it. Stories in order of first article, then by date.

    Args:
        corpus: the loaded corpus.

    Returns:
        One row per event, with the columns ``COLUMNS`` (an empty table with them when there is nothing to
        place).

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> events = analysis.timeline_events(corpus)
        >>> len(events), events["kind"].value_counts().to_dict()
        (32, {'statement': 25, 'due': 3, 'deadline mentioned': 2, 'deadline issued': 1, 'restated': 1})
    """
    names = corpus.names
    published = corpus.articles.drop_duplicates("article_id").set_index("article_id")["published"]
    context = {"names": names, "published": published, "labels": corpus.article_labels(),
               "story": story_of(corpus)}
    events = pd.concat([_statement_events(corpus.statements, context),
                        _deadline_events(corpus.deadlines, corpus.articles, context)], ignore_index=True)
    if events.empty:
        return _empty()
    rank = {s: i for i, s in enumerate(dict.fromkeys([*corpus.stories(), *context["story"]]))}
    order = pd.DataFrame({"story": events["story"].map(rank), "day": events["start"].fillna(events["end"]),
                          "kind": events["kind"].map({k: i for i, k in enumerate(KINDS)})})
    keep = order.sort_values(["story", "day", "kind"], na_position="last", kind="stable").index
    return events.loc[keep, COLUMNS].reset_index(drop=True)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS).astype(DTYPES)


def _text(values) -> pd.api.extensions.ExtensionArray:
    """Text as pandas' string type; a column already of it is taken as it is (no Python string per cell)."""
    if isinstance(values, pd.Series) and values.dtype == "str":
        return values.reset_index(drop=True).array
    return pd.array(np.asarray(values, dtype=object), dtype="str")


def _statement_events(st: pd.DataFrame, context: dict) -> pd.DataFrame:
    said = st["said_on"]
    day = said.fillna(st["article_id"].map(context["published"]))
    n = len(st)
    placed = np.where(said.notna(), "said on", np.where(day.notna(), "article date", "no date"))
    return pd.DataFrame({
        "story": _text(st["article_id"].map(context["story"])), "start": day.to_numpy(),
        "end": day.to_numpy(),
        "kind": _text(["statement"] * n), "who": _text(_who(st["speaker"], context["names"], UNATTRIBUTED)),
        "who_id": _text(st["speaker"].astype(object)), "words": _text(st["text"]),
        "article": _text(st["article_id"].map(context["labels"])),
        "article_id": _text(st["article_id"]),
        "entry": _text(st["statement_id"]), "deadline": _text([None] * n),
        "placed_by": _text(placed.astype(object)),
    }, columns=COLUMNS)


def _who(ids: pd.Series, names: dict, missing: str) -> list[str]:
    values = ids.to_numpy(dtype=object)  # plain objects, tested for missing at once: 100,000s of rows
    return [names.get(a, str(a)) if known else missing for a, known in zip(values, pd.notna(values))]


def _deadline_events(dl: pd.DataFrame, articles: pd.DataFrame, context: dict) -> pd.DataFrame:
    """The issued, restated and due events of each deadline, its mentions in reading order (column-wise: tens
    of thousands of deadlines in a blink)."""
    if dl.empty:
        return _empty()
    d = dl.reset_index(drop=True).join(deadline_groups(dl, articles).reset_index(drop=True))
    d = d.sort_values(["deadline", "mention"], kind="stable")
    d = d.assign(day=d["article_id"].map(context["published"]),
                 who=_who(d["set_by"], context["names"], NOT_STATED),
                 article=d["article_id"].map(context["labels"]), story=d["article_id"].map(context["story"]))
    d["name"] = d["deadline"].map(_deadline_names(d[d["mention"] == 1].set_index("deadline"),
                                                  several=len(context["published"]) > 1))
    has_issued = d["issued_earliest"].notna() | d["issued_latest"].notna()
    has_due = d["due_earliest"].notna() | d["due_latest"].notna()
    issued = d[has_issued].drop_duplicates("deadline")
    unissued = d[(d["mention"] == 1) & ~d["deadline"].isin(issued["deadline"])]
    undue = d[~d["deadline"].isin(d.loc[has_due, "deadline"])].drop_duplicates("deadline", keep="last")
    never = pd.Series(pd.NaT, index=undue.index, dtype="datetime64[ns]")
    return pd.concat([
        _events(issued, "deadline issued", issued["issued_earliest"], issued["issued_latest"],
                "issued window"),
        _events(unissued, "deadline mentioned", unissued["day"], unissued["day"],
                "article date (the text gives no issue date)"),
        _events(d[d["mention"] > 1], "restated", d.loc[d["mention"] > 1, "day"],
                d.loc[d["mention"] > 1, "day"],
                "article date"),
        _events(d[has_due], "due", d.loc[has_due, "due_earliest"], d.loc[has_due, "due_latest"],
                "due window"),
        _events(undue, "due", never, never, "not stated"),
    ], ignore_index=True)


def _deadline_names(first: pd.DataFrame, several: bool) -> pd.Series:
    """Deadline number → how tables name it: its first mention, 'D1' in a one-article corpus, else
    'Title (date) · D1' (the article id instead of the title where two articles share a title and date)."""
    if not several:
        return first["deadline_id"]
    names = first["article"].astype(str) + " · " + first["deadline_id"]
    shared = names.duplicated(keep=False)
    return names.where(~shared, first["article_id"].astype(str) + " · " + first["deadline_id"])


def _events(rows: pd.DataFrame, kind: str, start: pd.Series, end: pd.Series, placed_by: str) -> pd.DataFrame:
    """Deadline mentions as events of one kind, placed from ``start`` to ``end``."""
    n = len(rows)
    return pd.DataFrame({
        "story": _text(rows["story"]), "start": start.to_numpy(dtype="datetime64[ns]"),
        "end": end.to_numpy(dtype="datetime64[ns]"), "kind": _text([kind] * n), "who": _text(rows["who"]),
        "who_id": _text(rows["set_by"].astype(object)), "words": _text(rows["expression"]),
        "article": _text(rows["article"]), "article_id": _text(rows["article_id"]),
        "entry": _text(rows["deadline_id"]), "deadline": _text(rows["name"]),
        "placed_by": _text([placed_by] * n),
    }, columns=COLUMNS)


def main_story(events: pd.DataFrame) -> str | None:
    """The story with the most events (labelled stories before ``NO_STORY`` on a tie); None when there are
    none.

    Args:
        events: ``timeline_events(corpus)``.

    Returns:
        A story label, ``NO_STORY``, or None for no events.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> analysis.main_story(analysis.timeline_events(corpus))
        '(no story)'
    """
    if events.empty:
        return None
    counts = events["story"].value_counts(sort=False)
    ranked = sorted(counts.index, key=lambda s: (-counts[s], s == NO_STORY))
    return ranked[0]


def timeline_table(events: pd.DataFrame, story: str | None = None) -> pd.DataFrame:
    """The events of one story (all when None) for reading: when (a day, a window, 'open' ends as '?'), what,
    who, the words, the article and entry, and what places it.

    Args:
        events: ``timeline_events(corpus)``, or rows of it.
        story: the story to keep, or None for every event.

    Returns:
        One row per event, in the order of ``events``: ``when``, ``kind``, ``who``, ``words``, ``article``,
        ``entry``, ``deadline``, ``placed by``; first a ``story`` column when ``story`` is None and there are
        several.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> events = analysis.timeline_events(corpus)
        >>> table = analysis.timeline_table(events, analysis.main_story(events))
        >>> print(table[["when", "kind", "who", "entry"]].head(3).to_string())
                               when             kind             who entry
        0  2025-07-25 to 2025-07-30  deadline issued    Donald Trump    D1
        1                2025-08-01        statement  Vladimir Putin    S1
        2                2025-08-01        statement  Vladimir Putin    S2
    """
    from helpers.core.dates import format_windows
    ev = events if story is None else events[events["story"] == story]
    when = [w if w != "open" else "not stated" for w in format_windows(ev["start"], ev["end"])]
    table = pd.DataFrame({"when": _text(when), "kind": _text(ev["kind"]), "who": _text(ev["who"]),
                          "words": _text(ev["words"]), "article": _text(ev["article"]),
                          "entry": _text(ev["entry"]), "deadline": _text(ev["deadline"].fillna("")),
                          "placed by": _text(ev["placed_by"])})
    if story is None and events["story"].nunique() > 1:
        table.insert(0, "story", _text(ev["story"]))
    return table
