"""The cache is keyed on the code that compiled it: a manifest written by other compiling code is not
reused."""
from __future__ import annotations

import json
import shutil

from helpers.corpus import cache as corpus_cache
from helpers.corpus.cache import VERSION, cache_dir, code_digest, code_files, key
from helpers.corpus.load import read_corpus
from helpers.paths import PACKAGE

PLANTED = ["annotations/f1.yaml", 1, "a problem only the cache knows", "nothing"]


def _manifest(root):
    return json.loads((cache_dir(root) / "manifest.json").read_text(encoding="utf-8"))


def _plant(root, version: str) -> None:
    """A manifest of the same files as the last load, carrying ``version`` and a problem no rule gives."""
    manifest = _manifest(root)
    manifest["version"] = version
    manifest["files"]["annotations/f1.yaml"]["problems"] = [PLANTED]
    (cache_dir(root) / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _messages(root) -> list[str]:
    return [problem.what for problem in read_corpus(root, use_cache=True)[1]]


def test_the_key_covers_every_module_that_compiles_annotations():
    names = {path.relative_to(PACKAGE).as_posix() for path in code_files()}
    wanted = {f"corpus/{name}.py" for name in ("schema", "annotation", "yamlfile", "registry", "table_specs",
                                                "files", "load", "cache")}
    assert wanted | {p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "core").glob("*.py")} <= names
    assert not {"corpus/actor_edits.py", "cli.py"} & names  # not on the compiling path
    assert key() == f"{VERSION}-{code_digest(code_files())}" and key() is key()  # worked out once


def test_a_changed_byte_in_the_code_changes_the_key(tmp_path):
    package = tmp_path / "helpers"
    shutil.copytree(PACKAGE / "corpus", package / "corpus")
    shutil.copytree(PACKAGE / "core", package / "core")
    before = code_digest(code_files(package), package)
    schema = package / "corpus" / "schema.py"
    schema.write_bytes(schema.read_bytes().replace(b"\n", b"\n# another rule\n", 1))
    assert code_digest(code_files(package), package) != before


def test_a_module_the_compiling_code_comes_to_import_is_covered(tmp_path):
    package = tmp_path / "helpers"
    (package / "corpus").mkdir(parents=True)
    (package / "corpus" / "load.py").write_text("from helpers.corpus import rules as r\n", encoding="utf-8")
    rules = "from helpers.corpus.words import (\n    X,\n)\n"  # names spread over lines
    (package / "corpus" / "rules.py").write_text(rules, encoding="utf-8")
    (package / "corpus" / "words.py").write_text("X = 1\n", encoding="utf-8")
    (package / "corpus" / "unused.py").write_text("Y = 2\n", encoding="utf-8")
    assert [p.name for p in code_files(package)] == ["load.py", "rules.py", "words.py"]


def test_a_manifest_written_with_another_code_key_is_not_reused(corpus_copy):
    assert read_corpus(corpus_copy, use_cache=True)[1] == []
    assert _manifest(corpus_copy)["version"] == key()
    _plant(corpus_copy, key())  # the same key: the planted entry is reused, problem and all
    assert PLANTED[2] in _messages(corpus_copy)
    _plant(corpus_copy, f"{VERSION}-0123456789abcdef")  # as another copy of the compiling code wrote it
    assert corpus_cache.read_manifest(corpus_copy) is None
    assert _messages(corpus_copy) == []  # every file compiled again
    assert _manifest(corpus_copy)["version"] == key()  # and the cache rewritten under this code's key
