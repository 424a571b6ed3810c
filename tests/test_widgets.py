from helpers import widgets


def _html(output):
    return " ".join(o["data"].get("text/html", "") for o in output.outputs)


def test_actor_explorer_switches_view(seed):
    picker, _note, stack = widgets.actor_explorer(seed).children
    first = _html(stack.children[stack.selected_index])
    assert "Vladimir Putin" in first
    picker.value = "trump"
    shown = _html(stack.children[stack.selected_index])
    assert shown != first and "Donald Trump" in shown and "U.S. President Donald Trump" in shown


def test_actor_explorer_top_n_says_so(seed):
    picker, note, stack = widgets.actor_explorer(seed, top=3).children
    assert len(picker.options) == len(stack.children) == 3
    assert "top 3 of 8" in note.value


def test_deadline_explorer_moves_with_the_day(seed):
    slider, _note, stack = widgets.deadline_explorer(seed, "2025-08-01").children
    assert slider.label == "2025-08-01"
    before = _html(stack.children[stack.selected_index])
    assert "pending" in before
    slider.label = "2025-08-12"
    after = _html(stack.children[stack.selected_index])
    assert after != before and "past" in after


def test_statement_explorer_filters(seed):
    box = widgets.statement_explorer(seed)
    (speaker, mode, topic), note, stack = box.children[0].children, box.children[1], box.children[2]
    shown = lambda: _html(stack.children[stack.selected_index])  # noqa: E731
    assert "25 statements" in shown()
    assert "speaker choice works without Python" in note.value
    mode.value = "direct"
    assert "3 statements" in shown()
    speaker.label = "Volodymyr Zelensky"
    assert "1 statement<" in shown() and "The whole world understands this too" in shown()
    topic.value = "ceasefire"
    assert "0 statements" in shown()


def test_statement_explorer_top_n(fictional):
    box = widgets.statement_explorer(fictional, top=1)
    speaker = box.children[0].children[0]
    assert [label for label, _ in speaker.options] == ["All speakers", "Teodor Lind", "(unattributed)"]
    assert "top 1 of 3 speakers" in box.children[1].value


def test_article_reader_highlights_and_escapes(seed, fictional):
    reader = widgets.article_reader(fictional)
    picker, _note, stack = reader.children
    assert len(stack.children) == 3
    picker.index = 2
    assert "Talks Resume in Harbourton" in stack.children[stack.selected_index].value


def test_reader_escapes_markup(tmp_path):
    import shutil
    from helpers import load_corpus
    from helpers.reader import article_html
    from .conftest import FICTIONAL
    root = tmp_path / "c"
    shutil.copytree(FICTIONAL, root)
    path = root / "articles" / "f3.txt"
    path.write_text(path.read_text(encoding="utf-8") + '<script>window.pwned=1</script><a href="javascript:x">x</a>\n',
                    encoding="utf-8")
    page = article_html(load_corpus(root), "f3")
    assert "<script>window" not in page and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert 'title="S1 · direct · speaker: Teodor Lind"' in page


def test_tables_escape_article_text():
    import pandas as pd
    html = widgets.table_html(pd.DataFrame({"words": ["<script>alert(1)</script>"]})).data
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_deadline_explorer_spreads_long_spans(seed):
    slider, note, stack = widgets.deadline_explorer(seed, "2025-08-01", max_days=8).children
    assert len(stack.children) == len(slider.options) <= 8 and "Every 3 days" in note.value
