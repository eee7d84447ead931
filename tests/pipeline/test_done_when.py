"""The issue's acceptance check, through the command line as a press officer would run it.

A second `parlbrief build` with nothing changed renders nothing; `parlbrief figures set`
on one figure followed by `parlbrief build --json` rebuilds exactly the briefings that
`parlbrief figures --json` lists as using it, their PDFs print the new value, and every
other PDF is byte-for-byte unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.project import Project


def parlbrief(project: Project, *args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, [*args, "--project", str(project.root)])
    return done.exit_code, done.stdout


def pdfs(project: Project) -> dict[str, bytes]:
    return {p.stem: p.read_bytes() for p in sorted(project.out.glob("*.pdf"))}


def test_figures_set_then_build_rebuilds_exactly_the_users(shared: Project) -> None:
    assert parlbrief(shared, "build", "--json")[0] == 0
    code, text = parlbrief(shared, "build")
    assert code == 0 and "Nothing to build" in text
    before = pdfs(shared)

    code, text = parlbrief(shared, "figures", "set", "vacancies", "1812", "--as-of", "2022-09-30")
    assert code == 0, text
    figures = json.loads(parlbrief(shared, "figures", "--json")[1])
    users = next(f["used_by"] for f in figures if f["id"] == "vacancies")
    code, text = parlbrief(shared, "build", "--json")

    assert code == 0
    report = json.loads(text)
    assert sorted(report["built"]) == sorted(users) == ["alpha", "beta"]
    after = pdfs(shared)
    for key in users:
        words = "".join(
            page.extract_text() for page in PdfReader(Path(shared.out, f"{key}.pdf")).pages
        )
        assert "1,812" in words
    assert {k: v for k, v in after.items() if k not in users} == {
        k: v for k, v in before.items() if k not in users
    }
