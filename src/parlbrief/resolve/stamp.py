"""The figures stamp under a briefing's title: what can truly be said of its figures.

"Figures correct as at 30 June 2022" is a claim: that the figures are data (not a
target or a projection), checked against their source, as at that date. The stamp
takes the latest date its data describe, leaving out figures dated after the briefing
itself (a target for 2027 is not data as at 2027). It never says "correct" over figures
that are illustrative (the figure's label or its source's title says "illustrative",
as the example's made-up regional figures do) or known only as reproduced elsewhere
(the reference says "as reproduced in", as docs/content-model.md asks): it says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parlbrief.model import Reference
from parlbrief.resolve.formatting import format_day
from parlbrief.resolve.resolved import ResolvedBriefing
from parlbrief.resolve.values import Figure


@dataclass(frozen=True)
class FiguresStamp:
    """What the stamp says, and the date of the data it speaks for."""

    text: str | None
    """'Figures correct as at 30 June 2022'; None when the briefing prints no data."""
    as_at: date | None
    """The latest date its data (neither targets nor illustrative) describe."""
    checked: bool
    """Whether every figure is data from a source read at first hand ('correct')."""


def figures_stamp(resolved: ResolvedBriefing) -> FiguresStamp:
    """The stamp for `resolved`'s figures."""
    sources = {ref.id: ref for ref in resolved.sources}
    data = [f for f in resolved.figures.values() if f.as_of <= resolved.briefing.date]
    made_up = [f for f in data if _illustrative(f, sources.get(f.stat.source or ""))]
    real = [f for f in data if f not in made_up]
    second_hand = [f for f in real if _reproduced(sources.get(f.stat.source or ""))]
    as_at = max((f.as_of for f in real), default=None)
    if as_at is None:
        text = "Illustrative figures, not official statistics" if made_up else None
        return FiguresStamp(text, None, checked=False)
    day = format_day(as_at)
    if made_up and second_hand:
        text = "Some figures illustrative, some reproduced"
    elif made_up:
        text = f"Figures as at {day}: some illustrative"
    elif second_hand:
        text = f"Figures as at {day}, as reproduced"
    else:
        return FiguresStamp(f"Figures correct as at {day}", as_at, checked=True)
    return FiguresStamp(text, as_at, checked=False)


def _illustrative(figure: Figure, source: Reference | None) -> bool:
    """Whether the figure says it is made up, in its label or its source's title."""
    said = [figure.label, source.title or "" if source else ""]
    return any("illustrative" in text.casefold() for text in said)


def _reproduced(source: Reference | None) -> bool:
    """Whether the source is known only as reproduced elsewhere ('as reproduced in')."""
    if source is None:
        return False
    if source.reproduced_in is not None:
        return True
    said = (source.series, source.publisher, source.title)
    return any("reproduced in" in text.casefold() for text in said if text)
