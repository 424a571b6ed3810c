"""Reporting verbs ("said", "told", "warned", "pointed out"): every form of each, its lemma, and the pattern
that finds them. The drafter reads statements after them; the review finds the cue of a statement the analyst
adds.
"""
from __future__ import annotations

import re
from functools import lru_cache

_IRREGULAR = {"say": "says|said|saying", "tell": "tells|told|telling",
              "write": "writes|wrote|written|writing",
              "think": "thinks|thought|thinking", "know": "knows|knew|known|knowing",
              "find": "finds|found|finding", "show": "shows|showed|shown|showing",
              "hold": "holds|held|holding",
              "speak": "speaks|spoke|spoken|speaking", "foresee": "foresees|foresaw|foreseen"}
VERBS = (
    "say tell write think know find show hold add note claim argue warn announce acknowledge insist "
    "confirm explain suggest believe report urge declare emphasize emphasise express stress highlight "
    "reiterate tweet ask deny contest predict promise pledge vow concede admit assert allege complain "
    "accuse criticize criticise demand recall reply respond mention indicate describe estimate agree "
    "propose threaten question caution contend maintain observe recommend repeat reveal signal testify "
    "underline voice hope fear expect want plan cite blast slam praise condemn welcome reject dismiss "
    "announce state proclaim remark comment disclose counter boast concur echo instruct order advise "
    "assure inform notify convey predict forecast guarantee stipulate specify affirm acknowledge call "
    "attack back support oppose refuse endorse blame wonder worry recognize recognise acknowledge "
    "insist tout defend continue conclude answer joke quip shout yell chant sing post read"
).split()
MULTI = [r"point(?:s|ed|ing)? out", r"call(?:s|ed|ing)? for", r"call(?:s|ed|ing)? on",
         r"urg(?:e|es|ed|ing) for",
         r"made clear", r"went on to say", r"describ(?:e|es|ed|ing) (?:\w+ )?as",
         r"issued an? (?:deadline|ultimatum|warning|statement)", r"set an? (?:deadline|ultimatum)"]
NEEDS_CLAUSE = {"think", "know", "find", "show", "hope", "fear", "expect", "want", "hold", "plan", "believe",
                "agree", "welcome", "reject", "dismiss", "question", "order", "voice", "signal", "counter",
                "praise", "back", "support", "oppose", "endorse", "wonder", "worry", "recognize",
                "recognise", "tout", "defend", "continue", "conclude", "answer", "post", "read", "sing",
                "condemn",
                "blast", "slam", "criticize", "criticise", "accuse", "recall",
                "reply", "respond", "describe", "estimate", "echo", "guarantee", "concur", "instruct",
                "advise",
                "inform", "notify", "assure", "forecast", "predict", "specify", "comment", "remark"}


def _forms(verb: str) -> str:
    if verb in _IRREGULAR:
        return verb + "|" + _IRREGULAR[verb]
    stem = verb[:-1] if verb.endswith("e") else verb
    ed = verb + "d" if verb.endswith("e") else (verb[:-1] + "ied" if verb.endswith("y")
                                                and verb[-2] not in "aeiou"
                                                else verb + "ed")
    s = verb[:-1] + "ies" if verb.endswith("y") and verb[-2] not in "aeiou" else (
        verb + "es" if verb.endswith(("s", "sh", "ch", "x")) else verb + "s")
    if verb in ("admit", "concur", "refer"):
        ed, ing = verb + verb[-1] + "ed", verb + verb[-1] + "ing"
    else:
        ing = stem + "ing"
    return "|".join(dict.fromkeys([verb, s, ed, ing]))


CUE_LEMMAS: dict[str, str] = {}  # every form of a reporting verb -> its lemma ("told" -> "tell")
for _v in VERBS:
    for _f in _forms(_v).split("|"):
        CUE_LEMMAS.setdefault(_f, _v)
VERB_PATTERN = "|".join(sorted(CUE_LEMMAS, key=len, reverse=True))
CUE = re.compile(rf"\b(?:{'|'.join(MULTI)}|according to|{VERB_PATTERN})\b")

# Every form CUE finds starts with a lower-case word standing whole: the verb itself, or the first word of a
# phrase ("pointed" of "pointed out"). Trying CUE only where such a word starts is several times faster than
# letting the engine try its long alternation at every character, and finds the same matches.
_WORD_START = re.compile(r"\b[a-z]\w*")
_PHRASE_FIRST = re.compile("|".join([p.split(" ")[0] for p in MULTI] + ["according"]))


@lru_cache(maxsize=20_000)
def _may_start(word: str) -> bool:
    return word in CUE_LEMMAS or _PHRASE_FIRST.fullmatch(word) is not None


def cue_matches(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """What ``CUE.finditer(text, start, end)`` finds, in order.

    >>> [m.group(0) for m in cue_matches("She said he pointed out the flaw, according to aides.")]
    ['said', 'pointed out', 'according to']
    """
    end = len(text) if end is None else end
    found: list[re.Match] = []
    after = start
    for w in _WORD_START.finditer(text, start, end):
        if w.start() >= after and _may_start(w.group(0)):
            m = CUE.match(text, w.start(), end)
            if m is not None:
                found.append(m)
                after = m.end()
    return found
