"""`parlbrief source ID [PINPOINT]`: what a citation points at, read from the stored copy.

Exit codes: 0 shown; 1 the copy itself has problems; 2 no such reference, copy or passage.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from parlbrief.cli.commands import app
from tests.conftest import REPO, MakeProject


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def test_a_pinpoint_prints_its_passage() -> None:
    result = run("source", "justice-committee-2011", "para", "84", "-p", REPO)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "justice-committee-2011 (sources/documents/justice-committee-2011.md)"
    assert lines[1].startswith("Taken from: House of Commons Justice Committee")
    assert lines[2].startswith("Licence: Contains Parliamentary information")
    assert "## para 84  (sources/documents/justice-committee-2011.md:19)" in lines
    assert lines[-1].startswith("Probation trusts have laboured under a tick-box culture")
    assert "para 83" not in result.stdout


def test_a_range_prints_each_passage_in_order() -> None:
    result = run("source", "justice-committee-2011", "paras 81–84", "-p", REPO)
    assert result.exit_code == 0, result.stderr
    headings = [line.split("  (")[0] for line in result.stdout.splitlines() if line[:3] == "## "]
    assert headings == ["## para 81", "## para 82", "## para 83", "## para 84"]


def test_without_a_pinpoint_it_lists_the_passages_with_their_first_words() -> None:
    result = run("source", "napo-2016", "-p", REPO)
    assert result.exit_code == 0, result.stderr
    listed = result.stdout.splitlines()[4:]
    assert listed == [
        "  opening paragraph        As requested by NOMS this is an interim submission by the "
        "union…",
        "  Payment Mechanism        Many of the CRCs have said that a decrease in community "
        "orders…",
        "  Commercial Viability     There are growing concerns about the financial viability "
        "of a number of…",
        "  Quality and Performance  Napo is receiving reports that CRCs are attempting to hide "
        "poor performance…",
        "  Conclusions              In would not be appropriate to make recommendations or "
        "solid conclusions at…",
    ]


def test_json_gives_the_copy_and_its_passages() -> None:
    result = run("source", "napo-2016", "under", "‘Payment Mechanism’", "--json", "-p", REPO)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["reference"] == "napo-2016"
    assert data["path"] == "sources/documents/napo-2016.md"
    assert data["licence"].startswith("None stated")
    [passage] = data["passages"]
    assert (passage["pinpoint"], passage["line"]) == ("Payment Mechanism", 11)
    assert "(approximately 1700)" in passage["text"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("justice-committee-2011", "para", "999"),
            "error: the stored copy of justice-committee-2011 has no passage 'para 999' (it "
            "has para 81, para 82, para 83, para 84, para 87, para 95, para 99, para 100, "
            "para 102, para 113) - see `parlbrief source justice-committee-2011`",
        ),
        (
            ("napo-2016", "under 'No such heading'"),
            "error: the stored copy of napo-2016 has no passage 'No such heading' (it has opening "
            "paragraph, Payment Mechanism, Commercial Viability, Quality and Performance, "
            "Conclusions) - see `parlbrief source napo-2016`",
        ),
        (
            ("no-such-report",),
            "error: there is no reference called no-such-report (references with a stored copy: "
            "hmpps-workforce-jun-2022, ifg-reunification-2022, justice-committee-2011, napo-2016)",
        ),
        (
            ("illustrative-regions",),
            "error: illustrative-regions has no stored copy (references with one: "
            "hmpps-workforce-jun-2022, ifg-reunification-2022, justice-committee-2011, "
            "napo-2016) - add sources/documents/illustrative-regions.md",
        ),
    ],
    ids=["pinpoint", "heading", "reference", "no-copy"],
)
def test_an_unknown_reference_or_pinpoint_is_a_usage_error_naming_what_exists(
    args: tuple[str, ...], message: str
) -> None:
    result = run("source", *args, "-p", REPO)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [message]


def test_a_broken_copy_is_shown_as_its_problems(make_project: MakeProject) -> None:
    project = make_project({"sources/documents/committee-2011.md": "## para 1\n\nNo header.\n"})
    result = run("source", "committee-2011", "-p", project.root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("sources/documents/committee-2011.md:1: ")


def test_project_text_is_printed_as_written_not_as_markup(make_project: MakeProject) -> None:
    copy = (
        "---\nreference: committee-2011\ntaken_from: '[bold]the site[/bold]'\nlicence: OPL\n"
        "---\n## para 1\n\nSee [#stat-id] and [red]this[/red].\n"
    )
    project = make_project({"sources/documents/committee-2011.md": copy})
    result = run("source", "committee-2011", "para 1", "-p", project.root)
    assert result.exit_code == 0, result.stderr
    assert "Taken from: [bold]the site[/bold]" in result.stdout
    assert result.stdout.splitlines()[-1] == "See [#stat-id] and [red]this[/red]."
