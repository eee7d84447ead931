"""Resolve every briefing, once, or once per row of its variants table.

A briefing with `variants: {data: regions.csv, key: region}` becomes one resolved
briefing per row, keyed '<id>/<slug>' (the slug made from the row's `region`), which
the build writes to build/<id>/<slug>.pdf. In a variant, '{variant}' in the title,
strapline, prose, panel headings and statistic labels stands for the row's name (and
'{variant.<column>}' for its cell in another column), and statistics whose data row
names '{variant}' read that row.
"""

from __future__ import annotations

import re
import unicodedata

from parlbrief.errors import Problems
from parlbrief.load import Corpus
from parlbrief.load.data import no_such_table
from parlbrief.model import Briefing
from parlbrief.model.variant_text import fill_variant
from parlbrief.resolve import ResolvedBriefing, Variant, check_fragments, resolve_briefing
from parlbrief.resolve.packs import is_pack, resolve_packs
from parlbrief.resolve.values import Values


def resolve_all(corpus: Corpus, problems: Problems) -> dict[str, ResolvedBriefing]:
    """Every output to build, by key: '<id>', or '<id>/<variant>' for each variant."""
    values = Values(corpus, problems)
    values.evaluate_all()  # so that a broken statistic is reported even if unused
    resolved: dict[str, ResolvedBriefing] = {}
    for bid, briefing in sorted(corpus.briefings.items()):
        if is_pack(briefing):
            continue  # bound from its parts below
        if briefing.variants is None:
            resolved[bid] = resolve_briefing(corpus, briefing, problems, values)
            continue
        # A mistake in the briefing itself would show once per variant: say it once.
        local = Problems()
        for variant in variants_of(corpus, briefing, problems):
            result = resolve_briefing(
                corpus,
                _filled(briefing, variant),
                local,
                values.for_variant(variant.name, variant.row),
                variant,
            )
            resolved[result.key] = result
        for problem in dict.fromkeys(local.items):
            problems.items.append(problem)
    # Packs last: the briefings they bind have said their own problems by then.
    resolved |= resolve_packs(corpus, problems, values)
    used = {a.id for r in resolved.values() for a in r.arguments}
    used |= {q.id for r in resolved.values() for q in r.question_items}
    check_fragments(corpus, used, problems, values)
    return resolved


def variants_of(corpus: Corpus, briefing: Briefing, problems: Problems) -> list[Variant]:
    """One Variant per row of the briefing's variants table; problems at their lines."""
    spec = briefing.variants
    assert spec is not None
    table = corpus.data.get(spec.data)
    if table is None:
        problems.error(briefing.origin, no_such_table("variants", spec.data, corpus.data))
        return []
    if spec.key not in table.columns:
        problems.error(
            briefing.origin,
            f"variants: {table.path} has no column '{spec.key}' "
            f"(its columns: {', '.join(table.columns)}) - check 'key'",
        )
        return []
    variants: list[Variant] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        name = row.get(spec.key).strip()
        slug = slugify(name)
        if not slug:
            problems.error(row.origin, f"column '{spec.key}' is empty - name this variant")
            continue
        if slug in seen:
            problems.error(
                row.origin,
                f"'{name}' gives the same file name ({slug}) as line {seen[slug]} - "
                "make the names different",
            )
            continue
        seen[slug] = row.line
        variants.append(Variant(name, slug, row))
    if not variants and table.rows == []:
        problems.error(briefing.origin, f"variants: {table.path} has no rows - add one per variant")
    return variants


def slugify(name: str) -> str:
    """'Kent, Surrey and Sussex' -> 'kent-surrey-and-sussex' (ASCII, for file names)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _filled(briefing: Briefing, variant: Variant) -> Briefing:
    """The briefing with '{variant}' in its title, strapline and campaign replaced."""
    fields = {"title": briefing.title, "strapline": briefing.strapline}
    fields["campaign"] = briefing.campaign
    filled = {
        k: fill_variant(v, variant.name, variant.row.by_column) for k, v in fields.items() if v
    }
    update = {k: v for k, v in filled.items() if v != fields[k]}
    return briefing.model_copy(update=update) if update else briefing
