"""Figures: each dated and tied to where it comes from."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from parlbrief.model.base import VARIANT, Day, Figure, Id, Model, Text

NumberKind = Literal["count", "percentage", "money"]


class DataCell(Model):
    """A figure read from a CSV table under sources/data/."""

    file: Text
    """The CSV file, relative to sources/data/, e.g. 'probation-officers.csv'."""
    row: dict[str, str]
    """Column values that pick one row, e.g. {period: 2022-06}."""
    column: Text
    """The column holding the figure."""


class Statistic(Model):
    """A figure, dated, tied to where it comes from."""

    id: Id
    label: Text
    kind: NumberKind
    as_of: Day | None = None
    """The date the figure describes (not the date it was published). A figure from a
    formula may leave it out: it is then the latest date of the figures it is made from."""
    value: Figure | None = None
    data: DataCell | None = None
    formula: Text | None = None
    """Derived from other statistics, e.g. 'po-required-jun-2022 - po-in-post-jun-2022'."""
    method: Text | None = None
    """How a derived figure is worked out, in words for its footnote: 'required staffing
    minus staff in post'. Without it the note lists the figures it is made from."""
    source: Id | None = None
    pinpoint: Text | None = None
    approximate: bool = False
    review_by: Day | None = None
    """When the figure should be checked again; after this date it is stale."""

    @model_validator(mode="after")
    def _one_value(self) -> Statistic:
        given = [n for n in ("value", "data", "formula") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of 'value', 'data' or 'formula'"
                + (f" (found {', '.join(given)})" if given else "")
            )
        if self.as_of is None and self.formula is None:
            raise ValueError("as_of: give the date the figure describes, such as 2022-06-30")
        if self.review_by and self.as_of and self.review_by < self.as_of:
            raise ValueError(
                f"review_by ({self.review_by}) is before as_of ({self.as_of}) - "
                "give a review date after the date the figure describes"
            )
        return self

    @property
    def variant_bound(self) -> bool:
        """Whether the figure reads the row of the variant being built ('{variant}')."""
        return self.data is not None and any(VARIANT in v for v in self.data.row.values())
