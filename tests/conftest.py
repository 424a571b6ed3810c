"""Shared fixtures: the tests' own copy of the seed corpus, the fictional corpus, a mixed corpus of two
stories, broken copies, and the rendered reports (each built once a session).

No test reads the analyst's data/: an analyst who adds articles there and re-executes the notebooks must
still see every test pass. Only nbval, checking the stored notebooks in notebooks/, reads data/.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from helpers import load_corpus

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED_CORPUS = FIXTURES / "seed"  # the seed article and annotation, copied from data/ (see its README.md)
FICTIONAL = FIXTURES / "fictional"
NOTEBOOKS = ROOT / "notebooks"
SEED = "000_d8227443fd9b5b39"
OTHER_STORY = "harbour dispute"  # the generated story of the mixed corpus, years before the seed

# the tests' corpus caches go to a throwaway folder, not the project's .cache/; one each for parallel workers
# (pytest -n), which inherit the first process's environment
_TESTS_CACHE = os.environ.setdefault("NEWSDESK_TESTS_CACHE", tempfile.mkdtemp(prefix="newsdesk-cache-"))
if os.environ.get("NEWSDESK_CACHE", _TESTS_CACHE).startswith(_TESTS_CACHE):
    os.environ["NEWSDESK_CACHE"] = os.path.join(_TESTS_CACHE, os.environ.get("PYTEST_XDIST_WORKER", "main"))


def build_mixed_corpus(folder: str | os.PathLike, articles: int = 2) -> Path:
    """The seed copy (no story label) plus ``articles`` generated articles of OTHER_STORY from 2019-03-01."""
    from benchmarks.make_corpus import add_to_corpus, make_corpus

    folder = Path(folder)
    shutil.copytree(SEED_CORPUS, folder)
    with tempfile.TemporaryDirectory(prefix="newsdesk-story-") as generated:
        make_corpus(articles, Path(generated) / "corpus", seed=7, start=dt.date(2019, 3, 1),
                    story=OTHER_STORY)
        add_to_corpus(Path(generated) / "corpus", folder)
    return folder


@pytest.fixture(scope="session")
def seed():
    return load_corpus(SEED_CORPUS)


@pytest.fixture(scope="session")
def fictional():
    return load_corpus(FICTIONAL)


@pytest.fixture(scope="session")
def mixed_folder(tmp_path_factory):
    """A corpus folder of two stories years apart: the seed (unlabelled) and a generated one (OTHER_STORY)."""
    return build_mixed_corpus(tmp_path_factory.mktemp("mixed") / "corpus")


@pytest.fixture(scope="session")
def mixed(mixed_folder):
    return load_corpus(mixed_folder)


@pytest.fixture
def broken(tmp_path):
    """broken(old, new) → a copy of the seed corpus whose seed annotation has ``old`` replaced by ``new``."""
    def make(old: str = "", new: str = "", file: str = f"annotations/{SEED}.yaml", count: int = 1) -> Path:
        copy = tmp_path / "data"
        if not copy.exists():
            shutil.copytree(SEED_CORPUS, copy)
        if old or new:
            target = copy / file
            text = target.read_text(encoding="utf-8")
            assert old in text, f"test setup: {old!r} not in {file}"
            target.write_text(text.replace(old, new, count), encoding="utf-8")
        return copy
    return make


def _digests(*paths: Path) -> dict:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.is_file()}


def _render(out: Path, corpus: Path) -> Path:
    """Render the stored notebooks on ``corpus`` into ``out``; neither the notebooks nor the corpus may
    change."""
    from helpers.present.report import build_report

    before = _digests(*NOTEBOOKS.glob("*.ipynb")), _digests(*corpus.rglob("*"))
    assert build_report(NOTEBOOKS, out, corpus=str(corpus)) == 0
    after = _digests(*NOTEBOOKS.glob("*.ipynb")), _digests(*corpus.rglob("*"))
    assert before[0] == after[0], "rendering rewrote a stored notebook"
    assert before[1] == after[1], "rendering changed a file of the corpus"
    return out


def _once_per_run(tmp_path_factory, name: str, build) -> Path:
    """``build(folder)`` done once for the whole run, by the first worker that needs it: the others wait for
    it and share the folder (pytest-xdist's documented way: a lock in the folder every worker's temporary
    folder is in)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        build(folder)
        return folder
    import fcntl
    root = tmp_path_factory.getbasetemp().parent
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():  # also when a worker that began it failed: built afresh
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def mixed_pages(tmp_path_factory):
    """The reports (executed notebooks in executed/, HTML pages, findings.md, tables/) rendered once a run
    from the mixed corpus: two stories years apart, so every page shows what many articles need."""
    return _once_per_run(tmp_path_factory, "mixed-pages",
                         lambda folder: _render(folder / "pages",
                                                build_mixed_corpus(folder / "corpus"))) / "pages"


# Hostile input: strings that end or change a <script>, <style> or <textarea>, comments and CDATA, entity
# tricks
# that must show as typed, attribute breakouts, template literals, the JavaScript line separators, a control
# character, a right-to-left override. Anything that runs sets window.__pwned, opens a dialog or asks the
# network.
PAYLOADS = ["</script><script>window.__pwned=1</script>", "<!--", "<script>", "]]>", "<![CDATA[",
            "&lt;script&gt;",
            "&amp;", '"><img src=http://127.0.0.1:9/x onerror="window.__pwned=2;alert(2)">', "'",
            "`${window.__pwned=3}`", "</textarea>", "</style>", "<a href=javascript:window.__pwned=4>go</a>",
            "\u202eoverride\u202c"]
BREAKS = ["\u2028", "\u2029", "\x1b[2J"]  # line separators and a control character: not in a title or quote
LONG_WORD = "Ww" * 200  # one unbroken 400-character word
MARKUP = " ".join(PAYLOADS)


def _field(tag: str, *extra: str) -> str:
    """A field's hostile value, named by ``tag`` so a test can tell which field a page shows."""
    return " ".join([f"[{tag}]", MARKUP, *extra])


HOSTILE = {  # field → the value the hostile corpus holds (the story label is short: at most 60 characters)
    "name": _field("name", *BREAKS), "topic": _field("topic", *BREAKS),
           "note": _field("note", *BREAKS, LONG_WORD),
    "title": _field("title"), "quote": _field("quote"), "outlet": _field("outlet", *BREAKS),
    "story": "[story] </script><!--<script>`${x}` ]]> &lt;b&gt;",
    "text": _field("text", *BREAKS, LONG_WORD),
}


def build_hostile_corpus(folder: str | os.PathLike) -> Path:
    """The fictional corpus with HOSTILE in an actor's name, a topic label, a statement's note and words, an
    article's title, outlet, story label and text."""
    folder = Path(folder)
    shutil.copytree(FICTIONAL, folder)

    def edit(name, old, new):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    quoted = json.dumps  # a JSON string is a YAML double-quoted scalar: every character survives
    edit("actors.yaml", "  name: Amara Voss", f"  name: {quoted(HOSTILE['name'])}")
    edit("topics.yaml", "  label: Talks", f"  label: {quoted(HOSTILE['topic'])}")
    edit("annotations/f1.yaml", "  title: Valdoria Sets Deadline for Border Talks",
         f"  title: {quoted('Valdoria ' + HOSTILE['title'])}")
    edit("annotations/f1.yaml", "  published: 2031-03-02",
         f"  published: 2031-03-02\n  outlet: {quoted(HOSTILE['outlet'])}\n  story: "
         f"{quoted(HOSTILE['story'])}")
    edit("annotations/f1.yaml", "    said_on: 2031-03-02",
         f"    said_on: 2031-03-02\n    note: {quoted(HOSTILE['note'])}")
    edit("annotations/f1.yaml", "deadlines:",
         "  - id: S4\n    speaker: voss\n    mode: reported\n    cue: wrote\n  "
         f"  words: {quoted(HOSTILE['quote'])}\n    topics: [talks]\ndeadlines:")
    edit("articles/f1.txt", "Valdoria Sets Deadline for Border Talks", "Valdoria " + HOSTILE["title"])
    edit("articles/f1.txt", "HARBOURTON",
         f"{HOSTILE['text']}\n\nVoss wrote: {HOSTILE['quote']}\n\nHARBOURTON")
    return folder


@pytest.fixture(scope="session")
def hostile_pages(tmp_path_factory):
    """The reports rendered once a run from the hostile corpus (``build_hostile_corpus``)."""
    return _once_per_run(tmp_path_factory, "hostile-pages",
                         lambda folder: _render(folder / "pages",
                                                build_hostile_corpus(folder / "corpus"))) / "pages"


# Parallel runs (pytest -n 2 --dist loadfile): a file's tests run on one worker, so the cells of a stored
# notebook
# (one kernel under nbval) stay together and in order; the costly rendered reports are made once a run
# (``_once_per_run``) whichever worker asks first.
SHARED = ("mixed_pages", "hostile_pages")


# the slow tests (`make test` runs them, `make test-fast` leaves them out): stored notebooks under nbval,
# rendered
# reports, browsers, JupyterLab servers, property tests with many examples, Dask clusters, loads racing in
# several processes, and tests marked @pytest.mark.slow
SLOW_FILES = {"test_browser.py", "test_review_browser.py", "test_properties.py",
              "test_distributed.py", "test_cache_processes.py"}


def _slow(item) -> bool:
    return (item.path.suffix == ".ipynb" or item.path.name in SLOW_FILES
            or any(name in getattr(item, "fixturenames", ()) for name in SHARED))


def pytest_itemcollected(item):
    if _slow(item):  # marked as collected, so `-m "not slow"` sees the mark
        item.add_marker(pytest.mark.slow)
