"""Drafting and ingest at any allowed size and on files that are not articles: a clear message, never a
traceback or a hang, nothing written where it should not be."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess

import pytest

from helpers.core.limits import MAX_ARTICLE_BYTES, MAX_PAGE_BYTES
from helpers.corpus.load import read_corpus
from helpers.drafting import draft as drafting
from helpers.drafting.draft import DraftError, draft_file, draft_text, piece_bounds, registry_actors
from helpers.drafting.statements import date_said, dates_said
from tests.command import in_new_process, in_process
from tests.conftest import SEED, SEED_CORPUS

REF = dt.date(2025, 8, 1)


def _cli(*args: str) -> subprocess.CompletedProcess:
    """A command whose work is checked, not the process around it: run in this process."""
    return in_process(*args)


def _cli_process(*args: str) -> subprocess.CompletedProcess:
    """A command that could hang on a pipe, or drafts a folder on several processes: a process of its own."""
    return in_new_process(*args, timeout=60)


@pytest.fixture
def corpus(tmp_path):
    """The seed corpus without its annotation, so its article can be drafted."""
    root = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, root)
    shutil.rmtree(root / "annotations")
    (root / "annotations").mkdir()
    return root


def _seed_text() -> str:
    return (SEED_CORPUS / "articles" / f"{SEED}.txt").read_text(encoding="utf-8")


def _files(root) -> set:
    return {p.relative_to(root) for p in root.rglob("*")}


# ---- size ---------------------------------------------------------------------------------------

def test_pieces_cover_the_text_end_at_paragraph_breaks_and_stay_small():
    text = ("A paragraph of words.\n\n" * 3000) + ("x" * 120_000) + ("one line\n" * 9000)
    bounds = piece_bounds(text, 10_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= 10_000 for start, end in bounds)
    ends = [text[end - 2:end] for _, end in bounds[:-1]]
    assert ends[0] == "\n\n"  # a blank line where there is one
    assert "xx" in ends  # cut anywhere only inside the run without a break
    assert ends[-1].endswith("\n")


def test_a_long_text_is_drafted_piece_by_piece_with_offsets_into_the_whole(monkeypatch):
    article = _seed_text()
    text = "\n\n".join([article] * 4)
    monkeypatch.setattr(drafting, "WHOLE_LIMIT", len(article) + 10)
    monkeypatch.setattr(drafting, "PIECE", len(article) + 10)
    actors = registry_actors(SEED_CORPUS)
    one, whole = draft_text(article, actors, REF), draft_text(text, actors, REF)
    assert len(whole.statements) == 4 * len(one.statements) and len(whole.mentions) == 4 * len(one.mentions)
    assert len(whole.deadlines) == 4 * len(one.deadlines) and len(whole.timexes) == 4 * len(one.timexes)
    assert all(text[t.start:t.end] == t.text for t in whole.timexes)
    assert all(text[m.start:m.end] == m.text for m in whole.mentions)
    last = whole.statements[-len(one.statements):]
    assert [text[s.content_start:s.content_end] for s in last] == \
        [article[s.content_start:s.content_end] for s in one.statements]
    linked = [d.statement_index for d in whole.deadlines[-len(one.deadlines):]]
    assert linked == [None if d.statement_index is None else d.statement_index + 3 * len(one.statements)
                      for d in one.deadlines]


def _date_said_everywhere(text, st, timexes, reference):
    """The definition date_said keeps: every date of the text tried in turn."""
    if st.cue_start is None:
        return None
    sent_start = max(text.rfind("\n", 0, st.cue_start), text.rfind(". ", 0, st.cue_start)) + 1
    past = not re.search(r"\b(?:will|would|to|'ll)\s*$", text[max(0, st.cue_start - 12):st.cue_start])
    noun = re.compile(r"^['’]s\s+(?:\w+\s+)?(?:statement|announcement|remarks|comments|speech|interview|"
                      r"briefing|news conference|press conference|letter|release)\b")
    from helpers.drafting.statements import LEAD
    for t in timexes:
        if t.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", t.value):
            continue
        after = t.start >= st.cue_end and re.fullmatch(r"\s*(?:on\s+|late\s+|early\s+)?",
                                                       text[st.cue_end:t.start])
        before = t.end <= st.cue_start and re.fullmatch(r"\s*(?:also\s+)?", text[t.end:st.cue_start]) \
            or (st.speaker_end is not None and st.speaker_end <= t.start and t.end <= st.cue_start
                and re.fullmatch(r"\s*(?:on\s+)?", text[st.speaker_end:t.start]))
        then = sent_start <= t.start < st.cue_start and noun.match(text[t.end:t.end + 40])
        lead = st.cue_end <= t.start and t.end <= st.content_start and st.content_start - st.cue_end < 80 \
            and LEAD.fullmatch(text[st.cue_end:st.content_start])
        if after or before or then or lead:
            return None if past and reference is not None and t.value > str(reference) else t.value
    return None


def test_the_day_said_is_found_near_the_cue_exactly_as_among_all_dates():
    text = "\n".join([_seed_text(), "Putin said on Friday that talks would resume.",
                      "On Tuesday Zelensky said he was ready. Trump, on Monday, said: \"We will see.\"",
                      "In Thursday's statement, Kyiv said the deadline was Aug. 8.",
                      "The Kremlin also said Wednesday that it had no plans. He will say Saturday that",
                      "Officials said in a statement on Thursday that it was over."])
    timexes = drafting.tag(text, REF)
    statements = draft_text(text, [], REF).statements
    expected = [_date_said_everywhere(text, st, timexes, REF) for st in statements]
    assert sum(day is not None for day in expected) >= 4
    assert dates_said(text, statements, timexes, REF) == expected
    assert [date_said(text, st, list(reversed(timexes)), REF) for st in statements] == \
        [_date_said_everywhere(text, st, list(reversed(timexes)), REF) for st in statements]


@pytest.mark.slow
def test_a_megabyte_article_drafts_with_every_span_inside_it(corpus):
    article = _seed_text()
    text = "\n\n".join([article] * (1_000_000 // len(article)))
    (corpus / "articles" / "big.txt").write_text(text, encoding="utf-8")
    written = draft_file(corpus / "articles" / "big.txt", REF)
    assert written.stat().st_size > 100 * len(article.encode()) // 10
    # drafted once: the written draft loads without a problem, so every span it names is in the text
    loaded, problems = read_corpus(corpus, drafts=True)
    assert problems == []
    statements = loaded.statements
    assert (statements.article_id == "big").all()
    assert all(text[s:e] == words and words for s, e, words in zip(statements.start, statements.end,
                                                                    statements.text))
    assert len(statements) >= len(text) // len(article) * len(draft_text(article, [], REF).statements) // 2


def test_an_article_over_the_limit_is_refused_unread(corpus):
    big = corpus / "articles" / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: only its size is looked at
    run = _cli("draft", str(big), "--reference-date", "2025-08-01")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{big}: the article file is 5.0 MB, over the limit of 5 MB" in run.stderr
    assert not (corpus / "drafts").exists()


# ---- kinds of file ------------------------------------------------------------------------------

def _not_files(articles):
    os.mkfifo(articles / "pipe.txt")
    (articles / "gone.txt").symlink_to("nowhere.txt")
    (articles / "folder.txt").mkdir()
    return {"pipe.txt": "is not a regular file (a pipe, socket or device)",
            "gone.txt": "is a link to 'nowhere.txt', which does not exist",
            "folder.txt": "is a folder"}


@pytest.mark.slow  # three commands in processes of their own
def test_a_fifo_link_to_nothing_or_folder_is_named_never_read(corpus):
    expected = _not_files(corpus / "articles")
    for name, why in expected.items():
        for extra in ([], ["--json"]):
            if name == "folder.txt":
                continue  # a folder given alone is a corpus to draft (below)
            run = (_cli_process if name == "pipe.txt" else _cli)(
                "draft", str(corpus / "articles" / name), "--reference-date", "2025-08-01", *extra)
            assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
            assert f"{name}: the article file {why}" in run.stderr
    run = _cli("draft", str(corpus / "articles" / "folder.txt"), "--json")
    assert run.returncode == 1 and "folder.txt: no articles/ folder in it" in run.stderr, run.stderr
    run = _cli_process("draft", str(corpus), "--reference-date", "2025-08-01")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    for name, why in expected.items():
        assert f"skipped {name}: " in run.stderr and f"the article file {why}" in run.stderr
    assert "drafted 1 of 4 articles" in run.stdout
    assert (corpus / "drafts" / f"{SEED}.yaml").is_file()


def test_a_folder_without_articles_is_named(tmp_path):
    run = _cli("draft", str(tmp_path))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{tmp_path}: no articles/ folder in it" in run.stderr


# ---- contents -----------------------------------------------------------------------------------

@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_a_file_not_in_utf8_is_named_with_the_byte_and_how_to_convert(corpus, extra):
    article = corpus / "articles" / "cp.txt"
    article.write_bytes("Café owners said on Friday that prices rose.\n".encode("cp1252"))
    run = _cli("draft", str(article), "--reference-date", "2025-08-01", *extra)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert (f"{article}: the article file is not UTF-8 (byte 3); "
            "convert it, e.g. iconv -f cp1252 -t utf-8 IN > OUT") \
        in run.stderr
    assert run.stdout == "" and not (corpus / "drafts").exists()


@pytest.mark.slow  # a process of its own
def test_a_folder_skips_a_non_utf8_empty_or_binary_article_and_drafts_the_rest(corpus):
    (corpus / "articles" / "cp.txt").write_bytes("Café said it rose.\n".encode("cp1252"))
    (corpus / "articles" / "empty.txt").write_text("  \n")
    (corpus / "articles" / "nul.txt").write_bytes(b"\0" * 1000)
    run = _cli_process("draft", str(corpus), "--reference-date", "2025-08-01")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "skipped cp.txt: " in run.stderr and "is not UTF-8 (byte 3)" in run.stderr
    assert "skipped empty.txt: " in run.stderr and "the article file is empty" in run.stderr
    assert (
        "skipped nul.txt: " in run.stderr and "holds NUL characters (the first at character 0)" in run.stderr
    )
    assert "drafted 1 of 4 articles" in run.stdout
    assert sorted(p.name for p in (corpus / "drafts").iterdir()) == [f"{SEED}.yaml"]


@pytest.mark.parametrize("text", [
    "x" * 300_000,  # one line, no spaces
    '"' * 120_000,  # only quotation marks
    "“" * 5000 + "He said it." + "”" * 5000,  # quotes nested deep
    # many short lines: took minutes (deadline nouns)
    "Putin said on Friday that it rose.\n" + "a\n" * 100_000,
])
def test_odd_texts_draft_without_error(text):
    draft = draft_text(text, registry_actors(SEED_CORPUS), REF)
    assert all(text[t.start:t.end] == t.text for t in draft.timexes)
    assert all(0 <= s.content_start <= s.content_end <= len(text) for s in draft.statements)


def test_deadline_nouns_are_found_as_the_pattern_finds_them():
    from helpers.drafting.deadlines import DEADLINE_NOUN, noun_matches

    text = ("The new deadline passed. A final ultimatum, then fresh deadlines; thea deadline, a\n "
            " new  DEADLINE and adeadline; the the deadlinesx; an ultimatum.\n" + "a\n" * 200 + "deadline")
    for start, end in ((0, len(text)), (4, 60), (30, len(text) - 3)):
        assert [m.span() for m in noun_matches(text, start, end)] == \
            [m.span() for m in DEADLINE_NOUN.finditer(text, start, end)]
    assert len(noun_matches(text, 0, len(text))) >= 6


# ---- where drafts go ----------------------------------------------------------------------------

def test_a_drafts_file_or_an_out_file_is_refused_and_nothing_written(corpus):
    (corpus / "drafts").write_text("notes\n")
    before = _files(corpus)
    article = corpus / "articles" / f"{SEED}.txt"
    for args, named in (([str(article)],
                         f"{corpus / 'drafts'}: drafts are written into a folder, but it is a file"),
                        ([str(corpus)],
                         f"{corpus / 'drafts'}: drafts are written into a folder, but it is a file"),
                        ([str(article), "--out", str(corpus / "actors.yaml")],
                         f"{corpus / 'actors.yaml'}: drafts are written into a folder, but it is a file"),
                        ([str(corpus), "--out", str(corpus / "actors.yaml" / "sub")],
                         f"but {corpus / 'actors.yaml'}, above it, is a file")):
        run = _cli("draft", *args, "--reference-date", "2025-08-01")
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        assert named in run.stderr
    assert _files(corpus) == before
    assert (corpus / "drafts").read_text() == "notes\n"
    with pytest.raises(DraftError, match="is a file"):
        draft_file(article, REF)


# ---- ingest -------------------------------------------------------------------------------------

@pytest.mark.slow  # a process of its own
def test_ingest_names_a_fifo_and_an_oversized_input_and_goes_on(corpus, tmp_path):
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    huge = tmp_path / "huge.html"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_PAGE_BYTES + 1)
    run = _cli_process("ingest", str(pipe), str(huge), str(SEED_CORPUS.parent / "pages" / "plain.txt"),
               "--corpus", str(corpus), "--reference-date", "2025-08-01")
    assert "Traceback" not in run.stderr and run.returncode == 1
    assert f"skipped {pipe}: the page or text is not a regular file (a pipe, socket or device)" in run.stderr
    assert f"skipped {huge}: the page or text is 20.0 MB, over the limit of 20 MB" in run.stderr
    assert "ingested 1 of 3" in run.stderr


def test_ingest_refuses_a_text_over_the_article_limit(corpus, tmp_path):
    long = tmp_path / "long.txt"
    long.write_text("The minister said on Friday that the talks would go on. " * 90_000)
    before = _files(corpus)
    run = _cli("ingest", str(long), "--corpus", str(corpus), "--reference-date", "2025-08-01")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{long}: its text is 5.0 MB, over the article limit of 5 MB" in run.stderr
    assert _files(corpus) == before


def test_ingest_into_a_corpus_whose_drafts_is_a_file_writes_nothing(corpus):
    (corpus / "drafts").write_text("notes\n")
    before = _files(corpus)
    run = _cli("ingest", str(SEED_CORPUS.parent / "pages" / "plain.txt"), "--corpus", str(corpus))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{corpus / 'drafts'}: ingest writes into a folder, but it is a file" in run.stderr
    assert _files(corpus) == before


def test_a_long_text_s_draft_is_written_by_the_fast_emitter_with_the_same_content():
    import yaml

    from helpers.drafting.draft import WHOLE_LIMIT, draft_annotation, yaml_text

    draft = draft_text(_seed_text(), registry_actors(SEED_CORPUS), REF)
    annotation = draft_annotation(draft, "articles/x.txt")
    short, long = yaml_text(annotation, 10), yaml_text(annotation, WHOLE_LIMIT + 1)
    assert short == yaml.safe_dump(annotation, sort_keys=False, allow_unicode=True, width=100)
    assert yaml.safe_load(long) == annotation
