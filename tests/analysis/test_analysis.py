import pandas as pd
import pytest

from helpers.analysis import findings
from helpers.analysis import tables as analysis
from helpers.core import textspans


def test_actor_counts(seed):
    counts = analysis.actor_counts(seed)
    assert counts.loc["putin", "mentions"] == 12 and counts.loc["putin", "statements"] == 12
    assert counts.loc["russia", "statements"] == 0
    assert list(counts.index[:2]) == ["putin", "russia"]  # ties broken by statements, then name


def test_paragraphs_split_on_blank_lines():
    assert textspans.paragraphs("a b\nc\n\n d \n\n\ne") == [(0, 5), (8, 9), (13, 14)]


def test_co_mentions_symmetric_with_paragraph_counts(seed):
    m = analysis.co_mentions(seed)
    assert (m.to_numpy() == m.T.to_numpy()).all()
    assert m.loc["putin", "putin"] == 8
    assert m.loc["putin", "lukashenko"] == 1 and m.loc["usa", "putin"] == 0


def test_kwic():
    left, word, right = analysis.kwic("one two\nthree four five", 8, 13, width=4)
    assert (left, word, right) == ("…two", "three", "four…")


def test_mentions_in_context(seed):
    table = analysis.mentions_in_context(seed, "trump")
    assert list(table["mention"]) == ["U.S. President Donald Trump", "Trump", "his", "he"]


@pytest.mark.parametrize("kw, n", [({}, 25), ({"speaker": "putin"}, 12), ({"mode": "direct"}, 3),
                                   ({"speaker": "none"}, 2), ({"topic": "deadline"}, 4),
                                   ({"speaker": "trump", "mode": "direct", "topic": "deadline"}, 1)])
def test_filter_statements(seed, kw, n):
    assert len(analysis.filter_statements(seed, **kw)) == n


def test_statements_by_speaker(seed):
    table = analysis.statements_by_speaker(seed)
    assert table.loc["putin"].tolist() == [1, 11, 12]
    assert table.loc["(unattributed)", "total"] == 2


def _deadline(**kw):
    base = dict(deadline_id="X", article_id="a", issued_earliest=pd.NaT, issued_latest=pd.NaT,
                due_earliest=pd.NaT, due_latest=pd.NaT, set_by=None, addressee=None, demand=None,
                same_as=None)
    base.update({k: pd.Timestamp(v) for k, v in kw.items()})
    return base


@pytest.mark.parametrize("as_of, status, left", [
    ("2025-08-01", "pending", "3 to 10 days"),
    ("2025-08-06", "due (inside its window)", "0 to 5 days"),
    ("2025-08-12", "past", "1 to 8 days ago"),
    ("2025-07-20", "not yet issued", "15 to 22 days"),
])
def test_deadline_status(as_of, status, left):
    dl = pd.DataFrame([_deadline(issued_earliest="2025-07-25", issued_latest="2025-07-30",
                                 due_earliest="2025-08-04", due_latest="2025-08-11")])
    row = analysis.deadline_status(dl, as_of).iloc[0]
    assert (row["status"], row["days_left"]) == (status, left)


def test_open_deadline_status():
    row = analysis.deadline_status(pd.DataFrame([_deadline()]), "2025-08-01").iloc[0]
    one = analysis.deadline_status(pd.DataFrame([_deadline(due_earliest="2025-08-02",
                                                           due_latest="2025-08-02")]),
                                   "2025-08-01").iloc[0]
    assert one["days_left"] == "1 day"
    assert row["status"] == "open (no due date stated)" and row["days_left"] == "—"


@pytest.mark.parametrize("second, relation", [
    (("2025-08-08", "2025-08-08"), "inside"),
    (("2025-08-10", "2025-08-20"), "overlap"),
    (("2025-08-12", "2025-08-20"), "apart"),
])
def test_deadline_agreement(second, relation):
    dl = pd.DataFrame([_deadline(due_earliest="2025-08-04", due_latest="2025-08-11"),
                       {**_deadline(due_earliest=second[0], due_latest=second[1]), "deadline_id": "Y",
                        "same_as": "X"}])
    row = analysis.restatement_pairs(dl).iloc[0]
    assert row["relation"] == relation and row["agree"] == (relation != "apart")
    assert (row["first"], row["second"]) == ("X", "Y")


def test_seed_compares_no_two_different_deadlines(seed):
    # D2 restates D1, which gives no due date; D3 (the United States' Aug. 8) is another deadline: nothing to
    # pair
    assert analysis.restatement_pairs(seed.deadlines, seed.articles).empty
    assert analysis.restatement_table(seed).empty


def test_deadline_days_span_the_text_windows(seed):
    days = analysis.deadline_days(seed.deadlines)
    assert days[0] == pd.Timestamp("2025-07-23") and days[-1] == pd.Timestamp("2025-08-13")


def test_findings_read_from_the_data(seed, fictional):
    assert findings.default_as_of(seed) == pd.Timestamp("2025-08-01")
    assert findings.deadline_findings(seed)[0] == (
        "3 distinct deadlines in 4 mentions; the next to fall due, as reported: "
        "Donald Trump's deadline for Russia (D2: within “10 or 12 days,”), "
        "between 2025-08-04 and 2025-08-11 (3 to 10 days left on 2025-08-01).")
    assert "4 deadline mentions, 3 distinct (D2 restates D1)" in findings.deadline_findings(seed)[1]
    # f2's D1 and D2 are two accounts the analyst did not link: never compared
    assert "disagree" not in " ".join(findings.deadline_findings(fictional))
    assert "moved" not in " ".join(findings.deadline_findings(fictional))
    assert findings.actor_findings(seed)[0].startswith("Most mentioned: Vladimir Putin "
                                                       "and Russia (12 mentions each")


def test_as_reported_judges_each_deadline_on_its_own_article_date():
    deadlines = pd.DataFrame([_deadline(due_earliest="2010-03-10",
                                        due_latest="2010-03-10") | {"article_id": "old"},
                              _deadline(due_earliest="2025-08-08",
                                        due_latest="2025-08-08") | {"article_id": "new"}])
    articles = pd.DataFrame({"article_id": ["old", "new"],
                             "published": pd.to_datetime(["2010-03-01", "2025-08-01"])})
    status = analysis.deadline_status(deadlines, None, articles)
    assert status["status"].tolist() == ["pending", "pending"]
    assert status["days_left"].tolist() == ["9 days", "7 days"]
    assert status["as_of"].dt.strftime("%Y-%m-%d").tolist() == ["2010-03-01", "2025-08-01"]
    one_day = analysis.deadline_status(deadlines, "2025-08-01")  # one day for all: the old one long past
    assert one_day["status"].tolist() == ["past", "pending"]
    with pytest.raises(ValueError, match="articles="):
        analysis.deadline_status(deadlines, None)


def test_as_of_days_are_the_days_a_deadline_changes_state(seed):
    days = [f"{d:%m-%d}" for d in analysis.as_of_days(seed.deadlines, seed.articles)]
    # issued 07-25; D2 due 08-04..08-11 (day before, first, last, day after); D3 due 08-08; article 08-01
    assert days == ["07-25", "08-01", "08-03", "08-04", "08-07", "08-08", "08-09", "08-11", "08-12"]
    many = pd.DataFrame([_deadline(due_earliest=d, due_latest=d)
                         for d in pd.date_range("2020-01-01", periods=200,
                                                                                      freq="7D")])
    kept = analysis.as_of_days(many, limit=45)
    assert len(kept) == 45 and kept == sorted(kept)
    assert kept[0] < pd.Timestamp("2020-06-01") and kept[-1] > pd.Timestamp("2023-06-01"), ("spread over "
                                                                                            "the span")


def test_passages_fall_back_to_sentences_without_blank_lines():
    flat = "Title line\nAda Lovelace spoke. Then Babbage replied.\nA third line."
    assert analysis.passages(flat) == textspans.sentences(flat)
    assert len(analysis.passages(flat)) == 4
    spaced = "Title\n\nAda spoke. Babbage replied.\n\nA third paragraph."
    assert analysis.passages(spaced) == textspans.paragraphs(spaced)
    long_block = "Title\n\n" + " ".join(f"Sentence {i} is here." for i in range(200))
    assert len(analysis.passages(long_block)) == 201, ("a block far longer than a "
                                                       "paragraph is split by sentence")


def test_co_mentions_count_sentences_in_an_article_without_blank_lines(tmp_path):
    from helpers import load_corpus
    folder = tmp_path / "c"
    (folder / "articles").mkdir(parents=True)
    (folder / "annotations").mkdir()
    (folder / "actors.yaml").write_text("- {id: ada, name: Ada Lovelace, kind: person}\n"
                                        "- {id: bab, name: Charles Babbage, kind: person}\n",
                                        encoding="utf-8")
    (folder / "topics.yaml").write_text("[]\n", encoding="utf-8")
    (folder / "articles" / "a.txt").write_text("Ada met the press.\nBabbage stayed "
                                               "home. Ada and Babbage wrote.\n",
                                               encoding="utf-8")
    (folder / "annotations" / "a.yaml").write_text(
        "article: articles/a.txt\nmentions:\n  - {actor: ada, "
        "every: [Ada]}\n  - {actor: bab, every: [Babbage]}\n",
        encoding="utf-8")
    matrix = analysis.co_mentions(load_corpus(folder, cache=False))
    # not 1 paragraph holding everything
    assert matrix.loc["ada", "bab"] == 1 and matrix.loc["ada", "ada"] == 2


def test_tables_name_articles_and_split_by_story(mixed):
    labels = mixed.article_labels()
    table = analysis.statement_table(mixed, mixed.statements)
    assert table.columns[0] == "article" and set(table["article"]) == set(labels.values())
    assert not table["speaker"].isin(mixed.actors["actor_id"]).any(), "names, not ids"
    deadlines = analysis.deadline_table(mixed,
                                        analysis.deadline_status(mixed.deadlines, None, mixed.articles))
    assert deadlines["article"].notna().all() and "not stated" in set(deadlines["falls due"])
    stories = analysis.story_summary(mixed)
    assert list(stories.index) == [analysis.NO_STORY, "harbour dispute"] or \
        list(stories.index) == ["harbour dispute", analysis.NO_STORY]
    assert stories["articles"].sum() == len(mixed.articles)
    assert stories["statements"].sum() == len(mixed.statements)
    per_story = analysis.by_story(mixed, analysis.statements_by_speaker)
    assert per_story["total"].sum() == len(mixed.statements)
    narrowed = mixed.only("harbour dispute")
    assert set(narrowed.statements["article_id"]) == set(narrowed.articles["article_id"])
    assert len(narrowed.articles) == len(mixed.articles) - 1
    with pytest.raises(ValueError, match="harbour dispute"):
        mixed.only("no such story")


def test_unreviewed_entries_are_marked(tmp_path):
    import shutil

    from helpers import load_corpus
    from tests.conftest import SEED, SEED_CORPUS
    folder = tmp_path / "c"
    shutil.copytree(SEED_CORPUS, folder)
    path = folder / "annotations" / f"{SEED}.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("  - id: S1")
    path.write_text(text[:first] + "  - id: S1\n    check: speaker guessed\n" + text[first + len("  - id: "
                                                                                                 "S1\n"):],
                    encoding="utf-8")
    corpus = load_corpus(folder, cache=False)
    table = analysis.statement_table(corpus, corpus.statements)
    assert table["review"].tolist().count(analysis.UNREVIEWED) == 1
    assert table.loc[table["id"] == "S1", "review"].item() == analysis.UNREVIEWED
    assert "24 of" not in " ".join(findings.data_limits(corpus))
    assert "0 of 1 articles are fully reviewed; 1 entry in 1 article" in " ".join(
        findings.data_limits(corpus)
    )


def test_limits_describe_the_corpus(seed, mixed):
    assert findings.data_limits(seed)[0].startswith("The findings describe 1 annotated "
                                                    "article, dated 2025-08-01")
    text = " ".join(findings.data_limits(mixed))
    assert "dated 2019-" in text and "to 2025-08-01" in text and "“harbour dispute”" in text
    assert "1 of them with no story label" in text


def test_findings_that_name_actors_name_twenty_and_count_the_rest():
    from helpers.analysis.findings import ITEMS, _some
    names = [f"Actor {i}" for i in range(ITEMS + 7)]
    assert _some(names)[-1] == "7 more" and len(_some(names)) == ITEMS + 1
    assert _some(names[:3]) == names[:3]


def test_places_are_counted_apart_from_the_actors(tmp_path):
    import shutil

    from helpers import load_corpus
    from tests.conftest import FICTIONAL
    root = tmp_path / "c"
    shutil.copytree(FICTIONAL, root)
    with open(root / "actors.yaml", "a", encoding="utf-8") as out:
        out.write("\n- id: harbourton\n  name: Harbourton\n  kind: "
                  "place\n  aliases: [Harbourton, HARBOURTON]\n")
    annotation = root / "annotations" / "f1.yaml"
    annotation.write_text(annotation.read_text(encoding="utf-8").replace(
        "mentions:\n", "mentions:\n  - actor: harbourton\n    spans: [HARBOURTON]\n", 1), encoding="utf-8")
    corpus = load_corpus(root, cache=False)
    assert "harbourton" not in analysis.actor_counts(corpus).index
    assert list(analysis.actor_counts(corpus, places=True).index) == ["harbourton"]
    assert "harbourton" in analysis.actor_counts(corpus, places=None).index
    assert analysis.place_table(corpus).to_dict("records") == [{"name": "Harbourton", "mentions": 1,
                                                                "articles": 1}]
    assert "Harbourton" not in " ".join(findings.actor_findings(corpus))
    assert findings.place_findings(corpus) == ["1 place named in 1 mention; most "
                                               "often Harbourton (1 mention)."]
