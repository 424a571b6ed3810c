"""Which deadline entries are one deadline, and whether each restatement keeps its due window.

Two entries are one deadline when the analyst linked them (``same_as`` chains, within an article), or when
they come from different articles of one story with the same setter and the same demand (an annotation cannot
name an entry of another file). Entries of one article that the analyst left unlinked stay apart: the analyst
read both. Articles without a story label are never linked to each other.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.core.dates import format_windows

GROUP_COLUMNS = ["deadline", "mention", "restates_article", "restates", "linked_by"]


def mention_order(deadlines: pd.DataFrame, articles: pd.DataFrame | None = None) -> np.ndarray:
    """Each row's place in reading order: by its article's date (undated last), then the article, then the
    text."""
    d = deadlines.reset_index(drop=True)
    published = (articles.drop_duplicates("article_id").set_index("article_id")["published"]
                 .reindex(d["article_id"]).to_numpy(dtype="datetime64[ns]") if articles is not None
                 else np.full(len(d), np.datetime64("NaT"), dtype="datetime64[ns]"))
    keys = pd.DataFrame({"day": published, "article": pd.factorize(d["article_id"])[0],
                         "start": d["start"].astype("Int64").fillna(-1).to_numpy() if "start" in d else 0,
                         "row": np.arange(len(d))})
    ranked = keys.sort_values(["day", "article", "start", "row"], na_position="last", kind="stable")
    order = np.empty(len(d), dtype=int)
    order[ranked["row"].to_numpy()] = np.arange(len(d))
    return order


def _same_demand_key(deadlines: pd.DataFrame, articles: pd.DataFrame | None) -> pd.Series:
    """story + setter + demand (case and spacing ignored) where all three are known, else missing."""
    d = deadlines.reset_index(drop=True)
    if articles is None or "story" not in articles:
        return pd.Series(pd.NA, index=d.index, dtype=object)
    story = d["article_id"].map(articles.drop_duplicates("article_id").set_index("article_id")["story"])
    keys = [f"{s}\x1f{b}\x1f{' '.join(str(m).casefold().split())}"
            if isinstance(s, str) and pd.notna(b) and isinstance(m, str) and m.strip() else None
            for s, b, m in zip(story.to_numpy(dtype=object), d["set_by"].to_numpy(dtype=object),
                               d["demand"].to_numpy(dtype=object))]
    return pd.Series(keys, index=d.index, dtype=object)


def deadline_groups(deadlines: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per deadline row (same index): ``deadline``, the number of the deadline it belongs to (0, 1, … in order
    of first mention); ``mention``, its place among that deadline's entries (1 = first); ``restates_article``
    and ``restates``, the entry it restates (its ``same_as``, else the mention before it); ``linked_by``:
    'same_as', 'setter and demand', or '' for a first mention.

    ``articles`` (with ``published`` and ``story``) orders the mentions and links a story's articles; without
    it, only ``same_as`` links entries. It takes the deadlines table, not the corpus, so that any selection of
    deadlines (one story's, say) can be grouped.

    Args:
        deadlines: ``corpus.deadlines`` or rows of it.
        articles: ``corpus.articles``, or None to link entries by ``same_as`` only.

    Returns:
        One row per deadline (same index): ``deadline``, ``mention``, ``restates_article``, ``restates`` and
        ``linked_by``.

    Example (D2 restates D1 through its ``same_as``):
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> groups = analysis.deadline_groups(corpus.deadlines, corpus.articles)
        >>> groups = groups.assign(id=corpus.deadlines["deadline_id"])
        >>> print(groups[["id", "deadline", "mention", "linked_by"]].to_string())
           id  deadline  mention linked_by
        0  D1         0        1
        1  D2         0        2   same_as
        2  D3         2        1
        3  D4         1        1
    """
    d = deadlines.reset_index(drop=True)
    parent = np.arange(len(d))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        parent[max(ra, rb)] = min(ra, rb)
    # plain object arrays: iterating Arrow-backed text columns element by element is many times slower
    article_ids = d["article_id"].to_numpy(dtype=object)
    row_of = {key: k for k, key in enumerate(zip(article_ids, d["deadline_id"].to_numpy(dtype=object)))}
    target = [row_of.get((a, s), -1) if isinstance(s, str) else -1 for a,
              s in zip(article_ids, d["same_as"].to_numpy(dtype=object))]
    for k, t in enumerate(target):
        if t >= 0:
            join(k, t)
    order = mention_order(d, articles)
    for rows in _across_articles(d, articles, order):
        for k in rows[1:]:
            join(rows[0], k)
    roots = np.array([root(k) for k in range(len(d))], dtype=int)
    return _numbered(d, roots, np.array(target, dtype=int), order).set_axis(deadlines.index)


def _across_articles(d: pd.DataFrame, articles: pd.DataFrame | None, order: np.ndarray) -> list[np.ndarray]:
    """Rows to link across a story's articles: per setter and demand, the first such entry of each article
    (the others of one article stay as the analyst left them), when more than one article has one."""
    keys = pd.DataFrame({"key": _same_demand_key(d, articles), "article": d["article_id"], "order": order})
    firsts = keys.dropna(subset=["key"]).sort_values("order").drop_duplicates(["key", "article"])
    return [firsts.index[rows].to_numpy() for rows in firsts.groupby("key").indices.values() if len(rows) > 1]


def _numbered(d: pd.DataFrame, roots: np.ndarray, target: np.ndarray, order: np.ndarray) -> pd.DataFrame:
    """Groups numbered by first mention, each entry's place in its group and the entry it restates."""
    frame = pd.DataFrame({"root": roots, "order": order})
    first = frame.groupby("root")["order"].transform("min")  # each group's first mention
    frame["deadline"] = first.rank(method="dense").astype(int) - 1
    frame["mention"] = frame.groupby("deadline")["order"].rank(method="first").astype(int)
    by_place = frame.reset_index().set_index(["deadline", "mention"])["index"]
    before = by_place.reindex(list(zip(frame["deadline"], frame["mention"] - 1))).to_numpy()
    earlier = np.where(target >= 0, target, np.nan_to_num(before, nan=-1)).astype(int)
    ids, arts = d["deadline_id"].to_numpy(dtype=object), d["article_id"].to_numpy(dtype=object)
    return pd.DataFrame({
        "deadline": frame["deadline"].to_numpy(), "mention": frame["mention"].to_numpy(),
        "restates_article": np.where(earlier >= 0, arts[earlier], None),
        "restates": np.where(earlier >= 0, ids[earlier], None),
        "linked_by": np.where(target >= 0, "same_as", np.where(earlier >= 0, "setter and demand", "")),
    })


def restatement_pairs(deadlines: pd.DataFrame, articles: pd.DataFrame | None = None,
                      groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each restatement beside the mention before it of the same deadline (``deadline_groups``), both with a
    due
    window: do they agree? Different deadlines are never paired.

    ``relation`` is 'inside' when one window lies within the other, 'overlap' when they share days, 'apart'
    when they share none: the due window moved. ``article_id``/``first`` name the earlier mention,
    ``second_article_id``/``second`` the restatement. ``groups``: ``deadline_groups(deadlines, articles)``
    when the caller has it already (it is the costly part on a large corpus)."""
    groups = deadline_groups(deadlines, articles) if groups is None else groups
    d = deadlines.reset_index(drop=True).join(groups.reset_index(drop=True))
    known = d.dropna(subset=["due_earliest", "due_latest"]).sort_values(["deadline", "mention"],
                                                                        kind="stable")
    earlier = known.groupby("deadline")[["article_id", "deadline_id", "due_earliest", "due_latest"]].shift(1)
    pairs, earlier = known[earlier["deadline_id"].notna()], earlier[earlier["deadline_id"].notna()]
    ea, la, eb, lb = (
        earlier["due_earliest"],
        earlier["due_latest"],
        pairs["due_earliest"],
        pairs["due_latest"],
    )
    lo, hi = np.maximum(ea, eb), np.minimum(la, lb)
    inside = ((ea <= eb) & (lb <= la)) | ((eb <= ea) & (la <= lb))
    relation = np.where(inside, "inside", np.where(lo <= hi, "overlap", "apart"))
    return pd.DataFrame({
        "deadline": pairs["deadline"], "set_by": pairs["set_by"].astype(object),
        "demand": pairs["demand"], "article_id": earlier["article_id"], "first": earlier["deadline_id"],
        "second_article_id": pairs["article_id"], "second": pairs["deadline_id"],
        "first_due": _windows(ea, la), "second_due": _windows(eb, lb), "relation": relation,
        "agree": relation != "apart", "shared_days": ((hi - lo).dt.days + 1).clip(lower=0).astype(int),
    }).reset_index(drop=True)


def _windows(early: pd.Series, late: pd.Series) -> list[str]:
    return format_windows(early, late)
