"""Scoring drafts against a reviewed corpus, also when the drafter's registry does not know the story."""
from __future__ import annotations

from helpers import load_corpus
from helpers.drafting.draft import draft_text
from helpers.evaluation.agreement import id_map
from helpers.evaluation.evaluate import evaluate_reviewed
from tests.conftest import FICTIONAL, SEED_CORPUS


def _by_metric(rows):
    return {r["metric"]: (r["value"], r["n"]) for r in rows}


def test_proposed_actors_are_matched_to_the_analysts_by_name():
    corpus = load_corpus(SEED_CORPUS, cache=False)
    art = corpus.articles.iloc[0]
    draft = draft_text(art.text, [], art.published.date())
    ids = id_map(draft, corpus.actors)
    proposed = {p.id: p.name for p in draft.proposed}
    assert any(ids.get(i) == "putin" for i in proposed), proposed  # "Vladimir Putin" → putin
    assert all(ids[a] == a for a in corpus.actors["actor_id"])


def test_an_empty_registry_scores_lower_than_the_full_one():
    known = _by_metric(evaluate_reviewed(SEED_CORPUS, label="seed"))
    blind = _by_metric(evaluate_reviewed(SEED_CORPUS, registry=[], label="blind"))
    assert "actors the registry lacks, proposed" not in known
    share, lacking = blind["actors the registry lacks, proposed"]
    assert lacking == 8 and 0 < share <= 1
    assert blind["mentions recall"][0] < known["mentions recall"][0]
    assert blind["statements recall"][1] == known["statements recall"][1] == 25


def test_draft_agreement_lists_what_the_drafter_missed_added_or_gave_another_speaker(tmp_path):
    import shutil

    from helpers.analysis import findings
    from helpers.evaluation.agreement import draft_agreement

    folder = shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    ann = next((folder / "annotations").glob("*.yaml"))
    text = ann.read_text(encoding="utf-8")
    # the analyst gives one statement to another speaker: the drafter now disagrees on exactly that one
    ann.write_text(text.replace("    speaker: zelensky\n", "    speaker: lukashenko\n", 1), encoding="utf-8")
    table = draft_agreement(load_corpus(folder, cache=False))
    verdicts = table["verdict"].value_counts().to_dict()
    assert verdicts == {"agrees": 24, "other speaker": 1, "missed": 0, "added": 0}
    row = table[table["verdict"] == "other speaker"].iloc[0]
    assert row["analyst's speaker"] == "Alexander Lukashenko" and row["drafter's speaker"] == ("Volodymyr "
                                                                                               "Zelensky")
    said = findings.agreement_findings(table)
    assert said[0].startswith("On 1 reviewed article the drafter finds 25 of the "
                              "analyst's 25 statements (100%) and gives 24 of them the "
                              "analyst's speaker (96% of all); it gives 1 another speaker")
    assert said[1] == ("Speakers whose statements the drafter gets wrong most often: "
                       "Alexander Lukashenko (0 of 1 right).")


def test_a_large_corpus_is_compared_on_a_fixed_sample_of_its_reviewed_articles():
    from helpers.analysis import findings
    from helpers.evaluation.agreement import by_speaker, draft_agreement, reviewed_sample

    corpus = load_corpus(FICTIONAL, cache=False)
    one = reviewed_sample(corpus, limit=2)
    assert len(one) == 2 and one["article_id"].tolist() == reviewed_sample(corpus,
                                                                           limit=2)["article_id"].tolist()
    table = draft_agreement(corpus, limit=2)
    assert table.attrs == {"articles": 2, "reviewed": 3}
    assert set(table["article"]) <= set(corpus.article_labels()[a] for a in one["article_id"])
    assert findings.agreement_findings(table)[0].startswith("On a fixed sample of 2 of "
                                                            "the 3 reviewed articles")
    counts = by_speaker(draft_agreement(corpus))
    assert counts["statements"].sum() == len(corpus.statements)  # every analyst's statement counted once
    assert (counts["agrees"] + counts["other speaker"] + counts["missed"] == counts["statements"]).all()
