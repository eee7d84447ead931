"""What a briefing says, hashed as an earlier parlbrief hashed it.

Editions recorded before hashing scheme 2 (format 1 histories, written by builds from
23 to 25 November 2026) hashed every field of every item, defaults included. Every
optional field parlbrief has gained since is part of today's full hash, so comparing
it with theirs would say "changed" of a briefing nobody touched, and mark it Draft.

Scheme 1 is recomputed instead: each item dumped without the fields that scheme 1
never saw, when they hold their default (a field someone has set is a real change).
Fields were added during scheme 1 too, so it is tried as each of its releases knew the
items: the first release's fields are listed here (read from version control), with
those added while scheme 1 was current. A history says the same when one of them gives
its content hash. This list never grows: fields added from now on are not in it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from parlbrief.pipeline.manifest import (
    CONTENT_KINDS,
    content_hash,
    figure_values,
    hash_value,
    items_of,
)
from parlbrief.resolve import ResolvedBriefing

#: The fields of each model hashed in content, as the first scheme 1 release had them
#: (26c18b6). Any field added since is one that release did not see.
_FIRST_SCHEME_1: Mapping[str, frozenset[str]] = {
    "Argument": frozenset({"body", "body_line", "heading", "id"}),
    "Briefing": frozenset(
        {"brand", "campaign", "date", "id", "panels", "questions", "questions_heading"}
        | {"sections", "series", "signatory", "strapline", "summary", "title", "variants"}
    ),
    "DataCell": frozenset({"column", "file", "row"}),
    "Panel": frozenset({"figures", "heading", "note"}),
    "Question": frozenset({"id", "text", "to"}),
    "Reference": frozenset(
        {"author", "date", "id", "kind", "publisher", "series", "short", "title", "url"}
    ),
    "Section": frozenset({"argument", "heading", "table", "text"}),
    "Settings": frozenset({"max_age_days", "title"}),
    "Signatory": frozenset({"name", "role"}),
    "Statistic": frozenset(
        {"approximate", "as_of", "data", "formula", "id", "kind", "label", "method"}
        | {"pinpoint", "review_by", "source", "value"}
    ),
    "Table": frozenset({"caption", "columns", "data", "derived", "pinpoint", "rows", "source"}),
    "TableColumn": frozenset({"column", "format", "heading"}),
    "Variants": frozenset({"data", "key", "label"}),
}
#: Fields added while scheme 1 was current, in order: its release k had the first k.
_DURING_SCHEME_1: tuple[tuple[str, str], ...] = (
    ("Briefing", "provenance"),  # c57bae7
    ("Settings", "require_copies"),  # bf8debd
)


class _Unknown(Exception):
    """The item has a field set that this release did not have: it cannot match."""


def releases() -> Iterator[Mapping[str, frozenset[str]]]:
    """For each scheme 1 release, the fields (by model) it knew."""
    for count in range(len(_DURING_SCHEME_1) + 1):
        known = {model: set(fields) for model, fields in _FIRST_SCHEME_1.items()}
        for model, name in _DURING_SCHEME_1[:count]:
            known[model].add(name)
        yield {model: frozenset(names) for model, names in known.items()}


def scheme_1_hashes(resolved: ResolvedBriefing) -> set[str]:
    """The content hash each scheme 1 release would have recorded for `resolved`."""
    found = set()
    for known in releases():
        try:
            found.add(content_hash(_items(resolved, known)))
        except _Unknown:
            continue
    return found


def _items(resolved: ResolvedBriefing, known: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """manifest.content_inputs as scheme 1 made it, filtered to content as editions are."""
    printed = figure_values(resolved)
    hashes = {}
    for name, item in items_of(resolved):
        if name.split(" ", 1)[0] not in CONTENT_KINDS:
            continue
        extra = printed.get(getattr(item, "id", ""), "") if "statistic" in name else ""
        value = _as_then([item, extra] if extra else item, known)
        hashes[name] = hash_value(value)
    return hashes


def _as_then(value: Any, known: Mapping[str, frozenset[str]]) -> Any:
    """`value` without the fields its models then lacked (which must hold their default);
    walked as manifest._plain walks it, which then makes the rest plain."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude=_exclusions(value, known))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _as_then(getattr(value, f.name), known) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _as_then(v, known) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_as_then(v, known) for v in value]
    return value


def _exclusions(model: BaseModel, known: Mapping[str, frozenset[str]]) -> dict[str, Any]:
    """pydantic's nested `exclude` for the fields of `model` (and its parts) it then
    lacked; a model scheme 1 did not hash is dumped whole."""
    had = known.get(type(model).__name__)
    spec: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        if info.exclude:
            continue
        value = getattr(model, name)
        if had is not None and name not in had:
            if value != info.get_default(call_default_factory=True):
                raise _Unknown(name)
            spec[name] = True
        elif (inner := _inner(value, known)) is not None:
            spec[name] = inner
    return spec


def _inner(value: Any, known: Mapping[str, frozenset[str]]) -> Any:
    """The exclusions inside a field's value (a model, or a list of them), if any."""
    if isinstance(value, BaseModel):
        return _exclusions(value, known) or None
    if isinstance(value, list | tuple):
        parts = {i: _inner(v, known) for i, v in enumerate(value)}
        return {i: part for i, part in parts.items() if part is not None} or None
    return None
