"""Compile a corpus too big for one machine on Dask: a bag over annotation files, a partitioned Parquet
dataset.

    python -m helpers compile-dask FOLDER OUT [--scheduler ADDRESS] [--partitions N]

Each partition checks and compiles its files exactly as ``load_corpus`` does (the same function), and
writes one Parquet file per table under ``OUT/<table>/``, the registry (``actors``) and ``topics`` beside
them; a second annotation of an article is reported and left out first, as ``load_corpus`` does.
``load_dataset`` reads it back as the ``Corpus`` ``load_corpus`` gives; pandas, Dask and DuckDB read the
folders as they are. Without ``--scheduler`` a local cluster is started.

The dataset is written into a temporary folder beside OUT and swapped in whole at the end, so a run into the
folder of an earlier one replaces it (never mixing parts of the two) and a failed run leaves it as it was.
A folder OUT that holds anything else is refused.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from helpers.core.problems import Problem
from helpers.corpus.files import annotation_files, named_article
from helpers.corpus.load import Corpus, compile_job, corpus_from_tables, raw_frames, second_annotation
from helpers.corpus.model import ACTOR_KINDS
from helpers.corpus.registry import read_registry, read_topics
from helpers.corpus.table_specs import TABLES


def _partition(files: list[str], root: str, actor_ids, topic_ids, out: str, index: int) -> list[list]:
    """Compile one partition's files and write its Parquet parts; return its problems as plain lists."""
    compiled, sources, problems = [], [], []
    rootp = Path(root)
    for name in files:
        path, result, _article, found = compile_job((rootp, Path(name), actor_ids, topic_ids))
        problems += [[p.path, p.line, p.what, p.fix] for p in found]
        if result is not None:
            compiled.append(result)
            sources.append(os.path.relpath(path, rootp))
    for table, frame in raw_frames(compiled, sources).items():
        spec = TABLES[table]
        for col in frame.columns:  # one schema for every part, even where a part's column is all empty
            if (
                col not in spec.integers
                and col not in spec.dates
                and not pd.api.types.is_numeric_dtype(frame[col])
            ):
                frame[col] = frame[col].astype("string")
        folder = Path(out) / table
        folder.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(folder / f"part-{index:05d}.parquet", index=False)
    return problems


@contextmanager
def dask_client(scheduler: str | None = None):
    """A client of the cluster at ``scheduler``, or of a local cluster of up to two processes closed
    afterwards."""
    from dask.distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(n_workers=min(os.cpu_count() or 1, 2), threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            yield client
    finally:
        if cluster is not None:
            cluster.close()


def compile_dask(folder, out, scheduler: str | None = None, partitions: int | None = None) -> list[Problem]:
    """Compile every annotation of ``folder`` on a Dask cluster into ``out``; return every problem found."""
    out = Path(out)
    refused = _not_a_dataset(out)
    if refused:
        return refused
    root = Path(folder).resolve()
    problems: list[Problem] = []
    shown = lambda p: os.path.join(str(folder), os.path.relpath(p, root))  # noqa: E731
    registry, actor_ids = read_registry(root / "actors.yaml", shown, problems)
    topics, topic_ids = read_topics(root / "topics.yaml", shown, problems)
    files = _one_per_article(root, annotation_files(root), shown, problems)
    parts = partitions or max(1, min(len(files), len(files) // 200 + 1))
    chunks = [files[i::parts] for i in range(parts)]
    out.absolute().parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.absolute().parent, prefix=f".{out.name}.tmp-"))
    try:
        found = _run(chunks, root, actor_ids, topic_ids, tmp, scheduler)
        # the registry beside the rows, as load has
        for name, frame in (("actors", registry), ("topics", topics)):
            (tmp / name).mkdir()
            frame.to_parquet(tmp / name / "part-00000.parquet", index=False)
        _swap_in(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    problems += [Problem(*p) for part in found for p in part]
    return sorted(problems)


def _one_per_article(root: Path, paths: list[Path], shown, problems: list[Problem]) -> list[str]:
    """The annotation files to compile: a second annotation of an article is reported and left out, in file
    order, as ``load_corpus`` does (asked of every file before any is compiled, since partitions see only
    their own)."""
    claimed: dict[Path, Path] = {}
    kept = []
    for path in paths:
        article = named_article(root, path)
        if article is not None and article in claimed:
            problems.append(second_annotation(shown(path), path, os.path.relpath(article, root),
                                              shown(claimed[article])))
            continue
        if article is not None:
            claimed[article] = path
        kept.append(str(path))
    return kept


def _run(chunks, root: Path, actor_ids, topic_ids, into: Path, scheduler) -> list[list]:
    import dask.bag as db

    with dask_client(scheduler) as client:
        bag = db.from_sequence(list(enumerate(chunks)), npartitions=len(chunks))
        return bag.map(lambda job: _partition(job[1], str(root), actor_ids, topic_ids, str(into),
                                              job[0])).compute(
            scheduler=client.get)


def _not_a_dataset(out: Path) -> list[Problem]:
    """A problem when ``out`` exists and is not a dataset this command wrote (a folder of table folders)."""
    if not out.exists() and not out.is_symlink():
        return []
    if not out.is_dir():
        return [Problem(str(out), 0, "the output is a file, not a folder",
                        "give a new folder for the dataset")]
    foreign = sorted(p.name for p in out.iterdir() if p.name not in TABLES or not p.is_dir())
    if foreign:
        return [Problem(str(out), 0,
                        f"the output folder holds files that are not a dataset's ({', '.join(foreign[:5])}"
                        + (", …" if len(foreign) > 5 else "") + ")",
                        "give a new or empty folder, or the folder of an earlier compile-dask run")]
    return []


def _swap_in(tmp: Path, out: Path) -> None:
    """Replace ``out`` by the finished dataset: the earlier one moves aside first and is removed after."""
    old = tmp.with_name(tmp.name + "-old")
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def read_dataset(out, table: str) -> pd.DataFrame:
    """One table of a compiled dataset, in file order, without the bookkeeping column (untyped: see
    ``load_dataset``)."""
    frame = pd.read_parquet(Path(out) / table)
    if "_source" not in frame:  # the registry and the topics
        return frame
    return frame.sort_values("_source", kind="stable")[list(TABLES[table].columns)].reset_index(drop=True)


def load_dataset(out) -> Corpus:
    """A compiled dataset as the ``Corpus`` ``load_corpus`` gives of the same folder: every table, with the
    same columns and dtypes (one machine's memory; beyond it, read the table folders with
    ``dask.dataframe``)."""
    registry = read_dataset(out, "actors")
    registry["kind"] = pd.Categorical(registry["kind"].astype(str), categories=list(ACTOR_KINDS))
    return corpus_from_tables(Path(out), registry, read_dataset(out, "topics"),
                              lambda name: read_dataset(out, name))
