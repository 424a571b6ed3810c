"""Hostile text in an analyst's files: it must run nowhere in a rendered page and scramble no terminal.

The corpus (``build_hostile_corpus`` in conftest.py) puts every payload of ``PAYLOADS`` into an actor's name,
a topic label, a statement's note and words, an article's title, outlet, story label and text. The browser
test opens every rendered page offline, works its widgets, and checks that nothing ran and that each field
shows as the analyst typed it. The terminal tests run ``python -m helpers validate`` on a corpus whose article
and annotation hold escape sequences.
"""
from __future__ import annotations

import io
import json
import re
import shutil

import matplotlib
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from helpers.cli import main
from helpers.core.problems import Problem, printable
from helpers.corpus.load import _cut
from helpers.present import charts
from helpers.present.filter_table import script_json
from helpers.present.report import render_page
from tests.conftest import BREAKS, HOSTILE, PAYLOADS, SEED, SEED_CORPUS
from tests.present.test_browser import browser, offline  # noqa: F401 - fixtures: Chromium, a page kept offline

STATE = "application/vnd.jupyter.widget-state+json"


# ---------------------------------------------------------------- JSON inside <script>

def test_embedded_json_holds_no_character_that_could_end_or_change_its_script():
    value = {"rows": [[p, *BREAKS] for p in PAYLOADS]}
    text = script_json(value)
    assert json.loads(text) == value  # the same data …
    assert not re.search("[<>&\u2028\u2029]", text)  # … with nothing the HTML parser could read as markup


def _widget_state(labels: list[str]) -> dict:
    model = {"model_name": "DropdownModel", "model_module": "@jupyter-widgets/controls",
             "model_module_version": "2.0.0", "state": {"_options_labels": labels, "description": labels[0]}}
    return {"version_major": 2, "version_minor": 0, "state": {"m1": model}}


def test_widget_state_in_a_page_cannot_end_or_change_its_script():
    state = _widget_state([*PAYLOADS, *BREAKS, HOSTILE["name"]])
    nb = new_notebook(cells=[new_code_cell("x = 1")], metadata={"widgets": {STATE: state}})
    page = render_page(nb)
    opened = page.index(f'<script type="{STATE}">') + len(f'<script type="{STATE}">')
    block = page[opened:page.index("</script>", opened)]  # where the browser ends the block
    assert json.loads(block) == state  # the whole state, read back as it was
    # no "<!--", "<script" or "</script" to change how the block is parsed
    assert not re.search("[<>&]", block)


# ---------------------------------------------------------------- charts

def test_dollar_signs_in_names_draw_as_typed_and_stop_no_chart():
    names = {"a": "`${window.__pwned=3}` and ${x}", "b": "costs $5, not $6"}
    table = pd.DataFrame({"direct": [1, 2], "reported": [0, 1]}, index=["a", "b"])
    out = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text stays text in the SVG
        charts.statements_by_speaker(table, names).savefig(out, format="svg")
    assert names["a"] in out.getvalue() and names["b"] in out.getvalue()


# ---------------------------------------------------------------- the terminal

ESCAPES = "\x1b[2J\x1b]0;owned\x07\r\x08\x08"  # clear the screen, retitle the window, return, back up


def test_problems_show_control_characters_as_visible_escapes():
    shown = str(Problem("annotations/a\x1b[31m.yaml", 4, f"the words \"x{ESCAPES}\" are not in the article",
                        "copy them\u202e from the text"))
    assert shown == ("annotations/a\\x1b[31m.yaml:4: the words "
                     "\"x\\x1b[2J\\x1b]0;owned\\x07\\x0d\\x08\\x08\" are not "
                     "in the article — copy them\\u202e from the text")
    assert printable("line one\n\tline two") == "line one\n\tline two"  # layout characters are kept


def test_validate_prints_no_control_character_from_an_article_or_annotation(tmp_path, capsys):
    corpus = tmp_path / "data"
    shutil.copytree(SEED_CORPUS, corpus)
    article = corpus / "articles" / f"{SEED}.txt"
    text = article.read_text(encoding="utf-8")
    assert "MOSCOW – Russian" in text
    article.write_text(text.replace("MOSCOW – Russian", f"MOSCOW{ESCAPES} – Russian\x1b[0m", 1),
                       encoding="utf-8")
    annotation = corpus / "annotations" / f"{SEED}.yaml"
    yaml = annotation.read_text(encoding="utf-8")
    assert "      - Russian President Vladimir Putin\n" in yaml
    # words the article does not hold, with escapes ("\e" is ESC in a YAML double-quoted string)
    annotation.write_text(yaml.replace("      - Russian President Vladimir Putin\n",
                                       '      - "MOSCOW\\e[2J \\u2013 Russland\\a"\n', 1), encoding="utf-8")
    assert main(["validate", str(corpus)]) == 1
    out, err = capsys.readouterr()
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out + err)  # nothing the terminal would act on
    line = next(line for line in out.splitlines() if "Russland" in line)
    assert line.startswith(f"{annotation}:")  # the file and line …
    # … the words as written, visibly
    assert '"MOSCOW\\x1b[2J – Russland\\x07" are not in the article' in line
    # the article's own escapes
    assert 'closest passage: "MOSCOW\\x1b[2J\\x1b]0;owned\\x07 \\x08\\x08' in line
    assert "1 problem found; nothing was changed." in err


# ---------------------------------------------------------------- the rendered pages in a browser

# each field's value as a reader sees it, and the pages it is shown on; an article's label is its title, cut
# to
# 60 characters, and its date
LABEL = _cut("Valdoria " + HOSTILE["title"], 59) + " (2031-03-02)"  # as article_labels cuts a long title
SHOWN = {"name": (HOSTILE["name"], ["1-actors.html", "2-statements.html"]),
         "topic": (HOSTILE["topic"], ["2-statements.html"]),
         "title": (HOSTILE["title"], ["4-reader.html"]),
         "label": (LABEL, ["1-actors.html", "2-statements.html", "3-deadlines.html", "4-reader.html"]),
         "story": (HOSTILE["story"], ["1-actors.html", "2-statements.html", "4-reader.html"]),
         "quote": (HOSTILE["quote"], ["2-statements.html", "4-reader.html"]),
         "text": (HOSTILE["text"], ["4-reader.html"])}

RAN = """() => ({flag: window.__pwned === undefined ? null : window.__pwned,
  elements: [...document.querySelectorAll('img[src^="http"], a[href^="javascript:"], textarea, [onerror]')]
    .map(e => e.outerHTML.slice(0, 80)),
  scripts: [...document.scripts].filter(s => !/json/.test(s.type) && s.text.includes('__pwned')).length})"""


def _visible_text(page) -> str:
    """Every view of every control on the page, as a reader sees them (Dropdowns show spaces as no-break
    spaces), and the details shown on hover."""
    seen = page.inner_text("body")
    for select in page.locator(".widget-dropdown select, .nd-filter select").all():
        for value in select.locator("option").evaluate_all("os => os.map(o => o.value)"):
            if select.is_visible():
                select.select_option(value)
                seen += "\n" + page.inner_text("body")
    seen += "\n".join(page.locator("[title]").evaluate_all("es => es.map(e => e.title)"))
    return seen.replace("\xa0", " ")


def _pick(select, shown: str) -> None:
    """Choose the option of ``select`` whose text holds ``shown`` (Dropdowns show spaces as no-break
    spaces)."""
    texts = [t.replace("\xa0", " ") for t in select.locator("option").all_inner_texts()]
    select.select_option(index=next(i for i, t in enumerate(texts) if shown in t))


def _check_widgets(page, name: str) -> None:
    """The widgets of each page still work with the hostile corpus loaded."""
    if name == "1-actors.html":
        select = page.locator(".widget-dropdown select").first
        _pick(select, "[name]")
        page.wait_for_function("() => document.body.innerText.includes('[name]')", timeout=10_000)
        _pick(select, "Teodor Lind")
        page.wait_for_function("() => document.body.innerText.includes('Teodor Lind:')", timeout=10_000)
    elif name == "2-statements.html":
        page.wait_for_selector(".nd-filter.nd-ready", timeout=30_000)
        count = page.locator(".nd-filter-count").first
        assert count.inner_text() == "10 of 10 statements match."
        _pick(page.locator(".nd-filter label", has_text="Speaker").locator("select").first, "[name]")
        assert count.inner_text() == "4 of 10 statements match."  # the renamed actor's three in f1, one in f3
        page.locator(".nd-filter input[type=search]").first.fill("[quote]")
        assert count.inner_text() == "1 of 10 statements match."
        assert HOSTILE["quote"] in page.locator(".nd-filter tbody").first.inner_text()
    elif name == "3-deadlines.html":
        readout = page.locator(".widget-slider .widget-readout").first
        assert readout.inner_text().strip() == "as reported"
        handle = page.locator(".widget-slider .noUi-handle").first
        handle.focus()
        handle.press("End")
        page.wait_for_function("() => document.querySelector('.widget-slider "
                               ".widget-readout').innerText.trim()"
                               " !== 'as reported'", timeout=10_000)
    elif name == "4-reader.html":
        _pick(page.locator(".widget-dropdown select").first, "[story]")  # pages by story, then the article
        _pick(page.locator(".widget-vbox > .widget-box .widget-dropdown:visible select").first, "[title]")
        page.wait_for_function("() => [...document.querySelectorAll('.nd-reader')].some(e => "
                               "e.offsetParent !== null && e.innerText.includes('[text]'))", timeout=10_000)


@pytest.mark.parametrize("name", ["1-actors.html", "2-statements.html", "3-deadlines.html", "4-reader.html",
                                  "index.html"])
def test_hostile_text_runs_nowhere_shows_as_typed_and_leaves_the_widgets_working(
    offline,  # noqa: F811
    hostile_pages,
    name,
):
    page, asked = offline
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((hostile_pages / name).as_uri())
    page.wait_for_load_state("load")
    if name != "index.html":
        page.wait_for_selector(".widget-dropdown select, .widget-slider, .nd-filter.nd-ready", timeout=30_000)
        _check_widgets(page, name)
    shown = _visible_text(page)
    page.locator("body").hover()
    assert page.evaluate(RAN) == {"flag": None, "elements": [], "scripts": 0}
    assert dialogs == [] and asked == []
    for field, (value, pages) in SHOWN.items():
        if name in pages:
            assert value in shown, f"{name}: the {field} is not shown as typed"
