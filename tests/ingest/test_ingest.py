"""Ingest: saved pages and texts become articles with drafts; repeats, non-articles and other languages
change nothing."""
from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import main
from helpers.corpus.load import read_corpus
from helpers.corpus.yamlfile import read_yaml
from helpers.ingest.ingest import IngestError, article_name, ingest, ingest_one, inputs
from helpers.ingest.page_metadata import (
    byline_names,
    english_share,
    local_day,
    main_text_paragraphs,
    page_day,
    read_page,
    site_keys,
    title_without_site,
)
from tests.conftest import FIXTURES

PAGES = FIXTURES / "pages"
SEED = FIXTURES / "seed"


@pytest.fixture
def corpus(tmp_path):
    return Path(shutil.copytree(SEED, tmp_path / "corpus"))


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def news_page(head: bytes, before_text: bytes = b"") -> bytes:
    """A saved page: ``head`` in its <head>, ``before_text`` atop its body, then a paragraph of news."""
    return (b"<html><head>" + head + b"</head><body>" + before_text + b"<p>"
            + b"The ferry fares rose again on Monday, the third time this year. " * 8 + b"</p></body></html>")


def draft_data(corpus: Path, result) -> dict:
    return read_yaml(corpus / result.draft_path, result.draft_path).data


def test_page_becomes_article_source_and_draft(corpus):
    [result] = ingest([PAGES / "news.html"], corpus, progress=False)
    assert result.skipped is None
    assert (corpus / result.source_path).read_bytes() == (PAGES / "news.html").read_bytes()
    text = (corpus / result.text_path).read_text(encoding="utf-8")
    assert text.startswith("Port authority sets Friday deadline for "
                           "ferry operators\n\nThe Ostmark Port Authority")
    assert '"We have waited long enough.' in text and "elected members of the council." in text
    for furniture in ("Subscribe", "cookies", "Most read", "Storm closes", "All rights reserved", "Privacy"):
        assert furniture not in text
    assert result.published == "2019-03-14"  # published, not the later modified or "Updated" date
    assert result.author == "Mara Quill; Tobias Renn" and result.outlet == "The Coastal Ledger"
    assert result.url == "https://ledger.example/2019/03/14/port-deadline"
    data = draft_data(corpus, result)
    assert data["metadata"]["published_basis"].startswith("page metadata: JSON-LD datePublished")
    assert data["metadata"]["source"] == result.source_path and data["metadata"]["language"] == "en"
    assert data["layout"] == {"title": "Port authority sets Friday deadline for ferry operators"}


def test_draft_validates_as_an_annotation(corpus):
    results = ingest([PAGES], corpus, progress=False)
    drafted = [r for r in results if r.draft_path]
    assert len(drafted) == 10  # every page and text but the three that hold no English article
    for r in drafted:
        shutil.move(corpus / r.draft_path, corpus / "annotations" / Path(r.draft_path).name)
    loaded, problems = read_corpus(corpus)
    assert problems == []
    titles = set(loaded.articles["title"])
    assert "Port authority sets Friday deadline for ferry operators" in titles
    row = loaded.articles.set_index("title").loc["Port authority sets Friday deadline for ferry operators"]
    assert row["author"] == "Mara Quill; Tobias Renn" and str(row["published"])[:10] == "2019-03-14"


def test_ingesting_twice_changes_nothing(corpus):
    first = ingest([PAGES / "news.html", PAGES / "plain.txt"], corpus, progress=False)
    before = snapshot(corpus)
    again = ingest([PAGES / "news.html", PAGES / "plain.txt"], corpus, progress=False)
    assert snapshot(corpus) == before
    for old, new in zip(first, again):
        assert new.skipped and "already in the corpus as" in new.skipped
        assert (old.source_path or old.text_path) in new.skipped


def test_same_text_under_another_name_is_refused(corpus, tmp_path):
    copy = tmp_path / "renamed.txt"
    copy.write_bytes((PAGES / "plain.txt").read_bytes())
    ingest([PAGES / "plain.txt"], corpus, progress=False)
    [again] = ingest([copy], corpus, progress=False)
    assert "already in the corpus" in again.skipped


@pytest.mark.parametrize("page, words", [
    ("spanish.html", ["not in English", "lang='es'"]),
    ("front-page.html", ["no article text", "front page"]),
    ("script-only.html", ["no article text", "JavaScript"]),
])
def test_pages_without_an_english_article_write_nothing(corpus, page, words):
    before = snapshot(corpus)
    [result] = ingest([PAGES / page], corpus, progress=False)
    assert result.skipped.startswith(str(PAGES / page))
    for word in words:
        assert word in result.skipped
    assert snapshot(corpus) == before


def test_page_without_metadata_dates_from_its_text(corpus):
    [result] = ingest([PAGES / "no-metadata.html"], corpus, progress=False)
    assert result.published == "2019-03-22"
    assert "check it" in draft_data(corpus, result)["metadata"]["published_basis"]


def test_texts_are_copied_as_they_are(corpus):
    [plain, latin] = ingest([PAGES / "plain.txt", PAGES / "latin1.txt"], corpus, progress=False)
    assert (corpus / plain.text_path).read_bytes() == (PAGES / "plain.txt").read_bytes()
    assert plain.source_path is None and plain.published == "2019-03-29"
    assert (corpus / latin.text_path).read_text(encoding="utf-8").startswith("Harbour café reopens")
    # the original kept
    assert (corpus / latin.source_path).read_bytes() == (PAGES / "latin1.txt").read_bytes()


def test_a_failed_draft_leaves_nothing(corpus, monkeypatch):
    import helpers.ingest.ingest as module

    def broken(*args, **kwargs):
        raise RuntimeError("drafter failed")

    monkeypatch.setattr(module, "draft_text", broken)
    before = snapshot(corpus)
    with pytest.raises(RuntimeError):
        ingest_one(PAGES / "news.html", corpus, module.Known(corpus))
    assert snapshot(corpus) == before


def test_reference_date_for_an_undated_text(corpus, tmp_path):
    undated = tmp_path / "undated.txt"
    undated.write_text("Ferry talks resume\n\n" + (PAGES / "plain.txt").read_text().split("\n\n", 2)[2],
                       encoding="utf-8")
    [without] = ingest([undated], corpus, progress=False)
    assert without.draft_path is None and any("--reference-date" in n for n in without.notes)
    command = next(n for n in without.notes if "--reference-date" in n).split("draft it with ")[1]
    assert str(corpus / without.text_path) in command  # a path that works from anywhere
    other = tmp_path / "other" / "undated2.txt"
    other.parent.mkdir()
    other.write_text(undated.read_text() + "\nA later line.\n", encoding="utf-8")
    [given] = ingest([other], corpus, reference=dt.date(2019, 3, 30), progress=False)
    assert given.draft_path and given.article_id.startswith("2019-03-30_ferry-talks-resume_")


def test_json_lists_one_object_per_input(corpus, capsys):
    code = main(["ingest", str(PAGES / "news.html"), str(PAGES / "spanish.html"), "--corpus", str(corpus),
                 "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1  # one input failed
    keys = {"article_id", "text_path", "source_path", "draft_path", "title", "published", "outlet", "author",
            "url"}
    assert keys <= set(out[0]) and out[0]["published"] == "2019-03-14" and out[0]["error"] is None
    assert out[0]["notes"] == []
    assert out[1]["article_id"] is None and "not in English" in out[1]["error"]


def test_cli_summary_and_exit_codes(corpus, capsys):
    assert main(["ingest", str(PAGES / "plain.txt"), "--corpus", str(corpus)]) == 0
    assert "ingested 1 of 1" in capsys.readouterr().err
    # already there is not a failure
    assert main(["ingest", str(PAGES / "plain.txt"), "--corpus", str(corpus)]) == 0
    assert "1 already there" in capsys.readouterr().err
    assert main(["ingest", str(PAGES / "news.html"), "--corpus", str(corpus / "missing")]) == 1
    assert "no such corpus folder" in capsys.readouterr().err


def test_inputs_and_names():
    found = [p.name for p in inputs([PAGES])]
    assert found == sorted(found) and "README.md" not in found and "news.html" in found
    name = article_name("Ferry fares: up 5% in Ålesund!", dt.date(2019, 4, 1), "text")
    assert name.startswith("2019-04-01_ferry-fares-up-5-in-alesund_") and len(name.rsplit("_", 1)[1]) == 8
    assert article_name(None, None, "x").startswith("undated_article_")


def test_page_metadata_pieces():
    assert page_day("2023-11-07T02:00:00.000-05:00") == dt.date(2023, 11, 7)  # the day as the page states it
    assert page_day("Saturday, December 27, 2014, 12:06 PM") == dt.date(2014, 12, 27)
    assert page_day("yesterday") is None
    assert main_text_paragraphs("Photos\nwhich were released online\nshow her.\nNext paragraph.") == \
        "Photos which were released online show her.\n\nNext paragraph."
    ending = "Story.\nAdvertisement\nMore story.\nMore Must-Reads From TIME\n- A\n- B\n© 2023 TIME"
    assert main_text_paragraphs(ending) == "Story.\n\nMore story."
    assert english_share("the company said it was ready") > 0.4 > english_share("el puerto fija un plazo")


def test_title_loses_the_outlet_name():
    page = read_page(news_page(b"<title>Ferry fares rise again -- The Coastal Ledger</title>"
                               b'<meta property="og:site_name" content="The Coastal Ledger">'))
    assert page.title == "Ferry fares rise again"


def test_missing_input_is_named(corpus):
    [result] = ingest([PAGES / "absent.html"], corpus, progress=False)
    assert "absent.html: the page or text does not exist; check the name and folder" in result.skipped
    with pytest.raises(IngestError):
        ingest([PAGES], corpus / "nowhere", progress=False)


def test_a_page_reads_the_same_however_often_it_is_read():
    """What a page yields does not depend on the pages read before it in the same process."""
    raw = (PAGES / "news.html").read_bytes()
    first = read_page(raw)
    assert [read_page(raw).text for _ in range(5)] == [first.text] * 5  # trafilatura's dedup changed the 4th


# ---- pages that were read wrong: one fixture each ------------------------------------------------

def test_closing_furniture_is_cut_from_the_text():
    text = read_page((PAGES / "closing-furniture.html").read_bytes()).text
    assert text.endswith("a project it first discussed four years ago and shelved because of its cost.")
    for furniture in ("Morning Edition by email", "Newsletter email address", "By signing up",
                      "Trust Principles",
                      "Related stories", "Farmers count the cost", "Copyright"):
        assert furniture not in text


def test_inline_promotions_go_and_closing_labels_with_them():
    text = main_text_paragraphs(
        "The board met on Monday.\nRead more: Flood waters recede from the valley\nIt "
        "voted to act.\nSign up for the Valley Brief newsletter in your inbox\nThe "
        "vote was close.\nGet our daily edition by email\nEmail address\nGet it")
    assert text == "The board met on Monday.\n\nIt voted to act.\n\nThe vote was close."
    # a short closing sentence of the story stays: only labels after a furniture line go
    assert main_text_paragraphs("The board met on Monday and voted.\nShe said no.") == \
        "The board met on Monday and voted.\n\nShe said no."
    ending = "The board met on Monday.\n\nIt will publish the figures in its own newsletter."
    assert main_text_paragraphs(ending) == ending  # the story's own sentence about a newsletter


def test_standfirst_under_the_headline_is_kept(corpus):
    [result] = ingest([PAGES / "standfirst.html"], corpus, progress=False)
    text = (corpus / result.text_path).read_text(encoding="utf-8")
    assert text.startswith("Tram line to the airport delayed by two years\n\nThe city's flagship "
                           "transport project will now open in 2024, and could cost a fifth more "
                           "than planned, officials admitted on Wednesday.\n\nThe tram line linking")
    assert text.count("flagship transport project") == 1


def test_standfirst_already_in_the_text_is_not_repeated():
    page = read_page(
        b"<html><head><meta name='description' content='The ferry fares rose again on Monday, "
        b"the third time this year.'></head><body><h1>Fares rise</h1><p class='intro'>The "
        b"ferry fares rose again on Monday, the third time this year.</p><p>"
        + b"The operators blamed the price of fuel. "
        * 10
        + b"</p><ul><li><p class='teaser'>Another story about the ferries "
          b"and their fares, told elsewhere</p></li></ul></body></html>"
    )
    assert page.text.count("the third time this year") == 1 and "told elsewhere" not in page.text


def test_publishers_local_date_wins_over_utc(corpus):
    [result] = ingest([PAGES / "utc-date.html"], corpus, progress=False)
    assert result.published == "2020-02-24" and result.article_id.startswith("2020-02-24_")
    basis = draft_data(corpus, result)["metadata"]["published_basis"]
    assert "2020-02-24T21:25:00-05:00" in basis and "2020-02-25T02:25Z" in basis


@pytest.mark.parametrize("printed, day", [
    ("February 24", dt.date(2020, 2, 24)),         # the day the page prints, a day before the UTC one
    ("Feb. 24, 2020 9:25 PM EST", dt.date(2020, 2, 24)),
    ("February 25", dt.date(2020, 2, 25)),         # the same day: nothing to correct
    ("Updated February 26", dt.date(2020, 2, 25)),  # an update's day is not the publication's
])
def test_a_utc_timestamp_yields_to_the_printed_day(printed, day):
    page = read_page(news_page(b'<meta property="article:published_time" content="2020-02-25T02:25:00Z">',
                               b'<h1>Fares rise</h1><div class="date">' + printed.encode() + b"</div>"))
    assert page.published == day


def test_local_day_keeps_a_timestamp_that_is_not_utc():
    found = [("JSON-LD datePublished", "2020-02-24T21:25:00-05:00", dt.date(2020, 2, 24)),
             ("date", "2020-02-26T02:25Z", dt.date(2020, 2, 26))]
    assert local_day(found, {dt.date(2020, 2, 25)})[0] == dt.date(2020, 2, 24)
    utc_first = [("JSON-LD datePublished", "2020-02-25T02:25:00+00:00", dt.date(2020, 2, 25))]
    assert local_day(utc_first, set()) == (dt.date(2020, 2, 25),
                                           "page metadata: JSON-LD datePublished (2020-02-25T02:25:00+00:00)")


def test_entities_in_title_and_byline_are_read(corpus):
    [result] = ingest([PAGES / "entities.html"], corpus, progress=False)
    assert result.title == "Hackers Lure Players Via \u2018Harbour Tycoon Game\u2019"
    assert result.author == "Lindsey O'Dowd"
    assert result.article_id.startswith("2020-06-03_hackers-lure-players-via-harbour-tycoon_")
    text = (corpus / result.text_path).read_text(encoding="utf-8")
    assert text.startswith(result.title + "\n\nA group of hackers")  # the headline once, as the page shows it
    assert draft_data(corpus, result)["layout"] == {"title": result.title}


def test_entities_are_read_once():
    ld = b'{"@type": "NewsArticle", "datePublished": "2020-06-03", ' \
         b'"headline": "Why &amp;lt;b&amp;gt; tags still matter"}'
    page = read_page(news_page(b'<script type="application/ld+json">' + ld + b"</script>"))
    # JSON-LD's text is not HTML-decoded: read once, not twice
    assert page.title == "Why &lt;b&gt; tags still matter"


def test_site_name_and_date_leave_the_title(corpus):
    [result] = ingest([PAGES / "site-name-title.html"], corpus, progress=False)
    assert result.title == "Border talks resume after a month of silence"
    assert result.article_id.startswith("2020-01-19_border-talks-resume-after-a-month_")


@pytest.mark.parametrize("title, sites, headline", [
    ("Ferry fares rise again - The Harbour Times", {"The Harbour Times"}, "Ferry fares rise again"),
    ("Ferry fares rise again – Harbour Times", {"harbourtimes"}, "Ferry fares rise again"),
    ("Harbour Times · Ferry fares rise again", {"The Harbour Times"}, "Ferry fares rise again"),
    ("Ferry fares rise again | HT Business | 19 January 2020", {"HT"}, "Ferry fares rise again"),
    ("Ferry fares rise again | HT | January 19, 2020", {"HT"}, "Ferry fares rise again"),
    ("Ferry fares rise again | Opinion", {"HT"}, "Ferry fares rise again | Opinion"),  # not the site: kept
    ("Harbour Times | Opinion", {"Harbour Times"}, "Harbour Times | Opinion"),  # too little would be left
    ("Fares - two years on - rise again", {"two"}, "Fares - two years on - rise again"),
])
def test_title_without_site(title, sites, headline):
    assert title_without_site(title, set().union(*map(site_keys, sites))) == headline


def test_title_without_the_domains_name():
    page = read_page(news_page(b"<title>Ferry fares rise again - The Harbourwire</title><link "
                               b"rel='canonical' href='https://www.harbourwire.example/2020/fares'>"))
    assert page.title == "Ferry fares rise again"


def test_byline_ends_before_update_and_dates(corpus):
    [result] = ingest([PAGES / "byline-updated.html"], corpus, progress=False)
    assert result.author == "Ana Pell; Rui Sarto"
    # the "Updated 15 March" beside the byline is not the publication day
    assert result.published == "2019-03-14"
    assert byline_names("By Kim Lee | Harbour Times") == "Kim Lee"
    assert byline_names("Kim Lee, Published Feb. 3, 2020") == "Kim Lee"
    assert byline_names("by Kim Lee Monday, 3 March 2020") == "Kim Lee"
    assert byline_names("Theresa May") == "Theresa May"  # a month's name in a name stays


def test_story_label_goes_into_every_draft(corpus, capsys):
    code = main(["ingest", str(PAGES / "news.html"), str(PAGES / "plain.txt"), "--corpus", str(corpus),
                 "--story", "  harbour   fees ", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and all(item["draft_path"] for item in out)
    for item in out:
        assert read_yaml(corpus / item["draft_path"],
                         item["draft_path"]).data["metadata"]["story"] == "harbour fees"
        shutil.move(corpus / item["draft_path"], corpus / "annotations")
    loaded, problems = read_corpus(corpus)
    assert problems == []
    assert sorted(loaded.articles["story"].dropna()) == ["harbour fees", "harbour fees"]


def test_a_story_label_the_loader_would_refuse_writes_nothing(corpus, capsys):
    before = snapshot(corpus)
    assert main(["ingest", str(PAGES / "news.html"), "--corpus", str(corpus), "--story", "x" * 61]) == 1
    assert "at most 60 characters" in capsys.readouterr().err
    assert snapshot(corpus) == before
    [result] = ingest([PAGES / "news.html"], corpus, progress=False)
    assert "story" not in draft_data(corpus, result)["metadata"]  # no label given, none written


# ---- runs stopped part way, links, corpora, output, write errors ------------------------------------

def test_a_run_stopped_part_way_is_completed_by_the_next(corpus, capsys):
    """A run killed between files left an article without its draft, and a page without its text: the next run
    writes what is missing and says so."""
    first = {r.input: r for r in ingest([PAGES / "news.html", PAGES / "plain.txt", PAGES / "standfirst.html"],
                                        corpus, progress=False)}
    news, plain, tram = (first[str(PAGES / name)] for name in ("news.html", "plain.txt", "standfirst.html"))
    drafts = {r.input: (corpus / r.draft_path).read_bytes() for r in first.values()}
    (corpus / news.draft_path).unlink()
    (corpus / plain.draft_path).unlink()
    (corpus / tram.text_path).unlink()
    (corpus / tram.draft_path).unlink()
    # the three pages that are no article fail
    assert main(["ingest", str(PAGES), "--corpus", str(corpus)]) == 1
    out, err = capsys.readouterr()
    assert out.count("an earlier run stopped part way") == 3
    assert f"already in the corpus as {plain.text_path}, without its draft" in out
    assert f"already in the corpus as {tram.source_path}, without its text and draft" in out
    assert "3 already there but left unfinished by an earlier run, now completed" in err
    for r in (news, plain, tram):
        # the same draft as the whole run wrote
        assert (corpus / r.draft_path).read_bytes() == drafts[r.input]
    before = snapshot(corpus)
    assert main(["ingest", str(PAGES / "news.html"), "--corpus", str(corpus)]) == 0
    assert "1 already there" in capsys.readouterr().err and snapshot(corpus) == before


def test_an_annotated_or_undatable_article_gets_no_draft_again(corpus, tmp_path):
    [news] = ingest([PAGES / "news.html"], corpus, progress=False)
    shutil.move(corpus / news.draft_path, corpus / "annotations" / "reviewed.yaml")  # reviewed and saved
    undated = tmp_path / "undated.txt"
    undated.write_text("Ferry talks resume\n\n" + (PAGES / "plain.txt").read_text().split("\n\n", 2)[2],
                       encoding="utf-8")
    ingest([undated], corpus, progress=False)
    before = snapshot(corpus)
    again = ingest([PAGES / "news.html", undated], corpus, progress=False)
    assert all("already in the corpus" in r.skipped for r in again) and snapshot(corpus) == before


def test_each_result_is_printed_as_it_is_written(corpus, capsys, monkeypatch):
    import helpers.ingest.ingest as module

    seen = []
    original = module.ingest_one

    def watched(path, *args, **kwargs):
        seen.append(capsys.readouterr().out)  # what was printed before this input was read
        return original(path, *args, **kwargs)

    monkeypatch.setattr(module, "ingest_one", watched)
    assert main(["ingest", str(PAGES / "news.html"), str(PAGES / "plain.txt"), "--corpus", str(corpus)]) == 0
    assert seen[0] == "" and "news.html →" in seen[1]


def test_a_link_out_of_the_folder_is_not_followed(corpus, tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    shutil.copy(PAGES / "news.html", folder / "news.html")
    private = tmp_path / "private.txt"
    private.write_bytes((PAGES / "plain.txt").read_bytes())
    (folder / "private.txt").symlink_to(private)
    (folder / "same.html").symlink_to(folder / "news.html")  # a link within the folder is read
    results = ingest([folder], corpus, progress=False)
    refused = next(r for r in results if r.input.endswith("private.txt"))
    assert f"a link to {private.resolve()}, outside {folder}; not followed" in refused.skipped
    assert not any("ferry-operators-sign" in p for p in snapshot(corpus))  # the linked text was not copied
    assert [r.input.rsplit("/", 1)[1] for r in results if r.draft_path] == ["news.html"]
    [given] = ingest([folder / "private.txt"], corpus, progress=False)  # named on the command line: read
    assert given.draft_path


def test_corpus_must_be_a_corpus_or_asked_for(tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine\n", encoding="utf-8")
    for args in ([], ["--new"]):
        assert main(["ingest", str(PAGES / "news.html"), "--corpus", str(home), *args]) == 1
        err = capsys.readouterr().err
        assert ("it has no actors.yaml" if not args
                else "new or empty folder") in err and "Traceback" not in err
    assert sorted(p.name for p in home.iterdir()) == ["notes.txt"]
    fresh = tmp_path / "fresh"
    assert main(["ingest", str(PAGES / "news.html"), "--corpus", str(fresh)]) == 1
    assert "--new" in capsys.readouterr().err and not fresh.exists()
    assert main(["ingest", str(PAGES / "news.html"), "--corpus", str(fresh), "--new"]) == 0
    assert read_yaml(fresh / "actors.yaml", "actors.yaml").data == [] and (fresh / "topics.yaml").is_file()
    assert read_corpus(fresh)[1] == [] and len(list((fresh / "drafts").glob("*.yaml"))) == 1
    assert main(["ingest", str(PAGES / "plain.txt"), "--corpus", str(fresh), "--new"]) == 0  # a corpus now


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "No space left on device"),
                                         (errno.EROFS, "Read-only file system")])
def test_a_write_error_is_said_as_one_and_leaves_nothing(corpus, monkeypatch, capsys, code, words):
    real = Path.write_bytes

    def failing(self, data):
        if self.suffix == ".tmp":
            if code == errno.ENOSPC:
                real(self, b"")  # the file is made, its content does not fit
            raise OSError(code, os.strerror(code))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    before = snapshot(corpus)
    assert main(["ingest", str(PAGES / "news.html"), str(PAGES / "plain.txt"), "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert err.count(f"cannot be written ({words})") == 2 and "cannot be read" not in err
    assert "2 failed" in err
    assert snapshot(corpus) == before and not list(corpus.rglob("*.tmp"))


def test_a_drafter_failure_on_one_input_does_not_stop_the_batch(corpus, tmp_path, capsys, monkeypatch):
    import helpers.ingest.ingest as module

    real = module.draft_text

    def fragile(text, *args, **kwargs):
        if "Harbour café" in text:
            raise ValueError("day is out of range for month")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(module, "draft_text", fragile)
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("news.html", "latin1.txt", "plain.txt"):
        shutil.copy(PAGES / name, folder / name)
    impossible = folder / "impossible.txt"
    impossible.write_text("Published March 3, 2025\n\n" + IMPOSSIBLE, encoding="utf-8")
    assert main(["ingest", str(folder), "--corpus", str(corpus)]) == 1
    out, err = capsys.readouterr()
    assert "the drafter failed on it (ValueError: day is out of range for month); nothing was written" in err
    assert "ingested 3 of 4" in err and "1 failed" in err
    assert out.count(" → ") == 3 and "impossible.txt →" in out
    assert not any("harbour-cafe" in p for p in snapshot(corpus))


IMPOSSIBLE = ("The council must decide by April 31, the mayor said on Monday. The vote "
              "was first set for Feb. 30 and then for June 31, officials said. Operators "
              "said the berths would be ready by Feb. 29, a day that does not exist this "
              "year. The harbour board met on Tuesday and said it would publish its plan. ") * 2


@pytest.mark.slow  # commands in processes of their own, one through a shell pipe
def test_json_output_to_a_closed_pipe_and_another_encoding(corpus, tmp_path):
    env = dict(os.environ, PYTHONIOENCODING="latin-1")
    page = tmp_path / "entities.html"
    shutil.copy(PAGES / "entities.html", page)
    run = subprocess.run([sys.executable, "-m", "helpers", "ingest", str(page), "--corpus", str(corpus)],
                         capture_output=True, env=env, timeout=300)
    assert run.returncode == 0 and b"Traceback" not in run.stderr, run.stderr
    assert b" ? articles/" in run.stdout and b"?Harbour Tycoon Game?" in run.stdout  # "→" and quotes replaced
    shell = (f"{shlex.quote(sys.executable)} -m helpers ingest {shlex.quote(str(PAGES))} "
             f"--corpus {shlex.quote(str(corpus))} --json | head -1; exit ${{PIPESTATUS[0]}}")
    piped = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=300)
    assert piped.stdout == "[\n" and piped.stderr == "" and piped.returncode == 1


ARTICLE = (b"<article><h1>Tram line reopens</h1>" + b"".join(
    b"<p>The transit chief Ilse Varga said on Tuesday that trams will run again by May "
    b"%d, after repairs near the old bridge. Passage %d gives the detail of the works.</p>" % (i + 1, i)
    for i in range(8)) + b"</article>")
HEAD = b"<html><head><title>Tram line reopens</title></head><body>"


@pytest.mark.parametrize("before, after", [
    (b"".join(b"<img src='data:image/png;base64," + b"QUJD" * 200_000 + b"'>" for _ in range(20)), b""),
    (b"<script>var blob = '" + b"x" * 8_000_000 + b"';</script><style>p{}</style>", b""),
    (b"<div class='wrap'>" * 2_000, b"</div>" * 2_000),
    (b"<style>p { color: red }", b""),
    (b"<script>var blob = '" + b"z" * 300_000, b""),
    (b"<script>" + b"el.innerHTML = '<div class=\"zzz\"><p>zzz</p></div>';\n" * 20_000, b""),
], ids=["inline-images", "big-script", "nested-deeper-than-the-parser", "unclosed-style-before",
        "unclosed-big-script-before", "unclosed-script-building-divs"])
def test_a_big_page_with_an_article_in_it_gives_its_text(before, after):
    page = read_page(HEAD + before + ARTICLE + after + b"</body></html>")
    assert "Ilse Varga said on Tuesday" in page.text and "Passage 7" in page.text and "zzz" not in page.text


STANDFIRST = (b"<p>The tram line through the old town reopens next month after a year of "
              b"repairs, the city said, and the first trams will run on the new timetable from "
              b"the first Monday, with night services added on weekends and more stops near "
              b"the hospital, the university and the new housing estates along the river, "
              b"where many residents had asked for them during the long consultation.</p>")


@pytest.mark.parametrize("tag, standfirst", [(b"span", b""), (b"section", b""), (b"div", STANDFIRST),
                                             (b"span", STANDFIRST)])
def test_paragraphs_nested_deeper_than_the_parser_reads_without_an_article_element(tag, standfirst):
    paragraphs = ARTICLE.replace(b"<article>", b"").replace(b"</article>", b"")
    page = read_page(HEAD + b"<h1>Tram line reopens</h1>" + standfirst + b"<%s>" % tag * 600 + paragraphs
                     + b"</%s>" % tag * 600 + b"</body></html>")
    assert "Ilse Varga said on Tuesday" in page.text and "Passage 7" in page.text


def test_without_bulk_keeps_json_ld_and_text():
    from helpers.ingest.page_metadata import without_bulk

    raw = (b'<script type="application/ld+json">{"headline": "Kept"}</script><Script src=a.js>code()</sCRIPT>'
           b"<p>text</p><img src='data:image/gif;base64," + b"R0lG" * 100 + b"'><style>.a{}</style>")
    out = without_bulk(raw)
    assert b'{"headline": "Kept"}' in out and b"<p>text</p>" in out
    assert b"code()" not in out and b"R0lG" not in out and b".a{}" not in out


def test_a_new_kind_of_input_is_one_reader(corpus, tmp_path, monkeypatch):
    from helpers.ingest import readers
    from helpers.ingest.page_metadata import Page

    def read_markdown(raw, path):
        text = raw.decode("utf-8").replace("# ", "", 1)
        return readers.Captured(text, Page(text, title=text.splitlines()[0], published=dt.date(2024, 5, 2)),
                                raw)
    monkeypatch.setitem(readers.READERS, ".md", read_markdown)
    page = tmp_path / "in" / "note.md"
    page.parent.mkdir()
    body = (
        "The harbour master Ines Calvo said the quay will reopen by June 3, after repairs to the crane. " * 5
    )
    page.write_text(f"# Quay to reopen\n\n{body}\n", encoding="utf-8")
    [result] = ingest([page.parent], corpus, progress=False)
    assert result.skipped is None and result.title == "Quay to reopen" and result.published == "2024-05-02"
    assert result.source_path.endswith(".md") and (corpus / result.text_path).read_text().startswith("Quay")


def test_a_text_run_together_on_one_line_has_no_title_and_is_named_by_its_first_words(corpus, tmp_path):
    body = " ".join((PAGES / "plain.txt").read_text().split())
    one_line = tmp_path / "one-line.txt"
    one_line.write_text(body, encoding="utf-8")
    [result] = ingest([one_line], corpus, reference=dt.date(2019, 3, 30), progress=False)
    assert result.title is None and result.draft_path
    first = "-".join(re.findall(r"[a-z0-9]+", body.lower())[:3])
    assert result.article_id.startswith(f"{result.published}_{first}")
    assert (corpus / result.text_path).read_text(encoding="utf-8") == body  # kept as it is
