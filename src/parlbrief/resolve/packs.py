"""Packs (`template: pack`): several briefings bound into one document for a debate.

A pack lists the ids of the briefings it binds under `include:`, in order. A pack may
include another pack, whose parts it then binds in their place; a briefing bound twice
is bound once, where it first comes. Mistakes are reported at the line of the
`include:` entry: an id that names no briefing, a pack that includes itself (directly
or through other packs), a briefing built once per row of a table (which of its
variants would be bound?). The pack itself is resolved by `resolve_pack`, its notes
numbered through all its parts (see parlbrief.resolve).
"""

from __future__ import annotations

from parlbrief.errors import Origin, Problems
from parlbrief.load import Corpus
from parlbrief.model import Briefing
from parlbrief.model.briefing import PACK
from parlbrief.resolve import ResolvedBriefing, resolve_pack
from parlbrief.resolve.values import Values


def is_pack(briefing: Briefing) -> bool:
    return briefing.template == PACK


def resolve_packs(
    corpus: Corpus, problems: Problems, values: Values
) -> dict[str, ResolvedBriefing]:
    """Every pack, resolved, by id; problems in its parts are said once, by the parts."""
    resolved: dict[str, ResolvedBriefing] = {}
    for pack in sorted(corpus.briefings.values(), key=lambda b: b.id):
        if not is_pack(pack):
            check_not_a_pack(pack, problems)
            continue
        parts = pack_parts(corpus, pack, problems)
        if parts is None:
            continue
        local = Problems()
        resolved[pack.id] = resolve_pack(corpus, pack, parts, local, values)
        _add_new(problems, local)
    return resolved


def check_not_a_pack(briefing: Briefing, problems: Problems) -> None:
    """`include:` belongs to packs only."""
    if briefing.include:
        problems.error(
            briefing.at("include"),
            "include: only a pack binds other briefings - add 'template: pack' (and take "
            "out its sections), or take out 'include:'",
        )


def pack_parts(corpus: Corpus, pack: Briefing, problems: Problems) -> list[Briefing] | None:
    """The briefings `pack` binds, in order; None, reported, if it cannot be made."""
    before = len(problems.errors)
    if _own_kind_named_pack(corpus, pack, problems):
        return None
    _check_shape(pack, problems)
    found: dict[str, Briefing] = {}
    _gather(corpus, pack, (pack.id,), found, problems)
    if len(problems.errors) > before:
        return None
    return list(found.values())


def _own_kind_named_pack(corpus: Corpus, pack: Briefing, problems: Problems) -> bool:
    """A project that made a kind of its own called 'pack' (templates/pack.html.j2)
    before parlbrief had packs: its briefings have sections, and are told how to keep
    their kind under another name."""
    own = corpus.root is not None and (corpus.root / "templates" / "pack.html.j2").is_file()
    if not (own and pack.sections):
        return False
    problems.error(
        pack.at("template"),
        "template: 'pack' is now parlbrief's own kind, which binds briefings "
        "(docs/packs.md), so your templates/pack.html.j2 no longer makes a kind - rename "
        "it (and pack.css) to another name, such as templates/our-pack.html.j2, and write "
        "'template: our-pack' here",
    )
    return True


def _check_shape(pack: Briefing, problems: Problems) -> None:
    """A pack binds at least one briefing, has no sections and no variants of its own."""
    if not pack.include:
        problems.error(
            pack.at("include"),
            "include: a pack binds briefings - list their ids under 'include:', one to a "
            "line ('  - briefing-5')",
        )
    if pack.sections:
        problems.error(
            pack.at("sections"),
            "sections: a pack's parts are the briefings it includes - put this text in a "
            "briefing of its own and include it, or take out 'sections:'",
        )
    if pack.variants is not None:
        problems.error(
            pack.at("variants"),
            "variants: a pack is made once, not once per row of a table - take out 'variants:'",
        )


def _gather(
    corpus: Corpus,
    pack: Briefing,
    trail: tuple[str, ...],
    found: dict[str, Briefing],
    problems: Problems,
    outer: Origin | None = None,
) -> None:
    """Add the briefings `pack` binds to `found`. `trail` is the packs on the way here,
    the outermost first: one met again closes a circle. Inside an included pack
    (`outer` is then the line that includes it), only a circle is reported, at
    `outer`: the inner pack's other mistakes are said at its own lines."""
    for index, bid in enumerate(pack.include):
        where = outer or pack.at("include", index)
        part = corpus.briefings.get(bid)
        if bid in trail:
            _circle(trail, bid, where, problems)
        elif part is not None and is_pack(part):
            _gather(corpus, part, (*trail, bid), found, problems, where)
        elif outer is not None:
            if part is not None and part.variants is None:
                found.setdefault(bid, part)
        elif part is None:
            _no_such_briefing(corpus, bid, where, problems)
        elif part.variants is not None:
            problems.error(
                where,
                f"include: '{bid}' is made once per row of {part.variants.data}, so a pack "
                "cannot tell which to bind - include a briefing without variants",
            )
        else:
            found.setdefault(bid, part)


def _circle(trail: tuple[str, ...], bid: str, where: Origin, problems: Problems) -> None:
    if len(trail) == 1:
        problems.error(
            where,
            f"include: '{bid}' is this pack itself - a pack cannot include itself: take it out",
        )
        return
    path = " -> ".join((*trail, bid))
    problems.error(
        where,
        f"include: the packs include each other in a circle ({path}) - take one of "
        "them out of the other",
    )


def _no_such_briefing(corpus: Corpus, bid: str, where: Origin, problems: Problems) -> None:
    hint = corpus.missing(corpus.briefings, bid)
    if hint is None:
        return  # its own file's errors say why it is missing
    known = ", ".join(sorted(corpus.briefings))
    problems.error(
        where,
        f"include: there is no briefing '{bid}'{hint} (known: {known}) - check the id "
        "against the file names in briefings/",
    )


def _add_new(problems: Problems, found: Problems) -> None:
    """Add the problems not already said (a part's own, said when it was resolved)."""
    for problem in found.items:
        if problem not in problems.items:
            problems.items.append(problem)
