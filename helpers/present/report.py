"""Render the notebooks to shareable HTML without touching the stored notebooks.

Each notebook is executed afresh (a copy, written to the output folder) with
papermill, which records widget state, then converted to HTML with nbconvert's
lab template. The pages load nothing from the network: the widget script
(``@jupyter-widgets/html-manager``'s ``embed.js``) is served from the output
folder, and the template's CDN scripts (require.js, MathJax) are dropped — the
notebooks use neither. An index page describes the corpus the pages were
computed from and lists each notebook with its headline finding; beside it,
``findings.md`` and ``tables/*.csv``: the tables each notebook saves with
``display.table(frame, name, save=save_tables)``, a parameter the report sets
to a folder of its own, where they are written whole (``parameters_for``; see
``findings_log``).

The report is built in a folder beside its target and swapped in at the end, file by file, by renames: a run
that fails, is interrupted or finds that the corpus changed while it ran (``corpus_state`` before and after)
leaves the previous report whole. It writes only into a new or empty folder or one a report wrote, whose
``MANIFEST`` lists the files it consists of; only those are replaced or removed, and any other folder (or one
that is, holds or sits inside the corpus or the notebooks) is refused. Two reports into one folder take turns
at the swap; one killed in the middle of it (SIGKILL, the one signal it cannot hold off) leaves each file
whole and listed, for the next run to replace.

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
import contextlib
import copy
import functools
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
from helpers.present.filter_table import script_safe
from helpers.present.findings_log import FINDING_MARK, running  # FINDING_MARK: a checked finding cell

HTML_MANAGER = "@jupyter-widgets/html-manager@1.0.15"  # the release that matches ipywidgets 8
CACHE = paths.CACHE / "web"
_REMOTE_TAG = re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>|"
                         r"<link[^>]*\bhref=\"https?://[^\"]*\"[^>]*>")


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
# SVG first: vector charts stay crisp at any zoom; text/csv (a table saved with display.table(save=True)) is
# for files only
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
    button.textContent = shown ? "Hide code" : "Show code"; \
button.setAttribute("aria-pressed", String(shown));
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
    # The template writes the widget state (every Dropdown label, every view's HTML: the analyst's names,
    # titles
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


# the parameter whose tables (``display.table(..., save=save_tables)``) go to tables/
SAVE_TABLES = "save_tables"
SAVED = "saved"  # the staging folder's folder the executing notebooks write their saved tables into


def parameters_for(path: str | Path, corpus: str | None, story: str | None, drafts: bool = False) -> dict:
    """The papermill parameters for one notebook: the corpus folder when given, the story and the machine
    drafts when asked and the notebook takes them (a notebook without ``story`` in its parameters cell gets
    none), and ``save_tables = True`` when it takes that. The report executes it with a folder of its own
    there instead (True is what its pages' inputs digest records): the tables it shows with
    ``save=save_tables`` are written there whole, and the report moves them to
    ``tables/<notebook>-<name>.csv``."""
    params = {"corpus_folder": str(Path(corpus).resolve())} if corpus else {}
    taken = notebook_parameters(path)
    if story is not None and "story" in taken:
        params["story"] = story
    if drafts and "drafts" in taken:
        params["drafts"] = True
    if SAVE_TABLES in taken:
        params[SAVE_TABLES] = True
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


def build_report(notebooks: str | Path | None = None, out: str | Path | None = None,
                 corpus: str | None = None,
                 story: str | None = None, drafts: bool = False, rerun: bool = False) -> int:
    """Execute and render the shared notebooks into ``out`` (default: the project's reports/), or exit 1 with
    a message and the previous report left as it was. The report is built beside ``out`` and swapped in at the
    end. A notebook whose inputs (``inputs_digest``) are those of its page in ``out`` keeps that page, unless
    ``rerun``."""
    from helpers.present import findings_log

    notebooks = Path(notebooks or paths.PROJECT / "notebooks").resolve()
    out = Path(out or paths.PROJECT / "reports").absolute()
    books = [p for p in findings_log.notebook_paths(notebooks) if findings_log.shared(findings_log.read(p))]
    if not books:
        print(f"no notebooks in {notebooks}/ — give the folder of the notebooks with --notebooks",
              file=sys.stderr)
        return 1
    # the notebooks' default: ../data
    folder = (Path(corpus) if corpus else notebooks.parent / "data").resolve()
    refused = target_problem(out, folder, notebooks)
    if refused:
        print(printable(refused), file=sys.stderr)
        return 1
    run = _Run(books, notebooks, corpus, folder, story, drafts)
    run.out, run.rerun = out, rerun
    before = run.before = corpus_state(folder)
    loaded = _load(run)
    if loaded is None:
        return 1
    try:
        staging = _staging(out)
    except OSError as err:
        print(printable(f"cannot write the report into {out}: "
                        f"{err.strerror or err}; choose another folder with --out"), file=sys.stderr)
        return 1
    try:
        with _terminate_as_interrupt():
            return _build(run, loaded, before, staging, out)
    # a full disk, a file size limit: said as a write problem, the previous report kept
    except OSError as err:
        print(printable(f"cannot write the report beside {out} ({err.strerror or err}); "
                        f"nothing was changed in {out}. Free some space there (or raise the "
                        "file size limit, ulimit -f), or choose another folder with --out"), file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class _Run:
    """What one ``build_report`` call renders: the notebooks, the corpus and the options they run with."""

    def __init__(self, books, notebooks, corpus, folder, story, drafts):
        self.books, self.notebooks, self.corpus, self.folder = books, notebooks, corpus, folder
        self.story, self.drafts, self.started = story, drafts, time.perf_counter()
        self.before: dict = {}  # the corpus's files when the run began (corpus_state)
        self.inputs: dict[str, str] = {}  # notebook name → the digest of what its pages were made from
        self.out: Path | None = None  # the report folder: an unchanged notebook's page is taken from it …
        self.rerun = False  # … unless every notebook is to be executed again
        self.where = f"the corpus in {folder}" + (f", story “{story}”" if story is not None else "")


def _load(run: _Run):
    from helpers.core.problems import CorpusError
    from helpers.corpus.load import load_corpus
    try:
        loaded = load_corpus(run.folder, drafts=run.drafts).only(run.story)
    except (CorpusError, ValueError) as err:
        print(printable(f"cannot load the corpus in {run.folder}: {err}"), file=sys.stderr)
        return None
    if run.story is not None and not any("story" in notebook_parameters(p) for p in run.books):
        print(f"note: no notebook takes a story parameter; story {run.story!r} is described but not applied",
              file=sys.stderr)
    return loaded


def _build(run: _Run, loaded, before: dict, staging: Path, out: Path) -> int:
    """Everything into ``staging``; swapped into ``out`` only if every notebook ran and the corpus held
    still."""
    from helpers.present import findings_log
    executed = _execute_all(run, staging)
    if executed is None:
        print(f"nothing was changed in {out}", file=sys.stderr)
        return 1
    moved = _changed(before, corpus_state(run.folder))
    if moved:
        print(printable(f"the corpus in {run.folder} changed while the report ran ({moved}), so "
                        f"its pages would describe different corpora; nothing was changed in {out} "
                        "— run the report again once the corpus is no longer being edited"), file=sys.stderr)
        return 1
    entries = [(path.stem + ".html", findings_log.title(nb), next(iter(findings_log.findings(nb)), ""))
               for path, nb in executed]
    pairs = [(path.name, nb) for path, nb in executed]
    (staging / "findings.md").write_text(findings_log.markdown(pairs, f"executed on {run.where}"),
                                         encoding="utf-8")
    tables = findings_log.write_tables(pairs, staging / "tables", staging / SAVED)
    shutil.rmtree(staging / SAVED, ignore_errors=True)
    (staging / "index.html").write_text(_index(entries, run.where, describe_corpus(loaded), len(tables)),
                                        encoding="utf-8")
    problem = swap_in(staging, out, run.inputs)
    if problem:
        print(printable(problem), file=sys.stderr)
        return 1
    print(f"wrote {out / 'index.html'}: {len(entries)} pages, findings.md and {len(tables)} tables as CSV "
          f"in {time.perf_counter() - run.started:.1f} s")
    return 0


@functools.cache
def _local_kernels():
    """A kernel manager whose kernels talk over local sockets: the report's kernels need no network port, and
    they then have no unencrypted port to warn about on every page."""
    from jupyter_client import AsyncKernelManager
    from traitlets import default

    class LocalKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self):
            return "ipc"

        @default("ip")
        def _ip_default(self):
            from helpers.present.findings_log import kernel_sockets
            return str(kernel_sockets(f"{id(self):x}"))

        async def _async_pre_start_kernel(self, **kw):
            if _KERNELS is not None:  # in a worker: for it to kill when stopped midway (_worker)
                _KERNELS.append(self)
            kw["env"] = kernel_environment(kw.get("env", os.environ))
            return await super()._async_pre_start_kernel(**kw)

    return LocalKernelManager


def kernel_environment(env) -> dict[str, str]:
    """The environment a report's kernel runs in: this one, with Arrow's allocator (mimalloc) giving freed
    memory back at once instead of keeping it for reuse. Pandas keeps text in Arrow, and a notebook that
    builds and drops tables of half a million rows otherwise peaks higher by what the allocator kept (about a
    tenth of a 10,000-article kernel's peak). A value the caller set is kept."""
    return {"MIMALLOC_PURGE_DELAY": "0"} | dict(env)


def _execute_all(run: _Run, staging: Path) -> list | None:
    """(notebook path, executed notebook) per notebook, its page put in ``staging``; None if one failed.
    Notebooks whose inputs are unchanged keep their page; the others run two at a time (``_executed``)."""
    (staging / "executed").mkdir()
    (staging / "static").mkdir()
    for extra in widget_script().parent.iterdir():
        shutil.copy(extra, staging / "static" / extra.name)
    exporter, executed, todo = html_exporter(), {}, []
    made_from = {} if run.rerun or run.out is None else previous_inputs(run.out)
    code = _package_digest()
    for i, path in enumerate(run.books, 1):
        ran = staging / "executed" / path.name
        parameters = parameters_for(path, run.corpus, run.story, run.drafts)
        run.inputs[path.name] = inputs_digest(path, parameters, run.before, code)
        kept = _kept(run.out, path, staging) if made_from.get(path.name) == run.inputs[path.name] else None
        if kept is not None:
            print(f"[{i}/{len(run.books)}] {path.name}: nothing it reads changed since the last report; kept",
                  flush=True)
            executed[path] = kept
            continue
        print(f"[{i}/{len(run.books)}] executing {path.name} …", flush=True)
        if parameters.get(SAVE_TABLES) is True:  # its tables are written, streamed, into a folder of ours
            parameters = parameters | {SAVE_TABLES: str(staging / SAVED / path.stem)}
        todo.append((str(path), str(ran), str(run.notebooks), parameters))
    # closed early (a failure, Ctrl-C): the notebooks still running stop
    with contextlib.closing(_executed(_longest_first(todo, run.out))) as finished:
        return _pages(run, staging, finished, exporter, executed)


def _pages(run: _Run, staging: Path, finished, exporter, executed: dict) -> list | None:
    """Each notebook's page as it finishes; the notebooks in their order, or None if one failed."""
    from helpers.present import findings_log
    for path, ran, outcome, seconds in finished:
        if outcome is not None:
            _say_failure(run, path, ran, outcome)
            return None
        nb = findings_log.read(ran)  # read once: the page, the log and the tables all come from it
        page = staging / (path.stem + ".html")
        page.write_text(render_page(nb, exporter), encoding="utf-8")
        executed[path] = nb
        if (moved := _changed(run.before, corpus_state(run.folder))):  # checked at every page
            print(printable(f"the corpus in {run.folder} changed while the report ran ({moved}), so its "
                            "pages would describe different corpora; run the report again once the corpus "
                            "is no longer being edited"), file=sys.stderr)
            return None
        print(f"  {page.name} ({page.stat().st_size / 1024:.0f} KB) in {seconds:.1f} s", flush=True)
    return [(path, executed[path]) for path in run.books]


def _longest_first(todo: list[tuple], out: Path | None) -> list[tuple]:
    """The notebooks whose copy executed for the last report is largest first (the size of its outputs goes
    with the time it took): two at a time, the longest then starts at once instead of last."""
    def size(job: tuple) -> int:
        try:
            return os.stat(out / "executed" / Path(job[0]).name).st_size if out is not None else 0
        except OSError:
            return 0
    return sorted(todo, key=size, reverse=True)


WORKERS = 2  # notebooks executed at once: each kernel holds the corpus, so more would cost memory, not time


def _executed(todo: list[tuple]):
    """(path, executed copy, None or what went wrong, seconds) of each notebook of ``todo`` as it finishes:
    one at a time in this process, or up to ``WORKERS`` at a time, each in a process of its own. Closing the
    generator early (a failure, an interruption) stops those still running, and their kernels with them."""
    if len(todo) < 2 or (os.cpu_count() or 1) < 2:
        yield from (_finished(job, execute_one(*job)) for job in todo)
        return
    import multiprocessing
    from multiprocessing.connection import wait
    context = multiprocessing.get_context("spawn")
    waiting, busy = list(todo), {}

    def start_next():
        while waiting and len(busy) < WORKERS:
            job = waiting.pop(0)
            here, there = context.Pipe(duplex=False)
            worker = context.Process(target=_worker, args=(job, there), daemon=True)
            worker.start()
            there.close()
            busy[worker.sentinel] = (job, worker, here)
    try:
        start_next()
        while busy:
            done = []
            for ended in wait(list(busy)):
                job, worker, here = busy.pop(ended)
                try:
                    result = here.recv()
                except EOFError:  # it ended without a word: killed (out of memory, or by someone)
                    result = (("killed",), 0.0)
                worker.join()
                done.append(_finished(job, result))
            # the next notebook starts before the page of this one is drawn, not after
            if all(outcome[2] is None for outcome in done):
                start_next()
            yield from done
    finally:
        for _, worker, _ in busy.values():
            worker.terminate()  # it kills its kernel and leaves (_worker)
        for _, worker, _ in busy.values():
            worker.join()


def _finished(job: tuple, result: tuple) -> tuple:
    return Path(job[0]), Path(job[1]), *result


_KERNELS: list | None = None  # in a worker process: the kernel managers it started


def _worker(job: tuple, answer) -> None:
    """A worker process: execute one notebook and send back how it went. Ctrl-C or a kill (the report
    stopping it) kills its kernel, with everything that kernel started, and leaves at once."""
    import signal
    global _KERNELS
    _KERNELS = []

    def stop(signum, frame):
        for manager in _KERNELS:
            process = getattr(manager.provisioner, "process", None)
            if process is not None:
                with contextlib.suppress(OSError):
                    os.killpg(os.getpgid(process.pid), signal.SIGKILL)
        os._exit(1)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    answer.send(execute_one(*job))
    answer.close()


def execute_one(path: str, copy: str, cwd: str, parameters: dict) -> tuple:
    """Execute one notebook into ``copy``: (None, seconds), or (("failed", cell, error name, message) or
    ("died",), seconds)."""
    import papermill
    from nbclient.exceptions import DeadKernelError
    _quiet_kernel_deaths()
    t0 = time.perf_counter()
    try:
        # the kernel (and anything it started: its process group) is killed when the notebook is done or
        # the run is interrupted, not asked to shut down while a cell may still be running; the copy is
        # written once, at the end or at a failure, not at every cell (a notebook carrying a large table's
        # CSV would be written out whole dozens of times)
        papermill.execute_notebook(path, copy, cwd=cwd, progress_bar=False, parameters=parameters,
                                   kernel_name="python3", request_save_on_cell_execute=False,
                                   shutdown_kernel="immediate", kernel_manager_class=_local_kernels())
    except papermill.PapermillExecutionError as err:
        return ("failed", err.exec_count, err.ename, err.evalue), time.perf_counter() - t0
    except DeadKernelError:
        return ("died",), time.perf_counter() - t0
    return None, time.perf_counter() - t0


def _say_failure(run: _Run, path: Path, ran: Path, outcome: tuple) -> None:
    if outcome[0] == "killed":
        print(printable(f"  {path.name} stopped: the process executing it was killed (out of memory, or by "
                        "someone)"), file=sys.stderr)
    elif outcome[0] == "died":
        print(printable(f"  {path.name} stopped: its Python kernel died (out of memory, or a cell "
                        "ended the process); run the notebook in JupyterLab to see which cell"),
              file=sys.stderr)
    elif (moved := _changed(run.before, corpus_state(run.folder))):  # perhaps a file half saved
        print(printable(f"  {path.name} failed while the corpus in {run.folder} was changing "
                        f"({moved}); run the report again once the corpus is no longer being edited"),
              file=sys.stderr)
    else:
        _, cell, name, message = outcome
        print(printable(f"  {path.name} failed in cell {cell}: {name}: {message}"), file=sys.stderr)
        print(f"  the partly executed copy is {_keep_failed(ran)}", file=sys.stderr)


def _quiet_kernel_deaths() -> None:
    """A kernel that dies (Ctrl-C, out of memory) is said once, by the report: papermill's own log line of it
    is left out."""
    import logging
    log = logging.getLogger("papermill")
    if _not_kernel_deaths not in log.filters:
        log.addFilter(_not_kernel_deaths)


def _not_kernel_deaths(record) -> bool:
    return not str(record.msg).startswith("Kernel died")


def inputs_digest(notebook: Path, parameters: dict, corpus: dict, code: str) -> str:
    """A digest of everything a notebook's page is made from: the notebook, its parameters, the corpus's files
    (``corpus_state``: any write changes it) and the package's code."""
    import hashlib
    import json
    digest = hashlib.blake2b(notebook.read_bytes(), digest_size=12)
    digest.update(json.dumps([parameters, corpus, code], sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _package_digest() -> str:
    """The package's code and trained models, and the drafter's error rates the findings quote (``make
    evaluate`` may measure them)."""
    from helpers.corpus.cache import code_digest
    from helpers.evaluation.drafter_accuracy import rates_path
    files = sorted(p for p in paths.PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return f"{code_digest(files)}-{code_digest([rates_path()], rates_path().parent)}"


def previous_inputs(out: Path) -> dict[str, str]:
    """Notebook name → the inputs digest of its page in the report last written into ``out`` ({} when
    none)."""
    import json
    try:
        inputs = json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("inputs", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return inputs if isinstance(inputs, dict) else {}


def _kept(out: Path, notebook: Path, staging: Path):
    """Copy the previous report's executed notebook and page of ``notebook``, and the tables it wrote to
    files, into ``staging``; the executed notebook, or None if one is missing (or not the report's own
    file)."""
    from helpers.present.findings_log import read, tables
    names = [f"executed/{notebook.name}", f"{notebook.stem}.html"]
    if not all(_own_file(out, name) for name in names):
        return None
    nb = read(out / names[0])
    # the tables it wrote to files: back into the folder they were written to, for write_tables to move
    files = [t.file for t in tables(nb) if t.file is not None]
    if not all(_own_file(out, f"tables/{notebook.stem}-{file}") for file in files):
        return None
    for name in names:
        shutil.copyfile(out / name, staging / name)
    (staging / SAVED / notebook.stem).mkdir(parents=True, exist_ok=True)
    for file in files:
        shutil.copyfile(out / "tables" / f"{notebook.stem}-{file}", staging / SAVED / notebook.stem / file)
    return nb


def _keep_failed(copy: Path) -> Path:
    """The partly executed copy of a failed notebook, moved out of the report being built into the cache."""
    target = paths.CACHE / "report-failed" / copy.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(copy, target)
    return target


# ---------------------------------------------------------------- the corpus holds still

def corpus_state(folder: Path) -> dict[str, list[int] | None]:
    """Every file and folder of the corpus folder (hidden ones aside) with its size, times and inode: any
    write changes it, and a folder's times move when a file is added or removed, even one removed again
    since."""
    from helpers.corpus.cache import fingerprint
    folder = Path(folder)
    state = {"./": fingerprint(folder)}
    for p in sorted(folder.rglob("*")):
        if not any(part.startswith(".") for part in p.relative_to(folder).parts) and (p.is_file()
                                                                                      or p.is_dir()):
            state[p.relative_to(folder).as_posix() + ("/" if p.is_dir() else "")] = fingerprint(p)
    return state


def _changed(before: dict, after: dict) -> str:
    """What changed between two ``corpus_state`` snapshots, in a few words ("" when nothing did)."""
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    edited = sorted(k for k in set(before) & set(after) if before[k] != after[k] and not k.endswith("/"))
    said = [f"{len(names)} {what}: {', '.join(names[:3])}{' …' if len(names) > 3 else ''}"
            for what, names in (("added", added), ("removed", removed), ("changed", edited)) if names]
    folders = sorted(k for k in set(before) & set(after) if before[k] != after[k] and k.endswith("/"))
    if folders and not said:  # only a folder's times moved: a file came and went meanwhile
        where = ", ".join("the corpus folder" if f == "./" else f for f in folders)
        said = [f"a file added and removed again in {where}"]
    return "; ".join(said)


# ---------------------------------------------------------------- the folder the report goes to

MANIFEST = ".newsdesk-report.json"  # in a report folder: every file the report wrote there
OTHER_OUTPUTS = frozenset({"evaluation", "bench", "screenshots"})  # folders other commands write in reports/
# the index of a report written before reports had a manifest
_LEGACY_TITLE = "<title>newsdesk reports</title>"
_STAGING = ".building-"


def target_problem(out: Path, corpus: Path, notebooks: Path) -> str | None:
    """Why the report may not be written into ``out``, or None: it must be a new or empty folder, or one a
    report wrote (its manifest says which files), and neither hold nor sit inside the corpus or the
    notebooks."""
    where = out.resolve()
    for name, other in (("corpus", corpus.resolve()), ("notebooks", notebooks.resolve())):
        if where == other or other in where.parents or where in other.parents:
            relation = "is" if where == other else "is inside" if other in where.parents else "holds"
            return (f"cannot write the report into {out}: it {relation} the {name} folder {other}; choose "
                    "another folder with --out (by default the report goes to reports/ in the project)")
    if out.exists() and not out.is_dir():
        return f"cannot write the report into {out}: it is a file; choose a folder with --out"
    if not out.exists():
        return None
    try:
        previous_files(out)
    except ValueError as err:
        return f"cannot write the report into {out}: {err}"
    return None


def previous_files(out: Path) -> set[str]:
    """The files (relative paths) the report last written into ``out`` consists of; ValueError if ``out``
    holds files that no report wrote, or a manifest that cannot be read."""
    manifest = out / MANIFEST
    if manifest.exists():
        return _listed(manifest)
    legacy = _legacy_files(out)
    if legacy is not None:
        return legacy
    foreign = sorted(p.name + ("/" if p.is_dir() else "") for p in out.iterdir()
                     if not (p.name in OTHER_OUTPUTS and p.is_dir()))
    if foreign:
        shown = ", ".join(foreign[:4]) + (" …" if len(foreign) > 4 else "")
        raise ValueError(f"it holds files that no report wrote ({shown}); the report writes "
                         "only into a new or empty folder or one it wrote before — choose "
                         f"another folder with --out, or move those files out of {out}")
    return set()


def _listed(manifest: Path) -> set[str]:
    import json
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        if not isinstance(files, list) or not all(isinstance(f, str) and _plain_relative(f) for f in files):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        raise ValueError(f"its list of report files, {manifest.name}, cannot be "
                         "read; choose another folder with --out, or delete "
                         f"{manifest} if every file in the folder may be replaced") from None
    return set(files)


def _plain_relative(name: str) -> bool:
    from pathlib import PurePosixPath
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts and "." not in parts


def _legacy_files(out: Path) -> set[str] | None:
    """The files of a report written before reports had a manifest (recognised by its index page), by name."""
    index = out / "index.html"
    try:
        if not index.is_file() or _LEGACY_TITLE not in index.read_text(encoding="utf-8", errors="replace"):
            return None
    except OSError:
        return None
    stems = {p.stem for p in (out / "executed").glob("*.ipynb")}
    names = {"index.html", "findings.md", "static/embed.js", "static/embed.js.LICENSE.txt", "static/LICENSE"}
    names |= {f"{s}.html" for s in stems} | {f"executed/{s}.ipynb" for s in stems}
    names |= {f"tables/{p.name}" for p in (out / "tables").glob("*.csv") if any(p.name.startswith(f"{s}-")
                                                                                for s in stems)}
    return {n for n in names if (out / n).is_file()}


def _staging(out: Path) -> Path:
    """A new folder beside ``out`` (same file system: the swap is renames) to build the report in; folders
    left there by runs that were killed are removed first."""
    out.parent.mkdir(parents=True, exist_ok=True)
    for old in out.parent.glob(f".{out.name}{_STAGING}*"):
        pid = old.name.rsplit("-", 2)[-2] if old.name.count("-") >= 2 else ""
        if pid.isdigit() and not running(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}{_STAGING}{os.getpid()}-", dir=out.parent))


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                  and p.name != MANIFEST)


def _own_file(out: Path, name: str) -> bool:
    """Whether ``out/name`` is a plain file reached without a symbolic link (so moving it moves nothing
    else)."""
    path = out
    for part in name.split("/"):
        path = path / part
        if path.is_symlink():
            return False
    return path.is_file()


def _blocked(out: Path, name: str, previous: set[str]) -> bool:
    """Whether writing ``out/name`` would replace something the previous report did not write."""
    path = out
    for part in name.split("/")[:-1]:
        path = path / part
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            return True
    target = out / name
    return (target.exists() or target.is_symlink()) and not (name in previous and _own_file(out, name))


def swap_in(staging: Path, out: Path, inputs: dict | None = None) -> str | None:
    """Move the report built in ``staging`` into ``out``: the previous report's files (those its manifest
    lists) are replaced or removed, nothing else is touched. Only renames, with Ctrl-C held off while they
    run, and one report at a time per folder (a second run waits for the first to finish its swap)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with _one_swap_at_a_time(out.parent):
        try:
            previous = previous_files(out) if out.exists() else set()
        except ValueError as err:
            return f"cannot write the report into {out}: {err}"
        new = _files(staging)
        blocked = [n for n in new if _blocked(out, n, previous)]
        if blocked:
            return (f"cannot write the report into {out}: {', '.join(blocked[:3])} "
                    "would replace files the previous report did not write; move "
                    f"them out of {out}, or choose another folder with --out")
        with _signals_held():
            _move_files(staging, out, {n for n in previous if _own_file(out, n)}, new, inputs)
    return None


def _move_files(staging: Path, out: Path, previous: set[str], new: list[str],
                inputs: dict | None = None) -> None:
    """Each new file replaces the old one by a rename, then the old files the new report lacks go. Before any
    of it the manifest lists old and new files together, so a run killed part way (SIGKILL cannot be held off)
    leaves every file whole and listed, and the next run replaces them all."""
    out.mkdir(exist_ok=True)
    _write_manifest(staging, out, sorted(previous | set(new)))
    for name in sorted(new, key=lambda n: n == "index.html"):  # the index last: it links the other pages
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, out / name)
    for name in sorted(previous - set(new)):
        (out / name).unlink(missing_ok=True)
    for folder in sorted({(out / n).parent for n in previous - set(new)}, key=lambda p: len(p.parts),
                         reverse=True):
        if folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # a folder only the previous report's files were in (not one of the new report's)
    _write_manifest(staging, out, new, inputs)


def _write_manifest(staging: Path, out: Path, files: list[str], inputs: dict | None = None) -> None:
    """The report's own files, and (once it is whole) what each notebook's page was made from."""
    import json
    manifest = {"files": files} | ({"inputs": inputs} if inputs else {})
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    os.replace(staging / MANIFEST, out / MANIFEST)


@contextmanager
def _one_swap_at_a_time(folder: Path):
    """An exclusive lock on the folder that holds the report (a lock on the folder itself: no file is
    written), released when the swap ends or the process dies."""
    import fcntl
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextmanager
def _signals_held():
    """Ctrl-C and kill (SIGTERM) wait while the files are renamed: they are a few milliseconds, and half done
    they would leave neither the previous report nor the new one whole."""
    import signal
    held = (signal.SIGINT, signal.SIGTERM)
    try:
        before = {s: signal.signal(s, signal.SIG_IGN) for s in held}
    except ValueError:  # not the main thread: signals cannot reach it anyway
        yield
        return
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


@contextmanager
def _terminate_as_interrupt():
    """A kill (SIGTERM) stops the run as Ctrl-C does: kernels shut down, the half-built report removed."""
    import signal

    def interrupt(signum, frame):
        raise KeyboardInterrupt
    try:
        before = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _index(entries, where: str, description: str, n_tables: int) -> str:
    items = "\n".join(f'<li><a href="{html.escape(page)}">{html.escape(title)}</a><br>'
                      f"<span>{html.escape(finding)}</span></li>" for page, title, finding in entries)
    tables = (f' and every table shown, as CSV files in <a href="tables/">tables/</a> ({n_tables:,})'
              if n_tables else "")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsdesk reports</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em;line-height:1.5}}
li{{margin:1em 0}}span{{color:#444}}\
.corpus{{background:#f4f6f8;padding:0.6em 0.9em;border-radius:4px}}</style></head>
<body><h1>newsdesk reports</h1>
<p class="corpus">Computed from {html.escape(where)}: {html.escape(description)}</p>
<p>Each page is a notebook executed afresh on this corpus; under each, its headline finding. The pages
show results, not code: “Show code” at the top of a page shows the Python behind them.
All findings, notebook by notebook: <a href="findings.md">findings.md</a>{tables}.</p>
<ul>
{items}
</ul></body></html>
"""
