"""What newsdesk reads, and how much of it: one place for every input limit (documented in data/README.md).

A news article is a few KB and its annotation a few tens; the limits sit far above any real one and low enough
that checking, loading and drafting the largest allowed input finish in seconds. Only regular files are read:
a FIFO or a device would block a load forever, and a link that leads nowhere is a mistake to name.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_ARTICLE_BYTES = 5_000_000  # an article text (articles/*.txt)
# an annotation or draft, actors.yaml, topics.yaml (a few KB each in practice)
MAX_ANNOTATION_BYTES = 20_000_000
MAX_PAGE_BYTES = 20_000_000  # a saved web page or text given to ingest

# What one YAML file may make the reader build: an annotation nests five levels and uses no aliases, while a
# 1 KB file of nested aliases ("billion laughs") expands to 10^9 values and 500 nested brackets exhaust
# Python's recursion.
MAX_DEPTH = 100  # nested lists and mappings
MAX_ALIASES = 100  # uses of '*name' in one file
MAX_EXPANDED = 10_000  # values copied by aliases, all together


def unreadable(path: str | os.PathLike, limit: int | None = None, what: str = "file") -> tuple[str,
                                                                                               str] | None:
    """Why ``path`` cannot be read as one of the analyst's files, as (what is wrong, how to fix it); None when
    it can: it exists, is a regular file (after links), is readable and is no larger than ``limit`` bytes."""
    path = Path(path)
    if "\0" in str(path):
        return f"the {what} name holds a NUL character", "rename the file"
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return (f"the {what} is a link to {os.readlink(path)!r}, which does not exist",
                    "point the link at the file, or put the file itself here")
        return f"the {what} does not exist", "check the name and folder"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return (f"the {what} is a link that leads back to itself (through other links)",
                    "point the link at the file, or put the file itself here")
        return f"the {what} cannot be read ({err.strerror})", "check the file's permissions"
    if stat.S_ISDIR(info.st_mode):
        return f"the {what} is a folder", "move the folder elsewhere; only files belong here"
    if not stat.S_ISREG(info.st_mode):
        return (f"the {what} is not a regular file (a pipe, socket or device)",
                "replace it with the file itself; newsdesk reads regular files only")
    if not os.access(path, os.R_OK):
        return f"the {what} cannot be read (permission denied)", "give yourself read permission (chmod u+r)"
    if limit is not None and info.st_size > limit:
        return (f"the {what} is {info.st_size / 1e6:.1f} MB, over the limit of {limit / 1e6:.0f} MB",
                "check it is the right file; split it if it holds many")
    return None
