"""newsdesk helpers: load annotated articles, check them, analyse and chart them.

The folders follow the pipeline (see ARCHITECTURE.md): ``core`` (problems, dates, text spans, anchoring),
``corpus`` (read, check and compile annotation files into tables; the review's and the actors' edits),
``drafting`` (machine drafts of articles), ``ingest`` (saved pages and texts into a corpus), ``evaluation``
(the drafter against gold corpora and reviews), ``analysis`` (tables and findings) and ``present`` (charts,
widgets, pages, the review's UI). The notebooks' names stay short: ``from helpers import analysis, charts,
findings, widgets``.

Every function a notebook calls says what it takes and returns, with an example on the seed article that the
tests run:

>>> from helpers import analysis, load_corpus
>>> from helpers.paths import SEED_FIXTURE
>>> corpus = load_corpus(SEED_FIXTURE, cache=False)
>>> corpus
Corpus(1 article, 0 stories, 8 actors, 25 statements, 4 deadlines; 0 unreviewed)
>>> analysis.actor_table(corpus)["name"].head(2).tolist()
['Vladimir Putin', 'Russia']
"""
from __future__ import annotations

import importlib

# The modules notebooks name directly, imported when first asked for: a command such as ``validate`` does not
# pay for matplotlib and ipywidgets.
_MODULES = {
    "agreement": "helpers.evaluation.agreement",
    "analysis": "helpers.analysis",
    "charts": "helpers.present.charts",
    "display": "helpers.present.display",
    "findings": "helpers.analysis.findings",
    "review": "helpers.corpus.review_edits",
    "widgets": "helpers.present.widgets",
}

__all__ = ["Corpus", "CorpusError", "Problem", "load_corpus", "validate_corpus", *_MODULES]  # noqa: F822


# and the loader's names, so that ``python -m helpers`` starts (and Ctrl-C stops it) before pandas is imported
_NAMES = {"Corpus": "helpers.corpus.load", "load_corpus": "helpers.corpus.load",
          "validate_corpus": "helpers.corpus.load", "CorpusError": "helpers.core.problems",
          "Problem": "helpers.core.problems"}


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(_MODULES[name])
    if name in _NAMES:
        return getattr(importlib.import_module(_NAMES[name]), name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
