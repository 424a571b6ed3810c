"""A text with no sentence ends: the speaker before a reporting verb is still found near it, and the whole
text is not read again for every verb."""
from __future__ import annotations

from helpers.drafting.draft import draft_text


def test_the_speaker_near_its_verb_is_found_in_a_sentence_that_never_ends():
    # ~3,000 characters, no end
    filler = " ".join(["the harbour stayed busy and the boats came and went"] * 60)
    text = f"{filler} and Tomas Venn said the port would reopen on Monday and {filler}"
    d = draft_text(text, [{"id": "venn", "name": "Tomas Venn", "kind": "person", "aliases": ["Venn"]}],
                   "2031-04-04")
    said = [s for s in d.statements if "port would reopen" in text[s.content_start:s.content_end]]
    assert said and said[0].speaker == "venn"


def test_a_text_without_full_stops_is_read_in_pieces_of_bounded_length():
    from helpers.core.textspans import LONGEST, sentences

    text = "Talks go on\n\n" + "Olsen said the port would reopen in two weeks, the envoy insisted, and " * 400
    pieces = sentences(text)
    assert max(e - s for s, e in pieces) <= LONGEST and len(pieces) > 20
    assert all(text[s:e] == text[s:e].strip() for s, e in pieces)
    covered = "".join(text[s:e] for s, e in pieces)
    # nothing lost but the spaces cut at
    assert covered.replace(" ", "") == text.replace(" ", "").replace("\n", "")
    normal = "The port reopened. " * 5
    assert sentences(normal) == [(i * 19, i * 19 + 18) for i in range(5)]  # ordinary sentences are not cut
