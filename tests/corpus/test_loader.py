"""The loader's tables, their invariants, and the seed annotation's completeness."""
from __future__ import annotations

import hashlib
import re

import pandas as pd
import pytest

from helpers import load_corpus
from helpers.corpus.table_specs import CORPUS, DOCUMENTED, SPECS, TABLES
from tests.conftest import FICTIONAL, ROOT, SEED, SEED_CORPUS


@pytest.mark.parametrize("table", CORPUS)
def test_tables_have_the_declared_columns(seed, fictional, table):
    spec = TABLES[table]
    for corpus in (seed, fictional):
        columns = list(getattr(corpus, table).columns)
        assert columns[:len(spec.columns)] == list(spec.columns)
        assert set(columns[len(spec.columns):]) <= set(spec.optional)
    for col in spec.integers:
        assert str(getattr(seed, table)[col].dtype) == "Int64"
    for col in spec.dates:
        assert pd.api.types.is_datetime64_any_dtype(getattr(seed, table)[col])


def test_the_readme_documents_the_declared_columns():
    rows = dict(re.findall(r"^\| `(\w+)` \| `([^`]+)`", (ROOT / "README.md").read_text(encoding="utf-8"),
                           re.M))
    assert list(rows) == DOCUMENTED
    for name in DOCUMENTED:
        assert rows[name] == ", ".join(TABLES[name].columns), name


def test_dtypes(seed):
    assert isinstance(seed.statements["speaker"].dtype, pd.CategoricalDtype)
    assert isinstance(seed.statements["mode"].dtype, pd.CategoricalDtype)
    assert isinstance(seed.mentions["part"].dtype, pd.CategoricalDtype)
    for col in ("issued_earliest", "issued_latest", "due_earliest", "due_latest"):
        assert pd.api.types.is_datetime64_any_dtype(seed.deadlines[col])
    assert pd.api.types.is_datetime64_any_dtype(seed.articles["published"])


@pytest.mark.parametrize("which", ["seed", "fictional"])
def test_every_span_is_the_text_at_its_offsets(which, request):
    corpus = request.getfixturevalue(which)
    texts = corpus.articles.set_index("article_id")["text"]
    spans = [(spec.name, span) for spec in SPECS if spec.name in CORPUS for span in spec.spans]
    assert len(spans) == 4
    for table, (start, end, col) in spans:
        frame = getattr(corpus, table)
        for row in frame.dropna(subset=[start]).itertuples():
            assert texts[row.article_id][getattr(row, start):getattr(row, end)] == getattr(row, col)


def test_article_text_is_the_file_byte_for_byte(seed):
    raw = (SEED_CORPUS / "articles" / f"{SEED}.txt").read_bytes()
    assert seed.article_text(SEED).encode("utf-8") == raw


def test_layout_separates_furniture_from_title_section_dateline(seed):
    art = seed.articles.iloc[0]
    assert art["title"] == "Putin Open to Peace Talks Amid Russia’s Military Advances in Ukraine"
    assert (art["section"], art["dateline"], art["caption"]) == ("World", "MOSCOW",
                                                                 "Putin Ukraine Peace Talks")
    assert art["published"] == pd.Timestamp("2025-08-01")
    parts = seed.mentions.groupby("part", observed=True).size().to_dict()
    assert parts == {"title": 3, "caption": 2, "body": 38}


def test_loading_changes_no_file():
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEED_CORPUS.rglob("*") if p.is_file()}
    load_corpus(SEED_CORPUS)
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEED_CORPUS.rglob("*") if p.is_file()}
    assert before == after


# The seed annotation, checked against a reading of the article: each statement's speaker,
# mode and cue, and each deadline's windows. Removing or changing any entry fails here.
SEED_STATEMENTS = [
    ("S1", "putin", "reported", "expressed"), ("S2", "putin", "reported", "emphasized"),
    ("S3", "trump", "reported", "issued a deadline"), ("S4", "putin", "reported", "confirmed"),
    ("S5", "putin", "reported", "highlighted"), ("S6", "putin", "reported", "mentioning"),
    ("S7", "putin", "reported", "stated"), ("S8", "putin", "direct", "said"),
    ("S9", "putin", "reported", "suggesting"), ("S10", "putin", "reported", "pointed out"),
    ("S11", "trump", "reported", "called for"), ("S12", "trump", "direct", "stating"),
    ("S13", "trump", "reported", "described"), ("S14", "usa", "reported", "urged"),
    ("S15", "usa", "reported", "conveyed"), ("S16", None, "reported", "reports of"),
    ("S17", "ukraine", "reported", "contests"), ("S18", None, "reported", "claims that"),
    ("S19", "zelensky", "reported", "urged for"), ("S20", "zelensky", "reported", "calling for"),
    ("S21", "zelensky", "direct", "stated"), ("S22", "zelensky", "reported", "stressing"),
    ("S23", "putin", "reported", "declared"), ("S24", "putin", "reported", "reiterated"),
    ("S25", "putin", "reported", "emphasizing"),
]


def test_seed_statements(seed):
    got = [(r.statement_id, None if pd.isna(r.speaker) else r.speaker, r.mode, r.cue)
           for r in seed.statements.itertuples()]
    assert got == SEED_STATEMENTS


def test_seed_direct_quotes_are_verbatim(seed):
    direct = seed.statements[seed.statements["mode"] == "direct"]
    assert list(direct["text"]) == [
        "We agreed that we could conduct negotiations without cameras and in a calm atmosphere",
        "There’s no reason to wait. It’s 50 days",
        "The whole world understands this too",
    ]


def test_seed_deadlines(seed):
    d = seed.deadlines.set_index("deadline_id")
    assert list(d.index) == ["D1", "D2", "D3", "D4"]
    assert list(d["set_by"].astype(str)) == ["trump", "trump", "usa", "trump"]
    assert list(d["expression"]) == ["a deadline", "within “10 or 12 days,”", "by the deadline of Aug. 8",
                                     "50 days"]
    day = pd.Timestamp
    assert (d.at["D2", "issued_earliest"], d.at["D2", "issued_latest"]) == (day("2025-07-25"),
                                                                            day("2025-07-30"))
    assert (d.at["D2", "due_earliest"], d.at["D2", "due_latest"]) == (day("2025-08-04"), day("2025-08-11"))
    assert d.at["D3", "due_earliest"] == d.at["D3", "due_latest"] == day("2025-08-08")
    assert d[["due_earliest", "due_latest"]].loc[["D1", "D4"]].isna().all().all()
    assert d.at["D2", "known_issued"] == day("2025-07-28")
    assert d.at["D2", "same_as"] == "D1" and d["same_as"].isna().sum() == 3


def test_seed_mentions_per_actor(seed):
    counts = seed.mentions["actor_id"].value_counts().to_dict()
    assert counts == {"putin": 12, "russia": 12, "ukraine": 8, "trump": 4, "usa": 3, "zelensky": 2,
                      "lukashenko": 1, "unsc": 1}


def test_fictional_corpus_loads(fictional):
    assert list(fictional.articles["article_id"]) == ["f1", "f2", "f3"]
    assert len(fictional.statements) == 9 and len(fictional.deadlines) == 3
    assert FICTIONAL.name == "fictional"


def _compiled_rows(path):
    from helpers.corpus.load import validate_file
    from helpers.corpus.table_specs import COMPILED

    result, problems = validate_file(path)
    assert result is not None and not problems, problems
    for name in COMPILED:
        got = getattr(result, TABLES[name].compiled)
        yield name, [got] if isinstance(got, dict) else got


def test_compiled_rows_hold_only_declared_columns(tmp_path):
    """A row key the table spec does not declare would be dropped without a word: each compiled row's keys are
    its table's columns (``reviewed`` is the loader's, from where the file lies)."""
    import shutil

    from helpers.drafting.draft import draft_file

    corpus = tmp_path / "corpus"  # a draft of the seed with an empty registry: proposed actors, review fields
    shutil.copytree(SEED_CORPUS, corpus)
    shutil.rmtree(corpus / "annotations")
    (corpus / "actors.yaml").write_text("[]\n", encoding="utf-8")
    files = [*sorted((SEED_CORPUS / "annotations").glob("*.yaml")),
             *sorted((FICTIONAL / "annotations").glob("*.yaml")),
             draft_file(corpus / "articles" / f"{SEED}.txt", "2025-08-02")]
    seen = {}
    for path in files:
        for name, rows in _compiled_rows(path):
            for row in rows:
                assert set(row) <= set(TABLES[name].columns), (path.name, name,
                                                               set(row) - set(TABLES[name].columns))
                seen.setdefault(name, set()).update(row)
    for name, keys in seen.items():
        assert set(TABLES[name].columns) - keys <= {"reviewed", "proposed_in"}, name
    assert {"new_actors", "unreviewed", "deadlines", "statements"} <= set(seen)


def test_an_article_named_with_quotes_and_hashes_is_the_one_the_annotation_names(tmp_path):
    """The quick look at a file's ``article:`` line reads the name as YAML does, quotes and '#' included."""
    import shutil

    from helpers.corpus.files import annotated_articles, unannotated_articles

    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    (corpus / "articles" / f"{SEED}.txt").rename(corpus / "articles" / "it's #1.txt")
    annotation = corpus / "annotations" / f"{SEED}.yaml"
    text = annotation.read_text(encoding="utf-8").replace(f"article: articles/{SEED}.txt",
                                                          "article: \"articles/it's #1.txt\"  # renamed")
    annotation.write_text(text, encoding="utf-8")
    assert unannotated_articles(corpus) == []
    assert list(annotated_articles(corpus)) == [(corpus / "articles" / "it's #1.txt").resolve()]
    assert len(load_corpus(corpus, cache=False).articles) == 1


def test_a_long_title_is_cut_at_a_word_boundary_in_article_labels():
    from helpers.corpus.load import _cut
    assert _cut("Putin Expresses Openness to Peace Talks Amid Russian Military Advances in Ukraine", 59) == \
        "Putin Expresses Openness to Peace Talks Amid Russian…"
    assert _cut("x" * 80, 59) == "x" * 59 + "…"  # one word longer than the limit: cut inside it
