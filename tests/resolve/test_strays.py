"""Stage 3, resolve: markup that looks like a citation of a known reference but is not
one (`[see@justice-committee-2011, para 90]`, a missing space) is an error at its line,
with the citation to write; it never reaches a page printed as typed."""

from __future__ import annotations

import pytest

from parlbrief.check import check
from parlbrief.resolve.leftovers import find_leftover_markup
from tests.conftest import MakeProject

ARGUMENT = "sources/arguments/local-trusts.md"


def messages(make_project: MakeProject, body: str) -> list[str]:
    """What `check` says about an argument whose body (from line 4) is `body`."""
    project = make_project({ARGUMENT: "---\nheading: A\n---\n" + body})
    return [str(problem) for problem in check(project).problems.items]


def test_a_missing_space_before_the_at_is_an_error_at_its_line(
    make_project: MakeProject,
) -> None:
    said = messages(make_project, "Trusts.\n\nThey were local.[see@committee-2011, para 90]\n")
    assert said == [
        f"{ARGUMENT}:6: [see@committee-2011, para 90]: this names the reference "
        "'committee-2011' but is not a citation, so it would print as typed - write "
        "[see @committee-2011, para 90] (or put a backslash before the @ to print it as "
        "it is)"
    ]


def test_an_at_id_outside_brackets_is_an_error(make_project: MakeProject) -> None:
    [said] = messages(make_project, "As @workforce-2022 says, trusts were local.\n")
    assert said.startswith(f"{ARGUMENT}:4: @workforce-2022: this names the reference")
    assert "write [@workforce-2022]" in said


def test_a_figure_written_without_its_bracket_rule_is_an_error(
    make_project: MakeProject,
) -> None:
    [said] = messages(make_project, "There were [about #officers-2022] officers.\n")
    assert "this names the statistic 'officers-2022' but is not a figure" in said


@pytest.mark.parametrize(
    "body",
    [
        "Write to press@committee-2011.org for a copy.\n",
        "Follow @unknown-handle for news.\n",
        "Write \\[see@committee-2011] to see the mistake.\n",
        "Write `[see@committee-2011]` to see the mistake.\n",
        "Write [see\\@committee-2011] to see the mistake.\n",
        "This is issue #officers-2022 of the newsletter.\n",
    ],
)
def test_addresses_unknown_names_and_escaped_markup_are_text(
    make_project: MakeProject, body: str
) -> None:
    assert messages(make_project, body) == []


def test_a_section_written_in_the_briefing_is_reported_at_its_own_line(
    make_project: MakeProject,
) -> None:
    briefing = (
        "series: B\ncampaign: C\ntitle: T\ndate: 2026-11-23\nsections:\n"
        "  - text: |\n      First.\n\n      Then[cf@committee-2011].\n"
    )
    project = make_project({"briefings/minimal.yaml": briefing})
    [problem] = check(project).problems.items
    assert str(problem).startswith("briefings/minimal.yaml:9: [cf@committee-2011]: ")
    assert "write [cf @committee-2011]" in str(problem)


def test_the_last_guard_finds_such_markup_in_a_page() -> None:
    found = find_leftover_markup("Local.[see@justice-committee-2011, para 90] More.")
    assert [f.markup for f in found] == ["[see@justice-committee-2011"]
