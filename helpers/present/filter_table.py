"""A table that filters itself in the browser: ``<select>`` filters and a text search over rows embedded as
JSON.

Python callbacks cannot run in a rendered page, and pre-rendering every combination of several filters
multiplies the page size; a few dozen lines of inline script over the embedded rows do not. The same
markup works as a fresh output in JupyterLab (its scripts run there), and :meth:`FilterTable.select`
renders any choice kernel-side, so tests and untrusted notebooks see the same first rows.

Rows reach the page only as JSON inside ``<script type="application/json">`` with ``<``, ``>``, ``&``
and U+2028/9 escaped (no analyst text can close the script), and the script writes every cell with
``textContent``: markup in the data stays text.
"""
from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass, field

from helpers.present.display import breakable

ROWS = 50  # rows shown at once: enough to read, and the DOM stays small at any corpus size


@dataclass
class Filter:
    name: str                      # the key of FilterTable.select(name=value)
    label: str                     # shown beside the <select>
    options: list[tuple[object, str]]  # (value, text), in the order offered; rows refer to them by position

    def position(self, value) -> int:
        for i, (v, text) in enumerate(self.options):
            if v == value or text == value:
                return i
        raise ValueError(f"{self.label}: no choice {value!r}")


@dataclass
class Column:
    header: str
    filter: int | None = None      # the cell is this filter's option text(s) for the row …
    text: int | None = None        # … or the row's own text at this position; both: "option · text"


@dataclass
class FilterTable:
    """``rows``: (texts, keys, flag): keys[i] is filter i's option position (an int, a list, or -1 for none);
    flag is None or the hover text of a row marked "⚑ unreviewed"."""
    what: str                      # plural noun: "statements"
    columns: list[Column]
    filters: list[Filter]
    rows: list[tuple[list[str], list, str | None]]
    total: int | None = None       # rows in the corpus, when only some are embedded
    note: str = ""                 # plain text under the controls (escaped here)
    limit: int = ROWS
    chosen: dict = field(default_factory=dict)  # filter name → option position
    search: str = ""

    # -- kernel side -------------------------------------------------------------------------------
    def select(self, search: str = "", **choices) -> FilterTable:
        """The same table with filters set by value or option text (None: any), e.g.
        ``select(mode="direct")``."""
        by_name = {f.name: (i, f) for i, f in enumerate(self.filters)}
        chosen = {}
        for name, value in choices.items():
            if name not in by_name:
                raise ValueError(f"no filter {name!r}; filters: {', '.join(by_name)}")
            if value is not None:
                chosen[name] = by_name[name][1].position(value)
        return FilterTable(self.what, self.columns, self.filters, self.rows, self.total, self.note,
                           self.limit,
                           chosen, search)

    def matching(self) -> list:
        """The rows that pass the chosen filters and search (the script's rule, in Python)."""
        wanted = [(i, self.chosen[f.name]) for i, f in enumerate(self.filters) if f.name in self.chosen]
        needle = self.search.casefold().strip()
        out = []
        for row in self.rows:
            keys = row[1]
            if all(k == pos or (isinstance(k, list) and pos in k) for i, pos in wanted for k in [keys[i]]):
                if not needle or needle in " ".join(self._cells(row)).casefold():
                    out.append(row)
        return out

    def _cells(self, row) -> list[str]:
        texts, keys, _ = row
        cells = []
        for col in self.columns:
            parts = []
            if col.filter is not None:
                key = keys[col.filter]
                positions = key if isinstance(key, list) else [] if key < 0 else [key]
                parts.append(", ".join(self.filters[col.filter].options[p][1] for p in positions))
            if col.text is not None:
                parts.append(texts[col.text])
            cells.append(" · ".join(p for p in parts if p))
        return cells

    def status(self, matched: int) -> str:
        line = f"{matched:,} of {len(self.rows):,} {self.what} match"
        if matched > self.limit:
            line += f"; the first {self.limit} are shown (narrow the filters or search to see others)"
        return line + "."

    # -- the page ----------------------------------------------------------------------------------
    def html(self) -> str:
        payload = {"what": self.what, "limit": self.limit,
                   "columns": [[c.header, -1 if c.filter is None else c.filter, -1 if c.text is None
                                else c.text]
                               for c in self.columns],
                   "filters": [[f.label, [text for _, text in f.options]] for f in self.filters],
                   "rows": [list(r) for r in self.rows],
                   "chosen": [self.chosen.get(f.name, -1) for f in self.filters], "search": self.search}
        data = script_json(payload)
        box = "nd-filter-" + hashlib.sha1(data.encode("utf-8")).hexdigest()[:12]
        esc = html.escape
        controls = "".join(
            f'<label>{esc(f.label)} <select data-filter="{i}"><option value="-1">any</option>'
            + (f'<option value="{self.chosen[f.name]}" '
               f'selected>{esc(f.options[self.chosen[f.name]][1])}</option>'
               if f.name in self.chosen else "")
            + "</select></label> " for i, f in enumerate(self.filters))
        controls += (f'<label>Search <input type="search" value="{esc(self.search, quote=True)}" '
                     'placeholder="words, names, titles"></label>')
        matched = self.matching()
        head = "".join(f"<th>{esc(c.header)}</th>" for c in self.columns)
        body = "".join(self._row_html(r) for r in matched[:self.limit])
        note = f'<p class="nd-filter-note"><i>{esc(self.note)}</i></p>' if self.note else ""
        return (f'<div class="nd-filter" id="{box}">{STYLE}<div '
                f'class="nd-filter-controls">{controls}</div>{note}'
                f'<p class="nd-filter-count">{esc(self.status(len(matched)))}</p>'
                '<p class="nd-filter-nojs"><i>The filters above need the page\'s script: in JupyterLab, run '
                'the cell '
                f'again (or trust the notebook); in Python, <code>.select(…)</code> shows any choice.</i></p>'
                '<table '
                f'class="newsdesk-table"><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>'
                f'<script type="application/json">{data}</script><script>{SCRIPT}</script></div>')

    def _row_html(self, row) -> str:
        flag = row[2]
        mark = (f'<td class="nd-flag" title="{html.escape(flag, quote=True)}">⚑ unreviewed</td>'
                if flag is not None else "<td></td>")
        return "<tr>" + mark + "".join(f"<td>{breakable(c)}</td>" for c in self._cells(row)) + "</tr>"

    def _repr_html_(self) -> str:
        return self.html()


def script_json(value) -> str:
    """JSON safe inside ``<script type="application/json">``: nothing in it can end the script or start
    markup."""
    return script_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


_SCRIPT_UNSAFE = {ord("&"): "\\u0026", ord("<"): "\\u003c", ord(">"): "\\u003e",
                  0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_safe(json_text: str) -> str:
    """A JSON text made safe inside a ``<script>`` block, meaning unchanged.

    ``<``, ``>`` and ``&`` can only occur inside JSON strings, where ``\\u003c`` and the like stand for the
    same characters; escaped, no ``</script>``, ``<!--`` or ``<script`` in the data can end the block or
    change how the HTML parser reads it. U+2028 and U+2029 are escaped for older JavaScript parsers.
    """
    return json_text.translate(_SCRIPT_UNSAFE)


STYLE = """<style>
.nd-filter .nd-filter-controls label{margin-right:1em;white-space:nowrap;font-family:sans-serif}
.nd-filter select{max-width:22em}
.nd-filter .nd-filter-count{font-weight:bold;font-family:sans-serif}
.nd-filter table td,.nd-filter table th{text-align:left !important;vertical-align:top}
.nd-filter .nd-date{white-space:nowrap}
.nd-filter td.nd-flag{color:#a04000;white-space:nowrap;border:1px dashed #a04000}
.nd-filter.nd-ready .nd-filter-nojs{display:none}
</style>"""

# Filters the embedded rows, shows the first `limit` matches; cells are written with textContent only.
SCRIPT = r"""(function () {
  var me = document.currentScript, box = me && me.parentNode;
  if (!box || !box.classList || !box.classList.contains("nd-filter")) return;
  var d = JSON.parse(box.querySelector('script[type="application/json"]').textContent);
  var selects = box.querySelectorAll("select[data-filter]"), search = box.querySelector("input[type=search]");
  var body = box.querySelector("tbody"), count = box.querySelector(".nd-filter-count");
  d.filters.forEach(function (f, i) {
    var sel = selects[i];
    while (sel.options.length) sel.remove(0);
    sel.add(new Option("any", "-1"));
    f[1].forEach(function (text, j) { sel.add(new Option(text, String(j))); });
    sel.value = String(d.chosen[i]);
  });
  function cells(row) {
    return d.columns.map(function (c) {
      var parts = [];
      if (c[1] >= 0) {
        var k = row[1][c[1]], ks = Array.isArray(k) ? k : (k < 0 ? [] : [k]);
        parts.push(ks.map(function (p) { return d.filters[c[1]][1][p]; }).join(", "));
      }
      if (c[2] >= 0) parts.push(row[0][c[2]]);
      return parts.filter(function (p) { return p; }).join(" \u00b7 ");
    });
  }
  var hay = [];
  function show() {
    var want = [];
    selects.forEach(function (s, i) { var v = +s.value; if (v >= 0) want.push([i, v]); });
    var needle = search.value.trim().toLowerCase(), hits = 0, shown = [];
    d.rows.forEach(function (row, r) {
      for (var w = 0; w < want.length; w++) {
        var k = row[1][want[w][0]], v = want[w][1];
        if (!(k === v || (Array.isArray(k) && k.indexOf(v) >= 0))) return;
      }
      if (needle) {
        if (hay[r] === undefined) hay[r] = cells(row).join(" ").toLowerCase();
        if (hay[r].indexOf(needle) < 0) return;
      }
      hits++;
      if (shown.length < d.limit) shown.push(row);
    });
    body.textContent = "";
    shown.forEach(function (row) {
      var tr = document.createElement("tr"), flag = document.createElement("td");
      if (row[2] !== null) {
        flag.className = "nd-flag"; flag.title = row[2]; flag.textContent = "\u2691 unreviewed";
      }
      tr.appendChild(flag);
      cells(row).forEach(function (text) {
        var td = document.createElement("td");
        // a date stays on one line: text around it as text nodes, the date in a span (never as markup)
        text.split(/(\d{4}-\d{2}-\d{2})/).forEach(function (part, i) {
          if (i % 2) {
            var span = document.createElement("span");
            span.className = "nd-date"; span.textContent = part; td.appendChild(span);
          } else if (part) td.appendChild(document.createTextNode(part));
        });
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    var more = hits > d.limit
      ? "; the first " + d.limit + " are shown (narrow the filters or search to see others)" : "";
    count.textContent = hits.toLocaleString("en") + " of " + d.rows.length.toLocaleString("en") + " " + d.what
      + " match" + more + ".";
  }
  selects.forEach(function (s) { s.addEventListener("change", show); });
  search.addEventListener("input", show);
  show();
  box.classList.add("nd-ready");
})();"""
