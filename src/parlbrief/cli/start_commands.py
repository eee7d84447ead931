"""`parlbrief init DIR --organisation NAME` (a new project) and `parlbrief new KIND ID`
(one new reference, statistic, argument, question or briefing)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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


@app.command("init")
def init_command(
    folder: Annotated[Path, typer.Argument(help="The new project's folder.", show_default=False)],
    organisation: Annotated[
        str, typer.Option("--organisation", help="Your organisation's name.", show_default=False)
    ],
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Start a project: a brand, a sample of each kind of file, and a briefing that builds."""
    from parlbrief.clock import today
    from parlbrief.start import init_project

    with reporting(as_json=as_json, debug=debug):
        written = init_project(folder, organisation, today())
    if as_json:
        print_json({"ok": True, "files": [str(p) for p in written.files]})
        return
    for path in written.files:
        out().print(f"wrote {escape(str(path))}")
    out().print(
        f"\nNext: [bold]cd {escape(str(folder))}[/], read README.md, then "
        "[bold]parlbrief check[/] and [bold]parlbrief build[/]."
    )


@app.command("new")
def new_command(
    kind: Annotated[
        str,
        typer.Argument(
            help="reference, statistic, argument, question or briefing.", show_default=False
        ),
    ],
    item_id: Annotated[str, typer.Argument(metavar="ID", help="Its id.", show_default=False)],
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            metavar="KIND",
            help="A briefing's kind of document: briefing, one-pager, evidence or letter "
            "(or one of your own templates/).",
            show_default=False,
        ),
    ] = None,
    project: ProjectOpt = Path("."),
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Add a reference, statistic, argument, question or briefing, every field explained."""
    from parlbrief.clock import today
    from parlbrief.start import new_item

    with reporting(as_json=as_json, debug=debug):
        written = new_item(project, kind, item_id, today(), template)
    if as_json:
        print_json({"ok": True, "files": [str(p) for p in written.files]})
        return
    for path in written.files:
        out().print(f"wrote {escape(str(path))} - fill it in, then run parlbrief check")
