"""The catalogue of bad inputs (fixtures/bad_inputs.yaml): each produces its message, or is accepted."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import load_corpus, validate_corpus
from tests.conftest import FIXTURES, SEED, SEED_CORPUS

CATALOGUE = yaml.safe_load((FIXTURES / "bad_inputs.yaml").read_text(encoding="utf-8"))
ANNOTATION = f"annotations/{SEED}.yaml"


def _article_bytes(kind: str, raw: bytes) -> bytes:
    if kind == "cp1252":
        return "Café crème, déjà vu: les pourparlers de paix reprennent à Genève.".encode("cp1252")
    if kind == "empty":
        return b"   \n\n"
    if kind == "bom-crlf":
        return b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    if kind == "large":
        return raw + b"\n" + b"Filler paragraph of a page captured whole. " * 130_000  # about 5.6 MB
    raise ValueError(f"catalogue: unknown article rewrite {kind!r}")


def build(case: dict, folder: Path) -> Path:
    shutil.copytree(SEED_CORPUS, folder)
    edits = case.get("edit") or []
    for edit in edits if isinstance(edits, list) else [edits]:
        target = folder / edit.get("file", ANNOTATION)
        text = target.read_text(encoding="utf-8")
        assert edit["old"] in text, f"catalogue: {edit['old']!r} is not in {target.name}"
        target.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    if "write" in case:
        (folder / case["write"]["file"]).write_text(case["write"]["text"], encoding="utf-8")
    if "copy" in case:
        shutil.copy(folder / case["copy"]["from"], folder / case["copy"]["to"])
    if "article" in case:
        article = folder / "articles" / f"{SEED}.txt"
        article.write_bytes(_article_bytes(case["article"], article.read_bytes()))
    _special_files(case, folder)
    return folder


def _special_files(case: dict, folder: Path) -> None:
    """Things named like the analyst's files that are not regular files: a folder, a named pipe, a link."""
    if "mkdir" in case:
        target = folder / case["mkdir"]
        if target.is_file():
            target.unlink()
        target.mkdir()
    if "fifo" in case:
        os.mkfifo(folder / case["fifo"])
    if "symlink" in case:
        (folder / case["symlink"]["file"]).symlink_to(case["symlink"]["to"])


def test_the_catalogue_is_large_enough():
    assert len([c for c in CATALOGUE if "expect" in c]) >= 30
    assert len({c["case"] for c in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("case", CATALOGUE, ids=[c["case"] for c in CATALOGUE])
def test_case(case, tmp_path):
    folder = build(case, tmp_path / "data")
    problems = validate_corpus(folder)
    if case.get("accepted"):
        assert problems == [], "\n".join(map(str, problems))
        corpus = load_corpus(folder, cache=False)
        text = corpus.article_text(SEED)
        for table in (corpus.mentions, corpus.statements, corpus.deadlines):
            for row in table.itertuples():
                assert text[row.start:row.end] == (row.text if hasattr(row, "text") else row.expression)
        return
    want = case["expect"]
    listing = "\n".join(map(str, problems))

    def matches(p) -> bool:
        return (p.path.endswith(want["file"]) and ("line" not in want or p.line == want["line"])
                and all(w in p.what for w in want["what"]) and all(w in p.fix for w in want["fix"]))

    assert any(matches(p) for p in problems), f"{case['case']}: no problem matches {want} in:\n{listing}"
    assert all(p.what and p.fix
               for p in problems), f"every message says what is wrong and how to fix it:\n{listing}"
    if "problems" in case:
        assert len(problems) == case["problems"], listing
