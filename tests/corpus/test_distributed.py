"""The Dask path gives the same tables as the local path (a LocalCluster here; any scheduler by address)."""
from __future__ import annotations

import shutil

import pandas as pd

from helpers import load_corpus
from helpers.corpus.dask_compile import compile_dask, read_dataset
from tests.conftest import FICTIONAL

KEYS = {"mentions": ["article_id", "start", "end", "actor_id", "text", "part"],
        "statements": ["article_id", "statement_id", "speaker", "mode", "cue", "start", "end", "text"],
        "deadlines": ["article_id", "deadline_id", "set_by", "expression", "due_earliest", "due_latest"],
        "articles": ["article_id", "title", "published", "text"]}


def _norm(frame, cols):
    out = frame[cols].astype(str)
    return out.sort_values(cols[:3]).reset_index(drop=True)


def test_dask_dataset_equals_local_tables(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    out = tmp_path / "dataset"
    assert compile_dask(root, out, partitions=2) == []
    local = load_corpus(root, cache=False)
    for table, cols in KEYS.items():
        dask_side = read_dataset(out, table)
        if table == "articles":
            dask_side["published"] = pd.to_datetime(dask_side["published"]).astype("datetime64[ns]")
        if table == "deadlines":
            for col in ("due_earliest", "due_latest"):
                dask_side[col] = pd.to_datetime(dask_side[col]).astype("datetime64[ns]")
        pd.testing.assert_frame_equal(_norm(dask_side, cols), _norm(getattr(local, table), cols))
    assert len(list((out / "mentions").glob("part-*.parquet"))) == 2


def test_dask_reports_problems(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    path = root / "annotations" / "f2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: council", "speaker: counsel", 1),
                    encoding="utf-8")
    problems = compile_dask(root, tmp_path / "dataset", partitions=2)
    assert any("unknown actor id 'counsel'" in str(p) for p in problems)


def test_dask_drafts_every_unannotated_article(tmp_path):
    from helpers.drafting.draft_cli import draft_dask
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    for name in ("f2", "f3"):
        (root / "annotations" / f"{name}.yaml").unlink()
    results = draft_dask(root, partitions=2)
    assert sorted(results) == [("f2.txt", None), ("f3.txt", None)]
    assert sorted(p.name for p in (root / "drafts").iterdir()) == ["f2.yaml", "f3.yaml"]


def test_a_second_run_with_fewer_partitions_replaces_the_first(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    out = tmp_path / "dataset"
    assert compile_dask(root, out, partitions=3) == []
    assert compile_dask(root, out, partitions=1) == []
    assert [p.name for p in (out / "mentions").iterdir()] == ["part-00000.parquet"]
    local = load_corpus(root, cache=False)
    assert len(read_dataset(out, "mentions")) == len(local.mentions)  # no row of the first run left
    assert len(read_dataset(out, "statements")) == len(local.statements)
    # no temporary folder left
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".dataset")]


def test_an_output_folder_holding_other_files_is_refused_and_left_alone(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    out = tmp_path / "notes"
    out.mkdir()
    (out / "todo.txt").write_text("keep me", encoding="utf-8")
    problems = compile_dask(root, out, partitions=1)
    assert [(p.what, p.fix) for p in problems] == [
        ("the output folder holds files that are not a dataset's (todo.txt)",
         "give a new or empty folder, or the folder of an earlier compile-dask run")]
    assert [p.name for p in out.iterdir()] == ["todo.txt"]
    assert (out / "todo.txt").read_text(encoding="utf-8") == "keep me"


def test_the_dataset_loads_as_the_corpus_load_corpus_gives(tmp_path):
    from helpers.corpus.dask_compile import load_dataset
    from helpers.corpus.table_specs import CORPUS

    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    second = root / "annotations" / "zz-again.yaml"  # a second annotation of an article: reported, left out
    second.write_text((root / "annotations" / "f2.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "dataset"
    problems = compile_dask(root, out, partitions=2)
    local_problems = []
    try:
        load_corpus(root, cache=False)
    except Exception as err:  # the same problem, word for word
        local_problems = [str(p) for p in err.problems]
    assert [str(p) for p in problems] == local_problems and "already annotated by" in local_problems[0]
    second.unlink()
    assert compile_dask(root, out, partitions=2) == []
    local, remote = load_corpus(root, cache=False), load_dataset(out)
    for table in CORPUS:
        mine, theirs = getattr(local, table), getattr(remote, table)
        pd.testing.assert_frame_equal(theirs, mine, obj=table)
