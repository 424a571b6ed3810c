"""Every command leaves the articles and the analyst's files byte-identical."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

from helpers import load_corpus
from tests.conftest import FICTIONAL


def _hashes(root):
    return {p.relative_to(root): hashlib.sha256(p.read_bytes()).hexdigest()
            for sub in ("articles", "annotations") for p in (root / sub).rglob("*") if p.is_file()} | {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "actors.yaml", root / "topics.yaml")}


def test_no_command_changes_an_article_or_an_annotation(tmp_path, mixed_pages):
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    (root / "articles" / "new.txt").write_text("Talks resumed in Harbourton on March 3, 2031, officials said.",
                                               encoding="utf-8")
    before = _hashes(root)
    run = lambda *a: subprocess.run([sys.executable, "-m", "helpers", *a], capture_output=True, text=True,  # noqa: E731
                                    timeout=300)
    assert run("validate", str(root)).returncode == 0
    assert run("draft", str(root / "articles" / "new.txt")).returncode == 0
    assert run("draft", str(root / "articles" / "new.txt")).returncode == 1  # refuses to overwrite the draft
    shutil.rmtree(root / "drafts")
    assert run("draft", str(root)).returncode == 0
    load_corpus(root)
    load_corpus(root)
    assert _hashes(root) == before
    # report: `mixed_pages` (conftest.py) renders the mixed corpus once a session and checks that every file
    # of it, and every stored notebook, is byte-identical afterwards
    assert (mixed_pages / "index.html").is_file()
    leftovers = [p for p in root.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
