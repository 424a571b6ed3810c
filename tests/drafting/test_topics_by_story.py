"""Topics scoped to stories (``stories:`` in topics.yaml): the drafter proposes a story's own topics and those
of every story, never another story's; topics.yaml's story lists are checked; filters offer a story's topics
first.

The articles, stories and topics are invented for these tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import analysis, load_corpus
from helpers.cli import main
from helpers.corpus.load import read_corpus
from helpers.corpus.registry import read_topics
from helpers.corpus.yamlfile import read_yaml
from helpers.drafting.draft import draft_text, topics_for_story
from tests.conftest import FICTIONAL, FIXTURES

REF = "2031-05-04"
BAILOUT, WAR = "Brask Motors rescue", "Valdoria border war"
TOPICS = [{"id": "sanctions", "label": "Sanctions", "keywords": ["measures"], "stories": [WAR]},
          {"id": "loans", "label": "Loans", "keywords": ["loan", "measures"], "stories": [BAILOUT]},
          {"id": "deadline", "label": "Deadlines", "keywords": ["deadline"]}]
TEXT = ("Brask Motors said the government's measures would keep its plants open. "
        "The minister said the loan carried a Friday deadline.")
TOPICS_YAML = """\
- id: sanctions
  label: Sanctions
  keywords: [measures]
  stories: [Valdoria border war]
- id: loans
  label: Loans
  keywords: [loan, measures]
  stories: ["  brask motors   RESCUE "]
- id: deadline
  label: Deadlines
  keywords: [deadline]
"""


def _topics(draft) -> list[list[str]]:
    return [s.topics for s in draft.statements]


def test_a_story_gets_its_own_topics_and_those_of_every_story_never_another_storys():
    draft = draft_text(TEXT, [], REF, topics=TOPICS, story_label=BAILOUT)
    assert _topics(draft) == [["loans"], ["loans", "deadline"]]
    war = draft_text(TEXT, [], REF, topics=TOPICS, story_label=WAR)
    assert _topics(war) == [["sanctions"], ["deadline"]]


def test_a_draft_with_no_story_label_gets_only_topics_of_every_story():
    draft = draft_text(TEXT, [], REF, topics=TOPICS)
    assert _topics(draft) == [[], ["deadline"]]
    assert draft.story_label is None


def test_story_labels_match_as_the_loader_keeps_them_spaces_trimmed_in_any_case():
    assert [t["id"] for t in topics_for_story(TOPICS, "  brask   MOTORS rescue")] == ["loans", "deadline"]
    # a label, not a prefix
    assert [t["id"] for t in topics_for_story(TOPICS, "Brask Motors")] == ["deadline"]
    assert [t["id"] for t in topics_for_story(TOPICS, None)] == ["deadline"]


@pytest.fixture
def corpus(tmp_path) -> Path:
    """An empty corpus with two invented articles and the scoped topics."""
    root = tmp_path / "corpus"
    (root / "articles").mkdir(parents=True)
    (root / "annotations").mkdir()
    (root / "topics.yaml").write_text(TOPICS_YAML, encoding="utf-8")
    (root / "actors.yaml").write_text("[]\n", encoding="utf-8")
    (root / "articles" / "rescue.txt").write_text(TEXT + "\n", encoding="utf-8")
    (root / "articles" / "plants.txt").write_text("The union said the measures came too late.\n",
                                                  encoding="utf-8")
    return root


def _draft_yaml(path: Path) -> dict:
    return read_yaml(path, path.name).data


def test_draft_story_option_labels_the_draft_and_picks_the_storys_topics(corpus, capsys):
    code = main(["draft", str(corpus / "articles" / "rescue.txt"), "--reference-date", REF,
                 "--story", f" {BAILOUT} "])
    assert code == 0, capsys.readouterr().err
    data = _draft_yaml(corpus / "drafts" / "rescue.yaml")
    assert data["metadata"]["story"] == BAILOUT
    assert [s.get("topics") for s in data["statements"]] == [["loans"], ["loans", "deadline"]]
    shutil.move(corpus / "drafts" / "rescue.yaml", corpus / "annotations")
    loaded, problems = read_corpus(corpus)
    assert problems == [] and loaded.stories() == [BAILOUT]


def test_draft_of_a_folder_labels_every_draft_and_json_takes_the_story_too(corpus, capsys):
    assert main(["draft", str(corpus), "--reference-date", REF, "--story", WAR, "--jobs", "1"]) == 0
    for name in ("rescue", "plants"):
        assert _draft_yaml(corpus / "drafts" / f"{name}.yaml")["metadata"]["story"] == WAR
    assert _draft_yaml(corpus / "drafts" / "plants.yaml")["statements"][0]["topics"] == ["sanctions"]
    capsys.readouterr()
    assert main(["draft", str(corpus / "articles" / "rescue.txt"), "--reference-date", REF, "--json",
                 "--story", BAILOUT]) == 0
    assert '"loans"' in capsys.readouterr().out


def test_draft_without_a_story_writes_no_label_and_only_topics_of_every_story(corpus):
    assert main(["draft", str(corpus / "articles" / "rescue.txt"), "--reference-date", REF]) == 0
    data = _draft_yaml(corpus / "drafts" / "rescue.yaml")
    assert "story" not in data["metadata"]
    assert [s.get("topics") for s in data["statements"]] == [None, ["deadline"]]


def test_a_story_label_the_loader_would_refuse_drafts_nothing(corpus, capsys):
    assert main(["draft", str(corpus / "articles" / "rescue.txt"), "--reference-date", REF, "--story",
                 "x" * 61]) == 1
    assert "--story" in (err := capsys.readouterr().err) and "at most 60 characters" in err
    assert not (corpus / "drafts").exists()


def test_ingest_story_option_picks_the_storys_topics_too(corpus, capsys):
    (corpus / "topics.yaml").write_text("- id: berths\n  label: Berths\n  keywords: "
                                        "[berths]\n  stories: [ferries]\n- id: timetable\n "
                                        " label: Timetable\n  keywords: [timetable]\n",
                                        encoding="utf-8")
    plain = FIXTURES / "pages" / "plain.txt"
    assert main(["ingest", str(plain), "--corpus", str(corpus), "--story", "ferries", "--json"]) == 0
    [draft] = (corpus / "drafts").glob("*.yaml")
    topics = {t for s in _draft_yaml(draft)["statements"] for t in s.get("topics", [])}
    assert topics == {"berths", "timetable"}


# ---- topics.yaml's story lists are checked ---------------------------------------------------------------

def _problems(tmp_path, text: str) -> list[str]:
    path = tmp_path / "topics.yaml"
    path.write_text(text, encoding="utf-8")
    problems = []
    read_topics(path, str, problems)
    return [str(p) for p in problems]


def test_stories_that_are_not_a_list_of_labels_are_named_with_the_fix(tmp_path):
    [one] = _problems(tmp_path, "- id: loans\n  label: Loans\n  stories: Brask Motors rescue\n")
    assert "topics.yaml:3:" in one and "stories" in one and "expected a list" in one
    assert "stories: [harbour fees]" in one and "remove the line" in one
    [number, yes] = _problems(tmp_path, "- id: loans\n  label: Loans\n  stories: [2009, yes]\n")
    assert (
        "stories[1]" in number and "found 2009" in number and 'quote the label: stories: ["2009"]' in number
    )
    assert "stories[2]" in yes and 'stories: ["yes"]' in yes


def test_an_empty_stories_list_or_an_impossible_label_is_named(tmp_path):
    [empty] = _problems(tmp_path, "- id: loans\n  label: Loans\n  stories: []\n")
    assert "topics.yaml:3:" in empty and "topic 'loans'" in empty and "belongs to no story" in empty
    [blank, long] = _problems(tmp_path,
                              f"- id: loans\n  label: Loans\n  stories:\n    - ' '\n    - {'y' * 61}\n")
    assert "topics.yaml:4:" in blank and "a story label is empty" in blank
    assert "topics.yaml:5:" in long and "61 characters" in long and "at most 60" in long


def test_a_story_no_article_carries_is_fine_and_the_table_keeps_each_topics_stories(tmp_path):
    assert _problems(tmp_path, TOPICS_YAML) == []
    table, ids = read_topics(tmp_path / "topics.yaml", str, [])
    assert ids == {"sanctions", "loans", "deadline"}
    assert table["stories"].tolist()[:2] == [WAR, "brask motors RESCUE"]
    assert table["stories"].isna().tolist() == [False, False, True]


# ---- filters offer a story's own topics first --------------------------------------------------------------

@pytest.fixture
def two_stories(tmp_path) -> Path:
    """The fictional corpus with f1, f2 of one story and f3 of another, and topics scoped to each."""
    root = Path(shutil.copytree(FICTIONAL, tmp_path / "fictional"))
    for name, story in (("f1", "border talks"), ("f2", "border talks"), ("f3", "harbour talks")):
        path = root / "annotations" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("metadata:\n", f"metadata:\n  story: {story}\n", 1), encoding="utf-8")
    (root / "topics.yaml").write_text(
        "- id: threats\n  label: Threats\n  stories: [border talks]\n"
        "- id: tolls\n  label: Harbour tolls\n  stories: [harbour talks]\n"
        "- id: deadline\n  label: Deadlines\n  stories: [border talks]\n"
        "- id: talks\n  label: Talks\n", encoding="utf-8")
    return root


def test_a_corpus_narrowed_to_one_story_offers_its_used_topics_first_and_not_another_storys(two_stories):
    corpus = load_corpus(two_stories)
    assert analysis.topic_choices(corpus.only("harbour talks"))["topic"].tolist() == ["talks", "tolls"]
    assert analysis.topic_choices(corpus.only("border talks"))["topic"].tolist() == ["threats", "deadline",
                                                                                     "talks"]
    # the whole corpus: every story is in it, so every topic is offered, the ones statements carry first
    assert analysis.topic_choices(corpus)["topic"].tolist() == ["threats", "deadline", "talks", "tolls"]


def test_the_statement_explorers_topic_filter_follows_the_story(two_stories):
    from helpers.present.widgets import statement_explorer

    table = statement_explorer(load_corpus(two_stories).only("harbour talks"))
    [topic] = [f for f in table.filters if f.name == "topic"]
    assert topic.options == [("talks", "Talks"), ("tolls", "Harbour tolls")]
