"""Every example web page in a real browser, at a phone's width and a desktop's.

axe-core (bundled in axe-playwright-python, so nothing is fetched) finds no violation;
at 390 px nothing scrolls sideways; every note call lands on its note and the note's
arrow lands back on the call; the text is in the brand's embedded fonts; and each page
is under 300 KB, fonts and all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.conftest import ExampleBuild

WIDTHS = (390, 1280)
MAX_BYTES = 300_000


def example_pages(example_build: ExampleBuild) -> list[Path]:
    found = sorted(example_build.out.rglob("*.html"))
    assert len(found) >= 3
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violations(page: Page, example_build: ExampleBuild, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    axe = Axe()
    for path in example_pages(example_build):
        page.goto(path.as_uri())
        results = axe.run(page)
        assert results.violations_count == 0, f"{path.name} at {width}px:\n" + (
            results.generate_report()
        )


def test_nothing_scrolls_sideways_on_a_phone(page: Page, example_build: ExampleBuild) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for path in example_pages(example_build):
        page.goto(path.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path.name} is {width}px wide at 390px"


def test_every_note_link_lands_on_its_note_and_back(
    page: Page, example_build: ExampleBuild
) -> None:
    for path in example_pages(example_build):
        page.goto(path.as_uri())
        calls = page.locator(".fn-call a").all()
        assert calls, path.name
        for call in calls:
            target = call.get_attribute("href")
            assert target and target.startswith("#")
            call.click()
            assert page.evaluate("location.hash") == target
            note = page.locator(f"li{target}")
            assert note.count() == 1 and note.is_visible()
            back = note.locator("a.backref")
            back.click()
            assert page.evaluate("location.hash") == "#" + (call.get_attribute("id") or "")


def test_the_text_is_in_the_embedded_fonts(page: Page, example_build: ExampleBuild) -> None:
    for path in example_pages(example_build):
        page.goto(path.as_uri())
        page.evaluate("document.fonts.ready.then(() => true)")
        faces = page.evaluate(
            "[...document.fonts].map(f => [f.family, f.weight, f.style, f.status])"
        )
        loaded = {(family.strip('"'), weight, style) for family, weight, style, status in faces
                  if status == "loaded"}  # fmt: skip
        assert ("Lato", "400", "normal") in loaded, f"{path.name}: {faces}"
        assert ("Lato", "700", "normal") in loaded, f"{path.name}: {faces}"
        # Only the embedded faces: nothing the page names is left to the reader's machine.
        assert page.evaluate("document.fonts.check('16px Lato')"), path.name


def test_every_page_is_under_300_kb(example_build: ExampleBuild) -> None:
    for path in example_pages(example_build):
        assert path.stat().st_size < MAX_BYTES, f"{path.name}: {path.stat().st_size:,} bytes"
        assert "data:font/woff2;base64," in path.read_text(encoding="utf-8"), path.name
