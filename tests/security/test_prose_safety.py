"""Links and images in prose: what may be linked to and shown, and how a refusal looks.

Every allowed and refused link scheme and every image rule is one case, checked by the
message a press officer sees; a refused link or image must render as its plain text
(no dangling `</a>`), and an allowed image as the checked picture, embedded. Nothing
here builds a PDF, so these are the fast tests for parlbrief.resolve.safety and
parlbrief.pictures (see tests/mutation/run.py).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from parlbrief.errors import Origin, Problems
from parlbrief.pictures import MAX_IMAGE_BYTES, PICTURE_TYPES, Picture, read_picture
from parlbrief.render.prose_html import render_prose
from parlbrief.resolve.prose import parse
from parlbrief.resolve.safety import image_refusal, link_refusal, police_prose

ARGUMENT = "sources/arguments/a.md"
HINT = "put the image in sources/assets/ and write its name, such as ![Caseloads](caseloads.png)"
ONLY = "link only to https://, http://, mailto: or tel: addresses"
NOT_FULL = (
    "is not a full web address - write it starting https:// (links to files on your "
    "computer do not work in a briefing)"
)


def png(width: int = 4, height: int = 3, kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (75, 33, 112)).save(buffer, kind)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- links

LINKS = [
    # (href, why it is refused, or None when it is allowed)
    ("https://www.parliament.uk/", None),
    ("http://example.org/a?b=c#d", None),
    ("HTTPS://WWW.NAPO.ORG.UK", None),
    ("mailto:press@napo.org.uk", None),
    ("tel:+442072231234", None),
    ("TEL:+442072231234", None),
    ("#note-1", None),
    (" #note-1 ", None),
    ("https:///path", "the link 'https:///path' has no site name - write the full address, "
     "starting https://"),
    ("http:example.org", "the link 'http:example.org' has no site name - write the full "
     "address, starting https://"),
    ("http://[::1", "the link 'http://[::1' is not a valid address - write the full "
     "address, starting https://"),
    ("mailto:", "the link 'mailto:' has no address after 'mailto:' - write the whole address"),
    ("tel:", "the link 'tel:' has no address after 'tel:' - write the whole address"),
    ("www.napo.org.uk", f"the link 'www.napo.org.uk' {NOT_FULL}"),
    ("notes.html", f"the link 'notes.html' {NOT_FULL}"),
    ("//evil.example/x", f"the link '//evil.example/x' {NOT_FULL}"),
    ("javascript:alert(1)",
     f"links to 'javascript:' addresses are not allowed ('javascript:alert(1)') - {ONLY}"),
    ("JavaScript:alert(1)",
     f"links to 'javascript:' addresses are not allowed ('JavaScript:alert(1)') - {ONLY}"),
    ("vbscript:msgbox(1)",
     f"links to 'vbscript:' addresses are not allowed ('vbscript:msgbox(1)') - {ONLY}"),
    ("data:text/html,x",
     f"links to 'data:' addresses are not allowed ('data:text/html,x') - {ONLY}"),
    ("file:///etc/passwd",
     f"links to 'file:' addresses are not allowed ('file:///etc/passwd') - {ONLY}"),
    ("ftp://example.org/x",
     f"links to 'ftp:' addresses are not allowed ('ftp://example.org/x') - {ONLY}"),
]  # fmt: skip


@pytest.mark.parametrize(("href", "expected"), LINKS)
def test_link_rules(href: str, expected: str | None) -> None:
    assert link_refusal(href) == expected


IMAGES = [
    # (src as written, why it can never be an image in sources/assets/, or None)
    ("chart.png", None),
    ("charts/2023.png", None),
    ("a..b.png", None),
    ("", f"an image needs a file name - {HINT}"),
    ("  ", f"an image needs a file name - {HINT}"),
    ("http://[", f"the image 'http://[' is not a file name - {HINT}"),
    ("https://x.example/a.png", "the image 'https://x.example/a.png' is not in the project, "
     f"and images may not be loaded from elsewhere - {HINT}"),
    ("//x.example/a.png", "the image '//x.example/a.png' is not in the project, and images "
     f"may not be loaded from elsewhere - {HINT}"),
    ("file:///etc/passwd", "the image 'file:///etc/passwd' is not in the project, and "
     f"images may not be loaded from elsewhere - {HINT}"),
    ("data:image/png;base64,AA", "the image 'data:image/png;base64,AA' is not in the "
     f"project, and images may not be loaded from elsewhere - {HINT}"),
    ("a\\b.png", f"the image 'a\\\\b.png' is outside sources/assets/ - {HINT}"),
    ("a%5Cb.png", f"the image 'a\\\\b.png' is outside sources/assets/ - {HINT}"),
    ("/etc/x.png", f"the image '/etc/x.png' is outside sources/assets/ - {HINT}"),
    ("%2Fetc/x.png", f"the image '/etc/x.png' is outside sources/assets/ - {HINT}"),
    ("../x.png", f"the image '../x.png' is outside sources/assets/ - {HINT}"),
    ("a/../../x.png", f"the image 'a/../../x.png' is outside sources/assets/ - {HINT}"),
    ("%2e%2e/x.png", f"the image '../x.png' is outside sources/assets/ - {HINT}"),
]  # fmt: skip


@pytest.mark.parametrize(("src", "expected"), IMAGES)
def test_image_rules(src: str, expected: str | None) -> None:
    assert image_refusal(src) == expected


def test_a_long_address_is_shown_shortened() -> None:
    exact = "javascript:" + "a" * 49  # 60 characters: shown whole
    assert link_refusal(exact) == (
        f"links to 'javascript:' addresses are not allowed ('{exact}') - {ONLY}"
    )
    assert link_refusal(exact + "a") == (
        f"links to 'javascript:' addresses are not allowed ('{exact[:59]}…') - {ONLY}"
    )


# ------------------------------------------------------------- how prose comes out

RENDERED = [
    # (Markdown, the HTML: a refused link or image is its text, and nothing else changes)
    ("[x](javascript:alert(1)) and [b](https://ok.example/)",
     '<p>x and <a href="https://ok.example/">b</a></p>\n'),
    ("[*x*](file:///etc/passwd) then [b](mailto:a@b.example)",
     '<p><em>x</em> then <a href="mailto:a@b.example">b</a></p>\n'),
    # an image is not a link: a refused one leaves the next link's end alone
    ("![a](http://x.example/a.png) [b](https://ok.example)",
     '<p>a <a href="https://ok.example">b</a></p>\n'),
    ("<javascript:alert(1)> and <https://ok.example>",
     '<p>javascript:alert(1) and <a href="https://ok.example">https://ok.example</a></p>\n'),
    ("[ok](#note-1)", '<p><a href="#note-1">ok</a></p>\n'),
]  # fmt: skip


@pytest.mark.parametrize(("text", "html"), RENDERED)
def test_a_refused_link_is_its_text(text: str, html: str) -> None:
    assert str(render_prose(parse(text), "html", {})) == html


def police(text: str, assets: Path | None, first_line: int | None = 1) -> tuple[str, list[str]]:
    """`text` checked as prose starting at `first_line`: its HTML and its problems."""
    tokens = parse(text)
    problems = Problems()
    police_prose(tokens, Origin(ARGUMENT, 9), first_line, assets, problems)
    return str(render_prose(tokens, "html", {})), [str(p) for p in problems.items]


def test_each_refusal_is_reported_at_its_line() -> None:
    text = "Intro.\n\nOne line,\nthen [x](javascript:alert(1)),\nthen ![chart](https://x.example/c.png).\n"
    html, problems = police(text, None, first_line=5)
    assert problems == [
        f"{ARGUMENT}:8: links to 'javascript:' addresses are not allowed "
        f"('javascript:alert(1)') - {ONLY}",
        f"{ARGUMENT}:9: the image 'https://x.example/c.png' is not in the project, and images "
        f"may not be loaded from elsewhere - {HINT}",
    ]
    assert html == "<p>Intro.</p>\n<p>One line,\nthen x,\nthen chart.</p>\n"


def test_a_link_written_with_accents_is_found_by_its_text() -> None:
    # markdown-it percent-encodes the address; the file holds it as written
    _, problems = police("A\nB [x](file:///tmp/é.txt)\n", None, first_line=3)
    assert [p.split(": ")[0] for p in problems] == [f"{ARGUMENT}:4"]


def test_a_refusal_not_found_in_the_text_is_at_its_block() -> None:
    _, problems = police("First.\n\n[x][r]\n\n[r]: ftp://x.example/\n", None, first_line=2)
    assert [p.split(": ")[0] for p in problems] == [f"{ARGUMENT}:4"]


def test_in_a_yaml_value_a_refusal_is_at_the_value() -> None:
    _, problems = police("A\nB [x](ftp://x.example/)\n", None, first_line=None)
    assert [p.split(": ")[0] for p in problems] == [f"{ARGUMENT}:9"]


# -------------------------------------------------------------------------- images


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    folder = tmp_path / "sources" / "assets"
    folder.mkdir(parents=True)
    (folder / "chart.png").write_bytes(png())
    return folder


def test_an_allowed_image_is_embedded_as_checked(assets: Path) -> None:
    html, problems = police("![Caseloads](chart.png)", assets)
    assert problems == []
    uri = Picture("image/png", png()).data_uri()
    assert html == f'<p><img src="{uri}" alt="Caseloads"></p>\n'


def write_big(path: Path, size: int) -> None:
    """A file of `size` bytes that is no picture (sparse: quick to make)."""
    with path.open("wb") as out:
        out.truncate(size)


IMAGE_PROBLEMS = [
    # (file name, how to make it under sources/assets/, the problem reported)
    ("missing.png", None, "there is no image 'missing.png' in sources/assets/ - add it or fix "
     "the name"),
    ("chart.bmp", lambda p: p.write_bytes(png(kind="BMP")), "the image 'chart.bmp' is not a "
     f"picture file ({', '.join(sorted(PICTURE_TYPES))}) - convert it"),
    ("big.png", lambda p: write_big(p, MAX_IMAGE_BYTES + 1), "the image 'big.png' is over "
     "5,000,000 bytes - make it smaller"),
    ("full.png", lambda p: write_big(p, MAX_IMAGE_BYTES), "the image 'full.png' is not a "
     "readable PNG picture (damaged, or another kind of file) - export it again"),
    ("fake.png", lambda p: p.write_bytes(png(kind="JPEG")), "the image 'fake.png' is not a "
     "readable PNG picture (damaged, or another kind of file) - export it again"),
    ("live.svg", lambda p: p.write_text("<svg xmlns='http://www.w3.org/2000/svg'>"
     "<script>x</script></svg>"), "the image 'live.svg' (line 1 of the file): <script> would "
     "run code when the briefing is opened - remove it"),
    ("outside.png", lambda p: p.symlink_to(p.parents[2] / "outside.png"), "the image "
     "'outside.png' is outside sources/assets/ - move it there"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "make", "problem"), IMAGE_PROBLEMS)
def test_an_image_that_cannot_be_used_is_reported_and_shown_as_its_text(
    assets: Path, name: str, make: object, problem: str
) -> None:
    (assets.parents[1] / "outside.png").write_bytes(png())  # a real picture, elsewhere
    if callable(make):
        make(assets / name)
    html, problems = police(f"Look:\n![Caseloads]({name})", assets)
    assert problems == [f"{ARGUMENT}:2: {problem}"]
    assert html == "<p>Look:\nCaseloads</p>\n"


def test_an_image_where_pictures_cannot_go_is_reported() -> None:
    html, problems = police("![Caseloads](chart.png)", None, first_line=None)
    assert problems == [
        f"{ARGUMENT}:9: the image 'chart.png' cannot be used here - images go in prose only"
    ]
    assert html == "<p>Caseloads</p>\n"


# ------------------------------------------------------------------ pictures on their own


def test_a_raster_picture_is_read_whole_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "chart.PNG"
    path.write_bytes(png(5, 2))
    assert read_picture(path, 1_000) == (Picture("image/png", png(5, 2), (5, 2)), [])


def test_a_picture_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "chart.png"
    path.write_bytes(png())
    assert read_picture(path, len(png()))[1] == []
    assert read_picture(path, len(png()) - 1) == (
        None,
        [f"is over {len(png()) - 1:,} bytes - make it smaller"],
    )


def bomb() -> bytes:
    """The start of a PNG that says it is 60,000 pixels square (Pillow refuses it at once)."""
    import struct
    import zlib

    header = b"IHDR" + struct.pack(">IIBBBBB", 60_000, 60_000, 8, 2, 0, 0, 0)

    def chunk(body: bytes) -> bytes:
        return struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))

    return b"\x89PNG\r\n\x1a\n" + chunk(header) + chunk(b"IDAT") + chunk(b"IEND")


PICTURE_PROBLEMS = [
    # (file name, its bytes (None: a folder of that name), the reasons given)
    ("logo.tiff", b"II*\0", [f"is not a picture file ({', '.join(sorted(PICTURE_TYPES))}) - "
     "convert it"]),
    ("logo.png", None, ["could not be read (Is a directory) - check the file"]),
    ("logo.png", bomb(), ["has over the limit of 40 million pixels - make it smaller"]),
    ("logo.png", png()[:40], ["is not a readable PNG picture (damaged, or another kind of "
     "file) - export it again"]),
    ("logo.jpeg", png(), ["is not a readable JPEG picture (damaged, or another kind of "
     "file) - export it again"]),
    ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'>\n<rect>\n</svg>",
     ["cannot be used (line 3 of the file): the file is not a valid SVG drawing (Opening "
      "and ending tag mismatch: rect line 2 and svg, line 3, column 7) - export it again as SVG"]),
    ("logo.svg", b"<html/>", ["cannot be used: the file is not an SVG drawing (it does not "
     "start with <svg>) - export it as SVG"]),
    ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'>\n<script/><rect onclick='x'/>"
     b"</svg>", ["(line 2 of the file): <script> would run code when the briefing is "
     "opened - remove it", "(line 2 of the file): <rect> has onclick=..., which would run "
     "code when the briefing is opened - remove it"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "reasons"), PICTURE_PROBLEMS)
def test_a_picture_that_cannot_be_used_says_why(
    tmp_path: Path, name: str, data: bytes | None, reasons: list[str]
) -> None:
    path = tmp_path / name
    if data is None:
        path.mkdir()
    else:
        path.write_bytes(data)
    assert read_picture(path, 100_000) == (None, reasons)


def test_a_drawing_is_the_cleaned_drawing(tmp_path: Path) -> None:
    path = tmp_path / "logo.SVG"
    path.write_text("<svg xmlns='http://www.w3.org/2000/svg'><metadata/><rect/></svg>")
    picture, reasons = read_picture(path, 100_000)
    assert reasons == [] and picture is not None
    assert picture == Picture(
        "image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
    )
    assert picture.svg_text == '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
    assert picture.data_uri() == (
        "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjxyZWN0Lz48L3N2Zz4="
    )


def test_a_drawing_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "logo.svg"
    path.write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>")
    assert read_picture(path, 20) == (None, ["is over 20 bytes - make it smaller"])


def test_a_drawing_may_be_as_large_as_the_caller_allows(tmp_path: Path) -> None:
    """A logo may be up to 2 MB, more than clean_svg's own default limit."""
    path = tmp_path / "logo.svg"
    body = "<rect/>" * 90_000  # 630,000 bytes
    path.write_text(f"<svg xmlns='http://www.w3.org/2000/svg'>{body}</svg>")
    picture, reasons = read_picture(path, 2_000_000)
    assert reasons == [] and picture is not None


def test_a_cut_off_picture_is_refused_even_where_pillow_accepts_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process."""
    from PIL import ImageFile

    buffer = io.BytesIO()
    Image.linear_gradient("L").resize((300, 200)).convert("RGB").save(buffer, "PNG")
    path = tmp_path / "cut.png"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) * 2 // 3])
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    assert read_picture(path, 100_000) == (
        None,
        ["is not a readable PNG picture (damaged, or another kind of file) - export it again"],
    )
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # as it was: WeasyPrint's choice kept
