"""Compile a corpus too big for one machine on Dask: a bag over annotation files, a partitioned Parquet dataset.

    python -m helpers compile-dask FOLDER OUT [--scheduler ADDRESS] [--partitions N]

Each partition checks and compiles its files exactly as ``load_corpus`` does (the same function), and
writes one Parquet file per table under ``OUT/<table>/``: pandas (``pd.read_parquet(OUT / "mentions")``),
Dask and DuckDB read the folders as they are. Without ``--scheduler`` a local cluster is started.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from helpers.core.problems import Problem
from helpers.corpus.files import annotation_files
from helpers.corpus.load import compile_job, raw_frames
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
            if col not in spec.integers and col not in spec.dates and not pd.api.types.is_numeric_dtype(frame[col]):
                frame[col] = frame[col].astype("string")
        folder = Path(out) / table
        folder.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(folder / f"part-{index:05d}.parquet", index=False)
    return problems


@contextmanager
def dask_client(scheduler: str | None = None):
    """A client of the cluster at ``scheduler``, or of a local cluster of up to two processes closed afterwards."""
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
    import dask.bag as db

    root = Path(folder).resolve()
    problems: list[Problem] = []
    shown = lambda p: os.path.join(str(folder), os.path.relpath(p, root))  # noqa: E731
    _registry_frame, actor_ids = read_registry(root / "actors.yaml", shown, problems)
    _topic_frame, topic_ids = read_topics(root / "topics.yaml", shown, problems)
    files = [str(p) for p in annotation_files(root)]
    parts = partitions or max(1, min(len(files), len(files) // 200 + 1))
    chunks = [files[i::parts] for i in range(parts)]
    with dask_client(scheduler) as client:
        bag = db.from_sequence(list(enumerate(chunks)), npartitions=parts)
        found = bag.map(lambda job: _partition(job[1], str(root), actor_ids, topic_ids, str(out), job[0])).compute(
            scheduler=client.get)
    problems += [Problem(*p) for part in found for p in part]
    return sorted(problems)


def read_dataset(out, table: str) -> pd.DataFrame:
    """One table of a compiled dataset, in file order, without the bookkeeping column."""
    frame = pd.read_parquet(Path(out) / table)
    return frame.sort_values("_source", kind="stable")[list(TABLES[table].columns)].reset_index(drop=True)
