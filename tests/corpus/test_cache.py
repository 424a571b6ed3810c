"""The Parquet cache: same tables as a fresh read, never stale, rebuilt when damaged, never in the corpus."""
from __future__ import annotations

import os

import pytest

from helpers import CorpusError, load_corpus
from helpers.corpus import load as corpus_module
from helpers.corpus.cache import cache_dir
from tests.corpus import assert_same_tables


def test_cached_load_equals_a_fresh_read(corpus_copy):
    fresh = load_corpus(corpus_copy, cache=False)
    first = load_corpus(corpus_copy)
    assert (cache_dir(corpus_copy) / "manifest.json").is_file()
    warm = load_corpus(corpus_copy)
    assert_same_tables(fresh, first)
    assert_same_tables(fresh, warm)


def test_an_edit_shows_at_the_next_load(corpus_copy):
    load_corpus(corpus_copy)
    path = corpus_copy / "annotations" / "f3.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: voss", "speaker: lind"),
                    encoding="utf-8")
    after = load_corpus(corpus_copy)
    row = after.statements[
        (after.statements["article_id"] == "f3") & (after.statements["statement_id"] == "S2")
    ]
    assert row["speaker"].iloc[0] == "lind"
    assert_same_tables(load_corpus(corpus_copy, cache=False), after)


def test_an_edit_to_the_first_file_keeps_the_order_of_a_fresh_load(corpus_copy):
    load_corpus(corpus_copy)
    path = corpus_copy / "annotations" / "f1.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    assert_same_tables(load_corpus(corpus_copy, cache=False), load_corpus(corpus_copy))


def test_problems_stay_reported_on_warm_loads(corpus_copy):
    path = corpus_copy / "annotations" / "f2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: council", "speaker: counsel", 1),
                    encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CorpusError, match="unknown actor id 'counsel'"):
            load_corpus(corpus_copy)


def test_removed_and_added_files(corpus_copy):
    load_corpus(corpus_copy)
    (corpus_copy / "annotations" / "f1.yaml").unlink()
    assert list(load_corpus(corpus_copy).articles["article_id"]) == ["f2", "f3"]


def test_a_damaged_cache_is_rebuilt(corpus_copy):
    fresh = load_corpus(corpus_copy, cache=False)
    load_corpus(corpus_copy)
    parts = [*cache_dir(corpus_copy).glob("*.parquet"), *cache_dir(corpus_copy).glob("*.arrow")]
    assert len(parts) > 10
    for part in parts:
        part.write_bytes(b"not parquet")
    assert_same_tables(fresh, load_corpus(corpus_copy))
    (cache_dir(corpus_copy) / "manifest.json").write_text("{", encoding="utf-8")
    assert_same_tables(fresh, load_corpus(corpus_copy))


def test_the_cache_is_never_in_the_corpus_folder(corpus_copy):
    before = sorted(p.relative_to(corpus_copy) for p in corpus_copy.rglob("*"))
    load_corpus(corpus_copy)
    assert sorted(p.relative_to(corpus_copy) for p in corpus_copy.rglob("*")) == before
    assert not cache_dir(corpus_copy).is_relative_to(corpus_copy)


def test_compiling_on_several_cores_gives_the_same_tables(corpus_copy, monkeypatch):
    import helpers.corpus.load as corpus_module
    fresh = load_corpus(corpus_copy, cache=False)
    monkeypatch.setattr(corpus_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(corpus_module, "CHUNK", 1)
    assert_same_tables(fresh, load_corpus(corpus_copy, cache=False))


def test_generated_corpus_is_valid_and_dense(tmp_path):
    from benchmarks.make_corpus import make_corpus
    from helpers import validate_corpus
    root = make_corpus(5, tmp_path / "gen", seed=3)
    assert validate_corpus(root) == []
    corpus = load_corpus(root, cache=False)
    assert len(corpus.articles) == 5
    per_article = len(corpus.statements) / 5
    assert 20 <= per_article <= 30 and len(corpus.mentions) / 5 >= 40
    assert corpus.articles["text"].str.len().between(1800, 3200).all()


def test_an_edit_that_keeps_size_and_modification_time_is_seen(corpus_copy):
    load_corpus(corpus_copy)
    path = corpus_copy / "annotations" / "f3.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "speaker: voss" in text and len("voss") == len("lind")
    path.write_text(text.replace("speaker: voss", "speaker: lind"), encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a tool that restores times would
    after = load_corpus(corpus_copy)
    assert "lind" in set(after.statements.loc[after.statements["article_id"] == "f3", "speaker"])


def test_a_touched_but_unchanged_file_is_not_compiled_again(corpus_copy, monkeypatch):
    fresh = load_corpus(corpus_copy, cache=False)
    load_corpus(corpus_copy)
    (corpus_copy / "annotations" / "f2.yaml").touch()
    compiled = []
    real = corpus_module._compile_all
    monkeypatch.setattr(corpus_module, "_compile_all",
                        lambda root, paths, *rest: (compiled.extend(paths), real(root, paths, *rest))[1])
    assert_same_tables(fresh, load_corpus(corpus_copy))
    assert compiled == []


def test_tables_of_a_warm_load_can_be_changed_without_touching_the_cache(corpus_copy):
    fresh = load_corpus(corpus_copy, cache=False)
    load_corpus(corpus_copy)
    warm = load_corpus(corpus_copy)  # the last load's tables, mapped from the cache
    warm.mentions.loc[0, "start"] = -1
    warm.statements["text"] = warm.statements["text"].str.upper()
    warm.articles.iloc[0, 0] = warm.articles.iloc[1, 0]
    assert warm.mentions.loc[0, "start"] == -1 and warm.articles.iloc[0, 0] == warm.articles.iloc[1, 0]
    assert_same_tables(fresh, load_corpus(corpus_copy))
