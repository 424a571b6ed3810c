"""Pure functions over a Corpus's tables: counts, keyword-in-context, deadline status."""
from __future__ import annotations

import itertools

import pandas as pd

from .corpus import Corpus
from .dates import format_window
from .textspans import paragraphs


def actor_counts(corpus: Corpus) -> pd.DataFrame:
    """Per actor: mentions, statements as speaker, articles mentioning it; most present first."""
    mentions = corpus.mentions.groupby("actor_id", observed=False).size()
    spoken = corpus.statements.groupby("speaker", observed=False).size()
    articles = corpus.mentions.groupby("actor_id", observed=False)["article_id"].nunique()
    table = pd.DataFrame({"mentions": mentions, "statements": spoken.reindex(mentions.index, fill_value=0),
                          "articles": articles}).fillna(0).astype(int)
    table.index = table.index.astype(str)
    names = corpus.actors.set_index("actor_id")
    table.insert(0, "name", names["name"].reindex(table.index))
    table.insert(1, "kind", names["kind"].astype(str).reindex(table.index))
    table.index.name = "actor_id"
    return table.sort_values(["mentions", "statements", "name"], ascending=[False, False, True])


def co_mentions(corpus: Corpus) -> pd.DataFrame:
    """Actor × actor: in how many paragraphs both are mentioned (diagonal: paragraphs with the actor)."""
    ids = [a for a in corpus.actors["actor_id"] if a in set(corpus.mentions["actor_id"].astype(str))]
    matrix = pd.DataFrame(0, index=ids, columns=ids)
    texts = corpus.articles.set_index("article_id")["text"]
    for article_id, group in corpus.mentions.groupby("article_id"):
        for start, end in paragraphs(texts[article_id]):
            inside = group[(group["start"] >= start) & (group["start"] < end)]
            present = sorted(set(inside["actor_id"].astype(str)))
            for a in present:
                matrix.loc[a, a] += 1
            for a, b in itertools.combinations(present, 2):
                matrix.loc[a, b] += 1
                matrix.loc[b, a] += 1
    return matrix


def kwic(text: str, start: int, end: int, width: int = 45) -> tuple[str, str, str]:
    """Keyword in context: (left, words, right), each on one line, cut at ``width`` characters."""
    def flat(s: str) -> str:
        return " ".join(s.split())
    left, right = flat(text[max(0, start - width * 2): start]), flat(text[end: end + width * 2])
    left = ("…" + left[-width:].lstrip()) if len(left) > width else left
    right = (right[:width].rstrip() + "…") if len(right) > width else right
    return left, flat(text[start:end]), right


def mentions_in_context(corpus: Corpus, actor_id: str, width: int = 45) -> pd.DataFrame:
    """Every mention of ``actor_id`` with the words around it, in reading order."""
    rows = corpus.mentions[corpus.mentions["actor_id"] == actor_id]
    texts = corpus.articles.set_index("article_id")["text"]
    out = [dict(zip(["left", "mention", "right"], kwic(texts[r.article_id], r.start, r.end, width)),
                article_id=r.article_id, part=r.part) for r in rows.itertuples()]
    return pd.DataFrame(out, columns=["article_id", "part", "left", "mention", "right"])


def filter_statements(corpus: Corpus, speaker=None, mode=None, topic=None) -> pd.DataFrame:
    """Statements matching every filter given (None means any); ``speaker='none'`` picks unattributed ones."""
    st = corpus.statements
    keep = pd.Series(True, index=st.index)
    if speaker == "none":
        keep &= st["speaker"].isna()
    elif speaker is not None:
        keep &= st["speaker"] == speaker
    if mode is not None:
        keep &= st["mode"] == mode
    if topic is not None:
        tagged = corpus.statement_topics[corpus.statement_topics["topic"] == topic]
        keep &= pd.Series(list(zip(st["article_id"], st["statement_id"])), index=st.index).isin(
            set(zip(tagged["article_id"], tagged["statement_id"])))
    return st[keep]


def statement_table(corpus: Corpus, statements: pd.DataFrame) -> pd.DataFrame:
    """Statements for reading: who, how, the cue and the words, in reading order."""
    names = {a: n for a, n in zip(corpus.actors["actor_id"], corpus.actors["name"])}
    return pd.DataFrame({
        "id": statements["statement_id"],
        "speaker": [names.get(s, "(unattributed)") if pd.notna(s) else "(unattributed)" for s in statements["speaker"]],
        "mode": statements["mode"].astype(str),
        "cue": statements["cue"].fillna(""),
        "words": statements["text"],
        "topics": statements["topics"],
    }).reset_index(drop=True)


def statements_by_speaker(corpus: Corpus) -> pd.DataFrame:
    """Speaker × mode counts (unattributed statements under '(unattributed)'), most first."""
    st = corpus.statements.assign(speaker=corpus.statements["speaker"].astype(str).where(
        corpus.statements["speaker"].notna(), "(unattributed)"))
    table = pd.crosstab(st["speaker"], st["mode"].astype(str))
    for mode in ("direct", "reported"):
        if mode not in table:
            table[mode] = 0
    table = table[["direct", "reported"]]
    table["total"] = table.sum(axis=1)
    return table.sort_values(["total", "direct"], ascending=False)


def topic_counts(corpus: Corpus) -> pd.DataFrame:
    """Topic × speaker counts of statements (a statement counts once per topic it carries)."""
    merged = corpus.statement_topics.merge(corpus.statements[["article_id", "statement_id", "speaker"]],
                                           on=["article_id", "statement_id"])
    speaker = merged["speaker"].astype(str).where(merged["speaker"].notna(), "(unattributed)")
    table = pd.crosstab(merged["topic"].astype(str), speaker)
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index]


def deadline_status(deadlines: pd.DataFrame, as_of) -> pd.DataFrame:
    """Each deadline's state on day ``as_of``: not yet issued, pending, due, past, or open."""
    day = pd.Timestamp(as_of)
    rows = []
    for d in deadlines.itertuples():
        early, late = d.due_earliest, d.due_latest
        if pd.notna(d.issued_earliest) and day < d.issued_earliest:
            status = "not yet issued"
        elif pd.isna(early) and pd.isna(late):
            status = "open (no due date stated)"
        elif pd.notna(late) and day > late:
            status = "past"
        elif pd.notna(early) and day < early:
            status = "pending"
        else:
            status = "due (inside its window)"
        left_min = (early - day).days if pd.notna(early) else None
        left_max = (late - day).days if pd.notna(late) else None
        if status.startswith("due") and left_min is not None:
            left_min = 0  # inside the window: it may fall due today
        rows.append({"deadline_id": d.deadline_id, "article_id": d.article_id, "status": status,
                     "days_left": _days_left(left_min, left_max),
                     "days_left_min": left_min, "days_left_max": left_max,
                     "due": format_window((early, late))})
    out = pd.DataFrame(rows, columns=["deadline_id", "article_id", "status", "days_left", "days_left_min",
                                      "days_left_max", "due"])
    return out.astype({"days_left_min": "Int64", "days_left_max": "Int64"})


def _days_left(low, high) -> str:
    if low is None and high is None:
        return "—"
    if high is not None and high < 0:
        return _days(-high) + " ago" if low == high else f"{-high} to {_days(-(low if low is not None else high))} ago"
    if low == high:
        return _days(low)
    return f"{low if low is not None else '?'} to {_days(high) if high is not None else '? days'}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def deadline_agreement(deadlines: pd.DataFrame) -> pd.DataFrame:
    """Pairs of deadlines in one article whose due windows are both known: do they agree?

    ``relation`` is 'inside' when one window lies within the other, 'overlap'
    when they share days, 'apart' when they share none (the text contradicts itself).
    """
    known = deadlines.dropna(subset=["due_earliest", "due_latest"])
    rows = []
    for _, group in known.groupby("article_id"):
        for a, b in itertools.combinations(group.itertuples(), 2):
            lo, hi = max(a.due_earliest, b.due_earliest), min(a.due_latest, b.due_latest)
            inside = ((a.due_earliest <= b.due_earliest and b.due_latest <= a.due_latest)
                      or (b.due_earliest <= a.due_earliest and a.due_latest <= b.due_latest))
            relation = "inside" if inside else ("overlap" if lo <= hi else "apart")
            rows.append({"article_id": a.article_id, "first": a.deadline_id, "second": b.deadline_id,
                         "first_due": format_window((a.due_earliest, a.due_latest)),
                         "second_due": format_window((b.due_earliest, b.due_latest)),
                         "relation": relation, "agree": relation != "apart",
                         "shared_days": max(0, (hi - lo).days + 1)})
    return pd.DataFrame(rows, columns=["article_id", "first", "second", "first_due", "second_due", "relation",
                                       "agree", "shared_days"])


def deadline_days(deadlines: pd.DataFrame, pad: int = 2, include_known: bool = False) -> list[pd.Timestamp]:
    """Every day from the earliest issued to the latest due date the text supports (padded),
    for an 'as of' control; ``include_known`` also spans dates from outside knowledge."""
    cols = ["issued_earliest", "issued_latest", "due_earliest", "due_latest"]
    cols += ["known_issued", "known_due"] if include_known else []
    stamps = pd.concat([deadlines[c] for c in cols]).dropna()
    if stamps.empty:
        return []
    return list(pd.date_range(stamps.min() - pd.Timedelta(days=pad), stamps.max() + pd.Timedelta(days=pad)))
