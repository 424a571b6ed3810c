"""load_corpus(folder, drafts=True): machine drafts beside reviewed annotations, the analyst's always
winning."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import load_corpus, validate_corpus
from helpers.ingest.ingest import ingest
from tests.conftest import FIXTURES, SEED, SEED_CORPUS

PAGES = FIXTURES / "pages"


@pytest.fixture
def folder(tmp_path):
    """The seed (reviewed) with two ingested pages waiting as drafts."""
    root = Path(shutil.copytree(SEED_CORPUS, tmp_path / "corpus"))
    ingest([PAGES / "news.html", PAGES / "plain.txt"], root, progress=False)
    return root


@pytest.mark.parametrize("cache", [False, True])
def test_drafts_load_beside_reviewed_rows_marked_unreviewed(folder, cache):
    reviewed = load_corpus(folder, cache=cache)
    both = load_corpus(folder, cache=cache, drafts=True)
    assert list(reviewed.articles["article_id"]) == [SEED] and reviewed.statements["reviewed"].all()
    assert len(both.articles) == 3
    machine = both.statements[~both.statements["reviewed"]]
    assert len(machine) > 0 and set(machine["article_id"]) <= set(
        both.articles.loc[~both.articles["reviewed"], "article_id"]
    )
    # every machine statement is listed as unreviewed, with the drafter's confidence
    pending = both.unreviewed[both.unreviewed["kind"] == "statement"]
    assert set(zip(machine["article_id"], machine["statement_id"])) <= set(zip(pending["article_id"],
                                                                               pending["id"]))
    assert pending["confidence"].notna().all()
    # the reviewed rows are the same either way
    same = both.statements[both.statements["reviewed"]].reset_index(drop=True)
    assert same.drop(columns="speaker").equals(reviewed.statements.drop(columns="speaker"))
    # and a load without drafts afterwards is back to the reviewed corpus (nothing of the drafts cached in)
    assert len(load_corpus(folder, cache=cache).statements) == len(reviewed.statements)


def test_a_reviewed_annotation_wins_over_a_draft_of_its_article(folder):
    (folder / "drafts" / "another-name.yaml").write_text(
        (folder / "annotations" / f"{SEED}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    both = load_corpus(folder, cache=False, drafts=True)
    assert both.statements.loc[both.statements["article_id"] == SEED, "reviewed"].all()
    assert (both.articles["article_id"] == SEED).sum() == 1


def test_a_draft_with_problems_is_left_out_and_named(folder):
    draft = next((folder / "drafts").glob("2019-03-14*.yaml"))
    draft.write_text(draft.read_text(encoding="utf-8").replace("mode: ", "mode: shouted #", 1),
                     encoding="utf-8")
    both = load_corpus(folder, cache=False, drafts=True)
    assert draft.stem not in set(both.articles["article_id"]) and len(both.articles) == 2
    assert any(draft.name in p.path for p in both.draft_problems)
    assert validate_corpus(folder) == []  # validate reads annotations only: a draft is no problem there


def test_the_banner_says_how_far_machine_drafts_are_trusted(folder, tmp_path):
    from helpers.evaluation.drafter_accuracy import trust
    from helpers.present.display import unreviewed_banner

    table = tmp_path / "drafter-accuracy.csv"
    table.write_text("commit,corpus,system,metric,value,n\n"
                     "abc1234,polnear-dev,drafter,content recall,0.531,2192\n"
                     "abc1234,polnear-dev,drafter,content precision,0.841,1384\n"
                     "abc1234,polnear-dev,drafter,speaker accuracy (matched),0.7998,1164\n"
                     "abc1234,tempeval3-tbaq,drafter,value F1,0.74,1822\n", encoding="utf-8")
    said = trust("statements", table)
    assert (
        "finds 53% of who-said-what" in said
        and "84% of what it finds" in said
        and "about 8 times in 10" in said
    )
    assert "abc1234" in said and "about 7 times in 10" in trust("deadlines", table)
    assert "not measured" in trust("statements", tmp_path / "absent.csv")
    gold = '"deadlines, hand-annotated PolNeAR and TempEval-3 documents",drafter'
    # the hand-annotated deadlines, when measured, are quoted first
    with table.open("a", encoding="utf-8") as out:
        out.write(f"abc1234,{gold},deadlines recall,0.78,156\nabc1234,{gold},deadlines precision,0.85,144\n"
                  f"abc1234,{gold},due window exact (matched),0.84,123\n")
    said = trust("deadlines", table)  # the file changed: read again
    assert "finds 78% of the deadlines" in said and "85% of" in said and "about 8 times in 10" in said
    assert "machine drafts not yet reviewed" in unreviewed_banner(load_corpus(folder, cache=False,
                                                                              drafts=True)).text
    assert unreviewed_banner(load_corpus(folder, cache=False)).text == "All entries reviewed."


def test_only_a_full_evaluation_replaces_the_shipped_rates(tmp_path):
    import pandas as pd

    from helpers.evaluation.drafter_accuracy import rates, save_rates
    rows = [("c1", "polnear-dev", "drafter", "content F1", 0.7, 10),
            ("c1", "polnear-dev", "naive", "content F1", 0.4, 10),
            ("c1", "seed:x", "drafter", "mentions recall", 1.0, 3)]
    table = pd.DataFrame(rows, columns=["commit", "corpus", "system", "metric", "value", "n"])
    path = tmp_path / "rates.csv"
    assert not save_rates(table, path) and not path.exists()  # TempEval-3 absent: a partial run
    table.loc[len(table)] = ("c1", "tempeval3-tbaq", "drafter", "value F1", 0.8, 5)
    assert save_rates(table, path)
    assert rates(path) == ("c1", {("polnear-dev", "content F1"): 0.7, ("tempeval3-tbaq", "value F1"): 0.8})


RATES_TABLE = "commit,corpus,system,metric,value,n\n{commit},polnear-dev,drafter,content recall,0.5,10\n"


def test_measured_rates_are_quoted_when_present_else_the_shipped_ones(tmp_path, monkeypatch):
    from helpers.evaluation import drafter_accuracy
    from helpers.paths import MODELS, PACKAGE

    measured = tmp_path / "evaluation" / "drafter-accuracy.csv"
    monkeypatch.setattr(drafter_accuracy, "MEASURED", measured)
    assert drafter_accuracy.rates_path() == MODELS / "drafter-accuracy.csv" == drafter_accuracy.SHIPPED
    shipped = drafter_accuracy.rates()
    assert shipped == drafter_accuracy.rates(drafter_accuracy.SHIPPED) and shipped[1]
    measured.parent.mkdir()
    measured.write_text(RATES_TABLE.format(commit="here1"), encoding="utf-8")
    assert drafter_accuracy.rates_path() == measured
    assert drafter_accuracy.rates() == ("here1", {("polnear-dev", "content recall"): 0.5})
    assert "at here1" in drafter_accuracy.trust("deadlines")
    measured.unlink()
    assert drafter_accuracy.rates() == shipped
    assert not drafter_accuracy.MEASURED_RATES.is_relative_to(PACKAGE)  # generated data: not in the package


def test_evaluation_writes_measured_rates_whole_and_leaves_the_shipped_ones(tmp_path, monkeypatch):
    import inspect

    import pandas as pd

    from helpers import cli
    from helpers.evaluation import drafter_accuracy, evaluate
    from helpers.paths import MEASURED_RATES

    shipped = drafter_accuracy.SHIPPED.read_bytes()
    measured = tmp_path / "new" / "drafter-accuracy.csv"
    monkeypatch.setattr(drafter_accuracy, "MEASURED", measured)
    rows = [("c2", "polnear-dev", "drafter", "content F1", 0.7, 10),
            ("c2", "tempeval3-tbaq", "drafter", "value F1", 0.8, 5)]
    table = pd.DataFrame(rows, columns=["commit", "corpus", "system", "metric", "value", "n"])
    assert drafter_accuracy.save_rates(table)
    assert [p.name for p in measured.parent.iterdir()] == [measured.name]  # no temporary file left beside it
    assert drafter_accuracy.rates()[0] == "c2" and drafter_accuracy.SHIPPED.read_bytes() == shipped
    assert inspect.signature(evaluate.run).parameters["rates"].default == MEASURED_RATES
    given = []

    def run(corpora, out, reviewed, registry, rates):
        given.append(rates)
        return 0
    monkeypatch.setattr(evaluate, "run", run)
    assert cli.main(["evaluate", str(tmp_path)]) == 0
    assert cli.main(["evaluate", str(tmp_path), "--rates", str(tmp_path / "r.csv")]) == 0  # --rates works
    assert given == [MEASURED_RATES, tmp_path / "r.csv"]


def test_findings_and_charts_say_what_they_rest_on(folder):
    from helpers.analysis import findings
    from helpers.analysis import tables as analysis
    from helpers.present import charts

    reviewed = load_corpus(folder, cache=False)
    both = load_corpus(folder, cache=False, drafts=True)
    n = len(reviewed.statements)
    assert findings.statement_findings(reviewed)[-1] == ("Basis: the analyst's annotations "
                                                         f"only ({n} statements).")
    machine = int((~both.statements["reviewed"]).sum())
    said = findings.statement_findings(both)[-1]
    assert said.startswith(f"Basis: the analyst's annotations and machine drafts: {machine} of {n + machine} "
                           "statements") and "who-said-what" in said  # the drafter's measured rates, quoted
    assert "machine drafts" in findings.deadline_findings(both)[-1] or both.deadlines["reviewed"].all()
    assert findings.actor_findings(both)[-2].startswith("Basis: the analyst's "
                                                        "annotations and machine drafts:")
    note = findings.chart_basis(both, "statements")
    assert note == (f"Includes {machine} unreviewed machine statements of {n + machine} "
                    f"({machine / (n + machine):.0%}).")
    fig = charts.statements_by_speaker(analysis.statements_by_speaker(both), basis=note)
    assert note in [t.get_text() for t in fig.texts]
    machine_articles = both.articles.loc[~both.articles["reviewed"], "article_id"]
    lines = findings.reader_findings(both)
    assert sum("in its machine draft, not yet reviewed" in line for line in lines) == len(machine_articles)


def test_limits_count_the_machine_articles_and_what_they_hold(folder):
    from helpers.analysis import findings

    both = load_corpus(folder, cache=False, drafts=True)
    machine = set(both.articles.loc[~both.articles["reviewed"], "article_id"])
    mentions = int(both.mentions["article_id"].isin(machine).sum())
    said = " ".join(findings.data_limits(both))
    assert f"2 of 3 articles are machine drafts nobody has reviewed yet ({mentions} mentions, " in said
    assert "The other article is fully reviewed." in said


def test_limits_say_when_drafts_wait_but_were_not_loaded(folder):
    from helpers.analysis import findings

    said = findings.data_limits(load_corpus(folder, cache=False))
    assert (
        "2 machine drafts of articles not yet annotated wait in the corpus folder, not counted here"
        in said[-1]
    )
    assert not any("wait in the corpus folder" in line for line in findings.data_limits(
        load_corpus(folder, cache=False, drafts=True)))


def test_a_draft_waits_by_the_article_it_names_not_by_its_file_name(folder):
    from helpers.corpus.files import annotated_articles, named_article, waiting_drafts

    drafts = waiting_drafts(folder)
    assert len(drafts) == 2
    renamed = drafts[0].with_name("renamed-by-hand.yaml")
    drafts[0].rename(renamed)
    assert renamed in waiting_drafts(folder)  # its article still has no annotation
    seed_article = (folder / "articles" / f"{SEED}.txt").resolve()
    assert annotated_articles(folder) == {seed_article: folder / "annotations" / f"{SEED}.yaml"}
    stale = folder / "drafts" / "old-draft-of-the-seed.yaml"
    stale.write_text(f"article: articles/{SEED}.txt\n", encoding="utf-8")
    assert named_article(folder, stale) == seed_article and stale not in waiting_drafts(folder)


def test_limits_say_when_no_article_is_reviewed(folder):
    from helpers.analysis import findings

    both = load_corpus(folder, cache=False, drafts=True)
    drafted = both.subset(both.articles.loc[~both.articles["reviewed"], "article_id"])
    said = " ".join(findings.data_limits(drafted))
    assert "No article is reviewed yet: every finding rests on machine drafts." in said
    assert "The other 0 articles" not in said
