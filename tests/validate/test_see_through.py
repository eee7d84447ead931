"""A see-through brand colour is refused at its line (issue 23): Word has no see-through
colours, so `tint: "#00000000"` passed the contrast check (clear over white) and then
turned the Word document's questions box black behind near-black text."""

from __future__ import annotations

import pytest

from parlbrief.check import check
from parlbrief.errors import Problem
from tests.conftest import MakeProject

BRAND = "templates/brands/clear/brand.yaml"


def brand_problems(make_project: MakeProject, brand_yaml: str) -> list[Problem]:
    text = (
        "series: Briefing 1\ntitle: T\ndate: 2026-11-23\nbrand: clear\n"
        "sections:\n  - text: Some words.\n"
    )
    project = make_project({BRAND: brand_yaml, "briefings/minimal.yaml": text})
    return [p for p in check(project).problems.sorted() if p.origin.path == BRAND]


@pytest.mark.parametrize(
    "colour, shown, solid",
    [
        ('"#00000000"', "#000000", "#ffffff"),
        ("transparent", "#000000", "#ffffff"),
        ('"rgba(31, 58, 95, 0)"', "#1f3a5f", "#ffffff"),
        ('"rgba(0, 0, 0, 0.1)"', "#000000", "#e6e6e6"),
    ],
)
def test_a_see_through_colour_is_an_error_naming_the_solid_colour_to_write(
    make_project: MakeProject, colour: str, shown: str, solid: str
) -> None:
    problems = brand_problems(make_project, f"name: Clear\ncolours:\n  tint: {colour}\n")
    assert [(p.origin.line, p.severity) for p in problems] == [(3, "error")]
    assert problems[0].message.endswith(
        f"is see-through, which Word cannot show (it shows it solid, as {shown}) - write "
        f"the solid colour it shows as on white, {solid}"
    )


def test_a_solid_colour_written_with_alpha_one_is_solid(make_project: MakeProject) -> None:
    problems = brand_problems(make_project, 'name: Clear\ncolours:\n  tint: "#eef2f7ff"\n')
    assert problems == []
