"""Statements as PolNeAR-style attributions: nested reports, introductions ending a paragraph, relative
pronouns, participles, and the part-of-speech table the attribution model reads."""
import pytest

from helpers.drafting import pos_lexicon
from helpers.drafting.mentions import find_mentions
from helpers.drafting.statements import find_statements


def _statements(text):
    return find_statements(text, find_mentions(text, [])[0])


def _words(text, st):
    return text[st.content_start:st.content_end]


def _speaker(text, st):
    return None if st.speaker_start is None else text[st.speaker_start:st.speaker_end]


def test_nested_report_stays_inside_the_outer_statement():
    text = "Mayor Lena Brandt said the council announced on Friday that the new bridge would open in March.\n"
    found = _statements(text)
    outer = [st for st in found if "bridge would open" in _words(text, st)]
    assert outer and _speaker(text, outer[0]) == "Mayor Lena Brandt"
    assert "council announced" in _words(text, outer[0])


def test_coordinated_reports_are_cut():
    text = "Tomas Vell said the fares would rise, and Ines Varo said the timetable would change.\n"
    found = _statements(text)
    first = next(st for st in found if "fares would rise" in _words(text, st))
    assert "Ines Varo" not in _words(text, first)
    assert any("timetable would change" in _words(text, st) and _speaker(text, st) == "Ines Varo"
               for st in found)


def test_report_after_a_place_and_that():
    text = "Tomas Vell said during a rally in Orvel that the ferry service would resume next week.\n"
    found = _statements(text)
    st = next(st for st in found if "ferry service would resume" in _words(text, st))
    assert _words(text, st).startswith("the ferry service")
    assert _speaker(text, st) == "Tomas Vell"


def test_short_reported_fragments_are_dropped():
    text = "Officials said Orvel. The mayor called the plan a good one for the whole town.\n"
    assert not any(_words(text, st) == "Orvel" for st in _statements(text))


def test_pos_lexicon_ships_and_tags():
    assert pos_lexicon.LEXICON_PATH.is_file()
    assert pos_lexicon.LEXICON_PATH.stat().st_size < 1_000_000
    assert pos_lexicon.tag("said") == "VBD"
    assert pos_lexicon.tag("the") == "DT"
    assert pos_lexicon.tag("Zorblaxian") == "NNP" or pos_lexicon.tag("Zorblaxian").startswith("JJ")
    assert pos_lexicon.tag("quickliest").startswith(("RB", "JJ", "NN"))


def test_transcript_turns():
    text = ("Partial transcript as follows:\n\nHOST: Let us start with the bridge. "
            "Will it open in March as the council promised?\n\nBRANDT: It will "
            "open in March, and the council will vote on the fares next week.\n")
    found = _statements(text)
    turn = next(st for st in found if _words(text, st).startswith("It will open in March"))
    assert _speaker(text, turn) == "BRANDT"
    assert "fares next week" in _words(text, turn)


def test_quote_signed_with_a_name():
    text = "“The bridge should have opened years ago.” ― Ana Ruiz\n\n“Nobody asked us.” ― Tomas Vell\n"
    found = _statements(text)
    assert {_speaker(text, st) for st in found} == {"Ana Ruiz", "Tomas Vell"}


def test_long_speaker_phrase_after_a_quote():
    text = ("“We cannot allow the harbour to close,” Rep. Ann Ruiz "
            "(D-Orvel), a member of the harbour panel, said.\n")
    found = _statements(text)
    st = next(st for st in found if "harbour to close" in _words(text, st))
    assert _speaker(text, st).startswith("Rep. Ann Ruiz")


def test_a_title_before_the_name_after_a_quote_gives_the_named_speaker():
    text = ("Ilse Varga runs the harbour.\n\n\"We have waited long enough,\" the authority's director, "
            "Ilse Varga, told reporters at the harbour office.\n")
    found = _statements(text)
    st = next(st for st in found if "waited long enough" in _words(text, st))
    assert _speaker(text, st) == "Ilse Varga" and st.speaker is not None


@pytest.mark.parametrize("text, words, speaker", [
    ("The plan was backed by Tomas Vell, who argued that the ferry service should resume next week.\n",
     "ferry service should resume", "who"),
    ("Ines Varo, who watched the vote from the gallery, said the result surprised the whole town.\n",
     "result surprised", "Ines Varo"),
    ("Tomas Vell spoke to the harbour workers on Monday.\n\nHe said:\n\n"
     "\"We will not close the harbour this winter, whatever the council decides.\"\n", "close the harbour",
     "He"),
    ("The ferry service will resume next week after the repairs, senior officials said.\n",
     "ferry service will resume", "senior officials"),
    ("Donald Vell is drawing criticism after he appeared to suggest that the bridge was unsafe.\n",
     "bridge was unsafe", "he"),
    ("The company filed in Orvel, where restructuring experts say some judges move cases quickly.\n",
     "judges move cases quickly", "restructuring experts"),
], ids=["a relative pronoun is the speaker's place", "a relative clause before the verb is skipped",
        "an introduction closing the paragraph before a quote", "an inverted report with a plural source",
        "over a verb of trying", "a plain plural subject"])
def test_speaker_of_the_statement_holding(text, words, speaker):
    st = next(st for st in _statements(text) if words in _words(text, st))
    assert _speaker(text, st) == speaker


@pytest.mark.parametrize("text, words, speaker", [
    # a relative pronoun over a time phrase is the verb's subject, not the sentence's
    ("Greta Holm has clashed with Mayor Olav Berg, who in 2019 said the harbour would close within a decade.",
     "the harbour would close", "who"),
    # a quote after a colon belongs to the subject of the words before it, whatever its verb
    ("Fares rose again in March.\n\nThe Harbour Gazette put it bluntly in its leader on Sunday:\n\n"
     "“Fares will rise by a third next spring, and the council knows it.”\n", "Fares will rise",
     "Harbour Gazette"),
    ("Fares rose again in March. Mayor Olav Berg listed the reasons in a letter to residents: "
     "“Fuel costs more, crews cost more and the boats are old.”\n", "Fuel costs more", "Mayor Olav Berg"),
    # a participle after a thing, not a speaker: its clause's subject
    ("Mayor Olav Berg unleashed a series of posts on Friday saying the ferry line had misled the council.\n",
     "the ferry line had misled", "Mayor Olav Berg"),
    # a plural speaker after "yet", not the sentence's subject
    ("The council raised the fares again, yet harbour officials said the crossing would stay open.\n",
     "the crossing would stay open", "harbour officials"),
    # a name with a relative clause before the verb of a quote is the speaker, not the sentence's subject
    ("Of Olav Berg, Lena Park, who has sailed the route for years, said, “He will not win this winter.”\n",
     "He will not win", "Lena Park"),
    # a participle opening the sentence: the main clause's subject
    ("After saying the fares were too high, Mayor Olav Berg left the harbour meeting early.\n",
     "the fares were too high", "Mayor Olav Berg"),
    # "seem to" said of someone named is theirs; said of "it" it would be no one's
    ("Voters seem to care more about the ferry timetable than about the fares.\n", "the ferry timetable",
     "Voters"),
    # a paragraph after "X added:", without quotation marks, is X's
    ("Fares rose again in March.\n\nMayor Olav Berg added:\n\nThe harbour is too shallow for the new "
     "ferries, and the board has known it for years.\n", "The harbour is too shallow", "Mayor Olav Berg"),
    # an infinitive of purpose with no noun phrase before it: the plural subject opening the sentence
    ("Harbour pilots gathered on Friday to discuss the torrent of complaints about the new timetable.\n",
     "the torrent of complaints", "Harbour pilots"),
    # a descriptor before the name after "said"
    ("“The board has let us down,” said 9/11 widow Terry Strada.\n", "The board has let us down",
     "9/11 widow Terry Strada"),
    # a pronoun's contraction ("He’s said") is its auxiliary, not part of the name
    ("Olav Berg runs the ferry line. He’s said the ferries will run all winter.\n",
     "the ferries will run all winter", "He"),
    # ", in particular," between the speaker and the verb
    ("Ferry riders, in particular, have complained that the timetable is too thin.\n",
     "the timetable is too thin", "Ferry riders"),
])
def test_speakers_a_relative_pronoun_a_colon_or_the_subject_give(text, words, speaker):
    found = [st for st in _statements(text) if words in _words(text, st)]
    assert found and _speaker(text, found[0]) == speaker
    if speaker == "who":
        berg = next(k.actor_id for k in find_mentions(text, [])[0] if "Olav Berg" in k.text)
        assert found[0].speaker == berg


def test_so_called_is_a_name_not_a_report():
    text = "But in recent months the so-called harbour pass scheme has faced more pushback from the board.\n"
    assert not any("harbour pass" in _words(text, st) for st in _statements(text))


def test_someone_asked_is_not_the_one_who_asks():
    text = "Mayor Olav Berg was asked whether the ferry line had made money since 2019.\n"
    asked = [st for st in _statements(text) if "the ferry line" in _words(text, st)]
    assert asked and asked[0].speaker is None and _speaker(text, asked[0]) is None
    assert "asked by whom" in asked[0].check
