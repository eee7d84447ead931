"""Read the project's text files: UTF-8 only, bounded in size, front matter split off."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from parlbrief.errors import ContentError, Origin, Problem

#: A source fragment is a page or two of text; anything far larger is a mistake
#: (a pasted PDF, a data dump) and would slow every build.
MAX_FILE_BYTES = 1_000_000
#: Private-use characters parlbrief keeps for itself: a draft note marks where each
#: citation goes between these two (resolve.notes). Typed in a project's text, one would
#: be taken for such a mark, so every text a user writes is refused with one in it.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
RESERVED = re.compile(f"[{MARK_OPEN}{MARK_CLOSE}]")


def read_text(path: Path, rel: str, *, limit: int = MAX_FILE_BYTES) -> str:
    """The file's text, or a ContentError naming it when it is too big, unreadable or not UTF-8."""
    try:
        if not path.is_file():
            # A folder, a pipe or a device named like a source file: reading a pipe
            # would hang the build.
            raise ContentError.single(
                Origin(rel), "this is not an ordinary file - remove it or replace it with one"
            )
        size = path.stat().st_size
        if size > limit:
            raise ContentError.single(
                Origin(rel),
                f"the file is {size:,} bytes, over the limit of {limit:,} - "
                "split it into smaller files",
            )
        with path.open("rb") as handle:
            # Read one byte past the limit: a file that grows after stat() stays bounded.
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise ContentError.single(
            Origin(rel),
            f"the file could not be read ({exc.strerror or exc}) - check that it exists "
            "and that you may open it",
        ) from None
    if len(raw) > limit:
        raise ContentError.single(
            Origin(rel), f"the file is over the limit of {limit:,} bytes - split it"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise ContentError.single(
            Origin(rel, line, column),
            "the file is not UTF-8 text - save it again as UTF-8 (in most editors: "
            "Save As, Encoding: UTF-8)",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = reserved_problems(text, rel) if RESERVED.search(text) else []
    if problems:
        raise ContentError(problems)
    return text


def reserved_problems(text: str, rel: str, first_line: int = 1) -> list[Problem]:
    """Each place in `text` (from `rel`, starting at `first_line`) holding a character
    parlbrief keeps for itself (RESERVED), as a problem at its line and column."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        found = RESERVED.search(line)  # one a line: the line is to be looked at anyway
        if found is not None:
            where = Origin(rel, number, found.start() + 1)
            problems.append(Problem(where, reserved_message(found.group())))
    return problems


def reserved_message(char: str) -> str:
    """What is wrong with a reserved character, and what to do."""
    return (
        f"this text holds an invisible private-use character (U+{ord(char):04X}) that"
        " parlbrief keeps for marking notes - delete the character"
    )


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown file split into its `---` header and its body."""

    header: str
    header_line: int
    body: str
    body_line: int


def split_front_matter(text: str) -> FrontMatter:
    """Split `---\\nyaml\\n---\\nbody`; a file with no header is all body."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter("", 1, text, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            header = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return FrontMatter(header, 2, body, index + 2)
    return FrontMatter("", 1, text, 1)


def list_files(folder: Path, root: Path, *patterns: str) -> list[Path]:
    """The files under `folder` whose path matches any of `patterns` ('*.yaml',
    '*/brand.yaml'), sorted, so that outputs never depend on the operating system.

    Every loader lists its files here, so all follow one rule for links: a link to a
    file or folder inside the project `root` is followed (each real folder is visited
    once, however many links lead to it); a link leading outside is left out, and
    reported by parlbrief.load.refuse_outside_links, so that nothing outside the
    project is ever read.
    """
    inside = root.resolve()
    found: set[Path] = set()
    seen: set[Path] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        real = current.resolve()
        if real in seen or not real.is_relative_to(inside) or not current.is_dir():
            continue
        seen.add(real)
        for path in current.iterdir():
            if path.is_dir():
                pending.append(path)
            elif path.is_file() and path.resolve().is_relative_to(inside):
                rel = path.relative_to(folder)
                if any(rel.match(p) for p in patterns):
                    found.add(path)
    return sorted(found)
