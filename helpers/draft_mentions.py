"""Draft actor mentions: registry names and aliases, titles, pronouns, and proposed new actors."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .anchoring import fold
from .textspans import quotations, sentences

TITLE_WORDS = (
    r"President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|Defense Minister|Defence Minister|"
    r"Minister|Chancellor|Secretary of State|Secretary|Senator|Sen\.|Rep\.|Representative|Governor|Gov\.|General|"
    r"Gen\.|King|Queen|Prince|Pope|Leader|Mayor|Ambassador|Envoy|Spokesman|Spokeswoman|Spokesperson|Director|"
    r"Chairman|Chairwoman|Chair|CEO|Commander|Chief|Speaker|Premier|Mr\.|Mrs\.|Ms\.|Dr\.|Judge|Justice|Attorney General"
)
_TITLE_BEFORE = re.compile(rf"((?:(?:[A-Z][\w.'’-]*|of|the|and)\s+){{0,3}}?(?:{TITLE_WORDS})\s+)$")
_ORG_WORDS = (r"Council|Ministry|Party|Agency|Committee|Commission|Organization|Organisation|Union|Army|Bank|Court|"
              r"Parliament|Congress|Senate|Assembly|Administration|Department|Office|Institute|Foundation|Fund|"
              r"Alliance|Coalition|Command|Service|Corporation|Company|Group|Federation|League|Association|Authority")
_NAME = r"[A-Z][a-zà-ÿ'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-zà-ÿ'’-]+){1,2}"
_PROPOSE_PERSON = re.compile(rf"(?:(?<=\s)|^)(?:{TITLE_WORDS})\s+(?P<name>{_NAME})")
_PROPOSE_ORG = re.compile(rf"\b(?:the\s+)?(?P<name>(?:[A-Z][\w'’-]+\s+){{1,4}}(?:{_ORG_WORDS})(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]+)*)")
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
THING_PRONOUNS = {"it", "its"}


@dataclass
class MentionDraft:
    start: int
    end: int
    text: str
    actor_id: str
    check: str | None = None


@dataclass
class ProposedActor:
    id: str
    name: str
    kind: str
    check: str


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(name).lower()).strip("_")


def _find(text: str, words: str) -> list[tuple[int, int]]:
    folded, needle = fold(text), fold(words)
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", folded)]


def find_mentions(text: str, actors: list[dict]) -> tuple[list[MentionDraft], list[ProposedActor]]:
    """Mentions of registry actors (and of proposed new ones), with pronouns resolved."""
    kinds = {a["id"]: a["kind"] for a in actors}
    names = []
    for a in actors:
        for alias in {a["name"], *a.get("aliases", [])}:
            if alias:
                names.append((alias, a["id"]))
    proposed = _propose(text, names)
    for p in proposed:
        kinds[p.id] = p.kind
        names.append((p.name, p.id))
        if p.kind == "person" and len(p.name.split()) > 1:
            names.append((p.name.split()[-1], p.id))

    starts = [s for s, _ in sentences(text)]
    candidates = []
    for alias, actor in names:
        for s, e in _find(text, alias):
            if kinds.get(actor) == "person":
                s = _extend_title(text, s, max([b for b in starts if b <= s], default=0))
            candidates.append((s, e, actor))
    # persons first (their titles may hold a state's demonym), then longest, then earliest
    candidates.sort(key=lambda c: (kinds.get(c[2]) != "person", -(c[1] - c[0]), c[0]))
    kept: list[MentionDraft] = []
    for s, e, actor in candidates:
        if not any(s < k.end and k.start < e for k in kept):
            kept.append(MentionDraft(s, e, text[s:e], actor))
    # a dateline in capitals ("MOSCOW –") names where the story was filed, not an actor
    kept = [k for k in kept if not _dateline(text, k)]
    kept += _pronouns(text, kept, kinds)
    kept.sort(key=lambda k: k.start)
    proposed_used = {k.actor_id for k in kept}
    return kept, [p for p in proposed if p.id in proposed_used]


def _dateline(text: str, k: MentionDraft) -> bool:
    line_start = text.rfind("\n", 0, k.start) + 1
    return k.start == line_start and k.text.isupper() and bool(re.match(r"\s*(?:,[^\n]{0,40})?\s*[–—-]", text[k.end:]))


def _extend_title(text: str, start: int, sentence_start: int) -> int:
    """Take a title written before a name into the mention: "U.S. President Donald Trump"."""
    m = _TITLE_BEFORE.search(text[max(sentence_start, start - 80): start])
    return start - len(m.group(1)) if m else start


def _propose(text: str, known: list[tuple[str, str]]) -> list[ProposedActor]:
    known_words = {fold(alias) for alias, _ in known}
    out: dict[str, ProposedActor] = {}
    for m in _PROPOSE_PERSON.finditer(text):
        name = m.group("name")
        if fold(name) in known_words or any(fold(name).endswith(" " + k) or fold(name) == k for k in known_words):
            continue
        slug = _slug(name.split()[-1])
        out.setdefault(slug, ProposedActor(slug, name, "person",
                                           f'new person "{name}" (after a title); add to actors.yaml if right'))
    for m in _PROPOSE_ORG.finditer(text):
        name = m.group("name").strip()
        if fold(name) in known_words or any(k in fold(name) for k in known_words if len(k) > 6):
            continue
        slug = _slug(name)
        out.setdefault(slug, ProposedActor(slug, name, "organisation",
                                           f'new organisation "{name}"; add to actors.yaml if right'))
    return list(out.values())


def _pronouns(text: str, mentions: list[MentionDraft], kinds: dict) -> list[MentionDraft]:
    """Resolve he/his/she/her to the last person named, it/its to the first state or body of the sentence."""
    quoted = quotations(text)
    spans = sentences(text)
    out = []
    for m in re.finditer(r"\b(he|him|his|she|her|hers|it|its|He|Him|His|She|Her|Hers|It|Its)\b", text):
        word = m.group(1).lower()
        if any(s <= m.start() < e for s, e in quoted):
            continue  # inside a quotation a pronoun speaks of someone else
        before = sorted((k for k in mentions if k.end <= m.start()), key=lambda k: k.start)
        if word in PERSON_PRONOUNS:
            people = [k for k in before if kinds.get(k.actor_id) == "person"]
            if people:
                last = people[-1]
                out.append(MentionDraft(m.start(), m.end(), m.group(1), last.actor_id,
                                        f'pronoun "{m.group(1)}" resolved to the last person named ("{last.text}")'))
        elif word in THING_PRONOUNS:
            sent = next(((s, e) for s, e in spans if s <= m.start() < e), (0, len(text)))
            bodies = [k for k in before if kinds.get(k.actor_id) in ("state", "organisation", "group")]
            in_sentence = [k for k in bodies if k.start >= sent[0]]
            pick = in_sentence[0] if in_sentence else (bodies[-1] if bodies and bodies[-1].start >= sent[0] - 300 else None)
            if pick:
                out.append(MentionDraft(m.start(), m.end(), m.group(1), pick.actor_id,
                                        f'pronoun "{m.group(1)}" resolved to "{pick.text}"; low confidence'))
    return out
