"""The shipped attribution model: it loads, finds a plain reported statement, and is deterministic."""
from pathlib import Path

import pytest

from helpers.drafting import attribution_model as am

pytestmark = pytest.mark.skipif(not am.available(), reason="no shipped attribution model")

TEXT = ("Mayor Lena Brandt said on Tuesday that the new bridge over the Orvel river would open in March.\n\n"
        "The council has not voted on the plan yet.\n")


def test_model_ships_in_the_package():
    # beside the drafting code, inside the package (pyproject's package-data ships helpers/drafting/models/*)
    assert am.MODEL_PATH.parent.relative_to(Path(am.__file__).parent) == Path("models")
    assert am.MODEL_PATH.stat().st_size < 5_000_000


def test_model_files_stay_small():
    total = sum(p.stat().st_size for p in am.MODEL_PATH.parent.iterdir() if p.suffix in (".crfsuite", ".tsv"))
    assert total < 5_000_000


def test_reported_statement():
    found = am.predict(TEXT)
    assert found, "no attribution found"
    a = found[0]
    assert TEXT[a.cue[0]:a.cue[1]].startswith("said")
    assert "bridge over the Orvel river would open" in TEXT[a.content[0]:a.content[1]]
    assert a.source is not None and "Brandt" in TEXT[a.source[0]:a.source[1]]


def test_direct_quote():
    text = "“We will not raise the fares this year,” Tomas Vell said.\n"
    found = am.predict(text)
    assert any("raise the fares" in text[a.content[0]:a.content[1]] and a.source
               and "Vell" in text[a.source[0]:a.source[1]] for a in found)


def test_deterministic():
    am.predict.cache_clear()
    first = am.predict(TEXT)
    am.predict.cache_clear()
    assert am.predict(TEXT) == first


def test_bio_round_trip():
    toks = am.tokens(TEXT, 0, 60)
    spans = [("SOURCE", (0, 17)), ("CUE", (18, 22)), ("CONTENT", (40, 60))]
    labels = am.bio(toks, spans)
    assert labels[:4] == ["B-SOURCE", "I-SOURCE", "I-SOURCE", "B-CUE"]
    kinds = [k for k, _, _ in am.spans_from_bio(toks, labels)]
    assert kinds == ["SOURCE", "CUE", "CONTENT"]
