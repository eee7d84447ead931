"""`check` lists every problem at once: each at the line of what it is about, the cause
first, and nothing that merely follows from another problem."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from parlbrief.cli.commands import app
from tests.conftest import PROJECTS, MakeProject

BRIEFING = "briefings/minimal.yaml"
ARGUMENT = "sources/arguments/local-trusts.md"
QUESTIONS = "sources/questions/questions.yaml"


def problems(project_root: Path) -> list[str]:
    result = CliRunner().invoke(app, ["check", "--project", str(project_root)])
    assert result.exit_code == 1, result.output
    return [line for line in result.stderr.splitlines() if not line.endswith("nothing was built.")]


def original(rel: str) -> str:
    return (PROJECTS / "minimal" / rel).read_text(encoding="utf-8")


def test_a_misspelt_field_a_bad_date_and_an_unknown_citation_all_show_at_once(
    make_project: MakeProject,
) -> None:
    briefing = original(BRIEFING).replace("strapline:", "straplin:")
    briefing = briefing.replace("date: 2026-11-23", "date: 2026-13-45")
    argument = original(ARGUMENT).replace("[@committee-2011", "[@comittee-2011", 1)
    found = problems(make_project({BRIEFING: briefing, ARGUMENT: argument}).root)
    assert len(found) == 3, found
    assert found[0].startswith(f"{BRIEFING}:4: straplin: is not a field parlbrief knows")
    assert found[0].endswith("did you mean 'strapline'?")
    assert found[1].startswith(f"{BRIEFING}:5: date:")
    assert f"{ARGUMENT}:" in found[2] and "there is no reference 'comittee-2011'" in found[2]


def test_a_file_that_cannot_be_read_is_the_only_problem_it_causes(
    make_project: MakeProject,
) -> None:
    found = problems(make_project({QUESTIONS: "- id: q-one\n  text: [unclosed\n"}).root)
    assert len(found) == 1, found
    assert found[0].startswith(f"{QUESTIONS}:")
    assert "there is no question" not in found[0]


def test_an_argument_no_briefing_uses_is_still_checked(make_project: MakeProject) -> None:
    spare = "---\nheading: Spare\n---\nAn aside.[@no-such-report]\n"
    found = problems(make_project({"sources/arguments/spare.md": spare}).root)
    assert found == [
        "sources/arguments/spare.md:4: [@no-such-report]: there is no reference "
        "'no-such-report' - check the id against sources/references/"
    ]


def test_a_brand_problem_is_reported_at_its_own_line(make_project: MakeProject) -> None:
    brand = "name: Test Union\ncolours:\n  primary: navy\n  accent: 'url(x)'\n"
    found = problems(make_project({"templates/brands/default/brand.yaml": brand}).root)
    assert found[0].startswith("templates/brands/default/brand.yaml:4: colours.accent:")


def test_a_citation_in_a_field_printed_as_typed_is_refused_at_its_line(
    make_project: MakeProject,
) -> None:
    briefing = original(BRIEFING).replace(
        "title: Local services work best", "title: Local services work best [@committee-2011]"
    )
    found = problems(make_project({BRIEFING: briefing}).root)
    assert found == [
        f"{BRIEFING}:3: title: '[@committee-2011' is printed as typed here: citations and "
        "figures work only in prose (a summary, a section's text, an argument, a question) - "
        "move it there or reword it"
    ]
