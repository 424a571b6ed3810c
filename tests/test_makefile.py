"""`make report` remakes the report only when what it is made from changed: checked with make's dry run and
question mode on a tiny project tree holding a copy of the Makefile (nothing is executed)."""
from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
BEFORE = time.time() - 3600  # every file of the tree is dated an hour back, the report's list of files after
# the tree's own corpus folder, named as the Makefile expects (the project's data/ is never read)
INPUTS = [("data", "actors.yaml"), ("data", "articles", "a.txt"), ("data", "annotations", "a.yaml"),
          ("data", "sources", "a page: saved.html"), ("notebooks", "1-actors.ipynb"),
          ("helpers", "corpus", "load.py")]
HIDDEN = ("data", "annotations", ".a.yaml.swp")
COMPILED = ("helpers", "corpus", "__pycache__", "load.pyc")
STAMP = "reports/.newsdesk-report.json"


@pytest.fixture
def tree(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    for parts in [("pyproject.toml",), (".venv", ".installed-stamp"), *INPUTS, COMPILED, HIDDEN, (STAMP,)]:
        path = tmp_path.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")
    for path in sorted(tmp_path.rglob("*"), reverse=True):  # files first, then the folders holding them
        os.utime(path, (BEFORE, BEFORE))
    os.utime(tmp_path / ".venv" / ".installed-stamp", (BEFORE + 5, BEFORE + 5))
    os.utime(tmp_path / STAMP, (BEFORE + 10, BEFORE + 10))
    return tmp_path


def _make(tree, *args) -> tuple[int, str]:
    run = subprocess.run(["make", "--no-print-directory", *args], cwd=tree, capture_output=True, text=True,
                         timeout=60)
    return run.returncode, run.stdout + run.stderr


def _runs(tree, *args) -> bool:
    """Whether ``make report`` would render the report (make's dry run), checked against its question mode."""
    code, said = _make(tree, "-n", "report", *args)
    assert code == 0, said
    renders = "-m helpers report --out" in said
    assert renders == (_make(tree, "-q", "report", *args)[0] != 0)
    assert renders or "Nothing to be done for 'report'" in said
    return renders


def test_an_unchanged_project_is_up_to_date(tree):
    assert not _runs(tree)


def test_the_first_report_is_made(tree):
    (tree / STAMP).unlink()
    assert _runs(tree)
    code, said = _make(tree, "-n", "report")
    assert "helpers validate data" in said and " 86400000000000" not in said


@pytest.mark.parametrize("parts", INPUTS, ids="/".join)
def test_a_changed_input_remakes_the_report(tree, parts):
    tree.joinpath(*parts).write_text("changed\n", encoding="utf-8")
    assert _runs(tree)


def test_an_added_or_removed_file_remakes_the_report(tree):
    annotations = tree.joinpath(*INPUTS[2]).parent
    (annotations / "a.yaml").unlink()
    assert _runs(tree)
    os.utime(annotations, (BEFORE + 15, BEFORE + 15))  # then a report made after the removal
    os.utime(tree / STAMP, (BEFORE + 20, BEFORE + 20))
    assert not _runs(tree)
    (annotations / "b.yaml").write_text("x\n", encoding="utf-8")
    assert _runs(tree)


def test_compiled_and_hidden_files_do_not_count(tree):
    tree.joinpath(*COMPILED).write_text("y\n", encoding="utf-8")
    tree.joinpath(*HIDDEN).write_text("y\n", encoding="utf-8")
    assert not _runs(tree)


def test_a_story_drafts_or_force_always_runs(tree):
    for option in ("STORY=harbour fees", "DRAFTS=1"):
        assert _runs(tree, option)
        assert " 86400000000000" in _make(tree, "-n", "report", option)[1]  # the next plain run remakes it
    assert _runs(tree, "FORCE=1")
    assert not _runs(tree)


def test_another_report_folder_has_its_own_record(tree):
    assert _runs(tree, "REPORTS=reports/other")
    assert "--out reports/other" in _make(tree, "-n", "report", "REPORTS=reports/other")[1]


def test_the_other_targets_are_still_there(tree):
    code, said = _make(tree, "help")
    assert code == 0 and all(f"make {t} " in said for t in ("report", "test", "test-fast", "lab", "validate",
                                                            "notebooks", "evaluate", "clean"))
    assert "pytest -n 2 -m \"not slow\" tests" in _make(tree, "-n", "test-fast")[1]
