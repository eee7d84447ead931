"""The debate a briefing is for: the House, the kind of debate, its day and title.

Printed in the standard form above a briefing's title (parlbrief.resolve.debate_form):
"Westminster Hall debate, Tuesday 7 November 2017: Temporary accommodation".
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BeforeValidator

from parlbrief.model.base import Day, Model, Text

#: The chambers a briefing's debate can be held in, as the Houses name themselves.
DebateHouse = Literal["Commons", "Lords", "Westminster Hall", "Scottish Parliament", "Senedd"]
HOUSES: tuple[str, ...] = get_args(DebateHouse)

#: Other ways of writing a House that mean one of HOUSES: the casefolded form on the left.
_ALIASES = {
    "house of commons": "Commons",
    "house of lords": "Lords",
    "scottish parliament": "Scottish Parliament",
    "holyrood": "Scottish Parliament",
    "senedd cymru": "Senedd",
    "welsh parliament": "Senedd",
}


def _house(value: object) -> object:
    """A House written in any case, or by its full name ('House of Commons'), as one
    of HOUSES; anything else left as written, for the message listing the valid ones."""
    if not isinstance(value, str):
        return value
    folded = " ".join(value.split()).casefold()
    for house in HOUSES:
        if folded == house.casefold():
            return house
    return _ALIASES.get(folded, value)


HouseName = Annotated[DebateHouse, BeforeValidator(_house)]


class Debate(Model):
    """The debate a briefing is written for."""

    house: HouseName
    """Where it is held: Commons, Lords, Westminster Hall, Scottish Parliament or Senedd."""
    kind: Text
    """What kind of debate it is, as the House's business papers call it: 'Westminster
    Hall debate', 'Backbench Business debate', 'Opposition Day debate', 'Second reading
    of the Probation Services Bill', 'Question for short debate'."""
    date: Day
    """The day it is held (or is due to be)."""
    title: Text
    """Its title as the Order Paper gives it: 'Temporary accommodation'."""
    secured_by: Text | None = None
    """Optional: the member who secured it, as they are named: 'Jane Smith MP'."""
