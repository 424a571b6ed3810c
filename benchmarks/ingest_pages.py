"""Reading saved news pages: newsdesk's ingest beside trafilatura's defaults on the same pages.

    python -m benchmarks.ingest_pages [--pages FOLDER]

The pages are the English news pages saved in the test data of the
newspaper4k 0.9.6 source release (CNN, TIME, WIRED, cleveland.com, FOX 13,
Sott.net, LinkNaija, ONE Esports), fetched once from PyPI into
.cache/bench/pages; their expected main texts come with them. Publication
dates, bylines and headlines below were read off each page by hand. For each page:
date right, byline right, title right, and the main text's word overlap with the expected
text (recall: story kept; precision: furniture dropped). Prints a table and
the totals; exits 0 with a message when the pages cannot be fetched.
"""
from __future__ import annotations

import argparse
import collections
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

RELEASE = "newspaper4k==0.9.6"
CACHE = Path(".cache/bench/pages")
# page: (publication date, the byline's names by surname (() when the page names no author), its headline or
# headlines as the page shows them (<h1>, and its og:title where that words it otherwise), without the site's
# name)
TRUTH = {
    "cnn_001": ("2023-11-06", ("Biskupic",),
                ("The nonstop sparring match between the conservative "
                 "justice and liberal Biden attorney at the Supreme Court",)),
    "cnn_002": ("2023-11-06", ("Herb", "del Valle", "Scannell"),
                ("Takeaways from Donald Trump's contentious testimony in his civil fraud trial",)),
    "cnn_article": ("2013-11-27", ("Ford", "Corey", "Wang", "Watkins"),
                    ("After storm, forecasters see smooth sailing for Thanksgiving",)),
    "cnn_test_nlp": ("2016-12-18", ("Bradner",),
                     ("Gates on Tillerson and Russia: 'Being friendly doesn't make you friends'",)),
    "cleveland.com1": ("2014-12-27", ("National Desk",),
                       ("Let me Google that for you: 2014's most popular food-related searches",)),
    "fox13now_001": ("2013-12-30", ("CNN Wire",), ("New Year, new laws: Obamacare, pot, guns and drones",)),
    "time_001": ("2023-11-02", ("de la Garza",),
                 ("We Need Geoengineering to Stop Out of Control "
                  "Warming, Warns Climate Scientist James Hansen",
                  "We Need Geoengineering to Stop Out of Control Warming Says James Hansen")),
    "wired_001": ("2023-11-07", ("Bennett",),
                  ("Intensified Israeli Surveillance Has Put the West Bank on Lockdown",)),
    "article_with_br": ("2020-05-14", (),
                        ("'The American friends': New court files expose Sheldon Adelson's "
                         "security team involved in US spy operation against Julian Assange",)),
    "article_with_divs": ("2018-10-06", ("LinkNaija",),
                          ("Nollywood Actress, Kate Henshaw Is Looking Stunning In New Photos",)),
    "video_article_02": ("2023-11-19", ("Tan",),
                         ("Faker wins 4th title as T1 embody Heartsteel's "
                          "song to become your Worlds 2023 champion!",)),
}


def title_right(title: str, headlines: tuple[str, ...]) -> bool:
    """One of the page's headlines, quotes and spaces aside (a site's name or a date left on it is wrong)."""
    def fold(text: str) -> str:
        return " ".join((text or "").translate(str.maketrans("‘’“”", "''\"\"")).split())
    return fold(title) in {fold(h) for h in headlines}


def byline_right(author: str, names: tuple[str, ...]) -> bool:
    """Every name of the byline, and no other (a publisher or a video's author is wrong)."""
    given = [n for n in re.split(r"\s*(?:;|,|\band\b)\s*", author or "") if n and n != "CNN"]
    return len(given) == len(names) and all(any(name in g for g in given) for name in names)


def fetch(folder: Path) -> Path | None:
    """The pages folder (html/ and txt/), fetched from PyPI on first use."""
    if (folder / "html").is_dir():
        return folder
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary",
                               ":all:", "--dest", tmp, RELEASE], capture_output=True, text=True)
        archives = list(Path(tmp).glob("*.tar.gz"))
        if done.returncode or not archives:
            return None
        with tarfile.open(archives[0]) as tar:
            for member in tar.getmembers():
                parts = Path(member.name).parts
                if len(parts) >= 4 and parts[1:3] == ("tests", "data") and parts[3] in ("html", "txt") \
                        and member.isfile():
                    target = folder / parts[3] / parts[-1]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(tar.extractfile(member).read())
    return folder


def words(text: str) -> collections.Counter:
    return collections.Counter(re.findall(r"\w+", (text or "").lower()))


def overlap(got: str, expected: str) -> tuple[float, float]:
    g, e = words(got), words(expected)
    common = sum((g & e).values())
    return common / max(1, sum(e.values())), common / max(1, sum(g.values()))


def defaults(raw: bytes) -> dict:
    import trafilatura
    doc = trafilatura.bare_extraction(raw, with_metadata=True)
    return doc.as_dict() if doc is not None else {}


def ours(raw: bytes) -> dict:
    from helpers.ingest.page_metadata import read_page
    page = read_page(raw)
    return {"date": page.published.isoformat() if page.published else None, "author": page.author,
            "text": page.text, "title": page.title}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", default=str(CACHE), help=f"folder for the pages (default: {CACHE})")
    args = parser.parse_args(argv)
    folder = fetch(Path(args.pages))
    if folder is None:
        print(f"could not fetch {RELEASE} from PyPI; nothing to measure")
        return 0
    rows, totals = [], collections.defaultdict(float)
    for name, (day, byline, headlines) in TRUTH.items():
        raw = (folder / "html" / f"{name}.html").read_bytes()
        expected = (folder / "txt" / f"{name}.txt").read_text(encoding="utf-8")
        for tool, read in (("trafilatura defaults", defaults), ("newsdesk ingest", ours)):
            t0 = time.perf_counter()
            got = read(raw)
            seconds = time.perf_counter() - t0
            author = got.get("author") or ""
            date_ok = got.get("date") == day
            author_ok = byline_right(author, byline)
            title_ok = title_right(got.get("title"), headlines)
            recall, precision = overlap(got.get("text"), expected)
            rows.append((name, tool, got.get("date"), date_ok, author[:40], author_ok, title_ok, recall,
                         precision))
            for key, value in (("date", date_ok), ("author", author_ok), ("title", title_ok),
                               ("recall", recall),
                               ("precision", precision), ("seconds", seconds)):
                totals[tool, key] += value
    print(f"{'page':<18} {'tool':<21} {'date':<11} ok {'author':<40} ok title recall precision")
    for name, tool, got_day, dok, author, aok, tok, rec, prec in rows:
        print(f"{name:<18} {tool:<21} {str(got_day):<11} {'✓' if dok else '✗'}  {author:<40} "
              f"{'✓' if aok else '✗'}  {'✓' if tok else '✗'}    {rec:.2f}   {prec:.2f}")
    n = len(TRUTH)
    print(f"\n{n} pages of 8 outlets; text overlap is by words with the expected main text")
    for tool in ("trafilatura defaults", "newsdesk ingest"):
        print(f"{tool:<21} dates right {totals[tool, 'date']:.0f}/{n}, bylines right "
              f"{totals[tool, 'author']:.0f}/{n}, titles right {totals[tool, 'title']:.0f}/{n}, mean "
              f"recall {totals[tool, 'recall'] / n:.3f}, mean precision "
              f"{totals[tool, 'precision'] / n:.3f}, {totals[tool, 'seconds'] / n * 1000:.0f} ms per page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
