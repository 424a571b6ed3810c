"""Draft actor mentions: registry names and aliases, titles, pronouns, and proposed new actors."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from helpers.core.anchoring import find_all, fold
from helpers.core.textspans import quotations, sentences
from helpers.drafting import entities as ents
from helpers.drafting import entity_model, pos_lexicon

TITLE_WORDS = (
    r"President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|Defense Minister|"
    r"Defence Minister|"
    r"Minister|Chancellor|Secretary of State|Secretary|Senator|Sen\.|Rep\.|Representative|Governor|Gov\.|"
    r"General|"
    r"Gen\.|King|Queen|Prince|Pope|Leader|Mayor|Ambassador|Envoy|Spokesman|Spokeswoman|Spokesperson|Director|"
    r"Chairman|Chairwoman|Chair|CEO|Commander|Chief|Speaker|Premier|Mr\.|Mrs\.|Ms\.|Dr\.|Judge|Justice|"
    r"Attorney General"
)
_TITLE_BEFORE = re.compile(rf"((?:(?:[A-Z][\w.'’-]*|of|the)\s+){{0,3}}?(?:{TITLE_WORDS})\s+)$")
_ORG_WORDS = (r"Council|Ministry|Party|Agency|Committee|Commission|Organization|Organisation|Union|Army|Bank|"
              r"Court|"
              r"Parliament|Congress|Senate|Assembly|Administration|Department|Office|Institute|Foundation|"
              r"Fund|"
              r"Alliance|Coalition|Command|Service|Corporation|Company|Group|Federation|League|Association|"
              r"Authority")
_NAME = r"[A-Z][a-zà-ÿ'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-zà-ÿ'’-]+){1,2}"
_PROPOSE_PERSON = re.compile(rf"(?:(?<=\s)|^)(?:{TITLE_WORDS})\s+(?P<name>{_NAME})")
_PROPOSE_ORG = re.compile(rf"\b(?:the\s+)?(?P<name>(?:[A-Z][\w'’-]+\s+){{1,4}}(?:{_ORG_WORDS})"
                          rf"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]+)*)")
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
THING_PRONOUNS = {"it", "its"}


@lru_cache(maxsize=8)  # mentions, statements and deadlines all walk the same article's sentences
def article_sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(sentences(text))


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
    aliases: list[str] = field(default_factory=list)
    country: str | None = None  # ISO 3166 alpha-2, for a state or a place the drafter can place


def _slug(name: str) -> str:
    return ents.slug(name)


def find_mentions(text: str, actors: list[dict], speakers: list[ProposedActor] = (),
                  story: list[ProposedActor] = ()) -> tuple[list[MentionDraft], list[ProposedActor]]:
    """Mentions of registry actors (and of proposed new ones), with pronouns resolved.

    ``speakers`` are people the statements name as speakers that no rule proposed (``named_speakers``);
    ``story`` the actors other drafts of the story propose: an entity found here that is one of them takes its
    id."""
    kinds = {a["id"]: a["kind"] for a in actors}
    names = []
    for a in actors:
        for alias in {a["name"], *a.get("aliases", [])}:
            if alias:
                names.append((alias, a["id"]))
    proposed = _propose(text, names)
    if entity_model.available():
        hints = {ents.key(ents.clean_name(p.name)): p.kind for p in proposed if p.kind == "person"}
        index = story if isinstance(story, ents.StoryIndex) else ents.StoryIndex(story)
        tagged, forms = _entity_matches(text, names, index, hints)
        names += forms
        tagged += _story_named(text, index, tagged, names)
        proposed = tagged + _rules_beyond(proposed, tagged)
    taken = {p.id for p in proposed} | {n for p in proposed for n in (p.name, *p.aliases)}
    proposed += [ProposedActor(p.id, p.name, p.kind, p.check) for p in speakers
                 if p.id not in taken and p.name not in taken]
    for p in proposed:
        kinds[p.id] = p.kind
        names += [(alias, p.id) for alias in dict.fromkeys([p.name, *p.aliases])]
        short = _LEGAL_SUFFIX.sub("", p.name)
        if p.kind == "person" and len(p.name.split()) > 1:
            short = p.name.split()[-1]
        if short != p.name:
            names.append((short, p.id))
            if short not in p.aliases:
                p.aliases.append(short)

    candidates, spelled = _named(text, names, kinds)
    for p in proposed:
        p.aliases += [f for f in dict.fromkeys(spelled.get(p.id, ())) if f not in p.aliases]
    # longest first ("Ford Motor Co" before the surname of "Bill Ford"), persons first among equals (their
    # titles
    # may hold a state's demonym), then earliest
    candidates.sort(key=lambda c: (-(c[1] - c[0]), kinds.get(c[2]) != "person", c[0]))
    kept = [MentionDraft(s, e, text[s:e], actor) for s, e, actor in _non_overlapping(candidates)]
    # a dateline names where the story was filed; "US$" is a currency; "in Washington" a place
    kept = [k for k in kept if not _dateline(text, k)
            and not (kinds.get(k.actor_id) == "state" and (_currency(text, k) or _capital_as_place(text, k)))]
    kept += _descriptions(text, kept, kinds)
    kept.sort(key=lambda k: k.start)
    kept += _pronouns(text, kept, kinds, _genders(actors, proposed))
    kept.sort(key=lambda k: k.start)
    proposed_used = {k.actor_id for k in kept}
    return kept, [p for p in proposed if p.id in proposed_used]


def _named(text: str, names: list[tuple[str, str]], kinds: dict[str, str]
           ) -> tuple[list[tuple[int, int, str]], dict[str, list[str]]]:
    """Every (start, end, actor) where one of the names stands (a person's with the title before it), and for
    each actor the other spellings of its names the text uses ("Dar-es-Salaam")."""
    starts = [s for s, _ in article_sentences(text)]
    candidates = []
    spelled: dict[str, list[str]] = {}
    for alias, actor in dict.fromkeys(names):
        if not any(c.isalnum() for c in alias):
            continue
        for form in ents.spellings(alias):
            for s, e in find_all(text, form):
                if s > 1 and text[s - 1] == "-" and text[s - 2].islower():
                    continue  # "anti-Castro", "pro-Kremlin": an adjective, not a mention
                if kinds.get(actor) == "person":
                    i = bisect_right(starts, s)
                    s = _extend_title(text, s, starts[i - 1] if i else 0)
                candidates.append((s, e, actor))
                if form != alias:
                    spelled.setdefault(actor, []).append(form)
    return _nearest_bearer(text, candidates, kinds), spelled


def _nearest_bearer(text: str, candidates: list[tuple[int, int, str]], kinds: dict[str, str]
                    ) -> list[tuple[int, int, str]]:
    """A lone surname several people of the article bear ("Gonzalez" for Elian, Juan Miguel and Lazaro
    Gonzalez) is the one last named in full before it, else the first named in full after it."""
    full: dict[str, list[int]] = {}
    lone: dict[tuple[int, int], list[str]] = {}
    for s, e, actor in candidates:
        if kinds.get(actor) != "person":
            continue
        if " " in text[s:e].strip() or "-" in text[s:e]:
            full.setdefault(actor, []).append(s)
        else:
            lone.setdefault((s, e), []).append(actor)
    drop = set()
    for (s, e), actors in lone.items():
        bearers = list(dict.fromkeys(a for a in actors if a in full))
        if len(bearers) < 2:
            continue
        before = [(max(p for p in full[a] if p < s), a) for a in bearers if min(full[a]) < s]
        after = [(min(p for p in full[a] if p > s), a) for a in bearers if max(full[a]) > s]
        chosen = max(before)[1] if before else min(after)[1]
        drop.update((s, e, a) for a in actors if a != chosen)
    return [c for c in candidates if c not in drop]


def entity_proposals(text: str, names: list[tuple[str, str]], story=(),
                     hints: dict[str, str] | None = None) -> list[ProposedActor]:
    """The entities the tagger finds that the registry does not hold, one proposal each; one the story's other
    drafts already propose (``story``: proposals, or an ``entities.StoryIndex`` of them) keeps their id, name
    and kind."""
    return _entity_matches(text, names, story, hints)[0]


def _entity_matches(text: str, names: list[tuple[str, str]], story=(),
                    hints: dict[str, str] | None = None) -> tuple[list[ProposedActor], list[tuple[str, str]]]:
    """``entity_proposals``, and (form, registry id) for each form the text writes a registry actor in that
    its names lack ("USA" and "America" for the registry's United States): the registry's actor is named
    there, no new one proposed."""
    keys = ents.known_keys(names)
    index = story if isinstance(story, ents.StoryIndex) else ents.StoryIndex(story)
    registry_ids = set(keys.values())
    mine: set[str] = set()
    out: dict[str, ProposedActor] = {}
    forms: list[tuple[str, str]] = []
    for ent in ents.article_entities(text, hints):
        if known := ents.registered(ent, keys):
            forms += [(f, known) for f in ent.forms if ents.key(f) not in keys]
            continue  # the registry's names win
        home = index.find(ent)
        if home is None:
            ident = ents.entity_id(ent, _Taken(mine, registry_ids, index))
            mine.add(ident)
            times = "" if len(ent.forms) == 1 else ("; also written "
                                                    f"{', '.join(repr(f) for f in ent.forms[1:4])}")
            home = ProposedActor(ident, ent.name, ent.kind,
                                 f'new {ent.kind} "{ent.name}" (a named entity{times})',
                                 country=ents.country_code(ent))
            short = _LEGAL_SUFFIX.sub("", ent.name)
            if ent.kind == "organisation" and short != ent.name and short not in ent.forms:
                ent.forms.append(short)  # "Fiat" for "Fiat Group", as the mentions search it
        got = out.setdefault(home.id,
                             ProposedActor(home.id, home.name, home.kind, home.check, list(home.aliases),
                                           home.country))
        got.aliases += [f for f in ent.forms if f != got.name and f not in got.aliases]
    return list(out.values()), forms


def _story_named(text: str, index: ents.StoryIndex, found: list[ProposedActor], names) -> list[ProposedActor]:
    """The story's actors this text names by a full name or an acronym the tagger missed here ("the FAWU
    leader"), as proposals (unused ones are dropped with the others); never one the registry's names already
    cover."""
    ids = {p.id for p in found}
    known = ents.known_keys(names)
    out = []
    for p in index.named_in(text):
        if p.id not in ids and not any(ents.key(f) in known for f in (p.name, *p.aliases)):
            out.append(ProposedActor(p.id, p.name, p.kind, p.check, list(p.aliases), p.country))
    return out


class _Taken:
    """Ids in use: this article's proposals, the registry's, the story's (none of them copied)."""

    def __init__(self, *groups):
        self.groups = groups

    def __contains__(self, ident: str) -> bool:
        return any(ident in g for g in self.groups)


def _rules_beyond(ruled: list[ProposedActor], tagged: list[ProposedActor]) -> list[ProposedActor]:
    """The rules' proposals for entities the tagger missed, their names cleaned of titles."""
    entities = [ents.Entity(p.kind, p.name, [p.name, *p.aliases]) for p in tagged]
    ids = {p.id for p in tagged}
    out = []
    for p in ruled:
        name = ents.clean_name(p.name)
        if not ents.is_name(name) or p.id in ids:
            continue
        mine = ents.Entity(p.kind, name, [name])
        if any(ents.shares_form(e, mine) or ents.same_entity(e, mine) for e in entities):
            continue
        ident = _slug(name.split()[-1]) if p.kind == "person" else _slug(name)
        if ident in ids:
            continue
        ids.add(ident)
        out.append(ProposedActor(ident, name, p.kind, p.check.replace(p.name, name), list(p.aliases)))
    return out


def _non_overlapping(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The candidates, in the order given, that overlap none kept before them (kept spans sorted by start, so
    only the one starting just before a candidate's end can reach it)."""
    kept: list[tuple[int, int, str]] = []
    kept_starts: list[int] = []
    for c in candidates:
        i = bisect_right(kept_starts, c[1] - 1)
        if i and kept[i - 1][1] > c[0]:
            continue
        kept_starts.insert(i, c[0])
        kept.insert(i, c)
    return kept


_LEGAL_SUFFIX = re.compile(r",?\s+(?:Inc|Corp|Corporation|Co|Ltd|LLC|Plc|PLC|Group|Company|Holdings)\.?$")
_CAPITALS = {"washington", "moscow", "kyiv", "kiev", "beijing", "london", "paris", "berlin", "tokyo",
             "brussels",
             "tehran", "pyongyang", "seoul", "ankara", "jerusalem", "damascus", "baghdad", "kabul",
             "islamabad",
             "new delhi", "ottawa", "canberra", "rome", "madrid", "warsaw", "minsk", "havana", "caracas",
             "cairo",
             "riyadh", "taipei", "hanoi", "manila", "jakarta", "bangkok", "brasilia", "pretoria", "nairobi",
             "tripoli", "beirut", "amman", "vienna", "athens", "lisbon", "dublin", "budapest", "prague",
             "tbilisi",
             "stockholm", "oslo", "helsinki", "copenhagen", "the hague", "bern", "mexico city",
             "buenos aires"}
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|from|to|at|near|outside|around|across|into|via|visit|visits|visited|"
                           r"visiting|based in|arrived in|left|leave|flew to|back to)\s+)$", re.IGNORECASE)


def _currency(text: str, k: MentionDraft) -> bool:
    """"US$ 29", "US $29", "U.S. dollars": a country's name in a currency is not the state."""
    return bool(re.match(r"\s?\$|\s+dollars?\b", text[k.end:k.end + 9]))


def _capital_as_place(text: str, k: MentionDraft) -> bool:
    """"in Washington", "from Moscow": a capital named as a place (not "Washington said")."""
    return fold(k.text).lower() in _CAPITALS and bool(_PLACE_BEFORE.search(text[max(0,
                                                                                    k.start - 20):k.start]))


# nouns an institution's own name holds ("the council": "Portland City Council"); for these a description
# refers back only to a name that holds the noun, never to whichever organisation came last
_OWN_NAME_ONLY = ("council", "league", "ministry", "commission", "court", "tribunal", "committee",
                  "authority", "board", "regulator", "department", "parliament", "assembly")
_DESCRIPTION = re.compile(r"\b(?:the|The)\s+(company|firm|group|carrier|retailer|automaker|manufacturer|"
                          r"maker|"
                          r"chipmaker|airline|bank|agency|organization|organisation|magazine|newspaper|"
                          rf"{'|'.join(_OWN_NAME_ONLY)})\b")
_BODY_KINDS = ("organisation", "group")


def _descriptions(text: str, mentions: list[MentionDraft], kinds: dict) -> list[MentionDraft]:
    """"the company", "the group": the nearest organisation named before, within a few sentences."""
    out = []
    for m in _DESCRIPTION.finditer(text):
        if any(k.start <= m.start() < k.end for k in mentions):
            continue
        if re.match(r"\s+(?:of|that|which|who)\b|['’]s\s+(?:own\s+)?(?:rivals?|competitors?)",
                    text[m.end():m.end() + 12]):
            continue  # "the group of", "the company that": a new description, not a reference back
        if re.match(r"\s+(?:chair(?:man|men|woman|women|s)?|members?|staff(?:ers)?|leaders?)\b",
                    text[m.end():m.end() + 14]):
            continue  # "the committee chairmen": people
        own_name = m.group(1).lower() in _OWN_NAME_ONLY
        # "the company" is one named in the last few sentences; "the council" the council named, however long
        # ago (a story about a council calls it so throughout)
        before = [k for k in mentions if k.end <= m.start() and (own_name or m.start() - k.end < 600)
                  and kinds.get(k.actor_id) in _BODY_KINDS]
        if before and own_name:
            before = [k for k in before if m.group(1).lower() in k.text.lower()]
        if before:
            last = _antecedent(text, before, m.group(1))
            out.append(MentionDraft(m.start(), m.end(), m.group(0), last.actor_id,
                                    f'"{m.group(0)}" resolved to the organisation named before '
                                    f'("{last.text}")'))
    return out


def _antecedent(text: str, before: list[MentionDraft], noun: str) -> MentionDraft:
    """The organisation a description refers back to: one whose name holds the noun ("Deutsche Bank" for "the
    bank"), else the first named in the nearest sentence naming one (its subject, as a reader takes it)."""
    named = [k for k in before if noun.lower() in k.text.lower()]
    if named:
        return max(named, key=lambda k: k.end)
    last = max(before, key=lambda k: k.end)
    start = next((s for s, e in article_sentences(text) if s <= last.start < e), last.start)
    return min((k for k in before if k.start >= start), key=lambda k: k.start)


def _dateline(text: str, k: MentionDraft) -> bool:
    line_start = text.rfind("\n", 0, k.start) + 1
    if k.start != line_start and not re.fullmatch(r"(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*,\s*",
                                                  text[line_start:k.start]):
        return False  # a dateline opens its line: "MOSCOW —", "Detroit, Michigan —"
    tail = text[k.end:k.end + 80]
    return bool(re.match(r"\s*(?:,[^\n]{0,40}?)?\s*(?:\((?:Reuters|AP|AFP|Bloomberg|UPI|IDG[^)]*|[A-Z][\w "
                         r"]{1,25})\)\s*)?(?:[–—-]|--)", tail)) and (k.text.isupper() or "(" in tail[:40]
                                                                  or k.start != line_start)


def _extend_title(text: str, start: int, sentence_start: int) -> int:
    """Take a title written before a name into the mention: "U.S. President Donald Trump"."""
    m = _TITLE_BEFORE.search(text[max(sentence_start, start - 80): start])
    return start - len(m.group(1)) if m else start


_NOT_IN_NAMES = ("VB", "W", "MD", "IN", "DT", "TO", "PRP", "CC")  # part-of-speech tags no name word has


def _headline_words(m: re.Match, heads: list[tuple[int, int]]) -> bool:
    """A headline capitalises every word, so a title or an organisation word there runs into the words around
    it ("Wealthy Voters Abandon Republican Party", "Praises Marco Rubio"): a match of a headline holding a
    verb or a function word names no one."""
    return any(s <= m.start("name") < e for s, e in heads) and \
        any(pos_lexicon.tag(w).startswith(_NOT_IN_NAMES) for w in m.group("name").split())


def _propose(text: str, known: list[tuple[str, str]]) -> list[ProposedActor]:
    known_words = {fold(alias) for alias, _ in known}
    out: dict[str, ProposedActor] = {}
    heads = ents.headlines(text)
    for m in _PROPOSE_PERSON.finditer(text):
        if _headline_words(m, heads):
            continue
        name = re.sub(r"['’]s$", "", m.group("name"))
        if fold(name) in known_words or any(fold(name).endswith(" " + k) or fold(name) == k
                                            for k in known_words):
            continue
        slug = _slug(name.split()[-1])
        out.setdefault(slug, ProposedActor(slug, name, "person",
                                           f'new person "{name}" (after a title)'))
    for m in _PROPOSE_ORG.finditer(text):
        if _headline_words(m, heads):
            continue
        name = m.group("name").strip()
        if fold(name) in known_words or any(k in fold(name) for k in known_words if len(k) > 6):
            continue
        slug = _slug(name)
        out.setdefault(slug, ProposedActor(slug, name, "organisation", f'new organisation "{name}"'))
    for name, kind, why in _named_in_context(text):
        folded = fold(name)
        if folded in known_words or any(k == folded or f" {k} " in f" {folded} " for k in known_words):
            continue
        if any(p.name == name or (p.kind == "person" and p.name.split()[-1] == name) for p in out.values()):
            continue
        slug = _slug(name.split()[-1] if kind == "person" else name)
        if slug and slug not in out:
            out[slug] = ProposedActor(slug, name, kind, f'new {kind} "{name}" ({why})')
    return list(out.values())


def named_speakers(text: str, statements, proposed: list[ProposedActor],
                   actors: list[dict]) -> list[ProposedActor]:
    """People the statements show as speakers that neither the registry nor a proposal knows, proposed as
    persons so their mentions and pronouns are found: a name after its role or title ("meteorologist Chad
    Myers said"), after the verb ("said Todd Lehmacher"), a surname whose full name came before, and the
    person a "she said" refers back to within its paragraph. A bare "Harbour Review said" may be an
    organisation: left to review."""
    known = {fold(n) for a in actors for n in [a["name"], *a.get("aliases", [])] if n}
    known |= {fold(n) for p in proposed for n in [p.name, *p.aliases]}
    ids = {p.id for p in proposed} | {a["id"] for a in actors}
    registered = ids - {p.id for p in proposed}
    out: dict[str, ProposedActor] = {}
    for st in statements:
        if st.speaker_start is None:
            continue
        phrase = text[st.speaker_start:st.speaker_end].strip()
        if phrase.lower() in ("he", "she"):
            name = _referred_person(text, st, registered)
            if name is not None:
                _add_speaker(out, known, ids, name, f'the person "{phrase} said" refers to')
            continue
        if st.speaker is not None:
            continue
        found = _name_in_speaker(text, st, phrase)
        if found is not None:
            _add_speaker(out, known, ids, *found)
    return list(out.values())


def _add_speaker(out: dict[str, ProposedActor], known: set[str], ids: set[str], name: str, why: str,
                 kind: str = "person") -> None:
    """Propose a speaker's name into ``out`` unless it is a place, an institution or a name already known; by
    surname for a person, by the full name when the surname's id is taken."""
    tokens = name.split()
    if any(t.rstrip(".") in _PLACES | _NOT_NAMES or re.fullmatch(_ORG_WORDS, t) or _INSTITUTION.fullmatch(t)
           or _COMPANY_END.search(" " + t) for t in tokens):
        return
    if fold(name) in known or fold(tokens[-1]) in known or name in {p.name for p in out.values()}:
        return
    ident = _slug(tokens[-1]) if kind == "person" else _slug(name)
    if ident in ids or ident in out:
        ident = _slug(name)
    if ident and ident not in ids and ident not in out:
        out[ident] = ProposedActor(ident, name, kind, f'new {kind} "{name}" ({why})')


def _referred_person(text: str, st, registered: set[str]) -> str | None:
    """The person a "he said"/"she said" refers to: the last name before it within its paragraph (and 400
    characters), unless the statement already has a registry actor as its speaker."""
    floor = max(text.rfind("\n\n", 0, st.speaker_start), st.speaker_start - 400, 0)
    before = [m for m in _PERSON_TOKENS.finditer(text, floor, st.speaker_start)
              if not any(t in _NOT_NAMES for t in m.group(0).split())]
    if not before or not (st.speaker is None or st.speaker not in registered):
        return None
    name = before[-1].group(0)
    if len(name.split()) == 3 and re.search(r"(?:^|[.!?]\s+|\n)$", text[:before[-1].start()]):
        name = name.split(" ", 1)[1]  # "Passenger Ines Varo was": a capitalised role opens the sentence
    return name


def _name_in_speaker(text: str, st, phrase: str) -> tuple[str, str, str] | None:
    """(name, why, kind) for the name a speaker phrase with no actor holds, titles dropped; a lone surname
    only when its full name came before. A name neither inverted nor introduced by a role may be an
    organisation."""
    phrase = re.sub(r"['’]s?$", "", phrase)
    m = _SPEAKER_NAME.search(phrase)
    if not m:
        return None
    tokens = m.group(0).split()
    titles = [i for i, t in enumerate(tokens) if re.fullmatch(rf"(?:{TITLE_WORDS})", t)]
    tokens = tokens[titles[-1] + 1:] if titles else tokens
    if not tokens:
        return None
    name = " ".join(tokens)
    inverted = st.cue_start is not None and st.cue_start < st.speaker_start
    introduced = bool(titles) or m.start() > 0  # a role or title before the name
    if len(tokens) == 1:
        full = re.search(rf"\b(?:[A-Z][a-z’'-]+ (?:[A-Z]\. )?){{1,2}}{re.escape(name)}\b", text)
        if full and not any(t in _NOT_NAMES or t in _PLACES for t in full.group(0).split()[:-1]):
            return full.group(0), "named as a speaker", "person"
        return None
    if inverted or introduced or re.search(r" [A-Z]\. ", name):
        return name, "named as a speaker", "person"
    if re.match(r"[^.!?]{0,40}?\b(?:it|its)\b", text[st.speaker_end:st.speaker_end + 80]):
        return name, "named as a speaker, then 'it'", "organisation"  # "Kestrel Ferries said it would sign"
    return name, "named as a speaker; a person, or an organisation?", "person"


_INSTITUTION = re.compile(r"Hospital|University|School|College|Church|Clinic|Center|Centre|Express|Museum|"
                          r"Times|News")
_SPEAKER_NAME = re.compile(r"(?:[A-Z][a-z’'-]+|[A-Z]\.)(?: (?:[A-Z][a-z’'-]+|[A-Z]\.)){0,4}$")


# ---- names the registry does not know ---------------------------------------------------------

# capitalised words that begin sentences or name no actor
_NOT_NAMES = set("""The A An But And Or In On At It Its He She His Her They Their Them We Our I This That
These Those For With As If When While After Before Since Although Though Meanwhile However Still Yet So Then
Now Also Some Many Most Other Such Last Next First Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday
Saturday Sunday January February March April May June July August September October November December Today
Yesterday Tomorrow There Here What Who Why How Where Which Not No Yes All Both Each Every One Two Three Under
Over From To By About Despite Among Asked According During Until Unlike Like Because Even Only Just Instead
Indeed Earlier Later Already Analysts Investors Shares Sales Officials Experts Critics Customers Users
Consumers Reuters AP AFP Associated Press Inc Corp Co Ltd LLC Plc Group Company Street Avenue Internet Web TV
CEO CFO""".split())
# places that are only places: a capitalised word here is never proposed as an actor
_PLACES = set(
    """America Europe Asia Africa Australia Canada Mexico China Japan India Russia Ukraine Germany
France Britain England Italy Spain Israel Iran Iraq Syria Korea Taiwan Brazil Pakistan Afghanistan Egypt
Turkey Poland California Texas Florida Ohio Iowa Virginia Washington York Chicago Boston Seattle Michigan
Pennsylvania Georgia Carolina Arizona Nevada Colorado Wisconsin Minnesota Illinois Massachusetts Maryland
Jersey Oregon Utah Kansas Missouri Tennessee Kentucky Indiana Alabama Louisiana Oklahoma Connecticut Hampshire
Maine Vermont Idaho Montana Wyoming Dakota Nebraska Arkansas Mississippi Alaska Hawaii London Paris Berlin
Moscow Beijing Tokyo Brussels Hollywood Manhattan Wall Silicon Valley Cupertino Atlanta Dallas Houston Detroit
Denver Miami Francisco Angeles Los San United States Kingdom Union Europe European American Americans
Democrats Republicans Democratic Republican Congress Senate House White Pentagon Capitol God Christmas
Easter""".split()
)
_TOKEN = r"[A-Z][A-Za-z0-9&'’.-]*[A-Za-z0-9&]|[A-Z]"
_SEQ = re.compile(rf"(?<![\w.’'-])(?:{_TOKEN})(?:[ ](?:{_TOKEN}))*")
_COMPANY_END = re.compile(r"\s(?:Inc|Corp|Corporation|Co|Ltd|LLC|Plc|PLC|AG|SA|NV|Holdings|Motors|Airlines|"
                          r"Airways|Systems|Technologies|Industries|Partners|Capital|Bank|Reports|"
                          r"Communications|"
                          r"Networks|Pharmaceuticals|Energy|Electric|Media|Entertainment|Software|Labs)\.?$")
_ROLE = (r"(?:spokes(?:wo)?man|spokesperson|analyst|executive|chief|president|director|manager|head|founder|"
         r"chairman|chairwoman|official|editor|engineer|economist|researcher|professor|lawyer|attorney|"
         r"vice president|senior|general|partner|owner|strategist|consultant|representative|member|scientist|"
         r"expert|author|writer|reporter|correspondent|advis[eo]r|secretary|minister|senator|governor|mayor|"
         r"judge|"
         r"ambassador|commander|leader|activist|historian|physicist|fellow|dean|lecturer|candidate|counsel|"
         r"prosecutor|CEO|officer|teacher|doctor|scholar|specialist|campaigner|organizer|organiser)")
# reporting verbs, in the past and in the present that magazines use ("Mann writes")
_REPORT = (r"(?:said|says|told|tells|added|adds|noted|notes|announced|reported|explained|explains|wrote|"
           r"writes|"
           r"warned|warns|argued|argues|stated|declined|confirmed|estimated|predicted|agreed|according to)")
# what only a company does or has ("Pear Widgets website" is no person's), and what anyone may do
_COMPANY_WORDS = (r"(?:makes|sells|sold|launched|unveiled|shares|stock|products?|devices?|customers|chief "
                  r"executive|"
                  r"spokes(?:wo)?man|website|earnings|profits?|revenues?|subsidiary|headquarters|factory|"
                  r"plants?)")
_BUSINESS = rf"(?:said|says|announced|reported|plans|planned|will|would|has|had|is|was|made|released|" \
            rf"introduced|posted|bought|acquired|agreed|chief|executive|statement|{_COMPANY_WORDS})"


_COMPANY_STORY = re.compile(r"\b(?:the company|the firm|Inc\b|Corp\b|shares|stock|chief executive|products)")


def _names(text: str):
    """Capitalised word sequences as (start, end, name), leading function words and possessives dropped."""
    for m in _SEQ.finditer(text):
        words = m.group(0).split(" ")
        start = m.start()
        while words and words[0].rstrip(".") in _NOT_NAMES:
            start += len(words[0]) + 1
            words = words[1:]
        while words and words[-1].rstrip(".") in _NOT_NAMES - {"Inc", "Corp", "Co", "Ltd", "LLC", "Plc",
                                                               "Group",
                                                               "Company"}:
            words = words[:-1]
        if not words:
            continue
        name = " ".join(words)
        name = re.sub(r"['’]s?$", "", name)
        if len(name) < 2 or name.isupper() and len(name) > 5 or name.rstrip(".") in _NOT_NAMES:
            continue  # a headline or dateline in capitals
        yield start, start + len(name), name


_PERSON_TOKENS = re.compile(r"(?:[A-Z][a-z’'-]+|[A-Z]\.)(?: (?:[A-Z][a-z’'-]+|[A-Z]\.)){1,2}")
_APPOSITIVE_ROLE = re.compile(rf",\s+(?:a|an|the|its|(?:[A-Z][\w.&-]*\s+){{0,3}}[A-Z][\w.&-]*(?:['’]s|"
                              r"s['’]))\s+"
                              # ", a spokesman", ", Pear Widgets' chief executive"
                              rf"(?:[\w-]+\s+){{0,3}}?{_ROLE}")
_AFTER_VERB = re.compile(rf"\b{_REPORT}\s+$")
_NAME_ENDS = re.compile(r"\s*(?:,|\.|of|at|from)")
_THEN_VERB = re.compile(rf",?\s+{_REPORT}\b")
_AFTER_QUOTE = re.compile(r"[,?!][\"”'’`]+\s*$")
_SPEAKERS_BODY = re.compile(rf"(?:\b{_ROLE}s?|\b(?:said|says|told)\s+(?:[A-Z][\w.’'-]*\s+){{1,3}})\s*"
                            rf"(?:of|for|at|with|from)\s+(?:the\s+)?$")
_THEN_COMPANY_WORD = re.compile(rf"(?:['’]s)?\s+{_COMPANY_WORDS}\b")
_THEN_BUSINESS = re.compile(rf"(?:['’]s)?\s+{_BUSINESS}\b")
_TITLED = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Dr|{TITLE_WORDS})\.?\s+([A-Z][\w'’-]+)")


def _named_in_context(text: str) -> list[tuple[str, str, str]]:
    """(name, kind, why) for people and organisations the text names in a telling context."""
    found: dict[str, tuple[str, str]] = {}
    counts: dict[str, int] = {}
    names = list(_names(text))
    for _, _, name in names:
        counts[name] = counts.get(name, 0) + 1
    persons = set()
    # a single name acting is a company only in company news, and never one given a title ("Mr. Jobs")
    company_story = bool(_COMPANY_STORY.search(text))
    titled = set(_TITLED.findall(text))
    for s, e, name in names:
        if name in found:
            continue
        tokens = name.split()
        company = _COMPANY_END.search(name)
        if not company and any(t.rstrip(".") in _PLACES for t in tokens):
            continue
        before, after = text[max(0, s - 40):s], text[e:e + 80]
        multi = bool(_PERSON_TOKENS.fullmatch(name))
        if company:
            found[name] = ("organisation", "a company name")
        elif multi and (_APPOSITIVE_ROLE.match(after)
                        or _AFTER_VERB.search(before) and _NAME_ENDS.match(after)
                        or _THEN_VERB.match(after)
                        and (counts.get(tokens[-1], 0) > 0 or _AFTER_QUOTE.search(before))):
            found[name] = ("person", "named as a speaker")
            persons.add(name)
        elif _SPEAKERS_BODY.search(before):
            found[name] = ("organisation", "a speaker's organisation")
        elif len(tokens) == 1 and _THEN_VERB.match(after) and (
                name in titled or counts[name] >= 2 and not company_story and not name.isupper()):
            found[name] = ("person", "named with a title" if name in titled else "a surname, speaking")
        elif len(tokens) <= 3 and counts[name] >= 2 and name not in titled and (
                _THEN_COMPANY_WORD.match(after)
                or not multi and (company_story or name.isupper()) and _THEN_BUSINESS.match(after)):
            found[name] = ("organisation", f"named {counts[name]} times, acting")
    # a single name that is the last name of a person found is that person, not an organisation
    last_names = {t for p in persons for t in p.split()}
    return [(n, k, why) for n, (k, why) in found.items() if not (k == "organisation" and n in last_names)]


def _genders(actors: list[dict], proposed: list[ProposedActor]) -> dict[str, str | None]:
    """Actor id → "m", "f" or None (unknown), from each person's names."""
    out = {}
    for ident, kind, names in [(a["id"], a.get("kind"), [a["name"], *a.get("aliases", [])])
                               for a in actors] + \
            [(p.id, p.kind, [p.name, *p.aliases]) for p in proposed]:
        if kind == "person":
            out[ident] = next((g for n in names if n and (g := ents.gender(n))), None)
    return out


def _pronouns(text: str, mentions: list[MentionDraft], kinds: dict, genders: dict | None = None
              ) -> list[MentionDraft]:
    """Resolve he/his to the last man or person of unknown sex named, she/her to the last woman or person of
    unknown sex, it/its to the first state or body of the sentence."""
    genders = genders or {}
    quoted = quotations(text)
    spans = article_sentences(text)
    ordered = sorted(mentions, key=lambda k: k.end)  # mentions do not overlap: by end is by start
    persons = [k for k in ordered if kinds.get(k.actor_id) == "person"]
    all_bodies = [k for k in ordered if kinds.get(k.actor_id) in ("state", "organisation", "group")]
    person_ends, body_ends = [k.end for k in persons], [k.end for k in all_bodies]
    out = []
    for m in re.finditer(r"\b(he|him|his|she|her|hers|it|its|He|Him|His|She|Her|Hers|It|Its)\b", text):
        word = m.group(1).lower()
        if any(s <= m.start() < e for s, e in quoted):
            continue  # inside a quotation a pronoun speaks of someone else
        if word in PERSON_PRONOUNS:
            people = persons[:bisect_right(person_ends, m.start())]
            wanted = "f" if word in ("she", "her", "hers") else "m"
            agreeing = [k for k in people[-12:] if genders.get(k.actor_id) in (None, wanted)]
            if agreeing:  # "she" never goes to a man the name or title shows
                last = agreeing[-1]
                out.append(MentionDraft(m.start(), m.end(), m.group(1), last.actor_id,
                                        f'pronoun "{m.group(1)}" resolved to the last person named '
                                        f'("{last.text}")'))
        elif word in THING_PRONOUNS:
            sent = next(((s, e) for s, e in spans if s <= m.start() < e), (0, len(text)))
            bodies = all_bodies[:bisect_right(body_ends, m.start())]
            in_sentence = [k for k in bodies if k.start >= sent[0]]
            pick = in_sentence[0] if in_sentence else (
                bodies[-1] if bodies and bodies[-1].start >= sent[0] - 300 else None)
            if pick:
                out.append(MentionDraft(m.start(), m.end(), m.group(1), pick.actor_id,
                                        f'pronoun "{m.group(1)}" resolved to "{pick.text}"; low confidence'))
    return out
