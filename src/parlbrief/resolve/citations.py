"""Footnote text in the OSCOLA manner: full on first citation, short form after.

Locators are printed in OSCOLA form (`pp 33–35`; see `locators`).

First citation:  House of Commons Justice Committee, *The role of the Probation
                 Service* (27 July 2011) para 90.
Later citation:  Justice Committee (n 3) para 102.
OSCOLA 5 drops "ibid"; a short form that points back to its note is easier to trace.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from parlbrief.model import Reference
from parlbrief.resolve import kinds
from parlbrief.resolve.formatting import format_partial
from parlbrief.resolve.locators import locator_html


def full_reference(ref: Reference, locator: str = "") -> Markup:
    """Author, *Title* (series, publisher, date) locator <url>; other forms in `kinds`."""
    if (own := kinds.full_note(ref, locator)) is not None:
        return own
    details = [part for part in (ref.series, _publisher(ref), format_partial(ref.date)) if part]
    text = escape(ref.author) + Markup(", <i>") + escape(ref.title) + Markup("</i>")
    text += Markup(" (") + escape(", ".join(details)) + Markup(")")
    if locator:
        text += Markup(" ") + locator_html(locator)
    if ref.url:
        text += Markup(" &lt;") + link(ref.url) + Markup("&gt;")
    return text


def short_reference(ref: Reference, first_note: int | None, locator: str = "") -> Markup:
    """Short author (n first_note) locator; without '(n ...)' when `first_note` is None
    (the note that cites it in full is the note being written)."""
    if (own := kinds.short_note(ref, locator)) is not None:
        return own
    text = escape(ref.short or ref.author)
    if first_note is not None:
        text += Markup(f" (n {first_note})")
    if locator:
        text += Markup(" ") + locator_html(locator)
    return text


def link(url: str) -> Markup:
    return Markup('<a href="{0}">{0}</a>').format(url)


def with_prefix(prefix: str, text: Markup, *, first: bool) -> Markup:
    """'see' before a citation; capitalised when it opens the note."""
    if not prefix:
        return text
    if first:
        prefix = prefix[:1].upper() + prefix[1:]
    return escape(prefix) + Markup(" ") + text


def finish(parts: list[Markup]) -> Markup:
    """Join the citations of one note and end it with a full stop."""
    text = Markup("; ").join(parts)
    return text if str(text).endswith(".") else text + Markup(".")


def _publisher(ref: Reference) -> str | None:
    if ref.publisher and ref.publisher not in ref.author:
        return ref.publisher
    return None
