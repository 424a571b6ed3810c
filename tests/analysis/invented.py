"""Invented tables for the analysis tests: deadlines, articles, statements, and a corpus of them on the seed's
registry."""
import dataclasses

import pandas as pd

DATES = ["issued_earliest", "issued_latest", "due_earliest", "due_latest", "known_issued", "known_due"]


def deadline(deadline_id, article_id="a", due=None, issued=None, **fields) -> dict:
    """A deadline row: ``due``/``issued`` are one day or (earliest, latest)."""
    row = dict(deadline_id=deadline_id, article_id=article_id, set_by="trump", addressee="russia",
               expression=f"words of {deadline_id}", demand=None, same_as=None,
               start=int(deadline_id[1:]) * 10)
    for name, window in (("due", due), ("issued", issued)):
        early, late = window if isinstance(window, tuple) else (window, window)
        row[f"{name}_earliest"], row[f"{name}_latest"] = pd.Timestamp(early), pd.Timestamp(late)
    return {**row, **fields}


def table(rows: list[dict], columns=None) -> pd.DataFrame:
    """Invented rows as a table with ``columns`` (default: the rows' own fields), dates typed."""
    columns = list(columns if columns is not None else dict.fromkeys(k for r in rows for k in r))
    frame = pd.DataFrame([{c: None for c in columns} | r for r in rows], columns=columns)
    for c in DATES + ["published", "said_on"]:
        if c in frame:
            frame[c] = pd.to_datetime(frame[c])
    return frame


def articles(*rows) -> pd.DataFrame:
    """Articles from (id, published, story) triples, titled 'Title <id>'."""
    return pd.DataFrame([dict(article_id=a, published=pd.Timestamp(day), story=story, title=f"Title {a}",
                              text="",
                              reviewed=True) for a, day, story in rows])


def statement(statement_id, article_id="a", speaker="putin", said_on=None, **fields) -> dict:
    return dict(statement_id=statement_id, article_id=article_id, speaker=speaker, mode="reported",
                text=f"words of {statement_id}", said_on=pd.Timestamp(said_on), reviewed=True, **fields)


def addressees(rows, id_column: str, like: pd.DataFrame) -> pd.DataFrame:
    """The long table of the rows' ``addressee`` (one id or a list), with the columns of ``like``."""
    return table([{"article_id": r["article_id"], id_column: r[id_column], "addressee": a} for r in rows
                  for a in ([r["addressee"]] if isinstance(r.get("addressee"), str) else r.get("addressee")
                            or [])],
                 like.columns)


def corpus(seed, deadlines: list[dict], articles: pd.DataFrame, statements: list[dict] = ()):
    """The seed's registry with invented articles, deadlines and statements."""
    arts = table(articles.to_dict("records"), seed.articles.columns)
    dl = table([{"reviewed": True} | d for d in deadlines], seed.deadlines.columns)
    st = table(list(statements), seed.statements.columns)
    return dataclasses.replace(seed, articles=arts, deadlines=dl, statements=st,
                               deadline_addressees=addressees(deadlines, "deadline_id",
                                                              seed.deadline_addressees),
                               statement_addressees=addressees(statements, "statement_id",
                                                               seed.statement_addressees),
                               mentions=seed.mentions.iloc[:0],
                               statement_topics=seed.statement_topics.iloc[:0],
                               unreviewed=None, folder=None)
