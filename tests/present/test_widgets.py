import json
import re
import shutil

import pandas as pd
import pytest

from helpers import load_corpus
from helpers.present import widgets
from helpers.present.filter_table import Column, Filter, FilterTable
from tests.conftest import FICTIONAL, OTHER_STORY


def _table(page: str) -> list[dict]:
    """The rows of the first HTML table in ``page``, as header → cell text."""
    import html
    def text(cell):  # what a reader sees: tags (a date kept whole, a break hint) dropped
        return html.unescape(re.sub(r"<[^>]+>", "", cell))
    first = page.split("</table>")[0]
    head = [text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", first, re.S)]
    rows = re.findall(r"<tr>(.*?)</tr>", first.split("<tbody>")[1], re.S)
    return [dict(zip(head, (text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)))) for r in rows]


def _json_block(page: str):
    return json.loads(re.search(r'<script type="application/json">(.*?)</script>', page, re.S).group(1))


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """The fictional corpus with one statement, one deadline and one mention span still carrying review
    fields."""
    root = tmp_path_factory.mktemp("drafted") / "corpus"
    shutil.copytree(FICTIONAL, root)
    path = root / "annotations" / "f1.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in [("    topics: [threats]\n",
                      "    topics: [threats]\n    confidence: low\n    check: <b>cue</b> & speaker\n"),
                     ("    due: {from: issued, days: 14}",
                      "    due: {from: issued, days: 14}\n    check: is 14 days from the 2nd?"),
                     ("    spans: [Foreign Minister Teodor Lind]",
                      "    spans: [{text: Foreign Minister Teodor Lind, check: title or name?}]")]:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return load_corpus(root)


# -- actors --------------------------------------------------------------------------------------------------

def test_actor_explorer_switches_view_and_names_articles(seed):
    box = widgets.actor_explorer(seed)
    assert "Vladimir Putin: 12 mentions" in re.sub("<[^>]+>", "", box.shown())
    first = box.shown()
    box.choose("Donald Trump (4)")
    shown = box.shown()
    assert shown != first and "Donald Trump" in shown and "U.S. President Donald Trump" in shown
    visible = re.sub("<[^>]+>", "", shown)
    # the article by title and date
    assert "Putin Open to Peace Talks" in visible and "(2025-08-01)" in visible
    assert "000_d8227443fd9b5b39" not in shown


def test_every_actor_with_mentions_is_choosable(mixed):
    mentioned = mixed.mentions["actor_id"].astype(str).unique()
    names = dict(zip(mixed.actors["actor_id"], mixed.actors["name"]))
    box = widgets.actor_explorer(mixed)
    chosen = {label.rsplit(" (", 1)[0] for label in box.choices()}
    assert chosen == {names[a] for a in mentioned} and len(box.choices()) > 15  # no silent top-N
    box.choose(box.choices()[-1])
    assert box.choices()[-1].rsplit(" (", 1)[0] in box.shown()


def test_many_actors_are_paged_alphabetically_and_each_view_is_reachable(mixed, monkeypatch):
    monkeypatch.setattr(widgets, "PER_PAGE", 5)
    box = widgets.actor_explorer(mixed)
    page = box.children[0]
    assert len(page.options) == -(-len(box.choices()) // 5) > 1
    names = [label.rsplit(" (", 1)[0] for label in box.choices()]
    assert names == sorted(names, key=str.casefold)
    assert page.options[0][0].startswith(names[0]) and "(5)" in page.options[0][0]
    for label in (box.choices()[0], box.choices()[7], box.choices()[-1]):
        box.choose(label)
        assert f"<b>{label.rsplit(' (', 1)[0]}</b>" in box.shown()


def test_actor_views_say_when_rows_are_capped(mixed):
    box = widgets.actor_explorer(mixed, rows=3)
    top = box.choices()[0]  # most mentioned first: more than 3 mentions
    box.choose(top)
    assert re.search(r"First 3 of \d+ mentions\. All of them: "
                     r"analysis\.mentions_in_context with the id \w+, in JupyterLab", box.shown())
    assert box.shown().count("<tr>") <= 1 + 3 + 1 + 3  # header and 3 rows per table


def test_actor_views_beyond_the_pre_rendered_ones_are_drawn_in_the_kernel(fictional, monkeypatch):
    monkeypatch.setattr(widgets, "PER_PAGE", 2)
    box = widgets.actor_explorer(fictional, eager=2)
    last = box.choices()[-1]
    box.choose(box.choices()[0])
    assert "drawn when picked in JupyterLab" not in box.shown()
    box.choose(last)
    assert f"<b>{last.rsplit(' (', 1)[0]}</b>" in box.shown()


# -- statements ----------------------------------------------------------------------------------------------

def _count(table: FilterTable) -> str:
    return table.status(len(table.matching()))


def test_statement_explorer_filters_in_python_as_in_the_page(seed):
    table = widgets.statement_explorer(seed)
    assert _count(table) == "25 of 25 statements match."
    direct = table.select(mode="direct")
    assert _count(direct) == "3 of 25 statements match."
    zelensky = table.select(mode="direct", speaker="Volodymyr Zelensky")
    assert _count(zelensky) == "1 of 25 statements match."
    assert "The whole world understands this too" in zelensky.html()
    assert _count(table.select(mode="direct", topic="ceasefire")) == "0 of 25 statements match."
    assert _count(table.select(search="WHOLE WORLD")) == "1 of 25 statements match."
    page = direct.html()
    assert '<option value="0" selected>direct</option>' in page and "3 of 25 statements match." in page


def test_statement_rows_name_their_article_and_speaker(fictional):
    page = widgets.statement_explorer(fictional).html()
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == 9
    assert '(<span class="nd-date">2031-03-02</span>)' in body  # a date kept on one line
    body = re.sub(r'<span class="nd-date">(.*?)</span>', r"\1", body)
    assert "Valdoria Sets Deadline for Border Talks (2031-03-02) · S1" in body
    assert "Talks Resume in Harbourton (2031-03-18) · S1" in body  # S1 again, in another article: told apart
    assert "<td>Amara Voss</td>" in body and "<td>voss</td>" not in body
    data = _json_block(page)
    assert data["filters"][0][1] == ["Amara Voss", "Northern Accord Council", "Teodor Lind",
                                  "(unattributed)"]  # every speaker, by name


def test_statement_explorer_has_a_story_filter_for_several_stories(mixed, seed):
    table = widgets.statement_explorer(mixed)
    assert [f.label for f in table.filters] == ["Speaker", "Mode", "Topic", "Story", "Article"]
    other = mixed.articles.loc[mixed.articles["story"] == OTHER_STORY, "article_id"]
    expected = mixed.statements["article_id"].isin(other).sum()
    assert _count(table.select(story=OTHER_STORY)).startswith(f"{expected} of {len(mixed.statements)} "
                                                              "statements match")
    assert 0 < expected < len(mixed.statements)
    assert "Story" not in [f.label for f in widgets.statement_explorer(seed).filters]


def test_statement_explorer_caps_the_rows_in_a_page_per_speaker(fictional):
    table = widgets.statement_explorer(fictional, embed=4)
    assert len(table.rows) <= 4 and table.total == 9
    assert "holds 4 of 9 statements" in table.note or "holds 3 of 9 statements" in table.note
    # every speaker kept
    assert table.filters[0].options == widgets.statement_explorer(fictional).filters[0].options
    speakers = {row[1][0] for row in table.rows}
    assert speakers == {0, 1, 2, 3}  # one at least of each speaker


def test_statement_explorer_flags_unreviewed_statements(drafted):
    table = widgets.statement_explorer(drafted)
    assert [f.label for f in table.filters][-1] == "Review"
    flagged = table.select(review="unreviewed")
    assert _count(flagged) == "1 of 9 statements match."
    page = flagged.html()
    assert (
        '<td class="nd-flag" title="unreviewed: &lt;b&gt;cue&lt;/b&gt; &amp; speaker">⚑ unreviewed</td>'
        in page
    )
    assert "Our patience is not endless" in page


def test_embedded_rows_cannot_close_their_script():
    hostile = "</script><script>alert(1)</script><!-- \u2028 & <b>"
    table = FilterTable("rows", [Column("words", text=0)], [Filter("who", "Who", [("x", hostile)])],
                        [([hostile], [0], hostile)])
    page = table.html()
    data = page.split('<script type="application/json">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data and "&" not in data and "\u2028" not in data
    assert json.loads(data)["rows"][0][0][0] == hostile  # and the text comes back whole
    # pre-rendered rows escaped
    assert page.count("<script") == 2 and "&lt;/script&gt;&lt;script&gt;alert(1)" in page


def test_filter_table_says_when_only_the_first_rows_show():
    rows = [([f"row {i}"], [i % 2], None) for i in range(120)]
    table = FilterTable("rows", [Column("text", text=0)], [Filter("half", "Half", [(0, "even"), (1, "odd")])],
                        rows)
    assert _count(table) == ("120 of 120 rows match; the first 50 are shown "
                             "(narrow the filters or search to see others).")
    assert table.html().count("<tr>") == 51
    assert _count(table.select(half="odd")).startswith("60 of 120 rows match;")


# -- deadlines -----------------------------------------------------------------------------------------------

def test_deadline_explorer_opens_as_reported(fictional):
    box = widgets.deadline_explorer(fictional, None, None)
    slider = box.children[0]
    assert slider.label == "as reported" and slider.index == 0
    shown = box.shown()
    # each deadline judged on its own article's date: f1's D1 on March 2, f2's deadlines on March 5
    rows = _table(shown)
    judged = {r["article"] + " " + r["deadline_id"]: r["judged on"] for r in rows}
    assert judged["Valdoria Sets Deadline for Border Talks (2031-03-02) D1"] == "2031-03-02"
    assert judged["Council Urges Calm as Deadline Nears (2031-03-05) D2"] == "2031-03-05"
    assert {r["status"] for r in rows} == {"pending"}


def test_deadline_explorer_days_are_the_days_that_matter(fictional):
    box = widgets.deadline_explorer(fictional, "2031-04-01", None)
    days = box.choices()[1:]
    assert days == sorted(days) and "2031-04-01" in days  # the day asked for is among them
    # article dates, due, day after
    assert {"2031-03-02", "2031-03-05", "2031-03-16", "2031-03-17"} <= set(days)
    box.choose("2031-03-17")
    after = _table(box.shown())
    assert "past" in {r["status"] for r in after} and "judged on" not in after[0]


def test_figures_are_twice_the_pixels_shown(fictional):
    from matplotlib.figure import Figure
    fig = Figure(figsize=(5, 2))
    image = widgets.figure_image(fig, 80)
    import struct
    width = struct.unpack(">I", image.data[16:20])[0]  # the PNG header's width
    assert width == 800 and image.width == 400


# -- articles ------------------------------------------------------------------------------------------------

def test_article_reader_names_articles_by_title_and_date(fictional):
    reader = widgets.article_reader(fictional)
    assert reader.choices() == ["Valdoria Sets Deadline for Border Talks (2031-03-02)",
                                "Council Urges Calm as Deadline Nears (2031-03-05)",
                                "Talks Resume in Harbourton (2031-03-18)"]
    reader.choose("Talks Resume in Harbourton (2031-03-18)")
    assert "Talks Resume in Harbourton" in reader.shown() and "nd-reader" in reader.shown()


def test_article_reader_groups_by_story(mixed):
    reader = widgets.article_reader(mixed)
    page = reader.children[0]
    assert [label.split(" · ")[0] for label, _ in page.options] == [OTHER_STORY, "(no story)"]
    assert "2019-" in page.options[0][0] and "2025-08-01" in page.options[1][0]
    assert len(reader.choices()) == len(mixed.articles)
    assert not any("nan" in label.split() for label in reader.choices())
    reader.choose(reader.choices()[-1])
    assert "Putin" in reader.shown()


def test_article_reader_beyond_the_pre_rendered_articles_says_so(mixed, monkeypatch):
    monkeypatch.setattr(widgets, "PER_PAGE", 2)
    reader = widgets.article_reader(mixed, eager=1)  # whole pages: the first page's 2 articles
    assert "A rendered page holds the first 2; JupyterLab shows any." in reader.children[1].value
    reader.choose(reader.choices()[1])  # on the first page, prepared in advance
    assert "2019-" in reader.shown() and "nd-reader" in reader.shown()
    reader.choose(reader.choices()[-1])  # on the lazy page: the kernel draws it
    assert "Putin" in reader.shown() and "nd-reader" in reader.shown()


def test_article_reader_marks_unreviewed_entries(drafted):
    from helpers.present.reader import article_html
    page = article_html(drafted, "f1")
    assert "⚑ 3 entries of this article await review" in page
    assert ('class="nd-s-direct nd-unrev" title="S2 · direct · '
            'speaker: Amara Voss | S2 · unreviewed: &lt;b&gt;cue') in page
    assert "D1 · unreviewed: is 14 days from the 2nd?" in page
    assert "unreviewed: title or name?" in page
    assert "await review" not in article_html(drafted, "f2")


def test_reader_escapes_markup(tmp_path):
    from helpers.present.reader import article_html
    root = tmp_path / "c"
    shutil.copytree(FICTIONAL, root)
    path = root / "articles" / "f3.txt"
    path.write_text(path.read_text(encoding="utf-8") + '<script>window.pwned=1</script><a '
                                                       'href="javascript:x">x</a>\n',
                    encoding="utf-8")
    page = article_html(load_corpus(root), "f3")
    assert "<script>window" not in page and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert 'title="S1 · direct · speaker: Teodor Lind"' in page


def test_tables_escape_article_text():
    html = widgets.table_html(pd.DataFrame({"words": ["<script>alert(1)</script>"]})).data
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_explorers_of_an_empty_corpus_say_so(fictional):
    import dataclasses
    empty = dataclasses.replace(fictional, mentions=fictional.mentions.iloc[:0],
                                deadlines=fictional.deadlines.iloc[:0],
                                statements=fictional.statements.iloc[:0],
                                statement_topics=fictional.statement_topics.iloc[:0])
    assert widgets.actor_explorer(empty).shown() == "<i>No actor is mentioned.</i>"
    assert widgets.deadline_explorer(empty).choices() == []
    assert _count(widgets.statement_explorer(empty)) == "0 of 0 statements match."
    assert len(widgets.article_reader(empty).choices()) == 3  # the articles are still there to read


def test_deadline_views_of_many_deadlines_count_states_and_say_what_is_left_out(mixed, monkeypatch):
    monkeypatch.setattr(widgets, "ROWS", 5)
    box = widgets.deadline_explorer(mixed, max_days=2)  # the first view is what is checked
    shown = box.shown()
    assert "deadlines" in _table(shown)[0]  # the count per state
    found = re.search(r"Soonest to fall due</b> \(first (\d+) of (\d+) pending or due; all of them: "
                      r"analysis\.deadline_status, in JupyterLab\)", shown)
    assert found and int(found.group(1)) == min(5, int(found.group(2)))
    rows = _table(shown.split("Soonest to fall due")[1])
    assert len(rows) == int(found.group(1)) and all(r["article"].endswith(")") for r in rows)


# -- a story's timeline --------------------------------------------------------------------------------------

def test_timeline_explorer_follows_a_speaker_with_every_view_prepared(seed):
    import ipywidgets

    from helpers.analysis import timeline
    events = timeline.timeline_events(seed)
    box = widgets.timeline_explorer(seed, events)
    assert box.choices()[:3] == ["Deadlines only (7 events)", "Vladimir Putin (12 events)",
                                 "Donald Trump (9 events)"]
    first = _table(box.shown())
    assert first[0]["when"] == "2025-07-25 to 2025-07-30" and first[0]["kind"] == "deadline issued"
    assert {r["who"] for r in first} == {"Donald Trump", "United States"}
    box.choose("Donald Trump (9 events)")
    rows = _table(box.shown())
    assert len(rows) == 9 and "Donald Trump" in box.shown() and "who" not in rows[0]
    assert {"statement", "deadline issued", "restated", "due", "deadline mentioned"} == {r["kind"]
                                                                                         for r in rows}
    stack = next(c for c in box.children if isinstance(c, ipywidgets.Stack))
    assert len(stack.children) == len(box.choices()), "each view prepared, so the page needs no kernel"


def test_timeline_explorer_pages_by_story(mixed):
    from helpers.analysis import timeline
    box = widgets.timeline_explorer(mixed, timeline.timeline_events(mixed))
    page = box.children[0]
    assert [label.split(" · ")[0] for label, _ in page.options] == [OTHER_STORY, "(no story)"]
    box.choose(("(no story)", "Donald Trump"))
    assert "Donald Trump" in box.shown() and "(no story)" in box.shown()
