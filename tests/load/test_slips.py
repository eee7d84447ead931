"""The slips a press officer makes in YAML, said once in words they can act on, with no
follow-on errors elsewhere (issue 23, Deliver 7)."""

from __future__ import annotations

from parlbrief.check import check
from parlbrief.project import Project
from tests.conftest import MakeProject

BRAND = "templates/brands/napo/brand.yaml"
REFERENCES = "sources/references/sources.yaml"
USES_NAPO = (
    "series: Briefing 1\ntitle: T\ndate: 2026-11-23\nbrand: napo\n"
    "sections:\n  - text: Some words.\n"
)


def problems(project: Project) -> list[str]:
    return [str(p) for p in check(project).problems.sorted()]


def test_a_colour_after_a_hash_is_said_to_be_a_comment_and_nothing_follows(
    make_project: MakeProject,
) -> None:
    """It once gave 'a valid string' here and a false "there is no brand" in the briefing."""
    brand = "name: Napo\ncolours:\n  primary: #461E64\n"
    project = make_project({BRAND: brand, "briefings/minimal.yaml": USES_NAPO})
    assert problems(project) == [
        f"{BRAND}:3: primary: YAML reads '#461E64' as a comment (it starts with #), so the "
        'value is empty - put it in quotes: primary: "#461E64"'
    ]


def test_a_note_after_a_hash_and_a_space_is_still_a_comment(make_project: MakeProject) -> None:
    brand = "name: Napo\nlogo:  # to come\n"
    project = make_project({BRAND: brand, "briefings/minimal.yaml": USES_NAPO})
    assert problems(project) == []


def test_a_colon_in_a_value_says_how_to_quote_it(make_project: MakeProject) -> None:
    text = USES_NAPO.replace("title: T", "title: Probation: a service in crisis")
    project = make_project({"briefings/minimal.yaml": text.replace("brand: napo\n", "")})
    assert problems(project) == [
        "briefings/minimal.yaml:2:17: the value of 'title' holds a colon and a space, which "
        "YAML reads as the start of another field - put the value in quotes: "
        'title: "Probation: a service in crisis"'
    ]


def test_a_tab_says_yaml_takes_spaces(make_project: MakeProject) -> None:
    project = make_project({"sources/questions/questions.yaml": "- id: q-a\n\ttext: Why?\n"})
    found = problems(project)
    assert found[0] == (
        "sources/questions/questions.yaml:2:1: this line is indented with a tab, and YAML "
        "takes only spaces - replace the tab with spaces, lined up with the lines around it"
    )


def test_a_references_file_that_cannot_be_read_brings_no_false_missing_references(
    make_project: MakeProject,
) -> None:
    """A slip in references.yaml once gave "there is no reference" in every stored copy."""
    project = make_project(base="copies")
    path = project.root / REFERENCES
    path.write_text(path.read_text(encoding="utf-8") + "- id: [unclosed\n", encoding="utf-8")
    found = problems(project)
    assert [p for p in found if "there is no reference" in p] == []
    assert [p.split(":")[0] for p in found] == [REFERENCES]


def test_a_brand_file_that_cannot_be_read_brings_no_false_missing_brand(
    make_project: MakeProject,
) -> None:
    project = make_project({BRAND: "name: [Napo\n", "briefings/minimal.yaml": USES_NAPO})
    found = problems(project)
    assert [p.split(":")[0] for p in found] == [BRAND]


def test_a_bad_date_does_not_hide_the_other_problems_of_its_item(
    make_project: MakeProject,
) -> None:
    reference = (
        "- id: committee-2011\n  kind: committee report\n  author: Justice Committee\n"
        "  colour: red\n  title: The role of the Probation Service\n  date: 2011-13-27\n"
        "- id: workforce-2022\n  kind: official statistics\n  author: HMPPS\n"
        "  title: HMPPS workforce quarterly\n  date: 2022-08\n"
    )
    project = make_project({REFERENCES: reference})
    assert [p for p in problems(project) if p.startswith(REFERENCES)] == [
        f"{REFERENCES}:4: colour: is not a field parlbrief knows - check the spelling",
        f"{REFERENCES}:6: date: 2011-13-27 is not a real date - check the month and the day "
        "(write the date as 2022-06-30, 2022-06 or 2022)",
    ]


def test_text_given_as_a_list_says_so(make_project: MakeProject) -> None:
    text = USES_NAPO.replace("title: T", "title:\n  - T").replace("brand: napo\n", "")
    project = make_project({"briefings/minimal.yaml": text})
    assert problems(project) == [
        "briefings/minimal.yaml:2: title: should be text, written after the colon "
        "(found a list: lines starting '- ')"
    ]
