"""The `build` and `changes` commands (registered on the app in parlbrief.cli)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from parlbrief.cli import (
    DebugOpt,
    JsonOpt,
    ProjectOpt,
    StrictOpt,
    _fail,
    _formats,
    _print_problems,
    app,
    err,
    out,
)
from parlbrief.errors import ParlbriefError
from parlbrief.project import Project
from parlbrief.write import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from parlbrief.build import BuildOptions, BuildReport
    from parlbrief.editions import Edition

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
        typer.Option("--timeout", min=0.0, help="Seconds one PDF may take before it fails."),
    ] = DEFAULT_TIMEOUT,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild everything, even what is up to date.")
    ] = False,
    strict: StrictOpt = False,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Build what changed into build/<id>.pdf and build/<id>.html; say which and why."""
    try:
        formats = _formats(format)
        proj = Project.at(project, out_dir)
        if "pdf" in formats and (force or not (proj.out / "manifest.json").is_file()):
            # A first or forced build renders every PDF: start loading WeasyPrint now,
            # on another core, before the pipeline is even imported (unless the command
            # already has, in parlbrief.__main__).
            from parlbrief.write.pool import warm_up

            warm_up(one_worker=len(ids or []) == 1 or jobs == 1)
        from parlbrief.build import BuildOptions

        options = BuildOptions(formats=formats, jobs=jobs, timeout=timeout, force=force)
        report = _build_with_progress(proj, ids or [], options, strict, as_json)
    except ParlbriefError as exc:
        raise _fail(exc, as_json=as_json, debug=debug) from None
    _print_problems(report.warnings.sorted())
    if as_json:
        out().print_json(json.dumps(_report_json(report)))
    else:
        _print_report(proj, report)
    for bid, message in report.failed.items():
        err().print(f"[red]{bid}: failed:[/] {message}")
    if report.failed:
        raise typer.Exit(3)


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
    from parlbrief.check import check, select
    from parlbrief.editions import read_history

    try:
        proj = Project.at(project)
        history = read_history(proj.root, briefing)
        if not history:
            # Only now read the project, to tell an unknown id from an unbuilt one.
            select(check(proj), [briefing])
    except ParlbriefError as exc:
        raise _fail(exc, as_json=as_json, debug=debug) from None
    if as_json:
        out().print_json(json.dumps({"briefing": briefing, "editions": _editions_json(history)}))
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
