"""The `parlbrief` command: parse flags, call the library, print. Only this module exits."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from parlbrief import __version__
from parlbrief.build import FORMATS, build, check
from parlbrief.errors import ContentError, ParlbriefError, Problem, UsageError
from parlbrief.project import Project

app = typer.Typer(
    help="Turn your evidence into sourced parliamentary briefings (PDF and HTML).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

ProjectOpt = Annotated[
    Path, typer.Option("--project", "-p", help="The project folder.", show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON, for scripts.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show Python tracebacks.")]


def _fail(exc: ParlbriefError, *, as_json: bool, debug: bool) -> typer.Exit:
    if debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, ContentError):
        _print_problems(exc.problems)
        count = len(exc.problems)
        err.print(f"[red]{count} problem{'s' if count != 1 else ''}: nothing was built.[/]")
    else:
        err.print(f"[red]error:[/] {exc}")
    if as_json:
        payload: dict[str, Any] = {"ok": False, "error": str(exc)}
        if isinstance(exc, ContentError):
            payload["problems"] = [p.as_dict() for p in exc.problems]
        out.print_json(json.dumps(payload))
    return typer.Exit(exc.exit_code)


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        colour = "red" if problem.severity == "error" else "yellow"
        label = "" if problem.severity == "error" else "warning: "
        err.print(f"{problem.origin}: [{colour}]{label}[/]{problem.message}", markup=True)


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
    strict: StrictOpt = False,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Build briefings into build/<id>.pdf and build/<id>.html."""
    try:
        formats = _formats(format)
        proj = Project.at(project, out_dir)
        report = _build_with_progress(proj, ids or [], formats, strict, as_json)
    except ParlbriefError as exc:
        raise _fail(exc, as_json=as_json, debug=debug) from None
    _print_problems(report.warnings.sorted())
    if as_json:
        out.print_json(
            json.dumps(
                {"built": report.built, "skipped": report.skipped, "failed": list(report.failed)}
            )
        )
    else:
        for path in report.outputs:
            out.print(f"wrote {proj.relative(path)}")
    for bid, message in report.failed.items():
        err.print(f"[red]{bid}: failed:[/] {message}")
    if report.failed:
        raise typer.Exit(3)


def _build_with_progress(
    proj: Project, ids: list[str], formats: tuple[str, ...], strict: bool, quiet: bool
) -> Any:
    from rich.progress import Progress

    with Progress(console=err, transient=True, disable=quiet or not err.is_terminal) as bar:
        task = bar.add_task("Building", total=None)

        def step(bid: str) -> None:
            bar.update(task, advance=1, description=f"Built {bid}")

        return build(proj, ids, formats, strict=strict, on_progress=step)


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"--format takes pdf, html or pdf,html (got {value!r})")
    return formats


@app.command("check")
def check_command(
    project: ProjectOpt = Path("."),
    strict: StrictOpt = False,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Read and validate everything; render nothing. Prints each problem as path:line."""
    try:
        checked = check(Project.at(project))
    except ParlbriefError as exc:
        raise _fail(exc, as_json=as_json, debug=debug) from None
    problems = checked.problems.sorted()
    failed = bool(checked.problems.errors) or (strict and bool(checked.problems.warnings))
    if as_json:
        out.print_json(json.dumps({"ok": not failed, "problems": [p.as_dict() for p in problems]}))
    else:
        _print_problems(problems)
        if not problems:
            out.print(
                f"[green]All good:[/] {len(checked.corpus.briefings)} briefings, "
                f"{len(checked.corpus.references)} references, "
                f"{len(checked.corpus.statistics)} statistics."
            )
    if failed:
        raise typer.Exit(1)


@app.command("list")
def list_command(project: ProjectOpt = Path("."), as_json: JsonOpt = False) -> None:
    """List the project's briefings."""
    try:
        checked = check(Project.at(project))
    except ParlbriefError as exc:
        raise _fail(exc, as_json=as_json, debug=False) from None
    rows = [
        {
            "id": b.id,
            "series": b.series,
            "title": b.title,
            "date": b.date.isoformat(),
            "path": b.origin.path,
        }
        for b in sorted(checked.corpus.briefings.values(), key=lambda b: b.id)
    ]
    if as_json:
        out.print_json(json.dumps(rows))
        return
    for row in rows:
        out.print(f"[bold]{row['id']}[/]  {row['series']}: {row['title']} ({row['date']})")


def _version(value: bool) -> None:
    if value:
        out.print(f"parlbrief {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """parlbrief: sourced parliamentary briefings from your evidence."""
