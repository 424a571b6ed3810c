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
    slider, stack = widgets.deadline_explorer(seed, "2025-08-01").children
    assert slider.label == "2025-08-01"
    before = _html(stack.children[stack.selected_index])
    assert "pending" in before
    slider.label = "2025-08-12"
    after = _html(stack.children[stack.selected_index])
    assert after != before and "past" in after


def test_statement_explorer_filters(seed):
    box = widgets.statement_explorer(seed)
    (speaker, mode, topic), out = box.children[0].children, box.children[1]
    assert "25 statements" in _html(out)
    mode.value = "direct"
    assert "3 statements" in _html(out)
    speaker.value = "zelensky"
    assert "1 statements" in _html(out) and "The whole world understands this too" in _html(out)


def test_tables_escape_article_text():
    import pandas as pd
    html = widgets.table_html(pd.DataFrame({"words": ["<script>alert(1)</script>"]})).data
    assert "<script>" not in html and "&lt;script&gt;" in html
