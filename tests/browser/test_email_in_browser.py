"""The email's HTML part as a mail program shows it, in the suite's one Chromium.

Mail programs drop style sheets (Outlook for Windows then sets the text in Times New
Roman), so the HTML part must carry its styles inline.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from tests.conftest import EXAMPLE_BRIEFING
from tests.write.test_hand_on import example_copy, output, read_email


@pytest.fixture(scope="module")
def emailed(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = example_copy(tmp_path_factory.mktemp("email"))
    report = build(project, [EXAMPLE_BRIEFING], options=BuildOptions(formats=("pdf", "eml")))
    assert not report.failed, report.failed
    return project


def test_the_email_s_html_part_is_in_the_brand_s_fonts_in_a_browser(
    emailed: Project, page: Page
) -> None:
    """Chromium, opening the HTML part as it is, sets its text in the brand's font with
    fallbacks a Windows office has, in the brand's colours."""
    html = read_email(output(emailed, "eml")).get_body(("html",))
    assert html is not None
    page.set_content(html.get_content())
    font = page.eval_on_selector("p", "e => getComputedStyle(e).fontFamily")
    colour = page.eval_on_selector("h1", "e => getComputedStyle(e).color")
    assert font.split(",")[0].strip("'\" ") == "Lato"
    assert "Calibri" in font and font.endswith("sans-serif")
    assert colour == "rgb(75, 33, 112)"  # Napo's primary, #4b2170
    assert page.inner_text("p") == "Dear colleague,"
