"""`parlbrief figures` (list every statistic) and `parlbrief figures set` (update one).

Exit codes: 0 ok, 1 a content problem (including a figure that is read from a CSV or
derived; the listing is still printed, with each problem, as `check` prints them),
2 usage (a value or date that cannot be read, an unknown id or reference).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from parlbrief.cli.core import (
    DebugOpt,
    JsonOpt,
    ProjectOpt,
    app,
    count,
    err,
    escape,
    out,
    print_json,
    print_problems,
    reporting,
)
from parlbrief.errors import Problems
from parlbrief.project import Project

if TYPE_CHECKING:
    from parlbrief.figures import FigureRow, SetResult

figures_app = typer.Typer(
    help="List the project's statistics, or update one.",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@figures_app.callback()
def figures_command(
    ctx: typer.Context,
    project: ProjectOpt = Path("."),
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """List every statistic: value as printed, date, source, briefings using it, stale."""
    if ctx.invoked_subcommand is not None:
        return
    from parlbrief.check import check
    from parlbrief.figures import list_figures

    with reporting(as_json=as_json, debug=debug):
        checked = check(Project.at(project))
        rows = list_figures(checked)
    if as_json:
        print_json([row.as_dict() for row in rows])
    else:
        _print_rows(rows)
    _report_errors(checked.problems)


def _report_errors(problems: Problems) -> None:
    """Errors found while reading (as `check` words them), then exit 1: a statistic
    that cannot be read is missing from the list, which must not pass for complete."""
    errors = sorted(problems.errors, key=lambda p: (p.origin.path, p.origin.line or 0))
    if errors:
        print_problems(errors)
        err().print(
            f"[red]{count(len(errors), 'problem')}: statistics with problems are not listed.[/]"
        )
        raise typer.Exit(1)


def _print_rows(rows: list[FigureRow]) -> None:
    """One line per statistic in aligned columns (plain text, so it pipes and greps)."""
    lines = [["id", "value", "as at", "source", "used by"]]
    for row in rows:
        used = ", ".join(row.used_by) or "unused"
        lines.append([row.id, row.display, _date(row), row.source or "", used])
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    shown: list[FigureRow | None] = [None, *rows]
    for index, (line, item) in enumerate(zip(lines, shown, strict=True)):
        text = "  ".join(
            cell.rjust(w) if i == 1 else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=False))
        )
        text += "  " + line[4]
        if index == 0:
            out().print(f"[bold]{escape(text)}[/]")
        elif item is not None and item.stale:
            out().print(f"{escape(text)}  [yellow]stale: {escape(item.stale_reason or '')}[/]")
        else:
            out().print(escape(text))


def _date(row: FigureRow) -> str:
    return row.as_of.isoformat() if row.as_of else ""


@figures_app.command("set")
def set_command(
    figure_id: Annotated[str, typer.Argument(metavar="ID", help="The statistic's id.")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The new value, e.g. 4542.")],
    as_of: Annotated[
        str, typer.Option("--as-of", help="The date the new value describes (2022-09-30).")
    ],
    review_by: Annotated[
        str | None, typer.Option("--review-by", help="When to check the figure again.")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="REF", help="The reference the new value is from."),
    ] = None,
    pinpoint: Annotated[
        str | None,
        typer.Option("--pinpoint", metavar="TEXT", help="Where in it, e.g. 'table 2'."),
    ] = None,
    project: ProjectOpt = Path("."),
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Update a statistic in its YAML file, changing nothing else in the file."""
    from parlbrief.figures import NewFigure, set_figure

    new = NewFigure(value, as_of, review_by, source, pinpoint)
    with reporting(as_json=as_json, debug=debug, outcome="changed"):
        result = set_figure(Project.at(project), figure_id, new)
    if as_json:
        print_json(_result_dict(result))
    else:
        _print_result(result)
    print_problems(result.warnings)


def _result_dict(result: SetResult) -> dict[str, object]:
    return {
        "id": result.id,
        "path": result.origin.path,
        "line": result.origin.line,
        "display": result.new_display,
        "previous": result.old_display,
        "as_of": result.new_as_of.isoformat(),
        "source": result.source,
        "pinpoint": result.pinpoint,
        "used_by": result.used_by,
    }


def _print_result(result: SetResult) -> None:
    from parlbrief.resolve.formatting import format_day

    before = format_day(result.old_as_of) if result.old_as_of else "no date"
    out().print(
        f"{result.origin}: {result.id} is now {result.new_display} as at "
        f"{format_day(result.new_as_of)} (was {result.old_display} as at {before})."
    )
    if result.source:
        where = f", {result.pinpoint}" if result.pinpoint else ""
        out().print(f"Source: {escape(result.source + where)}.")
    if result.used_by:
        out().print(f"Rebuild to update: {', '.join(result.used_by)}.")
    else:
        out().print("No briefing prints it.")


app.add_typer(figures_app, name="figures")
