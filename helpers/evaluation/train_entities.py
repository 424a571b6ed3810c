"""Train the named-entity tagger on the CoreNLP labels beside PolNeAR train; score it on PolNeAR dev's.

Reads ``CORPORA/polnear-train/corenlp-conllu/`` and ``text/`` in sorted order (the labels are CoreNLP's, a
silver
standard: PERSON, ORGANIZATION and LOCATION become PER, ORG and LOC; MISC and the numeric labels are left
out), trains a CRF with fixed settings (L-BFGS is deterministic) and writes
``helpers/drafting/models/entities.crfsuite``.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from helpers.drafting import entity_model as em
from helpers.drafting.crf import write_model

# c1 prunes the weights (a small file), rare features dropped; 100 iterations settle the dev F1 within 0.005
# of 200
SETTINGS = {"c1": 0.5, "c2": 0.01, "max_iterations": 100, "feature.minfreq": 2,
            "feature.possible_transitions": True}
_MISC = re.compile(r"Start=(\d+)\|End=(\d+)\|NER=([A-Z_]+)")


def conllu_labels(path: Path) -> list[tuple[int, int, str]]:
    """(start, end, CoreNLP label) of each token of one CoNLL-U file, in order."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            m = _MISC.search(line)
            if m:
                out.append((int(m.group(1)), int(m.group(2)), m.group(3)))
    out.sort()
    return out


def labelled_docs(folder: Path):
    """(text, labelled tokens) of each article with a CoNLL-U analysis, in sorted order."""
    for conllu in sorted((folder / "corenlp-conllu").glob("*.conllu")):
        text_path = folder / "text" / (conllu.stem + ".txt")
        if text_path.is_file():
            yield text_path.read_text(encoding="utf-8"), conllu_labels(conllu)


def entity_spans(text: str, labelled: list[tuple[int, int, str]]) -> set[tuple[str, int, int]]:
    """The reference entities of a text as the tagger's tokens see them: (kind, start, end)."""
    out = set()
    for toks in em.sequences(text):
        labels = em.bio(toks, labelled)
        cur = None
        for (s, e), lab in zip(toks, labels):
            if lab.startswith("B-"):
                if cur:
                    out.add(tuple(cur))
                cur = [lab[2:], s, e]
            elif lab.startswith("I-") and cur:
                cur[2] = e
            else:
                if cur:
                    out.add(tuple(cur))
                cur = None
        if cur:
            out.add(tuple(cur))
    return out


def train(corpora: str | Path = "../shared/corpora", out: str | Path = em.MODEL_PATH,
          settings: dict | None = None,
          max_articles: int | None = None, verbose: bool = True) -> Path:
    import pycrfsuite

    em.reload()
    folder = Path(corpora) / "polnear-train"
    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    articles = tokens = 0
    for text, labelled in labelled_docs(folder):
        articles += 1
        for toks in em.sequences(text):
            trainer.append(em.features(text, toks), em.bio(toks, labelled))
            tokens += len(toks)
        if max_articles and articles >= max_articles:
            break
    if verbose:
        print(f"  {articles} training articles, {tokens:,} tokens: features in "
              f"{time.perf_counter() - t0:.0f} s",
              flush=True)
    return write_model(trainer, settings or SETTINGS, out, em.reload, verbose)


def dev_scores(folder: Path) -> dict[str, dict[str, float]]:
    """Exact-span precision, recall and F1 of the tagger against the silver labels, per kind and overall."""
    counts = {k: [0, 0, 0] for k in ("PER", "ORG", "LOC", "all")}
    for text, labelled in labelled_docs(folder):
        gold = entity_spans(text, labelled)
        found = set(em.predict(text))
        for kind in ("PER", "ORG", "LOC"):
            g = {x for x in gold if x[0] == kind}
            f = {x for x in found if x[0] == kind}
            for key in (kind, "all"):
                counts[key][0] += len(g & f)
                counts[key][1] += len(f)
                counts[key][2] += len(g)
    out = {}
    for key, (tp, n_found, n_gold) in counts.items():
        p, r = tp / max(1, n_found), tp / max(1, n_gold)
        out[key] = {"precision": p, "recall": r, "F1": 2 * p * r / (p + r) if p + r else 0.0,
                    "entities": n_gold}
    return out


def print_dev_scores(corpora: Path) -> None:
    dev = Path(corpora) / "polnear-dev"
    if not (dev / "corenlp-conllu").is_dir():
        print(f"{dev}: absent; no dev scores for the entity tagger")
        return
    print("entity tagger on PolNeAR dev (CoreNLP's labels, exact spans):")
    for kind, row in dev_scores(dev).items():
        print(f"  {kind:4} P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['F1']:.3f}  "
              f"({row['entities']} entities)")
