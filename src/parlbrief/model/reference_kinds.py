"""The kinds of reference, one entry each: what each must give and how its notes read.

A reference's `kind:` names an entry of REFERENCE_KINDS. Adding a kind of reference is
one entry here (and, should it need a field no kind has yet, that field on
model.references.Reference) and its CSL type in resolve.csl.items: a briefing's notes
are worded by its CSL style, which decides ibid and '(n 3)' for every kind alike. The
patterns below are the forms those notes take, and resolve.citations words a source
by them where the style gives it no entry of its own.

Most kinds are cited in OSCOLA's usual form, in full in the first note and short after:

    report            House of Commons Justice Committee, *The role of the Probation
                      Service* (27 July 2011) para 90
    in a later note   Justice Committee (n 3) para 102

Press releases, Hansard, written questions and legislation have forms of their own
(OSCOLA 4th edn, 2.4, 2.6.3 and 3.4), given here as patterns of their fields:

    press release     Ministry of Justice, ‘Title’ (press release, 12 March 2024) <url>
    hansard           HC Deb 12 March 2024, vol 747, col 123
    written question  HC Written Question 12345, answered 3 March 2024
    legislation       Offender Rehabilitation Act 2014, s 2

Hansard, written questions and Acts are primary material: a later note repeats them
(without the web address) rather than pointing back with '(n 3)'.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

#: A reference as written, before it is checked: its fields by name.
Written = dict[str, Any]


@dataclass(frozen=True)
class ReferenceKind:
    """One kind of reference: the fields it must give, and the form of its notes."""

    name: str
    """What a reference's `kind:` says: 'report', 'hansard'."""
    needs: Mapping[str, str] = field(default_factory=lambda: {"title": "..."})
    """The fields it must give besides id, kind, author and date, each with an example
    for the message that asks for it."""
    note: str | None = None
    """Its first note as a pattern of its fields, or None for OSCOLA's usual form
    (Author, *Title* (series, publisher, date)). `{date}` is printed '12 March 2024'
    and `{house}` as OSCOLA abbreviates it (HOUSES); the citation's locator and the
    web address follow."""
    primary: bool = False
    """Primary material: a later note repeats the first (without the web address), not
    'Author (n 3)', and a locator follows a comma ('vol 747, col 123')."""
    defaults: Callable[[Written], Written] | None = None
    """What a reference of this kind need not say, filled in (its author, its date)."""


#: 'HC' or 'HL', as OSCOLA abbreviates each House.
HOUSES = {"Commons": "HC", "Lords": "HL"}
_YEAR = re.compile(r"\b(1[2-9][0-9]{2}|20[0-9]{2})\b")


def house_as_author(data: Written) -> Written:
    """Hansard and written questions: the House is the author ('House of Commons')."""
    if "author" in data:
        return data
    house = data.get("house")
    # Without a house, the message asks for one (not for an author).
    author = f"House of {house.strip()}" if isinstance(house, str) else "Parliament"
    return {**data, "author": author}


def act_defaults(data: Written) -> Written:
    """An Act: Parliament is its author, and the year in its short title its date."""
    title = data.get("title")
    if "author" not in data:
        data = {**data, "author": "Parliament"}
    years = _YEAR.findall(title) if isinstance(title, str) else []
    if "date" not in data and years:
        data = {**data, "date": years[-1]}
    return data


#: Every kind of reference, in the order a message lists them.
REFERENCE_KINDS: dict[str, ReferenceKind] = {
    kind.name: kind
    for kind in (
        ReferenceKind("report"),
        ReferenceKind("official statistics"),
        ReferenceKind("committee report"),
        ReferenceKind("evidence"),
        ReferenceKind("article"),
        ReferenceKind("case study"),
        ReferenceKind("web page"),
        ReferenceKind("dataset"),
        ReferenceKind("press release", note="{author}, ‘{title}’ (press release, {date})"),
        ReferenceKind(
            "hansard",
            needs={"house": "Commons", "volume": "747"},
            note="{house} Deb {date}, vol {volume}",
            primary=True,
            defaults=house_as_author,
        ),
        ReferenceKind(
            "written question",
            needs={"house": "Commons", "uin": "12345"},
            note="{house} Written Question {uin}, answered {date}",
            primary=True,
            defaults=house_as_author,
        ),
        ReferenceKind("legislation", note="{title}", primary=True, defaults=act_defaults),
    )
}

if TYPE_CHECKING:
    KindName = str
else:
    # A Literal of the table's names: pydantic refuses any other `kind:`, and its
    # message lists the kinds (as it did when they were written out here by hand).
    KindName = Literal[tuple(REFERENCE_KINDS)]


def reference_kind(name: str) -> ReferenceKind:
    """The entry for a checked reference's `kind`."""
    return REFERENCE_KINDS[name]


def with_defaults(data: Written) -> Written:
    """A reference as written, with what its kind need not say filled in."""
    name = data.get("kind")
    kind = REFERENCE_KINDS.get(name) if isinstance(name, str) else None
    return kind.defaults(data) if kind is not None and kind.defaults else data
