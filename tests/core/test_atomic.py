"""Files written whole: a symlink followed and kept, permissions kept, a new file as open() would make it."""
from __future__ import annotations

import os
import stat

import pytest

from helpers.core.atomic import write_atomically


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_symlinked_file_is_written_through_its_link_and_keeps_its_mode(tmp_path):
    shared = tmp_path / "shared" / "actors.yaml"
    shared.parent.mkdir()
    shared.write_text("- id: a\n", encoding="utf-8")
    shared.chmod(0o664)
    link = tmp_path / "corpus" / "actors.yaml"
    link.parent.mkdir()
    link.symlink_to(shared)
    write_atomically(link, "- id: a\n- id: b\n")
    assert link.is_symlink() and shared.read_text(encoding="utf-8") == "- id: a\n- id: b\n"
    assert _mode(shared) == 0o664
    assert sorted(p.name for p in shared.parent.iterdir()) == ["actors.yaml"]  # no temporary file left


def test_a_new_file_gets_the_mode_a_plain_open_gives_not_owner_only(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.yaml", "x: 1\n")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.yaml") == 0o644


def test_exclusive_never_replaces_a_file(tmp_path):
    path = tmp_path / "draft.yaml"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomically(path, "theirs\n", exclusive=True)
    assert path.read_text(encoding="utf-8") == "mine\n" and len(list(tmp_path.iterdir())) == 1
