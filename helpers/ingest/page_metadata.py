"""What a saved news page says about itself: main text, title, date, author, outlet, address, language.

trafilatura finds the main text and most metadata. The publication date and
the byline are read first from the page's own machine-readable statements —
JSON-LD ``datePublished``/``author`` of the article, then ``<meta>`` tags such
as ``article:published_time`` — because trafilatura's date search can return a
capture or update date instead (a page saved in 2023 of a 2020 story). A UTC
timestamp gives way to the publisher's local day (a stated time with an offset,
or the day the page prints). What trafilatura leaves wrong on news pages is
mended here: the standfirst it drops is put back, closing furniture it keeps
is cut, and titles lose the site's name and date, bylines what follows the
names, both their HTML entities.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle",
                 "report",
                 "liveblogposting", "webpage"}
# <meta> names that state the publication (not update) time, best first
DATE_METAS = ["article:published_time", "og:article:published_time", "datepublished", "pubdate",
              "publishdate",
              "publish-date", "date", "dc.date.issued", "dcterms.created", "dc.date", "sailthru.date",
              "parsely-pub-date", "article_date_original", "datecreated", "originalpublicationdate"]
AUTHOR_METAS = ["article:author", "author", "byl", "dc.creator", "parsely-author", "sailthru.author",
                "article_author"]


@dataclass
class Page:
    """What an input says about itself; a plain text has only its text, first line and stated date."""

    text: str                       # the main text, paragraphs separated by blank lines
    title: str | None = None
    published: dt.date | None = None
    # where the date was read, e.g. "page metadata: article:published_time (…)"
    published_basis: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None     # what the page declares (<html lang>, og:locale)
    notes: list[str] = field(default_factory=list)


def read_page(raw: bytes) -> Page:
    """Main text and metadata of one saved page (pure)."""
    from trafilatura.utils import load_html

    raw = without_bulk(raw)
    tree = load_html(raw)
    if tree is None:
        return Page("", notes=["not an HTML page"])
    # no deduplicate=True: trafilatura keeps its seen-text cache for the whole process, so a page read twice
    # (or a
    # second page of the same site) would lose paragraphs, and what a page yields would depend on what came
    # before
    found = _extract(tree)
    if (len(found.get("text") or "") < _SHORT or _too_deep(raw)) and \
            (flat := load_html(_CONTAINER.sub(b" ", raw))) is not None:
        # the HTML parser stops at 256 nested elements, so the text of a page nested deeper is lost; its
        # <div>s and <span>s carry no text of their own, and without them the paragraphs are reached
        if len((again := _extract(flat)).get("text") or "") > len(found.get("text") or ""):
            found, tree = again, flat
    ld = _ld_article(tree)
    metas = _metas(tree)
    published, basis = _published(ld, metas, tree, found.get("date"))
    outlet = _clean(found.get("sitename") or metas.get("og:site_name"))
    url = _clean(found.get("url") or metas.get("og:url"))
    title = title_without_site(_clean(_ld_text(ld.get("headline")) or found.get("title")
                                      or metas.get("og:title")),
                               _site_names(outlet, ld, metas, url))
    text = main_text_paragraphs(found.get("text") or "")
    return Page(
        text=with_standfirst(text, _standfirst(tree, ld, metas), title),
        title=title,
        published=published,
        published_basis=basis,
        author=_author(ld, metas, found.get("author"), found.get("sitename")),
        outlet=outlet,
        url=url,
        language=_declared_language(tree, metas),
    )


# an inline image's payload; scripts and styles other than the article's JSON-LD; none of them is article
# text,
# and left in, a page of inline images or a 10 MB script makes trafilatura give up on the text after them
_DATA_URI = re.compile(rb"(?i)\bdata:[a-z0-9.+/-]*(?:;[a-z0-9=.+-]*)*,[A-Za-z0-9+/=%\s]{256,}")
_BULK_OPEN = re.compile(rb"(?i)<(script|style)\b([^>]*)>")
_JSON_LD = re.compile(rb"(?i)application/ld\+json")
_SHORT = 300  # characters of main text below which a page is read again without its containers
_BLOCK = re.compile(rb"(?i)<(?:body|main|article|section|header|div|p|h[1-6]|ul|ol|table|figure|"
                    rb"blockquote)\b")
# where an unclosed script's body is taken to end, most telling first: code often builds <div>s in its strings
_STARTS = (re.compile(rb"(?i)<(?:article|main)\b"), re.compile(rb"(?i)<h1\b"), _BLOCK)
_CONTAINER = re.compile(rb"(?i)</?(?:div|span|section|font)\b[^>]*>")
_CLOSE = {b"script": re.compile(rb"(?i)</script"), b"style": re.compile(rb"(?i)</style")}


def _extract(tree) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=False)
    return doc.as_dict() if doc is not None else {}


def _too_deep(raw: bytes) -> bool:
    """Whether the HTML parser stops short of some of the page: elements nested beyond its 256 levels (asked
    of the parser itself, only for a page with that many containers at all)."""
    if len(_CONTAINER.findall(raw, 0, 1 << 24)) < 256:
        return False
    from lxml import etree
    parser = etree.HTMLParser(recover=True)
    etree.fromstring(raw, parser)
    return any("Excessive depth" in error.message for error in parser.error_log)


def without_bulk(raw: bytes) -> bytes:
    """The page without inline data-URI payloads and without the bodies of its scripts and styles, JSON-LD
    kept (pure). Linear in the page: each body is skipped to its own closing tag; an unclosed tag is dropped
    alone."""
    raw = _DATA_URI.sub(b"data:,", raw)
    kept, at = [], 0
    while (tag := _BULK_OPEN.search(raw, at)) is not None:
        if _JSON_LD.search(tag.group(2)):
            kept.append(raw[at:tag.end()])
            at = tag.end()
            continue
        close = _CLOSE[tag.group(1).lower()].search(raw, tag.end())
        kept.append(raw[at:tag.end()] if close else raw[at:tag.start()])
        if close:
            at = close.start()
        # unclosed: its body runs to where the article begins, else to the next element of a page's text
        else:
            block = next((m for rx in _STARTS if (m := rx.search(raw, tag.end()))), None)
            at = block.start() if block else len(raw)
    kept.append(raw[at:])
    return b"".join(kept)


def main_text_paragraphs(text: str) -> str:
    """Main text as paragraphs separated by blank lines (how the corpus keeps passages), furniture trimmed.

    A line broken inside a sentence (``<br>`` in the page) is joined to the next when that one goes on in
    lower case; the page's closing furniture (copyright, "Write to … at …@", reading lists, newsletter
    sign-ups, the publisher's standards) and its inline promotions ("Read more: …") are dropped.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    joined: list[str] = []
    for line in filter(None, lines):
        if joined and not re.search(r"[.!?:;\"”’)\]]$", joined[-1]) and re.match(r"[a-z]", line):
            joined[-1] += " " + line
        elif not (ADVERT.fullmatch(line) or PROMOTION.fullmatch(line)):
            joined.append(line)
    return "\n\n".join(_without_tail(joined))


ADVERT = re.compile(r"(?i)advertisement|story continues below( advertisement)?|\[?ad\]?")
# A line anywhere in the text that points elsewhere: a link to another story, a newsletter pitch.
PROMOTION = re.compile(r"(?i)(?:read more|related(?: coverage| stories| articles)?|see also|also read|read "
                       r"also|recommended(?: reading)?|more on this(?: story)?)\s*:.{0,150}|(?:sign "
                       r"up|subscribe|get|join)\b.{0,120}\b(?:newsletters?|by e-?mail|inbox)\b.{0,80}")
# Closing lines that belong to the page, not the story.
TAIL = re.compile(r"(?i)^(?:.*(?:©|\(c\) \d{4}|all rights reserved|copyright \d{4}).*|write to .{2,80} "
                  r"at \S+@\S+|(?:more )?must[- ]reads?\b.*|read more:?|related(?: stories| articles| "
                  r"coverage)?:?|more from .{2,40}|sign up\b.*|(?:the[- ])?cnn[- ]wire|follow (?:us|\w+) "
                  r"on .{2,40}|(?!.*[.!?\"”’]$).{0,60}\bnewsletters?\b.{0,60}|(?:e-?mail|newsletter) "
                  r"address|by (?:signing up|subscribing)\b.*|subscribe\b.{0,100}|(?:our standards: "
                  r")?.{0,60}\btrust principles\.?|(?:recommended|you (?:may|might) also like|most "
                  r"(?:read|popular)|more stories|see also):?)$")
# words of a button or link label ("Get it", a related headline) left after a closing furniture line
SHORT = 8


def _without_tail(lines: list[str]) -> list[str]:
    """Lines up to the page's closing furniture: a furniture line and the list items or short labels after
    it."""
    end = len(lines)
    while end and (TAIL.match(lines[end - 1]) or _label(lines[end - 1]) and
                   any(TAIL.match(line) for line in lines[max(0, end - 12):end - 1])):
        end -= 1
    return lines[:end] or lines


def _label(line: str) -> bool:
    """A list item, or a few words with no closing full stop: a link or a button rather than a sentence."""
    return line.startswith("- ") or len(line.split()) <= SHORT and not re.search(r"[.!?\"”’]$", line)


def _clean(value) -> str | None:
    """A metadata string on one line, its HTML entities read (once: lxml reads the page's own, and a value
    escaped twice, ``&amp;#8216;``, or JSON-LD's raw ``&#8216;`` still carries one)."""
    if not isinstance(value, str):
        return None
    value = " ".join(html.unescape(value).replace("\u00a0", " ").split())
    return value or None


# ---- title --------------------------------------------------------------------------------------

# Between a headline and the site's name or a date in a browser title: "Headline | Outlet", "Outlet -
# Headline".
SEPARATOR = re.compile(r"(\s+(?:[|–—·:-]|--)\s+|\s*[|·]\s*|:\s+)")
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_SEGMENT = re.compile(rf"(?i)(?:[a-z]+day,? )?(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|\d{{1,2}} "
                          rf"{MONTH},? \d{{4}}|{MONTH} \d{{1,2}},? \d{{4}})(?:,? \d{{1,2}}[:.]\d\d.*)?")


def title_without_site(title: str | None, sites: set[str]) -> str | None:
    """The headline alone: a leading or trailing segment naming the site (one of ``sites``, keys from
    ``site_keys``) and a trailing date are cut, as long as ten characters of headline remain."""
    if not title:
        return title
    parts = SEPARATOR.split(title)  # segment, separator, segment, …
    while len(parts) > 2 and (_names_site(parts[-1], sites) or DATE_SEGMENT.fullmatch(parts[-1].strip())):
        parts = parts[:-2]
    while len(parts) > 2 and _names_site(parts[0], sites):
        parts = parts[2:]
    cut = "".join(parts).strip()
    return cut if len(cut) >= 10 else title


def site_keys(name: str) -> set[str]:
    """How a site's name compares: lower case, letters and digits only, with and without a leading "the"."""
    key = re.sub(r"[\W_]+", "", name.lower())
    return {key, key.removeprefix("the")} - {""}


def _names_site(segment: str, sites: set[str]) -> bool:
    """The segment is the site's name, or the name and a section of it ("CNN Politics")."""
    words = segment.split()
    return bool(site_keys(segment) & sites) or 1 < len(words) <= 3 and bool(site_keys(words[0]) & sites)


# not a site's name
DOMAIN_WORDS = {"co", "com", "org", "net", "gov", "ac", "edu", "news", "m", "amp", "edition"}


def _site_names(outlet: str | None, ld: dict, metas: dict, url: str | None) -> set[str]:
    """Keys of every name the page gives its site: og:site_name, application-name, the JSON-LD publisher,
    each part of a two-part name ("LinkNaija | Nigeria's news"), and the domain ("timesofisrael")."""
    publisher = ld.get("publisher")
    names = [outlet, metas.get("og:site_name"), metas.get("application-name"),
             metas.get("apple-mobile-web-app-title"),
             _ld_text(publisher.get("name")) if isinstance(publisher, dict) else None]
    names = [n for n in map(_clean, names) if n]
    names += [part for n in names for part in re.split(r"\s+[|–—-]\s+", n)]
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    names += [host,
              *(label for label in host.split(".")[:-1] if label not in DOMAIN_WORDS)] if "." in host else []
    return {key for name in names for key in site_keys(name)}


# ---- standfirst ---------------------------------------------------------------------------------

# class names of the summary under a headline ("article__standfirst", "dek", "sub-headline")
STANDFIRST_CLASS = re.compile(r"(?i)(?:^|[-_])(?:standfirst|dek|deck|strapline|sub-?headline|sub-?title|"
                              r"summary|lede"
                              r"|intro|teaser|excerpt|description)$")
FURNITURE_TAGS = {"nav", "aside", "footer", "figure", "figcaption", "li", "form", "button"}
MEDIA = ("self::script or self::style or self::img or "
         "self::picture or self::video or self::iframe or self::svg")


def _standfirst(tree, ld: dict, metas: dict) -> str | None:
    """The summary paragraph under the headline: the first element after the <h1> marked as one, or showing
    the page's own description, of 8 to 80 words and outside navigation, lists and captions."""
    description = _fold(_clean(_ld_text(ld.get("description")) or metas.get("og:description")
                               or metas.get("description")) or "")
    for element in tree.xpath("(//h1)[1]/following::*[self::p or self::h2 or self::div or self::span]")[:20]:
        words = _clean(element.text_content()) or ""
        if not 8 <= len(words.split()) <= 80 or any(a.tag in FURNITURE_TAGS
                                                    for a in element.iterancestors()) \
                or element.xpath(f"descendant::*[{MEDIA}]"):
            continue  # a caption, a teaser in a list, a video's title: not the story's summary
        marked = any(STANDFIRST_CLASS.search(c) for c in (element.get("class") or "").split())
        if marked or description and _fold(words) == description:
            return words
    return None


def with_standfirst(text: str, standfirst: str | None, title: str | None) -> str:
    """The main text with the standfirst leading it (after the headline when the text starts with it), unless
    the text already holds it."""
    if not standfirst or not text or _fold(standfirst)[:80] in _fold(text):
        return text
    paras = text.split("\n\n")
    at = 1 if title and _fold(paras[0]) == _fold(title) else 0
    return "\n\n".join(paras[:at] + [standfirst] + paras[at:])


def _fold(text: str) -> str:
    """Text as compared: lower case, quotes and dashes alike, one space between words."""
    text = text.translate(str.maketrans("‘’“”–—", "''\"\"--"))
    return " ".join(text.lower().split())


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

def page_day(value: str) -> dt.date | None:
    """The calendar day a stated timestamp names, as written (its own time zone), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    iso = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    try:
        if iso:
            return dt.date(*map(int, iso.groups()))
        from dateutil import parser
        return parser.parse(value, fuzzy=True, ignoretz=True, default=dt.datetime(1, 1, 1)).date() \
            if re.search(r"\b(19|20)\d\d\b", value) else None
    except (ValueError, OverflowError):
        return None


def _plausible(day: dt.date | None) -> bool:
    return day is not None and 1900 <= day.year <= dt.date.today().year + 1


def _published(ld: dict, metas: dict, tree, extracted: str | None) -> tuple[dt.date | None, str | None]:
    stated = [("JSON-LD datePublished", _ld_text(ld.get("datePublished")))] + [(n, metas.get(n))
                                                                               for n in DATE_METAS]
    found = [(name, value, day) for name, value in stated if _plausible(day := page_day(value))]
    if found:
        utc = UTC.search(found[0][1].strip())
        return local_day(found, _printed_days(tree, found[0][2].year) if utc else set())
    from htmldate import find_date
    guess = find_date(tree, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    if _plausible(day := page_day(guess)):
        return day, "found in the page by htmldate (no publication metadata): check it"
    if _plausible(day := page_day(extracted)):
        return day, "found in the page by trafilatura (no publication metadata): check it"
    return None, None


UTC = re.compile(r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(?:Z|[+-]00:?00)$", re.I)


def local_day(found: list[tuple[str, str, dt.date]], printed: set[dt.date]) -> tuple[dt.date, str]:
    """The publication day as the publisher's readers saw it, from the stated timestamps (best first).

    A UTC timestamp (``…T02:25Z``) can fall on the day after the publisher's own evening, so a stated time
    with the publisher's offset, or else a neighbouring day the page prints, wins over it.
    """
    name, value, day = found[0]
    basis = f"page metadata: {name} ({value})"
    if not UTC.search(value.strip()):
        return day, basis
    for other, stated, local in found[1:]:
        if not UTC.search(stated.strip()) and abs((local - day).days) <= 1:
            return local, f"page metadata: {other} ({stated}), the publisher's time of {name} ({value})"
    shown = {p for p in printed if abs((p - day).days) == 1} if day not in printed else set()
    if len(shown) == 1:
        [local] = shown
        return local, f"{basis}, UTC; the page prints {local:%B} {local.day}"
    return day, basis


def _printed_days(tree, year: int) -> set[dt.date]:
    """Days the page shows as its date: <time> elements and short date or byline lines (their text, "February
    24" read in ``year`` when it names none, or a ``datetime`` with an offset)."""
    days = set()
    marked = tree.xpath('//time | //*[contains(@class, "date") or contains(@class, "time") or '
                        'contains(@class, "byline") or contains(@class, "publish")]')
    for element in marked[:30]:
        shown = _clean(element.text_content()) or ""
        if re.search(r"(?i)updated|modified|edited", shown + " ".join(element.attrib.values())):
            continue  # the day it changed, not the day it came out
        stamp = element.get("datetime") or ""
        for day in (_shown_day(shown, year) if len(shown.split()) <= 12 else None,
                    page_day(stamp) if stamp and not UTC.search(stamp.strip()) else None):
            if _plausible(day):
                days.add(day)
    return days


def _shown_day(shown: str, year: int) -> dt.date | None:
    """The day a printed date names ("February 24, 2020", "24 Feb"), in ``year`` when it gives none."""
    if not re.search(rf"(?i)\b{MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTH}", shown):
        return page_day(shown)
    from dateutil import parser
    try:
        return parser.parse(shown, fuzzy=True, ignoretz=True, default=dt.datetime(year, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


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
        names = [_clean(extracted) or ""]
    unique = list(dict.fromkeys(n for name in names for part in name.split(";") if (n := byline_names(part))))
    return "; ".join(unique) if unique else None


# Where a byline's names end: the page's separators, "Updated …", "Published …", a date.
BYLINE_END = re.compile(r"(?i)\s*(?:[·•|]|\b(?:last )?(?:updated|published|posted)\b|"
                        r"\b[a-z]+day\b,?\s+(?=\S*\d)"
                        rf"|\b{MONTH}\s+\d{{1,4}}\b|\b\d{{1,2}}\s+{MONTH}(?:\s|$)|"
                        rf"\b\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}\b).*$")


def byline_names(byline: str) -> str:
    """The names of a byline line: "By A and B · Updated 15 March 2019" gives "A and B"."""
    names = BYLINE_END.sub("", re.sub(r"(?i)^\s*by\s+", "", byline))
    return names.strip(" ,;:-–—")


def _declared_language(tree, metas: dict) -> str | None:
    lang = (
        tree.get("lang")
        or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
        or metas.get("og:locale")
        or metas.get("inlanguage")
        or metas.get("content-language")
        or metas.get("language")
    )
    lang = (lang or "").strip().replace("_", "-").lower()
    return lang.split("-")[0] or None if lang else None


# The commonest English words: a page whose text hardly uses them is not in English, whatever it declares.
ENGLISH = set("""the of and to a in is that for it on was with as he be by at from his are this have but not
an they which or had has were their been will would said who we its more one there after about also than when
what can all new into up out if our last other she two over her you so some them no people""".split())


def english_share(text: str) -> float:
    """The share of words that are among English's commonest (about 0.4 in English news, near 0 otherwise)."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:5000]
    return sum(w in ENGLISH for w in words) / len(words) if words else 0.0
