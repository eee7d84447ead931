"""Live preview in a real browser: a saved change appears in the open page by itself,
a mistake is shown there with its file and line, and fixing it brings the page back.

Each test waits on what the page shows (Playwright's expect, bounded), never on a
sleep; the bounds are generous so that a loaded machine is slow, not failing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from parlbrief.serve import Serving
from parlbrief.serve.preview import Snapshot
from tests.conftest import MakeProject
from tests.serve.support import previewing

#: Milliseconds a saved change may take to show in the page (a check, a web page and,
#: behind it, a PDF, on a machine that may be busy with other tests).
SHOWN_WITHIN = 20_000
ARGUMENT = "sources/arguments/local-trusts.md"


@pytest.fixture
def served(make_project: MakeProject) -> Iterator[Serving]:
    with previewing(make_project()) as serving:
        yield serving


def edit(serving: Serving, rel: str, old: str, new: str) -> None:
    path = serving.preview.project.root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_argument_appears_in_the_open_page(page: Page, served: Serving) -> None:
    page.goto(served.url + "minimal.html")
    body = page.locator("body")
    expect(body).to_contain_text("35 local trusts")
    old_pdf = served.snapshot.files["minimal.pdf"]
    edit(served, ARGUMENT, "35 local trusts", "thirty-five local trusts")
    expect(body).to_contain_text("thirty-five local trusts", timeout=SHOWN_WITHIN)
    expect(page.locator("#parlbrief-problems")).to_have_count(0)
    # The PDF is rebuilt too, by the worker kept warm, and served as soon as it lands.
    wait_for(served, lambda snap: snap.files.get("minimal.pdf") not in (None, old_pdf))
    data = page.request.get(served.url + "minimal.pdf").body()
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)
    assert "thirty-five local trusts" in " ".join(text.split())


def wait_for(served: Serving, done: Callable[[Snapshot], bool]) -> None:
    """Wait (bounded, woken by the preview itself) until its state satisfies `done`."""
    deadline = time.monotonic() + SHOWN_WITHIN / 1000
    snap = served.snapshot
    while not done(snap):
        left = deadline - time.monotonic()
        assert left > 0, f"gave up waiting: {snap}"
        snap = served.preview.wait(snap.generation, left)


def test_a_mistake_shows_its_file_and_line_and_fixing_it_recovers(
    page: Page, served: Serving
) -> None:
    page.goto(served.url + "minimal.html")
    expect(page.locator("body")).to_contain_text("35 local trusts")
    edit(served, ARGUMENT, "[@committee-2011, para 95]", "[@no-such-report, para 95]")
    problems = page.locator("#parlbrief-problems")
    expect(problems).to_contain_text(re.compile(rf"{ARGUMENT}:\d+"), timeout=SHOWN_WITHIN)
    expect(problems).to_contain_text("no-such-report")
    # The last good page stays beneath the problems.
    expect(page.locator("body")).to_contain_text("35 local trusts")
    edit(served, ARGUMENT, "[@no-such-report, para 95]", "[@committee-2011, para 95]")
    expect(problems).to_have_count(0, timeout=SHOWN_WITHIN)
    expect(page.locator("body")).to_contain_text("35 local trusts")


def test_a_template_the_guard_refuses_shows_where_it_is(
    page: Page, make_project: MakeProject
) -> None:
    project = make_project(base="guarded")
    template = "templates/briefing.html.j2"
    with previewing(project) as serving:
        page.goto(serving.url + "minimal.html")
        expect(page.locator("h1").first).to_be_visible()
        path = project.root / template
        good = path.read_text(encoding="utf-8")
        lines = good.split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("<h1>"))
        lines.insert(at + 1, '<iframe src="https://evil.example/"></iframe>')
        path.write_text("\n".join(lines), encoding="utf-8")
        problems = page.locator("#parlbrief-problems")
        expect(problems).to_contain_text(f"{template}:{at + 2}", timeout=SHOWN_WITHIN)
        expect(problems).to_contain_text("iframe")
        path.write_text(good, encoding="utf-8")
        expect(problems).to_have_count(0, timeout=SHOWN_WITHIN)


def test_the_index_links_to_each_page_and_follows_new_briefings(
    page: Page, served: Serving
) -> None:
    page.goto(served.url)
    expect(page.get_by_role("link", name="web page")).to_have_count(1)
    root: Path = served.preview.project.root
    briefing = (root / "briefings" / "minimal.yaml").read_text(encoding="utf-8")
    (root / "briefings" / "second.yaml").write_text(
        briefing.replace("Local services work best", "A second briefing"), encoding="utf-8"
    )
    expect(page.locator("body")).to_contain_text("A second briefing", timeout=SHOWN_WITHIN)
    page.get_by_role("link", name="web page").last.click()
    expect(page).to_have_url(served.url + "second.html")
    expect(page.locator("h1").first).to_contain_text("A second briefing")


def test_the_reload_script_runs_but_nothing_else_can(page: Page, served: Serving) -> None:
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(served.url + "minimal.html")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.injected === undefined")
    # Requests went only to the preview itself.
    assert page.evaluate(
        "() => performance.getEntries().every(e => e.name.startsWith("
        f"'{served.url}') || e.entryType !== 'resource')"
    )


def test_a_path_outside_the_project_is_not_found(page: Page, served: Serving) -> None:
    for target in ("../../../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "sources/", "pdf/"):
        response = page.request.get(served.url + target)
        assert response.status == 404, target


#: More tabs than a browser opens connections to one host (six), as a press officer
#: keeps the index, a briefing and its PDF open for several briefings.
TABS = 7


def test_seven_tabs_all_load_and_all_follow_a_change(page: Page, served: Serving) -> None:
    # Tabs of one browser share its six connections to the preview: each must load,
    # and each must still hear of a change, however many are open.
    tabs = [page, *(page.context.new_page() for _ in range(TABS - 1))]
    for tab in tabs:
        tab.goto(served.url + "minimal.html", timeout=SHOWN_WITHIN)
        expect(tab.locator("body")).to_contain_text("35 local trusts")
    edit(served, ARGUMENT, "35 local trusts", "thirty-five local trusts")
    for tab in tabs:
        expect(tab.locator("body")).to_contain_text(
            "thirty-five local trusts", timeout=SHOWN_WITHIN
        )
