"""The cache under faults: problems of several files recomputed, edits during a load seen, foreign manifests
rebuilt, unusable cache folders skipped with a warning, article paths that cannot be articles refused."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from pyarrow import feather

from helpers import CorpusError, load_corpus
from helpers.corpus import annotation as annotation_module
from helpers.corpus import load as corpus_module
from helpers.corpus.cache import TMP_PREFIX, cache_dir
from helpers.corpus.load import read_corpus
from tests.corpus import assert_same_tables


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _within(seconds, fifo, work):
    """``work()``'s result, or a failure if it blocks: a FIFO opened for reading waits for a writer forever.
    The work runs in a thread; a blocked one is released by opening the FIFO for writing."""
    out = []
    thread = threading.Thread(target=lambda: out.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(5)
        pytest.fail(f"reading the corpus blocked on the FIFO {fifo}")
    return out[0]


# --- 1. a problem of two files is recomputed when either changes --------------------------------------------

@pytest.mark.parametrize("remove", ["f1.yaml", "f1-copy.yaml"])
def test_removing_one_of_two_annotations_of_an_article_clears_the_problem(corpus_copy, remove):
    shutil.copy(corpus_copy / "annotations" / "f1.yaml", corpus_copy / "annotations" / "f1-copy.yaml")
    for _ in range(2):  # cold, then warm: the problem stays while both files do
        with pytest.raises(CorpusError, match="already annotated by"):
            load_corpus(corpus_copy)
    (corpus_copy / "annotations" / remove).unlink()  # as the problem's advice says
    assert_same_tables(load_corpus(corpus_copy, cache=False), load_corpus(corpus_copy))
    assert read_corpus(corpus_copy, use_cache=True)[1] == []


def test_the_later_file_is_reported_whichever_of_them_changed(corpus_copy):
    """Claims go in file order on every load, as an uncached load makes them, not cached files first."""
    shutil.copy(corpus_copy / "annotations" / "f2.yaml", corpus_copy / "annotations" / "f0.yaml")
    read_corpus(corpus_copy, use_cache=True)
    _edit(corpus_copy / "annotations" / "f0.yaml", "layout:", "# edited\nlayout:")
    cached = read_corpus(corpus_copy, use_cache=True)[1]
    assert sorted(cached) == sorted(read_corpus(corpus_copy)[1])
    assert [os.path.basename(p.path) for p in cached] == ["f2.yaml"]


# --- 2. an edit made while a load runs is seen by the next load ---------------------------------------------

def _editing_during_compile(monkeypatch, target, edit):
    real = annotation_module.compile_annotation

    def compile_then_edit(doc, ann, stem, *rest):
        result = real(doc, ann, stem, *rest)
        if stem == target and not edited:
            edited.append(stem)
            edit()  # after the file was read, before the load records it
        return result
    edited = []
    monkeypatch.setattr(corpus_module, "compile_annotation", compile_then_edit)
    return edited


def test_an_annotation_edited_during_a_load_is_seen_by_the_next(corpus_copy, monkeypatch):
    path = corpus_copy / "annotations" / "f3.yaml"
    edited = _editing_during_compile(monkeypatch, "f3", lambda: _edit(path, "speaker: voss", "speaker: lind"))
    load_corpus(corpus_copy)
    assert edited == ["f3"]
    monkeypatch.undo()
    after = load_corpus(corpus_copy)
    assert "lind" in set(after.statements.loc[after.statements["article_id"] == "f3", "speaker"])
    assert_same_tables(load_corpus(corpus_copy, cache=False), after)


def test_an_article_edited_during_a_load_is_seen_by_the_next(corpus_copy, monkeypatch):
    article = corpus_copy / "articles" / "f2.txt"
    edited = _editing_during_compile(monkeypatch, "f2", lambda: article.write_text(
        article.read_text(encoding="utf-8") + "\nA closing line.\n", encoding="utf-8"))
    load_corpus(corpus_copy)
    assert edited == ["f2"]
    monkeypatch.undo()
    after = load_corpus(corpus_copy)
    assert after.article_text("f2").endswith("A closing line.\n")
    assert_same_tables(load_corpus(corpus_copy, cache=False), after)


# --- 3. a manifest of the wrong shape is rebuilt ------------------------------------------------------------

DAMAGE = {
    "files a list": lambda m: {**m, "files": []},
    "entry without its hash": lambda m: {**m, "files": {s: {k: v for k, v in e.items() if k != "hash"}
                                                        for s, e in m["files"].items()}},
    "entry without its article": lambda m: {**m, "files": {s: {k: v for k, v in e.items() if k != "article"}
                                                           for s, e in m["files"].items()}},
    "fingerprint a string": lambda m: {**m, "files": {s: {**e, "fp": "x"} for s, e in m["files"].items()}},
    "problem of two fields": lambda m: {**m, "files": {s: {**e, "problems": [["a", 1]]}
                                                       for s, e in m["files"].items()}},
    "entry null": lambda m: {**m, "files": {s: None for s in m["files"]}},
    "article a number": lambda m: {**m, "files": {s: {**e, "article": 3} for s, e in m["files"].items()}},
    "registry a number": lambda m: {**m, "registry": 1},
    "no token": lambda m: {k: v for k, v in m.items() if k != "token"},
    "a list": lambda m: [m],
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_manifest_of_the_wrong_shape_is_rebuilt(corpus_copy, damage):
    fresh = load_corpus(corpus_copy, cache=False)
    load_corpus(corpus_copy)
    path = cache_dir(corpus_copy) / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(DAMAGE[damage](manifest)), encoding="utf-8")
    assert_same_tables(fresh, load_corpus(corpus_copy))
    assert json.loads(path.read_text(encoding="utf-8")).keys() == manifest.keys()  # rewritten whole


def test_final_tables_missing_a_column_are_not_trusted(corpus_copy):
    fresh = load_corpus(corpus_copy, cache=False)
    load_corpus(corpus_copy)
    part = cache_dir(corpus_copy) / "final-statements.arrow"
    table = feather.read_table(part).to_pandas().drop(columns=["speaker"])
    feather.write_feather(table, part.with_suffix(".tmp"))
    part.with_suffix(".tmp").replace(part)
    assert_same_tables(fresh, load_corpus(corpus_copy))


# --- 4. a cache folder that cannot be used: one warning, an uncached load -----------------------------------

def _load_warning_once(root):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(root)
    said = [str(w.message) for w in caught if "corpus cache" in str(w.message)]
    assert len(said) == 1, said
    return corpus, said[0]


def test_a_cache_path_that_is_a_file_warns_and_loads(corpus_copy, tmp_path, monkeypatch):
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path / "not-a-folder"))
    corpus, said = _load_warning_once(corpus_copy)
    assert "cannot be used" in said and "loading without it" in said and "NEWSDESK_CACHE" in said
    assert_same_tables(load_corpus(corpus_copy, cache=False), corpus)


def test_a_cache_folder_that_cannot_be_created_warns_and_loads(corpus_copy, monkeypatch):
    monkeypatch.setenv("NEWSDESK_CACHE", "/proc/newsdesk-cache")  # not even root can make a folder in /proc
    corpus, said = _load_warning_once(corpus_copy)
    assert "/proc" in said
    assert_same_tables(load_corpus(corpus_copy, cache=False), corpus)


def test_a_full_disk_while_writing_the_cache_warns_and_loads(corpus_copy, monkeypatch):
    fresh = load_corpus(corpus_copy, cache=False)

    def full(self, *args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    corpus, said = _load_warning_once(corpus_copy)
    assert "No space left on device" in said
    assert_same_tables(fresh, corpus)
    monkeypatch.undo()
    assert_same_tables(fresh, load_corpus(corpus_copy))
    assert not list(cache_dir(corpus_copy).parent.glob(TMP_PREFIX + "*"))


def test_a_read_only_cache_still_serves_warm_loads(corpus_copy, monkeypatch):
    fresh = load_corpus(corpus_copy, cache=False)
    load_corpus(corpus_copy)
    (corpus_copy / "annotations" / "f2.yaml").touch()  # a warm load would refresh the manifest

    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system")
    monkeypatch.setattr(pd.DataFrame, "to_parquet", read_only)
    monkeypatch.setattr(corpus_module.corpus_cache.os, "replace", read_only)
    assert_same_tables(fresh, load_corpus(corpus_copy))


# --- 9. what an annotation may name as its article; the annotations folder ----------------------------------

def _problems(root):
    return [f"{os.path.basename(p.path)}: {p.what} / {p.fix}" for p in read_corpus(root)[1]]


def test_a_registry_file_named_as_the_article_is_refused(corpus_copy):
    _edit(corpus_copy / "annotations" / "f1.yaml", "article: articles/f1.txt", "article: actors.yaml")
    found = _problems(corpus_copy)
    assert found == ["f1.yaml: 'actors.yaml' is not an article text: an article "
                     "is a .txt file under the corpus's articles/ folder / name "
                     "the article's text file, e.g. article: articles/NAME.txt"]


def test_an_article_that_is_a_fifo_is_named_without_blocking(corpus_copy):
    os.unlink(corpus_copy / "articles" / "f1.txt")
    os.mkfifo(corpus_copy / "articles" / "f1.txt")
    found = _within(20, corpus_copy / "articles" / "f1.txt", lambda: _problems(corpus_copy))
    assert found == ["f1.yaml: the article file 'articles/f1.txt' is not a regular file (a pipe, socket "
                     "or device) / replace it with the file itself; newsdesk reads regular files only"]


def test_an_article_that_is_a_folder_or_a_dangling_link_is_named(corpus_copy):
    os.unlink(corpus_copy / "articles" / "f1.txt")
    (corpus_copy / "articles" / "f1.txt").mkdir()
    os.unlink(corpus_copy / "articles" / "f2.txt")
    os.symlink("gone.txt", corpus_copy / "articles" / "f2.txt")
    found = _problems(corpus_copy)
    assert "f1.yaml: the article file 'articles/f1.txt' is a folder" in found[0]
    assert (
        "f2.yaml: the article file 'articles/f2.txt' is a link to 'gone.txt', which does not exist"
        in found[1]
    )
    assert len(found) == 2


def test_an_annotations_file_instead_of_a_folder_is_a_problem(corpus_copy):
    shutil.rmtree(corpus_copy / "annotations")
    (corpus_copy / "annotations").write_text("", encoding="utf-8")
    assert _problems(corpus_copy) == ["annotations: annotations is a file, not a folder / rename the "
                                      "file, and create annotations/ with one YAML file per article"]


def test_an_annotations_folder_that_cannot_be_read_is_a_problem(corpus_copy, monkeypatch):
    real = os.listdir

    def denied(path="."):
        if os.path.basename(str(path)) == "annotations":
            raise PermissionError(13, "Permission denied")
        return real(path)
    monkeypatch.setattr(os, "listdir", denied)  # chmod does not stop root, who runs these tests in containers
    assert (
        "annotations: the annotations folder cannot be read (Permission denied)" in _problems(corpus_copy)[0]
    )


def _aged(folder, seconds):
    then = time.time() - seconds
    for path in [*folder.rglob("*"), folder]:
        os.utime(path, (then, then))
    return folder


def test_a_shared_cache_folder_keeps_other_programs_folders(corpus_copy, tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    monkeypatch.setenv("NEWSDESK_CACHE", str(shared))
    build = shared / ".tmp-build"
    build.mkdir(parents=True)
    (build / "work.txt").write_text("another program's work", encoding="utf-8")
    _aged(build, 3600)
    other = shared / ".tmp-x"
    other.mkdir()
    # a lock nobody holds, in a folder the cache did not make
    (other / ".lock").write_text("", encoding="utf-8")
    # the prefix, not the marker
    lookalike = _aged(Path(tempfile.mkdtemp(dir=shared, prefix=TMP_PREFIX)), 3600)
    load_corpus(corpus_copy)
    load_corpus(corpus_copy)
    assert (build / "work.txt").read_text(encoding="utf-8") == "another program's work"
    assert (other / ".lock").exists() and lookalike.is_dir()
    assert sorted(p.name for p in shared.iterdir() if p.name.startswith(".")) == sorted(
        [".tmp-build", ".tmp-x", lookalike.name]), "only the cache's own temporary folders are removed"


def test_the_folders_of_killed_loads_are_swept_and_running_ones_kept(tmp_path):
    from helpers.corpus import cache
    unlocked = cache.temporary_folder(tmp_path)  # a killed load's: its lock is held by nobody
    (unlocked / ".lock").write_text("", encoding="utf-8")
    # lockless (a swap's), long abandoned
    old = _aged(cache.temporary_folder(tmp_path), cache.ORPHAN_AGE + 60)
    recent = cache.temporary_folder(tmp_path)  # lockless, just made: a swap may be using it
    running = cache.temporary_folder(tmp_path)
    with open(running / ".lock", "w") as held:
        if cache.fcntl is not None:
            cache.fcntl.flock(held, cache.fcntl.LOCK_EX)
        cache.sweep(tmp_path)
    assert not unlocked.exists() and not old.exists()
    assert recent.is_dir() and running.is_dir()
