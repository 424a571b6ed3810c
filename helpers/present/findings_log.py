"""The findings log: what the checked cells print, and the tables the notebooks save, as plain files.

A finding is a line printed (stdout) by a code cell whose source starts with
``# NBVAL_CHECK_OUTPUT``. ``notebooks/FINDINGS.md`` holds the stored notebooks'
findings, so ``git diff`` shows a changed fact as a changed sentence;
``python -m helpers notebooks`` re-executes the notebooks in place and prints
the sentences that changed. The report writes the same log for the copies it
executes, and saves each table a notebook saves explicitly —
``display.table(frame, name, save=…)``, written ``save=save_tables`` in the
shared notebooks, whose parameter the report sets to a folder of its own — as
``tables/<notebook>-<name>.csv``: the file written into that folder, or the CSV
carried in the output (``save=True``), every row either way.
"""
from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from helpers.core.problems import printable

FINDING_MARK = "# NBVAL_CHECK_OUTPUT"
LOG_NAME = "FINDINGS.md"
_TABULAR = re.compile(r"^\s|\S {2,}\S")  # indented, or columns padded with spaces: keep it monospaced
# What would read as Markdown or HTML in a finding (names, titles and labels come from the analyst's data):
# markup
# characters, "_" at a word's edge (intraword, as in ids, it is plain), "&" that starts an entity, and a
# line's
# opening block marker. Plain sentences come out as they were.
_MARKUP = re.compile(r"[\\`*\[\]<>|~]|(?<!\w)_|_(?!\w)|&(?=#?\w+;)|^[#+=-]")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # "2025. A year…" would start a numbered list


def escaped(text: str) -> str:
    """``text`` as Markdown that shows it as typed: no link, emphasis, HTML or entity of its own."""
    return _LIST_NUMBER.sub(r"\1\\\2", _MARKUP.sub(lambda m: "\\" + m.group(0), text))


def notebook_paths(folder: str | Path) -> list[Path]:
    return sorted(p for p in Path(folder).glob("*.ipynb") if not p.name.startswith("."))


def shared(nb) -> bool:
    """Whether a notebook reports findings (and gets a page): not an editing tool, which carries
    ``"newsdesk": {"report": false}`` in its metadata, as the review notebook does."""
    return nb.metadata.get("newsdesk", {}).get("report", True) is not False


def read(path: str | Path):
    import nbformat
    return nbformat.read(str(path), as_version=4)


def title(nb) -> str:
    """The notebook's first level-one heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "notebook"


def finding_blocks(nb) -> list[str]:
    """The stdout of each checked cell, in order (one string per cell)."""
    blocks = []
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith(FINDING_MARK):
            text = "".join(o.get("text", "") for o in cell.get("outputs", [])
                           if o.get("output_type") == "stream" and o.get("name") == "stdout")
            if text.strip():
                blocks.append(text.rstrip())
    return blocks


def findings(nb) -> list[str]:
    """Every finding line of a notebook, in order, blank lines left out."""
    return [line.rstrip() for block in finding_blocks(nb) for line in block.splitlines() if line.strip()]


class SavedTable(NamedTuple):
    """A table a cell saved: its name, and its CSV carried in the output (``save=True``) or the name of the
    file it was written to (``save=FOLDER``)."""
    name: str
    csv: str | None
    file: str | None


def tables(nb) -> list[SavedTable]:
    """Every table a cell saved with ``display.table(frame, name, save=…)``, in order; tables only shown are
    left out."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            tag = (output.get("metadata") or {}).get("newsdesk", {})
            name, file = tag.get("table"), tag.get("file")
            csv = output.get("data", {}).get("text/csv")
            if name and (csv is not None or isinstance(file, str) and _plain_file(file)):
                found.append(SavedTable(name, csv if csv is None or isinstance(csv, str) else "".join(csv),
                                        None if csv is not None else file))
    return found


def _plain_file(name: str) -> bool:
    return name.endswith(".csv") and Path(name).name == name and not name.startswith(".")


def markdown(notebooks: list[tuple[str, object]], source: str) -> str:
    """The log as Markdown: a heading per notebook (its title), then its findings in order.

    ``notebooks`` is (file name, notebook node) pairs; ``source`` says what they were executed on.
    Sentences become list items; printed tables stay in a monospaced block, so their columns line up.
    """
    out = ["# Findings", "",
           f"What the checked cells (`{FINDING_MARK}`) of each notebook print, in order — {escaped(source)}.",
           "Generated by `make notebooks` (notebooks/FINDINGS.md) and `make report` (reports/findings.md); "
           "not edited by hand.", ""]
    for name, nb in notebooks:
        out += [f"## {title(nb)}", "", f"`{name}`", ""]
        blocks = finding_blocks(nb)
        if not blocks:
            out += ["(no checked findings)", ""]
        for block in blocks:
            lines = [line.rstrip() for line in block.splitlines()]
            if any(_TABULAR.search(line) for line in lines if line.strip()):
                fence = "```" + "`" * max([len(r) for r in re.findall(r"`{3,}", block)] or [0])
                out += [fence + "text", *lines, fence, ""]
            else:
                out += [f"- {escaped(line.strip())}" for line in lines if line.strip()] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def stored_log(folder: str | Path = "notebooks") -> str:
    """The log of the notebooks stored in ``folder``, as ``notebooks/FINDINGS.md`` holds it."""
    books = [(p.name, nb) for p in notebook_paths(folder) if shared(nb := read(p))]
    return markdown(books,
                    "the stored notebooks, each on the corpus its parameters cell names")


def write_tables(notebooks: list[tuple[str, object]], folder: str | Path,
                 saved: str | Path | None = None) -> list[Path]:
    """Each table the notebooks saved (``tables``) — (file name, notebook node) pairs, as ``markdown`` takes
    them — as ``folder/<notebook>-<name>.csv`` (older CSVs removed): a table written to a file is moved from
    ``saved/<notebook>/`` (the folder its ``save_tables`` named), one carried in the output is written out."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    written = []
    for file_name, nb in notebooks:
        seen: dict[str, int] = {}
        notebook = Path(file_name).stem
        for table in tables(nb):
            seen[table.name] = seen.get(table.name, 0) + 1
            if table.file is not None:
                target = folder / f"{notebook}-{table.file}"
                if saved is None:
                    raise FileNotFoundError(f"{file_name}: table {table.name!r} was written to a file "
                                            "and no folder holding it was given")
                os.replace(Path(saved) / notebook / table.file, target)
            else:  # a name shown twice: numbered from its second time
                stem = f"{notebook}-{table.name}" + (f"-{seen[table.name]}" if seen[table.name] > 1 else "")
                target = folder / f"{stem}.csv"
                target.write_text(table.csv, encoding="utf-8", newline="")
            written.append(target)
    return written


def _pairs(gone: list[str], came: list[str]) -> list[tuple[str | None, str | None]]:
    """Old and new lines of one changed stretch, in order: a line paired with the later new line most like it,
    if alike enough (a changed finding), else alone (removed or added) — not paired by position, so a new
    finding slipped in does not shift every pair after it. Stretches are a few dozen lines: all pairs are
    tried."""
    out, j = [], 0
    for a in gone:
        scored = [(_likeness(a, came[k]), k) for k in range(j, len(came))]
        best, match = max(scored, key=lambda t: (t[0], -t[1]), default=(0.0, None))  # ties: the earliest
        if match is None or best < ALIKE:
            out.append((a, None))
            continue
        out += [(None, b) for b in came[j:match]] + [(a, came[match])]
        j = match + 1
    return out + [(None, b) for b in came[j:]]


ALIKE = 0.6  # difflib's ratio from which two finding lines count as one finding changed


def _likeness(a: str, b: str) -> float:
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return m.ratio() if m.real_quick_ratio() >= ALIKE and m.quick_ratio() >= ALIKE else 0.0


def changes(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    """Per notebook, the finding lines that changed: ``before:``/``after:`` pairs, then lines removed or
    added."""
    report, any_change = [], False
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, []), after.get(name, [])
        lines, counts = [], {"changed": 0, "removed": 0, "added": 0}
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            for a, b in _pairs(old[i1:i2], new[j1:j2]):
                if a is not None and b is not None:
                    lines += [f"  before: {a}", f"  after:  {b}"]
                    counts["changed"] += 1
                elif a is not None:
                    lines.append(f"  removed: {a}")
                    counts["removed"] += 1
                else:
                    lines.append(f"  added:   {b}")
                    counts["added"] += 1
        if lines:
            any_change = True
            said = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
            report += [f"{name}: {said}", *lines]
        else:
            report.append(f"{name}: no finding changed")
    report.append("Findings changed: review the lines above." if any_change else "No finding changed.")
    return report


def write_stored_log(folder: str | Path = "notebooks") -> Path:
    target = Path(folder) / LOG_NAME
    target.write_text(stored_log(folder), encoding="utf-8")
    return target


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
RUN_TO_USE = ("An interactive control: run the notebook (Run → Run All Cells) to use it here; "
              "the report's page has it too.")


def for_storage(nb):
    """``nb`` as the repository keeps it: outputs, but no widget state and no execution timestamps, so a
    re-run's diff shows changed outputs only. A widget's output says how to bring it back: nbval ignores
    those cells, and ``make report`` executes its own copies with their state."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                output["data"] = {"text/plain": RUN_TO_USE}
    return nb


def kernel_sockets(name: str = "") -> Path:
    """Where a kernel's local (IPC) sockets go: a path prefix of this process's own, kept short, as a
    socket's path may not pass 107 characters. Sockets a killed run left behind go first."""
    folder = Path(tempfile.gettempdir())
    for left in folder.glob("newsdesk-kernel-*"):
        pid = left.name.split("-")[2]
        if pid.isdigit() and not running(int(pid)) and left.is_socket():
            left.unlink(missing_ok=True)
    return folder / f"newsdesk-kernel-{os.getpid()}{'-' + name if name else ''}"


def running(pid: int) -> bool:
    """Whether process ``pid`` is still there (another user's counts): what a run left behind is removed only
    once it is gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def run_notebooks(folder: str | Path = "notebooks", execute: bool = True) -> int:
    """Execute the notebooks of ``folder`` in place (nbconvert), store them without widget state or
    timestamps (``for_storage``), print the findings that changed, and rewrite ``folder/FINDINGS.md``
    (only the last without ``execute``: for notebooks executed some other way)."""
    folder = Path(folder)
    paths = notebook_paths(folder)
    if not paths:
        print(f"no notebooks in {folder}/", file=sys.stderr)
        return 1
    if not execute:
        print(f"wrote {write_stored_log(folder)}")
        return 0
    before = {p.stem: findings(read(p)) for p in paths}
    # the same execution as `jupyter nbconvert --execute --inplace`: kernel in the notebook's folder, talking
    # over local sockets (no port opened, so no warning about one)
    done = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--inplace",
                           "--KernelManager.transport=ipc", f"--KernelManager.ip={kernel_sockets()}",
                           *(str(p) for p in paths)])
    import nbformat
    for path in paths:
        nbformat.write(for_storage(read(path)), str(path))
    after = {p.stem: findings(read(p)) for p in paths}
    print(printable("\n".join(changes(before, after))))  # the findings quote names and titles as written
    print(f"wrote {write_stored_log(folder)}")
    if done.returncode:
        print("a notebook failed to execute (see above); it was left as it was stored", file=sys.stderr)
    return done.returncode
