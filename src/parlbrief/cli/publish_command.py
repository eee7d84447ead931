"""`parlbrief publish`: record a new edition and keep the exact files that went out."""

from __future__ import annotations

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
    parse_keys,
    parse_timeout,
    print_json,
    print_problems,
    reporting,
)
from parlbrief.errors import RenderError, UsageError
from parlbrief.project import Project
from parlbrief.write import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from parlbrief.pipeline.publish import PublishReport

#: How long publish waits for another one in the same project (the pipeline is imported
#: only once the command runs, so its default is not read from there).
WAIT_SECONDS = 120.0
#: The longest note an edition keeps (a sentence or two, not a document).
MAX_NOTE = 1000


@app.command("publish")
def publish_command(
    briefing: Annotated[
        str | None,
        typer.Argument(help="A briefing id (all its variants), or id/variant.", show_default=False),
    ] = None,
    every: Annotated[
        bool,
        typer.Option("--all", help="Publish every briefing that changed since its last edition."),
    ] = False,
    note: Annotated[
        str | None,
        typer.Option("--note", "-m", help="What this edition is for, or what changed, in words."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Publish even if nothing changed since the last edition."),
    ] = False,
    project: ProjectOpt = Path("."),
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="PDFs rendered at once (default: one per core)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds one PDF may take before it fails.")
    ] = DEFAULT_TIMEOUT,
    wait: Annotated[
        float,
        typer.Option("--wait", min=0, help="Seconds to wait for another publish in this project."),
    ] = WAIT_SECONDS,
    strict: StrictOpt = False,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Publish a new edition: build it (PDF and HTML, no Draft mark), keep both under
    published/<id>/edition-<n>, and record the edition in editions/."""
    from parlbrief.pipeline import BuildOptions
    from parlbrief.pipeline.publish import publish

    with reporting(as_json=as_json, debug=debug, outcome="published"):
        keys = _chosen(briefing, every)
        options = BuildOptions(jobs=jobs, timeout=parse_timeout(timeout))
        proj = Project.at(project)
        report = publish(
            proj, keys, note=_note(note), force=force, strict=strict, options=options, wait=wait
        )
    print_problems(report.warnings.sorted())
    if as_json:
        print_json(_report_json(report))
    else:
        _print_report(report)
    for key, problem in report.failed.items():
        err().print(f"[red]{escape(key)}: not published:[/] {escape(str(problem))}")
    if report.failed:
        raise typer.Exit(RenderError.exit_code)


def _chosen(briefing: str | None, every: bool) -> list[str]:
    """The ids to publish: the one named, or none (meaning all) with --all."""
    if briefing is not None and every:
        raise UsageError(f"name one briefing ({briefing}) or use --all, not both")
    if briefing is not None:
        return parse_keys([briefing])
    if every:
        return []
    raise UsageError(
        "say which briefing to publish: parlbrief publish ID (parlbrief list shows the "
        "ids), or parlbrief publish --all to publish every briefing that changed since "
        "its last edition"
    )


def _note(text: str | None) -> str | None:
    """The note as kept: stripped, None when empty; refused if it is very long."""
    if text is None or not text.strip():
        return None
    if len(text) > MAX_NOTE:
        raise UsageError(f"--note takes at most {MAX_NOTE} characters (got {len(text):,})")
    return text.strip()


def _report_json(report: PublishReport) -> dict[str, Any]:
    return {
        "published": {
            key: {"edition": e.number, "date": e.date.isoformat(), "note": e.note, "files": e.files}
            for key, e in report.published.items()
        },
        "unchanged": {key: e.number for key, e in report.unchanged.items()},
        "failed": list(report.failed),
        "errors": {key: str(problem) for key, problem in report.failed.items()},
        "problems": {key: problem.as_dict() for key, problem in report.failed.items()},
    }


def _print_report(report: PublishReport) -> None:
    from parlbrief.resolve.formatting import format_day

    for key, edition in report.published.items():
        files = ", ".join(edition.files[f] for f in sorted(edition.files))
        typer.echo(
            f"{typer.style(key, bold=True)}: published edition {edition.number} "
            f"({format_day(edition.date)}), kept as {files}"
        )
    for key, edition in report.unchanged.items():
        typer.echo(f"{key}: nothing has changed since edition {edition.number}; not published")
    if report.published:
        typer.echo(
            "Keep published/ and editions/ with your files (commit them): they are the "
            "record of what went out."
        )
