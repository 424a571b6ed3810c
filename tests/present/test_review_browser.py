"""The review notebook in a real JupyterLab (Debian's headless Chromium driven by Playwright, on localhost).

A copy of the seed corpus with a fresh draft and a copy of notebooks/5-review.ipynb go to a temporary
folder; the test runs the notebook, accepts entries (a button and a key), changes a speaker, adds a missed
statement by selecting words in the article with the mouse, saves — then checks that the file validates
and is exactly what the same edits give through helpers.corpus.review_edits.
"""
from __future__ import annotations

import json
import os
import shutil

import pytest

from helpers import validate_corpus
from helpers.corpus.review_edits import Review
from helpers.drafting import entity_model
from helpers.drafting.draft import draft_file
from tests.conftest import ROOT, SEED, SEED_CORPUS
from tests.lab_server import lab_server, run_all_cells, stop_kernels

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


@pytest.fixture(scope="module")
def lab_server_for_module(tmp_path_factory):
    """(base url, token, root): one JupyterLab for the module's tests, each in a folder of its own."""
    if CHROMIUM is None:
        message = "chromium is missing: `make browser` installs Debian's package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("review-lab") / "lab"
    root.mkdir()
    with lab_server(root) as (base, token):
        yield base, token, root


@pytest.fixture
def lab(lab_server_for_module):
    """(url of the review notebook, work folder): a corpus with a draft and the review notebook, in a folder
    and a JupyterLab workspace of the test's own (the server is shared; its kernels are stopped after)."""
    base, token, root = lab_server_for_module
    name = f"t{len(list(root.iterdir()))}"
    work = root / name
    _corpus(work / "data")
    (work / "notebooks").mkdir()
    nb = json.loads((ROOT / "notebooks" / "5-review.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell["metadata"].get("tags", []):
            cell["source"] = f'corpus_folder = {str(work / "data")!r}\ndraft = None\n'
        cell["outputs"] = [] if cell["cell_type"] == "code" else cell.get("outputs")
    (work / "notebooks" / "5-review.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    yield f"{base}/lab/workspaces/{name}/tree/{name}/notebooks/5-review.ipynb?token={token}", work
    stop_kernels(base, token)


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


def _select_until_shown(page, words: str, tries: int = 5) -> None:
    """Select ``words`` with the mouse until the form shows them as the selection: on a loaded machine the
    article may still be redrawn after the last edit, which drops a selection made before it; a redrawn
    article keeps the next one."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    chosen = shown = None
    for _ in range(tries):
        _select_with_mouse(page, words)
        # the article may have scrolled between measuring the words and dragging over them (a late update
        # of the entry in view): then the drag took other words, and is made again
        chosen = " ".join(page.evaluate("() => String(window.getSelection())").split())
        if chosen != " ".join(words.split()):
            page.wait_for_timeout(1_000)
            continue
        try:
            page.wait_for_function("([sel, text]) => (document.querySelector(sel) || "
                                   "{}).innerText?.includes(text)", arg=[".nd-selection", words],
                                   timeout=20_000)
            return
        except PlaywrightTimeout:
            shown = page.locator(".nd-selection").inner_text()
    raise AssertionError(f"the selection {words!r} was not shown: the browser selected {chosen!r}, "
                         f"the review shows {shown!r}")


def test_review_a_draft_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright
    url, work = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        ready = run_all_cells(page, url,
                              ".nd-review.nd-keys-ready .nd-article .nd-reader", timeout=40_000)
        assert ready.count() == 1, "the review widget did not render in JupyterLab"
        count = page.locator(".nd-progress .nd-count")
        total = Review(work / "data").progress()[1]
        assert count.inner_text() == f"0 of {total} reviewed"
        assert page.locator(".nd-current .nd-entry").get_attribute("data-id") == "S1"

        def shows(text: str, where: str = ".nd-current .nd-entry") -> None:
            page.wait_for_function("([sel, text]) => (document.querySelector(sel) || "
                                   "{}).innerText?.includes(text)",
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
        # shown with nbsp
        labels = [t.replace("\xa0", " ") for t in entries.locator("option").all_inner_texts()]
        entries.select_option(index=next(i for i, t in enumerate(labels) if "statement S13 " in t))
        shows("statement S13")
        # the form's own update may arrive after the entry's: wait until it holds S13's speaker before
        # changing it
        drafted = Review(work / "data").node(("statement", "S13")).get("speaker")
        assert drafted, "the draft gives S13 a speaker of the registry"
        page.wait_for_function("id => { const s = document.querySelector('.nd-speaker select');"
                               " return !!s && s.selectedOptions.length > 0"
                               " && s.selectedOptions[0].text.includes('(' + id + ')'); }", arg=drafted,
                               timeout=15_000)
        _choose_speaker(page, "Vladimir Putin (putin)")
        _apply_until_shown(page, "Vladimir Putin:")
        shows("edited statement S13", ".nd-message")
        page.wait_for_function("() => document.querySelector('.nd-speaker select').value !== ''"
                               " && document.querySelector('.nd-speaker select').selectedOptions[0].text"
                               # the form caught up before it is changed
                               ".includes('(putin)')", timeout=15_000)

        # a missed statement: select its words in the article, choose the speaker, add it
        _select_until_shown(page, MISSED)
        _choose_speaker(page, "Volodymyr Zelensky (zelensky)")
        page.locator("button.nd-add-statement").click()
        shows("added statement S26", ".nd-message")
        page.locator("button.nd-save").click()
        shows("saved", ".nd-message")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "review.png"))
        browser.close()

    assert validate_corpus(work / "data") == []
    # exactly the edits made in the browser, no more: the same edits through helpers.corpus.review_edits on a
    # fresh copy
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


def _open_review(p, url):
    """A browser on the review notebook, its cells run and the review shown: (browser, page, shows)."""
    browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    ready = run_all_cells(page, url,
                          ".nd-review.nd-keys-ready .nd-article .nd-reader", timeout=40_000)
    assert ready.count() == 1, "the review widget did not render in JupyterLab"

    def shows(text: str, where: str = ".nd-current .nd-entry") -> None:
        page.wait_for_function("([sel, text]) => (document.querySelector(sel) || "
                               "{}).innerText?.includes(text)",
                               arg=[where, text], timeout=15_000)
    return browser, page, shows


def _go_to(page, shows, kind: str, ident: str) -> None:
    """Pick an entry in the list and wait until the form beside it shows it."""
    entries = page.locator(".nd-entries select")
    labels = [t.replace("\xa0", " ") for t in entries.locator("option").all_inner_texts()]
    entries.select_option(index=next(i for i, t in enumerate(labels) if f"{kind} {ident} " in t))
    shows(f"{kind} {ident}")


def _choose_speaker(page, label: str, tries: int = 3) -> None:
    """Pick ``label`` in the speaker box and see it stay picked: on a loaded machine the form may still be
    filled for the entry in view after the pick (the kernel answering an earlier step late), which resets
    the box; the analyst would see it and pick again."""
    box = page.locator(".nd-speaker select")
    for _ in range(tries):
        box.select_option(label=label)
        page.wait_for_timeout(1000)
        if box.evaluate("s => s.selectedOptions[0].text").replace("\xa0", " ") == label:
            return
    raise AssertionError(f"the speaker box did not keep {label!r}")


def _apply_until_shown(page, text: str, tries: int = 3) -> None:
    """Click Apply until the entry in view shows ``text``: a click is sent to the kernel at once, while a
    box's new value waits for the kernel's answer to the one before it (ipywidgets' message throttle), so on
    a loaded machine the click may arrive first and apply the old value; the analyst would see it and click
    again."""
    from playwright.sync_api import TimeoutError as NotYet
    for _ in range(tries):
        page.locator("button.nd-apply").click()
        try:
            page.wait_for_function("t => (document.querySelector('.nd-current .nd-entry') || {})"
                                   ".innerText?.includes(t)", arg=text, timeout=10_000)
            return
        except NotYet:
            continue
    raise AssertionError(f"the entry in view never showed {text!r}")


def _speaker_options(page) -> list[str]:
    return [t.replace("\xa0", " ") for t in page.locator(".nd-speaker select option").all_inner_texts()]


def test_adding_an_actor_keeps_the_entry_in_view_and_the_article_and_the_form_starts_afresh(lab):
    """On S3, a new actor: S3 stays in view (not S2 before it, already accepted), the article keeps its
    highlights and legend, and Apply changes S3. On D1 (addressed to Russia), a statement added from a
    selection takes no addressee from D1 and gets the reporting verb of its sentence."""
    from playwright.sync_api import sync_playwright
    url, work = lab
    with sync_playwright() as p:
        browser, page, shows = _open_review(p, url)
        page.locator("button.nd-accept").click()  # S1
        shows("statement S2")
        page.locator("button.nd-accept").click()  # S2
        shows("statement S3")
        page.locator(".nd-new-id input").fill("uaw")
        page.locator(".nd-new-name input").fill("UAW")
        page.locator(".nd-new-kind select").select_option(label="organisation")
        page.locator("button.nd-add-actor").click()
        shows("added actor uaw", ".nd-message")
        shows("statement S3")
        assert page.locator(".nd-current .nd-entry").get_attribute("data-id") == "S3"
        page.wait_for_timeout(1500)  # the article is drawn again after a pause: it must still be marked up
        assert page.locator(".nd-article .nd-legend").count() == 1
        assert page.locator(".nd-article .nd-reader span.nd-s-reported").count() > 5
        page.wait_for_function("() => document.querySelector('.nd-speaker select').selectedOptions[0]"
                               ".text.includes('(uaw)')", timeout=15_000)
        page.locator("button.nd-apply").click()
        shows("edited statement S3", ".nd-message")
        shows("UAW:")
        page.locator("button.nd-accept").click()
        shows("statement S4")

        _go_to(page, shows, "deadline", "D1")
        page.wait_for_function("() => [...document.querySelector('.nd-addressee select').selectedOptions]"
                               ".some(o => o.text.includes('(russia)'))", timeout=15_000)
        _select_until_shown(page, MISSED)
        _choose_speaker(page, "Volodymyr Zelensky (zelensky)")
        page.locator("button.nd-add-statement").click()
        shows("added statement S26 (cue: 'said')", ".nd-message")
        shows("statement S26")
        assert page.locator(".nd-addressee select").evaluate("s => s.selectedOptions.length") == 0
        page.locator("button.nd-save").click()
        shows("saved", ".nd-message")
        browser.close()

    expected = _corpus(work / "expected")
    review = Review(expected)
    review.accept(("statement", "S1"))
    review.accept(("statement", "S2"))
    review.add_actor("uaw", "UAW", "organisation")
    review.edit(("statement", "S3"), speaker="uaw", mode="reported", addressee=[])
    review.accept(("statement", "S3"))
    at = review.text.index(MISSED)
    review.add_statement(at, at + len(MISSED), speaker="zelensky", mode="reported", addressee=[])
    review.save()
    saved = (work / "data" / ANNOTATION).read_text(encoding="utf-8")
    assert saved == (expected / ANNOTATION).read_text(encoding="utf-8")
    assert "speaker: putin" in saved.split("- id: S2\n")[1].split("- id: S3")[0]  # S2 as drafted
    added = saved.split("- id: S26\n")[1].split("deadlines:")[0]
    assert "cue: said" in added and "addressee" not in added


def _story_corpus(folder) -> None:
    """Beside the seed's draft, one annotated article of the story "ukraine talks" naming an actor the draft
    does not, and a registry that lists an actor no article names first."""
    registry = folder / "actors.yaml"
    registry.write_text("- id: aardvark-party\n  name: Aardvark Party\n  kind: organisation\n" +
                        registry.read_text(encoding="utf-8") +
                        "- id: harbour-office\n  name: Harbour Office\n  kind: organisation\n",
                        encoding="utf-8")
    (folder / "articles" / "other.txt").write_text("The Harbour Office said fees rise.\n", encoding="utf-8")
    (folder / "annotations" / "other.yaml").write_text(
        "article: articles/other.txt\nmetadata:\n  story: ukraine talks\nmentions:\n- actor: harbour-office\n"
        "  spans: [Harbour Office]\n", encoding="utf-8")
    with open(folder / "topics.yaml", "a", encoding="utf-8") as topics:
        topics.write("- id: harbour-fees\n  label: Harbour fees\n  stories: [harbour dispute]\n"
                     "- id: talks-venue\n  label: Where talks are held\n  stories: [ukraine talks]\n")


def _topic_options(page) -> list[str]:
    return [t.replace("\xa0", " ") for t in page.locator(".nd-topics select option").all_inner_texts()]


def test_accept_all_confident_entries_set_the_story_and_the_choices_follow_it(lab):
    from playwright.sync_api import sync_playwright
    url, work = lab
    _story_corpus(work / "data")
    sure = len(Review(work / "data", SEED).confident())
    total = Review(work / "data", SEED).progress()[1]
    assert 0 < sure < total
    with sync_playwright() as p:
        browser, page, shows = _open_review(p, url)
        count = page.locator(".nd-progress .nd-count")
        options = _speaker_options(page)
        assert options.index("Aardvark Party (aardvark-party)") < options.index("Harbour Office "
                                                                                "(harbour-office)")
        assert options.index("Donald Trump (trump)") < options.index("Aardvark Party (aardvark-party)")
        topics = _topic_options(page)
        assert topics and not {"Harbour fees (harbour-fees)",
                               "Where talks are held (talks-venue)"} & set(topics)

        page.locator("button.nd-accept-confident").click()
        shows(f"accepted {sure} high-confidence", ".nd-message")
        shows(f"{sure} of {total} reviewed", ".nd-progress")
        page.locator(".nd-article").click()
        page.keyboard.press("u")  # one undo takes back the whole bulk accept
        shows(f"0 of {total} reviewed", ".nd-progress")
        page.locator("button.nd-accept-confident").click()
        shows(f"{sure} of {total} reviewed", ".nd-progress")

        page.locator(".nd-story input").fill("ukraine talks")
        page.locator("button.nd-set-story").click()
        shows("story: ukraine talks", ".nd-message")
        page.wait_for_function("""() => {
          const t = [...document.querySelectorAll('.nd-speaker select option')]
            .map(o => o.text.replace(/\\u00a0/g, ' '));
          const harbour = t.indexOf('Harbour Office (harbour-office)');
          return harbour >= 0 && harbour < t.indexOf('Aardvark Party (aardvark-party)');
        }""", timeout=15_000)
        options = _speaker_options(page)
        assert options.index("Donald Trump (trump)") < options.index("Harbour Office (harbour-office)")
        page.wait_for_function("() => ((document.querySelector('.nd-topics select option') || {}).text || '')"
                               ".includes('(talks-venue)')", timeout=15_000)
        topics = _topic_options(page)  # the story's own topic first, another story's not at all
        assert topics[0] == "Where talks are held (talks-venue)"
        assert "Harbour fees (harbour-fees)" not in topics
        assert count.inner_text() == f"{sure} of {total} reviewed"
        page.locator("button.nd-save").click()
        shows("saved", ".nd-message")
        browser.close()

    expected = work / "expected"
    _corpus(expected)
    _story_corpus(expected)
    review = Review(expected, SEED)
    review.accept_confident()
    review.set_story("ukraine talks")
    review.save()
    assert (work / "data" / ANNOTATION).read_text(encoding="utf-8") == (expected / ANNOTATION).read_text(
        "utf-8"
    )
    assert validate_corpus(work / "data") == []


def test_merge_two_proposed_ids_of_one_company_in_the_actor_panel_and_save(lab):
    """The draft of an invented article proposes "GM" (gm) and "General Motors" (general_motors): merged in
    the actor panel, with the proposal in view staying in view, accepted and saved: the same files as the same
    steps through helpers.corpus.review_edits give."""
    from playwright.sync_api import sync_playwright

    from .test_review import GM, gm_corpus
    url, work = lab
    data = work / "data"
    (data / "drafts" / f"{SEED}.yaml").unlink()  # the GM draft is the one waiting
    shutil.copytree(gm_corpus(work / "gm"), data, dirs_exist_ok=True)
    with sync_playwright() as p:
        browser, page, shows = _open_review(p, url)
        shows("new actor general_motors")
        page.wait_for_function("() => document.querySelector('.nd-actor-pick select').selectedOptions[0]"
                               # the panel follows the entry
                               ".text.includes('(general_motors)')", timeout=15_000)
        page.locator(".nd-actor-pick select").select_option(label="GM (gm)")
        page.locator(".nd-merge-into select").select_option(label="General Motors (general_motors)")
        page.locator("button.nd-merge").click()
        shows("merged gm into general_motors: 2 mentions, 2 statements and 1 deadline", ".nd-message")
        shows("new actor general_motors")
        assert page.locator(".nd-current .nd-entry").get_attribute("data-id") == "general_motors"
        labels = [t.replace("\xa0", " ") for t in page.locator(".nd-entries select option").all_inner_texts()]
        assert not any("new actor gm " in t for t in labels)
        page.locator("button.nd-accept").click()
        shows("new actor uaw")
        page.locator("button.nd-save").click()
        shows("added general_motors to actors.yaml", ".nd-message")
        browser.close()

    assert validate_corpus(data) == []
    expected = gm_corpus(work / "expected")
    review = Review(expected, GM)
    review.merge_actor("gm", "general_motors")
    review.accept(("new actor", "general_motors"))
    review.save()
    for name in (f"annotations/{GM}.yaml", "actors.yaml"):
        assert (data / name).read_text(encoding="utf-8") == (expected / name).read_text(encoding="utf-8"), (
            name
        )
    assert "aliases: [General Motors, GM, GM Co]" in (data / "actors.yaml").read_text(encoding="utf-8")
