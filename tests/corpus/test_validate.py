"""Validation as a whole: all problems in one run, sorted; one exception; the command line.

Each kind of bad input and its message is in fixtures/bad_inputs.yaml (tests/test_bad_inputs.py)."""
from __future__ import annotations

import os
import re

import pytest

from helpers import CorpusError, load_corpus, validate_corpus
from tests.command import in_process
from tests.conftest import SEED, SEED_CORPUS

ANN = f"annotations/{SEED}.yaml"

def test_registry_problems(broken):
    folder = broken("- id: trump", "- id: putin", file="actors.yaml")
    text = "\n".join(map(str, validate_corpus(folder)))
    assert "actors.yaml:" in text and "duplicate actor id 'putin'" in text
    assert "unknown actor id 'trump'" in text


def test_all_problems_in_one_run_sorted(broken):
    broken("    speaker: zelensky", "    speaker: zelenski")
    broken("topics: [war-aims]", "topics: [war-aim]")
    folder = broken("    statement: S11", "    statement: S99")
    problems = validate_corpus(folder)
    assert len(problems) == 3
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_load_corpus_raises_one_error_with_the_same_list(broken):
    folder = broken("    speaker: zelensky", "    speaker: zelenski")
    with pytest.raises(CorpusError) as err:
        load_corpus(folder)
    assert err.value.problems == validate_corpus(folder)
    assert "unknown actor id 'zelenski'" in str(err.value)
    assert "Traceback" not in err.value._render_traceback_()[0]


def _cli(folder):
    return in_process("validate", folder)


def test_cli_clean_exits_zero():
    run = _cli(SEED_CORPUS)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no problems" in run.stdout


def test_cli_reports_every_problem_without_traceback(broken):
    broken("    speaker: zelensky", "    speaker: zelenski")
    folder = broken("  section: World", "  section: [World")  # syntax error hides the rest of that file
    run = _cli(folder)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    lines = run.stdout.strip().splitlines()
    assert lines and all(re.match(r"^\S+\.yaml:\d+: .+ — .+$", line) for line in lines), run.stdout
    assert "problem" in run.stderr


def test_cli_missing_folder(tmp_path):
    run = _cli(tmp_path / "nowhere")
    assert run.returncode == 1 and "no such corpus folder" in run.stdout and "Traceback" not in run.stderr


def test_a_topic_typo_is_reported_once(broken):
    folder = broken("  label: Ceasefire", "  lable: Ceasefire", file="topics.yaml")
    problems = validate_corpus(folder)
    assert len(problems) == 2 and all("topics.yaml" in p.path for p in problems)
    assert "in entry 8" in str(problems[0])


def _run(*args):
    return in_process("validate", *args)


def test_one_annotation_file(broken):
    folder = broken()
    done = _run(folder / ANN)
    assert done.returncode == 0 and "25 statements" in done.stdout and "no problems" in done.stdout
    broken("    speaker: zelensky", "    speaker: zelenski")
    done = _run(folder / ANN)
    assert (
        done.returncode == 1
        and f"{folder / ANN}:" in done.stdout
        and "unknown actor id 'zelenski'" in done.stdout
    )


def test_one_draft_file(broken):
    folder = broken()
    (folder / "drafts").mkdir()
    draft = folder / "drafts" / f"{SEED}.yaml"
    draft.write_text((folder / ANN).read_text(encoding="utf-8").replace("    speaker: zelensky\n",
                                                                       "    speaker: zelensky\n "
                                                                       "   check: who?\n", 1),
                     encoding="utf-8")
    done = _run(draft)
    # the annotation of the same article does not make the draft wrong
    assert done.returncode == 0, done.stdout
    assert "1 drafted entries still carry review fields" in done.stdout
    copy = folder / "annotations" / "copy.yaml"
    copy.write_text((folder / ANN).read_text(encoding="utf-8"), encoding="utf-8")
    done = _run(copy)
    assert done.returncode == 1 and "is also annotated by" in done.stdout


def test_a_file_that_is_not_there(tmp_path):
    done = _run(tmp_path / "annotations" / "missing.yaml")
    assert (
        done.returncode == 1 and "no such annotation file" in done.stdout and "Traceback" not in done.stderr
    )


def test_words_over_a_line_break_take_the_pasted_fix(broken):
    """The fix offered for words that run over a line break validates when pasted as it is."""
    folder = broken()
    article = next((folder / "articles").glob("*.txt"))
    text = article.read_text(encoding="utf-8")
    words = "Russia is willing to resume peace talks with Ukraine"
    assert text.count(words) == 1
    # same length
    article.write_text(text.replace(words, words.replace("resume ", "resume\n")), encoding="utf-8")
    problems = [p for p in validate_corpus(folder) if "line breaks are ignored" in p.what]
    assert len(problems) == 1
    pasted = problems[0].fix.split("quotes included): ", 1)[1]
    assert pasted == '"Russia is willing to resume\\npeace talks with Ukraine"'
    ann = folder / ANN
    ann.write_text(ann.read_text(encoding="utf-8").replace(f"words: {words}", f"words: {pasted}"),
                   encoding="utf-8")
    assert validate_corpus(folder) == []


LAUGHS = "article: articles/x.txt\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{k}: &{k} [" + ", ".join([f"*{p}"] * 10) + "]\n" for p, k in zip("abcdefgh", "bcdefghi"))


def _hostile_corpus(broken):
    """The seed copy with one fault of each kind, in several files at once."""
    broken("    said_on: 2025-08-01", "    said_on: 3025-08-01")  # a year the tables cannot hold
    broken("      days: [10, 12]", "      days: [10, 1000000000]")  # days beyond them
    broken("    speaker: zelensky", "    speaker: zelenski")  # and an ordinary mistake beside them
    folder = broken("military capabilities", "military capa\u00adbilities", file=f"articles/{SEED}.txt")
    (folder / "annotations" / "laughs.yaml").write_text(LAUGHS, encoding="utf-8")
    (folder / "annotations" / "deep.yaml").write_text("a: &x " + "[" * 500 + "]" * 500 + "\n",
                                                      encoding="utf-8")
    (folder / "annotations" / "folder.yaml").mkdir()
    os.mkfifo(folder / "annotations" / "pipe.yml")
    (folder / "annotations" / "gone.yaml").symlink_to(folder / "nowhere.yaml")
    return folder


HOSTILE = [  # (file, line, words of what is wrong)
    (ANN, 66, "'3025-08-01' lies outside the dates the tables can hold"),
    (ANN, 248, "1000000000 days from"),
    (ANN, 177, "unknown actor id 'zelenski'"),
    (ANN, 92, "soft hyphen (U+00AD) inside 'capabilities'"),
    ("annotations/laughs.yaml", 5, "expand to more than 10,000 values"),
    ("annotations/deep.yaml", 1, "more than 100 levels deep"),
    ("annotations/folder.yaml", 0, "is a folder"),
    ("annotations/pipe.yml", 0, "not a regular file"),
    ("annotations/gone.yaml", 0, "which does not exist"),
]


def test_hostile_inputs_are_all_reported_in_one_run(broken):
    problems = validate_corpus(_hostile_corpus(broken))
    listing = "\n".join(map(str, problems))
    for file, line, what in HOSTILE:
        assert any(p.path.endswith(file) and p.line == line and what in p.what and p.fix for p in problems), \
            f"{file}:{line} {what!r} not in:\n{listing}"
    assert len(problems) == len(HOSTILE), listing


def test_load_corpus_lists_dates_it_cannot_hold_instead_of_failing(broken):
    folder = broken("    said_on: 2025-08-01", "    said_on: 1600-08-01")
    with pytest.raises(CorpusError) as err:
        load_corpus(folder, cache=False)
    assert [p.line for p in err.value.problems] == [66]
    assert "outside the dates the tables can hold" in str(err.value)


def test_cli_on_hostile_inputs_lists_them_without_traceback(broken):
    run = _cli(_hostile_corpus(broken))
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    assert len(run.stdout.strip().splitlines()) == len(HOSTILE), run.stdout


@pytest.mark.parametrize("text", ["", "# to annotate later\n", "\n\n   \n"],
                         ids=["0 bytes", "comments", "blank"])
def test_cli_names_an_annotation_file_that_holds_nothing(broken, text):
    folder = broken()
    (folder / ANN).write_text(text, encoding="utf-8")
    run = _cli(folder)
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr, run.stdout + run.stderr
    assert f"{ANN}:1: the file holds no annotation" in run.stdout and "write article: articles/" in run.stdout


def test_a_drafts_proposed_actor_with_a_name_that_matches_everywhere_is_refused(broken):
    proposal = ('new_actors:\n  - id: harbour\n    name: Harbour Board\n    kind: organisation\n    '
                'country: null\n    role: null\n    aliases: [" ", "s", Harbour Board]\n    check: new\n')
    folder = broken("statements:", proposal + "statements:")
    problems = validate_corpus(folder)
    said = [(p.line, p.what) for p in problems]
    assert [what for _,
            what in said] == ["actor 'harbour': the alias ' ' holds no letter "
                              "or digit, so it would match all through the text",
                              "actor 'harbour': the alias 's' is a single "
                              "character, so it would match all through the text"], said
    assert all(p.fix.endswith("or remove it") for p in problems)
