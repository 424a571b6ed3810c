"""Drafting stories whose actors the registry does not know: proposed actors and their mentions, country names
that are not the state, speakers of newswire quotes and inversions, weekdays, said_on and topics.

The sentences are invented for these tests."""
from __future__ import annotations

import shutil

import yaml

from helpers import load_corpus, validate_corpus
from helpers.corpus.schema import Actor
from helpers.drafting.draft import draft_annotation, draft_file, draft_text, registry_topics
from helpers.drafting.timex import tag
from tests.conftest import FICTIONAL

REF = "2010-06-23"  # a Wednesday
USA = [{"id": "usa", "name": "United States", "kind": "state", "aliases": ["US", "U.S.", "Washington"]},
       {"id": "obama", "name": "Barack Obama", "kind": "person", "aliases": ["Obama"]}]


def _draft(text, topics=None):
    return draft_text(text, USA, REF, topics=topics)


def _mentions_of(draft, actor):
    return [m.text for m in draft.mentions if m.actor_id == actor]


def _statement(draft, words):
    found = [s for s in draft.statements if words in draft.text[s.content_start:s.content_end]]
    assert found, (f"no statement with {words!r}: "
                   f"{[draft.text[s.content_start:s.content_end] for s in draft.statements]}")
    return found[0]


def test_a_company_is_proposed_with_its_descriptions_and_pronouns():
    d = _draft("Pear Widgets sells tablets. Pear Widgets said its profit rose. "
               "The company also said it would hire 200 workers.")
    proposed = {p.id: p for p in d.proposed}
    assert "pear_widgets" in proposed and proposed["pear_widgets"].kind == "organisation"
    mentions = _mentions_of(d, "pear_widgets")
    assert (
        mentions.count("Pear Widgets") == 2
        and "its" in mentions
        and "The company" in mentions
        and "it" in mentions
    )
    described = next(m for m in d.mentions if m.text == "The company")
    assert "Pear Widgets" in described.check


def test_a_person_named_as_a_speaker_and_the_organisation_of_the_speaker():
    d = _draft('"The screen is too dim," said Tom Reyes of Gadget '
               'Review. Gadget Review tested it for a week.')
    kinds = {p.name: p.kind for p in d.proposed}
    assert kinds.get("Tom Reyes") == "person" and kinds.get("Gadget Review") == "organisation"
    assert _statement(d, "too dim").speaker == "reyes"


def test_a_headline_s_capitalised_words_are_no_organisation_but_its_names_stay():
    d = _draft("Poll: Harbour Voters Abandon Coastal Party for Mayor Ilse Karvonen.\n\n"
               "A poll by the Velmora Research Institute shows that voters in the port have left the Coastal "
               "Party, the institute said on Monday.")
    kinds = {p.name: p.kind for p in d.proposed}
    assert "Harbour Voters Abandon Coastal Party" not in kinds  # a verb in it: the headline's words
    assert kinds.get("Coastal Party") == "organisation" and kinds.get("Ilse Karvonen") == "person"


def test_a_proposed_actor_copies_into_the_registry_once_its_check_line_is_deleted():
    d = _draft("Pear Widgets sells tablets, Pear Widgets said.")
    entry = draft_annotation(d, "articles/x.txt")["new_actors"][0]
    assert "actors.yaml" in entry["check"] and "check" in entry["check"]
    entry.pop("check")
    Actor(**entry)  # the registry's own model takes it as it is


def test_a_country_in_a_currency_is_not_the_state():
    d = _draft("The tablet costs US$ 29, and the US said it would buy some.")
    assert _mentions_of(d, "usa").count("US") == 1
    assert not any(m.text == "US" and d.text[m.end] == "$" for m in d.mentions)


def test_a_registry_state_written_another_way_is_that_state_not_a_new_actor():
    d = _draft("The USA gave Brazil until Friday. America will not wait, officials said. The United States "
               "of America and Brazil have talked for weeks.")
    assert _mentions_of(d, "usa") == ["USA", "America", "United States of America"]
    assert [p.name for p in d.proposed if p.kind == "state"] == ["Brazil"]
    assert d.deadlines[0].set_by == "usa"


def test_a_new_person_s_surname_is_one_alias():
    d = _draft("Treasury Secretary Janet Yellen met bankers. Yellen said talks would go on.")
    assert [p.aliases for p in d.proposed if p.name == "Janet Yellen"] == [["Yellen"]]


def test_a_capital_named_as_a_place_is_not_the_state():
    d = _draft("WASHINGTON (Reuters) - Pear Widgets opened a store in Washington on Monday. "
               "Washington said the store was welcome.")
    spans = [(m.start, m.text) for m in d.mentions if m.actor_id == "usa"]
    assert spans == [(d.text.index("Washington said"), "Washington")]


def test_newswire_quote_marks_get_their_own_speaker():
    d = _draft("Obama visited the factory on Monday.\n\n``We will sell more tablets next "
               "year,'' said Ann Wells, a spokeswoman for Pear Widgets. ``Demand is strong.''")
    assert _statement(d, "We will sell").speaker == "wells"
    assert _statement(d, "Demand is strong").speaker == "wells"


def test_an_appositive_between_speaker_and_verb():
    d = _draft("Lena Park, a spokesman for Orbit Aviation, said the firm would order 40 tablets.")
    st = _statement(d, "would order 40 tablets")
    assert st.speaker == "park" and d.text[st.speaker_start:st.speaker_end] == "Lena Park"
    assert {p.name for p in d.proposed} >= {"Lena Park", "Orbit Aviation"}


def test_a_quote_over_several_sentences_and_the_next_paragraph():
    d = _draft('"We are pleased. The order is large. Buyers will notice," Lena Park said.\n\n'
               "Obama spoke later. \"Trade matters to every family,\" Obama said.")
    assert _statement(d, "The order is large").speaker == "park"
    assert _statement(d, "Trade matters").speaker == "obama"


def test_a_quote_without_a_verb_goes_to_the_organisation_not_a_distant_person():
    d = _draft('"Jobs are coming back," Obama said.\n\n'
               "The Pear Widgets website listed new prices. Pear Widgets sells tablets. "
               '"Every tablet ships free this week."')
    assert _statement(d, "ships free").speaker == "pear_widgets"


def test_a_weekday_after_a_past_verb_is_the_past_one():
    values = {t.text: t.value for t in tag("Pear Widgets announced Friday that it will open a store.", REF)}
    assert values["Friday"] == "2010-06-18"
    values = {t.text: t.value for t in tag("The two firms will meet Friday.", REF)}
    assert values["Friday"] == "2010-06-25"


def test_said_on_is_the_stated_day_never_after_the_article():
    d = _draft("Pear Widgets said Tuesday that refunds would begin. "
               "In Thursday's statement, Pear Widgets said the fault affected one model. "
               "Pear Widgets said the store would open.")
    assert _statement(d, "refunds would begin").said_on == "2010-06-22"
    assert _statement(d, "the fault affected").said_on == "2010-06-17"
    assert _statement(d, "the store would open").said_on is None


def test_topics_from_keywords_and_from_label_words():
    topics = [{"id": "prices", "label": "Prices", "keywords": ["price cut", "cheaper"]},
              {"id": "jobs", "label": "Employment and hiring"},
              {"id": "war", "label": "War", "keywords": ["war"]}]
    d = _draft("Pear Widgets said the tablet would be cheaper next year. "
               "Pear Widgets said its hiring would slow. Pear Widgets said the software was warranted.",
               topics)
    assert _statement(d, "cheaper").topics == ["prices"]
    assert _statement(d, "hiring would slow").topics == ["jobs"]
    assert _statement(d, "warranted").topics == []  # whole words only


def test_draft_file_passes_the_corpus_topics(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    (root / "topics.yaml").write_text("- id: talks\n  label: Talks\n  keywords: [negotiate, talks]\n"
                                      "- {id: other, label: Other}\n", encoding="utf-8")
    assert registry_topics(root)[0] == {"id": "talks", "label": "Talks", "keywords": ["negotiate", "talks"]}
    (root / "articles" / "new.txt").write_text("Pear Widgets said on Friday it wants to negotiate a deal.\n",
                                                encoding="utf-8")
    out = yaml.safe_load(draft_file(root / "articles" / "new.txt",
                                    reference_date=REF).read_text(encoding="utf-8"))
    said = [s for s in out["statements"] if "negotiate" in str(s["words"])]
    assert said and said[0]["topics"] == ["talks"] and said[0]["said_on"] == "2010-06-18"


def test_a_new_actor_the_registry_has_accepted_since_is_that_actor_not_an_error(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(FICTIONAL, root)
    registry = yaml.safe_load((root / "actors.yaml").read_text(encoding="utf-8"))
    taken = registry[0]["id"]
    annotation = next((root / "annotations").glob("*.yaml"))
    data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
    data["new_actors"] = [{"id": taken, "name": "Someone", "kind": "person", "check": "new person"}]
    annotation.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert [str(p) for p in validate_corpus(root)] == []
    corpus = load_corpus(root, cache=False)
    assert (corpus.actors["actor_id"] == taken).sum() == 1  # the registry's row, not the draft's proposal
    assert corpus.actors.set_index("actor_id").loc[taken, "name"] == registry[0]["name"]
    assert taken not in set(corpus.unreviewed["id"])  # accepted into the registry: nothing left to review


def test_the_company_refers_to_the_subject_not_the_last_organisation_named():
    d = _draft("Pear Widgets Inc said on Monday it would recall its tablets after Harbour Review declined to "
               "recommend them. The company said its engineers had found the fault.")
    assert {m.text: m.actor_id for m in d.mentions}["The company"] == "pear_widgets"
    assert _statement(d, "its engineers had found the fault").speaker == "pear_widgets"


def test_the_bank_refers_to_the_bank():
    d = _draft("Pear Widgets Inc borrowed from Northfield Bank, its filings show. Pear "
               "Widgets Inc said the loans were repaid. The bank said it had no complaint.")
    assert {m.text: m.actor_id for m in d.mentions}["The bank"] == "northfield_bank"


def test_a_quote_then_name_with_a_possessive_apposition_and_told():
    d = _draft("``We are not perfect, and nobody is,'' Tilda Marsh, Pear Widgets' chief executive, told "
               "reporters on Tuesday.")
    st = _statement(d, "We are not perfect")
    assert st.mode == "direct" and st.speaker == "marsh"


def test_present_tense_reporting_verbs_propose_the_writer():
    d = _draft("“Much of the study holds up,” writes Oren Vale, a geologist and climate scientist at Lund "
               "University. “The rest does not,” Vale writes.")
    assert "vale" in {p.id for p in d.proposed}
    assert _statement(d, "Much of the study holds up").speaker == "vale"
    assert _statement(d, "The rest does not").speaker == "vale"


def test_said_in_a_statement_with_its_day_between_cue_and_words():
    d = _draft("Harbour Review said in a statement on Monday that it had tested the tablet. "
               "Pear Widgets Inc said in Tuesday's statement that the fault was rare.")
    first = _statement(d, "it had tested the tablet")
    assert first.said_on == "2010-06-21"
    harbour = {p.id: p for p in d.proposed}["harbour_review"]  # "said … that it": an organisation
    assert harbour.name == "Harbour Review" and harbour.kind == "organisation"
    assert first.speaker == "harbour_review"
    assert _statement(d, "the fault was rare").said_on == "2010-06-22"


def test_people_named_only_as_speakers_are_proposed_and_their_pronouns_follow():
    d = _draft("Travel was smooth on Wednesday, said harbour meteorologist Ansel Brook. Gale "
               "warnings were lifted.\n\nPassenger Ines Varo was first in line at the ferry. “I "
               "thought the queues would be awful,” she said. Brook said the wind would stay low.")
    ids = {p.id: p.name for p in d.proposed}
    assert ids.get("brook") == "Ansel Brook" and ids.get("varo") == "Ines Varo"
    assert _statement(d, "I thought the queues would be awful").speaker == "varo"
    assert _statement(d, "the wind would stay low").speaker == "brook"
    assert "she" in _mentions_of(d, "varo")


def test_a_role_then_the_name_in_apposition_names_the_speaker():
    d = _draft("A spokesman for Northway Lines, Tom Vale, said "
               "the firm would answer soon. Vale did not say when.")
    assert _statement(d, "the firm would answer soon").speaker == "vale"
    assert {p.id: p.kind for p in d.proposed}["vale"] == "person"


def test_a_deadline_weekday_looks_forward_even_in_reported_speech():
    [(text, value)] = [(t.text, t.value)
                       for t in tag("The council said the firms must agree by Friday.", REF)]
    assert value == "2010-06-25"  # the Friday after Wednesday 23 June, not the one before
    assert [t.value for t in tag("The talks lasted until Friday, he said.", REF)] == ["2010-06-18"]


def test_an_institution_described_refers_back_only_to_a_name_holding_its_noun():
    d = _draft("The Harwick City Council voted on Tuesday to give Lakeside Partners until the end of May to "
               "build. The council also told City Manager Rosa Lind to deliver a revised budget by April 23.")
    council = next(m for m in d.mentions if m.text == "The council")
    assert "Harwick City Council" in council.check
    budget = next(x for x in d.deadlines if x.text == "by April 23")
    assert budget.set_by == council.actor_id
    # no court named before: "the court" refers to no one, not to the company named last
    d = _draft("Lakeside Partners lost its appeal. The court gave it until Friday to pay.")
    assert not [m for m in d.mentions if m.text == "The court"]


def test_british_single_quotes_are_quotations_with_their_speaker_and_a_word_in_marks_is_none():
    d = _draft("The council is short of money.\n\n'The position is extremely serious,' Mr Obama wrote. "
               "'Without savings, the council won't meet its duty.'\n\n‘I am deeply sorry,’ Obama said. "
               "‘We have let people down.’\n\nHe said the plan was 'unworkable'.")
    direct = [(d.text[s.content_start:s.content_end], s.speaker) for s in d.statements if s.mode == "direct"]
    assert direct == [("The position is extremely serious", "obama"),
                      ("Without savings, the council won't meet its duty", "obama"),
                      ("I am deeply sorry", "obama"), ("We have let people down", "obama")]


def test_content_then_a_titled_speaker_and_the_verb_ending_the_sentence():
    d = _draft("A second round is scheduled for Tuesday in Riyadh, Foreign Ministry spokesman Oleh Marchuk "
               "said.\n\nDrones struck the port overnight, injuring four people, regional governor Andriy "
               "Sobko said on Telegram.")
    got = [(d.text[s.content_start:s.content_end], s.speaker) for s in d.statements]
    assert got == [("A second round is scheduled for Tuesday in Riyadh", "marchuk"),
                   ("Drones struck the port overnight, injuring four people", "sobko")]


def test_a_reporting_verb_s_form_joined_to_another_participle_or_written_into_a_text_reports_nothing():
    d = _draft("Every patient is to be seen, treated and admitted or discharged within 12 hours. The rule "
               "is a requirement written into the constitution.")
    assert [d.text[s.cue_start:s.cue_end] for s in d.statements if s.cue_start is not None] == []
