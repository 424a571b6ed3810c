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
from helpers.drafting.statements import StatementDraft
from helpers.drafting.timex import NUMBERS, TimexSpan

_BEFORE_DATE = re.compile(r"(?:\b(?:by|until|till|before|no later than|deadline (?:of|on|for))\s+(?:the\s+)?"
                          r"(?:deadline\s+of\s+)?)$", re.IGNORECASE)
_BEFORE_SPAN = re.compile(r"(?:\b(?:within|in the next|in|over the next|for the next|no more than|gave \w+|gives \w+|"
                          r"give \w+|given)\s+[“\"]?)$", re.IGNORECASE)
DEADLINE_NOUN = re.compile(r"\b(?:(?:a|an|the|new|fresh|final)\s+)*(?:deadline|ultimatum)s?\b", re.IGNORECASE)
_NOUN_HEAD = re.compile(r"(?:deadline|ultimatum)s?\b", re.IGNORECASE)
_NOUN_MODIFIER = re.compile(r"a|an|the|new|fresh|final", re.IGNORECASE)


def noun_matches(text: str, start: int, end: int) -> list[re.Match]:
    """DEADLINE_NOUN.finditer(text, start, end), in time linear in the text: the pattern alone tries its modifiers
    from every position ("a\na\na…" thousands of lines long took minutes), so each head word is found first and
    the pattern is tried only where a run of modifiers before it begins."""
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
    """Where each run of modifiers ("the new ") that ends at ``head`` may begin, nearest first (``head`` itself)."""
    starts = [head]
    at = head
    while True:
        space = at
        while space > floor and text[space - 1].isspace():
            space -= 1
        if space == at:
            return starts
        word = next((space - n for n in (5, 3, 2, 1) if space - n >= floor
                     and _NOUN_MODIFIER.fullmatch(text, space - n, space)), None)
        if word is None:
            return starts
        starts.append(word)
        at = word
_DAYS_AFTER = re.compile(r"\b(?:(just|only|a few|several|mere)\s+)?(days|weeks|a week|hours)\s+(after|before)\b",
                         re.IGNORECASE)
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365}


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


def span_days(expression: str) -> tuple[int, int] | None:
    """(fewest, most) days a span of time states: "10 or 12 days" → (10, 12), "two weeks" → (14, 14)."""
    m = re.search(r"(\d+|[a-z]+)(?:\s*(?:or|to|-|–)\s*(\d+|[a-z]+))?[”\"]?\s+(days?|weeks?|months?|years?)\b",
                  expression, re.IGNORECASE)
    if not m:
        return None

    def number(word):
        if word is None:
            return None
        return int(word) if word.isdigit() else NUMBERS.get(word.lower())
    low, high = number(m.group(1)), number(m.group(2))
    if low is None:
        return None
    unit = _UNIT_DAYS[m.group(3).lower()]
    high = high if high is not None else low
    return int(low * unit), int(high * unit)


def find_deadlines(text: str, timexes: list[TimexSpan], statements: list[StatementDraft],
                   mentions: list[MentionDraft], reference: dt.date | None) -> list[DeadlineDraft]:
    sents = list(article_sentences(text))
    found: list[DeadlineDraft] = []
    used: list[tuple[int, int]] = []

    def add(start, end, due, due_reading, check, confidence="medium"):
        if any(start < e and s < end for s, e in used):
            return None
        used.append((start, end))
        st_index = _statement_at(statements, start, end)
        speaker = statements[st_index].speaker if st_index is not None else None
        found.append(DeadlineDraft(start, end, text[start:end], speaker, _addressee(text, start, end, mentions),
                                   OPEN, due, st_index, due_reading=due_reading, check=check,
                                   confidence=confidence))
        return found[-1]

    for t in timexes:
        head = text[max(0, t.start - 40): t.start]
        if t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value):
            m = _BEFORE_DATE.search(head)
            if m:
                day = pd.Timestamp(t.value)
                add(t.start - len(m.group(0)), t.end, (day, day), f'"{t.text}"', None, "high")
        elif t.type == "DURATION":
            m = _BEFORE_SPAN.search(head)
            days = span_days(text[t.start:t.end])
            if m and days:
                # the due window holds day counts until the issue date is known
                start, end = t.start - len(m.group(0)), _close_quote(text, t.end)
                add(start, end, days, f'"{text[start:end]}" after it was issued', None, "medium")
    # a span of time said in the same paragraph as a deadline, or a deadline named without a date
    for s, e in paragraphs(text):
        nouns = noun_matches(text, s, e)
        if nouns or any(s <= d.start < e for d in found):
            for t in timexes:
                days = span_days(t.text) if t.type == "DURATION" else None
                if days and s <= t.start < e and not any(t.start < d.end and d.start < t.end for d in found):
                    add(t.start, t.end, days, f'"{t.text}", from an unstated start',
                        "a span of time beside a deadline: is it one? its start is not stated", "low")
        for m in nouns:
            if not any(m.start() < d.end and d.start < m.end() for d in found) and \
                    not re.search(r"\bby\s+(?:the\s+)?$", text[max(s, m.start() - 10): m.start()]):
                add(m.start(), m.end(), OPEN, None, "a deadline named without a date", "medium")
    found.sort(key=lambda d: d.start)
    _issue_dates(text, found, timexes, sents, reference)
    return found


def _close_quote(text: str, end: int) -> int:
    """Take the closing quote (and a comma inside it) when the span was quoted: “10 or 12 days,”."""
    m = re.match(r",?[”\"]", text[end:end + 2])
    return end + m.end() if m else end


def _statement_at(statements, start, end):
    for i, s in enumerate(statements):
        if s.content_start <= start and end <= s.content_end + 2:
            return i
    for i, s in enumerate(statements):
        if s.cue_start is not None and s.cue_start <= start < s.cue_end + 40 and s.cue_start <= start:
            return i
    return None


def _addressee(text, start, end, mentions):
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
        sent = next(((s, e) for s, e in sents if s <= d.start < e), (d.start, d.end))
        anchor = _DAYS_AFTER.search(text, sent[0], sent[1])
        if anchor and anchor.start() < d.start:
            base = _last_day_before(timexes, sent[0]) or (pd.Timestamp(reference) if reference else None)
            if base is not None:
                phrase = " ".join(x for x in anchor.groups()[:2] if x)
                low, high = CONVENTIONS.get(phrase.lower(), CONVENTIONS["days"]) if "day" in phrase else (7, 21)
                sign = -1 if anchor.group(3).lower() == "after" else 1
                window = shift((base, base), *sorted((sign * high, sign * low)))
                d.issued = window
                d.issued_reading = f'"{anchor.group(0)}" {base:%Y-%m-%d}: {low} to {high} days'
        if d.issued == OPEN:
            earlier = [j for j in range(i) if found[j].set_by == d.set_by and d.set_by is not None
                       and found[j].due == OPEN and found[j].issued != OPEN and found[j].same_as is None
                       and not any(found[k].same_as == j for k in range(i))]
            if earlier and isinstance(d.due, tuple) and isinstance(d.due[0], int) and d.confidence != "low":
                j = earlier[-1]
                d.same_as = j
                d.issued = found[j].issued
                d.issued_reading = f"as the same actor's earlier deadline ({found[j].text!r})"
                d.check = _join(d.check, f"read as the deadline of {found[j].text!r}, which gave no date")
        if isinstance(d.due, tuple) and d.due and isinstance(d.due[0], int):
            low, high = d.due
            d.due = shift(d.issued, low, high)
            if d.issued == OPEN and "start is not stated" not in (d.check or ""):
                d.check = _join(d.check, "issue date not stated: the due date stays open")
        if not pd.isna(d.due[1]) and not pd.isna(d.issued[0]) and d.due[1] < d.issued[0]:
            # a day read as the issue date that falls after the due day: a misreading, not the text's claim
            d.issued, d.issued_reading = OPEN, None
            d.check = _join(d.check, "the issue date read from the text fell after the due day: left open")


def _last_day_before(timexes, pos):
    days = [t for t in timexes if t.end <= pos and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value)]
    return pd.Timestamp(days[-1].value) if days else None


def _join(a, b):
    return b if not a else f"{a}; {b}"
