"""Reviewing a draft (helpers.corpus.review_edits): accept, reject, edit, words from a selection, save;
nothing else changed.

Each test drafts the seed article in a copy of the seed corpus with its annotation removed, so the draft is
the drafter's own; the seed annotation (with its comments) is used where an annotation is re-opened.
"""
from __future__ import annotations

import hashlib
import shutil

import pytest
import yaml

from helpers import load_corpus, validate_corpus
from helpers.corpus.review_edits import (
    Review,
    ReviewError,
    anchor_selection,
    nothing_waiting,
    waiting_draft_names,
)
from helpers.drafting import entity_model
from helpers.drafting.draft import draft_file
from tests.command import in_process
from tests.conftest import ROOT, SEED, SEED_CORPUS

ANNOTATION = f"annotations/{SEED}.yaml"
# An invented article whose draft proposes two ids for one company, "GM" (gm) and "General Motors"
# (general_motors)
GM = "gm-cuts"
GM_ARTICLE = ("DETROIT – General Motors said on Tuesday it will cut 2,000 jobs at its "
              "Lordstown plant by June 1. GM told the United Auto Workers it expects "
              "the union to respond within two weeks. A GM spokesman, Dan Flores, said "
              "the company had no choice.\n\nThe union said it would fight the cuts.\n")
GM_DRAFT = """# Draft annotation, written by the drafter: review every entry.
article: articles/gm-cuts.txt
metadata:
  published: '2019-03-05'
new_actors:
- id: general_motors
  name: General Motors
  kind: organisation
  country: null
  role: null
  aliases: [General Motors]
  check: new organisation "General Motors" (a named entity)
- id: gm
  name: GM
  kind: organisation
  country: null
  role: null
  aliases: [GM, GM Co]
  check: new organisation "GM" (a named entity)
- id: uaw
  name: United Auto Workers
  kind: organisation
  country: null
  role: null
  aliases: [United Auto Workers]
  check: new organisation "United Auto Workers" (a named entity)
mentions:
- actor: general_motors
  spans:
  - General Motors
  - the company            # "had no choice"
- actor: gm
  spans:
  - {text: GM, occurrence: 2}
  - {text: GM, occurrence: 1}
- actor: uaw
  spans:
  - United Auto Workers
  - {text: union, occurrence: 1}
  - {text: The union, check: 'a later mention: is it the United Auto Workers?'}
statements:
- id: S1
  speaker: general_motors
  mode: reported
  cue: said
  words: it will cut 2,000 jobs at its Lordstown plant by June 1
  confidence: high
- id: S2
  speaker: gm
  addressee: uaw
  mode: reported
  cue: told
  words: it expects the union to respond within two weeks
  confidence: medium
- id: S3
  speaker: uaw
  addressee: [gm, general_motors]
  mode: reported
  cue: said
  words: it would fight the cuts
  confidence: low
  check: addressed to the company?
deadlines:
- id: D1
  set_by: gm
  addressee: uaw
  expression: within two weeks
  statement: S2
  issued: 2019-03-05
  due: {earliest: 2019-03-05, latest: 2019-03-19}
  confidence: medium
"""


def gm_corpus(folder):
    """A copy of the seed corpus with the invented GM article and its draft waiting (the seed's annotation
    stays)."""
    shutil.copytree(SEED_CORPUS, folder)
    (folder / "articles" / f"{GM}.txt").write_text(GM_ARTICLE, encoding="utf-8")
    (folder / "drafts").mkdir(exist_ok=True)
    (folder / "drafts" / f"{GM}.yaml").write_text(GM_DRAFT, encoding="utf-8")
    return folder


@pytest.fixture
def gm(tmp_path):
    return gm_corpus(tmp_path / "gm")


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """The seed corpus with a fresh draft of its article in drafts/ and no annotation: drafted by the rules
    alone (no entity tagger), so it proposes no new actor and each test adds those it needs."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, folder)
    (folder / ANNOTATION).unlink()
    with monkeypatch.context() as m:
        m.setattr(entity_model, "available", lambda: False)
        draft_file(folder / "articles" / f"{SEED}.txt", reference_date="2025-08-01")
    return folder


def _files(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _at(review, words, occurrence=1):
    """(start, end) of the n-th occurrence of ``words`` in the article, as a selection would give it."""
    at = -1
    for _ in range(occurrence):
        at = review.text.index(words, at + 1)
    return at, at + len(words)


def _statement(folder, ident):
    """The statement's row, with its addressees joined as ``addressee`` ("a, b")."""
    corpus = load_corpus(folder, cache=False)
    row = corpus.statements.set_index("statement_id").loc[ident].copy()
    row["addressee"] = ", ".join(corpus.addressees("statement").get((row["article_id"], ident), ())) or None
    return row


def test_opens_the_first_waiting_draft_and_lists_its_entries(corpus):
    assert waiting_draft_names(corpus) == [SEED]
    review = Review(corpus)
    assert (review.name, review.from_draft, review.target) == (SEED, True, corpus / ANNOTATION)
    entries = review.entries()
    kinds = {e.kind for e in entries}
    assert kinds == {"statement", "deadline", "mention"}
    pending = [e for e in entries if e.pending]
    assert review.progress() == (0, len(pending)) and len(pending) > 20
    s2 = next(e for e in entries if e.key == ("statement", "S2"))
    assert s2.confidence == "medium" and "pronoun" in s2.check


def test_nothing_waiting_says_how_to_make_a_draft(tmp_path):
    shutil.copytree(SEED_CORPUS, tmp_path / "c")
    assert waiting_draft_names(tmp_path / "c") == []
    with pytest.raises(ReviewError, match="No draft waits"):
        Review(tmp_path / "c")
    assert "python -m helpers draft" in nothing_waiting(tmp_path / "c")


def test_accept_reject_and_progress(corpus):
    review = Review(corpus)
    done, total = review.progress()
    review.accept(("statement", "S1"))
    assert "confidence" not in review.node(("statement", "S1"))
    said = review.reject(("statement", "S12"))
    assert "D3" in said  # the deadline made in it no longer names it
    assert review.progress() == (done + 2, total)
    assert "S12" not in {e.id for e in review.entries()}
    mention = next(e for e in review.entries() if e.kind == "mention")
    review.accept(mention.key)
    assert mention.key not in {e.key for e in review.entries()}
    review.reject(("deadline", "D1"))
    assert "same_as" not in review.node(("deadline", "D2"))
    review.save()
    assert validate_corpus(corpus) == []
    statements = load_corpus(corpus, cache=False).statements
    assert "S12" not in set(statements["statement_id"])


def test_edit_speaker_mode_addressee_and_dates(corpus):
    review = Review(corpus)
    review.edit(("statement", "S13"), speaker="putin", mode="direct", addressee=["usa", "ukraine"])
    review.edit(("deadline", "D3"), speaker=None, due=("2025-09-01", "2025-09-05"), issued="2025-07-14")
    with pytest.raises(ReviewError, match="unknown actor id 'nobody'"):
        review.edit(("statement", "S1"), speaker="nobody")
    with pytest.raises(ReviewError, match="not a date"):
        review.edit(("deadline", "D3"), due="next week")
    review.save()
    assert validate_corpus(corpus) == []
    row = _statement(corpus, "S13")
    assert (row["speaker"], row["mode"], row["addressee"]) == ("putin", "direct", "usa, ukraine")
    d3 = load_corpus(corpus, cache=False).deadlines.set_index("deadline_id").loc["D3"]
    assert str(d3["due_earliest"].date()) == "2025-09-01" and str(d3["due_latest"].date()) == "2025-09-05"
    assert str(d3["issued_earliest"].date()) == "2025-07-14" and d3["set_by"] != d3["set_by"]  # NaN: no one


def test_words_from_a_selection_are_anchored_as_the_loader_anchors_them(corpus):
    review = Review(corpus)
    text = review.text
    # a partly selected word is widened to the whole word; a repeat gets its occurrence
    start, end = _at(review, "He pointed out")
    assert anchor_selection(text, start + 1, start + 2) == {"text": "He", "occurrence": 2}
    assert anchor_selection(text, *_at(review, "Oreshnik missile")) == "Oreshnik missile"
    with pytest.raises(ReviewError, match="no words selected"):
        anchor_selection(text, start, start)
    review.set_words(("statement", "S6"), *_at(review, "the new Oreshnik missile system"))
    review.save()
    row = _statement(corpus, "S6")
    assert row["text"] == "the new Oreshnik missile system"
    assert text[row["start"]:row["end"]] == row["text"]


def test_add_a_missed_statement_with_a_new_actor(corpus):
    review = Review(corpus)
    before = (corpus / "actors.yaml").read_text(encoding="utf-8")
    review.add_actor("kremlin-aide", "A Kremlin aide", "person")
    with pytest.raises(ReviewError, match="already taken"):
        review.add_actor("putin", "Someone", "person")
    with pytest.raises(ReviewError, match="lower case"):
        review.add_actor("Bad Id", "Someone", "person")
    start, end = _at(review, "negotiations without cameras")
    ident = review.add_statement(start, end, speaker="kremlin-aide", mode="reported", addressee="ukraine")
    assert ident == "S26"
    review.save()
    assert validate_corpus(corpus) == []
    after = (corpus / "actors.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)  # appended: the registry's comments and entries as they were
    assert "- id: kremlin-aide\n  name: A Kremlin aide\n  kind: person\n" in after
    assert "check" not in after[len(before):]
    row = _statement(corpus, "S26")
    assert (row["speaker"], row["addressee"], row["text"]) == ("kremlin-aide", "ukraine",
                                                               "negotiations without cameras")
    saved = (corpus / ANNOTATION).read_text(encoding="utf-8")
    assert "kremlin-aide" in saved and "new_actors" not in saved  # moved to the registry


def test_a_proposed_actor_accepted_moves_to_the_registry_without_its_check(corpus):
    draft = corpus / "drafts" / f"{SEED}.yaml"
    text = draft.read_text(encoding="utf-8")
    text = text.replace("mentions:\n",
                        "new_actors:\n- id: oreshnik-maker\n  name: Oreshnik Works\n  kind: organisation\n"
                        "  check: not in the registry\n- id: ghost\n  name: Ghost\n  kind: person\n"
                        "  check: not in the registry\nmentions:\n", 1)
    draft.write_text(text, encoding="utf-8")
    review = Review(corpus)
    assert {e.id for e in review.entries() if e.kind == "new actor"} == {"oreshnik-maker", "ghost"}
    assert "oreshnik-maker" in dict(review.actors())
    review.edit(("statement", "S6"), speaker="ghost")
    with pytest.raises(ReviewError, match="named by S6"):
        review.reject(("new actor", "ghost"))
    review.edit(("statement", "S6"), speaker="putin")
    review.reject(("new actor", "ghost"))
    review.accept(("new actor", "oreshnik-maker"))
    review.save()
    assert validate_corpus(corpus) == []
    registry = (corpus / "actors.yaml").read_text(encoding="utf-8")
    assert "- id: oreshnik-maker\n  name: Oreshnik Works\n  kind: organisation\n" in registry
    assert "not in the registry" not in registry and "ghost" not in registry
    assert "oreshnik-maker" not in (corpus / ANNOTATION).read_text(encoding="utf-8")


def test_save_changes_only_the_annotation(corpus):
    before = _files(corpus)
    review = Review(corpus)
    review.accept(("statement", "S1"))
    review.save()
    after = _files(corpus)
    assert set(after) - set(before) == {ANNOTATION}
    # draft, article, registry: byte for byte
    assert {k: v for k, v in after.items() if k != ANNOTATION} == before
    saved = (corpus / ANNOTATION).read_text(encoding="utf-8")
    assert saved.startswith("# Annotation reviewed from drafts/")
    out = in_process("validate", corpus, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "still carry review fields" in out.stdout  # the entries not accepted keep their check:
    assert waiting_draft_names(corpus) == []  # reviewed: the draft no longer waits


def test_reopened_annotation_keeps_its_comments(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(SEED_CORPUS, folder)
    original = (folder / ANNOTATION).read_text(encoding="utf-8")
    review = Review(folder, SEED)
    assert not review.from_draft and review.progress() == (0, 0)
    review.edit(("statement", "S1"), mode="direct")
    review.save()
    saved = (folder / ANNOTATION).read_text(encoding="utf-8")
    assert saved.count("#") == original.count("#") and "# unattributed reports" in saved
    changed = [(a, b) for a, b in zip(original.splitlines(), saved.splitlines()) if a != b]
    assert len(saved.splitlines()) == len(original.splitlines()) and len(changed) == 1
    assert "mode: direct" in changed[0][1]
    assert validate_corpus(folder) == []


def test_refuses_to_overwrite_an_annotation_changed_on_disk(corpus):
    review = Review(corpus)
    review.accept(("statement", "S1"))
    review.save()
    (corpus / ANNOTATION).write_text((corpus / ANNOTATION).read_text(encoding="utf-8") + "# edited "
                                                                                         "elsewhere\n",
                                     encoding="utf-8")
    edited = (corpus / ANNOTATION).read_bytes()
    review.accept(("statement", "S2"))
    with pytest.raises(ReviewError, match=f"{SEED}.yaml changed on disk since it was opened"):
        review.save()
    assert (corpus / ANNOTATION).read_bytes() == edited
    # a draft whose annotation someone else wrote meanwhile
    other = Review(corpus, SEED)
    (corpus / ANNOTATION).unlink()
    with pytest.raises(ReviewError, match="was deleted"):
        other.save()


def test_refuses_to_save_a_file_that_would_not_validate(corpus):
    review = Review(corpus)
    review.node(("statement", "S1"))["speaker"] = "nobody"  # as a hand edit would
    with pytest.raises(ReviewError, match="unknown actor id 'nobody'"):
        review.save()
    assert not (corpus / ANNOTATION).exists()


def test_widget_actions_and_shortcuts(corpus):
    from helpers.present.review_widget import ReviewApp
    app = ReviewApp.open(corpus)
    assert "0 of" in app.progress.value and app.article.html.count('class="nd-reader"') == 1
    first = app.entry().key
    assert app.article.focus and app.article.focus[0] < app.article.focus[1]
    app._on_msg(app.article, {"key": "accept"}, [])
    assert "1 of" in app.progress.value and app.entry().key != first
    app._on_msg(app.article, {"key": "previous"}, [])
    assert app.entry().key == first and "✓" in app.entries.options[0][0]
    app._on_msg(app.article, {"key": "undo"}, [])
    assert "0 of" in app.progress.value and "⚑" in app.entries.options[0][0]
    start, end = _at(app.review, "negotiations without cameras")
    app.article.selection = {"start": start, "end": end, "text": "negotiations without cameras"}
    assert "negotiations without cameras" in app.selected.value
    app._act(app._add_statement)
    assert app.entry().id == "S26"
    app._act(app._save)
    assert "saved" in app.message.value and validate_corpus(corpus) == []


def test_offsets_as_shown_map_back_to_the_text_with_windows_line_endings():
    from helpers.corpus.review_edits import rendered_positions
    text = "Port fees\r\nThe Port Authority said fees rise.\r\n"
    shown = text.replace("\r\n", "\n")
    positions = rendered_positions(text)
    assert len(positions) == len(shown)
    assert all(text[p] == shown[i] or shown[i] == "\n" for i, p in enumerate(positions))
    start = shown.index("Port Authority")
    assert text[positions[start]: positions[start + len("Port Authority") - 1] + 1] == "Port Authority"
    assert anchor_selection(text, positions[start], positions[start] + 4) == {"text": "Port", "occurrence": 2}


def test_undo_takes_back_changes_one_by_one(corpus):
    review = Review(corpus)
    original = review.files()[0]
    review.accept(("statement", "S1"))
    review.reject(("statement", "S2"))
    with pytest.raises(ReviewError):
        review.edit(("statement", "S3"), speaker="nobody")  # refused: nothing to take back, nothing changed
    review.undo()
    assert "S2" in {e.id for e in review.entries()} and "confidence" not in review.node(("statement", "S1"))
    review.undo()
    assert review.files()[0] == original and not review.changed
    with pytest.raises(ReviewError, match="nothing to undo"):
        review.undo()


@pytest.mark.slow  # executes notebooks
def test_notebooks_run_on_an_ingested_page_reviewed_and_saved(tmp_path):
    """From a saved page to findings: ingest, accept every drafted entry, save; the notebooks run on the
    result."""
    import papermill

    from helpers.ingest.ingest import ingest

    folder = shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    [page] = ingest([ROOT / "tests" / "fixtures" / "pages" / "news.html"], folder, progress=False)
    review = Review(folder, page.article_id)
    for entry in review.entries():
        review.accept(entry.key)
    review.save()
    assert validate_corpus(folder) == []
    assert load_corpus(folder, cache=False).unreviewed.empty
    out = papermill.execute_notebook(str(ROOT / "notebooks" / "1-actors.ipynb"), str(tmp_path / "1.ipynb"),
                                     parameters={"corpus_folder": str(folder)}, cwd=str(ROOT / "notebooks"),
                                     progress_bar=False, kernel_name="python3")
    text = "".join(o.get("text", "") for c in out.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    assert "The corpus holds 2 articles" in text and "dated 2019-03-14 to 2025-08-01" in text


def test_a_proposal_another_review_already_registered_is_the_same_actor(tmp_path):
    """Two drafts propose one new organisation: once the first review saves it to actors.yaml, accepting it in
    the second drops the proposal and keeps its mentions, and the second annotation still saves and
    validates."""
    from helpers.ingest.ingest import ingest

    folder = shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    pages = ROOT / "tests" / "fixtures" / "pages"
    first, second = ingest([pages / "news.html", pages / "plain.txt"], folder, progress=False)
    both = [{str(a["id"]) for a in Review(folder, r.article_id).data.get("new_actors") or []}
            for r in (first, second)]
    shared = sorted(both[0] & both[1])
    assert shared, both  # the fixture pages share a proposed actor
    for result in (first, second):
        review = Review(folder, result.article_id)
        for entry in review.entries():
            review.accept(entry.key)
        review.save()
    assert validate_corpus(folder) == []
    corpus = load_corpus(folder, cache=False)
    assert shared[0] in set(corpus.actors["actor_id"])
    assert set(corpus.mentions.loc[corpus.mentions["actor_id"] == shared[0], "article_id"]) == \
        {first.article_id, second.article_id}


def test_two_reviews_open_at_once_that_accept_one_new_actor_both_save(tmp_path):
    """The second save finds the actor the first one registered meanwhile: the same actor, not a duplicate
    id."""
    from helpers.ingest.ingest import ingest

    folder = shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    pages = ROOT / "tests" / "fixtures" / "pages"
    first, second = ingest([pages / "news.html", pages / "plain.txt"], folder, progress=False)
    reviews = [Review(folder, r.article_id) for r in (first, second)]  # both open before either saves
    shared = sorted({str(a["id"]) for a in reviews[0].data.get("new_actors") or []} &
                    {str(a["id"]) for a in reviews[1].data.get("new_actors") or []})
    assert shared
    for review in reviews:
        for entry in review.entries():
            review.accept(entry.key)
    for review in reviews:
        review.save()
    assert validate_corpus(folder) == []
    registry = yaml.safe_load((folder / "actors.yaml").read_text(encoding="utf-8"))
    assert [a["id"] for a in registry].count(shared[0]) == 1


def test_validate_names_a_waiting_draft_that_would_not_load_and_the_banner_says_it_is_left_out(corpus):
    from helpers.present.display import unreviewed_banner

    draft = corpus / "drafts" / f"{SEED}.yaml"
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    data["statements"][0]["speaker"] = "nobody_we_know"
    draft.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    run = in_process("validate", corpus, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    said = run.stdout + run.stderr
    assert "1 of them would not load" in said and f"{SEED}.yaml" in said and "nobody_we_know" in said
    banner = unreviewed_banner(load_corpus(corpus, cache=False, drafts=True)).text
    assert "1 draft is left out" in banner


def test_an_actor_created_in_the_review_keeps_its_name_as_an_alias(corpus):
    review = Review(corpus)
    review.add_actor("harbour-office", "Harbour Office", "organisation")
    review.save()
    actors = load_corpus(corpus, cache=False).actors.set_index("actor_id")
    assert actors.loc["harbour-office", "aliases"] == "Harbour Office"


@pytest.mark.parametrize("change, said", [
    (lambda d: d.update(statements=5), "statements"),
    (lambda d: d["statements"][0].pop("id"), "id"),
    (lambda d: d.update(new_actors=[{"name": "Harbour Office"}]), "new_actors"),
    (lambda d: d.update(mentions=["foo"]), "mentions"),
    (lambda d: d.update(article=f"drafts/{SEED}.yaml"), "names a YAML file"),
])
def test_a_malformed_draft_stops_the_review_with_a_message_naming_the_file_and_the_fix(corpus, change, said):
    draft = corpus / "drafts" / f"{SEED}.yaml"
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    change(data)
    draft.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ReviewError) as err:
        Review(corpus, SEED)
    assert str(draft) in str(err.value) and said in str(err.value)


def test_a_draft_that_is_not_yaml_stops_the_review_with_its_line(corpus):
    draft = corpus / "drafts" / f"{SEED}.yaml"
    draft.write_text("article: [\n", encoding="utf-8")
    with pytest.raises(ReviewError) as err:
        Review(corpus, SEED)
    assert f"{draft}:" in str(err.value) and "cannot be reviewed" in str(err.value)


def test_undo_takes_back_each_kind_of_change_exactly(corpus):
    """Every change is taken back to the very text it started from, one undo each (the bulk accept
    included)."""
    review = Review(corpus)
    review.add_actor("harbour-office", "Harbour Office", "organisation")
    start = review.files()
    mention = next(e for e in review.entries() if e.kind == "mention")
    changes = [
        lambda: review.accept(("statement", "S2")),
        lambda: review.accept(mention.key),
        lambda: review.reject(mention.key),
        lambda: review.reject(("statement", "S12")),
        lambda: review.reject(("deadline", "D1")),
        lambda: review.reject(("new actor", "harbour-office")),
        lambda: review.edit(("statement", "S8"), speaker="trump", addressee=["usa", "ukraine"],
                            mode="reported"),
        lambda: review.edit(("deadline", "D2"), issued=None, due="2025-08-09", same_as=None, statement="S3",
                            demand="end the offensive", addressee="russia"),
        lambda: review.set_words(("statement", "S6"), *_at(review, "the new Oreshnik missile system")),
        lambda: review.set_cue(("statement", "S7"), *_at(review, "stated")),
        lambda: review.add_statement(*_at(review, "negotiations without cameras"), speaker="zelensky"),
        lambda: review.add_deadline(*_at(review, "finalize their peace deal soon"), set_by="usa",
                                    same_as="D4"),
        lambda: review.set_story("ukraine talks"),
        review.accept_confident,
        lambda: review.merge_actor("usa", "trump"),
        lambda: review.merge_actor("harbour-office", "usa"),
        lambda: review.edit_actor("harbour-office", new_id="harbour", name="Harbour Board", kind="place",
                                  aliases=["Harbour Board"]),
    ]
    for change in changes:
        change()
        assert review.files() != start, change
        review.undo()
        assert review.files() == start, change
    assert len(review._history) == 1  # the actor added first


def test_accepting_and_undoing_do_not_write_the_whole_file_out(corpus, monkeypatch):
    """Undo keeps what a change altered, not a copy of the file: a long draft's accept must not cost a
    dump."""
    from helpers.corpus import review_edits as module
    review = Review(corpus)
    dumps = []
    real = module.dump_text
    monkeypatch.setattr(module, "dump_text", lambda *a, **k: dumps.append(1) or real(*a, **k))
    review.accept(("statement", "S1"))
    review.reject(("statement", "S2"))
    review.undo()
    assert dumps == []
    assert review.preview() is not None and review.preview() is review.preview() and len(dumps) == 1


def test_an_added_statement_takes_the_reporting_verb_of_its_sentence(corpus):
    review = Review(corpus)
    ident = review.add_statement(*_at(review, "negotiations without cameras"), speaker="putin")
    node = review.node(("statement", ident))
    assert node["cue"] == "said" and "check" not in node  # not "agreed": that is inside the quotation
    # the headline has no verb
    bare = review.add_statement(*_at(review, "Military Advances"), speaker="putin")
    assert "cue" not in review.node(("statement", bare))
    assert "Cue ← selection" in review.node(("statement", bare))["check"]
    review.set_cue(("statement", bare), *_at(review, "expressed"))
    review.save()
    row = _statement(corpus, ident)
    said = review.text.index("Putin said") + len("Putin ")
    assert (row["cue"], row["cue_start"]) == ("said", said)
    assert _statement(corpus, bare)["cue"] == "expressed"


def test_a_new_speaker_drops_the_cue_that_named_the_old_one(corpus):
    review = Review(corpus)
    said = review.edit(("statement", "S8"), speaker="trump")  # “…,” Putin said: "said" was Putin's
    assert "cue" not in review.node(("statement", "S8")) and "'said' went" in said and "putin" in said
    # "…frontline and highlighted": not beside the name
    kept = review.edit(("statement", "S5"), speaker="trump")
    assert review.node(("statement", "S5"))["cue"] == "highlighted" and "went" not in kept
    review.save()
    assert validate_corpus(corpus) == []


def test_add_a_missed_deadline_and_edit_what_links_a_deadline(corpus):
    review = Review(corpus)
    ident = review.add_deadline(*_at(review, "finalize their peace deal soon"), set_by="usa",
                                addressee=["russia", "ukraine"], statement="S14", same_as="D4",
                                demand="finalize the peace deal", issued="2025-08-01",
                                due=("2025-08-02", "2025-08-08"))
    assert ident == "D5"
    review.edit(("deadline", "D2"), same_as=None, statement="S12", demand="a peace agreement")
    with pytest.raises(ReviewError, match="same_as: 'D2' is not another deadline"):
        review.edit(("deadline", "D2"), same_as="D2")
    with pytest.raises(ReviewError, match="statement: 'S99' is not a statement"):
        review.edit(("deadline", "D2"), statement="S99")
    with pytest.raises(ReviewError, match="only a deadline has demand"):
        review.edit(("statement", "S1"), demand="x")
    review.save()
    assert validate_corpus(corpus) == []
    loaded = load_corpus(corpus, cache=False)
    deadlines = loaded.deadlines.set_index("deadline_id")
    d5, d2 = deadlines.loc["D5"], deadlines.loc["D2"]
    assert (d5["set_by"], loaded.addressees("deadline")[(d5["article_id"], "D5")], d5["statement_id"],
            d5["same_as"],
            d5["demand"]) == ("usa", ("russia", "ukraine"), "S14", "D4", "finalize the peace deal")
    assert (
        d5["expression"] == "finalize their peace deal soon" and str(d5["due_latest"].date()) == "2025-08-08"
    )
    assert d2["same_as"] != d2["same_as"]  # NaN: it no longer restates D1
    assert (d2["statement_id"], d2["demand"]) == ("S12", "a peace agreement")


def test_accept_every_high_confidence_entry_at_once_and_undo_it_at_once(corpus):
    review = Review(corpus)
    sure = review.confident()
    assert sure and all(e.confidence == "high" and not e.check for e in sure)
    doubtful = [e.key for e in review.entries() if e.pending and e not in sure]
    assert doubtful  # medium and low, and high ones with something to check, stay for the analyst
    done = review.progress()[0]
    said = review.accept_confident()
    assert f"accepted {len(sure)} high-confidence" in said
    assert review.progress()[0] == done + len(sure) and review.confident() == []
    assert [e.key for e in review.entries() if e.pending] == doubtful
    with pytest.raises(ReviewError, match="no entry awaiting review has confidence: high"):
        review.accept_confident()
    review.undo()
    assert review.confident() == sure and review.progress()[0] == done


def test_the_story_label_is_set_in_the_review(corpus):
    review = Review(corpus)
    with pytest.raises(ReviewError, match="keep it to 60"):
        review.set_story("x" * 61)
    review.set_story("  ukraine \n talks ")
    assert review.story() == "ukraine talks"
    review.save()
    assert load_corpus(corpus, cache=False).stories() == ["ukraine talks"]
    review.set_story("")
    assert review.story() is None and "story" not in review.data["metadata"]


def test_choices_list_the_article_and_its_story_first_then_the_registry(corpus):
    """A registry actor the story names comes right after the draft's own actors; one no article names comes
    after it, though the registry lists it first."""
    registry = corpus / "actors.yaml"
    registry.write_text("- id: aardvark-party\n  name: Aardvark Party\n  kind: organisation\n" +
                        registry.read_text(encoding="utf-8") +
                        "- id: harbour-office\n  name: Harbour Office\n  kind: organisation\n",
                        encoding="utf-8")
    (corpus / "articles" / "other.txt").write_text("The Harbour Office said fees rise.\n", encoding="utf-8")
    (corpus / "annotations" / "other.yaml").write_text(
        "article: articles/other.txt\nmetadata:\n  story: 'ukraine "
        "talks'\nmentions:\n- actor: harbour-office\n  spans: [Harbour Office]\n", encoding="utf-8")
    review = Review(corpus, SEED)
    named = [i for i, _ in review.choices()]
    own = {"putin", "trump", "zelensky", "russia", "ukraine", "usa"}
    assert set(named[:len(own)]) <= own | {"lukashenko", "unsc"} and named.index("aardvark-party") > 5
    assert named.index("harbour-office") > named.index("aardvark-party")  # not of this story yet
    review.set_story("ukraine talks")
    named = [i for i, _ in review.choices()]
    assert named.index("harbour-office") < named.index("aardvark-party")
    here = set(named[:named.index("harbour-office")])
    assert own <= here and "aardvark-party" not in here


STORY_TOPICS = """- id: plant-closures
  label: Plant closures
  stories: [gm rescue, Detroit 2019]
- id: layoffs
  label: Layoffs
  stories: [GM rescue]
"""


def scope_topics(folder):
    """The seed's topics scoped to its story ("ukraine talks"), but ``deadline``, and two topics of a GM
    story."""
    topics = yaml.safe_load((folder / "topics.yaml").read_text(encoding="utf-8"))
    for topic in topics:
        if topic["id"] != "deadline":
            topic["stories"] = ["ukraine talks"]
    (folder / "topics.yaml").write_text(yaml.safe_dump(topics, sort_keys=False) + STORY_TOPICS,
                                        encoding="utf-8")


def test_topic_choices_offer_the_story_s_own_topics_first_and_no_other_story_s(gm):
    """A GM statement is offered the GM story's topics, then the topics of every story; the Ukraine story's
    topic only once the file names it; the choice is written as the file writes topics, and refused when
    topics.yaml lacks it."""
    scope_topics(gm)
    review = Review(gm, GM)
    assert [i for i, _ in review.topic_choices()] == ["deadline"]  # no story label yet
    review.set_story("GM rescue")
    assert review.topic_choices() == [("plant-closures", "Plant closures"), ("layoffs", "Layoffs"),
                                      ("deadline", "Deadlines and ultimatums")]
    review.edit(("statement", "S1"), topics=["layoffs", "plant-closures"])
    assert "topics: [layoffs, plant-closures]" in review.files()[0]
    review.edit(("statement", "S2"), topics=["ceasefire"])  # another story's topic, named by hand
    assert [i for i, _ in review.topic_choices()][-1] == "ceasefire"
    with pytest.raises(ReviewError, match="unknown topic 'strikes'.*topics.yaml"):
        review.edit(("statement", "S1"), topics=["strikes"])
    with pytest.raises(ReviewError, match="only a statement has topics"):
        review.edit(("deadline", "D1"), topics=["deadline"])
    review.edit(("statement", "S2"), topics=[])
    assert "topics" not in review.node(("statement", "S2"))
    review.save()
    topics = load_corpus(gm, drafts=True, cache=False).statement_topics
    assert sorted(topics.loc[topics["article_id"] == GM, "topic"]) == ["layoffs", "plant-closures"]


def test_the_widget_s_topic_box_shows_a_statement_s_topics_and_applies_a_change(gm):
    from helpers.present.review_widget import ReviewApp
    scope_topics(gm)
    app = ReviewApp.open(gm)
    app.story.value = "GM rescue"
    app._act(app._set_story)
    app.key = ("statement", "S1")
    app.refresh()
    assert [i for _, i in app.topics.options] == ["plant-closures", "layoffs", "deadline"]
    assert app.topics.value == () and app.topics.layout.display == ""
    app.topics.value = ("layoffs",)
    app._act(app._apply)
    assert app.review.node(("statement", "S1"))["topics"] == ["layoffs"]
    app.key = ("deadline", "D1")
    app.refresh()
    assert app.topics.value == () and app.topics.layout.display == "none"
    assert app.issued.value == "2019-03-05"  # written unquoted, read as a date
    app.key = ("statement", "S1")
    app.refresh()
    assert app.topics.value == ("layoffs",)


def test_a_new_actor_may_not_take_a_name_another_actor_has(corpus):
    review = Review(corpus)
    with pytest.raises(ReviewError, match="already 'putin'"):
        review.add_actor("vlad", "Vladimir Putin", "person")
    review.add_actor("uaw", "UAW", "organisation")
    with pytest.raises(ReviewError, match="already 'uaw'"):
        review.add_actor("united-auto-workers", "uaw", "organisation")


def test_the_widget_keeps_the_entry_in_view_and_resets_its_form(corpus):
    """Adding an actor (a new entry at the top of the list) leaves the entry in view and the article as they
    were; Apply changes that entry alone; a statement added next does not take the addressee shown before."""
    from helpers.present.review_widget import ReviewApp
    app = ReviewApp.open(corpus)
    app.key = ("statement", "S3")
    app.refresh()
    drawn = app.article.html
    app.new_id.value, app.new_name.value, app.new_kind.value = "uaw", "UAW", "organisation"
    app._act(app._add_actor)
    assert app.entry().key == ("statement", "S3") and app.speaker.value == "uaw"
    assert "statement S3" in app.message.value and app.article.html == drawn
    app._act(app._apply)
    assert review_speakers(app) == {"S2": "putin", "S3": "uaw"}
    app.key = ("deadline", "D1")  # addressed to russia
    app.refresh()
    assert app.addressee.value == ("russia",)
    app.article.selection = dict(zip(("start", "end"), _at(app.review, "negotiations without cameras")))
    app._act(app._add_statement)
    assert app.entry().id == "S26" and "addressee" not in app.review.node(("statement", "S26"))
    assert app.addressee.value == () and app.deadline_box.layout.display == "none"


def review_speakers(app):
    return {i: app.review.node(("statement", i)).get("speaker") for i in ("S2", "S3")}


def _group(review, actor):
    return [g for g in review.data.get("mentions") or [] if g["actor"] == actor]


def _spans(group) -> list[str]:
    return [s if isinstance(s, str) else f"{s['text']}#{s.get('occurrence', '')}" for s in group["spans"]]


def test_merging_two_proposals_for_one_company_names_one_actor_everywhere_and_one_undo_takes_it_back(gm):
    review = Review(gm, GM)
    before = review.files()
    said = review.merge_actor("gm", "general_motors")
    assert "2 mentions, 2 statements and 1 deadline of this file now name general_motors" in said
    assert _group(review, "gm") == []
    (group,) = _group(review, "general_motors")
    assert _spans(group) == ["General Motors", "GM#1", "GM#2", "the company"]  # text order, each place once
    statements = {s["id"]: s for s in review.data["statements"]}
    assert statements["S2"]["speaker"] == "general_motors" and statements["S1"]["speaker"] == "general_motors"
    assert list(statements["S3"]["addressee"]) == ["general_motors"]  # [gm, general_motors]: no repeat
    assert review.node(("deadline", "D1"))["set_by"] == "general_motors"
    assert [a["id"] for a in review.data["new_actors"]] == ["general_motors", "uaw"]
    assert list(review.proposal("general_motors")["aliases"]) == ["General Motors", "GM", "GM Co"]
    assert "gm" not in dict(review.actors()) and ("new actor", "gm") not in {e.key for e in review.entries()}
    review.undo()
    assert review.files() == before and not review.changed
    review.merge_actor("gm", "general_motors")
    review.accept(("new actor", "general_motors"))
    review.save()
    assert validate_corpus(gm) == []
    corpus = load_corpus(gm, cache=False, drafts=True)
    mentions = corpus.mentions[corpus.mentions["article_id"] == GM]
    assert sorted(mentions.loc[mentions["actor_id"] == "general_motors", "text"]) == ["GM", "GM",
                                                                                      "General Motors",
                                                                                      "the company"]
    actors = yaml.safe_load((gm / "actors.yaml").read_text(encoding="utf-8"))
    assert next(a for a in actors if a["id"] == "general_motors")["aliases"] == ["General Motors", "GM",
                                                                                 "GM Co"]
    assert "gm" not in {a["id"] for a in actors}


def test_merging_a_proposal_into_a_registered_actor_adds_its_names_to_the_registry_on_save(gm):
    registry = gm / "actors.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n# carmakers\n- id: general_motors\n "
                                                               " name: General Motors\n  kind: "
                                                               "organisation\n  aliases: [General "
                                                               "Motors]   # as the company writes it\n",
                        encoding="utf-8")
    before = registry.read_text(encoding="utf-8")
    review = Review(gm, GM)
    assert review.proposal("general_motors") is None  # the draft's proposal is the registered actor now
    said = review.merge_actor("gm", "general_motors")
    assert "GM, GM Co will be added to general_motors's aliases in actors.yaml on save" in said
    assert review.aliases_to_register() == {"general_motors": ["GM", "GM Co"]}
    review.undo()
    assert review.aliases_to_register() == {} and review.files()[1] is None
    review.merge_actor("gm", "general_motors")
    review.save()
    after = registry.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    # comments and layout kept
    assert len(after.splitlines()) == len(before.splitlines()) and len(changed) == 1
    assert (
        changed[0][1].startswith("  aliases: [General Motors, GM, GM Co]")
        and "# as the company" in changed[0][1]
    )
    assert validate_corpus(gm) == [] and review.aliases_to_register() == {}
    assert "gm" not in (gm / "annotations" / f"{GM}.yaml").read_text(encoding="utf-8").split()


def test_merging_a_registered_actor_changes_this_file_only_and_names_the_command_for_every_file(corpus):
    review = Review(corpus)
    registry = (corpus / "actors.yaml").read_bytes()
    with pytest.raises(ReviewError, match="cannot be merged into itself"):
        review.merge_actor("usa", "usa")
    with pytest.raises(ReviewError, match="'aardvark' is neither proposed nor named in this file"):
        review.merge_actor("aardvark", "trump")
    with pytest.raises(ReviewError, match="unknown actor id 'nobody'"):
        review.merge_actor("usa", "nobody")
    assert not review._history  # refusals leave nothing to undo
    said = review.merge_actor("usa", "trump")
    assert "Only this file changed" in said and "python -m helpers actors merge usa trump" in said
    assert "usa" not in dict(review.file_actors()) and "usa" in dict(review.actors())
    review.save()
    assert (corpus / "actors.yaml").read_bytes() == registry and validate_corpus(corpus) == []


def test_edit_a_proposed_actor_its_id_rewritten_in_the_file_and_a_registered_one_refused(gm):
    review = Review(gm, GM)
    before = review.files()
    with pytest.raises(ReviewError, match="python -m helpers actors edit putin"):
        review.edit_actor("putin", name="Vladimir V. Putin")
    with pytest.raises(ReviewError, match="already taken .*merge uaw into gm"):
        review.edit_actor("uaw", new_id="gm")
    with pytest.raises(ReviewError, match="already 'general_motors'"):
        review.edit_actor("uaw", name="General Motors")
    with pytest.raises(ReviewError, match="kind is one of"):
        review.edit_actor("uaw", kind="union")
    said = review.edit_actor("uaw", new_id="united_auto_workers", name="United Auto Workers union",
                             kind="group",
                             aliases=["United Auto Workers", "UAW", "UAW"])
    assert said == "edited new actor united_auto_workers: United Auto Workers union (group)"
    assert review.node(("statement", "S3"))["speaker"] == "united_auto_workers"
    assert review.node(("statement", "S2"))["addressee"] == "united_auto_workers"
    assert review.node(("deadline", "D1"))["addressee"] == "united_auto_workers"
    assert ("mention", "united_auto_workers: The union") in {e.key for e in review.entries()}
    assert list(review.proposal("united_auto_workers")["aliases"]) == ["United Auto Workers", "UAW"]
    review.undo()
    assert review.files() == before
    review.edit_actor("uaw", new_id="united_auto_workers", kind="group")
    review.accept(("new actor", "united_auto_workers"))
    review.save()
    assert validate_corpus(gm) == []
    actors = load_corpus(gm, cache=False).actors.set_index("actor_id")
    assert actors.loc["united_auto_workers", "kind"] == "group" and "uaw" not in actors.index


def test_rejecting_a_proposal_entries_name_points_to_merge_and_its_mentions_come_back_with_undo(gm):
    review = Review(gm, GM)
    with pytest.raises(ReviewError, match="named by S2, S3, D1: .*merge it into that actor"):
        review.reject(("new actor", "gm"))
    review.edit(("statement", "S2"), speaker="general_motors")
    review.edit(("statement", "S3"), addressee=["general_motors"])
    review.edit(("deadline", "D1"), speaker="general_motors")
    said = review.reject(("new actor", "gm"))
    assert "its 2 mentions went with it (u brings them back" in said and "merge instead" in said
    assert _group(review, "gm") == []
    review.undo()
    assert _spans(_group(review, "gm")[0]) == ["GM#2", "GM#1"] and review.proposal("gm") is not None


def test_the_actor_panel_merges_and_edits_with_the_entry_in_view_kept(gm):
    from helpers.present.review_widget import ReviewApp
    app = ReviewApp.open(gm, GM)
    assert [v for _, v in app.actor_pick.options][:3] == ["general_motors", "gm", "uaw"]
    app.key = ("statement", "S2")
    app.refresh()
    app.actor_pick.value, app.merge_into.value = "gm", "general_motors"
    app._act(app._merge)
    assert "merged gm into general_motors" in app.message.value and app.entry().key == ("statement", "S2")
    assert "General Motors: it expects" in app.current.value and "gm" not in [v for _,
                                                                              v in app.actor_pick.options]
    app.key = ("new actor", "uaw")
    app.refresh()
    assert app.actor_pick.value == "uaw" and app.actor_id.value == "uaw"
    assert app.actor_aliases.value == "United Auto Workers"
    app.actor_id.value, app.actor_kind.value = "united_auto_workers", "group"
    app._act(app._apply_actor)
    assert "edited new actor united_auto_workers" in app.message.value
    assert app.entry().key == ("new actor",
                               "united_auto_workers") and app.actor_pick.value == "united_auto_workers"
    app._act(app._apply_actor)
    assert "nothing to change" in app.message.value
    app.review.edit(("statement", "S1"), addressee=["putin"])  # a registered actor this file now names
    app.refresh()
    app.actor_pick.value = "putin"
    assert app.actor_fields.layout.display == "none" and "actors edit putin" in app.actor_note.value
    app._act(app._save)
    assert "saved" in app.message.value and validate_corpus(gm) == []


@pytest.mark.parametrize("registry", ["# Actor registry (as ingest --new writes it)\n[]\n", "# none\n", ""])
def test_the_first_actors_saved_into_an_empty_registry_start_its_list(tmp_path, registry):
    """A corpus begun by `ingest --new` holds "[]" in actors.yaml: the first proposals accepted replace it."""
    folder = tmp_path / "new"
    (folder / "articles").mkdir(parents=True)
    (folder / "drafts").mkdir()
    (folder / "articles" / f"{GM}.txt").write_text(GM_ARTICLE, encoding="utf-8")
    (folder / "drafts" / f"{GM}.yaml").write_text(GM_DRAFT, encoding="utf-8")
    (folder / "actors.yaml").write_text(registry, encoding="utf-8")
    (folder / "topics.yaml").write_text("[]\n", encoding="utf-8")
    review = Review(folder, GM)
    for entry in review.entries():
        if entry.pending:
            review.accept(entry.key)
    review.save()
    saved = yaml.safe_load((folder / "actors.yaml").read_text(encoding="utf-8"))
    assert [a["id"] for a in saved] == ["general_motors", "gm", "uaw"]
    assert validate_corpus(folder) == []


def test_a_corpus_without_topics_yaml_is_told_so_at_save(gm):
    (gm / "topics.yaml").unlink()
    review = Review(gm, GM)
    with pytest.raises(ReviewError, match="no topic list — create topics.yaml"):
        review.save()
