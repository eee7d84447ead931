"""The private-use characters parlbrief marks its draft notes with (U+E000, U+E001) are
refused in every text a project gives: briefings, sources, CSV data, stored copies and
references of each kind. Each is said at its line, all of them in one run, and nothing
is built; before, a briefing holding one lost or garbled its notes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from parlbrief.cli.commands import app
from tests.conftest import MakeProject

OPEN, CLOSE = "\ue000", "\ue001"
BRIEFING = "briefings/copies.yaml"
REFS = "sources/references/sources.yaml"
ARGUMENT = "sources/arguments/local-trusts.md"
DATA = "sources/data/regions.csv"
ZOTERO = "sources/references/zotero.json"
TO_DO = "parlbrief keeps for marking notes - delete the character"


def check_output(make_project: MakeProject, files: dict[str, str]) -> tuple[int, str]:
    project = make_project(files, base="copies")
    result = CliRunner().invoke(app, ["check", "--project", str(project.root)])
    return result.exit_code, result.stderr


def replaced(make_project: MakeProject, rel: str, old: str, new: str) -> str:
    """The sample project's file `rel` with `old` made `new` (which must be there)."""
    text = (make_project(base="copies").root / rel).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_every_file_holding_one_is_said_at_its_line_in_one_run(
    make_project: MakeProject,
) -> None:
    files = {
        BRIEFING: replaced(make_project, BRIEFING, "title:", f"title: {OPEN}0{CLOSE}"),
        REFS: replaced(make_project, REFS, "short:", f"short: Justice{CLOSE}"),
        ARGUMENT: replaced(make_project, ARGUMENT, "Before", f"Before{OPEN}"),
        DATA: f"region,officers\nLondon{OPEN},4\n",
        ZOTERO: json.dumps(
            [{"id": "z-1", "type": "report", "title": f"A{CLOSE}"}], ensure_ascii=False
        ),
    }
    code, said = check_output(make_project, files)
    assert code == 1, said
    reported = [line for line in said.splitlines() if TO_DO in line]
    where = sorted(line.split(": ")[0] for line in reported)
    assert where == sorted(
        [
            f"{BRIEFING}:{line_of(files[BRIEFING], OPEN)}:8",
            f"{REFS}:{line_of(files[REFS], CLOSE)}:{column_of(files[REFS], CLOSE)}",
            f"{ARGUMENT}:{line_of(files[ARGUMENT], OPEN)}:7",
            f"{DATA}:2:7",
            f"{ZOTERO}:1:{files[ZOTERO].index(CLOSE) + 1}",
        ]
    ), said
    assert "U+E000" in said and "U+E001" in said


def test_one_written_as_an_escape_is_said_at_its_line(make_project: MakeProject) -> None:
    escaped = '[\n  {"id": "z-1", "type": "report",\n   "title": "A\\ue000 report"}\n]\n'
    files = {
        REFS: replaced(make_project, REFS, "short: ", 'short: "\\ue001"\n  series: '),
        ZOTERO: escaped,
    }
    code, said = check_output(make_project, files)
    assert code == 1, said
    assert f"{REFS}:{line_of(files[REFS], 'short:')}: this text holds" in said
    assert f"{ZOTERO}:2: reference 'z-1': this text holds an invisible" in said
    assert said.count(TO_DO) == 2, said


def test_other_private_use_characters_are_left_alone(make_project: MakeProject) -> None:
    # An icon font's character (U+F0E0, an envelope) is no mark of parlbrief's.
    files = {ARGUMENT: replaced(make_project, ARGUMENT, "Before", "\uf0e0 Before")}
    code, said = check_output(make_project, files)
    assert TO_DO not in said and code == 0, said


def line_of(text: str, part: str) -> int:
    return text[: text.index(part)].count("\n") + 1


def column_of(text: str, part: str) -> int:
    return text.index(part) - text.rfind("\n", 0, text.index(part))
