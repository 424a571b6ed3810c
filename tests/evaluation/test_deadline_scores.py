"""Deadline scores on an invented gold set: found, due windows, look-alikes, beside the baseline."""
from __future__ import annotations

import yaml

from helpers.evaluation.deadline_scores import gold_rows

TEXT = ("The union must sign the deal by June 1, the mediator said. The plant stays closed until Friday.\n\n"
        "Officials said the talks would go on.")


def _gold(tmp_path, due):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(TEXT, encoding="utf-8")
    start = TEXT.index("by June 1")
    closed = TEXT.index("until Friday")
    entry = {"file": "news/a.txt", "date": "2031-04-04",
             "deadlines": [{"id": "D1", "span": [start, start + 9], "expression": "by June 1", "set_by": None,
                            "addressee": "the union", "issued": None, "due": due, "same_as": None}],
             "not_deadlines": [{"span": [closed, closed + 12], "expression": "until Friday",
                                "why": "until-period"}]}
    missing = {"file": "news/absent.txt", "date": "2031-04-04", "deadlines": [{"id": "D1", "span": [0, 3]}]}
    gold = tmp_path / "gold.yaml"
    gold.write_text(yaml.safe_dump([entry, missing]), encoding="utf-8")
    return gold


def _rates(rows, system):
    return {r["metric"]: r["value"] for r in rows if r["system"].startswith(system)}


def test_a_deadline_found_with_its_day_and_a_look_alike_left_out(tmp_path):
    rows = gold_rows(tmp_path, _gold(tmp_path, "2031-06-01"), "invented")
    drafter = _rates(rows, "drafter")
    # the absent text is skipped
    assert drafter["deadlines recall"] == 1.0 and drafter["deadlines precision"] == 1.0
    assert drafter["due window exact (matched)"] == 1.0 and drafter["look-alikes drafted as deadlines"] == 0.0
    baseline = _rates(rows, "baseline")
    assert baseline["look-alikes drafted as deadlines"] == 1.0  # "until Friday" taken for a deadline


def test_a_due_window_that_differs_is_not_exact_but_may_share_a_day(tmp_path):
    rows = gold_rows(tmp_path, _gold(tmp_path, {"earliest": "2031-05-25", "latest": "2031-06-01"}),
                     "invented")
    drafter = _rates(rows, "drafter")
    assert drafter["due window exact (matched)"] == 0.0
    assert drafter["due window overlapping (matched, gold dated)"] == 1.0


def test_an_article_whose_text_is_kept_with_its_annotations_is_measured_without_the_corpora(tmp_path):
    start = TEXT.index("by June 1")
    entry = {"id": "a", "date": "2031-04-04", "text": TEXT,
             "deadlines": [{"id": "D1", "span": [start, start + 9], "expression": "by June 1",
                            "due": "2031-06-01", "same_as": None}],
             "not_deadlines": []}
    gold = tmp_path / "invented.yaml"
    gold.write_text(yaml.safe_dump([entry]), encoding="utf-8")
    drafter = _rates(gold_rows(tmp_path / "no-corpora", gold, "invented"), "drafter")
    assert drafter["deadlines recall"] == 1.0 and drafter["due window exact (matched)"] == 1.0


def test_the_invented_gold_sets_quote_their_texts_and_restate_only_what_came_before():
    from helpers.evaluation.deadline_scores import INVENTED, INVENTED_HELD_OUT
    for path in (INVENTED, INVENTED_HELD_OUT):
        if not path.is_file():
            continue
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            text, ids = entry["text"], []
            for d in entry["deadlines"]:
                assert text[slice(*d["span"])] == d["expression"], (path.name, entry["id"], d["id"])
                assert d["same_as"] is None or d["same_as"] in ids, (path.name, entry["id"], d["id"])
                ids.append(d["id"])
            for n in entry["not_deadlines"]:
                assert text[slice(*n["span"])] == n["expression"], (path.name, entry["id"])
