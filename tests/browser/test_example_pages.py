"""The example's web pages, opened in a real browser as an MP's researcher would."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.conftest import EXAMPLE_BRIEFING, ExampleBuild


def test_briefing_5_opens_with_its_title_and_loads_nothing_from_outside(
    page: Page, example_build: ExampleBuild
) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    html = example_build.out / f"{EXAMPLE_BRIEFING}.html"
    page.goto(html.as_uri())
    assert "paralysed by bureaucracy" in page.title()
    assert page.locator("h1").count() >= 1
    # Self-contained: the page itself and data: URLs, nothing fetched from anywhere.
    assert [r for r in requests if not r.startswith(("file:", "data:"))] == []


def test_the_content_security_policy_stops_an_injected_script(
    page: Page, example_build: ExampleBuild
) -> None:
    html = example_build.out / f"{EXAMPLE_BRIEFING}.html"
    page.goto(html.as_uri())
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.injected === undefined")


def test_briefing_5_s_title_is_the_largest_type_on_its_web_page(
    page: Page, example_build: ExampleBuild
) -> None:
    """As in the PDF: the series is a small label above the title (it was set larger
    than the title on the web page)."""
    page.goto((example_build.out / f"{EXAMPLE_BRIEFING}.html").as_uri())
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.offsetParent !== null && e.textContent.trim())
            .map(e => [e.tagName + '.' + e.className, parseFloat(getComputedStyle(e).fontSize)])"""
    )
    title = next(size for name, size in sizes if name.startswith("H1"))
    largest = max(size for _, size in sizes)
    assert title == largest, [s for s in sizes if s[1] >= title]
    series = next(size for name, size in sizes if name == "P.series")
    assert series < title / 2
