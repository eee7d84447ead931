"""Charts of a data series: the numbers read from sources/data, checked, and put in words."""

from __future__ import annotations

import pytest

from parlbrief.check import Checked, check
from parlbrief.project import Project
from parlbrief.resolve.resolved import ResolvedChart
from tests.conftest import REPO, MakeProject

CSV = "sources/data/probation-officers.csv"
CHART = "briefings/chart.yaml"

#: A briefing of the `figures` sample project with one chart (its section 2).
BRIEFING = """\
series: Briefing 2
title: Officers against required staffing
date: 2026-11-23
sections:
  - text: Fewer officers than the service needs.
  - chart:
      type: {type}
      data: probation-officers.csv
      x: {{column: period, heading: Quarter, format: month}}
      series:
        - {{column: in_post, heading: Staff in post}}
        - {{column: {required}, heading: Required staffing}}
      axis: Probation officers
      caption: Probation officers in post against required staffing
      source: workforce-2022
      pinpoint: table 2
"""


def chart_project(make_project: MakeProject, **changes: str) -> Project:
    fields = {"type": "bar", "required": "required"} | changes
    files: dict[str, str | None] = {CHART: BRIEFING.format(**fields)}
    return make_project(files, base="figures")


def the_chart(checked: Checked) -> ResolvedChart:
    chart = checked.resolved["chart"].sections[1].chart
    assert chart is not None
    return chart


def errors(checked: Checked) -> list[str]:
    return [str(p) for p in checked.problems.errors]


def test_the_chart_reads_its_numbers_from_the_csv(make_project: MakeProject) -> None:
    checked = check(chart_project(make_project))
    assert errors(checked) == []
    chart = the_chart(checked)
    assert chart.categories == ["June 2020", "March 2021", "September 2021", "June 2022"]
    assert [s.label for s in chart.series] == ["Staff in post", "Required staffing"]
    assert [str(v) for v in chart.series[0].values] == ["3612", "3537", "4288", "4542"]
    assert chart.series[1].displays == ["4,012", "4,039", "5,142", "6,239"]
    assert [d.isoformat() for d in chart.dates or []][-1] == "2022-06-30"


def test_the_text_alternative_states_every_number(make_project: MakeProject) -> None:
    chart = the_chart(check(chart_project(make_project)))
    assert chart.description == (
        "Bar chart: Probation officers in post against required staffing. "
        "Staff in post: June 2020, 3,612; March 2021, 3,537; September 2021, 4,288; "
        "June 2022, 4,542. "
        "Required staffing: June 2020, 4,012; March 2021, 4,039; September 2021, 5,142; "
        "June 2022, 6,239."
    )


def test_the_chart_cites_its_source_in_a_note(make_project: MakeProject) -> None:
    checked = check(chart_project(make_project))
    chart = the_chart(checked)
    assert chart.note is not None
    note = str(checked.resolved["chart"].notes[chart.note - 1].body)
    assert note.startswith("Source: HM Prison and Probation Service")
    assert note.endswith("table 2.")


def test_a_changed_cell_changes_the_chart(make_project: MakeProject) -> None:
    base = chart_project(make_project)
    text = (base.root / CSV).read_text(encoding="utf-8").replace("4542,6239", "4600,6239")
    changed = make_project({CHART: (base.root / CHART).read_text(), CSV: text}, base="figures")
    chart = the_chart(check(changed))
    assert chart.series[0].displays[-1] == "4,600"
    assert "June 2022, 4,600." in chart.description


def test_the_rows_it_reads_are_recorded_for_rebuilds(make_project: MakeProject) -> None:
    resolved = check(chart_project(make_project)).resolved["chart"]
    assert {(r.file, r.line) for r in resolved.data_rows} == {(CSV, n) for n in (2, 3, 4, 5)}


def test_a_missing_column_is_named_at_its_line(make_project: MakeProject) -> None:
    checked = check(chart_project(make_project, required="requird"))
    assert errors(checked) == [
        f"{CHART}:12: chart: {CSV} has no column 'requird' (columns: period, in_post, "
        "required) - check the name"
    ]


def test_an_unknown_type_lists_the_kinds_there_are(make_project: MakeProject) -> None:
    checked = check(chart_project(make_project, type="pie"))
    assert errors(checked) == [
        f"{CHART}:7: sections.1.chart.type: should be 'bar' or 'line' (found 'pie')"
    ]


def test_a_cell_that_is_not_a_number_is_named_with_its_row(make_project: MakeProject) -> None:
    base = chart_project(make_project)
    text = (base.root / CSV).read_text(encoding="utf-8").replace("3537,4039", "n/a,4039")
    checked = check(make_project({CHART: (base.root / CHART).read_text(), CSV: text}, "figures"))
    found = [e for e in errors(checked) if e.startswith(f"{CSV}:3:")]
    assert found and "column 'in_post': 'n/a'" in found[0]
    assert "chart" not in checked.resolved or not checked.resolved["chart"].sections[1:]


def test_a_missing_data_file_lists_the_files_there_are(make_project: MakeProject) -> None:
    project = chart_project(make_project)
    text = (project.root / CHART).read_text().replace("probation-officers.csv", "officers.csv")
    checked = check(make_project({CHART: text}, base="figures"))
    assert errors(checked) == [
        f"{CHART}:8: chart: data: there is no file sources/data/officers.csv (files there: "
        "probation-officers.csv, regions.csv) - check the name"
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "\n".join(f"        - {{column: in_post, heading: S{i}}}" for i in range(3)),
            "chart: 5 series are more than a chart's colours tell apart (at most 4) - split "
            "them into two charts, or show a table",
        ),
        (
            "        - {column: period, format: month}",
            "chart: a series is drawn as numbers, so its format is one of count, percentage, "
            "money (found 'month') - change it, or leave it out",
        ),
    ],
)
def test_series_that_cannot_be_drawn_are_refused(
    make_project: MakeProject, extra: str, message: str
) -> None:
    text = BRIEFING.format(type="bar", required="required").replace(
        "heading: Required staffing}\n", "heading: Required staffing}\n" + extra + "\n"
    )
    checked = check(make_project({CHART: text}, base="figures"))
    assert [e.split(": ", 1)[1] for e in errors(checked)] == [message]


def test_rows_that_match_nothing_say_so(make_project: MakeProject) -> None:
    text = BRIEFING.format(type="line", required="required") + "      rows: {period: 2030-01-01}\n"
    checked = check(make_project({CHART: text}, base="figures"))
    assert errors(checked) == [
        f"{CHART}:17: chart: no row of {CSV} has period 2030-01-01 - check the values under 'rows'"
    ]


def test_a_pinpoint_the_stored_copy_lacks_is_refused_at_its_line(
    make_project: MakeProject,
) -> None:
    briefing = (REPO / "tests/projects/copies/briefings/copies.yaml").read_text("utf-8")
    chart = (
        "  - chart:\n      type: bar\n      data: officers.csv\n      caption: Officers\n"
        "      x: {column: period}\n      series:\n        - {column: in_post}\n"
        "      source: workforce-2022\n      pinpoint: table 9\n"
    )
    project = make_project(
        {
            "briefings/copies.yaml": briefing + chart,
            "sources/data/officers.csv": "period,in_post\n2022-06-30,4542\n",
        },
        base="copies",
    )
    assert errors(check(project)) == [
        "briefings/copies.yaml:20: sections: chart: pinpoint: the stored copy has no passage "
        "'table 9' (it has table 2) - correct the pinpoint, or copy the passage into "
        "sources/documents/workforce-2022.md"
    ]


def test_every_mistake_in_one_chart_is_reported_at_once(make_project: MakeProject) -> None:
    text = BRIEFING.format(type="bar", required="requird") + "      rows: {nation: England}\n"
    text = text.replace("heading: Staff in post}", "format: day}")
    checked = check(make_project({CHART: text}, base="figures"))
    assert sorted(e.split(": ", 1)[0] for e in errors(checked)) == [
        f"{CHART}:11",  # the series formatted as a date
        f"{CHART}:12",  # the column 'requird'
        f"{CHART}:17",  # the column 'nation' under rows
    ]
