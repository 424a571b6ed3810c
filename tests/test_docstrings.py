"""The documented API holds: every function a notebook calls says what it takes and what it returns and shows
an example, and every example in the modules the notebooks use runs as written (doctest, on the seed
fixture)."""
from __future__ import annotations

import doctest
import importlib
import inspect
import json
import os
import re

import pytest

import helpers
from tests.conftest import NOTEBOOKS

# the modules whose examples are run; each has at least one
DOCTESTED = [
    "helpers",
    "helpers.analysis.findings",
    "helpers.analysis.restatements",
    "helpers.analysis.tables",
    "helpers.analysis.timeline",
    "helpers.core.textspans",
    "helpers.drafting.attribution_model",
    "helpers.drafting.timex",
    "helpers.evaluation.agreement",
    "helpers.present.charts",
    "helpers.present.reader",
    "helpers.present.widgets",
]

# ``module.function(`` in a notebook's code, for the short module names notebooks use
CALL = re.compile(r"\b(findings|analysis|charts|widgets|reader|agreement|timeline)\.([a-z_]\w*)\(")
# the short names ``helpers`` does not offer itself
ELSEWHERE = {"reader": "helpers.present.reader", "timeline": "helpers.analysis.timeline"}


def notebook_calls() -> list[tuple[str, str]]:
    """(module, function) for every call of the short-named modules in the notebooks' code cells."""
    calls = set()
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                calls |= {m.groups() for m in CALL.finditer(source)}
    return sorted(calls)


def resolve(module: str, name: str):
    """The function a notebook means by ``module.name``, looked up through ``helpers``."""
    owner = getattr(helpers, module, None) or importlib.import_module(ELSEWHERE[module])
    return getattr(owner, name)


CALLS = notebook_calls()


def test_the_notebooks_call_the_documented_modules():
    assert len(CALLS) >= 30 and ("findings", "data_limits") in CALLS and ("analysis", "actor_counts") in CALLS


@pytest.mark.parametrize(("module", "name"), CALLS, ids=[f"{m}.{n}" for m, n in CALLS])
def test_each_function_a_notebook_calls_is_documented_with_an_example(module, name):
    function = resolve(module, name)
    doc = inspect.getdoc(function) or ""
    takes = bool(inspect.signature(function).parameters)
    missing = [part for part in (["Args:"] if takes else []) + ["Returns:", ">>>"] if part not in doc]
    assert missing == [], f"{module}.{name} ({function.__module__}): its docstring lacks {', '.join(missing)}"
    assert function.__module__ in DOCTESTED, (f"{function.__module__} is not in "
                                              "DOCTESTED: its examples never run")


@pytest.mark.slow  # about 7 s: most examples load the seed fixture afresh
@pytest.mark.parametrize("name", DOCTESTED)
def test_the_examples_run_as_written(name, monkeypatch):
    import matplotlib

    # charts.page_style() sets matplotlib's SVG options and SOURCE_DATE_EPOCH: both are put back afterwards
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "0"))
    with matplotlib.rc_context():
        result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS
                                 | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed (see stdout)"
    assert result.attempted > 0, f"{name} has no examples"
