"""Findings as sentences, built from the analysis functions.

The notebooks print these in checked cells, so a change in the data changes
the text and the notebook tests fail until someone looks.
"""
from __future__ import annotations

import pandas as pd

from helpers.analysis import tables as analysis
from helpers.core.dates import format_window
from helpers.corpus.load import Corpus


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n:,} {word}"
    return f"{n:,} {word[:-1]}ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else f"{n:,} {word}s"


def _names(items: list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# findings that list items (quotes, deadlines, articles, names) list this many, then say how many more
ITEMS = 20


def _some(names: list[str], limit: int = ITEMS) -> list[str]:
    """The first ``limit`` names, and "N more" in place of the rest."""
    return names if len(names) <= limit else [*names[:limit], f"{len(names) - limit:,} more"]


def machine_rows(corpus: Corpus, kind: str) -> int:
    """How many rows of the table ``kind`` (mentions, statements, deadlines) are unreviewed machine drafts."""
    table = getattr(corpus, kind)
    return int((~table["reviewed"].astype(bool)).sum()) if "reviewed" in table and len(table) else 0


def basis(corpus: Corpus, kind: str) -> str:
    """What the findings on ``kind`` (mentions, statements, deadlines) rest on: the analyst's annotations
    only, or with machine drafts too — then how many entries are unreviewed and how often the drafter is
    right."""
    table, machine = getattr(corpus, kind), machine_rows(corpus, kind)
    if not machine:
        return f"Basis: the analyst's annotations only ({_plural(len(table), kind[:-1])})."
    from helpers.evaluation.drafter_accuracy import trust
    return (f"Basis: the analyst's annotations and machine drafts: {machine:,} of {len(table):,} {kind} "
            f"({machine / len(table):.0%}) are unreviewed machine drafts. {trust(kind)}")


def chart_basis(corpus: Corpus, kind: str) -> str:
    """The short form of ``basis`` that a chart carries under its axes.

    Args:
        corpus: the loaded corpus.
        kind: the table the chart counts: "mentions", "statements" or "deadlines".

    Returns:
        One sentence: the analyst's annotations only, or how many unreviewed machine drafts are included.

    Example:
        >>> from helpers import findings, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> findings.chart_basis(corpus, "mentions")
        "The analyst's annotations only (43 mentions)."
    """
    table, machine = getattr(corpus, kind), machine_rows(corpus, kind)
    if not machine:
        return f"The analyst's annotations only ({_plural(len(table), kind[:-1])})."
    return f"Includes {machine:,} unreviewed machine {kind} of {len(table):,} ({machine / len(table):.0%})."


def actor_findings(corpus: Corpus) -> list[str]:
    """The actor findings: the most mentioned, the corpus's size, the most frequent speaker, those mentioned
    but never speaking, the actors most often named together, and what the counts rest on.

    Args:
        corpus: the loaded corpus.

    Returns:
        The findings, one sentence each, the headline first.

    Example:
        >>> from helpers import findings, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> for line in findings.actor_findings(corpus):
        ...     print(line)
        Most mentioned: Vladimir Putin and Russia (12 mentions each, 28% of all mentions each).
        The corpus holds 1 article naming 8 actors in 43 mentions.
        Most often the speaker: Vladimir Putin, in 12 of 25 statements (48%).
        Mentioned but never speaking: Russia, Alexander Lukashenko and United Nations Security Council.
        Most often named together: Vladimir Putin & Russia, Vladimir Putin & Ukraine and Russia & Ukraine (5
        passages each).
        Basis: the analyst's annotations only (43 mentions).
        Basis: the analyst's annotations only (25 statements).
    """
    counts = analysis.actor_counts(corpus)
    present = counts[counts["mentions"] > 0]
    total = int(counts["mentions"].sum())
    size = (f"The corpus holds {_plural(len(corpus.articles), 'article')} naming "
            f"{_plural(len(present), 'actor')} in {_plural(total, 'mention')}.")
    if present.empty:
        return [size, basis(corpus, "mentions")]
    top = present["mentions"].max()
    leaders = present[present["mentions"] == top]["name"].tolist()
    out = [f"Most mentioned: {_names(leaders)} ({top:,} mentions{' each' if len(leaders) > 1 else ''}, "
           f"{top / total:.0%} of all mentions{' each' if len(leaders) > 1 else ''}).", size]
    n_statements = len(corpus.statements)
    if n_statements:
        best = present["statements"].max()
        speakers = present[present["statements"] == best]["name"].tolist()
        each = " each" if len(speakers) > 1 else ""
        out.append(f"Most often the speaker: {_names(speakers)}, in {best:,} of "
                   f"{n_statements:,} statements{each} ({best / n_statements:.0%}).")
    silent = present[present["statements"] == 0]["name"].tolist()
    if silent:
        out.append(f"Mentioned but never speaking: {_names(_some(silent))}.")
    pairs = _pairs(analysis.co_mentions(corpus))
    if not pairs.empty:
        most = pairs["passages"].max()
        best_pairs = pairs[pairs["passages"] == most]
        named = [f"{corpus.actor_name(a)} & {corpus.actor_name(b)}" for a,
                 b in zip(best_pairs["a"], best_pairs["b"])]
        out.append(f"Most often named together: {_names(named)} "
                   f"({_plural(most, 'passage')}{' each' if len(named) > 1 else ''}).")
    return out + [basis(corpus, "mentions"), basis(corpus, "statements")]


def _pairs(matrix: pd.DataFrame) -> pd.DataFrame:
    rows = [(a, b, int(matrix.loc[a, b])) for i, a in enumerate(matrix.index) for b in matrix.index[i + 1:]
            if matrix.loc[a, b] > 0]
    return pd.DataFrame(rows, columns=["a", "b", "passages"])


def statement_findings(corpus: Corpus) -> list[str]:
    """The statement findings: how many, direct or reported and unattributed; the count per speaker; speakers
    only reported, never quoted; the most common topic; and what the counts rest on.

    Args:
        corpus: the loaded corpus.

    Returns:
        The findings, one sentence each (a single one when the corpus has no statements).

    Example:
        >>> from helpers import findings, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> for line in findings.statement_findings(corpus):
        ...     print(line)
        25 statements: 3 direct quotes and 22 reported; 2 with no named source.
        By speaker: Vladimir Putin 12 (1 direct); Donald Trump 4 (1 direct); Volodymyr Zelensky 4 (1 direct);
        United States 2 (0 direct); Ukraine 1 (0 direct).
        Only reported, never quoted directly: United States and Ukraine.
        Most common topic: negotiations (11 statements).
        Basis: the analyst's annotations only (25 statements).
    """
    st = corpus.statements
    if st.empty:
        return ["The corpus holds no statements."]
    direct = int((st["mode"] == "direct").sum())
    unattributed = int(st["speaker"].isna().sum())
    out = [f"{_plural(len(st), 'statement')}: {direct:,} direct quotes and {len(st) - direct:,} reported; "
           f"{unattributed:,} with no named source."]
    table = analysis.statements_by_speaker(corpus)
    named = table.drop(index="(unattributed)", errors="ignore")
    parts = [f"{corpus.actor_name(s)} {r.total:,} ({r.direct:,} direct)" for s,
             r in named.head(ITEMS).iterrows()]
    more = f"; and {len(named) - ITEMS:,} more speakers" if len(named) > ITEMS else ""
    out.append("By speaker: " + "; ".join(parts) + more + ".")
    reporting_only = [corpus.actor_name(s) for s, r in named.iterrows() if r.direct == 0]
    if reporting_only:
        out.append(f"Only reported, never quoted directly: {_names(_some(reporting_only))}.")
    topics = corpus.statement_topics["topic"].astype(str).value_counts()
    if not topics.empty:
        top = topics.max()
        out.append(f"Most common topic: {_names(topics[topics == top].index.tolist())} "
                   f"({_plural(int(top), 'statement')}).")
    return out + [basis(corpus, "statements")]


def _listed(lines: list[str], total: int, what: str, limit: int = ITEMS) -> list[str]:
    """The first ``limit`` lines, and one saying how many more there are (``total`` in all)."""
    return lines[:limit] + ([f"… and {total - limit:,} more {what}."] if total > limit else [])


def direct_quotes(corpus: Corpus, limit: int = ITEMS) -> list[str]:
    """The direct quotes (the first ``limit``), verbatim, with their speakers.

    Args:
        corpus: the loaded corpus.
        limit: how many quotes to list; a last line says how many more there are.

    Returns:
        One line per quote: its statement (and article, when several), speaker and words.

    Example:
        >>> from helpers import findings, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> for line in findings.direct_quotes(corpus, limit=2):
        ...     print(line)
        S8 Vladimir Putin: “We agreed that we could conduct negotiations without cameras and in a calm
        atmosphere”
        S12 Donald Trump: “There’s no reason to wait. It’s 50 days”
        … and 1 more direct quotes.
    """
    quotes = corpus.statements[corpus.statements["mode"] == "direct"]
    ref = _refs(corpus)
    lines = [f"{ref(q.article_id, q.statement_id)} {corpus.actor_name(q.speaker)}: “{q.text}”"
             for q in quotes.head(limit).itertuples()]
    return _listed(lines, len(quotes), "direct quotes", limit)


def deadline_findings(corpus: Corpus, as_of=None) -> list[str]:
    """Deadline findings, the headline first (a restated deadline that moved, else restatements that agree,
    else how many deadlines there are and the next to fall due); then the count, each restatement compared
    with the mention before it, each deadline, outside knowledge, and each deadline's state on ``as_of``
    (None: on its own article's date). Only mentions of one deadline are compared
    (``analysis.deadline_groups``).

    Args:
        corpus: the loaded corpus.
        as_of: the day to judge every deadline on, or None: each on its own article's date ("as reported").

    Returns:
        The findings, one sentence each (a single one when the corpus states no deadlines).

    Example:
        >>> from helpers import findings, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> for line in findings.deadline_findings(corpus)[:2]:
        ...     print(line)
        3 distinct deadlines in 4 mentions; the next to fall due, as reported: Donald Trump's deadline for
        Russia (D2: within “10 or 12 days,”), between 2025-08-04 and 2025-08-11 (3 to 10 days left on
        2025-08-01).
        4 deadline mentions, 3 distinct (D2 restates D1); the text supports a due window for 2.
        >>> print(findings.deadline_findings(corpus, as_of="2025-08-09")[-2])
        As of 2025-08-09: D1 open (no due date stated); D2 due (inside its window); D3 past; D4 open (no due
        date stated).
    """
    dl = corpus.deadlines
    if dl.empty:
        return ["The corpus states no deadlines."]
    groups = analysis.deadline_groups(dl, corpus.articles)
    pairs = analysis.restatement_pairs(dl, corpus.articles, groups)
    status = analysis.deadline_status(dl, as_of, corpus.articles)
    headline = _deadline_headline(corpus, groups, pairs, status, as_of)
    compared = _compared(corpus, pairs) if len(pairs) > 1 else []  # one pair: the headline says it all
    return ([headline,
             _deadline_count(corpus, groups)] + compared + _each_deadline(corpus) + _outside_knowledge(corpus)
            + status_findings(corpus, as_of, status) + [basis(corpus, "deadlines")])


def _whose(corpus: Corpus, set_by, entry: tuple[str, str], demand=None) -> str:
    """'Donald Trump's deadline for Russia' (and its demand, when given), or 'A deadline' whose setter is not
    stated; ``entry`` is the deadline's (article id, deadline id)."""
    who = f"{corpus.actor_name(set_by)}'s deadline" if pd.notna(set_by) else "A deadline (setter not stated)"
    if to := corpus.addressees("deadline").get(entry):
        who += " for " + _names([corpus.actor_name(a) for a in to])
    return who + (f" ({demand})" if isinstance(demand, str) and demand.strip() else "")


def _deadline_headline(corpus: Corpus, groups: pd.DataFrame, pairs: pd.DataFrame, status: pd.DataFrame,
                       as_of) -> str:
    """The one sentence worth reading first: a deadline that moved when restated, else restatements that
    agree, else how many deadlines there are and the next to fall due."""
    ref = _refs(corpus)
    moved = pairs[pairs["relation"] == "apart"]
    if len(pairs):
        p = (moved if len(moved) else pairs).iloc[0]
        first, second = ref(p.article_id, p.first), ref(p.second_article_id, p.second)
        whose = _whose(corpus, p.set_by, (p.second_article_id, p.second), p.demand)
        if len(moved):
            text = f"{whose} moved when restated: from {p.first_due} ({first}) to {p.second_due} ({second})."
            return text if len(pairs) == 1 else (f"{len(moved):,} of {len(pairs):,} restatements "
                                                 f"moved a deadline's due window; the first: {text}")
        text = (f"{whose} was restated with a due window that agrees: {p.second_due} ({second}) "
                + ("lies inside" if p.relation == "inside" else "overlaps") + f" {p.first_due} ({first}).")
        return text if len(pairs) == 1 else (f"All {len(pairs):,} restatements with a due window "
                                             f"agree with the mention before them; the first: {text}")
    distinct = int(groups["deadline"].nunique())
    lead = f"{_plural(distinct, 'distinct deadline')} in {_plural(len(groups), 'mention')}"
    return lead + _next_due(corpus, groups, status, as_of)


def _next_due(corpus: Corpus, groups: pd.DataFrame, status: pd.DataFrame, as_of) -> str:
    """'; the next to fall due, as reported: …' — among each deadline's latest mention with a due window that
    is pending or due; else the count by state."""
    dl = corpus.deadlines.reset_index(drop=True).join(groups.reset_index(drop=True))
    dl = dl.assign(status=status["status"].to_numpy(), left=status["days_left"].to_numpy(),
                   day=status["as_of"].to_numpy())
    dated = dl[dl["due_earliest"].notna() | dl["due_latest"].notna()]
    latest = dated.sort_values("mention").drop_duplicates("deadline", keep="last")
    ahead = latest[latest["status"].isin(["pending", "due (inside its window)"])]
    when = "as reported" if as_of is None else f"as of {pd.Timestamp(as_of):%Y-%m-%d}"
    if ahead.empty:
        tally = status["status"].value_counts()
        return f"; {when}, " + ", ".join(f"{n:,} {state}" for state, n in tally.items()) + "."
    d = ahead.assign(_first=ahead["due_earliest"].fillna(ahead["due_latest"])).sort_values("_first").iloc[0]
    ref = _refs(corpus)(d.article_id, d.deadline_id)
    judged = f" on {pd.Timestamp(d.day):%Y-%m-%d}" if as_of is None and pd.notna(d.day) else ""
    whose = _whose(corpus, d.set_by, (d.article_id, d.deadline_id))
    return (f"; the next to fall due, {when}: {whose} ({ref}: {d.expression}), "
            f"{_when((d.due_earliest, d.due_latest))} ({d.left} left{judged}).")


def _deadline_count(corpus: Corpus, groups: pd.DataFrame) -> str:
    """'4 deadline mentions, 3 distinct (D2 restates D1); the text supports a due window for 2.'"""
    dl = corpus.deadlines
    ref = _refs(corpus)
    later = dl.assign(restated=groups["restates"], restated_in=groups["restates_article"],
                      linked=groups["linked_by"])
    later = later[groups["mention"] > 1]
    count = f"{_plural(len(dl), 'deadline mention')}, {int(groups['deadline'].nunique()):,} distinct"
    if len(later):
        count += " (" + "; ".join(f"{ref(d.article_id, d.deadline_id)} restates "
                                  f"{ref(d.restated_in, d.restated)}"
                                  + (", same setter and demand" if d.linked == "setter and demand" else "")
                                  for d in later.head(5).itertuples())
        count += f"; {len(later) - 5:,} more)" if len(later) > 5 else ")"
    dated = dl.dropna(subset=["due_earliest", "due_latest"])
    return count + f"; the text supports a due window for {len(dated):,}."


def _compared(corpus: Corpus, pairs: pd.DataFrame) -> list[str]:
    """Each restatement beside the mention before it; for many, the tally and then the ones that moved."""
    out = []
    if len(pairs) > ITEMS:
        apart = pairs[pairs["relation"] == "apart"]
        out.append(f"Of {len(pairs):,} restatements with a due window, "
                   f"{len(pairs) - len(apart):,} agree with the mention before them "
                   f"({(len(pairs) - len(apart)) / len(pairs):.0%}) and {len(apart):,} moved.")
        pairs = apart
    ref = _refs(corpus)
    lines = [f"{ref(p.second_article_id, p.second)} ({p.second_due}) restates {ref(p.article_id, p.first)} "
             f"({p.first_due}) and {analysis.VERDICTS[p.relation]}." for p in pairs.head(ITEMS).itertuples()]
    return out + _listed(lines, len(pairs), "restatements that moved" if out else "restatements")


def _each_deadline(corpus: Corpus) -> list[str]:
    """One line per deadline mention (the first ITEMS): who set it for whom, its words, when issued and
    due."""
    dl, ref = corpus.deadlines, _refs(corpus)
    each = []
    for d in dl.head(ITEMS).itertuples():
        who = corpus.actor_name(d.set_by) if pd.notna(d.set_by) else "someone unnamed"
        to = ", ".join(corpus.actor_name(a) for a in corpus.addressees("deadline").get(
            (d.article_id, d.deadline_id), ())) or "unstated"
        each.append(f"{ref(d.article_id, d.deadline_id)} ({who} → {to}: {d.expression}): issued "
                    f"{_when((d.issued_earliest, d.issued_latest))}, "
                    f"falls due {_when((d.due_earliest, d.due_latest))}.")
    return _listed(each, len(dl), "deadline mentions (the table lists them all)")


def _outside_knowledge(corpus: Corpus) -> list[str]:
    """Issue dates known from outside the text, each set beside the window the text supports."""
    ref, known = _refs(corpus), []
    outside = corpus.deadlines.dropna(subset=["known_issued"])
    for d in outside.head(ITEMS).itertuples():
        if pd.isna(d.issued_earliest) and pd.isna(d.issued_latest):
            verdict = "where the text gives no issue date"
        elif (pd.isna(d.issued_earliest) or d.issued_earliest <= d.known_issued) and \
                (pd.isna(d.issued_latest) or d.known_issued <= d.issued_latest):
            verdict = "inside the window the text supports"
        else:
            verdict = "outside the window the text supports: check the reading"
        known.append(f"Outside knowledge (not in the text) dates {ref(d.article_id, d.deadline_id)}'s "
                     f"issue to {d.known_issued:%Y-%m-%d}, {verdict}.")
    return _listed(known, len(outside), "dates from outside knowledge")


def timeline_findings(corpus: Corpus, events: pd.DataFrame, story: str | None) -> list[str]:
    """What one story's timeline (``analysis.timeline_events``) shows: its extent, each deadline stated more
    than once and how its due window went, setters with deadlines the annotations keep apart, and how
    statements are dated.

    Args:
        corpus: the loaded corpus.
        events: ``analysis.timeline_events(corpus)``.
        story: the story to describe (``analysis.main_story(events)`` for the one drawn).

    Returns:
        The findings, one sentence each, the story's extent first.

    Example:
        >>> from helpers import analysis, findings, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> events = analysis.timeline_events(corpus)
        >>> for line in findings.timeline_findings(corpus, events, analysis.main_story(events)):
        ...     print(line)
        The timeline (1 article, 2025-08-01): 25 statements by 5 speakers and 3 deadlines in 4 mentions.
        Donald Trump's deadline for Russia was stated 2 times in 1 article: issued between 2025-07-25 and
        2025-07-30; falls due on a day not stated (D1), then between 2025-08-04 and 2025-08-11 (D2).
        Donald Trump set 2 deadlines that the annotations keep apart: “a deadline” (D1) and “50 days”
        (D4); the timeline draws them in one lane.
        2 of 25 statements carry the day they were said; the others are placed on their article's date.
    """
    ev = events[events["story"] == story]
    if ev.empty:
        return ["No statements or deadlines to place on a timeline."]
    arts = corpus.articles[corpus.articles["article_id"].isin(ev["article_id"].unique())]
    dated = arts["published"].dropna()
    span = ("" if dated.empty else f", {dated.min():%Y-%m-%d}" if dated.nunique() == 1
            else f", {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}")
    said = ev[ev["kind"] == "statement"]
    marks = ev[ev["kind"] != "statement"]
    mentions = len(marks[["article_id", "entry"]].drop_duplicates())
    title = "The timeline" if story == analysis.NO_STORY else f"The story “{story}”"
    out = [f"{title} ({_plural(len(arts), 'article')}{span}): {_plural(len(said), 'statement')} by "
           f"{_plural(said['who_id'].nunique(), 'speaker')} and "
           f"{_plural(marks['deadline'].nunique(), 'deadline')} "
           f"in {_plural(mentions, 'mention')}."]
    return out + _restated_lines(corpus, story) + _unlinked_lines(marks) + _statement_dates(said)


def _restated_lines(corpus: Corpus, story) -> list[str]:
    """Each deadline of ``story`` stated more than once: how often, in how many articles, and its due
    windows."""
    keep = analysis.story_of(corpus)
    dl = corpus.deadlines[corpus.deadlines["article_id"].map(keep) == story]
    groups = analysis.deadline_groups(dl, corpus.articles)
    d = dl.join(groups).sort_values(["deadline", "mention"])
    d = d[d.groupby("deadline")["deadline"].transform("size") > 1]
    ref, pairs = _refs(corpus), analysis.restatement_pairs(dl, corpus.articles, groups)
    lines, restated = [], d["deadline"].nunique()
    for number, mentions in d[d["deadline"].isin(d["deadline"].unique()[:ITEMS])].groupby("deadline",
                                                                                          sort=False):
        first = mentions.iloc[0]
        issued = mentions.dropna(subset=["issued_earliest"]).head(1)
        dues = ", then ".join(f"{_when((m.due_earliest, m.due_latest))} ({ref(m.article_id, m.deadline_id)})"
                              for m in mentions.itertuples())
        moved = (pairs["deadline"] == number) & (pairs["relation"] == "apart")
        window = tuple(issued.iloc[0][["issued_earliest", "issued_latest"]]) if len(issued) else None
        issued = "" if window is None else f"issued {_when(window)}; "
        whose = _whose(corpus, first.set_by, (first.article_id, first.deadline_id))
        lines.append(f"{whose} was stated {len(mentions)} times in "
                     f"{_plural(mentions['article_id'].nunique(), 'article')}: {issued}falls due {dues}"
                     + (" — its due window moved." if moved.any() else "."))
    return _listed(lines, restated, "deadlines stated more than once")


def _unlinked_lines(marks: pd.DataFrame) -> list[str]:
    """Setters with several deadlines that the annotations keep apart (an earlier deadline replaced by a new
    one stays two deadlines unless an analyst links them)."""
    lines = []
    firsts = marks[marks["kind"].isin(["deadline issued", "deadline mentioned"])]
    for who, own in firsts[firsts["who_id"].notna()].groupby("who", sort=False):
        if own["deadline"].nunique() > 1:
            named = [f"“{w}” ({e})" for w, e in zip(own["words"], own["entry"])]
            lines.append(f"{who} set {_plural(len(named), 'deadline')} that the annotations keep apart: "
                         f"{_names(_some(named, 5))}; the timeline draws them in one lane.")
    return _listed(lines, len(lines), "setters with several deadlines the annotations keep apart", limit=3)


def _statement_dates(said: pd.DataFrame) -> list[str]:
    """How the statements are placed: on the day they were said, or on their article's date."""
    if said.empty:
        return []
    own = int((said["placed_by"] == "said on").sum())
    verb = "carries" if own == 1 else "carry"
    rest = "the others are placed on their article's date" if own < len(said) else ("each is placed "
                                                                                    "on that day")
    return [f"{own:,} of {_plural(len(said), 'statement')} {verb} the day it was said; {rest}."
            if own == 1
            else f"{own:,} of {_plural(len(said), 'statement')} {verb} the day they were said; {rest}."]


def _refs(corpus: Corpus):
    """How findings name an entry: 'D2' in a one-article corpus, 'Article title (date) · D2' otherwise."""
    if len(corpus.articles) > 1:
        labels = corpus.article_labels()
        return lambda article_id, entry: f"{labels.get(article_id, article_id)} · {entry}"
    return lambda article_id, entry: entry


def _article_prefix(corpus: Corpus):
    """'Article title (date): ' before entries of one article named together; nothing in a one-article
    corpus."""
    if len(corpus.articles) > 1:
        labels = corpus.article_labels()
        return lambda article_id: f"{labels.get(article_id, article_id)}: "
    return lambda article_id: ""


def _when(window) -> str:
    text = format_window(window)
    if text == "open":
        return "on a day not stated"
    return "on " + text if " to " not in text else "between " + text.replace(" to ", " and ")


def status_findings(corpus: Corpus, as_of=None, status: pd.DataFrame | None = None) -> list[str]:
    """Each deadline's state on ``as_of``, or — as_of None — on its own article's date ("as reported");
    ``status`` is ``analysis.deadline_status`` when already computed."""
    status = analysis.deadline_status(corpus.deadlines, as_of, corpus.articles) if status is None else status
    ref = _refs(corpus)
    when = ("As reported (each deadline on its own article's date)" if as_of is None
            else f"As of {pd.Timestamp(as_of):%Y-%m-%d}")
    if len(status) > ITEMS:
        tally = status["status"].value_counts()
        return [f"{when}: " + "; ".join(f"{n:,} {state}" for state, n in tally.items()) + "."]
    parts = [f"{ref(s.article_id, s.deadline_id)} {s.status}"
             + (f" ({s.days_left} left)" if s.status == "pending" else "")
             for s in status.itertuples()]
    return [f"{when}: " + "; ".join(parts) + "."]


def default_as_of(corpus: Corpus) -> pd.Timestamp:
    """A single 'as of' day when one is wanted: the latest article date, never today's clock."""
    published = corpus.articles["published"].dropna()
    if not published.empty:
        return published.max()
    days = analysis.deadline_days(corpus.deadlines, pad=0)
    return days[0] if days else pd.Timestamp("1970-01-01")


def reader_findings(corpus: Corpus) -> list[str]:
    """What the reader marks in each article, one line per article (the first ITEMS).

    Args:
        corpus: the loaded corpus.

    Returns:
        One line per article: its label and how many mentions, statements and deadlines are marked.

    Example:
        >>> from helpers import findings, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> findings.reader_findings(corpus)
        ['Putin Open to Peace Talks Amid Russia’s Military Advances… (2025-08-01): 43 mentions, 25
        statements (3 direct), 4 deadlines marked.']
    """
    out = []
    per = lambda table: table["article_id"].value_counts()  # noqa: E731 - one count per article, at once
    mentions, statements, deadlines = per(corpus.mentions), per(corpus.statements), per(corpus.deadlines)
    directs = per(corpus.statements[corpus.statements["mode"] == "direct"])
    labels = corpus.article_labels()
    for a in corpus.articles.head(ITEMS).itertuples():
        m, d = int(mentions.get(a.article_id, 0)), int(deadlines.get(a.article_id, 0))
        st, direct = range(int(statements.get(a.article_id, 0))), int(directs.get(a.article_id, 0))
        machine = "reviewed" in corpus.articles and not a.reviewed
        out.append(f"{labels[a.article_id]}: {_plural(m, 'mention')}, {_plural(len(st), 'statement')} "
                   f"({direct} direct), {_plural(d, 'deadline')} "
                   + ("in its machine draft, not yet reviewed (⚑)." if machine else "marked."))
    return _listed(out, len(corpus.articles), "articles")


def agreement_findings(table: pd.DataFrame) -> list[str]:
    """What a comparison of machine drafts with the analyst (``agreement.draft_agreement``) shows.

    Args:
        table: ``agreement.draft_agreement(corpus)``: a ``verdict`` and an ``analyst's speaker`` per
            statement; its ``attrs`` say how many articles were compared (``articles``) and reviewed.

    Returns:
        The findings: how many of the analyst's statements the drafter finds and attributes alike, then the
        speakers it gets wrong most often (when any).

    Example (the analyst's three statements and one the drafter added):
        >>> import pandas as pd
        >>> from helpers import findings
        >>> speakers = ["Vladimir Putin", "Vladimir Putin", "Donald Trump", ""]
        >>> verdicts = ["agrees", "missed", "agrees", "added"]
        >>> table = pd.DataFrame({"analyst's speaker": speakers, "verdict": verdicts})
        >>> table.attrs.update(articles=1, reviewed=1)
        >>> for line in findings.agreement_findings(table):
        ...     print(line)
        On 1 reviewed article the drafter finds 2 of the analyst's 3 statements (67%) and gives 2 of them the
        analyst's speaker (67% of all); it gives 0 another speaker, misses 1 and adds 1 the analyst did not
        mark.
        Speakers whose statements the drafter gets wrong most often: Vladimir Putin (1 of 2 right).
    """
    n, reviewed = table.attrs.get("articles", 0), table.attrs.get("reviewed", 0)
    if not n:
        return ["No reviewed article to compare machine drafts with."]
    verdicts = table["verdict"].value_counts()
    agrees, other, missed, added = (int(verdicts.get(v, 0))
                                    for v in ("agrees", "other speaker", "missed", "added"))
    theirs = agrees + other + missed
    where = (f"On {_plural(n, 'reviewed article')}" if n == reviewed else
             f"On a fixed sample of {n:,} of the {reviewed:,} reviewed articles")
    if not theirs:
        return [f"{where} the analyst marked no statements; the drafter proposed "
                f"{_plural(added, 'statement')}."]
    out = [f"{where} the drafter finds {agrees + other:,} of the analyst's {_plural(theirs, 'statement')} "
           f"({(agrees + other) / theirs:.0%}) and gives {agrees:,} of them the analyst's speaker "
           f"({agrees / theirs:.0%} of all); it gives {other:,} another speaker, misses {missed:,} "
           f"and adds {added:,} the analyst did not mark."]
    from helpers.evaluation.agreement import by_speaker
    wrong = by_speaker(table)
    wrong = wrong[wrong["right"] < 1].sort_values(["right", "statements"], ascending=[True, False])
    if len(wrong):
        out.append("Speakers whose statements the drafter gets wrong most often: " + "; ".join(
            f"{r.speaker} ({r.agrees:,} of {r.statements:,} right)"
            for r in wrong.head(5).itertuples()) + ".")
    return out


def place_findings(corpus: Corpus) -> list[str]:
    """Where the coverage is set: the places (cities and regions that are not states) named, apart from the
    actors.

    Args:
        corpus: the loaded corpus.

    Returns:
        One sentence: how many places are named and the most named, or that none is.

    Example:
        >>> from helpers import findings, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> findings.place_findings(corpus)
        ['No place other than a state is named as an actor in these annotations (kind place: a city or region;
        see data/README.md).']
    """
    places = analysis.place_table(corpus)
    if places.empty:
        return ["No place other than a state is named as an actor in these "
                "annotations (kind place: a city or region; see data/README.md)."]
    top = places["mentions"].max()
    leaders = places[places["mentions"] == top]["name"].tolist()
    return [f"{_plural(len(places), 'place')} named in "
            f"{_plural(int(places['mentions'].sum()), 'mention')}; most often {_names(leaders)} "
            f"({_plural(int(top), 'mention')}{' each' if len(leaders) > 1 else ''})."]


def data_limits(corpus: Corpus) -> list[str]:
    """What the findings rest on, computed from the corpus: its extent, its stories, how much is reviewed.

    Args:
        corpus: the loaded corpus.

    Returns:
        Sentences on the articles and their dates and stories, unreviewed drafts, drafts waiting in the corpus
        folder, undated articles and articles counted by sentence.

    Example:
        >>> from helpers import findings, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> for line in findings.data_limits(corpus):
        ...     print(line)
        The findings describe 1 annotated article, dated 2025-08-01: counts reflect which articles were
        collected, not the coverage at large.
        No entry carries a machine draft's review fields: the article counts as reviewed.
    """
    arts = corpus.articles
    machine = set(arts.loc[~arts["reviewed"].astype(bool), "article_id"]) if "reviewed" in arts else set()
    out = [_extent(corpus), *_review_state(corpus, machine)]
    undated = int(arts["published"].isna().sum())
    if undated:
        out.append(f"{_plural(undated, 'article')} {'has' if undated == 1 else 'have'} no publication date: "
                   "their deadlines cannot be judged as reported.")
    flat = sum(map(analysis.counted_by_sentence, arts["text"]))
    if flat:
        out.append(f"{_plural(flat, 'article')} {'has' if flat == 1 else 'have'} no blank lines between some "
                   "paragraphs: co-mentions there are counted by sentence.")
    return out


def _extent(corpus: Corpus) -> str:
    """'The findings describe N annotated articles, dated …, in N stories (…): counts reflect …'"""
    arts = corpus.articles
    dated = arts["published"].dropna()
    span = (f", dated {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}" if dated.nunique() > 1
            else f", dated {dated.iloc[0]:%Y-%m-%d}" if len(dated) else "")
    stories = corpus.stories()
    grouped = (f" in {_plural(len(stories), 'story')} ({_names([f'“{s}”' for s in stories[:ITEMS]])}"
               + (f" and {len(stories) - ITEMS:,} more" if len(stories) > ITEMS else "") + ")"
               if stories else "")
    unlabelled = int(arts["story"].isna().sum())
    return (f"The findings describe {_plural(len(arts), 'annotated article')}{span}{grouped}"
            + (f", {unlabelled:,} of them with no story label" if stories and unlabelled else "")
            + ": counts reflect which articles were collected, not the coverage at large.")


def _review_state(corpus: Corpus, machine: set) -> list[str]:
    """How much is reviewed: whole articles that are machine drafts (``machine``), entries of the analyst's
    files still under review, and drafts waiting in the corpus folder."""
    arts, out = corpus.articles, []
    if machine:  # loaded with drafts=True: whole articles nobody has reviewed
        parts = [_plural(int(table["article_id"].isin(machine).sum()), kind[:-1])
                 for kind, table in (("mentions", corpus.mentions), ("statements", corpus.statements),
                                     ("deadlines", corpus.deadlines))]
        out.append(f"{len(machine):,} of {len(arts):,} articles are machine drafts nobody has reviewed yet "
                   f"({', '.join(parts)}, each marked ⚑ unreviewed).")
    pending = corpus.unreviewed if corpus.unreviewed is not None else arts.iloc[:0]
    # entries of the analyst's files still under review
    pending = pending[~pending["article_id"].isin(machine)]
    if len(pending):
        drafts = pending["article_id"].nunique()
        out.append(f"{len(arts) - len(machine) - drafts:,} of {len(arts):,} articles are fully "
                   f"reviewed; {_plural(len(pending), 'entry')} in {_plural(drafts, 'article')} "
                   "are machine drafts not yet reviewed (marked ⚑ unreviewed).")
    elif machine and len(arts) == len(machine):
        out.append("No article is reviewed yet: every finding rests on machine drafts.")
    elif machine:
        out.append(f"The other {_plural(len(arts) - len(machine), 'article')} are fully reviewed."
                   if len(arts) - len(machine) != 1 else "The other article is fully reviewed.")
    else:
        out.append("No entry carries a machine draft's review fields: "
                   + ("the article counts as reviewed." if len(arts) == 1
                      else f"all {len(arts):,} articles count as reviewed."))
    if not machine and getattr(corpus, "folder", None):
        from helpers.corpus.files import waiting_drafts
        waiting = len(waiting_drafts(corpus.folder))
        if waiting:
            out.append(f"{_plural(waiting, 'machine draft')} of articles not yet annotated "
                       f"{'waits' if waiting == 1 else 'wait'} in the corpus folder, not counted here "
                       "(`drafts = True` counts them, marked ⚑ unreviewed; "
                       "the review notebook turns them into annotations).")
    return out
