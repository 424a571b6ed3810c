"""Machine drafts beside the analyst: on reviewed articles, which statements the drafter would have found,
missed, added or given another speaker — the error rates of this corpus's own news, not a gold corpus's.

Articles are drafted afresh from their text with the registry minus the actors a draft proposed, so the
drafter knows what it would know before review. A large corpus is judged on a fixed sample of its
reviewed articles (drafting takes a few hundredths of a second each).
"""
from __future__ import annotations

import functools
import re

import pandas as pd

from helpers.drafting.draft import draft_text
from helpers.evaluation.scoring import match_pairs

SAMPLE = 200  # reviewed articles drafted for the comparison at most: a minute or less on one core
VERDICTS = ["agrees", "other speaker", "missed", "added"]
COLUMNS = ["article", "statement", "words", "analyst's speaker", "drafter's speaker", "verdict"]


def registry_dicts(actors: pd.DataFrame) -> list[dict]:
    """The actors table as the registry the drafter reads: one dict per actor (id, name, kind, aliases)."""
    return [{"id": a.actor_id, "name": a.name, "kind": str(a.kind),
             "aliases": a.aliases.split(", ") if a.aliases else []}
            for a in actors.itertuples()]


def _names(value: str) -> set[str]:
    """Ways to recognise an actor by name: the whole name and, for a multi-word name, its last word."""
    words = re.sub(r"[^\w\s]", "", value.casefold()).split()
    return {" ".join(words)} | ({words[-1]} if len(words) > 1 else set())


def id_map(draft, gold_actors: pd.DataFrame) -> dict[str, str]:
    """The analyst's id for each actor the drafter proposed, by name or alias (registry ids map to
    themselves)."""
    known: dict[str, str] = {}
    for a in gold_actors.itertuples():
        for name in [a.name, *(a.aliases.split(", ") if a.aliases else [])]:
            for key in _names(name):
                known.setdefault(key, a.actor_id)
    out = {str(a): str(a) for a in gold_actors["actor_id"]}
    for p in draft.proposed:
        full = " ".join(re.sub(r"[^\w\s]", "", p.name.casefold()).split())
        match = known.get(full) or next((known[k] for k in _names(p.name) if k in known), None)
        if match:
            out[p.id] = match
    return out


def reviewed_sample(corpus, limit: int = SAMPLE) -> pd.DataFrame:
    """The reviewed articles to draft: all of them, or a fixed random sample of ``limit`` (seed 0), by
    date."""
    articles = (
        corpus.articles[corpus.articles["reviewed"]] if "reviewed" in corpus.articles else corpus.articles
    )
    if len(articles) > limit:
        articles = articles.sample(n=limit, random_state=0).sort_values(["published", "article_id"])
    return articles


def _speaker_name(names: dict, actor) -> str:
    return "(no named source)" if actor is None or pd.isna(actor) else names.get(str(actor), str(actor))


def draft_agreement(corpus, registry: list[dict] | None = None, limit: int = SAMPLE, progress: bool = False
                    ) -> pd.DataFrame:
    """Statement by statement, the drafter beside the analyst on (a sample of) the reviewed articles:
    ``agrees``, ``other speaker``, ``missed`` (the analyst's only) or ``added`` (the drafter's only).

    Args:
        corpus: the loaded corpus.
        registry: what the drafter knows (``registry_dicts``); None: the corpus's actors less draft proposals.
        limit: the most reviewed articles drafted (a fixed sample beyond that, ``reviewed_sample``).
        progress: show a progress bar while drafting.

    Returns:
        One row per statement of either side (``COLUMNS``: both speakers by name; ``verdict`` categorical);
        ``attrs`` holds ``articles`` (how many were drafted) and ``reviewed`` (how many are reviewed).

    Example (the first draft in a process also loads the drafter's name lists, about a second):
        >>> from helpers import agreement, load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> beside = agreement.draft_agreement(corpus)
        >>> beside.attrs, beside["verdict"].value_counts(sort=False).to_dict()
        ({'articles': 1, 'reviewed': 1}, {'agrees': 25, 'other speaker': 0, 'missed': 0, 'added': 0})
    """
    if registry is None:
        proposed = corpus.actors.get("proposed_in", pd.Series(index=corpus.actors.index, dtype=object))
        registry = registry_dicts(corpus.actors[proposed.isna()])
    name = functools.partial(_speaker_name, corpus.names)
    labels = corpus.article_labels()
    statements = dict(tuple(corpus.statements.groupby("article_id", observed=True)))
    chosen = reviewed_sample(corpus, limit)
    articles = chosen.itertuples()
    if progress:
        from tqdm.auto import tqdm
        articles = tqdm(articles, total=len(chosen), desc="drafting reviewed articles", unit="article")
    rows = []
    for art in articles:
        draft = draft_text(art.text, registry, art.published.date() if pd.notna(art.published) else None)
        ids = id_map(draft, corpus.actors)
        theirs = [ids.get(s.speaker, s.speaker) for s in draft.statements]  # the drafter's speakers, as ids
        st = statements.get(art.article_id, corpus.statements.iloc[:0]).reset_index(drop=True)
        pairs = match_pairs([(int(r.start), int(r.end)) for r in st.itertuples()],
                            [(d.content_start, d.content_end) for d in draft.statements])
        label = labels[art.article_id]
        for g, d in pairs:
            mine = st.at[g, "speaker"]
            same = str(mine) == str(theirs[d]) if theirs[d] is not None else pd.isna(mine)
            rows.append((label, st.at[g, "statement_id"], st.at[g, "text"], name(mine), name(theirs[d]),
                         "agrees" if same else "other speaker"))
        rows += [(label, st.at[g, "statement_id"], st.at[g, "text"], name(st.at[g, "speaker"]), "", "missed")
                 for g in sorted(set(range(len(st))) - {g for g, _ in pairs})]
        rows += [(label, "", art.text[s.content_start:s.content_end], "", name(theirs[d]), "added")
                 for d, s in enumerate(draft.statements) if d not in {d for _, d in pairs}]
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["verdict"] = pd.Categorical(table["verdict"], categories=VERDICTS)
    table.attrs.update(articles=len(chosen),
                       reviewed=int(corpus.articles["reviewed"].sum()) if "reviewed" in corpus.articles
                       else len(corpus.articles))
    return table


def by_speaker(table: pd.DataFrame) -> pd.DataFrame:
    """Per analyst's speaker: statements, and how many the drafter got right, gave another speaker or missed;
    the speakers with most statements first.

    Args:
        table: ``draft_agreement(corpus)`` (its ``analyst's speaker`` and ``verdict`` columns).

    Returns:
        One row per analyst's speaker: ``speaker``, ``statements``, ``agrees``, ``other speaker``, ``missed``
        and ``right`` (the share that agrees, to two places); most statements first, then least right.

    Example (the analyst's three statements and one the drafter added):
        >>> import pandas as pd
        >>> from helpers import agreement
        >>> speakers = ["Vladimir Putin", "Vladimir Putin", "Donald Trump", ""]
        >>> verdicts = ["agrees", "missed", "agrees", "added"]
        >>> table = pd.DataFrame({"analyst's speaker": speakers, "verdict": verdicts})
        >>> print(agreement.by_speaker(table).to_string())
                  speaker  statements  agrees  other speaker  missed  right
        0  Vladimir Putin           2       1              0       1    0.5
        1    Donald Trump           1       1              0       0    1.0
    """
    mine = table[table["verdict"] != "added"]
    counts = pd.crosstab(mine["analyst's speaker"], mine["verdict"]).reindex(columns=VERDICTS[:3],
                                                                             fill_value=0)
    counts.insert(0, "statements", counts.sum(axis=1))
    counts["right"] = (counts["agrees"] / counts["statements"]).round(2)
    counts = counts.sort_values(["statements", "right"], ascending=[False, True])
    return counts.rename_axis("speaker").rename_axis(columns=None).reset_index()
