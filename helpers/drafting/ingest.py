"""Bring saved web pages and plain-text articles into a corpus, each with a draft to review.

For a page (``.html``/``.htm``) the page is kept byte for byte under
``sources/``, its main text becomes ``articles/NAME.txt`` (never edited
afterwards) and a draft with the page's metadata goes to ``drafts/NAME.yaml``.
A ``.txt`` file is copied as it is (converted to UTF-8 if it was not). An
input whose page or text is already in the corpus is skipped and named; an
input that fails writes nothing at all.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
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
    reference_for,
    registry_actors,
    registry_topics,
    stated_date,
    write_new,
    yaml_text,
)
from helpers.drafting.page_metadata import Page, english_share, read_page

PAGE_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt"}
MIN_TEXT = 300           # characters of main text below which a page is taken to hold no article
MIN_ENGLISH = 0.15       # share of common English words below which a text is not English


class IngestError(Exception):
    """An input that cannot be ingested (the message says why and what to do)."""


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

    def as_json(self) -> dict:
        keys = ["article_id", "text_path", "source_path", "draft_path", "title", "published", "outlet", "author",
                "url"]
        out = {key: getattr(self, key) for key in keys}
        out["input"] = self.input
        out["error"] = self.skipped
        out["notes"] = list(self.notes)
        return out


def inputs(paths: list[str | Path]) -> list[Path]:
    """The files to ingest: the given files, and the pages and texts inside given folders (sorted)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES | TEXT_SUFFIXES
                            and not p.name.startswith("."))
        else:
            found.append(path)
    return found


def article_name(title: str | None, day: dt.date | None, text: str) -> str:
    """``YYYY-MM-DD_a-few-title-words_digest``: sorts by date, readable, unique per text."""
    words = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode().lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", words)[:6]) or "article"
    return f"{day.isoformat() if day else 'undated'}_{slug[:48].strip('-')}_{digest(text.encode('utf-8'))[:8]}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Known:
    """Digests of the pages and texts already in a corpus (read once per run), to refuse a second copy."""

    def __init__(self, root: Path):
        self.sources = {digest(p.read_bytes()): p for p in _files(root / "sources")}
        self.texts = {digest(p.read_bytes()): p for p in _files(root / "articles") if p.suffix == ".txt"}
        self.story = None  # the actors the corpus's drafts propose, read at the first draft and grown with each

    def story_of(self, root: Path):
        if self.story is None:
            from helpers.drafting.story import drafted_actors
            self.story = drafted_actors(root / "drafts", root / "annotations")
        return self.story

    def check(self, root: Path, page: bytes | None, text: bytes) -> None:
        same = (page is not None and self.sources.get(digest(page))) or self.texts.get(digest(text))
        if same:
            raise AlreadyIngested(f"already in the corpus as {_rel(same, root)}; nothing was written")


def _files(folder: Path) -> list[Path]:
    # only what can be read (a FIFO would block; an unreadable file is the validator's to report)
    return sorted(p for p in folder.glob("*") if not p.name.startswith(".") and not unreadable(p)) \
        if folder.is_dir() else []


def _rel(path: Path, root: Path) -> str:
    return os.path.relpath(path, root)


def _decode(raw: bytes, path: Path) -> tuple[str, bool]:
    """The text of a .txt file and whether it had to be converted to UTF-8."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes
        best = from_bytes(raw).best()
        if best is None:
            raise IngestError(f"{path}: not a text file (no text encoding fits its bytes)") from None
        return str(best), True


def _check_text(text: str, path: Path, what: str, declared: str | None = None) -> None:
    body = text.strip()
    if len(body) < MIN_TEXT:
        raise IngestError(f"{path}: no article text found ({len(body)} characters of {what}); is it a front page, "
                          "or a page that loads its text with JavaScript? Save the article's own page "
                          "(File → Save Page As) once its text shows, or paste the text into a .txt file")
    share = english_share(body)
    paragraphs = [p for p in body.split("\n") if p.strip()]
    words_each = sum(len(p.split()) for p in paragraphs) / len(paragraphs)
    if share >= MIN_ENGLISH and (words_each >= 12 or len(paragraphs) < 6):
        return
    if (declared or "en") == "en" and words_each < 15:
        raise IngestError(f"{path}: no article text found: the main text is short lines ({words_each:.0f} words "
                          "each on average), mostly headlines or links; is it a front page or a list? Save the "
                          "article's own page")
    said = f" (the page declares lang={declared!r})" if declared else ""
    raise IngestError(f"{path}: the text is not in English{said}: {share:.0%} of its words are common English "
                      "words, against about 40% in English news; the drafter reads English only")


def ingest_one(path: Path, root: Path, known: Known, reference: dt.date | None = None,
               story: str | None = None) -> Ingested:
    """Ingest one file into the corpus at ``root``, its draft labelled with ``story`` when given; raise IngestError
    (nothing written) when it cannot be."""
    why = unreadable(path, MAX_PAGE_BYTES, "page or text")
    if why:
        raise IngestError(f"{path}: {why[0]}; {why[1]}")
    suffix = path.suffix.lower()
    if suffix not in PAGE_SUFFIXES | TEXT_SUFFIXES:
        raise IngestError(f"{path}: not a saved page or text ({path.suffix or 'no suffix'}); give .html, .htm or "
                          ".txt files")
    raw = path.read_bytes()
    if suffix in PAGE_SUFFIXES:
        page = read_page(raw)
        _check_text(page.text, path, "main text", page.language)
        text = f"{page.title}\n\n{page.text}\n" if page.title and not page.text.startswith(page.title) \
            else page.text + "\n"
        source = raw
    else:
        text, converted = _decode(raw, path)
        _check_text(text, path, "text")
        title = next((line.strip() for line in text.splitlines() if line.strip()), None)
        day, basis = stated_date(text) or (None, None)
        page = Page(text, title, day, basis, None, None, None, None)
        source = raw if converted else None
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        raise IngestError(f"{path}: its text is {size / 1e6:.1f} MB, over the article limit of "
                          f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB; save the article's own page, or split the text")
    known.check(root, source, text.encode("utf-8"))
    return _write(path, root, known, page, text, source, reference, story)


def _write(path: Path, root: Path, known: Known, page: Page, text: str, source: bytes | None,
           reference: dt.date | None, story: str | None) -> Ingested:
    name = article_name(page.title, page.published or reference, text)
    article = root / "articles" / f"{name}.txt"
    kept = root / "sources" / f"{name}{path.suffix.lower()}" if source is not None else None
    draft_path = root / "drafts" / f"{name}.yaml"
    result = Ingested(str(path), article_id=name, text_path=_rel(article, root), title=page.title,
                      published=page.published.isoformat() if page.published else None, outlet=page.outlet,
                      author=page.author, url=page.url)
    written: list[Path] = []
    try:
        if kept is not None:
            _write_bytes(kept, source)
            written.append(kept)
            result.source_path = _rel(kept, root)
        _write_bytes(article, text.encode("utf-8"))
        written.append(article)
        draft = _draft(text, root, page, reference, result, known, story)
        if draft is not None:
            write_new(draft_path, draft)
            written.append(draft_path)
            result.draft_path = _rel(draft_path, root)
    except BaseException:
        for done in written:
            done.unlink(missing_ok=True)
        raise
    if kept is not None:
        known.sources[digest(source)] = kept
    known.texts[digest(text.encode("utf-8"))] = article
    return result


def _write_bytes(path: Path, data: bytes) -> None:
    """A new file, whole or not at all (temporary file and rename); an existing file is never replaced."""
    if path.exists():
        raise IngestError(f"{path} already exists; it is never overwritten")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _draft(text: str, root: Path, page: Page, reference: dt.date | None, result: Ingested,
           known: Known, label: str | None) -> str | None:
    """The draft's YAML, with the page's metadata; None (and a note) when no date can anchor it."""
    given = reference or page.published
    try:
        day, basis = reference_for(text, given)
    except DraftError as err:
        why = str(err).split("; give one with", 1)[0]
        result.notes.append(f"no draft: {why}; draft it with python -m helpers draft "
                            f"{root / result.text_path} --reference-date YYYY-MM-DD (the day it was published)")
        return None
    if given is page.published and page.published_basis:
        basis = page.published_basis
    story = known.story_of(root)
    draft = draft_text(text, registry_actors(root), day, topics=registry_topics(root), story=story, story_label=label)
    for p in draft.proposed:
        story.add(p)  # the next page of the story gives the same entity the same id
    draft.reference_basis = basis
    annotation = draft_annotation(draft, result.text_path)
    metadata = {"outlet": page.outlet, "published": day.isoformat(), "published_basis": basis,
                "author": page.author, "url": page.url, "language": "en", "source": result.source_path, "story": label}
    ordered = {"article": annotation.pop("article")}
    if page.title and text.startswith(page.title + "\n"):
        ordered["layout"] = {"title": page.title}
    ordered["metadata"] = {k: v for k, v in metadata.items() if v is not None}
    annotation.pop("metadata", None)
    ordered.update(annotation)
    return HEADER + yaml_text(ordered, len(text))


def story_label(label: str | None) -> str | None:
    """The story label as the loader keeps it (one line, spaces trimmed), or IngestError saying what to give."""
    try:
        return clean_story_label(label)
    except DraftError as err:
        raise IngestError(str(err)) from None


def ingest(paths: list[str | Path], corpus: str | Path = "data", reference: dt.date | None = None,
           progress: bool = True, story: str | None = None) -> list[Ingested]:
    """Ingest every input into ``corpus``; one result per input, with the reason when it was skipped. ``story``
    labels every draft written (``metadata: story:``); a label the loader would refuse raises IngestError."""
    from tqdm import tqdm

    story = story_label(story)
    root = Path(corpus)
    if not root.is_dir():
        raise IngestError(f"{root}: no such corpus folder (it holds articles/, annotations/ and actors.yaml)")
    for folder in ("articles", "sources", "drafts"):
        if not_a_folder(root / folder):
            raise IngestError(not_a_folder(root / folder).replace("drafts are written", "ingest writes")
                              .replace(", or give another folder with --out", ""))
    files = inputs(paths)
    known = Known(root)
    results = []
    for path in tqdm(files, desc="ingesting", unit="file", disable=None if progress else True):
        try:
            results.append(ingest_one(path, root, known, reference, story))
        except (IngestError, DraftError) as err:
            message = str(err)
            results.append(Ingested(str(path),
                                    skipped=message if message.startswith(str(path)) else f"{path}: {message}"))
        except OSError as err:
            results.append(Ingested(str(path), skipped=f"{path}: cannot be read ({err.strerror or err})"))
    return results
