"""The drafter: JSON for tools, drafts in the analyst's format, safe file handling, and the seed targets."""
from __future__ import annotations

import hashlib
import json
import shlex
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from helpers import load_corpus
from helpers.drafting.deadlines import span_days
from helpers.drafting.draft import DraftError, draft_file, draft_json, draft_text, reference_for
from helpers.evaluation.evaluate import evaluate_seed
from tests.command import in_new_process, in_process
from tests.conftest import FICTIONAL, SEED, SEED_CORPUS


def _actors(corpus):
    return [{"id": a.actor_id, "name": a.name, "kind": str(a.kind), "aliases": a.aliases.split(", ")}
            for a in corpus.actors.itertuples()]


@pytest.fixture(scope="module")
def seed_draft(seed):
    return draft_text(seed.article_text(SEED), _actors(seed), "2025-08-01")


def test_json_has_the_documented_shape_and_offsets_inside_the_text(seed, seed_draft):
    out = draft_json(seed_draft)
    text = seed.article_text(SEED)
    assert set(out) >= {"timexes", "mentions", "statements", "deadlines"}
    assert {"start", "end", "text", "type", "value"} <= set(out["timexes"][0])
    assert {"mode", "cue_start", "cue_end", "content_start", "content_end", "speaker_start", "speaker_end",
            "speaker"} <= set(out["statements"][0])
    assert {"start", "end", "text", "set_by", "issued_earliest", "issued_latest", "due_earliest",
            "due_latest"} <= set(out["deadlines"][0])
    for kind in ("timexes", "mentions", "deadlines"):
        for item in out[kind]:
            assert (
                0 <= item["start"] < item["end"] <= len(text)
                and text[item["start"] : item["end"]] == item["text"]
            )
    aug8 = [t for t in out["timexes"] if t["text"] == "Aug. 8"]
    assert aug8 and aug8[0]["value"] == "2025-08-08" and aug8[0]["type"] == "DATE"
    assert any(t["text"] == "10 or 12 days" and t["type"] == "DURATION" for t in out["timexes"])
    json.dumps(out)  # serialisable


def test_seed_targets(seed):
    rows = {r["metric"]: r["value"] for r in evaluate_seed(SEED_CORPUS)}
    assert rows["direct quotes with the right speaker"] == 1.0
    assert rows["reported statements with the right speaker"] >= 0.9
    assert rows["deadlines with a due window containing the analyst's"] == 1.0


def test_deadline_windows_keep_the_vague_anchor(seed_draft):
    by_text = {d.text: d for d in seed_draft.deadlines}
    d2 = by_text["within “10 or 12 days,”"]
    assert (d2.issued[0], d2.issued[1]) == (pd.Timestamp("2025-07-25"), pd.Timestamp("2025-07-30"))
    assert (d2.due[0], d2.due[1]) == (pd.Timestamp("2025-08-04"), pd.Timestamp("2025-08-11"))
    assert by_text["by the deadline of Aug. 8"].due == (pd.Timestamp("2025-08-08"),
                                                        pd.Timestamp("2025-08-08"))


@pytest.mark.parametrize("words, days", [("10 or 12 days", (10, 12)), ("two weeks", (14, 14)),
                                         ("50 days", (50, 50)), ("a month", (30, 30)), ("soon", None)])
def test_span_days(words, days):
    assert span_days(words) == days


def test_a_yearless_article_needs_a_reference_date():
    with pytest.raises(DraftError) as err:
        reference_for("Talks resumed on Aug. 1 in the capital.", None)
    assert "Aug. 1" in str(err.value) and "--reference-date" in str(err.value)
    assert reference_for("Published\nAugust 3, 2025\nTalks resumed.", None)[0].isoformat() == "2025-08-03"
    # a dateline written the European way
    for line in ("By Business Reporter — 25.10.2018", "TIRANO (AFP) — 24/03/2022 —",
                 "Explainer | Published 18/03/2024"):
        assert reference_for(f"Talks resume\n{line}\nTalks resumed on Friday.", None)[0].day > 12


def _corpus_copy(tmp_path, source=FICTIONAL):
    root = tmp_path / "corpus"
    shutil.copytree(source, root)
    return root


def test_draft_file_writes_a_valid_draft_and_never_overwrites(tmp_path):
    root = _corpus_copy(tmp_path)
    (root / "annotations" / "f3.yaml").unlink()
    article = root / "articles" / "f3.txt"
    before = hashlib.sha256(article.read_bytes()).hexdigest()
    out = draft_file(article)
    assert out == root / "drafts" / "f3.yaml"
    assert hashlib.sha256(article.read_bytes()).hexdigest() == before
    with pytest.raises(DraftError, match="never overwritten"):
        draft_file(article)
    shutil.copy(out, root / "annotations" / "f3.yaml")  # an analyst accepts the draft as it is
    corpus = load_corpus(root)
    assert len(corpus.unreviewed) > 0 and set(corpus.unreviewed["kind"]) >= {"statement"}
    with pytest.raises(DraftError, match="already annotated"):
        draft_file(root / "articles" / "f1.txt")


def _cli(*args):
    """A folder of several articles: drafted on several processes, so in a process of its own."""
    return in_new_process(*args)


@pytest.mark.slow  # a process of its own
def test_draft_a_folder_skips_failures_and_goes_on(tmp_path):
    root = _corpus_copy(tmp_path)
    for name in ("f2", "f3"):
        (root / "annotations" / f"{name}.yaml").unlink()
    (root / "articles" / "bad.txt").write_bytes("Caf\xe9 talks on March 3, 2031.".encode("cp1252"))
    run = _cli("draft", str(root))
    assert run.returncode == 1
    assert "skipped bad.txt" in run.stderr and "not UTF-8" in run.stderr
    assert sorted(p.name for p in (root / "drafts").iterdir()) == ["f2.yaml", "f3.yaml"]
    assert "drafted 2 of 3 articles" in run.stdout
    again = in_process("draft", root / "articles" / "f2.txt")
    assert again.returncode == 1 and "never overwritten" in again.stderr and "Traceback" not in again.stderr


def test_draft_json_command(tmp_path):
    run = in_process("draft", SEED_CORPUS / "articles" / f"{SEED}.txt", "--json", "--reference-date",
                     "2025-08-01")
    assert run.returncode == 0, run.stderr
    assert len(json.loads(run.stdout)["statements"]) >= 20
    refused = in_process("draft", SEED_CORPUS / "articles" / f"{SEED}.txt", "--json")
    assert refused.returncode == 1 and "Aug. 1" in refused.stderr and "Traceback" not in refused.stderr


@pytest.mark.slow  # drafts the 126 invented articles of the gold sets
def test_evaluate_without_corpora_says_so_and_exits_zero(tmp_path, monkeypatch, capsys):
    from helpers import cli
    from helpers.evaluation import evaluate
    # the command measures the seed in data/; here the tests' copy of it stands in
    monkeypatch.setattr(evaluate, "evaluate_seed", lambda folder=SEED_CORPUS: evaluate_seed(folder))
    assert cli.main(["evaluate", str(tmp_path / "no-corpora"), "--out", str(tmp_path / "eval")]) == 0
    out = capsys.readouterr().out
    assert "no gold corpora there" in out and f"seed:{SEED}" in out
    table = pd.read_csv(tmp_path / "eval" / "evaluation-latest.csv")
    assert {"commit", "corpus", "system", "metric", "value"} <= set(table.columns)


def test_a_registry_with_problems_is_refused_naming_them(tmp_path, capsys):
    """One bad entry in actors.yaml must not make the drafter silently draft with no registry at all."""
    from helpers.drafting.draft_cli import run_draft

    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    registry = corpus / "actors.yaml"
    lines = registry.read_text(encoding="utf-8").count("\n")
    registry.write_text(registry.read_text(encoding="utf-8") + "- id: Not An Id\n  name: "
                                                               "Pat Doe\n  kind: person\n",
                        encoding="utf-8")
    shutil.rmtree(corpus / "annotations")  # an article waiting for its draft
    article = next((corpus / "articles").glob("*.txt"))
    assert run_draft(str(article), None, False, None) == 1
    err = capsys.readouterr().err
    assert f"{registry}:{lines + 1}:" in err and "validate" in err and "Traceback" not in err
    assert not (corpus / "drafts").exists()  # nothing written


IMPOSSIBLE_DAYS = ("The council must decide by April 31, the mayor said on Monday, March 3, 2025. The "
                   "vote was first set for Feb. 30 and then for June 31, officials said. Operators "
                   "said the berths would be ready by Feb. 29, a day this year does not have.")


@pytest.mark.parametrize("reference", ["2025-03-03", "2024-03-04", None])
def test_impossible_days_do_not_stop_a_draft(reference):
    draft = draft_text(IMPOSSIBLE_DAYS, [], reference)
    assert draft.statements and {"April 31", "Feb. 30", "Feb. 29"} <= {t.text for t in draft.timexes}
    assert draft.reference_date.isoformat() == (reference or "2025-03-03")


def _waiting_corpus(tmp_path, names=("f2", "f3")):
    root = _corpus_copy(tmp_path)
    for name in names:
        (root / "annotations" / f"{name}.yaml").unlink()
    (root / "articles" / "impossible.txt").write_text(IMPOSSIBLE_DAYS + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("as_json", [False, True])
def test_a_drafter_failure_on_one_article_does_not_stop_the_folder(tmp_path, monkeypatch, capsys, as_json):
    from helpers.drafting import draft as module
    from helpers.drafting import draft_cli

    root = _waiting_corpus(tmp_path)
    real = module.draft_text

    def fragile(text, *args, **kwargs):
        if text.startswith("BROKEN"):
            raise ValueError("day is out of range for month")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(module, "draft_text", fragile)
    monkeypatch.setattr(draft_cli, "draft_text", fragile)
    (root / "articles" / "broken.txt").write_text("BROKEN " + IMPOSSIBLE_DAYS, encoding="utf-8")
    assert draft_cli.run_draft(str(root), None, as_json, None, jobs=1) == 1
    out, err = capsys.readouterr()
    assert "skipped broken.txt: the drafter failed on it (ValueError: day is out of range for month)" in err
    if as_json:
        assert sorted(item["article"] for item in json.loads(out)) == [
            "articles/f2.txt", "articles/f3.txt", "articles/impossible.txt"]
    else:
        assert out.index("wrote ") < out.index("drafted 3 of 4 articles") and "1 skipped" in out
        assert sorted(p.name for p in (root / "drafts").iterdir()) == ["f2.yaml", "f3.yaml",
                                                                       "impossible.yaml"]


@pytest.mark.slow  # three processes
def test_a_folder_drafted_on_two_processes_says_each_draft(tmp_path):
    root = _waiting_corpus(tmp_path)
    (root / "articles" / "bad.txt").write_bytes("Caf\xe9 talks on March 3, 2031.".encode("cp1252"))
    run = _cli("draft", str(root), "--jobs", "2")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stdout.count("wrote ") == 3 and "drafted 3 of 4 articles" in run.stdout
    assert "skipped bad.txt" in run.stderr


@pytest.mark.slow  # a process of its own, through a shell pipe
def test_draft_json_to_a_closed_pipe_ends_quietly():
    shell = (f"{shlex.quote(sys.executable)} -m helpers draft "
             f"{shlex.quote(str(SEED_CORPUS / 'articles' / SEED))}.txt "
             "--json --reference-date 2025-08-01 | head -1; exit ${PIPESTATUS[0]}")
    piped = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=300)
    assert piped.stdout == "{\n" and piped.stderr == ""
    assert piped.returncode in (0, 1)  # 0 when the whole draft fitted in the pipe before it was closed


@pytest.mark.parametrize("text", ["Port plan\n\nThe plans must be out by 2025-02-29, Olsen said.\n",
                                  "Published\n2027-04-31\n\nThe quay reopens in June, the port said.\n"])
def test_a_date_no_calendar_has_is_not_the_articles_date(text):
    from helpers.drafting.draft import stated_date
    assert stated_date(text) is None
