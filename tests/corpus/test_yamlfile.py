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
