"""Citations and figures held to the stored copies of their sources.

tests/projects/copies cites two references with a stored copy and one without; each
case below adds one argument (or changes one file) and expects exactly the problems a
press officer would see.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from parlbrief.check import check
from parlbrief.cli.commands import app
from parlbrief.errors import Origin, Problems
from parlbrief.load.documents import Passage
from parlbrief.project import Project
from parlbrief.resolve.pinpoints import expand, quotations, split_locator
from parlbrief.resolve.quotes import check_copies, citations, nearest_headings, normalise, quoted
from tests.conftest import REPO, MakeProject

COMMITTEE = "sources/documents/committee-2011.md"
HAS = "it has para 81, para 82, para 83, para 84, para 95"


def argument(citation: str) -> dict[str, str]:
    """A project file: an argument whose line 4 makes one cited claim."""
    return {"sources/arguments/bad.md": f"---\nheading: Bad\n---\nA claim.{citation}\n"}


def problems_of(project: Project) -> list[str]:
    checked = check(project)
    return [
        f"{p}" if p.severity == "error" else f"{p.origin}: warning: {p.message}"
        for p in checked.problems.sorted()
    ]


def test_the_sample_project_agrees_with_its_copies(make_project: MakeProject) -> None:
    assert problems_of(make_project(base="copies")) == []


# --- pinpoints ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pinpoint", "passages"),
    [
        ("para 95", ["para 95"]),
        ("paras 81–84", ["para 81", "para 82", "para 83", "para 84"]),
        ("paras 99, 102", ["para 99", "para 102"]),
        ("paras 81-83 and 87", ["para 81", "para 82", "para 83", "para 87"]),
        ("pp 33–35", ["p 33", "p 34", "p 35"]),
        ("p 7", ["p 7"]),
        ("table 2", ["table 2"]),
        ("under ‘Payment Mechanism’", ["Payment Mechanism"]),
        ("under 'No such heading'", ["No such heading"]),
        ("under ‘Introduction’ and ‘The future’", ["Introduction", "The future"]),
        ("opening paragraph", ["opening paragraph"]),
        ("", []),
    ],
)
def test_a_pinpoint_names_each_passage_it_covers(pinpoint: str, passages: list[str]) -> None:
    assert expand(pinpoint) == passages


@pytest.mark.parametrize(
    ("locator", "pinpoint", "comment", "quoted_words"),
    [
        ("para 95", "para 95", "", []),
        (
            'paras 99, 102 ("unable to fulfil local needs")',
            "paras 99, 102",
            '"unable to fulfil local needs"',
            ["unable to fulfil local needs"],
        ),
        (
            "paras 99, 102 (NOMS’s control of the trusts: “unable to fulfil local needs”)",
            "paras 99, 102",
            "NOMS’s control of the trusts: “unable to fulfil local needs”",
            ["unable to fulfil local needs"],
        ),
        (
            "under ‘CRC innovations’ (the Probation Service, “like the NPS”, and ‘in house’)",
            "under ‘CRC innovations’",
            "the Probation Service, “like the NPS”, and ‘in house’",
            ["like the NPS", "in house"],
        ),
        ("s 3(1)", "s 3(1)", "", []),
        ("(“words only”)", "", "“words only”", ["words only"]),
    ],
)
def test_a_locator_splits_into_pinpoint_and_comment(
    locator: str, pinpoint: str, comment: str, quoted_words: list[str]
) -> None:
    split = split_locator(locator)
    assert (split.pinpoint, split.comment) == (pinpoint, comment)
    assert quotations(split.comment) == quoted_words


def test_single_quotes_inside_a_double_quotation_belong_to_it() -> None:
    assert quotations("staff who “already felt ‘second class’”") == ["already felt ‘second class’"]


@pytest.mark.parametrize(
    ("citation", "problem"),
    [
        (
            "[@committee-2011, para 999]",
            f"committee-2011, para 999: the stored copy has no passage 'para 999' ({HAS}) - "
            f"correct the pinpoint, or copy the passage into {COMMITTEE}",
        ),
        (
            "[@committee-2011, paras 84–86]",
            f"committee-2011, paras 84–86: the stored copy has no passage 'para 85' ({HAS}) - "
            f"correct the pinpoint, or copy the passage into {COMMITTEE}",
        ),
        (
            "[@committee-2011, under 'No such heading']",
            "committee-2011, under 'No such heading': the stored copy has no passage 'No such "
            f"heading' ({HAS}) - correct the pinpoint, or copy the passage into {COMMITTEE}",
        ),
        (
            '[cf @committee-2011, paras 81, 999 ("tick boxes")]',
            f"committee-2011, paras 81, 999: the stored copy has no passage 'para 999' ({HAS}) "
            f"- correct the pinpoint, or copy the passage into {COMMITTEE}",
        ),
    ],
    ids=["para", "range", "heading", "list"],
)
def test_a_pinpoint_the_copy_lacks_is_refused_at_the_citation(
    make_project: MakeProject, citation: str, problem: str
) -> None:
    problems = problems_of(make_project(argument(citation), base="copies"))
    assert [p for p in problems if "para 86" not in p] == [f"sources/arguments/bad.md:4: {problem}"]


def test_the_nearest_passages_are_named_when_a_copy_has_many() -> None:
    headings = [f"para {n}" for n in (81, 82, 83, 84, 87, 95, 99, 100, 102, 113, 120)]
    assert nearest_headings(headings, "para 999") == ["para 120", "para 113", "para 102"]
    assert nearest_headings(headings, "paragraph 98") == ["para 99", "para 100", "para 95"]
    assert nearest_headings(["Introduction", "The future"], "The futures") == [
        "The future",
        "Introduction",
    ]


# --- quotations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "citation",
    [
        "[@committee-2011, para 84 (“tick-box culture”)]",
        "[@committee-2011, para 84 ('tick-box culture')]",
        "[@committee-2011, para 84 (the “tick‑box   culture”, NOMS’s doing)]",
        "[@committee-2011, paras 81–84 (“laboured under a tick-box culture”)]",
        "[@committee-2011, para 81 (“positive outcomes for offenders. For example”)]",
        "[@committee-2011, para 81 (“NOMS has developed … performance framework”)]",
        "[@committee-2011, para 95 (“35 different competitions … each probation trust”)]",
        "[@committee-2011, (“the capacity of the market to invest in”)]",
        "[@committee-2011, para 82 (‘Probation Trust Rating System (PTRS).’)]",
    ],
    ids=[
        "curly",
        "straight",
        "dash-space-apostrophe",
        "range",
        "footnote-marker",
        "ellipsis",
        "ellipsis-bis",
        "no-pinpoint",
        "nested-brackets",
    ],
)
def test_a_quotation_in_the_pinpointed_passages_passes(
    make_project: MakeProject, citation: str
) -> None:
    assert problems_of(make_project(argument(citation), base="copies")) == []


@pytest.mark.parametrize(
    ("citation", "problem"),
    [
        (
            "[@committee-2011, para 84 (“a tick-box culture imposed by NOMS”)]",
            "committee-2011, para 84: the quotation “a tick-box culture imposed by NOMS” is not "
            f"in the passage 'para 84' of the stored copy ({COMMITTEE}:25); the nearest words "
            "there are “a tick-box culture, imposed on them” - quote the source word for word, "
            "or correct the copy",
        ),
        (
            "[@committee-2011, para 84 (“35 different competitions”)]",
            "committee-2011, para 84: the quotation “35 different competitions” is not in the "
            f"passage 'para 84' of the stored copy ({COMMITTEE}:25) but in the passage 'para 95' "
            f"({COMMITTEE}:31) - correct the pinpoint",
        ),
        (
            "[@committee-2011, (“36 different competitions”)]",
            "committee-2011: the quotation “36 different competitions” is not in the stored copy "
            f"({COMMITTEE}); the nearest words are in 'para 95' ({COMMITTEE}:31): “35 different "
            "competitions” - quote the source word for word, or correct the copy",
        ),
        (
            "[@committee-2011, para 81 (“Very few bear … to reducing crime”)]",
            "committee-2011, para 81: the quotation “Very few bear … to reducing crime” is not in "
            f"the passage 'para 81' of the stored copy ({COMMITTEE}:7); the nearest words there "
            "are “Very few bear a relationship to” - quote the source word for word, or correct "
            "the copy",
        ),
    ],
    ids=["not-verbatim", "other-passage", "nowhere", "ellipsis"],
)
def test_a_quotation_not_in_the_passages_is_refused_naming_the_nearest(
    make_project: MakeProject, citation: str, problem: str
) -> None:
    problems = problems_of(make_project(argument(citation), base="copies"))
    assert problems == [f"sources/arguments/bad.md:4: {problem}"]


def test_a_citation_of_a_reference_without_a_copy_is_not_checked(
    make_project: MakeProject,
) -> None:
    citation = "[@ifg-2022, para 999 (“words nobody wrote”)]"
    assert problems_of(make_project(argument(citation), base="copies")) == []


def test_citations_in_briefings_and_questions_are_found_at_their_lines(
    make_project: MakeProject,
) -> None:
    project = make_project(
        {
            "briefings/copies.yaml": (REPO / "tests/projects/copies/briefings/copies.yaml")
            .read_text(encoding="utf-8")
            .replace("para 84]", "para 85]"),
            "sources/questions/q.yaml": "- id: q-1\n  text: |\n    Why?[@committee-2011, p 3]\n",
        },
        base="copies",
    )
    problems = problems_of(project)
    assert [p.split(": committee-2011")[0] for p in problems] == [
        "briefings/copies.yaml:5",
        "sources/questions/q.yaml:3",
    ]


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("“It’s — here”", '"It\'s-here"'),
        ("offenders.[110] For", "offenders. For"),
        ("the Service.29 The", "the Service. The"),
        ("cut by 2.5 per cent", "cut by 2.5 per cent"),
        ("many\n  lines\u00a0here", "many lines here"),
        ("Case Kept", "Case Kept"),
    ],
)
def test_quotations_are_compared_with_marks_made_alike(written: str, normalised: str) -> None:
    assert normalise(written) == normalised


def test_no_quotation_runs_across_words_left_out() -> None:
    passage = Passage("x", "The first part.\n\n[…]\n\nThe second part.", Origin("x.md", 1))
    assert quoted("The first part.", [passage])
    assert not quoted("first part. The second", [passage])


# --- statistics and tables ----------------------------------------------------------------


def test_a_figure_missing_from_its_passage_is_warned_about_at_its_value(
    make_project: MakeProject,
) -> None:
    figures = (REPO / "tests/projects/copies/sources/statistics/figures.yaml").read_text("utf-8")
    project = make_project(
        {"sources/statistics/figures.yaml": figures.replace("4542", "4543")}, base="copies"
    )
    assert problems_of(project) == [
        "sources/statistics/figures.yaml:3: warning: officers-2022: the figure as printed, "
        "'4,543', is not in the passage 'table 2' of the stored copy "
        "(sources/documents/workforce-2022.md:7) - check the value against the source, or the "
        "pinpoint"
    ]


def test_a_figure_written_another_way_in_the_source_passes(make_project: MakeProject) -> None:
    figures = (REPO / "tests/projects/copies/sources/statistics/figures.yaml").read_text("utf-8")
    copy = (REPO / "tests/projects/copies/sources/documents/workforce-2022.md").read_text("utf-8")
    project = make_project(
        {
            "sources/statistics/figures.yaml": figures.replace(
                "value: 4542", "value: 4500\n  approximate: true"
            ),
            "sources/documents/workforce-2022.md": copy + "\nIn all, approximately 4500.\n",
        },
        base="copies",
    )
    assert problems_of(project) == []


def test_a_statistic_pinpoint_the_copy_lacks_is_refused_at_its_line(
    make_project: MakeProject,
) -> None:
    figures = (REPO / "tests/projects/copies/sources/statistics/figures.yaml").read_text("utf-8")
    project = make_project(
        {"sources/statistics/figures.yaml": figures.replace("table 2", "table 3")}, base="copies"
    )
    assert problems_of(project) == [
        "sources/statistics/figures.yaml:7: officers-2022: pinpoint: the stored copy has no "
        "passage 'table 3' (it has table 2) - correct the pinpoint, or copy the passage into "
        "sources/documents/workforce-2022.md"
    ]


def test_a_table_pinpoint_the_copy_lacks_is_refused_at_its_line(
    make_project: MakeProject,
) -> None:
    briefing = (REPO / "tests/projects/copies/briefings/copies.yaml").read_text("utf-8")
    table = (
        "  - heading: Officers\n    table:\n      data: officers.csv\n      caption: Officers\n"
        "      columns:\n        - {column: in_post}\n      source: workforce-2022\n"
        "      pinpoint: table 9\n"
    )
    project = make_project(
        {
            "briefings/copies.yaml": briefing + table,
            "sources/data/officers.csv": "period,in_post\n2022-06-30,4542\n",
        },
        base="copies",
    )
    assert problems_of(project) == [
        "briefings/copies.yaml:19: sections: table: pinpoint: the stored copy has no passage "
        "'table 9' (it has table 2) - correct the pinpoint, or copy the passage into "
        "sources/documents/workforce-2022.md"
    ]


# --- require_copies -----------------------------------------------------------------------


def test_require_copies_warns_about_each_cited_reference_without_one(
    make_project: MakeProject,
) -> None:
    project = make_project(
        {"parlbrief.yaml": "require_copies: true\nmax_age_days: 36500\n"}, base="copies"
    )
    assert problems_of(project) == [
        "sources/references/sources.yaml:16: warning: ifg-2022: there is no stored copy of "
        "this reference, and parlbrief.yaml sets require_copies - add "
        "sources/documents/ifg-2022.md with the passages cited"
    ]


def test_require_copies_fails_a_strict_check(make_project: MakeProject) -> None:
    project = make_project(
        {"parlbrief.yaml": "require_copies: true\nmax_age_days: 36500\n"}, base="copies"
    )
    result = CliRunner().invoke(app, ["check", "--strict", "-p", str(project.root)])
    assert result.exit_code == 1
    assert "ifg-2022: there is no stored copy of this reference" in result.stderr


def test_without_require_copies_a_reference_needs_no_copy(make_project: MakeProject) -> None:
    project = make_project(
        {"parlbrief.yaml": "require_copies: false\nmax_age_days: 36500\n"}, base="copies"
    )
    assert problems_of(project) == []


# --- the example project ------------------------------------------------------------------


def test_every_pinpoint_and_quotation_in_the_example_agrees_with_its_copy() -> None:
    checked = check(Project.at(REPO))
    problems = Problems()
    check_copies(checked.corpus, checked.resolved.values(), problems)
    assert [str(p) for p in problems.items] == []
    cited = [
        (cite, where)
        for cite, where in citations(checked.corpus)
        if cite.id in checked.corpus.copies
    ]
    quoted_words = [q for cite, _ in cited for q in split_locator(cite.locator).quotations]
    # Every citation of a copied source is checked, quotations included.
    assert len(cited) >= 25
    assert len(quoted_words) >= 10
