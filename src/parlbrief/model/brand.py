"""How an organisation's briefings look: name, colours, logo, fonts, footer."""

from __future__ import annotations

from parlbrief.model.base import Id, Model, Text
from parlbrief.model.contact import ContactDetails


class Colours(Model):
    """Brand colours (checked as safe CSS colours in validate.py)."""

    primary: Text = "#1f3a5f"
    accent: Text = "#c8102e"
    text: Text = "#1d1d1f"
    muted: Text = "#5f6368"
    tint: Text = "#eef2f7"


class Fonts(Model):
    body: Text = "Lato"
    heading: Text = "Lato"


class Brand(Model):
    """How an organisation's briefings look: name, colours, logo, fonts, footer."""

    id: Id
    name: Text
    name_in_sentence: Text | None = None
    """The name as a sentence uses it, with its article if it takes one: 'the Local
    Government Association' (written evidence is "submitted by" it). Default: `name`."""
    tagline: Text | None = None
    colours: Colours = Colours()
    fonts: Fonts = Fonts()
    logo: Text | None = None
    """An SVG, PNG or JPEG file next to brand.yaml (an SVG's <title> is its alt text)."""
    footer: Text | None = None
    contact: ContactDetails | None = None
    """Printed at the end of every briefing that gives no contact of its own."""
    label: Text = "Parliamentary briefing"
    """What the masthead calls the document, unless a briefing gives its own `label`."""
    about: Text | None = None
    """A few sentences about the organisation, for written evidence's introduction."""
    address: Text | None = None
    """The postal address on a letter's letterhead, one line: '1 Union Street, London'."""
