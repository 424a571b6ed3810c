"""A trained attribution tagger: cue, content and source spans of who-said-what, from the text alone.

A linear-chain CRF (trained with python-crfsuite, tagged with ``crf.LinearChain``) labels the tokens of each
paragraph with BIO tags for CUE, CONTENT and SOURCE; ``predict`` groups the tagged spans into attributions.
Its features are lexical (word, affixes), word shape, the word's most frequent part of speech
(``pos_lexicon``: a table, no tagger runs), quotation marks and whether a token is inside a quotation, the
token's place in its sentence, relative to the sentence's first reporting verb and its distance to the nearest
one, over a small window: nothing a parser would give, since the drafter has none. The model and the table
ship in ``helpers/drafting/models/`` (``python -m helpers train`` rebuilds both from PolNeAR train) and are
read the first time they are needed; nothing is ever downloaded.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from helpers.core.textspans import paragraphs
from helpers.drafting.crf import LinearChain, WordTable, tag_paragraphs
from helpers.paths import MODELS

MODEL_PATH = MODELS / "attribution.crfsuite"
LABELS = ("CUE", "CONTENT", "SOURCE")

_TOKEN = re.compile(r"``|''|\w+(?:['’.\-]\w+)*|[^\w\s]")
_WORDLIKE = re.compile(r"\w")
_OPEN_QUOTES = {"“", "``", "«"}
_CLOSE_QUOTES = {"”", "''", "»"}
_STRAIGHT = {'"'}


def _cue_forms() -> dict[str, str]:
    from helpers.core.reporting_verbs import CUE_LEMMAS
    return CUE_LEMMAS


@dataclass(frozen=True)
class AttributionSpan:
    """One attribution the model found: character spans into the text (cue and source may be missing)."""
    cue: tuple[int, int] | None
    content: tuple[int, int]
    source: tuple[int, int] | None


def tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each token of ``text[start:end]``, as offsets into ``text``.

    >>> from helpers.drafting.attribution_model import tokens
    >>> text = 'Putin said: "We agreed."'
    >>> [text[s:e] for s, e in tokens(text, 0, len(text))]
    ['Putin', 'said', ':', '"', 'We', 'agreed', '.', '"']
    """
    return [(start + m.start(), start + m.end()) for m in _TOKEN.finditer(text[start:end])]


@lru_cache(maxsize=50000)
def _shape(word: str) -> str:
    s = re.sub(r"[A-Z]+", "X", word)
    s = re.sub(r"[a-z]+", "x", s)
    s = re.sub(r"\d+", "d", s)
    return s[:6]


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-6" if n < 7 else ("7-12" if n < 13 else "13+"))


def sequences(text: str) -> list[list[tuple[int, int]]]:
    """The token spans of each paragraph (the unit the CRF labels)."""
    return [t for s, e in paragraphs(text) if (t := tokens(text, s, e))]


_WORD_CACHE: dict[str, tuple] = {}


def _word_features(word: str) -> tuple:
    """What a word gives whatever its place: its own features, and those it gives its neighbours at -2, -1, +1
    and +2 (built once per distinct word), its part of speech and whether it is a reporting verb."""
    got = _WORD_CACHE.get(word)
    if got is not None:
        return got
    from helpers.drafting import pos_lexicon
    lw = word.lower()
    shape = _shape(word)
    lemma = _cue_forms().get(lw)
    tag = pos_lexicon.tag(word)
    own = ["w=" + lw, "sh[0]=" + shape, "s3=" + lw[-3:], "p=" + tag]
    if word[:1].isupper():
        own.append("title")
    if lemma is not None:
        own.append("cue=" + lemma)
    around = []
    for d in (-2, -1, 1, 2):
        f = [f"w[{d}]={lw}", f"p[{d}]={tag}"]
        if d in (-1, 1):
            f.append(f"sh[{d}]={shape}")
        if lemma is not None:
            f.append(f"cue[{d}]")
        around.append(f)
    got = (own, around[0], around[1], around[2], around[3], lw, tag, lemma is not None)
    if len(_WORD_CACHE) > 200000:
        _WORD_CACHE.clear()
    _WORD_CACHE[word] = got
    return got


_POS = ["pos=" + _bucket(i) for i in range(14)]
_LEFT = ["left=" + _bucket(i) for i in range(14)]


def _dist_name(d: int) -> str:
    if d == 0:
        return "dc=0"
    size = str(abs(d)) if abs(d) < 4 else ("4-7" if abs(d) < 8 else "8+")
    return "dc=" + ("-" if d < 0 else "+") + size


_DIST = {d: _dist_name(d) for d in range(-8, 9)}
_QM = {d: {"open": f"qm[{d}]=open", "close": f"qm[{d}]=close"} for d in (-2, -1, 0, 1, 2)}
_IN = {d: (f"in[{d}]=False", f"in[{d}]=True") for d in (-1, 0, 1)}


class _SentencePlaces(NamedTuple):
    """Where each token of a paragraph stands in its sentence, one list per feature (indexed by token)."""
    pos: list[int]  # tokens before it in the sentence
    left: list[int]  # tokens after it in the sentence
    rel_cue: list[str]  # before, at or after the sentence's first reporting verb
    sent_quote: list[str]  # whether the sentence holds a quotation mark
    near: list[str]  # how far the nearest reporting verb of the sentence is, and on which side


def _quote_states(words: list[str]) -> tuple[list[str], list[bool]]:
    """Each token's quotation mark ("open", "close" or "") and whether it is inside a quotation: after an
    opening mark, until its closing one (a straight mark opens outside a quotation and closes inside one)."""
    n = len(words)
    quote_mark, inside = [""] * n, [False] * n
    state = False
    for i, w in enumerate(words):
        if w in _OPEN_QUOTES or (w in _STRAIGHT and not state):
            quote_mark[i], state = "open", True
        elif w in _CLOSE_QUOTES or (w in _STRAIGHT and state):
            quote_mark[i], state = "close", False
        else:
            inside[i] = state
    return quote_mark, inside


def _sentence_places(text: str, toks: list[tuple[int, int]], cue: list[bool], quote_mark: list[str]
                     ) -> _SentencePlaces:
    """Position in sentence and relative to its first reporting verb, walking the article's sentences that
    overlap the paragraph once, alongside its tokens."""
    from helpers.drafting.mentions import article_sentences
    n = len(toks)
    pos, left, rel_cue, sent_quote = [0] * n, [0] * n, ["rc=none"] * n, ["sq=0"] * n
    near = ["dc=none"] * n
    first, last = toks[0][0], toks[-1][1]
    j = 0
    for s, e in article_sentences(text):
        if e <= first:
            continue
        if s >= last:
            break
        idx = []
        while j < n and toks[j][0] < e:
            idx.append(j)
            j += 1
        if not idx:
            continue
        cue_at = next((k for k in idx if cue[k]), None)
        cues_in = [k for k in idx if cue[k]]
        if cues_in:  # how far the nearest reporting verb of the sentence is, and on which side
            c = 0
            for k in idx:
                while c + 1 < len(cues_in) and abs(cues_in[c + 1] - k) <= abs(cues_in[c] - k):
                    c += 1
                near[k] = _DIST[max(-8, min(8, k - cues_in[c]))]
        has_quote = "sq=1" if any(quote_mark[k] for k in idx) else "sq=0"
        m = len(idx) - 1
        for r, k in enumerate(idx):
            pos[k], left[k], sent_quote[k] = r, m - r, has_quote
            if cue_at is not None:
                rel_cue[k] = "rc=at" if k == cue_at else ("rc=before" if k < cue_at else "rc=after")
    return _SentencePlaces(pos, left, rel_cue, sent_quote, near)


def _token_features(wf: list[tuple], quote_mark: list[str], inside: list[bool], places: _SentencePlaces
                    ) -> list[list[str]]:
    """Each token's features from what its word gives (``_word_features``), its quotation state and its place
    in the sentence, with its neighbours' within two tokens; one loop, as this runs for every paragraph
    drafted."""
    pos, left, rel_cue, sent_quote, near = places
    n = len(wf)
    lower = [x[5] for x in wf]
    tags = [x[6] for x in wf]
    out = []
    for i in range(n):
        own = wf[i][0]
        prev = lower[i - 1] if i else "^"
        f = ["b", _POS[min(pos[i], 13)], _LEFT[min(left[i], 13)], rel_cue[i], _IN[0][inside[i]],
             sent_quote[i],
             f"w[-1]|w={prev}|{lower[i]}", f"p[-1]|p={tags[i - 1] if i else '^'}|{tags[i]}",
             f"p|p[1]={tags[i]}|{tags[i + 1] if i + 1 < n else '$'}", near[i], f"{near[i]}|p={tags[i]}"]
        f += own
        if quote_mark[i]:
            f.append(_QM[0][quote_mark[i]])
        for slot, d in ((1, -2), (2, -1), (3, 1), (4, 2)):
            k = i + d
            if 0 <= k < n:
                f += wf[k][slot]
                if d == -1 or d == 1:
                    f.append(_IN[d][inside[k]])
                if quote_mark[k]:
                    f.append(_QM[d][quote_mark[k]])
            else:
                f.append(f"edge[{d}]")
        out.append(f)
    return out


def features(text: str, toks: list[tuple[int, int]]) -> list[list[str]]:
    """Feature strings for each token of one paragraph."""
    words = [text[s:e] for s, e in toks]
    wf = [_word_features(w) for w in words]
    quote_mark, inside = _quote_states(words)
    places = _sentence_places(text, toks, [x[7] for x in wf], quote_mark)
    return _token_features(wf, quote_mark, inside, places)


def _place_scores(model: LinearChain, text: str, seqs: list[list[tuple[int, int]]], words: list[str],
                  near: dict) -> np.ndarray:
    """The scores of the features ``features`` gives a token for its place and quotation state rather than its
    word alone, for the tokens of all paragraphs one after another (``near`` is ``neighbours`` of their
    lengths): the same features, summed as arrays."""
    look, unknown, weights = model.encoding.get, model.encoding.unknown, model.weights
    named: list[list[str]] = [[] for _ in range(7)]  # the features that are names made for the token
    pos, left, inside, marks = [], [], [], []
    cache, offset = _WORD_CACHE, 0
    for toks in seqs:
        mine = words[offset:offset + len(toks)]
        offset += len(toks)
        wf = [cache.get(w) or _word_features(w) for w in mine]
        lower, tags = [x[5] for x in wf], [x[6] for x in wf]
        quote_mark, within = _quote_states(mine)
        places = _sentence_places(text, toks, [x[7] for x in wf], quote_mark)
        named[0] += places.rel_cue
        named[1] += places.sent_quote
        named[2] += places.near
        named[3] += [f"w[-1]|w={a}|{b}" for a, b in zip(["^", *lower], lower)]
        named[4] += [f"p[-1]|p={a}|{b}" for a, b in zip(["^", *tags], tags)]
        named[5] += [f"p|p[1]={a}|{b}" for a, b in zip(tags, [*tags[1:], "$"])]
        named[6] += [f"{a}|p={b}" for a, b in zip(places.near, tags)]
        pos += places.pos
        left += places.left
        inside += within
        marks += quote_mark
    n = len(words)
    rows = [look(f, unknown) for part in named for f in part]
    out = weights[rows].reshape(len(named), n, -1).sum(0)
    out += weights[look("b", unknown)]
    out += weights[[look(f, unknown) for f in _POS]][np.minimum(pos, 13)]
    out += weights[[look(f, unknown) for f in _LEFT]][np.minimum(left, 13)]
    inside, mark = np.array(inside, dtype=np.intp), np.array([_MARK[m] for m in marks], dtype=np.intp)
    out += weights[[look(f, unknown) for f in _IN[0]]][inside]
    for d in (-2, -1, 0, 1, 2):
        # a quotation mark's feature at each offset; no mark, the row of zeros
        by_mark = weights[[unknown, look(_QM[d]["open"], unknown), look(_QM[d]["close"], unknown)]]
        if d == 0:
            out += by_mark[mark]
            continue
        at, neighbour = near[d]
        out[at] += by_mark[mark[neighbour]]
        if d in (-1, 1):
            out[at] += weights[[look(f, unknown) for f in _IN[d]]][inside[neighbour]]
        edge = np.ones(n, dtype=bool)
        edge[at] = False
        out[edge] += weights[look(f"edge[{d}]", unknown)]
    return out


_MARK = {"": 0, "open": 1, "close": 2}


def bio(toks: list[tuple[int, int]], spans: list[tuple[str, tuple[int, int]]]) -> list[str]:
    """BIO labels for tokens given labelled character spans; a cue beats a source, a source beats a content,
    and of two contents the shorter (nested) one wins."""
    rank = {"CUE": 0, "SOURCE": 1, "CONTENT": 2}
    ordered = sorted(spans, key=lambda x: (rank[x[0]], x[1][1] - x[1][0]))
    labels, owner = [], []
    for s, e in toks:
        best = next(((lab, sp) for lab, sp in ordered if sp[0] <= s and e <= sp[1]), None)
        owner.append(best)
    for i, best in enumerate(owner):
        if best is None:
            labels.append("O")
        else:
            labels.append(("I-" if i and owner[i - 1] == best else "B-") + best[0])
    return labels


def spans_from_bio(toks: list[tuple[int, int]], labels: list[str]) -> list[tuple[str, int, int]]:
    """(label, first token, last token + 1) for each tagged span."""
    out = []
    for i, lab in enumerate(labels):
        if lab == "O":
            continue
        kind = lab[2:]
        if lab.startswith("I-") and out and out[-1][0] == kind and out[-1][2] == i:
            out[-1] = (kind, out[-1][1], i + 1)
        else:
            out.append((kind, i, i + 1))
    return out


@lru_cache(maxsize=1)
def _model(path: str = str(MODEL_PATH)) -> LinearChain:
    return LinearChain(path, "attribution model")


@lru_cache(maxsize=1)
def _words() -> WordTable:
    return WordTable(_model(), lambda word: _word_features(word)[:5])


def available() -> bool:
    """Whether the trained attribution model is on disk."""
    return MODEL_PATH.is_file()


def reload() -> None:
    """Forget the loaded model, its predictions and each word's features, so a model or part-of-speech table
    just rebuilt is the one used next."""
    _WORD_CACHE.clear()
    _model.cache_clear()
    _words.cache_clear()
    predict.cache_clear()


def _group(text: str, toks: list[tuple[int, int]],
           found: list[tuple[str, int, int]]) -> list[AttributionSpan]:
    """Attributions from the tagged spans of one paragraph: each content with the nearest cue and the
    source nearest that cue; two contents around one cue ("…," she said, "…") are one attribution when the
    second opens a quotation and no sentence ends between them."""
    contents = [sp for sp in found if sp[0] == "CONTENT"]
    cues = [sp for sp in found if sp[0] == "CUE"]
    sources = [sp for sp in found if sp[0] == "SOURCE"]
    merged: list[list[int]] = []
    tagged = {k for sp in found for k in range(sp[1], sp[2])}
    # the spans follow one another without overlapping, so starts and ends are both in order: a paragraph of
    # thousands of spans (a text without breaks) is searched by bisection, not span by span
    starts = [sp[1] for sp in found]
    for _, a, b in contents:
        if merged:
            gap = range(merged[-1][1], a)
            kinds = {sp[0]
                     for sp in found[bisect.bisect_left(starts, merged[-1][1]):bisect.bisect_left(starts, a)]
                     if sp[2] <= a}
            words = [k for k in gap if k not in tagged and _WORDLIKE.match(text, toks[k][0])]
            opens = text[toks[a][0]:toks[a][1]] in _OPEN_QUOTES | _STRAIGHT
            ends = any(text[toks[k][0]:toks[k][1]] in (".", "!", "?")
                       for k in range(max(0, merged[-1][1] - 2), a))
            if "CUE" in kinds and not words and opens and not ends:
                merged[-1][1] = b
                continue
        merged.append([a, b])
    out = []

    def dist(a, b, sp):
        return 0 if sp[1] < b and a < sp[2] else min(abs(sp[1] - b), abs(a - sp[2]))

    cue_starts, cue_ends = [sp[1] for sp in cues], [sp[2] for sp in cues]
    source_starts, source_ends = [sp[1] for sp in sources], [sp[2] for sp in sources]

    def near(spans, span_starts, span_ends, a, b, reach):
        """The spans within ``reach`` tokens of a..b (any farther is too far to count), in their order."""
        return spans[bisect.bisect_left(span_ends, a - reach - 1):bisect.bisect_right(span_starts,
                                                                                      b + reach + 1)]

    for a, b in merged:
        cue = min(near(cues, cue_starts, cue_ends, a, b, 25), key=lambda sp: dist(a, b, sp), default=None)
        if cue is not None and dist(a, b, cue) > 25:
            cue = None
        src = None
        if cue is not None:
            src = min((sp for sp in near(sources, source_starts, source_ends, cue[1], cue[2], 20)
                       if not (a <= sp[1] and sp[2] <= b) or a <= cue[1] < b),
                      key=lambda sp: dist(cue[1], cue[2], sp), default=None)
            if src is not None and dist(cue[1], cue[2], src) > 20:
                src = None
        else:
            continue  # a content with no cue near it is seldom an attribution
        out.append(AttributionSpan(
            (toks[cue[1]][0], toks[cue[2] - 1][1]) if cue else None,
            (toks[a][0], toks[b - 1][1]),
            (toks[src[1]][0], toks[src[2] - 1][1]) if src else None))
    return out


def labelled(text: str) -> list[tuple[list[tuple[int, int]], list[str]]]:
    """Each paragraph's tokens and the labels the model gives them: crfsuite's labels for ``features``, from
    the model's weights summed as arrays (each word's once, ``_words``; the rest by ``_place_scores``)."""
    seqs, model = sequences(text), _model()
    return tag_paragraphs(model, _words(), text, seqs,
                          lambda words, near: _place_scores(model, text, seqs, words, near))


@lru_cache(maxsize=8)
def predict(text: str) -> tuple[AttributionSpan, ...]:
    """Attributions (cue, content, source character spans) the model finds in a text."""
    out: list[AttributionSpan] = []
    for toks, labels in labelled(text):
        found = spans_from_bio(toks, labels)
        if any(sp[0] == "CONTENT" for sp in found):
            out += _group(text, toks, found)
    return tuple(out)
