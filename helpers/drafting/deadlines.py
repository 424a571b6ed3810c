"""Draft deadlines: where the text sets a date or a span of time for something to happen.

Each deadline gets an issued window and a due window (helpers.core.dates), keeping
the uncertainty a vague anchor leaves ("just days after" → 2 to 7 days).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from helpers.core.dates import CONVENTIONS, OPEN, Window, shift
from helpers.core.textspans import paragraphs
from helpers.drafting.mentions import MentionDraft, article_sentences
from helpers.drafting.pos_lexicon import tag
from helpers.drafting.statements import StatementDraft
from helpers.drafting.timex import NUMBERS, TimexSpan

_MOVED_WORDS = r"postponed|extended|delayed|put off|pushed back"  # a deadline moved: "extended to Sept. 30"
# a window that closes: on a day ("the window for applications shuts on") or in a span ("closes in two weeks")
_WINDOW_CLOSES = (r"(?:(?:application|registration|filing|enrol?ment|nomination|submission|claims?|bidding|"
                  r"transfer) window|window|registration|applications?|consultation|enrol?ment|nominations|"
                  r"submissions|bidding|sign-?ups?)(?: [\w'’-]+){0,6} (?:closes?|shuts?|ends?|expires?)")
# words before a date that make it a day something must happen by; "before" and a bare "until" only where the
# sentence demands something ("must leave before Friday"), never "closed until Friday" or "the last polls
# before
# Election Day"
_BEFORE_DATE = re.compile(r"(?:\b(?P<cue>by|no later than|not later than|on or before|due(?: by| on| in)?|"
                          r"in time for|"
                          r"(?:deadline|ultimatum) (?:(?:will|would) )?(?:expires?|expired|runs? out|ran out|"
                          r"ends?|ended|pass(?:es)?|passed|lapses?|lapsed)(?: at| on)?|"
                          r"(?:deadline|cutoff|cut-off) (?:set )?(?:of|on|for|at|is|until|to)|"
                          r"target date (?:of|is|was)|"
                          r"(?:has|have|had|get|gets|got)(?: \w+){0,4} until|"
                          r"(?:gave|given|gives|give|giving)(?: [\w'’.-]+){0,9} until|"
                          rf"(?:{_MOVED_WORDS})(?: \w+){{0,4}} (?:until|to)|"
                          # "moved the deadline to", "pushed its cutoff back to"
                          r"(?:moved|pushed|shifted)(?: (?:the|its|their|this|that|[\w'’]+['’]s))?"
                          r"(?: new| final)? (?:deadline|cutoff)(?: back| forward)? (?:to|until)|"
                          # "the window for applications shuts at", "registration for the lottery closes on"
                          rf"{_WINDOW_CLOSES}(?: at| on)?|"
                          # "federal funding expires at midnight": what stops unless someone acts
                          # "applications will be accepted until", "can be amended until": the last day taken
                          r"(?:(?<=\bbe )|(?<=\bis )|(?<=\bare )|(?<=\bwas )|(?<=\bwere )|(?<=\bbeen ))"
                          r"(?:accepted|received|filed|submitted|lodged|amended|"
                          r"claimed|registered|taken|considered)(?: [\w'’-]+){0,4} until|"
                          r"(?:funding|ceasefire|cease-fire|truce|moratorium|sanctions|waiver|exemption)"
                          r"(?: [\w'’-]+){0,3} "
                          r"(?:expires|will expire|(?:is|are) (?:due|set|scheduled) to expire|runs out|"
                          r"will run out|lapses|will lapse)(?: at| on)?|"
                          r"before|after)\s+"
                          r"(?:the\s+)?(?P<part>(?:end|close|middle|start|beginning)\s+of\s+(?:the\s+)?"
                          r"(?:(?:business|play|trading|day)\s+(?:on\s+)?)?|end-)?"
                          r"(?:deadline\s+of\s+)?)$", re.IGNORECASE)
_WHOLE_STRETCH = re.compile(r"\b(?:weekend|week|\d{4}|spring|summer|autumn|fall|winter)$", re.IGNORECASE)
_LOOSE_DATE_CUE = {"before", "on or before"}  # "states holding contests on or before March 1": a schedule
_THIS_STRETCH = re.compile(r"(?:the|this) (?:year|month|week)", re.IGNORECASE)
_IS_OUT = re.compile(r"\s+(?:is|was) (?:out|over|up)\b|\s+ends\b", re.IGNORECASE)
# "will not accept any application after June 30": the last day something is taken
_REFUSED = re.compile(r"\b(?:(?:(?:will|shall|would|can|does|do|is|are)\s+not|won['’]t|cannot|can['’]t|"
                      r"no\s+longer)\s+(?:be\s+)?(?:accept|consider|process|admit|allow|count|honou?r)\w*|"
                      r"(?:will|would|shall)\s+be\s+(?:refused|rejected|disqualified|void|invalid|ignored|"
                      r"turned\s+away))\b", re.IGNORECASE)
# an event dated after it: "before the Easter recess begins on April 6", "before the Dail returns on
# Wednesday", "in time for the start of the school year on 1 September" (the day the event is on)
_EVENT_VERB = (r"(?:begins|starts|opens|returns|resumes|reconvenes|rises|breaks|closes|ends|convenes|expires|"
               r"lapses)")
# "gave clubs until the end of the transfer window on Sept. 1", "until the end of a transition period in
# 2028": the day or the year the event is in
_EVENT_ON_DAY = re.compile(r"\b(?P<cue>before|in time for|by|(?:has|have|had|gave|given|gives|give)"
                           r"(?: [\w'’.-]+){0,6}? until)\s+(?:the\s+)?"
                           r"(?:(?:(?:start|beginning|opening|end|close)\s+of\s+(?:the\s+|an?\s+)?"
                           r"(?:[\w'’-]+\s+){1,4}?)(?:on|in)"
                           rf"|(?:[\w'’-]+\s+){{1,4}}?{_EVENT_VERB}\s+on)\s+$", re.IGNORECASE)
# what marks a sentence as a forecast or a past account, not a target: "will likely", "would", "had filed"
_FORECAST = re.compile(r"\b(?:(?:un)?likely|projected|forecasts?|estimated|predict\w*|thinks?|possibly|"
                       r"potentially|believes?|could|chances?|odds|"
                       r"should be|will be able|will have (?:\w+ly )?\w+(?:ed|en|wn)\b|will see|"
                       r"will continue|(?:is|are|was|were|be|been) "
                       r"expected to|(?:is|are|was|were|be) expected by|"
                       # "analysts expected Orbix to offer concessions within weeks", "she expected to finish"
                       r"(?<!\bis )(?<!\bare )expected (?:[\w'’-]+ ){0,8}?to (?!be\b)|"
                       r"(?:is|are|was|were|be) expected (?:before|within|in)\b|"
                       # what happens, not what someone does: "temperatures will rise 1.4 degrees by 2040",
                       # "would turn profitable within two years"
                       r"(?:will|would|to) (?:\w+ly )?(?:rise|fall|climb|grow|double|triple|decline|drop|"
                       r"turn (?:a )?profit\w*|return to profit\w*|break even)|"
                       # "expects output to reach 2.5 million tonnes by 2027"; "hoped he would be back by May"
                       r"expects? (?:[\w'’-]+ ){1,6}to (?:reach|hit|top|exceed)|"
                       r"hop(?:e|es|ed|ing)(?! to\b))\b",
                       re.IGNORECASE)
_OFFER = re.compile(r"\b(?:offers?|bids?|tender|refunds?|warranty|guarantee)\b", re.IGNORECASE)
_CONSUMER = re.compile(r"\b(?:refunds?|warranty|guarantee[ds]?|money back|free trial)\b", re.IGNORECASE)
_DEBT = re.compile(r"\b(?:notes?|bonds?|debentures?|securities|loans?)\b", re.IGNORECASE)
# "had filed", "had already sent"
_HAD = r"\bhad\s+(?:(?:\w+ly|already|just)\s+)?"
_PARTICIPLE = r"\w+(?:ed|en|wn|t)\b"
_PAST = re.compile(_HAD + _PARTICIPLE, re.IGNORECASE)
# the same but for verbs of asking: "had asked managers to finish by Monday" still demands it
_PAST_DONE = re.compile(_HAD + r"(?!(?:asked|told|ordered|urged|demanded|instructed|requested|voted|agreed|"
                        r"decided|resolved|pledged|promised|vowed)\b)"
                        + _PARTICIPLE, re.IGNORECASE)
_STRONG_DEMAND = re.compile(r"\b(?:must|has to|have to|had to|needs? to|ordered|orders?|ruling|ruled|agreed "
                            r"(?:on \w+ )?to|demanded|demand(?:s|ing)?(?= that| \w+(?: \w+)? to\b)|"
                            r"(?<!not )(?<!n't )(?<!n’t )wants?(?= \w+(?: \w+)? to\b)|"
                            r"requir(?:e|es|ed)|recommend(?:s|ed)?|"
                            # "urged both sides to reach agreement before the weekend"
                            r"urg(?:e|es|ed|ing) (?:[\w'’-]+ ){0,4}?to|"
                            r"call(?:s|ed|ing)? on (?:[\w'’-]+ ){0,4}?to|"
                            r"intend(?:s|ed)? to|deadline|ultimatum|goal|target|plans? to|aims? "
                            r"to|pledged?(?! delegates)|promised?|vowed?|unless)\b",
                            re.IGNORECASE)
# words before a span of time that make it the time someone has: "within 10 days", "has 60 days to", "given 30
# days"; a bare "in" ("in two years") or "for the next" only where the sentence demands something
# "gave an estimated 400,000 workers from Myanmar, Cambodia and Laos 60 days to register": a long object
_BEFORE_SPAN = re.compile(r"(?:\b(?:within|in the next|over the next|no more than|"
                          r"(?:gave|gives|give|giving|given|offered|offers|offer)"
                          r"(?: (?!for\b|in\b|during\b|over\b|after\b|before\b|to\b|deadline|"
                          r"he\b|she\b|they\b|it\b)"
                          r"[\w'’.,-]+){1,11}|"
                          r"given|"
                          # "have a little over a month to"
                          r"(?:has|have|had|get|gets|got)(?: only| just)?"
                          r"(?: (?:a little |a bit |just |only )?"
                          r"(?:over|under|about|around|nearly|almost|roughly))?|"
                          r"in|for the next)\s+[“\"]?)$",
                          re.IGNORECASE)
# "registration closes in two weeks", "the window shuts in 10 days": a window that closes is a deadline
_CLOSES_IN = re.compile(rf"\b{_WINDOW_CLOSES} in\s+$", re.IGNORECASE)
_LOOSE_SPAN_CUE = re.compile(r"\b(?:in|for the next)\s+[“\"]?$", re.IGNORECASE)
_SINCE_LAST = re.compile(r"\b(?:first|only|since|\w{3,}est|(?:has|have|had)n[’']t|never)\b"
                         r"(?:\s+[\w’'-]+){0,4}\s*$", re.IGNORECASE)
# a meeting or a visit dated by a span is a scheduled event: "agreed to meet again in the coming weeks"
_MEETING = re.compile(r"\b(?:meet|meets|meeting|visit|visits|convene|hold talks)(?:\s+\w+){0,2}\s+$",
                      re.IGNORECASE)
_ASKED_FOR = re.compile(r"\b(?:demand(?:s|ed|ing)?|call(?:s|ed|ing)? for|request(?:s|ed|ing)?|"
                        r"ask(?:s|ed|ing)? for|urg(?:e|es|ed|ing))\s+(?:an?\s+|the\s+)?"
                        r"(?:urgent\s+|emergency\s+)?$", re.IGNORECASE)
_NOT_A_SPAN = re.compile(r"\b(?:within|in|for) the (?:first|last|past|previous)\s+$", re.IGNORECASE)
# what makes a sentence a demand or a commitment: a loose cue counts only in such a sentence
_DEMAND = re.compile(r"\b(?:must|has to|have to|had to|needs? to|ordered|orders?|demanded|"
                     r"demands?(?= that| \w+(?: \w+)? to\b)|requir(?:e|es|ed)|recommend(?:s|ed)?|"
                     r"deadline|ultimatum|gave|give|given|told|urged?|call(?:s|ed)? for|asked|warned|or else|"
                     r"or face|"
                     r"threaten(?:s|ed)?|insist(?:s|ed)?|expects?|plans? to|aims? to|pledged?(?! delegates)|"
                     r"promised?|vowed?|"
                     r"committed|agreed to|set to|will have to)\b", re.IGNORECASE)
# a day written before "deadline": "a June 1 deadline", "a May 9 close of business deadline", "March 1 is the
# deadline", "Friday as the deadline", "Thursday's deadline"
_DEADLINE_AFTER = re.compile(r"(?:['’]s)?[\s-]*(?:(?:close[\s-]of[\s-]business|noon|midnight)\s+)?"
                             r"(?:(?:as|is|was|will\s+be)\s+(?:the|a|its|their)\s+"
                             r"(?:new\s+|final\s+|last\s+)?)?"
                             # "a June 30 state deadline", "the May 9 filing deadline"
                             r"(?:(?!(?:is|was|as|will|and|or|to|for)\b)[a-z]+\s+(?=deadline))?"
                             r"(?:deadline|target date|target|goal|cutoff|return date)\b",
                             re.IGNORECASE)
_AT_THE_LATEST = re.compile(r",?\s+at\s+the\s+(?:very\s+)?latest\b", re.IGNORECASE)  # "Friday at the latest"
# a pledge for a term's first days: "in the first 100 days of her administration", "within his first 100 days"
_FIRST_DAYS = re.compile(r"\b(?:in|within|during)\s+(?:the|his|her|their|my|our)\s+first\s+"
                         r"(?:\d+|hundred|[a-z]+)\s+days\b", re.IGNORECASE)
_RESTATED = re.compile(r"\b(?:by|no later than|not later than|(?:well )?(?:before|ahead of)|after) "
                       r"(?:then|that time|that date|that point|the deadline)\b|"
                       r"\bthe clock (?:runs|ran|has run|will run) out\b|"
                       # "The new date is a target, not a countdown"
                       r"\b(?:the|that|this) new (?:date|deadline|time|target date)\b|"
                       # "fails to meet that date"
                       r"(?:(?<=\bmeet )|(?<=\bmeets )|(?<=\bmet )|(?<=\bmiss )|(?<=\bmisses )|"
                       r"(?<=\bmissed ))(?:that|this|the) (?:date|target)\b", re.IGNORECASE)
# who sets a target for itself: "GM plans to cut 30,000 jobs by 2012"
_OWN_TARGET = re.compile(r"\b(?:plans?|planned|aims?|aimed|intends?|intended|pledged?|promised?|vowed?|"
                         r"committed|"
                         r"expects?|expected|hopes?|hoped|wants?|wanted|targets?|targeted|will|would|is to|"
                         r"are to)\b",
                         re.IGNORECASE)
_OWN_TARGET_VERB = re.compile(r"\b(?:plans?|planned|aims?|aimed|intends?|intended|looks? to|seeks? to|"
                              r"hopes? to|wants? to|expects? to|should|ought to|would do well to)\b",
                              re.IGNORECASE)
DEADLINE_NOUN = re.compile(r"\b(?:(?:a|an|the|new|fresh|final|its|their|his|her|this|that|latest)\s+)*"
                           r"(?:deadline|ultimatum)s?\b",
                           re.IGNORECASE)
_NOUN_HEAD = re.compile(r"(?:deadline|ultimatum)s?\b", re.IGNORECASE)
_NOUN_MODIFIER = re.compile(r"a|an|the|new|fresh|final|its|their|his|her|this|that|latest", re.IGNORECASE)


def noun_matches(text: str, start: int, end: int) -> list[re.Match]:
    """DEADLINE_NOUN.finditer(text, start, end), in time linear in the text: the pattern alone tries its
    modifiers from every position ("a\na\na…" thousands of lines long took minutes), so each head word is
    found first and the pattern is tried only where a run of modifiers before it begins."""
    out: list[re.Match] = []
    done = start
    for head in _NOUN_HEAD.finditer(text, start, end):
        for at in reversed(_modifier_run(text, max(start, done), head.start())):
            m = DEADLINE_NOUN.match(text, at, end)
            if m:
                out.append(m)
                done = m.end()
                break
    return out


def _modifier_run(text: str, floor: int, head: int) -> list[int]:
    """Where each run of modifiers ("the new ") that ends at ``head`` may begin, nearest first (``head``
    itself)."""
    starts = [head]
    at = head
    while True:
        space = at
        while space > floor and text[space - 1].isspace():
            space -= 1
        if space == at:
            return starts
        word = next((space - n for n in (6, 5, 4, 3, 2, 1) if space - n >= floor
                     and _NOUN_MODIFIER.fullmatch(text, space - n, space)), None)
        if word is None:
            return starts
        starts.append(word)
        at = word
_DAYS_AFTER = re.compile(r"\b(?:(just|only|a few|several|mere)\s+)?(days|weeks|a "
                         r"week|hours)\s+(after|before)\b",
                         re.IGNORECASE)
_ANCHOR_REACH = 400  # characters before a deadline in which "days after" anchors its issue date
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365,
              "years": 365, "fortnight": 14, "fortnights": 14}


@dataclass
class DeadlineDraft:
    start: int
    end: int
    text: str
    set_by: str | None
    addressee: str | None
    issued: Window
    due: Window
    statement_index: int | None
    same_as: int | None = None
    issued_reading: str | None = None
    due_reading: str | None = None
    check: str | None = None
    confidence: str = "medium"


# "in the coming weeks", "in the next week": a span of time, though tagged as a date
_COMING = re.compile(r"the (?:next|coming) (?:days|weeks|months|week|month)", re.IGNORECASE)
_VAGUE = {"few": (2, 6), "a few": (2, 6), "several": (3, 7)}  # "a few days" as data/README.md reads it
_BARE_UNIT = {"days": (2, 7), "weeks": (14, 42)}  # "only weeks to make their case"


_COMPOUND = re.compile(r"\b(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-‐ ]"
                       r"(?P<unit>one|two|three|four|five|six|seven|eight|nine)\b", re.IGNORECASE)


def span_of(expression: str) -> tuple[int, int, str] | None:
    """(fewest, most, unit) a span of time states, the unit "D" (days), "M" (months) or "Y" (years): "10 or 12
    days" → (10, 12, "D"), "two weeks" → (14, 14, "D"), "18 months" → (18, 18, "M"), "a few days" → (2, 6,
    "D"), "48 hours" → (2, 2, "D")."""
    # "twenty-six months" is 26 months, not 20 to 6
    expression = _COMPOUND.sub(lambda c: str(NUMBERS[c["tens"].lower()] + NUMBERS[c["unit"].lower()]),
                               expression)
    m = re.search(r"(\d+|[a-z]+)(?:\s*(?:or|to|-|–)\s*(\d+|[a-z]+))?[”\"]?\s+"
                  r"(?P<working>(?:working|business)\s+)?"
                  r"(?P<unit>days?|weeks?|months?|years?|hours?|fortnights?)\b",
                  expression, re.IGNORECASE)
    if not m:
        bare = re.fullmatch(r"\s*(?:only\s+|just\s+)?(days|weeks)\s*", expression, re.IGNORECASE)
        return (*_BARE_UNIT[bare.group(1).lower()], "D") if bare else None

    def number(word):
        if word is None:
            return None
        return int(word) if word.isdigit() else NUMBERS.get(word.lower())
    unit = m.group("unit").lower()
    vague = _VAGUE.get(m.group(1).lower()) if m.group(2) is None else None
    if m.group(1).lower() in ("next", "coming") and m.group(2) is None:
        vague = (1, 1) if not unit.endswith("s") else _VAGUE["few"]  # "the next week", "the coming months"
    low, high = vague or (number(m.group(1)), number(m.group(2)))
    if low is None:
        return None
    high = high if high is not None else low
    if unit.startswith("hour"):
        return -(-low // 24), -(-high // 24), "D"  # "within 48 hours": by the second day after
    if unit.startswith(("month", "year")):
        return low, high, unit[0].upper()
    if m.group("working") and unit.startswith("day"):
        return low, high, "B"  # "10 working days": weekdays, counted as such
    return low * _UNIT_DAYS[unit], high * _UNIT_DAYS[unit], "D"


def span_days(expression: str) -> tuple[int, int] | None:
    """(fewest, most) days a span of time states: "10 or 12 days" → (10, 12), "two weeks" → (14, 14)."""
    got = span_of(expression)
    if got is None:
        return None
    low, high, unit = got
    if unit == "B":  # five working days are a week
        return low + 2 * ((low - 1) // 5), high + 2 * ((high - 1) // 5)
    per = {"D": 1, "M": 30, "Y": 365}[unit]
    return low * per, high * per


def _pending(low: int, high: int, unit: str) -> tuple:
    """A due window still to be counted from the issued day: days, or calendar months and years (18 months
    after Oct. 26 is Apr. 26, whatever the months' lengths)."""
    if unit == "D":
        return low, high
    if unit == "B":
        return pd.offsets.BDay(low), pd.offsets.BDay(high)
    key = "months" if unit == "M" else "years"
    return pd.DateOffset(**{key: low}), pd.DateOffset(**{key: high})


def _is_pending(due) -> bool:
    return isinstance(due, tuple) and bool(due) and isinstance(due[0], (int, pd.offsets.BaseOffset))


def _count_from(issued: Window, due: tuple) -> Window:
    if isinstance(due[0], int):
        return shift(issued, due[0], due[1])
    return tuple(pd.NaT if pd.isna(day) else day + by for day, by in zip(issued, due))


_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # meteorological: months from, to
_PART = re.compile(r"\b(?P<part>end|close|early|mid|middle|late|start|beginning)\b", re.IGNORECASE)


def calendar_window(value: str, words: str) -> Window | None:
    """The days a normalised date value covers, narrowed by the words around it (``words``: the cue and the
    expression): "the end of May" is May 31; "early / mid / late June" the 1st–10th / 11th–20th / 21st–end,
    and of a year January–April / May–August / September–December; "by 2012" the whole year. None when the
    value is no stretch of the calendar (a duration, "PRESENT_REF")."""
    decade = re.fullmatch(r"(\d{3})X?", value)
    # "by the mid-1990s": 1994 to 1996, a decade's early, mid or late years being its 0–3, 4–6, 7–9
    if decade:
        first = int(decade.group(1)) * 10
        part = next((p.lower() for p in _PART.findall(words)), "")
        if part in ("end", "close"):  # "by the end of the decade": its last day
            last = pd.Timestamp(year=first + 9, month=12, day=31)
            return last, last
        low, high = {"early": (0, 3), "mid": (4, 6), "middle": (4, 6), "late": (7, 9)}.get(part, (0, 9))
        return pd.Timestamp(year=first + low, month=1, day=1), pd.Timestamp(year=first + high, month=12,
                                                                            day=31)
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-(Q[1-4]|H[12]|SP|SU|FA|WI)|-W(\d\d)(-WE)?)?(?:T|$)", value)
    if not m:
        return None
    year, month, day, period, week, weekend = m.groups()
    year = int(year)
    try:
        if day:
            one = pd.Timestamp(year=year, month=int(month), day=int(day))
            return one, one
        if week:
            monday = pd.Timestamp(dt.date.fromisocalendar(year, int(week), 1))
            first, last = (monday + pd.Timedelta(days=5), monday + pd.Timedelta(days=6)) if weekend else \
                (monday, monday + pd.Timedelta(days=6))
        elif month:
            first = pd.Timestamp(year=year, month=int(month), day=1)
            last = first + pd.offsets.MonthEnd(0)
        elif period:
            months = {"Q": lambda n: (3 * n - 2, 3 * n), "H": lambda n: (6 * n - 5, 6 * n)}
            low, high = months[period[0]](int(period[1])) if period[0] in "QH" else _SEASONS[period]
            first = pd.Timestamp(year=year, month=low, day=1)
            last = pd.Timestamp(year=year + (high > 12), month=(high - 1) % 12 + 1,
                                day=1) + pd.offsets.MonthEnd(0)
        else:
            first, last = pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)
    except ValueError:
        return None
    return _part_of(first, last, words)


def _part_of(first: pd.Timestamp, last: pd.Timestamp, words: str) -> Window:
    """The part of a stretch the words name: its end, or its early, middle or late part — of a month the
    1st–10th / 11th–20th / 21st–end, of a year January–April / May–August / September–December, of any other
    stretch its thirds."""
    parts = [p.lower() for p in _PART.findall(words)]
    if not parts:
        return first, last
    part = parts[-1]
    if part in ("end", "close"):
        if (last - first).days == 6:  # "the end of the week": its Friday to Sunday
            return last - pd.Timedelta(days=2), last
        return last, last
    which = 0 if part in ("early", "start", "beginning") else (1 if part in ("mid", "middle") else 2)
    if first.day == 1 and last == first + pd.offsets.MonthEnd(0):  # a month
        low = first + pd.Timedelta(days=10 * which)
        return low, (low + pd.Timedelta(days=9) if which < 2 else last)
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:  # a year
        low = first + pd.DateOffset(months=4 * which)
        return low, low + pd.DateOffset(months=4) - pd.Timedelta(days=1)
    third = ((last - first).days + 1) // 3
    if which < 2:
        return first + pd.Timedelta(days=third * which), first + pd.Timedelta(days=third * (which + 1) - 1)
    return first + pd.Timedelta(days=2 * third), last


# a word before "forecast" that makes it a noun: "an updated production forecast", "its sales forecasts"
_NOUN_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|updated|new|revised|latest|production|sales|"
                          r"profit|earnings|weather|growth|economic|budget)\s+$", re.IGNORECASE)


def _forecast_words(text: str, lo: int, hi: int) -> list[re.Match]:
    """The words of ``text[lo:hi]`` that make a sentence a forecast; "forecast" as a noun is none ("would
    present a defence, including an updated production forecast, by the end of the month")."""
    return [m for m in _FORECAST.finditer(text, lo, hi)
            if not (m.group(0).lower().startswith("forecast")
                    and _NOUN_BEFORE.search(text, max(lo, m.start() - 20), m.start()))]


def _forecast(text: str, sent: tuple[int, int], skip: tuple[int, int] = (0, 0)) -> bool:
    """Whether a sentence forecasts rather than demands, the words in ``skip`` aside (the object of "gave an
    estimated 400,000 workers 60 days" is no forecast)."""
    found = [m for m in _forecast_words(text, sent[0], sent[1]) if not skip[0] <= m.start() < skip[1]]
    return bool(found) and not _STRONG_DEMAND.search(text, sent[0], sent[1])


_SUBORDINATE = re.compile(r",\s+(?:after|because|since|when)\b", re.IGNORECASE)


def _before_subordinate(text: str, sent: tuple[int, int], end: int) -> tuple[int, int]:
    """The sentence up to a clause of its own after ``end`` (", after investigators found that children
    could …" forecasts nothing about what came before it)."""
    tail = _SUBORDINATE.search(text, end, sent[1])
    return (sent[0], tail.start()) if tail else sent


def _not_a_target(text: str, sent: tuple[int, int], cue: int, end: int) -> bool:
    """A date after "by" that is no target: a forecast, a past account ("had filed reports by Wednesday", "by
    Sunday the speech had been reframed"), or
    an opening "By 2018," setting the scene, unless the sentence demands or pledges something."""
    if _STRONG_DEMAND.search(text, sent[0], sent[1]):
        return False
    before = text[sent[0]:cue].strip(" \n\"“")
    opening = not before or before.endswith((":", ";"))
    start = _clause_start(text, max(sent[0], cue - 80), cue)
    done = _PAST_DONE.search(text, start, cue)
    # "had been far too slow and called on the company to email every customer by Friday": asked after
    done_before = done is not None and not _ASKS_AFTER.search(text, done.end(), cue)
    # "would release an update by the end of the month, after researchers showed that a flaw could …": a
    # clause of its own after the date forecasts nothing about it
    return opening or bool(_forecast_words(text, *_before_subordinate(text, sent, end)) or done_before
                           or _PAST_DONE.search(text, end, _clause_end(text, end, sent[1])))


def _demanding(text: str, sent: tuple[int, int]) -> bool:
    """Whether the sentence demands or commits to something; "expects" alone does not: "expects sales to
    double in two years" is a forecast."""
    return any(m.group(0).lower() not in ("expect", "expects")
               for m in _DEMAND.finditer(text, sent[0], sent[1]))


def _sentence_of(sents, pos: int) -> tuple[int, int]:
    return next(((s, e) for s, e in sents if s <= pos < e), (pos, pos + 1))


def find_deadlines(text: str, timexes: list[TimexSpan], statements: list[StatementDraft],
                   mentions: list[MentionDraft], reference: dt.date | None) -> list[DeadlineDraft]:
    """The deadlines a text states: a day or a stretch of the calendar after "by", "has until", "no later
    than", "due"; a span of time after "within", "has", "given"; a deadline named ("a deadline", "the
    ultimatum") and restated ("by then", "the deadline"); with who set it, for whom, when it was issued and
    when it falls due."""
    sents = list(article_sentences(text))
    found: list[DeadlineDraft] = []

    def add(start, end, due, due_reading, check, confidence="medium"):
        if any(start < d.end and d.start < end for d in found):
            return None
        sent = _sentence_of(sents, start)
        st_index = _statement_at(statements, start, end, sent)
        speaker = statements[st_index].speaker if st_index is not None else None
        setter, given_to = _giver(text, start, end, mentions, sent)
        found.append(DeadlineDraft(start, end, text[start:end], setter or speaker,
                                   given_to or _addressee(text, start, end, mentions),
                                   OPEN, due, st_index, due_reading=due_reading, check=check,
                                   confidence=confidence))
        return found[-1]

    skip = -1
    for i, t in enumerate(timexes):
        if i == skip:
            continue
        if (dated := _clock_on_day(text, timexes, i)) is not None:
            t, skip = dated, i + 1  # "until midnight on Sept. 30": the day, not the clock's
        elif (dated := _clock_on_said_day(text, timexes, i)) is not None:
            t = dated  # "by noon that day", "8 p.m. on polling day"
        if t.type in ("DATE", "TIME") and not _COMING.fullmatch(t.text):
            # "the end of the month": of the month its sentence named, looked up only for such a phrase
            month = _month_named_before(timexes, i, sents) if _THE_MONTH.fullmatch(t.text) else None
            _dated(text, t, sents, add, reference, month)
        elif (named := _span_noun(text, t, sents)) is not None:
            # "a 72-hour ultimatum", "a 60-day window", "the 90-day countdown": counted from when it was set
            add(t.start, named[0], _pending(*named[1]), f'"{t.text}" after it was issued', None)
        elif (span := _span_of_time(text, t, sent := _sentence_of(sents, t.start))) is not None:
            start, end = span
            if _committed(text, sent, start, end, statements):
                add(start, end, _pending(*span_of(t.text)), f'"{text[start:end]}" after it was issued', None,
                    "medium")
        elif (span := _span_from_event(text, t, sent)) is not None:
            _add_from_event(text, t, span, timexes, add)
    _other_readings(text, timexes, sents, found, add, reference)
    for m in _RESTATED.finditer(text, min((d.end for d in found), default=len(text))):
        if any(d.start < m.start() for d in found):
            add(m.start(), m.end(), OPEN, None, "restates the deadline before it", "medium")
    found.sort(key=lambda d: d.start)
    _restatements(text, found, sents)
    _own_targets(text, found, mentions, sents)
    _issue_dates(text, found, timexes, sents, reference)
    _unresolved_nouns(found)
    return found


def _unresolved_nouns(found: list[DeadlineDraft]) -> None:
    """"a deadline", "an ultimatum" named with no date, restating no deadline of the text and restated by
    none ("Talks stall as deadline nears"): kept for the reader to judge, with low confidence, so accepting
    the confident entries leaves them out."""
    referred = {d.same_as for d in found if d.same_as is not None}
    for i, d in enumerate(found):
        if d.check == _BARE_NOUN and d.same_as is None and i not in referred and d.due == OPEN:
            d.confidence = "low"


def _other_readings(text: str, timexes: list[TimexSpan], sents, found: list[DeadlineDraft], add,
                    reference: dt.date | None) -> None:
    """The readings that are not one time expression's: deadlines named or said again, set by undated events,
    a day of the month alone, notice, spans kept before an event, the end of the day."""
    _named_and_beside(text, timexes, sents, found, add)
    _spans_said_again(text, timexes, sents, found, add)
    _events_said_again(text, found, add)
    _undated_events(text, sents, add)
    _days_of_month(text, sents, found, add, reference)
    _notice_periods(text, sents, add)
    _spans_before_events(text, timexes, sents, add, reference)
    _end_of_day(text, sents, add, reference)


# "told to clear their desks by the end of the day" (never "at the end of the day", which means "in the end")
_END_OF_DAY = re.compile(r"\b(?:by|before|until)\s+(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?"
                         r"(?:business\s+)?(?:day|business)(?:\s+today)?\b(?!\s+(?:on\b|tomorrow\b|[A-Z0-9]))",
                         re.IGNORECASE)


def _end_of_day(text: str, sents, add, reference: dt.date | None) -> None:
    """"by the end of the day" asked for: the article's day (the day itself where the text names none)."""
    for m in _END_OF_DAY.finditer(text):
        sent = _sentence_of(sents, m.start())
        if reference is None or not (_demanding(text, sent) or _STRONG_DEMAND.search(text, *sent)) \
                or _forecast(text, sent):
            continue
        day = pd.Timestamp(reference)
        add(m.start(), m.end(), (day, day), f'"{m.group(0)}": the article\'s day', None, "medium")


# an event the text does not date, which something must come before: "before parliament rises for the
# summer", "by the start of the school year"
_UNDATED_EVENT = re.compile(r"\b(?:before|by|in time for)\s+(?:the\s+)?(?:"
                            r"(?:start|beginning|end)\s+of\s+the\s+(?:school|academic|legislative|"
                            r"parliamentary)\s+(?:year|session|term)|"
                            r"(?:start|beginning|end)\s+of\s+(?:the\s+)?(?:(?:summer|autumn|spring|winter|fall)\s+)?"
                            r"term|"
                            # a sport's season, across two years or none: "the start of the 2026-27 season"
                            r"(?:start|beginning|end)\s+of\s+(?:the\s+|next\s+|this\s+)?"
                            r"(?:(?:1[6-9]|20)\d\d[-–/](?:\d\d){1,2}\s+)?season|"
                            r"(?:summer|winter|easter|christmas|august|autumn|spring)\s+recess(?!\s+(?:begins|starts)"
                            r"\s+on\b)|"
                            r"(?:parliament|congress|council|legislature|senate|house|assembly|lawmakers|"
                            r"commons|dail|bundestag)\s+(?:rises|breaks|recesses|adjourns|returns|reconvenes)"
                            r"(?:\s+for\s+the\s+(?:summer|winter|holidays?|recess|year))?)\b", re.IGNORECASE)


def _undated_events(text: str, sents, add) -> None:
    """Deadlines set by an event the text does not date, in a sentence that demands or aims at something, and
    pledges for a term's first days; their due day stays open."""
    for m in _UNDATED_EVENT.finditer(text):
        sent = _sentence_of(sents, m.start())
        if re.match(r"\s+on\b", text[m.end():m.end() + 4]):
            continue  # "before the Dail returns on Wednesday": dated, read with its day
        if (_STRONG_DEMAND.search(text, sent[0], sent[1]) or _demanding(text, sent)) \
                and not _forecast(text, sent) and not _PAST_DONE.search(text, sent[0], m.start()):
            add(m.start(), m.end(), OPEN, None, "falls due with an event the text does not date: its due day "
                "stays open", "low")
    for m in _FIRST_DAYS.finditer(text):
        add(m.start(), m.end(), OPEN, None, "counts from taking office, which the text does not date",
            "medium")


# "by the 15th": a day of the month alone, ending its clause
_DAY_OF_MONTH = re.compile(r"\b(?:by|no later than|not later than)\s+the\s+(?P<day>[12]\d|3[01]|[1-9])"
                           r"(?:st|nd|rd|th)\b"
                           r"(?=\s*(?:[,.;:!?\"”’)]|$)|\s+(?:or|and|if|unless|at\s+the\s+latest)\b)",
                           re.IGNORECASE)
_SAME_DAY = "the day of the month of a deadline before it, said again"


def _days_of_month(text: str, sents, found: list[DeadlineDraft], add, reference: dt.date | None) -> None:
    """"by the 15th": the deadline before it that falls due on a 15th, said again; else, where its sentence
    asks for something or says what follows if it is not done, the first 15th after the article's day."""
    for m in _DAY_OF_MONTH.finditer(text):
        n = int(m["day"])
        same = [d.due for d in found if d.end <= m.start() and pd.notna(d.due[0]) and d.due[0] == d.due[1]
                and d.due[0].day == n]
        if same:
            add(m.start(), m.end(), same[-1], None, _SAME_DAY)
            continue
        sent = _sentence_of(sents, m.start())
        if reference is None or _forecast(text, sent) or not (
                _STRONG_DEMAND.search(text, *sent) or _demanding(text, sent)
                or re.search(r"\b(?:if|unless)\b", text[sent[0]:m.start()], re.IGNORECASE)):
            continue
        day = pd.Timestamp(reference)
        while day.day != n:  # the first such day on or after the article's (a 31st skips short months)
            day += pd.Timedelta(days=1)
        add(m.start(), m.end(), (day, day), f'"{m[0]}": the first {m[0].split()[-1]} on or after the '
            "article's day", None, "medium")


# "must give at least 14 days' notice before any new walkouts": notice someone must give ahead of an event
_NOTICE = re.compile(r"\b(?:must|has to|have to|will|would|shall|agreed to|required to|needs? to)\s+give\s+"
                     r"(?:(?:the|its|their|his|her)\s+[\w'’-]+\s+|\w+\s+)?(?P<span>(?:at\s+least\s+)?"
                     rf"(?:\d+|{'|'.join(sorted(NUMBERS, key=len, reverse=True))})"
                     r"[\s-]+(?:days?|weeks?|months?|hours?)['’]?\s+notice)\b", re.IGNORECASE)


def _notice_periods(text: str, sents, add) -> None:
    """Notice someone must or will give before an event it has not yet dated: a deadline counted back from
    that event, its due day open (notice someone is to receive, "three months' notice before an eviction",
    is the rule of a kind of case, none)."""
    for m in _NOTICE.finditer(text):
        if not _forecast(text, _sentence_of(sents, m.start())):
            add(m.start("span"), m.end("span"), OPEN, None, "counted back from an event the text does not "
                "date: its due day stays open", "low")


# a span someone must keep before an event: "must register at least 15 days before the election", "told to
# send statements at least 21 days before a borrower's first payment is due"
_SPAN_BEFORE = re.compile(r"\s+before\s+(?P<event>(?:[\w'’.-]+\s+){0,7}?[\w'’-]+)"
                          r"(?=\s*[,;:!?)”\"]|[.\s]*$|\s+(?:and|or|so|if|when|because|but|unless)\b)",
                          re.IGNORECASE)
_AT_LEAST = re.compile(r"\b(?:at\s+least|no\s+later\s+than|not\s+later\s+than|no\s+fewer\s+than|"
                       r"no\s+less\s+than)\s+$", re.IGNORECASE)
_TOLD = re.compile(r"\b(?:told|asked|ordered|instructed|directed)(?: [\w'’-]+){0,5}? to \w", re.IGNORECASE)


def _spans_before_events(text: str, timexes: list[TimexSpan], sents, add, reference: dt.date | None) -> None:
    """A span of time before an event that a rule or an order asks for: counted back from the event's day
    where the text dates it there ("15 days before the Nov. 4 election"), else its due day left open; never
    an account ("two days before the election, he resigned")."""
    for t in timexes:
        span = span_of(t.text) if t.type == "DURATION" else None
        if span is None:
            continue
        sent = _sentence_of(sents, t.start)  # the event ends with its sentence at the latest
        m = _SPAN_BEFORE.match(text, t.end, sent[1])
        if m is None:
            continue
        clause = _clause_start(text, sent[0], t.start)  # who asks for it asks in the span's own clause
        if not (_RULE.search(text, clause, t.start) or _STRONG_DEMAND.search(text, clause, t.start)
                or _TOLD.search(text, clause, t.start)) or _forecast(text, sent) \
                or any(tag(w.lower()) == "VBD" for w in re.findall(r"[A-Za-z]+", m["event"])) \
                or _past_account(text, sent, t.start, m.end()):
            continue  # "seven months before he announced": told of the past
        least = _AT_LEAST.search(text, max(sent[0], t.start - 25), t.start)
        start = least.start() if least else t.start
        if re.search(r"\bwait(?:s|ed|ing)?\s+(?:for\s+)?$", text[max(0, start - 12):start], re.IGNORECASE):
            continue  # "must wait at least 30 days before closing": the earliest day, not a deadline
        day = next((x for x in timexes if m.start("event") <= x.start and x.end <= m.end("event")
                    and _one_day(x)), None)
        if day is None:
            add(start, m.end(), OPEN, None, "counted back from an event the text does not date: its due day "
                "stays open", "medium")
            continue
        low, high, unit = span
        on = (pd.Timestamp(day.value),) * 2
        if reference is not None:  # "the Nov. 4 election" asked for: the coming Nov. 4
            on = _nearest(on, day.text, pd.Timestamp(reference), False)
        add(start, m.end(), _count_from(on, _pending(-high, -low, unit)),
            f'"{t.text}" before {day.text} ({on[0]:%Y-%m-%d})', None)


def _one_day(t: TimexSpan) -> bool:
    """Whether a time expression is a date naming one calendar day ("2025-09-30")."""
    return t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value) is not None


def _clock_on_day(text: str, timexes: list[TimexSpan], i: int) -> TimexSpan | None:
    """A time of day and the date written right after it ("midnight on Sept. 30", "5 p.m., June 2") as one
    expression dated on that day."""
    t = timexes[i]
    if t.type != "TIME" or i + 1 >= len(timexes):
        return None
    day = timexes[i + 1]
    if not _one_day(day) or \
            not re.fullmatch(r",?\s+(?:(?:local|[A-Z][a-z]+)\s+time\s+)?(?:on\s+)?", text[t.end:day.start]):
        return None
    return TimexSpan(t.start, day.end, text[t.start:day.end], "DATE", day.value)


# a day a clock time is on, named after it without a date: the day named before, or polling day
_POLLING_DAY = r"(?:polling|election|voting) day\b"
_SAID_DAY = re.compile(r",?\s+(?:on\s+)?(?:that|the\s+same)\s+day\b|"
                       rf",?\s+on\s+(?:(?P<event>{_POLLING_DAY})|deadline day\b)", re.IGNORECASE)
UNDATED_DAY = "XXXX-XX-XX"
_POLL = r"(?:elections?|vote|poll|polls|referendum|polling day|election day|voting day)"
_POLL_AFTER_DAY = re.compile(rf"(?:['’]s)?(?:\s+(?!(?:to|and|or|a|an)\b)[\w-]+){{0,2}}?\s+{_POLL}\b",
                             re.IGNORECASE)
_POLL_BEFORE_DAY = re.compile(rf"\b{_POLL}\s+(?:is|was|will be|falls|takes place|is (?:set|scheduled) for|"
                              r"is on|on|,)\s*(?:on\s+)?$", re.IGNORECASE)


def polling_day(text: str, timexes: list[TimexSpan]) -> str | None:
    """The day the text gives its election or vote ("the June 12 mayoral election", "polling day is June 12"),
    when it gives one day only."""
    days = {x.value for x in timexes if _one_day(x)
            and (_POLL_AFTER_DAY.match(text, x.end, x.end + 40)
                 or _POLL_BEFORE_DAY.search(text, max(0, x.start - 40), x.start))}
    return days.pop() if len(days) == 1 else None


def _clock_on_said_day(text: str, timexes: list[TimexSpan], i: int) -> TimexSpan | None:
    """A time of day on a day named after it without a date ("until 11:59 p.m. that day", "8 p.m. on polling
    day") as one expression on that day: the last date written before it, or the day the text gives its vote;
    ``UNDATED_DAY`` when the text gives none."""
    t = timexes[i]
    m = _SAID_DAY.match(text, t.end) if t.type == "TIME" else None
    if m is None:
        return None
    if m["event"]:
        day = polling_day(text, timexes)
    elif m.group(0).lower().endswith("deadline day"):  # "11pm on deadline day": the text gives no day
        day = None
    else:
        day = next((x.value for x in reversed(timexes[:i]) if _one_day(x)), None)
    return TimexSpan(t.start, m.end(), text[t.start:m.end()], "DATE", day or UNDATED_DAY)


def _pledged_year(text: str, t: TimexSpan, sents, reference: dt.date | None) -> re.Match | None:
    """ "in 2025" (or "in the year 2000") where its clause pledges or demands something for that year: "the
    pledge … to reduce emissions 26 percent in 2025", "pledged that in the year 2000 it would lift the
    restrictions"; not the year a pledge was made ("committed to spend at the summit, in Wales in 2014")."""
    if not re.fullmatch(r"\d{4}", t.value) or reference is None:
        return None
    m = _IN_YEAR.search(text, max(0, t.start - 20), t.start)
    sent = _sentence_of(sents, t.start)
    clause = text[_clause_start(text, sent[0], t.start):t.start]
    ahead = int(t.value) >= reference.year or re.match(r"(?:\W+\w+){0,3}?\W+(?:would|will)\b",
                                                       text[t.end:sent[1]])
    return m if m and ahead and _PLEDGE.search(clause) else None


_IN_YEAR = re.compile(r"\b(?P<cue>in)\s+(?:the\s+year\s+)?$", re.IGNORECASE)
_PLEDGE = re.compile(r"\b(?:pledged?|pledges|promised?|vowed?|goal|target|commit(?:ted|ment)|plans? to|"
                     r"aims? to|must|has to|have to)\b", re.IGNORECASE)


_THE_MONTH = re.compile(r"(?:the\s+(?:end|middle|beginning|start)\s+of\s+)?the\s+month", re.IGNORECASE)


def _month_named_before(timexes: list[TimexSpan], i: int, sents) -> str | None:
    """The month (YYYY-MM) the sentence of ``timexes[i]`` named last before it, for "the end of the month" to
    mean that month ("adding the data in January 2016 and done by the end of the month"); None when none."""
    sent = _sentence_of(sents, timexes[i].start)
    for t in reversed(timexes[:i]):
        if t.start < sent[0]:
            return None
        if re.fullmatch(r"\d{4}-\d\d", t.value or ""):
            return t.value
    return None


# who asks for something after a past clause: "had been far too slow and called on the company to email every
# customer by Friday" (the coming Friday)
_ASKS_AFTER = re.compile(r"\b(?:call(?:s|ed)? on|urg(?:es|ed)|ask(?:s|ed)|demand(?:s|ed)|told|"
                         r"order(?:s|ed))\b", re.IGNORECASE)


def _told_as_past(text: str, sent: tuple[int, int], pos: int) -> bool:
    """Whether the sentence tells of the past ("had filed"), unless someone asks for something after that
    (then a weekday is the coming one)."""
    past = _PAST.search(text, *sent)
    return past is not None and not _ASKS_AFTER.search(text, past.end(), pos)


_JUST_BEFORE = re.compile(r"\b(?:shortly|just|right|immediately|moments|minutes|hours|days|weeks|months|"
                          r"years)\s+$",
                          re.IGNORECASE)
_USE_GIVEN = re.compile(r"\b(?:access|exclusiv\w*|loan|lease|licen[cs]e|use of|rights?)\b", re.IGNORECASE)


def _date_cue(text: str, t: TimexSpan, sents, reference: dt.date | None) -> re.Match | None:
    """The words before a date that make it a due day ("by", "has until", "before the recess begins on", "the
    deadline to register is"), if any."""
    if re.fullmatch(r"\d{4}", t.value or "") and re.match(r"[-–/](?:\d\d){1,2}\b", text[t.end:t.end + 5]):
        return None  # "by the start of the 2026-27 season": a season across two years, its days not stated
    head = text[max(0, t.start - 90): t.start]  # "gave the three ferry operators that use the harbour until"
    m = _BEFORE_DATE.search(head)
    if m is not None and (m["cue"].lower() == "before" and _JUST_BEFORE.search(head, 0, m.start())
                          or re.match(r"giv|gave", m["cue"], re.IGNORECASE) and _USE_GIVEN.search(m["cue"])):
        return None  # "shortly before 11 a.m.": when it happened; "given access to the books until": a term
    if m is not None and m["cue"].lower() == "after":
        sent = _sentence_of(sents, t.start)
        if not _REFUSED.search(text, *sent) or text[t.end:t.end + 1] in "'’":
            m = None  # "after June 30" only where what comes later is refused; other cues may still apply
    event = _EVENT_ON_DAY.search(head) if head.rstrip()[-3:].lower() in (" on", " in") else None
    return m or event or _pledged_year(text, t, sents, reference) or \
        _NOUN_IS.search(text, max(_sentence_of(sents, t.start)[0], t.start - 110), t.start) or \
        _moved_to(text, t, sents)


# "moved the Oct. 10 cutoff set by state law to Oct. 14": the deadline named between verb and "to" is moved
_MOVED_NAMED = re.compile(rf"\b(?:{_MOVED_WORDS}|moved|pushed|shifted|brought forward)\b[^;]{{0,60}}?"
                          r"\b(?:deadline|cutoff|cut-off)\b[^;]{0,50}?\s$", re.IGNORECASE)
_TO = re.compile(r"\b(?P<cue>to|until)\s+$", re.IGNORECASE)


def _moved_to(text: str, t: TimexSpan, sents) -> re.Match | None:
    """"to Oct. 14" after a deadline moved and named on the way there; ``_restatements`` links it."""
    to = _TO.search(text, max(0, t.start - 10), t.start)
    lo = max(_sentence_of(sents, t.start)[0], t.start - 130)
    return to if to and _MOVED_NAMED.search(text, lo, to.start()) else None


def _dated(text: str, t: TimexSpan, sents, add, reference: dt.date | None, month: str | None = None) -> None:
    """A day or a stretch of the calendar something must happen by: "by June 1", "has until the end of May",
    "by early June", "by 2012", "a June 1 deadline", "by midnight Thursday"; ``month`` (YYYY-MM) stands for
    the month "the month" names, when its sentence named one before it."""
    m = _date_cue(text, t, sents, reference)
    after = _DEADLINE_AFTER.match(text, t.end) or _AT_THE_LATEST.match(text, t.end)
    if not m and not after:
        return
    sent = _sentence_of(sents, t.start)
    cue = m.group("cue").lower() if m else ""
    out = None
    if cue == "before" and (before_end := _before_an_end(text, t, m, sent)) is not None:
        if not before_end:
            return
        cue, out = "by", before_end[0]
    if cue in _LOOSE_DATE_CUE and not after and not _STRONG_DEMAND.search(text, sent[0], sent[1]):
        return  # "closed until Friday", "the last polls before Election Day"
    if cue.startswith("window") and t.type == "TIME":
        return  # "The window on Saturday closes at 8:41 a.m.": a launch's hours on a day, not a last day
    if cue == "by" and not after and _not_a_target(text, sent, t.start - len(m.group(0)), t.end):
        return  # "By 2018, the minimum wage would…", "had filed reports by Wednesday"
    if re.match(r"(?:has|have|had|get|gets|got) (?!(?:only|just|until)\b)", cue) and \
            not re.match(r",?\s+to\s+\w", text[t.end:t.end + 8]):
        return  # "doesn't have an appointment until October", "got the rental until Monday"
    if cue.startswith("due") and _due_is_no_deadline(text, t, sent, cue, t.start - len(m[0])):
        return
    if _MOVED.match(cue) and _OFFER.search(text, sent[0], sent[1]):
        return  # "extended to Nov. 20 its $45-a-share offer": how long an offer stands, not a deadline
    if _MOVED.search(cue) and _EVENT_PUT_OFF.search(text, max(sent[0], t.start - len(m[0]) - 50), t.start) \
            and not _NOUN_HEAD.search(text, sent[0], t.start):
        return  # "classes are postponed until Aug. 25", "extended its licence until 2029": no deadline moved
    if _WEEKDAY.fullmatch(t.text.split()[-1]) and re.match(r" (?!(?:" + _MONTH_WORDS + r")\b)[A-Z][a-z]",
                                                            text[t.end:t.end + 3]):
        return  # "a memoir by Wednesday Martin": a name
    named = None if after or not (_WEEKDAY.search(t.text) or re.search(r"\b\d{1,2}\b", t.text)
                                  or re.search(r"-(?:SP|SU|FA|WI)$", t.value or "")) else \
        _NAMING_NOUN.match(text, t.end)
    if named and tag(named.group(1)) in ("NN", "NNS"):
        return  # "by the late Friday release", "before the summer recess": a day naming a thing, no due day
    words = (m.group(0) if m and m.re is not _EVENT_ON_DAY else cue + " ") + t.text + (" end" if out else "")
    if t.value == UNDATED_DAY:  # "no later than 8 p.m. on polling day", and polling day not dated
        add(t.start - len(m.group(0)) if m else t.start, t.end, OPEN, None,
            "on a day the text does not date: its due day stays open", "medium")
        return
    window = calendar_window(month or t.value, words)
    if window is None:
        return
    if reference is not None and (window := _placed(text, t, m, cue, after, sent, window, reference)) is None:
        return
    if cue == "before" and not after and not _PART.search(words) and (
            window[0] == window[1] or _WHOLE_STRETCH.search(t.text)):
        # "before Oct. 14", "before the weekend", "before 2027": the day before it starts ("before the
        # November elections" is an event in November, its day unknown)
        window = (window[0] - pd.Timedelta(days=1),) * 2
    start = t.start - len(m.group(0)) if m else t.start
    end = after.end() if after else (out.end() if out else t.end)
    one_day = window[0] == window[1]
    reading = f'"{text[start:end]}"' + ("" if one_day else f": {window[0]:%Y-%m-%d} to {window[1]:%Y-%m-%d}")
    add(start, end, window, reading, None, "high" if one_day else "medium")


def _placed(text: str, t: TimexSpan, m: re.Match | None, cue: str, after, sent: tuple[int, int],
            window: Window, reference: dt.date) -> Window | None:
    """The window of a date placed in time from the article's day (the nearest of its name, the coming
    quarter), or None when it is a past account, not a target ("By 2015, the coal market was in a slide")."""
    ref = pd.Timestamp(reference)
    # "raised $287 million by the end of February", "by Monday, officials hardened their stance": what had
    # happened by a day, told in the past
    account = cue == "by" and not after and _past_account(
        text, sent, t.start - len(m.group(0)), t.end + (text[t.end:t.end + 1] == ","))  # "By Monday, …"
    # "had given the company until Friday": the giving is past, the Friday to come
    given = re.match(r"(?:gave|given|gives|give|has|have|had|get|gets|got)\b", cue)
    window = _nearest(window, t.text, ref, account or not given and _told_as_past(text, sent, t.start))
    window = _coming_quarter(text, t, sent, window, ref, account)
    if cue == "by" and not after and not _STRONG_DEMAND.search(text, sent[0], sent[1]) and (
            window[1] < ref - _LONG_PAST or account and window[1] <= ref):
        return None
    return window


def _before_an_end(text: str, t: TimexSpan, m: re.Match, sent: tuple[int, int]) -> tuple | None:
    """After "before", the end of a stretch ("before the year is out", "before the end of the year"), which
    reads as "by" reads it: (the match of "is out" or None,); () when the sentence tells or foretells it ("He
    resigned before the end of the year", "is unlikely before"); None when the date is no such end."""
    out = _IS_OUT.match(text, t.end) if _THIS_STRETCH.fullmatch(t.text) else None
    if not (out or re.match(r"(?:end|close)\b", m.groupdict().get("part") or "", re.IGNORECASE)
            or re.match(r"(?:the )?(?:end|close) of\b", t.text, re.IGNORECASE)):
        return None
    if _past_account(text, sent, t.start - len(m.group(0)), out.end() if out else t.end) or \
            _forecast_words(text, *sent):
        return ()
    return (out,)


def _due_is_no_deadline(text: str, t: TimexSpan, sent: tuple[int, int], cue: str, start: int) -> bool:
    """"bonds due 1993": when a debt matures; "the rate decision is due on March 19": an event's date ("due
    by next week" stays a deadline); "due in" a month only ("payments will be due in October"), never a
    baby's."""
    if _DEBT.search(text, sent[0], sent[1]):
        return True
    if cue == "due in" and (not re.fullmatch(r"\d{4}-\d\d", t.value or "") or _BIRTH.search(text, *sent)):
        return True
    return cue in ("due", "due on", "due in") and _SCHEDULED.search(text, max(sent[0], start - 40),
                                                                    start) is not None


_EVENT_PUT_OFF = re.compile(r"\b(?:classes|school|match|game|vote|meeting|hearing|trial|launch|concert|"
                            r"festival|race|flight|opening|start|licen[cs]e|lease|contract|permit|mandate|"
                            r"term)s?\b(?:\s+[\w,'’-]+){0,4}\s*$", re.IGNORECASE)
_SCHEDULED = re.compile(r"\b(?:decision|ruling|verdict|vote|meeting|results?|announcement|hearing|figures|"
                        r"data|election|release|launch)s?\s+(?:is|are|was|were)\s+(?:\w+ly\s+)?$",
                        re.IGNORECASE)
_BIRTH = re.compile(r"\b(?:bab(?:y|ies)|pregnan\w*|born|twins|expecting|calf|foal)\b", re.IGNORECASE)
# the day "the deadline to register is": "The deadline to register to vote in Ohio is Monday, Oct. 19"
_NOUN_IS = re.compile(r"\b(?:(?:the|a|its|their|his|her|this|that)\s+)?(?:(?:new|final|last)\s+)?"
                      r"(?P<cue>deadline|ultimatum)\b(?:\s+(?:to|for)\b[^.;:!?\"“”]{0,70}?)?\s+"
                      r"(?:is|was|will be|falls on|fell on|expires on|expires)\s+(?:on\s+)?$", re.IGNORECASE)
_NAMING_NOUN = re.compile(r"\s+(?!(?:morning|afternoon|evening|night|noon|midnight|deadlines?|cutoff)\b)"
                          r"([a-z]{3,})\b")
_LONG_PAST = pd.Timedelta(days=183)  # a "by" date this long before the article's day tells of the past
_MONTH_WORDS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Morning|Afternoon|Evening|Night|Noon"
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# words that fix which day a date is, so that it is not moved to the nearest of its name
_FIXED_DAY = re.compile(r"\b(?:1[6-9]|20)\d\d\b|\b(?:next|last|coming|past)\b|"
                        rf"\bthis\b(?!\s+{_WEEKDAY.pattern[2:]})", re.IGNORECASE)
_MONTH_NAME = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")


def _coming_quarter(text: str, t: TimexSpan, sent, window: Window, ref: pd.Timestamp, account: bool
                    ) -> Window:
    """"aims to finish the work by the third quarter": the coming one, when its clause tells of no past (a
    quarter without its year is otherwise the last one reported)."""
    if account or window[1] >= ref or not re.search(r"\bquarter\b", t.text, re.IGNORECASE) or \
            _FIXED_DAY.search(t.text):
        return window
    past = [m.end() for m in _PAST.finditer(text, _clause_start(text, sent[0], t.start), t.start)]
    if past and not _OWN_TARGET_VERB.search(text, past[-1], t.start):  # "had hired … and aims to finish by"
        return window
    return tuple(d + pd.DateOffset(years=1) for d in window)


def _nearest(window: Window, words: str, ref: pd.Timestamp, past: bool) -> Window:
    """A date the text writes without its year is the nearest one of that name to the article's day ("by Jan.
    29" in a Dec. 31 article: the coming Jan. 29), one in the past counting double unless the sentence tells
    of the past; a weekday alone the coming one ("by Thursday" said on a Sunday: in four days), or the last
    one in a sentence that tells of the past."""
    # "this Friday" is read as a weekday alone: the coming one, or the last one in a sentence of the past
    if _FIXED_DAY.search(words):
        return window
    if _WEEKDAY.search(words) and not _MONTH_NAME.search(words) and window[0] == window[1]:
        ahead = (window[0].day_of_week - ref.day_of_week) % 7
        day = ref + pd.Timedelta(days=ahead - 7 if past and ahead else ahead)
        return day, day
    if re.search(r"\bweekend\b", words, re.IGNORECASE) and window[0].day_of_week == 5 and \
            window[1] - window[0] == pd.Timedelta(days=1):  # "by the weekend": the coming one, as a weekday
        ahead = (5 - ref.day_of_week) % 7
        saturday = ref + pd.Timedelta(days=ahead - 7 if past and ahead else ahead)
        return saturday, saturday + pd.Timedelta(days=1)
    if not _MONTH_NAME.search(words):
        return window
    options = []
    for years in (-1, 0, 1):
        try:
            moved = tuple(d + pd.DateOffset(years=years) for d in window)
        except (ValueError, OverflowError):
            continue
        gap = 0 if moved[0] <= ref <= moved[1] else min(abs((moved[0] - ref).days),
                                                        abs((moved[1] - ref).days))
        gap *= 1 if past or moved[0] > ref else 2
        options.append((gap, years != 0, moved))
    return min(options, key=lambda o: o[:2])[2] if options else window


def _committed(text: str, sent: tuple[int, int], start: int, end: int, statements) -> bool:
    """Whether a span of time is one someone has or gave: the sentence demands, pledges or gives it ("ordered
    them out within 10 days", "has 60 days to"), or somebody says it ("we will finish within a week", he
    said); not the writer's own account ("a million tweets within 24 hours", "will hit the airwaves in the
    next two months")."""
    if re.match(r"(?:has|have|had|get|gets|got|gave|gives|give|giving|given|offer)", text[start:end],
                re.I) or re.match(_WINDOW_CLOSES + r" in\s", text[start:end], re.I) or \
            _DEMAND.search(text, *sent) or _OWN_TARGET_VERB.search(text, *sent):
        return True
    said = _statement_at(statements, start, end, sent) is not None or _SAID_OR_IF.search(text, *sent)
    return bool(said) and not _past_account(text, sent, start, end)


_CLAUSE_BREAK = re.compile(r",(?!\d)")  # a comma between clauses, not the one in "40,000"


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Where the clause holding ``pos`` begins: after the last clause comma in ``text[lo:pos]``, else
    ``lo``."""
    ends = [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, pos)]
    return ends[-1] if ends else lo


def _clause_end(text: str, pos: int, hi: int) -> int:
    """Where the clause holding ``pos`` ends: at the first clause comma in ``text[pos:hi]``, else ``hi``."""
    m = _CLAUSE_BREAK.search(text, pos, hi)
    return m.start() if m else hi


def _past_account(text: str, sent: tuple[int, int], start: int, end: int) -> bool:
    """Whether the clause of a span tells of the past: "there were a million tweets within 24 hours", "within
    weeks the effort had sent letters"."""
    words = re.findall(r"[A-Za-z’']+", text[_clause_start(text, sent[0], start):start] + " "
                       + text[end:_clause_end(text, end, sent[1])])
    return any(tag(w.lower()) == "VBD" and w.lower() not in _REPORTING_PAST for w in words) and \
        not any(w.lower() in _FUTURE_WORDS for w in words)


_SAID_OR_IF = re.compile(r"\b(?:said|says|say|told|tells|announced|according to|if|unless)\b", re.IGNORECASE)
_REPORTING_PAST = {"said", "told", "announced", "added", "stated", "wrote", "noted", "explained", "asked"}
_FUTURE_WORDS = {"will", "would", "shall", "must", "can", "to", "’ll", "'ll", "fails", "fail"}


def _own_aim_before(text: str, sent: tuple[int, int], pos: int) -> bool:
    """Whether the clause before ``pos`` states someone's aim ("As the FBI looks to wrap up its inquiry in
    the coming months, agents are likely to …"): a forecast elsewhere in the sentence does not undo it."""
    return bool(_OWN_TARGET_VERB.search(text, _clause_start(text, sent[0], pos), pos))


_SPAN_NOUN = re.compile(r"\s+(?:ultimatum|deadline|window|countdown|grace period)\b", re.IGNORECASE)


def _hyphened_span(words: str) -> tuple[int, int, str] | None:
    """``span_of`` also of a span written as one word: "72-hour", "the 90-day countdown"."""
    return span_of(words.replace("-", " "))


def _span_noun(text: str, t: TimexSpan, sents) -> tuple[int, tuple] | None:
    """(where it ends, its span) of "a 72-hour ultimatum", "a 60-day window": a span written before the noun
    of a deadline, not an offer's ("a 30-day window for returns")."""
    named = _SPAN_NOUN.match(text, t.end) if t.type == "DURATION" else None
    span = _hyphened_span(t.text) if named else None
    if span is None or _OFFER.search(text, *_sentence_of(sents, t.start)):
        return None
    return named.end(), span


_FROM_EVENT_CUE = re.compile(r"\b(?:within|no later than|not later than|"
                             r"(?P<has>(?:has|have|had|get|gets|got|given)(?: only| just)?))\s+$",
                             re.IGNORECASE)
_RULE = re.compile(r"\b(?:must|shall|required|requires?|has to|have to|is to|are to|(?:is|are) due)\b",
                   re.IGNORECASE)
# who asks for it or commits to it: "asks the Secretary-General to report no later than 30 days after the
# adoption", "said she would rule within a week of receiving the documents"
_ASKED_OR_PLEDGED = re.compile(r"\b(?:asks?|asked|tells?|told|orders?|ordered|will|would|shall|'ll|’ll)\b",
                               re.IGNORECASE)


def _span_from_event(text: str, t: TimexSpan, sent: tuple[int, int]) -> tuple[int, int] | None:
    """A span counted from an event that a rule or an order demands: "must notify patients within 60 days of
    discovering a breach", "no later than 30 days after the adoption of this resolution" (its due day stays
    open); not an account ("emerged within two weeks of the slaying")."""
    if t.type != "DURATION" or not span_of(t.text) or \
            not re.match(r"\s+(?:of|after|from)\s", text[t.end:t.end + 8]):
        return None
    cue = _FROM_EVENT_CUE.search(text, max(sent[0], t.start - 20), t.start)
    if cue is None:
        return None
    if cue["has"]:  # "has 60 days from the report's circulation to file an appeal": the time someone has
        if not re.match(r"[^.;]{0,80}?\bto\s+\w", text[t.end:sent[1]]):
            return None
    elif not (_RULE.search(text, sent[0], t.start) or _STRONG_DEMAND.search(text, sent[0], t.start)):
        clause = _clause_start(text, sent[0], t.start)
        if not _ASKED_OR_PLEDGED.search(text, clause, t.start) or _forecast_words(text, clause, t.start):
            return None
    return cue.start(), t.end


def _add_from_event(text: str, t: TimexSpan, span: tuple[int, int], timexes, add) -> None:
    """A span counted from an event: from the event's day where the text dates it right there ("72 hours from
    Thursday's ruling", "within 30 days of the June 3 decision"), else with its due day open."""
    at = re.match(r"\s+(?:of|after|from)\s+(?:the\s+)?", text[t.end:t.end + 20])
    day = next((x for x in timexes if x.start == t.end + at.end() and _one_day(x)), None) if at else None
    poll = re.match(_POLLING_DAY, text[t.end + at.end():t.end + at.end() + 20],
                    re.IGNORECASE) if at and day is None else None
    if poll and (value := polling_day(text, timexes)):  # "within 30 days after polling day", dated elsewhere
        end = t.end + at.end() + poll.end()
        day = TimexSpan(t.end + at.end(), end, text[t.end + at.end():end], "DATE", value)
    if day is None:
        add(*span, OPEN, None, "counted from an event the text does not date: its due day stays open")
        return
    on = pd.Timestamp(day.value)
    due = _count_from((on, on), _pending(*span_of(t.text)))
    add(span[0], day.end, due, f'"{t.text}" after {day.text} ({day.value})', None)


_VAGUE_SPAN = re.compile(r"(?:a few\s+|several\s+|some\s+)?(?:hours|days|weeks|months|years)", re.IGNORECASE)


def _span_of_time(text: str, t: TimexSpan, sent: tuple[int, int]) -> tuple[int, int] | None:
    """A span of time someone has: "within 10 or 12 days", "has 60 days to", "in the next 30 days", "given 48
    hours"; a bare "in two years" only where the sentence demands something, never "within the first two
    years"."""
    if t.type != "DURATION" and not _COMING.fullmatch(t.text):
        return
    head = text[max(0, t.start - 110): t.start]
    m = _CLOSES_IN.search(head) or _BEFORE_SPAN.search(head)
    span = span_of(t.text)
    if not m or not span or _NOT_A_SPAN.search(head) or re.match(r"the (?:first|last|past|previous)\b",
                                                                 t.text, re.I):
        return
    if _VAGUE_SPAN.fullmatch(t.text) and re.match(r"within|in|over", m.group(0), re.IGNORECASE) \
            and not _STRONG_DEMAND.search(text, *sent):
        # "would file an appeal within days": a forecast; "must leave within days" demands it, and "have only
        # weeks to make their case" is time someone has
        return
    if re.match(r"\s+(?:of|after|when|where|that|in which)\b", text[t.end:t.end + 10]) or \
            _forecast(text, _before_subordinate(text, sent, t.end), (t.start - len(m.group(0)), t.start)) \
            and not _own_aim_before(text, sent, t.start):
        # "within two weeks of the slaying": counted from an event; "in a year when …": a time described;
        # "within six weeks, only one is likely": a forecast
        return
    if _SINCE_LAST.search(text, max(0, t.start - len(m.group(0)) - 60), t.start - len(m.group(0))):
        return  # "its first contested convention in 40 years": a span looking back
    clause = _clause_start(text, sent[0], t.start)
    if _LOOSE_SPAN_CUE.fullmatch(m.group(0)) and (
            re.search(r"\bnot\s+in\s+$", text[max(0, t.start - 8):t.start])
            or _PAST.search(text, clause, t.start)
            or re.search(r"\b(?:if|unless)\b", text[clause:t.start], re.IGNORECASE)):
        # "act now, not in two years"; "prices had already fallen 15 percent in two years"; "if we terminate
        # in two weeks": a supposition
        return
    if _LOOSE_SPAN_CUE.fullmatch(m.group(0)) and not re.match(r"the (?:next|coming)\b", t.text,
                                                           re.IGNORECASE) and \
            not _demanding(text, sent):
        return  # "returns to profit in two years": a forecast
    if not _time_to_act(text, m.group(0).strip(), t.end):
        return  # "has 60 days to respond", not "has 60 days of paid leave", "have three weeks to go" or "gave
        # the staff two weeks' notice"
    meeting = _MEETING.search(text, max(0, t.start - len(m.group(0)) - 40), t.start - len(m.group(0)))
    if meeting and not _ASKED_FOR.search(text, max(0, meeting.start() - 40), meeting.start()):
        return  # "agreed to meet again in the coming weeks"; "demanding a meeting within seven days" asks
    if _CONSUMER.search(text, *sent):
        return  # "buyers can return them within 30 days for a full refund": a shop's terms
    return t.start - len(m.group(0)), _close_quote(text, t.end)


def _time_to_act(text: str, cue: str, end: int) -> bool:
    """After "has", "gave them" and the like, whether the span is time to do something: "60 days to respond",
    "seven days on Monday to leave", "has five days." said alone; not "60 days of paid leave"."""
    if not re.match(r"(?:has|have|had|get|gets|got|gave|gives|give|giving|offered|offers|offer|given \S+ )",
                    cue, re.I):
        return True
    if re.match(r"[”\"]?\s+(?:on \w+\s+)?(?:to(?! go\b)|left(?!\s+on\b)|in which)\b", text[end:end + 24]):
        return True
    if re.match(r",\s+not\s+(?:a|one)\s+(?:second|minute|hour|day|week|month)\s+(?:more|longer)\b",
                text[end:end + 30]):
        return True  # "The operator has 72 hours, not a day more"
    return bool(re.match(r"(?:has|have|gets?)\b", cue, re.I) and re.match(r"\s*(?:[.!]|,?[”\"])",
                                                                          text[end:end + 3]))


def _named_and_beside(text: str, timexes, sents, found, add) -> None:
    """A deadline named without a date ("a deadline", "the ultimatum"), and a span of time said in the
    sentence of a deadline or the next ("It's 50 days"), which may be another deadline (low confidence)."""
    for s, e in paragraphs(text):
        nouns = [m for m in noun_matches(text, s, e) if not _generic(text, m)]
        near = [_sentence_of(sents, d.start) for d in found if s <= d.start < e] + \
            [_sentence_of(sents, m.start()) for m in nouns]
        for t in timexes:
            # the paragraph's own first: reading spans for every paragraph made long articles quadratic
            days = span_days(t.text) if s <= t.start < e and t.type == "DURATION" else None
            if days and _beside(sents, near, t.start) and _bare_span(text, t):
                add(t.start, t.end, days, f'"{t.text}", from an unstated start',
                    "a span of time beside a deadline: is it one? its start is not stated", "low")
        for m in nouns:
            if any(m.end() <= d.start < m.end() + 16 for d in found):
                continue  # "the deadline is by mid-June": the date states it
            if not re.search(r"\bby\s+(?:the\s+)?$", text[max(s, m.start() - 10): m.start()]):
                add(m.start(), m.end(), OPEN, None, _BARE_NOUN, "medium")


_BARE_NOUN = "a deadline named without a date"


def _bare_span(text: str, t: TimexSpan) -> bool:
    """A number of days said on its own ("It's 50 days"), not a rate ("$15 an hour"), a span counted from
    something ("10 days before the murder", "barely a month after") or how long something lasted ("for two
    days", "two days of negotiations")."""
    if not re.match(r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                    r"thirty|"
                    r"forty|fifty|sixty|ninety|hundred)", t.text, re.IGNORECASE):
        return False
    before = text[max(0, t.start - 16):t.start]
    after = text[t.end:t.end + 12]
    if re.search(r"\bin\s+$", before) and _SINCE_LAST.search(text, max(0, t.start - 70),
                                                            t.start - len(before) + before.rindex("in")):
        return False  # "the city's first strike in four years": a span looking back
    return not re.search(r"\b(?:for|after|over|ago|past|last|the|barely|nearly|about|lasting|than|some|least|"
                         r"most|"
                         r"almost)\s+$", before, re.IGNORECASE) and \
        not re.match(r"\s+(?:before|after|later|earlier|ago|of|out|apart|old|long|from|into|in|beyond|behind|"
                     r"late|overdue)\b", after,
                     re.IGNORECASE)


def _generic(text: str, m: re.Match) -> bool:
    """"ultimatums don't work", "deadline pressure", "deadline-driven": the word, not a deadline."""
    words = m.group(0).lower().split()
    if words[-1].endswith("s") and not {"the", "new", "final"} & set(words):
        return True
    return bool(re.match(r"[-‐]|\s+(?:pressure|day|driven|extension|looms?)\b", text[m.end():m.end() + 12]))


def _beside(sents, near: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` is in one of the ``near`` sentences or the sentence after one."""
    i = next((k for k, (s, e) in enumerate(sents) if s <= pos < e), None)
    return i is not None and any(sents[i] == n or (i and sents[i - 1] == n) for n in near)


_MOVED = re.compile(rf"(?:{_MOVED_WORDS}|moved|pushed|shifted)\b", re.IGNORECASE)


_ANOTHER = re.compile(r"\b(?:another|similar|previous|earlier|separate|second|other)\s+"
                      r"(?:[\w-]+\s+){0,2}(?:deadline|ultimatum)", re.IGNORECASE)


_SAID_AGAIN = "the span of a deadline before it, said again"
_IS_AFTER = re.compile(r"\s+(?:is|are|was|were|isn['’]t|wasn['’]t|won['’]t|will not|would not)\b")


def _same_span(a: str, b: str) -> bool:
    first = _hyphened_span(a)  # "the 90-day countdown" … "Ninety days"
    return first is not None and first == _hyphened_span(b)


def _spans_said_again(text: str, timexes, sents, found, add) -> None:
    """A span of time that opens a sentence or a quote and is talked about ("Sixty days is not enough",
    "Ninety days is a long time") after a deadline of that span: that deadline, said again."""
    starts = {s for s, _ in sents}
    for t in timexes:
        if t.type != "DURATION" or not _IS_AFTER.match(text, t.end) or \
                not (t.start in starts or text[t.start - 1:t.start] in ('"', "“")):
            continue
        if any(d.start < t.start and d.confidence != "low" and _same_span(d.text, t.text) for d in found):
            add(t.start, t.end, OPEN, None, _SAID_AGAIN)


# the event a deadline is dated by ("before the Easter recess begins on April 6"), named again later ("if the
# bill is not passed before the recess"): that deadline, said again
_EVENT_HEAD = re.compile(rf"\b(?:the\s+)?(?:[\w'’-]+\s+)?([A-Za-z]{{3,}})\s+{_EVENT_VERB}\s+on\b",
                         re.IGNORECASE)


def _events_said_again(text: str, found, add) -> None:
    """"before the recess" after a deadline dated by the day the recess begins: that deadline, said again."""
    for d in [d for d in found if d.confidence != "low"]:
        head = _EVENT_HEAD.search(d.text)
        if head is None:
            continue
        noun = re.escape(head.group(1))
        again = re.compile(rf"\b(?:before|by|in time for)\s+the\s+(?:[\w'’-]+\s+)?{noun}\b"
                           rf"(?![\w'’-]|\s+(?:{_EVENT_VERB}|on)\b)", re.IGNORECASE)
        for m in again.finditer(text, d.end):
            add(m.start(), m.end(), OPEN, None, _SAID_AGAIN)


def _says_again(earlier: str, later: str) -> bool:
    """Whether ``later`` says a deadline ``earlier`` stated again: its span ("Sixty days") or its event ("the
    recess")."""
    head = _EVENT_HEAD.search(earlier)
    return _same_span(earlier, later) or (head is not None and re.search(
        rf"\b{re.escape(head.group(1))}$", later, re.IGNORECASE) is not None)


def _restatements(text: str, found: list[DeadlineDraft], sents) -> None:
    """"the deadline", "that ultimatum", "by then": the last deadline stated before (for "the ultimatum", the
    last one called an ultimatum), with its dates; "extended to Sept. 30": the last one, moved."""
    for i, d in enumerate(found):
        if _MOVED.match(d.text) or re.match(r"(?:to|until)\s", d.text) and _MOVED_NAMED.search(
                text, max(_sentence_of(sents, d.start)[0], d.start - 130), d.start):
            # "later extended to Sept. 30", "moved the Oct. 10 cutoff … to Oct. 14": the one before, moved
            before = [j for j in range(i) if found[j].confidence != "low" and d.start - found[j].end < 400]
            if before:
                j = before[-1]
                d.same_as, d.set_by = j, d.set_by or found[j].set_by
                d.addressee = d.addressee or found[j].addressee
            continue
        if d.check in (_SAID_AGAIN, _SAME_DAY):  # "Sixty days is not enough", "by the 15th": said before
            j = next(j for j in reversed(range(i)) if (found[j].due == d.due if d.check == _SAME_DAY
                                                       else _says_again(found[j].text, d.text)))
            d.same_as, d.due, d.issued, d.check = j, found[j].due, found[j].issued, None
            d.due_reading = f"as the deadline it restates ({found[j].text!r})"
            # the same deadline, set by whoever set it, whoever speaks of it again
            d.set_by, d.addressee = found[j].set_by or d.set_by, found[j].addressee or d.addressee
            continue
        named = DEADLINE_NOUN.fullmatch(d.text) or _RESTATED.fullmatch(text, d.start, d.end)
        if not named or d.due != OPEN or _ANOTHER.search(text, max(0, d.start - 20), d.end):
            continue  # "missed a similar deadline in December", "another deadline": a new one
        # "the new date": the deadline as last moved; otherwise the first statement of the last deadline
        moved_too = re.search(r"\bnew\b", d.text, re.IGNORECASE) is not None
        earlier = [j for j in range(i)
                   if found[j].confidence != "low" and (moved_too or found[j].same_as is None)]
        if earlier:
            # "the ultimatum" restates the last deadline called one, if any ("an ultimatum: leave by Friday")
            called = [j for j in earlier if "ultimatum" in d.text.lower()
                      and "ultimatum" in text[slice(*_sentence_of(sents, found[j].start))].lower()]
            j = (called or earlier)[-1]
            d.same_as, d.due, d.issued = j, found[j].due, found[j].issued
            d.due_reading = f"as the deadline it restates ({found[j].text!r})"
            d.set_by = found[j].set_by or d.set_by  # "the deadline", whoever says it, is the setter's
            d.addressee = found[j].addressee or d.addressee


def _own_targets(text: str, found: list[DeadlineDraft], mentions: list[MentionDraft], sents) -> None:
    """"GM plans to cut 30,000 jobs by 2012": a deadline said in no statement, in a sentence whose subject
    plans, aims or pledges, is one that subject set for itself."""
    for d in found:
        if d.set_by is not None:
            continue
        s, _ = _sentence_of(sents, d.start)
        before = [k for k in mentions if s <= k.start and k.end <= d.start]
        if before and _OWN_TARGET.search(text, before[0].end, d.start):
            d.set_by = before[0].actor_id


def _close_quote(text: str, end: int) -> int:
    """Take the closing quote (and a comma inside it) when the span was quoted: “10 or 12 days,”."""
    m = re.match(r",?[”\"]", text[end:end + 2])
    return end + m.end() if m else end


def _statement_at(statements, start, end, sent):
    """The statement a deadline is said in: inside its content, or just after its cue in the same sentence
    ("told reporters" ending one paragraph says nothing of the next)."""
    for i, s in enumerate(statements):
        if s.content_start <= start and end <= s.content_end + 2:
            return i
    for i, s in enumerate(statements):
        if s.cue_start is not None and sent[0] <= s.cue_start <= start < s.cue_end + 40:
            return i
    return None


# verbs whose subject sets a deadline and whose object is given it: "Trump on Tuesday set a Friday deadline",
# "the court gave Pelosi until Friday", "the judge ordered the city to … by Oct. 15"
_GIVING = re.compile(r"\b(?:set|sets|issued|issues|imposed|imposes|gave|gives|give|giving|given|offered|"
                     r"offers|ordered|orders|told|tells|asked|asks|urged|urges|demanded|demands)\b",
                     re.IGNORECASE)
_TO_OBJECT = {"gave", "gives", "give", "giving", "given", "offered", "offers", "ordered", "orders", "told",
              "tells", "asked", "asks", "urged", "urges"}
# a verb in a clause joined to the subject's: "struck down a law …, but gave Parliament 12 months"
_JOINED = re.compile(r"(?:,\s*)?\b(?:and|but)\s+(?:also\s+|then\s+|later\s+)?(?:(?:has|have|had)\s+)?$",
                     re.IGNORECASE)
# what may stand between a subject and its verb: "Trump on Tuesday set", "the court has ordered"
_SUBJECT_GAP = re.compile(r"[\s,]*(?:(?:on|late on|early on|this|last)\s+\w+[\s,]*)?"
                          r"(?:(?:has|have|had|also|then|formally|again|\w+ly)\s+)*", re.IGNORECASE)


_HAS_BEFORE = re.compile(r"(?:has|have|had)\s+(?:also\s+|\w+ly\s+)?", re.IGNORECASE)


def _giver(text: str, start: int, end: int, mentions: list[MentionDraft], sent: tuple[int, int]
           ) -> tuple[str | None, str | None]:
    """Who set a deadline and for whom, from the verb that gives or demands it in its sentence: its subject
    and, for "gave", "ordered", "told", its object, when each is a named mention."""
    # the verb before the deadline's words, or opening them ("The ministry has given the council until
    # Friday")
    verbs = [v for v in _GIVING.finditer(text, sent[0], end)
             if v.start() <= start or _HAS_BEFORE.fullmatch(text, start, v.start())]
    if not verbs:
        return None, None
    verb = verbs[-1]
    word = verb.group(0).lower()
    if word == "given" and not re.search(r"\b(?:has|have|had)\s+(?:also\s+|\w+ly\s+)?$",
                                         text[max(0, verb.start() - 24):verb.start()]):
        return None, None  # "were given seven days": given by someone the sentence does not name
    # "…launched an offer for Brightwater Foods, giving shareholders until July 2": a clause after the
    # sentence's, whose subject gives
    after_comma = word == "giving" and re.search(r",\s*$", text[sent[0]:verb.start()])
    subject = [k for k in mentions if sent[0] <= k.start and k.end <= verb.start() and not after_comma
               and _SUBJECT_GAP.fullmatch(text, k.end, verb.start())]
    if not subject and (_JOINED.search(text, sent[0], verb.start()) or after_comma):
        # the sentence's subject, named at its start, gives in the joined clause
        subject = [k for k in mentions if sent[0] <= k.start < sent[0] + 40 and k.end <= verb.start()
                   and not re.search(r"[,;]", text[sent[0]:k.start])][:1]
    given_to = None
    if word in _TO_OBJECT:
        after = [k for k in mentions if verb.end() <= k.start < end
                 and re.fullmatch(r"\s+(?:the\s+)?", text[verb.end():k.start])]
        given_to = after[0].actor_id if after else None
    return (subject[-1].actor_id if subject else None), given_to


def _addressee(text, start, end, mentions):
    """Whom a deadline is for: the one named after "for" or "to" ("a deadline for Russia"), or the subject of
    "has until", "has 30 days", "was given 10 days" ("GM has until the end of May")."""
    if re.match(r"(?:has|have|had|given|gets?|got)\b(?!\s+(?:also\s+)?given)", text[start:end],
                re.IGNORECASE):
        subject = [k for k in mentions if k.end <= start and re.fullmatch(
            r"\s*(?:(?:was|were|is|are|has been|have been|had been)\s+)?", text[k.end:start])]
        if subject:
            return subject[-1].actor_id
    window = text[end: end + 60]
    m = re.match(r"\s+(?:for|to|on)\s+", window)
    if m:
        after = [k for k in mentions if end + m.end() <= k.start < end + m.end() + 3]
        if after:
            return after[0].actor_id
    return None


def _issue_dates(text, found, timexes, sents, reference) -> None:
    """Issued windows: a stated anchor ("just days after" a dated event), else what an earlier deadline
    of the same actor had; a span of days then becomes a due window counted from it."""
    for i, d in enumerate(found):
        if d.same_as is not None and (d.due_reading or "").startswith("as the deadline it restates"):
            # a restatement has the days of what it restates, counted by now ("72 hours" … "the deadline")
            d.due, d.issued = found[d.same_as].due, found[d.same_as].issued
            continue
        sent = next(((s, e) for s, e in sents if s <= d.start < e), (d.start, d.end))
        # an anchor counts only before the deadline: searched near it, so a text without sentence ends stays
        # linear
        anchor = _DAYS_AFTER.search(text, max(sent[0], d.start - _ANCHOR_REACH), min(sent[1], d.start + 40))
        if anchor and anchor.start() < d.start:
            base = _last_day_before(timexes, sent[0]) or (pd.Timestamp(reference) if reference else None)
            if base is not None:
                phrase = " ".join(x for x in anchor.groups()[:2] if x)
                low, high = CONVENTIONS.get(phrase.lower(), CONVENTIONS["days"]) if "day" in phrase else (7,
                                                                                                          21)
                sign = -1 if anchor.group(3).lower() == "after" else 1
                window = shift((base, base), *sorted((sign * high, sign * low)))
                d.issued = window
                d.issued_reading = f'"{anchor.group(0)}" {base:%Y-%m-%d}: {low} to {high} days'
        if d.issued == OPEN:
            earlier = [j for j in range(i) if found[j].set_by == d.set_by and d.set_by is not None
                       and found[j].due == OPEN and found[j].issued != OPEN and found[j].same_as is None
                       and not any(found[k].same_as == j for k in range(i))]
            if earlier and _is_pending(d.due) and d.confidence != "low":
                j = earlier[-1]
                d.same_as = j
                d.issued = found[j].issued
                d.issued_reading = f"as the same actor's earlier deadline ({found[j].text!r})"
                d.check = _join(d.check, f"read as the deadline of {found[j].text!r}, which gave no date")
        if d.issued == OPEN and _is_pending(d.due) and d.confidence != "low":
            d.issued, d.issued_reading = _said_on(text, d, timexes, sents, reference, found)
        if _is_pending(d.due):
            d.due = _count_from(d.issued, d.due)
            if d.issued == OPEN and "start is not stated" not in (d.check or ""):
                d.check = _join(d.check, "issue date not stated: the due date stays open")
        if not pd.isna(d.due[1]) and not pd.isna(d.issued[0]) and d.due[1] < d.issued[0]:
            # a day read as the issue date that falls after the due day: a misreading, not the text's claim
            d.issued, d.issued_reading = OPEN, None
            d.check = _join(d.check, "the issue date read from the text fell after the due day: left open")


# a day that dates something else than the saying: "moved the Oct. 10 cutoff", "hire an auditor by April 15"
_NOT_THE_DAY_SAID = re.compile(r"\b(?:by|until|till|to|from|after|before|since|through)\s+(?:the\s+)?$",
                               re.IGNORECASE)


def _said_on(text, d: DeadlineDraft, timexes, sents, reference, found=()) -> tuple[Window, str | None]:
    """The day a span of time counts from: a day its sentence states ("on Monday gave them 30 days") that is
    no deadline's and no other stretch's end ("by April 15", "the Oct. 10 cutoff"), else the article's day
    (the text says "today", "this morning" or nothing)."""
    s, e = _sentence_of(sents, d.start)
    days = [t for t in timexes if s <= t.start < e and not (d.start <= t.start < d.end)
            and re.match(r"\d{4}-\d\d-\d\d(?:T|$)", t.value)
            and not any(o.start <= t.start < o.end for o in found)
            and not _NOT_THE_DAY_SAID.search(text, max(s, t.start - 12), t.start)
            and not _DEADLINE_AFTER.match(text, t.end)]
    if days:
        day = pd.Timestamp(days[0].value[:10])
        return (day, day), f'"{days[0].text}" {day:%Y-%m-%d}, the day its sentence states'
    if reference is None:
        return OPEN, None
    past = next((t for t in timexes if s <= t.start < d.start and re.fullmatch(r"\d{4}(?:-\d\d)?", t.value)
                 and t.value < f"{reference:%Y-%m}"[:len(t.value)]), None)
    if past is not None:  # "In 2023, the company was given 90 days": a day of 2023 the text does not state
        return OPEN, None
    day = pd.Timestamp(reference)
    return (day, day), f"the article's day, {day:%Y-%m-%d} (the text states no other)"


def _last_day_before(timexes, pos):
    days = [t for t in timexes if t.end <= pos and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value)]
    return pd.Timestamp(days[-1].value) if days else None


def _join(a, b):
    return b if not a else f"{a}; {b}"
