"""Checks over resolved briefings: stale and mislabelled figures, unused references.

These need to know what each briefing prints, so they run after stage 3 (see
parlbrief.check); each adds warnings, which `--strict` turns into errors.

A statistic is stale when today is after its `review_by`, or, when it gives no
`review_by`, when the date it describes (`as_of`) is more than parlbrief.yaml's
`max_age_days` ago, or about 18 months ago (`DEFAULT_MAX_AGE_DAYS`) in a project that
sets none: a figure two years old should not go to an MP unremarked. A derived figure
without its own dates is judged by the latest figure it is made from. `check` warns
about stale figures that a briefing prints; `--strict` turns the warnings into errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from parlbrief.errors import Problems
from parlbrief.load import Corpus
from parlbrief.model import Model, Settings
from parlbrief.resolve import ResolvedBriefing
from parlbrief.resolve.formatting import format_day
from parlbrief.resolve.leftovers import find_leftover_markup
from parlbrief.resolve.placeholders import warn_placeholders
from parlbrief.resolve.values import Figure


def audit(
    corpus: Corpus, resolved: Iterable[ResolvedBriefing], on: date, problems: Problems
) -> None:
    """Every check that needs the resolved briefings, as of the day `on`."""
    briefings = list(resolved)
    warn_stale(corpus, briefings, on, problems)
    warn_unused(corpus, briefings, problems)
    refuse_markup_outside_prose(corpus, problems)
    warn_placeholders(corpus, briefings, problems)


#: Fields printed as typed, never read as Markdown: a citation there would print raw.
_PLAIN_FIELDS: dict[str, tuple[str, ...]] = {
    "briefings": ("series", "campaign", "title", "strapline"),
    "questions": ("to",),
    "statistics": ("label",),
}


def refuse_markup_outside_prose(corpus: Corpus, problems: Problems) -> None:
    """A citation or figure written in a field that is printed as typed (a title, a
    label) is an error at that field's line, before it could reach a page."""
    for kind, fields in _PLAIN_FIELDS.items():
        items: dict[str, Model] = getattr(corpus, kind)
        for item in items.values():
            for name in fields:
                value = getattr(item, name, None)
                found = find_leftover_markup(value) if isinstance(value, str) else []
                if found:
                    problems.error(
                        item.at(name),
                        f"{name}: {found[0].markup!r} is printed as typed here: citations "
                        "and figures work only in prose (a summary, a section's text, an "
                        "argument, a question) - move it there or reword it",
                    )


#: How old a figure may be, in days, when parlbrief.yaml sets no `max_age_days`:
#: 18 months (of 30.4 days).
DEFAULT_MAX_AGE_DAYS = 548


def stale_reason(figure: Figure, settings: Settings, on: date) -> str | None:
    """Why the figure is stale on `on` ('it was due for review on 1 March 2023'), or None."""
    review_by = figure.stat.review_by
    if review_by is not None:
        return f"it was due for review on {format_day(review_by)}" if on > review_by else None
    days = settings.max_age_days
    limit = figure.as_of + timedelta(days=DEFAULT_MAX_AGE_DAYS if days is None else days)
    if on <= limit:
        return None
    if days is None:
        return (
            f"it describes {format_day(figure.as_of)}, more than 18 months ago (parlbrief's "
            "default: set max_age_days in parlbrief.yaml, or review_by on the figure, to "
            "allow longer)"
        )
    return (
        f"it describes {format_day(figure.as_of)}, more than "
        f"{days} days ago (max_age_days in parlbrief.yaml)"
    )


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: A month named in a label, "June 2022", as labels date their figures.
_MONTH_YEAR = re.compile(rf"\b({'|'.join(_MONTHS)}) (\d{{4}})\b")


def label_mismatch(figure: Figure) -> str | None:
    """The month a label names when none it names is the figure's own ('May 2022').

    `figures set` moves a figure to a new date but leaves its label as it was, so a
    label that says "Vacancies, May 2022" can end up printed next to a June figure.
    A label naming no month ("in 2022/23", "by Napo") is not checked.
    """
    named = [(m[0], _MONTHS.index(m[1]) + 1, int(m[2])) for m in _MONTH_YEAR.finditer(figure.label)]
    own = (figure.as_of.month, figure.as_of.year)
    if not named or any((month, year) == own for _, month, year in named):
        return None
    return named[-1][0]


def how_to_update(figure: Figure) -> str:
    """What to do about a stale figure, depending on where its value is written."""
    stat = figure.stat
    if figure.row is not None:
        return f"check for newer figures and update {figure.row.file} line {figure.row.line}"
    if stat.formula is not None:
        return "update the figures it is made from, or its review_by date"
    return (
        "check for newer figures and update it with "
        f"`parlbrief figures set {stat.id} VALUE --as-of DATE`"
    )


def warn_stale(
    corpus: Corpus, resolved: Iterable[ResolvedBriefing], on: date, problems: Problems
) -> None:
    """One warning per stale statistic that some briefing prints (directly or derived),
    and one per statistic whose label names a month that is not the figure's own."""
    stale: set[str] = set()
    mislabelled: set[str] = set()
    for briefing in resolved:
        for sid, figure in briefing.figures.items():
            # A derived figure without its own review date is as stale as its inputs,
            # which are warned about themselves: one warning says it.
            derived = figure.stat.formula is not None and figure.stat.review_by is None
            reason = None if sid in stale or derived else stale_reason(figure, corpus.settings, on)
            if reason is not None:
                stale.add(sid)
                problems.warning(
                    figure.stat.origin,
                    f"{sid} is stale: {reason} - {how_to_update(figure)}",
                )
            # A derived figure's date is its latest input's: its label is checked too.
            named = None if sid in mislabelled else label_mismatch(figure)
            if named is not None:
                mislabelled.add(sid)
                problems.warning(
                    figure.stat.at("label"),
                    f"{sid}: the label says '{named}' but the figure is as at "
                    f"{format_day(figure.as_of)} - change the label to match",
                )


def warn_unused(corpus: Corpus, resolved: Iterable[ResolvedBriefing], problems: Problems) -> None:
    """Warn about references that no briefing cites: usually a typo or a leftover."""
    cited = {ref.id for briefing in resolved for ref in briefing.sources}
    cited |= {s.source for s in corpus.statistics.values() if s.source}
    for ref in corpus.references.values():
        if ref.id not in cited:
            problems.warning(ref.origin, f"{ref.id}: no briefing cites this reference")
