"""Find an analyst's quoted words in an article's text.

Analysts type straight quotes and hyphens; captured pages use curly quotes and
dashes. Both sides are folded one character for one character, so an offset in
the folded text is the same offset in the original.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import lru_cache

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})


@lru_cache(maxsize=64)  # an article is anchored many times over: fold it once
def fold(text: str) -> str:
    """Text with quote marks, apostrophes, dashes and odd spaces made plain (same length)."""
    return text.translate(_FOLD)


def find_all(text: str, words: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``words`` stands in ``text`` as whole words, after folding."""
    if not words:
        return []
    return list(_find_all(text, words))


@lru_cache(maxsize=4096)  # "Sarvosa", occurrence 1…16: search the article once, not sixteen times
def _find_all(text: str, words: str) -> tuple[tuple[int, int], ...]:
    # str.find and a boundary check where it lands: ~10× faster than a regex that
    # must try its look-behind at every position (a property test holds them equal).
    hay, needle = fold(text), fold(words)
    head, tail = bool(_WORD.match(needle[0])), bool(_WORD.match(needle[-1]))
    hits, at = [], hay.find(needle)
    while at != -1:
        end = at + len(needle)
        if (head and at and _WORD.match(hay[at - 1])) or (tail and end < len(hay) and _WORD.match(hay[end])):
            at = hay.find(needle, at + 1)
        else:
            hits.append((at, end))
            at = hay.find(needle, end)
    return tuple(hits)


_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Anchor:
    """The outcome of anchoring: a span, or why there is none."""

    start: int | None = None
    end: int | None = None
    error: str = ""
    fix: str = ""

    @property
    def ok(self) -> bool:
        return self.start is not None


def anchor(text: str, words: str, occurrence: int | None = None, near: int | None = None) -> Anchor:
    """Place ``words`` in ``text``.

    ``occurrence`` (1-based) picks among repeats; without it, repeated words are
    an error unless ``near`` is given, in which case the repeat closest to that
    offset is taken (how a statement's cue is placed beside its words).
    """
    hits = find_all(text, words)
    if not hits:
        loose = _loose(text, words)
        if loose:
            return Anchor(error=f"the words {_q(words)} match the text only when spaces and line breaks are ignored",
                          fix=f"quote them as the text has them (paste this, quotes included): "
                              f"{yaml_quoted(text[loose[0]:loose[1]])}")
        return Anchor(error=f"the words {_q(words)} are not in the article",
                      fix=f"copy them from the text; closest passage: {_q(closest_passage(text, words))}")
    if occurrence is not None:
        if 1 <= occurrence <= len(hits):
            return Anchor(*hits[occurrence - 1])
        return Anchor(error=f"occurrence {occurrence} of {_q(words)} asked for, but the text has "
                            f"{len(hits)}", fix=f"use a number from 1 to {len(hits)}")
    if len(hits) == 1:
        return Anchor(*hits[0])
    if near is not None:
        return Anchor(*min(hits, key=lambda h: (abs(h[0] - near), h[0])))
    where = "; ".join(f"{i}: …{_context(text, *h)}…" for i, h in enumerate(hits[:5], 1))
    shown = f"the first 5: {where}" if len(hits) > 5 else where
    return Anchor(error=f"the words {_q(words)} occur {len(hits)} times",
                  fix=f"add occurrence: N ({shown}) or quote more words")


def yaml_quoted(words: str) -> str:
    """``words`` as a YAML double-quoted scalar: line breaks as ``\\n``, so it pastes onto one line and reads back
    exactly (a JSON string is valid YAML)."""
    return json.dumps(words, ensure_ascii=False)


def _loose(text: str, words: str) -> tuple[int, int] | None:
    parts = fold(words).split()
    if len(parts) < 2:
        return None
    m = re.search(r"\s+".join(map(re.escape, parts)), fold(text))
    return m.span() if m else None


def closest_passage(text: str, words: str) -> str:
    """The passage of ``text`` (as many words as ``words``) that reads most like it."""
    tokens = list(re.finditer(r"\S+", text))
    n = max(1, len(words.split()))
    if not tokens:
        return ""
    target = fold(words).lower()
    best, best_score = "", -1.0
    for i in range(max(1, len(tokens) - n + 1)):
        chunk = text[tokens[i].start(): tokens[min(i + n, len(tokens)) - 1].end()]
        score = difflib.SequenceMatcher(None, fold(chunk).lower(), target, autojunk=False).ratio()
        if score > best_score:
            best, best_score = chunk, score
    return best.rstrip(",;:")


def _context(text: str, start: int, end: int, width: int = 20) -> str:
    return " ".join(text[max(0, start - width): end + width].split())


def _q(words: str) -> str:
    return '"' + " ".join(str(words).split()) + '"'
