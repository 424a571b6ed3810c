"""Merging and editing actors (helpers.corpus.actor_edits, ``python -m helpers actors``), on a copy of the
seed corpus where Trump's title is a second actor, ``potus``, beside a draft of an invented article."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import load_corpus
from helpers.corpus.actor_edits import (
    ActorEditError,
    UsageError,
    plan_edit,
    plan_merge,
    problems_after,
    write_plan,
)
from tests.command import in_process
from tests.conftest import ROOT, SEED, SEED_CORPUS

ANNOTATION = f"annotations/{SEED}.yaml"
DRAFT = "drafts/briefing.yaml"
POTUS = """
- id: potus
  name: U.S. President
  kind: person
  country: US
  role: null
  aliases: [U.S. President Donald Trump, POTUS]
"""
POTUS_GROUP = """  - actor: potus              # the title, kept apart until merged
    spans:
      - {text: he, occurrence: 2}          # "what he described"
      - U.S. President Donald Trump        # "issued a deadline"
"""
BRIEFING = ("WASHINGTON – POTUS said on Monday that Moscow has "
            "50 days to agree. Donald J. Trump repeated it.\n")
DRAFTED = """# Draft annotation, written by the drafter.
article: articles/briefing.txt
metadata:
  published: '2025-07-14'
new_actors:
- id: donald_j_trump
  name: Donald J. Trump
  kind: person
  country: null
  role: null
  aliases: [Donald J. Trump]
  check: new person "Donald J. Trump" (a named entity)
mentions:
- actor: potus
  spans:
  - POTUS
- actor: donald_j_trump
  spans:
  - Donald J. Trump
statements:
- id: S1
  speaker: potus
  addressee: russia
  mode: reported
  cue: said
  words: Moscow has 50 days to agree
  confidence: high
deadlines:
- id: D1
  set_by: potus
  addressee: [russia, potus]
  expression: 50 days
  statement: S1
  confidence: medium
"""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The seed copy with ``potus`` split from ``trump`` (mentions, a speaker, a set_by, scalar and list
    addressees), and a waiting draft naming ``potus`` and proposing ``donald_j_trump``."""
    root = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, root)
    _replace(root / "actors.yaml", "Donald Trump, U.S. President Donald Trump]", "Donald Trump]")
    with open(root / "actors.yaml", "a", encoding="utf-8") as registry:
        registry.write(POTUS)
    annotation = root / ANNOTATION
    _replace(annotation, '      - U.S. President Donald Trump\n      - his', '      - his')
    _replace(annotation, '      - {text: he, occurrence: 2}          # "what he described"\n', "")
    _replace(annotation, "  - actor: unsc\n", POTUS_GROUP + "  - actor: unsc\n")
    _replace(annotation, "    speaker: trump\n    addressee: russia",
             "    speaker: potus\n    addressee: russia")
    _replace(annotation, "addressee: [russia, ukraine]", "addressee: [russia, potus, trump]")
    _replace(annotation, "    set_by: trump\n    addressee: russia",
             "    set_by: potus\n    addressee: potus")
    (root / "articles" / "briefing.txt").write_text(BRIEFING, encoding="utf-8")
    (root / "drafts").mkdir()
    (root / DRAFT).write_text(DRAFTED, encoding="utf-8")
    load_corpus(root, cache=False)  # the setup itself validates
    return root


def _read(root: Path, name: str):
    return yaml.safe_load((root / name).read_text(encoding="utf-8"))


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _group(data, actor: str) -> list:
    return [g for g in data["mentions"] if g["actor"] == actor]


def test_merge_rewrites_mentions_speakers_addressees_and_setters(corpus):
    write_plan(plan_merge(corpus, "potus", "trump"))
    ann = _read(corpus, ANNOTATION)
    assert _group(ann, "potus") == []
    (trump,) = _group(ann, "trump")
    # text order
    assert trump["spans"] == ["U.S. President Donald Trump", "his", {"text": "he", "occurrence": 2}]
    statements = {s["id"]: s for s in ann["statements"]}
    assert statements["S3"]["speaker"] == "trump"
    assert [s["addressee"] for s in ann["statements"]
            if isinstance(s.get("addressee"), list)] == [["russia", "trump"]]
    assert ann["deadlines"][0]["set_by"] == "trump" and ann["deadlines"][0]["addressee"] == "trump"
    draft = _read(corpus, DRAFT)
    assert [g["actor"] for g in draft["mentions"]] == ["trump", "donald_j_trump"]
    assert draft["statements"][0]["speaker"] == "trump"
    assert draft["deadlines"][0]["set_by"] == "trump" and draft["deadlines"][0]["addressee"] == ["russia",
                                                                                                 "trump"]
    assert _mentions(corpus) == _mentions(SEED_CORPUS)  # the seed's own mentions again, the title Trump's


def _mentions(root: Path) -> list[tuple[str, int, int]]:
    table = load_corpus(root, cache=False).mentions
    return sorted(zip(table["actor_id"].astype(str), table["start"], table["end"]))


def test_merge_keeps_the_old_names_as_aliases_and_drops_the_old_entry(corpus):
    write_plan(plan_merge(corpus, "potus", "trump"))
    registry = {a["id"]: a for a in _read(corpus, "actors.yaml")}
    assert "potus" not in registry
    assert registry["trump"]["aliases"] == ["Trump", "Donald Trump", "U.S. President",
                                            "U.S. President Donald Trump",
                                            "POTUS"]
    write_plan(plan_merge(corpus, "donald_j_trump", "trump"))  # a proposal merged into a registered actor
    registry = {a["id"]: a for a in _read(corpus, "actors.yaml")}
    assert registry["trump"]["aliases"].count("Donald J. Trump") == 1
    draft = _read(corpus, DRAFT)
    assert "new_actors" not in draft and [g["actor"] for g in draft["mentions"]] == ["trump"]
    assert draft["mentions"][0]["spans"] == ["POTUS", "Donald J. Trump"]


def test_merging_a_registered_actor_into_a_proposed_one_registers_the_proposal(corpus):
    write_plan(plan_merge(corpus, "potus", "donald_j_trump"))
    registry = {a["id"]: a for a in _read(corpus, "actors.yaml")}
    assert "potus" not in registry and "check" not in registry["donald_j_trump"]
    assert registry["donald_j_trump"]["aliases"] == ["Donald J. Trump", "U.S. President",
                                                     "U.S. President Donald Trump", "POTUS"]
    assert _group(_read(corpus, ANNOTATION), "donald_j_trump")
    load_corpus(corpus, cache=False)


def test_comments_and_layout_of_the_annotation_survive(corpus):
    before = (corpus / ANNOTATION).read_text(encoding="utf-8")
    write_plan(plan_merge(corpus, "potus", "trump"))
    after = (corpus / ANNOTATION).read_text(encoding="utf-8")
    for kept in ("# Annotation of one article. Format and conventions: data/README.md",
                 '# "what he described"',
                 '# "issued a deadline"', "speaker: null            # unattributed reports",
                 "published_basis: >-", "topics: [deadline, negotiations]"):
        assert kept in before and kept in after
    assert "# the title, kept apart until merged" in after  # the group's comment stays with the merged group
    registry = (corpus / "actors.yaml").read_text(encoding="utf-8")
    assert registry.startswith("# Actor registry: every actor an annotation may name")
    assert "\n\n- id: trump\n" in registry  # the blank lines between entries


def test_an_id_edit_rewrites_every_file(corpus):
    write_plan(plan_edit(corpus, "potus", new_id="us_president", name="President of the United States",
                         add=["the president"], remove=["POTUS"]))
    (entry,) = [a for a in _read(corpus, "actors.yaml") if a["id"] == "us_president"]
    assert entry["name"] == "President of the United States"
    assert entry["aliases"] == ["U.S. President Donald Trump", "the president"]
    assert "potus" not in (corpus / ANNOTATION).read_text(encoding="utf-8")
    assert "potus" not in (corpus / DRAFT).read_text(encoding="utf-8")
    assert _read(corpus, DRAFT)["deadlines"][0]["addressee"] == ["russia", "us_president"]
    assert set(load_corpus(corpus, cache=False).mentions["actor_id"]) >= {"us_president"}


def test_a_kind_edit_changes_the_registry_only(corpus):
    plan = plan_edit(corpus, "unsc", kind="group")
    assert [e.path.name for e in plan.edits] == ["actors.yaml"]
    write_plan(plan)
    assert [a["kind"] for a in _read(corpus, "actors.yaml") if a["id"] == "unsc"] == ["group"]


@pytest.mark.parametrize("make, says", [
    (lambda root: plan_merge(root, "potu", "trump"),
     "no actor has the id 'potu'; nothing was written. Did you mean 'potus'?"),
    (lambda root: plan_edit(root, "trump", new_id="potus"), "actors merge trump potus"),
    (lambda root: plan_edit(root, "trump", remove=["Donny"]), "'Donny' is not an alias of 'trump'"),
])
def test_refusals_say_why(corpus, make, says):
    with pytest.raises(ActorEditError, match=says.replace("?", r"\?").replace(".", r"\.")):
        make(corpus)


def test_usage_errors_are_told_apart(corpus):
    for make in (lambda: plan_merge(corpus, "trump", "trump"), lambda: plan_edit(corpus, "trump"),
                 lambda: plan_edit(corpus, "trump", new_id="Donald Trump")):
        with pytest.raises(UsageError):
            make()


def test_an_edit_that_would_not_validate_is_found(corpus):
    plan = plan_edit(corpus, "trump", add=["Putin"])  # a name another actor has
    problems = problems_after(plan)
    assert [p.what for p in problems] == ["the alias 'Putin' of 'trump' is also claimed by 'putin'"]
    assert problems[0].path == str(corpus / "actors.yaml")


def test_a_merge_that_would_not_validate_writes_nothing(corpus):
    _replace(corpus / DRAFT, "  - POTUS\n", "  - POTUS Trump\n")  # words the article does not have
    before = _snapshot(corpus)
    run = _cli("merge", "potus", "trump", "--corpus", str(corpus))
    assert run.returncode == 1
    assert f"{corpus / DRAFT}:" in run.stdout and "are not in the article" in run.stdout
    assert "nothing was written" in run.stderr and "Traceback" not in run.stderr
    assert _snapshot(corpus) == before


def test_a_file_changed_meanwhile_stops_the_write(corpus):
    plan = plan_merge(corpus, "potus", "trump")
    _replace(corpus / DRAFT, "cue: said", "cue: said  # checked")
    before = _snapshot(corpus)
    with pytest.raises(ActorEditError, match="changed on disk"):
        write_plan(plan)
    assert _snapshot(corpus) == before


@pytest.mark.parametrize("where", ["check", "write"])
def test_a_write_problem_is_said_as_one(corpus, capsys, monkeypatch, where):
    import errno

    import helpers.corpus.actor_edits as module

    def too_large(*args, **kwargs):
        raise OSError(errno.EFBIG, "File too large")
    monkeypatch.setattr(module, "problems_after" if where == "check" else "write_atomically", too_large)
    before = _snapshot(corpus)
    assert module.run_merge(str(corpus), "potus", "trump") == 1
    err = capsys.readouterr().err
    assert "File too large" in err and "command again" in err and "Traceback" not in err
    assert _snapshot(corpus) == before  # the first write failed: nothing changed


def _cli(*args: str) -> subprocess.CompletedProcess:
    return in_process("actors", *args, cwd=ROOT)


def test_the_command_prints_a_summary(corpus):
    dry = _cli("merge", "potus", "trump", "--corpus", str(corpus), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert (
        "3 files would change (--dry-run: nothing was written): 2 mention groups, 3 statements, 2 deadlines, "
        "1 registry entry." in dry.stdout
    )
    assert "potus" in (corpus / "actors.yaml").read_text(encoding="utf-8")
    done = _cli("merge", "potus", "trump", "--corpus", str(corpus))
    assert done.returncode == 0, done.stderr
    assert f"  {ANNOTATION}: 1 mention group, 2 statements, 1 deadline" in done.stdout
    assert "3 files changed: 2 mention groups, 3 statements, 2 deadlines, 1 registry entry." in done.stdout
    assert "potus" not in (corpus / "actors.yaml").read_text(encoding="utf-8")


def test_the_command_refuses_and_exits_by_kind(corpus):
    before = _snapshot(corpus)
    unknown = _cli("merge", "potu", "trump", "--corpus", str(corpus))
    assert unknown.returncode == 1 and "Did you mean 'potus'?" in unknown.stderr
    assert _cli("merge", "trump", "trump", "--corpus", str(corpus)).returncode == 2
    assert _cli("edit", "trump", "--corpus", str(corpus)).returncode == 2
    assert _cli("edit", "trump", "--kind", "robot", "--corpus", str(corpus)).returncode == 2
    assert _snapshot(corpus) == before


def test_two_proposals_merge_into_one(corpus):
    _replace(corpus / DRAFT, "mentions:\n",
             "- id: trump_jr\n  name: Trump\n  kind: person\n  "
             "aliases: [Trump]\n  check: new person\nmentions:\n")
    _replace(corpus / DRAFT, "- actor: donald_j_trump\n  spans:\n  - Donald J. Trump\n",
             "- actor: donald_j_trump\n  spans:\n  - Donald J. Trump\n- actor: trump_jr\n  spans:\n"
             "  - {text: Trump, occurrence: 1}\n")
    plan = plan_merge(corpus, "trump_jr", "donald_j_trump")
    assert problems_after(plan) == []
    write_plan(plan)
    draft = _read(corpus, DRAFT)
    assert [(a["id"], a["aliases"])
            for a in draft["new_actors"]] == [("donald_j_trump", ["Donald J. Trump", "Trump"])]
    assert draft["mentions"][1:] == [{"actor": "donald_j_trump",
                                      "spans": ["Donald J. Trump", {"text": "Trump", "occurrence": 1}]}]
    assert "trump_jr" not in (corpus / "actors.yaml").read_text(encoding="utf-8")
