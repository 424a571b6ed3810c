"""Validation as a whole: all problems in one run, sorted; one exception; the command line.

Each kind of bad input and its message is in fixtures/bad_inputs.yaml (tests/test_bad_inputs.py)."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import CorpusError, load_corpus, validate_corpus

from .conftest import SEED, SEED_CORPUS

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
    return subprocess.run([sys.executable, "-m", "helpers", "validate", str(folder)],
                          capture_output=True, text=True, timeout=120)


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
