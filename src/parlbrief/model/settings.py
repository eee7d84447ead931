"""parlbrief.yaml, the project's settings, and the ministers' offices questions go to."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from parlbrief.model.base import Days, Id, Model, Text


class Office(Model):
    """A minister's office that questions are tabled to (parlbrief/offices.yaml lists
    the built-in ones; parlbrief.yaml `offices:` adds or replaces them, by id)."""

    id: Id
    ask: Text
    """How a written question addresses it, after 'To ask ': 'the Secretary of State
    for Justice'."""
    department: Text
    """The department that answers: 'Ministry of Justice'."""
    pronoun: Literal["he", "she"]
    """The office holder's, as the Table Office writes it ('what assessment he has made')."""
    names: list[Text] = Field(default_factory=list)
    """Other names a question's `to` may give it ('Justice Secretary', 'MoJ')."""


class Settings(Model):
    """parlbrief.yaml at the project root (every field optional)."""

    title: Text | None = None
    max_age_days: Days | None = None
    """Statistics older than this (by as_of) are stale unless they give review_by."""
    require_copies: bool = False
    """When true, `check` warns about every cited reference without a stored copy
    under sources/documents/ (an error under --strict)."""
    department: Text | None = None
    """The office that questions put to 'the Minister' are tabled to ('justice')."""
    offices: list[Office] = Field(default_factory=list)
    """Offices to add to (or, with the same id, replace) the built-in list."""
    citation_style: Text | None = None
    """How notes are worded: 'oscola' (the default), 'oscola-no-ibid', 'harvard', or a
    .csl file in the project ('styles/house.csl'). See docs/references.md."""
    draft_mark: bool = True
    """Mark a built draft "Draft" when what it says differs from its last published
    edition (`build --no-draft-mark` turns it off for one build)."""
