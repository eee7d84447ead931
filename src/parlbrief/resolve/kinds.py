"""Notes for the references OSCOLA writes in forms of their own: press releases,
Hansard, written questions and legislation (OSCOLA 4th edn, 2.4, 2.6.3 and 3.4).

    press release     Ministry of Justice, ‘Title’ (press release, 12 March 2024) <url>
    hansard           HC Deb 12 March 2024, vol 747, col 123
    written question  HC Written Question 12345, answered 3 March 2024
    legislation       Offender Rehabilitation Act 2014, s 2

Hansard, written questions and Acts are primary material: a later note repeats them
(without the web address) rather than pointing back with '(n 3)'. A press release's
later notes are the usual short form, so `short_note` returns None for it.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from parlbrief.model import Reference
from parlbrief.resolve.formatting import format_partial
from parlbrief.resolve.locators import locator_html

#: 'HC' or 'HL', as OSCOLA abbreviates each House.
_HOUSE = {"Commons": "HC", "Lords": "HL"}


def full_note(ref: Reference, locator: str = "") -> Markup | None:
    """The first note for `ref` when its kind has a form of its own; else None."""
    write = _FULL.get(ref.kind)
    if write is None:
        return None
    text = write(ref, locator)
    if ref.url:
        text += Markup(' &lt;<a href="{0}">{0}</a>&gt;').format(ref.url)
    return text


def short_note(ref: Reference, locator: str = "") -> Markup | None:
    """A later note for `ref`: primary material is repeated in full; else None."""
    write = _REPEATED.get(ref.kind)
    return write(ref, locator) if write is not None else None


def press_release(ref: Reference, locator: str = "") -> Markup:
    """Ministry of Justice, ‘Title’ (press release, 12 March 2024) locator."""
    text = Markup("{}, ‘{}’ (press release, {})").format(
        ref.author, ref.title, format_partial(ref.date)
    )
    return _then(text, locator)


def hansard(ref: Reference, locator: str = "") -> Markup:
    """HC Deb 12 March 2024, vol 747, col 123: the column is the citation's locator."""
    text = Markup("{} Deb {}, vol {}").format(
        _HOUSE[ref.house or "Commons"], format_partial(ref.date), ref.volume
    )
    return _then(text, locator, comma=True)


def written_question(ref: Reference, locator: str = "") -> Markup:
    """HC Written Question 12345, answered 3 March 2024."""
    text = Markup("{} Written Question {}, answered {}").format(
        _HOUSE[ref.house or "Commons"], ref.uin, format_partial(ref.date)
    )
    return _then(text, locator, comma=True)


def legislation(ref: Reference, locator: str = "") -> Markup:
    """Offender Rehabilitation Act 2014, s 2: short title and year in roman."""
    return _then(escape(ref.title), locator, comma=True)


def _then(text: Markup, locator: str, *, comma: bool = False) -> Markup:
    """`text` followed by the locator: after a comma for primary material."""
    if not locator:
        return text
    return text + Markup(", " if comma else " ") + locator_html(locator)


_Write = Callable[[Reference, str], Markup]
_FULL: dict[str, _Write] = {
    "press release": press_release,
    "hansard": hansard,
    "written question": written_question,
    "legislation": legislation,
}
_REPEATED: dict[str, _Write] = {
    "hansard": hansard,
    "written question": written_question,
    "legislation": legislation,
}
