"""Sentences, paragraphs and quotations of a text, as character offsets (no model needed)."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "maj", "st", "jr", "sr",
    "prof", "rev", "u.s", "u.n", "u.k", "e.u", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "no", "vs", "inc", "corp", "co", "ltd", "a.m", "p.m", "d.c", "i.e", "e.g", "etc",
    "pres",
    "ft", "mt", "gov't", "dept", "univ", "assn", "bros", "calif", "fla", "mass", "wash", "n.y", "n.j", "pa",
}
# a sentence ends before a capital, a digit or an opening quote (newswire ``…'' quotes included)
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=(?:``|[\"“‘'(\[])?[A-Z0-9])|\n\s*\n|\n(?=[A-Z“\"`‘'])")

OPEN_QUOTES = "“\""
CLOSE_QUOTES = "”\""


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; abbreviations such as "U.S." and "Aug." do not end one."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        word = re.search(r"([\w.']+)[.!?]*[\"”’')\]]*\s*$", text[start: m.end()])
        if (
            word
            and m.group(0).lstrip().startswith(".")
            and word.group(1).lower().rstrip(".") in ABBREVIATIONS
        ):
            continue
        if word and re.fullmatch(r"[A-Z]\.?", word.group(1).rstrip(".")) and m.group(0).startswith("."):
            continue  # an initial: "John F. Kennedy"
        end = m.start() + len(m.group(0).rstrip())
        _add(out, text, start, end)
        start = m.end()
    _add(out, text, start, len(text))
    return out


LONGEST = 1500  # characters: a "sentence" longer (a text without full stops) is cut at its commas or spaces


def _add(out, text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > LONGEST:  # each piece is read as a sentence, so work per sentence stays bounded
        cut = text.rfind(", ", start + LONGEST // 2, start + LONGEST)
        cut = cut + 1 if cut >= 0 else (text.rfind(" ", start + LONGEST // 2, start + LONGEST) + 1
                                        or start + LONGEST)
        _add(out, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))


# British single marks around what someone said: the opening one starts a word, the closing one ends one
# (an apostrophe, "don't", "Smiths'", stands between letters or after one); the words end with a comma or a
# full stop, or run to four words and more ('The position is serious,' 'I want the money by Christmas.'), so
# a single word in marks ('exceptional') is none
_SINGLE = re.compile(r"(?<![\w'‘’])['‘](?=[A-Z0-9])((?:[^'‘’\n]|(?<=\w)['’](?=\w)){1,2000}?)['’](?!\w)")


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks (curly or straight, double or, around
    a sentence or a clause, single)."""
    return list(_quotations(text))


@lru_cache(maxsize=8)  # the drafter asks for one text's quotations several times
def _quotations(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    # curly, straight, and the newswire forms ``…'' and ''…''
    for m in re.finditer(r"“([^”]{1,2000}?)”|\"([^\"\n]{1,2000}?)\"|``(.{1,2000}?)''|(?<!\w)''(.{1,2000}?)''",
                         text,
                         re.DOTALL):
        group = next(i for i in (1, 2, 3, 4) if m.group(i) is not None)
        out.append(m.span(group))
    if "'" in text or "‘" in text:
        doubled = SpanSet(out)
        for m in _SINGLE.finditer(text):
            words = m.group(1)
            if doubled.overlaps(m.start(), m.end()) or not (
                    words.rstrip()[-1:] in (",", ".", "?", "!", "…") or len(words.split()) >= 4):
                continue
            out.append(m.span(1))
        out.sort()
    return tuple(out)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block of text between blank lines, from its first to its last visible
    character."""
    out: list[tuple[int, int]] = []
    at, open_block = 0, False
    for line in text.split("\n"):  # line by line: ~10× faster than one regex over the text
        stripped = line.strip()
        if stripped:
            first = at + len(line) - len(line.lstrip())
            last = first + len(stripped)
            if open_block:
                out[-1] = (out[-1][0], last)
            else:
                out.append((first, last))
            open_block = True
        else:
            open_block = False
        at += len(line) + 1
    return out


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


class SpanSet:
    """Spans (start, end) of a text, asked whether one covers a place or overlaps a span: kept sorted, the
    longest one's length bounding how far back to look, so a long article's thousands of questions do not
    each scan every span. Empty spans cover nothing and are not kept.

    >>> spans = SpanSet([(10, 20), (40, 45)])
    >>> spans.overlaps(19, 30), spans.overlaps(20, 40), spans.covers(44), spans.covers(45)
    (True, False, True, False)
    >>> spans.add(25, 60); spans.covers(45)
    True
    """

    def __init__(self, spans=()):
        self.spans = sorted((s, e) for s, e in spans if s < e)
        self.longest = max((e - s for s, e in self.spans), default=0)

    def add(self, start: int, end: int) -> None:
        if start < end:
            bisect.insort(self.spans, (start, end))
            self.longest = max(self.longest, end - start)

    def overlaps(self, lo: int, hi: int) -> bool:
        """Whether a span starts before ``hi`` and ends after ``lo``."""
        i = bisect.bisect_left(self.spans, (hi,))
        while i > 0:
            i -= 1
            start, end = self.spans[i]
            if start + self.longest <= lo:  # it and every span before it end by lo
                return False
            if end > lo:
                return True
        return False

    def covers(self, at: int) -> bool:
        """Whether a span starts at or before ``at`` and ends after it."""
        return self.overlaps(at, at + 1)
