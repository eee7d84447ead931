"""Change a few fields of one item in a YAML file's text, and not one other character.

`figures set` uses this to write a new value and date where the press officer wrote the
old ones. A round trip through a YAML library re-types the whole file (line endings,
quotes, spacing, comments in odd places); here the text is parsed only to find where
each value sits, then those characters alone are replaced. A field the item does not
have yet is added on its own line after the field before it, indented like the item's
other fields (or, in a `{...}` item, at the end of the braces).

The text given is the file's own, with its line endings (a UTF-8 BOM is for the caller
to take off and put back). Dates and numbers are written plain, or in the quotes the
old value had; other text plain when YAML reads it back unchanged, else in double quotes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

#: Plain values parlbrief's YAML reader takes for "nothing" (see load/yamlfile.py).
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class EditError(ValueError):
    """The item cannot be found, or its layout cannot be edited safely."""


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def set_fields(
    text: str, item_id: str, fields: Sequence[tuple[str, str]], order: Sequence[str] = ()
) -> str:
    """`text` with the item whose `id` is `item_id` given each (field, value) in `fields`.

    Values are the text to read back ('1200', '2022-09-30', 'table 3'). A field the item
    lacks is inserted after the nearest field before it in `order` (the usual order of
    an item's fields) that the item has, else after the item's last field.
    """
    item = _find_item(_compose(text), item_id)
    pairs = {key.value: (key, value) for key, value in item.value if _is_key(key)}
    ends = {name: _after(text, node) for name, (_, node) in pairs.items()}
    last = _after(text, item.value[-1][1])  # the item has at least its id
    edits: list[_Edit] = []
    flow = bool(item.flow_style)
    indent = item.value[0][0].start_mark.column
    for name, new in fields:
        if name in pairs:
            key, node = pairs[name]
            edits.append(_replace(text, key, node, new, flow=flow))
            continue
        anchor = _anchor(name, order, ends, last)
        ends[name] = anchor  # a field inserted after this one goes after it
        if flow:
            edits.append(_Edit(anchor, anchor, f", {name}: {_written(new, None, flow=True)}"))
        else:
            eol = _line_break(text, anchor)
            line = f"{' ' * indent}{name}: {_written(new, None, flow=False)}"
            edits.append(_Edit(anchor, anchor, eol + line))
    return _apply(text, edits)


def _anchor(name: str, order: Sequence[str], ends: dict[str, int], last: int) -> int:
    """Where a new field `name` goes: after the nearest earlier field in `order`."""
    earlier = order[: order.index(name)] if name in order else ()
    for before in reversed(earlier):
        if before in ends:
            return ends[before]
    return last


def _compose(text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError) as exc:
        raise EditError(f"the file cannot be read as YAML ({exc})") from None
    if node is None:
        raise EditError("the file is empty")
    return node


def _find_item(root: yaml.Node, item_id: str) -> yaml.MappingNode:
    items = root.value if isinstance(root, yaml.SequenceNode) else [root]
    for item in items:
        if isinstance(item, yaml.MappingNode) and any(
            _is_key(k) and k.value == "id" and isinstance(v, yaml.ScalarNode) and v.value == item_id
            for k, v in item.value
        ):
            return item
    raise EditError(f"there is no item with id '{item_id}' in the file")


def _is_key(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode)


def _replace(text: str, key: yaml.Node, node: yaml.Node, new: str, *, flow: bool) -> _Edit:
    """Replace the value's characters; an empty value gets the new one after its colon."""
    if not isinstance(node, yaml.ScalarNode) or node.style in ("|", ">"):
        raise EditError(f"'{key.value}' holds more than one line or a list - edit it by hand")
    start, end = node.start_mark.index, node.end_mark.index
    if start == end:  # `review_by:` with nothing after it
        colon = text.index(":", key.end_mark.index) + 1
        return _Edit(colon, colon, " " + _written(new, None, flow=flow))
    return _Edit(start, end, _written(new, node.style, flow=flow))


def _after(text: str, node: yaml.Node) -> int:
    """Where a field after `node`'s goes: the end of the line its value ends on.

    In a `{...}` item that is just after the value. A block value (a list, or text after
    `|`) ends at the start of the next line; the new field goes before that line.
    """
    end: int = node.end_mark.index
    if node.end_mark.column == 0 and end > 0:
        return end - len(_break_before(text, end))
    if isinstance(node, yaml.ScalarNode) and _in_flow(text, node):
        return end
    while end < len(text) and text[end] not in "\r\n":
        end += 1
    return end


def _in_flow(text: str, node: yaml.Node) -> bool:
    """Whether the value is followed by ',' or '}' on its line (a `{...}` item)."""
    rest = text[node.end_mark.index :].lstrip(" \t")
    return rest[:1] in (",", "}", "]")


def _break_before(text: str, index: int) -> str:
    if text[max(index - 2, 0) : index] == "\r\n":
        return "\r\n"
    return text[index - 1 : index] if text[index - 1 : index] in ("\n", "\r") else ""


def _line_break(text: str, index: int) -> str:
    """The line break used at `index`, else the file's first one, else a newline."""
    for candidate in (text[index : index + 2], text[index : index + 1]):
        if candidate in ("\r\n", "\n", "\r"):
            return candidate
    for candidate in ("\r\n", "\n", "\r"):
        if candidate in text:
            return candidate
    return "\n"


def _written(value: str, style: str | None, *, flow: bool) -> str:
    """`value` as YAML: in the old value's quotes, else plain if that reads back the same
    (inside `{...}` too, when `flow`), else in double quotes."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"' or not _plain_ok(value, flow=flow):
        return json.dumps(value, ensure_ascii=False)
    return value


def _plain_ok(value: str, *, flow: bool) -> bool:
    if value in _NULLS or value != value.strip() or not value.isprintable():
        return False
    try:
        node = yaml.compose(
            f"{{k: {value}}}\n" if flow else f"k: {value}\n", Loader=yaml.SafeLoader
        )
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    scalar = node.value[0][1]
    return isinstance(scalar, yaml.ScalarNode) and not scalar.style and scalar.value == value


def _apply(text: str, edits: list[_Edit]) -> str:
    """Apply edits from the end of the text back, so earlier positions stay right.

    Insertions at the same place keep the order they were asked for.
    """
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[0]), reverse=True)
    for _, edit in ordered:
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text
