"""Stage 2, validate: questions' offices and written forms (parlbrief.questions).

The written-form rules of docs/questions.md, one case each: what is rewritten, and what
is left to a person; then what `check` says about a `to:` or a written form.
"""

from __future__ import annotations

import pytest

from parlbrief.check import check
from parlbrief.model import Settings
from parlbrief.questions import Offices, builtin_offices, derive, written_questions
from tests.conftest import MakeProject

JUSTICE = next(o for o in builtin_offices() if o.id == "justice")
ASK = "To ask the Secretary of State for Justice, "


@pytest.mark.parametrize(
    "oral, written",
    [
        ("Will the Minister commit to X?", "whether he will commit to X."),
        ("Will the Secretary of State publish the data?", "whether he will publish the data."),
        ("Will the Government fund it?", "whether the Government will fund it."),
        (
            "What assessment has the Minister made of caseloads?",
            "what assessment he has made of caseloads.",
        ),
        (
            "What steps is the Minister taking to recruit officers?",
            "what steps he is taking to recruit officers.",
        ),
        ("What steps will the Minister take to act?", "what steps he will take to act."),
        ("What plans does the Minister have to act?", "what plans he has to act."),
        ("How many officers are in post?", "how many officers are in post."),
        ("How much was spent in 2024?", "how much was spent in 2024."),
    ],
)
def test_a_question_that_fits_a_pattern_is_rewritten(oral: str, written: str) -> None:
    assert derive(oral, JUSTICE) == ASK + written


@pytest.mark.parametrize(
    "oral",
    [
        "Why was the NPS absorbed into the civil service?",  # no pattern for why
        "Does the Minister agree that this would help?",  # asks an opinion
        "When will staff be on harmonised terms?",  # would need its verb moved
        "How many are in post, and what is being done?",  # two questions in one
        "How many staff, and what is the Minister doing?",  # names the minister again
        "Will the Minister meet Napo and does he agree?",  # a second question
        "Napo asks for this. Will the Minister agree?",  # two sentences
        "Will the Minister act",  # not a question
        "How many: all of them?",  # a colon
        "How much has the new layer of management cost?",  # direct order: has ... cost
        "How many probation officers are there in post?",  # are there: there are
        "How many officers did HMPPS recruit in 2022?",  # did ... recruit
    ],
)
def test_anything_else_is_left_to_a_person(oral: str) -> None:
    assert derive(oral, JUSTICE) is None


def test_the_pronoun_is_the_office_holder_s() -> None:
    home = Offices.of(Settings()).find("Home Secretary")
    assert home is not None
    assert derive("Will the Minister act?", home) == (
        "To ask the Secretary of State for the Home Department, whether she will act."
    )


@pytest.mark.parametrize(
    "to, office",
    [
        ("Justice", "justice"),
        ("the Secretary of State for Justice", "justice"),
        ("Ministry of Justice", "justice"),
        ("the  justice SECRETARY", "justice"),
        ("HM Treasury", "treasury"),
        ("the Chancellor of the Exchequer", "treasury"),
        ("DWP", "work-and-pensions"),
        ("the Minister", None),
        ("the Secretary of State for Jusitce", None),
    ],
)
def test_an_office_is_found_by_any_of_its_names(to: str, office: str | None) -> None:
    found = Offices.of(Settings()).find(to)
    assert (found.id if found else None) == office


def test_a_misspelt_office_is_a_warning_naming_the_closest(make_project: MakeProject) -> None:
    project = make_project(
        {
            "sources/questions/questions.yaml": (
                "- id: q-local\n  to: Secretary of State for Jusitce\n  text: Why?\n"
                "- id: q-funding\n  to: the Minister\n  text: How?\n"
            )
        }
    )
    warnings = [str(p) for p in check(project).problems.warnings]
    assert warnings == [
        "sources/questions/questions.yaml:2: to: 'Secretary of State for Jusitce' is not an "
        "office parlbrief knows - did you mean 'the Secretary of State for Justice'? (the "
        "offices are listed in docs/questions.md; add your own under `offices:` in "
        "parlbrief.yaml)"
    ]


def test_a_written_form_must_begin_to_ask_the(make_project: MakeProject) -> None:
    project = make_project(
        {
            "sources/questions/questions.yaml": (
                "- id: q-local\n  text: Why?\n  written: Why did the Minister do it?\n"
                "- id: q-funding\n  text: How?\n  written: To ask the Prime Minister, how.\n"
            )
        }
    )
    (warning,) = check(project).problems.warnings
    assert str(warning.origin) == "sources/questions/questions.yaml:3"
    assert warning.message.startswith("written: a written question begins 'To ask the'")


def test_a_project_adds_offices_and_names_the_minister_s(make_project: MakeProject) -> None:
    project = make_project(
        {
            "parlbrief.yaml": (
                "department: probation\n"
                "max_age_days: 36500\n"
                "offices:\n"
                "  - id: probation\n"
                "    ask: the Secretary of State for Probation\n"
                "    department: Department for Probation\n"
                "    pronoun: she\n"
                "    names: [Probation Secretary]\n"
            ),
        }
    )
    checked = check(project)
    assert checked.problems.warnings == []
    questions = written_questions(checked.resolved["minimal"], checked.corpus.settings)
    assert [(q.id, q.made, q.written) for q in questions] == [
        (
            "q-local",
            "derived",
            "To ask the Secretary of State for Probation, whether she will let regions "
            "commission services locally.",
        ),
        ("q-funding", "none", None),
    ]
    assert questions[1].note is not None and "needs a written form" in questions[1].note


def test_a_department_that_is_no_office_is_a_warning(make_project: MakeProject) -> None:
    project = make_project({"parlbrief.yaml": "department: justise\nmax_age_days: 36500\n"})
    (warning,) = check(project).problems.warnings
    assert str(warning.origin) == "parlbrief.yaml:1"
    assert "did you mean 'the Secretary of State for Justice'?" in warning.message


def test_without_an_office_the_minister_s_questions_cannot_be_tabled(
    make_project: MakeProject,
) -> None:
    checked = check(make_project())
    questions = written_questions(checked.resolved["minimal"], checked.corpus.settings)
    assert [q.written for q in questions] == [None, None]
    assert questions[0].note is not None and "department:" in questions[0].note
