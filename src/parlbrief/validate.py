"""Stage 2: checks across files, which no single file's schema can make."""

from __future__ import annotations

from collections.abc import Iterable

from parlbrief.errors import Problems
from parlbrief.load import Corpus
from parlbrief.resolve import ResolvedBriefing


def validate_corpus(corpus: Corpus, problems: Problems) -> None:
    """Ids unique across kinds; every statistic tied to a known source."""
    seen: dict[str, str] = {}
    for item_id, origin in corpus.all_ids():
        if item_id in seen:
            problems.error(
                origin, f"the id '{item_id}' is already used at {seen[item_id]} - rename one"
            )
        else:
            seen[item_id] = str(origin)
    for stat in corpus.statistics.values():
        if stat.source is None:
            problems.warning(
                stat.origin,
                f"{stat.id}: this statistic has no source - add 'source: <reference id>'",
            )
        elif stat.source not in corpus.references:
            problems.error(
                stat.origin,
                f"source: there is no reference '{stat.source}' - "
                "check the id against sources/references/",
            )


def validate_usage(
    corpus: Corpus, resolved: Iterable[ResolvedBriefing], problems: Problems
) -> None:
    """Warn about references that no briefing cites: usually a typo or a leftover."""
    cited = {ref.id for briefing in resolved for ref in briefing.sources}
    cited |= {s.source for s in corpus.statistics.values() if s.source}
    for ref in corpus.references.values():
        if ref.id not in cited:
            problems.warning(ref.origin, f"{ref.id}: no briefing cites this reference")
