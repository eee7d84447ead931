"""The app every command registers on, and what the commands share.

Shared here: the options every command takes, printing (problems, JSON), and the one
place a ParlbriefError becomes a message and an exit code (the code comes from the
error's class: see parlbrief.errors). Command modules import this one, never the other
way round; parlbrief.cli.main imports the command modules and runs the app.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
import traceback
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from parlbrief.errors import ContentError, ParlbriefError, Problem, UsageError, counted
from parlbrief.write.formats import formats_taken, unknown_formats, with_needs

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


# rich draws problems, progress and JSON; it is loaded when first needed, so a clean
# check or build (plain lines through typer.echo) does without it. Project text is
# never read as markup or emoji codes (":x:" stays ":x:").
@cache
def out() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, emoji=False)


@cache
def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def escape(text: str) -> str:
    """`text` printed as it is: rich markup made literal ("[#stat-id]" is what someone
    wrote), and control characters shown as escapes, so that no file can move the
    cursor, retitle the terminal or hide a line of a message."""
    from rich.markup import escape

    return escape(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))


#: C0 and C1 control characters but tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


ProjectOpt = Annotated[
    Path, typer.Option("--project", "-p", help="The project folder.", show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON, for scripts.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show Python tracebacks.")]


@contextlib.contextmanager
def reporting(*, as_json: bool, debug: bool, outcome: str = "built") -> Iterator[None]:
    """Turn a ParlbriefError raised inside into its message and exit code.

    `outcome` finishes the line after a list of problems: "nothing was built".
    """
    try:
        yield
    except ParlbriefError as exc:
        if debug:
            traceback.print_exception(exc, file=sys.stderr)
        _say(exc, outcome)
        if as_json:
            payload: dict[str, Any] = {"ok": False, "error": str(exc)}
            if isinstance(exc, ContentError):
                payload["problems"] = [p.as_dict() for p in exc.problems]
            print_json(payload)
        raise typer.Exit(exc.exit_code) from None


def _say(exc: ParlbriefError, outcome: str) -> None:
    if isinstance(exc, ContentError):
        print_problems(exc.problems)
        err().print(f"[red]{counted(exc.problems)}: nothing was {outcome}.[/]")
    else:
        err().print(f"[red]error:[/] {escape(str(exc))}")


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        colour = "red" if problem.severity == "error" else "yellow"
        label = "" if problem.severity == "error" else "warning: "
        # Messages quote what people wrote ("[#stat-id]"), which is not rich markup.
        err().print(
            f"{escape(str(problem.origin))}: [{colour}]{label}[/]{escape(problem.message)}",
            markup=True,
        )


def print_json(data: Any) -> None:
    out().print_json(json.dumps(data))


def parse_formats(value: str) -> tuple[str, ...]:
    """'pdf,html' -> ('pdf', 'html'); anything else is a usage error. A format comes with
    those it is made from: 'eml' (the email attaches the PDF) brings 'pdf'."""
    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    if unknown_formats(formats) or not formats:
        raise UsageError(f"--format takes {formats_taken()} (got {value!r})")
    return with_needs(formats)


#: A briefing's id, or '<id>/<variant>' for one of its variants: never a path.
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?")
#: The longest time limit that makes sense for one PDF (a day).
MAX_TIMEOUT = 86_400.0


def parse_keys(values: list[str]) -> list[str]:
    """Briefing ids as typed; anything else (a path, a space) is a usage error."""
    for value in values:
        if not _KEY.fullmatch(value):
            raise UsageError(
                f"{value!r} is not a briefing id - give an id such as briefing-5, or "
                "briefing-5/north-east for one variant (see `parlbrief list`)"
            )
    return values


def parse_timeout(value: float) -> float:
    """--timeout: a finite number of seconds above 0."""
    if not (0 < value <= MAX_TIMEOUT):
        raise UsageError(
            f"--timeout takes a number of seconds above 0 and at most {MAX_TIMEOUT:,.0f}, "
            f"such as 60 (got {value:g})"
        )
    return value


def count(number: int, noun: str) -> str:
    """'1 briefing', '4 briefings'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
