"""Notes for press releases, Hansard, written questions and legislation, in the forms
OSCOLA 4th edition gives them; and what each kind must say.

`full_reference` words a reference the CSL style gives no entry for (the sources
list's fallback); in a briefing every kind goes through the style, so that
ibid and '(n 3)' follow its rules for all (the last test)."""

from __future__ import annotations

import re
from string import Formatter

import pytest
from markupsafe import Markup
from pydantic import ValidationError

from parlbrief.load import load_project
from parlbrief.model import REFERENCE_KINDS, Reference, ReferenceKind
from parlbrief.pipeline import BuildOptions, build
from parlbrief.resolve.citations import full_reference
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


# --- press releases and written questions in a built briefing --------------------------

MOVED = """\
- id: moj-2024
  kind: press release
  author: Ministry of Justice
  short: MoJ
  title: Probation staff to get pay rise
  date: 2024-03-12
  url: https://www.gov.uk/government/news/probation-pay
- id: wq-12345
  kind: written question
  house: Commons
  uin: "12345"
  date: 2024-03-03
  url: https://questions-statements.parliament.uk/written-questions/detail/2024-02-26/12345
- id: napo-2016
  kind: evidence
  author: Napo
  title: Interim submission
  date: 2016-07-14
"""
SAID = [
    "Pay was announced.[@moj-2024, para 2]",
    "Again.[@moj-2024, para 3]",
    "The Minister answered.[@wq-12345]",
    "Again.[@wq-12345]",
    "Napo said so.[@napo-2016]",
    "Pay, again.[see @moj-2024]",
    "The answer, again.[@wq-12345, para 2]",
]


def test_press_releases_and_written_questions_take_ibid_and_short_forms(
    make_project: MakeProject,
) -> None:
    text = "".join(f"      {line}\n\n" for line in SAID)
    briefing = f"series: B\ncampaign: C\ntitle: T\ndate: 2026-11-23\nsections:\n  - text: |\n{text}"
    project = make_project(
        {
            "briefings/minimal.yaml": briefing,
            "sources/references/sources.yaml": MOVED,
            "sources/arguments/local-trusts.md": None,
            "sources/questions/questions.yaml": None,
            "sources/statistics/figures.yaml": None,
        }
    )
    report = build(project, options=BuildOptions(formats=("html",)))
    assert not report.failed, report.failed
    page = (project.out / "minimal.html").read_text(encoding="utf-8")
    release = "https://www.gov.uk/government/news/probation-pay"
    question = (
        "https://questions-statements.parliament.uk/written-questions/detail/2024-02-26/12345"
    )
    assert page_notes(page) == [
        "Ministry of Justice, ‘Probation Staff to Get Pay Rise’ (press release, 12 March 2024)"
        f" para 2 <{release}>.",
        "Ibid para 3.",  # was 'MoJ (n 1) para 3.'
        f"HC Written Question 12345, answered 3 March 2024 <{question}>.",
        "Ibid.",  # was the question again in full
        "Napo, Interim Submission (2016).",
        "See MoJ (n 1).",
        "HC Written Question 12345, answered 3 March 2024, para 2.",  # primary: in full
    ]


def page_notes(page: str) -> list[str]:
    """The web page's notes as a reader sees them (without the link back)."""
    found = re.findall(r'<li id="fn-\d+"[^>]*>(.*?)</li>', page, re.S)
    return [" ".join(Markup(body).striptags().replace("↩\ufe0e", "").split()) for body in found]
