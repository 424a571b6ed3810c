"""Which deadline entries are one deadline, what is compared, and the headline each case gives — on invented
tables."""
import pytest

from helpers.analysis import findings
from helpers.analysis import tables as analysis
from tests.analysis.invented import articles as _articles
from tests.analysis.invented import corpus as _corpus
from tests.analysis.invented import deadline as _dl
from tests.analysis.invented import table as _table

ONE = _articles(("a", "2025-08-01", None))


def test_a_same_as_chain_is_one_deadline_compared_link_by_link():
    dl = _table([_dl("D1", due=("2025-08-04", "2025-08-11")), _dl("D2", due="2025-08-08", same_as="D1"),
                 _dl("D3", due="2025-08-20", set_by="usa"), _dl("D5", due="2025-08-30", same_as="D2")])
    groups = analysis.deadline_groups(dl, ONE)
    assert groups["deadline"].tolist() == [0, 0, 1, 0]
    assert groups["mention"].tolist() == [1, 2, 1, 3]
    assert groups["restates"].fillna("").tolist() == ["", "D1", "", "D2"]
    pairs = analysis.restatement_pairs(dl, ONE)
    assert pairs[["first", "second", "relation"]].values.tolist() == [["D1", "D2", "inside"],
                                                                      ["D2", "D5", "apart"]]


def test_different_deadlines_of_one_article_are_never_paired():
    # Chrysler's 30 days and GM's end of May: two deadlines, even with the same setter, windows apart
    dl = _table([_dl("D1", due="2009-05-03", demand="Chrysler's plan"),
                 _dl("D3", due="2009-05-31", demand="GM's plan"),
                 _dl("D4", due="2009-06-30", demand="GM's plan")])
    assert analysis.restatement_pairs(dl, ONE).empty
    assert analysis.deadline_groups(dl,
                                    ONE)["deadline"].nunique() == 3, "one article: only same_as links entries"


def test_a_storys_articles_link_the_same_setter_and_demand():
    arts = _articles(("a", "2025-08-01", "talks"), ("b", "2025-08-05", "talks"), ("c", "2025-08-06", None),
                     ("d", "2025-08-07", "other"))
    dl = _table([_dl("D1", "a", due="2025-08-08", demand="A peace  agreement"),
                 _dl("D1", "b", due="2025-08-20", demand="a peace agreement"),
                 _dl("D2", "b", due="2025-08-09", demand="a ceasefire"),
                 _dl("D1", "c", due="2025-08-09", demand="a peace agreement"),  # no story: never linked
                 _dl("D1", "d", due="2025-08-09", demand="a peace agreement"),  # another story
                 _dl("D3", "b", due="2025-08-21")])  # no demand: never linked
    groups = analysis.deadline_groups(dl, arts)
    assert groups["deadline"].iloc[0] == groups["deadline"].iloc[1]
    assert groups["deadline"].nunique() == 5
    assert (groups["linked_by"].iloc[1], groups["restates_article"].iloc[1]) == ("setter and demand", "a")
    pairs = analysis.restatement_pairs(dl, arts)
    assert pairs[["article_id", "second_article_id", "relation"]].values.tolist() == [["a", "b", "apart"]]
    assert analysis.restatement_pairs(dl).empty, "without articles there are no stories to link"


def test_headline_says_when_a_restated_deadline_moved(seed):
    arts = _articles(("a", "2025-08-01", "talks"), ("b", "2025-08-05", "talks"))
    corpus = _corpus(seed, [_dl("D1", "a", due=("2025-08-04", "2025-08-11"), demand="a peace agreement"),
                            _dl("D4", "b", due="2025-08-20", demand="a peace agreement")], arts)
    lines = findings.deadline_findings(corpus)
    assert lines[0] == ("Donald Trump's deadline for Russia (a peace agreement) moved when restated: "
                        "from 2025-08-04 to 2025-08-11 (Title a (2025-08-01) · D1) to 2025-08-20 "
                        "(Title b (2025-08-05) · D4).")
    assert "Title b (2025-08-05) · D4 restates Title a (2025-08-01) · D1, same setter and demand" in lines[1]
    assert lines[1].startswith("2 deadline mentions, 1 distinct")


def test_headline_says_when_restatements_agree(seed):
    corpus = _corpus(seed,
                     [_dl("D1", due=("2025-08-04", "2025-08-11")), _dl("D2", due="2025-08-08", same_as="D1"),
                            _dl("D3", due="2025-08-30", set_by="usa")], ONE)
    assert findings.deadline_findings(corpus)[0] == (
        "Donald Trump's deadline for Russia was restated with a due window that "
        "agrees: 2025-08-08 (D2) lies inside 2025-08-04 to 2025-08-11 (D1).")


def test_headline_counts_moves_among_many_restatements(seed):
    corpus = _corpus(seed, [_dl("D1", due="2025-08-04"), _dl("D2", due="2025-08-04", same_as="D1"),
                            _dl("D3", due="2025-08-09", same_as="D2")], ONE)
    lines = findings.deadline_findings(corpus)
    assert lines[0].startswith("1 of 2 restatements moved a deadline's due window; the "
                               "first: Donald Trump's deadline for Russia moved when "
                               "restated: from 2025-08-04 (D2) to 2025-08-09 (D3).")
    assert "D3 (2025-08-09) restates D2 (2025-08-04) and moved: the due windows share no day." in lines


@pytest.mark.parametrize("as_of, headline", [
    (None, "2 distinct deadlines in 2 mentions; the next to fall due, as reported: Donald Trump's "
           "deadline for Russia (D2: words of D2), on 2025-08-05 (4 days left on 2025-08-01)."),
    ("2025-08-06",
     "2 distinct deadlines in 2 mentions; the next to fall due, as of 2025-08-06: "
     "Donald Trump's deadline for Russia (D1: words of D1), on 2025-08-09 (3 days left)."),
    ("2025-09-01", "2 distinct deadlines in 2 mentions; as of 2025-09-01, 2 past."),
])
def test_headline_without_restatements_leads_with_the_count_and_the_next_due(seed, as_of, headline):
    corpus = _corpus(seed, [_dl("D1", due="2025-08-09"), _dl("D2", due="2025-08-05")], ONE)
    assert findings.deadline_findings(corpus, as_of)[0] == headline
