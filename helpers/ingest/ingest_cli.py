"""``python -m helpers ingest``: pages and texts into a corpus, each result printed as it is written (or as
JSON), then a summary."""
from __future__ import annotations

import datetime as dt
import json
import sys

from helpers.core.output import say, tolerant_output
from helpers.ingest.ingest import Ingested, IngestError, ingest_each, inputs, open_corpus, story_label


def run_ingest(paths: list[str], corpus: str, reference: str | None, as_json: bool,
               story: str | None = None, new: bool = False) -> int:
    return tolerant_output(lambda: _run(paths, corpus, reference, as_json, story, new))


def _run(paths: list[str], corpus: str, reference: str | None, as_json: bool, story: str | None,
         new: bool) -> int:
    try:
        day = dt.date.fromisoformat(reference) if reference else None
    except ValueError:
        say(f"ingest: --reference-date {reference!r} is not a date of the form YYYY-MM-DD", error=True)
        return 1
    try:
        label = story_label(story)
        root = open_corpus(corpus, new)
    except IngestError as err:
        say(f"ingest: {err}", error=True)
        return 1
    files = inputs(paths)
    if not files:
        say(f"ingest: no .html, .htm or .txt file in {', '.join(paths)}", error=True)
        return 1
    results: list[Ingested] = []
    try:
        _each(ingest_each(files, root, day, label), len(files), as_json, results)
    except KeyboardInterrupt:
        say(f"\ningest: interrupted after {len(results)} of {len(files)} inputs "
            "(each listed above); what was written is whole: run it again to finish", error=True)
        return 130
    return _summary(results, corpus)


def _each(results, total: int, as_json: bool, done: list[Ingested]) -> None:
    """Show each result as it comes (a line, or an item of the JSON list), the progress bar below them."""
    from tqdm import tqdm

    with tqdm(total=total, desc="ingesting", unit="file", file=sys.stderr, disable=True if as_json
              else None) as bar:
        if as_json:
            print("[", end="", flush=True)
        try:
            for result in results:
                with tqdm.external_write_mode(file=sys.stdout):
                    if as_json:
                        _json_item(result, first=not done)
                    else:
                        _line(result)
                done.append(result)
                bar.update(1)
        finally:
            if as_json:
                print("\n]", flush=True)  # a valid list, even of an interrupted run


def _json_item(result: Ingested, first: bool) -> None:
    item = json.dumps(result.as_json(), ensure_ascii=False, indent=1).replace("\n", "\n ")
    print(("\n " if first else ",\n ") + item, end="", flush=True)


def _line(r: Ingested) -> None:
    if r.skipped:
        say(f"skipped {r.skipped}", error=True)
        return
    made = f"{r.text_path}" + (f", draft {r.draft_path}" if r.draft_path else "")
    say(f"{r.input} → {made} ({r.published or 'no date'}; {r.title or 'untitled'})")
    for note in r.notes:
        say(f"  note: {note}")


def _summary(results: list[Ingested], corpus: str) -> int:
    added = [r for r in results if not r.skipped and not r.completed]
    completed = sum(r.completed for r in results)
    repeated = sum(r.skipped is not None and "already in the corpus" in r.skipped for r in results)
    failed = len(results) - len(added) - completed - repeated
    undrafted = sum(r.draft_path is None for r in added)
    say(f"ingested {len(added)} of {len(results)} into {corpus}"
        + (f" ({undrafted} without a draft: see the notes)" if undrafted else "")
        + (f"; {repeated} already there" if repeated else "")
        + (f"; {completed} already there but left unfinished by an earlier run, now completed" if completed
           else "")
        + (f"; {failed} failed (see above)" if failed else "")
        + ("; review the drafts in notebooks/5-review.ipynb or edit them, then move them to annotations/"
           if any(r.draft_path for r in results if not r.skipped) else ""), error=True)
    return 1 if failed else 0
