"""Every command leaves the articles and the analyst's files byte-identical."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from helpers import load_corpus
from tests.command import in_new_process
from tests.conftest import FICTIONAL, FIXTURES, SEED_CORPUS


def _hashes(root):
    return {p.relative_to(root): hashlib.sha256(p.read_bytes()).hexdigest()
            for sub in ("articles", "annotations") for p in (root / sub).rglob("*") if p.is_file()} | {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (root / "actors.yaml", root / "topics.yaml")}


def test_no_command_changes_an_article_or_an_annotation(tmp_path, mixed_pages):
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    (root / "articles" / "new.txt").write_text("Talks resumed in Harbourton on "
                                               "March 3, 2031, officials said.",
                                               encoding="utf-8")
    before = _hashes(root)

    run = in_new_process  # as the analyst runs them: each command in a process of its own

    assert run("validate", str(root)).returncode == 0
    assert run("draft", str(root / "articles" / "new.txt")).returncode == 0
    assert run("draft", str(root / "articles" / "new.txt")).returncode == 1  # refuses to overwrite the draft
    shutil.rmtree(root / "drafts")
    assert run("draft", str(root)).returncode == 0
    load_corpus(root)
    load_corpus(root)
    assert _hashes(root) == before
    # report: `mixed_pages` (conftest.py) renders the mixed corpus once a session and checks that every file
    # of it, and every stored notebook, is byte-identical afterwards
    assert (mixed_pages / "index.html").is_file()
    leftovers = [p for p in root.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


# ---- runs killed or interrupted part way (slow: each waits for a command to get going) ---------------------

def _start(*args, group: bool = False) -> subprocess.Popen:
    """The command in the background, Ctrl-C reaching it as at a terminal (this environment's background
    processes ignore SIGINT otherwise); ``group``: in a process group of its own, for a Ctrl-C to the whole
    group."""
    return subprocess.Popen([sys.executable, "-m", "helpers", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE,
                            text=True, start_new_session=group,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _first_line(process: subprocess.Popen, word: str) -> str:
    line = process.stdout.readline()
    while line and word not in line:
        line = process.stdout.readline()
    assert word in line, process.stderr.read()
    return line


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _texts(folder: Path, count: int) -> Path:
    folder.mkdir()
    body = (FIXTURES / "pages" / "plain.txt").read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"text{i:03}.txt").write_text(body + f"\nThe harbour master added remark number {i}.\n",
                                                encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.15, 0.4])
def test_an_ingest_killed_part_way_is_finished_by_the_next_run(tmp_path, delay):
    root = shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    saved = _texts(tmp_path / "saved", 30)
    before = _hashes(root)
    run = _start("ingest", str(saved), "--corpus", str(root))
    said = [_first_line(run, " → ")]  # printed as it happened, not at the end
    time.sleep(delay)
    run.send_signal(signal.SIGKILL)
    said += run.stdout.read().splitlines()
    run.wait(timeout=60)
    for line in said:
        if " → " in line:
            assert (root / line.split(" → ")[1].split(",")[0]).is_file()  # what it said it wrote is there
    again = in_new_process("ingest", saved, "--corpus", root, timeout=600)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    articles = sorted(p.stem for p in (root / "articles").glob("*.txt") if p.name.startswith("2019"))
    assert len(articles) == 30
    assert sorted(p.stem for p in (root / "drafts").glob("*.yaml")) == articles  # every article has its draft
    after = _hashes(root)
    assert {key: after.get(key) for key in before} == before  # the corpus's own files untouched
    assert [p for p in root.rglob("*") if p.name.endswith(".tmp")] == []


def _waiting_articles(tmp_path, count: int) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, root)
    shutil.rmtree(root / "annotations")
    (root / "annotations").mkdir()
    seed = next((root / "articles").glob("*.txt"))
    for i in range(count):
        shutil.copy(seed, root / "articles" / f"copy{i:03}.txt")
    return root


def _check_drafts(root: Path) -> list[Path]:
    drafts = sorted((root / "drafts").glob("*.yaml"))
    for draft in drafts:
        assert yaml.safe_load(draft.read_text(encoding="utf-8"))["statements"]  # whole, every one
    assert [p for p in root.rglob("*") if p.name.endswith(".tmp")] == []
    return drafts


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_draft_takes_its_workers_with_it(tmp_path):
    root = _waiting_articles(tmp_path, 200)
    run = _start("draft", str(root), "--jobs", "2", "--reference-date", "2025-08-01")
    _first_line(run, "wrote ")
    workers = _children(run.pid)
    assert len(workers) >= 2
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=60)
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, workers))
    drafted = len(list((root / "drafts").glob("*.yaml")))
    assert drafted < 201
    again = in_new_process("draft", root, "--reference-date", "2025-08-01", timeout=600)
    assert again.returncode == 0 and f"drafted {201 - drafted} of {201 - drafted} articles" in again.stdout
    assert len(_check_drafts(root)) == 201


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_stops_a_draft_cleanly_with_one_line(tmp_path):
    root = _waiting_articles(tmp_path, 200)
    run = _start("draft", str(root), "--jobs", "2", "--reference-date", "2025-08-01", group=True)
    _first_line(run, "wrote ")
    workers = _children(run.pid)
    os.killpg(run.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the command and its workers
    out, err = run.stdout.read(), run.stderr.read()  # not communicate(): it misses what readline read ahead
    run.wait(timeout=60)
    assert run.returncode == 130 and "Traceback" not in err and "KeyboardInterrupt" not in err, err
    said = [line for line in err.splitlines() if line.strip() and "drafting on" not in line]
    assert len(said) == 1, err  # one line, and when not, what else was said
    [account] = said
    drafted = _check_drafts(root)
    assert account.startswith(f"draft: interrupted; {len(drafted)} of 201 articles drafted into")
    assert out.count("wrote ") + 1 == len(drafted)  # every draft written was said, the first one read above
    assert not any(map(_alive, workers))


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.2, 0.4, 0.8])
def test_ctrl_c_while_the_command_starts_says_nothing_and_exits_130(tmp_path, after):
    run = _start("validate", str(tmp_path))
    time.sleep(after)
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=30)
    # before Python itself had started (a slow machine): no code of ours ran yet
    if "Fatal Python error" in err:
        pytest.skip("the interrupt came while the interpreter was starting")
    assert "Traceback" not in err
    assert run.returncode in (130, 1, -signal.SIGINT)  # stopped (or, when quicker than the signal, finished)
