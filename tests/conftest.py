"""Shared fixtures: the bundled seed corpus, the fictional corpus, and broken copies."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from helpers import load_corpus

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FICTIONAL = ROOT / "tests" / "fixtures" / "fictional"
SEED = "000_d8227443fd9b5b39"

# the tests' corpus caches go to a throwaway folder, not the project's .cache/
os.environ.setdefault("NEWSDESK_CACHE", tempfile.mkdtemp(prefix="newsdesk-cache-"))


@pytest.fixture(scope="session")
def seed():
    return load_corpus(DATA)


@pytest.fixture(scope="session")
def fictional():
    return load_corpus(FICTIONAL)


@pytest.fixture
def broken(tmp_path):
    """broken(old, new) → a copy of data/ whose seed annotation has ``old`` replaced by ``new``."""
    def make(old: str = "", new: str = "", file: str = f"annotations/{SEED}.yaml", count: int = 1) -> Path:
        copy = tmp_path / "data"
        if not copy.exists():
            shutil.copytree(DATA, copy)
        if old or new:
            target = copy / file
            text = target.read_text(encoding="utf-8")
            assert old in text, f"test setup: {old!r} not in {file}"
            target.write_text(text.replace(old, new, count), encoding="utf-8")
        return copy
    return make
