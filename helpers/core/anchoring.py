"""Find an analyst's quoted words in an article's text.

Analysts type straight quotes and hyphens; captured pages use curly quotes and
dashes. Both sides are folded one character for one character, so an offset in
the folded text is the same offset in the original. Accented letters are compared
composed (NFC): "é" as one character matches "e" and a combining accent. A text
that is not NFC is searched in a composed copy, and each hit is mapped back to the
offsets of the text as it is.
"""
from __future__ import annotations

import bisect
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})


def fold(text: str) -> str:
    """Text with quote marks, apostrophes, dashes and odd spaces made plain (same length)."""
    # an article is anchored many times over: folded once; short pieces are not cached, so that the thousands
    # folded while searching do not push a 5 MB article out of the cache (70 folds of it took 6 s)
    return _fold_long(text) if len(text) > 10_000 else text.translate(_FOLD)


@lru_cache(maxsize=16)
def _fold_long(text: str) -> str:
    # the marks folded are rare: a regex finds them in C, where str.translate looks up every character (1.7 s
    # for 5 MB against 0.02 s)
    return _FOLDED.sub(lambda m: _FOLD[ord(m.group())], text)


_FOLDED = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")


def find_all(text: str, words: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``words`` stands in ``text`` as whole words, after folding."""
    if not words:
        return []
    return list(_find_all(text, words))


@lru_cache(maxsize=4096)  # "Sarvosa", occurrence 1…16: search the article once, not sixteen times
def _find_all(text: str, words: str) -> tuple[tuple[int, int], ...]:
    needle = unicodedata.normalize("NFC", fold(words))
    if not needle:
        return ()
    hay = _fold_long(text)  # the article, folded once for all its searches, however short it is
    composed = _composed(hay)
    if composed is None:
        return _search(hay, needle)
    return tuple((_back(composed, s, True), _back(composed, e, False)) for s,
                 e in _search(composed[0], needle))


def _search(hay: str, needle: str) -> tuple[tuple[int, int], ...]:
    # str.find and a boundary check where it lands: ~10× faster than a regex that
    # must try its look-behind at every position (a property test holds them equal).
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


@lru_cache(maxsize=16)
def _composed(text: str) -> tuple[str, tuple[int, ...], tuple[tuple[int, int, int, int], ...]] | None:
    """``text`` in NFC, the composed starts of the pieces that changed, and those pieces as (composed start,
    composed end, start, end); None when the text is NFC already, or (never seen in a real text) when
    composing piece by piece does not give its NFC."""
    if unicodedata.is_normalized("NFC", text):
        return None
    out, pieces, at, shift = [], [], 0, 0  # shift: composed offset minus original offset, so far
    for m in _TOKEN.finditer(text):  # nothing composes across white space
        if unicodedata.is_normalized("NFC", m.group()):
            continue
        for s, e in _clusters(text, m.start(), m.end()):
            composed = unicodedata.normalize("NFC", text[s:e])
            if composed == text[s:e]:
                continue
            out += [text[at:s], composed]
            pieces.append((s + shift, s + shift + len(composed), s, e))
            shift += len(composed) - (e - s)
            at = e
    out.append(text[at:])
    hay = "".join(out)
    if hay != unicodedata.normalize("NFC", text):
        return None
    return hay, tuple(p[0] for p in pieces), tuple(pieces)


def _clusters(text: str, lo: int, hi: int):
    """(start, end) of the pieces of ``text[lo:hi]`` that compose on their own: a letter with the marks after
    it (and, in scripts such as Hangul, the letters it joins with)."""
    start = lo
    for i in range(lo + 1, hi):
        c = text[i]
        if c < "\u0300":  # no letter before the combining marks composes with the one before it
            yield start, i
            start = i
        elif unicodedata.combining(c) == 0:
            piece = text[start:i]
            if unicodedata.normalize("NFC", piece + c) == unicodedata.normalize("NFC", piece) + c:
                yield start, i
                start = i
    yield start, hi


def _back(composed: tuple, at: int, start: bool) -> int:
    """The offset in the original text of offset ``at`` of its composed copy (a start, or an end); a piece
    composed into fewer characters is taken whole."""
    _hay, starts, pieces = composed
    i = (bisect.bisect_right(starts, at) if start else bisect.bisect_left(starts, at)) - 1
    if i < 0:
        return at
    _c_start, c_end, o_start, o_end = pieces[i]
    if at < c_end or (not start and at == c_end):
        return o_start if start else o_end
    return o_end + (at - c_end)


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
    if not str(words).strip():
        return Anchor(error="the words are empty", fix="quote the article's words, or remove the entry")
    hits = find_all(text, words)
    if not hits:
        loose = _loose(text, words)
        if loose:
            return Anchor(error=f"the words {_q(words)} match the text only "
                                "when spaces and line breaks are ignored",
                          fix=f"quote them as the text has them (paste this, quotes included): "
                              f"{yaml_quoted(text[loose[0]:loose[1]])}")
        passage = closest_passage(text, words)
        unseen = invisible_difference(passage, words)
        if unseen:
            if passage[-1:] in ".!?" and not words.rstrip().endswith(passage[-1:]):
                passage = passage[:-1]  # the sentence's full stop, not the analyst's words
            return Anchor(error=f"the words {_q(words)} are not in the article as typed: {unseen}",
                          fix="copy them from the text (paste this, quotes included): "
                              f"{yaml_quoted(passage)}")
        return Anchor(error=f"the words {_q(words)} are not in the article",
                      fix=f"copy them from the text; closest passage: {_q(passage)}")
    if occurrence is not None:
        if 1 <= occurrence <= len(hits):
            return Anchor(*hits[occurrence - 1])
        return Anchor(error=f"occurrence {occurrence} of {_q(words)} asked "
                            f"for, but the text has {len(hits)}", fix=f"use a number from 1 to {len(hits)}")
    if len(hits) == 1:
        return Anchor(*hits[0])
    if near is not None:
        return Anchor(*min(hits, key=lambda h: (abs(h[0] - near), h[0])))
    where = "; ".join(f"{i}: …{_context(text, *h)}…" for i, h in enumerate(hits[:5], 1))
    shown = f"the first 5: {where}" if len(hits) > 5 else where
    return Anchor(error=f"the words {_q(words)} occur {len(hits)} times",
                  fix=f"add occurrence: N ({shown}) or quote more words")


def yaml_quoted(words: str) -> str:
    """``words`` as a YAML double-quoted scalar: line breaks as ``\\n`` and invisible characters as
    ``\\uXXXX``, so it pastes onto one line and reads back exactly (a JSON string is valid YAML)."""
    return "".join(f"\\u{ord(c):04x}" if _invisible(c) else c for c in json.dumps(words, ensure_ascii=False))


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf"  # soft hyphen, zero-width space and joiners, BOM, word joiner


def invisible_difference(passage: str, words: str) -> str:
    """Why ``passage`` and ``words`` look the same but differ, in plain words; "" when they do not look the
    same.

    Two causes hide from the eye: an invisible character (a soft hyphen, a zero-width space) in one of them,
    and an accented letter written as one character in one and as a letter plus an accent in the other
    (NFC/NFD)."""
    def seen(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC",
                                              "".join(c for c in fold(s) if not _invisible(c))).split())
    if passage == words or not seen(words) or seen(words) not in seen(passage):
        return ""
    for who, s in (("the article", passage), ("your words", words)):
        for i, c in enumerate(s):
            if _invisible(c):
                word = next((m.group() for m in _TOKEN.finditer(s) if m.start() <= i < m.end()), c)
                return (f"{who} {'has' if who == 'the article' else 'have'} "
                        f"{_char_name(c)} inside '{''.join(ch for ch in word if not _invisible(ch))}' "
                        f"(after '{word[:word.index(c)]}')")
    for who, s in (("the article", passage), ("your words", words)):
        if unicodedata.normalize("NFC", s) != s:
            nfd = (m.group() for m in _TOKEN.finditer(s)
                   if unicodedata.normalize("NFC", m.group()) != m.group())
            letter = unicodedata.normalize("NFC", next(nfd, s))
            verb = "writes" if who == "the article" else "write"
            return (f"{who} {verb} '{letter}' with a separate accent character (Unicode NFD), "
                    "the other as one character (NFC)")
    return ""  # the same characters: the words are part of a word, say, which the usual message covers


def _char_name(char: str) -> str:
    name = unicodedata.name(char, "an invisible character").lower()
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name} (U+{ord(char):04X})"


def _loose(text: str, words: str) -> tuple[int, int] | None:
    parts = fold(words).split()
    if len(parts) < 2:
        return None
    m = re.search(r"\s+".join(map(re.escape, parts)), fold(text))
    return m.span() if m else None


def closest_passage(text: str, words: str) -> str:
    """The passage of ``text`` (as many words as ``words``) that reads most like it (the first of equals).

    A short text is searched window by window; a long one only around the places where the rarest three-letter
    pieces of ``words`` occur, so a 5 MB article takes a second, not minutes, for the same answer."""
    target = fold(words).lower()
    n = max(1, len(words.split()))
    if len(text) <= EXHAUSTIVE_UP_TO:
        return _best_window(text, 0, len(text), target, n)[0].rstrip(",;:")
    best = ("", -1.0, 0)
    for lo, hi in _candidate_regions(text, target):
        chunk, score, at = _best_window(text, lo, hi, target, n)
        if score > best[1] or (score == best[1] and at < best[2]):
            best = (chunk, score, at)
    if best[1] < 0:  # nothing of the words occurs: the text's first words, as the full search would give
        return _best_window(text, 0, min(len(text), 2000), target, n)[0].rstrip(",;:")
    return best[0].rstrip(",;:")


EXHAUSTIVE_UP_TO = 20_000  # characters: every window of a news article is compared (a few ms)
_GRAMS_TRIED = 24  # pieces of the words counted in the text, at most
_HITS = 4_000  # places in the text looked at, at most
_REGIONS = 12  # regions compared word by word, at most


def _best_window(text: str, lo: int, hi: int, target: str, n: int) -> tuple[str, float, int]:
    """(passage, score, start) of the best window of ``n`` words starting in ``text[lo:hi]``; -1 if none."""
    spans = [m.span() for m in _TOKEN.finditer(text, lo, hi)]
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(target)  # the target's index is built once, not once a window
    best, best_score, best_at = "", -1.0, lo
    for i in range(max(1, len(spans) - n + 1)):
        if not spans:
            break
        at = spans[i][0]
        chunk = text[at: spans[min(i + n, len(spans)) - 1][1]]
        matcher.set_seq1(fold(chunk).lower())
        if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
            continue  # cannot beat the best so far (upper bounds of the ratio)
        score = matcher.ratio()
        if score > best_score:
            best, best_score, best_at = chunk, score, at
    return best, best_score, best_at


_TOKEN = re.compile(r"\S+")


def _candidate_regions(text: str, target: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` where many of the rarest three-letter pieces of ``target`` line up, best
    first."""
    hay = fold(text).lower()
    grams = {target[i:i + 3]: i for i in range(max(1, len(target) - 2)) if not target[i:i + 3].isspace()}
    step = -(-len(grams) // _GRAMS_TRIED)  # every step-th piece: at most _GRAMS_TRIED of them
    counted = sorted((hay.count(g), at, g) for g, at in list(grams.items())[::step])
    votes: dict[int, set] = {}
    width = max(16, len(target))
    budget = _HITS
    for count, at, gram in counted:
        if count == 0:
            continue
        if budget <= 0:
            break
        pos = hay.find(gram)
        while pos != -1 and budget > 0:
            votes.setdefault((pos - at) // width, set()).add(gram)
            budget -= 1
            pos = hay.find(gram, pos + 1)
    best = sorted(votes, key=lambda b: (-len(votes[b]), b))[:_REGIONS]
    regions = []
    for b in sorted(best):
        lo = max(0, b * width - 2 * width)
        while lo > 0 and not text[lo - 1].isspace():  # whole words only
            lo -= 1
        regions.append((lo, min(len(text), b * width + 4 * width)))
    return regions


def _context(text: str, start: int, end: int, width: int = 20) -> str:
    return " ".join(text[max(0, start - width): end + width].split())


def _q(words: str) -> str:
    return '"' + " ".join(str(words).split()) + '"'
