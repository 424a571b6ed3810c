"""``python -m helpers …`` as the tests run it: in a process of its own, as an analyst does, or inside the
test's own process.

In the test's process a command skips the second of imports a new process costs. It is for tests of what the
command itself does (its messages, exit code and files). A test of the process around it (a closed pipe, a
terminal's encoding, Ctrl-C, a folder drafted on several processes) runs it in a process of its own.
"""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

from helpers.cli import main


def in_process(*args: str | Path, cwd: str | Path | None = None) -> subprocess.CompletedProcess:
    """Run the command in this process, its output captured; what a new process would answer."""
    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as stop:  # argparse's usage errors
                code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess([sys.executable, "-m", "helpers", *argv], code, out.getvalue(),
                                       err.getvalue())


def in_new_process(*args: str | Path, cwd: str | Path | None = None, timeout: float = 300
                   ) -> subprocess.CompletedProcess:
    """Run the command as an analyst does: ``python -m helpers ARGS`` in a process of its own."""
    return subprocess.run([sys.executable, "-m", "helpers", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)
