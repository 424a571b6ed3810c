"""Render the notebooks to shareable HTML without touching the stored notebooks.

Each notebook is executed afresh (a copy, written to the output folder) with
papermill, which records widget state, then converted to HTML with nbconvert's
lab template. The pages load nothing from the network: the widget script
(``@jupyter-widgets/html-manager``'s ``embed.js``) is served from the output
folder, and the template's CDN scripts (require.js, MathJax) are dropped — the
notebooks use neither. An index page describes the corpus the pages were
computed from and lists each notebook with its headline finding; beside it,
``findings.md`` and ``tables/*.csv`` (see ``findings_log``).

Pages are for people who do not read Python: the code is hidden, not removed.
CSS hides every code cell's input (and cells that show nothing but code, such
as papermill's injected parameters, and stderr) until the reader presses the
one "Show code" button at the top of the page; a few lines of inline script
toggles a class on ``<html>``. ``TemplateExporter.exclude_input`` would drop the
code altogether. Test markers (lines starting ``# NBVAL_``) are taken out of
the rendered code. Charts are kept in whatever form the notebook made them
(SVG preferred over PNG).
"""
from __future__ import annotations

import ast
import copy
import html
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from helpers import paths
from helpers.core.problems import printable
from helpers.present import display
from helpers.present.filter_table import script_safe
from helpers.present.findings_log import FINDING_MARK  # the mark of a checked finding cell

HTML_MANAGER = "@jupyter-widgets/html-manager@1.0.15"  # the release that matches ipywidgets 8
CACHE = paths.CACHE / "web"
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


_NBVAL_LINE = re.compile(r"^\s*# NBVAL_")
CODE_ONLY = "nd-code-only"  # tag for cells with nothing to show a reader but their code
FINDING = "nd-finding"  # tag for checked cells: their printed sentences read as prose in the page
# SVG first: vector charts stay crisp at any zoom; text/csv (display.table) is for files, never the page
DISPLAY_PRIORITY = ["application/vnd.jupyter.widget-view+json", "text/html", "image/svg+xml", "image/png",
                    "image/jpeg", "text/markdown", "text/latex", "application/pdf", "text/plain"]

_READER_CSS = """<style>
html:not(.nd-show-code) .jp-CodeCell .jp-Cell-inputWrapper,
html:not(.nd-show-code) .jp-CodeCell.celltag_nd-code-only,
html:not(.nd-show-code) .jp-CodeCell.celltag_injected-parameters,
html:not(.nd-show-code) .jp-CodeCell.jp-mod-noOutputs,
html:not(.nd-show-code) .jp-OutputArea-child:has(> [data-mime-type="application/vnd.jupyter.stderr"]),
html:not(.nd-show-code) .jp-OutputPrompt,
html:not(.nd-show-code) .jp-MarkdownCell .jp-InputPrompt{display:none}
.celltag_nd-finding .jp-RenderedText pre{
 font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:0.95rem;
 line-height:1.55;white-space:pre-wrap;overflow-wrap:break-word;word-break:normal}
.nd-toolbar{position:sticky;top:0;z-index:10;display:flex;justify-content:flex-end;padding:0.4em 1em;
 background:rgba(255,255,255,0.92);border-bottom:1px solid #e0e0e0}
.nd-toolbar button{font:inherit;font-size:0.9rem;padding:0.25em 0.8em;border:1px solid #888;border-radius:4px;
 background:#f6f6f6;cursor:pointer}
</style>
"""
_TOGGLE = """<div class="nd-toolbar"><button type="button" id="nd-code-toggle" aria-pressed="false" \
title="Show or hide the Python code behind each result">Show code</button></div>
<script>(function () {
  var button = document.getElementById("nd-code-toggle"), root = document.documentElement;
  button.addEventListener("click", function () {
    var shown = root.classList.toggle("nd-show-code");
    button.textContent = shown ? "Hide code" : "Show code"; button.setAttribute("aria-pressed", String(shown));
  });
})();</script>
"""


def html_exporter():
    """The lab-template exporter the report uses: widgets from ``static/embed.js``, SVG before PNG, and the
    widget state's JSON escaped for its ``<script>`` block."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config
    config = Config({"NbConvertBase": {"display_data_priority": DISPLAY_PRIORITY}})
    exporter = HTMLExporter(config=config, template_name="lab", widget_renderer_url="static/embed.js")
    # The template writes the widget state (every Dropdown label, every view's HTML: the analyst's names, titles
    # and text) as JSON inside <script type="application/vnd.jupyter.widget-state+json">, escaping only "/". A
    # "<!--<script>" in a name would still swallow the block's end tag and kill every widget on the page.
    exporter.register_filter("escape_html_script", script_safe)
    return exporter


def for_readers(nb):
    """A copy of an executed notebook ready to render: test markers out of the code, cells that show
    nothing but code (no outputs, or only stderr) tagged so the page hides them with the code."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cell.source.startswith(FINDING_MARK):
            cell.metadata.setdefault("tags", []).append(FINDING)
        cell.source = "\n".join(line for line in cell.source.splitlines() if not _NBVAL_LINE.match(line))
        shown = [o for o in cell.get("outputs", [])
                 if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
        if not shown:
            tags = cell.metadata.setdefault("tags", [])
            if CODE_ONLY not in tags:
                tags.append(CODE_ONLY)
    return nb


def render_page(nb, exporter=None) -> str:
    """An executed notebook as one offline HTML page with its code hidden behind a "Show code" button."""
    from helpers.present.findings_log import title
    exporter = exporter or html_exporter()
    body, _ = exporter.from_notebook_node(for_readers(nb), resources={"metadata": {"name": title(nb)}})
    body = offline_html(body)
    body = body.replace("</head>", _READER_CSS + "</head>", 1)
    body, found = re.subn(r"(<body\b[^>]*>)", lambda m: m.group(1) + "\n" + _TOGGLE, body, count=1)
    if not found:
        raise RuntimeError("the HTML template has no <body> tag to put the code toggle in")
    return body


def notebook_parameters(path: str | Path) -> set[str]:
    """Names assigned in the notebook's cell tagged ``parameters`` (papermill's convention)."""
    from helpers.present.findings_log import read
    names: set[str] = set()
    for cell in read(path).cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:  # IPython magics: fall back to reading `name = …` lines
                names |= set(re.findall(r"(?m)^([A-Za-z_]\w*)\s*(?::[^=\n]*)?=(?!=)", cell.source))
                continue
            for node in tree.body:
                targets = node.targets if isinstance(node, ast.Assign) else \
                    [node.target] if isinstance(node, ast.AnnAssign) else []
                names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def parameters_for(path: str | Path, corpus: str | None, story: str | None, drafts: bool = False) -> dict:
    """The papermill parameters for one notebook: the corpus folder when given, the story and the machine
    drafts when asked and the notebook takes them (a notebook without ``story`` in its parameters cell gets none)."""
    params = {"corpus_folder": str(Path(corpus).resolve())} if corpus else {}
    taken = notebook_parameters(path) if story is not None or drafts else set()
    if story is not None and "story" in taken:
        params["story"] = story
    if drafts and "drafts" in taken:
        params["drafts"] = True
    return params


def describe_corpus(corpus) -> str:
    """One sentence on what a corpus holds: articles, stories, publication dates, unreviewed entries."""
    arts = corpus.articles
    n = len(arts)
    parts = [f"{n:,} article{'' if n == 1 else 's'}"]
    stories = arts["story"].dropna() if "story" in arts else arts.iloc[0:0, 0]
    if len(stories):
        counts = stories.value_counts(sort=False)
        named = ", ".join(f"{label} ({k:,})" for label, k in list(counts.items())[:5])
        more = f" and {len(counts) - 5:,} more" if len(counts) > 5 else ""
        unlabelled = n - len(stories)
        parts[0] += (f" in {len(counts):,} {'story' if len(counts) == 1 else 'stories'}: {named}{more}"
                     + (f"; {unlabelled:,} with no story label" if unlabelled else ""))
    else:
        parts[0] += ", none labelled with a story"
    dates = arts["published"].dropna()
    if dates.empty:
        parts.append("no publication dates")
    else:
        undated = n - len(dates)
        first, last = dates.min(), dates.max()
        span = f"{first:%Y-%m-%d}" if first == last else f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"
        parts.append(f"published {span}" + (f" ({undated:,} undated)" if undated else ""))
    pending = 0 if corpus.unreviewed is None else len(corpus.unreviewed)
    parts.append(f"{pending:,} {'entry' if pending == 1 else 'entries'} not yet reviewed (machine drafts)"
                 if pending else "every entry reviewed")
    return "; ".join(parts) + "."


def build_report(notebooks: str | Path = "notebooks", out: str | Path = "reports", corpus: str | None = None,
                 story: str | None = None, drafts: bool = False) -> int:
    import papermill

    from helpers.core.problems import CorpusError
    from helpers.corpus.load import load_corpus
    from helpers.present import findings_log

    notebooks, out = Path(notebooks), Path(out)
    paths = [p for p in findings_log.notebook_paths(notebooks) if findings_log.shared(findings_log.read(p))]
    if not paths:
        print(f"no notebooks in {notebooks}/", file=sys.stderr)
        return 1
    folder = Path(corpus) if corpus else notebooks.parent / "data"  # the notebooks' own default: ../data
    try:
        loaded = load_corpus(folder, drafts=drafts).only(story)
    except (CorpusError, ValueError) as err:
        print(printable(f"cannot load the corpus in {folder}: {err}"), file=sys.stderr)
        return 1
    if story is not None and not any("story" in notebook_parameters(p) for p in paths):
        print(f"note: no notebook takes a story parameter; story {story!r} is described but not applied",
              file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    (out / "executed").mkdir(exist_ok=True)
    static = out / "static"
    static.mkdir(exist_ok=True)
    script = widget_script()
    for extra in script.parent.iterdir():
        shutil.copy(extra, static / extra.name)
    exporter = html_exporter()
    entries, executed, started = [], [], time.perf_counter()
    for i, path in enumerate(paths, 1):
        t0 = time.perf_counter()
        print(f"[{i}/{len(paths)}] executing {path.name} …", flush=True)
        copy = out / "executed" / path.name
        try:
            with _whole_tables():
                papermill.execute_notebook(str(path), str(copy), parameters=parameters_for(path, corpus, story, drafts),
                                           cwd=str(notebooks), progress_bar=False, kernel_name="python3")
        except papermill.PapermillExecutionError as err:
            print(printable(f"  {path.name} failed in cell {err.exec_count}: {err.ename}: {err.evalue}"),
                  file=sys.stderr)
            print(f"  the partly executed copy is {copy}", file=sys.stderr)
            return 1
        nb = findings_log.read(copy)  # read once: the page, the log and the tables all come from it
        page = out / (path.stem + ".html")
        page.write_text(render_page(nb, exporter), encoding="utf-8")
        found = findings_log.findings(nb)
        entries.append((page.name, findings_log.title(nb), found[0] if found else ""))
        executed.append((path.name, nb))
        print(f"  wrote {page} ({page.stat().st_size / 1024:.0f} KB) in {time.perf_counter() - t0:.1f} s", flush=True)
    where = f"the corpus in {folder}" + (f", story “{story}”" if story is not None else "")
    log = findings_log.markdown(executed, f"executed on {where}")
    (out / "findings.md").write_text(log, encoding="utf-8")
    tables = findings_log.write_tables(executed, out / "tables")
    (out / "index.html").write_text(_index(entries, where, describe_corpus(loaded), len(tables)), encoding="utf-8")
    print(f"wrote {out / 'index.html'}: {len(entries)} pages, findings.md and {len(tables)} tables as CSV "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


@contextmanager
def _whole_tables():
    """Kernels started inside carry every row of each ``display.table`` as CSV (for ``tables/``)."""
    before = os.environ.get(display.WHOLE_TABLES)
    os.environ[display.WHOLE_TABLES] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ[display.WHOLE_TABLES]
        else:
            os.environ[display.WHOLE_TABLES] = before


def _index(entries, where: str, description: str, n_tables: int) -> str:
    items = "\n".join(f'<li><a href="{html.escape(page)}">{html.escape(title)}</a><br>'
                      f"<span>{html.escape(finding)}</span></li>" for page, title, finding in entries)
    tables = (f' and every table shown, as CSV files in <a href="tables/">tables/</a> ({n_tables:,})'
              if n_tables else "")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsdesk reports</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em;line-height:1.5}}
li{{margin:1em 0}}span{{color:#444}}.corpus{{background:#f4f6f8;padding:0.6em 0.9em;border-radius:4px}}</style></head>
<body><h1>newsdesk reports</h1>
<p class="corpus">Computed from {html.escape(where)}: {html.escape(description)}</p>
<p>Each page is a notebook executed afresh on this corpus; under each, its headline finding. The pages
show results, not code: “Show code” at the top of a page shows the Python behind them.
All findings, notebook by notebook: <a href="findings.md">findings.md</a>{tables}.</p>
<ul>
{items}
</ul></body></html>
"""
