"""`parlbrief claims ID` and the line `check` prints: the sentences that state a number,
a date, a quotation or a comparison without a note, the notes that support their
sentence only by signal, and the sentences marked as our own position, at file:line."""

from __future__ import annotations

import json

from typer.testing import CliRunner, Result

from parlbrief.cli.commands import app
from parlbrief.project import Project
from tests.conftest import MakeProject

ARGUMENT = "sources/arguments/local-trusts.md"
BODY = """\
---
heading: Local services worked
---
Before the reforms there were 35 local trusts.[@committee-2011, para 95] In 2014 the
trusts were abolished. Staff called it “a mess”.

Local services are better than national ones.[see @committee-2011, paras 81–84]
A reunified service would work best.[our position]
Each could **commission** services for its *own* area.
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def project(make_project: MakeProject) -> Project:
    return make_project({ARGUMENT: BODY})


def test_claims_lists_each_sentence_by_what_it_rests_on(make_project: MakeProject) -> None:
    result = run("claims", "minimal", "--project", str(project(make_project).root))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == [
        "Briefing 1: Local services work best",
        "2 sentences rest on no source, 1 on a signal only ('See', 'Cf'), "
        "1 marked as our own position.",
    ]
    text = "\n".join(lines)
    assert f"{ARGUMENT}:4: states a date\n  “In 2014 the trusts were abolished.”" in text
    assert f"{ARGUMENT}:5: states a quotation\n  “Staff called it “a mess”.”" in text
    assert f"{ARGUMENT}:7: note 3 (See)\n  “Local services are better than national ones.”" in text
    assert (
        f"{ARGUMENT}:8: states a comparison (our position)\n"
        "  “A reunified service would work best.”"
    ) in text
    # A sentence with its own note, and one that states nothing checkable, are not listed.
    assert "Before the reforms" not in text and "commission" not in text


def test_the_own_position_mark_prints_nothing(make_project: MakeProject) -> None:
    proj = project(make_project)
    built = run("build", "minimal", "--format", "html", "--project", str(proj.root))
    assert built.exit_code == 0, built.output
    page = (proj.root / "build" / "minimal.html").read_text(encoding="utf-8")
    assert "A reunified service would work best.</" in page or (
        "A reunified service would work best.\n" in page
    )
    assert "our position" not in page


def test_claims_as_json(make_project: MakeProject) -> None:
    result = run("claims", "minimal", "--json", "--project", str(project(make_project).root))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["counts"] == {"unsourced": 2, "signal": 1, "own": 1}
    first = data["claims"][0]
    assert first == {
        "path": ARGUMENT,
        "line": 4,
        "kind": "unsourced",
        "text": "In 2014 the trusts were abolished.",
        "states": ["a date"],
        "notes": [],
        "signals": [],
    }


def test_check_says_in_one_line_what_rests_on_no_source(make_project: MakeProject) -> None:
    result = run("check", "--project", str(project(make_project).root))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "Claims: 2 sentences rest on no source, 1 on a signal only ('See', 'Cf'), 1 marked "
        "as our own position - `parlbrief claims ID` lists them."
    )


def test_an_unknown_briefing_exits_2(make_project: MakeProject) -> None:
    result = run("claims", "nope", "--project", str(project(make_project).root))
    assert result.exit_code == 2
