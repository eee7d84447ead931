"""No project file crashes a command or holds it for minutes (issue 23, Deliver 2 and 3).

Stored PDF copies that make pypdf raise (RecursionError, AttributeError,
NotImplementedError) or warn a thousand times, a PDF of thousands of pages, a picture
of 144 million pixels and a heading line with a long run of spaces each end in one
problem at the file, in our words. A PDF's text is read once and kept in the user's
cache folder, keyed by the file's content.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from parlbrief.load import load_project
from parlbrief.load.documents import passages
from parlbrief.load.pdftext import MAX_PDF_PAGES
from parlbrief.pictures import read_picture
from parlbrief.project import Project
from tests.conftest import MakeProject
from tests.load.test_documents import HEADER, tiny_pdf

PDF = "sources/documents/committee-2011.pdf"
SIDECAR = {"sources/documents/committee-2011.yaml": HEADER.strip("-\n").replace("\n---", "") + "\n"}


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps its PDF extractions in a cache folder of its own."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


def problems_of(project: Project) -> list[str]:
    _, problems = load_project(project)
    return [str(p) for p in problems.sorted()]


def with_pdf(make_project: MakeProject, data: bytes) -> Project:
    return make_project({PDF: data, **SIDECAR})


class Raising:
    """Stands for pypdf's reader, failing as pypdf has failed on hostile files."""

    error: type[BaseException] = RecursionError

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise self.error("maximum recursion depth exceeded")


@pytest.mark.parametrize("error", [RecursionError, AttributeError, NotImplementedError, KeyError])
def test_any_exception_from_the_pdf_reader_is_a_problem_at_the_file(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    monkeypatch.setattr(Raising, "error", error)
    monkeypatch.setattr(pypdf, "PdfReader", Raising)
    project = with_pdf(make_project, tiny_pdf("Words"))
    assert problems_of(project) == [
        f"{PDF}: the PDF could not be read (it is damaged, or not a PDF) - save it again, "
        "or copy the passages cited into a .md file instead"
    ]


def nested_forms(depth: int) -> bytes:
    """A page drawing a form that draws a form ... `depth` deep, none of them ending."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length 5 >>\nstream\n/X Do\nendstream",
    ]
    for number in range(5, 5 + depth):
        objects.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X "
            + str(number + 1).encode()
            + b" 0 R >> >> /Length 5 >>\nstream\n/X Do\nendstream"
        )
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    return bytes(out + f"startxref\n{xref}\n%%EOF\n".encode())


def test_a_deeply_nested_pdf_is_one_warning_in_our_words_not_pypdfs_own(
    make_project: MakeProject, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """pypdf once printed 1,556 lines of its own for one such file."""
    project = with_pdf(make_project, nested_forms(3000))
    with caplog.at_level(logging.DEBUG):
        found = problems_of(project)
    assert found == [
        f"{PDF}: the PDF is damaged in places (its reader worked round them), so some of its "
        "text may be missing or out of order - if a quotation from it is not found, save the "
        "PDF again (print it to PDF) or copy the passages cited into a .md file"
    ]
    assert caplog.records == []
    assert capsys.readouterr() == ("", "")


def many_pages(count: int) -> bytes:
    writer = pypdf.PdfWriter()
    for _ in range(count):
        writer.add_blank_page(100, 100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_of_too_many_pages_is_refused_with_its_count(make_project: MakeProject) -> None:
    project = with_pdf(make_project, many_pages(MAX_PDF_PAGES + 1))
    assert problems_of(project) == [
        f"{PDF}: the PDF has {MAX_PDF_PAGES + 1:,} pages, over the limit of {MAX_PDF_PAGES:,} "
        "- keep only the pages cited, or copy the passages cited into a .md file instead"
    ]


def test_a_pdf_is_read_once_and_kept_outside_the_project(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, own_cache: Path
) -> None:
    project = with_pdf(make_project, tiny_pdf("First page words", "Second page"))
    first, _ = load_project(project)
    kept = sorted(own_cache.rglob("*.json"))
    assert len(kept) == 1 and not kept[0].is_relative_to(project.root)
    monkeypatch.setattr(pypdf, "PdfReader", Raising)  # a second reading would now fail
    again, problems = load_project(project)
    assert problems.items == []
    assert again.copies == first.copies
    # Another file's content is read afresh (here, by the failing reader).
    (project.root / PDF).write_bytes(tiny_pdf("Changed words"))
    assert [p.split(": ", 1)[1][:26] for p in problems_of(project)] == [
        "the PDF could not be read "
    ]


def test_a_kept_extraction_that_is_damaged_is_read_again(
    make_project: MakeProject, own_cache: Path
) -> None:
    project = with_pdf(make_project, tiny_pdf("Words"))
    load_project(project)
    [kept] = own_cache.rglob("*.json")
    kept.write_text('{"pages": [["1", ', encoding="utf-8")
    corpus, problems = load_project(project)
    assert problems.items == []
    assert [p.text for p in corpus.copies["committee-2011"].passages] == ["Words"]


def test_a_heading_with_a_long_run_of_spaces_is_read_at_once() -> None:
    """3,200 spaces once took 57 seconds, 6,400 eight minutes (a cubic backtrack)."""
    line = "## para 84" + " " * 100_000 + "x" + " " * 100_000 + "##"
    [passage] = passages(line + "\nThe words.", "copy.md", 1)
    assert passage.pinpoint == "para 84" + " " * 100_000 + "x"
    assert passage.text == "The words."


def big_png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")  # a few kilobytes for any size
    return out.getvalue()


def test_a_picture_of_too_many_pixels_is_refused_with_its_size(
    tmp_path: Path, recwarn: pytest.WarningsRecorder
) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(big_png(12_000, 12_000))
    picture, reasons = read_picture(path, 2_000_000)
    assert picture is None
    assert reasons == [
        "is 12,000 by 12,000 pixels (144 million), over the limit of 40 million - make it "
        "smaller: a picture prints sharp at 300 pixels per inch of its printed size"
    ]
    assert [str(w.message) for w in recwarn] == []


def test_a_brand_logo_of_too_many_pixels_is_a_problem_at_its_line(
    make_project: MakeProject,
) -> None:
    from parlbrief.validate import validate_corpus

    project = make_project(
        {
            "templates/brands/union/brand.yaml": "name: Test Union\nlogo: logo.png\n",
            "templates/brands/union/logo.png": big_png(8_000, 6_000),
        }
    )
    corpus, problems = load_project(project)
    validate_corpus(corpus, problems)
    assert [str(p) for p in problems.items if "logo" in str(p)] == [
        "templates/brands/union/brand.yaml:2: logo: 'logo.png' is 8,000 by 6,000 pixels "
        "(48 million), over the limit of 40 million - make it smaller: a picture prints "
        "sharp at 300 pixels per inch of its printed size"
    ]
