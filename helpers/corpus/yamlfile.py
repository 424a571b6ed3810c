"""Read YAML safely, keeping the line of every value and refusing duplicate keys.

Dates stay strings (the timestamp resolver is removed) so that an impossible
date such as 2025-02-30 becomes a clear message from our validator instead of
an exception inside the YAML library.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helpers.core.limits import MAX_ALIASES, MAX_ANNOTATION_BYTES, MAX_DEPTH, MAX_EXPANDED, unreadable
from helpers.core.problems import Problem


# libyaml's parser when installed (about 15× faster on large corpora), else PyYAML's own
class _NoDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


_NoDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_TAGS: dict[tuple, str] = {}
_resolve = _NoDatesLoader.resolve


def _cached_resolve(self, kind, value, implicit):
    # Annotation files repeat the same keys and words thousands of times; resolving
    # each scalar's tag once (instead of running every regex per scalar) halves parsing.
    if kind is not yaml.ScalarNode:
        return _resolve(self, kind, value, implicit)
    key = (value, implicit)
    tag = _TAGS.get(key)
    if tag is None:
        if len(_TAGS) > 200_000:
            _TAGS.clear()
        tag = _TAGS[key] = _resolve(self, kind, value, implicit)
    return tag


_NoDatesLoader.resolve = _cached_resolve


@dataclass
class YamlDoc:
    """Plain data from a YAML file plus the 1-based line of each value, by path."""

    path: str
    data: object = None
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, loc: tuple) -> int:
        """Line of the value at ``loc`` or of its nearest parent that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def read_yaml(path: Path | str, shown_as: str | None = None, what: str = "annotation file") -> YamlDoc:
    """Parse ``path`` (``what`` names it in messages); a file that cannot be read, syntax errors, duplicate
    keys and nesting or aliases beyond the limits become problems, never exceptions."""
    shown = shown_as or str(path)
    doc = YamlDoc(shown)
    wrong = unreadable(path, MAX_ANNOTATION_BYTES, what)
    if wrong:  # a FIFO would block forever, a folder or a dangling link would raise
        doc.problems.append(Problem(shown, 0, *wrong))
        return doc
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        doc.problems.append(Problem(shown, 1,
                                    f"the file is not UTF-8 text ({err.reason} at byte {err.start})",
                                    "save it as UTF-8 in your editor"))
        return doc
    except OSError as err:  # removed or made unreadable since the check
        doc.problems.append(Problem(shown, 0, f"the {what} cannot be read ({err.strerror})",
                                    "check the file and its permissions"))
        return doc
    _parse(text, doc)
    if _ODD_BREAK.search(text):
        _editor_lines(text, doc)
    return doc


def _parse(text: str, doc: YamlDoc) -> None:
    fast = _from_events(text, doc)
    if fast is _REFUSED:
        return
    if fast is not _SLOW:
        doc.data = fast
        return
    doc.lines, doc.problems = {}, []
    try:
        node = yaml.compose(text, Loader=_NoDatesLoader)
    except yaml.MarkedYAMLError as err:
        # An unclosed bracket or quote is noticed lines later; point at where it began.
        mark = err.context_mark or err.problem_mark
        line = mark.line + 1 if mark else 1
        what = f"YAML syntax: {_plain_words(str(err.problem or err))}"
        if err.context:
            what += f" ({err.context.replace('while ', '')} that starts here"
            if err.problem_mark is not None and err.problem_mark.line + 1 != line:
                what += f", noticed on line {err.problem_mark.line + 1}"
            what += ")"
        doc.problems.append(_syntax_problem(doc.path, text, err, line, what))
        return
    except yaml.YAMLError as err:
        doc.problems.append(Problem(doc.path, 1, f"YAML syntax: {err}", "check the file's structure"))
        return
    if node is None:
        doc.data = None
        return
    try:
        doc.data = _plain(node, (), doc, _Budget())
    except _TooMuch as err:
        doc.data, doc.lines = None, {}
        doc.problems.append(Problem(doc.path, err.line, err.what, err.fix))


def _syntax_problem(path: str, text: str, err: yaml.MarkedYAMLError, line: int, what: str) -> Problem:
    lines = text.splitlines()
    spot = err.problem_mark.line if err.problem_mark is not None else line - 1
    tabbed = "\\t" in str(err.problem) or (0 <= spot < len(lines) and "\t" in lines[spot])
    if tabbed and "cannot start any token" in what:
        what = "YAML syntax: a tab character (YAML indents with spaces only)"
    fix = ("indent with spaces, not tabs" if tabbed
           else "check the indentation, quotes and brackets on this line and the next")
    return Problem(path, line, what, fix)


# YAML also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; editors do not, so the lines the
# parser counts are put back into the editor's numbering.
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_ODD_NAMES = {"\x85": "a next-line character (U+0085)", "\u2028": "a line separator (U+2028)",
              "\u2029": "a paragraph separator (U+2029)"}


def _editor_lines(text: str, doc: YamlDoc) -> None:
    """Renumber ``doc``'s lines as an editor shows them, and name the invisible break on a line with a
    problem."""
    editor, table = 1, [1]  # table[yaml line - 1] = the editor's line
    for m in _BREAK.finditer(text):
        editor += m.group() not in _ODD_NAMES
        table.append(editor)

    def to_editor(line: int) -> int:
        return table[min(line, len(table)) - 1] if line > 0 else line

    doc.lines = {loc: to_editor(line) for loc, line in doc.lines.items()}
    raw = re.split("\r\n|[\r\n]", text)
    problems = []
    for p in doc.problems:
        line = to_editor(p.line)
        what = re.sub(r"on line (\d+)", lambda m: f"on line {to_editor(int(m.group(1)))}", p.what)
        odd = next((name for ch, name in _ODD_NAMES.items() if ch in raw[max(line, 1) - 1]), None)
        if odd:
            what += f" (the line holds {odd}, which YAML reads as a line break)"
            p = dataclasses.replace(p, fix=f"delete the invisible character; {p.fix}")
        problems.append(dataclasses.replace(p, line=line, what=what))
    doc.problems = problems


_JARGON = [
    ("expected <block end>, but found", "a line is indented differently from the lines around it; found"),
    ("mapping values are not allowed here", "a colon where a value should be (quote text that holds ': ')"),
    ("mapping values are not allowed in this context",
     "a colon where a value should be (quote text that holds ': ')"),
    ("did not find expected key", "a line is indented differently from the lines around it"),
    ("could not find expected ':'", "a line without 'key: value' where one was expected"),
    ("found character '\\t' that cannot start any token", "a tab character"),
]


def _plain_words(problem: str) -> str:
    for jargon, plain in _JARGON:
        if jargon in problem:
            return problem.replace(jargon, plain)
    return problem


class _TooMuch(Exception):
    """The file nests or expands beyond the reader's limits: a problem at ``line``, not a value."""

    def __init__(self, line: int, what: str, fix: str):
        super().__init__(what)
        self.line, self.what, self.fix = line, what, fix


def _too_deep(line: int) -> _TooMuch:
    return _TooMuch(line, f"the YAML nests lists and mappings more than {MAX_DEPTH} levels deep",
                    "flatten it: an annotation nests a few levels (see data/README.md)")


@dataclass
class _Budget:
    """What composing has spent: the nodes met (an alias is a node met again) and the values aliases
    copied."""

    seen: set = field(default_factory=set)
    expanded: int = 0
    line: int = 1  # the line of the key being read, where an expansion is reported


def _plain(node: yaml.Node, loc: tuple, doc: YamlDoc, budget: _Budget, copied: bool = False):
    doc.lines[loc] = node.start_mark.line + 1
    if len(loc) > MAX_DEPTH:
        raise _too_deep(budget.line)
    copied = copied or id(node) in budget.seen  # an alias: the same node read again
    if copied:
        budget.expanded += 1
        if budget.expanded > MAX_EXPANDED:
            raise _TooMuch(budget.line,
                           f"the aliases (*name) here expand to more than {MAX_EXPANDED:,} values",
                           "write the values out; nested aliases make "
                           "a small file grow without end when read")
    elif not isinstance(node, yaml.ScalarNode):
        budget.seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        return _plain_mapping(node, loc, doc, budget, copied)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, loc + (i,), doc, budget, copied) for i, item in enumerate(node.value)]
    try:
        return _scalar(node)
    # '!!binary abc', '!!int x': the tag's reader refused
    except (yaml.YAMLError, ValueError, TypeError) as err:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        reason = getattr(err, "problem", None) or str(err)
        doc.problems.append(Problem(doc.path, budget.line,
                                    f"the value {node.value!r} tagged {tag} cannot be "
                                    f"read ({reason})", f"remove the tag {tag} and write the value plainly"))
        return node.value


def _plain_mapping(node: yaml.MappingNode, loc: tuple, doc: YamlDoc, budget: _Budget, copied: bool) -> dict:
    out: dict = {}
    merged: list = []
    for key_node, value_node in node.value:
        if not copied:
            budget.line = key_node.start_mark.line + 1
        if key_node.tag == "tag:yaml.org,2002:merge":  # '<<: *base' copies base's keys not given here
            value = _plain(value_node, loc + ("<<",), doc, budget, copied)
            merged += value if isinstance(value, list) else [value]
            if not all(isinstance(base, dict) for base in merged):
                doc.problems.append(Problem(doc.path, key_node.start_mark.line + 1,
                                            "'<<:' copies the keys of a mapping, but is given something else",
                                            "write '<<: *name' where '&name' "
                                            "marks a mapping, or remove the line"))
                merged = [base for base in merged if isinstance(base, dict)]
            continue
        if not isinstance(key_node, yaml.ScalarNode):
            doc.problems.append(Problem(doc.path, key_node.start_mark.line + 1,
                                        "a "
                                        f"{'list' if isinstance(key_node, yaml.SequenceNode) else 'mapping'} "
                                        "is used as a key",
                                        "write a plain word before the colon, e.g. text:"))
            continue
        key = _scalar(key_node)
        if key in out:
            first = doc.lines.get(loc + (key,), doc.lines[loc])
            doc.problems.append(Problem(doc.path, key_node.start_mark.line + 1,
                                        f"duplicate key '{key}' (already given on line {first})",
                                        "keep one of the two; YAML would silently keep only the last"))
            continue
        out[key] = _plain(value_node, loc + (key,), doc, budget, copied)
        doc.lines[loc + (key,)] = key_node.start_mark.line + 1  # a value's line is its key's
    for base in merged:
        for key, value in base.items():
            out.setdefault(key, value)
    return out


_LOADER = _NoDatesLoader("")


_SLOW = object()
_REFUSED = object()  # beyond the limits: the problem is recorded and nothing is composed


def _from_events(text: str, doc: YamlDoc):
    """Plain data straight from libyaml's events (3× faster than composing nodes) for one document of
    mappings, lists and untagged scalars. Anything else (syntax errors, anchors, aliases, tags, merge keys,
    documents) gives ``_SLOW`` for the composer, which has the messages (``_REFUSED`` beyond the limits)."""
    lines, values = doc.lines, _VALUES
    root_box: list = []
    # one entry per open container: [container, its location, is a mapping, key awaiting its value]
    stack: list[list] = [[root_box, (), False, _AWAIT]]
    parser = _NoDatesLoader(text)
    Scalar, MapStart, SeqStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    MapEnd, SeqEnd = yaml.MappingEndEvent, yaml.SequenceEndEvent
    try:
        while True:
            event = parser.get_event()  # libyaml's parser, without yaml.parse's generator around it
            kind = type(event)
            if kind is MapEnd or kind is SeqEnd:
                stack.pop()
                continue
            if kind is not Scalar and kind is not MapStart and kind is not SeqStart:
                if kind is yaml.StreamEndEvent:
                    break
                if kind is not yaml.AliasEvent:
                    continue
            if kind is yaml.AliasEvent or event.anchor is not None or event.tag not in (None, "!"):
                return _scan_rest(parser, event, len(stack) - 1, doc)
            top = stack[-1]
            container, loc, is_map, key = top
            if is_map:
                if key is _AWAIT:  # this event is a key
                    if kind is not Scalar:
                        return _scan_rest(parser, event, len(stack) - 1, doc)
                    _take_key(event, top, doc)
                    continue
                top[3] = _AWAIT
                here = loc + (key,)  # a value's line is its key's
            else:
                if container is root_box and root_box:  # a second document
                    return _scan_rest(parser, event, len(stack) - 1, doc)
                here = () if container is root_box else loc + (len(container),)
                lines[here] = event.start_mark.line + 1
            if kind is Scalar:  # a scalar seen before: looked up without a call (a false one makes the call)
                value = values.get((event.value, event.implicit)) or _value(event)
            elif len(stack) > MAX_DEPTH:  # before anything recurses into it
                return _refuse(doc, _too_deep(event.start_mark.line + 1))
            else:
                value = {} if kind is MapStart else []
                stack.append([value, here, kind is MapStart, _AWAIT])
            if key is _DUPLICATE:
                continue
            if is_map:
                container[key] = value
            else:
                container.append(value)
    except (_Unusual, yaml.YAMLError) as err:  # after a syntax error the composer reports it, where it is
        return _SLOW if isinstance(err, yaml.YAMLError) else _scan_rest(parser, None, len(stack) - 1, doc)
    finally:
        parser.dispose()
    if doc.problems:  # values under a duplicate key were read but not kept
        doc.lines = {loc: line for loc, line in lines.items() if _DUPLICATE not in loc}
    return root_box[0] if root_box else None


def _scan_rest(parser, event, depth: int, doc: YamlDoc):
    """``_SLOW`` when the events from ``event`` on stay within the nesting and alias limits, else
    ``_REFUSED``: checked on the events, before the composer would recurse into the nesting or expand the
    aliases."""
    aliases = 0
    while True:
        kind = type(event)  # None: start with the next event
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            depth += 1
            if depth > MAX_DEPTH:
                return _refuse(doc, _too_deep(event.start_mark.line + 1))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            depth -= 1
        elif kind is yaml.AliasEvent:
            aliases += 1
            if aliases > MAX_ALIASES:
                return _refuse(doc, _TooMuch(event.start_mark.line + 1,
                                             f"the file uses more than {MAX_ALIASES} aliases (*name)",
                                             "write the values out; aliases suit a few repeated values"))
        elif kind is yaml.StreamEndEvent:
            return _SLOW
        try:
            event = parser.get_event()
        except yaml.YAMLError:  # the composer meets it at the same place and says what is wrong
            return _SLOW


def _refuse(doc: YamlDoc, err: _TooMuch):
    doc.lines, doc.problems = {}, [Problem(doc.path, err.line, err.what, err.fix)]
    return _REFUSED


def _take_key(event, top: list, doc: YamlDoc) -> None:
    """A mapping's key: recorded with its line, or reported when the mapping already has it."""
    container, loc = top[0], top[1]
    key = _VALUES.get((event.value, event.implicit)) or _value(event)  # as a value is read: see _from_events
    line = event.start_mark.line + 1
    if key in container:
        first = doc.lines.get(loc + (key,), doc.lines.get(loc, 1))
        doc.problems.append(Problem(doc.path, line, f"duplicate key '{key}' (already given on line {first})",
                                    "keep one of the two; YAML would silently keep only the last"))
        top[3] = _DUPLICATE
    else:
        doc.lines[loc + (key,)] = line
        top[3] = key


class _Unusual(Exception):
    """A scalar this fast path leaves to the composer (merge keys, unknown tags)."""


_DUPLICATE, _AWAIT = object(), object()
_VALUES: dict[tuple, object] = {}


def _value(event: yaml.ScalarEvent):
    """The Python value of an untagged scalar; each distinct one is resolved once (values are immutable)."""
    key = (event.value, event.implicit)
    try:
        return _VALUES[key]
    except KeyError:
        pass
    if len(_VALUES) > 200_000:
        _VALUES.clear()
    tag = _cached_resolve(_LOADER, yaml.ScalarNode, event.value, event.implicit)
    construct = _LOADER.yaml_constructors.get(tag)
    if construct is None or tag == "tag:yaml.org,2002:merge":
        raise _Unusual(tag)
    value = _VALUES[key] = construct(_LOADER, yaml.ScalarNode(tag, event.value))
    return value


def _scalar(node: yaml.ScalarNode):
    # The constructor itself: construct_object would keep every node it ever saw.
    construct = _LOADER.yaml_constructors.get(node.tag)
    return construct(_LOADER, node) if construct else node.value  # an unknown '!tag' keeps its text
