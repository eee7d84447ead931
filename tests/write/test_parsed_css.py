"""A worker parses each stylesheet once and lays out every page with it
(write.parsed_css): the pages come out as if each had parsed its own, and a stylesheet
that loads what it may not fails every page that uses it, not only the first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from parlbrief.errors import RenderError
from tests.conftest import PROJECTS

pytest.importorskip("weasyprint")

from parlbrief.write.parsed_css import worker_sheets
from parlbrief.write.pdf import write_pdf

STYLE = "h1 { color: #7a1f5c; font-size: 30pt; } p { margin-left: 20mm; }"


def page(style: str, text: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><style>{style}</style></head>"
        f"<body><h1>{text}</h1><p>{text} in a paragraph.</p></body></html>"
    )


def render(html: str, templates: Path) -> bytes:
    return write_pdf(Path("b.pdf"), html, templates / "brands" / "default", [templates])


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    return shutil.copytree(PROJECTS / "guarded" / "templates", tmp_path / "templates")


def test_pages_sharing_a_stylesheet_parse_it_once_and_come_out_the_same(templates: Path) -> None:
    first = render(page(STYLE, "Aldershot"), templates)
    render(page(STYLE, "Ynys Môn"), templates)
    again = render(page(STYLE, "Aldershot"), templates)
    assert again == first
    parsed = [key for key in worker_sheets().parsed if key[0] == STYLE]
    assert len(parsed) == 1


def test_a_page_with_another_stylesheet_is_laid_out_with_its_own(templates: Path) -> None:
    big = render(page(STYLE, "Aldershot"), templates)
    small = render(page(STYLE.replace("30pt", "12pt"), "Aldershot"), templates)
    assert small != big
    assert render(page(STYLE, "Aldershot"), templates) == big


def test_a_refused_font_in_the_stylesheet_fails_every_page_that_uses_it(
    templates: Path,
) -> None:
    style = (
        "@font-face { font-family: X; src: url(https://example.org/f.woff) } h1 { font-family: X }"
    )
    for name in ("Aldershot", "Ynys Môn"):
        with pytest.raises(RenderError, match=r"f\.woff"):
            render(page(style, name), templates)
