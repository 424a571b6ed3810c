"""A trained named-entity tagger: the people, organisations and places a text names, from the text alone.

A linear-chain CRF (trained with python-crfsuite, tagged with ``crf.LinearChain``) labels the tokens of each
paragraph with BIO tags for PER, ORG and LOC.
Its features are the word, its shape and affixes, its most frequent part of speech (``pos_lexicon``), whether
it opens a sentence, and three gazetteers from well-kept packages rather than hand lists: first names
(gender-guesser), countries and their subdivisions (pycountry), and company legal suffixes (cleanco); the same
for its neighbours within two tokens. It is trained on the CoreNLP labels that ship beside PolNeAR train
(``python -m helpers train``) and ships in ``helpers/drafting/models/entities.crfsuite``; nothing is
downloaded.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

import numpy as np

from helpers.core.textspans import paragraphs
from helpers.drafting.crf import LinearChain, WordTable, tag_paragraphs
from helpers.paths import MODELS

MODEL_PATH = MODELS / "entities.crfsuite"
KINDS = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"}  # CoreNLP's label → the tagger's

_TOKEN = re.compile(r"\w+(?:['’.&\-]\w+)*|[^\w\s]")
_SENTENCE_END = {".", "!", "?", "“", '"', "‘", ":", "—", "(", "-"}


def tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word and punctuation spans ("U.S" and "." are two: a dot may end the sentence)."""
    return [m.span() for m in _TOKEN.finditer(text, start, end)]


def sequences(text: str) -> list[list[tuple[int, int]]]:
    """The token spans of each paragraph (the unit the CRF labels)."""
    return [t for s, e in paragraphs(text) if (t := tokens(text, s, e))]


@lru_cache(maxsize=1)
def gazetteers() -> tuple[frozenset, frozenset, frozenset]:
    """(first names, words of country and subdivision names, legal suffixes), lower-cased."""
    import cleanco.termdata
    import gender_guesser.detector
    import pycountry

    first = frozenset(gender_guesser.detector.Detector(case_sensitive=False).names)
    places = set()
    for entry in [*pycountry.countries, *pycountry.subdivisions]:
        for attr in ("name", "common_name", "official_name"):
            for word in re.findall(r"\w+", getattr(entry, attr, "") or ""):
                if word[:1].isupper():
                    places.add(word.lower())
    suffixes = frozenset(t.strip(".").lower() for terms in cleanco.termdata.terms_by_type.values()
                         for t in terms
                         if " " not in t.strip() and len(t.strip(".")) > 1)
    return first, frozenset(places - {"the", "of", "and"}), suffixes


@lru_cache(maxsize=100_000)
def _shape(word: str) -> str:
    s = re.sub(r"[A-Z]+", "X", word)
    s = re.sub(r"[a-z]+", "x", s)
    return re.sub(r"\d+", "d", s)[:5]


_WORD_CACHE: dict[str, tuple] = {}


def _word_features(word: str) -> tuple:
    """A word's own features, and those it gives its neighbours at -2, -1, +1, +2 (built once per word)."""
    got = _WORD_CACHE.get(word)
    if got is not None:
        return got
    from helpers.drafting import pos_lexicon
    first, places, suffixes = gazetteers()
    lw = word.lower()
    shape = _shape(word)
    tag = pos_lexicon.tag(word)
    gaz = []
    if word[:1].isupper():
        if lw in first:
            gaz.append("first")
        if lw in places:
            gaz.append("loc")
        if lw.strip(".") in suffixes:
            gaz.append("legal")
    own = ["w=" + lw, "sh=" + shape, "s3=" + lw[-3:], "s2=" + lw[-2:], "p3=" + lw[:3], "p=" + tag,
           *("g=" + g for g in gaz)]
    around = []
    for d in (-2, -1, 1, 2):
        f = [f"w[{d}]={lw}", f"p[{d}]={tag}"]
        if d in (-1, 1):
            f.append(f"sh[{d}]={shape}")
            f += [f"g[{d}]={g}" for g in gaz]
        around.append(f)
    got = (own, *around, word[:1].isupper())
    if len(_WORD_CACHE) > 200_000:
        _WORD_CACHE.clear()
    _WORD_CACHE[word] = got
    return got


def features(text: str, toks: list[tuple[int, int]]) -> list[list[str]]:
    """Feature strings for each token of one paragraph."""
    words = [text[s:e] for s, e in toks]
    cache = _WORD_CACHE
    wf = [cache.get(w) or _word_features(w) for w in words]
    n = len(wf)
    out = []
    for i in range(n):
        opens = i == 0 or words[i - 1] in _SENTENCE_END
        f = ["b", *wf[i][0]]
        if opens:
            f.append("si")
            if wf[i][5]:
                f.append("si|T")
        for slot, d in ((1, -2), (2, -1), (3, 1), (4, 2)):
            k = i + d
            if 0 <= k < n:
                f += wf[k][slot]
            else:
                f.append(f"edge[{d}]")
        out.append(f)
    return out


def _place_scores(model: LinearChain, words: list[str], near: dict) -> np.ndarray:
    """The scores of the features ``features`` gives a token for its place rather than its word: the bias,
    opening a sentence (capitalised or not), and each neighbour beyond its paragraph's edge."""
    look = model.encoding.get
    row = model.weights.__getitem__
    unknown = model.encoding.unknown
    opens = np.ones(len(words), dtype=bool)
    after, before = near[-1]
    opens[after] = [words[i] in _SENTENCE_END for i in before.tolist()]
    titled = opens & np.array([w[:1].isupper() for w in words], dtype=bool)
    out = np.tile(row(look("b", unknown)), (len(words), 1))
    out[opens] += row(look("si", unknown))
    out[titled] += row(look("si|T", unknown))
    for d, (inside, _) in near.items():
        edge = np.ones(len(words), dtype=bool)
        edge[inside] = False
        out[edge] += row(look(f"edge[{d}]", unknown))
    return out


def bio(toks: list[tuple[int, int]], labelled: list[tuple[int, int, str]]) -> list[str]:
    """BIO labels for tokens from ``(start, end, label)`` of the reference tokens (a run of one label is one
    entity); a token takes the label of the reference token its first character falls in."""
    starts = [s for s, _, _ in labelled]
    out, prev = [], None
    for s, _ in toks:
        j = bisect_right(starts, s) - 1
        lab = labelled[j][2] if j >= 0 and s < labelled[j][1] else "O"
        kind = KINDS.get(lab)
        if kind is None:
            out.append("O")
        else:
            out.append(("I-" if prev == kind else "B-") + kind)
        prev = kind
    return out


@lru_cache(maxsize=1)
def _model(path: str = str(MODEL_PATH)) -> LinearChain:
    return LinearChain(path, "entity model")


@lru_cache(maxsize=1)
def _words() -> WordTable:
    return WordTable(_model(), lambda word: _word_features(word)[:5])


def available() -> bool:
    return MODEL_PATH.is_file()


def reload() -> None:
    """Forget the loaded model and each word's features, so a model just rebuilt is the one used next."""
    _WORD_CACHE.clear()
    _model.cache_clear()
    _words.cache_clear()
    predict.cache_clear()


def labelled(text: str) -> list[tuple[list[tuple[int, int]], list[str]]]:
    """Each paragraph's tokens and the labels the model gives them: crfsuite's labels for ``features``, from
    the model's weights summed as arrays (each word's once, ``_words``; the rest by ``_place_scores``)."""
    seqs, model = sequences(text), _model()
    return tag_paragraphs(model, _words(), text, seqs, lambda words, near: _place_scores(model, words, near))


@lru_cache(maxsize=8)
def predict(text: str) -> tuple[tuple[str, int, int], ...]:
    """(kind, start, end) of each named entity the model finds; kind is PER, ORG or LOC."""
    if not available():
        return ()
    out = []
    for toks, labels in labelled(text):
        for i, lab in enumerate(labels):
            if lab == "O":
                continue
            kind = lab[2:]
            if (
                lab.startswith("I-")
                and out
                and out[-1][0] == kind
                and out[-1][3] == i - 1
                and out[-1][4] is toks
            ):
                out[-1] = (kind, out[-1][1], toks[i][1], i, toks)
            else:
                out.append((kind, toks[i][0], toks[i][1], i, toks))
    return tuple((k, s, e) for k, s, e, _, _ in out)
