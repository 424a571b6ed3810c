"""Accented names compared composed (NFC): a registry or an article written with separate accent characters
(NFD) matches text and names written the other way, and every offset stays that of the text as it is."""
from __future__ import annotations

import shutil
import unicodedata

import pytest

from helpers import load_corpus, validate_corpus
from helpers.core.anchoring import find_all
from helpers.corpus.registry import read_entries
from helpers.corpus.schema import Actor
from helpers.drafting.draft import draft_json, draft_text, registry_actors
from tests.conftest import SEED, SEED_CORPUS

NAME = "José Mújica"
SENTENCE = "Uruguayan President José Mújica said on Monday that the talks would resume.\n"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _registry_with(folder, name: str, alias: str):
    shutil.copytree(SEED_CORPUS, folder)
    with open(folder / "actors.yaml", "a", encoding="utf-8") as registry:
        registry.write(f'\n- id: mujica\n  name: "{name}"\n  kind: person\n  country: UY\n  role: null\n'
                       f'  aliases: ["{alias}"]\n')
    return folder


def test_a_registry_written_decomposed_is_read_composed(tmp_path):
    root = _registry_with(tmp_path / "data", nfd(NAME), nfd("Mújica"))
    assert validate_corpus(root) == []
    entries, problems = read_entries(root / "actors.yaml", Actor)
    mujica = next(a for a in entries if a.id == "mujica")
    assert problems == [] and mujica.name == nfc(NAME) and mujica.aliases == [nfc("Mújica")]
    actors = load_corpus(root, cache=False).actors.set_index("actor_id")
    assert actors.loc["mujica", "name"] == nfc(NAME) and actors.loc["mujica", "aliases"] == nfc("Mújica")
    assert next(a for a in registry_actors(root) if a["id"] == "mujica")["name"] == nfc(NAME)


@pytest.mark.parametrize("registry, text", [(nfd, nfc), (nfc, nfd)], ids=["nfd registry", "nfd text"])
def test_the_drafter_finds_the_actor_and_the_speaker_either_way(tmp_path, registry, text):
    root = _registry_with(tmp_path / "data", registry(NAME), registry("Mújica"))
    article = text(SENTENCE)
    out = draft_json(draft_text(article, registry_actors(root), reference_date="2025-08-01"))
    mention = next(m for m in out["mentions"] if m["actor_id"] == "mujica")
    assert article[mention["start"]:mention["end"]] == mention["text"]
    assert nfc(mention["text"]) == "Uruguayan President José Mújica"
    assert [s["speaker"] for s in out["statements"]] == ["mujica"]


def test_offsets_are_those_of_the_text_as_it_is():
    text = "In Gene\u0300ve, Jose\u0301 Mu\u0301jica met \u1100\u1161\u11a8 and Zoë; then Genève again."
    assert [text[s:e] for s, e in find_all(text, "Genève")] == ["Gene\u0300ve", "Genève"]
    assert [text[s:e] for s, e in find_all(text, nfd(NAME))] == [nfd(NAME)]
    assert [text[s:e] for s, e in find_all(text, "\uac01")] == ["\u1100\u1161\u11a8"]  # Hangul letters joined
    assert [text[s:e] for s, e in find_all(text, "again")] == ["again"]
    assert find_all(text, "Gene") == []  # a letter of an accented one is not a word of its own
    composed = nfc(text)
    assert [composed[s:e] for s, e in find_all(composed, nfd("Genève"))] == ["Genève", "Genève"]


def test_an_annotation_on_a_decomposed_article_loads_at_the_texts_offsets(tmp_path):
    root = shutil.copytree(SEED_CORPUS, tmp_path / "data")
    article = root / "articles" / f"{SEED}.txt"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "Alexander Lukashenko", nfd("Aliaksandr Lukašenka")), encoding="utf-8")
    annotation = root / "annotations" / f"{SEED}.yaml"
    annotation.write_text(annotation.read_text(encoding="utf-8").replace(
        "President Alexander Lukashenko", "President Aliaksandr Lukašenka"), encoding="utf-8")
    assert validate_corpus(root) == []
    corpus = load_corpus(root, cache=False)
    text = corpus.article_text(SEED)
    row = corpus.mentions[corpus.mentions.actor_id == "lukashenko"].iloc[0]
    assert text[row.start:row.end] == row.text == nfd("Belarusian President Aliaksandr Lukašenka")
