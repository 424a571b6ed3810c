"""The rendered pages in a real browser (Debian's headless Chromium driven by Playwright), offline.

Every page is opened from disk with all network requests refused and recorded;
the tests change widgets and check that the visible view changes, and save
screenshots to reports/screenshots/ for a person to look at. A last test runs
notebooks in JupyterLab on localhost and checks that its widgets render there. Hostile text in the
corpus (markup, script endings, control characters) is tested in test_hostile_pages.py.
"""
from __future__ import annotations

import os
import re
import shutil

import pytest

from tests.conftest import ROOT, SEED_CORPUS  # `mixed_pages` (conftest.py): the mixed corpus's reports
from tests.lab_server import lab_server, run_all_cells

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


def test_index_lists_every_page_with_its_headline(offline, mixed_pages, mixed):
    from helpers.analysis import findings
    page, asked = offline
    _open(page, mixed_pages / "index.html", wait=None)
    links = page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert [link for link in links if link.endswith(".html")] == ["1-actors.html", "2-statements.html",
                                                                  "3-deadlines.html", "4-reader.html"]
    text = page.inner_text("body")
    assert findings.actor_findings(mixed)[0] in text
    assert f"{len(mixed.articles)} articles in 1 story" in text  # the index describes the corpus it ran on
    page.screenshot(path=str(SCREENSHOTS / "index.png"), full_page=True)
    assert asked == []


# a paged explorer's Dropdown on the page shown
INNER = ".widget-vbox > .widget-box .widget-dropdown:visible select"


def _options(select) -> list[str]:
    # Dropdowns show spaces as nbsp
    return [t.replace("\xa0", " ") for t in select.locator("option").all_inner_texts()]


def _choices(page, first_select: int = 0) -> list[str]:
    """Every label an explorer offers: its one Dropdown's, or every page's inner Dropdown's (paged)."""
    outer = page.locator(".widget-dropdown select").nth(first_select)
    labels = _options(outer)
    paged = outer.evaluate("s => s.closest('.widget-vbox').querySelector(':scope "
                           "> .widget-box .widget-dropdown') !== null")
    if not paged:
        return labels
    found = []
    for i in range(len(labels)):
        outer.select_option(index=i)
        found += _options(page.locator(INNER).first)
    return found


def _filter_count(page) -> str:
    return page.locator(".nd-filter-count").first.inner_text()


def _choose_filter(page, name: str, label: str) -> str:
    """Pick ``label`` in the statement filter ``name``; the count line then (the page filters on change)."""
    page.locator(".nd-filter label", has_text=name).locator("select").first.select_option(label=label)
    return _filter_count(page)


def test_actor_explorer_works_offline(offline, mixed_pages, mixed):
    from helpers.present import widgets
    page, asked = offline
    _open(page, mixed_pages / "1-actors.html")
    assert page.locator("img[src^='data:image/']").count() >= 2
    choices = widgets.actor_explorer(mixed).choices()
    assert sorted(_choices(page, 0)) == sorted(choices)  # every actor with mentions
    first = choices[0].rsplit(" (", 1)[0]
    assert f"{first}:" in _view(page)
    page.locator(".widget-dropdown select").first.select_option(label="Donald Trump (4)")
    page.wait_for_function("() => document.body.innerText.includes('Donald Trump: 4 mentions')",
                           timeout=10_000)
    view = _view(page)
    assert "U.S. President Donald Trump" in view and f"{first}:" not in view
    assert "Putin Open to Peace Talks" in view and "(2025-08-01)" in view  # each mention names its article
    page.locator(".widget-dropdown").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "1-actors.png"))
    assert asked == []


def test_statement_filters_work_offline(offline, mixed_pages, mixed):
    from helpers.analysis import tables as analysis
    page, asked = offline
    _open(page, mixed_pages / "2-statements.html", wait=".nd-filter.nd-ready")
    total = len(mixed.statements)

    def count(speaker=None, mode=None, topic=None) -> str:
        return f"{len(analysis.filter_statements(mixed, speaker, mode, topic))} of {total} statements match"
    assert _filter_count(page).startswith(count() + "; the first 50 are shown")  # more than a page holds
    assert _choose_filter(page, "Mode", "direct") == count(mode="direct") + "."
    assert _choose_filter(page, "Speaker", "Volodymyr Zelensky") == count("zelensky", "direct") + "." \
        == f"1 of {total} statements match."
    table = page.locator(".nd-filter tbody").first
    assert "The whole world understands this too" in table.inner_text()
    assert _choose_filter(page, "Topic", "Ceasefire") == f"0 of {total} statements match."
    assert _choose_filter(page, "Mode", "any") == count("zelensky", None, "ceasefire") + "." \
        == f"1 of {total} statements match."
    assert "an immediate ceasefire" in table.inner_text()  # Zelensky's reported ceasefire call
    _choose_filter(page, "Speaker", "any")
    _choose_filter(page, "Topic", "any")
    page.locator(".nd-filter input[type=search]").first.fill("50 days")
    assert _filter_count(page) == f"1 of {total} statements match."  # Trump's "It's 50 days"
    page.locator(".nd-filter input[type=search]").first.fill("")
    first_cells = table.locator("tr td:nth-child(2)").all_inner_texts()
    labels = set(mixed.article_labels().values())
    assert len(first_cells) == min(total, 50)
    assert all(c.rsplit(" · S", 1)[0] in labels for c in first_cells)  # each row names its article
    page.locator(".nd-filter").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "2-statements.png"))
    assert asked == []


def test_deadline_slider_works_offline(offline, mixed_pages, mixed):
    from helpers.analysis import tables as analysis
    last = f"{analysis.as_of_days(mixed.deadlines, mixed.articles)[-1]:%Y-%m-%d}"  # the slider's last day
    page, asked = offline
    _open(page, mixed_pages / "3-deadlines.html")
    readout = page.locator(".widget-slider .widget-readout").first
    assert readout.inner_text().strip() == "as reported"
    before = _view(page)
    assert "pending" in before and "past" not in before and "judged on" in before
    image = page.locator(".widget-output img[src^='data:image/png']").first
    # drawn at 2x, shown at 1x
    assert image.evaluate("i => i.naturalWidth") == 2 * image.evaluate("i => i.width")
    handle = page.locator(".widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    handle.press("End")
    page.wait_for_function("last => document.querySelector('.widget-slider "
                           ".widget-readout').innerText.trim() === last", arg=last, timeout=10_000)
    after = _view(page)
    assert after != before and "past" in after
    page.screenshot(path=str(SCREENSHOTS / "3-deadlines.png"))
    assert asked == []


def test_paged_explorers_work_offline(offline, tmp_path, mixed, monkeypatch):
    """More actors than a Dropdown holds, and articles of two stories: pages of choices, linked in the
    page."""
    from ipywidgets.embed import embed_minimal_html

    from helpers.present import widgets
    from helpers.present.report import widget_script
    monkeypatch.setattr(widgets, "PER_PAGE", 5)
    actors, reader = widgets.actor_explorer(mixed), widgets.article_reader(mixed)
    shutil.copy(widget_script(), tmp_path / "embed.js")
    for name, box in (("actors", actors), ("reader", reader)):
        embed_minimal_html(tmp_path / f"{name}.html", views=[box], title=name, embed_url="embed.js",
                           requirejs=False, cors=False)
    page, asked = offline
    _open(page, tmp_path / "actors.html")
    assert _choices(page, 0) == actors.choices() and len(actors.choices()) > 15
    last = actors.choices()[-1]
    page.locator(".widget-dropdown select").first.select_option(index=len(page.locator(".widget-dropdown "
                                                                                       "select")
                                                                          .first.locator("option").all()) - 1)
    page.locator(INNER).first.select_option(label=last)
    name = last.rsplit(" (", 1)[0]
    page.wait_for_function(f"() => document.body.innerText.includes({name + ':'!r})", timeout=10_000)
    _open(page, tmp_path / "reader.html")
    stories = _options(page.locator(".widget-dropdown select").first)
    assert stories[0].startswith("harbour dispute · 2019-") and stories[-1].startswith("(no story) "
                                                                                       "· 2025-08-01")
    assert sorted(_choices(page, 0)) == sorted(reader.choices())
    page.locator(".widget-dropdown select").first.select_option(index=len(stories) - 1)
    page.wait_for_function("() => [...document.querySelectorAll('.nd-reader')].some(e "
                           "=> e.offsetParent !== null && e.innerText.includes('Putin'))", timeout=10_000)
    assert asked == []


def test_reader_highlights_with_details_offline(offline, mixed_pages):
    page, asked = offline
    _open(page, mixed_pages / "4-reader.html", wait=".nd-reader")
    direct = page.locator(".nd-reader:visible .nd-s-direct")
    assert direct.count() >= 3
    assert "speaker: " in direct.first.get_attribute("title")
    assert page.locator(".nd-reader:visible .nd-d").count() >= 4
    page.locator(".nd-reader").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "4-reader.png"))
    assert asked == []


def test_markup_in_an_article_stays_text(offline, tmp_path, fictional):
    from helpers.present.reader import article_html
    corpus = fictional
    corpus.articles.loc[0, "text"] = (corpus.articles.loc[0, "text"]
                                      + "<script>window.pwned = 1</script><img src=x "
                                        "onerror='window.pwned=2'>")
    page_file = tmp_path / "reader.html"
    page_file.write_text(f"<!DOCTYPE html><meta charset='utf-8'>{article_html(corpus, 'f1')}",
                         encoding="utf-8")
    page, asked = offline
    _open(page, page_file, wait=".nd-reader")
    assert page.evaluate("() => window.pwned") is None
    assert "<script>window.pwned = 1</script>" in page.inner_text(".nd-reader")


LEAKS = re.compile(r"\b(?:nan|NaN|NaT)\b|<NA>|NBVAL")
CODE = re.compile(r"\bimport \w|load_corpus\(|widgets\.\w+\(|print\(|corpus_folder\s*=")


def _chart_text(page) -> str:
    """The words of every chart: SVG drawn inline or as an image (matplotlib keeps text as <text>)."""
    return page.evaluate("""() => [
        ...[...document.querySelectorAll('svg text')].map(t => t.textContent),
        ...[...document.querySelectorAll('img[src^="data:image/svg+xml;base64,"]')].map(i => {
            const svg = new DOMParser().parseFromString(atob(i.src.split(',')[1]), 'image/svg+xml');
            return [...svg.querySelectorAll('text')].map(t => t.textContent).join(' ');
        })].join(' ')""")


def _rows(table) -> list[dict]:
    return table.evaluate("""t => {
        const head = [...t.querySelectorAll('thead th')].map(h => h.innerText.trim());
        return [...t.querySelectorAll('tbody tr')].map(r => Object.fromEntries(
            [...r.children].map((c, i) => [head[i], c.innerText.trim()]))); }""")


def test_reports_of_a_corpus_of_two_stories_years_apart(offline, mixed_pages, mixed):
    """No code or missing values on the pages, dated axes with years, every actor, article and statement
    reachable offline, and deadlines judged as reported by default."""
    import pandas as pd

    from helpers.analysis import tables as analysis
    from helpers.present import widgets
    page, asked = offline
    labels = mixed.article_labels()
    charts = ""
    for path in sorted(mixed_pages.glob("[0-9]-*.html")):
        _open(page, path, wait=None)
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        text = page.inner_text("body")
        assert not LEAKS.findall(text), f"{path.name}: {sorted(set(LEAKS.findall(text)))}"
        assert not CODE.findall(text), f"{path.name} shows code: {sorted(set(CODE.findall(text)))}"
        charts += _chart_text(page)
    assert re.search(r"\b2019\b", charts) and re.search(r"\b2025\b", charts), "no year on a chart's time axis"

    _open(page, mixed_pages / "1-actors.html")
    expected = widgets.actor_explorer(mixed).choices()
    assert sorted(_choices(page)) == sorted(expected) and len(expected) > 15
    other = next(label for label in expected if label.startswith("Pellmora"))
    page.locator(".widget-dropdown select").first.select_option(label=other)
    page.wait_for_function("() => document.body.innerText.includes('Pellmora:')", timeout=10_000)
    assert "(2019-" in _view(page)  # its mentions name their articles, of 2019

    _open(page, mixed_pages / "2-statements.html", wait=".nd-filter.nd-ready")
    total = len(mixed.statements)
    assert _filter_count(page).startswith(f"{total} of {total} statements match")
    direct = int((mixed.statements["mode"] == "direct").sum())
    assert _choose_filter(page, "Mode", "direct").startswith(f"{direct} of {total} statements match")
    topic = analysis.filter_statements(mixed, None, "direct", "negotiations")
    assert _choose_filter(page, "Topic", "Negotiations and talks").startswith(f"{len(topic)} of {total}")
    assert len(topic) < direct
    _choose_filter(page, "Mode", "any")
    _choose_filter(page, "Topic", "any")
    article_select = page.locator(".nd-filter label", has_text="Article").locator("select").first
    seen = 0
    for label in article_select.locator("option").all_inner_texts()[1:]:  # every article: each row names it
        _choose_filter(page, "Article", label)
        cells = page.locator(".nd-filter tbody tr td:nth-child(2)").all_inner_texts()
        assert cells and all(c.startswith(label + " · S") for c in cells), label
        seen += len(cells)
    assert seen == total

    _open(page, mixed_pages / "3-deadlines.html")
    assert page.locator(".widget-slider .widget-readout").first.inner_text().strip() == "as reported"
    status = analysis.deadline_status(mixed.deadlines, None, mixed.articles)
    published = mixed.articles.set_index("article_id")["published"]
    want = {(labels[a], d): (s, f"{published[a]:%Y-%m-%d}")
            for a, d, s in zip(status["article_id"], status["deadline_id"], status["status"])}
    shown = _rows(page.locator(".widget-output:visible table").first)
    assert len(shown) == len(want) == len(mixed.deadlines)
    assert {(r["article"], r["deadline_id"]): (r["status"], r["judged on"]) for r in shown} == want
    # each on its own article's date, years apart
    assert {r["judged on"][:4] for r in shown} == {"2019", "2025"}
    assert pd.Series([s for s, _ in want.values()]).nunique() > 1

    _open(page, mixed_pages / "4-reader.html")
    reader = widgets.article_reader(mixed)
    assert sorted(_choices(page)) == sorted(reader.choices()) == sorted(labels.values())
    assert asked == []


def test_widgets_render_in_jupyterlab(browser, tmp_path):
    work = tmp_path / "lab"
    shutil.copytree(SEED_CORPUS, work / "data")
    (work / "notebooks").mkdir()
    for name in ("1-actors.ipynb", "2-statements.ipynb"):
        shutil.copy(NOTEBOOKS / name, work / "notebooks")
    with lab_server(work) as (base, token):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        widget = run_all_cells(page, f"{base}/lab/tree/notebooks/1-actors.ipynb?token={token}",
                               ".jp-OutputArea .widget-dropdown select")
        assert widget.count() >= 1, "the notebook's widgets did not render in JupyterLab"
        select = page.locator(".jp-OutputArea .widget-dropdown select").first
        assert select.evaluate("s => s.options.length") == 8
        select.select_option(label="Donald Trump (4)")
        page.wait_for_function("() => document.body.innerText.includes('Donald Trump: 4 mentions')",
                               timeout=20_000)
        select.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "jupyterlab.png"))
        # the statement filter is a fresh (trusted) HTML output: its script runs in JupyterLab too
        ready = run_all_cells(page, f"{base}/lab/tree/notebooks/2-statements.ipynb?token={token}",
                              ".jp-OutputArea .nd-filter.nd-ready")
        assert ready.count() >= 1, "the statement filter's script did not run in JupyterLab"
        assert _filter_count(page) == "25 of 25 statements match."
        assert _choose_filter(page, "Mode", "direct") == "3 of 25 statements match."
        ready.first.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "jupyterlab-statements.png"))
        context.close()
