"""`parlbrief check` (read and validate everything) and `parlbrief list` (the briefings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from parlbrief.cli.claims import check_line
from parlbrief.cli.core import (
    DebugOpt,
    JsonOpt,
    ProjectOpt,
    StrictOpt,
    app,
    count,
    err,
    escape,
    out,
    print_json,
    print_problems,
    reporting,
)
from parlbrief.project import Project


@app.command("check")
def check_command(
    project: ProjectOpt = Path("."),
    strict: StrictOpt = False,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Read and validate everything; render nothing. Prints each problem as path:line."""
    from parlbrief.check import check

    with reporting(as_json=as_json, debug=debug):
        checked = check(Project.at(project))
    problems = checked.problems.sorted()
    failed = bool(checked.problems.errors) or (strict and bool(checked.problems.warnings))
    if as_json:
        print_json({"ok": not failed, "problems": [p.as_dict() for p in problems]})
    else:
        print_problems(problems)
        if not problems:
            corpus = checked.corpus
            counts = ", ".join(
                count(len(items), noun)
                for items, noun in (
                    (corpus.briefings, "briefing"),
                    (corpus.references, "reference"),
                    (corpus.statistics, "statistic"),
                )
            )
            typer.echo(f"{typer.style('All good:', fg='green')} {counts}.")
        # What rests on no source is not a problem, but an editor should know of it.
        said = check_line(checked)
        if said:
            typer.echo(said)
    if failed:
        raise typer.Exit(1)


@app.command("list")
def list_command(
    project: ProjectOpt = Path("."), as_json: JsonOpt = False, debug: DebugOpt = False
) -> None:
    """List the project's briefings."""
    from parlbrief.check import check
    from parlbrief.model import VARIANT

    with reporting(as_json=as_json, debug=debug):
        checked = check(Project.at(project))
    briefings = sorted(checked.corpus.briefings.values(), key=lambda b: b.id)
    latest = {b.id: _latest_edition(checked.project.root, b.id) for b in briefings}
    rows: list[dict[str, Any]] = [
        {
            "id": b.id,
            "series": b.series,
            "title": b.title,
            "date": b.date.isoformat(),
            "path": b.origin.path,
            "variants": [key for key in checked.resolved if key.startswith(f"{b.id}/")],
            "edition": _as_json(latest[b.id]),
        }
        for b in briefings
    ]
    if as_json:
        print_json(rows)
        return
    for row, b in zip(rows, briefings, strict=True):
        title = b.title
        if b.variants is not None:
            # '{variant}' in a title is filled per output: here it is left open ("…"),
            # as the title's own words may already name what varies ("the {variant}
            # probation region" read "the each probation region probation region").
            each = (b.variants.label or "variant").lower()
            many = f"[{len(row['variants'])} variants, one per {each}]"
            title = f"{title.replace(VARIANT, '…')} {many}"
        dated, edition = row["date"], latest[b.id]
        if edition:
            # The outputs print the latest edition's date: say which, beside the draft's.
            dated = f"{dated}; edition {edition[0]} of {edition[1]}"
        out().print(f"[bold]{b.id}[/]  {escape(b.series)}: {escape(title)} ({dated})")
    # A briefing that cannot be read is missing from the list: say so, as `check` does.
    errors = [p for p in checked.problems.sorted() if p.severity == "error"]
    if errors:
        print_problems(errors)
        err().print(
            f"[red]{count(len(errors), 'problem')}: briefings with problems may be missing.[/]"
        )
        raise typer.Exit(1)


def _latest_edition(root: Path, key: str) -> tuple[int, str] | None:
    """The latest published edition's number and date (None if never published, or if
    its history cannot be read: `check` and `build` name that file)."""
    from parlbrief.errors import ContentError
    from parlbrief.pipeline.editions import read_history

    try:
        editions = read_history(root, key)
    except ContentError:
        return None
    if not editions:
        return None
    return editions[-1].number, editions[-1].date.isoformat()


def _as_json(edition: tuple[int, str] | None) -> dict[str, Any] | None:
    return None if edition is None else {"number": edition[0], "date": edition[1]}
