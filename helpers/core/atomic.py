"""Writing a file whole or not at all: through a temporary file beside it and a rename."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def _default_mode() -> int:
    # the mode a plain open() would give a new file: 0666 less the umask (read without changing it for long)
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(path: Path, content: str | bytes, exclusive: bool = False) -> None:
    """Write ``path`` whole or not at all. A symlink is followed: the file it points at is replaced and the
    link stays (a shared actors.yaml stays shared). The file keeps its permissions; a new one gets those a
    plain ``open`` would give it, not the temporary file's owner-only 0600. ``exclusive``: FileExistsError
    when ``path`` exists (checked just before the rename), and nothing is written."""
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = _default_mode()
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.chmod(tmp, mode)
        if exclusive and os.path.lexists(path):
            raise FileExistsError(str(path))
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
