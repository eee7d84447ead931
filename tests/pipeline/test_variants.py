"""A briefing built once per row of a data table: one per region, each with its figures."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from parlbrief.check import check
from parlbrief.pipeline import build
from parlbrief.project import Project
from tests.conftest import REPO, MakeProject

REGIONAL = "briefings/regional.yaml"
REGIONS = "sources/data/regions.csv"
ILLUSTRATIVE = "Illustrative figures, not official statistics."


@pytest.fixture
def figures(make_project: MakeProject) -> Project:
    return make_project(base="figures")


def test_each_row_is_a_briefing_keyed_by_id_and_region(figures: Project) -> None:
    checked = check(figures)
    assert [k for k in checked.resolved if k.startswith("regional")] == [
        "regional/north-east",
        "regional/wales",
        "regional/kent-surrey-and-sussex",
    ]
    kent = checked.resolved["regional/kent-surrey-and-sussex"]
    assert kent.briefing.title == "Probation staffing in Kent, Surrey and Sussex"
    assert kent.variant is not None and kent.variant.row.line == 5


def test_the_panel_shows_the_variants_own_figures_sourced(figures: Project) -> None:
    wales = check(figures).resolved["regional/wales"]
    panel = wales.panels[0]
    assert panel.heading == "In your area"
    assert panel.note == ILLUSTRATIVE
    assert [(i.label, i.display) for i in panel.items] == [
        ("Probation officers in post, Wales", "310"),
        ("Probation officers required, Wales", "400"),
        ("Vacancies, Wales", "90"),
    ]
    first = str(wales.notes[0].body)
    assert first.startswith("Probation officers in post, Wales: Example Union, <em>Illustrative")


def test_variant_text_names_the_region(figures: Project) -> None:
    north_east = check(figures).resolved["regional/north-east"]
    text = north_east.sections[0].prose.tokens[1].content
    assert text.startswith("North East has [#area-in-post]")


def test_a_figure_for_each_variant_cannot_be_used_elsewhere(make_project: MakeProject) -> None:
    brief = "briefings/other.yaml"
    project = make_project(
        {brief: "series: B\ntitle: T\ndate: 2026-11-23\nsections:\n  - text: '[#area-in-post]'\n"},
        base="figures",
    )
    errors = [str(p) for p in check(project).problems.errors]
    assert errors == [
        f"{brief}:5: [#area-in-post]: area-in-post reads the row for {{variant}} of a data "
        "file, so only a briefing with 'variants' can use it"
    ]


def test_two_rows_with_the_same_name_are_refused(make_project: MakeProject) -> None:
    csv = "region,in_post,required\nWales,1,2\nwales,3,4\n"
    errors = [str(p) for p in check(make_project({REGIONS: csv}, base="figures")).problems.errors]
    assert errors == [
        f"{REGIONS}:3: 'wales' gives the same file name (wales) as line 2 - "
        "make the names different"
    ]


def test_a_problem_in_a_variant_briefing_is_reported_once(make_project: MakeProject) -> None:
    text = (make_project(base="figures").root / REGIONAL).read_text(encoding="utf-8")
    text = text.replace("[#area-required] needed", "[#no-such-figure] needed")
    checked = check(make_project({REGIONAL: text}, base="figures"))
    assert [p.message for p in checked.problems.errors] == [
        "[#no-such-figure]: there is no statistic 'no-such-figure' - "
        "check the id against sources/statistics/"
    ]


def test_variants_build_into_a_folder_each_saying_illustrative(figures: Project) -> None:
    report = build(figures, ["regional"])
    assert not report.failed, report.failed
    out = figures.out / "regional"
    assert sorted(p.name for p in out.iterdir()) == [
        f"{slug}.{fmt}"
        for slug in ("kent-surrey-and-sussex", "north-east", "wales")
        for fmt in ("html", "pdf")
    ]
    for slug in ("kent-surrey-and-sussex", "north-east", "wales"):
        html = (out / f"{slug}.html").read_text(encoding="utf-8")
        assert ILLUSTRATIVE in html
        pdf_text = " ".join(
            (page.extract_text() or "") for page in PdfReader(out / f"{slug}.pdf").pages
        )
        assert "Illustrative figures, not official" in " ".join(pdf_text.split())
    wales = (out / "wales.html").read_text(encoding="utf-8")
    assert "Probation staffing in Wales" in wales and ">310<" in wales


REGIONS_EXAMPLE = REPO / "briefings" / "probation-regions.yaml"


def test_the_example_has_one_briefing_per_probation_region_all_illustrative() -> None:
    checked = check(Project.at(REPO))
    keys = [k for k in checked.resolved if k.startswith("probation-regions/")]
    assert len(keys) == 12
    assert "probation-regions/kent-surrey-and-sussex" in keys
    for key in keys:
        panel = checked.resolved[key].panels[0]
        assert panel.note is not None and panel.note.startswith(ILLUSTRATIVE)
        assert all("(illustrative)" in item.label for item in panel.items)
