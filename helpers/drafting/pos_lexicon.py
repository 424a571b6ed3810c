"""Part-of-speech guesses for the attribution model: each word's most frequent Penn Treebank tag.

The table is learnt from the CoreNLP analyses that ship beside PolNeAR train (``corenlp-conllu/``), aligned to
the attribution model's own tokens through character offsets, and ships in
``helpers/drafting/models/pos_lexicon.tsv`` (``python -m helpers train`` rebuilds it with the model). It holds
words and tags only: the most frequent tag of each word seen at least twice, and of each word ending (last
three letters, capitalised or not) among the rare words, for the words it has never seen. The attribution CRF
reads the tags of a word and its neighbours, so context settles what the table leaves ambiguous; no tagger
runs at drafting time.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from helpers.paths import MODELS

LEXICON_PATH = MODELS / "pos_lexicon.tsv"
MIN_COUNT = 2  # words seen fewer times are left to their endings
_OFFSETS = re.compile(r"Start=(\d+)\|End=(\d+)")


def _conllu_tags(path: Path) -> dict[int, str]:
    """Start offset → XPOS of each token of one CoNLL-U file."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 10:
            continue
        m = _OFFSETS.search(cols[9])
        if m:
            out.setdefault(int(m.group(1)), cols[4])
    return out


def _suffix_key(word: str) -> str:
    if word[:1].isdigit():
        return "#digit"
    if not any(c.isalnum() for c in word):
        return "#punct:" + word[:2]
    return ("T" if word[:1].isupper() else "l") + ":" + word[-3:].lower()


def build(folder: Path, tokens) -> list[str]:
    """The lexicon's lines from ``folder``'s texts and CoNLL-U files (sorted order, so the result is the same
    every time); ``tokens(text)`` gives the (start, end) spans the attribution model uses."""
    exact: dict[str, Counter] = defaultdict(Counter)
    for conllu in sorted((folder / "corenlp-conllu").glob("*.conllu")):
        text_path = folder / "text" / (conllu.stem + ".txt")
        if not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        tags = _conllu_tags(conllu)
        for s, e in tokens(text):
            tag = tags.get(s)
            if tag is not None:
                exact[text[s:e]][tag] += 1
    lower: dict[str, Counter] = defaultdict(Counter)
    suffix: dict[str, Counter] = defaultdict(Counter)
    for word, counts in exact.items():
        lower[word.lower()].update(counts)
    for word, counts in exact.items():
        if sum(lower[word.lower()].values()) <= MIN_COUNT:
            suffix[_suffix_key(word)].update(counts)

    def best(counts: Counter) -> str:
        return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    lines = []
    for word in sorted(exact):
        if sum(exact[word].values()) >= MIN_COUNT and word.lower() != word \
                and best(exact[word]) != best(lower[word.lower()]):
            lines.append(f"w\t{word}\t{best(exact[word])}")
    for word in sorted(lower):
        if sum(lower[word].values()) >= MIN_COUNT:
            lines.append(f"l\t{word}\t{best(lower[word])}")
    for key in sorted(suffix):
        if sum(suffix[key].values()) >= 2:
            lines.append(f"s\t{key}\t{best(suffix[key])}")
    return lines


def write(lines: list[str], path: Path = LEXICON_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _tables.cache_clear()
    tag.cache_clear()
    return path


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    exact, lower, suffix = {}, {}, {}
    if LEXICON_PATH.is_file():
        table = {"w": exact, "l": lower, "s": suffix}
        for line in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
            kind, key, value = line.split("\t")
            table[kind][key] = value
    return exact, lower, suffix


@lru_cache(maxsize=100000)
def tag(word: str) -> str:
    """The word's most frequent tag: as written, else in lower case, else by its ending ("UNK" when none)."""
    exact, lower, suffix = _tables()
    found = exact.get(word) or lower.get(word.lower())
    if found:
        return found
    return suffix.get(_suffix_key(word)) or ("NNP" if word[:1].isupper() else "UNK")
