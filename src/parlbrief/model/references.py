"""A reference: a source that a claim or a figure can be traced to, checked against
its kind's entry in model.reference_kinds (what it must give, what it need not say)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, model_validator

from parlbrief.model.base import ID_PATTERN, Id, Model, PartialDate, Text
from parlbrief.model.reference_kinds import KindName, reference_kind, with_defaults

House = Literal["Commons", "Lords"]


class Reference(Model):
    """A source that a claim or a figure can be traced to."""

    id: Id
    kind: KindName
    """One of the kinds in model.reference_kinds: 'report', 'hansard' ..."""
    author: Text
    """The organisation or person responsible, e.g. 'House of Commons Justice Committee'.
    Hansard and written questions: the House; legislation: 'Parliament' (not printed)."""
    title: Text | None = None
    """Required but for Hansard and written questions, whose notes OSCOLA writes without."""
    date: Annotated[PartialDate, BeforeValidator(PartialDate.parse)]
    """For a written question, the day it was answered; an Act's defaults to its year.
    Read as a field (not in the model's own validator) so that a bad date is said at
    its line and the item's other problems are said too."""
    publisher: Text | None = None
    """Left out of notes when it repeats the author."""
    series: Text | None = None
    """e.g. 'Eighth Report of Session 2010–12' or 'HC 519'."""
    url: Text | None = None
    short: Text | None = None
    """Short author used in later notes: 'Justice Committee (n 3)'."""
    known_as: Text | None = None
    """The short name the source is known by ('Franks Report'): the first note ends with
    it in brackets and later notes cite it by it, 'Franks Report (n 3) para 12' (OSCOLA
    4th edn 1.3 and 3.4.1)."""
    house: House | None = None
    """Hansard and written questions: the House, 'Commons' or 'Lords'."""
    volume: Text | None = None
    """Hansard: the volume of the debates, e.g. '747'."""
    uin: Text | None = None
    """A written question's number (UIN) on the Parliament website, e.g. '12345'."""
    reproduced_in: Text | None = None
    """Where the source was read, when it is known only as another reproduced it: the
    id of that reference ('so-how-did-it-go-2022'), or words ('a reader’s comment on the
    probation blog post ‘So, How Did It Go?’ (23 August 2022)'). The first note reads
    '..., as reproduced in' that reference in full, or the words (OSCOLA 1.4)."""
    csl: dict[str, Any] | None = None
    """The CSL-JSON item a reference from a Zotero export (sources/references/*.json)
    was read from: its notes are worded from it. Never written in YAML."""

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        if isinstance(data, dict):
            if "csl" in data:
                raise ValueError(
                    "csl: is read from a Zotero export, not written by hand - put the item"
                    " in a .json file under sources/references/, or use the YAML fields"
                )
            data = with_defaults(data)
        return data

    @property
    def reproduced_by(self) -> str | None:
        """The id of the reference `reproduced_in:` names; None for words, or none."""
        said = self.reproduced_in
        return said if said is not None and re.fullmatch(ID_PATTERN, said) else None

    @model_validator(mode="after")
    def _kind_fields(self) -> Reference:
        needed = reference_kind(self.kind).needs
        missing = [name for name in needed if getattr(self, name) is None]
        if missing:
            raise ValueError(
                f"a {self.kind} reference needs "
                + " and ".join(f"'{name}: {needed[name]}'" for name in missing)
                + " - add "
                + ("it" if len(missing) == 1 else "them")
            )
        return self
