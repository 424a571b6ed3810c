"""Train the attribution model on PolNeAR train and score the drafter with it on PolNeAR dev.

    python -m helpers train [CORPORA]

Reads ``CORPORA/polnear-train`` (the first annotation file of each article, in sorted order, as for dev),
trains a CRF with fixed settings (L-BFGS is deterministic; articles are taken in sorted order), writes
``helpers/drafting/models/attribution.crfsuite`` and prints dev scores with the project's scorer.
"""
from __future__ import annotations

import time
from pathlib import Path

from helpers.drafting import attribution_model as am
from helpers.drafting.crf import write_model
from helpers.evaluation import goldcorpora

# what the shipped model was trained with: every training article, L1 to prune the weights, rare features
# dropped, and L-BFGS run long enough to settle (60 iterations left it far from converged): a 2.6 MB model in
# about 12 min on one core. Drafter on dev, content F1 / speaker accuracy: c1=3 and 60 iterations 0.761 /
# 0.847;
# c1=2, 150 iterations 0.779 / 0.845 (1.8 MB); c1=2, 300 iterations 0.783 / 0.857 (1.5 MB); c1=1, 200
# iterations
# 0.788 / 0.855 (this one)
SETTINGS = {"c1": 1.0, "c2": 0.01, "max_iterations": 200, "feature.minfreq": 5,
            "feature.possible_transitions": True}
MAX_ARTICLES = None  # None: all of polnear-train, in sorted order


def _read_brat(path: Path) -> list[goldcorpora.Attribution]:
    """goldcorpora.read_brat, tolerating the span texts that run over a line break in a few training files."""
    spans, out = {}, []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line]
    for line in lines:
        if line.startswith("T"):
            tid, info, *_ = line.split("\t")
            label, _, offsets = info.partition(" ")
            spans[tid] = (label, goldcorpora.outer_span(offsets))
    for line in lines:
        if line.startswith("E"):
            roles = dict(part.split(":") for part in line.split("\t")[1].split())
            role_span = {}
            for role, tid in roles.items():
                if tid in spans:
                    role_span.setdefault(role.rstrip("0123456789"), spans[tid][1])
            if "Content" in role_span:
                out.append(goldcorpora.Attribution(role_span.get("Source"), role_span.get("Cue"),
                                                   role_span["Content"]))
    return out


def training_docs(folder: Path) -> list[goldcorpora.PolnearDoc]:
    """PolNeAR train in sorted order, the first annotation file of each article."""
    docs = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(text_path.stem + "_*.ann"))
        if anns:
            docs.append(goldcorpora.PolnearDoc(text_path.stem, "", text_path.read_text(encoding="utf-8"),
                                               _read_brat(anns[0])))
    return docs


def training_items(docs):
    for doc in docs:
        spans = []
        for a in doc.attributions:
            spans.append(("CONTENT", a.content))
            if a.cue:
                spans.append(("CUE", a.cue))
            if a.source:
                spans.append(("SOURCE", a.source))
        for toks in am.sequences(doc.text):
            inside = [sp for sp in spans if sp[1][0] < toks[-1][1] and toks[0][0] < sp[1][1]]
            yield am.features(doc.text, toks), am.bio(toks, inside)


def train(corpora: str | Path = "../shared/corpora", out: str | Path = am.MODEL_PATH,
          max_articles: int | None = MAX_ARTICLES, settings: dict | None = None,
          verbose: bool = True) -> Path:
    import pycrfsuite

    from helpers.drafting import pos_lexicon
    folder = Path(corpora) / "polnear-train"
    pos_lexicon.write(pos_lexicon.build(folder, lambda text: am.tokens(text, 0, len(text))))
    am.reload()  # word features carry the part of speech just rebuilt
    docs = training_docs(folder)
    if max_articles:
        docs = docs[:max_articles]
    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    n = 0
    for xseq, yseq in training_items(docs):
        trainer.append(xseq, yseq)
        n += 1
    if verbose:
        print(f"  {len(docs)} training articles, {n} paragraphs: "
              f"features in {time.perf_counter() - t0:.0f} s",
              flush=True)
    return write_model(trainer, settings or SETTINGS, out, am.reload, verbose)


def model_only_scores(folder: Path) -> dict:
    """The model alone on dev, through the project's matching rules."""
    from helpers.evaluation.scoring import match_pairs, overlaps
    tp = n_sys = n_gold = right = 0
    for doc in goldcorpora.polnear_corpus(folder):
        found = [(a.content, a.source) for a in am.predict(doc.text)]
        gold = doc.attributions
        pairs = match_pairs([g.content for g in gold], [c for c, _ in found])
        tp, n_sys, n_gold = tp + len(pairs), n_sys + len(found), n_gold + len(gold)
        for gi, si in pairs:
            source, speaker = gold[gi].source, found[si][1]
            right += (speaker is None) if source is None else (speaker is not None
                                                               and overlaps(speaker, source))
    p, r = tp / max(1, n_sys), tp / max(1, n_gold)
    return {"content precision": p, "content recall": r, "content F1": 2 * p * r / (p + r) if p + r else 0,
            "speaker accuracy (matched)": right / max(1, tp)}


def run(corpora: str | Path = "../shared/corpora") -> int:
    corpora = Path(corpora)
    if not (corpora / "polnear-train").is_dir():
        print(f"{corpora / 'polnear-train'}: absent; no model trained (the shipped one is kept)")
        return 0
    t0 = time.perf_counter()
    print(f"training the attribution model on {corpora / 'polnear-train'} …", flush=True)
    train(corpora)
    print(f"  done in {time.perf_counter() - t0:.0f} s", flush=True)
    from helpers.evaluation import train_entities
    print(f"training the entity tagger on {corpora / 'polnear-train' / 'corenlp-conllu'} …", flush=True)
    train_entities.train(corpora)
    train_entities.print_dev_scores(corpora)
    dev = corpora / "polnear-dev"
    if not dev.is_dir():
        print(f"{dev}: absent; no dev scores")
        return 0
    from helpers.drafting import statements as draft_statements
    from helpers.evaluation.evaluate import evaluate_polnear
    scores = {"model alone": model_only_scores(dev)}
    saved = draft_statements.USE_MODEL
    try:
        for name, flag in (("rules", False), ("rules + model", True)):
            draft_statements.USE_MODEL = flag
            rows = evaluate_polnear(dev)
            scores[name] = {r["metric"]: r["value"] for r in rows if r["system"] == "drafter"}
    finally:
        draft_statements.USE_MODEL = saved
    print("PolNeAR dev:")
    for name, row in scores.items():
        print(f"  {name:14} content F1 {row['content F1']:.3f} (P {row['content precision']:.3f}, "
              f"R {row['content recall']:.3f}), speaker accuracy {row['speaker accuracy (matched)']:.3f}")
    return 0
