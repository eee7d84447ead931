"""Brands checked: text colours hard to read on their backgrounds (WCAG 2.2 AA), colours
CSS cannot read, fonts that are not installed; contact web addresses."""

from __future__ import annotations

import pytest

from parlbrief import fonts
from parlbrief.check import check
from parlbrief.contrast import PAIRS, shortfalls
from parlbrief.errors import Problem
from parlbrief.model import Colours
from tests.conftest import MakeProject

BRAND = "templates/brands/pale/brand.yaml"


def brand_problems(make_project: MakeProject, brand_yaml: str) -> list[Problem]:
    """check's problems in the brand file of a project whose briefing uses it."""
    text = (
        "series: Briefing 1\ntitle: T\ndate: 2026-11-23\nbrand: pale\n"
        "sections:\n  - text: Some words.\n"
    )
    project = make_project({BRAND: brand_yaml, "briefings/minimal.yaml": text})
    return [p for p in check(project).problems.sorted() if p.origin.path == BRAND]


def test_the_built_in_and_example_colours_pass() -> None:
    assert shortfalls(Colours().model_dump()) == []
    napo = {"primary": "#4b2170", "accent": "#b0185e", "text": "#1d1d1f"}
    assert shortfalls({**Colours().model_dump(), **napo, "tint": "#f4eff8"}) == []


def test_a_pale_primary_warns_at_its_line_with_both_colours_and_the_ratio(
    make_project: MakeProject,
) -> None:
    problems = brand_problems(make_project, 'name: Pale\ncolours:\n  primary: "#f5e6ff"\n')
    assert [(p.origin.line, p.severity) for p in problems] == [(3, "warning")]
    message = problems[0].message
    assert message.startswith("colours.primary: too little contrast for WCAG 2.2 AA: ")
    assert "primary (#f5e6ff) on white (#ffffff) is 1.1:1 (4.5:1 needed for" in message
    assert "3:1 needed for the series name" in message  # fails even as a large heading
    assert message.endswith("- choose a darker primary")


def test_a_ratio_just_under_the_line_is_not_rounded_up() -> None:
    said = shortfalls({**Colours().model_dump(), "muted": "#777777"})  # 4.48:1 on white
    assert len(said) == 1 and "muted (#777777) on white (#ffffff) is 4.4:1" in said[0].message


def test_a_dark_tint_is_blamed_not_the_text_on_it() -> None:
    said = shortfalls({**Colours().model_dump(), "tint": "#5f6368"})
    assert {s.colour for s in said} == {"tint"}
    assert said[0].message.endswith("- choose a lighter tint")


def test_see_through_colours_are_judged_as_they_show() -> None:
    # Black at 10% over white is a pale grey: unreadable as body text.
    said = shortfalls({**Colours().model_dump(), "text": "rgba(0, 0, 0, 0.1)"})
    assert [s.colour for s in said] == ["text"]


def test_every_pair_names_brand_colours_or_white() -> None:
    names = set(Colours.model_fields) - {"origin", "lines"} | {"white"}
    assert {p.text for p in PAIRS} | {p.background for p in PAIRS} <= names


def test_a_colour_css_does_not_know_is_an_error_at_its_line(make_project: MakeProject) -> None:
    problems = brand_problems(make_project, "name: Pale\ncolours:\n  accent: purpel\n")
    assert [(p.origin.line, p.severity) for p in problems] == [(3, "error")]
    assert "'purpel' is not a colour CSS knows" in problems[0].message


def test_a_font_that_is_not_installed_warns_saying_what_prints_instead(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"lato"}))
    monkeypatch.setattr(fonts, "used_instead", lambda families: "Lato")
    problems = brand_problems(make_project, "name: Pale\nfonts:\n  body: Gill Sans Nova\n")
    assert [(p.origin.line, p.severity) for p in problems] == [(3, "warning")]
    assert problems[0].message.startswith(
        "fonts.body: the font 'Gill Sans Nova' is not installed on this computer, so "
        "briefings will be printed in Lato instead - install it"
    )


def test_fontconfig_is_asked_once_and_knows_lato() -> None:
    if fonts.installed_families() is None:
        pytest.skip("fontconfig is not installed here")
    assert fonts.is_installed("LATO") is True  # the set-up installs Lato
    assert fonts.is_installed("No Such Font Zq") is False
    assert fonts.used_instead(("No Such Font Zq", *fonts.FALLBACKS)) == "Lato"
    assert fonts.installed_families.cache_info().misses == 1


def test_without_fontconfig_nothing_is_said(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("parlbrief.fonts.shutil.which", lambda name: None)
    fonts.installed_families.cache_clear()
    try:
        problems = brand_problems(make_project, "name: Pale\nfonts:\n  body: Gill Sans Nova\n")
    finally:
        fonts.installed_families.cache_clear()
    assert problems == []


@pytest.mark.parametrize(
    ("where", "yaml", "line"),
    [
        (BRAND, "name: Pale\ncontact:\n  web: www.example.org\n", 3),
        (
            "briefings/minimal.yaml",
            "series: S\ntitle: T\ndate: 2026-11-23\nbrand: pale\nsections:\n  - text: x\n"
            "signatory:\n  name: A\n  web: javascript:alert(1)\n",
            9,
        ),
    ],
)
def test_a_contact_web_page_must_be_a_web_address(
    make_project: MakeProject, where: str, yaml: str, line: int
) -> None:
    files = {BRAND: "name: Pale\n", where: yaml}
    if where == BRAND:
        files["briefings/minimal.yaml"] = (
            "series: S\ntitle: T\ndate: 2026-11-23\nbrand: pale\nsections:\n  - text: x\n"
        )
    problems = [p for p in check(make_project(files)).problems.errors if p.origin.path == where]
    assert [p.origin.line for p in problems] == [line]
    assert "is not a web address - write the full address" in problems[0].message
