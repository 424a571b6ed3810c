"""Input limits and problems' text: a path is read only when it is a regular, readable file within its limit,
and a problem quoting a huge value stays readable."""
from __future__ import annotations

import os

from helpers.core.limits import unreadable
from helpers.core.problems import Problem


def test_each_kind_of_path_is_named(tmp_path):
    (tmp_path / "ok.txt").write_text("words", encoding="utf-8")
    (tmp_path / "big.txt").write_bytes(b"x" * 2_000)
    (tmp_path / "folder.yaml").mkdir()
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "gone.yaml").symlink_to("nowhere.yaml")
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    assert unreadable(tmp_path / "ok.txt", 100) is None
    said = {name: unreadable(tmp_path / name, 1_000, "article file")[0]
            for name in ("big.txt", "folder.yaml", "pipe.yaml", "gone.yaml", "a.yaml", "missing.txt")}
    assert "over the limit" in said["big.txt"] and "folder" in said["folder.yaml"]
    assert (
        "not a regular file" in said["pipe.yaml"]
        and "'nowhere.yaml', which does not exist" in said["gone.yaml"]
    )
    assert "leads back to itself" in said["a.yaml"] and "does not exist" in said["missing.txt"]
    assert all(what.startswith("the article file") for what in said.values())


def test_a_huge_quoted_value_is_shown_by_its_ends():
    shown = str(Problem("a.yaml", 2, "the title '" + "x" * 20_000 + "' does not stand alone", "quote it"))
    assert len(shown) < 500 and "(20,000 characters)" in shown and shown.endswith("does not stand "
                                                                                  "alone — quote it")
    short = "the words 'peace talks' are not in the article"
    assert str(Problem("a.yaml", 3, short, "copy them")) == f"a.yaml:3: {short} — copy them"
