"""The rendered pages in a real browser (Debian's headless Chromium driven by Playwright), offline.

Every page is opened from disk with all network requests refused and recorded;
the tests change widgets and check that the visible view changes, and save
screenshots to reports/screenshots/ for a person to look at. A last test runs a
notebook in JupyterLab on localhost and checks that its widgets render there.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from helpers.report import build_report

from .conftest import FICTIONAL, ROOT, SEED_CORPUS  # `pages`: conftest.py, rendered from the seed copy

CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = ROOT / "reports" / "screenshots"
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        message = "chromium is missing: `make browser` installs Debian's package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def offline(browser):
    """A page whose every request but file:// is refused and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    asked: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            asked.append(r.request.url)
            r.abort()
    context.route("**/*", route)
    page = context.new_page()
    yield page, asked
    context.close()


def _open(page, path, wait=".widget-dropdown select, .widget-slider"):
    page.goto(path.as_uri())
    if wait:
        page.wait_for_selector(wait, timeout=30_000)


def _view(page) -> str:
    """Text of the widget views now on screen."""
    return " ".join(page.locator(".widget-output:visible, .widget-html:visible").all_inner_texts())


def test_index_lists_every_page_with_its_headline(offline, pages):
    page, asked = offline
    _open(page, pages / "index.html", wait=None)
    links = page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links == ["1-actors.html", "2-statements.html", "3-deadlines.html", "4-reader.html"]
    assert "Most mentioned: Vladimir Putin and Russia" in page.inner_text("body")
    page.screenshot(path=str(SCREENSHOTS / "index.png"), full_page=True)
    assert asked == []


def test_actor_explorer_works_offline(offline, pages):
    page, asked = offline
    _open(page, pages / "1-actors.html")
    charts = page.locator("img[src^='data:image/png']")
    assert charts.count() >= 2 and charts.first.evaluate("i => i.naturalWidth") > 300
    assert "Vladimir Putin: 12 mentions" in _view(page)
    page.locator(".widget-dropdown select").first.select_option(label="Donald Trump (4)")
    page.wait_for_function("() => document.body.innerText.includes('Donald Trump: 4 mentions')", timeout=10_000)
    view = _view(page)
    assert "U.S. President Donald Trump" in view and "Vladimir Putin: 12 mentions" not in view
    page.locator(".widget-dropdown").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "1-actors.png"))
    assert asked == []


def test_statement_explorer_speaker_choice_works_offline(offline, pages):
    page, asked = offline
    _open(page, pages / "2-statements.html")
    assert page.locator("img[src^='data:image/png']").count() >= 2
    assert "25 statements" in _view(page)
    page.locator(".widget-dropdown select").first.select_option(label="Volodymyr Zelensky")
    page.wait_for_function("() => document.body.innerText.includes('The whole world understands this too')",
                           timeout=10_000)
    view = _view(page)
    assert "4 statements" in view and "speaker choice works without Python" in view
    page.locator(".widget-dropdown").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "2-statements.png"))
    assert asked == []


def test_deadline_slider_works_offline(offline, pages):
    page, asked = offline
    _open(page, pages / "3-deadlines.html")
    assert page.locator("img[src^='data:image/png']").count() >= 2
    readout = page.locator(".widget-slider .widget-readout").first
    assert readout.inner_text().strip() == "2025-08-01"
    before = _view(page)
    assert "pending" in before and "past" not in before
    handle = page.locator(".widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    handle.press("End")
    page.wait_for_function("() => document.querySelector('.widget-slider .widget-readout').innerText.trim()"
                           " === '2025-08-13'", timeout=10_000)
    after = _view(page)
    assert after != before and "past" in after
    page.screenshot(path=str(SCREENSHOTS / "3-deadlines.png"))
    assert asked == []


def test_reader_highlights_with_details_offline(offline, pages):
    page, asked = offline
    _open(page, pages / "4-reader.html", wait=".nd-reader")
    direct = page.locator(".nd-reader .nd-s-direct")
    assert direct.count() >= 3
    assert "speaker: Vladimir Putin" in direct.first.get_attribute("title")
    assert page.locator(".nd-reader .nd-d").count() >= 4
    page.locator(".nd-reader").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "4-reader.png"))
    assert asked == []


def test_markup_in_an_article_stays_text(offline, tmp_path, fictional):
    from helpers.reader import article_html
    corpus = fictional
    corpus.articles.loc[0, "text"] = corpus.articles.loc[0, "text"] + "<script>window.pwned = 1</script><img src=x onerror='window.pwned=2'>"
    page_file = tmp_path / "reader.html"
    page_file.write_text(f"<!DOCTYPE html><meta charset='utf-8'>{article_html(corpus, 'f1')}", encoding="utf-8")
    page, asked = offline
    _open(page, page_file, wait=".nd-reader")
    assert page.evaluate("() => window.pwned") is None
    assert "<script>window.pwned = 1</script>" in page.inner_text(".nd-reader")


HOSTILE = {
    "name": 'Amara <script>window.pwned = 3</script><img src=x onerror="window.pwned = 4"> Voss',
    "note": '<a href="javascript:window.pwned = 5">open</a> <b onmouseover="window.pwned = 6">hover</b>',
    "label": "Talks <iframe src=javascript:window.pwned=7></iframe>",
}


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    """The reports rendered from a corpus whose actor names, notes, topic labels and text hold markup."""
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(FICTIONAL, root)

    def edit(name, old, new):
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    quoted = lambda value: "'" + value.replace("'", "''") + "'"  # noqa: E731 - a YAML single-quoted scalar
    edit("actors.yaml", "  name: Amara Voss", f"  name: {quoted(HOSTILE['name'])}")
    edit("topics.yaml", "  label: Talks", f"  label: {quoted(HOSTILE['label'])}")
    edit("annotations/f1.yaml", "    said_on: 2031-03-02", f"    said_on: 2031-03-02\n    note: {quoted(HOSTILE['note'])}")
    edit("articles/f1.txt", "\n", "\n<script>window.pwned = 8</script><img src=x onerror='window.pwned = 9'>\n")
    # the annotation's offsets follow the text: re-anchoring is by words, so the edit above is harmless
    out = tmp_path_factory.mktemp("hostile-pages")
    assert build_report(NOTEBOOKS, out, corpus=str(root)) == 0
    return out


def test_markup_in_names_notes_labels_and_text_runs_nowhere_in_the_reports(offline, hostile_pages):
    page, asked = offline
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    shown = ""
    for path in sorted(hostile_pages.glob("*.html")):
        _open(page, path, wait=None)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        for select in page.locator(".widget-dropdown select").all():  # every view of every explorer
            for value in select.locator("option").evaluate_all("os => os.map(o => o.value)"):
                select.select_option(value)
                shown += _view(page)
        page.locator("body").hover()
        assert page.evaluate("() => window.pwned") is None, path.name
        assert page.evaluate("() => document.querySelectorAll('a[href^=\"javascript:\"], iframe').length") == 0, path.name
        injected = page.evaluate("""() => [
            ...[...document.scripts].filter(s => !/json/.test(s.type) && s.text.includes('pwned')),
            ...document.querySelectorAll('[onerror], [onmouseover], img[src=x]')]
            .filter(e => e.tagName === 'SCRIPT' || /pwned/.test(e.outerHTML) || e.getAttribute('src') === 'x').length""")
        assert injected == 0, f"{path.name}: markup from the corpus became elements"
        shown += page.inner_text("body")
    assert dialogs == [] and asked == []
    assert "<script>window.pwned = 3</script>" in shown  # the name is shown as the analyst typed it, as text
    assert "<script>window.pwned = 8</script>" in shown


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_widgets_render_in_jupyterlab(browser, tmp_path):
    work = tmp_path / "lab"
    shutil.copytree(SEED_CORPUS, work / "data")
    (work / "notebooks").mkdir()
    shutil.copy(NOTEBOOKS / "1-actors.ipynb", work / "notebooks")
    port, token = _free_port(), "newsdesk-test"
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{base}/lab/tree/notebooks/1-actors.ipynb?token={token}")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.wait_for_function("() => document.body.innerText.includes('| Idle')", timeout=90_000)
        widget = page.locator(".jp-OutputArea .widget-dropdown select")
        for _attempt in range(3):  # a fresh server can miss the first click while it settles
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            try:
                widget.first.wait_for(timeout=45_000)
                break
            except Exception:  # noqa: BLE001 - retried, then asserted below
                page.keyboard.press("Escape")
        assert widget.count() >= 1, "the notebook's widgets did not render in JupyterLab"
        select = page.locator(".jp-OutputArea .widget-dropdown select").first
        assert select.evaluate("s => s.options.length") == 8
        select.select_option(label="Donald Trump (4)")
        page.wait_for_function("() => document.body.innerText.includes('Donald Trump: 4 mentions')", timeout=20_000)
        select.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "jupyterlab.png"))
        context.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
