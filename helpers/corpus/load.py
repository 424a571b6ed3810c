"""Load a corpus folder into tidy pandas tables.

Layout of a corpus folder (see data/README.md)::

    actors.yaml          the actor registry
    topics.yaml          the statement topics
    articles/*.txt       article texts, exactly as captured (never edited)
    annotations/*.yaml   one annotation per article, naming its text file
"""
from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.core.limits import MAX_ARTICLE_BYTES, unreadable
from helpers.core.problems import CorpusError, Problem
from helpers.corpus import cache as corpus_cache
from helpers.corpus.annotation import Compiled, compile_annotation
from helpers.corpus.files import (
    annotated_articles,
    annotation_files,
    annotation_names,
    corpus_of,
    is_yaml_name,
    line_of,
    named_article,
    waiting_drafts,
)
from helpers.corpus.model import ACTOR_KINDS, BY_NAME, LONG_TABLES, MODES, PARTS
from helpers.corpus.registry import read_registry, read_topics
from helpers.corpus.schema import Annotation, check
from helpers.corpus.table_specs import COMPILED, CORPUS, TABLES
from helpers.corpus.yamlfile import read_yaml

_FIXED_VOCABULARIES = {"part": pd.CategoricalDtype(list(PARTS)), "mode": pd.CategoricalDtype(list(MODES))}


@dataclass
class Corpus:
    """The tables of one corpus; every span row satisfies ``text == article_text[start:end]``."""

    folder: Path
    articles: pd.DataFrame
    actors: pd.DataFrame
    topics: pd.DataFrame
    mentions: pd.DataFrame
    statements: pd.DataFrame
    statement_topics: pd.DataFrame
    statement_addressees: pd.DataFrame  # one row per statement and actor it was addressed to
    deadlines: pd.DataFrame
    deadline_addressees: pd.DataFrame  # one row per deadline and actor it was set for
    unreviewed: pd.DataFrame = None  # entries still carrying a drafter's check: (they await review)
    # drafts left out of load_corpus(drafts=True)
    draft_problems: list = field(default_factory=list, compare=False)
    _labels: dict | None = field(default=None, init=False, repr=False, compare=False)  # article_labels, once
    # per_entry, per table, once
    _to: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _names: dict | None = field(default=None, init=False, repr=False, compare=False)  # names, once

    def __repr__(self) -> str:
        return f"Corpus({self.summary()})"

    def summary(self) -> str:
        """One line: how many articles, stories, actors, statements and deadlines, and how many entries await
        review.

        >>> from helpers.paths import SEED_FIXTURE
        >>> load_corpus(SEED_FIXTURE, cache=False).summary()
        '1 article, 0 stories, 8 actors, 25 statements, 4 deadlines; 0 unreviewed'
        """
        unreviewed = 0 if self.unreviewed is None else len(self.unreviewed)
        counts = [(len(self.articles), "article"), (len(self.stories()), "story"),
                  (len(self.actors), "actor"),
                  (len(self.statements), "statement"), (len(self.deadlines), "deadline")]
        return (", ".join(f"{n:,} {word if n == 1 else 'stories' if word == 'story' else word + 's'}"
                          for n, word in counts) + f"; {unreviewed:,} unreviewed")

    @property
    def names(self) -> dict[str, str]:
        """Actor id → name, for every actor of the registry and every one the annotations propose (built
        once).

        >>> from helpers.paths import SEED_FIXTURE
        >>> load_corpus(SEED_FIXTURE, cache=False).names["putin"]
        'Vladimir Putin'
        """
        if self._names is None:
            self._names = dict(zip(self.actors["actor_id"].astype(str), self.actors["name"]))
        return self._names

    @property
    def labels(self) -> dict[str, str]:
        """Article id → how views name it: its title (else its first line) and its date
        (``article_labels``)."""
        return self.article_labels()

    def article_text(self, article_id: str) -> str:
        return self.articles.set_index("article_id").at[article_id, "text"]

    def article_labels(self) -> dict[str, str]:
        """Article id → how views name it: its title (else its first line) and its date (built once; read
        only)."""
        if self._labels is None:
            labels = {}
            for a in self.articles.itertuples():
                title = (
                    a.title
                    if isinstance(a.title, str) and a.title.strip()
                    else _first_line(a.text) or a.article_id
                )
                title = title if len(title) <= 60 else _cut(title, 59)
                labels[a.article_id] = f"{title} ({a.published:%Y-%m-%d})" if pd.notna(a.published) else title
            self._labels = labels
        return self._labels

    def stories(self) -> list[str]:
        """The story labels in use, in order of their first article."""
        return list(dict.fromkeys(self.articles["story"].dropna()))

    def only(self, story: str | None) -> Corpus:
        """The same corpus narrowed to the articles of one story (None: all of them)."""
        if story is None:
            return self
        keep = set(self.articles.loc[self.articles["story"] == story, "article_id"])
        if not keep:
            raise ValueError(f"no article has story: {story!r}; "
                             f"stories in this corpus: {', '.join(self.stories()) or 'none'}")
        return self.subset(keep)

    def subset(self, article_ids) -> Corpus:
        """The same corpus narrowed to the given articles (the registry and topics stay whole)."""
        keep = set(article_ids)

        def narrow(frame):
            return frame if frame is None else frame[frame["article_id"].isin(keep)].reset_index(drop=True)
        tables = {name: getattr(self, name) for name in CORPUS}
        return Corpus(self.folder, **{name: t if name in ("actors", "topics") else narrow(t)
                                      for name, t in tables.items()}, draft_problems=self.draft_problems)

    def addressees(self, kind: str) -> dict[tuple[str, str], tuple[str, ...]]:
        """(article id, entry id) → the actor ids a statement (``kind`` "statement") or a deadline
        ("deadline") is addressed to, in the order written; entries without one are absent (built once; read
        only)."""
        return self.per_entry(BY_NAME[kind].field("addressee").table)

    def per_entry(self, table: str) -> dict[tuple[str, str], tuple[str, ...]]:
        """A several-valued field's long table (``statement_topics``, ``statement_addressees``,
        ``deadline_addressees``) as (article id, entry id) → its values in the order written; entries without
        one are absent (built once; read only).

        >>> from helpers.paths import SEED_FIXTURE
        >>> topics = load_corpus(SEED_FIXTURE, cache=False).per_entry("statement_topics")
        >>> topics[("000_d8227443fd9b5b39", "S1")]
        ('talks',)
        """
        if table not in self._to:
            kind, column = LONG_TABLES[table]
            rows = getattr(self, table)
            values: dict = {}
            for key, value in zip(zip(rows["article_id"], rows[kind.id_column]), rows[column].astype(str)):
                values[key] = values.get(key, ()) + (value,)
            self._to[table] = values
        return self._to[table]

    def actor_name(self, actor_id) -> str:
        """The actor's name; an id the registry lacks as itself, no id as "(no speaker)".

        >>> from helpers.paths import SEED_FIXTURE
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> corpus.actor_name("trump"), corpus.actor_name(None)
        ('Donald Trump', '(no speaker)')
        """
        return self.names.get(actor_id, "(no speaker)" if pd.isna(actor_id) else str(actor_id))


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters and an ellipsis, at a word boundary where there is one."""
    head = text[:limit + 1]
    cut = head.rsplit(None, 1)[0] if " " in head.strip() else text[:limit]
    return cut[:limit].rstrip(" ,;:-–—") + "…"


def _first_line(text) -> str:
    return next((line.strip() for line in str(text).splitlines() if line.strip()), "")


def load_corpus(folder: str | os.PathLike = "data", cache: bool = True, drafts: bool = False) -> Corpus:
    """Read and check every file of ``folder``; raise ``CorpusError`` listing all problems.

    With ``cache`` (the default) compiled tables are kept in a Parquet cache (helpers.corpus.cache),
    and only annotations that changed since the last load are read again.

    With ``drafts``, the machine drafts in ``drafts/`` of articles no annotation names are loaded too: their
    rows have ``reviewed`` False (an analyst's always True), and their statements and deadlines are listed in
    ``unreviewed`` with the drafter's confidence. A reviewed annotation always wins over a draft of the same
    article; a draft with problems is left out and its problems kept in ``corpus.draft_problems``.
    """
    with _system_allocator():
        corpus, problems = read_corpus(folder, use_cache=cache, drafts=drafts)
    if problems:
        raise CorpusError(problems)
    return corpus


def validate_corpus(folder: str | os.PathLike = "data") -> list[Problem]:
    """Every problem in ``folder``'s files, sorted by file and line (empty when clean)."""
    with _system_allocator():
        return sorted(read_corpus(folder)[1])


def validate_file(path: str | os.PathLike):
    """Check one annotation or draft file against its corpus's registry, topics and article text.

    Returns (Compiled or None, problems). Another annotation naming the same article is a problem for a file
    in annotations/; for a draft it only means the draft is not needed.
    """
    path = Path(path)
    root = corpus_of(path)
    shown = lambda p: os.path.join(str(root), os.path.relpath(p, root))  # noqa: E731
    problems: list[Problem] = []
    if not is_yaml_name(path) or not (path.exists() or path.is_symlink()):
        return None, [Problem(str(path), 0, "no such annotation file (a .yaml file)",
                              "give an annotation or draft file, or the corpus folder")]
    _, actor_ids = read_registry(root / "actors.yaml", shown, problems)
    _, topic_ids = read_topics(root / "topics.yaml", shown, problems)
    result, article = _compile_one(root, path, lambda p: str(path) if p == path else shown(p),
                                   actor_ids or set(), topic_ids or set(), problems)
    if article and path.parent.name == "annotations":
        for other in annotation_files(root):
            if other.resolve() != path.resolve() and named_article(root, other) == (root / article).resolve():
                problems.append(Problem(str(path), line_of(path, "article:"),
                                        f"the article {article!r} is also annotated by {shown(other)}",
                                        "keep one annotation per article; merge the two files"))
    return result, problems


@dataclass
class _Plan:
    """What one load has to do: the files, which of them the cache holds unchanged, what it checks them
    against."""

    root: Path
    shown: Callable[[Path], str]  # a path as the user typed the folder
    registry: pd.DataFrame
    topics: pd.DataFrame
    actor_ids: set[str] | None  # None when the registry could not be read
    topic_ids: set[str] | None
    sources: list[str]  # the files, from the corpus folder ("annotations/x.yaml"), in load order
    manifest: dict | None  # the cache's record of the last load, if it applies to this registry
    key: str
    # file → its cache entry, for files the cache holds as they are
    unchanged: dict = field(default_factory=dict)
    changed: list[Path] = field(default_factory=list)
    cached: dict | None = None  # the cache's compiled tables, kept for the unchanged files' rows

    @property
    def files(self) -> list[Path]:
        """The files as paths: made only when some changed (a load that finds none needs no path)."""
        return [self.root / source for source in self.sources]


@dataclass
class _Compilation:
    """What compiling the changed files gave: their cache entries, the files left out, their rows."""

    entries: dict = field(default_factory=dict)
    rejected: set = field(default_factory=set)
    # tables of chunks compiled without a cache to write them to
    in_memory: list = field(default_factory=list)
    draft_problems: list[Problem] = field(default_factory=list)


def _rel(path: Path) -> str:
    """The path from the corpus folder, of a file in annotations/ or drafts/ (from its string: taking the
    parent of each of 10,000 paths would cost a warm load a tenth of its time)."""
    whole = str(path)
    return whole[whole.rfind(os.sep, 0, whole.rfind(os.sep)) + 1:]


def _is_draft(rel: str) -> bool:
    return rel.startswith("drafts" + os.sep)


def read_corpus(folder, use_cache: bool = False, drafts: bool = False) -> tuple[Corpus | None, list[Problem]]:
    """The corpus of ``folder`` and every problem found (None for the corpus when it cannot be built):
    ``load_corpus`` raises on problems, ``validate`` lists them.

    Three steps: plan (which files changed since the cached load), compile (the changed files, on every core
    for many), assemble (the cache's rows for the others and the new rows, typed into one Corpus)."""
    root = Path(folder)
    if not root.is_dir():
        return None, [Problem(str(folder), 0, "no such corpus folder",
                              "give the folder that holds actors.yaml")]
    problems: list[Problem] = []
    plan = _plan(folder, use_cache, drafts, problems)
    if (
        plan.manifest
        and not plan.changed
        and len(plan.unchanged) == len(plan.manifest["files"])
        and not drafts
    ):
        # nothing changed: the last load's tables
        final = corpus_cache.read_final(root, plan.manifest["token"])
        if final is not None:
            # only touched
            if any(entry is not plan.manifest["files"][s] for s, entry in plan.unchanged.items()):
                corpus_cache.write_manifest(root, {**plan.manifest, "files": plan.unchanged})
            own = corpus_cache.problems_from(plan.manifest, plan.unchanged)
            corpus = Corpus(root, **_empty_retyped(final))
            return corpus, problems + own + _shared_article_problems(plan, plan.unchanged)[0]
    plan.cached = corpus_cache.read_tables(root, plan.manifest["token"]) if plan.manifest else None
    if plan.cached is None:  # some files changed: the others' rows come from the cache, when it is whole
        plan.unchanged, plan.changed = {}, plan.files
    writer = (
        _writer(root) if use_cache and plan.actor_ids is not None and plan.topic_ids is not None else None
    )
    try:
        done = _compile_changed(plan, drafts, writer, problems)
        corpus = _assemble(plan, done, writer)
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    return corpus, problems


def _empty_retyped(final: dict) -> dict:
    """The last load's tables with empty ones typed again: Parquet keeps no categories for a table without
    rows."""
    vocab = {"actor": pd.CategoricalDtype(list(final["actors"]["actor_id"])),
             "topic": pd.CategoricalDtype(list(final["topics"]["topic"])),
             **_FIXED_VOCABULARIES}
    return {name: _typed(name, table, vocab) if name in COMPILED and table.empty else table
            for name, table in final.items()}


def _writer(root: Path):
    """A cache writer, or None (with one warning) when the cache folder cannot be written: the load goes
    on."""
    try:
        return corpus_cache.Writer(root)
    except OSError as err:
        corpus_cache.unusable(corpus_cache.cache_root(), err)
        return None


def _plan(folder, use_cache: bool, drafts: bool, problems: list[Problem]) -> _Plan:
    """Read the registry and topics, list the files, and ask the cache which of them are unchanged."""
    root = Path(folder)
    shown = lambda p: os.path.join(str(folder), os.path.relpath(p, root))  # noqa: E731 - paths as the user typed them
    # before reading: an edit during the load shows
    key = corpus_cache.registry_key(root) if use_cache else ""
    registry, actor_ids = read_registry(root / "actors.yaml", shown, problems)
    topics, topic_ids = read_topics(root / "topics.yaml", shown, problems)
    problems += _annotations_folder(root, shown)
    sources = ["annotations" + os.sep + name for name in annotation_names(root)]
    if drafts:  # machine drafts after the analyst's files: a reviewed annotation claims its article first
        files = [root / source for source in sources]
        sources += [_rel(p) for p in waiting_drafts(root, annotated_articles(root, files))]
    manifest = corpus_cache.read_manifest(root) if use_cache else None
    if manifest is None or manifest.get("registry") != key or actor_ids is None or topic_ids is None:
        manifest = None
    unchanged = corpus_cache.unchanged(root, manifest, sources) if manifest else {}
    changed = [root / source for source in sources if source not in unchanged]
    return _Plan(root, shown, registry, topics, actor_ids, topic_ids, sources, manifest, key, unchanged,
                 changed)


def _annotations_folder(root: Path, shown) -> list[Problem]:
    """The problem with the annotations folder, if it is missing, not a folder, or cannot be listed."""
    folder = root / "annotations"
    try:
        os.listdir(folder)
    except FileNotFoundError:
        return [Problem(shown(folder), 0, "no annotations folder",
                        "create annotations/ with one YAML file per article")]
    except NotADirectoryError:
        return [Problem(shown(folder), 0, "annotations is a file, not a folder",
                        "rename the file, and create annotations/ with one YAML file per article")]
    except OSError as err:
        return [Problem(shown(folder), 0, f"the annotations folder cannot be read ({err.strerror})",
                        "give yourself permission to read it (chmod u+rx annotations)")]
    return []


def _compile_changed(plan: _Plan, drafts: bool, writer, problems: list[Problem]) -> _Compilation:
    """Compile the changed files; then, over every file, an article annotated twice is kept once (the later
    file reported) and a draft of an annotated article left out: recomputed at every load, never cached."""
    done = _Compilation()
    parts = writer.parts() if writer is not None else None  # with a cache, workers write their tables there
    with _gc_paused():  # millions of small acyclic objects: collecting them over and over costs a third
        for results, frames in _compile_all(plan.root, plan.changed, plan.actor_ids, plan.topic_ids, parts):
            for path, entry, article, found in results:
                problems += _record(done, path, entry, article, found)
            if frames is not None:
                done.in_memory.append(frames)
    unchanged = plan.unchanged
    if plan.cached is not None:
        problems += corpus_cache.problems_from(plan.manifest,
                                               {s: e for s, e in unchanged.items() if not _is_draft(s)})
        done.draft_problems += corpus_cache.problems_from(plan.manifest,
                                                          {s: e for s, e in unchanged.items()
                                                           if _is_draft(s)})
    shared, rejected = _shared_article_problems(plan, {**unchanged, **done.entries})
    problems += shared
    done.rejected |= rejected
    return done


def _record(done: _Compilation, path: Path, entry: dict, article, found: list[Problem]) -> list[Problem]:
    """Record one compiled file with its own problems; return those that fail the load (a draft's never
    do)."""
    rel = _rel(path)
    done.entries[rel] = {**entry, "article": article,
                         "problems": [[p.path, p.line, p.what, p.fix] for p in found]}
    if _is_draft(rel):
        done.draft_problems += found
        return []
    return found


def _shared_article_problems(plan: _Plan, entries: dict) -> tuple[list[Problem], set[str]]:
    """Problems that depend on several files, from every file's claim, in file order: (the problems, the files
    left out). A second annotation of an article is reported; a draft is left out when an annotation, an
    earlier draft, or its own problems stand against it."""
    # article → the annotation that has it, from the corpus folder
    claimed: dict[str, str] = {}
    draft_claims: set[str] = set()
    problems, rejected = [], set()
    for source in plan.sources:
        entry = entries.get(source)
        if entry is None:
            continue
        article = entry["article"]
        if _is_draft(source):
            if not article or article in claimed or article in draft_claims or entry["problems"]:
                rejected.add(source)
            else:
                draft_claims.add(article)
        elif article and article in claimed:
            path, first = plan.root / source, plan.root / claimed[article]
            problems.append(second_annotation(plan.shown(path), path, article, plan.shown(first)))
            rejected.add(source)
        elif article:
            claimed[article] = source
    return problems, rejected


def second_annotation(shown: str, path: Path, article: str, first: str) -> Problem:
    """The problem of an annotation file (``path``, named ``shown``) whose article ``first`` annotates
    already."""
    return Problem(shown, line_of(path, "article:"),
                   f"the article {article!r} is already annotated by {first}",
                   "keep one annotation per article; merge the two files")


def _assemble(plan: _Plan, done: _Compilation, writer) -> Corpus:
    """The Corpus from the cache's kept rows and the new ones, one table at a time; the cache rewritten with
    it.

    The cache keeps the rows of every file, those left out included: which file is left out depends on the
    others, so it is decided again at every load."""
    empty = raw_frames([], [])
    parts = writer.parts() if writer is not None else None

    def raw_table(name: str) -> pd.DataFrame:
        """One compiled table whole (kept rows of the cache, then the new ones), written to the cache."""
        pieces = []
        if plan.cached is not None:
            kept = plan.cached.pop(name)
            pieces.append(kept[kept["_source"].isin(plan.unchanged)])
        if parts is not None:
            pieces += [pd.read_parquet(p) for p in sorted(parts.glob(f"{name}-*.parquet"))]
        pieces += [frames.pop(name) for frames in done.in_memory]
        pieces = [piece for piece in pieces if len(piece)]
        frame = pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else \
            pieces[0].reset_index(drop=True) if pieces else empty[name]
        # recompiled files back in file order, as a fresh load has
        if plan.cached is not None and len(pieces) > 1:
            frame = frame.sort_values("_source", kind="stable", ignore_index=True)
        if writer is not None:
            writer.put(name, frame)
        if done.rejected:
            frame = frame[~frame["_source"].isin(done.rejected)].reset_index(drop=True)
        return frame

    # one table at a time: the compiled and the typed tables are never both whole in memory
    corpus = _tables(plan.root, plan.registry, plan.topics, raw_table)
    corpus.draft_problems = done.draft_problems
    if writer is not None:
        for name in corpus_cache.FINAL:
            writer.put(f"final-{name}", getattr(corpus, name), mapped=True)
        writer.commit({"version": corpus_cache.key(), "root": str(plan.root.resolve()), "registry": plan.key,
                       "files": {**plan.unchanged, **done.entries}})
    return corpus


PARALLEL_FROM = 200  # files; below this, starting worker processes costs more than it saves


CHUNK = 50  # files per task at least: a worker returns (or writes) its tables, not 50,000 row dicts


def _compile_all(root, paths, actor_ids, topic_ids, parts: Path | None = None):
    """For each chunk of files, in order: ([(path, cache entry, article, problems)], its tables or None).

    On all cores for many files; a file with problems contributes problems and no rows. With
    ``parts``, each chunk's tables are written there as Parquet files instead of returned (or returned when
    they cannot be written).
    """
    workers = min(os.cpu_count() or 1, 8)
    # a few dozen tasks a worker: balanced, few files
    size = max(CHUNK, min(1000, len(paths) // (workers * 8)))
    jobs = [(root, paths[i:i + size], actor_ids, topic_ids, parts, i // size)
            for i in range(0, len(paths), size)]
    bar = corpus_cache.progress(len(paths), "compiling annotations")
    try:
        if len(paths) >= PARALLEL_FROM and workers > 1:
            from concurrent.futures import ProcessPoolExecutor
            with ProcessPoolExecutor(workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
                for done in pool.map(_compile_chunk, jobs):
                    bar.update(len(done[0]))
                    yield done
            return
        for job in jobs:
            done = _compile_chunk(job)
            bar.update(len(done[0]))
            yield done
    finally:
        bar.close()


def die_with_parent(parent: int) -> None:
    """A worker's first step: ask Linux to kill it when the loading process dies (even by SIGKILL), so no
    worker outlives a killed load; a worker whose parent is already gone exits at once."""
    if sys.platform.startswith("linux"):
        import ctypes
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - another C library
            pass
    if os.getppid() != parent:
        os._exit(1)


def _compile_chunk(job):
    root, paths, actor_ids, topic_ids, parts, number = job
    results, compiled, sources = [], [], []
    with _gc_paused():  # a sixth of a worker's time went to collecting short-lived, acyclic objects
        for path in paths:
            # before reading: an edit while it is read shows
            before, seen = corpus_cache.fingerprint(path), {}
            result, article = _compile_one(root, path, _shown_in(root), actor_ids, topic_ids, found := [],
                                           seen)
            results.append((path, corpus_cache.entry(path, root / article if article else None, before,
                                                     seen.get("article")), article, found))
            if result is not None:
                compiled.append(result)
                sources.append(os.path.join(path.parent.name, path.name))
        frames = raw_frames(compiled, sources)
    if parts is None:
        return results, frames
    written = []
    try:
        for name, frame in frames.items():
            if len(frame):
                written.append(parts / f"{name}-{number:06d}.parquet")
                frame.to_parquet(written[-1], index=False)
    except OSError:  # the cache's disk is full or gone: the tables go back in memory, none of them twice
        for part in written:
            part.unlink(missing_ok=True)
        return results, frames
    return results, None


def _shown_in(root):
    return lambda p: os.path.join(str(root), os.path.relpath(p, root))


def compile_job(job):
    """Compile one annotation file: ``(root, path, actor ids, topic ids)`` → ``(path, compiled or None,
    article path, problems)``; a plain function of picklable arguments, for worker processes."""
    root, path, actor_ids, topic_ids = job
    found: list[Problem] = []
    result, article = _compile_one(root, path, _shown_in(root), actor_ids, topic_ids, found)
    return path, result, article, found


@contextmanager
def _gc_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _system_allocator():
    """Arrow buffers from the C library's allocator while loading: it hands freed memory back for the next
    table, where Arrow's default pool keeps it (a quarter less peak memory for a large corpus)."""
    import pyarrow as pa
    before = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(before)


def _compile_one(root, path, shown, actor_ids, topic_ids, problems, seen: dict | None = None):
    """Check and compile one annotation file: (Compiled or None, its article's path from the corpus folder, or
    None).

    Two files naming one article are caught by the caller, which sees every file. ``seen["article"]`` gets the
    article's fingerprint as it was just before it was read."""
    doc = read_yaml(path, shown(path))
    problems += doc.problems
    if doc.problems:
        return None, None
    ann, found = check(Annotation, doc)
    problems += found
    if ann is None:
        return None, None
    where = (doc.path, doc.line(("article",)))
    text_path, article, refused = _article_path(Path(root), ann.article, where)
    problems += refused
    if refused:
        return None, article
    if seen is not None:
        seen["article"] = corpus_cache.fingerprint(text_path)
    text = _article_text(text_path, ann.article, where, problems)
    if text is None:
        return None, article
    result = compile_annotation(doc, ann, Path(ann.article).stem, text, actor_ids, topic_ids)
    problems += result.problems
    return result, article


def _article_path(root: Path, name: str, where) -> tuple[Path, str | None, list[Problem]]:
    """Where an annotation's ``article:`` leads: (the path, its spelling from the corpus folder for claims —
    None outside it —, the problems: outside the corpus, not a .txt under articles/, a file that cannot be
    read)."""
    base = root.resolve()
    written = Path(os.path.normpath(base / name))  # as written, links not followed: articles/ must hold it
    resolved = written.resolve()
    article = os.path.relpath(resolved, base) if resolved.is_relative_to(base) else None
    if not written.is_relative_to(base) or article is None and written.exists():
        return written, None, [Problem(*where, f"the article {name!r} is outside the corpus folder",
                                       "keep article texts under the corpus "
                                       "folder's articles/ and name them from there")]
    if not written.is_relative_to(base / "articles") or written.suffix != ".txt":
        return written, None, [Problem(*where, f"{name!r} is not an article text: an article is "
                                               "a .txt file under the corpus's articles/ folder",
                                       "name the article's text file, e.g. article: articles/NAME.txt")]
    why = unreadable(written, MAX_ARTICLE_BYTES, f"article file {name!r}")
    if why is not None:
        fix = "check the name under articles/ (paths are relative to the corpus folder)" \
            if why[0].endswith("does not exist") else why[1]
        return written, article, [Problem(*where, why[0], fix)]
    return written, article, []


def _article_text(path: Path, name: str, where, problems) -> str | None:
    raw = path.read_bytes()
    try:
        # utf-8-sig drops a byte-order mark; no newline translation keeps Windows line endings as captured,
        # so offsets index the file's own characters
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        guess = _guess_encoding(raw)
        problems.append(Problem(*where, f"the article file {name!r} is not UTF-8 (byte {err.start})"
                                + (f"; its bytes suggest {guess} (a guess: cp1252 is the most common)"
                                   if guess else ""),
                                f"convert it, e.g. iconv -f {guess or 'cp1252'} -t utf-8 IN > OUT, "
                                "and keep the original"))
        return None
    if not text.strip():
        problems.append(Problem(*where, f"the article file {name!r} is empty",
                                "paste the article's text into it"))
        return None
    return text


def _guess_encoding(raw: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - the guess is a courtesy
        return None
    best = from_bytes(raw[:100_000]).best()
    return best.encoding if best else None


def raw_frames(compiled: list[Compiled], sources: list[str]) -> dict[str, pd.DataFrame]:
    """Untyped tables of compiled annotations, each row tagged with the annotation file it came from."""
    out = {}
    for name in COMPILED:
        spec = TABLES[name]
        groups = [[got] if isinstance(got := getattr(c, spec.compiled), dict) else got for c in compiled]
        # column by column: ~3× faster than a DataFrame from 500,000 row dicts
        data = {col: [r.get(col) for rows in groups for r in rows] for col in spec.columns}
        data["_source"] = [src for rows, src in zip(groups, sources) for _ in rows]
        if "reviewed" in spec.columns:  # an analyst's annotation, or a machine draft loaded beside them
            data["reviewed"] = [not _is_draft(src) for src in data["_source"]]
        frame = pd.DataFrame(data, columns=[*spec.columns, "_source"])
        for col in spec.integers:
            frame[col] = frame[col].astype("Int64")
        for col in spec.dates:
            frame[col] = pd.to_datetime(frame[col])
        out[name] = frame
    return out


def _typed(name: str, frame: pd.DataFrame, vocab: dict) -> pd.DataFrame:
    """A compiled table with the dtypes ``load_corpus`` gives: categories (with any id the vocabulary lacks,
    as for registry entries with problems), nullable integers, days, pandas' text dtype for text whether it
    came from rows or from Parquet. Built column by column into one frame, each converted only if it is not
    typed already: assigning columns one at a time into a copy cost more than the conversions on small
    corpora."""
    spec = TABLES[name]
    cats, ints, days = spec.categories, spec.integers, spec.dates
    cols = {}
    for col in spec.columns:
        values = frame[col]
        if col in cats:
            dtype = vocab[cats[col]]
            extra = sorted(set(map(str, values.dropna().unique())) - set(dtype.categories))
            cols[col] = pd.Categorical(values, categories=[*dtype.categories, *extra]) if extra else \
                pd.Categorical(values, dtype=dtype)
        elif col in ints:
            cols[col] = values if values.dtype == "Int64" else values.astype("Int64")
        elif col in days:  # one unit, however it was stored
            cols[col] = values if values.dtype == "datetime64[ns]" else \
                pd.to_datetime(values).astype("datetime64[ns]")
        elif str(values.dtype) != "str" and \
                pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
            cols[col] = values.astype("str")
        else:
            cols[col] = values
    return pd.DataFrame(cols, index=frame.index, copy=False)


def corpus_from_tables(root: Path, registry: pd.DataFrame, topics: pd.DataFrame, raw) -> Corpus:
    """A Corpus typed exactly as ``load_corpus`` types it, from the registry, the topics and the untyped
    compiled tables (``raw(name)``): how a dataset compiled elsewhere (``dask_compile``) is read back."""
    return _tables(root, registry, topics, raw)


def _tables(root: Path, registry: pd.DataFrame, topics: pd.DataFrame, raw) -> Corpus:
    """Typed tables from the compiled ones; ``raw(name)`` gives each compiled table, once, when needed."""
    proposed = raw("new_actors")
    vocab = {"actor": pd.CategoricalDtype(list(dict.fromkeys([*registry["actor_id"],
                                                              *proposed["actor_id"]]))),
             "topic": pd.CategoricalDtype(list(dict.fromkeys(topics["topic"]))),
             **_FIXED_VOCABULARIES}
    t = {name: _typed(name, proposed if name == "new_actors" else raw(name), vocab) for name in COMPILED}
    t["mentions"] = t["mentions"].sort_values(["article_id", "start"], ignore_index=True)
    if not proposed.empty:
        extra = t["new_actors"][~t["new_actors"]["actor_id"].isin(registry["actor_id"])].drop_duplicates(
            "actor_id"
        )
        registry = pd.concat([registry.assign(proposed_in=None), extra], ignore_index=True)
        registry["kind"] = pd.Categorical(registry["kind"], categories=list(ACTOR_KINDS))
    return Corpus(root, **{name: registry if name == "actors" else topics if name == "topics" else t[name]
                           for name in CORPUS})
