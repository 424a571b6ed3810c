"""Named entities as proposed actors: what the tagger finds, cleaned, given a kind, and grouped into one actor
per entity (within an article, and across a story's articles).

A tagged name loses a leading "the", a possessive and the job titles before it ("Chief Executive Robert
Nardelli" is Robert Nardelli; "Executive Officer" names nobody). Its kind comes from the tagger, corrected by
what the words say: a country (pycountry) is a ``state``, any other place a ``place``; a name ending in an
organisation's word ("…Workers", "…Department") or a legal suffix (cleanco) is an ``organisation``. Names of
one entity are grouped: a stated or spelled-out acronym ("General Motors (GM)", "UAW" for United Auto
Workers), a legal suffix or a leading country dropped ("Ford Motor Co" / "Ford Motor Company", "US Treasury
Department" / "Treasury Department"), a shorter company name ("Fiat" / "Fiat Group"), every name of a country
("U.S.", "America") and of a US state ("Fla.", the ``us`` package), a surname after the full name ("Barra"
after "Mary Barra") and a first name of one person ("Ines" after "Ines Varo").
"""
from __future__ import annotations

import copy
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from helpers.core.anchoring import find_all, fold
from helpers.drafting import entity_model
from helpers.drafting.pos_lexicon import tag as pos_tag

# words that are roles or titles, never part of a name (lower case, dots dropped)
ROLE_WORDS = frozenset("""president vice prime deputy foreign defense defence minister chancellor secretary
senator sen rep representative governor gov general gen king queen prince princess pope leader mayor
ambassador envoy spokesman spokeswoman spokesperson director chairman chairwoman chair ceo cfo coo chief
executive officer commander speaker premier mr mrs ms miss dr judge justice attorney head founder manager
analyst economist professor prof lawyer lieutenant lt col colonel sgt sergeant capt captain adm admiral maj
major sir lord lady dame rev reverend treasurer administrator commissioner inspector superintendent trustee
principal boss coach candidate nominee former acting interim then new senior junior assistant associate
managing financial operating technology officials official spokesmen representatives cllr councillor
councilor alderman""".split())
# the last word of an organisation's name
ORG_END = re.compile(r"(?:Workers|Union|Unions|Department|Ministry|Party|Council|Committee|Commission|Agency|"
                     r"Association|Federation|Corporation|Company|Group|Bank|Institute|Foundation|Fund|Board|"
                     r"Authority|Office|Administration|Service|Services|Court|Parliament|Congress|Senate|"
                     r"Assembly|"
                     r"League|Alliance|Coalition|Organization|Organisation|Bureau|Motors|Airlines|Industries|"
                     r"University|College|Club|Society|Network|Times|News|Post|Journal|Press|Reserve|"
                     r"Treasury|"
                     r"Teamsters|Labs|Holdings|Partners|Capital|Systems|Technologies|Media|Foods|School|"
                     r"Academy|Elementary|Hospital|Trust|Athletic|Rovers|Wanderers|Tribunal|Police|Army|Navy|"
                     r"Pharmaceuticals|Airways|Railways|Energy|Telecom|Communications|Insurance|Securities|"
                     r"Research|Bancorp|Brands|Enterprises|Gazette|Herald|Tribune|Chronicle|Telegraph|Courier|"
                     r"Examiner|Inquirer|Bulletin|Dispatch|Sentinel|Government)$")
# the seats of governments that news name for the governments themselves ("the Kremlin said")
_SEATS = frozenset({"kremlin", "white house", "downing street", "elysee", "élysée", "elysee palace",
                    "pentagon", "whitehall", "quai d'orsay", "blue house", "zhongnanhai"})
_NOT_NAMES = frozenset("""the a an this that these those he she it they we i you his her its their our my your
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december today yesterday tomorrow""".split())
_GENERIC_SUFFIX = frozenset("group company corporation corp co inc ltd llc plc "
                            "holdings motors motor international automobiles airlines".split())
_SHORT_FORMS = {"RU": ["Russia"], "GB": ["Britain", "Great Britain", "UK", "U.K."],
                "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
                "KP": ["North Korea"], "KR": ["South Korea", "Republic of Korea"], "CZ": ["Czech Republic"],
                "VA": ["Vatican"]}
_LEGAL_NAME = re.compile(r"(?<![\w.])(?:[A-Z][\w&'’-]*\s+){1,4}(?:Inc|Corp|Co|Ltd|LLC|L\.L\.C|Plc|PLC|AG|SA|"
                         r"NV|GmbH|"
                         r"SpA|S\.p\.A)\b\.?")
_COUNTRY_NAME = {"US": "United States", "GB": "United Kingdom", "RU": "Russia", "KP": "North Korea",
                 "KR": "South Korea", "CZ": "Czech Republic", "VA": "Vatican"}
_CONNECTORS = {"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "von", "van", "der"}


@dataclass
class Entity:
    """One entity an article (or a story) names: its kind, its fullest name and every form it is written
    in."""
    kind: str
    name: str
    forms: list[str] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    acronym: str | None = None
    why: str = ""


# ---- gazetteers -----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Folded country name → its alpha-2 code: pycountry's names, common and official names, the name before a
    comma ("Iran, Islamic Republic of"), and the short forms news use for a few."""
    import pycountry
    out = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                out[_key(value)] = c.alpha_2
                out[_key(value.split(",")[0])] = c.alpha_2
        for short in _SHORT_FORMS.get(c.alpha_2, []):
            out[_key(short)] = c.alpha_2
    return out


@lru_cache(maxsize=1)
def subdivisions() -> frozenset[str]:
    """Folded names of countries' subdivisions (US states, Canadian provinces, regions): places, not
    states."""
    import pycountry
    return frozenset(_key(s.name) for s in pycountry.subdivisions)


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    """Folded names of the US states, written out or as news agencies abbreviate them ("Fla.", "N.C."), → the
    state's name (the ``us`` package)."""
    import us
    out = {}
    for state in us.states.STATES_AND_TERRITORIES:
        for written in (state.name, state.ap_abbr):
            if written:
                out[_key(written)] = state.name
    return out


def us_state(name: str) -> str | None:
    """The US state a place's name is, written out or abbreviated ("Florida" for "Fla."), or None."""
    return _us_states().get(_key(name))


@lru_cache(maxsize=1)
def _abbreviation_pattern() -> re.Pattern:
    """A state's abbreviation where news writes one: after a city and a comma, or a party letter ("Tampa,
    Fla.", "R-Ohio")."""
    import us
    abbrs = sorted({s.ap_abbr for s in us.states.STATES_AND_TERRITORIES if s.ap_abbr
                    and s.ap_abbr.endswith(".")},
                   key=len, reverse=True)
    return re.compile(r"(?:(?<=[a-z], )|(?<=\b[RDI]-))(?:" + "|".join(re.escape(a)
                                                                      for a in abbrs) + r")(?![\w])")


@lru_cache(maxsize=1)
def _subdivision_countries() -> dict[str, str | None]:
    """Folded subdivision name → its country's code (None when several countries have one of that name)."""
    import pycountry
    out: dict[str, str | None] = {}
    for sub in pycountry.subdivisions:
        key = _key(sub.name)
        out[key] = sub.country_code if out.get(key, sub.country_code) == sub.country_code else None
    return out


def country_code(ent: Entity) -> str | None:
    """The ISO 3166 code of the country a state is, or a place lies in when its name tells (a country's
    subdivision of that name, a US state); None for everything else."""
    if ent.kind == "state":
        return countries().get(_key(ent.name))
    if ent.kind == "place":
        return "US" if us_state(ent.name) else _subdivision_countries().get(_key(ent.name))
    return None


def country_name(name: str) -> str | None:
    """The name news use for the country ``name`` stands for ("United States" for "U.S.", "America"), or
    None."""
    code = countries().get(_key(name))
    return None if code is None else country_name_of(code)


def country_name_of(code: str) -> str:
    """The name news use for the country of an ISO 3166 alpha-2 code ("United States" for "US")."""
    import pycountry
    c = pycountry.countries.get(alpha_2=code)
    return _COUNTRY_NAME.get(code) or getattr(c, "common_name", None) or c.name.split(",")[0]


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern:
    import pycountry
    names = {getattr(c, a, None) for c in pycountry.countries for a in ("name", "common_name")}
    names |= {n for forms in _SHORT_FORMS.values() for n in forms if len(n) > 3}
    names = sorted((n for n in names if n and "," not in n and "(" not in n), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def _plain(text: str) -> str:
    """Text folded as names are compared: plain quotes, lower case, no dots, hyphens as spaces."""
    return fold(text).lower().replace(".", "").replace("-", " ")  # "Port-au-Prince" is "Port au Prince"


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    """A name folded for comparison: plain quotes, lower case, dots, possessives and a leading "the"
    dropped."""
    s = _plain(name)
    s = re.sub(r"['’]s$", "", s)
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=1)
def _legal_last_words() -> frozenset[str]:
    """The last word of every legal term cleanco strips, as it compares them."""
    from cleanco.clean import prepare_default_terms
    return frozenset(parts[-1] for _, parts in prepare_default_terms())


def _basename(name: str) -> str:
    """cleanco's basename, skipping its loop over every legal term when the name's last word ends none of them
    (most names): the same result, a tenth of the time."""
    from cleanco import basename
    from cleanco.clean import normalized, strip_punct, strip_tail
    parts = strip_tail(name).split()
    if parts and strip_punct(normalized(parts[-1])) in _legal_last_words():
        return basename(name)
    return strip_tail(" ".join(parts))


@lru_cache(maxsize=65536)
def base_key(name: str) -> str:
    """The folded name without a legal suffix ("ford motor" for "Ford Motor Co.")."""
    key = _key(name)
    stripped = _basename(key).strip().lower()
    return stripped or key


def short_key(name: str) -> str:
    """The folded name without a legal suffix or a generic last word ("fiat" for "Fiat Group")."""
    words = base_key(name).split()
    while len(words) > 1 and words[-1] in _GENERIC_SUFFIX:
        words = words[:-1]
    return " ".join(words)


# ---- one tagged name ------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def clean_name(name: str, tagged: str = "PER") -> str:
    """A tagged name without a leading "the", a possessive or punctuation around it, and a person's without
    the titles before it ("General Motors" keeps its first word, "General Tom Hale" does not)."""
    name = re.sub(r"['’]s?$", "", name.strip(" \t\n,;:-–—\"“”'‘’()"))
    words = name.split()
    while words and (words[0].lower() in ("the", "a", "an") or re.fullmatch(r"\w+-[a-z][\w-]*", words[0])):
        words = words[1:]  # "Miami-based": an adjective before the name
    roles = [i for i, w in enumerate(words) if w.lower().rstrip(".") in ROLE_WORDS]
    if tagged == "PER" and roles and roles[-1] < len(words) - 1 and not ORG_END.fullmatch(words[-1]):
        # "FDA Commissioner Ada Holm": the name after the last title ("Premier League" is a league's)
        words = words[roles[-1] + 1:]
    while len(words) > 1 and (words[-1].lower().rstrip(".,") in _NOT_NAMES
                              or not re.search(r"[A-Za-z0-9]", words[-1])):
        words = words[:-1]  # "President Bill Clinton Saturday"
    return " ".join(words)


@lru_cache(maxsize=65536)
def is_name(name: str) -> bool:
    """Whether a cleaned name can name an entity: a capital, not only titles, not a weekday or a pronoun."""
    words = name.split()
    if not words or not name[:1].isupper() or len(name) < 2 or not re.search(r"[A-Za-z]{2}", name):
        return False
    if len(words) == 1 and _demonym(name):
        return False  # "Kenyan", "Tanzanian": an adjective of a country, not a name
    if len(words) == 1 and base_key(name) == _key(name) and _key(name) in _legal_words():
        return False  # "Co.", "Inc": a legal suffix alone
    if all(w.lower().rstrip(".") in ROLE_WORDS | _CONNECTORS for w in words):
        return False  # "Executive Officer", "Chief Executive"
    return _key(name) not in _NOT_NAMES and not (name.isupper() and len(name) > 6 and " " in name)


@lru_cache(maxsize=65536)
def _demonym(word: str) -> bool:
    """Whether a word is a country's adjective ("Kenyan", "Egyptian", "Chinese"), by the country it ends
    from."""
    key = _key(word)
    for suffix, back in (("n", ""), ("an", "a"), ("ian", ""), ("ian", "ia"), ("ian", "y"), ("ese", "a"),
                         ("ese", ""), ("i", ""), ("ish", "")):
        if key.endswith(suffix) and len(key) > len(suffix) + 2 and key[:-len(suffix)] + back in countries():
            return True
    return False


@lru_cache(maxsize=65536)
def kind_of(name: str, tagged: str) -> str:
    """person, organisation, state or place for a name the tagger labelled PER, ORG or LOC."""
    if _key(name) in countries():
        return "state"
    if _key(name) in subdivisions() or us_state(name):
        return "place"  # "Ontario", "Bavaria", "Fla."
    if _key(name) in _SEATS:
        return "organisation"  # "the Kremlin said": the government that sits there
    last = name.split()[-1]
    if ORG_END.search(last) or base_key(name) != _key(name):
        return "organisation"
    return {"PER": "person", "ORG": "organisation", "LOC": "place"}[tagged]


_IN_PLACE = re.compile(r"\b(?:in|near|outside|around)\s+$")
# a common noun for an organisation just before a name: the name is that organisation's
# (never one a person is also called: "developer Carlos Beruff", "publisher Ron Unz")
_ORG_NOUN_BEFORE = re.compile(r"\b(?:company|firm|carmaker|automaker|bank|insurer|retailer|chain|airline|"
                              r"lender|conglomerate|start-?up|newspaper|broadcaster|charity|club|watchdog|regulator)\s+$")


_DATELINE = re.compile(r"^[ \t]*(?:[A-Z][A-Za-z.'’-]*[ \t]*){1,4}(?:,[^\n(]{0,40})?\([A-Za-z][\w &.-]{0,30}\)"
                       r"[ \t]*(?:[-–—_]{1,2}|:)", re.MULTILINE)


def _first_name_first(name: str) -> bool:
    """Whether a name of several words starts with a first name ("Carly Fiorina")."""
    words = name.split()
    return len(words) > 1 and words[0].lower() in entity_model.gazetteers()[0]


def _datelines(text: str) -> list[tuple[int, int]]:
    """Where a story was filed and the agency that filed it: "NAIROBI, Kenya (AP) --"."""
    return [m.span() for m in _DATELINE.finditer(text)]


def headlines(text: str) -> list[tuple[int, int]]:
    """Lines written in title case ("Putin Open to Peace Talks Amid Russia's Advances")."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        words = [w for w in m.group(0).split() if len(w) > 3 and w[:1].isalpha()]
        if len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words) and \
                not re.search(r"[.!?]\s+[A-Z]", m.group(0)):
            out.append(m.span())
    return out


_PARTICLE = re.compile(r"\s+(?:es|de|del|della|da|di|do|dos|du|la|le|van|von|der|den|bin|ibn|al|el|arap|"
                       r"y)\s+")


def _joined(text: str, spans) -> list[tuple[str, int, int]]:
    """Two names of one kind with a lower-case particle between them are one ("Rio de Janeiro", "Ludwig van
    Beethoven")."""
    out: list[tuple[str, int, int]] = []
    for tag, s, e in spans:
        if out and out[-1][0] == tag and _PARTICLE.fullmatch(text, out[-1][2], s):
            out[-1] = (tag, out[-1][1], e)
        else:
            out.append((tag, s, e))
    for i, (tag, s, e) in enumerate(out):
        before = _WORD_BEFORE.search(text, max(0, s - 30), s)
        if tag == "ORG" and before and (i == 0 or out[i - 1][2] < before.start(1)) and \
                before.group(1).lower() not in _NOT_NAMES | ROLE_WORDS | _CONNECTORS:
            s = before.start(1)  # "Kenyan Wildlife Trust": a demonym the tagger left out
            out[i] = (tag, s, e)
        rest = _PARTICLE_NAME.match(text, e)
        if rest and (i + 1 == len(out) or out[i + 1][1] >= rest.end()):
            out[i] = (tag, s, rest.end())  # "Rio" tagged, "de Janeiro" not
    return out


_WORD_BEFORE = re.compile(r"(?<![.!?\n\"“])(?<![.!?]\s)(?<=[a-z,;]\s)([A-Z][a-z]+)[ -]$")
_PARTICLE_NAME = re.compile(_PARTICLE.pattern + r"[A-Z][\w'’-]+")


_PERSON_TITLES = frozenset("mayor president senator sen rep representative gov governor minister "
                           "secretary chancellor premier judge ambassador mr mrs ms dr chairman "
                           "chairwoman ceo spokesman spokeswoman commissioner justice speaker chief".split())


def _titled_person(span: str) -> str | None:
    """The person in a span that opens with a person's title and then a first name ("Mayor Ilse Karvonen of
    Velmora" gives "Ilse Karvonen"), or None."""
    words = span.split()
    roles = [i for i, w in enumerate(words) if w.lower().rstrip(".") in ROLE_WORDS]
    if not roles or not any(words[i].lower().rstrip(".") in _PERSON_TITLES for i in roles):
        return None  # "U.S. Supreme Court Justice Antonin Scalia", "House Speaker Newt Gingrich" pass
    rest = words[roles[-1] + 1:] if roles[-1] + 1 < len(words) else []
    if "of" in rest:
        rest = rest[:rest.index("of")]
    first, _, _ = entity_model.gazetteers()
    return " ".join(rest) if len(rest) >= 2 and rest[0].lower() in first else None


def _sentence_pieces(text: str, spans) -> list[tuple[str, int, int]]:
    """Tagged spans cut where a sentence ends inside one ("Ansel Brook. Gale warnings")."""
    out = []
    for tag, s, e in _joined(text, spans):
        if tag == "PER" and (pair := re.fullmatch(r"([A-Z][a-z]+)-([A-Z][a-z]+)", text[s:e])):
            out += [(tag, s, s + pair.end(1)), (tag, s + pair.start(2), e)]  # "Lind-Varo": two people
            continue
        start = s
        for m in re.finditer(r"(?<=[a-z]{2})\.\s+", text[s:e]):
            out.append((tag, start, s + m.start()))
            start = s + m.end()
        out.append((tag, start, e))
    return out


def _common_noun_modifier(text: str, start: int, end: int) -> bool:
    """"Ferry captain Ingrid Dahl", "Ferry captains gathered": a common noun capitalised only because it opens
    the sentence, before a lower-case noun, is no person's name."""
    word = text[start:end]
    opening = _SENTENCE_OPENING.search(text, max(0, start - 40), start) is not None
    return (" " not in word and opening and re.match(r" [a-z]", text[end:end + 2]) is not None
            and pos_tag(word.lower()) in ("NN", "NNS", "JJ"))


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?]\s+|\n\s*|[A-Z]{2,}[A-Z .,]*\s+[-—–]+\s+)$")


def tagged_names(text: str, hints: dict[str, str] | None = None) -> tuple[tuple[str, int, int, str], ...]:
    """(kind, start, end, name) of each entity named in ``text``: the tagger's, cleaned, and the countries it
    missed; ``hints`` (folded name → kind) are kinds the context has shown (a person "writes")."""
    return _tagged_names(text, tuple(sorted((hints or {}).items())))


@lru_cache(maxsize=8)  # the drafter looks for mentions twice when statements name new speakers
def _tagged_names(text: str, hint_items: tuple) -> tuple[tuple[str, int, int, str], ...]:
    hints = dict(hint_items)
    out = []
    taken = []
    described: set[str] = set()  # names a common noun before them tells are organisations
    heads = headlines(text) + _datelines(text)
    pieces = list(_sentence_pieces(text, entity_model.predict(text)))
    for tag, s, e in pieces:
        if any(hs <= s < he for hs, he in heads):
            continue  # every word of a headline is capitalised: its names are found in the story below
        if s and text[s - 1] == "-" and " " in text[s:e]:
            s = text.index(" ", s, e) + 1  # "anti-Lind Harbour Alliance": the adjective's tail is no name
        country = _country_from(text, s, e)
        s = country if country != s else _and_before(text, s, e, pieces)
        raw = text[s:e]
        if tag == "ORG" and (person := _titled_person(raw)):
            s, e, tag = s + raw.index(person), s + raw.index(person) + len(person), "PER"
            raw = person  # "Mayor Ilse Karvonen of Velmora" tagged as one organisation
        name = clean_name(raw, tag)
        if not is_name(name) or (tag == "PER" and _common_noun_modifier(text, s, e)):
            continue
        start = s + raw.find(name) if name in raw else s
        if tag == "PER" and _IN_PLACE.search(text, max(0, start - 8), start):
            tag = "LOC"  # "fighting in Chasiv Yar": a town the tagger took for a person
        if _ORG_NOUN_BEFORE.search(text, max(0, start - 20), start) and not _first_name_first(name):
            described.add(_key(name))  # "tech company Orbix", "snack maker Brightwater Foods"
        out.append((hints.get(_key(name)) or kind_of(name, tag), start, start + len(name), name))
        taken.append((s, e))
    for m in _country_pattern().finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken + heads):
            out.append(("state", m.start(), m.end(), m.group(0)))
    for m in _abbreviation_pattern().finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken + heads):
            out.append(("place", m.start(), m.end(), m.group(0)))
    for m in _LEGAL_NAME.finditer(text):  # "Chrysler LLC": a legal suffix makes a company whatever was tagged
        name = clean_name(m.group(0), "ORG")
        if is_name(name) and base_key(name) != _key(name):
            out.append(("organisation", m.start(), m.end(), name))
    # "tech company Orbix" once: "Orbix said" is the company, not a person
    out = [("organisation" if k in ("person", "place") and _key(n) in described else k, s, e, n)
           for k, s, e, n in out]
    out.sort(key=lambda x: x[1])
    return tuple(out)


_AND_BEFORE = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:and|&)\s+$")


def _and_before(text: str, s: int, e: int, pieces) -> int:
    """Where an organisation's name starts once the words and "and" before the tagger's span are taken in
    ("Food and Drug Administration", where it found "Drug Administration"): only before a name an
    organisation's word ends, and never over another name the tagger found ("Ford and General Motors") or
    one of its own ("BuzzFeed News and Yahoo News")."""
    words = _AND_BEFORE.search(text, max(0, s - 40), s)
    if words is None or not ORG_END.search(text[s:e].split()[-1]):
        return s
    before = words.group(0).split()  # the words, then "and"
    if any(ps < s and words.start() < pe for _, ps, pe in pieces) or before[0].lower() in _NOT_NAMES or \
            len(before) > 2 and ORG_END.search(before[-2]):
        return s
    return words.start()


_WORDS_BEFORE = re.compile(r"(?:(?:[A-Z][\w'’]*|of)\s+){1,4}$")


def _country_from(text: str, s: int, e: int) -> int:
    """Where a tagged name starts once the words just before it that make a country's name are taken in
    ("People's Republic of China", where the tagger found "Republic of China" or "China")."""
    words = _WORDS_BEFORE.search(text, max(0, s - 40), s)
    if words is None:
        return s
    for m in re.finditer(r"(?<!\S)[A-Z]", text[words.start():s]):  # the longest name first
        if _key(text[words.start() + m.start():e]) in countries():
            return words.start() + m.start()
    return s


# ---- one actor per entity -------------------------------------------------------------------------

def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _CONNECTORS]
    # "U.N." gives both its letters ("UNHRC" for "U.N. Human Rights Council")
    return "".join(re.sub(r"[^A-Z]", "", w) if re.fullmatch(r"(?:[A-Z]\.)+", w) else w[0] for w in words
                   if w[0].isupper())


def _acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` ("UAW", "GM") is the acronym of ``long`` ("United Auto Workers", "General
    Motors")."""
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()):
        return False
    words = long.split()
    if len(words) > 2 and _key(words[0]) in countries():
        words = words[1:]  # "U.S. Federal Bureau of Investigation" is the FBI
    long = " ".join(words)
    return len(words) > 1 and letters in (_initials(long), _initials(clean_legal(long)))


@lru_cache(maxsize=65536)
@lru_cache(maxsize=1)
def _legal_words() -> frozenset[str]:
    """Legal suffixes of one word, folded ("co", "inc", "llc"), from cleanco's terms."""
    import cleanco.termdata
    terms = [t for group in cleanco.termdata.terms_by_type.values() for t in group]
    return frozenset(_key(t) for t in terms if " " not in t.strip())


@lru_cache(maxsize=65536)
def clean_legal(name: str) -> str:
    """The name without its legal suffix ("Ford Motor" for "Ford Motor Co."); the name itself when that is
    all."""
    return _basename(name) or name


_OF_FORM = re.compile(r"(department|ministry|bureau|office|agency|institute) of (?:the )?(.+)")


def _noun_last(key: str) -> str:
    """A body's folded name with its noun last: "justice department" for "department of justice"."""
    m = _OF_FORM.fullmatch(key)
    return f"{m[2]} {m[1]}" if m else key


def _same_organisation(a: Entity, b: Entity) -> bool:
    """Two organisation (or state) names of one entity: one the other with a legal or generic suffix, or with
    a country before it, or one the acronym of the other."""
    ka, kb = _noun_last(base_key(a.name)), _noun_last(base_key(b.name))
    if ka == kb:
        return True  # "Department of Justice" and "Justice Department"
    short, long = sorted((ka, kb), key=len)
    if long.startswith(short + " "):
        rest = long[len(short) + 1:].split()
        return all(w in _GENERIC_SUFFIX for w in rest) or len(short) >= 4 and short not in countries()
    if long.endswith(" " + short) and re.sub(r"['’]s$", "", long[:-len(short) - 1]) in countries():
        return True  # "US Treasury Department" and "Treasury Department", "Norway's Labour Ministry"
    return any(_acronym_of(x.name, y.name) for x, y in ((a, b), (b, a)))


def _same_person(a: Entity, b: Entity) -> bool:
    """A surname and the full name it ends ("Barra", "Mary Barra"), or two full names with the same first and
    last words ("Mary T. Barra")."""
    wa, wb = _key(a.name).split(), _key(b.name).split()
    if len(wa) == 1 or len(wb) == 1:
        short, long = (wa, wb) if len(wa) == 1 else (wb, wa)
        return len(long) > 1 and short[0] == long[-1]
    return wa[0] == wb[0] and wa[-1] == wb[-1]


def same_entity(a: Entity, b: Entity) -> bool:
    if a.kind == b.kind == "place" and us_state(a.name) and us_state(a.name) == us_state(b.name):
        return True  # "Fla." and "Florida"
    if a.kind == b.kind == "state" and countries().get(_key(a.name)) and \
            countries().get(_key(a.name)) == countries().get(_key(b.name)):
        return True  # "U.S.", "United States", "America"
    if a.kind == "person" or b.kind == "person":
        if a.kind == b.kind == "person":
            return _same_person(a, b)
        person, other = (a, b) if a.kind == "person" else (b, a)
        lone = len(person.name.split()) == 1
        if lone and other.kind == "organisation" and short_key(other.name).split()[0] == _key(person.name):
            return True  # "Chrysler" tagged a person beside "Chrysler LLC"
        # a surname the tagger took for an organisation once ("Akerson said"): the person's
        return len(other.name.split()) == 1 and not other.acronym and _same_person(person, other) and \
            len(person.name.split()) > 1
    if {a.kind, b.kind} <= {"organisation", "group", "state"} or a.kind == b.kind:
        return _same_organisation(a, b)
    return False


def _absorb(into: Entity, other: Entity) -> None:
    for form in other.forms:
        if form not in into.forms:
            into.forms.append(form)
    into.votes.update(other.votes)
    into.acronym = into.acronym or other.acronym
    if len(other.name.split()) > len(into.name.split()) and into.kind == "person" == other.kind:
        into.name = other.name  # the fullest name of a person
    elif other.kind != "person" and into.kind != "person" and not other.name.isupper() and (
            into.name.isupper() or len(base_key(other.name)) > len(base_key(into.name))):
        into.name = other.name if base_key(other.name) == _key(other.name) else into.name
    into.kind = _vote(into)


def _vote(entity: Entity) -> str:
    """An organisation when one of its names says so (a legal suffix, "…Workers"); else the kind most of its
    names were tagged with, a person named once as an organisation staying a person."""
    kinds = entity.votes.most_common()
    if any(base_key(f) != _key(f) or ORG_END.search(f.split()[-1]) for f in entity.forms) and \
            entity.votes.get("organisation"):
        return "organisation"
    if entity.votes.get("person") and any(len(f.split()) > 1 for f in entity.forms if not f.isupper()) and \
            entity.votes["person"] * 2 >= kinds[0][1]:
        return "person"
    return kinds[0][0]


def group(names: list[tuple[str, str]]) -> list[Entity]:
    """One Entity per entity from (kind, name) pairs in reading order: full names first, so a surname or an
    acronym met before its full name still joins it."""
    singles: dict[tuple[str, str], Entity] = {}
    for kind, name in names:
        key = (kind, _key(name))
        if key not in singles:
            singles[key] = Entity(kind, name, [name])
        singles[key].votes[kind] += 1
    ordered = sorted(singles.values(), key=lambda e: (-len(e.name.split()), e.name.isupper()))
    out: list[Entity] = []
    by_word: dict[str, set[int]] = {}  # a word of a kept entity's names → those entities (by id()), so only
    # entities sharing a word, a country or an acronym's letters are compared
    for ent in ordered:
        near = _near(ent, by_word)
        home = next((o for o in out if (near is None or id(o) in near) and same_entity(o, ent)), None) or \
            _the_one_body(ent, out)
        if home is None:
            out.append(ent)
            home = ent
        else:
            _absorb(home, ent)
        for word in _index_words(home):
            by_word.setdefault(word, set()).add(id(home))
    return _first_names(out)


def _the_one_body(ent: Entity, out: list[Entity]) -> Entity | None:
    """"Commission" alone is the one commission the text names in full ("the European Commission"), not one
    of two; "Senate" or "Congress" alone is the nation's, whatever state senate the text names."""
    if " " in ent.name.strip() or ORG_END.fullmatch(ent.name.strip()) is None or \
            _key(ent.name) in ("senate", "congress", "parliament", "assembly", "treasury", "reserve"):
        return None
    bodies = [o for o in out if o.kind == "organisation" and _key(o.name).endswith(" " + _key(ent.name))]
    return bodies[0] if len(bodies) == 1 else None


def _index_words(ent: Entity) -> set[str]:
    words = {w for f in ent.forms for w in base_key(f).split()} | {w for f in ent.forms
                                                                   for w in _key(f).split()}
    words -= _CONNECTORS  # "of" and "the" would make every "Bank of …" a neighbour of every other
    code = countries().get(_key(ent.name)) or us_state(ent.name)
    # a first name however spelled finds its person ("Elizabeth", "Elisabeth Brotons")
    if ent.kind == "person":
        words |= {_sound(_key(f).split()[0]) for f in ent.forms if _key(f).split()}
    return words | ({"#" + code} if code else set())


@lru_cache(maxsize=65536)
def _sound(word: str) -> str:
    import jellyfish
    return "~" + jellyfish.metaphone(word)


def _near(ent: Entity, by_word: dict[str, set[int]]) -> set[int] | None:
    """The kept entities that may be ``ent`` (None: any may, for an acronym)."""
    letters = ent.name.replace(".", "")
    if letters.isupper() and 2 <= len(letters) <= 6:
        return None
    near: set[int] = set()
    for word in _index_words(ent):
        near |= by_word.get(word, set())
    return near


def by_first_name(known: list[tuple[object, Entity]], ent: Entity):
    """Of (proposal, entity) pairs, the proposal of the one person ``ent`` names by first name alone ("Ines"
    for "Ines Varo"), or named alone by its own first name; None when no such person, or more than one."""
    if ent.kind != "person":
        return None
    words = _key(ent.name).split()
    persons = [(p, _key(e.name).split()) for p, e in known if e.kind == "person"]
    if len(words) == 1:
        firsts = [p for p, w in persons if len(w) > 1 and _same_first_name(w[0], words[0])]
        lasts = [p for p, w in persons if len(w) > 1 and w[-1] == words[0]]
        return firsts[0] if len(firsts) == 1 and not lasts else None
    alone = [p for p, w in persons if w == words[:1]]
    same_first = [p for p, w in persons if len(w) > 1 and w[0] == words[0]]
    return alone[0] if len(alone) == 1 and not same_first else None


@lru_cache(maxsize=65536)
def _same_first_name(a: str, b: str) -> bool:
    """One first name, however spelled: the same, or alike in sound and letters ("elizabeth", "elisabeth";
    "sergei", "sergey"), never two names that only sound alike ("juan", "joan")."""
    if a == b:
        return True
    import jellyfish
    return a[:1] == b[:1] and jellyfish.metaphone(a) == jellyfish.metaphone(b) and \
        jellyfish.jaro_winkler_similarity(a, b) >= 0.9


def _first_names(entities: list[Entity]) -> list[Entity]:
    """A lone name that is the first name of one person named in full, and no one's surname, is that person
    ("Ines" after "Ines Varo")."""
    full = [(e, e) for e in entities if e.kind == "person" and len(e.name.split()) > 1]
    out = []
    for ent in entities:
        home = by_first_name(full, ent) if len(_key(ent.name).split()) == 1 else None
        if home is not None:
            _absorb(home, ent)
        else:
            out.append(ent)
    return out


def stated_acronyms(text: str) -> list[tuple[str, str]]:
    """(name, acronym) for "General Motors (GM)" and "the United Auto Workers (UAW)"."""
    out = []
    for m in re.finditer(r"((?:[A-Z][\w&'’.-]*\s+(?:(?:of|and|for|the|&)\s+)*){1,6})\(([A-Z][A-Z.&]{1,7})\)",
                         text):
        words = m.group(1).split()
        acr = m.group(2).replace(".", "")
        for i in range(len(words)):
            cand = " ".join(words[i:])
            if _initials(cand) == acr or _initials(clean_legal(cand)) == acr:
                out.append((clean_name(cand), m.group(2)))
                break
    return out


# ---- proposals ------------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _slug(name: str) -> str:
    """An id from a name: accents dropped ("Åsa Lindqvist-Özil" → "asa_lindqvist_ozil"), other marks as
    "_"."""
    plain = unicodedata.normalize("NFKD", fold(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")


def entity_id(ent: Entity, taken: set[str]) -> str:
    """A person by surname, an organisation by its acronym, else by its name; the full name when that is
    taken."""
    if ent.kind == "person":
        first = _slug(ent.name.split()[-1])
    elif ent.kind == "state" and country_name(ent.name):
        first = _slug(country_name(ent.name))
    elif ent.acronym:
        first = _slug(ent.acronym)
    else:
        first = _slug(clean_legal(ent.name))
    first = first or _slug(ent.name) or {"person": "person", "state": "state", "place": "place"}.get(ent.kind,
                                                                                                     "actor")
    for ident in (first, _slug(ent.name)):
        if ident and ident not in taken:
            return ident
    n = 2
    while f"{first}_{n}" in taken:
        n += 1
    return f"{first}_{n}"


def article_entities(text: str, hints: dict[str, str] | None = None) -> list[Entity]:
    """The entities an article names, one per entity, with the acronyms it states joined to their names;
    ``hints`` as for ``tagged_names``."""
    found = tagged_names(text, hints)
    stated = stated_acronyms(text)
    names = [(kind, name) for kind, _, _, name in found]
    acronyms = {_key(a): n for n, a in stated}
    for i, (kind, name) in enumerate(names):
        if _key(name) in acronyms and kind == "person":
            names[i] = ("organisation", name)  # "GM" once tagged a person is the company it abbreviates
    entities = group(names)
    for name, acr in stated:
        home = next((e for e in entities if any(base_key(f) == base_key(name) for f in e.forms)), None)
        if home is None:
            continue
        other = next((e for e in entities if e is not home and any(_key(f) == _key(acr) for f in e.forms)),
                     None)
        if other is not None:
            _absorb(home, other)
            entities.remove(other)
        elif acr not in home.forms:
            home.forms.append(acr)
        home.acronym = acr
    for e in entities:
        if e.kind == "state" and (named := country_name(e.name)) and named != e.name:
            if e.name not in e.forms:
                e.forms.append(e.name)
            e.name = named  # "America" alone: the United States, written so
        full = us_state(e.name) if e.kind == "place" else None
        if full and full != e.name:
            e.name = full  # "Ind." alone: Indiana, written so
        if e.acronym is None:
            e.acronym = next((f for f in e.forms if f.isupper() and _acronym_of(f, e.name)), None)
    return entities


def known_keys(known: list[tuple[str, str]]) -> dict[str, str]:
    """Folded name (and name without its legal suffix) → actor id, for the registry's names and aliases."""
    out = {}
    for alias, ident in known:
        out.setdefault(_key(alias), ident)
        out.setdefault(base_key(alias), ident)
    return out


def registered(ent: Entity, keys: dict[str, str]) -> str | None:
    """The registry actor an entity is (by any of its names, or the name news use for it: "United States" for
    "USA" and "America"), or None."""
    for form in [*ent.forms, ent.name]:
        ident = keys.get(_key(form)) or keys.get(base_key(form))
        if ident is not None and (ent.kind != "person" or len(form.split()) > 1 or len(ent.forms) == 1):
            return ident
    return None


def shares_form(a: Entity, b: Entity) -> bool:
    """Whether two entities are written alike once (a lone surname only between people, and not between two
    people whose full names differ: "Henrik Salvesen" and "Maria Salvesen")."""
    if a.kind == b.kind == "person" and len(a.name.split()) > 1 and len(b.name.split()) > 1 and \
            not _same_person(a, b):
        return False
    ka = {_key(f) for f in a.forms if len(f.split()) > 1 or a.kind != "person" or b.kind == "person"}
    return bool(ka & {_key(f) for f in b.forms})


@lru_cache(maxsize=4096)
def gender(name: str) -> str | None:
    """"m" or "f" when a person's first name (gender-guesser) or title tells, else None."""
    words = name.replace(".", "").split()
    if not words:
        return None
    title = {"mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "mrs": "f", "ms": "f",
             "miss": "f",
             "lady": "f", "dame": "f", "queen": "f", "princess": "f"}.get(words[0].lower())
    if title or len(words) < 2:
        return title
    guess = _detector().get_gender(words[0])
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(guess)


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector
    return gender_guesser.detector.Detector()


_COMPASS = {"East", "West", "North", "South", "Central", "Northern", "Southern", "Eastern", "Western"}


def spellings(name: str) -> list[str]:
    """The ways a text may write a name: as given, hyphenated ("Dar-es-Salaam" for "Dar es Salaam"), and with
    a compass word in lower case ("east Africa" for "East Africa")."""
    out = [name]
    if " " in name:
        out.append(name.replace(" ", "-"))
        first, rest = name.split(" ", 1)
        if first in _COMPASS:
            out.append(first.lower() + " " + rest)
    return out


# ---- a story's actors, indexed ----------------------------------------------------------------------

class StoryIndex:
    """The actors a story's drafts propose (objects with id, name, kind, aliases), indexed by the words of
    their names, so an entity found in one more article is compared only with those it may be: a folder of
    100,000 articles is read in time that grows with its size. Iterating gives the proposals in the order
    first seen."""

    def __init__(self, proposals=()):
        self._items: dict[str, tuple[object, Entity]] = {}
        self._order: dict[str, int] = {}  # id → when it was first added
        self._by_word: dict[str, list[str]] = {}
        for p in proposals:
            self.add(p)

    def __iter__(self):
        return (p for p, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, ident: str) -> bool:
        return ident in self._items

    def add(self, proposal) -> None:
        """Add a proposal; one whose id is known already adds its names to that actor's."""
        known = self._items.get(proposal.id)
        if known is None:
            proposal = copy.copy(proposal)  # its aliases grow here, not in the caller's
            proposal.aliases = list(proposal.aliases)
            ent = Entity(proposal.kind, proposal.name,
                         list(dict.fromkeys([proposal.name, *proposal.aliases])))
            self._items[proposal.id] = (proposal, ent)
            self._order[proposal.id] = len(self._order)
        else:
            held, ent = known
            new = [a for a in (proposal.name, *proposal.aliases) if a != held.name and a not in held.aliases]
            held.aliases.extend(new)
            ent.forms.extend(f for f in new if f not in ent.forms)
        for word in _index_words(ent) | _initial_keys(ent):
            ids = self._by_word.setdefault(word, [])
            if not ids or ids[-1] != proposal.id:
                ids.append(proposal.id)

    def find(self, ent: Entity):
        """The proposal ``ent`` is (written alike, the same entity, or one person by first name), or None."""
        near = set()
        for word in _index_words(ent) | _acronym_keys(ent):
            near.update(self._by_word.get(word, ()))
        candidates = [self._items[i] for i in sorted(near, key=self._order.__getitem__)]  # first seen first
        for p, known in candidates:
            if shares_form(known, ent) or same_entity(known, ent):
                return p
        return by_first_name(candidates, ent)


    def named_in(self, text: str) -> list:
        """The proposals a text names by one of their full names or acronyms (a lone surname is not enough:
        another story may have another person of that name)."""
        near: set[str] = set()
        words = set(re.findall(r"[\w'’&]+", _plain(text)))  # not _key: a whole text is no cache entry
        for word in {w for w in re.findall(r"[\w'’&]+", _plain(" ".join(_CAPITALISED.findall(text))))}:
            near.update(self._by_word.get(word, ()))
        if not near:
            return []
        out = []
        for ident in sorted(near, key=self._order.__getitem__):
            p, ent = self._items[ident]
            forms = [f for f in ent.forms if len(f.split()) > 1
                     or (f.replace(".", "").isupper() and len(f) > 1)
                     or ent.kind != "person"]
            if any(set(_key(f).split()) <= words and any(find_all(text, g) for g in spellings(f))
                   for f in forms):
                out.append(p)
        return out


_CAPITALISED = re.compile(r"\b[A-Z][\w.'’&-]*")


def _initial_keys(ent: Entity) -> set[str]:
    """"^GM" for General Motors: how an acronym finds the name it abbreviates."""
    words = ent.name.split()
    if ent.kind == "person" or len(words) < 2:
        return set()
    if _key(words[0]) in countries() and len(words) > 2:
        words = words[1:]
    long = " ".join(words)
    return {"^" + _initials(long), "^" + _initials(clean_legal(long))}


def _acronym_keys(ent: Entity) -> set[str]:
    return {"^" + f.replace(".", "") for f in ent.forms if f.replace(".", "").isupper() and " " not in f}


key = _key  # the folded form of a name, for the modules that compare names with these
slug = _slug  # an id from a name
