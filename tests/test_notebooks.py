"""Run every notebook on a corpus of two stories (papermill, via the report builder) and check what it found.

nbval checks the stored notebooks' outputs on the seed; this shows the same
notebooks work on another, larger corpus and that rendering never rewrites them.
"""
from __future__ import annotations

import re

import nbformat

from helpers.present import findings_log

# `mixed_pages` (conftest.py): the reports rendered once a session from the mixed corpus (the seed beside two
# generated articles of another story, six years earlier); building them also checks that rendering leaves
# the stored notebooks and the corpus byte-identical.


def _stdout(nb) -> str:
    return "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []) if o.get("name") == "stdout")


SEED_TITLE = "Putin Open to Peace Talks Amid Russia’s Military Advances… (2025-08-01)"  # cut at a word


def test_actors_notebook_on_a_corpus_of_two_stories(mixed_pages):
    text = _stdout(nbformat.read(mixed_pages / "executed" / "1-actors.ipynb", as_version=4))
    assert "The corpus holds 3 articles naming 19 actors in 151 mentions." in text
    assert "Most mentioned: Pellmora (30 mentions, 20% of all mentions)." in text
    assert "Most often the speaker: Vladimir Putin, in 12 of 81 statements (15%)." in text
    assert ("The findings describe 3 annotated articles, dated 2019-08-01 to 2025-08-01 in 1 story "
            "(“harbour dispute”), 1 of them with no story label") in text


def test_statements_notebook_on_a_corpus_of_two_stories(mixed_pages):
    nb = nbformat.read(mixed_pages / "executed" / "2-statements.ipynb", as_version=4)
    text = _stdout(nb)
    assert "81 statements: 13 direct quotes and 68 reported; 2 with no named source." in text
    assert f"{SEED_TITLE} · S21 Volodymyr Zelensky: “The whole world understands this too”" in text
    tables = {t.name for t in findings_log.tables(nb)}
    assert tables >= {"statements_by_speaker", "topics_by_speaker", "statements_by_story", "statements"}
    saved = (mixed_pages / "tables" / "2-statements-statements.csv").read_text(encoding="utf-8")
    assert len(saved.splitlines()) == 81 + 1, "the report's CSV holds every statement, not 40"
    assert not any("text/csv" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])), \
        "the report's tables are written to files, not carried in the executed notebook"


def test_deadlines_notebook_judges_each_deadline_as_reported(mixed_pages):
    nb = nbformat.read(mixed_pages / "executed" / "3-deadlines.ipynb", as_version=4)
    text = _stdout(nb)
    assert "24 deadline mentions, 23 distinct" in text
    # as reported: the 2019 deadlines on their 2019 articles' dates, not on 2025-08-01 (which would make them
    # past)
    assert (
        "As reported (each deadline on its own article's date): 22 pending; 2 open (no due date stated)."
        in text
    )
    assert "past" not in text
    assert "widgets" in nb.metadata, "widget state was not saved with the executed copy"


def test_pages_and_index(mixed_pages):
    pages = sorted(p.name for p in mixed_pages.glob("*.html"))
    assert pages == ["1-actors.html", "2-statements.html", "3-deadlines.html", "4-reader.html", "index.html"]
    assert (mixed_pages / "static" / "embed.js").stat().st_size > 1_000_000
    index = (mixed_pages / "index.html").read_text(encoding="utf-8")
    assert "Most mentioned: Pellmora" in index and 'href="3-deadlines.html"' in index
    assert ("3 articles in 1 story: harbour dispute (2); 1 with no story label; "
            "published 2019-08-01 to 2025-08-01") in index
    page = (mixed_pages / "1-actors.html").read_text(encoding="utf-8")
    assert "data:image/png;base64" in page and "application/vnd.jupyter.widget-state+json" in page
    assert 'data-mime-type="image/svg+xml"' in page, "the notebook's own charts are SVG"
    assert "'static/embed.js'" in page
    assert not re.search(r"<script[^>]*src=\"https?://", page), "a page loads a script from the network"
    # the deadlines page is the largest: about 2.1 MB, most of it its explorer's embedded days (their markup's
    # < > & written \u003c \u003e \u0026 in the widget state, so no text can end its script block)
    for name in pages:
        assert (mixed_pages / name).stat().st_size < 2_400_000, f"{name} is larger than a page should be"


def test_reader_notebook_names_each_article(mixed_pages):
    text = _stdout(nbformat.read(mixed_pages / "executed" / "4-reader.ipynb", as_version=4))
    assert f"{SEED_TITLE}: 43 mentions, 25 statements (3 direct), 4 deadlines marked." in text
    assert text.count("(2019-08-") == 2  # the two 2019 articles, each by title and date
