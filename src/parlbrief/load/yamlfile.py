"""Read YAML the safe way, keeping the line of every value.

PyYAML on its own keeps the last of two duplicate keys, turns `NO` into False, `1.10`
into 1.1 and `12:30` into 750. Here every scalar stays the string the person typed and
the schema (pydantic) decides what it means, so a statistic or an id is never silently
changed. Duplicate keys, anchors, aliases, merge keys and tags are refused with the
line they are on, and nesting is bounded so a hostile file cannot exhaust the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from parlbrief.errors import ContentError, Origin, Problems
from parlbrief.load.files import RESERVED, reserved_message

# Plain scalars that mean "nothing here"; every other scalar stays a string.
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})

#: Lists and fields inside each other deeper than this are a mistake (a briefing needs
#: four or five levels); without a bound, `[[[[...` thousands deep overflows the stack.
MAX_DEPTH = 50

#: Where a value sits in a YAML document: the keys and list indexes leading to it.
KeyPath = tuple[str | int, ...]

#: Characters no text in a briefing may hold: C0 and C1 controls but tab and line breaks.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Half of a UTF-16 pair, as a JSON-style "\ud83d" escape leaves it.
_SURROGATE = re.compile("[\ud800-\udfff]")

#: After a key, a comment with no space after its # (`primary: #461E64`): a value meant.
_COMMENTED = re.compile(r"[ \t]*:[ \t]+(#[^\s#]+)[ \t]*$")
#: Key under a block scalar's path for the line its text starts on.
TEXT_START = "text-start"


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML document and the line where each value starts."""

    path: str
    data: Any
    lines: dict[KeyPath, int]

    def origin(self, loc: KeyPath = ()) -> Origin:
        """The best line for `loc`: its own, or that of its nearest parent."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return Origin(self.path, line)
        return Origin(self.path, 1)


class _Refused(Exception):
    """A YAML feature parlbrief does not accept, found on `line` (1-based, in the text)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class _Checks:
    """Composing that refuses aliases, anchors and explicit tags, and bounds nesting.

    Aliases let a short file expand without bound (the "billion laughs"); anchors are
    only useful with aliases; a tag such as `!!float` would ask for exactly the silent
    conversions this loader exists to avoid.
    """

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[attr-defined]
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                line,
                "anchors and aliases (&name, *name) are not supported - "
                "write the value out in full",
            )
        if getattr(event, "anchor", None) is not None:
            raise _Refused(
                line,
                "anchors and aliases (&name, *name) are not supported - "
                "remove the &name and write each value out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and not _implicit(event):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(
                line,
                f"YAML tags such as '{shown}' are not supported - remove the tag "
                "(put quotes around a value that starts with '!')",
            )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(
                line,
                f"lists and fields are nested more than {MAX_DEPTH} levels deep - "
                "check the indentation and brackets",
            )
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.depth -= 1


class _CheckedLoader(_Checks, yaml.SafeLoader):
    """PyYAML's own reader: slow, but it decides every file libyaml cannot read."""


_FastLoader: Any = None

if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _LibyamlLoader(_Checks, yaml.composer.Composer, yaml.resolver.BaseResolver, CParser):
        """libyaml reads the text, ten times faster than PyYAML's reader; the nodes are
        still composed here, in Python, so that the checks above see every event.
        Values stay strings, so the resolver only needs its defaults."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.BaseResolver.__init__(self)

    _FastLoader = _LibyamlLoader


def _compose(text: str) -> yaml.Node | None:
    """The document's node tree, read by libyaml when it can."""
    if _FastLoader is not None:
        try:
            return yaml.compose(text, Loader=_FastLoader)
        except (yaml.YAMLError, _Refused):
            # libyaml refuses a few things PyYAML's reader accepts (the "\ud83d\ude00"
            # pairs JSON writes for an emoji), words its errors differently and finds
            # them in another order. Files with a problem are rare, so PyYAML reads
            # them again and has the last word: the messages stay the tested ones.
            pass
    return yaml.compose(text, Loader=_CheckedLoader)


def _implicit(event: Any) -> bool:
    """Whether the event's tag was resolved by YAML rather than written in the file.

    Scalars carry a pair (plain, quoted); collections a single flag.
    """
    implicit = getattr(event, "implicit", True)
    return bool(implicit[0] if isinstance(implicit, tuple) else implicit)


def parse_yaml(
    text: str, path: str, *, first_line: int = 1, problems: Problems | None = None
) -> YamlDoc:
    """Parse `text` (from `path`, starting at `first_line`) into strings, lists and dicts.

    A file that cannot be read as YAML raises ContentError. A duplicate key raises too,
    unless `problems` is given: then it is reported there and the first value is kept,
    so the rest of the file still loads and one typo gives one message, not a dozen.
    """
    offset = first_line - 1
    try:
        node = _compose(text)
    except _Refused as exc:
        raise ContentError.single(Origin(path, exc.line + offset), exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else None
        column = (mark.column + 1) if mark and line is not None else None
        said = _slip(exc.problem or "", _line_text(text, mark.line if mark else None))
        raise ContentError.single(Origin(path, line, column), said) from None
    except yaml.reader.ReaderError as exc:
        # A control character (NUL, an escape code pasted from a terminal...).
        line = text[: exc.position].count("\n") + 1 + offset
        raise ContentError.single(
            Origin(path, line),
            f"the file contains a control character ({_char_name(exc.character)}) that "
            "YAML does not allow - delete it (it is often invisible; retype the line)",
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every known kind is handled above
        raise ContentError.single(
            Origin(path, first_line), f"this is not valid YAML ({exc}) - check the file"
        ) from None
    lines: dict[KeyPath, int] = {}
    found = Problems()
    converter = _Converter(path, lines, offset, found, text.split("\n"))
    data = None if node is None else converter.convert(node, ())
    if data is None:
        lines.clear()  # an empty document ("---" alone): everything points at line 1
    if problems is None:
        found.raise_if_errors()
    else:
        problems.extend(found.items)
    return YamlDoc(path, data, lines)


def _line_text(text: str, index: int | None) -> str:
    lines = text.split("\n")
    return lines[index] if index is not None and 0 <= index < len(lines) else ""


def _slip(problem: str, line: str) -> str:
    """YAML's complaint in words, for the slips people make most; else YAML's own."""
    if problem == "mapping values are not allowed here":
        key, _, value = line.strip().removeprefix("- ").partition(":")
        value = value.strip()
        if key.strip() and value and not key.strip().startswith(("-", "#")):
            quoted = value.replace("\\", "\\\\").replace('"', '\\"')
            return (
                f"the value of '{key.strip()}' holds a colon and a space, which YAML reads as "
                f'the start of another field - put the value in quotes: {key.strip()}: "{quoted}"'
            )
        return "a colon and a space here start another field - put the value in quotes"
    if "'\\t'" in problem:
        return (
            "this line is indented with a tab, and YAML takes only spaces - replace the tab "
            "with spaces, lined up with the lines around it"
        )
    if problem.startswith("expected ',' or ']'"):
        return "a list in [brackets] is not closed - add the ']'"
    if problem.startswith("expected ',' or '}'"):
        return "fields in {braces} are not closed - add the '}'"
    if problem == "expected <block end>, but found '<scalar>'" and '"' in line:
        return (
            "there is text after the closing quote - put the whole value in quotes, or "
            "leave the quotes out"
        )
    what = problem or "this is not valid YAML"
    return f"{what} - check the indentation and quotes on this line"


def _char_name(character: object) -> str:
    if isinstance(character, int):
        return f"U+{character:04X}"
    if isinstance(character, str) and character:
        return f"U+{ord(character[0]):04X}"
    return "unknown"


class _Converter:
    """Nodes to plain values, keeping each value's line and noting duplicate keys."""

    def __init__(
        self,
        path: str,
        lines: dict[KeyPath, int],
        offset: int,
        problems: Problems,
        text: list[str],
    ):
        self.path, self.lines, self.offset, self.problems = path, lines, offset, problems
        self.text = text
        """The document's lines, to see what a value left empty by a comment was."""

    def convert(self, node: yaml.Node, loc: KeyPath) -> Any:
        self.lines.setdefault(loc, node.start_mark.line + 1 + self.offset)
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.value in _NULLS:  # plain: None here, "" from libyaml
                return None
            if node.style in ("|", ">"):
                # A block (`text: |`) starts on the line after its key: errors inside
                # the Markdown it holds count their lines from there.
                self.lines[(*loc, TEXT_START)] = node.start_mark.line + 2 + self.offset
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, loc)

    def scalar(self, node: yaml.ScalarNode) -> str:
        """The scalar's text; `"\\ud83d\\ude00"` escapes (as JSON writes them) joined up.

        A control character written as an escape (`"\\x1b"`, `"\\0"`) is refused as a
        raw one is: it would reach the PDF's metadata, the web page and the terminal.
        """
        value: str = node.value
        if control := _CONTROL.search(value):
            self.problems.error(
                Origin(self.path, node.start_mark.line + 1 + self.offset),
                f"this text holds a control character (U+{ord(control.group()):04X}), "
                "which no briefing can show - remove the escape that makes it",
            )
            value = _CONTROL.sub("", value)
        if reserved := RESERVED.search(value):
            # Written as an escape ("\\ue000"): the file's text itself was looked at
            # when it was read.
            where = Origin(self.path, node.start_mark.line + 1 + self.offset)
            self.problems.error(where, reserved_message(reserved.group()))
            value = RESERVED.sub("", value)
        if not _SURROGATE.search(value):
            return value
        try:
            return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        except UnicodeDecodeError:
            # Half a character: it could never be written to a PDF or a web page.
            self.problems.error(
                Origin(self.path, node.start_mark.line + 1 + self.offset),
                "a \\u escape here is half of a character - write the character itself",
            )
            return value.encode("utf-8", "replace").decode("utf-8")

    def mapping(self, node: yaml.MappingNode, loc: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1 + self.offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError.single(
                    Origin(self.path, line),
                    "a key must be a plain word, such as 'title:' - remove the brackets",
                )
            key = key_node.value
            if key == "<<":
                raise ContentError.single(
                    Origin(self.path, line),
                    "merge keys (<<) are not supported - write the fields out",
                )
            if key in seen:
                self.problems.error(
                    Origin(self.path, line),
                    f"'{key}' is given twice, here and on line {seen[key]} - keep one of them",
                )
                continue
            seen[key] = line
            self.lines[(*loc, key)] = line
            result[key] = self.convert(value_node, (*loc, key))
            commented = self.commented(key_node, value_node)
            if commented is not None:
                self.problems.error(
                    Origin(self.path, line),
                    f"{key}: YAML reads '{commented}' as a comment (it starts with #), so the "
                    f'value is empty - put it in quotes: {key}: "{commented}"',
                )
                result[key] = commented  # so nothing else reports the value as missing
        return result

    def commented(self, key_node: yaml.Node, value_node: yaml.Node) -> str | None:
        """'#461E64' when `primary: #461E64` left the value empty (a # after a space
        starts a comment); None for any other value, or for `key:  # a note`."""
        empty = isinstance(value_node, yaml.ScalarNode) and not value_node.style
        if not empty or value_node.value not in _NULLS:
            return None
        index = key_node.end_mark.line
        line = self.text[index] if 0 <= index < len(self.text) else ""
        found = _COMMENTED.match(line, key_node.end_mark.column)
        return found.group(1) if found else None
