"""A Parquet cache of compiled annotations, so large corpora load fast and only changed files recompile.

The cache lives in its own generated folder (``.cache/corpora/<folder hash>/`` in the project, or under
``$NEWSDESK_CACHE``), never beside the analyst's files. A file counts as unchanged only when its size and
modification time, and those of its article, match what the manifest recorded; the registry and topic
files are compared by content. A cache that cannot be read, or was written by another version, is
rebuilt, never trusted.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from .problems import Problem

VERSION = 1
TABLES = ["articles", "mentions", "statements", "statement_topics", "deadlines", "unreviewed", "new_actors"]
PROGRESS_FROM = 500  # files; fewer compile too fast to need a progress bar (and notebooks stay quiet)


def cache_root() -> Path:
    env = os.environ.get("NEWSDESK_CACHE")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".cache" / "corpora"


def cache_dir(root: Path) -> Path:
    key = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return cache_root() / key


def fingerprint(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def registry_key(root: Path) -> str:
    digest = hashlib.sha256()
    for name in ("actors.yaml", "topics.yaml"):
        path = root / name
        digest.update(name.encode() + (path.read_bytes() if path.is_file() else b"-"))
    return digest.hexdigest()


def read(root: Path):
    """(manifest, tables) from the cache, or (None, None) when absent, foreign or unreadable."""
    folder = cache_dir(root)
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("version") != VERSION or manifest.get("root") != str(Path(root).resolve()):
            return None, None
        tables = {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES}
        if any("_source" not in t.columns for t in tables.values()):
            return None, None
        return manifest, tables
    except Exception:  # noqa: BLE001 - any damage means: rebuild
        return None, None


def write(root: Path, manifest: dict, tables: dict[str, pd.DataFrame]) -> None:
    """Write the whole cache to a temporary folder, then swap it in (an interrupted write leaves none)."""
    final = cache_dir(root)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=final.parent, prefix=".tmp-"))
    try:
        for name, table in tables.items():
            table.to_parquet(tmp / f"{name}.parquet", index=False)
        (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        old = final.with_name(final.name + ".old")
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
            final.rename(old)
        tmp.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def problems_from(manifest: dict, sources) -> list[Problem]:
    return [Problem(*p) for s in sources for p in manifest["files"].get(s, {}).get("problems", [])]


def progress(items, total: int, what: str):
    if total < PROGRESS_FROM:
        return items
    from tqdm import tqdm
    return tqdm(items, total=total, desc=what, unit="file", file=sys.stderr, mininterval=0.5)
