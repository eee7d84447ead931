"""Nothing from outside the project gets into a briefing, and nothing in it runs.

The PDF renderer loads only `data:` URLs and files in the template folders; every
other load is refused at once (no network wait) with a message naming the URL and the
template that asked for it. PDFs carry no embedded files and no JavaScript, and the
HTML has no live script, whatever the prose says.
"""

from __future__ import annotations

import io
import re
import shutil
import socket
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from parlbrief.errors import RenderError
from parlbrief.pipeline import build
from parlbrief.project import Project
from tests.conftest import PROJECTS

pytest.importorskip("weasyprint")

from parlbrief.write.pdf import ProjectFetcher, write_pdf

#: Keys that make a PDF do something when opened or carry a file inside.
ACTIVE_KEYS = ("/JavaScript", "/JS", "/AA", "/OpenAction", "/EmbeddedFiles", "/Launch")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test (and sends nothing anywhere)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"parlbrief tried to use the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """A copy of the guarded project's templates folder (the fetcher's only root)."""
    return shutil.copytree(PROJECTS / "guarded" / "templates", tmp_path / "templates")


def render(html: str, templates: Path, **kwargs: bool) -> bytes:
    body = f"<!DOCTYPE html><html><body><p>x</p>{html}</body></html>"
    return write_pdf(
        Path("briefing-1.pdf"), body, templates / "brands" / "default", [templates], **kwargs
    )


def active_content(data: bytes) -> list[str]:
    """Every key in the PDF that could run script, act on opening, or hold a file."""
    reader = PdfReader(io.BytesIO(data))
    found: list[str] = []
    seen: set[int] = set()

    def walk(obj: object) -> None:
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                return
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in ACTIVE_KEYS:
                    found.append(str(key))
                if key == "/Subtype" and value in ("/FileAttachment", "/RichMedia"):
                    found.append(str(value))
                walk(value)
        elif isinstance(obj, ArrayObject):
            for item in obj:
                walk(item)

    walk(reader.trailer)
    return found


REFUSED = [
    ("a web image", '<img src="http://10.255.255.1/x.png">', "http://10.255.255.1/x.png"),
    ("an https stylesheet", '<link rel="stylesheet" href="https://example.org/a.css">', "https"),
    ("a css import", "<style>@import url('http://example.org/a.css');</style>", "example.org"),
    (
        "a web font",
        "<style>@font-face{font-family:X;src:url(https://example.org/f.woff)}</style>"
        '<p style="font-family:X">x</p>',
        "f.woff",
    ),
    ("a local file", '<img src="file:///etc/passwd">', "file:///etc/passwd"),
    (
        "a css background file",
        '<div style="background:url(file:///etc/hostname)">x</div>',
        "/etc/hostname",
    ),
    ("a path with ..", '<img src="../../../../../../etc/passwd">', "/etc/passwd"),
    ("a file on another computer", '<img src="file://server/share/x.png">', "server"),
    ("an ftp image", '<img src="ftp://example.org/x.png">', "ftp://"),
    (
        "an SVG that reaches out",
        '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2210%22'
        " height=%2210%22%3E%3Cimage width=%2210%22 height=%2210%22 href=%22file:///etc/hostname"
        '%22/%3E%3C/svg%3E">',
        "/etc/hostname",
    ),
]


@pytest.mark.parametrize(("html", "url"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_a_load_from_outside_the_templates_stops_the_render_at_once(
    html: str, url: str, templates: Path
) -> None:
    start = time.perf_counter()
    with pytest.raises(RenderError) as caught:
        render(html, templates)
    assert time.perf_counter() - start < 1.0
    message = str(caught.value)
    assert message.startswith("briefing-1.pdf: refused to load ")
    assert url in message
    assert "Traceback" not in message


def test_the_refusal_names_the_template_that_asked(templates: Path) -> None:
    css = templates / "briefing.css"
    css.write_text(
        css.read_text(encoding="utf-8") + "body { background: url(https://t.example/p.gif); }\n"
    )
    stylesheet = f"<style>{css.read_text(encoding='utf-8')}</style>"
    with pytest.raises(RenderError) as caught:
        render(stylesheet, templates)
    assert "(asked for in templates/briefing.css:5)" in str(caught.value)


def test_files_in_the_templates_and_data_urls_are_allowed(templates: Path) -> None:
    png = (PROJECTS / "guarded" / "sources" / "assets" / "chart.png").read_bytes()
    import base64

    uri = "data:image/png;base64," + base64.b64encode(png).decode()
    data = render(f'<img src="logo.svg"><img src="{uri}">', templates)
    assert data.startswith(b"%PDF")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///tmp/../etc/passwd",
        "http://localhost/x",
        "https://example.org/",
        "ftp://example.org/x",
        "gopher://x/",
        "file://localhost/etc/passwd",
        "javascript:alert(1)",
        "file:///nonexistent-templates/x.css",
    ],
)
def test_the_fetcher_refuses_without_opening_anything(url: str, templates: Path) -> None:
    assert ProjectFetcher([templates]).refusal(url) is not None


def test_the_fetcher_refuses_a_template_link_to_a_file_outside(templates: Path) -> None:
    (templates / "passwd.css").symlink_to("/etc/passwd")
    fetcher = ProjectFetcher([templates])
    assert fetcher.refusal((templates / "passwd.css").as_uri()) is not None
    assert fetcher.refusal((templates / "briefing.css").as_uri()) is None


@pytest.mark.parametrize(
    "html",
    ['<link rel="attachment" href="logo.svg">', '<a rel="attachment" href="logo.svg">logo</a>'],
    ids=["link", "anchor"],
)
def test_a_pdf_carries_no_attachment_unless_asked(html: str, templates: Path) -> None:
    assert active_content(render(html, templates)) == []
    # The check is real: asked for, the same HTML embeds the file.
    assert active_content(render(html, templates, attachments=True)) != []


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guarded project with an argument full of raw HTML and script, built."""
    base = tmp_path_factory.mktemp("hostile")
    root = shutil.copytree(PROJECTS / "guarded", base / "project")
    (root / "sources" / "arguments" / "local-trusts.md").write_text(
        "---\nheading: <script>alert('h')</script>\n---\n"
        'Raw <script>alert(1)</script> and <img src="http://t.example/p.gif" onerror=x>.\n'
        '<a href="javascript:alert(2)" onclick="y">click</a> <iframe src="file:///etc/passwd">\n'
        "<style>body{background:url(http://t.example/b.gif)}</style>\n\n"
        "A chart: ![Caseloads](chart.png) and [a site](https://napo.org.uk).[@committee-2011]\n",
        encoding="utf-8",
    )
    out = base / "out"
    report = build(Project.at(root, out))
    assert not report.failed, report.failed
    return out


def test_hostile_prose_has_no_live_script_in_the_html(hostile_build: Path) -> None:
    html = (hostile_build / "minimal.html").read_text(encoding="utf-8")
    assert not re.search(r"<\s*(script|iframe|style>body)", html, re.IGNORECASE)
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", html, re.IGNORECASE)
    assert 'href="javascript' not in html
    # Every src is embedded; the only links out are the ones the writer meant.
    assert re.findall(r'src="([a-z]+):', html) == ["data"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hostile_prose_leaves_no_active_content_in_the_pdf(hostile_build: Path) -> None:
    data = (hostile_build / "minimal.pdf").read_bytes()
    assert active_content(data) == []
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "root:" not in text  # nothing of /etc/passwd
    assert "<script>alert(1)</script>" in text.replace("\n", " ")
