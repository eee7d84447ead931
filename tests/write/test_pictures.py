"""Logos and pictures: SVG, PNG or JPEG, used as checked, refused when damaged or live."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.pictures import read_picture
from parlbrief.project import Project
from tests.conftest import MakeProject

BRAND = "templates/brands/union/brand.yaml"
ARGUMENT = "sources/arguments/local-trusts.md"


def png(width: int, height: int, kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    # A gradient, so that the file is large enough for cutting it short to damage it.
    Image.linear_gradient("L").resize((width, height)).convert("RGB").save(buffer, kind)
    return buffer.getvalue()


def with_brand(make_project: MakeProject, logo: str, data: bytes) -> Project:
    briefing = (Path(__file__).parents[1] / "projects/minimal/briefings/minimal.yaml").read_text()
    files: dict[str, str | bytes | None] = {
        BRAND: f"name: Test Union\nlogo: {logo}\n",
        f"templates/brands/union/{logo}": data,
        "briefings/minimal.yaml": briefing.replace(
            "date: 2026-11-23", "date: 2026-11-23\nbrand: union"
        ),
    }
    return make_project(files)


def build(project: Project, *args: str) -> tuple[int, str]:
    done = CliRunner().invoke(
        app, ["build", "-p", str(project.root), "-o", str(project.out), *args]
    )
    return done.exit_code, done.output


@pytest.mark.parametrize("name, kind", [("logo.png", "PNG"), ("logo.jpg", "JPEG")])
def test_a_raster_logo_is_embedded_in_the_html_and_the_pdf(
    make_project: MakeProject, name: str, kind: str
) -> None:
    project = with_brand(make_project, name, png(600, 200, kind))
    code, output = build(project)
    assert code == 0, output
    html = (project.out / "minimal.html").read_text(encoding="utf-8")
    mime = "png" if kind == "PNG" else "jpeg"
    assert f'<div class="logo"><img src="data:image/{mime};base64,' in html
    assert 'alt="Test Union"' in html
    assert (project.out / "minimal.pdf").read_bytes().startswith(b"%PDF")


def test_a_small_raster_logo_is_warned_about_with_its_print_resolution(
    make_project: MakeProject,
) -> None:
    project = with_brand(make_project, "logo.png", png(120, 40))
    code, output = build(project, "--format", "html")
    assert code == 0, output
    assert (
        f"{BRAND}:2: warning: logo: 'logo.png' is 40 pixels high, so it prints at about "
        "78 dots per inch"
    ) in output
    assert "at least 154 pixels high" in output


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("logo.png", b"\x89PNG\r\n\x1a\nnot really", "is not a readable PNG picture"),
        ("logo.png", png(400, 200, "JPEG"), "is not a readable PNG picture"),
        ("logo.png", png(400, 200)[:-600], "is not a readable PNG picture"),
        ("logo.gif", png(400, 200, "GIF"), "is not an SVG, PNG or JPEG file"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "<script>"),
    ],
)
def test_a_logo_that_is_damaged_misnamed_or_live_stops_the_build_at_its_line(
    make_project: MakeProject, name: str, data: bytes, message: str
) -> None:
    project = with_brand(make_project, name, data)
    code, output = build(project)
    assert code == 1, output
    assert f"{BRAND}:2: logo: '{name}' " in output
    assert message in output
    assert not project.out.exists()


def test_a_damaged_picture_in_prose_is_an_error_at_its_line(make_project: MakeProject) -> None:
    text = (Path(__file__).parents[1] / "projects/minimal" / ARGUMENT).read_text()
    project = make_project(
        {
            ARGUMENT: text + "\n![A chart](chart.png)\n",
            "sources/assets/chart.png": png(300, 200)[:100],
        }
    )
    code, output = build(project)
    assert code == 1, output
    line = len(text.splitlines()) + 2
    assert f"{ARGUMENT}:{line}: the image 'chart.png' is not a readable PNG picture" in output


def test_read_picture_hands_back_the_cleaned_drawing_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "d.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:i="urn:x" i:junk="1">'
        '<rect width="1" height="1"/></svg>'
    )
    picture, reasons = read_picture(path, 10_000)
    assert reasons == [] and picture is not None
    assert "junk" not in picture.svg_text and "<rect" in picture.svg_text


def _pdf_pictures(pdf: Path) -> list[tuple[int, int]]:
    """The pixel sizes of the pictures in a PDF, each once."""
    from pypdf import PdfReader

    return sorted({image.image.size for page in PdfReader(pdf).pages for image in page.images})


def test_a_huge_logo_goes_into_each_pdf_scaled_to_its_printed_size(
    make_project: MakeProject,
) -> None:
    # 7,000 by 4,000 pixels (28 million: under the limit) in a small file.
    huge = io.BytesIO()
    Image.new("RGB", (7000, 4000), (70, 30, 100)).save(huge, "PNG")
    project = with_brand(make_project, "logo.png", huge.getvalue())

    code, output = build(project)

    assert code == 0, output
    assert _pdf_pictures(project.out / "minimal.pdf") == [(1200, 686)]
    html = (project.out / "minimal.html").read_text(encoding="utf-8")
    assert '<div class="logo"><img src="data:image/png;base64,' in html


def test_a_huge_picture_in_the_text_goes_in_at_a_page_width(make_project: MakeProject) -> None:
    text = (Path(__file__).parents[1] / "projects/minimal" / ARGUMENT).read_text()
    huge = io.BytesIO()
    Image.new("RGB", (6000, 3000), (0, 90, 60)).save(huge, "JPEG")
    project = make_project(
        {
            ARGUMENT: text + "\n![A chart](chart.jpg)\n",
            "sources/assets/chart.jpg": huge.getvalue(),
        }
    )

    code, output = build(project)

    assert code == 0, output
    assert _pdf_pictures(project.out / "minimal.pdf") == [(2480, 1240)]


def test_a_picture_small_enough_goes_in_as_it_is(tmp_path: Path) -> None:
    from parlbrief.pictures import MAX_IMAGE_SIDE, for_page

    path = tmp_path / "chart.png"
    path.write_bytes(png(600, 200))
    picture, _ = read_picture(path, 5_000_000)
    assert picture is not None
    assert for_page(picture, MAX_IMAGE_SIDE) is picture
