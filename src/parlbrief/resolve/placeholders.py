"""What `parlbrief init` and `parlbrief new` write for a person to replace, still there.

The starter files say "Replace this with the briefing's title" and give the brand a
placeholder logo (its title says "(placeholder logo)"). Left in, they would go to MPs:
`check` and `build` warn about each one at its line, and `publish` refuses a briefing
that still has any (see `refuse_placeholders`), so a fresh project cannot be published
unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel

from parlbrief.errors import ContentError, Origin, Problem, Problems, Severity
from parlbrief.load import Corpus
from parlbrief.load.yamlfile import TEXT_START
from parlbrief.model import Argument, Model
from parlbrief.resolve.resolved import ResolvedBriefing

#: The starter's wording for text to replace ("Replace this with ...").
_PLACEHOLDER = re.compile(r"\breplace this\b", re.IGNORECASE)
#: What the starter's logo says of itself, in its title.
PLACEHOLDER_LOGO = "(placeholder logo)"
_SHOWN = 60


def warn_placeholders(
    corpus: Corpus, resolved: Iterable[ResolvedBriefing], problems: Problems
) -> None:
    """A warning for each placeholder the briefings print, once each."""
    problems.extend(placeholders(corpus, resolved, "warning"))


def refuse_placeholders(corpus: Corpus, resolved: Iterable[ResolvedBriefing]) -> None:
    """Raise a ContentError, one error per placeholder, if the briefings print any
    (what `publish` calls: nothing unfinished goes out)."""
    found = placeholders(corpus, resolved, "error")
    if found:
        raise ContentError(found)


def placeholders(
    corpus: Corpus, resolved: Iterable[ResolvedBriefing], severity: Severity
) -> list[Problem]:
    """Every placeholder in what the briefings print, by file and line, once each."""
    seen: dict[tuple[str, int | None, str], Problem] = {}
    for briefing in resolved:
        for origin, message in _in_briefing(corpus, briefing):
            key = (origin.path, origin.line, message)
            seen.setdefault(key, Problem(origin, message, severity))
    return sorted(seen.values(), key=lambda p: (p.origin.path, p.origin.line or 0))


def _in_briefing(corpus: Corpus, resolved: ResolvedBriefing) -> Iterator[tuple[Origin, str]]:
    items: list[Model] = [resolved.briefing, resolved.brand, *resolved.included]
    items += [*resolved.arguments, *resolved.question_items, *resolved.sources]
    items += resolved.statistics
    for item in items:
        yield from _in_fields(item, item, ())
    yield from _logo(corpus, resolved)


def _in_fields(item: Model, value: object, path: tuple[str, ...]) -> Iterator[tuple[Origin, str]]:
    """Placeholders in the text fields of `value` (part of `item`, at `path`)."""
    if isinstance(value, str):
        found = _PLACEHOLDER.search(value)
        if found is not None:
            yield _where(item, path, value, found.start()), _message(path, value, found.start())
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _in_fields(item, getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            yield from _in_fields(item, entry, (*path, str(index)))


def _where(item: Model, path: tuple[str, ...], text: str, at: int) -> Origin:
    """The line of the placeholder: its field's, moved down to the line of a block."""
    down = text.count("\n", 0, at)
    if isinstance(item, Argument) and path == ("body",):
        return Origin(item.origin.path, item.body_line + down)
    start = item.lines.get(".".join((*path, TEXT_START)))
    if start is not None:
        return Origin(item.origin.path, start + down)
    return item.at(*path)


def _message(path: tuple[str, ...], text: str, at: int) -> str:
    line = text[at:].split("\n", 1)[0].strip()
    shown = line if len(line) <= _SHOWN else line[: _SHOWN - 1] + "…"
    field = path[-1] if path and not path[-1].isdigit() else ".".join(path)
    return (
        f"{field or 'text'}: '{shown}' is the starter's placeholder - write your own "
        "(a briefing that prints one cannot be published)"
    )


def _logo(corpus: Corpus, resolved: ResolvedBriefing) -> Iterator[tuple[Origin, str]]:
    brand = resolved.brand
    folder = corpus.brand_dirs.get(brand.id)
    if not brand.logo or folder is None:
        return
    if PLACEHOLDER_LOGO in _read(folder / brand.logo):
        yield (
            brand.at("logo"),
            (
                f"logo: {brand.logo} is the starter's placeholder logo - put your own logo "
                "in its place (SVG, PNG or JPEG; docs/brands.md) and name it here (a briefing "
                "that prints it cannot be published)"
            ),
        )


def _read(path: Path) -> str:
    """The logo's text, as far as it is text (a PNG or a missing file: nothing)."""
    try:
        return path.read_bytes()[:100_000].decode("utf-8", errors="ignore")
    except OSError:
        return ""
