"""Output that ends quietly: a pipe closed early, or a terminal whose encoding lacks some characters."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable


def say(text: str, error: bool = False) -> None:
    """Print one line now (flushed: a run killed later has still said what it did); control characters
    escaped."""
    from helpers.core.problems import printable
    print(printable(text), file=sys.stderr if error else sys.stdout, flush=True)


def tolerant_output(run: Callable[[], int]) -> int:
    """Run a command whose output may go to a pipe closed early (``| head -1``) or to a terminal in an
    encoding that lacks some characters: what cannot be encoded is replaced, and a closed pipe ends the
    command quietly (exit 1; what was written stays whole, so running it again finishes the job)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        code = run()
        sys.stdout.flush()  # here, not at exit, where a closed pipe would still be reported
        return code
    except BrokenPipeError:
        _discard_output()
        return 1


def _discard_output() -> None:
    """Point stdout (and stderr, when it is a closed pipe too) at /dev/null, so that Python's flush at exit
    does not meet the closed pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        sys.stderr.flush()
        streams = (sys.stdout,)
    except (BrokenPipeError, ValueError):
        streams = (sys.stdout, sys.stderr)
    for stream in streams:
        try:
            os.dup2(devnull, stream.fileno())
        # a stream without a file descriptor (captured in tests)
        except (OSError, ValueError, AttributeError):
            pass
    os.close(devnull)
