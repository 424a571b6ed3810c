"""Measure the drafter: on the seed against the analyst, on TempEval-3 (TIMEX3) and PolNeAR (attributions),
each beside the tools an analyst would otherwise use, through the same scorers.

    python -m helpers evaluate [CORPORA]      (default ../shared/corpora)
"""
from __future__ import annotations

import csv
import datetime as dt
import logging
import re
import subprocess
import time
from pathlib import Path

import pandas as pd

from helpers.core.textspans import sentences
from helpers.corpus.load import load_corpus
from helpers.drafting.draft import draft_text
from helpers.drafting.mentions import find_mentions
from helpers.drafting.statements import find_statements
from helpers.drafting.timex import TimexSpan, tag
from helpers.evaluation import goldcorpora
from helpers.evaluation.agreement import id_map, registry_dicts
from helpers.evaluation.drafter_accuracy import MEASURED, rates_path, save_rates
from helpers.evaluation.scoring import PRF, match_pairs, overlaps, timex_scores
from helpers.paths import PROJECT, SEED_FIXTURE

# the seed article and its analyst annotation as the project keeps them for tests: the reference stays the
# same when an analyst adds articles (or drafts still under review) to data/
SEED_CORPUS = SEED_FIXTURE


def commit() -> str:
    root = PROJECT
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                              text=True,
                              timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return (head or "unknown") + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _row(corpus, system, metric, value, n=None):
    return {"corpus": corpus, "system": system, "metric": metric, "value": round(float(value), 4), "n": n}


# ---- seed: the draft against the analyst --------------------------------------------------------

def evaluate_seed(folder: Path = SEED_CORPUS) -> list[dict]:
    return evaluate_reviewed(folder, label="seed")


def evaluate_reviewed(folder: Path, registry: list[dict] | None = None,
                      label: str | None = None) -> list[dict]:
    """Drafts of a reviewed corpus's articles against its annotations, one block of rows per article.

    ``registry`` is what the drafter knows (default: the corpus's own actors.yaml). Give the registry as it
    was before a story's articles were annotated to measure drafts of a story the registry does not know: the
    actors the drafter proposes are matched to the analyst's by name.
    """
    corpus = load_corpus(folder, cache=False)
    actors = registry_dicts(corpus.actors) if registry is None else registry
    rows = []
    for art in corpus.articles.itertuples():
        draft = draft_text(art.text, actors, art.published.date())
        ids = id_map(draft, corpus.actors)
        same = lambda gold, drafted, ids=ids: drafted is not None and ids.get(drafted) == gold  # noqa: E731
        name = f"{label or Path(folder).name}:{art.article_id}"
        gold_m = corpus.mentions[corpus.mentions["article_id"] == art.article_id]
        gm = [(int(r.start), int(r.end), str(r.actor_id)) for r in gold_m.itertuples()]
        sm = [(m.start, m.end, m.actor_id) for m in draft.mentions]
        hits = match_pairs([(s, e) for s, e, _ in gm], [(s, e) for s, e, _ in sm], rule=overlaps)
        good = sum(same(gm[g][2], sm[s][2]) for g, s in hits)
        rows += [_row(name, "drafter", "mentions precision", good / max(1, len(sm)), len(sm)),
                 _row(name, "drafter", "mentions recall", good / max(1, len(gm)), len(gm))]
        new = set(gold_m["actor_id"].astype(str)) - {a["id"] for a in actors}
        if new:
            found = {ids.get(p.id) for p in draft.proposed} & new
            rows.append(_row(name, "drafter", "actors the registry lacks, proposed", len(found) / len(new),
                             len(new)))
        st = corpus.statements[corpus.statements["article_id"] == art.article_id].reset_index(drop=True)
        pairs = match_pairs([(int(r.start), int(r.end)) for r in st.itertuples()],
                            [(s.content_start, s.content_end) for s in draft.statements])
        right = [(g, s) for g, s in pairs
                 if (pd.isna(st.at[g, "speaker"]) and draft.statements[s].speaker is None)
                 or same(st.at[g, "speaker"], draft.statements[s].speaker)]
        direct = st.index[st["mode"] == "direct"]
        reported = st.index[st["mode"] == "reported"]
        right_g = {g for g, _ in right}
        rows += [_row(name, "drafter", "statements precision", len(pairs) / max(1, len(draft.statements)),
                      len(draft.statements)),
                 _row(name, "drafter", "statements recall", len(pairs) / max(1, len(st)), len(st)),
                 _row(name, "drafter", "speaker accuracy (matched)", len(right) / max(1, len(pairs)),
                      len(pairs)),
                 _row(name, "drafter", "direct quotes with the right speaker",
                      sum(g in right_g for g in direct) / max(1, len(direct)), len(direct)),
                 _row(name, "drafter", "reported statements with the right speaker",
                      sum(g in right_g for g in reported) / max(1, len(reported)), len(reported))]
        dl = corpus.deadlines[corpus.deadlines["article_id"] == art.article_id].reset_index(drop=True)
        dpairs = match_pairs([(int(r.start), int(r.end)) for r in dl.itertuples()],
                             [(d.start, d.end) for d in draft.deadlines], rule=overlaps)
        contains = sum(_contains(draft.deadlines[s].due, (dl.at[g, "due_earliest"], dl.at[g, "due_latest"]))
                       for g, s in dpairs)
        rows += [_row(name, "drafter", "deadlines precision", len(dpairs) / max(1, len(draft.deadlines)),
                      len(draft.deadlines)),
                 _row(name, "drafter", "deadlines recall", len(dpairs) / max(1, len(dl)), len(dl)),
                 _row(name, "drafter", "deadlines with a due window containing the analyst's",
                      contains / max(1, len(dl)), len(dl))]
    return rows


def _contains(outer, inner) -> bool:
    """Does window ``outer`` contain ``inner``? Open ends count as unbounded."""
    lo = lambda d: pd.Timestamp.min if pd.isna(d) else pd.Timestamp(d)  # noqa: E731
    hi = lambda d: pd.Timestamp.max if pd.isna(d) else pd.Timestamp(d)  # noqa: E731
    return lo(outer[0]) <= lo(inner[0]) and hi(inner[1]) <= hi(outer[1])


# ---- TempEval-3 -------------------------------------------------------------------------------

def _dateparser_value(text: str, base: dt.datetime, parser) -> str | None:
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj, data.period
    if period == "year":
        return f"{d.year}"
    if period == "month":
        return f"{d.year}-{d.month:02d}"
    if period == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    return d.date().isoformat()


def _ctparse_value(resolution) -> str | None:
    if type(resolution).__name__ == "Interval":
        resolution = resolution.t_from or resolution.t_to
        if resolution is None:
            return None
    year, month, day = (getattr(resolution, k, None) for k in ("year", "month", "day"))
    if year and month and day:
        return f"{year}-{month:02d}-{day:02d}"
    if year and month:
        return f"{year}-{month:02d}"
    if year:
        return str(year)
    value, unit = getattr(resolution, "value", None), str(getattr(resolution, "unit", "")).lower()
    if value is not None and unit:
        code = {"days": "D", "day": "D", "weeks": "W", "week": "W", "months": "M", "month": "M", "years": "Y",
                "year": "Y"}.get(unit.split(".")[-1])
        return f"P{value}{code}" if code else None
    return None


def evaluate_tempeval(folder: Path, progress=True) -> list[dict]:
    import dateparser
    import dateparser.search
    docs = goldcorpora.timeml_corpus(folder)
    systems = {"drafter": {k: PRF() for k in ("relaxed", "strict", "value")},
               "dateparser (search_dates)": {k: PRF() for k in ("relaxed", "strict", "value")}}
    norm = {"dateparser (gold spans)": [0, 0], "ctparse (gold spans)": [0, 0], "drafter (gold spans)": [0, 0]}
    logging.getLogger("ctparse").setLevel(logging.ERROR)
    import ctparse
    timing = {}
    for name in ("drafter", "dateparser (search_dates)"):
        t0 = time.perf_counter()
        for doc in docs:
            base = dt.datetime.fromisoformat(doc.dct[:10])
            if name == "drafter":
                found = tag(doc.text, base.date())
            else:
                found = _dateparser_search(doc.text, base)
            for key, prf in timex_scores(doc.timexes, found).items():
                systems[name][key] += prf
        timing[name] = time.perf_counter() - t0
    for doc in docs:
        base = dt.datetime.fromisoformat(doc.dct[:10])
        parser = dateparser.date.DateDataParser(
            languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"}
        )
        for g in doc.timexes:
            norm["dateparser (gold spans)"][1] += 1
            norm["ctparse (gold spans)"][1] += 1
            norm["drafter (gold spans)"][1] += 1
            if _dateparser_value(g.text, base, parser) == g.value:
                norm["dateparser (gold spans)"][0] += 1
            parsed = ctparse.ctparse(g.text, ts=base, timeout=0.5)
            if parsed is not None and _ctparse_value(parsed.resolution) == g.value:
                norm["ctparse (gold spans)"][0] += 1
            ours = tag(doc.text[max(0, g.start - 60): g.end + 60], base.date())
            shift = max(0, g.start - 60)
            same = [t for t in ours if overlaps((t.start + shift, t.end + shift), (g.start, g.end))]
            if same and same[0].value == g.value:
                norm["drafter (gold spans)"][0] += 1
    rows = []
    n_gold = sum(len(d.timexes) for d in docs)
    for name, scores in systems.items():
        for key, label in (("relaxed", "relaxed span F1"), ("strict", "strict span F1"),
                           ("value", "value F1")):
            rows.append(_row("tempeval3-tbaq", name, label, scores[key].f1, n_gold))
        rows.append(_row("tempeval3-tbaq", name, "value precision", scores["value"].precision,
                         scores["value"].n_sys))
        rows.append(_row("tempeval3-tbaq", name, "value recall", scores["value"].recall, n_gold))
    for name, (right, total) in norm.items():
        rows.append(_row("tempeval3-tbaq", name, "value accuracy on gold spans", right / max(1, total),
                         total))
    return rows


def _dateparser_search(text: str, base: dt.datetime) -> list[TimexSpan]:
    import dateparser
    import dateparser.search
    found = dateparser.search.search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    parser = dateparser.date.DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base})
    out, pos = [], 0
    for words, _ in found:
        start = text.find(words, pos)
        if start < 0:
            continue
        pos = start + len(words)
        out.append(TimexSpan(start, pos, words, "DATE", _dateparser_value(words, base, parser) or ""))
    return out


# ---- PolNeAR ----------------------------------------------------------------------------------

_NAIVE = re.compile(r"\b(said|says|say|told|tells|according "
                    r"to|stated|added|noted|claimed|argued|announced)\b")


def naive_attributions(text: str):
    """Baseline: every sentence with a common reporting verb; content is the rest of the sentence after it
    (or before it, when the verb ends the sentence); speaker is the word or name just before the verb."""
    out = []
    for s, e in sentences(text):
        m = _NAIVE.search(text, s, e)
        if not m:
            continue
        after = text[m.end():e].strip(" .,:")
        if len(after.split()) >= 3:
            content = (m.end() + (len(text[m.end():e]) - len(text[m.end():e].lstrip(" .,:"))), e)
        else:
            content = (s, m.start())
        sp = re.search(r"((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*|he|she|they|it)\s*$", text[s:m.start()])
        speaker = (s + sp.start(1), s + sp.end(1)) if sp else None
        out.append((content, speaker))
    return out


def attributions(statements) -> list[tuple]:
    """Statements as PolNeAR attributions: a quote that goes on from an earlier quote of the same speaker
    is part of that attribution (PolNeAR takes discontinuous content to its outer bounds)."""
    merged: dict[int, list] = {}
    order = []
    for s in statements:
        head = s
        while head.continues is not None and head.continues.mode == "direct" and s.mode == "direct":
            head = head.continues
        key = id(head)
        if key not in merged:
            merged[key] = [s.content_start, s.content_end, head]
            order.append(key)
        else:
            merged[key][1] = max(merged[key][1], s.content_end)
    out = []
    for key in order:
        start, end, head = merged[key]
        speaker = (head.speaker_start, head.speaker_end) if head.speaker_start is not None else None
        out.append(((start, end), speaker))
    return out


def evaluate_polnear(folder: Path) -> list[dict]:
    docs = goldcorpora.polnear_corpus(folder)
    rows = []
    for name in ("drafter", "naive reporting-verb baseline"):
        tp = n_sys = n_gold = right = 0
        for doc in docs:
            if name == "drafter":
                mentions, proposed = find_mentions(doc.text, [])
                found = attributions(find_statements(doc.text, mentions, {p.id: p.kind for p in proposed}))
            else:
                found = naive_attributions(doc.text)
            gold = doc.attributions
            pairs = match_pairs([g.content for g in gold], [c for c, _ in found])
            tp += len(pairs)
            n_sys += len(found)
            n_gold += len(gold)
            for gi, si in pairs:
                source, speaker = gold[gi].source, found[si][1]
                right += (speaker is None) if source is None else (speaker is not None
                                                                   and overlaps(speaker, source))
        p, r = tp / max(1, n_sys), tp / max(1, n_gold)
        rows += [_row("polnear-dev", name, "content precision", p, n_sys),
                 _row("polnear-dev", name, "content recall", r, n_gold),
                 _row("polnear-dev", name, "content F1", 2 * p * r / (p + r) if p + r else 0, n_gold),
                 _row("polnear-dev", name, "speaker accuracy (matched)", right / max(1, tp), tp)]
    return rows


# ---- the command ------------------------------------------------------------------------------


def run(corpora: str | Path = "../shared/corpora", out: str | Path = "reports/evaluation",
        reviewed: str | Path | None = None, registry: str | Path | None = None,
        rates: Path = MEASURED) -> int:
    """Evaluate, print the table and save it under ``out``; with both gold corpora measured, also save the
    drafter's error rates to ``rates`` (default: the measured rates, outside the package, that notebooks quote
    beside machine drafts in place of the shipped ones)."""
    corpora, out = Path(corpora), Path(out)
    stamp = commit()
    rows = []
    print(f"evaluating commit {stamp}", flush=True)
    rows += evaluate_seed()
    # the same article as a story the registry does not know: actors must be proposed, speakers found unaided
    rows += evaluate_reviewed(SEED_CORPUS, registry=[], label="seed, empty registry")
    if reviewed is not None:
        from helpers.drafting.draft import registry_actors
        if registry and not (Path(registry) / "actors.yaml").is_file():
            print(f"{registry}: no actors.yaml there; give a corpus "
                  "folder whose registry the drafter should know")
            return 1
        known = registry_actors(Path(registry)) if registry else None
        rows += evaluate_reviewed(Path(reviewed), known)
    from helpers.evaluation.deadline_scores import invented_rows
    print("  deadlines (invented articles, their texts kept with them) …", flush=True)
    rows += invented_rows()
    if not corpora.is_dir():
        print(f"{corpora}: no gold corpora there; only the seed and the invented articles were evaluated "
              "(give the folder holding tempeval3-tbaq/ and polnear-dev/ to evaluate on them)")
    else:
        for name, fn in (("tempeval3-tbaq", evaluate_tempeval), ("polnear-dev", evaluate_polnear)):
            if (corpora / name).is_dir():
                t0 = time.perf_counter()
                print(f"  {name} …", flush=True)
                rows += fn(corpora / name)
                print(f"  {name} done in {time.perf_counter() - t0:.0f} s", flush=True)
            else:
                print(f"{corpora / name}: absent, skipped")
        if (corpora / "polnear-dev" / "corenlp-conllu").is_dir():
            from helpers.evaluation.entity_scores import entity_rows
            print("  named entities (polnear-dev, CoreNLP's labels) …", flush=True)
            rows += entity_rows(corpora / "polnear-dev")
        from helpers.evaluation.deadline_scores import deadline_rows
        print("  deadlines (hand-annotated PolNeAR and TempEval-3 documents) …", flush=True)
        rows += deadline_rows(corpora)
        if (corpora / "tempeval3-tbaq").is_dir():
            from helpers.evaluation.entity_scores import gold_rows
            print("  named entities (14 hand-checked TempEval-3 articles) …", flush=True)
            rows += gold_rows(corpora / "tempeval3-tbaq")
    table = pd.DataFrame(rows)
    table.insert(0, "commit", stamp)
    with pd.option_context("display.max_rows", 200, "display.width", 160, "display.max_colwidth", 60):
        print(table.drop(columns=["commit"]).to_string(index=False))
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"evaluation-{stamp}.csv"
    table.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)
    table.to_csv(out / "evaluation-latest.csv", index=False)
    print(f"saved {path}")
    if save_rates(table, rates):
        print(f"saved the drafter's error rates to {rates}")
    print(f"the error rates quoted beside machine drafts are read from {rates_path()}")
    return 0


