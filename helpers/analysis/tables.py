"""Pure functions over a Corpus's tables: counts, keyword-in-context, deadline status."""
from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analysis.restatements import deadline_groups, restatement_pairs
from helpers.core.dates import format_window
from helpers.core.textspans import paragraphs, sentences
from helpers.corpus.load import Corpus
from helpers.corpus.model import MODES
from helpers.corpus.registry import STORY_SEPARATOR, topic_in_story

__all__ = [
    "actor_counts", "LONG_BLOCK", "counted_by_sentence", "passages", "co_mentions", "kwic",
    "mentions_in_context",
    "filter_statements", "UNREVIEWED", "review_tip", "unreviewed_mask", "statement_table", "deadline_table",
    "actor_table", "place_table", "top_co_mentions", "co_mention_table", "restatement_table",
    "statements_by_speaker",
    "topic_counts", "topic_choices", "deadline_status", "deadline_statuses", "as_of_days",
    "restatement_pairs", "deadline_groups",
    "deadline_days", "NO_STORY", "story_of", "by_story", "story_summary",
]


def actor_counts(corpus: Corpus, places: bool | None = False) -> pd.DataFrame:
    """Per actor: mentions, statements as speaker, articles mentioning it; most present first.

    Places (kind ``place``: cities and regions that are not states) are where things happen, not actors: left
    out by default, alone with ``places=True``, with the actors with ``places=None``.

    Args:
        corpus: the loaded corpus.
        places: False: actors only; True: places only; None: both.

    Returns:
        One row per actor of the registry (index ``actor_id``): ``name``, ``kind``, ``mentions``,
        ``statements`` (as speaker) and ``articles``, by mentions, then statements, then name.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> print(analysis.actor_counts(corpus).head(3).to_string())
                          name    kind  mentions  statements  articles
        actor_id
        putin     Vladimir Putin  person        12          12         1
        russia            Russia   state        12           0         1
        ukraine          Ukraine   state         8           1         1
    """
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
    if places is not None:
        table = table[(table["kind"] == "place") == places]
    return table.sort_values(["mentions", "statements", "name"], ascending=[False, False, True])


# characters: far longer than a news paragraph, so the blank lines between paragraphs were lost
LONG_BLOCK = 2000


def counted_by_sentence(text: str) -> bool:
    """Whether ``passages`` falls back to sentences anywhere in this article."""
    blocks = paragraphs(text)
    return len(blocks) <= 1 or any(end - start > LONG_BLOCK for start, end in blocks)


def passages(text: str) -> list[tuple[int, int]]:
    """The units co-mentions are counted in: paragraphs (blocks between blank lines). An article saved
    without blank lines is counted by sentence, and so is any block over ``LONG_BLOCK`` characters."""
    blocks = paragraphs(text)
    if len(blocks) <= 1:
        return sentences(text)
    out = []
    for start, end in blocks:
        out += [(start + s, start + e) for s, e in sentences(text[start:end])] if end - start > LONG_BLOCK \
            else [(start, end)]
    return out


def co_mentions(corpus: Corpus) -> pd.DataFrame:
    """Actor × actor: in how many passages both are mentioned (diagonal: passages with the actor).

    A passage is a paragraph, or a sentence in an article without blank lines (see ``passages``).

    Args:
        corpus: the loaded corpus.

    Returns:
        A square matrix of counts, indexed both ways by the ids of the actors mentioned, in registry order.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> matrix = analysis.co_mentions(corpus)
        >>> matrix.shape, int(matrix.loc["putin", "russia"]), int(matrix.loc["putin", "putin"])
        ((8, 8), 5, 8)
    """
    mentioned = set(corpus.mentions["actor_id"].dropna().unique().astype(str))
    ids = [a for a in corpus.actors["actor_id"] if a in mentioned]
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    m = corpus.mentions
    starts = m["start"].to_numpy(dtype="int64", na_value=-1)
    para = np.full(len(m), -1)
    for article_id, rows in m.groupby("article_id", sort=False).indices.items():
        spans = np.array(passages(texts[article_id]) or [(0, 0)])
        # the paragraph each mention starts in
        k = np.searchsorted(spans[:, 0], starts[rows], side="right") - 1
        inside = (k >= 0) & (starts[rows] < spans[np.clip(k, 0, None), 1])
        para[rows] = np.where(inside, k, -1)
    present = pd.DataFrame({"article_id": m["article_id"].to_numpy(), "para": para,
                            "actor": m["actor_id"].astype(str).to_numpy()})
    present = present[present["para"] >= 0].drop_duplicates()
    # both in one passage (with itself: the diagonal)
    pairs = present.merge(present, on=["article_id", "para"])
    matrix = pd.crosstab(pairs["actor_x"], pairs["actor_y"]).reindex(index=ids, columns=ids, fill_value=0)
    matrix.index.name = matrix.columns.name = None
    return matrix.astype("int64")


def kwic(text: str, start: int, end: int, width: int = 45) -> tuple[str, str, str]:
    """Keyword in context: (left, words, right), each on one line, cut at ``width`` characters."""
    def flat(s: str) -> str:
        return " ".join(s.split())
    left, right = flat(text[max(0, start - width * 2): start]), flat(text[end: end + width * 2])
    left = ("…" + left[-width:].lstrip()) if len(left) > width else left
    right = (right[:width].rstrip() + "…") if len(right) > width else right
    return left, flat(text[start:end]), right


def mentions_in_context(corpus: Corpus, actor_id: str, width: int = 45,
                        limit: int | None = None) -> pd.DataFrame:
    """Every mention of ``actor_id`` (or the first ``limit``) with the words around it, in reading order."""
    rows = corpus.mentions[corpus.mentions["actor_id"] == actor_id]
    rows = rows.head(limit) if limit is not None else rows
    texts = corpus.articles.set_index("article_id")["text"]
    out = [dict(zip(["left", "mention", "right"], kwic(texts[r.article_id], r.start, r.end, width)),
                article_id=r.article_id, part=r.part) for r in rows.itertuples()]
    return pd.DataFrame(out, columns=["article_id", "part", "left", "mention", "right"])


def filter_statements(corpus: Corpus, speaker=None, mode=None, topic=None,
                      statements: pd.DataFrame | None = None) -> pd.DataFrame:
    """Statements matching every filter given (None means any); ``speaker='none'`` picks unattributed ones.

    ``statements`` narrows an earlier result instead of the whole corpus.
    """
    st = corpus.statements if statements is None else statements
    keep = pd.Series(True, index=st.index)
    if speaker == "none":
        keep &= st["speaker"].isna()
    elif speaker is not None:
        keep &= st["speaker"] == speaker
    if mode is not None:
        keep &= st["mode"] == mode
    if topic is not None:
        tagged = corpus.statement_topics[corpus.statement_topics["topic"] == topic]
        key = ["article_id", "statement_id"]
        keep &= pd.MultiIndex.from_frame(st[key].astype(str)).isin(
            pd.MultiIndex.from_frame(tagged[key].astype(str))
        )
    return st[keep]


UNREVIEWED = "⚑ unreviewed"  # how tables mark a machine draft's entry nobody has reviewed yet


def review_tip(check, confidence) -> str:
    """What to look at in an unreviewed entry: its check, else its confidence (hover text in the pages)."""
    return f"unreviewed: {check if isinstance(check, str) and check else f'confidence {confidence}'}"


def unreviewed_mask(corpus: Corpus, rows: pd.DataFrame, kind: str, id_column: str) -> pd.Series:
    """Which ``rows`` (statements or deadlines) still carry a machine draft's review fields."""
    pending = corpus.unreviewed if corpus.unreviewed is not None else pd.DataFrame(columns=["kind"])
    pending = pending[pending["kind"] == kind]
    if pending.empty or rows.empty:
        return pd.Series(False, index=rows.index)
    key = pd.MultiIndex.from_frame(pending[["article_id", "id"]].astype(str))
    return pd.Series(pd.MultiIndex.from_frame(rows[["article_id", id_column]].astype(str)).isin(key),
                     index=rows.index)


def _named_rows(corpus: Corpus, rows: pd.DataFrame, kind: str, id_column: str, columns: dict) -> pd.DataFrame:
    """A table for reading: the article (by title and date) first when there are several, the given
    columns, and a review column when some entries are unreviewed."""
    out = pd.DataFrame(columns)
    if corpus.articles["article_id"].nunique() > 1:
        labels = corpus.article_labels()
        out.insert(0, "article", [labels.get(a, a) for a in rows["article_id"]])
    marked = unreviewed_mask(corpus, rows, kind, id_column)
    if marked.any():
        out["review"] = np.where(marked.to_numpy(), UNREVIEWED, "")
    return out.reset_index(drop=True)


def _names_of(corpus: Corpus, ids, missing: str) -> list[str]:
    """Actor ids as names (an id the registry lacks as itself), ``missing`` where there is none."""
    names = corpus.names
    ids = pd.Series(ids, dtype=object)
    distinct = {v: names.get(v, str(v)) for v in ids.dropna().unique()}
    return ids.map(distinct).fillna(missing).tolist()


def _addressed(corpus: Corpus, kind: str, entries, missing: str) -> list[str]:
    """For each (article id, entry id) of a statement or deadline, the names it was addressed to, or
    ``missing``."""
    names, to = corpus.names, corpus.addressees(kind)
    return [", ".join(names.get(a, a) for a in to.get(key, ())) or missing for key in entries]


def statement_table(corpus: Corpus, statements: pd.DataFrame) -> pd.DataFrame:
    """Statements for reading: which article, who, how, the cue and the words, in reading order.

    Args:
        corpus: the loaded corpus (for names, article labels and review marks).
        statements: the statements to show: ``corpus.statements`` or rows of it (``filter_statements``).

    Returns:
        One row per statement: ``article`` (when the corpus has several), ``id``, ``speaker`` (a name),
        ``mode``, ``cue``, ``words``, ``topics``, and ``review`` when some are unreviewed drafts.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> table = analysis.statement_table(corpus, corpus.statements)
        >>> print(table[["id", "speaker", "mode", "cue"]].head(3).to_string())
           id         speaker      mode                cue
        0  S1  Vladimir Putin  reported          expressed
        1  S2  Vladimir Putin  reported         emphasized
        2  S3    Donald Trump  reported  issued a deadline
    """
    topics = corpus.per_entry("statement_topics")
    return _named_rows(corpus, statements, "statement", "statement_id", {
        "id": statements["statement_id"].to_numpy(),
        "speaker": _names_of(corpus, statements["speaker"], "(unattributed)"),
        "mode": statements["mode"].astype(str).to_numpy(),
        "cue": statements["cue"].fillna("").to_numpy(),
        "words": statements["text"].to_numpy(),
        "topics": [", ".join(topics.get(key, ())) for key in zip(statements["article_id"],
                                                                 statements["statement_id"])],
    })


def deadline_table(corpus: Corpus, status: pd.DataFrame | None = None) -> pd.DataFrame:
    """Deadlines for reading: which article, who set it for whom, the words, when issued and due, and
    (given ``deadline_status``) its state and the days left.

    Args:
        corpus: the loaded corpus.
        status: ``deadline_status`` of ``corpus.deadlines``, or None to leave out the state.

    Returns:
        One row per deadline mention: ``article`` (when several), ``id``, ``set by``, ``for``, ``words``,
        ``issued``, ``falls due``; with ``status`` also ``judged on``, ``status`` and ``days left``.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> status = analysis.deadline_status(corpus.deadlines, None, corpus.articles)
        >>> table = analysis.deadline_table(corpus, status)
        >>> print(table[["id", "set by", "falls due", "status"]].to_string())
           id         set by                 falls due                     status
        0  D1   Donald Trump                not stated  open (no due date stated)
        1  D2   Donald Trump  2025-08-04 to 2025-08-11                    pending
        2  D3  United States                2025-08-08                    pending
        3  D4   Donald Trump                not stated  open (no due date stated)
    """
    dl = corpus.deadlines
    columns = {
        "id": dl["deadline_id"].to_numpy(),
        "set by": _names_of(corpus, dl["set_by"], "not stated"),
        "for": _addressed(corpus, "deadline", zip(dl["article_id"], dl["deadline_id"]), "not stated"),
        "words": dl["expression"].to_numpy(),
        "issued": _windows(dl["issued_earliest"], dl["issued_latest"]),
        "falls due": _windows(dl["due_earliest"], dl["due_latest"]),
    }
    if status is not None:
        columns.update({"judged on": status["as_of"].to_numpy(), "status": status["status"].to_numpy(),
                        "days left": status["days_left"].to_numpy()})
    table = _named_rows(corpus, dl, "deadline", "deadline_id", columns)
    for col in ("issued", "falls due"):
        table[col] = table[col].replace("open", "not stated")
    return table


def actor_table(corpus: Corpus) -> pd.DataFrame:
    """Per actor mentioned: name, kind, mentions, statements as speaker, articles naming it; most present
    first.

    Args:
        corpus: the loaded corpus.

    Returns:
        ``actor_counts`` without places and without actors never mentioned, numbered from 0.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> print(analysis.actor_table(corpus).head(3).to_string())
                     name    kind  mentions  statements  articles
        0  Vladimir Putin  person        12          12         1
        1          Russia   state        12           0         1
        2         Ukraine   state         8           1         1
    """
    counts = actor_counts(corpus)
    return counts[counts["mentions"] > 0].reset_index(drop=True)


def place_table(corpus: Corpus) -> pd.DataFrame:
    """Per place named (kind ``place``): name, mentions, articles naming it; most named first.

    Args:
        corpus: the loaded corpus.

    Returns:
        One row per place with mentions: ``name``, ``mentions``, ``articles`` (empty when none is named).

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> table = analysis.place_table(corpus)
        >>> list(table.columns), len(table)
        (['name', 'mentions', 'articles'], 0)
    """
    counts = actor_counts(corpus, places=True)
    return counts[counts["mentions"] > 0].drop(columns=["kind", "statements"]).reset_index(drop=True)


def top_co_mentions(corpus: Corpus, matrix: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """The co-mention matrix of the ``top`` most mentioned actors (a readable square).

    Args:
        corpus: the loaded corpus (to rank actors by mentions).
        matrix: ``co_mentions(corpus)``.
        top: how many actors to keep.

    Returns:
        The rows and columns of ``matrix`` for those actors, most mentioned first.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> top = analysis.top_co_mentions(corpus, analysis.co_mentions(corpus), 3)
        >>> print(top.to_string())
                 putin  russia  ukraine
        putin        8       5        5
        russia       5       7        5
        ukraine      5       5        7
    """
    counts = actor_counts(corpus)
    keep = [a for a in counts.index[counts["mentions"] > 0][:top] if a in matrix.index]
    return matrix.loc[keep, keep]


def co_mention_table(corpus: Corpus, matrix: pd.DataFrame) -> pd.DataFrame:
    """The co-mention matrix with actors' names on both sides.

    Args:
        corpus: the loaded corpus (for the names).
        matrix: ``co_mentions`` or ``top_co_mentions``.

    Returns:
        ``matrix`` with each actor id replaced by its name; the rows are named ``actor``.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> top = analysis.top_co_mentions(corpus, analysis.co_mentions(corpus), 2)
        >>> print(analysis.co_mention_table(corpus, top).to_string())
                        Vladimir Putin  Russia
        actor
        Vladimir Putin               8       5
        Russia                       5       7
    """
    names = corpus.names
    return matrix.rename(index=names, columns=names).rename_axis("actor")


VERDICTS = {"inside": "agrees: one due window lies inside the other",
            "overlap": "agrees in part: the due windows overlap",
            "apart": "moved: the due windows share no day"}


def restatement_table(corpus: Corpus) -> pd.DataFrame:
    """``restatement_pairs`` for reading: which deadline (who set it for whom, and the demand), the mention
    and its restatement (by article title and date when there are several articles), their due windows, the
    verdict.

    Args:
        corpus: the loaded corpus.

    Returns:
        One row per restatement with a due window, beside the mention before it with one: ``deadline``,
        ``mention``, ``falls due``, ``restated in``, ``restated due``, ``verdict``, ``days shared``.

    Example (the seed restates one deadline, but its first mention states no due window):
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> table = analysis.restatement_table(corpus)
        >>> len(table), list(table.columns)
        (0, ['deadline', 'mention', 'falls due', 'restated in', 'restated due', 'verdict', 'days shared'])
    """
    pairs = restatement_pairs(corpus.deadlines, corpus.articles)
    labels = corpus.article_labels()
    several = corpus.articles["article_id"].nunique() > 1

    def ref(article_id, entry):
        return f"{labels.get(article_id, article_id)} · {entry}" if several else entry
    setters = _names_of(corpus, pairs["set_by"], "not stated")
    for_whom = _addressed(corpus, "deadline", zip(pairs["second_article_id"], pairs["second"]), "not stated")
    return pd.DataFrame({
        "deadline": [f"{who} → {to}" + (f": {what}" if isinstance(what, str) else "")
                     for who, to, what in zip(setters, for_whom, pairs["demand"])],
        "mention": [ref(a, e) for a, e in zip(pairs["article_id"], pairs["first"])],
        "falls due": pairs["first_due"],
        "restated in": [ref(a, e) for a, e in zip(pairs["second_article_id"], pairs["second"])],
        "restated due": pairs["second_due"],
        "verdict": pairs["relation"].map(VERDICTS),
        "days shared": pairs["shared_days"],
    })


def statements_by_speaker(corpus: Corpus) -> pd.DataFrame:
    """Speaker × mode counts (unattributed statements under '(unattributed)'), most first.

    Args:
        corpus: the loaded corpus.

    Returns:
        One row per speaker id: a column per mode (``direct``, ``reported``) and ``total``; by total, then
        direct.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> print(analysis.statements_by_speaker(corpus).head(3).to_string())
        mode      direct  reported  total
        speaker
        putin          1        11     12
        trump          1         3      4
        zelensky       1         3      4
    """
    st = corpus.statements.assign(speaker=corpus.statements["speaker"].astype(str).where(
        corpus.statements["speaker"].notna(), "(unattributed)"))
    table = pd.crosstab(st["speaker"], st["mode"].astype(str))
    for mode in MODES:
        if mode not in table:
            table[mode] = 0
    table = table[list(MODES)]
    table["total"] = table.sum(axis=1)
    return table.sort_values(["total", "direct"], ascending=False)


def topic_counts(corpus: Corpus) -> pd.DataFrame:
    """Topic × speaker counts of statements (a statement counts once per topic it carries).

    Args:
        corpus: the loaded corpus.

    Returns:
        One row per topic carried (most statements first), one column per speaker id ('(unattributed)' for
        none).

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> print(analysis.topic_counts(corpus)[["putin", "trump"]].head(3).to_string())
        speaker       putin  trump
        topic
        negotiations      5      2
        battlefield       1      0
        deadline          0      3
    """
    merged = corpus.statement_topics.merge(corpus.statements[["article_id", "statement_id", "speaker"]],
                                           on=["article_id", "statement_id"])
    speaker = merged["speaker"].astype(str).where(merged["speaker"].notna(), "(unattributed)")
    table = pd.crosstab(merged["topic"].astype(str), speaker)
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index]


def topic_choices(corpus: Corpus) -> pd.DataFrame:
    """The topics worth offering in a filter of this corpus (columns ``topic, label, stories``), its own
    first: those its statements carry, then the others of its stories and of every story, each group in
    topics.yaml's order. A topic of other stories only (``stories:`` in topics.yaml) that no statement carries
    is left out, so a corpus narrowed to one story offers that story's topics, not another's."""
    topics = corpus.topics
    used = topics["topic"].isin(set(corpus.statement_topics["topic"].astype(str)))
    stories = corpus.stories()
    fits = topics["stories"].map(lambda labels: not isinstance(labels, str) or any(
        topic_in_story(labels.split(STORY_SEPARATOR), story) for story in stories))
    return pd.concat([topics[used], topics[~used & fits]], ignore_index=True)


def deadline_status(deadlines: pd.DataFrame, as_of=None,
                    articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each deadline's state on a day: not yet issued, pending, due, past, or open.

    ``as_of`` a day: every deadline is judged on that day. ``as_of`` None ("as reported"): each deadline
    is judged on its own article's ``published`` date, taken from ``articles`` — a story from 2010 and
    one from 2025 are each read as their reporters saw them. The day used is in the ``as_of`` column.
    It takes the deadlines table, not the corpus, so that any selection of deadlines can be judged.

    Args:
        deadlines: ``corpus.deadlines`` or rows of it.
        as_of: the day to judge every deadline on (anything ``pd.Timestamp`` reads), or None: as reported.
        articles: ``corpus.articles``; needed when ``as_of`` is None.

    Returns:
        One row per deadline, in order: ``deadline_id``, ``article_id``, ``status``, ``days_left`` (text),
        ``days_left_min``, ``days_left_max``, ``due`` (the window as text) and ``as_of``.

    Raises:
        ValueError: ``as_of`` is None and ``articles`` is not given.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> status = analysis.deadline_status(corpus.deadlines, None, corpus.articles)
        >>> print(status[["deadline_id", "status", "days_left"]].to_string())
          deadline_id                     status     days_left
        0          D1  open (no due date stated)             —
        1          D2                    pending  3 to 10 days
        2          D3                    pending        7 days
        3          D4  open (no due date stated)             —
        >>> analysis.deadline_status(corpus.deadlines, "2025-08-09")["status"].tolist()
        ['open (no due date stated)', 'due (inside its window)', 'past', 'open (no due date stated)']
    """
    return next(deadline_statuses(deadlines, [as_of], articles))


def deadline_statuses(deadlines: pd.DataFrame, days: list, articles: pd.DataFrame | None = None):
    """``deadline_status`` on each of ``days`` in turn (None: as reported), a table per day: what does not
    change with the day (each due window as text, the articles' dates) is worked out once, for an explorer
    of dozens of days.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> days = ["2025-08-01", "2025-08-09"]
        >>> [s["status"].iloc[2] for s in analysis.deadline_statuses(corpus.deadlines, days)]
        ['pending', 'past']
    """
    d = deadlines.reset_index(drop=True)
    early, late = d["due_earliest"], d["due_latest"]
    due = pd.Series(_windows(early, late), index=d.index)
    reported = None
    for as_of in days:
        if as_of is None and reported is None:
            if articles is None:
                raise ValueError("deadline_status(as_of=None) judges each "
                                 "deadline on its article's date: pass articles=")
            codes, ids = pd.factorize(d["article_id"])  # look each article up once, not once per deadline
            reported = pd.Series(_published(articles).reindex(ids).to_numpy(dtype="datetime64[ns]")[codes],
                                 index=d.index)
            reported[codes < 0] = pd.NaT
        day = reported if as_of is None else pd.Series(pd.Timestamp(as_of), index=d.index,
                                                       dtype="datetime64[ns]")
        yield _status_on(d, day, due)


def _status_on(d: pd.DataFrame, day: pd.Series, due: pd.Series) -> pd.DataFrame:
    early, late, issued = d["due_earliest"], d["due_latest"], d["issued_earliest"]
    # in priority order, as an analyst would read them (column-wise: 100,000 deadlines in a blink)
    status = np.select(
        [day.isna(), issued.notna() & (day < issued), early.isna() & late.isna(), late.notna() & (day > late),
         early.notna() & (day < early)],
        ["no article date", "not yet issued", "open (no due date stated)", "past", "pending"],
        "due (inside its window)")
    left_min = (early - day).dt.days.astype("Int64")
    left_max = (late - day).dt.days.astype("Int64")
    left_min = left_min.mask(pd.Series(status == "due (inside its window)") & left_min.notna(), 0)
    out = pd.DataFrame({"deadline_id": d["deadline_id"], "article_id": d["article_id"], "status": status,
                        "days_left": _days_left_column(left_min, left_max), "days_left_min": left_min,
                        "days_left_max": left_max, "due": due, "as_of": day})
    return out


def _published(articles: pd.DataFrame) -> pd.Series:
    """Article id → its publication date."""
    return articles.drop_duplicates("article_id").set_index("article_id")["published"]


def as_of_days(deadlines: pd.DataFrame, articles: pd.DataFrame | None = None,
               limit: int = 45) -> list[pd.Timestamp]:
    """The days on which a deadline changes state, for an "as of" control: each article's date, the
    day each deadline is issued, the day before and the first day of its due window, its last day and
    the day after. At most ``limit``: beyond that, the days of the most deadlines first, then evenly."""
    one = pd.Timedelta(days=1)
    cols = [deadlines["issued_earliest"], deadlines["due_earliest"] - one, deadlines["due_earliest"],
            deadlines["due_latest"], deadlines["due_latest"] + one]
    if articles is not None:
        cols.append(_published(articles).reindex(deadlines["article_id"].unique()))
    stamps = pd.concat(cols, ignore_index=True).dropna()
    if stamps.empty:
        return []
    counts = stamps.value_counts()
    if len(counts) <= limit:
        return sorted(counts.index)
    # keep the days most deadlines turn on; among equals, a golden-ratio order spreads the kept days evenly
    ranked = counts.sort_index()
    spread = (np.arange(len(ranked)) * 0.6180339887) % 1
    order = np.lexsort((spread, -ranked.to_numpy()))
    return sorted(ranked.index[order[:limit]])


def _per_pair(first: pd.Series, second: pd.Series, label) -> list[str]:
    """``label(a, b)`` for each row's pair of values (missing: None), computed once per distinct pair.

    100,000 deadlines hold a few hundred distinct windows: each column is factorized, the two codes combined.
    """
    codes_a, values_a = pd.factorize(first)  # missing values get code -1
    codes_b, values_b = pd.factorize(second)
    width = len(values_b) + 1
    pairs, rows = np.unique((codes_a + 1) * width + codes_b + 1, return_inverse=True)

    def value(values, code):
        return values[code - 1] if code else None
    labels = np.array([label(value(values_a, p // width), value(values_b, p % width)) for p in pairs] or [""],
                      dtype=object)
    return labels[rows.reshape(-1)].tolist()


def _windows(early: pd.Series, late: pd.Series) -> list[str]:
    return _per_pair(early, late, lambda a,
                     b: format_window((pd.NaT if a is None else a, pd.NaT if b is None else b)))


def _days_left_column(low: pd.Series, high: pd.Series) -> list[str]:
    return _per_pair(low, high, lambda a,
                     b: _days_left(None if a is None else int(a), None if b is None else int(b)))


def _days_left(low, high) -> str:
    if low is None and high is None:
        return "—"
    if high is not None and high < 0:
        return _days(-high) + " ago" if low == high else (f"{-high} to "
                                                          f"{_days(-(low if low is not None else high))} ago")
    if low == high:
        return _days(low)
    return f"{low if low is not None else '?'} to {_days(high) if high is not None else '? days'}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def deadline_days(deadlines: pd.DataFrame, pad: int = 2, include_known: bool = False) -> list[pd.Timestamp]:
    """Every day from the earliest issued to the latest due date the text supports (padded),
    for an 'as of' control; ``include_known`` also spans dates from outside knowledge."""
    cols = ["issued_earliest", "issued_latest", "due_earliest", "due_latest"]
    cols += ["known_issued", "known_due"] if include_known else []
    stamps = pd.concat([deadlines[c] for c in cols]).dropna()
    if stamps.empty:
        return []
    return list(pd.date_range(stamps.min() - pd.Timedelta(days=pad), stamps.max() + pd.Timedelta(days=pad)))


NO_STORY = "(no story)"  # how articles without a story label are grouped


def story_of(corpus: Corpus) -> pd.Series:
    """Article id → its story label (``NO_STORY`` when it has none).

    Args:
        corpus: the loaded corpus.

    Returns:
        A Series indexed by article id.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> analysis.story_of(corpus).to_dict()
        {'000_d8227443fd9b5b39': '(no story)'}
    """
    return corpus.articles.set_index("article_id")["story"].astype(object).fillna(NO_STORY)


def by_story(corpus: Corpus, table, *args, **kwargs) -> pd.DataFrame:
    """Any table function of a corpus, computed per story and stacked, with the story as the first index
    level.

    Args:
        corpus: the loaded corpus.
        table: a function taking a corpus first, such as ``actor_table``.
        *args: passed on to ``table`` after the corpus.
        **kwargs: passed on to ``table``.

    Returns:
        The tables of each story's articles, stacked (stories in order of first article); empty without
        articles.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> per_story = analysis.by_story(corpus, analysis.actor_table)
        >>> print(per_story[["name", "mentions"]].head(2).to_string())
                                name  mentions
        story
        (no story) 0  Vladimir Putin        12
                   1          Russia        12
    """
    stories = story_of(corpus)
    parts = {story: table(corpus.subset(ids.index), *args, **kwargs)
             for story, ids in stories.groupby(stories, sort=False)}
    return pd.concat(parts, names=["story"]) if parts else pd.DataFrame()


def story_summary(corpus: Corpus) -> pd.DataFrame:
    """Per story: articles, first and last article date, mentions, statements, deadlines, unreviewed entries.

    Args:
        corpus: the loaded corpus.

    Returns:
        One row per story (``NO_STORY`` for unlabelled articles), in order of first article: ``articles``,
        ``first``, ``last``, ``mentions``, ``statements``, ``deadlines``, ``unreviewed``.

    Example:
        >>> from helpers import analysis, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> print(analysis.story_summary(corpus).to_string())
                    articles      first       last  mentions  statements  deadlines  unreviewed
        story
        (no story)         1 2025-08-01 2025-08-01        43          25          4           0
    """
    story = story_of(corpus)
    counts = {name: getattr(corpus, name)["article_id"].map(story).value_counts()
              for name in ("mentions", "statements", "deadlines")}
    unreviewed = corpus.unreviewed if corpus.unreviewed is not None else pd.DataFrame(columns=["article_id"])
    counts["unreviewed"] = unreviewed["article_id"].map(story).value_counts()
    arts = corpus.articles.assign(story=corpus.articles["article_id"].map(story))
    table = arts.groupby("story", sort=False).agg(articles=("article_id", "size"), first=("published", "min"),
                                                 last=("published", "max"))
    for name, series in counts.items():
        table[name] = series.reindex(table.index, fill_value=0).astype(int)
    return table
