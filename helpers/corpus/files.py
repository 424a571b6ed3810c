"""Which files make a corpus folder, and which article each annotation or draft names (one answer each)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from helpers.core.limits import MAX_ANNOTATION_BYTES, unreadable

# Annotation and draft files end in .yaml or .yml, in any case (.YAML from some editors and systems). Names
# starting with '.' are an editor's or the system's own files (.#x.yaml, .x.yaml.swp, .DS_Store): never read.
SUFFIXES = (".yaml", ".yml")


def is_yaml_name(path: Path) -> bool:
    """Whether ``path`` is named like an annotation or draft file: .yaml or .yml in any case, not hidden."""
    return _yaml_name(path.name)


def _yaml_name(name: str) -> bool:
    # endswith, not splitext: asked of every file of a corpus at every load (the same answer for names
    # that do not start with '.')
    return name[:1] != "." and name.lower().endswith(SUFFIXES)


def corpus_of(path: Path) -> Path:
    """The corpus folder of an annotation or draft file: the parent of its annotations/ or drafts/ folder."""
    parent = path.parent
    return parent.parent if parent.name in ("annotations", "drafts") else parent


_ARTICLE_LINE = re.compile(r"^article:[ \t]*(.*)$", re.MULTILINE)
_PLAIN_NAME = re.compile(r"[^'\"#\s\[\]{}&*!|>%@`][^'\"#]*?")  # a plain name: nothing YAML reads differently


def named_article(root: Path, path: Path) -> Path | None:
    """The article an annotation or draft file names (its ``article:`` line), resolved; None if it names none.

    The one answer to "which article is this file about?" before the file is parsed: read with a pattern,
    not the YAML parser, because it is asked of every file of a corpus."""
    if unreadable(path, MAX_ANNOTATION_BYTES):  # the loader reports it; a pipe must not block this look
        return None
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = _ARTICLE_LINE.search(text)
    name = _article_value(match.group(1).strip()) if match else None
    return (Path(root) / name).resolve() if name else None


def _article_value(value: str) -> str | None:
    """The ``article:`` line's value as YAML reads it (quoted names may hold ' and #), the parser only when
    the pattern cannot be sure."""
    if _PLAIN_NAME.fullmatch(value):
        return value
    try:
        data = yaml.load(f"article: {value}", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    found = data.get("article") if isinstance(data, dict) else None
    return found.strip() if isinstance(found, str) and found.strip() else None


def annotated_articles(root: Path, files: list[Path] | None = None) -> dict[Path, Path]:
    """Each article that an annotation names → the first annotation file naming it."""
    out: dict[Path, Path] = {}
    for path in annotation_files(root) if files is None else files:
        if (article := named_article(root, path)) is not None:
            out.setdefault(article, path)
    return out


def waiting_drafts(root: Path, annotated: dict[Path, Path] | None = None) -> list[Path]:
    """Draft files of articles no annotation names, in order (``annotated``: ``annotated_articles(root)``)."""
    folder = Path(root) / "drafts"
    drafts = sorted(p for p in folder.glob("*") if is_yaml_name(p) and p.is_file()) if folder.is_dir() else []
    if not drafts:
        return []
    annotated = annotated_articles(root) if annotated is None else annotated
    return [p for p in drafts if named_article(root, p) not in annotated]


def annotation_files(root: Path) -> list[Path]:
    """The annotation files of a corpus folder: every name in annotations/ ending in .yaml or .yml, in any
    case (.YAML too), whatever it is, so that a folder, a pipe or a dangling link named so is reported, not
    skipped. Names starting with '.' (an editor's backup and lock files, the system's) are skipped without a
    word; other names (notes.txt, x.yaml.bak) are not annotations and are left alone."""
    folder = Path(root) / "annotations"
    return [folder / name for name in annotation_names(root)]


def annotation_names(root: Path) -> list[str]:
    """The names of ``annotation_files(root)``, in the same order, without making a path of each (a load
    that finds nothing changed needs none)."""
    try:
        return sorted(name for name in os.listdir(Path(root) / "annotations") if _yaml_name(name))
    except OSError:
        return []


def unannotated_articles(root: Path) -> list[Path]:
    """Article texts that no annotation names yet (candidates for drafting)."""
    root = Path(root)
    named = annotated_articles(root)
    return sorted(p for p in (root / "articles").glob("*.txt") if p.resolve() not in named)


def line_of(path: Path, key: str) -> int:
    """The number of the first line of ``path`` that starts with ``key`` (1 when none does)."""
    if unreadable(path, MAX_ANNOTATION_BYTES):
        return 1
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if line.startswith(key):
            return number
    return 1
