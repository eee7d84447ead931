"""The staffing briefing's chart on its web page, in a real browser: the drawing is an
image named by its text alternative, and the figures open under it as a table."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.conftest import ExampleBuild


def test_the_chart_is_an_image_named_by_its_numbers(
    page: Page, example_build: ExampleBuild
) -> None:
    page.goto(example_build.html("probation-staffing").as_uri())
    image = page.get_by_role("img", name="Bar chart: Probation officers in post")
    assert image.count() == 1
    assert image.is_visible()
    name = image.evaluate("e => e.querySelector('title').textContent")
    assert "Staff in post: June 2020, 3,612;" in name and "June 2022, 6,239." in name


def test_the_figures_are_one_click_away(page: Page, example_build: ExampleBuild) -> None:
    page.goto(example_build.html("probation-staffing").as_uri())
    table = page.locator(".chart-data table")
    assert not table.is_visible()
    page.get_by_text("The figures in this chart").click()
    assert table.is_visible()
    rows = table.locator("tbody tr").all_inner_texts()
    assert rows[-1].split("\t") == ["June 2022", "4,542", "6,239"]


def test_a_phone_sees_the_narrow_drawing_only(page: Page, example_build: ExampleBuild) -> None:
    """At 390 px the wide drawing would print its words at 7 px: the narrow one takes
    its place, and a screen reader still meets one image, not two."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(example_build.html("probation-staffing").as_uri())
    images = page.get_by_role("img", name="Bar chart: Probation officers in post")
    assert images.count() == 1
    assert images.evaluate("e => e.closest('.chart-drawing').className").endswith("chart-narrow")
    label = page.locator(".chart-narrow text", has_text="3,612")
    font_px = label.evaluate("e => e.getBoundingClientRect().height")
    assert font_px >= 9, f"the figures print {font_px:.1f} px high on a phone"
