"""Notes for press releases, Hansard, written questions and legislation, in the forms
OSCOLA 4th edition gives them; and what each kind must say."""

from __future__ import annotations

from string import Formatter

import pytest
from markupsafe import Markup
from pydantic import ValidationError

from parlbrief.load import load_project
from parlbrief.model import REFERENCE_KINDS, Reference, ReferenceKind
from parlbrief.resolve.citations import full_reference, short_reference
from tests.conftest import MakeProject

# As a press officer writes them: no author for parliamentary material, no date for an Act.
HANSARD = Reference.model_validate(
    {"id": "d", "kind": "hansard", "house": "Commons", "volume": "747", "date": "2024-03-12"}
)
LORDS = Reference.model_validate(
    {"id": "l", "kind": "hansard", "house": "Lords", "volume": "836", "date": "2024-03-12"}
)
QUESTION = Reference.model_validate(
    {
        "id": "q",
        "kind": "written question",
        "house": "Commons",
        "uin": "12345",
        "date": "2024-03-03",
    }
)
ACT = Reference.model_validate(
    {"id": "a", "kind": "legislation", "title": "Offender Rehabilitation Act 2014"}
)
RELEASE = Reference.model_validate(
    {
        "id": "p",
        "kind": "press release",
        "author": "Ministry of Justice",
        "title": "Probation staff & pay",
        "date": "2024-03-12",
        "url": "https://www.gov.uk/government/news/x",
    }
)


def text(markup: Markup) -> str:
    return Markup(markup).striptags()


@pytest.mark.parametrize(
    ("ref", "locator", "note"),
    [
        (HANSARD, "col 123", "HC Deb 12 March 2024, vol 747, col 123"),
        (HANSARD, "cols 123-125", "HC Deb 12 March 2024, vol 747, cols 123–125"),
        (LORDS, "col 45", "HL Deb 12 March 2024, vol 836, col 45"),
        (QUESTION, "", "HC Written Question 12345, answered 3 March 2024"),
        (ACT, "s 2", "Offender Rehabilitation Act 2014, s 2"),
        (ACT, "", "Offender Rehabilitation Act 2014"),
        (
            RELEASE,
            "",
            "Ministry of Justice, ‘Probation staff & pay’ (press release, 12 March 2024) "
            "<https://www.gov.uk/government/news/x>",
        ),
    ],
)
def test_the_first_note_of_each_kind(ref: Reference, locator: str, note: str) -> None:
    assert text(full_reference(ref, locator)) == note


@pytest.mark.parametrize(
    ("ref", "note"),
    [
        (HANSARD, "HC Deb 12 March 2024, vol 747, col 124"),
        (QUESTION, "HC Written Question 12345, answered 3 March 2024, col 124"),
        (ACT, "Offender Rehabilitation Act 2014, col 124"),
        (RELEASE, "Ministry of Justice (n 3) col 124"),
    ],
)
def test_later_notes_repeat_primary_material_and_shorten_the_rest(
    ref: Reference, note: str
) -> None:
    assert text(short_reference(ref, 3, "col 124")) == note


def test_an_act_is_dated_by_the_year_in_its_title() -> None:
    assert str(ACT.date) == "2014" and ACT.author == "Parliament"


def test_hansard_and_written_questions_are_by_the_house() -> None:
    assert HANSARD.author == "House of Commons" and HANSARD.title is None


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"kind": "hansard", "date": "2024-03-12"}, "'house: Commons' and 'volume: 747'"),
        ({"kind": "written question", "house": "Lords", "date": "2024"}, "'uin: 12345'"),
        ({"kind": "report", "author": "X", "date": "2024"}, "'title: ...'"),
    ],
)
def test_each_kind_says_what_it_needs(fields: dict[str, str], complaint: str) -> None:
    with pytest.raises(ValidationError, match=complaint):
        Reference.model_validate({"id": "r", **fields})


def test_a_kind_written_as_a_list_is_refused_with_the_kinds_there_are(
    make_project: MakeProject,
) -> None:
    refs = "- id: odd\n  kind: [hansard]\n  author: Napo\n  title: A post\n  date: 2022\n"
    _, problems = load_project(make_project({"sources/references/more.yaml": refs}))
    [problem] = problems.items
    assert str(problem.origin) == "sources/references/more.yaml:2"
    assert "kind: should be 'report', 'official statistics'" in problem.message


@pytest.mark.parametrize("kind", list(REFERENCE_KINDS.values()), ids=lambda k: k.name)
def test_each_kind_s_note_names_only_fields_it_is_sure_to_have(kind: ReferenceKind) -> None:
    named = {name for _, name, _, _ in Formatter().parse(kind.note or "") if name}
    assert named <= {"author", "date", *kind.needs}


@pytest.mark.parametrize("kind", list(REFERENCE_KINDS.values()), ids=lambda k: k.name)
def test_every_kind_in_the_table_is_a_kind_a_reference_may_give(kind: ReferenceKind) -> None:
    fields = {"id": "r", "kind": kind.name, "author": "Someone", "date": "2024-03-12"}
    ref = Reference.model_validate(fields | dict(kind.needs))
    first = text(full_reference(ref, "para 2"))
    assert first.endswith("para 2") and "None" not in first
    assert text(short_reference(ref, 3)) in (first.removesuffix(", para 2"), "Someone (n 3)")
