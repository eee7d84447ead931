"""A reference known only as another reproduced it (`reproduced_in:` naming that
reference's id): the reference named must be there, and no source may be known only
through itself, however far round."""

from __future__ import annotations

from collections.abc import Mapping

from parlbrief.errors import Problems
from parlbrief.model import Reference


def check_reproductions(
    references: Mapping[str, Reference], problems: Problems, broken: set[str], *, complete: bool
) -> None:
    """Report each `reproduced_in:` naming no reference (unless that reference failed to
    load, or a references file could not be read: both already reported), and each
    that leads back to its own reference."""
    for ref in references.values():
        named = ref.reproduced_by
        if named is None or named in broken:
            continue
        where = ref.at("reproduced_in")
        if named not in references:
            if not complete:
                continue
            problems.error(
                where,
                f"reproduced_in: there is no reference '{named}' - give the id of the"
                " reference the source was read in, or describe it in words",
            )
        elif _round(ref, references):
            problems.error(
                where,
                f"reproduced_in: '{named}' leads back to '{ref.id}', so neither says where"
                " the source was read - name the reference it was read in",
            )


def _round(ref: Reference, references: Mapping[str, Reference]) -> bool:
    """Whether following `reproduced_in:` from `ref` comes back to it (a round that
    does not pass through `ref` is said at the references on it)."""
    seen = {ref.id}
    named = ref.reproduced_by
    while named is not None and named in references and named not in seen:
        seen.add(named)
        named = references[named].reproduced_by
    return named == ref.id
