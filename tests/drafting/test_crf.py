"""The trained models' tagger: crfsuite's models read into arrays give crfsuite's own labels, the best path
is the best of all paths, and a file that is no model says so."""
import itertools
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.drafting import attribution_model, entity_model
from helpers.drafting.crf import LinearChain, _viterbi

FIXTURES = Path(__file__).parents[1] / "fixtures"
TEXTS = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.rglob("*.txt"))]
TEXTS += [
    "“We will not raise the fares,” Tomas Vell said. 'The position is serious,' Mr Pettifer wrote.\n\n"
    "According to a letter seen by the Gazette, the council has until Friday.\n",
    "A", "\n\n", "“”", "Bread.\n\nThe Ministry of Health (MoH), she said — \"no\" — would act.\n",
]


@pytest.mark.parametrize("model", [attribution_model, entity_model], ids=["attribution", "entities"])
def test_labels_are_crfsuite_s_own(model):
    if not model.available():
        pytest.skip("no shipped model")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model.MODEL_PATH))
    compared = 0
    for text in TEXTS:
        got = model.labelled(text)
        assert [toks for toks, _ in got] == model.sequences(text)
        for toks, labels in got:
            assert labels == tagger.tag(model.features(text, toks)), text[toks[0][0]:toks[-1][1]][:80]
            compared += len(toks)
    assert compared > 700  # the fixtures' articles (the seed's among them) were read, not only the above


def _best_by_trying_every_path(scores, transitions):
    def total(path):
        return sum(scores[t, y] for t, y in enumerate(path)) + sum(
            transitions[a, b] for a, b in zip(path, path[1:]))
    return list(max(itertools.product(range(scores.shape[1]), repeat=len(scores)), key=total))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=5), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_the_path_found_is_the_best_of_all_paths(lengths, n_labels, seed):
    rng = np.random.default_rng(seed)
    scores = rng.normal(size=(sum(lengths), n_labels))
    transitions = rng.normal(size=(n_labels, n_labels)) * 3
    found = _viterbi(scores, lengths, transitions)
    ends = np.cumsum(lengths)
    for path, end, length in zip(found, ends, lengths):
        assert path == _best_by_trying_every_path(scores[end - length:end], transitions)


def test_a_file_that_is_no_model_is_named(tmp_path):
    bad = tmp_path / "entities.crfsuite"
    bad.write_bytes(b"not a model at all, just some bytes" * 4)
    with pytest.raises(ValueError, match="entities.crfsuite: not a model of crfsuite's linear-chain CRF"):
        LinearChain(bad, "entity model")
    with pytest.raises(FileNotFoundError, match="missing.crfsuite: no entity model"):
        LinearChain(tmp_path / "missing.crfsuite", "entity model")
