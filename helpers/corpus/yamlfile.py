"""Read YAML safely, keeping the line of every value and refusing duplicate keys.

Dates stay strings (the timestamp resolver is removed) so that an impossible
date such as 2025-02-30 becomes a clear message from our validator instead of
an exception inside the YAML library.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

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


def read_yaml(path: Path | str, shown_as: str | None = None) -> YamlDoc:
    """Parse ``path``; syntax errors and duplicate keys become problems, never exceptions."""
    shown = shown_as or str(path)
    doc = YamlDoc(shown)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        doc.problems.append(Problem(shown, 1, f"the file is not UTF-8 text ({err.reason} at byte {err.start})",
                                    "save it as UTF-8 in your editor"))
        return doc
    fast = _from_events(text, doc)
    if fast is not _SLOW:
        doc.data = fast
        return doc
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
        lines = text.splitlines()
        spot = err.problem_mark.line if err.problem_mark is not None else line - 1
        tabbed = "\\t" in str(err.problem) or (0 <= spot < len(lines) and "\t" in lines[spot])
        if tabbed and "cannot start any token" in what:
            what = "YAML syntax: a tab character (YAML indents with spaces only)"
        fix = ("indent with spaces, not tabs" if tabbed
               else "check the indentation, quotes and brackets on this line and the next")
        doc.problems.append(Problem(shown, line, what, fix))
        return doc
    except yaml.YAMLError as err:
        doc.problems.append(Problem(shown, 1, f"YAML syntax: {err}", "check the file's structure"))
        return doc
    if node is None:
        doc.data = None
        return doc
    doc.data = _plain(node, (), doc)
    return doc


_JARGON = [
    ("expected <block end>, but found", "a line is indented differently from the lines around it; found"),
    ("mapping values are not allowed here", "a colon where a value should be (quote text that holds ': ')"),
    ("mapping values are not allowed in this context", "a colon where a value should be (quote text that holds ': ')"),
    ("did not find expected key", "a line is indented differently from the lines around it"),
    ("could not find expected ':'", "a line without 'key: value' where one was expected"),
    ("found character '\\t' that cannot start any token", "a tab character"),
]


def _plain_words(problem: str) -> str:
    for jargon, plain in _JARGON:
        if jargon in problem:
            return problem.replace(jargon, plain)
    return problem


def _plain(node: yaml.Node, loc: tuple, doc: YamlDoc):
    doc.lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        merged: list = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # '<<: *base' copies base's keys not given here
                value = _plain(value_node, loc + ("<<",), doc)
                merged += value if isinstance(value, list) else [value]
                continue
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in out:
                first = doc.lines.get(loc + (key,), doc.lines[loc])
                doc.problems.append(Problem(doc.path, key_node.start_mark.line + 1,
                                            f"duplicate key '{key}' (already given on line {first})",
                                            "keep one of the two; YAML would silently keep only the last"))
                continue
            out[key] = _plain(value_node, loc + (key,), doc)
            doc.lines[loc + (key,)] = key_node.start_mark.line + 1  # a value's line is its key's
        for base in merged:
            for key, value in (base.items() if isinstance(base, dict) else []):
                out.setdefault(key, value)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, loc + (i,), doc) for i, item in enumerate(node.value)]
    return _scalar(node)


_LOADER = _NoDatesLoader("")


_SLOW = object()


def _from_events(text: str, doc: YamlDoc):
    """Plain data built straight from libyaml's events (about 3× faster than composing nodes).

    Covers the YAML analysts write: one document of mappings, lists and untagged scalars.
    Anything else (syntax errors, anchors and aliases, explicit tags, merge keys, several
    documents) returns ``_SLOW`` and goes through the node composer, which has the messages.
    """
    lines = doc.lines
    root_box: list = []
    # one entry per open container: [container, its location, is a mapping, key awaiting its value]
    stack: list[list] = [[root_box, (), False, _AWAIT]]
    parser = _NoDatesLoader(text)
    Scalar, MapStart, SeqStart, MapEnd, SeqEnd = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent,
                                                  yaml.MappingEndEvent, yaml.SequenceEndEvent)
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
                if kind is yaml.AliasEvent:
                    return _SLOW
                continue
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                return _SLOW
            top = stack[-1]
            container, loc, is_map, key = top
            if is_map:
                if key is _AWAIT:  # this event is a key
                    if kind is not Scalar:
                        return _SLOW
                    _take_key(event, top, doc)
                    continue
                top[3] = _AWAIT
                here = loc + (key,)  # a value's line is its key's
            else:
                if container is root_box and root_box:  # a second document
                    return _SLOW
                here = () if container is root_box else loc + (len(container),)
                lines[here] = event.start_mark.line + 1
            value = _value(event) if kind is Scalar else {} if kind is MapStart else []
            if kind is not Scalar:
                stack.append([value, here, kind is MapStart, _AWAIT])
            if key is _DUPLICATE:
                continue
            if is_map:
                container[key] = value
            else:
                container.append(value)
    except (yaml.YAMLError, _Unusual):
        return _SLOW
    finally:
        parser.dispose()
    if doc.problems:  # values under a duplicate key were read but not kept
        doc.lines = {loc: line for loc, line in lines.items() if _DUPLICATE not in loc}
    return root_box[0] if root_box else None


def _take_key(event, top: list, doc: YamlDoc) -> None:
    """A mapping's key: recorded with its line, or reported when the mapping already has it."""
    container, loc = top[0], top[1]
    key = _value(event)
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
