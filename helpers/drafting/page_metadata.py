"""What a saved news page says about itself: main text, title, date, author, outlet, address, language.

trafilatura finds the main text and most metadata. The publication date and
the byline are read first from the page's own machine-readable statements —
JSON-LD ``datePublished``/``author`` of the article, then ``<meta>`` tags such
as ``article:published_time`` — because trafilatura's date search can return a
capture or update date instead (a page saved in 2023 of a 2020 story).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle", "report",
                 "liveblogposting", "webpage"}
# <meta> names that state the publication (not update) time, best first
DATE_METAS = ["article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
              "publish-date", "date", "dc.date.issued", "dcterms.created", "dc.date", "sailthru.date",
              "parsely-pub-date", "article_date_original", "datecreated", "originalpublicationdate"]
AUTHOR_METAS = ["article:author", "author", "byl", "dc.creator", "parsely-author", "sailthru.author", "article_author"]


@dataclass
class Page:
    text: str                       # the main text, paragraphs separated by blank lines
    title: str | None
    published: dt.date | None
    published_basis: str | None     # where the date was read, e.g. "page metadata: article:published_time (…)"
    author: str | None
    outlet: str | None
    url: str | None
    language: str | None            # what the page declares (<html lang>, og:locale)
    notes: list[str] = field(default_factory=list)


def read_page(raw: bytes) -> Page:
    """Main text and metadata of one saved page (pure)."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(raw)
    if tree is None:
        return Page("", None, None, None, None, None, None, None, ["not an HTML page"])
    # no deduplicate=True: trafilatura keeps its seen-text cache for the whole process, so a page read twice (or a
    # second page of the same site) would lose paragraphs, and what a page yields would depend on what came before
    doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=False)
    found = doc.as_dict() if doc is not None else {}
    ld = _ld_article(tree)
    metas = _metas(tree)
    published, basis = _published(ld, metas, tree, found.get("date"))
    return Page(
        text=paragraphs(found.get("text") or ""),
        title=_without_outlet(_clean(_ld_text(ld.get("headline")) or found.get("title") or metas.get("og:title")),
                              _clean(found.get("sitename") or metas.get("og:site_name"))),
        published=published,
        published_basis=basis,
        author=_author(ld, metas, found.get("author"), found.get("sitename")),
        outlet=_clean(found.get("sitename") or metas.get("og:site_name")),
        url=_clean(found.get("url") or metas.get("og:url")),
        language=_declared_language(tree, metas),
    )


def paragraphs(text: str) -> str:
    """Main text as paragraphs separated by blank lines (how the corpus keeps passages), furniture trimmed.

    A line broken inside a sentence (``<br>`` in the page) is joined to the next when that one goes on in
    lower case; the page's closing furniture (copyright, "Write to … at …@", reading lists) is dropped.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    joined: list[str] = []
    for line in filter(None, lines):
        if joined and not re.search(r"[.!?:;\"”’)\]]$", joined[-1]) and re.match(r"[a-z]", line):
            joined[-1] += " " + line
        elif not re.fullmatch(r"(?i)advertisement|story continues below( advertisement)?|\[?ad\]?", line):
            joined.append(line)
    return "\n\n".join(_without_tail(joined))


# Closing lines that belong to the page, not the story.
TAIL = re.compile(r"(?i)^(?:.*(?:©|\(c\) \d{4}|all rights reserved|copyright \d{4}).*"
                  r"|write to .{2,80} at \S+@\S+|(?:more )?must[- ]reads?\b.*|read more:?"
                  r"|related(?: stories| articles)?:?"
                  r"|more from .{2,40}|sign up\b.*|(?:the[- ])?cnn[- ]wire|follow (?:us|\w+) on .{2,40})$")


def _without_tail(lines: list[str]) -> list[str]:
    """Lines up to the page's closing furniture: a furniture line and any list items after it are cut."""
    end = len(lines)
    while end and (TAIL.match(lines[end - 1]) or lines[end - 1].startswith("- ") and
                   any(TAIL.match(line) for line in lines[max(0, end - 12):end - 1])):
        end -= 1
    return lines[:end] or lines


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.replace("\u00a0", " ").split())
    return value or None


def _without_outlet(title: str | None, outlet: str | None) -> str | None:
    """'Headline -- Outlet' or 'Outlet | Headline' becomes 'Headline' (browser titles carry the site's name)."""
    if not title or not outlet:
        return title
    names = {outlet, outlet.split(" | ")[0], outlet.split(" - ")[0]}
    for name in sorted(names, key=len, reverse=True):
        esc = re.escape(name)
        cut = re.sub(rf"\s*(?:--|[|–—:-])\s*{esc}\s*$", "", title)
        cut = re.sub(rf"^{esc}(?:\s*[|:–—-])*\s*", "", cut) if cut == title else cut
        if cut != title and len(cut) >= 10:
            return cut
    return title


# ---- JSON-LD and <meta> -------------------------------------------------------------------------

def _ld_items(tree):
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content(), strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity"))
                yield item


def _types(item) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _ld_article(tree) -> dict:
    """The page's JSON-LD article (an article type with a publication date; a bare WebPage last)."""
    best, rank = {}, 99
    for item in _ld_items(tree):
        kinds = _types(item) & ARTICLE_TYPES
        if not kinds or not item.get("datePublished"):
            continue
        item_rank = 1 if kinds == {"webpage"} else 0
        if item_rank < rank:
            best, rank = item, item_rank
    return best


def _ld_text(value) -> str | None:
    return value if isinstance(value, str) else None


def _metas(tree) -> dict[str, str]:
    out: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if key:
            out.setdefault(key.strip().lower(), meta.get("content").strip())
    return out


# ---- date ---------------------------------------------------------------------------------------

def parse_day(value: str) -> dt.date | None:
    """The calendar day a stated timestamp names, as written (its own time zone), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    iso = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    try:
        if iso:
            return dt.date(*map(int, iso.groups()))
        from dateutil import parser
        return parser.parse(value, fuzzy=True, default=dt.datetime(1, 1, 1)).date() \
            if re.search(r"\b(19|20)\d\d\b", value) else None
    except (ValueError, OverflowError):
        return None


def _plausible(day: dt.date | None) -> bool:
    return day is not None and 1900 <= day.year <= dt.date.today().year + 1


def _published(ld: dict, metas: dict, tree, extracted: str | None) -> tuple[dt.date | None, str | None]:
    stated = _ld_text(ld.get("datePublished"))
    if _plausible(day := parse_day(stated)):
        return day, f"page metadata: JSON-LD datePublished ({stated})"
    for name in DATE_METAS:
        if _plausible(day := parse_day(metas.get(name))):
            return day, f"page metadata: {name} ({metas[name]})"
    from htmldate import find_date
    guess = find_date(tree, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    if _plausible(day := parse_day(guess)):
        return day, "found in the page by htmldate (no publication metadata): check it"
    if _plausible(day := parse_day(extracted)):
        return day, "found in the page by trafilatura (no publication metadata): check it"
    return None, None


# ---- author, language ---------------------------------------------------------------------------

def _names(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _author(ld: dict, metas: dict, extracted: str | None, outlet: str | None) -> str | None:
    names = [n for n in (_clean(v) for v in _names(ld.get("author"))) if n]
    if not names:
        for key in AUTHOR_METAS:
            value = _clean(metas.get(key))
            # a profile URL or the publisher's name is not a byline
            if value and not value.startswith("http") and value != _clean(outlet):
                names = [value]
                break
    if not names and extracted:
        names = [extracted]
    unique = list(dict.fromkeys(names))
    return "; ".join(unique) if unique else None


def _declared_language(tree, metas: dict) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or metas.get("og:locale") \
        or metas.get("inlanguage") or metas.get("content-language") or metas.get("language")
    lang = (lang or "").strip().replace("_", "-").lower()
    return lang.split("-")[0] or None if lang else None


# The commonest English words: a page whose text hardly uses them is not in English, whatever it declares.
ENGLISH = set("""the of and to a in is that for it on was with as he be by at from his are this have but not
an they which or had has were their been will would said who we its more one there after about also
than when what can all new into up out if our last other she two over her you so some them no people""".split())


def english_share(text: str) -> float:
    """The share of words that are among English's commonest (about 0.4 in English news, near 0 otherwise)."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:5000]
    return sum(w in ENGLISH for w in words) / len(words) if words else 0.0
