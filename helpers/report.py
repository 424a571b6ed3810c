"""Render the notebooks to shareable HTML without touching the stored notebooks.

Each notebook is executed afresh (a copy, written to the output folder) with
papermill, which records widget state, then converted to HTML with nbconvert's
lab template. The pages load nothing from the network: the widget script
(``@jupyter-widgets/html-manager``'s ``embed.js``) is served from the output
folder, and the template's CDN scripts (require.js, MathJax) are dropped — the
notebooks use neither. An index page lists each notebook with its headline.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HTML_MANAGER = "@jupyter-widgets/html-manager@1.0.15"  # the release that matches ipywidgets 8
CACHE = Path(__file__).resolve().parents[1] / ".cache" / "web"
_REMOTE_TAG = re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>|<link[^>]*\bhref=\"https?://[^\"]*\"[^>]*>")


def widget_script(cache: Path = CACHE) -> Path:
    """``embed.js`` of the widget HTML manager, fetched once from the npm registry into a cache."""
    target = cache / "html-manager-1.0.15" / "embed.js"
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed once to fetch the widget script for offline pages "
                           "(install Node.js, e.g. apt-get install nodejs npm)")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([npm, "pack", HTML_MANAGER, "--pack-destination", tmp, "--silent"], check=True,
                       stdout=subprocess.DEVNULL)
        tarball = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(tarball) as tar:
            for name in ("package/dist/embed.js", "package/dist/embed.js.LICENSE.txt", "package/LICENSE"):
                try:
                    member = tar.getmember(name)
                except KeyError:
                    continue
                data = tar.extractfile(member).read()
                out = target.parent / Path(name).name
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(data)
    return target


def offline_html(page: str) -> str:
    """The page without tags that load from the network (require.js and MathJax from a CDN)."""
    return _REMOTE_TAG.sub("", page)

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
    static = out / "static"
    static.mkdir(exist_ok=True)
    script = widget_script()
    for extra in script.parent.iterdir():
        shutil.copy(extra, static / extra.name)
    exporter = HTMLExporter(template_name="lab", widget_renderer_url="static/embed.js")
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
        page.write_text(offline_html(body), encoding="utf-8")
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


