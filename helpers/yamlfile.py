"""Read YAML safely, keeping the line of every value and refusing duplicate keys.

Dates stay strings (the timestamp resolver is removed) so that an impossible
date such as 2025-02-30 becomes a clear message from our validator instead of
an exception inside the YAML library.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem


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
            doc.lines[loc + (key,)] = key_node.start_mark.line + 1
            out[key] = _plain(value_node, loc + (key,), doc)
            doc.lines[loc + (key,)] = key_node.start_mark.line + 1
        for base in merged:
            for key, value in (base.items() if isinstance(base, dict) else []):
                out.setdefault(key, value)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, loc + (i,), doc) for i, item in enumerate(node.value)]
    return _scalar(node)


_LOADER = _NoDatesLoader("")


_STR, _INT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"
_SLOW = object()


def _from_events(text: str, doc: YamlDoc):
    """Plain data built straight from libyaml's events (about 3× faster than composing nodes).

    Covers the YAML analysts write: one document of mappings, lists and untagged scalars.
    Anything else (syntax errors, anchors and aliases, explicit tags, merge keys, several
    documents) returns ``_SLOW`` and goes through the node composer, which has the messages.
    """
    loader = _LOADER
    root_box: list = []
    # stack entries: [container, loc, pending key or None (mappings only)]
    stack: list[list] = [[root_box, (), None]]
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_NoDatesLoader):
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                    return _SLOW
                top = stack[-1]
                container, loc = top[0], top[1]
                line = event.start_mark.line + 1
                if isinstance(container, dict) and top[2] is None:  # a key
                    if kind is not yaml.ScalarEvent:
                        return _SLOW
                    key = _event_scalar(loader, event)
                    if key in container:
                        first = doc.lines.get(loc + (key,), doc.lines.get(loc, 1))
                        doc.problems.append(Problem(doc.path, line, f"duplicate key '{key}' (already given on line {first})",
                                                    "keep one of the two; YAML would silently keep only the last"))
                        key = _DUPLICATE
                    else:
                        doc.lines[loc + (key,)] = line
                    top[2] = (key,)
                    continue
                if isinstance(container, dict):
                    here, key = loc + top[2], top[2][0]
                    top[2] = None
                elif container is root_box:
                    here, key = (), None
                    documents += 1
                    if documents > 1:
                        return _SLOW
                else:
                    here, key = loc + (len(container),), None
                if kind is yaml.ScalarEvent:
                    value = _event_scalar(loader, event)
                else:
                    value = {} if kind is yaml.MappingStartEvent else []
                    stack.append([value, here, None])
                if here not in doc.lines:
                    doc.lines[here] = line
                if key is _DUPLICATE:
                    continue
                if isinstance(container, dict):
                    container[key] = value
                else:
                    container.append(value)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                return _SLOW
    except (yaml.YAMLError, _Unusual):
        return _SLOW
    if doc.problems:  # values under a duplicate key were read but not kept
        doc.lines = {loc: line for loc, line in doc.lines.items() if _DUPLICATE not in loc}
    return root_box[0] if root_box else None


class _Unusual(Exception):
    """A scalar this fast path leaves to the composer (merge keys, unknown tags)."""


_DUPLICATE = object()


def _event_scalar(loader, event: yaml.ScalarEvent):
    tag = _cached_resolve(loader, yaml.ScalarNode, event.value, event.implicit)
    value = event.value
    if tag == _STR:
        return value
    if tag == _INT and value.isdigit() and (value == "0" or value[0] != "0"):
        return int(value)
    construct = loader.yaml_constructors.get(tag)
    if construct is None or tag == "tag:yaml.org,2002:merge":
        raise _Unusual(tag)
    return construct(loader, yaml.ScalarNode(tag, value, style=event.style))


def _scalar(node: yaml.ScalarNode):
    # The common cases directly; everything else (YAML 1.1 octal, 1_000, booleans, floats) by PyYAML.
    if node.tag == _STR:
        return node.value
    if node.tag == _INT and node.value.isdigit() and (node.value == "0" or node.value[0] != "0"):
        return int(node.value)
    # The constructor itself: construct_object would keep every node it ever saw.
    construct = _LOADER.yaml_constructors.get(node.tag)
    return construct(_LOADER, node) if construct else node.value  # an unknown '!tag' keeps its text
