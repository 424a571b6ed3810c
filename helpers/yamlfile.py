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
        for key_node, value_node in node.value:
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
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, loc + (i,), doc) for i, item in enumerate(node.value)]
    return _scalar(node)


_LOADER = _NoDatesLoader("")


def _scalar(node: yaml.ScalarNode):
    return _LOADER.construct_object(node, deep=True)
