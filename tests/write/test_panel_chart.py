"""A chart in a panel of figures, and `{variant}` in a chart, as a reader meets them.

The example's regional briefing (one per region, `variants:`) is given a chart in its
"In your area" panel that draws the variant's own row (`rows: {region: "{variant}"}`),
its caption and legend naming the region (`{variant.in_text}`): each region's PDF, web
page and Word file show that region's chart, in the panel, with its own words and
numbers. A `{variant}` in a chart of a briefing without variants is an error at its
line (it had printed as typed, or drawn no rows).
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pikepdf
import pytest
from pypdf import PdfReader

from parlbrief.check import check
from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from tests.write.test_hand_on import example_copy
from tests.write.test_pdf_tags import elements, role

REGIONS = "probation-regions"
CHART = """    chart:
      type: bar
      data: regions-illustrative.csv
      x: {column: region, heading: Region}
      series:
        - {column: in_post, heading: "In post in {variant.in_text}"}
        - {column: vacancies, heading: Vacant posts}
      axis: Probation officers
      caption: "Probation officers in {variant.in_text}: in post and vacant (illustrative)"
      source: illustrative-regions
      rows: {region: "{variant}"}
"""


def with_panel_chart(project: Project) -> None:
    """The regional briefing's panel given the chart above, after its figures."""
    path = project.root / "briefings" / f"{REGIONS}.yaml"
    text = path.read_text(encoding="utf-8")
    figures = "    figures: [area-po-in-post, area-po-vacancies, area-po-vacancy-rate]\n"
    assert figures in text
    path.write_text(text.replace(figures, figures + CHART, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = example_copy(tmp_path_factory.mktemp("panel-chart"))
    with_panel_chart(project)
    wanted = [f"{REGIONS}/north-east", f"{REGIONS}/wales"]
    report = build(project, wanted, options=BuildOptions(formats=("pdf", "html", "docx")))
    assert not report.failed, report.failed
    return project


def out(project: Project, region: str, suffix: str) -> Path:
    return project.out / REGIONS / f"{region}.{suffix}"


def chart_alts(pdf: Path) -> list[str]:
    with pikepdf.open(pdf) as opened:
        return [
            str(e.Alt)
            for e in elements(opened.Root.StructTreeRoot)
            if role(e) == "/Figure" and "/Alt" in e and str(e.Alt).startswith("Bar chart: ")
        ]


def test_each_region_s_pdf_draws_its_own_row_in_its_panel(built: Project) -> None:
    """North East: 230 in post, 60 vacant (sources/data/regions-illustrative.csv);
    Wales: its own row, named as it reads in a sentence."""
    north_east, wales = (chart_alts(out(built, r, "pdf")) for r in ("north-east", "wales"))
    assert north_east == [
        "Bar chart: Probation officers in the North East: in post and vacant "
        "(illustrative). In post in the North East: North East, 230. "
        "Vacant posts: North East, 60."
    ]
    assert len(wales) == 1 and "In post in Wales: Wales, " in wales[0]
    page = " ".join(PdfReader(out(built, "north-east", "pdf")).pages[0].extract_text().split())
    assert "Probation officers in the North East: in post and vacant (illustrative)" in page
    assert "{variant" not in page


def test_the_web_page_shows_the_chart_inside_the_panel(built: Project) -> None:
    html = out(built, "north-east", "html").read_text(encoding="utf-8")
    panel = html.split('<aside class="figure-panel"', 1)[1].split("</aside>", 1)[0]
    assert '<figure class="chart"' in panel
    assert "Probation officers in the North East: in post and vacant" in panel
    assert re.search(r"<td[^>]*>230</td>", panel)  # its figures, one click away
    assert "{variant" not in html


def test_the_word_file_has_the_panel_s_chart_as_a_described_picture(built: Project) -> None:
    document = docx.Document(str(out(built, "north-east", "docx")))
    described = document.element.body.xpath(".//wp:docPr/@descr")
    charts = [d for d in described if d.startswith("Bar chart: ")]
    assert charts == chart_alts(out(built, "north-east", "pdf"))
    texts = [p.text for p in document.paragraphs]
    caption = "Probation officers in the North East: in post and vacant (illustrative)"
    assert any(t.startswith(caption) for t in texts)


def test_variant_in_a_chart_without_variants_is_an_error_at_its_line(tmp_path: Path) -> None:
    project = example_copy(tmp_path)
    path = project.root / "briefings" / "probation-staffing.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      axis: Probation officers\n"
    assert old in text
    path.write_text(text.replace(old, "      axis: Probation officers in {variant}\n"))
    line = text[: text.index(old)].count("\n") + 1
    errors = [str(p) for p in check(project).problems.errors]
    assert errors == [
        f"briefings/probation-staffing.yaml:{line}: chart: 'Probation officers in {{variant}}' "
        "names {variant}, which only a briefing with 'variants' fills in - add 'variants:' "
        "to the briefing, or write the name itself"
    ]
