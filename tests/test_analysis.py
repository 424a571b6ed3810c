import pandas as pd
import pytest

from helpers import analysis, findings, textspans


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
                due_earliest=pd.NaT, due_latest=pd.NaT)
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
    one = analysis.deadline_status(pd.DataFrame([_deadline(due_earliest="2025-08-02", due_latest="2025-08-02")]),
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
                       {**_deadline(due_earliest=second[0], due_latest=second[1]), "deadline_id": "Y"}])
    row = analysis.deadline_agreement(dl).iloc[0]
    assert row["relation"] == relation and row["agree"] == (relation != "apart")


def test_seed_deadlines_agree(seed):
    pairs = analysis.deadline_agreement(seed.deadlines)
    assert pairs[["first", "second", "relation"]].values.tolist() == [["D2", "D3", "inside"]]


def test_deadline_days_span_the_text_windows(seed):
    days = analysis.deadline_days(seed.deadlines)
    assert days[0] == pd.Timestamp("2025-07-23") and days[-1] == pd.Timestamp("2025-08-13")


def test_findings_read_from_the_data(seed, fictional):
    assert findings.default_as_of(seed) == pd.Timestamp("2025-08-01")
    assert findings.deadline_findings(seed)[0].startswith("D2 (2025-08-04 to 2025-08-11) and D3 (2025-08-08) agree")
    assert "4 deadline mentions, 3 distinct (D2 restates D1)" in findings.deadline_findings(seed)[1]
    assert "Council Urges Calm as Deadline Nears (2031-03-05): D1 (2031-03-16) and D2 (2031-03-20) disagree" \
        in " ".join(findings.deadline_findings(fictional))
    assert findings.actor_findings(seed)[0].startswith("Most mentioned: Vladimir Putin and Russia (12 mentions each")
