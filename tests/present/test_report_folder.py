"""Where the report goes: only into a new or empty folder or one a report wrote (its manifest lists its
files), never into or around the corpus; built beside the folder and swapped in, so a failed, interrupted or
inconsistent run leaves the previous report whole; findings.md shows the analyst's names as typed.

Folders, corpora and notebooks are built in each test; the seed corpus is copied from tests/fixtures/seed.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import cli
from helpers.present import findings_log
from helpers.present.report import MANIFEST, build_report, corpus_state, swap_in, target_problem
from tests.conftest import ROOT, SEED_CORPUS

KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}


def _tiny(folder, *code, name="a.ipynb", title="# A · Tiny"):
    """A notebook that prints one finding, saves one table as the shared notebooks do (to the folder the
    report gives as ``save_tables``) and runs ``code`` (one cell each) in between."""
    folder.mkdir(exist_ok=True)
    cells = [new_markdown_cell(title),
             new_code_cell("corpus_folder = '../data'\nsave_tables = False",
                           metadata={"tags": ["parameters"]}),
             *(new_code_cell(c) for c in code),
             new_code_cell("# NBVAL_CHECK_OUTPUT\nprint('one finding')"),
             new_code_cell("import pandas as pd\nfrom helpers import display\n"
                           "display.table(pd.DataFrame({'n': range(3)}), 'numbers', save=save_tables)")]
    nbformat.write(new_notebook(metadata=KERNEL, cells=cells), folder / name)
    return folder


@pytest.fixture
def corpus(tmp_path):
    return shutil.copytree(SEED_CORPUS, tmp_path / "corpus")


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


# ---------------------------------------------------------------- which folders are refused

def test_a_folder_of_someone_elses_files_is_refused_and_left_alone(tmp_path, corpus, capsys):
    mine = tmp_path / "mine"
    (mine / "tables").mkdir(parents=True)
    (mine / "tables" / "budget.csv").write_text("keep\n")
    (mine / "index.html").write_text("<h1>mine</h1>")
    before = _tree(mine)
    assert build_report(_tiny(tmp_path / "nb"), mine, corpus=str(corpus)) == 1
    err = capsys.readouterr().err
    assert (
        f"cannot write the report into {mine}: it holds files that no report wrote (index.html, tables/)"
        in err
    )
    assert "choose another folder with --out" in err and "Traceback" not in err
    assert _tree(mine) == before and sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "mine", "nb"]


@pytest.mark.parametrize("where, said",
                         [("", "is the corpus folder"), ("annotations", "is inside the corpus folder"),
                                         ("..", "holds the corpus folder")])
def test_the_corpus_folder_and_folders_around_it_are_refused(tmp_path, corpus, where, said):
    out = (corpus / where) if where else corpus
    assert said in target_problem(out, corpus, tmp_path / "nb")
    assert "choose another folder with --out" in target_problem(out, corpus, tmp_path / "nb")


def test_new_empty_and_report_folders_are_accepted(tmp_path, corpus):
    nb = tmp_path / "nb"
    assert target_problem(tmp_path / "new", corpus, nb) is None
    (tmp_path / "empty" / "evaluation").mkdir(parents=True)  # what `make evaluate` leaves in reports/
    assert target_problem(tmp_path / "empty", corpus, nb) is None
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "index.html").write_text("x")
    assert "no report wrote" in target_problem(tmp_path / "report", corpus, nb)
    (tmp_path / "report" / MANIFEST).write_text(json.dumps({"files": ["index.html"]}))
    assert target_problem(tmp_path / "report", corpus, nb) is None
    (tmp_path / "report" / MANIFEST).write_text(json.dumps({"files": ["../corpus/actors.yaml"]}))
    assert "cannot be read" in target_problem(tmp_path / "report", corpus, nb)


# ---------------------------------------------------------------- the swap

def _built(folder, files):
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def test_swap_replaces_only_the_previous_reports_files(tmp_path):
    out = tmp_path / "out"
    assert swap_in(_built(tmp_path / "one", {"index.html": "1", "old.html": "1", "tables/a-x.csv": "1"}),
                   out) is None
    (out / "tables" / "budget.csv").write_text("mine")  # the analyst's, put there after the first report
    (out / "evaluation").mkdir()
    (out / "evaluation" / "e.csv").write_text("other command")
    assert swap_in(_built(tmp_path / "two", {"index.html": "2", "tables/a-y.csv": "2"}), out) is None
    assert _tree(out) == {"index.html": b"2", "tables/a-y.csv": b"2", "tables/budget.csv": b"mine",
                          "evaluation/e.csv": b"other command",
                          MANIFEST: (json.dumps({"files": ["index.html", "tables/a-y.csv"]},
                                                indent=1) + "\n").encode()}
    # staging emptied, no leftovers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "out", "two"]


def test_swap_refuses_to_replace_a_file_the_previous_report_did_not_write(tmp_path):
    out = tmp_path / "out"
    swap_in(_built(tmp_path / "one", {"index.html": "1"}), out)
    (out / "tables").mkdir()
    (out / "tables" / "a-x.csv").write_text("the analyst's")
    problem = swap_in(_built(tmp_path / "two", {"index.html": "2", "tables/a-x.csv": "2"}), out)
    assert "tables/a-x.csv would replace files the previous report did not write" in problem
    assert (out / "index.html").read_text() == "1" and (out / "tables" / "a-x.csv").read_text() == (
        "the analyst's"
    )


def test_a_listed_file_behind_a_symbolic_link_is_not_followed(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    swap_in(_built(tmp_path / "one", {"tables/a.csv": "1"}), out)
    _built(elsewhere, {"a.csv": "precious"})
    shutil.rmtree(out / "tables")
    (out / "tables").symlink_to(elsewhere)
    assert "would replace" in swap_in(_built(tmp_path / "two", {"tables/a.csv": "2"}), out)
    assert (elsewhere / "a.csv").read_text() == "precious"


@pytest.mark.parametrize("renames_before_kill", range(5))
def test_a_swap_killed_part_way_leaves_every_file_whole_and_listed(tmp_path, monkeypatch,
                                                                   renames_before_kill):
    import helpers.present.report as module

    out = tmp_path / "out"
    swap_in(_built(tmp_path / "one", {"index.html": "1", "a.html": "1", "tables/a-x.csv": "1"}), out)
    real, done = os.replace, []

    def killed(src, dst):
        if len(done) == renames_before_kill:
            raise SystemExit("killed")  # SIGKILL cannot be held off: the swap just stops here
        done.append(dst)
        real(src, dst)
    monkeypatch.setattr(module.os, "replace", killed)
    with pytest.raises(SystemExit):
        swap_in(_built(tmp_path / "two", {"index.html": "2", "b.html": "2", "tables/b-y.csv": "2"}), out)
    monkeypatch.setattr(module.os, "replace", real)
    listed = set(json.loads((out / MANIFEST).read_text())["files"])
    assert set(_tree(out)) - {MANIFEST} <= listed  # nothing unlisted: the next run may replace it all
    assert all(v in (b"1", b"2") for v in _tree(out).values() if v[:1] != b"{")  # each file old or new, whole
    assert swap_in(_built(tmp_path / "three", {"index.html": "3", "c.html": "3"}), out) is None
    assert set(_tree(out)) == {"index.html", "c.html", MANIFEST}


def test_a_second_swap_waits_for_the_first(tmp_path):
    import fcntl
    import threading

    out = tmp_path / "out"
    swap_in(_built(tmp_path / "one", {"index.html": "1"}), out)
    holder = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # as a report in the middle of its swap holds it
    second = threading.Thread(target=swap_in, args=(_built(tmp_path / "two", {"index.html": "2"}), out))
    second.start()
    second.join(0.5)
    assert second.is_alive() and (out / "index.html").read_text() == "1"
    os.close(holder)
    second.join(5)
    assert not second.is_alive() and (out / "index.html").read_text() == "2"


def test_a_report_written_before_reports_had_a_manifest_is_replaced_by_name(tmp_path):
    out = _built(tmp_path / "out", {"index.html": "<title>newsdesk reports</title>", "a.html": "old",
                                    "notes.html": "mine", "executed/a.ipynb": "{}", "tables/a-x.csv": "old",
                                    "tables/budget.csv": "mine"})
    assert swap_in(_built(tmp_path / "new", {"index.html": "new", "b.html": "new"}), out) is None
    assert _tree(out).keys() == {"index.html", "b.html", "notes.html", "tables/budget.csv", MANIFEST}


def test_corpus_state_sees_a_file_added_or_edited(corpus):
    before = corpus_state(corpus)
    assert before == corpus_state(corpus) and "actors.yaml" in before
    (corpus / "articles" / "new.txt").write_text("x")
    assert set(corpus_state(corpus)) - set(before) == {"articles/new.txt"}
    (corpus / "articles" / "new.txt").unlink()  # gone again: its folder still says something came and went
    time.sleep(0.01)
    from helpers.present.report import _changed
    assert _changed(before, corpus_state(corpus)) == "a file added and removed again in articles/"


# ---------------------------------------------------------------- the command from anywhere

def test_report_resolves_its_defaults_from_the_project_and_out_from_here(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine")
    assert cli.main(["report", "--out", "mine"]) == 1  # found the project's notebooks, refused the folder
    err = capsys.readouterr().err
    assert (f"cannot write the report into {tmp_path / 'mine'}: "
            "it holds files that no report wrote (notes.txt)") in err
    assert cli.main(["report", "--out", "mine", "--corpus", "mine"]) == 1
    assert f"it is the corpus folder {tmp_path / 'mine'}" in capsys.readouterr().err


# ---------------------------------------------------------------- findings.md shows names as typed

def test_findings_log_escapes_markup_from_the_analysts_data():
    line = ("<b>Acme</b> said [x](javascript:alert(1)) &lt;i&gt; "
            "*loud* _quiet_ general_motors | Putin & Russia")
    nb = new_notebook(cells=[new_markdown_cell("# T"), new_code_cell(
        "# NBVAL_CHECK_OUTPUT",
        outputs=[new_output("stream", name="stdout", text=f"{line}\n# not a heading\n")])])
    text = findings_log.markdown([("t.ipynb", nb)], "story “<i>x</i>”")
    assert ("- \\<b\\>Acme\\</b\\> said \\[x\\](javascript:alert(1)) \\&lt;i\\&gt; \\*loud\\* \\_quiet\\_ "
            "general_motors \\| Putin & Russia") in text
    assert "- \\# not a heading" in text and "story “\\<i\\>x\\</i\\>”" in text
    assert findings_log.escaped("2025. A year") == "2025\\. A year"
    assert findings_log.escaped("plain, 3.5") == "plain, 3.5"


# ---------------------------------------------------------------- whole runs (execute notebooks)

@pytest.mark.slow
def test_a_second_report_replaces_the_first_and_keeps_other_files(tmp_path, corpus):
    out = tmp_path / "out"
    assert build_report(_tiny(tmp_path / "nb"), out, corpus=str(corpus)) == 0
    assert (out / "a.html").is_file() and (out / "tables" / "a-numbers.csv").is_file()
    (out / "tables" / "budget.csv").write_text("mine")
    (tmp_path / "nb" / "a.ipynb").rename(tmp_path / "nb" / "b.ipynb")
    assert build_report(tmp_path / "nb", out, corpus=str(corpus)) == 0
    listed = json.loads((out / MANIFEST).read_text())["files"]
    assert (
        "b.html" in listed and not (out / "a.html").exists() and not (out / "executed" / "a.ipynb").exists()
    )
    assert sorted(p.name for p in (out / "tables").iterdir()) == ["b-numbers.csv", "budget.csv"]


@pytest.mark.slow
def test_a_failing_notebook_or_a_corpus_changed_midway_keeps_the_previous_report(tmp_path, corpus, capsys):
    out = tmp_path / "out"
    assert build_report(_tiny(tmp_path / "nb"), out, corpus=str(corpus)) == 0
    before = _tree(out)
    _tiny(tmp_path / "nb", "raise ValueError('broken on purpose')", name="b.ipynb", title="# B")
    assert build_report(tmp_path / "nb", out, corpus=str(corpus)) == 1
    assert "b.ipynb failed in cell" in capsys.readouterr().err and _tree(out) == before
    _tiny(tmp_path / "nb",
          "from pathlib import Path\n(Path(corpus_folder) / 'articles' / 'late.txt').write_text('x')",
          name="b.ipynb", title="# B")  # as if an article were added while the report runs
    assert build_report(tmp_path / "nb", out, corpus=str(corpus)) == 1
    err = capsys.readouterr().err
    assert f"the corpus in {corpus} changed while the report ran (1 added: articles/late.txt)" in err
    assert f"nothing was changed in {out}" in err and _tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    # an article added while one notebook runs and removed during the next: the pages between saw it
    _tiny(tmp_path / "nb",
          "from pathlib import Path\n(Path(corpus_folder) / 'articles' / 'brief.txt').write_text('x')",
          name="b.ipynb", title="# B")
    _tiny(tmp_path / "nb",
          "from pathlib import Path\n(Path(corpus_folder) / 'articles' / 'brief.txt').unlink()",
          name="c.ipynb", title="# C")
    assert build_report(tmp_path / "nb", out, corpus=str(corpus)) == 1
    assert "changed while the report ran (1 added: articles/brief.txt)" in capsys.readouterr().err
    assert _tree(out) == before


@pytest.mark.slow
def test_an_interrupt_leaves_the_previous_report_whole_and_stops_the_kernel(tmp_path, corpus):
    out = tmp_path / "out"
    assert build_report(_tiny(tmp_path / "nb"), out, corpus=str(corpus)) == 0
    before = _tree(out)
    marker = tmp_path / "kernel.pid"
    _tiny(tmp_path / "nb",
          f"import os, time\nopen({str(marker)!r}, 'w').write(str(os.getpid()))\ntime.sleep(120)",
          name="b.ipynb", title="# B")
    run = subprocess.Popen([sys.executable, "-m", "helpers", "report", "--notebooks", str(tmp_path / "nb"),
                            "--corpus", str(corpus), "--out", str(out)], cwd=ROOT, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not marker.exists() and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    assert marker.exists(), run.communicate()
    time.sleep(0.5)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert err.strip().splitlines()[-1] == f"report: interrupted; nothing was changed in {out}"
    assert "Traceback" not in err and _tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    kernel = int(marker.read_text())
    for _ in range(50):
        try:
            os.kill(kernel, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the kernel still runs after the interrupt")


@pytest.mark.slow  # runs seven small reports
def test_a_notebook_whose_inputs_did_not_change_keeps_its_page(tmp_path, corpus, capsys):
    out, books = tmp_path / "out", tmp_path / "nb"
    _tiny(books, "x = 1")
    _tiny(books, "y = 2", name="b.ipynb", title="# B")
    assert build_report(books, out, corpus=str(corpus)) == 0
    first = _tree(out)
    capsys.readouterr()
    assert build_report(books, out, corpus=str(corpus)) == 0
    said = capsys.readouterr().out
    assert said.count("nothing it reads changed since the last report; kept") == 2 and "executing" not in said
    assert {k: v for k, v in _tree(out).items() if k != MANIFEST} == \
        {k: v for k, v in first.items() if k != MANIFEST}
    # the tables were written to files as the notebooks ran, and kept with their pages
    assert first["tables/a-numbers.csv"] == first["tables/b-numbers.csv"] == b"n\n0\n1\n2\n"
    _tiny(books, "y = 3", name="b.ipynb", title="# B")  # one notebook edited: only it runs again
    assert build_report(books, out, corpus=str(corpus)) == 0
    said = capsys.readouterr().out
    assert (
        "a.ipynb: nothing it reads changed" in said
        and "executing b.ipynb" in said
        and "executing a" not in said
    )
    # the corpus changed: every notebook reads it
    (corpus / "articles" / "new.txt").write_text("an article more")
    assert build_report(books, out, corpus=str(corpus)) == 0
    assert capsys.readouterr().out.count("executing") == 2
    assert build_report(books, out, corpus=str(corpus), rerun=True) == 0
    assert capsys.readouterr().out.count("executing") == 2
    # no such corpus: nothing kept or run
    assert build_report(books, out, corpus=str(tmp_path / "other")) == 1
    shutil.copytree(corpus, tmp_path / "other")
    assert build_report(books, out, corpus=str(tmp_path / "other")) == 0  # another corpus (another parameter)
    assert capsys.readouterr().out.count("executing") == 2


@pytest.mark.slow  # executes a notebook
@pytest.mark.parametrize("where", ["staging", "build"])
def test_a_write_problem_is_said_as_one_and_keeps_the_previous_report(tmp_path, corpus, capsys, monkeypatch,
                                                                      where):
    import errno

    import helpers.present.report as module

    out = tmp_path / "out"
    assert build_report(_tiny(tmp_path / "nb"), out, corpus=str(corpus)) == 0
    before = _tree(out)

    def too_large(*args, **kwargs):
        raise OSError(errno.EFBIG, "File too large")
    monkeypatch.setattr(module, "_staging" if where == "staging" else "_build", too_large)
    assert build_report(tmp_path / "nb", out, corpus=str(corpus)) == 1
    err = capsys.readouterr().err
    assert "File too large" in err and "--out" in err and "Traceback" not in err
    assert _tree(out) == before


@pytest.mark.slow  # executes a notebook
def test_a_kernel_that_dies_is_said_in_one_line(tmp_path, corpus, capsys):
    out = tmp_path / "out"
    assert build_report(_tiny(tmp_path / "nb", "import os\nos._exit(1)"), out, corpus=str(corpus)) == 1
    err = capsys.readouterr().err
    assert "a.ipynb stopped: its Python kernel died" in err and "Traceback" not in err and not out.exists()
    assert "Kernel died while" not in err  # said once, by the report


@pytest.mark.slow  # executes a notebook
def test_a_notebook_failing_while_the_corpus_changes_says_the_corpus_changed(tmp_path, corpus, capsys):
    out = tmp_path / "out"
    annotation = next((corpus / "annotations").glob("*.yaml"))
    broken = (f"from pathlib import Path\np = Path({str(annotation)!r})\nt = p.read_text()\n"
              "p.write_text(t + '\\n  - [')\np.write_text(t)\nraise RuntimeError('the corpus did not load')")
    assert build_report(_tiny(tmp_path / "nb", broken), out, corpus=str(corpus)) == 1
    err = capsys.readouterr().err
    assert "a.ipynb failed while the corpus in" in err and "was changing (1 changed:" in err
    assert "run the report again once the corpus is no longer being edited" in err
