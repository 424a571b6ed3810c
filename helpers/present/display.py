"""Tables and notices for people reading a notebook or its rendered page.

``table(frame, name)`` shows a DataFrame two ways at once (one display output):
plain text for the notebook tests and an HTML table for readers. A table worth
keeping as a file is saved by asking for it: ``table(frame, name, save=True)``
adds the whole frame as CSV to the output, tagged ``{"newsdesk": {"table":
name}}``; ``save=FOLDER`` writes it to ``FOLDER/<name>.csv`` instead, streamed
(tagged with the file's name too), so a table of half a million rows is never
held as one string. The shared notebooks pass ``save=save_tables``, a parameter
the report sets to a folder of its own, and the report moves each file to
``reports/tables/<notebook>-<name>.csv`` (``findings_log`` lists them from the
executed notebook). A stored notebook holds no CSV at all. Every form is
deterministic — no random ids, no times — so nbval can compare it.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import re
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd

ROWS = 40  # rows shown; a saved table's CSV holds every row
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

# Scoped to the wrapper's class, and specific enough to win over JupyterLab's own table rules.
TABLE_CSS = """<style>
.nd-table-wrap{max-width:100%;margin:0.25em 0 1em 0}
.nd-table-wrap table.nd-table{width:auto;max-width:100%;table-layout:auto;border-collapse:collapse;
 font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:0.9rem}
.nd-table-wrap table.nd-table th,.nd-table-wrap table.nd-table td{white-space:normal;overflow-wrap:break-word;
 word-break:normal;max-width:none;text-align:left;vertical-align:top;padding:0.3em 0.6em;\
border-bottom:1px solid #ddd}
.nd-table-wrap table.nd-table th{border-bottom:2px solid #999;font-weight:600;overflow-wrap:normal}
.nd-table-wrap table.nd-table td.nd-keep,.nd-table-wrap table.nd-table .nd-date{white-space:nowrap}
.nd-table-wrap table.nd-table td.nd-num,.nd-table-wrap table.nd-table th.nd-num{text-align:right;
 font-variant-numeric:tabular-nums}
.nd-table-wrap table.nd-table td.nd-num{white-space:nowrap}
.nd-table-wrap table.nd-table caption{caption-side:top;text-align:left;font-weight:600;padding:0.3em 0}
.nd-table-wrap .nd-table-note{color:#555;font-size:0.85rem;margin:0.3em 0 0 0}
@media (max-width:900px){.nd-table-wrap table.nd-table td.nd-keep{white-space:normal}}
</style>"""


class Table:
    """A DataFrame as text and HTML in one display output, and as CSV when saved; see ``table``."""

    def __init__(self, frame: pd.DataFrame, name: str | None = None, caption: str | None = None,
                 max_rows: int = ROWS, save: bool | str | os.PathLike = False):
        if save and name is None:
            raise ValueError("a saved table needs a name: the report writes it as "
                             "tables/<notebook>-<name>.csv")
        if name is not None and (not isinstance(name, str) or not _NAME.match(name)):
            raise ValueError(f"table name {name!r}: use letters, digits, "
                             "'-' and '_' (it becomes a file name)")
        if max_rows < 1:
            raise ValueError("max_rows must be at least 1")
        if isinstance(frame, pd.Series):  # value_counts() and the like
            frame = frame.to_frame()
        self.frame, self.name, self.caption, self.max_rows, self.save = (
            frame,
            name,
            caption,
            max_rows,
            save if isinstance(save, os.PathLike) or (isinstance(save, str) and save) else bool(save),
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        flat = _flat(self.frame)
        data = {"text/plain": self.text(), "text/html": self.html(flat)}
        if not self.save:  # shown only: no CSV, so 10,000 articles put no megabytes into a stored notebook
            return data, {}
        if self.save is not True:  # the report's folder: every row to a file, for its tables/
            return data, {"newsdesk": {"table": self.name, "file": save_csv(flat, self.save, self.name)}}
        data["text/csv"] = _csv(flat)  # every row, for the report's tables/<notebook>-<name>.csv
        return data, {"newsdesk": {"table": self.name}}

    def text(self) -> str:
        """What ``print`` of the first rows would show, with the caption and the count of rows left out."""
        total = len(self.frame)
        body = self.frame.head(self.max_rows).to_string() if total else "(no rows)"
        lines = ([self.caption] if self.caption else []) + [body]
        if total > self.max_rows:
            lines.append(_note(self.max_rows, total))
        return "\n".join(lines)

    def html(self, flat: pd.DataFrame | None = None, style: bool = True) -> str:
        """The table as HTML; ``style=False`` leaves out the CSS (for many tables under one ``TABLE_CSS``)."""
        flat = _flat(self.frame) if flat is None else flat
        shown = flat.head(self.max_rows)
        columns = [[cell(v) for v in shown.iloc[:, i]] for i in range(shown.shape[1])]
        classes = _column_classes(shown, columns)
        head = "".join(f"<th{_attr(k)}>{html.escape(str(c))}</th>" for c, k in zip(shown.columns, classes))
        rows = ["<tr>" + "".join(f"<td{_attr(k)}>{html.escape(col[r]) if k else breakable(col[r])}</td>"
                                 for col, k in zip(columns, classes))
                + "</tr>" for r in range(len(shown))]
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        note = (f'<p class="nd-table-note">{html.escape(_note(self.max_rows, len(flat)))}</p>'
                if len(flat) > self.max_rows else "" if len(flat)
                else '<p class="nd-table-note">No rows.</p>')
        return (f'{TABLE_CSS if style else ""}<div class="nd-table-wrap"><table class="nd-table">{caption}'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{note}</div>")

    def __repr__(self) -> str:
        return self.text()


def table(frame: pd.DataFrame, name: str | None = None, caption: str | None = None, max_rows: int = ROWS,
          save: bool | str | os.PathLike = False) -> Table:
    """``frame`` for people: an HTML table (first ``max_rows`` rows, dates as YYYY-MM-DD, missing values
    blank, integers with thousands separators, long text wrapped) and the same rows as text.

    ``save=True`` also carries every row as CSV in the output; ``save=FOLDER`` writes every row to
    ``FOLDER/<name>.csv`` instead (``<name>-2.csv`` for a second table of that name). Either way the report
    puts it in ``reports/tables/<notebook>-<name>.csv``; ``name`` (letters, digits, ``-``, ``_``) is then
    required. The shared notebooks write ``save=save_tables``: False in their parameters cell, so a stored
    notebook holds no CSV, and a folder of the report's own when it executes them (``report``).
    """
    return Table(frame, name, caption, max_rows, save)


def cell(value) -> str:
    """One value as a person reads it: blank when missing, dates without a time, 12,345 for integers."""
    if isinstance(value, (list, tuple, set, dict)):
        return ", ".join(cell(v) for v in value) if not isinstance(value, dict) else str(value)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # array-likes: pd.isna answers per element
        return str(value)
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, Integral):
        return f"{int(value):,}"
    if isinstance(value, Real):
        number = float(value)
        if number.is_integer() and abs(number) < 1e15:  # a count turned float by a missing value
            return f"{int(number):,}"
        return f"{number:,.3f}".rstrip("0").rstrip(".")
    return str(value)


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Index levels as ordinary columns (unless it is the default 0..n-1), column levels joined."""
    flat = frame.copy()
    if isinstance(flat.columns, pd.MultiIndex):
        flat.columns = [" · ".join(str(p) for p in c if str(p)) for c in flat.columns]
    default = isinstance(flat.index, pd.RangeIndex) and flat.index.name is None and flat.index.start == 0 \
        and flat.index.step == 1
    if not default:
        names = [n if n is not None else "" for n in flat.index.names]
        flat.index.names = names
        flat = flat.reset_index(allow_duplicates=True)
    return flat


def _csv(flat: pd.DataFrame, path: Path | None = None) -> str | None:
    """The table as CSV text, or written to ``path`` (streamed in chunks) when given."""
    return flat.to_csv(path, index=False, lineterminator="\n", date_format=None, encoding="utf-8")


def save_csv(flat: pd.DataFrame, folder: str | os.PathLike, name: str) -> str:
    """Write ``flat`` as ``folder/<name>.csv`` (``<name>-2.csv``, … when taken), as ``_csv`` writes it; the
    file's name."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    file, k = f"{name}.csv", 1
    while (folder / file).exists():
        k += 1
        file = f"{name}-{k}.csv"
    _csv(flat, folder / file)
    return file


def _is_number_column(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


KEEP = 20     # a column whose values are all this short (ids, dates, names) is kept on one line …
BUDGET = 90   # … while all the columns kept on one line fit in about this many characters


def _column_classes(shown: pd.DataFrame, columns: list[list[str]]) -> list[str]:
    """"nd-num" for numbers, "nd-keep" for short values kept whole, "" for text that wraps.

    When the table is wider than the page the browser narrows every column it can; keeping short columns
    whole (within a budget, so the table still fits the page) leaves the wrapping to long text.
    """
    widths = [max((len(v) for v in col), default=0) for col in columns]
    classes = ["nd-num" if _is_number_column(shown.iloc[:, i]) else "" for i in range(shown.shape[1])]
    used = sum(w for w, k in zip(widths, classes) if k)
    for i in sorted(range(len(columns)), key=lambda i: (widths[i], i)):
        if not classes[i] and widths[i] <= KEEP and used + widths[i] <= BUDGET:
            classes[i], used = "nd-keep", used + widths[i]
    return classes


_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_LONG = re.compile(r"(\S{25,})")  # a run this long (a path, a URL) would set the column's least width


def breakable(text: str) -> str:
    """Escaped text whose long unbroken runs may wrap (``<wbr>`` after separators and every 20 characters).

    ``overflow-wrap: anywhere`` would do it in CSS but also lets short values such as dates break mid-way.
    """
    pieces = _LONG.split(text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:  # browsers break after a hyphen: dates are kept whole
            out.append(_DATE.sub(r'<span class="nd-date">\1</span>', html.escape(piece)))
            continue
        parts = [p[j:j + 20] for p in re.split(r"(?<=[/_.?&=-])", piece) if p for j in range(0, len(p), 20)]
        out.append("<wbr>".join(html.escape(p) for p in parts))
    return "".join(out)


def _attr(kind: str) -> str:
    return f' class="{kind}"' if kind else ""


def _note(shown: int, total: int) -> str:
    return f"first {shown:,} of {total:,} rows"


# ---------------------------------------------------------------- review banner

_KINDS = ["new actor", "mention", "statement", "deadline"]  # the kinds annotation._unreviewed records


class Banner:
    """A short notice with a plain-text and an HTML form (see ``unreviewed_banner``)."""

    def __init__(self, text: str, html_text: str):
        self.text, self.html_text = text, html_text

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.text, "text/html": self.html_text}, {}

    def __repr__(self) -> str:
        return self.text


def unreviewed_banner(corpus) -> Banner:
    """A visible notice when some entries are machine drafts nobody has reviewed yet (``corpus.unreviewed``),
    with a count per kind; a quiet line when every entry is reviewed."""
    pending = getattr(corpus, "unreviewed", None)
    left_out = len({getattr(p, "path", p) for p in getattr(corpus, "draft_problems", None) or []})
    if pending is None or len(pending) == 0:
        if left_out:
            text = _left_out(left_out)
            return Banner(text, f'<p role="note" style="color:#3d2600;margin:0">{html.escape(text)}</p>')
        return Banner("All entries reviewed.",
                      '<p style="color:#666;font-size:0.85rem;margin:0">All entries reviewed.</p>')
    counts = pending["kind"].astype(str).value_counts()
    order = [k for k in _KINDS if k in counts] + sorted(k for k in counts.index if k not in _KINDS)
    per_kind = ", ".join(f"{counts[k]:,} {k}{'' if counts[k] == 1 else 's'}" for k in order)
    n, k = len(pending), pending["article_id"].nunique()
    headline = (f"{n:,} {'entry' if n == 1 else 'entries'} in {k:,} article{'' if k == 1 else 's'} "
                f"{'is a machine draft' if n == 1 else 'are machine drafts'} not yet reviewed")
    trust = ""
    articles = getattr(corpus, "articles", None)
    reviewed = articles["reviewed"] if articles is not None and "reviewed" in articles else None
    # machine drafts loaded: say how far the drafter is trusted
    if reviewed is not None and not reviewed.all():
        from helpers.evaluation.drafter_accuracy import trust as how_far
        trust = " " + how_far("statements")
    if left_out:
        trust += " " + _left_out(left_out)
    text = f"⚑ {headline} ({per_kind}); they are marked ⚑ unreviewed in the tables below.{trust}"
    page = (f'<div role="note" style="border:2px solid #c77700;background:#fff4e0;color:#3d2600;'
            f'padding:0.6em 0.9em;margin:0.5em 0;border-radius:4px;font-family:sans-serif">'
            f"<strong>⚑ {html.escape(headline)}</strong> ({html.escape(per_kind)}); "
            f"they are marked ⚑ unreviewed in the tables below.{html.escape(trust)}</div>")
    return Banner(text, page)


def _left_out(n: int) -> str:
    return (f"{n:,} draft{' is' if n == 1 else 's are'} left out: {'it does' if n == 1 else 'they do'} "
            "not load beside the annotations (python -m helpers validate names them).")
