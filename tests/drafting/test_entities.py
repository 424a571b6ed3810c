"""Named entities as proposed actors, on invented sentences: kinds, one actor per entity, pronouns that agree,
appointments that are not statements, and one id per entity across a story's drafts."""
from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from helpers.drafting import entities as ents
from helpers.drafting.draft import draft_annotation, draft_text
from helpers.drafting.story import drafted_actors, story_actors
from helpers.paths import PROJECT
from tests.command import in_process

REF = "2031-03-02"
STORY = ("Quellmark Motors (QM) said on Monday it would close two plants. Chief Executive Officer Tomas "
         "Venn said the company had no choice. \"We have to move fast,\" he said.\n\nThe Northern Mill "
         "Workers union said it would fight the cuts. Union president Ilse Tarrow said she was "
         "angry.\n\nBrask Trucks Co, a smaller rival, said it was doing fine. Brask Trucks Company chairman "
         "Oskar Lind said the firm would hire. The Veltrian Treasury Department said the deal was sound.")


def _draft(text, actors=None, story=()):
    return draft_text(text, actors or [], REF, story=story)


def _proposed(d):
    return {p.id: p for p in d.proposed}


def _speaker(d, words):
    return next(s.speaker for s in d.statements if words in d.text[s.content_start:s.content_end])


@pytest.mark.parametrize("raw, tagged, name", [
    ("Chief Executive Officer Tomas Venn", "PER", "Tomas Venn"),
    ("Executive Tomas Venn", "PER", "Tomas Venn"),
    ("the Northern Mill Workers", "ORG", "Northern Mill Workers"),
    ("General Quellmark Motors", "ORG", "General Quellmark Motors"),  # an organisation keeps its first word
    ("Venn's", "PER", "Venn"),
])
def test_a_tagged_name_loses_titles_articles_and_possessives(raw, tagged, name):
    assert ents.clean_name(raw, tagged) == name


@pytest.mark.parametrize("name", ["Executive Officer", "Chief Executive", "Monday", "The"])
def test_titles_weekdays_and_function_words_name_nobody(name):
    assert not ents.is_name(ents.clean_name(name))


@pytest.mark.parametrize("name, tagged, kind", [
    ("Canada", "LOC", "state"), ("Britain", "LOC", "state"), ("U.S.", "ORG", "state"),
    ("Ontario", "LOC", "place"), ("Lake Vessmar", "LOC", "place"),
    ("Northern Mill Workers", "PER", "organisation"),  # a union is never a person
    ("Veltrian Treasury Department", "PER", "organisation"),
    ("Brask Trucks LLC", "PER", "organisation"),
    ("Tomas Venn", "PER", "person"),
])
def test_kinds_follow_the_words(name, tagged, kind):
    assert ents.kind_of(name, tagged) == kind


@pytest.mark.parametrize("names, together", [
    ([("organisation", "Quellmark Motors"), ("organisation", "QM")], True),  # spelled-out acronym
    ([("organisation", "Brask Trucks Co"), ("organisation", "Brask Trucks Company")], True),  # legal suffixes
    ([("organisation", "Fennick Group"), ("organisation", "Fennick")], True),  # a generic last word
    ([("organisation", "Veltria Treasury Department"), ("organisation", "Treasury Department")], False),
    ([("organisation", "United States Treasury Department"), ("organisation", "Treasury Department")], True),
    ([("person", "Tomas Venn"), ("person", "Venn")], True),  # a surname after the full name
    ([("person", "Tomas Venn"), ("person", "Moira Venn")], False),  # two people of one family
    ([("person", "Oskar Lind"), ("organisation", "Lind Logistics")], False),
    ([("person", "Brask"), ("organisation", "Brask Trucks LLC")], True),  # a company once tagged a person
])
def test_names_of_one_entity_are_one_actor(names, together):
    assert (len(ents.group(names)) == 1) == together


def test_a_stated_acronym_joins_its_name():
    assert ents.stated_acronyms("the Northern Mill Workers (NMW) said") == [("Northern Mill Workers", "NMW")]


def test_an_unregistered_story_gets_one_actor_per_entity_with_the_right_kinds():
    d = _draft(STORY)
    got = _proposed(d)
    assert got["qm"].name == "Quellmark Motors" and "QM" in got["qm"].aliases
    assert got["venn"].kind == "person" and got["venn"].name == "Tomas Venn"
    assert got["tarrow"].kind == "person"
    union = next(p for p in d.proposed if "Mill Workers" in p.name)
    assert union.kind == "organisation"
    brask = [p for p in d.proposed if p.name.startswith("Brask Trucks")]
    assert len(brask) == 1 and brask[0].kind == "organisation"
    assert not any(p.name in ("Executive Officer", "Chief Executive Officer") for p in d.proposed)


def test_he_and_she_agree_with_the_sex_a_name_tells_and_never_go_to_an_organisation():
    d = _draft(STORY)
    union = next(p.id for p in d.proposed if "Mill Workers" in p.name)
    assert _speaker(d, "We have to move fast") == "venn"  # not the union or the company named before
    assert _speaker(d, "she was angry") == "tarrow"
    pronouns = {m.text.lower(): m.actor_id for m in d.mentions if m.text.lower() in ("he", "she")}
    assert pronouns["he"] != union and pronouns["she"] == "tarrow"
    d = _draft("Ilse Tarrow met Tomas Venn on Monday. She said the plant would stay open.")
    assert _speaker(d, "the plant would stay open") == "tarrow"  # the last person named is a man


def test_the_company_and_the_union_go_to_organisations():
    d = _draft(STORY)
    descriptions = {m.text: m.actor_id for m in d.mentions if m.text in ("the company", "the firm")}
    kinds = {p.id: p.kind for p in d.proposed}
    assert descriptions and all(kinds.get(a) == "organisation" for a in descriptions.values())


def test_a_role_and_its_organisation_keep_the_person_as_speaker():
    d = _draft("Executive Officer Robert Vaskel of Quellmark Motors said the plants would reopen. "
               "Ansa Morrow, who chairs Brask Trucks Co, said prices would rise.")
    assert _speaker(d, "the plants would reopen") == "vaskel"
    assert _speaker(d, "prices would rise") == "morrow"


def test_an_appointment_is_not_a_statement():
    d = _draft("Quellmark Motors today named Mira Solberg as its new chief executive. "
               "She said in a statement that the company would repay its loans.")
    assert not any("Mira Solberg as" in d.text[s.content_start:s.content_end] for s in d.statements)
    assert "solberg" in _proposed(d)
    assert _speaker(d, "the company would repay its loans") == "solberg"


def test_a_place_is_found_but_does_not_speak():
    d = _draft("In Lake Vessmar, Quellmark Motors said it would build a plant. Farmers in Ontario were glad.")
    kinds = {p.name: p.kind for p in d.proposed}
    assert kinds.get("Ontario") == "place"
    assert _speaker(d, "it would build a plant") != next((p.id for p in d.proposed if p.name == "Ontario"),
                                                         "-")


def test_the_registry_wins_over_a_proposal():
    registry = [{"id": "qmotors", "name": "Quellmark Motors", "kind": "organisation", "aliases": ["QM"]}]
    d = _draft(STORY, registry)
    assert "qm" not in _proposed(d) and not any(p.name == "Quellmark Motors" for p in d.proposed)
    assert _speaker(d, "it would close two plants") == "qmotors"


def test_a_story_gives_one_entity_one_id_in_every_draft():
    texts = ["Brask Trucks LLC said on Monday it would cut jobs. Its chief, Oskar Lind, said so.",
             "Brask said it would hire again. Lind said the worst was over.",
             "The Northern Mill Workers (NMW) said Brask Trucks owed them money."]
    story = story_actors(texts, [])
    drafts = [_draft(t, story=story) for t in texts]
    brask = {p.id for d in drafts for p in d.proposed if p.name.startswith("Brask")}
    lind = {p.id for d in drafts for p in d.proposed if "Lind" in p.name}
    assert len(brask) == 1 and len(lind) == 1


def test_draft_a_folder_shares_ids_and_json_lists_proposed_actors(tmp_path):
    root = tmp_path / "corpus"
    (root / "articles").mkdir(parents=True)
    for name, text in (
        ("a", "Brask Trucks LLC said it would cut jobs, chief executive Oskar Lind said."),
        ("b", "Brask said on Monday it would hire again. Oskar Lind said the worst was over."),
    ):
        (root / "articles" / f"{name}.txt").write_text(text, encoding="utf-8")
    run = in_process("draft", root, "--reference-date", REF, "--json", cwd=PROJECT)  # --json: one core
    assert run.returncode == 0, run.stderr
    listed = json.loads(run.stdout)
    assert [x["article"] for x in listed] == ["articles/a.txt", "articles/b.txt"]
    ids = [{p["id"] for p in x["proposed_actors"] if p["name"].startswith("Brask")} for x in listed]
    assert ids[0] and ids[0] == ids[1]
    assert {"id", "name", "kind", "aliases", "why"} <= set(listed[0]["proposed_actors"][0])
    run = in_process("draft", root, "--reference-date", REF, "--jobs", "1", cwd=PROJECT)
    assert run.returncode == 0, run.stderr
    written = [yaml.safe_load((root / "drafts" / f"{n}.yaml").read_text(encoding="utf-8")) for n in "ab"]
    ids = [{a["id"] for a in w["new_actors"] if a["name"].startswith("Brask")} for w in written]
    assert ids[0] and ids[0] == ids[1]
    assert {a.id for a in drafted_actors(root / "drafts")} >= ids[0]


@pytest.mark.parametrize("name, ident", [("Ólafur Ragnar Grímsson", "olafur_ragnar_grimsson"),
                                         ("Reykjavík", "reykjavik"), ("Путин", "")])
def test_ids_drop_accents_and_other_scripts(name, ident):
    assert ents.slug(name) == ident


def test_every_proposed_id_is_one_actors_yaml_takes():
    from helpers.corpus.schema import Actor
    d = _draft("Путин met Ólafur Grímsson in Reykjavík. O'Brien & Co. said yes, and "
               "the U.N. Security Council (UNSC) met. Grímsson said he was glad.")
    for p in d.proposed:
        Actor(id=p.id, name=p.name, kind=p.kind)  # raises on an id actors.yaml refuses
    assert not any(p.name in ("Co.", "Co") for p in d.proposed)
    assert sum("Security Council" in p.name or p.name == "UNSC" for p in d.proposed) == 1


def test_a_draft_with_a_malformed_proposal_is_not_part_of_the_story(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.yaml").write_text("new_actors:\n- {id: '../x', name: X, kind: "
                                   "person}\n- {id: ok, name: Ok Co, kind: "
                                   "organisation, aliases: [Ok, 5, null]}\n- just text\n", encoding="utf-8")
    (drafts / "b.yaml").write_text("new_actors: {id: y}\n", encoding="utf-8")
    (drafts / "c.yaml").write_text("a: [b\n", encoding="utf-8")
    got = list(drafted_actors(drafts))
    assert [(p.id, p.aliases) for p in got] == [("ok", ["Ok"])]


def test_a_us_state_and_its_abbreviation_are_one_place():
    d = _draft("Oskar Lind, R-Ind., spoke in Tampa, Fla., on Monday. "
               "Florida voters cheered, and Indiana's did too.")
    places = {p.name: p for p in d.proposed if p.kind == "place"}
    assert "Fla." in places["Florida"].aliases and "Ind." in places["Indiana"].aliases
    assert {p.kind for p in d.proposed if p.name == "Oskar Lind"} == {"person"}


def test_a_title_before_a_person_the_tagger_took_for_an_organisation():
    d = _draft("Mayor Ilse Karvonen of Velmora said both sides should settle.")
    assert {p.id: p.kind for p in d.proposed}.get("karvonen") == "person"
    assert not any(p.name.startswith("Mayor") for p in d.proposed)
    assert _speaker(d, "both sides should settle") == "karvonen"


def test_a_country_s_possessive_before_a_body_is_the_same_body():
    names = [("organisation", "Norway's Labour Ministry"), ("organisation", "Labour Ministry")]
    assert len(ents.group(names)) == 1


def test_proposals_in_annotations_count_for_the_story_and_their_ids_stay_theirs(tmp_path):
    root = tmp_path / "corpus"
    for folder in ("articles", "annotations"):
        (root / folder).mkdir(parents=True)
    (root / "annotations" / "a.yaml").write_text(
        "article: articles/a.txt\nnew_actors:\n- {id: salvesen, name: Henrik Salvesen, kind: person, "
        "aliases: [Salvesen]}\n", encoding="utf-8")
    assert [p.id for p in drafted_actors(root / "drafts", root / "annotations")] == ["salvesen"]
    (root / "articles" / "b.txt").write_text("Nurse Maria Salvesen said the ward "
                                             "was full. Salvesen said so twice.",
                                             encoding="utf-8")
    from helpers.drafting.draft import draft_file
    written = yaml.safe_load(draft_file(root / "articles" / "b.txt", REF).read_text(encoding="utf-8"))
    ids = {a["name"]: a["id"] for a in written["new_actors"]}
    assert ids["Maria Salvesen"] != "salvesen"  # another person of that name keeps an id of her own


def test_draft_json_gives_each_statement_its_topics(tmp_path):
    root = tmp_path / "corpus"
    (root / "articles").mkdir(parents=True)
    (root / "topics.yaml").write_text("- {id: pay, label: Pay, keywords: [wages]}\n", encoding="utf-8")
    (root / "articles" / "a.txt").write_text("Oskar Lind said wages would rise next year.", encoding="utf-8")
    run = in_process("draft", root / "articles" / "a.txt", "--reference-date", REF, "--json", cwd=PROJECT)
    assert run.returncode == 0, run.stderr
    assert [s["topics"] for s in json.loads(run.stdout)["statements"]] == [["pay"]]


def test_a_later_article_finds_the_story_s_actors_by_acronym_or_full_name_the_tagger_missed():
    story = story_actors(["The Federated Aircraft Workers Union (FAWU) said on Monday it would strike."], [])
    assert [p.name for p in story] == ["Federated Aircraft Workers Union"]
    union = next(iter(story)).id
    d = _draft("the fawu leaders met. Later the FAWU said talks had failed.", story=story)
    assert {m.text: m.actor_id for m in d.mentions}.get("FAWU") == union
    assert _speaker(d, "talks had failed") == union
    # a headline's names are not tagged (every word is capitalised), but the story's own names are found there
    d = _draft("Federated Aircraft Workers Union Calls Strike "
               "At Three Plants\n\nWorkers walked out on Monday.",
               story=story)
    assert [m.actor_id for m in d.mentions if m.text == "Federated Aircraft Workers Union"] == [union]


def test_states_and_places_the_drafter_can_place_carry_their_country():
    d = _draft("Norway said on Monday that Ontario and Tampa, Fla., would help. Oskar Lind said so.")
    country = {p.name: p.country for p in d.proposed}
    assert country["Norway"] == "NO" and country["Ontario"] == "CA" and country["Florida"] == "US"
    assert country["Oskar Lind"] is None and country["Tampa"] is None  # nothing in the name places them
    assert {a["name"]: a["country"]
            for a in draft_annotation(d, "articles/a.txt")["new_actors"]}["Norway"] == "NO"


def test_a_country_s_official_name_is_the_country_where_the_tagger_took_only_its_tail():
    d = _draft("The People's Republic of China and the Democratic People’s Republic of Korea (DPRK) met in "
               "Geneva. The DPRK said talks would go on.")
    states = {p.name: (p.country, p.aliases) for p in d.proposed if p.kind == "state"}
    assert states["China"] == ("CN", ["People's Republic of China"])
    assert states["North Korea"][0] == "KP" and "DPRK" in states["North Korea"][1]
    assert [p.name for p in d.proposed if "Republic" in p.name] == []


def test_a_name_a_company_noun_stands_before_is_an_organisation_wherever_it_speaks():
    d = _draft("The regulator gave tech company Quorvix until March 7. Quorvix said in a statement that "
               "it disagreed. Property developer Carlos Venter said he would bid. Snack maker Tarrow Foods "
               "fell.")
    kinds = {p.name: p.kind for p in d.proposed}
    assert kinds["Quorvix"] == "organisation" and kinds["Tarrow Foods"] == "organisation"
    assert kinds["Carlos Venter"] == "person"  # a developer may be a person


def test_an_organisation_s_name_with_and_in_it_is_whole_and_two_names_joined_by_and_stay_two():
    names = [n for _, _, _, n in ents.tagged_names(
        "The U.S. Food and Drug Administration (FDA) said it would act. Westmoor and District NHS Foundation "
        "Trust apologised. Ford and General Motors cut jobs. BuzzFeed News and Yahoo News reported it.")]
    assert "Food and Drug Administration" in names and "Westmoor and District NHS Foundation Trust" in names
    assert {"Ford", "General Motors", "Yahoo News"} <= set(names)
    assert not any(" and " in n for n in names if "Ford" in n or "Yahoo" in n)


def test_a_body_named_again_by_its_noun_or_the_other_way_round_is_one_actor():
    d = _draft("The Varo Commission said on Monday it would act. The Commission said it was concerned. The "
               "Department of Justice sued. A Justice Department spokesman declined to comment. The Tarrow "
               "Gazette reported the letter. The Gazette said the council had replied.")
    found = {p.name: (p.kind, p.aliases) for p in d.proposed}
    assert found["Varo Commission"] == ("organisation", ["Commission"])
    assert found["Department of Justice"] == ("organisation", ["Justice Department"])
    assert found["Tarrow Gazette"] == ("organisation", ["Gazette"])
    two = _draft("The Varo Commission and the Lind Commission met. The Commission said it was concerned.")
    assert {p.name for p in two.proposed} >= {"Varo Commission", "Lind Commission", "Commission"}  # which?


def test_a_seat_of_government_speaks_as_the_government_and_a_councillor_s_title_is_no_name():
    d = _draft("The Kremlin dismissed the plan. Council leader Cllr Nadia Okafor said she was worried. The "
               "White House said it would respond.")
    found = {p.name: p.kind for p in d.proposed}
    assert found == {"Kremlin": "organisation", "Nadia Okafor": "person", "White House": "organisation"}


def test_a_reporting_verb_is_a_whole_word_never_the_end_of_another():
    d = _draft("“Everything you said is true,” the judge exclaimed, “and it overlaps.”")
    cues = [d.text[s.cue_start:s.cue_end] for s in d.statements if s.cue_start is not None]
    assert "claimed" not in cues
    speakers = [d.text[s.speaker_start:s.speaker_end] for s in d.statements if s.speaker_start is not None]
    assert not any(sp.endswith(" ex") for sp in speakers)


def test_an_issue_date_read_after_the_due_day_is_left_open():
    d = draft_text("Just days before Tuesday, the council said the firms must sign before Tuesday.", [],
                   "2016-10-01")
    for dl in d.deadlines:
        assert pd.isna(dl.due[1]) or pd.isna(dl.issued[0]) or dl.issued[0] <= dl.due[1]


def test_ctrl_c_ends_a_command_with_a_sentence_not_a_traceback(monkeypatch, capsys):
    from helpers import cli
    from helpers.drafting import draft_cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(draft_cli, "run_draft", interrupted)
    assert cli.main(["draft", "somewhere"]) == 130
    assert capsys.readouterr().err.strip() == "draft: interrupted; run it again to finish what it had left"


def test_a_drafter_fault_on_one_article_skips_it_and_says_why(monkeypatch, tmp_path):
    from helpers.drafting import draft_cli

    def broken(*args, **kwargs):
        raise ValueError("day is out of range for month")
    monkeypatch.setattr(draft_cli, "draft_file", broken)
    article, error = draft_cli.draft_one((tmp_path / "a.txt", None, None))
    assert error == ("the drafter failed on it (ValueError: day is out "
                     "of range for month); nothing was written for it")


def test_a_surname_several_people_bear_is_the_one_named_last_before_it():
    d = _draft("Mira Tasky arrived in Oslo on Monday. Officials said Tasky would stay a week.\n\n"
               "Her uncle, Oren Tasky, said he was glad. Reporters said Tasky looked tired.\n\n"
               "Tasky said nothing more, Oren Tasky's lawyer said.")
    ids = [m.actor_id for m in d.mentions if m.text == "Tasky"]
    mira, oren = (next(m.actor_id for m in d.mentions if m.text == n) for n in ("Mira Tasky", "Oren Tasky"))
    assert mira != oren and ids == [mira, oren, oren]


def test_a_story_s_place_is_found_hyphenated_or_after_a_lower_case_compass_word():
    story = story_actors(["Blasts hit Port es Varra and East Calmora on Monday, Veltrian officials said."],
                         [])
    places = {p.name: p.id for p in story}
    assert {"Port es Varra", "East Calmora"} <= set(places)
    d = _draft("Police in Port-es-Varra said the bombings in east Calmora were linked.", story=story)
    got = {m.text: m.actor_id for m in d.mentions}
    assert (
        got.get("Port-es-Varra") == places["Port es Varra"]
        and got.get("east Calmora") == places["East Calmora"]
    )
    assert "Port-es-Varra" in _proposed(d)[places["Port es Varra"]].aliases


def test_a_first_name_spelled_another_way_in_a_later_article_is_the_story_s_person():
    story = story_actors(["Elisabeth Varga, the boy's mother, drowned on the crossing, officials said."], [])
    varga = next(p.id for p in story if p.name == "Elisabeth Varga")
    d = _draft("Relatives said Elizabeth had planned the trip for months.", story=story)
    assert {m.text: m.actor_id for m in d.mentions}.get("Elizabeth") == varga
    d = _draft("Relatives said Joan had planned the trip.", story=story_actors(["Juan Varga said so."], []))
    assert all(m.actor_id != "varga" for m in d.mentions if m.text == "Joan")  # sounds alike, another name


@pytest.mark.parametrize("text, names", [
    ("Ferry captain Ingrid Dahl arrived in the port in 1993.", ["Ingrid Dahl"]),  # a role's modifier
    ("HARBOURVILLE - Ferry captains gathered on Friday.", []),
    ("Rose said the fares rose again.", ["Rose"]),  # a name that is no common noun stays
])
def test_a_common_noun_opening_a_sentence_before_a_noun_is_no_person(text, names):
    assert [name for kind, _, _, name in ents.tagged_names(text) if kind == "person"] == names
