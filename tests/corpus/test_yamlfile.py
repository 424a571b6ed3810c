"""The fast event-based reader gives exactly what the node composer gives: data, lines, problems."""

import pytest
import yaml

from helpers.corpus import yamlfile
from tests.conftest import ROOT

SNIPPETS = [
    "a: 1\nb: [1, 2, {c: d}]\n",
    "a: 010\nb: 0x1F\nc: 1_000\nd: yes\ne: ~\nf: 1.5\ng: .inf\nh: '2025-08-01'\ni: 2025-08-01\n",
    "- x\n- - y\n  - z\n- {k: v}\n",
    "text: >\n  folded\n  lines\nkeep: |\n  kept\n",
    "a: 1\na: 2\nb:\n  c: 1\n  c: [3]\n",
    "a:\n  b:\nc: ''\n",
    "'quoted key': \"value\"\n3: three\nnull: nothing\n",
    "",
    "just a scalar\n",
    "a: &x {b: 1}\nc: *x\n",
    "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
    "a: !!str 12\n",
    "--- 1\n--- 2\n",
    "a: [1, 2\nb: 3\n",
    "a:\n\t- b\n",
]


def _both(tmp_path, text):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    fast = yamlfile.read_yaml(path)
    original = yamlfile._from_events
    yamlfile._from_events = lambda text, doc: yamlfile._SLOW
    try:
        slow = yamlfile.read_yaml(path)
    finally:
        yamlfile._from_events = original
    return fast, slow


@pytest.mark.parametrize("text", SNIPPETS)
def test_fast_reader_agrees_with_composer(tmp_path, text):
    fast, slow = _both(tmp_path, text)
    assert (fast.data, fast.lines, fast.problems) == (slow.data, slow.lines, slow.problems)


@pytest.mark.parametrize("path", sorted((ROOT / "tests").rglob("*.yaml")),  # the seed copy among them
                         ids=lambda p: p.name)
def test_fast_reader_agrees_on_project_files(tmp_path, path):
    fast, slow = _both(tmp_path, path.read_text(encoding="utf-8"))
    assert (fast.data, fast.lines, fast.problems) == (slow.data, slow.lines, slow.problems)


def test_fast_path_is_taken_for_plain_files():
    text = (ROOT / "tests" / "fixtures" / "seed" / "actors.yaml").read_text(encoding="utf-8")
    assert yamlfile._from_events(text, yamlfile.YamlDoc("x")) is not yamlfile._SLOW
    assert yamlfile._from_events("a: &x 1\nb: *x\n", yamlfile.YamlDoc("x")) is yamlfile._SLOW


def test_scalars_match_pyyaml_values():
    text = SNIPPETS[1]
    expected = yaml.load(text, Loader=yamlfile._NoDatesLoader)
    assert yamlfile._from_events(text, yamlfile.YamlDoc("x")) == expected


LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{k}: &{k} [" + ", ".join([f"*{p}"] * 10) + "]\n" for p, k in zip("abcdefgh", "bcdefghi"))


@pytest.mark.parametrize("text, line, words", [
    (LAUGHS, 4, "expand to more than 10,000 values"),  # 10^9 values if expanded; e: passes 10,000
    ("a: &x " + "[" * 500 + "]" * 500 + "\n", None, "more than 100 levels deep"),  # was a RecursionError
    # no anchor: the fast path
    ("a: " + "{b: " * 150 + "1" + "}" * 150 + "\n", None, "more than 100 levels deep"),
    ("a: &a [*a]\n", None, "more than 100 levels deep"),  # a list that holds itself
])
def test_nesting_and_aliases_beyond_the_limits_are_problems_in_both_readers(tmp_path, text, line, words):
    for doc in _both(tmp_path, text):
        assert doc.data is None and len(doc.problems) == 1, doc.problems
        problem = doc.problems[0]
        assert words in problem.what and problem.fix and (line is None or problem.line == line)


def test_more_than_a_hundred_aliases_are_refused_on_the_events(tmp_path):
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 101) + "]\n"
    fast, _ = _both(tmp_path, text)
    assert [(p.line, "more than 100 aliases" in p.what) for p in fast.problems] == [(2, True)]
    fine, _ = _both(tmp_path, "a: &a x\nb: [" + ", ".join(["*a"] * 100) + "]\n")
    assert fine.problems == [] and fine.data["b"] == ["x"] * 100


def test_a_complex_key_and_a_broken_tag_are_named_plainly(tmp_path):
    for doc in _both(tmp_path, "? [a, b]\n: c\nd: 1\n"):
        assert [(p.line, p.what) for p in doc.problems] == [(1, "a list is used as a key")]
        assert doc.data == {"d": 1}
    for doc in _both(tmp_path, "a: 1\nb: !!binary abc\n"):
        assert [p.line for p in doc.problems] == [2] and "ScalarNode" not in doc.problems[0].what
        assert "tagged !!binary cannot be read" in doc.problems[0].what


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85"])
def test_lines_are_counted_as_an_editor_counts_them(tmp_path, odd):
    for doc in _both(tmp_path, f"a: 'x{odd}y'\nb: 1\nb: 2\n"):
        assert [p.line for p in doc.problems] == [3] and "already given on line 2" in doc.problems[0].what
        assert doc.lines[("b",)] == 2
    for doc in _both(tmp_path, f"a: x{odd}y\nb: 1\n"):  # YAML breaks the line where the editor does not
        assert [p.line for p in doc.problems] == [1], doc.problems
        assert "which YAML reads as a line break" in doc.problems[0].what
        assert doc.problems[0].fix.startswith("delete the invisible character")


def test_files_that_are_not_regular_files_are_problems(tmp_path):
    import os
    folder, pipe, link = tmp_path / "x.yaml", tmp_path / "p.yaml", tmp_path / "l.yaml"
    folder.mkdir()
    os.mkfifo(pipe)  # reading it would block forever
    link.symlink_to(tmp_path / "nowhere.yaml")
    for path, words in ((folder, "is a folder"), (pipe, "not a regular file"), (link, "does not exist")):
        doc = yamlfile.read_yaml(path, what="actor registry")
        assert [(p.line, words in p.what, "actor registry" in p.what)
                for p in doc.problems] == [(0, True, True)]
