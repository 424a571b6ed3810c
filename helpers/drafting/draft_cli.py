"""``python -m helpers draft``: one file, or every unannotated article of a folder, with progress."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

from tqdm import tqdm

from helpers.core.problems import printable
from helpers.corpus.dask_compile import dask_client
from helpers.corpus.files import unannotated_articles
from helpers.drafting.draft import (
    DraftError,
    clean_story_label,
    corpus_root,
    draft_file,
    draft_text,
    not_a_folder,
    read_article,
    registry_actors,
    registry_topics,
)


def _reference(value: str | None):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DraftError(f"--reference-date {value!r} is not a date of the form YYYY-MM-DD") from None


def run_draft(path: str, reference: str | None, as_json: bool, out: str | None, jobs: int | None = None,
              story: str | None = None) -> int:
    """``story``: the story label every draft gets (``metadata: story:``), which also picks the topics proposed."""
    target = Path(path)
    try:
        ref, label = _reference(reference), clean_story_label(story)
        if target.is_dir():
            if as_json:
                return _json_folder(target, ref, out, label)
            return _draft_folder(target, ref, out, jobs or os.cpu_count() or 1, label)
        if as_json:
            from helpers.drafting.story import drafted_actors
            root = corpus_root(target)
            draft = draft_text(read_article(target), registry_actors(root), ref, topics=registry_topics(root),
                               story=drafted_actors(Path(out) if out else root / "drafts", root / "annotations"),
                               story_label=label)
            json.dump(_json(draft), sys.stdout, ensure_ascii=False, indent=1)
            print()
            return 0
        written = draft_file(target, ref, out, story_label=label)
        print(f"wrote {written} — review it, then move it to annotations/")
        return 0
    except DraftError as err:
        print(printable(f"draft: {err}"), file=sys.stderr)
        return 1
    except OSError as err:  # a file that changed or vanished while drafting
        print(f"draft: {err.filename or target}: cannot be read or written ({err.strerror})", file=sys.stderr)
        return 1


_STORY: list = []  # [the story's actors (a StoryIndex)], for every article a worker drafts (set once per worker)


def _set_story(story) -> None:
    _STORY[:] = [story]


def draft_one(job):
    """Draft one article: ``(article, reference date, drafts folder[, story label])`` → ``(article, error or
    None)``; for worker processes, so a failure is returned rather than raised. The story's actors are
    ``_STORY``'s, or those of the drafts already written when it is empty."""
    article, ref, out, label = job if len(job) == 4 else (*job, None)
    try:
        draft_file(article, ref, out, _STORY[0] if _STORY else None, label)
        return article, None
    except DraftError as err:
        return article, str(err)
    except OSError as err:
        return article, f"cannot be read or written ({err.strerror})"
    except Exception as err:  # noqa: BLE001 — a drafter's fault on one article must not end a folder's run
        return article, f"the drafter failed on it ({type(err).__name__}: {err}); nothing was written for it"


def _progress(results, bar):
    for item in results:
        bar.update(1)
        yield item


def _json(draft):
    from helpers.drafting.draft import draft_json
    return draft_json(draft)


def _draft_folder(folder: Path, ref, out, jobs: int = 1, label: str | None = None) -> int:
    root = folder.parent if folder.name == "articles" else folder
    if not (root / "articles").is_dir():
        raise DraftError(f"{folder}: no articles/ folder in it; give a corpus folder (the one holding articles/) "
                         "or one article .txt file")
    todo = unannotated_articles(root)
    drafts = Path(out) if out else root / "drafts"
    if not_a_folder(drafts):
        raise DraftError(not_a_folder(drafts))
    todo = [p for p in todo if not (drafts / (p.stem + ".yaml")).exists()]
    if not todo:
        print(f"{root}: every article has an annotation or a draft already; nothing to do")
        return 0
    failed = []
    story = _story(root, todo, drafts)
    bar = tqdm(total=len(todo), desc=f"drafting on {jobs} core{'s' if jobs > 1 else ''}", unit="article",
               file=sys.stderr, disable=None)
    if jobs > 1 and len(todo) > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(jobs, initializer=_set_story, initargs=(story,)) as pool:
            results = pool.map(draft_one, [(a, ref, out, label) for a in todo], chunksize=8)
            outcomes = list(_progress(results, bar))
    else:
        _set_story(story)
        try:
            outcomes = list(_progress((draft_one((a, ref, out, label)) for a in todo), bar))
        finally:
            _STORY.clear()  # the next folder drafted in this process has a story of its own
    bar.close()
    for article, error in outcomes:
        if error:
            failed.append((article, error))
            print(printable(f"skipped {article.name}: {error}"), file=sys.stderr)
    done = len(todo) - len(failed)
    print(f"drafted {done} of {len(todo)} articles into {drafts}"
          + (f"; {len(failed)} skipped (see above)" if failed else ""))
    return 1 if failed else 0


def _json_folder(folder: Path, ref, out, label: str | None = None) -> int:
    """Every unannotated article of a folder drafted as JSON (a list, each with its article's path), the story's
    actors shared as when drafting to files; nothing is written."""
    root = folder.parent if folder.name == "articles" else folder
    if not (root / "articles").is_dir():
        raise DraftError(f"{folder}: no articles/ folder in it; give a corpus folder (the one holding articles/) "
                         "or one article .txt file")
    todo = unannotated_articles(root)
    story = _story(root, todo, Path(out) if out else root / "drafts")
    actors, topics, listed, failed = registry_actors(root), registry_topics(root), [], 0
    for article in tqdm(todo, desc="drafting", unit="article", file=sys.stderr, disable=None):
        try:
            draft = draft_text(read_article(article), actors, ref, topics=topics, story=story, story_label=label)
        except DraftError as err:
            failed += 1
            print(printable(f"skipped {article.name}: {err}"), file=sys.stderr)
            continue
        listed.append({"article": os.path.relpath(article, root), **_json(draft)})
    json.dump(listed, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 1 if failed else 0


def _story(root: Path, todo: list[Path], drafts: Path) -> list:
    """The actors the articles to draft (and the drafts already written) name, one id per entity across them."""
    from helpers.drafting.story import drafted_actors, story_actors

    def texts():
        for article in tqdm(todo, desc="reading the story's names", unit="article", file=sys.stderr, disable=None):
            try:
                yield read_article(article)
            except (DraftError, OSError):
                continue  # drafting it says why

    return story_actors(texts(), registry_actors(root), drafted_actors(drafts, root / "annotations"))


def draft_dask(folder, reference=None, scheduler: str | None = None, partitions: int | None = None) -> list[tuple]:
    """Draft every unannotated article of ``folder`` on a Dask cluster; (article, error or None) for each."""
    import dask.bag as db

    todo = [str(p) for p in unannotated_articles(Path(folder))]
    if not todo:
        return []
    with dask_client(scheduler) as client:
        bag = db.from_sequence(todo, npartitions=partitions or max(1, min(len(todo), len(todo) // 100 + 1)))
        results = bag.map(lambda a: draft_one((Path(a), reference, None))).compute(scheduler=client.get)
    return [(Path(a).name, err) for a, err in results]
