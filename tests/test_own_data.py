"""The tests own their data: none reads the analyst's data/, and the corpora they build are what they claim.

An analyst adds articles to data/ and re-executes the notebooks; every test must still pass. So tests read
tests/fixtures/ (the seed copy, the fictional corpus) or corpora they build; only nbval reads data/.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from helpers import validate_corpus
from tests.conftest import OTHER_STORY, SEED, SEED_CORPUS, build_mixed_corpus

TESTS = Path(__file__).resolve().parent

# data/ reached from the project root, as a relative path, or through a default that means data/
DATA_REFERENCE = re.compile(
    # ROOT / "data", parents[1] / "data"
    r"""(\bROOT\b|\bparents?\b(\[\d+\])?)\s*/\s*["'](\.\./)?data\b"""
    # "data/articles/…", "../data/…"
    r"""|["'](\.\./)?data/(articles|annotations|actors\.ya?ml|topics\.ya?ml)"""
    r"""|\b(Path|load_corpus|validate_corpus|copytree)\(\s*["'](\.\./)?data/?["']"""  # Path("data"), …
    r"""|\b(load_corpus|validate_corpus|evaluate_seed)\(\s*\)""")            # their default folder is data/
# no corpus= renders the notebooks' default, ../data
CALL = re.compile(r"\bbuild_report\((?:[^()]|\([^()]*\))*\)")


def _offences(text: str) -> list[str]:
    found = [m.group(0) for m in DATA_REFERENCE.finditer(text)]
    return found + [c for c in CALL.findall(text) if "corpus=" not in c]


def test_the_rule_catches_what_it_should():
    for bad in ['ROOT / "data"', "Path(__file__).parents[1] / 'data' / 'actors.yaml'",
                '"data/articles/x.txt"',
                'Path("data")', "load_corpus()", 'shutil.copytree("../data", x)',
                "build_report(NOTEBOOKS, out)", "build_report(NOTEBOOKS, tmp / 'x')"]:
        assert _offences(bad), bad
    for fine in ['tmp_path / "data"', 'work / "data"', "SEED_CORPUS", 'o["data"]', "load_corpus(SEED_CORPUS)",
                 "build_report(NOTEBOOKS, out, corpus=str(FICTIONAL))", '"see data/README.md"']:
        assert not _offences(fine), fine


def test_no_test_reads_the_analysts_data_folder():
    sources = [p for p in sorted(TESTS.rglob("*.py")) if p.name != Path(__file__).name]
    assert len(sources) >= 10 and (TESTS / "conftest.py") in sources
    offences = [f"{p.relative_to(TESTS)}: {hit}" for p in sources
                for hit in _offences(p.read_text(encoding="utf-8"))]
    assert offences == [], "tests must use tests/fixtures/ (SEED_CORPUS, FICTIONAL) or corpora they build, " \
                           "never data/:\n" + "\n".join(offences)


def test_the_seed_copy_is_the_seed_article_and_its_annotation(seed):
    files = sorted(str(p.relative_to(SEED_CORPUS)) for p in SEED_CORPUS.rglob("*") if p.is_file())
    assert files == ["README.md", "actors.yaml", f"annotations/{SEED}.yaml", f"articles/{SEED}.txt",
                     "topics.yaml"]
    assert (len(seed.articles), len(seed.mentions), len(seed.statements)) == (1, 43, 25)
    assert seed.articles["story"].isna().all()


def test_mixed_corpus_holds_two_stories_years_apart(mixed, mixed_folder):
    assert validate_corpus(mixed_folder) == []
    arts = mixed.articles
    assert len(arts) == 3 and SEED in set(arts["article_id"])
    groups = arts["story"].fillna("(none)").value_counts().to_dict()
    assert groups == {OTHER_STORY: 2, "(none)": 1}
    assert mixed.stories() == [OTHER_STORY]
    assert arts.loc[arts["article_id"] == SEED, "story"].isna().all()
    other = arts.loc[arts["story"] == OTHER_STORY, "published"]
    assert other.max() < pd.Timestamp("2021-01-01") <= arts["published"].max()
    assert arts["published"].max() - arts["published"].min() > pd.Timedelta(days=366)
    # every actor the generated story names came with it; the seed's registry is kept whole
    assert {"putin", "s0"} <= set(mixed.actors["actor_id"])
    assert set(mixed.mentions["actor_id"]) <= set(mixed.actors["actor_id"])


def test_building_the_mixed_corpus_leaves_the_seed_copy_alone(tmp_path):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEED_CORPUS.rglob("*") if p.is_file()}
    folder = build_mixed_corpus(tmp_path / "corpus", articles=2)
    assert len(list((folder / "annotations").iterdir())) == 3
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEED_CORPUS.rglob("*")
                      if p.is_file()}
    seed_actors = (SEED_CORPUS / "actors.yaml").read_text(encoding="utf-8")
    # appended, comments kept
    assert (folder / "actors.yaml").read_text(encoding="utf-8").startswith(seed_actors)


def test_generated_corpus_defaults_are_unchanged(tmp_path):
    """The benchmarks cache generated corpora under make_corpus.VERSION: a change in the default output
    must come with a new VERSION (and a new digest here)."""
    from benchmarks.make_corpus import VERSION, make_corpus
    root = make_corpus(3, tmp_path / "gen", seed=0)
    digest = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            digest.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes())
    assert (VERSION, digest.hexdigest()) == ("2", DEFAULT_DIGEST)


# version 2, 3 articles, seed 0
DEFAULT_DIGEST = "cb1e12f09a0c76fce79d6e9160aec3cc513e39b9979d5ce495c3b33a7fc010b0"
