"""`parlbrief questions ID [--written]`: a briefing's questions for an MP's office."""

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
    parse_keys,
    print_json,
    print_problems,
    reporting,
)
from parlbrief.project import Project

if TYPE_CHECKING:
    from parlbrief.questions import WrittenQuestion


@app.command("questions")
def questions_command(
    briefing: Annotated[str, typer.Argument(help="A briefing id (or id/variant).")],
    written: Annotated[
        bool,
        typer.Option(
            "--written",
            help="As written questions in the Table Office's form, grouped by department.",
        ),
    ] = False,
    project: ProjectOpt = Path("."),
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """List a briefing's questions for ministers; with --written, ready to table
    ("To ask the Secretary of State for Justice, ..."), grouped by department."""
    from parlbrief.check import check, select
    from parlbrief.questions import written_questions

    with reporting(as_json=as_json, debug=debug, outcome="listed"):
        proj = Project.at(project)
        checked = check(proj)
        checked.problems.raise_if_errors()
        keys = select(checked, parse_keys([briefing]))
    print_problems(checked.problems.sorted())
    lists = {k: written_questions(checked.resolved[k], checked.corpus.settings) for k in keys}
    if as_json:
        print_json({"briefing": briefing, "outputs": {k: _json(q) for k, q in lists.items()}})
        return
    for key, questions in lists.items():
        resolved = checked.resolved[key]
        heading = f"{resolved.briefing.series}: {resolved.briefing.title}"
        out().print(f"[bold]{escape(heading)}[/]" + (f" ({escape(key)})" if len(keys) > 1 else ""))
        if not questions:
            out().print("This briefing has no questions.")
        elif written:
            _print_written(questions)
        else:
            for number, q in enumerate(questions, 1):
                out().print(f"{number}. {escape(q.oral)}")


def _print_written(questions: list[WrittenQuestion]) -> None:
    """Each department's questions, ready to table; then those still needing work."""
    from parlbrief.questions import by_department

    ready = [q for q in questions if q.written]
    for office, group in by_department(ready):
        name = f"{office.department} ({office.ask})" if office else "Office not known"
        out().print(f"\n[bold]{escape(name)}[/]")
        for q in group:
            out().print(f"{escape(q.written or '')}")
    todo = [q for q in questions if not q.written]
    if todo:
        out().print(f"\n[bold]Not ready to table ({len(todo)})[/]")
        for q in todo:
            out().print(f"{escape(q.oral)}\n  [yellow]{escape(q.id)}: {escape(q.note or '')}[/]")


def _json(questions: list[WrittenQuestion]) -> list[dict[str, Any]]:
    return [
        {
            "id": q.id,
            "oral": q.oral,
            "written": q.written,
            "written_from": q.made,
            "office": q.office.id if q.office else None,
            "department": q.office.department if q.office else None,
            "note": q.note,
        }
        for q in questions
    ]
