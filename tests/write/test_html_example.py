"""Stage 5, write: Briefing 5's web page works on its own, offline, on a phone.

Every in-page link (note calls, back links) lands on an element; nothing is fetched
from elsewhere (styles and logo are inline); the only links out of the page are the
web addresses of the sources, as printed in the notes.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from parlbrief.check import check
from tests.conftest import ExampleBuild


class Page(HTMLParser):
    """The parts of a page these tests look at: ids, links, sources, meta tags."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.meta: dict[str, str] = {}
        self.tags: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.add(tag)
        if "id" in values:
            self.ids.append(values["id"])
        if "href" in values:
            self.hrefs.append(values["href"])
        if "src" in values:
            self.srcs.append(values["src"])
        if tag == "meta" and "name" in values:
            self.meta[values["name"]] = values.get("content", "")


@pytest.fixture(scope="module")
def html(example_build: ExampleBuild) -> str:
    return example_build.html().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return Page(html)


def test_every_in_page_link_lands_somewhere(page: Page) -> None:
    targets = [href[1:] for href in page.hrefs if href.startswith("#")]
    assert len(targets) >= 6
    assert [t for t in targets if t not in page.ids] == []


def test_ids_are_unique(page: Page) -> None:
    assert len(page.ids) == len(set(page.ids))


def test_each_note_call_links_to_its_note_and_back(page: Page) -> None:
    calls = [href[1:] for href in page.hrefs if href.startswith("#fn-")]
    assert calls == [f"fn-{n}" for n in range(1, len(calls) + 1)]
    for call in calls:
        assert call.replace("fn-", "fnref-") in page.ids


def test_the_only_links_out_are_the_sources(page: Page, example_build: ExampleBuild) -> None:
    """The sources' web addresses, and the organisation's own (its contact's web page)."""
    checked = check(example_build.project)
    urls = {ref.url for ref in checked.corpus.references.values() if ref.url}
    urls |= {b.contact.web for b in checked.corpus.brands.values() if b.contact and b.contact.web}
    outside = [h for h in page.hrefs if not h.startswith("#") and h not in urls]
    assert outside == []


def test_nothing_is_fetched_from_elsewhere(page: Page, html: str) -> None:
    assert [s for s in page.srcs if not s.startswith("data:")] == []
    assert "script" not in page.tags
    assert "link" not in page.tags or 'rel="stylesheet"' not in html
    assert "@import" not in html
    assert "url(http" not in html.replace(" ", "")


def test_the_page_fits_a_phone_and_says_its_language(page: Page, html: str) -> None:
    assert page.meta.get("viewport", "").startswith("width=device-width")
    assert '<html lang="en-GB"' in html
    assert "<title>" in html


def test_a_reproduction_says_so_under_the_masthead(html: str, example_build: ExampleBuild) -> None:
    """Briefing 5 reproduces Napo's undated original: its `provenance` line must be shown,
    so that the page is not read as a new Napo briefing of the date in the masthead."""
    briefing = check(example_build.project).resolved["briefing-5"].briefing
    assert briefing.provenance
    assert '<p class="provenance">' in html
    assert briefing.provenance.split(";")[0] in html.replace("&#39;", "'")
