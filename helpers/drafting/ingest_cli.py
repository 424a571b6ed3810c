"""``python -m helpers ingest``: pages and texts into a corpus, a summary (or JSON) of what became of each."""
from __future__ import annotations

import datetime as dt
import json
import sys

from helpers.core.problems import printable
from helpers.drafting.ingest import IngestError, ingest


def run_ingest(paths: list[str], corpus: str, reference: str | None, as_json: bool,
               story: str | None = None) -> int:
    try:
        day = dt.date.fromisoformat(reference) if reference else None
    except ValueError:
        print(f"ingest: --reference-date {reference!r} is not a date of the form YYYY-MM-DD", file=sys.stderr)
        return 1
    try:
        results = ingest(paths, corpus, day, progress=not as_json, story=story)
    except IngestError as err:
        print(printable(f"ingest: {err}"), file=sys.stderr)
        return 1
    if not results:
        print(f"ingest: no .html, .htm or .txt file in {', '.join(paths)}", file=sys.stderr)
        return 1
    if as_json:
        json.dump([r.as_json() for r in results], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for r in results:
            if r.skipped:
                print(printable(f"skipped {r.skipped}"), file=sys.stderr)
                continue
            made = f"{r.text_path}" + (f", draft {r.draft_path}" if r.draft_path else "")
            print(printable(f"{r.input} → {made} ({r.published or 'no date'}; {r.title or 'untitled'})"))
            for note in r.notes:
                print(printable(f"  note: {note}"))
    added = [r for r in results if not r.skipped]
    repeated = sum(r.skipped is not None and "already in the corpus" in r.skipped for r in results)
    failed = len(results) - len(added) - repeated
    undrafted = sum(r.draft_path is None for r in added)
    print(f"ingested {len(added)} of {len(results)} into {corpus}"
          + (f" ({undrafted} without a draft: see the notes)" if undrafted else "")
          + (f"; {repeated} already there" if repeated else "") + (f"; {failed} failed (see above)" if failed else "")
          + ("; review the drafts in notebooks/5-review.ipynb or edit them, then move them to annotations/"
             if any(r.draft_path for r in added) else ""), file=sys.stderr)
    return 1 if failed else 0
