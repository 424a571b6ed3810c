"""Scorers: TempEval-3 span and value F1, content-overlap matching of statements, P/R/F1."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PRF:
    tp_sys: int = 0   # system items matched
    tp_gold: int = 0  # gold items matched
    n_sys: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_sys / self.n_sys if self.n_sys else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: PRF) -> PRF:
        self.tp_sys += other.tp_sys
        self.tp_gold += other.tp_gold
        self.n_sys += other.n_sys
        self.n_gold += other.n_gold
        return self


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def timex_scores(gold: list, system: list) -> dict[str, PRF]:
    """TempEval-3: relaxed (overlap) and strict (identical) span matches; value counts relaxed matches
    whose normalised value is identical. Items have .start .end .value."""
    relaxed, strict, value = PRF(n_sys=len(system), n_gold=len(gold)), PRF(n_sys=len(system),
                                                                           n_gold=len(gold)), \
        PRF(n_sys=len(system), n_gold=len(gold))
    used: set[int] = set()
    for s in system:
        match = next((i for i, g in enumerate(gold) if i not in used
                      and overlaps((s.start, s.end), (g.start, g.end))),
                     None)
        if match is None:
            continue
        used.add(match)
        g = gold[match]
        relaxed.tp_sys += 1
        relaxed.tp_gold += 1
        if (s.start, s.end) == (g.start, g.end):
            strict.tp_sys += 1
            strict.tp_gold += 1
        if s.value == g.value:
            value.tp_sys += 1
            value.tp_gold += 1
    return {"relaxed": relaxed, "strict": strict, "value": value}


def half_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlap of at least half of the shorter span (the PolNeAR matching rule)."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and shared >= shorter / 2


def match_pairs(gold_spans: list[tuple[int, int]], sys_spans: list[tuple[int, int]], rule=half_overlap):
    """Greedy one-to-one matching, largest overlap first: list of (gold index, system index)."""
    candidates = []
    for gi, g in enumerate(gold_spans):
        for si, s in enumerate(sys_spans):
            if rule(g, s):
                candidates.append((-(min(g[1], s[1]) - max(g[0], s[0])), gi, si))
    candidates.sort()
    used_g, used_s, pairs = set(), set(), []
    for _, gi, si in candidates:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si))
    return pairs
