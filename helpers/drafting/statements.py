"""Draft statements: direct quotes with their speaker, and reported speech after reporting verbs."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from helpers.core.reporting_verbs import CUE, CUE_LEMMAS, NEEDS_CLAUSE, cue_matches
from helpers.core.reporting_verbs import VERB_PATTERN as _VERB_RX
from helpers.core.textspans import SpanSet, paragraphs, quotations
from helpers.drafting.entities import ROLE_WORDS
from helpers.drafting.mentions import MentionDraft, article_sentences

NOUN_CUE = re.compile(r"\b(?:reports|claims|allegations|rumou?rs|warnings|assertions)\s+(?:of|that)\b|"
                      r"\b(?:reportedly|allegedly)\b")
_AUX = (
    r"(?:['’](?:s|ve|d|ll)\b|\s*(?:has|have|had|also|repeatedly|then|later|again|would|will|did|does|do|was|"
    r"were|is|are|had been|has been|publicly|previously|earlier|once|reportedly|not|never|often|always|"
    r"had already|already|just|recently|\w+ly|"
    r",\s*(?:however|in particular|too|for (?:example|instance|their part|his part|her part)),?|"
    r"(?:appear|seem|continu|tri|tr|want|refus|declin|beg[au]n|decid|attempt|"
    r"start|went on|go(?:es)? on|going on|plan|hope|expect)\w*\s+to|"
    r"(?:on\s+|late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"last\s+(?:week|month|year))(?:\s+(?:morning|afternoon|evening|night))?))*\s*"
)
_PRONOUN_SPEAKER = re.compile(r"\b(he|she|they|we|I|it|He|She|They|We|It)$")
_NP_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*|"
                        r"\b(?:the|a|an|The|A|An)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+|"
                        r"\b(?:he|she|they|we|I|it|He|She|They|We|It))$")
_APPOSITIVE = re.compile(r",\s+(?:(?:a|an|the|its|his|her|their|[A-Z][\w.'’-]*['’]s)\s+[^,;:“”\"]{1,80}?|"
                         r"(?:who|which)\s+[^;:“”\"]{1,200}?),\s*$")
_ROLE_THEN_NAME = re.compile(r"(?:^|\s)(?:[Aa]n?|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+[^,;:“”\"]{1,60}?"
                             r"\s(?:for|of|at|with)\s+"
                             r"[^,;:“”\"]{1,60},\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}),\s*$")
_RELATIVE = re.compile(r"(?:^|[\s,])((?:(?:many|some|most|all|several|one|none|each|both|two|three|"
                       r"few)\s+of\s+)?"
                       r"(?:who|which|whom))$")
_PLAIN_PLURAL = re.compile(r"(?:^|,\s+|[—–]\s*|\s-\s+|\b(?:where|that|while|and|but|yet|than|as|because|"
                           r"although|though|when|since|some|many|most|other|several)\s+)(?P<np>(?:(?!(?:where|"
                           r"that|while|and|but|yet|than|as|because|although|though|when|since)\s)"
                           r"[A-Za-z0-9][\w-]*\s+){0,3}(?P<noun>[a-z]{3,}s))$")
_LEADING = re.compile(r"^(?:While|When|As|But|And|If|Because|Although|So|Then|Now|Yet|Still|Also|Meanwhile|"
                      r"However|Later|Earlier|Instead|Indeed|Asked|Speaking)\s+")
_NOT_SPEAKERS = re.compile(r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                           r"March|"
                           r"April|May|June|July|August|September|October|November|December|Today|Yesterday|"
                           r"Editor’s|Editor's)$")
_CLAUSE_END = re.compile(r"[,;][”\"’]?\s+(?:while|although|though|but|and\s+(?:he|she|they)\s|as\s|adding|"
                         r"saying|"
                         r"noting|stressing|emphasizing|emphasising|highlighting|mentioning|suggesting|"
                         r"calling|"
                         r"urging|arguing|warning|insisting|stating|reflecting|citing|pointing)|;\s|\s[–—]\s")


# The trained attribution model (helpers/drafting/attribution_model.py) adds the statements the rules missed;
# off, the
# rules alone draft (`python -m helpers train` prints PolNeAR dev scores both ways).
USE_MODEL = True
MODEL_SPEAKER_FALLBACK = True


@dataclass
class StatementDraft:
    mode: str
    cue_start: int | None
    cue_end: int | None
    content_start: int
    content_end: int
    speaker_start: int | None
    speaker_end: int | None
    speaker: str | None
    check: str | None = None
    confidence: str = "medium"
    continues: StatementDraft | None = None  # a quote that goes on from an earlier one of the same speaker
    said_on: str | None = None  # the day the text says it was said (YYYY-MM-DD)
    topics: list[str] = field(default_factory=list)


def find_statements(text: str, mentions: list[MentionDraft],
                    kinds: dict[str, str] | None = None) -> list[StatementDraft]:
    """Direct quotes and reported speech with their speakers; ``kinds`` (actor id → kind) lets a quote with no
    reporting verb go to the organisation introducing it rather than to a person quoted before."""
    quotes = [q for q in quotations(text)]
    sents = article_sentences(text)
    # a place (a city or region) is where things happen: a name the speaker search never takes
    mentions = _Placed(m for m in mentions if (kinds or {}).get(m.actor_id) != "place")
    out: list[StatementDraft] = []
    direct = _direct_quotes(text, quotes, sents, mentions)
    out += direct
    out += _reported(text, quotes, sents, mentions, direct)
    spoken = _transcript(text, mentions)
    if spoken:
        out = [st for st in out
               if not any(t.content_start <= st.content_start and st.content_end <= t.content_end
                          for t in spoken)] + spoken
    if USE_MODEL:
        out += _model_statements(text, mentions, out)
    out.sort(key=lambda s: s.content_start)
    for st in out:
        _trim_speaker(text, st)
    _continuations(text, out, mentions, kinds or {})
    if USE_MODEL:
        _model_speakers(text, out, mentions)
    _block_quotes(text, out, mentions)
    out = [st for st in out if not _appointment(text, st)]
    return out


class _Placed(list):
    """An article's mentions, never changed once made, with an index by where they end: the speaker search
    asks which mentions end near each cue, and scanning them all at each cue made long articles quadratic."""

    _ends: tuple | None = None

    def _index(self) -> tuple:
        if self._ends is None:
            order = sorted(range(len(self)), key=lambda i: self[i].end)
            self._ends = [self[i].end for i in order], order, max((m.end - m.start for m in self), default=0)
        return self._ends

    def ending_in(self, lo: int, hi: int) -> list[MentionDraft]:
        """The mentions ending within [lo, hi], in the list's order."""
        ends, order, _ = self._index()
        return [self[i] for i in sorted(order[bisect.bisect_left(ends, lo):bisect.bisect_right(ends, hi)])]

    def starting_in(self, lo: int, hi: int) -> list[MentionDraft]:
        """The mentions starting within [lo, hi], in the list's order."""
        return [k for k in self.ending_in(lo, hi + self.longest) if lo <= k.start <= hi]

    @property
    def longest(self) -> int:
        """The most characters a mention spans."""
        return self._index()[2]


def _block_quotes(text: str, statements: list[StatementDraft], mentions: list[MentionDraft]) -> None:
    """"The governor added:" closing a paragraph, then the paragraph he said without quotation marks: it is a
    statement of his under that verb, and the statements the drafter found inside it are his."""
    blocks = paragraphs(text)
    for (_, lead_end), (start, end) in zip(blocks, blocks[1:]):
        if text[lead_end - 1] != ":" or text[start] in "“\"'‘":
            continue
        floor = _sentence_of(article_sentences(text), lead_end - 1)[0]
        cue = _CUE_BEFORE.search(text, floor, lead_end)
        spk = _speaker_before(text, cue.start("cue"), floor, mentions) if cue else None
        if spk is None:
            continue
        inside = [st for st in statements if start <= st.content_start < end and st.mode != "direct"]
        for st in inside:
            st.cue_start, st.cue_end = cue.span("cue")
            st.speaker_start, st.speaker_end, st.speaker = spk.start, spk.end, spk.actor
            st.check = "a paragraph after a colon: speaker of the verb introducing it"
        if not inside and not any(start <= st.content_start < end for st in statements):
            statements.append(StatementDraft("direct", *cue.span("cue"), *_content_bounds(text, start, end),
                                             spk.start, spk.end, spk.actor,
                                             "a paragraph after a colon, without quotation marks", "low"))
    statements.sort(key=lambda s: s.content_start)


_APPOINTING = re.compile(r"(?:named|names|appointed|appoints|elected|nominated|nominates|chose|picked|hired|"
                         r"promoted|tapped)$", re.IGNORECASE)
_AS_ROLE = re.compile(r"[^.!?\n]{0,80}?\b(?:as|to be|to lead|to head|to run|its|the new|new)\b")


def _appointment(text: str, st: StatementDraft) -> bool:
    """"GM named Mary Barra as its new chief executive": an appointment, not something said."""
    if st.cue_start is None or not _APPOINTING.search(text[st.cue_start:st.cue_end].strip()):
        return False
    return bool(_AS_ROLE.match(text, st.cue_end)) or st.content_start - st.cue_end < 3 and \
        text[st.content_start:st.content_start + 1].isupper()


def _model_speakers(text: str, statements: list[StatementDraft], mentions: list[MentionDraft]) -> None:
    """A quote with no reporting verb of its own takes the source the trained model sees for it (a name after
    the quote, "― Name", a speaker in the next sentence), when the model finds one outside the quote."""
    from helpers.drafting import attribution_model
    if not attribution_model.available():
        return
    found = None
    for st in statements:
        if st.mode != "direct" or st.cue_start is not None:
            continue
        if found is None:
            found = attribution_model.predict(text)
        best, most = None, 0
        for a in found:
            shared = min(a.content[1], st.content_end) - max(a.content[0], st.content_start)
            if a.source is None or shared * 2 < min(a.content[1] - a.content[0],
                                                    st.content_end - st.content_start):
                continue
            if st.content_start <= a.source[0] < st.content_end:
                continue
            if shared > most:
                best, most = a, shared
        if best is None:
            continue
        sp_s, sp_e = best.source
        prev = st.continues
        if prev is not None and prev.speaker_start is not None and prev.speaker_start < sp_e \
                and sp_s < prev.speaker_end:
            continue  # the model agrees: the quote goes on from the statement before
        actor = _actor_in(mentions, sp_s, sp_e)
        st.speaker_start, st.speaker_end = sp_s, sp_e
        st.speaker = actor[0] if actor else None
        st.continues = None
        st.cue_start, st.cue_end = best.cue if best.cue else (None, None)
        st.check = "speaker found by the attribution model" + ("" if actor else
                                                                f'; speaker "{text[sp_s:sp_e]}" '
                                                                'is not in the registry')
        st.confidence = "low"


_TRANSCRIPT = re.compile(r"[\"“]?(?P<name>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,2}):\s+(?=\S)")


def _transcript(text: str, mentions: list[MentionDraft]) -> list[StatementDraft]:
    """A transcript's turns: a paragraph opening with a speaker's name in capitals and a colon ("PENCE: Well,
    …") is that speaker's; what the rules found inside it is part of the turn."""
    out = []
    for start, end in paragraphs(text):
        m = _TRANSCRIPT.match(text, start, end)
        if not m or len(m.group("name")) < 3 or m.group("name").rstrip(".") in _NOT_TURNS:
            continue
        cs, ce = _content_bounds(text, m.end(), end)
        while ce > cs and text[ce - 1] in "\"”":
            ce -= 1
        if len(_WORD.findall(text, cs, ce)) < MIN_WORDS:
            continue
        sp_s, sp_e = m.start("name"), m.end("name")
        actor = _actor_in(mentions, sp_s, sp_e)
        check = "a transcript's turn" + ("" if actor
                                         else f'; speaker "{m.group("name")}" is not in the registry')
        out.append(StatementDraft("direct", m.end("name"), m.end("name") + 1, cs, ce, sp_s, sp_e,
                                  actor[0] if actor else None, check, "medium"))
    return out


_NOT_TURNS = {"UPDATE", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "WATCH", "READ", "RELATED", "CORRECTION",
              "PHOTOS",
              "VIDEO", "LISTEN", "UPDATED", "BREAKING", "CLAIM", "FACT", "RATING", "WASHINGTON", "NEW YORK"}


def _model_statements(text: str, mentions: list[MentionDraft],
                      found: list[StatementDraft]) -> list[StatementDraft]:
    """Statements the trained model finds whose content the rules did not cover; the model's source span is
    given to the actor mentioned there, as the rules' own speakers are."""
    from helpers.drafting import attribution_model
    if not attribution_model.available():
        return []
    taken = SpanSet((st.content_start, st.content_end) for st in found)
    out = []
    for a in attribution_model.predict(text):
        cs, ce = _content_bounds(text, *a.content)
        quoted = text[cs:cs + 1] in "“\"" and text[ce - 1:ce] in "”\"" and ce - cs > 2
        if quoted:
            cs, ce = cs + 1, ce - 1
        if ce - cs < 8 or taken.overlaps(cs, ce) or a.cue and _NOT_SAID_AFTER.match(text, a.cue[1]):
            continue  # (the cue joined to another participle: "admitted or discharged within 12 hours")
        cue = a.cue
        if cue is not None and _IMPERSONAL.search(text[cue[0]:cue[1]]) and not _BY_AGENT.match(text, cue[1]) \
                and not text[cue[0]:cue[1]].endswith(" by") and not _seeming_of_someone(text, cue):
            sp_s = sp_e = speaker = None  # "is expected to", "it seemed", "was accused of": no one is quoted
            check = "no speaker: an impersonal or passive cue"
        elif cue is not None and (rel := _relative_subject(text, cue, mentions)):
            sp_s, sp_e, speaker, check = rel
        elif a.source is not None:
            sp_s, sp_e = a.source
            actor = _actor_in(mentions, sp_s, sp_e)
            speaker, check = (actor[0], actor[1]) if actor else (
                None, f'speaker "{text[sp_s:sp_e]}" is not in the registry')
        elif cue is not None and MODEL_SPEAKER_FALLBACK and (spk := _model_cue_speaker(text, cue, mentions,
                                                                                       found)):
            sp_s, sp_e, speaker, check = spk
            if speaker is None:
                check = f'speaker "{text[sp_s:sp_e]}" is not in the registry'
        else:
            sp_s = sp_e = speaker = None
            check = "no speaker found"
        check = "found by the attribution model" + (f"; {check}" if check else "")
        out.append(StatementDraft("direct" if quoted else "reported", cue[0] if cue else None, cue[1] if cue
                                  else None,
                                  cs, ce, sp_s, sp_e, speaker, check, "low"))
        taken.add(cs, ce)
    return out


def _relative_subject(text: str, cue: tuple[int, int], mentions: _Placed) -> Speaker | None:
    """"X, who first reported it", "Y, which together vowed": a relative pronoun just before the cue (over
    auxiliaries and adverbs) is its subject, whatever else the model took for the source."""
    floor = max(0, cue[0] - 120)
    window = text[floor:cue[0]]
    aux = _AUX_OR_WHEN.search(window)
    return _relative_speaker(window[:aux.start() if aux else len(window)].rstrip(), floor, mentions)


_AUX_OR_WHEN = re.compile(r"(?:" + _AUX + r"|\s*\b(?:in\s+\d{4}|together|first|only|jointly|all)\b)*\s*$")


def _relative_speaker(head: str, floor: int, mentions: _Placed) -> Speaker | None:
    """"Tom Vale, who said that": a relative pronoun ending ``head`` (the text from ``floor`` up to the verb)
    is the speaker's place; its actor is the one named just before it."""
    rel = _RELATIVE.search(head)
    if rel is None:
        return None
    start = floor + rel.start(1)
    before = [k for k in mentions.ending_in(start - 4, start) if k.start < start]
    return Speaker(start, floor + len(head), before[-1].actor_id if before else None,
                   before[-1].check if before else None)


def _seeming_of_someone(text: str, cue: tuple[int, int]) -> bool:
    """"Voters seem to care", "Messages seem to show": a seeming said of someone named, not of "it"."""
    seeming = re.match(r"(?:seems?|seemed|appears?|appeared)\s+to\b", text[cue[0]:cue[1]], re.IGNORECASE)
    return bool(seeming) and not re.search(r"\b(?:it|It|there|There|this|This|that|That)\s*$",
                                           text[max(0, cue[0] - 12):cue[0]])


_BY_AGENT = re.compile(r"\s+by\b")
_IMPERSONAL = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn)\b|"
                         r"\b(?:seems?|seemed|appear(?:s|ed)?|look(?:s|ed)? like|expected|considered|"
                         r"apparent|clear|"
                         r"unclear|obvious|reportedly|allegedly)\b", re.IGNORECASE)


class Speaker(NamedTuple):
    """Who a statement is given to: the words naming them, their registry actor (None: not in the registry),
    and what a reviewer should check about the choice."""
    start: int
    end: int
    actor: str | None
    check: str | None = None


def _speaker_at(mentions: list[MentionDraft], start: int, end: int) -> Speaker:
    """The speaker named by the words at start–end, with the actor mentioned there."""
    actor = _actor_in(mentions, start, end)
    return Speaker(start, end, actor[0] if actor else None, actor[1] if actor else None)


def _model_cue_speaker(text: str, cue: tuple[int, int], mentions: list[MentionDraft],
                       previous) -> Speaker | None:
    """The speaker of a cue the model found without a source: the subject of the sentence for ", saying" and
    "and urged", else the noun phrase just before the cue."""
    floor, ceiling = _sentence_of(article_sentences(text), cue[0])
    before = text[floor:cue[0]]
    if _OPENING_CLAUSE.fullmatch(before) and re.match(r"\w+ing\b|[Tt]o\s", text[cue[0]:cue[1]]):
        # "After saying he was nervous, the man …", "To address inequality, Mrs. Clinton …": the main clause's
        # subject, after the opening clause's comma
        comma = text.find(",", cue[1], ceiling)
        after = [k for k in mentions if comma >= 0 and comma < k.start <= comma + 3]
        if after:
            return Speaker(after[0].start, after[0].end, after[0].actor_id, after[0].check)
        found = _first_np(text, comma + 1, min(ceiling, comma + 60)) if comma >= 0 else None
        if found:
            return found
    if re.search(r"(?:,|\band)\s*(?:\w+ly\s+)?$", before) and re.match(r"\w+(?:ing|ed)\b",
                                                                       text[cue[0]:cue[1]]):
        found = _subject(text, floor, cue[0], mentions, previous)
        found = found or _first_np(text, floor, cue[0])
        if found:
            return found
    return _before_else_subject(text, cue[0], floor, floor, bool(re.match(r"\w+ing\b", text[cue[0]:cue[1]])),
                                mentions, previous)


_OPENING_CLAUSE = re.compile(r"\s*(?:(?:After|Before|While|Since|By|Upon|On|Without|Despite|When|In)\s+)?")


def _trim_speaker(text: str, st: StatementDraft) -> None:
    """A speaker phrase starts at its noun, not at a conjunction or adverb before it ("While he")."""
    if st.speaker_start is None:
        return
    lead = _LEADING.match(text[st.speaker_start:st.speaker_end])
    if lead and st.speaker_start + lead.end() < st.speaker_end:
        st.speaker_start += lead.end()


def _union(spans) -> tuple[list[int], list[int]]:
    """Half-open spans merged where they overlap: (starts, ends), both in order."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if starts and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        elif start < end:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _within(union: tuple[list[int], list[int]], at: int) -> bool:
    """Whether ``at`` lies inside one of the merged spans (a bisection: statements by the thousand stay
    cheap)."""
    starts, ends = union
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and at < ends[i]


def _continuations(text: str, statements: list[StatementDraft], mentions: list[MentionDraft],
                   kinds: dict[str, str]) -> None:
    """A quote with no reporting verb goes on from the statement just before it in the same paragraph (or the
    paragraph before, when no other actor is named in between); an organisation named in its own paragraph
    before it, with no person, is taken first: a website or statement quoted, not the last person who
    spoke."""
    blocks = paragraphs(text)
    quoted = _union((p.content_start, p.content_end) for p in statements)  # inside some statement's words
    for i, st in enumerate(statements):
        if st.mode != "direct" or st.cue_start is not None:
            continue
        block = next(((s, e) for s, e in blocks if s <= st.content_start < e), None)
        lead_in = [k for k in mentions if block and block[0] <= k.start < st.content_start
                   and not _within(quoted, k.start)]
        bodies = [k for k in lead_in if kinds.get(k.actor_id) in ("organisation", "group", "state")]
        if bodies and not any(kinds.get(k.actor_id) == "person" for k in lead_in):
            k = ([b for b in bodies if b.check is None] or bodies)[-1]  # a name rather than "its"
            st.speaker, st.speaker_start, st.speaker_end = k.actor_id, k.start, k.end
            st.check, st.confidence = ('quote without a reporting verb: '
                                       f'given to "{k.text}", named before it'), "low"
            continue
        earlier = [p for p in statements[:i] if p.speaker_start is not None or p.speaker is not None]
        prev = earlier[-1] if earlier else None
        between = [
            k
            for k in mentions
            if prev is not None
            and prev.content_end <= k.start < st.content_start
            and k.actor_id != prev.speaker
            and not (prev.speaker_start is not None and prev.speaker_start <= k.start < prev.speaker_end)
        ]
        near = prev is not None and block is not None and (
            block[0] <= prev.content_start or (st.content_start - prev.content_end < 300 and not between))
        if not near and (intro := _colon_intro(text, st.content_start, mentions, statements[:i])):
            st.speaker_start, st.speaker_end, st.speaker = intro[:3]
            st.check, st.confidence = ("quote introduced by a colon: speaker taken as the subject of the "
                                       "sentence before it"), "low"
            continue
        if not near:
            st.speaker, st.speaker_start, st.speaker_end = None, None, None
            st.check, st.confidence = "quote without a speaker; name one or drop it", "low"
            continue
        st.speaker, st.speaker_start, st.speaker_end = prev.speaker, prev.speaker_start, prev.speaker_end
        st.continues = prev
        st.check = "quote without a reporting verb: speaker carried from the statement before"
        st.confidence = "medium"


def _colon_intro(text: str, start: int, mentions: list[MentionDraft], previous) -> Speaker | None:
    """"Dr. Ward stated: “…”", "The Times reports: “…”": a quote right after a colon is given to the subject
    of the words before the colon."""
    at = start
    while at > 0 and text[at - 1] in " \t\r\n“\"‘'":
        at -= 1
    if at == 0 or text[at - 1] != ":":
        return None
    floor = _sentence_of(article_sentences(text), at - 1)[0]
    return _subject(text, floor, at - 1, mentions, previous)


def _sentence_of(sents, pos):
    return next(((s, e) for s, e in sents if s <= pos < e), (pos, pos))


_REACH = 600  # characters before a reporting verb that may hold its speaker's noun phrase


def _speaker_before(text: str, cue_start: int, floor: int, mentions: _Placed) -> Speaker | None:
    """The noun phrase (and actor) that ends just before a reporting verb, over auxiliaries and adverbs."""
    # a speaker stands near its verb: a sentence with no end must not be read whole
    if cue_start - floor > _REACH:
        space = text.find(" ", cue_start - _REACH, cue_start)
        floor = space + 1 if space >= 0 else cue_start - _REACH
    window = text[floor:cue_start]
    named = _ROLE_THEN_NAME.search(window)
    if named:  # "A spokesman for Northway Lines, Tom Vale, said": the speaker is the name after the role
        return _speaker_at(mentions, floor + named.start("name"), floor + named.end("name"))
    appos = _APPOSITIVE.search(window)
    if appos and appos.start() > 0:
        window = window[:appos.start()]  # "Lena Park, a spokesman for Orbit, said": the speaker is the name
    aux = re.search(_AUX + r"$", window)
    end = floor + (aux.start() if aux else len(window))
    if end <= floor:
        return None
    head = text[floor:end].rstrip()
    end = floor + len(head)
    if rel := _relative_speaker(head, floor, mentions):
        return rel
    # the mention that ends the phrase, or runs through its end (the first of those ending last)
    k = max((k for k in mentions.ending_in(end, end + mentions.longest)
             if k.end == end or (k.start < end <= k.end)), key=lambda k: k.end, default=None)
    if k is not None:
        of = next((h for h in mentions.ending_in(k.start - _OF_REACH, k.start - 1)
                   if _OF_BODY.fullmatch(text, h.end, k.start)), None)
        if of is not None:  # "Robert Nardelli of Chrysler said"
            return Speaker(of.start, of.end, of.actor_id, of.check)
        # "one questioner in Virginia said": after a preposition the name is not the head of the noun phrase
        if not _PREPOSITION_BEFORE.search(text, max(floor, k.start - 14), k.start):
            return Speaker(k.start, k.end, k.actor_id, k.check)
    plural = _PLAIN_PLURAL.search(head)
    # "…, restructuring experts say", "where analysts said"
    if plural and _tag(plural.group("noun")) == "NNS":
        return Speaker(floor + plural.start("np"), end, None, None)
    m = _NP_BEFORE.search(head)
    if m and not re.fullmatch(r"(?:The|A|An|But|And|In|On|At|As|If|When|While|After|Before)", m.group(1)) \
            and not _NOT_SPEAKERS.match(m.group(1)):
        lead = _LEADING.match(m.group(1))
        start = floor + m.start(1) + (lead.end() if lead else 0)
        inside = [k for k in mentions.ending_in(start, end) if start <= k.start]
        of = next((h for h in mentions.ending_in(start - _OF_REACH, start - 1)
                   if _OF_BODY.fullmatch(text, h.end, start)), None)
        if of is not None and not inside:  # "Mayor Ilse Karvonen of Velmora said": the name before "of"
            return Speaker(of.start, of.end, of.actor_id, of.check)
        return Speaker(start, end, inside[-1].actor_id if inside else None, None)
    return None


_OF_BODY = re.compile(r",?\s+(?:of|at|from)\s+(?:the\s+)?")
_OF_REACH = 64  # characters _OF_BODY spans at most in prose: a name and its "of" stand a few apart
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|from|at|of|for|near|across|to|on|by|with)\s+(?:the\s+)?$")
_PREPOSITION_OPENING = re.compile(_PREPOSITION_BEFORE.pattern, re.IGNORECASE)  # "In his book," too


def _content_bounds(text, start, end):
    while start < end and text[start] in " ,:;\u2013\u2014-":
        start += 1
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    return start, end


class _QuoteContext(NamedTuple):
    """What stands around a quote: its content, the rest of its line after its closing mark, and the sentence
    before its opening mark (or, after a colon closing the paragraph before, the sentence that introduces
    it)."""
    content_start: int
    content_end: int
    after_start: int  # where the text after the closing mark begins
    after: str
    before_floor: int  # where the sentence before begins
    before: str
    colon: bool  # the quote follows a colon ("He said: “…”")


def _quote_context(text, sents, qs, qe) -> _QuoteContext:
    """The surroundings of the quote at qs–qe, where its speaker and reporting verb are looked for."""
    cs, ce = _content_bounds(text, qs, qe)
    close = 2 if text[qe:qe + 2] == "''" else 1
    open_ = 2 if text[max(0, qs - 2):qs] in ("``", "''") else 1
    after = text[qe + close: qe + 160].split("\n", 1)[0]  # the speaker of a quote is in its own paragraph
    before_floor = _sentence_of(sents, max(qs - 2, 0))[0]
    before = text[before_floor: qs - open_]
    colon = re.search(r":\s*$", text[max(0, qs - open_ - 5): qs - open_])
    if colon and not before.strip():  # "He said:" closing the paragraph before the quote
        intro_end = len(text[:qs - open_].rstrip())
        before_floor = _sentence_of(sents, intro_end - 1)[0]
        before = text[before_floor:intro_end]
    return _QuoteContext(cs, ce, qe + close, after, before_floor, before, bool(colon))


def _speaker_after(text, q: _QuoteContext, qs, qe, mentions) -> tuple[Speaker, tuple[int, int]] | None:
    """The speaker and cue after a quote: a signature ("― Ana Ruiz"), a long speaker phrase before the verb,
    or a reporting verb with a name on either side ("…,” said Ruiz", "…,” Ruiz said"); None when none
    follows."""
    base = q.after_start
    m_after = _SPEAKER_AFTER.match(q.after)
    said = m_after and CUE_LEMMAS.get((m_after.group("cue1") or m_after.group("cue2")).lower())
    signed = _SIGNED.match(q.after)
    if signed:  # “…” ― Ana Ruiz: a quote signed with its speaker's name
        cue = (base + signed.start("dash"), base + signed.end("dash"))
        np_s, np_e = base + signed.start("name"), base + signed.end("name")
        return _speaker_at(mentions, np_s, np_e), cue
    if not said and text[qs:qe].rstrip()[-1:] in ",?!" and (loose := _LOOSE_AFTER.match(q.after)) \
            and not re.search(r"[a-z]{4,}\.\s", loose.group("np")):
        # “…,” Rep. Ann Ruiz (D-Fla.), a member of the panel, said: a long speaker phrase before the verb
        cue = (base + loose.start("cue"), base + loose.end("cue"))
        np_s = base + loose.start("np")
        parts = loose.group("np").split(",")
        np_e = np_s + len(parts[0].rstrip())
        found = _speaker_at(mentions, np_s, np_e)
        if found.actor is None and len(parts) > 1:
            # “…,” the port's director, Ilse Varga, told reporters: the name after the title
            name_s = np_s + len(parts[0]) + 1 + len(parts[1]) - len(parts[1].lstrip())
            named = _speaker_at(mentions, name_s, name_s + len(parts[1].strip()))
            found = named if named.actor is not None else found
        return found, cue
    if not said:
        return None
    if m_after.group("cue1"):
        cue = (base + m_after.start("cue1"), base + m_after.end("cue1"))
        np_s, np_e = base + m_after.start("np1"), base + len(m_after.group(0).rstrip())
    else:
        cue = (base + m_after.start("cue2"), base + m_after.end("cue2"))
        np_s, np_e = base + m_after.start("np2"), base + m_after.end("np2")
    np_e = np_s + len(text[np_s:np_e].rstrip())
    return _speaker_at(mentions, np_s, np_e), cue


def _speaker_introducing(text, q: _QuoteContext, mentions, previous
                         ) -> tuple[Speaker | None, tuple[int, int] | None] | None:
    """The speaker and cue of a reporting verb ending the sentence before a quote ("He said, “…”"), (None,
    None) when there is none, and None when the quote is a fragment inside reported speech (the reported
    statement covers it)."""
    m_before = _CUE_BEFORE.search(q.before)
    if (m_before and m_before.group(0).strip().endswith((",", ":"))
            or (m_before and q.before.rstrip().endswith(m_before.group("cue")))):
        cue = (q.before_floor + m_before.start("cue"), q.before_floor + m_before.end("cue"))
        found = _speaker_before(text, cue[0], q.before_floor, mentions)
        before = text[q.before_floor:cue[0]]
        # "X, who chairs Y, said, “…”" is X's; a bare comma before the verb leaves it to the subject
        if found is None or (re.search(r",\s*$", before) and not _APPOSITIVE.search(before)):
            found = _subject(text, q.before_floor, cue[0], mentions, previous)
        return found, cue
    if CUE.search(q.before) and not re.search(r"[,:]\s*$", q.before):
        return None
    return None, None


def _direct_statement(text, q: _QuoteContext, qs, spk: Speaker | None, cue, previous) -> StatementDraft:
    """The statement of a quote; with no speaker, that of the quote just before it (within 400 characters)."""
    cs, ce = q.content_start, q.content_end
    if spk is None:
        prev = previous[-1] if previous and qs - previous[-1].content_end < 400 else None
        return StatementDraft("direct", None, None, cs, ce, None, None, prev.speaker if prev else None,
                              "quote without a reporting verb; speaker taken from the previous quote"
                              if prev else "quote without a speaker; name one or drop it", "low")
    check = spk.check or None
    if spk.actor is None:
        check = f'speaker "{text[spk.start:spk.end]}" is not in the registry'
    return StatementDraft("direct", cue[0] if cue else None, cue[1] if cue else None, cs, ce,
                          spk.start, spk.end, spk.actor, check, "high" if check is None and cue else "medium")


def _direct_quotes(text, quotes, sents, mentions) -> list[StatementDraft]:
    out = []
    for qs, qe in quotes:
        words = len(re.findall(r"\w+", text[qs:qe]))
        if words < 3:
            continue  # scare quotes and short fragments
        q = _quote_context(text, sents, qs, qe)
        found = _speaker_after(text, q, qs, qe, mentions) or _speaker_introducing(text, q, mentions, out)
        if found is None:
            continue  # a quoted fragment inside reported speech: the reported statement covers it
        spk, cue = found
        if spk is None and q.colon:
            # "Sanders made the following comment: “…”": the speaker is the subject of the clause before
            subject = _subject(text, q.before_floor, qs, mentions, out) or _first_np(text, q.before_floor, qs)
            if subject:
                cue = None
                spk = subject
        out.append(_direct_statement(text, q, qs, spk, cue, out))
    return out


# a reporting verb and the speaker's name after a quote, either way round; an apposition may stand between
# name
# and verb: "X, Apple's chief executive, told"
_SPEAKER_AFTER = re.compile(
    rf"\s*,?\s*(?:(?P<cue1>{_VERB_RX})\s+(?P<np1>(?:(?:\d[\w/'’-]*|[a-z][\w'’-]*)\s+){{0,2}}?"
    rf"(?:[A-Z][\w.'’-]*\s*){{1,5}}|he|she|they|we)|"
    rf"(?P<np2>(?:[A-Z][\w.'’-]*\s*){{1,5}}|he|she|they|we|I|"
    rf"(?:the|a|an|his|her|their|its|[A-Z][\w.'’-]*)(?:\s+[\w.'’-]+){{0,7}}?)"
    rf"(?:,\s+(?:a|an|the|its|his|her|their|(?:[A-Z][\w.&-]*\s+){{0,3}}[A-Z][\w.&-]*(?:['’]s|"
    rf"s['’]))\s+[^,;:“”\"]{{1,80}}?,)?{_AUX}\b(?P<cue2>{_VERB_RX}))\b")
# a reporting verb ending the sentence before a quote: "said:", "told reporters,"
_CUE_BEFORE = re.compile(rf"\b(?P<cue>{_VERB_RX}|according to)"
                         rf"(?:\s+(?:reporters|journalists|the \w+|him|her|them|us))?"
                         rf"\s*(?:,|:)?\s*$")
_LOOSE_AFTER = re.compile(rf"\s*,?\s*(?P<np>(?:[A-Z]|the\s|a\s|an\s|one\s)[^\n“”\";:!?]{{1,150}}?)"
                          rf"{_AUX}\b(?P<cue>{_VERB_RX})(?=[\s.,])")
_SIGNED = re.compile(r"\s*(?P<dash>[―—–]|--)\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})"
                     r"(?=\s*(?:$|[.,;(“\"]))")


def _first_np(text, floor, pos) -> Speaker | None:
    m = re.search(r"(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*|\b(?:he|she|they|we|I)\b", text[floor:pos])
    if m and not re.fullmatch(r"(?:The|A|An|But|And|In|On|At|As|If|When|While|After|Before)", m.group(0)):
        return Speaker(floor + m.start(), floor + m.end(), None,
                       "speaker taken from the sentence that introduces the quote")
    return None


def _actor_in(mentions, start, end):
    inside = [k for k in mentions.ending_in(start, max(end + 1, start + mentions.longest))
              if start <= k.start and k.end <= end + 1 or (k.start <= start < k.end)]
    return (inside[-1].actor_id, inside[-1].check) if inside else None


@lru_cache(maxsize=8)  # asked for each statement whose speaker is a sentence's subject
def _article_quotations(text: str) -> tuple:
    return tuple(quotations(text))


def _subject(text, floor, pos, mentions, previous) -> Speaker | None:
    """Speaker of a participial cue (", stating", ", calling for"): the sentence's last speaker, else its
    subject."""
    if rel := _relative_subject(text, (pos, pos), mentions):
        return rel
    in_sentence = [s for s in previous if s.speaker_start is not None and floor <= s.speaker_start < pos]
    if in_sentence:
        s = in_sentence[-1]
        return Speaker(s.speaker_start, s.speaker_end, s.speaker, "speaker carried from the clause before")
    quoted = _article_quotations(text)
    # a name after a preposition, before a possessive or inside a quotation is not the sentence's subject
    first = [k for k in mentions.starting_in(floor, pos - 1) if k.text.lower() not in _NOT_SUBJECT_PRONOUNS
             and not _PREPOSITION_OPENING.search(text, max(floor, k.start - 14), k.start)
             and not re.match(r"['’]s?\b", text[k.end:k.end + 2])
             and not any(qs <= k.start < qe for qs, qe in quoted)]
    opening = _SUBJECT_NP.match(text, floor, pos)
    if opening and opening.group("np").split()[0] not in _NOT_SUBJECT_WORDS and (
            not first or min(k.start for k in first) > opening.end("np")):
        # "The Republican nominee also outlined his plan and vowed": the noun phrase opening the sentence
        start, end = opening.start("np"), opening.end("np")
        inside = [k for k in first if k.start < end]
        return Speaker(start, end, inside[-1].actor_id if inside else None,
                       f'speaker taken as the subject of the sentence ("{opening.group("np")}")')
    if first:
        k = min(first, key=lambda k: k.start)
        return Speaker(k.start, k.end, k.actor_id,
                       f'speaker taken as the subject of the sentence ("{k.text}")')
    plural = _OPENING_PLURAL.match(text, floor, pos)
    if plural and _tag(plural.group("noun")) == "NNS":  # "BRUSSELS - European leaders gathered Friday to …"
        return Speaker(plural.start("np"), plural.end("np"), None,
                       f'speaker taken as the subject of the sentence ("{plural.group("np")}")')
    return None


_OPENING_PLURAL = re.compile(r"(?:[A-Z][A-Z .,]+\s+[-—–]+\s+)?"  # a dateline
                             r"(?P<np>(?:[A-Z][a-z]+\s+){0,2}(?P<noun>[a-z]{3,}s))"
                             r"(?=\s+(?:\w+ly\s+)?[a-z]+(?:ed|s)\b)")


_SUBJECT_NP = re.compile(r"(?:(?:But|And|Yet|So|Still|Meanwhile|However|Later|Earlier|Instead|Also|Now|"
                         r"Then),?\s+)?"
                         r"(?P<np>(?:The|A|An|This|That|These|Those|Its|His|Her|Their|Some|Many|Several|Two|"
                         r"Three)"
                         r"(?:\s+[\w'’-]+){1,4}?)(?=\s+(?:also\s+|then\s+|later\s+|has\s+|had\s+|have\s+|"
                         r"is\s+|was\s+|"
                         r"were\s+|are\s+|will\s+|would\s+)*[a-z]+(?:ed|s)\b)")
_NOT_SUBJECT_WORDS = {"That", "This"}
_NOT_SUBJECT_PRONOUNS = {"his", "her", "its", "their", "him", "them"}  # "In his book, McKinley suggested"


# what may stand between a reporting verb and its clause: "said on Friday that", "said on its website that",
# "said in a statement on Thursday that", "said in Thursday's statement"
_AFTER_CUE = re.compile(r"(?:\s*,\s*however\s*,|\s+on\s+\w+\.?\s+\d+|\s+\w+ly\b|"
                        r"\s+(?:on\s+|late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                        r"Sunday|"
                        r"yesterday|today)(?:\s+(?:morning|afternoon|evening|night))?\b|"
                        r"\s+(?:on|in)\s+(?:its|his|her|their|a|an|the|"
                        r"[A-Z][\w.&-]*['’]s)\s+(?:[\w-]+\s+){0,2}?"
                        r"(?:website|blog|statement|interview|letter|post|release|filing|report|note|message|"
                        r"e-mail|"
                        r"email|call)\b){0,3}")
_DETERMINER = re.compile(r"\b(?:the|a|an|his|her|their|its|these|those|such|of|despite|Despite|The)\s*$")
_PLACE_THEN_THAT = re.compile(r"\s+(?:during|at|in|on|after|before|from|via|through|last|this|earlier|late|"
                              r"early)\b"
                              r"[^.;:,“”\"]{1,80}?\s+that\b")
_SAY_LIKE = {"say", "tell", "write", "add", "note", "claim", "argue", "warn", "announce", "insist", "confirm",
             "explain", "suggest", "report", "declare", "state", "predict", "promise", "acknowledge", "admit"}
_OBJECT_THEN_THAT = re.compile(r"\s+(?:to\s+[^,.;:“\"]{1,60}?|"
                               r"reporters|journalists|him|her|them|us|me|the \w+)\s+that\b")


class _Cue(NamedTuple):
    """A reporting verb of a sentence: its span, its words as written and its lemma ("told" → "tell")."""
    start: int
    end: int
    text: str
    lemma: str


def _reported(text, quotes, sents, mentions, direct) -> list[StatementDraft]:
    out: list[StatementDraft] = []
    quote_marks = SpanSet((s - 1, e + 1) for s, e in quotes)
    taken_quotes = {(d.content_start, d.content_end) for d in direct}
    direct_cues = {d.cue_start for d in direct if d.cue_start is not None}
    for s_start, s_end in sents:
        in_sentence: list[StatementDraft] = []
        for cue in _verb_cues(text, s_start, s_end, direct_cues, quote_marks):
            stmt = _reported_at(text, s_start, s_end, cue, mentions, taken_quotes, quote_marks,
                                out + in_sentence)
            if stmt is not None:
                in_sentence.append(stmt)
        nested = _cut_at_next(text, in_sentence)
        _add_noun_claims(text, s_start, s_end, in_sentence)
        # a content of a word or two is a clause cut short ("said the so-"), not a statement: the model may
        # find the whole of it
        out += [st for st in in_sentence
                if len(_WORD.findall(text, st.content_start, st.content_end)) >= MIN_WORDS
                and not any(st is n for n in nested)]
    return out


# after a reporting verb's form, what makes it another verb: a participle joined to another ("admitted or
# discharged"), "written" into a text
_NOT_SAID_AFTER = re.compile(r"\s+(?:or|and)\s+(?!said\b|told\b)[a-z]+(?:ed|en)\b|"
                             r"(?<=written)\s+(?:into|off|down)\b")


def _verb_cues(text, s_start, s_end, direct_cues, quote_marks) -> list[_Cue]:
    """The reporting verbs of a sentence that are neither a direct quote's cue nor inside a quote, without the
    nouns and bare forms that only look like one."""
    cues = []
    for m in cue_matches(text, s_start, s_end):
        c_start, c_end = m.span()
        if c_start in direct_cues or quote_marks.covers(c_start):
            continue
        cue_text = m.group(0)
        lower = cue_text.lower()
        lemma = CUE_LEMMAS.get(lower, lower)
        before = text[s_start:c_start]
        if before.endswith(("so-", "so ")) and lower == "called":
            continue  # "the so-called school choice movement": a name, not a report
        if _NOT_SAID_AFTER.match(text, c_end, s_end):
            continue  # "admitted or discharged within 12 hours", "a rule written into the constitution"
        prev_word = before.split()[-1].lower() if before.split() else ""
        if lower.endswith("s") and (_DETERMINER.search(before) or CUE_LEMMAS.get(prev_word) is not None):
            continue  # a noun ("reports of", "contests claims that", "the states"), not a verb
        if (
            lower.endswith("s")
            and " " not in lower
            and prev_word
            and _tag(before.split()[-1]) in _NOT_SUBJECT_END
        ):
            continue  # "the suing states", "for more claims": a word before that no subject ends with
        if lower == lemma and lemma != "say" and not re.match(r"\s+that\b", text[c_end:s_end]) \
                and " " not in lower:
            continue  # a bare "state", "report", "note" is usually a noun or needs its clause
        cues.append(_Cue(c_start, c_end, cue_text, lemma))
    return cues


def _reported_at(text, s_start, s_end, cue: _Cue, mentions, taken_quotes, quote_marks, previous
                 ) -> StatementDraft | None:
    """The statement a reporting verb introduces: the clause after it, else the clause before it ("…, Smith
    said"), with its speaker; None when it has no content or no speaker. ``previous``: the statements
    before."""
    if cue.text.lower() == "according to":
        return _according_to(text, s_start, s_end, cue.start, cue.end, mentions)
    pos = _clause_start(text, s_end, cue)
    if pos is None:
        return None
    follow = text[pos:s_end]
    adverbial = re.match(r"\s*(?:on|in|at|during|after|before|from|to|with|for|via|through|last|this|"
                         r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b",
                         follow) and not cue.text.lower().endswith((" for", " on", " to", " as"))
    if re.match(r"\s*[,:]?\s*[“\"]", follow) or not follow.strip(" .,") or (adverbial and cue.lemma in (
            "say", "tell", "add", "write", "speak", "comment", "remark", "testify")):
        return _inverted(text, s_start, cue.start, cue.end, mentions, taken_quotes, quote_marks)
    # the content runs to the end of the clause (cut below where the next reporting clause begins)
    limit = min(s_end, pos + _CLAUSE_REACH)  # a text without sentence ends: a clause is not the rest of it
    stop = _CLAUSE_END.search(text, pos + 1, limit)
    if stop:
        limit = stop.start()
    cs, ce = _content_bounds(text, pos, limit)
    first = _WORD.search(text, cs, ce) if ce - cs >= 8 else None
    if first is None or _WORD.search(text, first.end(), ce) is None:  # fewer than two words
        return None
    if cue.lemma == "ask" and _PASSIVE_BEFORE.search(text, max(s_start, cue.start - 24), cue.start) \
            and not _BY_AGENT.match(text, cue.end):
        # "Sanders was asked to name", "Reagan was once asked how": the one asked is not the one who asks
        return StatementDraft("reported", cue.start, cue.end, cs, ce, None, None, None,
                              "no speaker: asked by whom the text does not say", "low")
    spk = _reported_speaker(text, s_start, cue, mentions, previous)
    if spk is None:
        return None
    check = spk.check
    if spk.actor is None:
        check = f'speaker "{text[spk.start:spk.end]}" is not in the registry'
    return StatementDraft("reported", cue.start, cue.end, cs, ce, spk.start, spk.end, spk.actor, check,
                          "high" if not check else "medium")


_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?$", re.IGNORECASE)
_CLAUSE_REACH = 3000  # characters a reported clause may run, far beyond any sentence of news


def _clause_start(text, s_end, cue: _Cue) -> int | None:
    """Where the reported clause begins after a cue, past what may stand between them ("said on Friday that",
    "told reporters that"); None when the verb needs a clause with "that" and has none."""
    pos = cue.end
    if cue.lemma == "describe" or cue.text.lower().startswith("describ"):
        return pos  # "described as X": the cue includes "as"
    lead = _AFTER_CUE.match(text[pos:s_end])
    pos += lead.end()
    place = _PLACE_THEN_THAT.match(text, pos) if cue.lemma in _SAY_LIKE else None
    if place and place.end() <= s_end:
        pos = place.end() - 5  # "said during a rally in Michigan that": the clause after "that"
    obj = _OBJECT_THEN_THAT.match(text, pos)
    if obj and obj.end() <= s_end:
        return obj.end()
    that = re.match(r"\s+that\b", text[pos:s_end])
    if that:
        return pos + that.end()
    if cue.lemma in NEEDS_CLAUSE:
        return None
    return pos


def _reported_speaker(text, s_start, cue: _Cue, mentions, previous) -> Speaker | None:
    """The speaker of a reported statement: the sentence's subject for ", saying" and "and said", else the
    noun phrase just before the verb (or, failing that, the subject)."""
    before = text[max(s_start, cue.start - 80):cue.start].rstrip()  # only its end is read: linear in the text
    if (cue.text.endswith("ing") and before.endswith(",")) or re.search(r"\band$", before):
        return _subject(text, s_start, cue.start, mentions, previous)
    return _before_else_subject(text, cue.start, s_start, _clause_start_before(text, s_start, cue.start),
                                cue.text.endswith("ing"), mentions, previous)


def _before_else_subject(text: str, cue_start: int, floor: int, clause: int, participle: bool, mentions,
                         previous) -> Speaker | None:
    """The noun phrase just before a cue, else the subject of the clause beginning at ``clause``; for a
    participle, the subject also when that noun phrase names no actor ("she said at a news conference
    announcing", "a series of posts on Friday saying")."""
    found = _speaker_before(text, cue_start, floor, mentions)
    if found is not None and (found.actor is not None or not participle):
        return found
    return _subject(text, clause, cue_start, mentions, previous) or found


_SUBORDINATE = re.compile(r"\b(?:since|because|while|although|though|whereas|after|before|when|if|unless|"
                          r"until|"
                          r"as|that)\s+", re.IGNORECASE)


def _clause_start_before(text: str, s_start: int, cue: int) -> int:
    """Where the clause of a finite reporting verb begins: after the last subordinating word before it ("Trump
    has been targeting Machado since Clinton, at Monday's debate, cited …": the clause of "Clinton"), else the
    sentence's start."""
    last = None
    for m in _SUBORDINATE.finditer(text, s_start, cue):
        last = m
    return last.end() if last else s_start


def _add_noun_claims(text, s_start, s_end, in_sentence: list[StatementDraft]) -> None:
    """Add to a sentence's statements the claims after a noun cue ("reports that", "allegations of"), with no
    named source, each cut where the next reporting clause after it begins."""
    for m in NOUN_CUE.finditer(text, s_start, s_end):
        c_start, c_end = m.span()
        if m.group(0).lower() in ("reportedly", "allegedly"):
            continue
        limit = s_end
        stop = _CLAUSE_END.search(text, c_end + 1, s_end)
        if stop:
            limit = stop.start()
        later = [st for st in in_sentence if st.cue_start is not None and st.cue_start > c_end]
        if later:
            first = min(later, key=lambda st: st.cue_start)
            begins = [p for p in (first.speaker_start, first.cue_start) if p is not None and p > c_end]
            limit = min([limit, *begins])
        cs, ce = _content_bounds(text, c_end, limit)
        if ce - cs >= 8:
            in_sentence.append(StatementDraft("reported", c_start, c_end, cs, ce, None, None, None,
                                              "claim with no named source", "medium"))


_WORD = re.compile(r"\w+")
_NOT_SUBJECT_END = {"JJ", "JJR", "JJS", "DT", "PRP$", "IN", "VBG", "CD", "TO", "VB", "VBD", "VBN", "VBP",
                    "VBZ", "MD"}


def _tag(word: str) -> str:
    from helpers.drafting.pos_lexicon import tag
    return tag(word.strip(",;:\"“”'’()"))
MIN_WORDS = 3


def _cut_at_next(text: str, statements: list[StatementDraft]) -> list[StatementDraft]:
    """End each reported content where the next reporting clause of the sentence begins after "and", "but" or
    a comma ("X said A, and Y said B"); a reporting clause inside the content otherwise belongs to it ("X said
    that Y announced B"), and is returned, to be left out: the outer statement holds it."""
    nested: list[StatementDraft] = []
    statements.sort(key=lambda st: st.cue_start if st.cue_start is not None else st.content_start)
    for st, nxt in zip(statements, statements[1:]):
        begins = [p for p in (nxt.speaker_start, nxt.cue_start)
                  if p is not None and st.content_start < p < st.content_end]
        if not begins:
            continue
        cut = min(begins)
        joined = re.search(r"(?:,?\s+(?:and|but)|,)\s*$", text[st.content_start:cut])
        if not joined:
            nested.append(nxt)
            # "He said he plans what he says he raised": the inner statement is part of the outer one
            continue
        st.content_end = st.content_start + joined.start()
    return nested


_SEEN_BY = re.compile(r"\s+(?:seen|obtained|reviewed|viewed|read|heard)\s+by\b")


def _according_to(text, s_start, s_end, c_start, c_end, mentions):
    after = text[c_end:s_end]
    src = re.match(r"\s+([^,.;]+)", after)
    if not src:
        return None
    sp_s, sp_e = c_end + src.start(1), c_end + src.end(1)
    # "according to a letter seen by the Gazette": the letter says it; the paper only saw it
    seen = _SEEN_BY.search(text, sp_s, sp_e)
    sp_e = seen.start() if seen else sp_e
    actor = _actor_in(mentions, sp_s, sp_e)
    if text[s_start:c_start].strip(" ,"):
        cs, ce = _content_bounds(text, s_start, c_start)
    else:
        cs, ce = _content_bounds(text, sp_e, s_end)
    if ce - cs < 8:
        return None
    return StatementDraft("reported", c_start, c_end, cs, ce, sp_s, sp_e, actor[0] if actor else None,
                          None if actor else f'source "{text[sp_s:sp_e]}" is not in the registry',
                          "high" if actor else "medium")


_ROLES = "|".join(sorted((w for w in ROLE_WORDS if len(w) > 3), key=len, reverse=True))


def _inverted(text, s_start, c_start, c_end, mentions, taken_quotes, quote_marks):
    """'…, Smith said.': the content is the clause before the comma."""
    before = text[s_start:c_start]
    if quote_marks.covers(c_start):
        return None
    m = re.search(r"^(.*\S),\s*(?P<np>(?:[A-Z][\w.'’-]*\s*){1,5}|he|she|they|the [\w\s]{1,40}?|"
                  # a name after its title: "Foreign Ministry spokesman Oleh Marchuk", "regional governor
                  # Ana Ruiz"
                  rf"(?:[A-Z][\w.'’-]*\s+){{0,4}}(?:[a-z]+\s+)?(?:{_ROLES})\s+(?:[A-Z][\w.'’-]*\s*){{1,4}}|"
                  r"(?:(?:some|many|several|two|three|other|senior|top|local|federal|state|campaign|party|"
                  r"administration|government|police|[a-z]+ed)\s+){0,2}"
                  r"(?:sources|officials|analysts|experts|aides|advisers|advisors|critics|observers|"
                  r"economists|"
                  r"lawmakers|investigators|authorities|witnesses|residents|organizers|supporters|"
                  r"people))?\s*$",
                  before, re.S)
    if not m or "“" in m.group(1) or '"' in m.group(1)[-3:]:
        return None
    cs, ce = _content_bounds(text, s_start, s_start + len(m.group(1)))
    if (cs, ce) in taken_quotes or ce - cs < 8:
        return None
    tail = text[c_end:c_end + 60]
    np_after = re.match(r"\s+((?:[A-Z][\w.'’-]*\s*){1,5})", tail)
    if m.group("np"):
        sp_s = s_start + m.start("np")
        sp_e = sp_s + len(m.group("np").rstrip())
    elif np_after:
        sp_s, sp_e = c_end + np_after.start(1), c_end + np_after.start(1) + len(np_after.group(1).rstrip())
    else:
        return None
    actor = _actor_in(mentions, sp_s, sp_e)
    return StatementDraft("reported", c_start, c_end, cs, ce, sp_s, sp_e, actor[0] if actor else None,
                          "content before the reporting verb" + ("" if actor
                                                                 else "; speaker not in the registry"),
                          "medium")


# ---- when it was said, and what about ---------------------------------------------------------

_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_STATEMENT_NOUN = re.compile(r"^['’]s\s+(?:\w+\s+)?(?:statement|announcement|remarks|comments|speech|"
                             r"interview|"
                             r"briefing|news conference|press conference|letter|release)\b")


LEAD = re.compile(_AFTER_CUE.pattern + r"\s*(?:that\s*)?")  # what may stand between a cue and its words
_GAP_AFTER_CUE = re.compile(r"\s*(?:on\s+|late\s+|early\s+)?")  # "said [on] Friday"
_GAP_BEFORE_CUE = re.compile(r"\s*(?:also\s+)?")  # "Friday [also] said"
_GAP_AFTER_SPEAKER = re.compile(r"\s*(?:on\s+)?")  # "Putin [on] Friday said"


class _DayIndex:
    """The days a text names and where its sentences break, indexed once, so that the day each statement was
    said is looked for among the dates near its cue: linear in the article, not statements × dates."""

    def __init__(self, text: str, timexes):
        self.text = text
        self.days = [t for t in timexes if t.type == "DATE" and _DAY_VALUE.fullmatch(t.value)]
        self.starts = [t.start for t in self.days]
        self.ends = [t.end for t in self.days]
        # the tagger's spans are in text order and never overlap; any other list is searched whole
        self.ordered = all(a.start <= b.start and a.end <= b.end for a, b in zip(self.days, self.days[1:]))
        self.named = [i for i, t in enumerate(self.days) if _STATEMENT_NOUN.match(text[t.end:t.end + 40])]
        self.named_starts = [self.days[i].start for i in self.named]
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.stops = [m.start() for m in re.finditer(r"\. ", text)]

    def sentence_start(self, at: int) -> int:
        """As max(text.rfind("\\n", 0, at), text.rfind(". ", 0, at)) + 1, by bisection."""
        i = bisect.bisect_right(self.newlines, at - 1) - 1
        j = bisect.bisect_right(self.stops, at - 2) - 1
        return max(self.newlines[i] if i >= 0 else -1, self.stops[j] if j >= 0 else -1) + 1

    def by_start(self, low: int, high: int) -> range:
        return range(bisect.bisect_left(self.starts, low), bisect.bisect_right(self.starts, high))

    def candidates(self, st: StatementDraft, sent_start: int) -> list[int]:
        """The days that can pass one of date_said's tests, in text order (every day when unordered)."""
        if not self.ordered:
            return list(range(len(self.days)))
        text, found = self.text, set()
        found.update(self.by_start(st.cue_end, _GAP_AFTER_CUE.match(text, st.cue_end).end()))
        low = st.cue_start
        while low > 0 and text[low - 1].isspace():
            low -= 1
        if low < st.cue_start and text[max(0, low - 4):low] == "also":
            low -= 4
            while low > 0 and text[low - 1].isspace():
                low -= 1
        found.update(range(bisect.bisect_left(self.ends, low), bisect.bisect_right(self.ends, st.cue_start)))
        if st.speaker_end is not None:
            found.update(self.by_start(st.speaker_end, _GAP_AFTER_SPEAKER.match(text, st.speaker_end).end()))
        first = bisect.bisect_left(self.named_starts, sent_start)
        found.update(self.named[first:bisect.bisect_left(self.named_starts, st.cue_start)])
        if st.content_start - st.cue_end < 80:
            found.update(self.by_start(st.cue_end, st.content_start))
        return sorted(found)


def dates_said(text: str, statements, timexes, reference) -> list[str | None]:
    """date_said for each statement, the text's days indexed once."""
    index = _DayIndex(text, timexes)
    return [_date_said(index, st, reference) for st in statements]


def date_said(text: str, st: StatementDraft, timexes, reference) -> str | None:
    """The day a statement was made when the text states it: "said Friday", "on Tuesday said",
    "in Thursday's statement". A day after the article's date is not taken for a past reporting verb."""
    return _date_said(_DayIndex(text, timexes), st, reference)


def _date_said(index: _DayIndex, st: StatementDraft, reference) -> str | None:
    if st.cue_start is None:
        return None
    text = index.text
    sent_start = index.sentence_start(st.cue_start)
    past = not re.search(r"\b(?:will|would|to|'ll)\s*$", text[max(0, st.cue_start - 12):st.cue_start])
    for t in (index.days[i] for i in index.candidates(st, sent_start)):
        # fullmatch(text, start, end) is fullmatch on the slice for these patterns (no anchors or lookarounds)
        right_after = t.start >= st.cue_end and _GAP_AFTER_CUE.fullmatch(text, st.cue_end, t.start)
        right_before = t.end <= st.cue_start and _GAP_BEFORE_CUE.fullmatch(text, t.end, st.cue_start) \
            or (st.speaker_end is not None and st.speaker_end <= t.start and t.end <= st.cue_start
                and _GAP_AFTER_SPEAKER.fullmatch(text, st.speaker_end, t.start))
        said_then = sent_start <= t.start < st.cue_start and _STATEMENT_NOUN.match(text[t.end:t.end + 40])
        # "said in a statement on Thursday that", "said in Thursday's statement that"
        in_lead = st.cue_end <= t.start and t.end <= st.content_start and st.content_start - st.cue_end < 80 \
            and LEAD.fullmatch(text[st.cue_end:st.content_start])
        if right_after or right_before or said_then or in_lead:
            if past and reference is not None and t.value > str(reference):
                return None
            return t.value
    return None


def topic_patterns(topics: list[dict]) -> list[tuple[str, re.Pattern]]:
    """One pattern per topic: its keywords as whole words, else the longer words of its label."""
    out = []
    for topic in topics:
        words = [w for w in topic.get("keywords") or [] if w and str(w).strip()]
        if not words:
            words = [w for w in re.findall(r"[\w-]+", topic.get("label") or "") if len(w) >= 5
                     and w.lower() not in ("other", "about", "their", "which", "where", "there", "these")]
        if words:
            alternatives = "|".join(re.escape(str(w).strip()).replace(r"\ ", r"\s+") for w in words)
            out.append((str(topic["id"]), re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)))
    return out


def statement_topics(words: str, patterns: list[tuple[str, re.Pattern]]) -> list[str]:
    """Topic ids whose keywords occur in a statement's words."""
    return [topic for topic, rx in patterns if rx.search(words)]
