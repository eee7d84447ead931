"""Stage 3, resolve: `[@ref, locator]` in prose becomes a numbered OSCOLA-style footnote.

The first note for a source gives it in full; later ones point back to it with a short
form, "Justice Committee (n 1) para 95". Notes are numbered in reading order: summary,
sections, questions.
"""

from __future__ import annotations

import pytest
from markupsafe import Markup

from parlbrief.check import Checked, check
from parlbrief.model import PartialDate, Reference
from parlbrief.resolve.citations import full_reference
from parlbrief.resolve.prose import Cite, parse_citation
from tests.conftest import MakeProject

COMMITTEE_URL = "https://publications.parliament.uk/pa/cm201012/cmselect/cmjust/519/51902.htm"


def notes(checked: Checked, bid: str = "minimal") -> list[str]:
    """The briefing's footnotes as plain text, in order."""
    return [Markup(n.body).striptags() for n in checked.resolved[bid].notes]


# --- the citation syntax ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "cites"),
    [
        ("@committee-2011", [Cite("committee-2011")]),
        ("@committee-2011, para 90", [Cite("committee-2011", locator="para 90")]),
        (
            "see @committee-2011, paras 81–84",
            [Cite("committee-2011", prefix="see", locator="paras 81–84")],
        ),
        ("see also @a-1", [Cite("a-1", prefix="see also")]),
        ("@a; @b, table 2", [Cite("a"), Cite("b", locator="table 2")]),
        ("@a,   para    9", [Cite("a", locator="para 9")]),
    ],
)
def test_citation_syntax(written: str, cites: list[Cite]) -> None:
    assert parse_citation(written) == cites


@pytest.mark.parametrize("written", ["a plain aside", "write to press@napo.org.uk", "1, 2"])
def test_brackets_that_are_not_citations_stay_text(written: str) -> None:
    assert parse_citation(written) is None


# --- notes in a briefing -------------------------------------------------------------------


def test_notes_are_numbered_in_reading_order_full_then_short(minimal_checked: Checked) -> None:
    assert notes(minimal_checked) == [
        # summary
        "House of Commons Justice Committee, The role of the Probation Service "
        f"(Eighth Report of Session 2010–12, 2011) <{COMMITTEE_URL}>.",
        # the argument: a pinpoint, a "see", a figure
        "Ibid para 95.",
        "See ibid paras 81–84.",
        "Probation officers in post, June 2022: HM Prison and Probation Service, "
        "HMPPS Workforce Quarterly, June 2022 (2022) table 2.",
        # the inline section: a figure whose clause ends where two sources are cited,
        # so that its note and theirs are one (never two calls side by side), which
        # says HMPPS, cited by both, once; the whole work, after a note citing its
        # table 2, is not 'ibid' (which would mean table 2 again) but '(n 4)'
        "Extra funding for probation: HMPPS (n 4). Justice Committee (n 1) para 90.",
    ]


def test_a_title_is_italic_and_a_web_address_is_a_link(minimal_checked: Checked) -> None:
    first = str(minimal_checked.resolved["minimal"].notes[0].body)
    assert "<em>The role of the Probation Service</em>" in first  # its own capitals
    assert f'<a href="{COMMITTEE_URL}">{COMMITTEE_URL}</a>' in first


def test_the_sources_list_holds_each_cited_reference_once(minimal_checked: Checked) -> None:
    sources = minimal_checked.resolved["minimal"].sources
    assert [ref.id for ref in sources] == ["committee-2011", "workforce-2022"]


def test_a_clean_project_has_no_problems(minimal_checked: Checked) -> None:
    assert [str(p) for p in minimal_checked.problems.errors] == []


def test_a_cited_id_that_does_not_exist_is_reported_at_its_line(
    make_project: MakeProject,
) -> None:
    argument = "---\nheading: A\n---\nFirst paragraph.\n\nA claim.[@no-such-report, para 1]\n"
    checked = check(make_project({"sources/arguments/local-trusts.md": argument}))
    assert [str(p) for p in checked.problems.errors] == [
        "sources/arguments/local-trusts.md:6: [@no-such-report]: there is no reference "
        "'no-such-report' - check the id against sources/references/"
    ]


def test_a_citation_deep_in_a_paragraph_is_reported_at_its_own_line(
    make_project: MakeProject,
) -> None:
    argument = (
        "---\nheading: A\n---\nA long paragraph,\nwrapped over lines,\n"
        "with a claim.[@no-such-report]\nand more.\n"
    )
    checked = check(make_project({"sources/arguments/local-trusts.md": argument}))
    assert [p.origin.line for p in checked.problems.errors] == [6]


def test_a_figure_that_does_not_exist_is_reported(make_project: MakeProject) -> None:
    argument = "---\nheading: A\n---\nThere were [#no-such-figure] officers.\n"
    checked = check(make_project({"sources/arguments/local-trusts.md": argument}))
    messages = [p.message for p in checked.problems.errors]
    assert any("there is no statistic 'no-such-figure'" in m for m in messages)


def test_a_markdown_link_is_not_a_citation(make_project: MakeProject) -> None:
    argument = "---\nheading: A\n---\nSee [the report @ Parliament](https://example.org).\n"
    checked = check(make_project({"sources/arguments/local-trusts.md": argument}))
    assert not checked.problems.errors
    assert len(checked.resolved["minimal"].notes) == 2  # summary + the inline section's one


# --- note text for one reference --------------------------------------------------------------


def reference(**fields: object) -> Reference:
    base: dict[str, object] = {
        "id": "ifg-2022",
        "kind": "case study",
        "author": "Institute for Government",
        "title": "Reunification of probation services",
        "date": PartialDate.parse("2022"),
    }
    return Reference.model_validate({**base, **fields})


def test_a_year_only_date_prints_as_the_year() -> None:
    text = full_reference(reference()).striptags()
    assert text == "Institute for Government, Reunification of probation services (2022)"


def test_a_publisher_other_than_the_author_is_given() -> None:
    ref = reference(publisher="Russell Webster", date=PartialDate.parse("2022-08-23"))
    text = full_reference(ref, "p 4").striptags()
    assert text == (
        "Institute for Government, Reunification of probation services "
        "(Russell Webster, 23 August 2022) p 4"
    )


def test_note_text_is_escaped() -> None:
    text = str(full_reference(reference(title="Tables <b>& chairs</b>")))
    assert "&lt;b&gt;&amp; chairs&lt;/b&gt;" in text
