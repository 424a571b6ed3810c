"""The two trained CRF models' shared plumbing: a model python-crfsuite trained, read into numpy to tag with
(``LinearChain``, ``WordTable``), and writing one trained.

crfsuite tags one sequence at a time from feature names it looks up one by one; the drafter tags every
paragraph of an article, with features most of which depend on the word alone. Reading the model's weights
once lets a word's features be summed once per word, every token of an article be scored in a few array
operations, and the best labels be found for all of an article's paragraphs at once: the labels are
crfsuite's own (the same weights, the same Viterbi search, ties broken as crfsuite breaks them).
"""
from __future__ import annotations

import struct
import time
from itertools import chain
from pathlib import Path

import numpy as np

# a model file: a header, then the features (type, source, destination, weight), the labels' and the
# attributes' names (each in a constant database indexed by id)
_HEADER = struct.Struct("<4sI4sIIIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


class Encoding(dict):
    """Feature name → the model's attribute id (``get(name, unknown)``); ``unknown`` is the id of a row of
    zeros, for names the model never saw."""

    def __init__(self, names: list[str]):
        super().__init__((name, i) for i, name in enumerate(names))
        self.unknown = len(names)


def _strings(raw: bytes, at: int) -> list[str]:
    """The strings of a constant database (crfsuite's cqdb) starting at ``at``, in the order of their ids."""
    chunk, _, _, _, count, backward = struct.unpack_from("<4sIIIII", raw, at)
    if chunk != b"CQDB":
        raise ValueError("no string table where the header points")
    out = []
    for offset in struct.unpack_from(f"<{count}I", raw, at + backward):
        _, size = struct.unpack_from("<II", raw, at + offset)
        start = at + offset + 8
        out.append(raw[start:start + size - 1].decode("utf-8"))  # the size counts a closing NUL
    return out


class LinearChain:
    """A linear-chain CRF that crfsuite trained, with its weights in numpy: ``encoding`` turns feature names
    into rows of ``weights`` (a token's score for each label is the sum of its features' rows), ``tag`` finds
    the best labels."""

    def __init__(self, path: str | Path, what: str):
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no {what} (python -m helpers train builds it)")
        raw = path.read_bytes()
        magic, _, kind, _, _, n_labels, n_attrs, at_features, at_labels, at_attrs = _HEADER.unpack_from(raw)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError(f"{path}: not a model of crfsuite's linear-chain CRF (python -m helpers train "
                             "builds it)")
        self.labels = _strings(raw, at_labels)
        self.encoding = Encoding(_strings(raw, at_attrs))
        _, _, count = struct.unpack_from("<4sII", raw, at_features)
        features = np.frombuffer(raw, dtype=_FEATURE, count=count, offset=at_features + 12)
        state = features[features["type"] == _STATE]
        moves = features[features["type"] == _TRANSITION]
        self.weights = np.zeros((n_attrs + 1, n_labels))  # the last row, all zeros, is any unknown feature's
        self.weights[state["src"], state["dst"]] = state["weight"]
        self.transitions = np.zeros((n_labels, n_labels))
        self.transitions[moves["src"], moves["dst"]] = moves["weight"]

    def tag(self, lengths: list[int], scores: np.ndarray) -> list[list[str]]:
        """The most likely labels of each of the sequences of ``lengths`` tokens, given each token's scores
        (the sequences' tokens one after another)."""
        if not lengths:
            return []
        names = self.labels
        return [[names[y] for y in path] for path in _viterbi(scores, lengths, self.transitions)]


class WordTable:
    """Each word's features summed once into score vectors: its own, and those it gives its neighbours at -2,
    -1, +1 and +2 (``features_of(word)`` names them), so a text's tokens score in a few array operations."""

    def __init__(self, model: LinearChain, features_of):
        self.model, self.features_of = model, features_of
        self.index: dict[str, int] = {}
        self.vectors = np.zeros((4096, 5, model.weights.shape[1]))

    def _add(self, word: str) -> int:
        if len(self.index) >= 200_000:  # a corpus's words beyond that are summed again when met again
            self.index.clear()
        i = len(self.index)
        if i == len(self.vectors):
            self.vectors = np.concatenate([self.vectors, np.zeros_like(self.vectors)])
        look, unknown, weights = self.model.encoding.get, self.model.encoding.unknown, self.model.weights
        for slot, names in enumerate(self.features_of(word)):
            self.vectors[i, slot] = weights[[look(f, unknown) for f in names]].sum(0)
        self.index[word] = i
        return i

    def scores(self, words: list[str], near: dict) -> np.ndarray:
        """The scores the words give each token: its own word's, and its neighbours' within its sequence
        (``near`` is ``neighbours`` of the sequences' lengths)."""
        index = self.index
        rows = np.array([index[w] if w in index else self._add(w) for w in words], dtype=np.intp)
        vectors = self.vectors[rows]
        out = vectors[:, 0].copy()
        for slot, d in ((1, -2), (2, -1), (3, 1), (4, 2)):
            inside, neighbour = near[d]
            out[inside] += vectors[neighbour, slot]
        return out


def tag_paragraphs(model: LinearChain, table: WordTable, text: str, seqs: list[list[tuple[int, int]]],
                   place_scores) -> list[tuple[list[tuple[int, int]], list[str]]]:
    """Each paragraph's tokens (``seqs``) and the labels ``model`` gives them: each token scored by what its
    words give (``table``) and by ``place_scores(words, near)``, the rest of its features."""
    if not seqs:
        return []
    lengths = [len(toks) for toks in seqs]
    words = [text[s:e] for s, e in chain.from_iterable(seqs)]
    near = neighbours(lengths)
    scores = table.scores(words, near) + place_scores(words, near)
    return list(zip(seqs, model.tag(lengths, scores)))


def neighbours(lengths: list[int]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """For each offset -2, -1, 1 and 2: the tokens whose neighbour at that offset is in their own sequence,
    and those neighbours (the tokens of sequences of ``lengths`` one after another)."""
    ends = np.repeat(np.cumsum(lengths), lengths)
    starts = ends - np.repeat(lengths, lengths)
    at = np.arange(len(ends))
    out = {}
    for d in (-2, -1, 1, 2):
        inside = np.flatnonzero((at + d >= starts) & (at + d < ends))
        out[d] = (inside, inside + d)
    return out


def _viterbi(scores: np.ndarray, lengths: list[int], transitions: np.ndarray) -> list[list[int]]:
    """The best path through each sequence, all sequences a step at a time: a path's score is its tokens'
    label scores and the transitions between them; of equal scores the lower label wins, as in crfsuite.

    The tokens are laid out step by step, longest sequence first, so a step's tokens and the previous step's
    tokens of the same sequences are two runs of rows: each step is two array operations on them, and which
    label each best score came from is found afterwards for all steps at once."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    longest = lengths[order[0]]
    going = len(order) - np.searchsorted(np.sort(lengths), np.arange(longest), side="right")
    first = np.zeros(longest + 1, dtype=np.intp)  # where each step's rows start
    np.cumsum(going, out=first[1:])
    # each token of the sequences in order: its step, its sequence, its row
    ends = np.cumsum(lengths)
    sequence = np.repeat(np.arange(len(order)), [lengths[i] for i in order])
    at = np.concatenate([np.arange(lengths[i]) for i in order])
    rows = first[at] + sequence
    best = np.empty_like(scores)
    best[rows] = scores[np.concatenate([np.arange(ends[i] - lengths[i], ends[i]) for i in order])]
    one = int(first[1])  # the rows from step 1 on, and the row each has a step before
    before = np.zeros(len(rows), dtype=np.intp)
    later = at > 0
    before[rows[later]] = first[at[later] - 1] + sequence[later]
    moves = best[one:, None, :] + transitions  # label before, label
    step = np.empty((len(order), *transitions.shape))
    starts, counts = first.tolist(), going.tolist()
    for t in range(1, longest):
        k, a, b = counts[t], starts[t - 1], starts[t]
        np.add(best[a:a + k, :, None], moves[b - one:b - one + k], out=step[:k])
        step[:k].max(1, out=best[b:b + k])
    back = (best[before[one:]][:, :, None] + transitions).argmax(1).tolist()
    out: list[list[int]] = [[] for _ in lengths]
    row_of = rows.tolist()
    offset = 0
    for i in order:  # each path read backwards, a list lookup a token
        mine = row_of[offset:offset + lengths[i]]
        offset += lengths[i]
        label = int(best[mine[-1]].argmax())
        path = [label]
        for row in reversed(mine[1:]):
            label = back[row - one][label]
            path.append(label)
        out[i] = path[::-1]
    return out


def write_model(trainer, settings: dict, out: str | Path, reload, verbose: bool) -> Path:
    """Train with fixed ``settings`` into ``out`` (through a temporary file, so a stopped run leaves the old
    model whole), then ``reload()`` so the new model is the one used."""
    trainer.set_params(settings)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    t1 = time.perf_counter()
    trainer.train(str(tmp))
    tmp.replace(out)
    reload()
    if verbose:
        print(f"  trained in {time.perf_counter() - t1:.0f} s; {out} is {out.stat().st_size / 1e6:.1f} MB",
              flush=True)
    return out
