"""The review notebook in a real JupyterLab (Debian's headless Chromium driven by Playwright, on localhost).

A copy of the seed corpus with a fresh draft and a copy of notebooks/5-review.ipynb go to a temporary
folder; the test runs the notebook, accepts entries (a button and a key), changes a speaker, adds a missed
statement by selecting words in the article with the mouse, saves — then checks that the file validates
and is exactly what the same edits give through helpers.present.review.
"""
from __future__ import annotations

import json
import os
import shutil

import pytest

from helpers import validate_corpus
from helpers.drafting import entity_model
from helpers.drafting.draft import draft_file
from helpers.present.review import Review
from tests.conftest import ROOT, SEED, SEED_CORPUS
from tests.lab_server import lab_server, run_all_cells

from .test_browser import CHROMIUM, FLAGS, SCREENSHOTS

ANNOTATION = f"annotations/{SEED}.yaml"
MISSED = "negotiations without cameras"  # words of the article the test adds as a statement


def _corpus(folder):
    shutil.copytree(SEED_CORPUS, folder)
    (folder / ANNOTATION).unlink()
    # drafted by the rules alone, as in test_review: the review is under test, its first entry S1
    saved = entity_model.available
    entity_model.available = lambda: False
    try:
        draft_file(folder / "articles" / f"{SEED}.txt", reference_date="2025-08-01")
    finally:
        entity_model.available = saved
    return folder


@pytest.fixture
def lab(tmp_path):
    """(base url, token, work folder): JupyterLab serving a corpus with a draft and the review notebook."""
    if CHROMIUM is None:
        message = "chromium is missing: `make browser` installs Debian's package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    work = tmp_path / "lab"
    _corpus(work / "data")
    (work / "notebooks").mkdir()
    nb = json.loads((ROOT / "notebooks" / "5-review.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell["metadata"].get("tags", []):
            cell["source"] = f'corpus_folder = {str(work / "data")!r}\ndraft = None\n'
        cell["outputs"] = [] if cell["cell_type"] == "code" else cell.get("outputs")
    (work / "notebooks" / "5-review.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    with lab_server(work) as (base, token):
        yield base, token, work


def _select_with_mouse(page, words: str) -> None:
    """Drag the mouse over ``words`` in the article, as an analyst selects them."""
    box = page.evaluate("""(words) => {
      const root = document.querySelector(".nd-article .nd-reader");
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walk.nextNode())) {
        const i = node.data.indexOf(words);
        if (i < 0) continue;
        node.parentElement.scrollIntoView({block: "center"});
        const first = document.createRange(), last = document.createRange();
        first.setStart(node, i); first.setEnd(node, i + 1);
        last.setStart(node, i + words.length - 1); last.setEnd(node, i + words.length);
        const a = first.getBoundingClientRect(), b = last.getBoundingClientRect();
        return [a.left + 1, a.top + a.height / 2, b.right - 1, b.top + b.height / 2];
      }
      return null;
    }""", words)
    assert box, f"{words!r} is not in one piece of the article shown"
    page.mouse.move(box[0], box[1])
    page.mouse.down()
    page.mouse.move(box[2], box[3], steps=5)
    page.mouse.up()


def test_review_a_draft_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright
    base, token, work = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        ready = run_all_cells(page, f"{base}/lab/tree/notebooks/5-review.ipynb?token={token}",
                              ".nd-review.nd-keys-ready .nd-article .nd-reader", timeout=40_000)
        assert ready.count() == 1, "the review widget did not render in JupyterLab"
        count = page.locator(".nd-progress .nd-count")
        total = Review(work / "data").progress()[1]
        assert count.inner_text() == f"0 of {total} reviewed"
        assert page.locator(".nd-current .nd-entry").get_attribute("data-id") == "S1"

        def shows(text: str, where: str = ".nd-current .nd-entry") -> None:
            page.wait_for_function("([sel, text]) => (document.querySelector(sel) || {}).innerText?.includes(text)",
                                   arg=[where, text], timeout=15_000)

        # accept S1 with the button, S2 with the key: the notebook must not take the key (a = insert a cell)
        page.locator("button.nd-accept").click()
        shows("statement S2")
        cells = page.locator(".jp-Notebook .jp-Cell").count()
        page.locator(".nd-article").click()
        page.keyboard.press("a")
        shows("statement S3")
        assert count.inner_text() == f"2 of {total} reviewed"
        assert page.locator(".jp-Notebook .jp-Cell").count() == cells, "the key reached the notebook"
        page.keyboard.press("n")
        shows("statement S4")
        page.keyboard.press("p")
        shows("statement S3")

        # change the speaker of S13
        entries = page.locator(".nd-entries select")
        labels = [t.replace("\xa0", " ") for t in entries.locator("option").all_inner_texts()]  # shown with nbsp
        entries.select_option(index=next(i for i, t in enumerate(labels) if "statement S13 " in t))
        shows("statement S13")
        # the form's own update may arrive after the entry's: wait until it holds S13's speaker before changing it
        drafted = Review(work / "data").node(("statement", "S13")).get("speaker")
        assert drafted, "the draft gives S13 a speaker of the registry"
        page.wait_for_function("id => { const s = document.querySelector('.nd-speaker select');"
                               " return !!s && s.selectedOptions.length > 0"
                               " && s.selectedOptions[0].text.includes('(' + id + ')'); }", arg=drafted, timeout=15_000)
        page.locator(".nd-speaker select").select_option(label="Vladimir Putin (putin)")
        page.locator("button.nd-apply").click()
        shows("edited statement S13", ".nd-message")
        shows("Vladimir Putin:")
        page.wait_for_function("() => document.querySelector('.nd-speaker select').value !== ''"
                               " && document.querySelector('.nd-speaker select').selectedOptions[0].text"
                               ".includes('(putin)')", timeout=15_000)  # the form caught up before it is changed

        # a missed statement: select its words in the article, choose the speaker, add it
        _select_with_mouse(page, MISSED)
        shows(MISSED, ".nd-selection")
        page.locator(".nd-speaker select").select_option(label="Volodymyr Zelensky (zelensky)")
        page.locator("button.nd-add-statement").click()
        shows("added statement S26", ".nd-message")
        page.locator("button.nd-save").click()
        shows("saved", ".nd-message")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "review.png"))
        browser.close()

    assert validate_corpus(work / "data") == []
    # exactly the edits made in the browser, no more: the same edits through helpers.present.review on a fresh copy
    expected = _corpus(work / "expected")
    review = Review(expected)
    review.accept(("statement", "S1"))
    review.accept(("statement", "S2"))
    review.edit(("statement", "S13"), speaker="putin", mode="reported", addressee=[])
    at = review.text.index(MISSED)
    review.add_statement(at, at + len(MISSED), speaker="zelensky", mode="reported", addressee=[])
    review.save()
    saved = (work / "data" / ANNOTATION).read_text(encoding="utf-8")
    assert saved == (expected / ANNOTATION).read_text(encoding="utf-8")
    assert (work / "data" / "actors.yaml").read_bytes() == (SEED_CORPUS / "actors.yaml").read_bytes()
