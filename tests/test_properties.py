"""Property-based tests (Hypothesis): anchoring, date windows and the drafter, on generated inputs; and the
corpus cache, on a seeded random walk of changes between loads."""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers.core.anchoring import anchor, find_all, fold
from helpers.core.dates import resolve_window
from helpers.core.reporting_verbs import CUE, cue_matches
from helpers.core.textspans import SpanSet, paragraphs
from helpers.corpus.load import read_corpus
from helpers.drafting.draft import draft_json, draft_text
from tests.conftest import FICTIONAL
from tests.corpus import assert_same_frame

CURLY = str.maketrans({"'": "’", '"': "”", "-": "–"})
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["peace", "talks", "it's", '"soon"', "Aug.", "8", "-", "Putin", "ceasefire",
                                 "days", "10", "or", "12", "“", "”", "’", ","]), min_size=1, max_size=40),
       st.data())
def test_any_passage_is_found_at_its_offsets_whatever_the_quotes(tokens, data):
    text = " ".join(tokens).translate(CURLY)  # the captured page has curly quotes and dashes
    i = data.draw(st.integers(0, len(tokens) - 1))
    j = data.draw(st.integers(i + 1, len(tokens)))
    start = len(" ".join(tokens[:i])) + (1 if i else 0)
    end = start + len(" ".join(tokens[i:j]))
    typed = text[start:end].translate(str.maketrans({"’": "'", "”": '"', "“": '"', "–": "-"}))
    hits = find_all(text, typed)
    if (start, end) in hits:  # a passage that does not end on a word boundary is not a whole-words match
        found = anchor(text, typed, occurrence=hits.index((start, end)) + 1)
        assert (found.start, found.end) == (start, end)
        assert text[found.start:found.end].translate(str.maketrans({"’": "'", "”": '"', "“": '"',
                                                                    "–": "-"})) == typed


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="ab _.'’-é", max_size=60), st.text(alphabet="ab _.'’-é", min_size=1, max_size=4))
def test_find_all_agrees_with_a_whole_word_regex(text, words):
    needle = fold(words)
    pattern = ((r"(?<!\w)" if re.match(r"\w", needle) else "") + re.escape(needle)
               + (r"(?!\w)" if re.search(r"\w$", needle) else ""))
    assert find_all(text, words) == [(m.start(), m.end()) for m in re.finditer(pattern, fold(text))]


_CUE_WORDS = ["said", "pointed", "out", "according", "to", "called", "for", "so-called", "aid", "Said",
              "describes", "him", "as", "set", "a", "deadline", "x", "_", "9", "’", ","]


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_CUE_WORDS), max_size=14),
       st.lists(st.sampled_from(["", " ", "  "]), max_size=14), st.integers(0, 80), st.integers(0, 80))
@example(["according", "to", "him", "said", "x"], [" ", " ", " ", ""], 0, 80)
@example(["he", "pointed", "out", "describes", "said", "as", "so-called"], [], 0, 80)
def test_reporting_verbs_found_word_by_word_are_those_the_pattern_finds(words, gaps, start, end):
    # words run together as well as spaced ("saidout", "x_said"), and searches starting or ending mid-word
    text = "".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words))
    start, end = min(start, len(text)), min(max(start, end), len(text))
    assert [m.span() for m in cue_matches(text, start, end)] == \
        [m.span() for m in CUE.finditer(text, start, end)]


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="ab .\n\r\t\u00a0\u2028\x0c", max_size=60))
def test_paragraphs_are_the_blocks_between_blank_lines(text):
    # the definition as one (slow) regex: lines with something visible, consecutive, trimmed at both ends
    blocks = r"\S(?:[^\n]*\S)?(?:[^\S\n]*\n[^\S\n]*\S(?:[^\n]*\S)?)*"
    assert paragraphs(text) == [(m.start(), m.end()) for m in re.finditer(blocks, text)]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=12),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=4), st.integers(-2, 60),
       st.integers(0, 10))
def test_a_span_set_answers_as_a_scan_of_every_span(spans, added, lo, width):
    pairs = [(s, s + n) for s, n in spans]
    found = SpanSet(pairs)
    for s, n in added:  # spans added after the set is made, as statements are found
        found.add(s, s + n)
        pairs.append((s, s + n))
    assert found.overlaps(lo, lo + width) == any(s < lo + width and lo < e and s < e for s, e in pairs)
    assert found.covers(lo) == any(s <= lo < e for s, e in pairs)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), st.integers(-400, 400), st.integers(0, 400),
       st.integers(0, 60), st.integers(0, 60))
def test_windows_are_ordered_and_agree_with_pandas(day, low, span, issued_low, issued_span):
    issued = resolve_window({"from": day.isoformat(), "days": [issued_low, issued_low + issued_span]})
    assert issued[0] <= issued[1]
    due = resolve_window({"from": "issued", "days": [low, low + span]}, issued)
    assert due[0] <= due[1]
    assert due[0] == pd.Timestamp(day) + pd.Timedelta(days=issued_low + low)
    assert due[1] == pd.Timestamp(day) + pd.Timedelta(days=issued_low + issued_span + low + span)


@settings(max_examples=3200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300) |
       st.lists(st.sampled_from(["He said", "“We agree,”", "Putin", "said", "on Aug. 1",
                                 "within 10 or 12 days",
                                 "by the deadline of March 3", "according to", "officials", ".", ",", "\n\n",
                                 "It’s 50 days", "She", "urged", "that", "the U.S."]),
                max_size=30).map(" ".join))
def test_the_drafter_never_raises_and_keeps_offsets_inside_the_text(text):
    out = draft_json(draft_text(text, [{"id": "putin", "name": "Vladimir Putin", "kind": "person",
                                        "aliases": ["Putin"]}], dt.date(2025, 8, 1)))
    for kind in ("timexes", "mentions", "deadlines"):
        for item in out[kind]:
            assert 0 <= item["start"] <= item["end"] <= len(text)
            assert text[item["start"]:item["end"]] == item["text"]
    for s in out["statements"]:
        for a, b in (("content_start", "content_end"), ("cue_start", "cue_end"),
                     ("speaker_start", "speaker_end")):
            if s[a] is not None:
                assert 0 <= s[a] <= s[b] <= len(text)


# --- the corpus cache: whatever changes between loads, a cached load equals an uncached one -----------------

def _annotations(root):
    return sorted(p for p in (root / "annotations").iterdir() if p.is_file())


def _pick(rng, paths):
    return rng.choice(paths) if paths else None


def _op_speaker(root, rng, originals):
    if path := _pick(rng, _annotations(root)):
        text = path.read_text(encoding="utf-8")
        new = rng.choice(["voss", "lind", "council", "kestrel", "nobody"])
        old = rng.choice(["voss", "lind", "council"])
        path.write_text(text.replace(f"speaker: {old}", f"speaker: {new}", 1), encoding="utf-8")


def _op_break(root, rng, originals):
    if path := _pick(rng, _annotations(root)):
        path.write_text(path.read_text(encoding="utf-8") + rng.choice(["oops\n", "\nlayout: again\n",
                                                                       "\t: x\n"]),
                        encoding="utf-8")


def _op_restore(root, rng, originals):
    name = rng.choice(sorted(originals))
    (root / name).parent.mkdir(exist_ok=True)
    (root / name).write_bytes(originals[name])


def _op_delete(root, rng, originals):
    if path := _pick(rng, _annotations(root)):
        path.unlink()


def _op_rename(root, rng, originals):
    if path := _pick(rng, _annotations(root)):
        path.rename(path.with_name(f"r{rng.randrange(5)}-{path.stem}" + rng.choice([".yaml", ".yml"])))


def _op_duplicate(root, rng, originals):
    if path := _pick(rng, _annotations(root)):
        path.with_name(f"d{rng.randrange(3)}.yaml").write_bytes(path.read_bytes())  # names the same article


def _op_article(root, rng, originals):
    path = root / "articles" / rng.choice(["f1.txt", "f2.txt", "f3.txt"])
    text = path.read_text(encoding="utf-8")
    path.write_text(rng.choice([text + "\nA line added.\n", text[:len(text) // 2], "X" + text[1:]]),
                    encoding="utf-8")


def _op_registry(root, rng, originals):
    path = root / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(rng.choice([text + "- id: extra\n  name: Extra\n  kind: group\n  aliases: []\n",
                                text.replace("- id: lind", "- id: lindh", 1)]), encoding="utf-8")


def _op_touch(root, rng, originals):
    if path := _pick(rng, _annotations(root) + sorted((root / "articles").iterdir())):
        os.utime(path)  # status changes, content does not


def _op_to_drafts(root, rng, originals):
    if path := _pick(rng, _annotations(root)):
        (root / "drafts").mkdir(exist_ok=True)
        path.rename(root / "drafts" / path.name)


CACHE_OPS = [_op_speaker, _op_break, _op_restore, _op_restore, _op_delete, _op_rename, _op_duplicate,
             _op_article,
             _op_registry, _op_touch, _op_to_drafts]


def _same_load(cached, uncached, step):
    (corpus, problems), (fresh, fresh_problems) = cached, uncached
    assert sorted(problems) == sorted(fresh_problems), step
    assert (corpus is None) == (fresh is None), step
    if fresh is not None:
        assert sorted(corpus.draft_problems) == sorted(fresh.draft_problems), step
        for name in ("articles", "actors", "mentions", "statements", "statement_topics", "deadlines",
                     "unreviewed"):
            assert_same_frame(getattr(corpus, name).reset_index(drop=True),
                              getattr(fresh, name).reset_index(drop=True), obj=f"{step}: {name}")


def test_cached_loads_equal_uncached_loads_whatever_changes_between_them(tmp_path, monkeypatch):
    """Edits, deletions, renames, copies, articles and the registry changed between loads (a seeded random
    walk): every cached load gives the tables and problems of an uncached one."""
    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    originals = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    rng = random.Random(20261125)
    steps = []
    for step in range(80):
        op = rng.choice(CACHE_OPS)
        op(root, rng, originals)
        steps.append(op.__name__)
        drafts = rng.random() < 0.3
        _same_load(read_corpus(root, use_cache=True, drafts=drafts), read_corpus(root, drafts=drafts),
                   f"after {steps[-6:]} (step {step})")
