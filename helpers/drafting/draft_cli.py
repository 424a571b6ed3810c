"""``python -m helpers draft``: one file, or every unannotated article of a folder, with progress."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sys
from pathlib import Path

from tqdm import tqdm

from helpers.core.output import say, tolerant_output
from helpers.core.problems import printable
from helpers.corpus.dask_compile import dask_client
from helpers.corpus.files import unannotated_articles
from helpers.corpus.load import die_with_parent
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
    """``story``: the story label every draft gets (``metadata: story:``), which also picks the topics
    proposed."""
    return tolerant_output(lambda: _run(path, reference, as_json, out, jobs, story))


def _run(path: str, reference: str | None, as_json: bool, out: str | None, jobs: int | None,
         story: str | None) -> int:
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
                               story=drafted_actors(Path(out) if out else root / "drafts",
                                                    root / "annotations"),
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
    except BrokenPipeError:
        raise  # the output's reader has gone: tolerant_output ends the run quietly
    except OSError as err:  # a file that changed or vanished while drafting
        print(f"draft: {err.filename or target}: cannot be read or written ({err.strerror})", file=sys.stderr)
        return 1


# [the story's actors (a StoryIndex)], for every article a worker drafts (set once per worker)
_STORY: list = []


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


def _json(draft):
    from helpers.drafting.draft import draft_json
    return draft_json(draft)


def _draft_folder(folder: Path, ref, out, jobs: int = 1, label: str | None = None) -> int:
    root = folder.parent if folder.name == "articles" else folder
    if not (root / "articles").is_dir():
        raise DraftError(f"{folder}: no articles/ folder in it; give a corpus folder "
                         "(the one holding articles/) or one article .txt file")
    todo = unannotated_articles(root)
    drafts = Path(out) if out else root / "drafts"
    if not_a_folder(drafts):
        raise DraftError(not_a_folder(drafts))
    todo = [p for p in todo if not (drafts / (p.stem + ".yaml")).exists()]
    if not todo:
        say(f"{root}: every article has an annotation or a draft already; nothing to do")
        return 0
    story = _story(root, todo, drafts)
    jobs = jobs if len(todo) > 1 else 1
    seen: dict[Path, str | None] = {}
    bar = tqdm(total=len(todo), desc=f"drafting on {jobs} core{'s' if jobs > 1 else ''}", unit="article",
               file=sys.stderr, disable=None)
    try:
        with bar:
            _run_jobs([(a, ref, out, label) for a in todo], jobs, story,
                      lambda o: _show(o, drafts, bar, seen))
    except KeyboardInterrupt:
        failed = sum(error is not None for error in seen.values())
        say(f"\ndraft: interrupted; {len(seen) - failed} of {len(todo)} articles drafted "
            f"into {drafts} (each listed above){f', {failed} skipped' if failed else ''}; "
            "every draft written is whole: run it again to draft the rest", error=True)
        return 130
    failed = [article for article, error in seen.items() if error is not None]
    say(f"drafted {len(todo) - len(failed)} of {len(todo)} articles into {drafts}"
        + (f"; {len(failed)} skipped (see above)" if failed else ""))
    return 1 if failed else 0


def _show(outcome: tuple, drafts: Path, bar, seen: dict) -> None:
    """Say what became of one article as soon as it is known (the progress bar kept below)."""
    article, error = outcome
    seen[article] = error
    with tqdm.external_write_mode(file=sys.stdout):
        if error:
            say(f"skipped {article.name}: {error}", error=True)
        else:
            say(f"wrote {drafts / (article.stem + '.yaml')}")
    bar.update(1)


def _run_jobs(jobs: list[tuple], workers: int, story, report) -> None:
    """Draft each job, in ``workers`` processes when more than one, calling ``report`` with each outcome as it
    comes; Ctrl-C ends it with KeyboardInterrupt, every draft written whole."""
    if workers <= 1:
        _set_story(story)
        try:
            for job in jobs:
                report(draft_one(job))
        finally:
            _STORY.clear()  # the next folder drafted in this process has a story of its own
        return
    _in_workers(jobs, workers, story, report)


def _in_workers(jobs: list[tuple], workers: int, story, report) -> None:
    """``_run_jobs`` on ``workers`` processes. Ctrl-C is noted, not raised, while the outcomes come in, so
    each is said and counted once; then the articles not started are dropped, those under way finish and are
    said."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    stop: list[bool] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda *_: stop.append(True))
    except ValueError:  # pragma: no cover - not the main thread: Ctrl-C is not this thread's to take
        previous = None
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(os.getpid(), story))
    try:
        futures = {pool.submit(draft_one, job): job[0] for job in jobs}
        pending = set(futures)
        while pending and not stop:
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                report(_outcome(future, futures[future]))
        if stop:
            pool.shutdown(wait=True, cancel_futures=True)
            for future in pending:
                if future.done() and not future.cancelled():
                    report(_outcome(future, futures[future]))
            raise KeyboardInterrupt
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _outcome(future, article: Path) -> tuple:
    try:
        return future.result()
    except Exception as err:  # noqa: BLE001 — a worker that died (killed, out of memory) fails its article only
        return article, (
            f"the process drafting it stopped ({type(err).__name__}: {err}); nothing was written for it"
        )


def _start_worker(parent: int, story) -> None:
    """A worker's first steps: die with the drafting process (even when it is killed), leave Ctrl-C to it
    (which lets the drafts under way finish), and know the story's actors."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    _set_story(story)


def _json_folder(folder: Path, ref, out, label: str | None = None) -> int:
    """Every unannotated article of a folder drafted as JSON (a list, each with its article's path), the
    story's actors shared as when drafting to files; nothing is written."""
    root = folder.parent if folder.name == "articles" else folder
    if not (root / "articles").is_dir():
        raise DraftError(f"{folder}: no articles/ folder in it; give a corpus folder "
                         "(the one holding articles/) or one article .txt file")
    todo = unannotated_articles(root)
    story = _story(root, todo, Path(out) if out else root / "drafts")
    actors, topics, listed, failed = registry_actors(root), registry_topics(root), [], 0
    for article in tqdm(todo, desc="drafting", unit="article", file=sys.stderr, disable=None):
        try:
            draft = draft_text(read_article(article), actors, ref, topics=topics, story=story,
                               story_label=label)
        except Exception as err:  # noqa: BLE001 — one article the drafter cannot read or draft must not end the run
            failed += 1
            why = (
                err
                if isinstance(err, DraftError)
                else f"the drafter failed on it ({type(err).__name__}: {err})"
            )
            say(f"skipped {article.name}: {why}", error=True)
            continue
        listed.append({"article": os.path.relpath(article, root), **_json(draft)})
    json.dump(listed, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 1 if failed else 0


def _story(root: Path, todo: list[Path], drafts: Path) -> list:
    """The actors the articles to draft (and the drafts already written) name, one id per entity across
    them."""
    from helpers.drafting.story import drafted_actors, story_actors

    def texts():
        for article in tqdm(todo, desc="reading the story's names", unit="article", file=sys.stderr,
                            disable=None):
            try:
                yield read_article(article)
            except (DraftError, OSError):
                continue  # drafting it says why

    return story_actors(texts(), registry_actors(root), drafted_actors(drafts, root / "annotations"))


def draft_dask(folder, reference=None, scheduler: str | None = None,
               partitions: int | None = None) -> list[tuple]:
    """Draft every unannotated article of ``folder`` on a Dask cluster; (article, error or None) for each."""
    import dask.bag as db

    todo = [str(p) for p in unannotated_articles(Path(folder))]
    if not todo:
        return []
    with dask_client(scheduler) as client:
        bag = db.from_sequence(todo, npartitions=partitions or max(1, min(len(todo), len(todo) // 100 + 1)))
        results = bag.map(lambda a: draft_one((Path(a), reference, None))).compute(scheduler=client.get)
    return [(Path(a).name, err) for a, err in results]
