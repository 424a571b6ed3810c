from helpers.core.anchoring import anchor, closest_passage, find_all, fold

TEXT = "He said “it’s over” – and he meant it. He left."


def test_fold_keeps_length_and_plain_marks():
    assert fold(TEXT) == 'He said "it\'s over" - and he meant it. He left.'
    assert len(fold(TEXT)) == len(TEXT)


def test_straight_quotes_find_curly_ones_at_original_offsets():
    found = anchor(TEXT, '"it\'s over"')
    assert found.ok and TEXT[found.start:found.end] == "“it’s over”"


def test_whole_words_only():
    assert find_all("Connect on", "on") == [(8, 10)]
    assert find_all("the nation's", "nation") == [(4, 10)]


def test_repeats_need_an_occurrence_and_say_where():
    found = anchor(TEXT, "He")
    assert not found.ok
    assert "occur 2 times" in found.error and "occurrence" in found.fix
    second = anchor(TEXT, "He", occurrence=2)
    assert TEXT[second.start:second.end] == "He" and second.start == TEXT.rindex("He")


def test_occurrence_out_of_range():
    found = anchor(TEXT, "He", occurrence=3)
    assert not found.ok and "1 to 2" in found.fix


def test_near_picks_the_closest_repeat():
    found = anchor(TEXT, "He", near=len(TEXT))
    assert found.start == TEXT.rindex("He")


def test_missing_words_show_the_closest_passage():
    found = anchor(TEXT, "he ment it")
    assert not found.ok and "not in the article" in found.error
    assert "meant it" in found.fix
    assert closest_passage(TEXT, "and he ment") == "and he meant"
