"""A Parquet cache of compiled annotations, so large corpora load fast and only changed files recompile.

The cache lives in its own generated folder (``.cache/corpora/<folder hash>/`` in the project, or under
``$NEWSDESK_CACHE``), never beside the analyst's files. An annotation file counts as unchanged when its
content, and its article's, hash as the manifest recorded; the hash is skipped when size, modification
time, inode and status-change time all match (any write moves the status-change time, and no editor
can set it back), so a warm load only stats the files. Fingerprints are taken before a file is read, and a
file that moved while it was read is left out of the manifest, so an edit made during a load is seen by the
next one. The registry and topic files are compared by content. Beside the per-file tables (for rebuilding
only what changed) the cache keeps the final tables of the last load, uncompressed and memory-mapped (about
the size of the corpus's text on disk), which a load that finds nothing changed returns as they are. A cache
that cannot be read, is of the wrong shape, or was written by another version (of
the cache, or of the code that compiles annotations: ``key()``) is rebuilt, never trusted; a cache folder that
cannot be written is skipped with one warning.

Concurrent loads: each writes its own temporary folder (``.newsdesk-tmp-*``, locked while its load runs) and
swaps it in under a lock; a reader checks that the manifest's token did not change while it read the tables.
Temporary folders left by killed loads are removed by the next load that writes: only folders of that prefix
that hold the cache's marker file, so other programs' folders in a shared ``$NEWSDESK_CACHE`` are never
touched.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import time
import uuid
import warnings
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
from pyarrow import feather

from helpers.core.limits import MAX_ANNOTATION_BYTES, unreadable
from helpers.core.problems import Problem
from helpers.corpus.table_specs import COMPILED, CORPUS
from helpers.corpus.table_specs import TABLES as SPECS
from helpers.paths import CACHE, PACKAGE

try:  # POSIX; elsewhere swaps are not serialised (one load at a time)
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

VERSION = 7
TABLES = COMPILED  # per annotation file, to rebuild only what changed
FINAL = CORPUS  # the tables of the last load, returned as they are when nothing changed
PROGRESS_FROM = 500  # files; fewer compile too fast to need a progress bar (and notebooks stay quiet)
ORPHAN_AGE = 600  # seconds: a temporary folder without a lock this old was left by a load that was killed
TMP_PREFIX = ".newsdesk-tmp-"  # the cache's temporary folders, beside the caches of each corpus
MARKER = ".newsdesk-cache-tmp"  # written in each of them: the one sign that sweep() may remove a folder
ENTRY_KEYS = {"fp", "hash", "article", "article_fp", "article_hash", "problems"}
# the modules that compile an annotation file into rows and problems; the manifest stores both, so a change in
# any of them (a rule, a message) must not be served from a cache an older copy wrote. Modules these import
# from the package are followed, so one they come to import is covered without editing this list.
COMPILING = ("corpus/schema.py", "corpus/annotation.py", "corpus/yamlfile.py", "corpus/registry.py",
             "corpus/table_specs.py", "corpus/files.py", "corpus/load.py", "corpus/cache.py", "core/*.py")
_IMPORT = re.compile(r"^from (helpers[\w.]*) import \(?([\w ,\n]+)|^import (helpers[\w.]*)", re.MULTILINE)


def code_files(package: Path = PACKAGE) -> list[Path]:
    """The COMPILING modules of ``package`` and every module of it they import at top level, transitively."""
    todo = [path for pattern in COMPILING for path in sorted(package.glob(pattern))]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            continue
        for module, names, imported in _IMPORT.findall(text):
            base = package.parent.joinpath(*(module or imported).split("."))
            for candidate in [base.with_suffix(".py"), base / "__init__.py",  # a name may be a submodule
                              *(base / f"{name}.py" for name in names.replace(",", " ").split())]:
                if candidate.is_file() and candidate not in seen:
                    todo.append(candidate)
    return sorted(seen)


def code_digest(files: list[Path], package: Path = PACKAGE) -> str:
    """A digest of the files' names (relative to ``package``) and bytes."""
    digest = hashlib.blake2b(digest_size=8)
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"-"
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def key() -> str:
    """What a manifest's ``version`` must be for its entries to be reused: VERSION and the digest of the code
    that compiled them (read once per process: about 20 small files)."""
    return f"{VERSION}-{code_digest(code_files())}"


def cache_root() -> Path:
    env = os.environ.get("NEWSDESK_CACHE")
    return Path(env) if env else CACHE / "corpora"


def cache_dir(root: Path) -> Path:
    key = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return cache_root() / key


def fingerprint(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def content_hash(path: Path) -> str | None:
    """The hash of a regular file's bytes; None for anything else (a FIFO would block, a device never end)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ANNOTATION_BYTES:
            return None
        with open(path, "rb") as file:
            return hashlib.file_digest(file, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
    except (OSError, ValueError):
        return None


def entry(path: Path, article: Path | None, before: list | None, article_before: list | None) -> dict:
    """What the manifest records of an annotation file and its article, from fingerprints taken before they
    were read; ``moved`` when either changed while it was read (the rows may be of the old text or the
    new)."""
    record = {"fp": before, "hash": content_hash(path), "article_fp": article_before,
              "article_hash": content_hash(article) if article else None}
    after, article_after = fingerprint(path), fingerprint(article) if article else None
    if before is None or after != before or article_after != article_before:
        record["moved"] = True
    return record


def unchanged(root: Path, manifest: dict, sources: list[str]) -> dict[str, dict]:
    """Manifest entries of the files (relative to ``root``) whose content, and their article's, is as
    recorded.

    An entry is returned as it was when the file's status is untouched; a file that was touched but
    hashes the same gets a fresh entry (so the next load is quick again).
    """
    out, base, files = {}, os.path.join(str(root), ""), manifest["files"]
    for source in sources:
        old = files.get(source)
        if not old:
            continue
        # joined as strings: 20,000 Path objects would cost a warm load a tenth of its time
        path = base + source
        article = base + old["article"] if old["article"] else None
        fp, article_fp = fingerprint(path), fingerprint(article) if article else None
        if fp is None:
            continue
        if fp == old["fp"] and article_fp == old["article_fp"]:
            out[source] = old
        elif old["hash"] is not None and content_hash(path) == old["hash"] and \
                (article is None or content_hash(article) == old["article_hash"]):
            out[source] = {**old, "fp": fp, "article_fp": article_fp}
    return out


def registry_key(root: Path) -> str:
    """The registry's and topics' content as one hash; taken before they are read, so an edit during a load
    leaves a key the next load does not match."""
    digest = hashlib.sha256()
    for name in ("actors.yaml", "topics.yaml"):
        path = root / name
        why = unreadable(path, MAX_ANNOTATION_BYTES)
        digest.update(name.encode() + (path.read_bytes() if why is None else b"-" + why[0].encode()))
    return digest.hexdigest()


def _fp_ok(value) -> bool:
    # spelled out, not all(...): run twice for each of 10,000 entries at every warm load
    return value is None or (type(value) is list and len(value) == 4 and type(value[0]) is int
                             and type(value[1]) is int and type(value[2]) is int and type(value[3]) is int)


def _problem_ok(value) -> bool:
    return isinstance(value, list) and len(value) == 4 and isinstance(value[0],
                                                                      str) and type(value[1]) is int \
        and isinstance(value[2], str) and isinstance(value[3], str)


def _entry_ok(value) -> bool:
    if type(value) is not dict or value.keys() != ENTRY_KEYS:
        return False
    article, hashed, article_hashed, problems = (value["article"], value["hash"], value["article_hash"],
                                                 value["problems"])
    return (_fp_ok(value["fp"]) and _fp_ok(value["article_fp"])
            and (hashed is None or type(hashed) is str)
            and (article_hashed is None or type(article_hashed) is str)
            and (article is None or (type(article) is str and article and "\0" not in article
                                     and not os.path.isabs(article)))
            and type(problems) is list and (not problems or all(map(_problem_ok, problems))))


def manifest_ok(manifest, root: Path) -> bool:
    """Whether ``manifest`` has the shape this version writes, for this corpus folder, in every entry."""
    return (isinstance(manifest, dict) and manifest.get("version") == key()
            and manifest.get("root") == str(Path(root).resolve())
            and isinstance(manifest.get("registry"), str) and isinstance(manifest.get("token"), str)
            and isinstance(manifest.get("files"), dict)
            and all(isinstance(s, str) and _entry_ok(e) for s, e in manifest["files"].items()))


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_manifest(root: Path) -> dict | None:
    """The cache's manifest, or None when absent, foreign, damaged or of the wrong shape.

    Every entry's shape is checked unless the manifest's bytes are those a load of this cache wrote (their
    digest in ``manifest.sum``): checking 10,000 entries would cost a warm load a tenth of its time."""
    folder = cache_dir(root)
    try:
        data = (folder / "manifest.json").read_bytes()
        manifest = json.loads(data)
    except Exception:  # noqa: BLE001 - any damage means: rebuild
        return None
    try:
        written = (folder / "manifest.sum").read_text(encoding="utf-8") == _digest(data)
    except (OSError, ValueError):
        written = False
    if written and isinstance(manifest, dict) and isinstance(manifest.get("files"), dict):
        return manifest if manifest_ok({**manifest, "files": {}}, root) else None
    return manifest if manifest_ok(manifest, root) else None


def _write_manifest_files(folder: Path, manifest: dict) -> None:
    """The manifest and its digest, each replaced whole; a reader between the two finds the digest wrong and
    checks every entry."""
    data = json.dumps(manifest).encode("utf-8")
    for name, content in (("manifest.json", data), ("manifest.sum", _digest(data).encode("ascii"))):
        tmp = folder / f".{name}-{uuid.uuid4().hex}.tmp"
        tmp.write_bytes(content)
        os.replace(tmp, folder / name)


def _still(root: Path, token: str) -> bool:
    """Whether the cache is still the one whose manifest carried ``token`` (no other load swapped its own
    in)."""
    # the token alone, in a file of its own: reading the whole manifest again would cost a warm load a tenth
    try:
        return (cache_dir(root) / "token").read_text(encoding="utf-8") == token
    except OSError:
        return False


def _columns_ok(name: str, table: pd.DataFrame, extra: tuple = ()) -> bool:
    spec = SPECS.get(name)
    return spec is None or set(spec.columns) | set(extra) <= set(table.columns)


def read_tables(root: Path, token: str) -> dict[str, pd.DataFrame] | None:
    """The compiled tables of the cache whose manifest carried ``token``, each row tagged with its file, or
    None."""
    return _read_files(root, token, {name: name for name in TABLES}, ("_source",))


def read_final(root: Path, token: str) -> dict[str, pd.DataFrame] | None:
    """The typed tables the last load returned (its manifest carried ``token``), or None when missing or
    damaged."""
    return _read_files(root, token, {name: f"final-{name}" for name in FINAL}, mapped=True)


def _read_mapped(path: Path) -> pd.DataFrame:
    # uncompressed Arrow, mapped: a warm load of 10,000 articles reads them in a quarter of Parquet's time,
    # and the kernels that load one corpus share their pages
    return feather.read_table(path, memory_map=True).to_pandas()


def _read_files(root: Path, token: str, files: dict[str, str], extra: tuple = (),
                mapped: bool = False) -> dict | None:
    """Each table from its file (Parquet, or ``mapped`` Arrow), when every one reads, holds its declared
    columns (and ``extra``), and the cache is still the one whose manifest carried ``token``; otherwise
    None."""
    folder = cache_dir(root)
    try:
        tables = {name: _read_mapped(folder / f"{file}.arrow") if mapped else
                  pd.read_parquet(folder / f"{file}.parquet") for name, file in files.items()}
    except Exception:  # noqa: BLE001 - any damage means: rebuild
        return None
    if not all(_columns_ok(name, t, extra) for name, t in tables.items()) or not _still(root, token):
        return None
    return tables


def unusable(folder: Path, err: BaseException) -> None:
    """Say once, as a warning, that the cache cannot be written and the load goes on without it."""
    why = getattr(err, "strerror", None) or str(err) or type(err).__name__
    warnings.warn(f"the corpus cache {folder} cannot be used ({why}); loading without it "
                  "(set NEWSDESK_CACHE to a folder you can write, or pass cache=False)", RuntimeWarning,
                  stacklevel=4)


@contextmanager
def _swap_lock(final: Path):
    """Exclusive while a load replaces the cache of one corpus (or its manifest)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(final.with_name(final.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def write_manifest(root: Path, manifest: dict) -> None:
    """Replace only the manifest (fresh fingerprints of touched files) if the cache is still the one it
    describes; a cache that cannot be written is left as it is (the next load hashes those files again)."""
    path = cache_dir(root) / "manifest.json"
    try:
        with _swap_lock(path.parent):
            if not _still(root, manifest["token"]):
                return
            _write_manifest_files(path.parent, manifest)
    except OSError:
        pass


def temporary_folder(parent: Path) -> Path:
    """A new temporary folder of the cache in ``parent``, marked as the cache's own (so sweep() may remove
    it)."""
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=TMP_PREFIX))
    try:
        (tmp / MARKER).write_text("a temporary folder of the newsdesk corpus cache\n", encoding="utf-8")
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp


def sweep(parent: Path) -> None:
    """Remove the temporary folders of loads that were killed: unlocked (their load is gone), or lockless and
    old.

    Only folders the cache made are looked at: named with its prefix and holding its marker file (a folder
    whose marker is not written yet is one a load has just made)."""
    for tmp in parent.glob(TMP_PREFIX + "*"):
        lock = tmp / ".lock"
        try:
            if tmp.is_symlink() or not (tmp / MARKER).is_file():
                continue
            if lock.exists() and fcntl is not None:
                with open(lock, "a") as held:
                    fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # fails while its load runs
            elif time.time() - tmp.stat().st_mtime < ORPHAN_AGE:
                continue
        except OSError:
            continue
        shutil.rmtree(tmp, ignore_errors=True)


class Writer:
    """Writes a whole cache into a temporary folder, table by table, then swaps it in on ``commit``.

    An interrupted or failed write leaves the previous cache (or none), never half of one. Creating it raises
    OSError when the cache folder cannot be written; a write that fails later warns once and is dropped.
    """

    def __init__(self, root: Path):
        self.final = cache_dir(root)
        self.final.parent.mkdir(parents=True, exist_ok=True)
        sweep(self.final.parent)
        self.tmp = Path(tempfile.mkdtemp(dir=self.final.parent, prefix=TMP_PREFIX))
        self.broken = False
        try:
            # held while this load runs: sweep() leaves the folder alone
            self._lock = open(self.tmp / ".lock", "w")
            if fcntl is not None:
                fcntl.flock(self._lock, fcntl.LOCK_EX)
            # the marker last: a folder is the sweep's only once its lock is held
            (self.tmp / MARKER).write_text("a temporary folder of the newsdesk corpus cache\n",
                                           encoding="utf-8")
        except OSError:
            if hasattr(self, "_lock"):
                self._lock.close()
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise

    def parts(self) -> Path | None:
        """A folder for compiled parts, inside the temporary cache (removed before it is swapped in)."""
        if self.broken:
            return None
        folder = self.tmp / "parts"
        try:
            folder.mkdir(exist_ok=True)
        except OSError as err:
            self._drop(err)
            return None
        return folder

    def _drop(self, err: OSError) -> None:
        if not self.broken:
            unusable(self.final.parent, err)
        self.broken = True
        self.abort()

    def abort(self) -> None:
        self._lock.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def put(self, name: str, table: pd.DataFrame, mapped: bool = False) -> None:
        """Write one table: Parquet, or uncompressed Arrow to be ``mapped`` (see ``read_final``)."""
        if self.broken:
            return
        try:
            if mapped:
                feather.write_feather(pa.Table.from_pandas(table, preserve_index=False),
                                      self.tmp / f"{name}.arrow", compression="uncompressed")
            else:
                table.to_parquet(self.tmp / f"{name}.parquet", index=False)
        except OSError as err:
            self._drop(err)
        except BaseException:
            self.abort()
            raise

    def commit(self, manifest: dict) -> None:
        """Swap the written cache in, under the corpus's lock so concurrent loads never trip over each other.

        The manifest's ``version`` is set to ``key()`` here, whatever the caller gave: the cache owns its
        key."""
        if self.broken:
            return
        manifest = {**manifest, "version": key(), "token": uuid.uuid4().hex,
                    "files": {s: e for s, e in manifest["files"].items() if not e.get("moved")}}
        try:
            shutil.rmtree(self.tmp / "parts", ignore_errors=True)
            _write_manifest_files(self.tmp, manifest)
            (self.tmp / "token").write_text(manifest["token"], encoding="utf-8")
            trash = temporary_folder(self.final.parent)
            with _swap_lock(self.final):
                if self.final.exists():
                    self.final.rename(trash / "old")
                self.tmp.rename(self.final)
            shutil.rmtree(trash, ignore_errors=True)
        except OSError as err:
            self._drop(err)
        finally:
            self.abort()


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
