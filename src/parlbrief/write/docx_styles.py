"""The brand as Word styles: Pandoc's reference document restyled with python-docx in
the brand's fonts and colours (or, for a kind printed without colour, such as written
evidence, in its text colour), with parlbrief's own paragraph styles added."""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from parlbrief.model import Brand
from parlbrief.pandoc import run_pandoc
from parlbrief.write.docx_finish import NUMBER_ONLY, NUMBERED, POINT

#: Word paragraph styles of our own, named in the HTML as data-custom-style.
MASTHEAD, PROVENANCE, DRAFT, QUESTIONS = "Masthead", "Provenance", "Draft", "Questions"


def colours(brand: Brand, *, plain: bool = False) -> tuple[tuple[str, str], ...]:
    """The brand's colours as Word writes them (RRGGBB), by role; `plain`, every role
    in the text colour on white (a kind printed without colour: written evidence)."""
    from tinycss2.color3 import RGBA, parse_color

    found = []
    for role, css in brand.colours.model_dump(exclude={"origin", "lines"}).items():
        colour = parse_color(css)
        if isinstance(colour, RGBA):  # check has refused anything else
            channels = (round(min(max(c, 0.0), 1.0) * 255) for c in colour[:3])
            found.append((role, "".join(f"{c:02X}" for c in channels)))
    if plain:
        text = dict(found)["text"]
        return tuple((role, "FFFFFF" if role == "tint" else text) for role, _ in found)
    return tuple(found)


@cache
def _pandoc_reference() -> bytes:
    """Pandoc's own reference document, which has every style its writer uses."""
    args = ["--print-default-data-file", "reference.docx"]
    return run_pandoc(args, "", doing="give its reference Word document")


@cache
def reference_docx(body: str, heading: str, colours: tuple[tuple[str, str], ...]) -> bytes:
    """Pandoc's reference document in the brand's fonts and colours, with our styles."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    palette = dict(colours)
    doc = Document(io.BytesIO(_pandoc_reference()))
    styles = doc.styles

    def paint(name: str, font: str, colour: str, kind: Any = WD_STYLE_TYPE.PARAGRAPH) -> Any:
        style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, kind)
        _set_font(style, font)
        style.font.color.rgb = RGBColor.from_string(palette[colour])
        return style

    paint("Normal", body, "text")
    for name in ("Title", "Subtitle", "Date", "Author", "Heading 1", "Heading 2", "Heading 3"):
        # Left, as the PDF sets them (Pandoc's titles are centred).
        paint(name, heading, "primary").paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    paint("Hyperlink", body, "primary", WD_STYLE_TYPE.CHARACTER)
    paint("Footnote Text", body, "text").font.size = Pt(9)
    masthead = paint(MASTHEAD, heading, "muted")
    masthead.font.size = Pt(9)
    provenance = paint(PROVENANCE, body, "muted")
    provenance.font.italic = True
    draft = paint(DRAFT, heading, "accent")
    draft.font.bold = True
    questions = paint(QUESTIONS, body, "text")
    questions.base_style = styles["Body Text"]
    _box(questions, fill=palette["tint"], rule=palette["accent"])
    for name in (NUMBERED, POINT, NUMBER_ONLY):
        numbered = paint(name, body, "text")
        numbered.base_style = styles["Body Text"]
    styles[NUMBER_ONLY].font.hidden = True  # its text and mark: only its number counts
    paint("Footer", body, "muted").font.size = Pt(8)
    saved = io.BytesIO()
    doc.save(saved)
    return saved.getvalue()


def _set_font(style: Any, font: str) -> None:
    """Set every script's font (a theme font, as Pandoc's headings use, would win)."""
    from docx.oxml.ns import qn

    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), font)


def _box(style: Any, *, fill: str, rule: str) -> None:
    """Shade a paragraph style and rule its left edge, as the questions box is."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("val", "single"), ("sz", "24"), ("space", "8"), ("color", rule)):
        left.set(qn(f"w:{key}"), value)
    borders.append(left)
    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shading.set(qn(f"w:{key}"), value)
    ppr.append(borders)
    ppr.append(shading)
