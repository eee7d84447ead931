"""Variants from a project's own figures keyed by ONS code, joined to the list of
constituencies for their names and regions (`variants: join:`); the name as it reads
in a sentence, `{variant.in_text}`."""

from __future__ import annotations

import pytest

from parlbrief.check import check
from parlbrief.errors import ContentError
from parlbrief.model.variant_text import in_text
from parlbrief.project import Project
from tests.conftest import MakeProject

# Rows of the real list (shared/data/constituencies-2024.csv).
LIST = (
    "gss_code,name,region,nation\n"
    "E14001172,Cities of London and Westminster,Greater London,England\n"
    "E14001168,City of Durham,North East,England\n"
    "W07000112,Ynys Môn,Wales,Wales\n"
    "E14001559,The Wrekin,West Midlands,England\n"
)
FIGURES = (
    "# Illustrative figures for tests, not official statistics.\n"
    "gss_code,caseload\n"
    "E14001172,410\n"
    "W07000112,120\n"
)
STATISTIC = (
    "- id: seat-caseload\n  label: People supervised in {variant}\n  kind: count\n"
    "  as_of: 2026-09-30\n  source: regions-illustrative\n"
    '  data: {file: seat-figures.csv, row: {name: "{variant}"}, column: caseload}\n'
)
SHEET = (
    "series: In your constituency\n"
    "title: Probation in {variant.in_text}\n"
    "date: 2026-11-23\n"
    "variants:\n"
    "  data: seat-figures.csv\n"
    "  key: name\n"
    "  join: {data: constituencies-2024.csv, on: gss_code}\n"
    "sections:\n"
    "  - heading: '{variant} ({variant.region})'\n"
    "    text: In {variant.in_text}, [#seat-caseload] people are supervised.\n"
)


def seats(make_project: MakeProject, figures: str = FIGURES, sheet: str = SHEET) -> Project:
    return make_project(
        {
            "sources/data/constituencies-2024.csv": LIST,
            "sources/data/seat-figures.csv": figures,
            "sources/statistics/seats.yaml": STATISTIC,
            "briefings/seats.yaml": sheet,
        },
        base="figures",
    )


def test_each_row_of_the_figures_is_a_sheet_named_from_the_list(make_project: MakeProject) -> None:
    resolved = check(seats(make_project)).resolved
    assert sorted(k for k in resolved if k.startswith("seats/")) == [
        "seats/cities-of-london-and-westminster",
        "seats/ynys-mon",
    ]
    cities = resolved["seats/cities-of-london-and-westminster"]
    assert cities.briefing.title == "Probation in the Cities of London and Westminster"
    section = cities.sections[0]
    assert section.heading == "Cities of London and Westminster (Greater London)"
    text = "".join(t.content for t in section.prose.tokens if t.content)
    assert text.startswith("In the Cities of London and Westminster, ")
    ynys_mon = resolved["seats/ynys-mon"]
    assert ynys_mon.briefing.title == "Probation in Ynys Môn"
    assert [item.display for item in ynys_mon.figures.values()] == ["120"]


@pytest.mark.parametrize(
    ("name", "in_a_sentence"),
    [
        ("Cities of London and Westminster", "the Cities of London and Westminster"),
        ("City of Durham", "the City of Durham"),
        ("Ynys Môn", "Ynys Môn"),
        ("The Wrekin", "The Wrekin"),
        ("Bristol Central", "Bristol Central"),
    ],
)
def test_the_name_in_a_sentence(name: str, in_a_sentence: str) -> None:
    assert in_text(name) == in_a_sentence


def test_check_names_every_row_that_does_not_join(make_project: MakeProject) -> None:
    figures = FIGURES + "E14009999,55\nW07000112,77\n,3\n"
    with pytest.raises(ContentError) as raised:
        check(seats(make_project, figures)).problems.raise_if_errors()
    said = "\n".join(str(p) for p in raised.value.problems)
    assert (
        "sources/data/seat-figures.csv:5: gss_code E14009999 is not in "
        "sources/data/constituencies-2024.csv, so this row joins to nothing - check it"
    ) in said
    assert "sources/data/seat-figures.csv:6: 'Ynys Môn' gives the same file name" in said
    assert "sources/data/seat-figures.csv:7: column 'gss_code' is empty" in said


def test_a_column_the_table_does_not_have_is_named(make_project: MakeProject) -> None:
    sheet = SHEET.replace("{variant.region}", "{variant.reigon}")
    with pytest.raises(ContentError) as raised:
        check(seats(make_project, sheet=sheet)).problems.raise_if_errors()
    said = "\n".join(str(p) for p in raised.value.problems)
    assert (
        "briefings/seats.yaml:9: {variant.reigon}: sources/data/seat-figures.csv has no "
        "column 'reigon' (its columns: gss_code, caseload, name, region, nation; and "
        "in_text, the name as it reads in a sentence) - check the name"
    ) in said


# ---- statistic labels and panel headings ------------------------------------------

LABELLED = STATISTIC.replace(
    "label: People supervised in {variant}",
    "label: People supervised in {variant.in_text} ({variant.region})",
) + (
    "- id: national-caseload\n"
    "  label: People supervised in England and Wales, beside {variant.in_text}\n"
    "  kind: count\n  value: 240000\n  as_of: 2026-09-30\n  source: regions-illustrative\n"
)
PANEL = SHEET + (
    "panels:\n  - heading: 'In {variant.in_text} ({variant.nation})'\n"
    "    figures: [seat-caseload, national-caseload]\n"
    "    note: Illustrative figures for {variant.in_text}, not official statistics.\n"
)


def labelled(make_project: MakeProject, statistics: str = LABELLED) -> Project:
    project = seats(make_project, sheet=PANEL)
    (project.root / "sources/statistics/seats.yaml").write_text(statistics, encoding="utf-8")
    return project


def test_labels_and_panel_headings_and_notes_name_the_variant_as_the_text_does(
    make_project: MakeProject,
) -> None:
    checked = check(labelled(make_project))
    assert [str(p) for p in checked.problems.errors] == []
    cities = checked.resolved["seats/cities-of-london-and-westminster"]
    panel = cities.panels[0]
    assert panel.heading == "In the Cities of London and Westminster (England)"
    assert panel.note == (
        "Illustrative figures for the Cities of London and Westminster, not official statistics."
    )
    assert [item.label for item in panel.items] == [
        "People supervised in the Cities of London and Westminster (Greater London)",
        "People supervised in England and Wales, beside the Cities of London and Westminster",
    ]
    ynys_mon = checked.resolved["seats/ynys-mon"].panels[0]
    assert [item.label for item in ynys_mon.items] == [
        "People supervised in Ynys Môn (Wales)",
        "People supervised in England and Wales, beside Ynys Môn",
    ]


def test_a_label_naming_a_column_the_table_does_not_have_is_an_error_at_its_line(
    make_project: MakeProject,
) -> None:
    statistics = LABELLED.replace("({variant.region})", "({variant.reigon})")
    errors = [str(p) for p in check(labelled(make_project, statistics)).problems.errors]
    assert errors == [
        "sources/statistics/seats.yaml:2: {variant.reigon}: sources/data/seat-figures.csv "
        "has no column 'reigon' (its columns: gss_code, caseload, name, region, nation; and "
        "in_text, the name as it reads in a sentence) - check the name"
    ]


def test_a_label_naming_the_variant_in_a_briefing_without_variants_is_an_error(
    make_project: MakeProject,
) -> None:
    """It would print '{variant.in_text}' as typed: nothing fills it there."""
    project = labelled(make_project)
    (project.root / "briefings/other.yaml").write_text(
        "series: B\ntitle: T\ndate: 2026-11-23\nsections:\n"
        "  - text: England and Wales supervise [#national-caseload] people.\n",
        encoding="utf-8",
    )
    errors = [str(p) for p in check(project).problems.errors]
    assert errors == [
        "briefings/other.yaml:5: [#national-caseload]: the label of national-caseload "
        "('People supervised in England and Wales, beside {variant.in_text}', "
        "sources/statistics/seats.yaml:8) uses {variant}, which only a briefing with "
        "'variants' fills - take it out of the label, or print this figure only in a "
        "briefing with variants"
    ]


def test_a_panel_heading_naming_a_column_the_table_does_not_have_is_an_error_at_its_line(
    make_project: MakeProject,
) -> None:
    project = labelled(make_project)
    sheet = project.root / "briefings/seats.yaml"
    text = sheet.read_text(encoding="utf-8").replace("{variant.nation}", "{variant.country}")
    sheet.write_text(text, encoding="utf-8")
    errors = [str(p) for p in check(project).problems.errors]
    assert errors == [
        "briefings/seats.yaml:12: {variant.country}: sources/data/seat-figures.csv has no "
        "column 'country' (its columns: gss_code, caseload, name, region, nation; and "
        "in_text, the name as it reads in a sentence) - check the name"
    ]
