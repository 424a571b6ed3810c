"""Command line: ``python -m helpers validate [FOLDER]``, ``report``, ``notebooks`` and the drafting tools."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.core.problems import printable
from helpers.corpus.files import unannotated_articles
from helpers.corpus.load import read_corpus, validate_file
from helpers.paths import MODELS


def _say(text: str, **kwargs) -> None:
    """Print a line that may quote an analyst's file names or text: control characters shown as escapes."""
    print(printable(text), **kwargs)


def _report_problems(problems) -> int:
    for problem in sorted(problems):
        _say(str(problem))
    n = len(problems)
    print(f"{n} problem{'s' if n != 1 else ''} found; nothing was changed.", file=sys.stderr)
    return 1


def validate_one(path: Path) -> int:
    result, problems = validate_file(path)
    if problems:
        return _report_problems(problems)
    _say(f"{path}: {len(result.mentions)} mentions, {len(result.statements)} statements, "
         f"{len(result.deadlines)} deadlines — no problems.")
    if result.unreviewed:
        _say(f"note: {len(result.unreviewed)} drafted entries "
             "still carry review fields (check:, confidence:)")
    return 0


def validate(folder: str) -> int:
    if Path(folder).is_file() or Path(folder).suffix.lower() in (".yaml", ".yml"):
        return validate_one(Path(folder))
    corpus, problems = read_corpus(folder)
    if problems:
        return _report_problems(problems)
    _say(f"{folder}: {len(corpus.articles)} articles, {len(corpus.actors)} actors, {len(corpus.mentions)} "
         f"mentions, {len(corpus.statements)} statements, {len(corpus.deadlines)} deadlines — no problems.")
    if len(corpus.unreviewed):
        files = sorted(set(corpus.unreviewed["path"]))
        _say(f"note: {len(corpus.unreviewed)} drafted entries still carry review fields "
             f"(check:, confidence:) in {', '.join(files[:3])}{' …' if len(files) > 3 else ''}")
    waiting = unannotated_articles(Path(folder))
    if waiting:
        names = ", ".join(p.name for p in waiting[:5]) + (" …" if len(waiting) > 5 else "")
        _say(f"note: {len(waiting)} article(s) have no annotation yet and are not loaded: {names}")
    _waiting_drafts(Path(folder))
    return 0


def _waiting_drafts(folder: Path) -> None:
    """Say how many drafts wait for review, and name those that would not load beside the annotations
    (``load_corpus(drafts=True)`` leaves them out): they are machine output, so a note, not a failure."""
    from helpers.corpus.load import load_corpus
    from helpers.corpus.review_edits import waiting_draft_names
    drafts = waiting_draft_names(folder)
    if not drafts:
        return
    _say(f"note: {len(drafts)} draft(s) wait for review in {folder / 'drafts'}/ (review them in "
         "notebooks/5-review.ipynb)")
    bad = load_corpus(folder, drafts=True).draft_problems
    if bad:
        names = sorted({Path(p.path).name for p in bad})
        _say(f"note: {len(names)} of them would not load beside the annotations and are "
             "left out of load_corpus(drafts=True): "
             f"{', '.join(names[:5])}{' …' if len(names) > 5 else ''}; the first problem:")
        _say(f"  {sorted(bad)[0]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description="newsdesk helpers")
    commands = parser.add_subparsers(dest="command", required=True)
    for add in (_validate, _draft, _ingest, _evaluate, _train, _compile_dask, _report, _notebooks, _actors):
        add(commands)
    args = parser.parse_args(argv)
    try:
        from helpers.core.output import tolerant_output
        return tolerant_output(lambda: args.run(args))
    # Ctrl-C: files are written whole or not at all, so a second run finishes the job
    except KeyboardInterrupt:
        print(f"\n{args.command}: interrupted; run it again to finish what it had left", file=sys.stderr)
        return 130


# One function per command: its options, and what runs it (imported only when that command runs).

def _validate(commands) -> None:
    check = commands.add_parser("validate",
                                help="check every file of a corpus folder, or one "
                                     "annotation or draft file; exit 1 if any problem")
    check.add_argument("folder", nargs="?", default="data", metavar="PATH",
                       help="corpus folder, or one annotation/draft .yaml file (default: data)")
    check.set_defaults(run=lambda args: validate(args.folder))


def _draft(commands) -> None:
    draft = commands.add_parser("draft",
                                help="draft annotations for an article, or for every unannotated "
                                     "article of a folder, into the corpus's drafts/ folder")
    draft.add_argument("path", help="an article .txt file, a corpus folder, or its articles/ folder")
    draft.add_argument("--reference-date", default=None, metavar="YYYY-MM-DD",
                       help="the day the article was published, for every article drafted, in place "
                            "of a date it states (default: a date the article states about itself)")
    draft.add_argument("--json", action="store_true",
                       help="print the draft as JSON instead of writing it; a folder: a list, one "
                            "per article without an annotation (drafted already or not), on one core")
    draft.add_argument("--out", default=None,
                       help="folder for the drafts, whose proposed actors the new "
                            "drafts reuse (default: drafts/ in the corpus folder)")
    draft.add_argument("--jobs", type=int, default=None, help="processes for a folder (default: every core)")
    draft.add_argument("--story", default=None, metavar="LABEL",
                       help="story label for every draft written (metadata story:, at most 60 "
                            "characters); the drafts get that story's topics and those of every story")

    def run(args) -> int:
        from helpers.drafting.draft_cli import run_draft
        return run_draft(args.path, args.reference_date, args.json, args.out, args.jobs, args.story)
    draft.set_defaults(run=run)


def _ingest(commands) -> None:
    ingest = commands.add_parser("ingest",
                                 help="add saved web pages (.html/.htm) and texts "
                                      "(.txt) to a corpus, each with a draft to review")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="pages, texts, or folders holding them")
    ingest.add_argument("--corpus", default="data",
                        help="corpus folder, the one holding actors.yaml (default: data)")
    ingest.add_argument("--new", action="store_true",
                        help="make --corpus a new corpus (a new or empty folder: an "
                             "empty actors.yaml and topics.yaml are written there)")
    ingest.add_argument("--reference-date", default=None, metavar="YYYY-MM-DD",
                        help="publication date for inputs whose page states none")
    ingest.add_argument("--json", action="store_true",
                        help="print one JSON object per input instead of a summary")
    ingest.add_argument("--story", default=None, metavar="LABEL",
                        help="story label for every draft written (metadata story:, at most 60 characters)")

    def run(args) -> int:
        from helpers.ingest.ingest_cli import run_ingest
        return run_ingest(args.paths, args.corpus, args.reference_date, args.json, args.story, args.new)
    ingest.set_defaults(run=run)


def _evaluate(commands) -> None:
    evaluate = commands.add_parser("evaluate", help="measure the drafter on the seed and on gold corpora")
    evaluate.add_argument("corpora", nargs="?", default="../shared/corpora",
                          help="folder holding tempeval3-tbaq/ and polnear-dev/ (default: ../shared/corpora)")
    evaluate.add_argument("--out", default="reports/evaluation",
                          help="folder for the CSV (default: reports/evaluation)")
    evaluate.add_argument("--reviewed", default=None, metavar="FOLDER",
                          help="also draft every article of this reviewed "
                               "corpus and score the drafts against it")
    evaluate.add_argument("--registry", default=None, metavar="CORPUS",
                          help="with --reviewed: a corpus folder whose actors.yaml "
                               "the drafter knows (default: the reviewed corpus's "
                               "own), e.g. a copy from before the story was annotated")
    from helpers.paths import MEASURED_RATES
    evaluate.add_argument("--rates", default=str(MEASURED_RATES), metavar="FILE",
                          help="where the drafter's error rates are saved when both gold corpora "
                               "were measured (default: %(default)s, which notebooks quote in place "
                               f"of the shipped {MODELS / 'drafter-accuracy.csv'}, left unchanged)")

    def run(args) -> int:
        from helpers.evaluation.evaluate import run
        return run(args.corpora, args.out, args.reviewed, args.registry, Path(args.rates))
    evaluate.set_defaults(run=run)


def _train(commands) -> None:
    train = commands.add_parser("train",
                                help="train the drafter's attribution model and entity "
                                     "tagger on PolNeAR train and print their dev scores "
                                     "(exits 0, keeping the shipped models, without corpora)")
    train.add_argument("corpora", nargs="?", default="../shared/corpora",
                       help="folder holding polnear-train/ and polnear-dev/ (default: ../shared/corpora)")

    def run(args) -> int:
        from helpers.evaluation.train_attribution import run
        return run(args.corpora)
    train.set_defaults(run=run)


def _compile_dask(commands) -> None:
    dask = commands.add_parser("compile-dask",
                               help="compile a corpus on Dask into a partitioned Parquet dataset")
    dask.add_argument("folder", help="corpus folder")
    dask.add_argument("out", help="folder for the dataset (one subfolder per table)")
    dask.add_argument("--scheduler", default=None,
                      help="address of a Dask scheduler (default: a local cluster)")
    dask.add_argument("--partitions", type=int, default=None,
                      help="number of partitions (default: 200 files each)")

    def run(args) -> int:
        from helpers.corpus.dask_compile import compile_dask
        found = compile_dask(args.folder, args.out, args.scheduler, args.partitions)
        if found and not (Path(args.out) / "mentions").is_dir():  # refused before compiling: nothing written
            for problem in found:
                _say(str(problem))
            print(f"wrote nothing to {args.out}", file=sys.stderr)
            return 1
        for problem in found:
            _say(str(problem))
        print(f"wrote the dataset to {args.out}" + (f"; {len(found)} problems" if found else ""))
        return 1 if found else 0
    dask.set_defaults(run=run)


def _report(commands) -> None:
    report = commands.add_parser("report", help="execute copies of the notebooks and render them to HTML")
    report.add_argument("--out", default=None,
                        help="folder for the rendered pages: a new or empty folder, or one a "
                             "report was written to before (default: reports/ in the project)")
    report.add_argument("--notebooks", default=None,
                        help="folder of notebooks (default: notebooks/ in the project)")
    report.add_argument("--corpus", default=None, help="run the notebooks on another corpus folder "
                                                       "(default: data/ beside the notebooks)")
    report.add_argument("--drafts", action="store_true",
                        help="also the machine drafts of articles not "
                             "yet reviewed (each marked ⚑ unreviewed)")
    report.add_argument("--rerun", action="store_true",
                        help="execute every notebook, also those whose notebook, "
                             "parameters, corpus, code and quoted error rates are "
                             "those of their page in the report folder (kept otherwise)")
    report.add_argument("--story", default=None, metavar="LABEL",
                        help="only the articles with this story label "
                             "(for notebooks that take a story parameter)")

    def run(args) -> int:
        from helpers.paths import PROJECT
        from helpers.present.report import build_report
        out = Path(args.out) if args.out else PROJECT / "reports"
        try:
            return build_report(args.notebooks, out, args.corpus, args.story, args.drafts, args.rerun)
        except KeyboardInterrupt:  # the report is built beside the folder and swapped in whole, or not at all
            import logging
            # a kernel stopped mid-cell leaves nbclient's pending task to be collected at exit, where asyncio
            # would print its DeadKernelError as a traceback under the one-line account
            logging.getLogger("asyncio").disabled = True
            print(f"\nreport: interrupted; nothing was changed in {out}", file=sys.stderr)
            return 130
    report.set_defaults(run=run)


def _notebooks(commands) -> None:
    rerun = commands.add_parser("notebooks",
                                help="re-execute the stored notebooks in place, print the "
                                     "findings that changed and rewrite FINDINGS.md beside them")
    rerun.add_argument("--folder", default="notebooks", help="folder of notebooks (default: notebooks)")
    rerun.add_argument("--log-only", action="store_true",
                       help="only rewrite FINDINGS.md from the notebooks as stored (no execution)")

    def run(args) -> int:
        from helpers.present.findings_log import run_notebooks
        return run_notebooks(args.folder, execute=not args.log_only)
    rerun.set_defaults(run=run)


def _actors(commands) -> None:
    from helpers.corpus.registry import ACTOR_KINDS
    actors = commands.add_parser("actors",
                                 help="merge two actors, or change one, in actors.yaml, "
                                      "every annotation and every waiting draft")
    actions = actors.add_subparsers(dest="action", required=True)
    merge = actions.add_parser("merge",
                               help="make OLD and NEW one actor, NEW: every entry naming OLD names NEW, "
                                    "OLD's name and aliases become NEW's aliases, OLD leaves actors.yaml")
    merge.add_argument("old", metavar="OLD", help="the id that goes")
    merge.add_argument("new", metavar="NEW", help="the id that stays")
    edit = actions.add_parser("edit",
                              help="change a registered actor; a new id is "
                                   "rewritten in every annotation and draft")
    edit.add_argument("actor_id", metavar="ID", help="the actor's id in actors.yaml")
    edit.add_argument("--id", dest="new_id", default=None, metavar="NEW_ID", help="a new id")
    edit.add_argument("--name", default=None, help="a new display name")
    edit.add_argument("--kind", default=None, choices=ACTOR_KINDS)
    edit.add_argument("--add-alias", nargs="+", action="extend", default=[], metavar="ALIAS",
                      help="names to add to its aliases")
    edit.add_argument("--remove-alias", nargs="+", action="extend", default=[], metavar="ALIAS",
                      help="names to remove from its aliases")
    for action in (merge, edit):
        action.add_argument("--corpus", default="data", help="corpus folder (default: data)")
        action.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")

    def run(args) -> int:
        from helpers.corpus.actor_edits import run_edit, run_merge
        if args.action == "merge":
            return run_merge(args.corpus, args.old, args.new, args.dry_run)
        return run_edit(args.corpus, args.actor_id, args.new_id, args.name, args.kind, args.add_alias,
                        args.remove_alias, args.dry_run)
    actors.set_defaults(run=run)
