"""Every validation message, on broken copies of the seed corpus."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import CorpusError, load_corpus, validate_corpus

from .conftest import DATA, SEED

ANN = f"annotations/{SEED}.yaml"

CASES = [
    # id, old text, new text, words the message must hold
    ("yaml-syntax", "  section: World", "  section: [World", ["YAML syntax", "brackets", "flow sequence that starts here, noticed on line 7"]),
    ("tab", "  section: World", "\tsection: World", ["YAML syntax", "tabs"]),
    ("unknown-key", "    speaker: putin\n    mode: reported\n    cue: expressed",
     "    speker: putin\n    mode: reported\n    cue: expressed", ["unknown key 'speker'", "did you mean 'speaker'"]),
    ("missing-field", "    words: Russia is willing to resume peace talks with Ukraine\n", "",
     ["missing field 'words' in statements[1]"]),
    ("unknown-actor", "    speaker: zelensky", "    speaker: zelenski", ["unknown actor id 'zelenski'", "did you mean 'zelensky'"]),
    ("words-not-found", "words: the nation's military capabilities", "words: the nations military capability",
     ["are not in the article", "closest passage", "the nation’s military capabilities"]),
    ("ambiguous", "      - Belarusian President Alexander Lukashenko", "      - President",
     ['"President" occur 4 times', "occurrence"]),
    ("impossible-date", "    said_on: 2025-08-01", "    said_on: 2025-08-32", ["'2025-08-32' is not a day of the calendar"]),
    ("yearless-date", "      from: 2025-08-08", "      from: Aug. 8", ["'Aug. 8' is not a date of the form YYYY-MM-DD"]),
    ("due-before-issued", "    due:\n      from: issued\n      days: [10, 12]", "    due:\n      from: issued\n      days: [-20, -10]",
     ["falls due", "before it was issued"]),
    ("reversed-days", "      days: [10, 12]", "      days: [12, 10]", ["runs backwards"]),
    ("duplicate-id", "  - id: S2\n", "  - id: S1\n", ["duplicate id 'S1'"]),
    ("id-case", "  - id: S2\n", "  - id: s1\n", ["differs only in case from 'S1'"]),
    ("whitespace", "words: Russia is willing to resume peace talks with Ukraine",
     "words: Russia is  willing to resume\n      peace talks with Ukraine", ["only when spaces and line breaks are ignored"]),
    ("duplicate-key", "    cue: expressed\n", "    cue: said\n    cue: expressed\n", ["duplicate key 'cue'", "already given on"]),
    ("unknown-topic", "topics: [war-aims]", "topics: [war-aim]", ["unknown topic 'war-aim'", "did you mean 'war-aims'"]),
    ("unknown-statement", "    statement: S11", "    statement: S99", ["no statement has the id 'S99'"]),
    ("outside-folder", f"article: articles/{SEED}.txt", "article: ../../etc/passwd", ["outside the corpus folder"]),
    ("missing-article", f"article: articles/{SEED}.txt", "article: articles/nothing.txt", ["does not exist"]),
    ("wrong-type", "{text: he, occurrence: 1}", "{text: he, occurrence: first}", ["expected a whole number"]),
    ("bad-mode", "    mode: direct\n    cue: said", "    mode: quote\n    cue: said", ["'direct' or 'reported'", "'quote'"]),
    ("bad-layout", "caption: Putin Ukraine Peace Talks", "caption: Putin Ukraine Talks", ["does not stand alone on a line"]),
]


def _edited_lines(old: str, new: str) -> set[int]:
    """The lines of the annotation that the edit wrote (where a message should point)."""
    text = (DATA / ANN).read_text(encoding="utf-8")
    first = text[: text.index(old)].count("\n") + 1
    return set(range(first, first + max(1, new.count("\n") + (0 if new.endswith("\n") else 1))))


@pytest.mark.parametrize("case, old, new, words", CASES, ids=[c[0] for c in CASES])
def test_each_problem_is_named_with_its_line(broken, case, old, new, words):
    folder = broken(old, new)
    problems = validate_corpus(folder)
    assert problems, f"{case}: no problem reported"
    text = "\n".join(map(str, problems))
    for w in words:
        assert w in text, f"{case}: {w!r} missing from:\n{text}"
    assert all(p.path.endswith(".yaml") for p in problems)
    if new.strip():
        assert _edited_lines(old, new) & {p.line for p in problems}, text


def test_registry_problems(broken):
    folder = broken("- id: trump", "- id: putin", file="actors.yaml")
    text = "\n".join(map(str, validate_corpus(folder)))
    assert "actors.yaml:" in text and "duplicate actor id 'putin'" in text
    assert "unknown actor id 'trump'" in text


def test_all_problems_in_one_run_sorted(broken):
    broken("    speaker: zelensky", "    speaker: zelenski")
    broken("topics: [war-aims]", "topics: [war-aim]")
    folder = broken("    statement: S11", "    statement: S99")
    problems = validate_corpus(folder)
    assert len(problems) == 3
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_load_corpus_raises_one_error_with_the_same_list(broken):
    folder = broken("    speaker: zelensky", "    speaker: zelenski")
    with pytest.raises(CorpusError) as err:
        load_corpus(folder)
    assert err.value.problems == validate_corpus(folder)
    assert "unknown actor id 'zelenski'" in str(err.value)
    assert "Traceback" not in err.value._render_traceback_()[0]


def _cli(folder):
    return subprocess.run([sys.executable, "-m", "helpers", "validate", str(folder)],
                          capture_output=True, text=True, timeout=120)


def test_cli_clean_exits_zero():
    run = _cli(DATA)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no problems" in run.stdout


def test_cli_reports_every_problem_without_traceback(broken):
    broken("    speaker: zelensky", "    speaker: zelenski")
    folder = broken("  section: World", "  section: [World")  # syntax error hides the rest of that file
    run = _cli(folder)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    lines = run.stdout.strip().splitlines()
    assert lines and all(re.match(r"^\S+\.yaml:\d+: .+ — .+$", line) for line in lines), run.stdout
    assert "problem" in run.stderr


def test_cli_missing_folder(tmp_path):
    run = _cli(tmp_path / "nowhere")
    assert run.returncode == 1 and "no such corpus folder" in run.stdout and "Traceback" not in run.stderr


@pytest.mark.parametrize("old, new, words", [
    ("      from: 2025-08-08\n", "      from: 2025-08-08\n      earliest: 2025-08-01\n", "either from/days or earliest/latest"),
    ("      from: issued\n      days: [10, 12]", "      from: isued\n      days: [10, 12]", "did you mean 'issued'"),
    ("      from: 2025-08-01       # Putin's remarks, \"on Aug. 1\"", "      from: issued", "cannot count from issued"),
    ("    said_on: 2025-08-01", "    said_on: 2025-8-1", "YYYY-MM-DD"),
])
def test_date_windows_never_drop_information_silently(broken, old, new, words):
    text = "\n".join(map(str, validate_corpus(broken(old, new))))
    assert words in text, text


def test_a_registry_typo_is_reported_once_not_at_every_id(broken):
    folder = broken("  name: Vladimir Putin", "  nmae: Vladimir Putin", file="actors.yaml")
    problems = validate_corpus(folder)
    assert len(problems) == 2, problems  # unknown key 'nmae' + missing field 'name'
    assert all("actors.yaml" in p.path for p in problems)


def test_a_topic_typo_is_reported_once(broken):
    folder = broken("  label: Ceasefire", "  lable: Ceasefire", file="topics.yaml")
    problems = validate_corpus(folder)
    assert len(problems) == 2 and all("topics.yaml" in p.path for p in problems)
    assert "in entry 8" in str(problems[0])


@pytest.mark.parametrize("old, new, words", [
    ("  country: RU\n  role: President of Russia", "  country: Russia\n  role: President of Russia", "two capital letters"),
    ("- id: putin", "- id: Putin", "lower case"),
])
def test_registry_forms(broken, old, new, words):
    text = "\n".join(map(str, validate_corpus(broken(old, new, file="actors.yaml"))))
    assert words in text, text


def test_top_level_must_be_keys(broken):
    folder = broken()
    (folder / ANN).write_text("- just\n- a list\n", encoding="utf-8")
    text = "\n".join(map(str, validate_corpus(folder)))
    assert "holds a list, not keys" in text


def test_two_annotations_for_one_article(broken):
    import shutil as _shutil
    folder = broken()
    _shutil.copy(folder / ANN, folder / "annotations" / "copy.yaml")
    text = "\n".join(map(str, validate_corpus(folder)))
    assert "is already annotated by" in text and "merge the two files" in text


def _article(folder):
    return folder / "articles" / f"{SEED}.txt"


def test_bom_and_windows_line_endings_are_accepted_with_offsets_right(broken):
    folder = broken()
    raw = _article(folder).read_bytes()
    _article(folder).write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    corpus = load_corpus(folder, cache=False)
    text = corpus.article_text(SEED)
    assert "\r\n" in text and not text.startswith("\ufeff")
    for row in corpus.statements.itertuples():
        assert text[row.start:row.end] == row.text
    assert corpus.articles.at[0, "title"].startswith("Putin Open to Peace Talks")


@pytest.mark.parametrize("content, words", [
    ("Caf\xe9 cr\xe8me, d\xe9j\xe0 vu: les pourparlers de paix reprennent.".encode("cp1252"), "not UTF-8"),
    (b"   \n\n", "is empty"),
])
def test_bad_article_files_are_named(broken, content, words):
    folder = broken()
    _article(folder).write_bytes(content)
    text = "\n".join(map(str, validate_corpus(folder)))
    assert words in text and "iconv" in text if words == "not UTF-8" else words in text


def test_an_alias_claimed_by_two_actors(broken):
    folder = broken("aliases: [Zelensky, Zelenskyy,", "aliases: [Putin, Zelensky, Zelenskyy,", file="actors.yaml")
    text = "\n".join(map(str, validate_corpus(folder)))
    assert "the alias 'Putin' of 'zelensky' is also claimed by 'putin'" in text and "actors.yaml:" in text
