"""The cache across processes: loads racing on one corpus, and a load killed while its workers compile."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import load_corpus
from helpers.corpus.cache import TMP_PREFIX
from tests.conftest import FICTIONAL, ROOT
from tests.corpus import assert_same_tables

# each round: a fresh cache folder, both processes wait for each other, then load at the same moment, cold
# (the
# first swap) and again with drafts (no shortcut: a second swap over a cache that exists); renames are slowed
# down, as on a busy or network file system, so the two swaps overlap
RACER = """
import os, pathlib, sys, time
from helpers import load_corpus
root, base, me, rounds = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
rename = pathlib.Path.rename
def slow_rename(self, target):
    time.sleep(0.05)
    return rename(self, target)
pathlib.Path.rename = slow_rename
for r in range(rounds):
    folder = base / str(r)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"ready-{me}").touch()
    waited = time.monotonic()
    while len(list(folder.glob("ready-*"))) < 2:
        if time.monotonic() - waited > 120:
            sys.exit("the other process never came")
        time.sleep(0.005)
    os.environ["NEWSDESK_CACHE"] = str(folder / "cache")
    load_corpus(root)
    load_corpus(root, drafts=True)
print("ok")
"""


def _generated(folder: Path, articles: int) -> Path:
    from benchmarks.make_corpus import make_corpus
    return make_corpus(articles, folder, seed=5)


def test_two_loads_racing_on_one_corpus_both_succeed(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    base, rounds = tmp_path / "caches", 6
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(root), str(base), me, str(rounds)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for me in "ab"]
    outcomes = [racer.communicate(timeout=300) for racer in racers]
    for racer, (out, err) in zip(racers, outcomes):
        assert racer.returncode == 0 and out.strip() == "ok", err[-3000:]
    fresh = load_corpus(root, cache=False)
    for r in range(rounds):
        caches = base / str(r) / "cache"
        assert not list(caches.glob(TMP_PREFIX + "*")), "a temporary folder was left behind"
        monkeypatch.setenv("NEWSDESK_CACHE", str(caches))
        assert_same_tables(fresh, load_corpus(root))


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``, and theirs (from /proc)."""
    found, frontier = set(), {pid}
    while frontier:
        parents, frontier = frontier, set()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) in parents:
                    frontier.add(int(entry.name))
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie, dead but not yet reaped by whoever adopted it, counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _kill_mid_compile(load: subprocess.Popen) -> set[int]:
    """SIGKILL the loading process once its workers compile; return the workers' ids."""
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and load.poll() is None:
        time.sleep(0.1)
        workers = _children(load.pid)
    assert len(workers) >= 2, "the load did not start its workers"
    time.sleep(1.5)  # mid-compile
    workers |= _children(load.pid)
    load.send_signal(signal.SIGKILL)
    load.wait()
    return workers


@pytest.mark.slow  # a 600-article corpus, compiled twice: about a minute on two cores
@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
                    reason="workers are started on Linux with two cores or more")
def test_a_killed_load_leaves_no_workers_and_the_next_load_is_whole(tmp_path, monkeypatch):
    root = _generated(tmp_path / "corpus", 600)
    caches = tmp_path / "cache"
    monkeypatch.setenv("NEWSDESK_CACHE", str(caches))
    load = subprocess.Popen([sys.executable, "-c", "import sys; from helpers import load_corpus; "
                             "load_corpus(sys.argv[1])", str(root)], cwd=ROOT, env={**os.environ},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        workers = _kill_mid_compile(load)
        deadline = time.monotonic() + 15
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)], "workers outlived the killed load"
    finally:  # whatever happened, no process of this test is left running
        load.kill()
        load.wait()
        for pid in filter(_alive, workers):
            os.kill(pid, signal.SIGKILL)
    assert list(caches.rglob(TMP_PREFIX + "*")), ("test setup: the killed load left "
                                                  "no temporary folder to clean")
    fresh = load_corpus(root, cache=False)
    assert_same_tables(fresh, load_corpus(root))
    assert not list(caches.rglob(TMP_PREFIX + "*"))
    assert_same_tables(fresh, load_corpus(root))  # warm, from the cache the recovering load wrote
