"""Find and normalise temporal expressions (TIMEX3: DATE, TIME, DURATION, SET) in news text.

Rule-based, in the manner of HeidelTime: patterns find the expressions, and
each is normalised against a reference date (the article's date) and the
tense of its sentence ("Friday" in "will meet Friday" is the next Friday, in
"met Friday" the last one). Values follow TimeML: ``2025-08-08``, ``2025-08``,
``1998-W32``, ``1989-Q3``, ``P10D``, ``PRESENT_REF``, ``XXXX-08-08``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import relativedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
            "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
            "sunday": 6, "sun": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5,
    "a half": 0.5, "a hundred": 100, "one hundred": 100, "a couple of": 2, "couple of": 2, "a dozen": 12,
    "dozen": 12,
}
VAGUE_NUMBERS = {"several", "few", "a few", "some", "many", "the past few", "recent", "a number of"}
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "weekend": "WE", "month": "M",
         "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q", "fortnight": "W"}
TIME_UNITS = {"second", "minute", "hour"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|Jan|Feb|Aug|Sept|Oct|" \
         r"Nov|Dec)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_NUM_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|" \
            r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)" \
            r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
_NUM = (
    rf"(?:\d+(?:\.\d+| 1/2)?|{_NUM_WORD}|(?:a|one) hundred|a couple of|couple of|a dozen|a half|a few|"
    r"an?|several|few|many|some|half an?|one and a half)"
)
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|months?|years?|decades?|centuries|century|" \
        r"quarters?|fortnight)"
_REL = r"(?:last|next|past|previous|coming|following|this|current|recent|same)"
_SPELLED_YEAR = rf"(?:nineteen[- ]{_NUM_WORD}|two thousand(?:[- ]and)?(?:[- ]{_NUM_WORD})?)"
_PART = r"(?:morning|afternoon|evening|night)"
# a time zone written after a clock time ("4 a.m. EDT", "16:00 UTC"); a zone in brackets stays outside the
# span
_ZONE = r"(?:(?-i:UTC|GMT|EST|EDT|PST|PDT|CST|CDT|MST|MDT|BST|CET|CEST|IST|JST|AEST|AEDT|ET|PT|CT|MT|EET|" \
        r"EEST|WET|MSK|HKT|SGT|KST|NZST|NZDT|SAST|HST|AKST|AKDT|AWST|ACST|WIB|ICT|" \
        r"PKT)\b(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?|" \
        r"(?-i:Eastern|Central|Mountain|Pacific|Atlantic)(?:\s+(?:[Dd]aylight|[Ss]tandard))?\s+" \
        r"(?-i:[Tt]ime)\b)"
# the day a clock time falls on, written after it: "9 a.m. Tuesday" is one TIMEX3
_CLOCK_DAY = rf"(?:,?\s+(?:(?P<day>{_WEEKDAY}|yesterday|today|tomorrow)\b(?![ -]{_PART})|" \
             rf"(?P<cmonth>{_MONTH})\s+(?P<cday>{_DAY})\b(?!,?\s+{_YEAR})))?"


@dataclass
class TimexSpan:
    start: int
    end: int
    text: str
    type: str
    value: str


def _p(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


# Patterns, most specific first; the longest match wins where they overlap.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b")),
    ("numeric_date", re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{2}|\d{4})\b")),
    # "25.10.2018": day first, as wherever dates are written with dots
    ("dotted_date", re.compile(r"(?<![\d.])(?<!version )(?P<day>\d{1,2})\.(?P<month>\d{1,2})\."
                               r"(?P<year>\d{4})(?![\d.]\d)")),
    ("month_day_year", re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})\b")),
    ("day_month_year", re.compile(rf"\b(?P<day>{_DAY})\s+(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})\b")),
    ("weekday_month_day", re.compile(rf"\b{_WEEKDAY},?\s+(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b"
                                     rf"(?:,?\s+(?P<year>{_YEAR})\b)?")),
    ("month_day",
     re.compile(rf"\b(?:(?:around|about)\s+)?(?:(?P<mod>early|late|mid-?)\s*)?(?P<month>{_MONTH})\s+"
                rf"(?P<day>{_DAY})\b(?!\s*(?:%|percent|million|billion))")),
    ("second_day",
     re.compile(rf"\b(?P<month>{_MONTH})\s+{_DAY}\s*(?:and|or|to|-|–)\s*(?P<span>(?P<day>{_DAY}))\b"
                rf"(?!,?\s*{_YEAR}|\s*(?:%|percent|million|billion|cents|years|months|days|"
                r"[ap]\.?m\b))")),
    ("day_month", re.compile(rf"\b(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})\b")),
    ("month_year", re.compile(rf"\b(?:(?P<mod>early|late|mid-?|the end of|the beginning of)\s*)?"
                              rf"(?P<month>{_MONTH}),?\s+"
                              rf"(?:of\s+)?(?P<year>{_YEAR}|{_SPELLED_YEAR})\b")),
    ("rel_month", _p(r"\b(?P<which>last|next|this|early|late|mid-?)[ "
                     rf"-]?(?P<month>(?-i:{_MONTH}))\b(?!\.?\s*\d)")),  # not "this march"
    ("week_of",
     _p(rf"\bthe week of\s+(?P<month>(?-i:{_MONTH}))\s+(?P<day>{_DAY})\b(?:,?\s+(?P<year>{_YEAR})\b)?")),
    ("month", re.compile(r"\b(?:(?:[Tt]he\s+)?(?:end|beginning|start|middle)\s+of\s+)?"
                         r"(?P<month>January|February|March|April|June|July|August|September|October|"
                         r"November|December|"
                         r"Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)(?!\s*\d)"
                         r"(?!\s+(?:of|for|on)\s+(?:the\s+)?[A-Z])")),  # "the March for Jobs" is a name
    ("may", re.compile(r"\b(?:in|In|since|Since|by|until|early|late|mid|of|last|next|this|through|before|"
                       r"after) "
                       r"(?P<span>May)\b(?!\s*\d)")),
    ("decade",
     _p(r"\b(?:the\s+)?(?:(?P<mod>early|late|mid-?)\s*)?(?P<digits>1[6-9]\d|20\d|['’]\d)0['’]?s\b")),
    ("fiscal_year", _p(rf"\b(?:fiscal(?:\s+year)?|FY)\s*(?P<year>{_YEAR}|\d\d)\b")),
    ("year",
     re.compile(r"(?<![\d$,.#])(?:(?:early|late|mid-?|the end of|the beginning "
                rf"of)\s*)?(?P<year>{_YEAR})(?![\d,.]\d|\s*(?:%|percent))")),
    ("spelled_year", _p(rf"\b(?:the year\s+)?(?:nineteen[- ](?P<nineteen>{_NUM_WORD})|"
                        rf"two thousand(?:[- ]and)?(?:[- ](?P<thousand>{_NUM_WORD}))?)\b")),
    # "the year" is the article's year ("for the year", "the end of the year"), but "the year ended June 30"
    # is
    # twelve months, not a calendar year; "the year before", "the year-ago quarter" are other patterns'
    # business
    ("the_year", re.compile(r"\b(?:(?:[Tt]he (?:end|beginning|start|middle|rest|remainder)) of\s+|"
                            r"(?:[Ee]arl(?:y|ier)|[Ll]ater?) in\s+)?"
                            r"[Tt]he\s+(?:(?:full|calendar|fiscal|current|whole|entire)\s+)*year\b"
                            r"(?![- ](?:ago|earlier|before|later|after|since|\d|two thousand|nineteen)|"
                            r"'s?\s+\w+[- ]quarter)"
                            r"(?=\s+(?:(?:that|which)\s+)?(?P<ends>end(?:ed|ing|s))\b)?")),
    # "by year-end", "since year end", "by year's end"; "year-end results" names a kind of figure
    ("year_end", _p(r"(?:(?=\b(?:around|about)\s)|"
                    r"\b(?P<prep>since|by|at|until|before|after|through|near|toward|towards|to)\s+)"
                    r"(?P<span>(?:(?:around|about)\s+)?(?P<unit>year|month|week)(?:[- ]end|['’]s end)\b)")),
    ("weekday",
     _p(r"\b(?:(?P<which>last|next|this|early|late|coming|past|previous|the "
        rf"previous|this coming)\s+)?(?P<weekday>{_WEEKDAY})(?:[ -](?P<part>{_PART}))?\b")),
    # "the third quarter" but "the [third-quarter profit]": before an adjective, "the" belongs to the noun
    ("quarter", _p(r"\b(?:the\s+(?=(?:fiscal[- ])?(?:year-ago\s+|year-earlier\s+)?[\w-]+\s+"
                   r"(?:fiscal\s+)?(?:quarter|period)\b))?"
                   r"(?:fiscal[- ])?(?:year-ago[- ]|year-earlier[- ])?"
                   r"(?:(?P<which>first|second|third|fourth|1st|2nd|3rd|4th|"
                   r"latest|last|current|same|previous|year-ago|year-earlier|fiscal)[- ](?:fiscal[- ])?)"
                   r"(?:quarter|period)\b"
                   r"(?:\s+of\s+(?:(?P<year>\d{4})|(?P<rel>last|next|this|the previous|the following) "
                   r"year\b))?")),
    ("the_quarter", _p(r"\bthe quarter(?:\s+a\s+year\s+(?:ago|earlier))?\b")),
    ("year_quarter", _p(rf"\b(?:(?P<which>this|last|next) year's|the (?P<year>{_YEAR}))\s+"
                        r"(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)[- ])?"
                        r"(?:fiscal[- ])?(?:quarter|period)\b")),
    ("month_rel_year", _p(rf"\b(?P<month>(?-i:{_MONTH}))\s+(?:of\s+)?(?P<which>this|last|next) year\b")),
    # "Q3 2025", "Q3'25", "H1 2026", a bare "Q4"
    ("quarter_code", re.compile(r"\b(?:Q(?P<quarter>[1-4])|H(?P<half>[12]))(?:\s+|['’]|/)?(?:FY\s?)?"
                                r"(?P<year>(?:19|20)\d\d|\d\d)?\b(?![-‐]?\w)")),
    ("half", _p(r"\b(?:the\s+)?(?P<which>first|second|last|latter)[- ]half"
                r"(?:\s+of\s+(?:(?P<whole>\d{4}|the\s+(?:1[6-9]\d|20\d|['’]\d)0['’]?s)|"
                r"(?P<rel>next|last|this|the\s+current|the\s+coming)\s+year))?\b"
                r"(?![- ](?:an?\s+)?(?:hour|minute|day|week|dozen|inning|mile|point|century|decade)s?\b)")),
    ("year_earlier", _p(r"\b(?:a|one)\s+year\s+(?:earlier|ago|before)\b|\byear-(?:earlier|ago)\b")),
    ("ago", _p(rf"\b(?:about\s+|nearly\s+|almost\s+|some\s+|more than\s+)?(?P<number>{_NUM})[- "
               rf"](?P<unit>{_UNIT})\s+(?P<direction>ago|earlier|later|before|after|from now|hence)\b")),
    # "the following year", "later that year": counted from the date the story last named, not from today
    ("anaphoric", _p(r"\b(?:(?:earlier|later|early|late)\s+(?:that|the same)|that|the same|the following)\s+"
                     r"(?P<unit>year|month|quarter)\b(?![-‐])|\b(?:earlier|later|early|late)\s+(?:that|the "
                     r"same)\s+"
                     r"(?P<same_day>day)\b|\bthe following (?P<following>day|morning|week)\b|"
                     r"\bthe next (?P<next>day|morning)\b")),
    # "by the end of the month", "the start of next week": the month or week itself (TimeML marks the part as
    # a mod)
    ("part_of_unit",
     _p(r"\b(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+(?P<which>the|this|next|last)\s+"
        r"(?P<unit>month|week|quarter)\b")),
    ("rel_unit", _p(rf"\b(?:the\s+)?(?P<which>(?:earlier|later|early|late)\s+(?:this|last|next)|{_REL})\s+"
                    rf"(?P<unit>{_UNIT})\b")),
    ("season", _p(rf"\b(?:(?P<which>last|next|this past|this|early|late|past|the|in|by)\s+)"
                  rf"(?P<season>spring|summer|fall|autumn|winter)(?:(?:\s+of)?\s+(?P<year>{_YEAR}|"
                  rf"{_SPELLED_YEAR}))?\b")),
    ("the_past_n", _p(rf"\b(?:the\s+)?(?P<which>past|last|next|coming|previous|first|"
                      rf"final|remaining|latest)\s+(?P<number>{_NUM})\s+(?P<unit>{_UNIT})\b")),
    ("duration", _p(rf"\b(?:the\s+|nearly\s+|more than\s+|less than\s+|no more than\s+|"
                    rf"at least\s+|up to\s+)?"
                    rf"(?P<number>{_NUM})(?:[- ]and[- ]a[- ]half)?[- ](?:more\s+|(?<![Aa] )(?:trading|"
                    r"business|working|"
                    rf"calendar)\s+)?(?P<unit>{_UNIT})(?:\s+and\s+a\s+half)?(?:[- ]long|[- ]old)?\b")),
    ("range_duration", _p(rf"\b(?P<low>\d+|{_NUM_WORD})\s+(?:or|to|-)\s+(?P<high>\d+|{_NUM_WORD})\s+"
                          rf"(?P<unit>{_UNIT})\b")),
    # "for years"; but "minutes apart", "a matter of days" say how close, not when or how long
    ("plural_unit", _p(r"\b(?<!matter of )(?:recent\s+|coming\s+|the past\s+|the coming\s+)?"
                       r"(?P<unit>years|months|weeks|days|decades|hours|minutes)\b(?!\s+apart)")),
    ("deictic", _p(r"\b(?P<word>today|tonight|yesterday|tomorrow|now|currently|recently|nowadays|the past|"
                   r"the (?:near |distant |foreseeable )?future|"
                   r"formerly|current|lately|these days|at present|the (?:near|short|long) term)\b")),
    ("deictic_day", _p(r"\b(?:(?:late|early)\s+)?(?P<word>yesterday|today)\b")),
    ("weekend", _p(r"\b(?:(?P<which>this|last|next|the)\s+)weekend\b")),
    ("mid_part",
     _p(r"\b(?P<part>mid[- ]?(?:afternoon|morning)|midday)\b(?:\s+(?P<day>yesterday|today|tomorrow)\b)?")),
    ("spelled_decade", _p(r"\bthe\s+(?:(?P<mod>early|late|mid-?)\s*)?"
                          r"(?P<decade>twenties|thirties|forties|fifties|sixties|seventies|eighties|"
                          r"nineties)\b")),
    ("part_of_day", _p(rf"\b(?P<which>this|last|yesterday|tomorrow|early this|late this|late last)\s+"
                       rf"(?P<part>{_PART})\b")),
    ("clock",
     _p(r"(?<![$£€.,])\b(?:(?:around|about|"
        rf"approximately)\s+)?(?P<hour>\d{{1,2}})(?:[:.](?P<minute>\d\d))?\s*"
        rf"(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)(?:\s+{_ZONE})?{_CLOCK_DAY}")),
    ("clock24",
     _p(rf"\b(?P<hour>[01]?\d|2[0-3]):?(?P<minute>[0-5]\d)(?:\s*(?:hours|hrs|h)\b)?\s*{_ZONE}{_CLOCK_DAY}")),
    ("clock2", _p(rf"\b(?:12\s+)?(?P<word>noon|midnight)(?:\s+{_ZONE})?{_CLOCK_DAY}")),
    # "six o'clock", "10 o'clock in the morning", "8 o'clock tonight"
    ("oclock", _p(r"\b(?:(?:around|about|approximately)\s+)?"
                  r"(?P<hour>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock"
                  r"(?:\s+(?P<part>in\s+the\s+(?:morning|afternoon|evening)|at\s+night|tonight|"
                  rf"this\s+(?:morning|afternoon|evening)))?{_CLOCK_DAY}")),
    # "the end of the decade": the decade of the article's day ("the decade" alone is any ten years)
    ("the_decade", _p(r"(?:(?<=\bend of )|(?<=\bclose of )|(?<=\bstart of )|(?<=\bmiddle of )|"
                      r"(?<=\bbeginning of ))the\s+decade\b(?!['’]s)")),
    ("set", _p(rf"\b(?:daily(?!\s+(?-i:[A-Z]))|weekly|monthly|annually|yearly|hourly|nightly|"
               rf"every\s+(?:other\s+)?(?:{_UNIT}|{_WEEKDAY})|"
               r"(?:each|every)\s+(?:January|February|March|April|May|June|July|August|September|October|"
               r"November|"
               rf"December)\b|each\s+(?:{_UNIT}|{_WEEKDAY})|(?:once|twice)\s+a\s+(?:{_UNIT})|"
               rf"per\s+(?:{_UNIT})|"
               rf"a\s+(?:year|month|week|day)"
               rf"(?=\s*(?:,|\.|$|in\b|for\b|through)))")),
    ("holiday", _p(r"\b(?:(?P<which>last|next|this)\s+)?(?P<name>Christmas(?:\s+Day|\s+Eve)?|New "
                   r"Year's(?:\s+Day|\s+Eve)?|Thanksgiving(?:\s+Day)?|Independence Day|Labor "
                   r"Day|Memorial Day|Election Day|Halloween|Easter)\b")),
    ("century", _p(r"\b(?:the\s+)?(?P<number>\d{1,2})(?:st|nd|rd|th)\s+century\b")),
]

# words that make a bare number+unit something other than a time expression ("5 years old" stays, "$5 a year"
# is SET)
_FUTURE = _p(r"(\bwill\b|\bplann(?:ed|ing) to\b|'ll\b|\bshall\b|\bgoing to\b|\bplans? "
             r"to\b|\bscheduled\b|\bis to\b|\bare "
             r"to\b|\bnext\b|\bupcoming\b|\btomorrow\b|\bdue to\b|\bset to\b|\bexpected to\b)")
_PRESENT = _p(r"\b(is|are|am|says|say)\b")


# a comparison "with a year earlier" is with the quarter being reported, unless the sentence is about a longer
# period
_NOT_QUARTER = _p(r"\b(?:(?:first|latest|the) (?:six|nine)[- "
                  r"]months?|(?:six|nine)-month|full year|fiscal year|for the year)\b")


def tag(text: str, reference: dt.date | str | None) -> list[TimexSpan]:
    """Every temporal expression in ``text``, normalised against ``reference`` (None: values left unresolved).

    >>> from helpers.drafting import timex
    >>> spans = timex.tag("He said on Tuesday that talks will resume next week.", "2025-08-01")
    >>> [(t.text, t.type, t.value) for t in spans]
    [('Tuesday', 'DATE', '2025-07-29'), ('next week', 'DATE', '2025-W32')]
    """
    ref = _as_date(reference)
    out = []
    quarterly = bool(re.search(r"\bquarter\b", text, re.IGNORECASE))
    named_year = named_date = None  # the last year written out in the text, and the last calendar date
    named_at = -1
    for start, end, kind, m in _non_overlapping(_candidates(text)):
        start, end = _trim(text, start, end)
        sentence_start, sentence_end = _sentence_bounds(text, start, end)
        sentence = text[sentence_start:sentence_end]
        is_quarterly = quarterly and not _NOT_QUARTER.search(sentence)
        if kind == "anaphoric":
            result = _anaphoric(m, named_year, named_date, ref, is_quarterly)
        elif (
            kind == "the_year"
            and not m["ends"]
            and named_at >= sentence_start
            and "current" not in m.group(0)
        ):
            result = "DATE", named_year[:4]  # "In 2019, the bank held rates for the whole year"
        elif kind == "the_decade" and named_at >= sentence_start \
                and (ref is None or named_year[:4] <= str(ref.year)):
            # "By 1965 it had 2,800 workers, and by the end of the decade"; a target year to come ("net zero
            # by 2040 and half by the end of the decade") is not the decade meant: the article's is
            result = "DATE", named_year[:3]
        else:
            result = _normalise(kind, m, ref, sentence, is_quarterly)
        if result is None:
            continue
        ttype, value = result
        if ttype == "DATE" and re.match(r"\d{4}(?:-\d\d){1,2}$", value) and kind != "anaphoric":
            named_date = value
        if ttype == "DATE" and re.match(r"\d{4}\b", value) and kind in _NAMED_YEAR \
                and not _year_to_come_naming_a_thing(text, start, end, value, ref):
            named_year, named_at = value, start
        out.append(TimexSpan(start, end, text[start:end], ttype, value))
    return out


_DETERMINER_BEFORE = re.compile(r"\b(?:the|its|their|his|her|our|this|next|a)\s+$", re.IGNORECASE)


def _year_to_come_naming_a_thing(text: str, start: int, end: int, value: str, ref) -> bool:
    """"the 2026 budget" in 2025: a year to come naming a thing, not the year the sentence speaks of ("must
    pass the 2026 budget by the end of the year" is this year's end). "The 2019 season" in 2025 still is."""
    return ref is not None and value[:4] > str(ref.year) and value[:4] == text[start:end] \
        and _DETERMINER_BEFORE.search(text, max(0, start - 8), start) is not None \
        and re.match(r"\s+[A-Za-z]", text[end:end + 2]) is not None


# What each pattern cannot match without (a necessary condition, looser than the pattern): a text without it
# is
# not scanned with that pattern. Scanning every text with all 48 patterns was most of the time tagger's cost.
# A gate is a set of words (one of them must be in the text, in any case) or a pattern the text must hold.
_UNITS = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
          "weekend",
          "weekends", "month", "months", "year", "years", "decade", "decades", "centuries", "century",
          "quarter",
          "quarters", "fortnight"}
_MONTHS = set(MONTHS) | {"may"}
_WORDS = re.compile(r"[a-z]+")
_GATES: dict[str, frozenset | re.Pattern] = {kind: frozenset(words) if isinstance(words, set) else _p(words)
                                             for
                                             kind, words in {
    "iso": r"\d-\d", "numeric_date": r"\d/\d", "dotted_date": r"\d\.\d", "month_day_year": _MONTHS,
    "day_month_year": _MONTHS,
    "weekday_month_day": _MONTHS, "month_day": _MONTHS, "second_day": _MONTHS, "day_month": _MONTHS,
    "month_year": _MONTHS, "rel_month": _MONTHS, "week_of": {"week"}, "month": _MONTHS, "may": {"may"},
    "decade": r"0['’]?s", "fiscal_year": {"fiscal", "fy"}, "year": r"(?:1[6-9]|20)\d\d",
    "spelled_year": {"nineteen", "thousand"}, "the_year": {"year"}, "year_end": {"year", "month", "week"},
    "weekday": set(WEEKDAYS),
    "quarter": {"quarter", "period"}, "the_quarter": {"quarter"}, "year_quarter": {"quarter", "period"},
    "month_rel_year": _MONTHS, "quarter_code": r"[QH][1-4]", "half": {"half"}, "year_earlier": {"year"},
    "ago": {"ago", "earlier", "later", "before", "after", "now", "hence"},
    "anaphoric": {"year", "month", "quarter", "day", "morning", "week"},
    "part_of_unit": {"month", "week", "quarter"},
    "rel_unit": _UNITS, "season": set(SEASONS), "the_past_n": _UNITS, "duration": _UNITS,
    "range_duration": _UNITS,
    "plural_unit": {"years", "months", "weeks", "days", "decades", "hours", "minutes"},
    "deictic": {"today", "tonight", "yesterday", "tomorrow", "now", "currently", "recently", "nowadays",
                "past",
                "future", "formerly", "current", "lately", "days", "present", "term"},
    "deictic_day": {"yesterday", "today"}, "weekend": {"weekend"}, "mid_part": r"mid",
    "spelled_decade": {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                       "nineties"},
    "part_of_day": {"morning", "afternoon", "evening", "night"}, "clock": r"[ap]\.?m", "clock24": _ZONE,
    "clock2": {"noon", "midnight"}, "oclock": r"o['’]clock", "the_decade": {"decade"},
    "holiday": {"christmas", "year", "thanksgiving", "independence", "labor", "memorial", "election",
                "halloween",
                "easter"},
    "century": {"century"},
}.items()}


# Patterns whose every match holds a unit word ("two days ago", "the past three weeks"): they are scanned only
# near the text's unit words, as each tries its long alternation of numbers at every word boundary otherwise.
# A match spans at most _BEFORE characters before its unit and _AFTER after it.
_NEAR_UNIT = {"ago", "rel_unit", "the_past_n", "duration", "range_duration", "plural_unit"}
_UNIT_WORD = _p(_UNIT)
_BEFORE, _AFTER = 120, 80


def _unit_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of text within reach of a unit word, overlapping ones merged."""
    windows: list[tuple[int, int]] = []
    for m in _UNIT_WORD.finditer(text):
        start, end = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _candidates(text: str) -> list[tuple[int, int, str, re.Match]]:
    """Every pattern's matches as (start, end, kind, match), signal words left outside the span."""
    found = []
    words = set(_WORDS.findall(text.lower()))
    windows = None
    for kind, pattern in PATTERNS:
        gate = _GATES.get(kind)
        if gate is not None and (gate.isdisjoint(words) if isinstance(gate, frozenset)
                                 else not gate.search(text)):
            continue
        if kind in _NEAR_UNIT:
            windows = _unit_windows(text) if windows is None else windows
            matches = (m for s, e in windows for m in pattern.finditer(text, s, e))
        else:
            matches = pattern.finditer(text)
        for m in matches:
            start, end = m.span("span") if "span" in pattern.groupindex else m.span()
            if kind == "ago" and m["direction"].lower() in ("later", "after", "before"):
                end = m.end("unit")  # "two days later": the anchor word is a signal, outside the span
            if kind == "season" and (m["which"] or "").lower() in ("in", "by"):
                start = m.start("season")  # "in spring": the preposition is a signal, outside the span
            # "the [30-day] period": "the" is a noun's
            if kind == "duration" and m.string[m.start("unit") - 1] == "-":
                start += len(re.match(r"(?:the\s+)?", m.string[start:end], re.IGNORECASE).group(0))
            if end > start:
                found.append((start, end, kind, m))
    return found


def _non_overlapping(found: list[tuple]) -> list[tuple]:
    """Longest first, then earliest; drop anything overlapping a kept span. In text order."""
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    kept: list[tuple] = []
    starts: list[int] = []  # the kept spans never overlap, so sorted by start they are sorted by end too
    for f in found:
        i = bisect.bisect_left(starts, f[1])  # kept spans starting before this one ends: indexes < i
        if i and kept[i - 1][1] > f[0]:  # of those, the last ends latest: it alone can reach this one
            continue
        starts.insert(i, f[0])
        kept.insert(i, f)
    return kept


# patterns that write the year out: "the following year" after one of them counts from it
_NAMED_YEAR = {"iso", "numeric_date", "dotted_date", "month_day_year", "day_month_year", "month_year", "year",
               "spelled_year",
               "fiscal_year"}


def _short_decade(d: int, ref) -> str:
    """"the '90s" as TimeML's decade ("199"): the last decade with that digit to have begun by ``ref``."""
    year = ref.year if ref else 2000
    century = year // 100 if (year // 100) * 100 + d * 10 <= year else year // 100 - 1
    return f"{century}{d}"


def _anaphoric(m: re.Match, named_year: str | None, named_date: str | None, ref, quarterly):
    """"the following year", "later that year", "that quarter", "later that day" from the date the story named
    last."""
    unit = m["unit"] or m["same_day"] or m["following"] or m["next"]
    unit = unit.lower().replace("morning", "day")  # "the next morning": the day
    following = re.search(r"following|next", m.group(0), re.IGNORECASE) is not None
    shift = 1 if following else 0
    base = None
    if unit in ("year", "quarter") and named_year:
        base = named_year
    elif unit in ("month", "day", "week") and named_date and (unit == "month" or len(named_date) == 10):
        base = named_date
    if base is None:  # nothing named before: "the following year" counts from the article's date
        return _relative_unit("following", unit, ref, quarterly) if following else None
    year = int(base[:4])
    if unit == "year":
        return "DATE", str(year + shift)
    if unit == "quarter":
        if re.match(r"\d{4}-Q\d$", base):
            q = int(base[-1]) + shift
        elif len(base) >= 7 and base[5:7].isdigit():
            q = (int(base[5:7]) - 1) // 3 + 1 + shift
        else:
            return None if not following else _relative_unit("following", unit, ref, quarterly)
        return "DATE", f"{year + (q - 1) // 4}-Q{(q - 1) % 4 + 1}"
    month = int(base[5:7])
    if unit == "month":
        d = dt.date(year, month, 1) + relativedelta(months=shift)
        return "DATE", f"{d.year}-{d.month:02d}"
    day = dt.date.fromisoformat(base)
    if unit == "week":
        return "DATE", _week(day + dt.timedelta(weeks=shift))
    return "DATE", (day + dt.timedelta(days=shift)).isoformat()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return start, end


# a full stop after a clock time ends no sentence ("at 8 p.m. on Friday"); other abbreviations still cut one
# short,
# which the tense rules were measured with
_ABBREVIATION = re.compile(r"\b[ap]\.m$")


def _stop(text: str, i: int) -> bool:
    """Whether the ". " at ``i`` ends a sentence."""
    return not _ABBREVIATION.search(text, max(0, i - 6), i)


def _sentence_bounds(text: str, start: int, end: int, reach: int = 2000) -> tuple[int, int]:
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    left = start
    while True:
        left = text.rfind(". ", lo, left)
        if left < 0 or _stop(text, left):
            break
    left = max(left, text.rfind("\n", lo, start), lo - 1)
    right = end
    while True:
        right = text.find(". ", right, hi)
        if right < 0 or _stop(text, right):
            break
        right += 1
    newline = text.find("\n", end, hi)
    right = min(i for i in (right, newline, hi) if i >= 0)
    return left + 1, right


@lru_cache(maxsize=256)  # asked once for each time expression of a sentence
def _tense(sentence: str) -> str:
    if _FUTURE.search(sentence):
        return "future"
    return "past"


_PAST_FORMS = set("""said told met made gave took began went came saw won lost held left sent spoke wrote rose
fell sold bought paid ran put set led cut hit shut struck broke chose drew drove ate fought found flew forbade
forgot froze got grew hung heard hid kept knew laid lay meant quit read rode rang sought shook shot sang sank
sat slept slid stood stole stuck swore swept swam taught tore thought threw understood woke wore brought
caught built spent lent bent felt dealt became withdrew overcame oversaw underwent upheld withheld fled
forgave arose bore bled clung crept dug flung knelt leapt lit shone shrank sprang strode swung was were had
did""".split())
_FUTURE_AUX = {"will", "'ll", "shall", "to", "would"}


def _verb_tense(before: str, wide: bool = False) -> str | None:
    """Tense of the verb just before a time expression: "announced Friday" past, "will meet Friday" future;
    ``wide``: else of the nearest verb further back in the clause."""
    words = re.findall(r"[\w']+", before.lower())[-4:]
    if words and words[-1] in ("on", "for") or words[-2:] in (["until", "on"], ["by", "on"]):
        words = words[:-1]
    words = words[-3:]
    if not words:
        return None
    last = words[-1]
    aux = words[-2] if len(words) >= 2 else ""
    # "is due on Thursday", "is set for Monday", "has been scheduled for";
    # "was scheduled for" and "had been due" are past
    if last in _PLANNED and last != "likely" and (last == "due"
                                                  or aux in ("is", "are", "be", "been", "was", "were")):
        return "past" if aux in ("was", "were") or (aux == "been" and "had" in words) else "future"
    def past(w):
        return w in _PAST_FORMS or (w.endswith("ed") and len(w) > 4 and w not in ("need", "speed", "indeed"))

    if words[-3:] in (["as", "soon", "as"], ["as", "early", "as"]):  # "as soon as Tuesday" looks ahead
        return "future"
    if last == "since":  # "since Monday" looks back
        return "past"
    if last in ("by", "until", "till"):  # a deadline looks forward ("agree by Friday"), unless a past
        if len(words) >= 2 and words[-2] in _POSTPONING:  # "postponed until Tuesday"
            return "future"
        if len(words) >= 3 and past(words[-2]) and words[-3] in ("be", "is", "are"):
            return "future"  # "will be accepted until Friday", "are accepted until": a passive still to come
        if len(words) >= 2 and past(words[-2]):  # verb is right there ("lasted until")
            return "past"
        # or further back ("had sent .. by")
        return (_clause_verb_tense(before) if wide else None) or "future"
    # a passive: its auxiliary tells
    if past(last) and len(words) >= 2 and words[-2] in ("be", "being", "is", "are"):
        return "future" if len(words) >= 3 and words[-3] in _FUTURE_AUX else None   # ("will be sentenced on")
    if len(words) >= 2 and words[-2] in _FUTURE_AUX and not (past(last) and last not in _PAST_FORMS):
        # "to hit Saturday", "will meet Friday"; "had been due to close Friday": a plan for a day now past
        return "past" if wide and words[-2] == "to" and "had" in _clause_words(before) else "future"
    if past(last):
        return "past"
    return _clause_verb_tense(before) if wide else None


# present-tense verbs of a timetable: with a weekday they tell what is coming
_SCHEDULED_PRESENT = {"begins", "starts", "opens", "closes", "ends", "runs", "meets", "plays", "resumes",
                      "arrives",
                      "leaves", "departs", "returns", "visits", "expires", "launches", "faces", "hosts",
                      "kicks",
                      "travels", "heads"}
_POSTPONING = {"postponed", "delayed", "extended", "adjourned", "deferred", "recessed", "suspended", "off",
               "back"}
_PLANNED = {"scheduled", "expected", "planned", "proposed", "set", "due", "slated", "likely", "forecast",
            "poised"}


def _clause_words(before: str) -> list[str]:
    """The last eight words of the clause that ``before`` ends, lower-cased."""
    clause = re.split(r"(?<!\b[ap]\.m)[.!?;:]\s|\n|``|''|\"", before)[-1]
    return [w.lower() for w in re.findall(r"[\w']+", clause)[-8:]]


def _clause_verb_tense(before: str) -> str | None:
    """The nearest verb further back in the clause: "had sent the forms by Wednesday" past, "would be sailing
    to Norway Thursday" future. Reporting verbs only speak for a date right after them."""
    low = _clause_words(before)
    deadline = bool(low) and low[-1] in ("by", "until", "till", "through")
    for i in range(len(low) - 1, -1, -1):
        w = low[i]
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if deadline and w in _POSTPONING:  # "postponed until Tuesday", "put off until Friday"
            return "future"
        if w == "had":
            return "past"
        if w in ("will", "'ll", "shall", "would") or (w in ("is", "are") and nxt == "to"):
            return "past" if "had" in low[:i] else "future"
        # "is due in court on Monday"
        if w in _PLANNED and i and low[i - 1] in ("is", "are", "'s", "was", "were"):
            return "past" if low[i - 1] in ("was", "were") else "future"
        if w in _REPORTING or w in _PLANNED or w in ("did", "plan", "plans"):  # "did not plan to"
            continue
        if w in _SCHEDULED_PRESENT and (i == 0 or low[i - 1] not in _DETERMINERS):
            return "future"  # "the festival runs from Friday", "the team plays on Saturday": a timetable
        if w in _PAST_FORMS or (w.endswith("ed") and len(w) > 4 and w not in ("need", "speed", "indeed")
                                and (i == 0 or low[i - 1] not in _DETERMINERS)):
            return "past"
    return None


_OPENERS = {"on", "in", "until", "till", "by", "since", "also", "early", "late", "earlier", "later", "and",
            "but",
            "then", "from", "at", "starting", "beginning", "during", "through", "before", "after", "mid",
            "the", "of",
            "last", "this", "that", "next", "as", "so", "yet", "meanwhile"}


def _opening_tense(m: re.Match) -> str | None:
    """A date opening its clause takes the tense of the verb after it: "On Friday, the board met" past,
    "Until Thursday, the club had kept quiet" past, "In March, the club will vote" future."""
    text, lo, at = m.string, max(0, m.start() - 61), m.start()  # a clause opener lies within 60 characters
    start = max(text.rfind(". ", lo, at), text.rfind("\n", lo, at), text.rfind(",", lo, at),
                text.rfind(";", lo, at),
                text.rfind("``", lo, at), text.rfind('"', lo, at), lo - 1 if lo else -1)
    lead = re.findall(r"[\w']+", text[start + 1:m.start()].lower())
    if start < m.start() - 60 or any(w not in _OPENERS for w in lead) or (
            text.startswith(". ", start) and not _stop(text, start)):  # "at 8 p.m. on Friday" opens nothing
        return None
    prev = ""
    for w in re.findall(r"[\w']+", text[m.end():m.end() + 80].lower())[:10]:
        if w in ("will", "'ll", "shall", "would") or (w == "to" and prev in ("is", "are", "going")):
            return "future"
        if w in ("says", "say", "is", "are", "has", "have"):
            return None
        if w in _PAST_FORMS or w in _REPORTING or (w.endswith("ed") and len(w) > 4
                                                   and prev not in _DETERMINERS
                                                   and prev not in ("is", "are", "be", "been", "being")):
            return "past"
        prev = w
    return None


_YEARLESS = {"weekday_month_day", "month_day", "second_day", "day_month", "month", "may", "rel_month",
             "week_of"}


def _local_tense(m: re.Match) -> str | None:
    """Tense of the verb just before a date, over a preposition: "fell in March" past."""
    raw = m.string[max(0, m.start() - 50):m.start()].rstrip(" ,").lower()
    if re.search(r"\bsince(?:\s+(?:early|late|mid|the end of|the start of))?$", raw):
        return "last"  # "since February": the last one gone by
    before = re.sub(r"(?:\b(?:in|on|at|of|since|from|during|between|early|late|mid|the)\W*)+$", "", raw)
    if re.search(r"\bnext$", before):  # "next Oct. 3": the first one after the reference date
        return "next"
    if re.search(r"\blast$", before):  # "last Oct. 23": the last one before it
        return "last"
    if re.search(r"\b(?:effective|payable|due)$", before):  # "payable Jan. 2", "effective June 1"
        return "future"
    return _verb_tense(before, True)


_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"}
_REPORTING = {"said", "told", "reported", "announced", "added", "noted", "stated"}


def _tells_past(sentence: str) -> bool:
    """Whether a sentence has a past verb besides the reporting one ("bought", "was", "rose")."""
    prev = ""
    for w in re.findall(r"[a-z']+", sentence.lower()):
        after_determiner, prev = prev in _DETERMINERS, w
        if w in _REPORTING or (after_determiner and w.endswith("ed")):  # "the reduced dividend"
            continue
        if w in _PAST_FORMS or w in ("was", "were", "had", "did") or (
                w.endswith("ed") and len(w) > 4 and w not in ("need", "speed", "indeed", "based", "expected",
                                                              "scheduled", "planned", "proposed", "limited")):
            return True
    return False


def _nearest_tense(m: re.Match, sentence: str) -> str:
    """"future" or "past", whichever marker stands nearest the date (before it first, then after it)."""
    at = sentence.find(m.group(0))
    if at < 0:
        return "future"
    before, after = sentence[:at], sentence[at + len(m.group(0)):]
    fut = [x.end() for x in _FUTURE.finditer(before)]
    past = [x.end() for x in re.finditer(r"[a-z']+", before.lower()) if _tells_past(x.group(0))]
    if fut or past:
        return "future" if max(fut, default=-1) > max(past, default=-1) else "past"
    fut_after = next((x.start() for x in _FUTURE.finditer(after)), None)
    past_after = next((x.start() for x in re.finditer(r"[a-z']+", after.lower()) if _tells_past(x.group(0))),
                      None)
    if past_after is not None and (fut_after is None or past_after < fut_after):
        return "past"
    return "future"


def _as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", str(value))
    return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _num(word: str) -> float | None:
    w = word.lower().replace("-", " ").strip()
    if w in VAGUE_NUMBERS:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return float(w)
    if re.fullmatch(r"\d+ 1/2", w):
        return int(w.split()[0]) + 0.5
    if w in NUMBERS:
        return NUMBERS[w]
    if w.startswith("half a") or w.startswith("half an"):
        return 0.5
    if w == "one and a half":
        return 1.5
    parts = w.split()
    if parts and all(p in NUMBERS for p in parts):
        return sum(NUMBERS[p] for p in parts)
    return None


def _unit(word: str) -> str:
    w = word.lower()
    if w in ("centuries",):
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


def _duration(n: float | None, unit: str) -> str:
    code = UNITS[unit]
    if unit == "weekend":
        return "P2D" if n == 1 else "PXWE"
    if unit == "fortnight":
        return "P2W" if n in (1, None) else f"P{int(n * 2)}W"
    prefix = "PT" if unit in TIME_UNITS else "P"
    if n is None:
        return f"{prefix}X{code}"
    if n != int(n):
        # half units: express in the next smaller unit where TimeML does
        smaller = {"year": (12, "M"), "month": (30, "D"), "day": (24, "H"), "hour": (60, "M"),
                   "week": (7, "D"),
                   "minute": (60, "S")}
        if unit in smaller and n >= 1 and unit != "week":  # "5 1/2 hours" PT5H30M, "2 1/2 years" P2Y6M
            mult, small = smaller[unit]
            rest = f"{int((n - int(n)) * mult)}{small}"
            return f"{prefix}{int(n)}{code}" + (f"T{rest}" if unit == "day" else rest)
        if unit in smaller:
            mult, small = smaller[unit]
            return f"{'PT' if unit in ('day', 'hour') else 'P'}{int(n * mult)}{small}"
    if unit == "century":  # counted in years, as TimeBank does ("two decades" P20Y)
        return f"P{int(n * 100)}Y"
    if unit == "decade":
        return f"P{int(n * 10)}Y"
    return f"{prefix}{int(n)}{code}"


def _spelled_year(text: str) -> str | None:
    """"1994", "nineteen ninety-four" or "two thousand five" as four digits."""
    if text.isdigit():
        return text
    low = text.lower()
    rest = re.sub(r"^(nineteen|two thousand)[- ]?(and[- ]?)?", "", low)
    n = _num(rest) if rest else 0
    if n is None or n >= 100:
        return None
    return str((1900 if low.startswith("nineteen") else 2000) + int(n))


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _year2(y: str) -> int:
    y = int(y)
    return y if y > 99 else (1900 + y if y > 30 else 2000 + y)


def _day(s: str) -> int:
    return int(re.match(r"\d+", s)[0])


def _valid(y, m, d) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def _closest_year(ref: dt.date, month: int, day: int, tense: str) -> int:
    """The year of a year-less month/day: news reports the recent past, and what is scheduled soon.

    Explicit future talk takes the next occurrence; with no past verb next to it, a date up to four
    months ahead (early next year, seen from the autumn) is that coming one; otherwise this year's date
    if it is past or within three months ahead (an upcoming event), else last year's.
    """
    this = dt.date(ref.year, month, min(day, 28))
    if tense == "last":
        return ref.year if this <= ref else ref.year - 1
    if tense == "next":
        return ref.year if this > ref else ref.year + 1
    if tense == "future":
        return ref.year if this >= ref - dt.timedelta(days=7) else ref.year + 1
    if tense == "unmarked" and dt.date(ref.year + 1, month, min(day, 28)) <= ref + dt.timedelta(days=120):
        return ref.year + 1  # "payable Jan. 2" written in the autumn: the coming January
    if this <= ref + dt.timedelta(days=90):
        return ref.year
    return ref.year - 1


def _resolve_month(month: int, ref: dt.date | None, tense: str) -> str:
    if ref is None:
        return f"XXXX-{month:02d}"
    if month == ref.month:
        return f"{ref.year}-{month:02d}"
    return f"{_closest_year(ref, month, 15, tense)}-{month:02d}"


def _resolve_month_day(month: int, day: int, ref: dt.date | None, tense: str) -> str:
    if ref is None:
        return f"XXXX-{month:02d}-{day:02d}"
    year = _closest_year(ref, month, day, tense)
    if not _valid(year, month, day):  # "Feb. 29" in a year without one: the year is not the writer's
        return f"XXXX-{month:02d}-{day:02d}"
    return f"{year}-{month:02d}-{day:02d}"


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _reporting_quarter(ref: dt.date) -> tuple[int, int]:
    """The quarter a company reports on at ``ref``: the last one that has ended."""
    q = _quarter(ref) - 1
    return (ref.year, q) if q >= 1 else (ref.year - 1, 4)


@dataclass
class _Context:
    """What a normaliser reads besides its match: the article's date, the sentence around the expression, the
    tense that dates it, and whether the text reports on quarters ("a year earlier" is then a quarter)."""
    ref: dt.date | None
    sentence: str
    tense: str
    quarterly: bool


def _normalise(kind: str, m: re.Match, ref: dt.date | None, sentence: str, quarterly: bool):
    """(TIMEX3 type, value) of a match of the pattern ``kind``, or None where it proves no time expression."""
    tense = _tense(sentence)
    if kind in _YEARLESS:
        tense = _yearless_tense(m, sentence, tense)
    return _NORMALISERS[kind](m, _Context(ref, sentence, tense, quarterly))


def _yearless_tense(m: re.Match, sentence: str, tense: str) -> str:
    """A date without a year ("March 12") goes with the verb next to it before the tense of the whole
    sentence."""
    local = _opening_tense(m) or _local_tense(m)
    if local in ("future", "last", "next"):  # "payable by February", "will succeed him on Feb. 1"
        return local
    if local == "past":  # "bonds issued July 1": past, whatever else the sentence plans
        return "past"
    if local is None and tense == "past" and not _tells_past(sentence):
        return "unmarked"  # nothing in the sentence or next to the date says it is past
    if local is None and tense == "future" and _tells_past(sentence):
        return _nearest_tense(m, sentence)  # a past and a future verb: the date goes with the nearer one
    return tense


# --- dates written out: "2025-08-08", "8/8/25", "Aug. 8, 2025", "Friday, Aug. 8", "Aug. 8", "August 2025"

def _full_date(year: int, month: int, day: int):
    """A date with its year, if the calendar has it ("Feb. 30, 2025" is no date)."""
    return ("DATE", f"{year}-{month:02d}-{day:02d}") if _valid(year, month, day) else None


def _norm_iso(m, c):
    return "DATE", f"{m['year']}-{m['month']}-{m['day']}"


def _norm_numeric_date(m, c):
    """Month first ("3/4/2018" is March 4), unless the first number can only be a day ("24/03/2022")."""
    first, second = int(m["month"]), int(m["day"])
    if first > 12 >= second:
        first, second = second, first
    return _full_date(_year2(m["year"]), first, second)


def _norm_dotted_date(m, c):
    return _full_date(int(m["year"]), int(m["month"]), int(m["day"]))


def _norm_written_date(m, c):  # "Aug. 8, 2025", "8 August 2025"
    return _full_date(int(m["year"]), _month(m["month"]), _day(m["day"]))


def _norm_weekday_month_day(m, c):
    month, day = _month(m["month"]), _day(m["day"])
    if m["year"]:
        return "DATE", f"{m['year']}-{month:02d}-{day:02d}"
    return "DATE", _resolve_month_day(month, day, c.ref, c.tense)


def _norm_month_day(m, c):  # also "April 24 and [25]" and "24 April"; the day pattern only matches 1 to 31
    return "DATE", _resolve_month_day(_month(m["month"]), _day(m["day"]), c.ref, c.tense)


def _norm_month_year(m, c):
    year = _spelled_year(m["year"])
    return ("DATE", f"{year}-{_month(m['month']):02d}") if year else None


def _norm_month(m, c):
    return "DATE", _resolve_month(_month(m["month"]), c.ref, c.tense)


def _norm_may(m, c):
    return "DATE", _resolve_month(5, c.ref, c.tense)


def _norm_rel_month(m, c):  # "last March", "next October", "early June"
    month, which, ref = _month(m["month"]), m["which"].lower(), c.ref
    if ref is None:
        return "DATE", f"XXXX-{month:02d}"
    if which == "last":
        year = ref.year if month < ref.month else ref.year - 1
    elif which == "next":
        year = ref.year if month > ref.month else ref.year + 1
    elif which == "this":
        year = ref.year
    else:
        return "DATE", _resolve_month(month, ref, c.tense)
    return "DATE", f"{year}-{month:02d}"


def _norm_month_rel_year(m, c):  # "March of last year"
    month = _month(m["month"])
    if c.ref is None:
        return "DATE", f"XXXX-{month:02d}"
    return "DATE", f"{c.ref.year + {'last': -1, 'next': 1}.get(m['which'].lower(), 0)}-{month:02d}"


def _norm_week_of(m, c):
    month, day = _month(m["month"]), _day(m["day"])
    value = f"{m['year']}-{month:02d}-{day:02d}" if m["year"] else _resolve_month_day(month, day, c.ref,
                                                                                      c.tense)
    if value.startswith("X") or not _valid(*map(int, value.split("-"))):
        return "DATE", "XXXX-WXX"
    return "DATE", _week(dt.date.fromisoformat(value))


# --- years and decades: "1998", "fiscal 1998", "nineteen ninety-eight", "the year", "year-end", "the 1990s"

def _norm_year(m, c):
    return "DATE", m["year"]


def _norm_fiscal_year(m, c):
    return "DATE", str(_year2(m["year"]))


def _norm_spelled_year(m, c):
    if m["nineteen"] is not None:
        n = _num(m["nineteen"])
        return ("DATE", str(1900 + int(n))) if n is not None and 10 <= n < 100 else None
    if m["thousand"] is None and "year" not in m.group(0).lower():
        return None  # "two thousand" alone is a number
    n = _num(m["thousand"]) if m["thousand"] else 0
    return ("DATE", str(2000 + int(n))) if n is not None and n < 100 else None


def _norm_the_year(m, c):
    if m["ends"]:  # "the year ended Sept. 30": a twelve-month period
        return "DURATION", "P1Y"
    return "DATE", str(c.ref.year) if c.ref else "XXXX"


def _norm_year_end(m, c):
    """"by year-end", "by month's end", "by week's end": the current one ("since": the last one)."""
    unit = m["unit"].lower()
    if c.ref is None:
        return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}[unit]
    since = (m["prep"] or "").lower() == "since"
    if unit == "year":
        return "DATE", str(c.ref.year - 1 if since else c.ref.year)
    if unit == "month":
        first = c.ref.replace(day=1)
        day = first - dt.timedelta(days=1) if since else first
        return "DATE", f"{day.year}-{day.month:02d}"
    year, week, _ = (c.ref - dt.timedelta(days=7 if since else 0)).isocalendar()
    return "DATE", f"{year}-W{week:02d}"


def _norm_decade(m, c):
    digits = m["digits"]
    if not digits[0].isdigit():  # "the '90s": the last such decade to have begun
        return "DATE", _short_decade(int(digits[1]), c.ref)
    return "DATE", digits[:3] if len(digits) == 3 else digits


def _norm_spelled_decade(m, c):  # "the sixties": of the 1900s
    tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
            "eighties": 8,
            "nineties": 9}[m["decade"].lower()]
    return "DATE", f"19{tens}"


def _norm_century(m, c):
    return "DATE", f"{int(m['number']) - 1:02d}"


# --- quarters and halves: "the third quarter", "last year's quarter", "Q3 2025", "the first half of 2019"

_YEAR_STEP = {"last": -1, "the previous": -1, "next": 1, "the following": 1, "this": 0}


def _norm_quarter(m, c):
    year = m["year"]
    if m["rel"]:  # "the first quarter of last year": one expression, the year counted from the article's
        if c.ref is None:
            return "DATE", f"XXXX-Q{ORDINALS.get(m['which'].lower(), 'X')}"
        year = str(c.ref.year + _YEAR_STEP[m["rel"].lower()])
    return _quarter_value(m["which"], year, c.ref, m.group(0).lower())


def _norm_the_quarter(m, c):
    if c.ref is None:
        return "DATE", "XXXX-QX"
    y, q = _reporting_quarter(c.ref)
    return "DATE", f"{y - 1 if 'year' in m.group(0).lower() else y}-Q{q}"  # "the quarter a year ago"


def _norm_year_quarter(m, c):
    ordinal = (m["ordinal"] or "").lower()
    if m["year"]:
        year = int(m["year"])
    elif c.ref is None:
        return "DATE", f"XXXX-Q{ORDINALS.get(ordinal, 'X')}"
    else:
        year = c.ref.year + {"last": -1, "next": 1}.get(m["which"].lower(), 0)
    if ordinal:
        return "DATE", f"{year}-Q{ORDINALS[ordinal]}"
    if c.ref is not None:  # "last year's quarter": the one being reported on, a year before
        return "DATE", f"{year}-Q{_reporting_quarter(c.ref)[1]}"
    return "DATE", str(year)


def _norm_quarter_code(m, c):
    year = _year2(m["year"]) if m["year"] else None
    if m["half"]:  # a half year
        year = year or (c.ref.year if c.ref else None)
        return "DATE", f"{year or 'XXXX'}-H{m['half']}"
    if year:
        return "DATE", f"{year}-Q{m['quarter']}"
    return _quarter_value(["first", "second", "third", "fourth"][int(m["quarter"]) - 1], None, c.ref,
                          m.group(0).lower())


def _norm_half(m, c):
    whole = m["whole"]
    # "the last half of the '80s": the decade (TimeML marks the half as a mod)
    if whole and not whole.isdigit():
        digits = re.search(r"(?P<digits>\d+)0", whole)["digits"]
        return "DATE", _short_decade(int(digits), c.ref) if len(digits) == 1 else digits
    year = int(whole) if whole else (c.ref.year if c.ref else None)
    if year and m["rel"]:  # "the second half of next year"
        year += {"next": 1, "last": -1}.get(m["rel"].lower(), 0)
    return "DATE", f"{year if year else 'XXXX'}-H{1 if m['which'].lower() == 'first' else 2}"


def _quarter_value(which: str, year: str | None, ref, low: str):
    """A quarter named by its ordinal ("the third quarter") or by where it stands ("the latest quarter")."""
    which = which.lower()
    if "period" in low and which not in ORDINALS and which not in ("latest", "year-ago", "year-earlier",
                                                                   "same"):
        return None
    if which in ORDINALS:
        q = ORDINALS[which]
        if year:
            return "DATE", f"{year}-Q{q}"
        if ref is None:
            return "DATE", f"XXXX-Q{q}"
        y = ref.year if q < _quarter(ref) or (q == _quarter(ref)) else ref.year - 1
        if re.search(r"year-(?:ago|earlier)", low):  # "the year-ago third quarter"
            y -= 1
        return "DATE", f"{y}-Q{q}"
    if ref is None:
        return "DATE", "XXXX-QX"
    y, q = _reporting_quarter(ref)
    if which in ("year-ago", "year-earlier"):
        return "DATE", f"{y - 1}-Q{q}"
    if which == "current":
        return "DATE", f"{ref.year}-Q{_quarter(ref)}"
    if which == "previous":
        q -= 1
        if q == 0:
            y, q = y - 1, 4
    return "DATE", f"{y}-Q{q}"


# --- counted from the article's date: "two weeks ago", "a year earlier", "next month", "the end of the month"

def _norm_ago(m, c):
    return _ago(m["number"], m["unit"], m["direction"], c.ref, c.quarterly)


def _norm_year_earlier(m, c):
    if c.ref is None:
        return "DATE", "PAST_REF"
    if c.quarterly:
        y, q = _reporting_quarter(c.ref)
        return "DATE", f"{y - 1}-Q{q}"
    return "DATE", str(c.ref.year - 1)


def _norm_part_of_unit(m, c):
    which, unit = m["which"].lower(), m["unit"].lower()
    if which == "the" and unit == "quarter" and c.ref is not None:  # the quarter being reported on
        y, q = _reporting_quarter(c.ref)
        return "DATE", f"{y}-Q{q}"
    return _relative_unit("this" if which == "the" else which, unit, c.ref, c.quarterly)


def _norm_rel_unit(m, c):
    low, which, unit = m.group(0).lower(), m["which"].lower(), m["unit"]
    if re.match(r"(?:the\s+)?past\s+(?:decade|century)$", low):
        # "over the past decade": ten years to now
        return "DURATION", "P100Y" if low.endswith("century") else "P10Y"
    if unit.lower().endswith("s"):  # a plural unit
        if which in ("coming", "next", "following"):  # "the coming months": some time ahead
            return "DATE", "FUTURE_REF"
        return "DURATION", _duration(None, _unit(unit))  # "recent weeks", "past months"
    return _relative_unit(which, _unit(unit), c.ref, c.quarterly)


def _ago(number: str, unit: str, direction: str, ref, quarterly=False):
    n, unit, direction = _num(number), _unit(unit), direction.lower()
    if direction not in ("ago", "from now", "hence"):
        # "two days later", "a week earlier": counted from another event, not from the article's date
        return "DURATION", _duration(n, unit)
    if ref is None or n is None:
        return "DATE", "PAST_REF" if direction in ("ago", "earlier", "before") else "FUTURE_REF"
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    n = int(n) if n == int(n) else n
    if unit == "year":
        if quarterly and n == 1 and sign < 0:
            y, q = _reporting_quarter(ref)
            return "DATE", f"{y - 1}-Q{q}"
        return "DATE", str(ref.year + sign * int(n))
    if unit == "month":
        d = ref + relativedelta(months=sign * int(n))
        return "DATE", f"{d.year}-{d.month:02d}"
    if unit == "week":
        return "DATE", _week(ref + dt.timedelta(weeks=sign * n))
    if unit == "day":
        return "DATE", (ref + dt.timedelta(days=sign * n)).isoformat()
    if unit == "decade":
        return "DATE", str(ref.year + sign * 10 * int(n))[:3]
    if unit in TIME_UNITS:
        return "TIME", ref.isoformat()
    if unit == "quarter":
        y, q = ref.year, _quarter(ref) + sign * int(n)
        while q < 1:
            y, q = y - 1, q + 4
        while q > 4:
            y, q = y + 1, q - 4
        return "DATE", f"{y}-Q{q}"
    return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"


# --- seasons: "last summer", "the spring of 1998", "in the fall"

_SEASON_STARTS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # the month each season begins


def _norm_season(m, c):
    which = (m["which"] or "").lower()
    if which == "the" and not m["year"] and re.match(r"\s+(?:in|of)\b", m.string[m.end():m.end() + 4]):
        return None  # "the fall in prices", "the fall of the Wall", "the spring in his step"
    season = SEASONS[m["season"].lower()]
    if m["year"]:
        year = _spelled_year(m["year"])
        return ("DATE", f"{year}-{season}") if year else None
    if c.ref is None:
        return "DATE", f"XXXX-{season}"
    return "DATE", f"{_season_year(which, season, m, c)}-{season}"


def _season_year(which: str, season: str, m: re.Match, c: _Context) -> int:
    """The year of a season named without one ("next spring", "this past winter", "in the fall")."""
    ref, starts = c.ref, _SEASON_STARTS[season]
    if which == "this past":  # the last one to begin before the article's date
        return ref.year if starts < ref.month else ref.year - 1
    if which not in ("the", "in", "by", ""):
        return ref.year + (1 if which == "next" else -1 if which in ("last", "past") else 0)
    local = _local_tense(m) or c.tense  # this year's, unless the sentence looks to one not yet come or gone
    if local == "future" and starts + 3 <= ref.month:
        return ref.year + 1  # "rules written by the summer", said in November
    if local in ("past", "last") and starts > ref.month and _tells_past(c.sentence):
        return ref.year - 1  # "sales slumped in the fall", said in May
    return ref.year


# --- durations: "the past three years", "two weeks", "10 or 12 days", "for years"

def _norm_the_past_n(m, c):
    return "DURATION", _duration(_num(m["number"]), _unit(m["unit"]))


def _norm_duration(m, c):
    low, number, unit = m.group(0).lower(), m["number"].lower(), _unit(m["unit"])
    n = _num(number)
    if n is not None and re.search(r"and[- ]a[- ]half", low):
        n += 0.5
    if unit == "second" and number in ("a", "an"):
        return None  # "a second term": an ordinal far more often than a duration
    if unit == "quarter" and (re.search(r"\w-quarters?\b", low) or _a_fraction(m, number)):
        return None  # "three-quarters", "a quarter of voters": a fraction
    if low == "one day" and re.search(r"\b(?:will|would|could|may|might|can|hope|hopes|hoped|to)\s+$",
                                      m.string[max(0, m.start() - 12):m.start()].lower()):
        return "DATE", "FUTURE_REF"  # "she will one day be queen": some day to come
    if number in ("a", "an") and unit in ("day", "year", "month", "week") and re.search(
            r"\b(per|a)\s*$", c.sentence[: max(0, c.sentence.find(m.group(0)))].lower()):
        return "SET", f"P1{UNITS[unit]}"
    if "old" in low:
        return None
    return "DURATION", _duration(n, unit)


def _a_fraction(m: re.Match, number: str) -> bool:
    """"a quarter of the vote", "three quarters of members": a share, not three months (but "a quarter of
    2019" is)."""
    return number in ("a", "an", "one", "three") and bool(
        re.match(r"\s+of\b(?!\s+(?:19|20)\d\d)", m.string[m.end():m.end() + 12]))


def _norm_range_duration(m, c):  # "10 or 12 days": the longer
    return "DURATION", _duration(_num(m["high"]), _unit(m["unit"]))


def _norm_plural_unit(m, c):
    unit, low = _unit(m["unit"]), m.group(0).lower()
    if unit in ("minute", "hour") and low in ("minutes", "hours") and not (
            re.search(r"\b(?:for|within|in|only|just|mere|few|several|many|some|after|before|about|nearly|"
                      r"almost|"
                      r"next|last|past|first|early|late|wee|small|lasted|took|spent|waited|lasting|"
                      r"taking)\s+$",
                      m.string[max(0, m.start() - 10):m.start()].lower())
            or re.match(r"\s+(?:later|earlier|after|before|ago|apart|long)\b",
                        m.string[m.end():m.end() + 8])):
        return None  # "the bank will publish minutes", "opening hours": not a stretch of time
    return "DURATION", _duration(None, unit)


# --- days: "Friday", "today", "the weekend", "yesterday morning", "Christmas"

def _norm_weekday(m, c):
    which, name, part = m["which"], m["weekday"], m["part"]
    before = m.string[max(0, m.start() - 60):m.start()]
    if re.search(r"\b(?:ahead of|upcoming)\s+(?:the\s+|this\s+)?$", before.lower()):
        return _weekday(which, name, part, c.ref, "future")  # "ahead of Sunday's vote"
    if re.match(r"['’]s\b", m.string[m.end():m.end() + 2]) and not re.search(
            r"\b(?:before|until|awaited|for)\s+$", before.lower()):
        return _weekday(which, name, part, c.ref, _possessive_day_tense(m, c.sentence, before))
    return _weekday(which, name, part, c.ref, _opening_tense(m) or _verb_tense(before, True) or c.tense)


def _possessive_day_tense(m: re.Match, sentence: str, before: str) -> str:
    """"Friday's ruling": news names a day by what happened on it, unless what follows is still to come
    ("Sunday's vote will decide") and nothing before says otherwise."""
    after = sentence[sentence.find(m.group(0)) + len(m.group(0)):] if m.group(0) in sentence else ""
    ahead = _FUTURE.search(after[:60]) and not _FUTURE.search(before) and not _tells_past(after[:60])
    return "future" if ahead else "past"


def _norm_deictic(m, c):
    return _deictic(m["word"].lower(), c.ref)


def _norm_weekend(m, c):
    if c.ref is None:
        return "DATE", "XXXX-WXX-WE"
    which = (m["which"] or "the").lower()
    shift = {"last": -1, "next": 1}.get(which, 0)
    before = m.string[max(0, m.start() - 60):m.start()]
    if which == "the" and (_opening_tense(m) or _verb_tense(before, True)
                           or c.tense) == "past" and c.ref.weekday() < 5:
        shift = -1  # "protests were held over the weekend"; "are planned for the weekend" is the coming one
    return "DATE", _week(c.ref + dt.timedelta(weeks=shift)) + "-WE"


def _norm_holiday(m, c):
    which = {"last": "last", "next": "next"}.get((m["which"] or "").lower())
    # "by Christmas", "will pass on Memorial Day": the verb before it tells which one, as for a weekday
    return _holiday(m["name"].lower(), c.ref,
                    which or _verb_tense(m.string[max(0, m.start() - 60):m.start()], True) or c.tense)


def _norm_set(m, c):
    return _set(m.group(0).lower())


# --- times of day: "this morning", "midday", "4 a.m. EDT Tuesday", "16:00 UTC", "noon"

def _norm_part_of_day(m, c):
    part = PARTS_OF_DAY[m["part"].lower()]
    if c.ref is None:
        return "TIME", f"XXXX-XX-XXT{part}"
    which, ref = m["which"].lower(), c.ref
    day = ref - dt.timedelta(days=1) if "last" in which or which == "yesterday" else (
        ref + dt.timedelta(days=1) if which == "tomorrow" else ref)
    return "TIME", f"{day.isoformat()}T{part}"


def _norm_mid_part(m, c):
    day = _deictic((m["day"] or "today").lower(), c.ref)[1]
    if day.endswith("_REF"):
        day = "XXXX-XX-XX"
    part = m["part"].lower()
    return "TIME", f"{day}T" + ("12:00" if part == "midday" else "AF" if "afternoon" in part else "MO")


def _norm_clock(m, c):  # "4 a.m.", "10:35 p.m. EDT Friday"
    if int(m["hour"]) > 12:
        return None  # "13 p.m." is no clock time
    hour = int(m["hour"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
    return "TIME", f"{_clock_base(m, c.ref, c.tense)}T{hour:02d}:{int(m['minute'] or 0):02d}"


def _norm_clock24(m, c):  # "16:00 GMT"
    if _AFTER_CLOCK.search(m.string, max(0, m.start() - 20), m.start()):
        return None  # "10:35 a.m. (0835 GMT)": the same time again, for another zone
    return "TIME", f"{_clock_base(m, c.ref, c.tense)}T{int(m['hour']):02d}:{int(m['minute']):02d}"


def _norm_oclock(m, c):  # "six o'clock" as written; "in the evening", "tonight" the afternoon's hours
    word = m["hour"].lower()
    hour = int(word) if word.isdigit() else NUMBERS[word]
    if not 1 <= hour <= 12:
        return None
    part = (m["part"] or "").lower()
    if hour < 12 and re.search(r"afternoon|evening|night", part):
        hour += 12
    elif hour == 12 and "morning" in part:
        hour = 0
    return "TIME", f"{_clock_base(m, c.ref, c.tense)}T{hour:02d}:00"


def _norm_the_decade(m, c):
    return "DATE", str(c.ref.year)[:3] if c.ref else "XXX"


def _norm_clock2(m, c):
    return "TIME", f"{_clock_base(m, c.ref, c.tense)}T{'12:00' if m['word'].lower() == 'noon' else '24:00'}"


_BRACKET_DAY = _p(rf"\s*(?:\([^()]{{1,30}}\),?\s+|,?\s+on\s+)(?P<day>{_WEEKDAY}|yesterday|today|tomorrow)\b")
_AFTER_CLOCK = _p(r"(?:a\.m\.|p\.m\.|\bam|\bpm)(?:\s+(?:[A-Z]{2,4}|local time))?\s*\($")


def _clock_base(m: re.Match, ref, tense) -> str:
    """The date of a clock time: the weekday written after it, else the reference date."""
    if m.group("cmonth"):
        return _resolve_month_day(_month(m.group("cmonth")), _day(m.group("cday")), ref, tense)
    day = (m.group("day") or "").lower()
    # "10:35 a.m. (0835 GMT) Friday", "at 8 p.m. on Friday": the day after a bracketed zone or "on"
    if not day:
        after = _BRACKET_DAY.match(m.string, m.end())
        day = after["day"].lower() if after else ""
    if day in ("yesterday", "today", "tomorrow"):
        return _deictic(day, ref)[1]
    if day:
        before = m.string[max(0, m.start() - 60):m.start()]
        return _weekday(None, day, None, ref, _verb_tense(before, True) or tense)[1]
    return ref.isoformat() if ref else "XXXX-XX-XX"


def _weekday(which: str | None, name: str, part: str | None, ref, tense: str):
    """A weekday: the next one ahead ("next Friday", or in a future sentence), else the last one gone by."""
    which, target = (which or "").lower(), WEEKDAYS[name.lower()]
    if ref is None:
        value = "XXXX-WXX-" + str(target + 1)
    else:
        delta = target - ref.weekday()
        if which in ("next", "coming", "this coming"):
            day = ref + dt.timedelta(days=(delta % 7) or 7)
        elif which in ("last", "past", "previous", "the previous"):
            day = ref - dt.timedelta(days=(-delta % 7) or 7)
        elif delta == 0:
            day = ref
        elif tense == "future":
            day = ref + dt.timedelta(days=delta % 7)
        else:
            day = ref - dt.timedelta(days=-delta % 7)
        value = day.isoformat()
    # "Friday night" keeps the part of day in its span, but TimeBank mostly dates it as the day itself
    # (measured: a TNI/TMO value loses more matches than it wins); an evening or afternoon is a time of day
    part = (part or "").lower()
    if part in ("evening", "afternoon"):
        return "TIME", f"{value}T{PARTS_OF_DAY[part]}"
    return "DATE", value


# which normaliser reads a match of each pattern ("anaphoric" is read in ``tag``, which knows the dates named
# before)
_NORMALISERS = {
    "iso": _norm_iso, "numeric_date": _norm_numeric_date, "dotted_date": _norm_dotted_date,
    "month_day_year": _norm_written_date,
    "day_month_year": _norm_written_date, "weekday_month_day": _norm_weekday_month_day,
    "month_day": _norm_month_day,
    "second_day": _norm_month_day, "day_month": _norm_month_day, "month_year": _norm_month_year,
    "rel_month": _norm_rel_month, "week_of": _norm_week_of, "month": _norm_month, "may": _norm_may,
    "decade": _norm_decade, "fiscal_year": _norm_fiscal_year, "year": _norm_year,
    "spelled_year": _norm_spelled_year,
    "the_year": _norm_the_year, "year_end": _norm_year_end, "weekday": _norm_weekday,
    "quarter": _norm_quarter,
    "the_quarter": _norm_the_quarter, "year_quarter": _norm_year_quarter,
    "month_rel_year": _norm_month_rel_year,
    "quarter_code": _norm_quarter_code, "half": _norm_half, "year_earlier": _norm_year_earlier,
    "ago": _norm_ago,
    "part_of_unit": _norm_part_of_unit, "rel_unit": _norm_rel_unit, "season": _norm_season,
    "the_past_n": _norm_the_past_n, "duration": _norm_duration, "range_duration": _norm_range_duration,
    "plural_unit": _norm_plural_unit, "deictic": _norm_deictic, "deictic_day": _norm_deictic,
    "weekend": _norm_weekend, "mid_part": _norm_mid_part, "spelled_decade": _norm_spelled_decade,
    "part_of_day": _norm_part_of_day, "clock": _norm_clock, "clock24": _norm_clock24, "clock2": _norm_clock2,
    "oclock": _norm_oclock, "the_decade": _norm_the_decade,
    "set": _norm_set, "holiday": _norm_holiday, "century": _norm_century,
}


def _relative_unit(which: str, unit: str, ref, quarterly):
    if which == "recent":
        return "DURATION", _duration(None, unit)
    if ref is None:
        return "DATE", "PRESENT_REF" if which in ("this", "current") else "PAST_REF"
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
             "following": 1}.get(which.split()[-1], 0)
    if which.startswith(("earlier", "later", "early", "late")):
        shift = {"this": 0, "last": -1, "next": 1}[which.split()[-1]]
    if unit == "year":
        return "DATE", str(ref.year + shift)
    if unit == "month":
        d = ref + relativedelta(months=shift)
        return "DATE", f"{d.year}-{d.month:02d}"
    if unit in ("week", "weekend"):
        value = _week(ref + dt.timedelta(weeks=shift))
        return "DATE", value + ("-WE" if unit == "weekend" else "")
    if unit == "day":
        return "DATE", (ref + dt.timedelta(days=shift)).isoformat()
    if unit == "quarter":
        y, q = ref.year, _quarter(ref) + shift
        if q < 1:
            y, q = y - 1, 4
        if q > 4:
            y, q = y + 1, 1
        return "DATE", f"{y}-Q{q}"
    if unit == "decade":
        return "DATE", str(ref.year + 10 * shift)[:3]
    if unit == "century":
        return "DATE", str(ref.year + 100 * shift)[:2]
    if unit in TIME_UNITS:
        return "DURATION", _duration(1, unit)
    return None


def _deictic(word: str, ref):
    iso = ref.isoformat() if ref else None
    if word == "today":
        return "DATE", iso or "PRESENT_REF"
    if word == "tonight":
        return "TIME", f"{iso}TNI" if iso else "PRESENT_REF"
    if word == "yesterday":
        return "DATE", (ref - dt.timedelta(days=1)).isoformat() if ref else "PAST_REF"
    if word == "tomorrow":
        return "DATE", (ref + dt.timedelta(days=1)).isoformat() if ref else "FUTURE_REF"
    if word in ("now", "currently", "nowadays", "current", "these days", "at present", "right now",
                "the moment"):
        return "DATE", "PRESENT_REF"
    if word in ("recently", "the past", "recent", "previously", "formerly", "lately", "once", "earlier"):
        if word in ("once", "earlier"):
            return None  # too often not temporal ("once again", "earlier report")
        return "DATE", "PAST_REF"
    if word.endswith(("future", " term")):  # "the near term"
        return "DATE", "FUTURE_REF"
    return None


def _set(low: str):
    simple = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
              "quarterly": "P1Q", "hourly": "PT1H", "nightly": "P1D"}
    if low in simple:
        return "SET", simple[low]
    m = re.search(r"^(?:each|every)\s+(?P<month>january|february|march|april|may|june|july|august|september|"
                  r"october|"
                  r"november|december)$", low)
    if m:  # "each July"
        return "SET", f"XXXX-{MONTHS[m['month']]:02d}"
    m = re.search(r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)", low)
    if m:  # before the units: "thursday" holds "day"
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['weekday']] + 1}"
    m = re.search(r"(?P<unit>second|minute|hour|day|week|month|year|quarter|decade)", low)
    if m:
        return "SET", _duration(1, m["unit"])
    return None


def _holiday(name: str, ref, tense):
    dates = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
             "halloween": (10, 31),
             "independence day": (7, 4)}
    if name in dates:
        month, day = dates[name]
        return "DATE", _resolve_month_day(month, day, ref, tense)
    # (month, weekday, which one: 0 first .. -1 last) of the US holidays that move
    moving = {"thanksgiving": (11, 3, 3), "thanksgiving day": (11, 3, 3), "labor day": (9, 0, 0),
              "memorial day": (5, 0, -1)}
    if name == "election day" and ref:  # the Tuesday after the first Monday of November
        year = _closest_year(ref, 11, 5, tense)
        return "DATE", (_nth_weekday(year, 11, 0, 0) + dt.timedelta(days=1)).isoformat()
    if name in moving and ref:
        month, weekday, nth = moving[name]
        year = _closest_year(ref, month, 25 if nth < 0 else 1 + 7 * nth, tense)
        return "DATE", _nth_weekday(year, month, weekday, nth).isoformat()
    return None


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (0 first, -1 last) given weekday of a month: Thanksgiving is the fourth Thursday of
    November."""
    if nth < 0:
        last = dt.date(year, month, 1) + relativedelta(months=1, days=-1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * nth)
