"""Problems found in an analyst's files, and the one exception that carries them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: where, what, and how to fix it."""

    path: str
    line: int
    what: str
    fix: str = ""

    def __str__(self) -> str:
        fix = f" — {self.fix}" if self.fix else ""
        return f"{self.path}:{self.line}: {self.what}{fix}"


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
