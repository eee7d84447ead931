"""Charts drawn by matplotlib: the numbers of sources/data as text, the brand's look, the
same bytes every build, nothing live, and the figures one click away on the web page."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys

from lxml import html as lxml_html

from parlbrief.check import check
from parlbrief.guard import check_html, with_csp
from parlbrief.render import charts
from parlbrief.svg import clean_svg
from tests.conftest import MakeProject, render_page
from tests.resolve.test_charts import BRIEFING, CHART, CSV, chart_project, the_chart

NAPO = "templates/brands/napo/brand.yaml"
BRAND = """\
name: Napo
colours: {primary: "#4b2170", accent: "#b0185e"}
fonts: {body: Lato, heading: Lato}
"""


def drawing(page: str, which: str = "") -> str:
    """The chart's <svg> as the page holds it (`which`: ' chart-narrow' for the phone's)."""
    pattern = rf'<div class="chart-drawing(?: chart-wide)?{which}">(<svg.*?</svg>)</div>'
    found = re.search(pattern, page, re.S)
    assert found, "no chart in the page"
    return found.group(1)


def test_the_drawing_shows_the_numbers_of_the_csv_as_text(make_project: MakeProject) -> None:
    svg = drawing(render_page(check(chart_project(make_project)), "chart", "pdf"))
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    for shown in ("3,612", "4,542", "6,239", "June 2020", "Staff in post", "Probation officers"):
        assert shown in texts


def test_a_changed_value_is_drawn(make_project: MakeProject) -> None:
    base = chart_project(make_project)
    text = (base.root / CSV).read_text(encoding="utf-8").replace("4542,6239", "4600,6239")
    changed = make_project({CHART: (base.root / CHART).read_text(), CSV: text}, base="figures")
    page = render_page(check(changed), "chart", "html")
    assert ">4,600</text>" in drawing(page) and ">4,542</text>" not in drawing(page)
    assert '<td class="num">4,600</td>' in page  # the table under the chart too


def test_the_same_figures_give_the_same_bytes(make_project: MakeProject) -> None:
    checked = check(chart_project(make_project))
    first = drawing(render_page(checked, "chart", "pdf"))
    charts._svg.cache_clear()  # draw again, not from the cache
    assert drawing(render_page(checked, "chart", "pdf")) == first


def test_the_drawing_is_in_the_brand_colours_and_font(make_project: MakeProject) -> None:
    text = BRIEFING.format(type="bar", required="required")
    text = text.replace("date: 2026-11-23", "date: 2026-11-23\nbrand: napo")
    checked = check(make_project({NAPO: BRAND, CHART: text}, base="figures"))
    assert [str(p) for p in checked.problems.errors] == []
    svg = drawing(render_page(checked, "chart", "pdf"))
    assert "fill:#4b2170" in svg and "fill:#b0185e" in svg  # primary, then accent
    assert "font-family:&quot;Lato&quot;" in svg


def test_the_drawing_holds_nothing_live_and_passes_the_cleaner(make_project: MakeProject) -> None:
    page = render_page(check(chart_project(make_project)), "chart", "html")
    svg = drawing(page)
    assert clean_svg(svg.encode()).ok
    assert "<script" not in svg and "<style" not in svg and "http" not in svg.split(">", 1)[1]
    assert check_html(with_csp(page)) == []  # the output guard, as the build runs it


def test_its_title_is_the_text_alternative(make_project: MakeProject) -> None:
    checked = check(chart_project(make_project))
    svg = drawing(render_page(checked, "chart", "pdf"))
    root = lxml_html.fragment_fromstring(svg)
    title = root.find("title")
    assert title is not None and title.text == the_chart(checked).description
    assert root.get("role") == "img" and root.get("aria-labelledby") == title.get("id")


def test_two_charts_on_a_page_share_no_id(make_project: MakeProject) -> None:
    text = BRIEFING.format(type="bar", required="required")
    chart = text[text.index("  - chart:") :]
    page = render_page(check(make_project({CHART: text + chart}, "figures")), "chart", "html")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert len(re.findall(r"<svg", page)) == 4  # each wide, and narrow for phones


def test_a_dollar_in_a_label_is_a_dollar(make_project: MakeProject) -> None:
    text = BRIEFING.format(type="bar", required="required").replace(
        "heading: Staff in post", "heading: '$5 and $6 staff'"
    )
    page = render_page(check(make_project({CHART: text}, "figures")), "chart", "pdf")
    assert ">$5 and $6 staff</text>" in drawing(page)


def test_the_web_page_has_the_figures_one_click_away(make_project: MakeProject) -> None:
    checked = check(chart_project(make_project))
    page = render_page(checked, "chart", "html")
    details = re.search(r'<details class="chart-data">.*?</details>', page, re.S)
    assert details
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", details.group(0))
    assert cells[:3] == ["Quarter", "Staff in post", "Required staffing"]
    assert cells[-3:] == ["June 2022", "4,542", "6,239"]
    assert '<details class="chart-data">' not in render_page(checked, "chart", "pdf")


def test_a_line_chart_spaces_its_points_by_date(make_project: MakeProject) -> None:
    checked = check(chart_project(make_project, type="line"))
    svg = drawing(render_page(checked, "chart", "pdf"))
    ticks = [
        float(x)
        for x in re.findall(r'<text[^>]*x="([0-9.]+)"[^>]*>(?:June|March|September) 20', svg)
    ]
    assert len(ticks) == 4
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    # June 2020 to March 2021 is 9 months, March to September 2021 six, then nine.
    assert abs(gaps[0] / gaps[1] - 9 / 6) < 0.05 and abs(gaps[2] / gaps[1] - 9 / 6) < 0.05


def test_a_briefing_without_a_chart_never_imports_matplotlib() -> None:
    """matplotlib takes about a second to import: only a briefing with a chart pays."""
    script = (
        "import sys\n"
        "from parlbrief.check import check\n"
        "from parlbrief.project import Project\n"
        "from tests.conftest import PROJECTS, render_page\n"
        "checked = check(Project.at(PROJECTS / 'minimal'))\n"
        "for key in checked.resolved:\n"
        "    render_page(checked, key, 'html')\n"
        "print(len(checked.resolved), 'matplotlib' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "1 False", done.stderr


def test_a_phone_gets_a_narrow_drawing_of_the_same_figures(make_project: MakeProject) -> None:
    checked = check(chart_project(make_project))
    page = render_page(checked, "chart", "html")
    wide, narrow = drawing(page), drawing(page, " chart-narrow")
    assert wide != narrow
    width = float(re.search(r'viewBox="0 0 ([0-9.]+)', narrow).group(1))  # type: ignore[union-attr]
    assert width < 300  # points: 3.7 inches, for about 360 px
    for shown in ("3,612", "6,239", "Staff in post"):
        assert f">{shown}</text>" in narrow
    assert ">September</text>" in narrow and ">2021</text>" in narrow  # on two lines
    title = lxml_html.fragment_fromstring(narrow).find("title")
    assert title is not None and title.text == the_chart(checked).description
    assert '<div class="chart-drawing chart-narrow">' not in render_page(checked, "chart", "pdf")
