"""Command line: ``python -m helpers validate [FOLDER]`` and ``python -m helpers report``."""
from __future__ import annotations

import argparse
import sys

from pathlib import Path

from .corpus import _read, unannotated_articles


def validate(folder: str) -> int:
    corpus, problems = _read(folder)
    if problems:
        for problem in sorted(problems):
            print(problem)
        n = len(problems)
        print(f"{n} problem{'s' if n != 1 else ''} found; nothing was changed.", file=sys.stderr)
        return 1
    print(f"{folder}: {len(corpus.articles)} articles, {len(corpus.actors)} actors, {len(corpus.mentions)} mentions, "
          f"{len(corpus.statements)} statements, {len(corpus.deadlines)} deadlines — no problems.")
    waiting = unannotated_articles(Path(folder))
    if waiting:
        names = ", ".join(p.name for p in waiting[:5]) + (" …" if len(waiting) > 5 else "")
        print(f"note: {len(waiting)} article(s) have no annotation yet and are not loaded: {names}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description="newsdesk helpers")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every file of a corpus folder; exit 1 if any problem")
    check.add_argument("folder", nargs="?", default="data", help="corpus folder (default: data)")
    report = commands.add_parser("report", help="execute copies of the notebooks and render them to HTML")
    report.add_argument("--out", default="reports", help="folder for the rendered pages (default: reports)")
    report.add_argument("--notebooks", default="notebooks", help="folder of notebooks (default: notebooks)")
    report.add_argument("--corpus", default=None, help="run the notebooks on another corpus folder")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.folder)
    from .report import build_report
    return build_report(args.notebooks, args.out, args.corpus)


if __name__ == "__main__":
    sys.exit(main())
