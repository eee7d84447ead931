"""`parlbrief source ID [PINPOINT]`: read what a citation points at, in the stored copy.

Without a pinpoint it lists the copy's passages with their first words; with one
(`para 84`, `paras 81–84`, `under 'Payment Mechanism'`) it prints those passages, so a
press officer can read what they cite. Exit codes: 0 ok, 1 the copy itself has
problems, 2 no such reference, copy or passage.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from parlbrief.cli.core import (
    DebugOpt,
    JsonOpt,
    ProjectOpt,
    app,
    escape,
    out,
    print_json,
    reporting,
)
from parlbrief.errors import ContentError, UsageError
from parlbrief.project import Project

if TYPE_CHECKING:
    from parlbrief.load import Corpus
    from parlbrief.load.documents import Passage, StoredCopy

#: How many words of each passage the list of passages shows.
FIRST_WORDS = 12

PinpointArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="A pinpoint as citations write it: para 84, paras 81–84, under 'Payment Mechanism'.",
        show_default=False,
    ),
]


@app.command("source")
def source_command(
    reference: Annotated[str, typer.Argument(help="The reference's id.", show_default=False)],
    pinpoint: PinpointArg = None,
    project: ProjectOpt = Path("."),
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Print the passages of a reference's stored copy (or, without a pinpoint, list them)."""
    from parlbrief.load import load_project

    wanted = " ".join(pinpoint or [])
    with reporting(as_json=as_json, debug=debug, outcome="shown"):
        corpus, problems = load_project(Project.at(project))
        copy = stored_copy(corpus, problems.items, reference)
        passages = chosen(copy, wanted)
    if as_json:
        print_json(as_dict(copy, passages))
    elif wanted:
        _print_passages(copy, passages)
    else:
        _print_list(copy)


def stored_copy(corpus: Corpus, problems: list[Any], reference: str) -> StoredCopy:
    """The reference's copy; ContentError if its file has problems, else UsageError."""
    copy = corpus.copies.get(reference)
    if copy is not None:
        return copy
    own = [p for p in problems if Path(p.origin.path).stem == reference]
    if own:
        raise ContentError(own)
    copies = ", ".join(sorted(corpus.copies)) or "none"
    if reference in corpus.references:
        raise UsageError(
            f"{reference} has no stored copy (references with one: {copies}) - "
            f"add sources/documents/{reference}.md"
        )
    raise UsageError(
        f"there is no reference called {reference} (references with a stored copy: {copies})"
    )


def chosen(copy: StoredCopy, pinpoint: str) -> list[Passage]:
    """The passages `pinpoint` names (every passage without one); UsageError otherwise."""
    from parlbrief.resolve.pinpoints import find_passages
    from parlbrief.resolve.quotes import MAX_LISTED, nearest_headings

    if not pinpoint:
        return list(copy.passages)
    found, missing = find_passages(copy, pinpoint)
    if missing:
        headings = [p.pinpoint for p in copy.passages if p.pinpoint]
        shown = headings if len(headings) <= MAX_LISTED else nearest_headings(headings, missing[0])
        label = "it has" if len(headings) <= MAX_LISTED else "the nearest are"
        raise UsageError(
            f"the stored copy of {copy.reference} has no passage '{missing[0]}' "
            f"({label} {', '.join(shown) or 'no headed passages'}) - see "
            f"`parlbrief source {copy.reference}`"
        )
    return found


def as_dict(copy: StoredCopy, passages: list[Passage]) -> dict[str, Any]:
    return {
        "reference": copy.reference,
        "path": copy.origin.path,
        "taken_from": copy.taken_from,
        "licence": copy.licence,
        "passages": [
            {"pinpoint": p.pinpoint, "path": p.origin.path, "line": p.origin.line, "text": p.text}
            for p in passages
        ],
    }


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    """The passage's opening words, past any '[…]' line: 'NOMS has developed a…'."""
    lines = [line for line in text.split("\n") if line.strip() not in ("", "[…]", "[...]")]
    words = " ".join(lines).split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _print_header(copy: StoredCopy) -> None:
    out().print(f"[bold]{escape(copy.reference)}[/] ({escape(copy.origin.path)})")
    out().print(f"Taken from: {escape(copy.taken_from)}")
    out().print(f"Licence: {escape(copy.licence)}")


def _print_list(copy: StoredCopy) -> None:
    _print_header(copy)
    named = [p for p in copy.passages if p.pinpoint]
    width = max((len(p.pinpoint) for p in named), default=0)
    out().print()
    for passage in named:
        words = escape(first_words(passage.text))
        out().print(f"  [bold]{escape(passage.pinpoint.ljust(width))}[/]  {words}")


def _print_passages(copy: StoredCopy, passages: list[Passage]) -> None:
    _print_header(copy)
    for passage in passages:
        out().print()
        out().print(f"[bold]## {escape(passage.pinpoint)}[/]  ({escape(str(passage.origin))})")
        out().print()
        out().print(escape(passage.text))
