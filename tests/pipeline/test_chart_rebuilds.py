"""A chart's data table is tracked like any figure's: one changed cell rebuilds exactly
the briefings that read it, and the rebuilt chart draws the new value."""

from __future__ import annotations

from parlbrief.pipeline import BuildOptions, build
from tests.conftest import MakeProject
from tests.pipeline.conftest import edit
from tests.resolve.test_charts import CSV, chart_project

HTML = BuildOptions(formats=("html",))


def test_a_changed_cell_rebuilds_exactly_its_users_and_the_chart_shows_it(
    make_project: MakeProject,
) -> None:
    project = chart_project(make_project)
    first = build(project, options=HTML)
    assert "chart" in first.built and not first.failed
    assert ">3,612</text>" in (project.out / "chart.html").read_text(encoding="utf-8")

    # June 2020 is read by the chart and by the staffing briefing's table; by no
    # statistic, so the regional variants and 'other' do not read it.
    edit(project, CSV, '2020-06-30,"3,612"', '2020-06-30,"3,700"')
    second = build(project, options=HTML)

    assert sorted(second.built) == ["chart", "staffing"]
    assert second.reasons["chart"] == [f"chart: data {CSV}:2 changed"]
    page = (project.out / "chart.html").read_text(encoding="utf-8")
    assert ">3,700</text>" in page and ">3,612</text>" not in page
    assert "June 2020, 3,700;" in page  # the text alternative
    assert build(project, options=HTML).built == []
