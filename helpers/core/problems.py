"""Problems found in an analyst's files, and the one exception that carries them.

A problem quotes the analyst's text (the words not found, the closest passage), and that text may hold
terminal escape sequences, carriage returns or backspaces; printed raw they would clear the screen, retitle
the window or overwrite the message. ``printable`` shows each such character as a visible escape instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# C0 and C1 controls (DEL too) but newline and tab, and the bidirectional overrides and isolates that reorder
# what a terminal shows (U+202A-U+202E, U+2066-U+2069): each is shown as its escape, e.g. "\x1b", "\u202e"
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# A quoted value longer than any real one (a 20 MB title on one line) is shown by its two ends: the message
# must stay readable, and the analyst finds the value by its line.
_LONG_QUOTE = re.compile(r"'[^'\n]{1000,}'|\"[^\"\n]{1000,}\"")


def _clip(match: re.Match) -> str:
    quoted = match.group()
    return f"{quoted[:201]}… ({len(quoted) - 2:,} characters) …{quoted[-101:]}"


def printable(text: str, keep: str = "\n\t") -> str:
    """``text`` safe to write to a terminal: control characters (but those in ``keep``) as visible escapes."""
    return _UNPRINTABLE.sub(lambda m: m.group() if m.group() in keep else _escape(m), str(text))


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: where, what, and how to fix it."""

    path: str
    line: int
    what: str
    fix: str = ""

    def __str__(self) -> str:
        fix = f" — {_LONG_QUOTE.sub(_clip, self.fix)}" if self.fix else ""
        return printable(f"{self.path}:{self.line}: {_LONG_QUOTE.sub(_clip, self.what)}{fix}")


class CorpusError(Exception):
    """Raised by ``load_corpus`` when files have problems; lists them all, sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the corpus (fix them, then load again):"
        return "\n".join([head, *map(str, self.problems)])

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a stack: the analyst needs the list, not our internals.
        return [self._summary()]
