"""Render the notebooks to shareable HTML without touching the stored notebooks.

Each notebook is executed afresh (a copy, written to the output folder) with
papermill, which records widget state, then converted to HTML with nbconvert's
lab template. An index page lists each notebook with its first finding.
"""
from __future__ import annotations

import html
import sys
import time
from pathlib import Path

FINDING_MARK = "# NBVAL_CHECK_OUTPUT"


def build_report(notebooks: str | Path = "notebooks", out: str | Path = "reports", corpus: str | None = None) -> int:
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    notebooks, out = Path(notebooks), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "executed").mkdir(exist_ok=True)
    paths = sorted(p for p in notebooks.glob("*.ipynb") if not p.name.startswith("."))
    if not paths:
        print(f"no notebooks in {notebooks}/", file=sys.stderr)
        return 1
    params = {"corpus_folder": str(Path(corpus).resolve())} if corpus else {}
    exporter = HTMLExporter(template_name="lab")
    entries, started = [], time.perf_counter()
    for i, path in enumerate(paths, 1):
        t0 = time.perf_counter()
        print(f"[{i}/{len(paths)}] executing {path.name} …", flush=True)
        executed = out / "executed" / path.name
        try:
            papermill.execute_notebook(str(path), str(executed), parameters=params, cwd=str(notebooks),
                                       progress_bar=False, kernel_name="python3")
        except papermill.PapermillExecutionError as err:
            print(f"  {path.name} failed in cell {err.exec_count}: {err.ename}: {err.evalue}", file=sys.stderr)
            print(f"  the partly executed copy is {executed}", file=sys.stderr)
            return 1
        nb = nbformat.read(executed, as_version=4)
        body, _ = exporter.from_notebook_node(nb)
        page = out / (path.stem + ".html")
        page.write_text(body, encoding="utf-8")
        entries.append((page.name, _title(nb), _first_finding(nb)))
        print(f"  wrote {page} ({page.stat().st_size / 1024:.0f} KB) in {time.perf_counter() - t0:.1f} s", flush=True)
    source = f"the corpus in {corpus}" if corpus else "the bundled data"
    (out / "index.html").write_text(_index(entries, source), encoding="utf-8")
    print(f"wrote {out / 'index.html'}: {len(entries)} pages in {time.perf_counter() - started:.1f} s")
    return 0


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "notebook"


def _first_finding(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith(FINDING_MARK):
            for output in cell.get("outputs", []):
                if output.get("name") == "stdout":
                    lines = [ln for ln in output.get("text", "").splitlines() if ln.strip()]
                    if lines:
                        return lines[0]
    return ""


def _index(entries, source: str) -> str:
    items = "\n".join(f'<li><a href="{html.escape(page)}">{html.escape(title)}</a><br>'
                      f"<span>{html.escape(finding)}</span></li>" for page, title, finding in entries)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsdesk reports</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}}li{{margin:1em 0}}
span{{color:#444}}</style></head>
<body><h1>newsdesk reports</h1><p>Each page is a notebook executed afresh on {html.escape(source)};
under each, its headline finding.</p>
<ul>
{items}
</ul></body></html>
"""


