"""The shape of the analyst's files (the validator turns breaches into plain messages).

Field-by-field documentation lives in data/README.md; keep the two in step.
"""
from __future__ import annotations

import difflib
import re
import typing
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    create_model,
    field_validator,
)

from helpers.core.problems import Problem
from helpers.corpus import model
from helpers.corpus.model import ACTOR_KINDS
from helpers.corpus.yamlfile import YamlDoc


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _words_to_span(value):
    return {"text": value} if isinstance(value, str) else value


def _scalar_to_window(value):
    return {"from": value} if isinstance(value, (str, int)) and not isinstance(value, bool) else value


class Span(_Strict):
    """Words quoted from the article; ``occurrence`` (1-based) picks among repeats.

    ``check`` is a review note left by the drafter: the entry is unreviewed while it is there.
    """

    text: str = Field(min_length=1)
    occurrence: StrictInt | None = Field(default=None, ge=1)  # strict: 'yes' is not 1
    check: str | None = None


Words = Annotated[Span, BeforeValidator(_words_to_span)]


class WindowSpec(_Strict):
    """A day or window; see helpers.core.dates for the forms."""

    from_: str | None = Field(default=None, alias="from")
    days: StrictInt | list[StrictInt] | str | None = None
    earliest: str | None = None
    latest: str | None = None
    reading: str | None = None


Window = Annotated[WindowSpec | None, BeforeValidator(_scalar_to_window)]


class Layout(_Strict):
    furniture: list[Words] = []
    section: Words | None = None
    title: Words | None = None
    caption: Words | None = None
    dateline: Words | None = None


class Metadata(_Strict):
    outlet: str | None = None
    published: str | None = None
    published_basis: str | None = None
    # the short label grouping articles of one story (checked in corpus/annotation.py)
    story: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    source: str | None = None  # the saved page the text was extracted from, relative to the corpus folder


class Known(_Strict):
    """Outside knowledge that narrows a date: kept apart from what the text says."""

    issued: str | None = None
    due: str | None = None
    source: str


# the type of each kind of value (model.VALUES) as the file writes it
_VALUE_TYPES = {"id": str, "text": str, "actor": str, "actors": str | list[str], "ref": str,
                "names": list[str],
                "day": str, "window": Window, "known": Known, "span": Words, "spans": list[Words]}


def _field_type(spec: model.FieldSpec):
    """(type, default) of one field for pydantic: required or not, null allowed or not, a vocabulary's
    words."""
    tp = Literal[model.VOCABULARIES[spec.vocabulary]] if spec.value == "choice" else _VALUE_TYPES[spec.value]
    if spec.value in ("names", "spans"):
        return tp, []
    if spec.nullable and spec.value != "window":  # a window takes null already
        tp = tp | None
    return tp, (... if spec.required else None)


def entry_schema(kind: model.EntryKind) -> type[BaseModel]:
    """The pydantic model of one kind of entry, built from its fields in the annotation model."""
    name = "".join(word.capitalize() for word in kind.name.split())
    return create_model(name, __base__=_Strict, **{f.name: _field_type(f) for f in kind.fields})


MentionGroup = entry_schema(model.MENTION_GROUP)
Statement = entry_schema(model.STATEMENT)
Deadline = entry_schema(model.DEADLINE)


class Actor(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str
    kind: Literal[ACTOR_KINDS]
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    role: str | None = None
    aliases: list[str] = []

    @field_validator("name", "aliases")
    @classmethod
    def _composed(cls, value):
        """Names as one character per accented letter (NFC), as article text almost always has them: an editor
        that wrote 'é' as 'e' and an accent still names the same actor."""
        if isinstance(value, list):
            return [unicodedata.normalize("NFC", v) for v in value]
        return unicodedata.normalize("NFC", value)


def name_problem(name) -> str | None:
    """Why an actor's name or alias could never stand for it in a text (None when it can): a name of blanks or
    marks only ("", " ", ".") or of one character ("a") would be found in every sentence."""
    if not isinstance(name, str):
        return None  # the schema reports a value that is not text
    if not any(c.isalnum() for c in name):
        return "holds no letter or digit"
    if len(name.strip()) == 1:
        return "is a single character"
    return None


def name_problems(entries, where: tuple, line) -> list[tuple[int, str, str]]:
    """(line, what, fix) for each name and alias of ``entries`` (raw actor mappings at ``where`` + (i,)) that
    ``name_problem`` refuses; ``line`` gives the line of a place in the file."""
    out = []
    for i, raw in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(raw, dict):
            continue
        ident = raw.get("id")
        names = [("name", ("name",), raw.get("name"))]
        aliases = raw.get("aliases")
        names += [("alias", ("aliases", j), a) for j,
                  a in enumerate(aliases if isinstance(aliases, list) else [])]
        for kind, loc, value in names:
            why = name_problem(value)
            if why:
                out.append((line(where + (i,) + loc),
                            f"actor '{ident}': the {kind} {value!r} {why}, so it would "
                            "match all through the text", _NAME_FIXES[kind]))
    return out


_NAME_FIXES = {
    "name": "write the actor's name in full, as a text gives it (e.g. name: Vladimir Putin)",
    "alias": "write each alias as a text names the actor (two characters or more, with a letter or digit, "
             "e.g. aliases: [Putin]), or remove it",
}


class NewActor(Actor):
    """An actor the drafter proposes; add it to actors.yaml when it is right."""

    check: str | None = None


class Topic(_Strict):
    id: str
    label: str
    keywords: list[str] = []  # words that suggest the topic to the drafter
    # the story labels it belongs to; None: every story (checked in registry.py)
    stories: list[str] | None = None


class Annotation(_Strict):
    article: str
    layout: Layout = Layout()
    metadata: Metadata = Metadata()
    new_actors: list[NewActor] = []
    mentions: list[MentionGroup] = []
    statements: list[Statement] = []
    deadlines: list[Deadline] = []


def check(model: type[BaseModel], doc: YamlDoc):
    """Validate ``doc.data`` against ``model``; return (instance or None, problems)."""
    if doc.data is None:  # an empty file, or one of comments only
        return None, [Problem(doc.path, 1,
                              "the file holds no annotation (it is empty, or holds only comments)",
                              "write article: articles/NAME.txt and the annotation's "
                              "keys (see data/README.md), or delete the file")]
    data = doc.data
    if not isinstance(data, dict):
        return None, [Problem(doc.path, 1, f"the file holds a {type(data).__name__}, not keys",
                              "start the file with keys such as article:, layout:, statements: (see "
                              "data/README.md)")]
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        return None, _problems(model, doc, err)


def check_list(model: type[BaseModel], doc: YamlDoc):
    """Validate each entry of a list file on its own, so one bad entry hides nothing else.

    Returns (valid entries, problems, every id written in the file, even in entries with problems).
    """
    data = [] if doc.data is None else doc.data
    if not isinstance(data, list):
        return [], [Problem(doc.path, 1, f"the file holds {type(data).__name__}, not a list",
                            "write one entry per actor or topic, each starting with '- id:'")], set()
    items, problems = [], []
    for i, raw in enumerate(data):
        try:
            items.append(model.model_validate(raw))
        except ValidationError as err:
            problems += _problems(model, doc, err, prefix=(i,))
    ids = {str(raw["id"]) for raw in data if isinstance(raw, dict) and raw.get("id") is not None}
    return items, problems, ids


def _problems(model, doc: YamlDoc, err: ValidationError, prefix: tuple = ()) -> list[Problem]:
    out, seen = [], set()
    errors = [(prefix + (_data_loc(tuple(e["loc"]), doc.data, prefix) or tuple(e["loc"])), e)
              for e in err.errors()]
    # the deepest first: of a union's branches, the one that reached into the value says most ([10, yes])
    for loc, e in sorted(errors, key=lambda pair: -len(pair[0])):
        if any(loc[: len(s)] == s or s[: len(loc)] == loc for s in seen):
            continue  # one message per place: a bad value hides nothing useful above or below it
        seen.add(loc)
        where = _where(loc)
        line = doc.line(loc)
        if e["type"] == "extra_forbidden":
            allowed = _fields_at(model, tuple(e["loc"])[:-1])
            near = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            fix = f"did you mean '{near[0]}'?" if near else ""
            fix += (" " if fix else "") + f"allowed here: {', '.join(allowed)}"
            out.append(Problem(doc.path, line, f"unknown key '{loc[-1]}' in {_where(loc[:-1]) or 'the file'}",
                               fix))
        elif e["type"] == "missing":
            out.append(Problem(doc.path, line,
                               f"missing field '{loc[-1]}' in {_where(loc[:-1]) or 'the file'}",
                               f"add '{loc[-1]}:' (see data/README.md)"))
        else:
            out.append(_wrong_value(doc, e, loc, where, line))
    return sorted(out, key=lambda p: p.line)


_PLAIN = {
    "model_type": "expected the article's words, or keys such as text: and occurrence:",
    "model_attributes_type": "expected keys (key: value lines)",
    "dict_type": "expected keys (key: value lines)",
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "list_type": "expected a list, e.g. [a, b]",
    "greater_than_equal": "expected a number of 1 or more",
    "string_too_short": "expected some text, found an empty value",
    "string_pattern_mismatch": "does not have the expected form (ids: lower case letters, digits, _ or -; "
                               "country: two capital letters, ISO 3166)",
}


def _wrong_value(doc: YamlDoc, e: dict, loc: tuple, where: str, line: int) -> Problem:
    given = e.get("input")
    shown = repr(given) if not isinstance(given, (dict, list)) else type(given).__name__
    what = _PLAIN.get(e["type"], e["msg"].lower())
    key = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    if key in _DATE_KEYS or key == "days":
        return Problem(doc.path, line, f"{where}: {_DATE_KEYS.get(key, _DAYS)} (found {shown})",
                       "see 'Dates' in data/README.md" + (", e.g. days: [10, 12]" if key == "days" else
                                                          "; a date is written 2025-08-08"))
    if e["type"] in ("model_type", "string_type") and isinstance(given,
                                                                 (bool, int, float)) and loc[-1] == key:
        # YAML reads 50 as a number and no, yes, off, on as false or true: the analyst meant the words
        written = "no" if given is False else "yes" if given is True else str(given)
        kind = "false (YAML's no)" if given is False else "true (YAML's yes)" if given is True else "a number"
        return Problem(doc.path, line, f"{where}: YAML reads {key}: {written} as {kind}, not as words",
                       f'quote it: {key}: "{written}"')
    if isinstance(given, bool) and e["type"].startswith("int"):
        return Problem(doc.path, line, f"{where}: expected a whole number (found {given}, YAML's yes or no)",
                       f"write a number, e.g. {key}: 2")
    return Problem(doc.path, line, f"{where}: {what} (found {shown})", _fix(e, loc, given))


_WINDOW = "expected a date (YYYY-MM-DD) or a window (from: with days:, or earliest: and latest:)"
_DATE_KEYS = {"issued": _WINDOW, "due": _WINDOW, "from": "expected a date (YYYY-MM-DD) or 'issued'",
              "earliest": "expected a date (YYYY-MM-DD)", "latest": "expected a date (YYYY-MM-DD)",
              "said_on": "expected a date (YYYY-MM-DD)", "published": "expected a date (YYYY-MM-DD)"}
_DAYS = "expected a whole number of days, a range such as [10, 12] or a phrase such as 'a few days'"


def _data_loc(loc: tuple, data, prefix: tuple) -> tuple:
    """``loc`` without the names pydantic gives the branches of a union ('int', 'list[int]', 'WindowSpec',
    'function-before[...]'): only keys and positions of the file, so messages name what the analyst wrote."""
    node, out = data, []
    for part in prefix:
        node = node[part] if isinstance(node, list) and isinstance(part, int) and part < len(node) else None
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif i == len(loc) - 1 and isinstance(node, dict) and isinstance(part,
                                                                         str) and not _BRANCH.match(part):
            pass  # a missing or unknown key of a mapping the file has: named, though it has no value there
        else:
            continue
        out.append(part)
    return tuple(out)


_BRANCH = re.compile(r"^(int|str|float|bool|none|[A-Z]\w*|\w+\[.*\]|function-\w+.*)$")


def _fix(error: dict, loc: tuple, given) -> str:
    """How to mend a value of the wrong type or form, as concretely as the error allows."""
    key, kind = str(loc[-1]), error["type"]
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"write a whole number, e.g. {key}: 2"
    if kind == "string_too_short":
        return "write the words (quoted from the article where a span is meant), or remove the line"
    if kind == "literal_error" and error.get("ctx", {}).get("expected"):
        return f"write one of {error['ctx']['expected']}"
    if kind == "string_pattern_mismatch" and key == "id" and isinstance(given, str):
        suggestion = re.sub(r"[^a-z0-9_-]+", "_", given.lower()).strip("_")
        return f"write ids in lower case, e.g. '{suggestion}' (and use that id in the annotations)"
    if "stories" in loc:
        return _stories_fix(loc, given)
    if kind == "string_pattern_mismatch" and key == "country":
        return "write the two-letter ISO 3166 code, e.g. RU or US (null when it has none)"
    return "see data/README.md for what this field takes"


def _stories_fix(loc: tuple, given) -> str:
    if loc[-1] == "stories":
        return ("write the story labels as a list, e.g. stories: "
                "[harbour fees], or remove the line (every story)")
    if isinstance(given, (bool, int, float)):  # YAML read the label as a number, or as yes/no
        written = "no" if given is False else "yes" if given is True else str(given)
        return f'quote the label: stories: ["{written}"]'
    return "write each story label as text on one line, e.g. stories: [harbour fees]"


def _where(loc: tuple) -> str:
    if loc and isinstance(loc[0], int):
        rest = _where(loc[1:])
        return f"entry {loc[0] + 1}" + (f" ({rest})" if rest else "")
    parts = []
    for p in loc:
        parts.append(f"[{p + 1}]" if isinstance(p, int) else ("." if parts else "") + str(p))
    return "".join(parts).replace(".[", "[")


def _fields_at(model, loc: tuple) -> list[str]:
    t = model
    for part in loc:
        if isinstance(part, str) and isinstance(t, type) and issubclass(t,
                                                                        BaseModel) and part in t.model_fields:
            t = _model_in(t.model_fields[part].annotation)
        elif isinstance(part, str) and isinstance(t, type) and issubclass(t, BaseModel):
            # an alias (e.g. 'from') or the validated-union branch name: look the alias up
            t = next((_model_in(f.annotation) for f in t.model_fields.values() if f.alias == part), t)
    if isinstance(t, type) and issubclass(t, BaseModel):
        return [f.alias or name for name, f in t.model_fields.items()]
    return []


def _model_in(tp):
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
