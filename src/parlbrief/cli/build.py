"""`parlbrief build` (make what changed) and `parlbrief changes` (a briefing's editions)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from parlbrief.cli.core import (
    DebugOpt,
    JsonOpt,
    ProjectOpt,
    StrictOpt,
    app,
    err,
    escape,
    out,
    parse_formats,
    parse_keys,
    parse_timeout,
    print_json,
    print_problems,
    reporting,
)
from parlbrief.errors import RenderError
from parlbrief.project import MANIFEST_NAME, Project
from parlbrief.write import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from parlbrief.build import BuildOptions, BuildReport
    from parlbrief.build.editions import Edition

#: Reasons shown per briefing before "and N more" (--json lists them all).
SHOWN_REASONS = 3


@app.command("build")
def build_command(
    ids: Annotated[list[str] | None, typer.Argument(help="Briefing ids (default: all).")] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: pdf,html.")
    ] = "pdf,html",
    project: ProjectOpt = Path("."),
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder (default: build/).")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="PDFs rendered at once (default: one per CPU core)."
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", help="Seconds one PDF may take before it fails."),
    ] = DEFAULT_TIMEOUT,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild everything, even what is up to date.")
    ] = False,
    strict: StrictOpt = False,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Build what changed into build/<id>.pdf and build/<id>.html; say which and why."""
    with reporting(as_json=as_json, debug=debug):
        formats = parse_formats(format)
        proj = Project.at(project, out_dir)
        if "pdf" in formats and (force or not (proj.out / MANIFEST_NAME).is_file()):
            # A first or forced build renders every PDF: WeasyPrint starts loading on
            # the other core before the pipeline is imported (build() would start it
            # too, but only after that import).
            from parlbrief.write.pool import warm_up

            warm_up()
        from parlbrief.build import BuildOptions

        options = BuildOptions(
            formats=formats, jobs=jobs, timeout=parse_timeout(timeout), force=force
        )
        report = _build_with_progress(proj, parse_keys(ids or []), options, strict, as_json)
    print_problems(report.warnings.sorted())
    if as_json:
        print_json(_report_json(report))
    else:
        _print_report(proj, report)
    for bid, message in report.failed.items():
        err().print(f"[red]{bid}: failed:[/] {escape(message)}")
    if report.failed:
        raise typer.Exit(RenderError.exit_code)


def _report_json(report: BuildReport) -> dict[str, Any]:
    return {
        "built": report.built,
        "skipped": report.skipped,
        "failed": list(report.failed),
        "errors": report.failed,
        "reasons": report.reasons,
        "editions": report.editions,
    }


def _print_report(proj: Project, report: BuildReport) -> None:
    if not report.built and not report.failed:
        count = len(report.skipped)
        typer.echo(
            f"Nothing to build: {count} briefing{'s are' if count != 1 else ' is'} up to date."
        )
        return
    for key, why in report.reasons.items():
        more = len(why) - SHOWN_REASONS
        shown = "; ".join(w.removeprefix(f"{key}: ") for w in why[:SHOWN_REASONS])
        more_text = f"; and {more} more" if more > 0 else ""
        typer.echo(f"{typer.style(key, bold=True)}: {shown}{more_text}")
    for key, number in report.editions.items():
        if number > 1:  # every briefing's first build is edition 1; no need to say so
            typer.echo(f"{key}: now edition {number} (see `parlbrief changes {key}`)")
    for path in report.outputs:
        typer.echo(f"wrote {proj.relative(path)}")
    typer.echo(
        f"Built {len(report.built)}, up to date {len(report.skipped)}, failed {len(report.failed)}."
    )


def _build_with_progress(
    proj: Project, ids: list[str], options: BuildOptions, strict: bool, quiet: bool
) -> BuildReport:
    from parlbrief.build import build

    if quiet or not sys.stderr.isatty():  # a bar is for a person watching a terminal
        return build(proj, ids, strict=strict, options=options)
    from rich.progress import Progress

    with Progress(console=err(), transient=True) as bar:
        task = bar.add_task("Building", total=None)

        def step(bid: str) -> None:
            bar.update(task, advance=1, description=f"Built {bid}")

        return build(proj, ids, strict=strict, on_progress=step, options=options)


@app.command("changes")
def changes_command(
    briefing: Annotated[str, typer.Argument(help="A briefing id (or id/variant).")],
    project: ProjectOpt = Path("."),
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Show a briefing's editions and the figures that changed in each, old to new."""
    from parlbrief.build.editions import read_history
    from parlbrief.check import check, select

    with reporting(as_json=as_json, debug=debug):
        proj = Project.at(project)
        history = read_history(proj.root, parse_keys([briefing])[0])
        if not history:
            # Only now read the project, to tell an unknown id from an unbuilt one.
            select(check(proj), [briefing])
    if as_json:
        print_json({"briefing": briefing, "editions": _editions_json(history)})
        return
    if not history:
        out().print(f"{briefing} has no editions yet: run `parlbrief build` to make the first.")
        return
    for edition in history:
        _print_edition(edition)


def _editions_json(history: list[Edition]) -> list[dict[str, Any]]:
    return [
        {
            "edition": e.number,
            "date": e.date.isoformat(),
            "changed": e.changed,
            "changes": [c.as_dict() for c in e.changes],
        }
        for e in history
    ]


def _print_edition(edition: Edition) -> None:
    out().print(f"[bold]Edition {edition.number}[/] ({edition.date.isoformat()})")
    if edition.number == 1:
        out().print("  first edition")
        return
    for change in edition.changes:
        out().print(f"  {change.label}: {change.old or '(new)'} → {change.new or '(removed)'}")
    others = [c for c in edition.changed if not c.startswith("statistic ")]
    if others:
        out().print(f"  also changed: {', '.join(others)}")
    elif not edition.changes:
        out().print("  no figures changed")
