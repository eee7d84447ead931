"""Read YAML the safe way, keeping the line of every value.

PyYAML on its own keeps the last of two duplicate keys, turns `NO` into False, `1.10`
into 1.1 and `12:30` into 750. Here every scalar stays the string the person typed and
the schema (pydantic) decides what it means, so a statistic or an id is never silently
changed. Duplicate keys, anchors and aliases are refused with the line they are on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from parlbrief.errors import ContentError, Origin

# Plain scalars that mean "nothing here"; every other scalar stays a string.
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML document and the line where each value starts."""

    path: str
    data: Any
    lines: dict[Path, int]

    def origin(self, loc: Path = ()) -> Origin:
        """The best line for `loc`: its own, or that of its nearest parent."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return Origin(self.path, line)
        return Origin(self.path, 1)


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases: they let a short file expand without bound."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _AliasError(event.start_mark.line + 1)
        return super().compose_node(parent, index)


class _AliasError(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def parse_yaml(text: str, path: str, *, first_line: int = 1) -> YamlDoc:
    """Parse `text` (from `path`, starting at `first_line`) into strings, lists and dicts."""
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=_Loader)
    except _AliasError as exc:
        raise ContentError.single(
            Origin(path, exc.line + offset),
            "anchors and aliases (&name, *name) are not supported - write the value out in full",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else None
        what = exc.problem or "this is not valid YAML"
        raise ContentError.single(
            Origin(path, line),
            f"{what} - check the indentation and quotes on this line",
        ) from None
    lines: dict[Path, int] = {}
    data = None if node is None else _convert(node, (), path, lines, offset)
    return YamlDoc(path, data, lines)


def _convert(node: yaml.Node, loc: Path, path: str, lines: dict[Path, int], offset: int) -> Any:
    lines.setdefault(loc, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in _NULLS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*loc, i), path, lines, offset) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1 + offset
        if not isinstance(key_node, yaml.ScalarNode):
            raise ContentError.single(Origin(path, line), "a key must be a plain word")
        key = key_node.value
        if key == "<<":
            raise ContentError.single(
                Origin(path, line), "merge keys (<<) are not supported - write the fields out"
            )
        if key in seen:
            raise ContentError.single(
                Origin(path, line),
                f"'{key}' is given twice, here and on line {seen[key]} - keep one of them",
            )
        seen[key] = line
        lines[(*loc, key)] = line
        result[key] = _convert(value_node, (*loc, key), path, lines, offset)
    return result
