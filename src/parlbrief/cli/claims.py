"""`parlbrief claims ID`: the sentences of a briefing that rest on no source, on a
signal only ("See", "Cf"), or on the organisation's own word (`[our position]`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from parlbrief.cli.core import (
    DebugOpt,
    JsonOpt,
    ProjectOpt,
    app,
    count,
    escape,
    out,
    parse_keys,
    print_json,
    reporting,
)
from parlbrief.project import Project

if TYPE_CHECKING:
    from parlbrief.check import Checked
    from parlbrief.sentences import Claim, ClaimKind

#: Each kind's heading, and what to do about it.
_HEADINGS: dict[str, str] = {
    "unsourced": "Rests on no source ({n}): give each a note, or mark it [our position]",
    "signal": "Supported only by signal ({n}): 'See' and 'Cf' say the source does not "
    "state it; cite one that does where you can",
    "own": "Our own position ({n}): marked [our position], resting on our word",
}


@app.command("claims")
def claims_command(
    briefing: Annotated[str, typer.Argument(help="A briefing id (or id/variant).")],
    project: ProjectOpt = Path("."),
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """List the briefing's sentences that state a number, a date, a quotation or a
    comparison without a note, those whose notes support them only by signal ("See",
    "Cf"), and those marked as the organisation's own position, each at file:line."""
    from parlbrief.check import check, select
    from parlbrief.sentences import claims, unique

    with reporting(as_json=as_json, debug=debug, outcome="listed"):
        checked = check(Project.at(project))
        checked.problems.raise_if_errors()
        keys = select(checked, parse_keys([briefing]))
    # Warnings are `check`'s to give: here they would bury the list asked for.
    found = unique(c for key in keys for c in claims(checked.resolved[key]))
    if as_json:
        print_json({"briefing": briefing, "counts": _counts(found), "claims": _json(found)})
        return
    resolved = checked.resolved[keys[0]].briefing
    out().print(f"[bold]{escape(resolved.series)}: {escape(resolved.title)}[/]")
    out().print(summary(found) or "Every sentence that states a fact has a note of its own.")
    for kind in _HEADINGS:
        _print_kind(kind, [c for c in found if c.kind == kind])


def check_line(checked: Checked) -> str | None:
    """The line `parlbrief check` prints about every briefing's claims; None if none."""
    from parlbrief.sentences import claims, unique

    found = unique(c for resolved in checked.resolved.values() for c in claims(resolved))
    said = summary(found)
    return f"Claims: {said[:-1]} - `parlbrief claims ID` lists them." if said else None


def summary(found: list[Claim]) -> str | None:
    """'3 sentences rest on no source, 10 on a signal only, 1 is our own position'."""
    counts = _counts(found)
    if not any(counts.values()):
        return None
    return (
        f"{count(counts['unsourced'], 'sentence')} rest on no source, "
        f"{counts['signal']} on a signal only ('See', 'Cf'), "
        f"{counts['own']} marked as our own position."
    )


def _counts(found: list[Claim]) -> dict[str, int]:
    kinds: tuple[ClaimKind, ...] = ("unsourced", "signal", "own")
    return {kind: sum(1 for c in found if c.kind == kind) for kind in kinds}


def _print_kind(kind: str, found: list[Claim]) -> None:
    if not found:
        return
    out().print(f"\n[bold]{escape(_HEADINGS[kind].format(n=len(found)))}[/]")
    for claim in found:
        out().print(f"{escape(str(claim.origin))}: {escape(_why(claim))}")
        out().print(f"  “{escape(claim.text)}”")


def _why(claim: Claim) -> str:
    """'a number, a date' or 'note 10 (See)'."""
    if claim.kind == "signal":
        notes = ", ".join(str(n) for n in claim.notes)
        word = "note" if len(claim.notes) == 1 else "notes"
        return f"{word} {notes} ({', '.join(dict.fromkeys(claim.signals))})"
    states = ", ".join(claim.states) or "a statement"
    return f"states {states}" if claim.kind == "unsourced" else f"states {states} (our position)"


def _json(found: list[Claim]) -> list[dict[str, Any]]:
    return [
        {
            "path": c.origin.path,
            "line": c.origin.line,
            "kind": c.kind,
            "text": c.text,
            "states": list(c.states),
            "notes": list(c.notes),
            "signals": list(c.signals),
        }
        for c in found
    ]
