"""The `parlbrief` command: parse flags, call the library, print. Only this module exits.

The pipeline (`parlbrief.check`, `parlbrief.build` and what they pull in: pydantic
models, Markdown, Jinja) is imported inside each command, not here, so that a command
loads only what it uses. The `parlbrief` command itself starts in parlbrief.__main__,
which forks the first PDF worker of a build before this module is even imported.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from parlbrief import __version__
from parlbrief.errors import ContentError, ParlbriefError, Problem, UsageError
from parlbrief.project import Project
from parlbrief.write import FORMATS

if TYPE_CHECKING:
    from rich.console import Console


class _App(typer.Typer):
    """The app, with a last guard: an unexpected error is one sentence, not a traceback.

    Content problems never get here (they are ContentError, printed as path:line). This
    catches bugs, so that a press officer sees what to do; `--debug` shows the traceback.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            if "--debug" in sys.argv:
                raise
            err().print(
                f"[red]error:[/] parlbrief stopped unexpectedly ({escape(type(exc).__name__)}: "
                f"{escape(str(exc))}). This is a bug in parlbrief, not in your files: run "
                "the same command with --debug and send the output to whoever looks after "
                "parlbrief."
            )
            sys.exit(1)


app = _App(
    help="Turn your evidence into sourced parliamentary briefings (PDF and HTML).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


# rich draws problems, progress and JSON. It takes about 15 ms to load, so it is loaded
# when first needed: a clean check or a build prints plain lines (typer.echo).
@cache
def out() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


@cache
def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def escape(text: str) -> str:
    """`text` with rich markup made literal ("[#stat-id]" is what someone wrote)."""
    from rich.markup import escape

    return escape(text)


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
        err().print(f"[red]{count} problem{'s' if count != 1 else ''}: nothing was built.[/]")
    else:
        err().print(f"[red]error:[/] {escape(str(exc))}")
    if as_json:
        payload: dict[str, Any] = {"ok": False, "error": str(exc)}
        if isinstance(exc, ContentError):
            payload["problems"] = [p.as_dict() for p in exc.problems]
        out().print_json(json.dumps(payload))
    return typer.Exit(exc.exit_code)


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        colour = "red" if problem.severity == "error" else "yellow"
        label = "" if problem.severity == "error" else "warning: "
        # Messages quote what people wrote ("[#stat-id]"), which is not rich markup.
        err().print(
            f"{escape(str(problem.origin))}: [{colour}]{label}[/]{escape(problem.message)}",
            markup=True,
        )


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
    from parlbrief.check import check

    try:
        checked = check(Project.at(project))
    except ParlbriefError as exc:
        raise _fail(exc, as_json=as_json, debug=debug) from None
    problems = checked.problems.sorted()
    failed = bool(checked.problems.errors) or (strict and bool(checked.problems.warnings))
    if as_json:
        payload = {"ok": not failed, "problems": [p.as_dict() for p in problems]}
        out().print_json(json.dumps(payload))
    else:
        _print_problems(problems)
        if not problems:
            corpus = checked.corpus
            counts = ", ".join(
                _count(len(items), noun)
                for items, noun in (
                    (corpus.briefings, "briefing"),
                    (corpus.references, "reference"),
                    (corpus.statistics, "statistic"),
                )
            )
            typer.echo(f"{typer.style('All good:', fg='green')} {counts}.")
    if failed:
        raise typer.Exit(1)


def _count(number: int, noun: str) -> str:
    """'1 briefing', '4 briefings'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


@app.command("list")
def list_command(
    project: ProjectOpt = Path("."), as_json: JsonOpt = False, debug: DebugOpt = False
) -> None:
    """List the project's briefings."""
    from parlbrief.check import check
    from parlbrief.model import VARIANT

    try:
        checked = check(Project.at(project))
    except ParlbriefError as exc:
        raise _fail(exc, as_json=as_json, debug=debug) from None
    briefings = sorted(checked.corpus.briefings.values(), key=lambda b: b.id)
    rows = [
        {
            "id": b.id,
            "series": b.series,
            "title": b.title,
            "date": b.date.isoformat(),
            "path": b.origin.path,
            "variants": [key for key in checked.resolved if key.startswith(f"{b.id}/")],
        }
        for b in briefings
    ]
    if as_json:
        out().print_json(json.dumps(rows))
        return
    for row, b in zip(rows, briefings, strict=True):
        title = b.title
        if b.variants is not None:
            # '{variant}' in a title is filled per output; here it stands for all of them.
            each = f"each {(b.variants.label or 'variant').lower()}"
            title = f"{title.replace(VARIANT, each)} [{len(row['variants'])} variants]"
        out().print(f"[bold]{b.id}[/]  {escape(b.series)}: {escape(title)} ({row['date']})")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parlbrief {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """parlbrief: sourced parliamentary briefings from your evidence."""


# The build, changes and figures commands live in their own modules; importing them
# registers them.
from parlbrief import commands_build, commands_figures  # noqa: E402, F401


def run() -> NoReturn:
    """Run the app as the `parlbrief` command (see parlbrief.__main__), then leave at once.

    Tearing the interpreter down (freeing every module and object one by one) takes
    about a tenth of a second after a check, as long as some of the work itself, and
    buys nothing: every output is already written atomically and closed, and the build
    has stopped its workers. So once what was printed is flushed, the process ends
    without it, as mypy does. Tests call `app` through typer's runner instead.
    """
    from parlbrief.write import prestart

    code: int | str | None = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code
    finally:
        prestart.discard()  # a worker started for a build that rendered no PDF
    if isinstance(code, str):  # sys.exit("message") prints it and exits 1
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
