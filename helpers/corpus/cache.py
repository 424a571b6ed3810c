"""A Parquet cache of compiled annotations, so large corpora load fast and only changed files recompile.

The cache lives in its own generated folder (``.cache/corpora/<folder hash>/`` in the project, or under
``$NEWSDESK_CACHE``), never beside the analyst's files. An annotation file counts as unchanged when its
content, and its article's, hash as the manifest recorded; the hash is skipped when size, modification
time, inode and status-change time all match (any write moves the status-change time, and no editor
can set it back), so a warm load only stats the files. The registry and topic files are compared by
content. Beside the per-file tables (for rebuilding only what changed) the cache keeps the final tables
of the last load, which a load that finds nothing changed returns as they are. A cache that cannot be
read, or was written by another version, is rebuilt, never trusted.
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

from helpers.core.problems import Problem
from helpers.corpus.table_specs import COMPILED, CORPUS
from helpers.paths import CACHE

VERSION = 5
TABLES = COMPILED  # per annotation file, to rebuild only what changed
FINAL = CORPUS  # the tables of the last load, returned as they are when nothing changed
PROGRESS_FROM = 500  # files; fewer compile too fast to need a progress bar (and notebooks stay quiet)


def cache_root() -> Path:
    env = os.environ.get("NEWSDESK_CACHE")
    return Path(env) if env else CACHE / "corpora"


def cache_dir(root: Path) -> Path:
    key = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return cache_root() / key


def fingerprint(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def content_hash(path: Path) -> str | None:
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


def entry(path: Path, article: Path | None) -> dict:
    """What the manifest records of an annotation file and its article."""
    return {"fp": fingerprint(path), "hash": content_hash(path),
            "article_fp": fingerprint(article) if article else None,
            "article_hash": content_hash(article) if article else None}


def unchanged(root: Path, manifest: dict, sources: list[str]) -> dict[str, dict]:
    """Manifest entries of the files (relative to ``root``) whose content, and their article's, is as recorded.

    An entry is returned as it was when the file's status is untouched; a file that was touched but
    hashes the same gets a fresh entry (so the next load is quick again).
    """
    out = {}
    for source in sources:
        old = manifest["files"].get(source)
        if not old:
            continue
        path = root / source
        article = root / old["article"] if old["article"] else None
        fp, article_fp = fingerprint(path), fingerprint(article) if article else None
        if fp == old["fp"] and article_fp == old["article_fp"]:
            out[source] = old
        elif content_hash(path) == old["hash"] and (article is None or content_hash(article) == old["article_hash"]):
            out[source] = {**old, "fp": fp, "article_fp": article_fp}
    return out

def registry_key(root: Path) -> str:
    digest = hashlib.sha256()
    for name in ("actors.yaml", "topics.yaml"):
        path = root / name
        digest.update(name.encode() + (path.read_bytes() if path.is_file() else b"-"))
    return digest.hexdigest()


def read_manifest(root: Path) -> dict | None:
    """The cache's manifest, or None when absent, foreign or unreadable."""
    try:
        manifest = json.loads((cache_dir(root) / "manifest.json").read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - any damage means: rebuild
        return None
    if not isinstance(manifest, dict) or manifest.get("version") != VERSION or \
            manifest.get("root") != str(Path(root).resolve()) or not isinstance(manifest.get("files"), dict):
        return None
    return manifest


def read_tables(root: Path) -> dict[str, pd.DataFrame] | None:
    """The compiled tables, each row tagged with its file (read only when some files changed), or None."""
    folder = cache_dir(root)
    try:
        tables = {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES}
    except Exception:  # noqa: BLE001 - any damage means: rebuild
        return None
    return tables if all("_source" in t.columns for t in tables.values()) else None


def read_final(root: Path) -> dict[str, pd.DataFrame] | None:
    """The typed tables the last load returned, or None when missing or unreadable."""
    folder = cache_dir(root)
    try:
        return {name: pd.read_parquet(folder / f"final-{name}.parquet") for name in FINAL}
    except Exception:  # noqa: BLE001 - any damage means: rebuild
        return None


def write_manifest(root: Path, manifest: dict) -> None:
    """Replace only the manifest (fresh fingerprints of touched files), through a temporary file."""
    path = cache_dir(root) / "manifest.json"
    tmp = path.with_name(".manifest.json.tmp")
    tmp.write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(tmp, path)


class Writer:
    """Writes a whole cache into a temporary folder, table by table, then swaps it in on ``commit``.

    An interrupted or failed write leaves the previous cache (or none), never half of one.
    """

    def __init__(self, root: Path):
        self.final = cache_dir(root)
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(dir=self.final.parent, prefix=".tmp-"))

    def parts(self) -> Path:
        """A folder for compiled parts, inside the temporary cache (removed before it is swapped in)."""
        folder = self.tmp / "parts"
        folder.mkdir(exist_ok=True)
        return folder

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def put(self, name: str, table: pd.DataFrame) -> None:
        try:
            table.to_parquet(self.tmp / f"{name}.parquet", index=False)
        except BaseException:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise

    def commit(self, manifest: dict) -> None:
        try:
            shutil.rmtree(self.tmp / "parts", ignore_errors=True)
            (self.tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
            old = self.final.with_name(self.final.name + ".old")
            if self.final.exists():
                shutil.rmtree(old, ignore_errors=True)
                self.final.rename(old)
            self.tmp.rename(self.final)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)


def problems_from(manifest: dict, sources) -> list[Problem]:
    return [Problem(*p) for s in sources for p in manifest["files"].get(s, {}).get("problems", [])]


class _Quiet:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def progress(total: int, what: str):
    """A progress bar on stderr for long work (so notebook outputs stay as they are); none for short work."""
    if total < PROGRESS_FROM:
        return _Quiet()
    from tqdm import tqdm
    return tqdm(total=total, desc=what, unit="file", file=sys.stderr, mininterval=0.5)
