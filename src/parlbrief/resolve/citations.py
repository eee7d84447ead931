"""What parlbrief still words itself, outside the citation style: a source's entry in
the sources list where the style gives none, and the end of a note.

Every note is worded by the CSL style (parlbrief.resolve.csl); `full_reference` is the
sources list's fallback, in OSCOLA's form of a first note: a kind of reference with a
form of its own (Hansard, an Act) gives it as a pattern in model.reference_kinds,
filled in here; any other is Author, *Title* (series, publisher, date). Locators are
printed in OSCOLA form (`pp 33–35`; see `locators`).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from parlbrief.model import Reference
from parlbrief.model.reference_kinds import HOUSES, ReferenceKind, reference_kind
from parlbrief.resolve.formatting import format_partial
from parlbrief.resolve.locators import locator_html


def full_reference(ref: Reference, locator: str = "") -> Markup:
    """The first note citing `ref`: its kind's own form, else Author, *Title* (series,
    publisher, date); then the locator, and the web address in angle brackets."""
    kind = reference_kind(ref.kind)
    text = _then(_first_form(ref, kind), locator, comma=kind.primary)
    if ref.url:
        text += Markup(" &lt;") + link(ref.url) + Markup("&gt;")
    return text


def _first_form(ref: Reference, kind: ReferenceKind) -> Markup:
    """The reference as its first note names it, before the locator and address."""
    if kind.note is None:
        details = [p for p in (ref.series, _publisher(ref), format_partial(ref.date)) if p]
        text = escape(ref.author) + Markup(", <i>") + escape(ref.title) + Markup("</i>")
        return text + Markup(" (") + escape(", ".join(details)) + Markup(")")
    return Markup(kind.note).format_map(_printed_fields(ref))


def _printed_fields(ref: Reference) -> dict[str, object]:
    """What a kind's pattern may name: each field of `ref`, with `date` as printed and
    `house` as OSCOLA abbreviates it; escaped when the pattern is filled in."""
    fields = {name: getattr(ref, name) for name in type(ref).model_fields}
    fields["date"] = format_partial(ref.date)
    fields["house"] = HOUSES[ref.house or "Commons"]
    return fields


def _then(text: Markup, locator: str, *, comma: bool = False) -> Markup:
    """`text` followed by the locator: after a comma for primary material."""
    if not locator:
        return text
    return text + Markup(", " if comma else " ") + locator_html(locator)


def link(url: str) -> Markup:
    return Markup('<a href="{0}">{0}</a>').format(url)


def finish(parts: list[Markup]) -> Markup:
    """Join the citations of one note and end it with a full stop."""
    text = Markup("; ").join(parts)
    return text if str(text).endswith(".") else text + Markup(".")


def _publisher(ref: Reference) -> str | None:
    if ref.publisher and ref.publisher not in ref.author:
        return ref.publisher
    return None
