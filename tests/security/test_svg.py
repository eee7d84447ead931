"""SVG from shared projects is rebuilt from an allow-list: nothing live survives.

Every allowed and refused element, attribute and address is one case; removing or
loosening any rule in parlbrief.svg makes at least one case fail.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from parlbrief.svg import (
    ELEMENTS,
    MAX_SVG_BYTES,
    REFUSED_ELEMENTS,
    SvgError,
    clean_svg,
    raster_data_uri,
)
from tests.security.svg_oracle import unsafe_svg

REPO = Path(__file__).resolve().parents[2]
HOSTILE = Path(__file__).parent / "hostile"
NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
SVG = "{http://www.w3.org/2000/svg}"
PNG = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(16)).decode()
JPEG = "data:image/jpeg;base64," + base64.b64encode(b"\xff\xd8\xff\xe0" + bytes(16)).decode()
GIF = "data:image/gif;base64," + base64.b64encode(b"GIF89a" + bytes(16)).decode()
WEBP = "data:image/webp;base64," + base64.b64encode(b"RIFF\0\0\0\0WEBPVP8 ").decode()
NOT_PNG = "data:image/png;base64," + base64.b64encode(b"<svg onload=alert(1)>").decode()


def svg(body: str, root: str = "") -> bytes:
    return f"<svg {NS}{root}>\n{body}\n</svg>".encode()


def tags(text: str) -> list[str]:
    root = etree.fromstring(text.encode())
    return [etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)]


def assert_clean(text: str) -> None:
    assert unsafe_svg(text) == []
    again = clean_svg(text.encode())
    assert again.refused == [] and again.text == text  # idempotent


# ---------------------------------------------------------------------------- elements

KEPT_ELEMENTS = sorted(ELEMENTS - {"svg", "style"})


@pytest.mark.parametrize("name", KEPT_ELEMENTS)
def test_allowed_element_is_kept(name: str) -> None:
    clean = clean_svg(svg(f'<g><{name} id="e"/></g>'))
    assert clean.refused == []
    assert tags(clean.text) == ["svg", "g", name]


REFUSED = [
    ("<script>alert(1)</script>", "<script> would run code"),
    ("<script xlink:href='https://evil.example/x.js'/>", "<script> would run code"),
    ("<handler>alert(1)</handler>", "<handler> would run code"),
    ("<listener event='click'/>", "<listener> would run code"),
    ("<foreignObject><p xmlns='http://www.w3.org/1999/xhtml'>x</p></foreignObject>",
     "<foreignObject> puts web-page content"),
    ("<a href='#x'><rect/></a>", "<a> makes part of the drawing a link"),
    ("<animate attributeName='href' to='javascript:alert(1)'/>", "<animate> makes the drawing"),
    ("<set attributeName='xlink:href' to='javascript:alert(1)'/>", "<set> makes the drawing"),
    ("<animateMotion path='M0 0'/>", "<animateMotion> makes the drawing"),
    ("<animateTransform attributeName='transform'/>", "<animateTransform> makes"),
    ("<animateColor attributeName='fill'/>", "<animateColor> makes"),
    ("<discard/>", "<discard> makes"),
    ("<iframe src='https://evil.example'/>", "<iframe> would load"),
    ("<object data='x.swf'/>", "<object> would load"),
    ("<embed src='x.swf'/>", "<embed> would load"),
    ("<video src='x.mp4'/>", "<video> would load"),
    ("<audio src='x.mp3'/>", "<audio> would load"),
    ("<filter><feImage href='https://evil.example/x.png'/></filter>", "<feImage> would load"),
    ("<cursor href='x.png'/>", "<cursor> would load"),
    ("<font-face-uri href='x.svg'/>", "<font-face-uri> would load"),
    ("<SCRIPT>alert(1)</SCRIPT>", "<SCRIPT> is not something a logo"),
    ("<Script>alert(1)</Script>", "<Script> is not something a logo"),
    ("<blink>x</blink>", "<blink> is not something a logo"),
    ("<h:img xmlns:h='http://www.w3.org/1999/xhtml' src='x' onerror='alert(1)'/>",
     "<img> is web-page content"),
    ("<h:script xmlns:h='http://www.w3.org/1999/xhtml'>alert(1)</h:script>",
     "<script> would run code"),
    ("<x:script xmlns:x='urn:other'>alert(1)</x:script>", "<script> would run code"),
    ("<title>t<script>alert(1)</script></title>", "<script> would run code"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "message"), REFUSED)
def test_refused_element_is_dropped_and_reported(body: str, message: str) -> None:
    clean = clean_svg(svg(f"<rect/>{body}"))
    assert [r.message for r in clean.refused if message in r.message], clean.refused
    assert all(" - " in r.message for r in clean.refused)
    assert message.split(">")[0].lstrip("<") not in tags(clean.text)
    assert tags(clean.text)[:2] == ["svg", "rect"]
    assert_clean(clean.text)


def test_every_named_refusal_has_a_case() -> None:
    named = {message.split(">")[0].lstrip("<") for _, message in REFUSED}
    assert set(REFUSED_ELEMENTS) <= named


@pytest.mark.parametrize(
    "body",
    [
        "<metadata><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/></metadata>",
        "<sodipodi:namedview xmlns:sodipodi='urn:sodipodi' pagecolor='#fff'/>",
        "<!-- Generator: Adobe Illustrator -->",
        "<?inkscape note?>",
    ],
)
def test_editor_clutter_is_dropped_quietly(body: str) -> None:
    clean = clean_svg(svg(f"<rect/>{body}"))
    assert clean.refused == [] and tags(clean.text) == ["svg", "rect"]
    assert "<!--" not in clean.text and "<?" not in clean.text


def test_xml_stylesheet_instruction_is_refused() -> None:
    data = b'<?xml-stylesheet href="https://evil.example/x.css"?>\n' + svg("<rect/>")
    clean = clean_svg(data)
    assert [str(r) for r in clean.refused] == [
        "line 1: <?xml-stylesheet?> would load something from outside the briefing when "
        "it is opened - remove it"
    ]
    assert "stylesheet" not in clean.text


# -------------------------------------------------------------------------- attributes

ATTRIBUTES = [
    # (attributes on <rect>, kept in output, message fragment when refused)
    ('onload="alert(1)"', None, "<rect> has onload=..., which would run code"),
    ('ONLOAD="alert(1)"', None, "has ONLOAD=..."),
    ('OnClick="alert(1)"', None, "has OnClick=..."),
    ('onmouseover =\n "alert(1)"', None, "has onmouseover=..."),
    ('xlink:onclick="alert(1)"', None, "has xlink:onclick=..."),
    ('xml:base="https://evil.example/"', None, "has xml:base=..., which changes where"),
    ('src="https://evil.example/x.png"', None, "has src=..., which would load"),
    ('srcset="x.png 1x"', None, "has srcset=..."),
    ('action="https://evil.example/"', None, "has action=..., which would send"),
    ('formaction="https://evil.example/"', None, "has formaction=..."),
    ('ping="https://evil.example/"', None, "has ping=..., which would tell"),
    ('fill="#1f3a5f"', 'fill="#1f3a5f"', None),
    ('fill="url(#g)"', 'fill="url(#g)"', None),
    ('fill="rgb(1, 2, 3)"', 'fill="rgb(1, 2, 3)"', None),
    ('fill="var(--primary)"', 'fill="var(--primary)"', None),
    ('fill="url(https://evil.example/p)"', None, "<rect fill=...> uses url('https://evil"),
    ('fill="URL(https://evil.example/p)"', None, "uses url('https://evil"),
    ('fill="u\\72l(https://evil.example/p)"', None, "uses url('https://evil"),
    ("fill=\"url('https://evil.example/p')\"", None, "uses url('https://evil"),
    ('fill="url(data:image/png;base64,AAAA)"', None, "uses url('data:image"),
    ('clip-path="url(other.svg#c)"', None, "uses url('other.svg#c')"),
    ("fill=\"image-set('https://evil.example/i.png' 1x)\"", None, "uses image-set()"),
    ('fill="expression(alert(1))"', None, "uses expression()"),
    ('fill="EXPRESSION(alert(1))"', None, "uses EXPRESSION()"),
    ('fill="env(x)"', None, "uses env()"),
    ('style="fill:red;opacity:.5"', 'style="fill:red;opacity:.5"', None),
    ('style="fill:url(#g)"', 'style="fill:url(#g)"', None),
    ('style="fill:url(https://evil.example/p)"', None, "the style of <rect> uses url("),
    ('style="fill:u\\72l(https://evil.example/p)"', None, "the style of <rect> uses url("),
    ('style="behavior:url(x.htc)"', None, "sets behavior, which would run code"),
    ('style="-moz-binding:url(x.xml#b)"', None, "sets -moz-binding"),
    ("style=\"@import 'https://evil.example/x.css';\"", None, "@import in the style"),
    ("style=\"fill:#url('https://evil.example/s')\"", "", None),
    ('style="fill:(red)"', "", None),
    ('style="fill:expression(alert(1))"', None, "uses expression()"),
    ('style="position:fixed;fill:red"', 'style="fill:red"', None),
    ('data-x="javascript:alert(1)"', "", None),
    ('inkscape:label="Layer 1" xmlns:inkscape="urn:inkscape"', "", None),
    ('d="M0 0h10v10z"', 'd="M0 0h10v10z"', None),
    ('d="M0 0 url(https://evil.example/)"', "", None),
    ('transform="matrix(1 0 0 1 5 5)"', 'transform="matrix(1 0 0 1 5 5)"', None),
    ('aria-label="Napo logo"', 'aria-label="Napo logo"', None),
]


@pytest.mark.parametrize(("attributes", "kept", "message"), ATTRIBUTES)
def test_attribute_rules(attributes: str, kept: str | None, message: str | None) -> None:
    clean = clean_svg(svg(f'<rect width="1" {attributes}/>'))
    if message is None:
        assert clean.refused == []
        assert kept is not None
        assert (kept in clean.text) if kept else clean.text.endswith('<rect width="1"/></svg>')
    else:
        assert any(message in r.message for r in clean.refused), clean.refused
        assert clean.text.endswith('<rect width="1"/></svg>'), clean.text
    assert_clean(clean.text)


@pytest.mark.parametrize(
    "data",
    [
        b"<svg xmlns='http://www.w3.org/2000/svg'><img/src/onerror=alert(1)></svg>",
        b"<svg xmlns='http://www.w3.org/2000/svg'><use href=javascript&#58;alert(1)/></svg>",
        b"<svg xmlns='http://www.w3.org/2000/svg'><image href=https://evil.example/x/></svg>",
    ],
    ids=["img-src-onerror", "unquoted-javascript", "unquoted-image-href"],
)
def test_known_regex_bypasses_are_not_svg(data: bytes) -> None:
    with pytest.raises(SvgError, match="not a valid SVG drawing"):
        clean_svg(data)


# ----------------------------------------------------------------------------- links

HREFS = [
    # (element, attribute, value as written in the file, kept)
    ("use", "href", "#logo", True),
    ("use", "xlink:href", "#logo", True),
    ("linearGradient", "xlink:href", "#base", True),
    ("textPath", "href", "#curve", True),
    ("use", "href", "#", False),
    ("use", "href", "https://evil.example/sprite.svg#logo", False),
    ("use", "href", "HTTPS://evil.example/sprite.svg#logo", False),
    ("use", "href", "//evil.example/sprite.svg#logo", False),
    ("use", "href", "sprite.svg#logo", False),
    ("use", "href", "../../etc/passwd", False),
    ("use", "href", "file:///etc/passwd", False),
    ("use", "href", "javascript:alert(1)", False),
    ("use", "href", "JavaScript:alert(1)", False),
    ("use", "href", "jav&#x61;script:alert(1)", False),
    ("use", "href", "&#106;avascript&#58;alert(1)", False),
    ("use", "href", " java&#9;script:alert(1)", False),
    ("use", "href", "java&#10;script:alert(1)", False),
    ("use", "href", "vbscript:msgbox(1)", False),
    ("use", "href", PNG, False),
    ("image", "href", PNG, True),
    ("image", "xlink:href", JPEG, True),
    ("image", "href", GIF, True),
    ("image", "href", WEBP, True),
    ("image", "href", PNG.replace("data:image/png", "DATA:IMAGE/PNG"), True),
    ("image", "href", PNG[:40] + "&#10;  " + PNG[40:], True),
    ("image", "href", NOT_PNG, False),
    ("image", "href", "data:image/svg+xml;base64,PHN2Zy8+", False),
    ("image", "href", "data:text/html;base64,PHNjcmlwdD4=", False),
    ("image", "href", "data:image/png,%89PNG", False),
    ("image", "href", "https://evil.example/tracker.png", False),
    ("image", "href", "logo.png", False),
    ("image", "href", "#other", False),
]


@pytest.mark.parametrize(("name", "attribute", "value", "kept"), HREFS)
def test_link_rules(name: str, attribute: str, value: str, kept: bool) -> None:
    clean = clean_svg(svg(f'<{name} {attribute}="{value}"/>'))
    out = etree.fromstring(clean.text.encode())[0]
    hrefs = [v for k, v in out.attrib.items() if etree.QName(k).localname == "href"]
    if kept:
        assert clean.refused == [] and len(hrefs) == 1
    else:
        assert hrefs == []
        assert len(clean.refused) == 1 and "points to" in clean.refused[0].message
        assert clean.refused[0].line == 2
    assert_clean(clean.text)


def test_javascript_link_says_it_would_run_code() -> None:
    clean = clean_svg(svg('<use href="jav&#x61;script:alert(1)"/>'))
    assert str(clean.refused[0]) == (
        "line 2: <use> points to 'javascript:alert(1)', which would run code when the "
        "briefing is opened - remove it (it may only point to a part of the same "
        "drawing, written #name)"
    )


def test_raster_data_uri_checks_the_picture_is_what_it_says() -> None:
    assert raster_data_uri(PNG) == PNG
    assert raster_data_uri(NOT_PNG) is None
    assert raster_data_uri(PNG.replace("png", "jpeg", 1)) is None
    assert raster_data_uri("data:image/png;base64,!!!!") is None


# ------------------------------------------------------------------------ style sheets


def test_style_sheet_is_applied_to_the_elements_and_removed() -> None:
    sheet = """<style type="text/css">
      .st0{fill:#4B2170;} rect{fill:blue;stroke:red} #x{stroke:green}
      .st1{fill:url(#g) !important}
      body{display:none} p::before{content:"x"} a:hover{fill:red}
    </style>"""
    clean = clean_svg(
        svg(sheet + '<rect class="st0"/><rect/><rect id="x" class="st1" style="fill:red"/>')
    )
    assert clean.refused == []
    assert "<style" not in clean.text and "display" not in clean.text
    rects = etree.fromstring(clean.text.encode()).findall(f"{SVG}rect")
    assert [r.get("style") for r in rects] == [
        "stroke:red;fill:#4B2170",
        "fill:blue;stroke:red",
        "stroke:green;fill:url(#g) !important",
    ]
    assert_clean(clean.text)


SHEETS = [
    ('@import "https://evil.example/x.css";', "line 3: @import in the <style> sheet"),
    ("@IMPORT url(x.css);", "@import in the <style> sheet"),
    ('@\\69mport "x.css";', "@import in the <style> sheet"),
    ("@font-face{font-family:x;src:url(https://evil.example/f.woff)}", "@font-face"),
    (".a{fill:url(https://evil.example/p.png)}", "uses url('https://evil.example/p.png')"),
    (".a{fill:u\\72l(https://evil.example/p.png)}", "uses url('https://evil.example/p.png')"),
    (".a{fill:expression(alert(1))}", "uses expression()"),
    (".a{behavior:url(x.htc)}", "sets behavior"),
    ('.a{fill:image-set("https://evil.example/i.png" 1x)}', "uses image-set()"),
]


@pytest.mark.parametrize(("css", "message"), SHEETS)
def test_style_sheet_rules(css: str, message: str) -> None:
    clean = clean_svg(svg(f'<style>\n{css}\n</style><rect class="a"/>'))
    assert any(message in str(r) for r in clean.refused), clean.refused
    assert clean.text.endswith('<rect class="a"/></svg>')
    assert_clean(clean.text)


# ------------------------------------------------------------------ whole-file problems


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not xml at all", "not a valid SVG drawing"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", "not a valid SVG drawing"),
        (b"", "not a valid SVG drawing"),
        (b"<html><body/></html>", "not an SVG drawing"),
        (b"<svg xmlns='http://www.w3.org/1999/xhtml'/>", "not an SVG drawing"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'>&foo;</svg>", "not a valid SVG drawing"),
        (
            b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
            b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            "<!DOCTYPE",
        ),
        (
            "<!DOCTYPE svg [<!ENTITY a 'b'>]><svg xmlns='http://www.w3.org/2000/svg'/>".encode(
                "utf-16"
            ),
            "<!DOCTYPE",
        ),
        ((HOSTILE / "billion-laughs.svg").read_bytes(), "<!DOCTYPE"),
        ((HOSTILE / "xxe.svg").read_bytes(), "<!DOCTYPE"),
        (svg("<g>" * 300 + "</g>" * 300), "not a valid SVG drawing"),
    ],
    ids=["text", "unclosed", "empty", "html", "xhtml-svg", "entity", "doctype", "utf16",
         "billion-laughs", "xxe", "too-deep"],
)  # fmt: skip
def test_unusable_files_raise_svg_error(data: bytes, message: str) -> None:
    with pytest.raises(SvgError, match=message) as error:
        clean_svg(data)
    assert " - " in error.value.message


def test_size_limit() -> None:
    body = "<rect/>" * ((MAX_SVG_BYTES // 7) + 1)
    with pytest.raises(SvgError, match="over 500,000 bytes"):
        clean_svg(svg(body))
    assert clean_svg(svg(body), max_bytes=2 * MAX_SVG_BYTES).refused == []


def test_refusal_lines_point_at_the_file() -> None:
    """An element's line is where its start tag ends (libxml2's count)."""
    data = svg('<rect/>\n<rect/>\n<script>x</script>\n<rect\n onclick="x"/>')
    clean = clean_svg(data)
    assert [r.line for r in clean.refused] == [4, 6]


def test_text_is_kept_and_escaped() -> None:
    clean = clean_svg(svg("<text>Napo &amp; <tspan>&lt;friends&gt;</tspan> too</text>"))
    assert "<text>Napo &amp; <tspan>&lt;friends&gt;</tspan> too</text>" in clean.text


def test_cdata_becomes_escaped_text() -> None:
    clean = clean_svg(svg("<text><![CDATA[</text><script>alert(1)</script>]]></text>"))
    assert clean.refused == []
    assert "&lt;/text&gt;&lt;script&gt;" in clean.text
    assert_clean(clean.text)


# ----------------------------------------------------------------------- hostile files


@pytest.mark.parametrize(
    "path",
    sorted(p for p in HOSTILE.glob("*.svg") if "laughs" not in p.name and "xxe" not in p.name),
    ids=lambda p: p.name,
)
def test_hostile_files_come_out_clean(path: Path) -> None:
    clean = clean_svg(path.read_bytes())
    if path.name == "illustrator.svg":
        assert clean.refused == []
    else:
        assert clean.refused, path.name
    assert_clean(clean.text)


def test_every_hostile_file_reports_each_problem() -> None:
    clean = clean_svg((HOSTILE / "style.svg").read_bytes())
    assert [r.line for r in clean.refused] == [3, 4, 5, 6, 7, 8, 11, 12]


# -------------------------------------------------------------------------- real logos

LOGOS = [
    REPO / "src" / "parlbrief" / "templates" / "brands" / "default" / "logo.svg",
    REPO / "templates" / "brands" / "napo" / "logo.svg",
]


@pytest.mark.parametrize("path", LOGOS, ids=lambda p: p.parent.name)
def test_real_logos_keep_their_drawing(path: Path) -> None:
    original = etree.fromstring(path.read_bytes())
    clean = clean_svg(path.read_bytes())
    assert clean.refused == []
    rebuilt = etree.fromstring(clean.text.encode())
    assert rebuilt.tag == f"{SVG}svg"
    assert [(e.tag, dict(e.attrib), e.text) for e in original.iter()] == [
        (e.tag, dict(e.attrib), e.text) for e in rebuilt.iter()
    ]
    assert not clean.text.startswith("<?xml")
    assert_clean(clean.text)


def test_illustrator_export_keeps_its_colours() -> None:
    clean = clean_svg((HOSTILE / "illustrator.svg").read_bytes())
    root = etree.fromstring(clean.text.encode())
    assert root.find(f"{SVG}rect").get("style") == "fill:#4B2170;opacity:0.5"
    assert root.find(f"{SVG}circle").get("style") == ("stroke:#B0185E;stroke-width:2;fill:#000000")
    assert root.find(f"{SVG}linearGradient").get("id") == "SVGID_1_"


# ---------------------------------------------------------------------------- property

PIECES = [
    "<rect/>", "<g>", "</g>", "<script>x</script>", '<use href="#a"/>',
    '<use href="javascript:x"/>', '<rect onclick="x"/>', '<rect fill="url(#a)"/>',
    '<rect style="fill:url(http://x)"/>', "<style>.a{fill:red}</style>",
    '<rect class="a"/>', "<text>hi &amp; bye</text>", "<a><rect/></a>",
    f'<image href="{PNG}"/>', "<foreignObject><div/></foreignObject>", "&#106;",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_any_mix_comes_out_clean(pieces: list[str]) -> None:
    try:
        clean = clean_svg(svg("".join(pieces)))
    except SvgError:
        return
    assert_clean(clean.text)


def _drawing(svg_text: str) -> bytes:
    """The PDF drawing operators WeasyPrint writes for `svg_text` inlined in a page."""
    import io

    weasyprint = pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    pdf = weasyprint.HTML(string=f"<html><body><div>{svg_text}</div></body></html>").write_pdf()
    contents = PdfReader(io.BytesIO(pdf)).pages[0].get_contents()
    assert contents is not None
    data: bytes = contents.get_data()
    return data


@pytest.mark.parametrize("path", [*LOGOS, HOSTILE / "illustrator.svg"], ids=lambda p: p.name)
def test_weasyprint_draws_the_clean_logo_exactly_as_the_original(path: Path) -> None:
    """Same PDF operators: the Illustrator file proves the inlined <style> cascade too."""
    original = path.read_text(encoding="utf-8")
    if original.startswith("<?xml"):
        original = original.split("?>", 1)[1]
    original = original.strip()
    assert _drawing(clean_svg(path.read_bytes()).text) == _drawing(original)


def test_css_escapes_for_characters_xml_cannot_hold_are_dropped() -> None:
    """Found by fuzz/fuzz_svg.py: `\\2` in CSS is U+0002, which no XML attribute holds."""
    sheet = "<style>.b{fill:e\\2}</style>"
    clean = clean_svg(svg(sheet + '<rect class="b" width="1" style="fill:\\1"/>'))
    assert clean.text.endswith('<rect class="b" width="1"/></svg>')
    assert_clean(clean.text)


def test_relative_namespace_is_not_svg() -> None:
    """Found by fuzz/fuzz_svg.py: with `xmlns:h="not/absolute"` lxml names the element
    `h:img`, a name its own QName refuses."""
    clean = clean_svg(
        svg(
            '<rect/><h:img xmlns:h="a/b" src="x" onerror="alert(1)"/>'
            '<h:script xmlns:h="c">x</h:script><rect h:onclick="x" xmlns:h="d"/>'
        )
    )
    assert tags(clean.text) == ["svg", "rect", "rect"]
    assert [r.message for r in clean.refused] == [
        "<script> would run code when the briefing is opened - remove it",
        "<rect> has onclick=..., which would run code when the briefing is opened - remove it",
    ]
    assert_clean(clean.text)


def test_undeclared_prefix_is_not_valid() -> None:
    with pytest.raises(SvgError, match="Namespace prefix h"):
        clean_svg(svg("<h:img/>"))


# ------------------------------------------------------------ each message, word for word

LOADS = "which would load something from outside the briefing when it is opened - remove it"
RUNS = "which would run code when the briefing is opened - remove it"
PART = "(it may only point to a part of the same drawing, written #name)"
PICTURE = "(it may only point to an embedded PNG, JPEG, GIF or WebP picture)"
SITE = "https://evil.example/" + "a" * 39  # 60 characters: shown whole

MESSAGES = [
    # (body, every refusal as the press officer reads it)
    ('<use href="X#logo"/>', [f"line 2: <use> points to 'X#logo', {LOADS} {PART}"]),
    ('<use href="\u00a0#logo"/>', [f"line 2: <use> points to '\\xa0#logo', {LOADS} {PART}"]),
    ('<use href="javascript"/>', [f"line 2: <use> points to 'javascript', {LOADS} {PART}"]),
    ('<use href="vbscript:msgbox(1):x"/>',
     [f"line 2: <use> points to 'vbscript:msgbox(1):x', {RUNS} {PART}"]),
    ('<use href="VBScript:msgbox(1)"/>',
     [f"line 2: <use> points to 'VBScript:msgbox(1)', {RUNS} {PART}"]),
    ('<use href="https://evil.example/s.svg#a"/>',
     [f"line 2: <use> points to 'https://evil.example/s.svg#a', {LOADS} {PART}"]),
    (f'<use href="{SITE}"/>', [f"line 2: <use> points to '{SITE}', {LOADS} {PART}"]),
    (f'<use href="{SITE}a"/>', [f"line 2: <use> points to '{SITE[:59]}…', {LOADS} {PART}"]),
    ('<image href="logo.png"/>', [f"line 2: <image> points to 'logo.png', {LOADS} {PICTURE}"]),
    ('<style>@import "x.css";</style>', ["line 2: @import in the <style> sheet would load a "
     "style sheet from outside the briefing - remove it"]),
    ("<style>@font-face{src:url(x.woff)}</style>", ["line 2: @font-face in the <style> sheet "
     "would load something from outside the briefing when it is opened - turn the text "
     "into shapes (outline it) when exporting"]),
    ("<rect fill='url(\"https://e\" \"vil\")'/>", ["line 2: <rect fill=...> uses "
     "url('https://evil'), which would load something from outside the briefing when it "
     "is opened - use a colour, or url(#name) for a part of the drawing"]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "refused"), MESSAGES)
def test_each_refusal_word_for_word(body: str, refused: list[str]) -> None:
    assert [str(r) for r in clean_svg(svg(body)).refused] == refused


KEPT = [
    # (body, the drawing after <svg ...>): line breaks in an address are dropped first
    ('<use href="&#10;#logo"/>', '<use href="#logo"/>'),
    # the text around a refused element stays, in order
    ("<text>a<script/>b</text>", "<text>ab</text>"),
    ("<text><script/>b</text>", "<text>b</text>"),
    (f'<image href="{PNG[:40]} {PNG[40:]}"/>', f'<image href="{PNG}"/>'),
]


@pytest.mark.parametrize(("body", "kept"), KEPT)
def test_what_is_kept(body: str, kept: str) -> None:
    text = clean_svg(svg(body)).text
    assert text.split(">", 1)[1] == kept + "</svg>"


def test_a_doctype_is_refused_at_line_1() -> None:
    with pytest.raises(SvgError) as caught:
        clean_svg(b"<!DOCTYPE svg><svg/>")
    assert str(caught.value) == (
        "line 1: the drawing starts with a <!DOCTYPE ...> declaration, which can hide "
        "entities that freeze or leak - delete that line (it is not needed)"
    )
    assert caught.value.line == 1


def test_a_short_embedded_picture_is_padded_to_be_read() -> None:
    gif = "data:image/gif;base64,R0lGODlhAA"  # 10 characters, no padding written
    assert raster_data_uri(gif) == gif


RESULTS = [
    # (body, the clean drawing, every refusal): what is kept and what is said, exactly
    ('<rect style="x y; fill:red"/>', '<rect style="fill:red"/>', []),
    ('<rect style="fill:\\1;stroke:red"/>', '<rect style="stroke:red"/>', []),
    ('<rect fill="red/**/"/>', '<rect fill="red"/>', []),
    # broken or bracketed values are dropped quietly
    ('<rect fill="url(#a b)"/>', "<rect/>", []),
    ('<rect fill="[red]"/>', "<rect/>", []),
    ('<rect fill="{red}"/>', "<rect/>", []),
    ('<rect fill="env(x)"/>', "<rect/>", ["line 2: <rect fill=...> uses env(), which can "
     "load or run something - use a plain colour or size"]),
    ('<rect fill="var(--x, url(https://evil.example/p))"/>', "<rect/>", ["line 2: <rect "
     "fill=...> uses url('https://evil.example/p'), which would load something from outside "
     "the briefing when it is opened - use a colour, or url(#name) for a part of the "
     "drawing"]),
    ("<style>.a{fill:url(https://x.example/)}</style>", "", ["line 2: the <style> sheet uses "
     "url('https://x.example/'), which would load something from outside the briefing when "
     "it is opened - use a colour, or url(#name) for a part of the drawing"]),
    ('<style>.a{fill:r<!-- -->ed}</style><rect class="a"/>',
     '<rect class="a" style="fill:red"/>', []),
    # a selector SVG cannot use matches nothing, and the rules after it still apply
    ("<style>a:hover{fill:red} rect{fill:blue}</style><rect/>", '<rect style="fill:blue"/>',
     []),
    ("<style>rect, rect{fill:red}</style><rect/>", '<rect style="fill:red"/>', []),
    # elements inside <title> and <desc> are not drawn: only their text is kept
    ("<title>t<g/></title><desc>d<g/></desc>", "<title>t</title><desc>d</desc>", []),
    ('<?xml-stylesheet href="x.css"?>', "", ["line 2: <?xml-stylesheet?> would load "
     "something from outside the briefing when it is opened - remove it"]),
    # the xlink namespace is declared only when a kept link uses it
    ('<use xlink:href="#a"/>', '<use xlink:href="#a"/>', []),
    ("<rect/>", "<rect/>", []),
    ('<rect\n src="x"/>', "<rect/>", ["line 3: <rect> has src=..., which would load "
     "something from outside the briefing when it is opened - remove it"]),
    ('<rect\n style="@import \'x.css\';"/>', "<rect/>", ["line 3: @import in the style of "
     "<rect> would load a style sheet from outside the briefing - remove it"]),
    ("\n<blink/>", "", ["line 3: <blink> is not something a logo or picture may contain - "
     "remove it, or export the drawing again as plain shapes"]),
    ('\n<h:p xmlns:h="http://www.w3.org/1999/xhtml"/>', "", ["line 3: <p> is web-page "
     "content inside the drawing, which could run or load something - remove it"]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "drawing", "refused"), RESULTS)
def test_each_result_exactly(body: str, drawing: str, refused: list[str]) -> None:
    clean = clean_svg(svg(body))
    xlink = ' xmlns:xlink="http://www.w3.org/1999/xlink"' if "xlink:" in drawing else ""
    root = f'<svg xmlns="http://www.w3.org/2000/svg"{xlink}'
    assert clean.text == (f"{root}>{drawing}</svg>" if drawing else f"{root}/>")
    assert [str(r) for r in clean.refused] == refused


def test_the_root_s_own_attributes_are_checked_by_name() -> None:
    clean = clean_svg(f'<svg {NS} onload="x"/>'.encode())
    assert [str(r) for r in clean.refused] == [
        "line 1: <svg> has onload=..., which would run code when the briefing is opened - remove it"
    ]


def test_every_stylesheet_instruction_before_the_drawing_is_refused() -> None:
    data = (
        b'<?xml-stylesheet href="a.css"?>\n<!-- c -->\n<?xml-stylesheet href="b.css"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg"/>'
    )
    assert [r.line for r in clean_svg(data).refused] == [3, 1]


UNUSABLE = [
    # (file, the error exactly, its line)
    (b"", "line 1: the file is not a valid SVG drawing (Document is empty, line 1, column 1) "
     "- export it again as SVG", 1),
    (b'<svg xmlns="http://www.w3.org/2000/svg">\n\n<rect>\n</svg>', "line 4: the file is not "
     "a valid SVG drawing (Opening and ending tag mismatch: rect line 3 and svg, line 4, "
     "column 7) - export it again as SVG", 4),
    (b"<html/>", "the file is not an SVG drawing (it does not start with <svg>) - export it "
     "as SVG", None),
    (b'<svg xmlns="http://www.w3.org/1999/xhtml"/>', "the file is not an SVG drawing (its "
     "<svg> is not SVG's own) - export it as SVG", None),
]  # fmt: skip


@pytest.mark.parametrize(("data", "message", "line"), UNUSABLE)
def test_unusable_files_word_for_word(data: bytes, message: str, line: int | None) -> None:
    with pytest.raises(SvgError) as caught:
        clean_svg(data)
    assert (str(caught.value), caught.value.line) == (message, line)


UTF32 = [
    # The check before parsing reads bytes as UTF-8 and UTF-16 only; a DOCTYPE in a
    # UTF-32 file reaches the parser, which must neither expand nor fetch anything.
    (HOSTILE / "billion-laughs.svg").read_text(encoding="utf-8"),
    (HOSTILE / "xxe.svg").read_text(encoding="utf-8"),
    '<!DOCTYPE svg SYSTEM "http://evil.example/x.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
    "<!DOCTYPE svg [<!ENTITY a 'b'>]><svg xmlns='http://www.w3.org/2000/svg'>&a;</svg>",
]


@pytest.mark.parametrize("text", UTF32, ids=["billion-laughs", "xxe", "external", "internal"])
def test_a_doctype_in_utf_32_is_refused_too(text: str) -> None:
    with pytest.raises(SvgError, match="<!DOCTYPE") as caught:
        clean_svg(text.encode("utf-32"))
    assert caught.value.line == 1


def test_a_drawing_exactly_at_the_size_limit_is_read() -> None:
    data = svg("<rect/>")
    assert clean_svg(data, max_bytes=len(data)).refused == []
    with pytest.raises(SvgError, match=f"over {len(data) - 1:,} bytes"):
        clean_svg(data, max_bytes=len(data) - 1)


def test_an_error_without_a_line_is_just_its_message() -> None:
    assert str(SvgError("m")) == "m"
    assert str(SvgError("m", 3)) == "line 3: m"


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be", "utf-16", "utf-8"])
def test_a_doctype_is_refused_before_parsing_in_any_encoding_libxml2_reads(encoding: str) -> None:
    text = "<!DOCTYPE svg [<!ENTITY a 'b'>]><svg xmlns='http://www.w3.org/2000/svg'>&a;</svg>"
    with pytest.raises(SvgError) as caught:
        clean_svg(text.encode(encoding))
    assert str(caught.value).startswith("line 1: the drawing starts with a <!DOCTYPE ...>")


def _utf7(text: str) -> bytes:
    """`text` in UTF-7 with each `<!` encoded, so no byte check before parsing sees it."""
    return b'<?xml version="1.0" encoding="UTF-7"?>' + text.replace("<!", "+ADwAIQ-").encode()


UTF7 = [
    # (the drawing's DOCTYPE, hidden from the check before parsing: the parser reads no
    # DTD and expands no entity, and the parsed tree is refused for its DOCTYPE)
    ("xxe", (HOSTILE / "xxe.svg").read_text(encoding="utf-8").split("?>", 1)[1]),
    ("external", '<!DOCTYPE svg SYSTEM "http://evil.example/x.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>'),
    ("local", '<!DOCTYPE svg SYSTEM "{dtd}"><svg xmlns="http://www.w3.org/2000/svg"/>'),
    ("internal", "<!DOCTYPE svg [<!ENTITY a 'b'>]><svg xmlns='http://www.w3.org/2000/svg'>&a;</svg>"),
]  # fmt: skip


@pytest.mark.parametrize("text", [t for _, t in UTF7], ids=[i for i, _ in UTF7])
def test_a_doctype_the_byte_check_cannot_read_is_refused_after_parsing(
    text: str, tmp_path: Path
) -> None:
    dtd = tmp_path / "broken.dtd"
    dtd.write_text("<!ENTITY a 'b'> not a DTD at all")
    with pytest.raises(SvgError) as caught:
        clean_svg(_utf7(text.replace("{dtd}", dtd.as_uri())))
    assert str(caught.value).startswith("line 1: the drawing starts with a <!DOCTYPE ...>")


def test_an_entity_bomb_the_byte_check_cannot_read_is_still_refused() -> None:
    """libxml2 stops the expansion (its amplification limit): refused, if less clearly."""
    text = (HOSTILE / "billion-laughs.svg").read_text(encoding="utf-8").split("?>", 1)[-1]
    with pytest.raises(SvgError, match="entity amplification"):
        clean_svg(_utf7(text))


def test_a_selector_that_cannot_be_compiled_leaves_the_other_rules() -> None:
    clean = clean_svg(svg("<style>!!{fill:red} rect{fill:blue}</style><rect/>"))
    assert clean.text.endswith('<rect style="fill:blue"/></svg>')
