"""Which files make a corpus folder, and which article each annotation or draft names (one answer each)."""
from __future__ import annotations

import re
from pathlib import Path


def corpus_of(path: Path) -> Path:
    """The corpus folder of an annotation or draft file: the parent of its annotations/ or drafts/ folder."""
    parent = path.parent
    return parent.parent if parent.name in ("annotations", "drafts") else parent


_ARTICLE_LINE = re.compile(r"^article:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.MULTILINE)


def named_article(root: Path, path: Path) -> Path | None:
    """The article an annotation or draft file names (its ``article:`` line), resolved; None if it names none.

    The one answer to "which article is this file about?" before the file is parsed: read with a pattern,
    not the YAML parser, because it is asked of every file of a corpus."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = _ARTICLE_LINE.search(text)
    return (Path(root) / match.group(1).strip()).resolve() if match else None


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
    drafts = sorted(p for p in folder.glob("*") if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
                    and p.is_file()) if folder.is_dir() else []
    if not drafts:
        return []
    annotated = annotated_articles(root) if annotated is None else annotated
    return [p for p in drafts if named_article(root, p) not in annotated]


def annotation_files(root: Path) -> list[Path]:
    """The annotation files of a corpus folder (.yaml or .yml)."""
    folder = Path(root) / "annotations"
    return sorted(p for p in folder.glob("*") if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def unannotated_articles(root: Path) -> list[Path]:
    """Article texts that no annotation names yet (candidates for drafting)."""
    root = Path(root)
    named = annotated_articles(root)
    return sorted(p for p in (root / "articles").glob("*.txt") if p.resolve() not in named)


def line_of(path: Path, key: str) -> int:
    """The number of the first line of ``path`` that starts with ``key`` (1 when none does)."""
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if line.startswith(key):
            return number
    return 1
