"""One reader per kind of input, chosen by the file's suffix: each turns the bytes of a saved page or a text
into the article's text, what is known about it (a ``Page``), and the bytes to keep under ``sources/``.

A new kind of input is one function and one line in ``READERS``; ``ingest`` needs nothing else.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from helpers.drafting.draft import stated_date
from helpers.ingest.page_metadata import Page, english_share, read_page

MIN_TEXT = 300           # characters of main text below which a page is taken to hold no article
MIN_ENGLISH = 0.15       # share of common English words below which a text is not English


class IngestError(Exception):
    """An input that cannot be ingested (the message says why and what to do)."""


@dataclass(frozen=True)
class Captured:
    """What a reader made of one input."""

    text: str               # the article's text, as articles/ will keep it
    page: Page              # its title, date, byline, outlet, address, declared language
    source: bytes | None    # the input to keep under sources/ (a page; a text converted to UTF-8); None: none


def read_saved_page(raw: bytes, path: Path) -> Captured:
    """A saved web page: its main text under its title, its metadata; the page itself is kept."""
    page = read_page(raw)
    _check_text(page.text, path, "main text", page.language)
    text = f"{page.title}\n\n{page.text}\n" if page.title and not page.text.startswith(page.title) \
        else page.text + "\n"
    return Captured(text, page, raw)


def read_text_file(raw: bytes, path: Path) -> Captured:
    """A plain text, kept as it is: its first line as the title (when it is a headline's length: a text run
    together on one line has none), the date it states; the original is kept only when it had to be converted
    to UTF-8."""
    text, converted = _decode(raw, path)
    _check_text(text, path, "text")
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    if title is not None and len(title) > TITLE_MAX:
        title = None
    day, basis = stated_date(text) or (None, None)
    return Captured(text, Page(text, title, day, basis), raw if converted else None)


TITLE_MAX = 200  # characters: longer, a first line is the article itself, not its headline
READERS: dict[str, Callable[[bytes, Path], Captured]] = {
    ".html": read_saved_page, ".htm": read_saved_page, ".txt": read_text_file}


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
        raise IngestError(f"{path}: no article text found ({len(body)} characters of {what}); is it a front "
                          "page, or a page that loads its text with JavaScript? Save the article's own page "
                          "(File → Save Page As) once its text shows, or paste the text into a .txt file")
    share = english_share(body)
    paragraphs = [p for p in body.split("\n") if p.strip()]
    words_each = sum(len(p.split()) for p in paragraphs) / len(paragraphs)
    if share >= MIN_ENGLISH and (words_each >= 12 or len(paragraphs) < 6):
        return
    if (declared or "en") == "en" and words_each < 15:
        raise IngestError(f"{path}: no article text found: the main text is short lines "
                          f"({words_each:.0f} words each on average), mostly headlines or "
                          "links; is it a front page or a list? Save the article's own page")
    said = f" (the page declares lang={declared!r})" if declared else ""
    raise IngestError(f"{path}: the text is not in English{said}: {share:.0%} of its words are common "
                      "English words, against about 40% in English news; the drafter reads English only")
