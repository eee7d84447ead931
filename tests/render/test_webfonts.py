"""The web page carries its brand's font as WOFF2 subsets (render.webfonts): every
character of the page is in them, drawn as the installed font draws it."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

from parlbrief.fonts import font_file
from parlbrief.render import webfonts
from tests.conftest import ExampleBuild

LATO = font_file("Lato", 400, False)
needs_lato = pytest.mark.skipif(LATO is None, reason="fontconfig does not find Lato")
TEXT = "Probation officers’ caseloads rose 12% — “unsafe”, said Napo. Ünïcödé ½"
FACE = re.compile(
    r'@font-face \{ font-family: "([^"]+)"; font-weight: (\d+); font-style: (\w+);'
    r'.*?base64,([A-Za-z0-9+/=]+)"'
)


def outlines(font: TTFont, code: int) -> list[tuple[str, tuple[object, ...]]]:
    """How the font draws a character: its outline, components drawn in place."""
    glyphs = font.getGlyphSet()
    pen = DecomposingRecordingPen(glyphs)
    glyphs[font.getBestCmap()[code]].draw(pen)
    return list(pen.value)


def advance(font: TTFont, code: int) -> int:
    width: int = font["hmtx"][font.getBestCmap()[code]][0]
    return width


def embedded(page: str) -> dict[tuple[str, str, str], TTFont]:
    """The page's @font-face fonts by (family, weight, style)."""
    return {
        (family, weight, style): TTFont(io.BytesIO(base64.b64decode(data)))
        for family, weight, style, data in FACE.findall(page)
    }


@needs_lato
def test_the_subset_draws_every_character_as_the_font_does() -> None:
    assert LATO is not None
    data = webfonts.subset_woff2(LATO, TEXT)
    assert data is not None and data.startswith(b"wOF2")
    whole, cut = TTFont(LATO), TTFont(io.BytesIO(data))
    wanted = {ord(c) for c in TEXT} & set(whole.getBestCmap())
    assert set(cut.getBestCmap()) == wanted  # every character, and only those
    for code in wanted:
        assert outlines(cut, code) == outlines(whole, code), chr(code)
        assert advance(cut, code) == advance(whole, code), chr(code)
    assert len(data) < Path(LATO).stat().st_size / 10


@needs_lato
def test_the_subset_keeps_the_fonts_names_and_copyright() -> None:
    assert LATO is not None
    cut = TTFont(io.BytesIO(webfonts.subset_woff2(LATO, "Napo") or b""))
    whole = TTFont(LATO)
    for name_id in (0, 1, 2, 4, 6):  # copyright, family, style, full name, PostScript name
        assert cut["name"].getDebugName(name_id) == whole["name"].getDebugName(name_id)


@needs_lato
def test_the_same_page_gives_the_same_bytes() -> None:
    assert LATO is not None
    first = webfonts.subset_woff2.__wrapped__(LATO, TEXT)
    assert first == webfonts.subset_woff2.__wrapped__(LATO, TEXT)
    assert first != webfonts.subset_woff2.__wrapped__(LATO, TEXT + "Z")


def test_a_file_that_is_not_a_font_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_font = tmp_path / "Lato-Regular.ttf"
    not_a_font.write_text("this is not a font", encoding="utf-8")
    monkeypatch.setattr(webfonts, "font_file", lambda *face: str(not_a_font))
    page = "<html><head></head><body><p>Napo</p></body></html>"
    assert webfonts.font_face_rules(page, ["Lato"]) == []
    assert webfonts.embed_fonts(page, ["Lato"]) == page  # falls back to other fonts
    monkeypatch.setattr(webfonts, "font_file", lambda *face: str(tmp_path / "missing.ttf"))
    assert webfonts.font_face_rules(page, ["Lato"]) == []


@needs_lato
def test_the_example_pages_text_is_all_in_its_embedded_fonts(
    example_build: ExampleBuild,
) -> None:
    assert LATO is not None
    page = example_build.html().read_text(encoding="utf-8")
    fonts = embedded(page)
    assert {("Lato", "400", "normal"), ("Lato", "700", "normal")} <= set(fonts)
    whole = TTFont(LATO)
    text = {ord(c) for c in webfonts.page_characters(page)} & set(whole.getBestCmap())
    assert {ord("’"), ord("–"), ord("“")} <= text  # the briefing's own typography
    regular = fonts["Lato", "400", "normal"]
    for font in fonts.values():
        assert set(font.getBestCmap()) >= text
    for code in text:
        assert outlines(regular, code) == outlines(whole, code), chr(code)
