"""Tables for people, pages without code in the way, and the findings log.

Everything here runs on small frames and notebooks built in the test, except
``test_findings_log_matches_stored_notebooks`` (reads notebooks/, never data/)
and the checks on the full report of the mixed corpus, which reuse the
``mixed_pages`` fixture shared from conftest.py.
"""
from __future__ import annotations

import ast
import csv
import io
import re
from types import SimpleNamespace

import nbformat
import numpy as np
import pandas as pd
import pytest
from IPython.core.formatters import DisplayFormatter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.present import display, findings_log
from helpers.present.report import describe_corpus, notebook_parameters, parameters_for, render_page
from tests.conftest import ROOT


def _shown(obj):
    """What IPython's display machinery puts in the notebook for ``obj``: (data, metadata)."""
    return DisplayFormatter().format(obj)


@pytest.fixture
def frame():
    return pd.DataFrame({
        "published": pd.to_datetime(["2025-08-01", None, "2025-08-03"]),
        "mentions": pd.array([12345, None, 3], dtype="Int64"),
        "share": [0.25, np.nan, 1.0],
        "quote": ["<script>alert(1)</script> & more", None, pd.NA],
        "speaker": ["Vladimir Putin", "Donald Trump", None],
    })


# ---------------------------------------------------------------- display.table

def test_table_is_text_and_html_and_a_saved_one_also_csv_tagged_with_its_name(frame):
    shown, metadata = _shown(display.table(frame, "speakers"))
    assert set(shown) == {"text/plain", "text/html"} and not metadata, "a table only shown is not saved"
    assert shown["text/plain"] == frame.to_string()
    assert _shown(display.table(frame)) == (shown, {}), "a table only shown needs no name"
    data, metadata = _shown(display.table(frame, "speakers", save=True))
    assert set(data) == {"text/plain", "text/html", "text/csv"}
    assert metadata == {"newsdesk": {"table": "speakers"}}
    assert data["text/plain"] == shown["text/plain"] and data["text/html"] == shown["text/html"]
    assert list(csv.reader(io.StringIO(data["text/csv"])))[0] == list(frame.columns)


def test_a_table_saved_to_a_folder_is_written_there_whole_not_carried(frame, tmp_path):
    big = pd.DataFrame({"n": range(45), "label": [f"row {i}" for i in range(45)]})
    carried, _ = _shown(display.table(big, "rows", save=True))
    data, metadata = _shown(display.table(big, "rows", save=tmp_path / "saved"))
    assert set(data) == {"text/plain", "text/html"}, "the CSV goes to the file, not into the notebook"
    assert data["text/html"] == carried["text/html"] and data["text/plain"] == carried["text/plain"]
    assert metadata == {"newsdesk": {"table": "rows", "file": "rows.csv"}}
    assert (tmp_path / "saved" / "rows.csv").read_text(encoding="utf-8") == carried["text/csv"]
    # the same name again: a second file, as a second table of that name in the report's tables/
    assert _shown(display.table(frame, "rows", save=str(tmp_path / "saved")))[1]["newsdesk"]["file"] \
        == "rows-2.csv"
    assert (tmp_path / "saved" / "rows-2.csv").read_text(encoding="utf-8") == \
        _shown(display.table(frame, "rows", save=True))[0]["text/csv"]
    assert _shown(display.table(frame, "rows", save=""))[1] == {}, "an empty folder name saves nothing"


def test_table_html_reads_like_a_table_for_people(frame):
    page = _shown(display.table(frame, "speakers", caption="Who spoke & when"))[0]["text/html"]
    assert "<table" in page and "<caption>Who spoke &amp; when</caption>" in page
    assert re.search(r"<td[^>]*>2025-08-01</td>", page) and "00:00:00" not in page
    assert '<td class="nd-num">12,345</td>' in page
    assert "&lt;script&gt;alert(1)" in page and "&amp; more" in page and "<script>" not in page
    body = page[page.index("<tbody>"):]
    for missing in ("nan", "NaN", "NaT", "&lt;NA&gt;", "None"):
        assert missing not in body
    assert len(re.findall(r"<td[^>]*></td>", body)) == 6 and body.count('<td class="nd-num"></td>') == 2
    assert "first" not in body  # not capped: no note


def test_table_wraps_long_text_and_is_not_monospace(frame):
    page = _shown(display.table(frame, "speakers"))[0]["text/html"]
    style = page[page.index("<style>"):page.index("</style>")]
    assert "overflow-wrap:break-word" in style and "max-width:100%" in style
    assert "monospace" not in style and "white-space:normal" in style


def test_short_values_stay_whole_and_long_text_wraps():
    words = "the whole world understands this too, said the president at length " * 3
    frame = pd.DataFrame({"id": ["D1", "D2"], "due": ["2025-08-04", "2025-08-11"], "words": [words, "short"]})
    page = _shown(display.table(frame, "t"))[0]["text/html"]
    assert '<td class="nd-keep">D1</td>' in page and '<td class="nd-keep">2025-08-04</td>' in page
    assert f"<td>{words}</td>" in page  # wraps (the table rule), never kept on one line
    spans = _shown(display.table(frame.assign(words=["due 2025-08-04 to 2025-08-11 " * 3, ""]),
                                 "t"))[0]["text/html"]
    # a date inside wrapping text stays whole
    assert spans.count('<span class="nd-date">2025-08-11</span>') == 3
    path = "annotations/" + "x" * 40 + ".yaml"
    soft = _shown(display.table(pd.DataFrame({"path": [path]}), "p"))[0]["text/html"]
    # a long path may wrap; copied, it is whole
    assert "annotations/<wbr>" in soft and soft.count("<wbr>") == 4
    # 8 × 18 characters: more than fits on a line
    wide = pd.DataFrame({f"c{i}": ["x" * 18] for i in range(8)})
    kept = _shown(display.table(wide, "wide"))[0]["text/html"].count('<td class="nd-keep">')
    assert 0 < kept < 8


def test_capped_table_shows_its_first_rows_and_saves_every_row():
    big = pd.DataFrame({"n": range(45), "label": [f"row {i}" for i in range(45)]})
    stored, _ = _shown(display.table(big, "rows"))
    assert "text/csv" not in stored, "a table only shown puts no CSV into a stored notebook"
    data, _ = _shown(display.table(big, "rows", save=True))
    assert data["text/html"] == stored["text/html"] and data["text/plain"] == stored["text/plain"]
    body = data["text/html"][data["text/html"].index("<tbody>"):]
    assert body.count("<tr>") == 40 and "row 39" in body and "row 40" not in body
    assert '<p class="nd-table-note">first 40 of 45 rows</p>' in data["text/html"]
    assert data["text/plain"].endswith("first 40 of 45 rows") and "row 40" not in data["text/plain"]
    assert len(data["text/csv"].splitlines()) == 46 and "44,row 44" in data["text/csv"]


def test_table_is_deterministic_and_keeps_a_named_index():
    counts = pd.DataFrame({"mentions": [12, 3]}, index=pd.Index(["putin", "trump"], name="actor_id"))
    first, again = (_shown(display.table(counts, "counts", save=True)) for _ in range(2))
    assert first == again
    assert not re.search(r"\bid=|uuid|T_[0-9a-f]{5}", first[0]["text/html"])  # no Styler ids
    assert re.search(r"<th[^>]*>actor_id</th>",
                     first[0]["text/html"]) and ">putin</td>" in first[0]["text/html"]
    assert first[0]["text/csv"] == "actor_id,mentions\nputin,12\ntrump,3\n"


def test_a_series_is_a_one_column_table():
    counts = pd.Series([3, 1], index=pd.Index(["talks", "ceasefire"], name="topic"), name="statements")
    saved = _shown(display.table(counts, "topics", save=True))[0]
    assert saved["text/csv"] == "topic,statements\ntalks,3\nceasefire,1\n"


def test_an_empty_table_says_it_has_no_rows():
    empty = display.table(pd.DataFrame(columns=["article", "verdict"]), "differences", caption="Differences")
    assert empty.text() == "Differences\n(no rows)"
    assert ">article</th>" in empty.html() and "No rows." in empty.html()
    assert "No rows." not in display.table(pd.DataFrame({"a": [1]}), "one").html()


@pytest.mark.parametrize("value, shown", [
    (pd.Timestamp("2031-03-16 14:30"), "2031-03-16"), (pd.NaT, ""), (None, ""), (pd.NA, ""), (np.nan, ""),
    (1234567, "1,234,567"), (np.int64(-4200), "-4,200"), (4200.0, "4,200"), (0.125, "0.125"),
    (True, "yes"), (["a", "b"], "a, b"), ("nan", "nan"),
])
def test_cell_values_for_people(value, shown):
    assert display.cell(value) == shown


@pytest.mark.parametrize("name", ["", "a/b", "../x", "with space", "-lead"])
def test_table_name_becomes_a_file_name_so_it_must_be_plain(frame, name):
    with pytest.raises(ValueError):
        display.table(frame, name)
    with pytest.raises(ValueError):
        display.table(frame, name, save=True)


def test_a_saved_table_needs_a_name(frame):
    with pytest.raises(ValueError, match="needs a name"):
        display.table(frame, save=True)


# ---------------------------------------------------------------- display.unreviewed_banner

def test_banner_counts_unreviewed_entries_per_kind():
    pending = pd.DataFrame({"article_id": ["a1", "a1", "a1", "a2"],
                            "kind": ["statement", "deadline", "statement", "statement"],
                            "id": ["S1", "D1", "S2", "S1"]})
    data, _ = _shown(display.unreviewed_banner(SimpleNamespace(unreviewed=pending)))
    assert data["text/plain"].startswith("⚑ 4 entries in 2 articles are machine drafts not yet reviewed "
                                         "(3 statements, 1 deadline)")
    assert 'role="note"' in data["text/html"] and "3 statements, 1 deadline" in data["text/html"]


def test_banner_for_one_entry_speaks_in_the_singular():
    pending = pd.DataFrame({"article_id": ["a1"], "kind": ["new actor"], "id": ["x"]})
    text = _shown(display.unreviewed_banner(SimpleNamespace(unreviewed=pending)))[0]["text/plain"]
    assert "1 entry in 1 article is a machine draft not yet reviewed (1 new actor)" in text


def test_banner_is_quiet_when_everything_is_reviewed(fictional):
    assert fictional.unreviewed.empty
    data, _ = _shown(display.unreviewed_banner(fictional))
    assert data["text/plain"] == "All entries reviewed." and "⚑" not in data["text/html"]


# ---------------------------------------------------------------- findings log

def _stdout(text):
    return new_output("stream", name="stdout", text=text)


def _notebook(title, *findings_printed, extra=()):
    cells = [new_markdown_cell(f"# {title}\n\nWhy."),
             new_code_cell("x = 1", metadata={"tags": ["parameters"]})]
    cells += [new_code_cell(f"# NBVAL_CHECK_OUTPUT\nprint({t!r})", outputs=[_stdout(t)])
              for t in findings_printed]
    return new_notebook(cells=cells + list(extra))


def test_findings_are_the_stdout_of_checked_cells_in_order():
    nb = _notebook("1 · Actors", "Putin speaks most.\n\nRussia is named most.\n", "8 actors.\n", extra=[
        new_code_cell("print('not checked')", outputs=[_stdout("not checked\n")]),
        new_code_cell("# note\n# NBVAL_CHECK_OUTPUT\nprint('x')", outputs=[_stdout("mark not first\n")]),
        new_code_cell("# NBVAL_CHECK_OUTPUT\nwarn()",
                      outputs=[new_output("stream", name="stderr", text="a warning\n")]),
    ])
    assert findings_log.findings(nb) == ["Putin speaks most.", "Russia is named most.", "8 actors."]
    assert findings_log.title(nb) == "1 · Actors"


def test_changed_findings_read_as_before_and_after():
    before = {"1-actors": ["Putin speaks most.", "8 actors.", "Lukashenko never speaks."],
              "2-statements": ["25 statements."]}
    after = {"1-actors": ["Putin speaks most.", "9 actors.", "A new line."],
             "2-statements": ["25 statements."],
             "5-new": ["First finding."]}
    assert findings_log.changes(before, after) == [
        "1-actors: 1 changed, 1 removed, 1 added",
        "  before: 8 actors.",
        "  after:  9 actors.",
        "  removed: Lukashenko never speaks.",  # nothing alike took its place: not shown as its "after"
        "  added:   A new line.",
        "2-statements: no finding changed",
        "5-new: 1 added",
        "  added:   First finding.",
        "Findings changed: review the lines above.",
    ]
    slipped_in = findings_log.changes({"n": ["D1 issued on May 2.", "D2 issued on May 3."]},
                                      {"n": ["Other article · D1 issued on May 9.",
                                             "D1 issued on May 2 (2019).",
                                             "D2 issued on May 3 (2019)."]})
    # a new line does not shift the pairs
    assert slipped_in[1:] == ["  added:   Other article · D1 issued on May 9.",
                              "  before: D1 issued on May 2.", "  after:  D1 issued on May 2 (2019).",
                              "  before: D2 issued on May 3.", "  after:  D2 issued on May 3 (2019).",
                              "Findings changed: review the lines above."]
    removed = findings_log.changes({"n": ["a.", "b.", "c."]}, {"n": ["a.", "c."]})
    assert removed == ["n: 1 removed", "  removed: b.", "Findings changed: review the lines above."]


def test_no_change_is_said_plainly():
    same = {"1-actors": ["Putin speaks most."]}
    assert findings_log.changes(same, same) == ["1-actors: no finding changed", "No finding changed."]


def test_log_has_a_heading_per_notebook_and_keeps_printed_tables_aligned():
    table = "          name  mentions\nputin   Putin        12\n"
    one = _notebook("1 · Actors", "Putin speaks most.\nRussia is named most.\n", table)
    two = _notebook("2 · Statements")
    text = findings_log.markdown([("1-actors.ipynb", one), ("2-statements.ipynb", two)], "on a test corpus")
    assert text.index("## 1 · Actors") < text.index("- Putin speaks most.") < text.index("- Russia is "
                                                                                         "named most.") \
        < text.index(f"```text\n{table}```") < text.index("## 2 · Statements")
    assert "on a test corpus" in text and "(no checked findings)" in text and text.endswith("\n")


def _table_output(frame, name, save=True):
    data, metadata = _shown(display.table(frame, name, save=save))
    return new_output("display_data", data=data, metadata=metadata)


def test_tables_are_read_back_from_the_outputs_and_written_as_csv(tmp_path):
    speakers = pd.DataFrame({"speaker": ["Putin", "Trump"], "statements": [12, 4]})
    many = pd.DataFrame({"n": range(100)})
    nb = _notebook("1 · Actors", "x.\n", extra=[
        new_code_cell("show.table(speakers, 'speakers', save=True)",
                      outputs=[_table_output(speakers, "speakers")]),
        new_code_cell("show.table(many, 'many', save=True)", outputs=[_table_output(many, "many")]),
        new_code_cell("show.table(many, 'shown')", outputs=[_table_output(many, "shown", save=False)]),
        new_code_cell("show.table(speakers, 'speakers', save=True)",
                      outputs=[_table_output(speakers, "speakers")]),
        new_code_cell("HTML('<b>no</b>')",
                      outputs=[new_output("display_data", data={"text/html": "<b>no</b>"})]),
    ])
    path = tmp_path / "1-actors.ipynb"
    nbformat.write(nb, path)
    assert [t.name for t in findings_log.tables(findings_log.read(path))] == ["speakers", "many",
                                                                               "speakers"]
    # "shown" was only shown: not a file
    out = tmp_path / "tables"
    out.mkdir()
    (out / "stale.csv").write_text("old")
    written = findings_log.write_tables([(path.name, findings_log.read(path))], out)
    assert sorted(p.name for p in out.iterdir()) == ["1-actors-many.csv", "1-actors-speakers-2.csv",
                                                     "1-actors-speakers.csv"]
    assert len(written) == 3
    assert pd.read_csv(out / "1-actors-many.csv")["n"].tolist() == list(range(100))  # not capped at 40
    assert (out / "1-actors-speakers.csv").read_text() == "speaker,statements\nPutin,12\nTrump,4\n"


def test_tables_written_to_files_are_moved_into_the_report(tmp_path):
    speakers = pd.DataFrame({"speaker": ["Putin", "Trump"], "statements": [12, 4]})
    saved = tmp_path / "saved" / "2-statements"
    nb = _notebook("2 · Statements", "x.\n", extra=[
        new_code_cell("show.table(speakers, 'speakers', save=save_tables)",
                      outputs=[_table_output(speakers, "speakers", save=saved)]),
        new_code_cell("show.table(speakers, 'speakers', save=save_tables)",
                      outputs=[_table_output(speakers.head(1), "speakers", save=saved)]),
        new_code_cell("show.table(speakers, 'inline', save=True)",
                      outputs=[_table_output(speakers, "inline")]),
    ])
    assert findings_log.tables(nb) == [("speakers", None, "speakers.csv"),
                                       ("speakers", None, "speakers-2.csv"),
                                       ("inline", "speaker,statements\nPutin,12\nTrump,4\n", None)]
    out = tmp_path / "tables"
    written = findings_log.write_tables([("2-statements.ipynb", nb)], out, tmp_path / "saved")
    assert [p.name for p in written] == ["2-statements-speakers.csv", "2-statements-speakers-2.csv",
                                         "2-statements-inline.csv"]
    assert (out / "2-statements-speakers-2.csv").read_text() == "speaker,statements\nPutin,12\n"
    assert not list(saved.iterdir()), "moved, not copied"
    # a file name that would leave the folder is not a table of the notebook's
    nb.cells[-3].outputs[0].metadata["newsdesk"]["file"] = "../elsewhere.csv"
    assert [t.file for t in findings_log.tables(nb)] == ["speakers-2.csv", None]


@pytest.mark.slow  # executes notebooks
def test_make_notebooks_prints_the_changed_findings_and_rewrites_the_log(tmp_path, capsys):
    nb = _notebook("1 · Tiny", "old finding\n")
    nb.cells[-1].source = "# NBVAL_CHECK_OUTPUT\nprint('new finding')"
    nb.cells.append(nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(3)"))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "1-tiny.ipynb")
    assert findings_log.run_notebooks(tmp_path) == 0
    stored = findings_log.read(tmp_path / "1-tiny.ipynb")  # kept without widget state or timestamps
    assert "widgets" not in stored.metadata and not any("execution" in c.metadata for c in stored.cells)
    assert stored.cells[-1].outputs[0]["data"] == {"text/plain": findings_log.RUN_TO_USE}
    printed = capsys.readouterr().out
    assert "1-tiny: 1 changed\n  before: old finding\n  after:  new finding\n" in printed
    assert findings_log.findings(findings_log.read(tmp_path / "1-tiny.ipynb")) == ["new finding"]
    assert (tmp_path / "FINDINGS.md").read_text(encoding="utf-8") == findings_log.stored_log(tmp_path)
    assert "- new finding" in (tmp_path / "FINDINGS.md").read_text(encoding="utf-8")


def test_findings_log_matches_stored_notebooks():
    """notebooks/FINDINGS.md is what the stored notebooks print; `make notebooks` rewrites both together
    (`python -m helpers notebooks --log-only` rewrites the log alone)."""
    stored = (ROOT / "notebooks" / findings_log.LOG_NAME).read_text(encoding="utf-8")
    assert stored == findings_log.stored_log(ROOT / "notebooks")


SAVED = {  # the tables each notebook saves: reports/tables/<notebook>-<name>.csv
    "1-actors": ["actors", "places", "co_mentions", "stories", "actors_by_story"],
    "2-statements": ["statements_by_speaker", "topics_by_speaker", "statements_by_story", "statements",
                     "drafter_by_speaker", "drafter_differences"],
    "3-deadlines": ["deadlines", "restatements", "deadlines_by_story", "timeline"],
    "4-reader": [],
}


def _table_calls(source: str) -> list[tuple[str | None, str | None]]:
    """(name, the source of its save= argument) of each ``show.table(...)`` call in a cell (magics left
    out)."""
    tree = ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%")))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and node.func.attr == "table"]
    found = []
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
        name = call.args[1].value if len(call.args) > 1 and isinstance(call.args[1], ast.Constant) else None
        save = next((ast.unparse(k.value) for k in call.keywords if k.arg == "save"), None)
        found.append((name, save))
    return found


def test_notebooks_open_alike_state_claims_and_save_tables_by_an_explicit_call():
    """Every notebook with a page opens with the same parameters (its own after them) and the same setup cell;
    its headings state claims in words, never a count that holds for one corpus only; and the tables that
    reach reports/tables/ are exactly those shown with ``save=save_tables``, a parameter the report sets."""
    books = {p.stem: findings_log.read(p) for p in findings_log.notebook_paths(ROOT / "notebooks")
             if findings_log.shared(findings_log.read(p))}
    assert set(books) == set(SAVED)
    opening = {}
    for stem, nb in books.items():
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", []), stem
        assert {"corpus_folder", "story", "drafts", "save_tables"} <= notebook_parameters(ROOT / "notebooks" /
                                                                                          f"{stem}.ipynb")
        opening[stem] = (tuple(code[0].source.splitlines()[:5]), code[1].source)
        assert "names = corpus.names" in code[1].source and "labels = corpus.labels" in code[1].source
        headings = [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
                    if line.startswith("##")]
        assert len(headings) == len(set(headings)), f"{stem}: a heading twice"
        for heading in headings:
            assert not re.search(r"\d|Finding",
                                 heading), f"{stem}: {heading!r} should state its claim in words"
        calls = [call for c in code for call in _table_calls(c.source)]
        assert [name for name, save in calls if save is not None] == SAVED[stem], stem
        assert {save for _, save in calls if save is not None} <= {"save_tables"}, stem
    assert len(set(opening.values())) == 1, "the notebooks open with different parameters or setup cells"


# ---------------------------------------------------------------- rendered pages

def test_page_hides_code_behind_one_toggle_and_drops_test_markers():
    svg = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='5' height='5'/></svg>"
    nb = new_notebook(cells=[
        new_markdown_cell("# Tiny page\n\nSome **markdown**."),
        new_code_cell('corpus_folder = "/elsewhere"', metadata={"tags": ["injected-parameters"]}),
        new_code_cell("# NBVAL_CHECK_OUTPUT\nprint('a finding')", outputs=[_stdout("a finding\n")]),
        new_code_cell("# NBVAL_IGNORE_OUTPUT\nfig", outputs=[new_output(
            "display_data",
            data={"image/svg+xml": svg, "image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})]),
        new_code_cell("import warnings", outputs=[new_output("stream", name="stderr", text="a warning\n")]),
        new_code_cell("x = 2"),
    ])
    page = render_page(nb)
    assert "NBVAL" not in page
    assert page.count('id="nd-code-toggle"') == 1 and ">Show code</button>" in page
    assert page.index('id="nd-code-toggle"') < page.index("<main")  # at the top
    assert "html:not(.nd-show-code) .jp-CodeCell .jp-Cell-inputWrapper" in page  # hidden by default
    assert 'classList.toggle("nd-show-code")' in page
    # code kept, one click away
    assert "print" in page and "a finding" in page and "<strong>markdown</strong>" in page
    cells = re.findall(r'<div class="(jp-Cell jp-CodeCell[^"]*)"', page)
    hidden = [c for c in cells if "celltag_nd-code-only" in c]
    assert len(cells) == 5 and len(hidden) == 3  # parameters, stderr only, no output
    assert "celltag_injected-parameters" in hidden[0]
    findings = [c for c in cells if "celltag_nd-finding" in c]
    assert len(findings) == 1 and "celltag_nd-code-only" not in findings[0]  # its sentences styled as prose
    assert ".celltag_nd-finding .jp-RenderedText pre{" in page
    assert 'data-mime-type="image/svg+xml"' in page and 'data-mime-type="image/png"' not in page
    assert not re.search(r"<script[^>]*\bsrc=\"https?://", page)


def test_story_goes_only_to_notebooks_that_take_it(tmp_path):
    def write(name, params):
        nb = new_notebook(cells=[new_code_cell(params, metadata={"tags": ["parameters"]})])
        nbformat.write(nb, tmp_path / name)
        return tmp_path / name
    takes = write("a.ipynb", 'corpus_folder = "../data"\nstory = None')
    not_ = write("b.ipynb", 'corpus_folder = "../data"')
    assert parameters_for(takes, str(tmp_path), "Grain deal") == {"corpus_folder": str(tmp_path.resolve()),
                                                                "story": "Grain deal"}
    assert parameters_for(not_, str(tmp_path), "Grain deal") == {"corpus_folder": str(tmp_path.resolve())}
    assert parameters_for(takes, None, None) == {}
    saves = write("c.ipynb", 'corpus_folder = "../data"\nstory = None\nsave_tables = False')
    assert parameters_for(saves, None, None) == {"save_tables": True}, "the report's copies save their tables"


def test_corpus_described_from_its_tables(fictional):
    assert describe_corpus(fictional) == ("3 articles, none labelled with a story; published "
                                          "2031-03-02 to 2031-03-18; every entry reviewed.")
    labelled = SimpleNamespace(
        articles=pd.DataFrame({"story": ["Grain deal", None, "Ceasefire", "Grain deal"],
                               "published": pd.to_datetime(["2025-08-01", "2025-07-30", None,
                                                            "2025-09-12"])}),
        unreviewed=pd.DataFrame({"article_id": ["a"], "kind": ["statement"]}))
    assert describe_corpus(labelled) == ("4 articles in 2 stories: Grain deal (2), Ceasefire (1); 1 "
                                         "with no story label; published 2025-07-30 to 2025-09-12 "
                                         "(1 undated); 1 entry not yet reviewed (machine drafts).")


def test_full_report_pages_findings_and_tables(mixed_pages):
    for page in ("1-actors.html", "2-statements.html", "3-deadlines.html", "4-reader.html"):
        text = (mixed_pages / page).read_text(encoding="utf-8")
        assert "NBVAL" not in text and text.count('id="nd-code-toggle"') == 1
    index = (mixed_pages / "index.html").read_text(encoding="utf-8")
    assert ("3 articles in 1 story: harbour dispute (2); 1 with no story label; "
            "published 2019-08-01 to 2025-08-01") in index
    assert "bundled data" not in index
    log = (mixed_pages / "findings.md").read_text(encoding="utf-8")
    assert (
        log.count("\n## ") == 4 and "- The corpus holds 3 articles naming 19 actors in 151 mentions." in log
    )
    executed = sorted((mixed_pages / "executed").glob("*.ipynb"))
    expected = sum(len(findings_log.tables(findings_log.read(p))) for p in executed)
    assert expected and len(list((mixed_pages / "tables").glob("*.csv"))) == expected


@pytest.mark.slow  # executes notebooks
def test_report_passes_the_story_and_describes_the_narrowed_corpus(tmp_path, mixed_folder):
    """build_report on two tiny notebooks (one takes a story, one does not) and the two-story corpus."""
    from helpers.present.report import build_report
    from tests.conftest import OTHER_STORY

    folder = tmp_path / "notebooks"
    folder.mkdir()
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    takes = new_notebook(metadata=kernel, cells=[
        new_markdown_cell("# A · Takes a story"),
        new_code_cell("corpus_folder = '../data'\nstory = None", metadata={"tags": ["parameters"]}),
        new_code_cell("# NBVAL_CHECK_OUTPUT\nprint(f'story: {story}')"),
        new_code_cell("import pandas as pd\nfrom helpers import display\n"
                      "display.table(pd.DataFrame({'n': range(50)}), 'numbers', save=True)"),
    ])
    other = new_notebook(metadata=kernel, cells=[
        new_markdown_cell("# B · No story"),
        new_code_cell("corpus_folder = '../data'", metadata={"tags": ["parameters"]}),
        # and Arrow's allocator gives memory back at once in a report's kernel (report.kernel_environment)
        new_code_cell("# NBVAL_CHECK_OUTPUT\nimport os\n"
                      "print('story' in globals(), os.environ.get('MIMALLOC_PURGE_DELAY'))"),
    ])
    nbformat.write(takes, folder / "a.ipynb")
    nbformat.write(other, folder / "b.ipynb")
    out = tmp_path / "reports"
    assert build_report(folder, out, corpus=str(mixed_folder), story=OTHER_STORY) == 0
    log = (out / "findings.md").read_text(encoding="utf-8")
    assert f"- story: {OTHER_STORY}" in log and "- False 0" in log
    assert log.index("## A · Takes a story") < log.index("## B · No story")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f"2 articles in 1 story: {OTHER_STORY} (2); published 2019-" in index
    assert pd.read_csv(out / "tables" / "a-numbers.csv")["n"].tolist() == list(range(50))
    assert "NBVAL" not in (out / "a.html").read_text(encoding="utf-8")
    assert build_report(folder, tmp_path / "none", corpus=str(mixed_folder), story="no such story") == 1


def test_sockets_a_killed_run_left_behind_are_removed_and_a_running_one_s_kept(tmp_path, monkeypatch):
    import os
    import socket
    import subprocess
    import sys
    import tempfile
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()  # a process that has ended
    left = tmp_path / f"newsdesk-kernel-{gone}-1"
    running = tmp_path / f"newsdesk-kernel-{os.getpid()}-x"
    other = tmp_path / f"newsdesk-kernel-{gone}-notes.txt"
    for path in (left, running):
        socket.socket(socket.AF_UNIX).bind(str(path))
    other.write_text("someone's file")
    assert findings_log.kernel_sockets("k").parent == tmp_path
    assert not left.exists() and running.exists() and other.read_text() == "someone's file"
