"""Run every notebook on the fictional corpus (papermill, via the report builder) and check what it found.

nbval checks the stored notebooks' outputs on the seed; this shows the same
notebooks work on another, larger corpus and that rendering never rewrites them.
"""
from __future__ import annotations

import re

import nbformat

# `rendered` (conftest.py): the reports rendered once a session from the fictional corpus; building them
# also checks that rendering leaves the stored notebooks byte-identical.


def _stdout(nb) -> str:
    return "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []) if o.get("name") == "stdout")


def test_actors_notebook_on_fictional_corpus(rendered):
    text = _stdout(nbformat.read(rendered / "executed" / "1-actors.ipynb", as_version=4))
    assert "The corpus holds 3 articles naming 5 actors in 18 mentions." in text
    assert "Most often the speaker: Amara Voss and Teodor Lind, in 3 of 9 statements each" in text


def test_statements_notebook_on_fictional_corpus(rendered):
    text = _stdout(nbformat.read(rendered / "executed" / "2-statements.ipynb", as_version=4))
    assert "9 statements: 2 direct quotes and 7 reported; 1 with no named source." in text
    assert "Valdoria Sets Deadline for Border Talks (2031-03-02) · S2 Amara Voss: “Our patience is not endless”" in text


def test_deadlines_notebook_on_fictional_corpus(rendered):
    nb = nbformat.read(rendered / "executed" / "3-deadlines.ipynb", as_version=4)
    text = _stdout(nb)
    assert "Council Urges Calm as Deadline Nears (2031-03-05): D1 (2031-03-16) and D2 (2031-03-20) disagree" in text
    # as reported: each deadline on its own article's date, not on the latest article's (which would make f1's past)
    assert ("As reported (each deadline on its own article's date): Valdoria Sets Deadline for Border Talks "
            "(2031-03-02) · D1 pending (14 days left); Council Urges Calm as Deadline Nears (2031-03-05) · D1 pending "
            "(11 days left)") in text
    assert "widgets" in nb.metadata, "widget state was not saved with the executed copy"


def test_pages_and_index(rendered):
    pages = sorted(p.name for p in rendered.glob("*.html"))
    assert pages == ["1-actors.html", "2-statements.html", "3-deadlines.html", "4-reader.html", "index.html"]
    assert (rendered / "static" / "embed.js").stat().st_size > 1_000_000
    index = (rendered / "index.html").read_text(encoding="utf-8")
    assert "Most mentioned: Kestrel Republic and Valdoria" in index and 'href="3-deadlines.html"' in index
    assert "D1 (2031-03-16) and D2 (2031-03-20) disagree" in index
    assert "fictional" in index  # names the corpus it ran on
    page = (rendered / "1-actors.html").read_text(encoding="utf-8")
    assert "data:image/png;base64" in page and "application/vnd.jupyter.widget-state+json" in page
    assert 'data-mime-type="image/svg+xml"' in page, "the notebook's own charts are SVG"
    assert "'static/embed.js'" in page
    assert not re.search(r"<script[^>]*src=\"https?://", page), "a page loads a script from the network"


def test_reader_notebook_on_fictional_corpus(rendered):
    text = _stdout(nbformat.read(rendered / "executed" / "4-reader.ipynb", as_version=4))
    assert "Council Urges Calm as Deadline Nears (2031-03-05): 8 mentions, 3 statements (0 direct), 2 deadlines marked." \
        in text
