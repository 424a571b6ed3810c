"""A copy of the fictional corpus each test may change."""
import shutil

import pytest

from tests.conftest import FICTIONAL


@pytest.fixture
def corpus_copy(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    return root
