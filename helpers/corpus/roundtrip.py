"""YAML read and written back as the analyst wrote it (ruamel round trip): comments, quotes, the file's own
indentation, ``null`` written out, lines never re-wrapped. The review and the actor edits both write this
way."""
from __future__ import annotations

import functools
import io

from ruamel.yaml import YAML
from ruamel.yaml.util import load_yaml_guess_indent


def _yaml(text: str = "") -> YAML:
    """A round-trip YAML with the file's own indentation, ``null`` written out, lines never re-wrapped."""
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    seq, offset = _indentation(text)
    y.indent(mapping=2, sequence=seq or 2, offset=offset or 0)
    y.representer.add_representer(type(None), lambda r,
                                  _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


@functools.lru_cache(maxsize=8)
def _indentation(text: str) -> tuple[int | None, int | None]:
    """How a file indents its lists: guessed by reading it whole, so once per text (a session dumps its file's
    text again and again)."""
    if not text.strip():
        return 2, 0
    _, seq, offset = load_yaml_guess_indent(text)
    return seq, offset


def load_text(text: str):
    return _yaml(text).load(text)


def dump_text(data, like: str = "") -> str:
    out = io.StringIO()
    _yaml(like).dump(data, out)
    return out.getvalue()
