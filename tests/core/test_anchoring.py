import pytest

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


def test_empty_words_are_called_empty():
    for words in ("", "  "):
        found = anchor(TEXT, words)
        assert not found.ok and found.error == "the words are empty"


def test_words_that_differ_only_by_an_invisible_character_name_it():
    text = "The nego\u00adtiations resumed. Peace\u200btalks. Gene\u0300ve is calm."
    found = anchor(text, "negotiations resumed")
    assert "soft hyphen (U+00AD) inside 'negotiations' (after 'nego')" in found.error
    assert found.fix.endswith('(paste this, quotes included): "nego\\u00adtiations resumed"')
    assert "zero width space (U+200B)" in anchor(text, "Peacetalks").error
    # accents are compared composed (NFC): found, at the text's offsets
    found = anchor(text, "Gen\u00e8ve is calm")
    assert text[found.start:found.end] == "Gene\u0300ve is calm"
    assert "as typed" not in anchor(text, "negociations resumed").error  # a real typo is not called invisible


def _mistyped(words: str) -> str:
    """The words with one letter dropped from the middle of each longer word, as a hurried analyst types."""
    return " ".join(w[: len(w) // 2] + w[len(w) // 2 + 1:] if len(w) > 4 else w for w in words.split())


@pytest.mark.slow  # compares every window of the seed, for each quote
def test_the_fast_search_gives_the_full_searchs_answer(monkeypatch):
    """On the seed article, the search by candidate regions (used for long articles) finds exactly the passage
    that comparing every window finds, for each statement's words mistyped."""
    import yaml

    from helpers.core import anchoring
    from tests.conftest import SEED, SEED_CORPUS
    text = (SEED_CORPUS / "articles" / f"{SEED}.txt").read_text(encoding="utf-8")
    ann = yaml.safe_load((SEED_CORPUS / "annotations" / f"{SEED}.yaml").read_text(encoding="utf-8"))
    quotes = [s["words"] if isinstance(s["words"], str) else s["words"]["text"] for s in ann["statements"]]
    full = [closest_passage(text, _mistyped(q)) for q in quotes]
    monkeypatch.setattr(anchoring, "EXHAUSTIVE_UP_TO", 0)
    assert [closest_passage(text, _mistyped(q)) for q in quotes] == full
    # each finds its own quote
    assert all(fold(f).strip('"').startswith(q[:10]) for f, q in zip(full, quotes))


def test_a_long_article_is_searched_around_the_words():
    text = "Filler words of a page captured whole. " * 120_000 + "Talks resumed in Geneva on Monday."
    assert len(text) > 4_000_000
    assert closest_passage(text, "Talks resumd in Geneva") == "Talks resumed in Geneva"
