"""Bring saved web pages and plain-text articles into a corpus, each with a draft to review.

For a page (``.html``/``.htm``) the page is kept byte for byte under
``sources/``, its main text becomes ``articles/NAME.txt`` (never edited
afterwards) and a draft with the page's metadata goes to ``drafts/NAME.yaml``.
A ``.txt`` file is copied as it is (converted to UTF-8 if it was not). An
input whose page or text is already in the corpus is skipped and named, or,
when a run stopped part way left it without its text or draft, completed; an
input that fails writes nothing at all. Only a corpus (a folder with
``actors.yaml``) is written into, unless a new one is asked for.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from helpers.core.limits import MAX_ARTICLE_BYTES, MAX_PAGE_BYTES, unreadable
from helpers.drafting.draft import (
    HEADER,
    DraftError,
    clean_story_label,
    draft_annotation,
    draft_text,
    not_a_folder,
    read_article,
    reference_for,
    registry_actors,
    registry_topics,
    write_new,
    yaml_text,
)
from helpers.ingest.page_metadata import Page
from helpers.ingest.readers import READERS, IngestError


class AlreadyIngested(IngestError):
    """The same page or text is already in the corpus."""


@dataclass
class Ingested:
    input: str
    article_id: str | None = None
    text_path: str | None = None
    source_path: str | None = None
    draft_path: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    skipped: str | None = None     # why nothing was written (already in the corpus, no text, not English…)
    notes: list[str] = field(default_factory=list)
    # already in the corpus, without the text or draft an earlier run left unwritten
    completed: bool = False

    def as_json(self) -> dict:
        keys = ["article_id", "text_path", "source_path", "draft_path", "title", "published", "outlet",
                "author",
                "url"]
        out = {key: getattr(self, key) for key in keys}
        out["input"] = self.input
        out["error"] = self.skipped
        out["notes"] = list(self.notes)
        out["completed"] = self.completed
        return out


@dataclass(frozen=True)
class Refused:
    """A file of a given folder that is not ingested, and why (a link to a file outside the folder)."""
    path: Path
    why: str

    @property
    def name(self) -> str:
        return self.path.name


def inputs(paths: list[str | Path]) -> list[Path | Refused]:
    """The files to ingest: the given files, and the pages and texts inside given folders (sorted); a link
    inside a folder to a file outside it is Refused (a folder's ingest reads that folder only)."""
    found: list[Path | Refused] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += _folder_inputs(path)
        else:
            found.append(path)
    return found


def _folder_inputs(folder: Path) -> list[Path | Refused]:
    inside = folder.resolve()
    found: list[Path | Refused] = []
    for p in sorted(folder.rglob("*")):
        if p.name.startswith(".") or p.suffix.lower() not in READERS or not p.is_file():
            continue
        target = p.resolve()
        if p.is_symlink() and not target.is_relative_to(inside):
            found.append(Refused(p,
                                 f"a link to {target}, outside {folder}; not "
                                 "followed (give that file itself to ingest it)"))
        else:
            found.append(p)
    return found


def article_name(title: str | None, day: dt.date | None, text: str) -> str:
    """``YYYY-MM-DD_a-few-title-words_digest``: sorts by date, readable, unique per text."""
    words = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode().lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", words)[:6]) or "article"
    return (
        f"{day.isoformat() if day else 'undated'}_{slug[:48].strip('-')}_{digest(text.encode('utf-8'))[:8]}"
    )


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Known:
    """Digests of the pages and texts already in a corpus (read once per run), to refuse a second copy."""

    def __init__(self, root: Path):
        self.sources = {digest(p.read_bytes()): p for p in _files(root / "sources")}
        self.texts = {digest(p.read_bytes()): p for p in _files(root / "articles") if p.suffix == ".txt"}
        # the actors the corpus's drafts propose, read at the first draft and grown with each
        self.story = None
        self.annotated = None  # the articles annotations name, read when an input is found already there

    def story_of(self, root: Path):
        if self.story is None:
            from helpers.drafting.story import drafted_actors
            self.story = drafted_actors(root / "drafts", root / "annotations")
        return self.story

    def find(self, page: bytes | None, text: bytes) -> Path | None:
        """The corpus's copy of this page (in sources/) or text (in articles/), or None."""
        return (page is not None and self.sources.get(digest(page))) or self.texts.get(digest(text)) or None

    def is_annotated(self, root: Path, article: Path) -> bool:
        if self.annotated is None:
            from helpers.corpus.files import annotated_articles
            self.annotated = annotated_articles(root)
        return article.resolve() in self.annotated


def _files(folder: Path) -> list[Path]:
    # only what can be read (a FIFO would block; an unreadable file is the validator's to report)
    return sorted(p for p in folder.glob("*") if not p.name.startswith(".") and not unreadable(p)) \
        if folder.is_dir() else []


def _rel(path: Path, root: Path) -> str:
    return os.path.relpath(path, root)


def ingest_one(path: Path, root: Path, known: Known, reference: dt.date | None = None,
               story: str | None = None) -> Ingested:
    """Ingest one file into the corpus at ``root``, its draft labelled with ``story`` when given; raise
    IngestError (nothing written) when it cannot be."""
    why = unreadable(path, MAX_PAGE_BYTES, "page or text")
    if why:
        raise IngestError(f"{path}: {why[0]}; {why[1]}")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        *others, last = READERS
        raise IngestError(f"{path}: not a saved page or text ({path.suffix or 'no suffix'}); give "
                          f"{', '.join(others)} or {last} files")
    captured = reader(path.read_bytes(), path)
    page, text, source = captured.page, captured.text, captured.source
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        raise IngestError(f"{path}: its text is {size / 1e6:.1f} MB, over the article limit of "
                          f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB; save the article's own page, or split the text")
    same = known.find(source, text.encode("utf-8"))
    if same is not None:
        return _complete(path, root, known, same, page, text, reference, story)
    return _write(path, root, known, page, text, source, reference, story)


def _complete(path: Path, root: Path, known: Known, same: Path, page: Page, text: str,
              reference: dt.date | None,
              story: str | None) -> Ingested:
    """An input already in the corpus as ``same``: AlreadyIngested, unless a run stopped part way left its
    article without its text (only the page was written) or without a draft (and no annotation): those are
    written now, the draft of the text as kept in articles/."""
    name = same.stem
    article = root / "articles" / f"{name}.txt"
    draft = root / "drafts" / f"{name}.yaml"
    already = AlreadyIngested(f"already in the corpus as {_rel(same, root)}; nothing was written")
    had_text = article.exists() or article.is_symlink()
    if had_text and (draft.exists() or draft.is_symlink() or known.is_annotated(root, article)):
        raise already
    if had_text:
        text = read_article(article)
    kept = next((p for p in (root / "sources").glob(f"{name}.*") if p.suffix.lower() in READERS
                 and p.is_file()), None) if (root / "sources").is_dir() else None
    result = _write(path, root, known, page, text, None, reference, story, name, kept)
    if had_text and result.draft_path is None:
        raise already  # still no date to draft it from
    what = "its draft" if had_text else "its text and draft" if result.draft_path else "its text"
    result.notes.insert(0,
                        f"already in the corpus as {_rel(same, root)}, without "
                        f"{what} (an earlier run stopped part way): written now")
    result.completed = True
    return result


def _write(path: Path, root: Path, known: Known, page: Page, text: str, source: bytes | None,
           reference: dt.date | None, story: str | None, name: str | None = None,
           kept: Path | None = None) -> Ingested:
    """Write the input's source (when given), text and draft under ``name`` (default: from its title, date and
    text); a file there already, only when completing (``name`` given), is kept, and ``kept`` is its
    source."""
    completing = name is not None
    # with no title, the file is named by the text's first words
    name = name or article_name(page.title or text[:200], page.published or reference, text)
    article = root / "articles" / f"{name}.txt"
    if source is not None:
        kept = root / "sources" / f"{name}{path.suffix.lower()}"
    draft_path = root / "drafts" / f"{name}.yaml"
    result = Ingested(str(path), article_id=name, text_path=_rel(article, root), title=page.title,
                      published=page.published.isoformat() if page.published else None, outlet=page.outlet,
                      author=page.author, url=page.url, source_path=_rel(kept, root) if kept else None)
    # first: a run killed meanwhile writes nothing
    draft = _draft(text, root, page, reference, result, known, story)
    written: list[Path] = []
    try:
        if source is not None:
            written += _write_bytes(kept, source)
        if not (completing and article.exists()):
            written += _write_bytes(article, text.encode("utf-8"))
        if draft is not None:
            write_new(draft_path, draft)
            written.append(draft_path)
            result.draft_path = _rel(draft_path, root)
    except BaseException:
        for done in written:
            done.unlink(missing_ok=True)
        raise
    if source is not None:
        known.sources[digest(source)] = kept
    known.texts[digest(text.encode("utf-8"))] = article
    return result


def _write_bytes(path: Path, data: bytes) -> list[Path]:
    """A new file, whole or not at all (temporary file and rename); an existing file is never replaced.
    Returns [path]; a write that fails leaves nothing behind and raises IngestError saying it could not be
    written."""
    if path.exists() or path.is_symlink():
        raise IngestError(f"{path} already exists; it is never overwritten")
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as err:
        raise IngestError(f"{path}: cannot be written ({err.strerror or err}); "
                          "nothing was written for this input") from None
    finally:
        _remove(tmp)
    return [path]


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:  # pragma: no cover - a folder that turned read-only meanwhile: nothing was written there
        pass


def _draft(text: str, root: Path, page: Page, reference: dt.date | None, result: Ingested,
           known: Known, label: str | None) -> str | None:
    """The draft's YAML, with the page's metadata; None (and a note) when no date can anchor it."""
    given = reference or page.published
    try:
        day, basis = reference_for(text, given)
    except DraftError as err:
        why = str(err).split("; give one with", 1)[0]
        result.notes.append(f"no draft: {why}; draft it with python -m helpers "
                            f"draft {root / result.text_path} --reference-date "
                            "YYYY-MM-DD (the day it was published)")
        return None
    if given is page.published and page.published_basis:
        basis = page.published_basis
    story = known.story_of(root)
    draft = draft_text(text, registry_actors(root), day, topics=registry_topics(root), story=story,
                       story_label=label)
    for p in draft.proposed:
        story.add(p)  # the next page of the story gives the same entity the same id
    draft.reference_basis = basis
    annotation = draft_annotation(draft, result.text_path)
    metadata = {"outlet": page.outlet, "published": day.isoformat(), "published_basis": basis,
                "author": page.author, "url": page.url, "language": "en", "source": result.source_path,
                "story": label}
    ordered = {"article": annotation.pop("article")}
    if page.title and text.startswith(page.title + "\n"):
        ordered["layout"] = {"title": page.title}
    ordered["metadata"] = {k: v for k, v in metadata.items() if v is not None}
    annotation.pop("metadata", None)
    ordered.update(annotation)
    return HEADER + yaml_text(ordered, len(text))


def story_label(label: str | None) -> str | None:
    """The story label as the loader keeps it (one line, spaces trimmed), or IngestError saying what to
    give."""
    try:
        return clean_story_label(label)
    except DraftError as err:
        raise IngestError(str(err)) from None


NEW_REGISTRY = {
    "actors.yaml": "# Actor registry: every actor an annotation may name (format: data/README.md in "
                   "newsdesk).\n[]\n",
    "topics.yaml": "# Topics a statement may carry (format: data/README.md in newsdesk).\n[]\n",
}


def open_corpus(corpus: str | Path, new: bool = False) -> Path:
    """The corpus folder to ingest into: one holding actors.yaml, or, with ``new``, a new or empty folder made
    a corpus (annotations/, an empty actors.yaml and topics.yaml); IngestError saying why not otherwise."""
    root = Path(corpus)
    if not (root / "actors.yaml").is_file():
        if not new:
            found = "no such corpus folder" if not root.is_dir() else ("not a corpus folder: "
                                                                       "it has no actors.yaml")
            raise IngestError(f"{root}: {found} (a corpus holds articles/, annotations/ and "
                              "actors.yaml); check the name, or give --new to make a new corpus there")
        _new_corpus(root)
    for folder in ("articles", "sources", "drafts"):
        if not_a_folder(root / folder):
            raise IngestError(not_a_folder(root / folder).replace("drafts are written", "ingest writes")
                              .replace(", or give another folder with --out", ""))
    return root


def _new_corpus(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise IngestError(f"{root}: --new makes a corpus in a folder, but this is a file; give another name")
    if root.is_dir() and any(root.iterdir()):
        raise IngestError(f"{root}: --new makes a corpus in a new or empty folder, "
                          "and this one holds other files; give another folder, "
                          "or, to make this one a corpus, create actors.yaml in it")
    try:
        (root / "annotations").mkdir(parents=True, exist_ok=True)
        for name, content in NEW_REGISTRY.items():
            write_new(root / name, content)
    except DraftError as err:
        raise IngestError(f"{root}: cannot make a corpus there ({err})") from None
    except OSError as err:
        raise IngestError(f"{root}: cannot make a corpus there ({err.strerror or err})") from None


def ingest_each(files: list[Path | Refused], root: Path, reference: dt.date | None = None,
                story: str | None = None) -> Iterator[Ingested]:
    """Ingest each of ``files`` (from ``inputs``) into the corpus at ``root`` (from ``open_corpus``), yielding
    its result as soon as it is written; one input that fails, whatever the reason, does not stop the
    others."""
    known = Known(root)
    for path in files:
        if isinstance(path, Refused):
            yield Ingested(str(path.path), skipped=f"{path.path}: {path.why}")
            continue
        try:
            result = ingest_one(path, root, known, reference, story)
        except (IngestError, DraftError) as err:
            # ingest writes into the corpus only
            message = str(err).replace(", or give another with --out", "")
            result = Ingested(str(path), skipped=message if message.startswith(str(path))
                              else f"{path}: {message}")
        except OSError as err:
            result = Ingested(str(path), skipped=f"{path}: cannot be read ({err.strerror or err})")
        except Exception as err:  # noqa: BLE001 — a drafter's fault on one input must not end the run
            result = Ingested(str(path),
                              skipped=f"{path}: the drafter failed on it ({type(err).__name__}: "
                                      f"{err}); nothing was written for it")
        yield result


def ingest(paths: list[str | Path], corpus: str | Path = "data", reference: dt.date | None = None,
           progress: bool = True, story: str | None = None, new: bool = False) -> list[Ingested]:
    """Ingest every input into ``corpus`` (``new``: make it a corpus if it is a new or empty folder); one
    result per input, with the reason when it was skipped. ``story`` labels every draft written (``metadata:
    story:``); a label the loader would refuse, or a folder that is not a corpus, raises IngestError."""
    from tqdm import tqdm

    story = story_label(story)
    root = open_corpus(corpus, new)
    files = inputs(paths)
    results = []
    with tqdm(total=len(files), desc="ingesting", unit="file", disable=None if progress else True) as bar:
        for result in ingest_each(files, root, reference, story):
            results.append(result)
            bar.update(1)
    return results
