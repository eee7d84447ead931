"""Figures read from CSV files, tables of a series, change phrases and derived notes."""

from __future__ import annotations

import pytest

from parlbrief.check import Checked, check
from parlbrief.project import Project
from tests.conftest import REPO, MakeProject

STATS = "sources/statistics/workforce.yaml"
CSV = "sources/data/probation-officers.csv"


@pytest.fixture
def figures(make_project: MakeProject) -> Project:
    """tests/projects/figures: the HMPPS table 2 series, shortfalls and regional variants."""
    return make_project(base="figures")


def errors(checked: Checked) -> list[str]:
    return [str(p) for p in checked.problems.errors]


def notes(checked: Checked, key: str) -> list[str]:
    return [str(n.body) for n in checked.resolved[key].notes]


def displays(checked: Checked, key: str) -> list[str]:
    """The figures of a briefing as printed, in reading order."""
    resolved = checked.resolved[key]
    return [
        token.meta["display"]
        for section in resolved.sections
        for block in section.prose.tokens
        for token in block.children or ()
        if token.type == "figure"
    ]


def test_the_example_reads_its_figures_from_the_csv(figures: Project) -> None:
    checked = check(figures)
    assert errors(checked) == []
    assert displays(checked, "staffing") == ["4,542", "up 1,005 since March 2021", "6,239", "1,697"]


def test_a_derived_figure_cites_the_sources_of_its_inputs(figures: Project) -> None:
    shortfall = notes(check(figures), "staffing")[2]
    assert shortfall == (
        "Shortfall of probation officers, June 2022: required staffing minus staff in post. "
        "Source: ibid."  # the same table as the note before: OSCOLA's ibid alone
    )


def test_a_change_phrase_is_noted_with_both_figures(figures: Project) -> None:
    change = notes(check(figures), "staffing")[0]
    assert change == (
        "Probation officers in post, June 2022: 4,542 in June 2022, against 3,537 in "
        "March 2021. Source: HM Prison and Probation Service, <em>HM Prison and Probation "
        "Service Workforce Quarterly, June 2022</em> (Ministry of Justice 2022) table 2."
    )


def test_statistics_include_the_inputs_of_derived_figures(figures: Project) -> None:
    resolved = check(figures).resolved["regional/wales"]
    # The prose prints only the shortfall, but its inputs are what it rests on.
    assert {"in-post-jun-2022", "required-jun-2022", "shortfall-jun-2022"} <= set(resolved.figures)
    assert {s.id for s in resolved.statistics} == set(resolved.figures)
    assert str(resolved.figures_as_at) == "2026-09-30"


def test_the_data_rows_used_are_listed(figures: Project) -> None:
    resolved = check(figures).resolved["other"]
    assert resolved.data_rows == []
    staffing = check(figures).resolved["staffing"]
    assert {(r.file, r.line) for r in staffing.data_rows} == {(CSV, n) for n in (2, 3, 4, 5)}


def test_the_table_is_derived_from_the_csv(figures: Project) -> None:
    checked = check(figures)
    table = checked.resolved["staffing"].sections[1].table
    assert table is not None
    assert table.headings == ["Quarter", "Staff in post", "Required staffing", "Shortfall"]
    assert table.rows == [
        ["June 2020", "3,612", "4,012", "400"],
        ["March 2021", "3,537", "4,039", "502"],
        ["September 2021", "4,288", "5,142", "854"],
        ["June 2022", "4,542", "6,239", "1,697"],
    ]
    assert table.numeric == [False, True, True, True]
    assert notes(checked, "staffing")[table.note - 1 if table.note else 0] == (
        "Source: ibid. Shortfall = Required staffing − Staff in post."
    )


def test_a_changed_cell_changes_the_figure_and_the_table(make_project: MakeProject) -> None:
    base = make_project(base="figures")
    text = (base.root / CSV).read_text(encoding="utf-8").replace("4542,6239", "4600,6239")
    checked = check(make_project({CSV: text}, base="figures"))
    assert displays(checked, "staffing")[::3] == ["4,600", "1,639"]
    table = checked.resolved["staffing"].sections[1].table
    assert table is not None and table.rows[-1] == ["June 2022", "4,600", "6,239", "1,639"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "file: probation-officers.csv, row: {period: 2022-06-30}, column: in_post}",
            "file: officers.csv, row: {period: 2022-06-30}, column: in_post}",
            f"{STATS}:10: data: there is no file sources/data/officers.csv (files there: "
            "probation-officers.csv, regions.csv) - check the name",
        ),
        (
            "row: {period: 2022-06-30}, column: in_post}",
            "row: {period: 2022-06-30}, column: staff}",
            f"{STATS}:10: data: {CSV} has no column 'staff' (its columns: period, in_post, "
            "required) - check the name",
        ),
        (
            "row: {period: 2022-06-30}, column: in_post}",
            "row: {period: 2022-06}, column: in_post}",
            f"{STATS}:10: data: no row of {CSV} has period '2022-06' - check the row values "
            "against the file",
        ),
    ],
)
def test_a_data_problem_names_the_file(
    make_project: MakeProject, old: str, new: str, expected: str
) -> None:
    stats = (make_project(base="figures").root / STATS).read_text(encoding="utf-8")
    assert old in stats
    project = make_project({STATS: stats.replace(old, new, 1)}, base="figures")
    assert expected in errors(check(project))  # in-post-jun-2022 starts on line 10


@pytest.mark.parametrize(
    "cell, says",
    [
        ("1e26", "is written with an exponent (e) - write the number out in full in digits"),
        ("NaN", "is not a number - write the figure in digits"),
        ("99999999999999999999", "is too large: a figure must be less than"),
    ],
)
def test_a_cell_out_of_bounds_says_the_limit(
    make_project: MakeProject, cell: str, says: str
) -> None:
    csv = f"period,in_post,required\n2020-06-30,3612,4012\n2021-03-31,{cell},4039\n"
    csv += "2021-09-30,4288,5142\n2022-06-30,4542,6239\n"
    found = errors(check(make_project({CSV: csv}, base="figures")))
    assert found[0].startswith(f"{CSV}:3: column 'in_post': {cell!r} {says}")


def test_a_cell_that_is_not_a_number_is_reported_at_its_line(make_project: MakeProject) -> None:
    csv = "period,in_post,required\n2020-06-30,3612,4012\n2021-03-31,n/a,4039\n"
    csv += "2021-09-30,4288,5142\n2022-06-30,4542,6239\n"
    found = errors(check(make_project({CSV: csv}, base="figures")))
    assert found[0] == (
        f"{CSV}:3: column 'in_post': 'n/a' is not a number - write it in digits, such as "
        f"4542, 4,542 or 12.5 (in-post-mar-2021 at {STATS}:2 reads it)"
    )


def test_two_matching_rows_are_refused(make_project: MakeProject) -> None:
    csv = (make_project(base="figures").root / CSV).read_text(encoding="utf-8")
    found = errors(check(make_project({CSV: csv + "2022-06-30,1,2\n"}, base="figures")))
    assert found[0] == (
        f"{STATS}:10: data: 2 rows of {CSV} have period '2022-06-30' (lines 5 and 6) - "
        "give more columns under 'row' so that it picks out one"
    )


def test_a_ragged_row_is_reported_at_its_line(make_project: MakeProject) -> None:
    csv = (make_project(base="figures").root / CSV).read_text(encoding="utf-8")
    found = errors(check(make_project({CSV: csv + "2022-09-30,1\n"}, base="figures")))
    assert found == [
        f"{CSV}:6: this row has 2 cells but the header has 3 columns - check for a missing "
        "or extra comma (put quotes around a cell with a comma)"
    ]


def test_a_table_naming_an_unknown_column_says_which(make_project: MakeProject) -> None:
    brief = "briefings/staffing.yaml"
    text = (make_project(base="figures").root / brief).read_text(encoding="utf-8")
    text = text.replace("shortfall: required - in_post", "shortfall: required - in_posts")
    found = errors(check(make_project({brief: text}, base="figures")))
    assert found == [
        f"{brief}:1: table: derived column 'shortfall' uses in_posts, which {CSV} does not "
        "have (columns: period, in_post, required)"
    ]


def test_an_unknown_figure_option_is_reported(make_project: MakeProject) -> None:
    brief = "briefings/other.yaml"
    text = "series: B\ntitle: T\ndate: 2026-11-23\nsections:\n"
    text += "  - text: '[#vacancies-may-2022, change from in-post-mar-2021]'\n"
    found = errors(check(make_project({brief: text}, base="figures")))
    assert found == [
        f"{brief}:5: [#vacancies-may-2022, change from in-post-mar-2021]: 'change from "
        "in-post-mar-2021' is not an option parlbrief knows - write [#vacancies-may-2022] or "
        "[#vacancies-may-2022, change since <other id>] (or 'percent change since')"
    ]


def test_a_percentage_change_phrase(make_project: MakeProject) -> None:
    brief = "briefings/other.yaml"
    text = "series: B\ntitle: T\ndate: 2026-11-23\nsections:\n"
    text += "  - text: '[#in-post-jun-2022, percent change since in-post-mar-2021]'\n"
    checked = check(make_project({brief: text}, base="figures"))
    assert displays(checked, "other") == ["up 28.4% since March 2021"]


# --- the example project -------------------------------------------------------------------


def test_the_examples_shortfalls_and_table_come_from_its_csv() -> None:
    checked = check(Project.at(REPO))
    resolved = checked.resolved["probation-staffing"]
    shortfall = resolved.figures["po-shortfall-jun-2022"]
    assert (shortfall.value, shortfall.inputs) == (
        1697,
        ("po-required-jun-2022", "po-in-post-jun-2022"),
    )
    inputs = [resolved.figures[i] for i in shortfall.inputs]
    assert all(
        f.row is not None and f.row.file == "sources/data/probation-officers.csv" for f in inputs
    )
    tables = [s.table for s in resolved.sections if s.table is not None]
    assert [row[-1] for row in tables[0].rows] == ["400", "502", "854", "1,697"]
