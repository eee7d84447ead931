"""The brand as Word styles: Pandoc's reference document restyled with python-docx in
the brand's fonts and colours (or, for a kind printed without colour, such as written
evidence, in its text colour), with parlbrief's own paragraph styles added."""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from parlbrief.model import Brand
from parlbrief.pandoc import run_pandoc
from parlbrief.write.docx_finish import LOGO, NUMBER_ONLY, NUMBERED, POINT

#: Word paragraph styles of our own, named in the HTML as data-custom-style.
MASTHEAD, PROVENANCE, DRAFT, QUESTIONS = "Masthead", "Provenance", "Draft", "Questions"
#: A chart's caption (bold, in the primary colour, as the PDF's) and the paragraph
#: holding its picture; the caption is kept with the picture on one page.
CHART_CAPTION, CHART = "Chart Caption", "Chart"
#: The heading of a pack's contents list (write.docx_parts.contents_html): Word's own
#: style for it, a heading's look outside the document's outline.
CONTENTS_HEADING = "TOC Heading"
#: A letter's (and a one-pager's) own: the letterhead's logo, name and lines, the
#: MP's address, the mark of an example letter, the date, the subject, the signature
#: block (with room above it to sign), whom to contact and a one-pager's boxed ask.
ORGANISATION, LETTERHEAD = "Letterhead Name", "Letterhead"
ADDRESS, ILLUSTRATIVE, LETTER_DATE = "Address", "Illustrative", "Letter Date"
SUBJECT, SIGNATURE, CONTACT, ASK = "Letter Subject", "Signature", "Contact", "Ask"


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
def reference_docx(
    body: str, heading: str, colours: tuple[tuple[str, str], ...], *, compact: bool = False
) -> bytes:
    """Pandoc's reference document in the brand's fonts and colours, with our styles;
    `compact`, in the sizes of a one-page sheet (see _compact)."""
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
    for name in ("Title", "Subtitle", "Date", "Author", "Heading 1", "Heading 2", "Heading 3",
                 CONTENTS_HEADING):  # fmt: skip
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
    _chart_styles(styles, paint, body)
    _letter_styles(styles, paint, palette, body, heading)
    if compact:
        _compact(styles)
    saved = io.BytesIO()
    doc.save(saved)
    return saved.getvalue()


def _chart_styles(styles: Any, paint: Any, body: str) -> None:
    """A chart's caption and picture (CHART_CAPTION, CHART), `paint` as reference_docx's."""
    from docx.shared import Pt

    caption = paint(CHART_CAPTION, body, "primary")
    caption.base_style = styles["Body Text"]
    caption.font.bold = True
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_after = Pt(2)
    picture = paint(CHART, body, "text")
    picture.base_style = styles["Body Text"]
    picture.paragraph_format.space_after = Pt(10)


def _letter_styles(
    styles: Any, paint: Any, palette: dict[str, str], body: str, heading: str
) -> None:
    """A letter's and a one-pager's styles (see LOGO ...), `paint` as reference_docx's."""
    from docx.shared import Pt

    def style(
        name: str, font: str, colour: str, space: tuple[float, float], size: float | None = None
    ) -> Any:
        made = paint(name, font, colour)
        made.base_style = styles["Normal"]  # a one-pager's compact size, else the body's
        made.paragraph_format.space_before = Pt(space[0])
        made.paragraph_format.space_after = Pt(space[1])
        if size is not None:  # else the body's
            made.font.size = Pt(size)
        return made

    style(LOGO, body, "text", (0, 4))
    style(ORGANISATION, heading, "primary", (0, 0), 14).font.bold = True
    _rule_below(style(LETTERHEAD, body, "muted", (0, 0), 8.5), colour=palette["primary"])
    illustrative = style(ILLUSTRATIVE, heading, "accent", (14, 2), 8.5)
    illustrative.font.bold = illustrative.font.all_caps = True
    style(ADDRESS, body, "text", (0, 0))
    style(LETTER_DATE, body, "text", (14, 14))
    style(SUBJECT, heading, "primary", (10, 4), 12).font.bold = True
    style(SIGNATURE, body, "text", (36, 8))
    style(CONTACT, body, "muted", (0, 8), 9)
    _box(style(ASK, body, "text", (4, 4)), fill=palette["tint"], rule=palette["accent"])


#: A one-page sheet's type, as its PDF sets it (one-pager.css, briefing.css): size
#: in points, and space before and after, by style.
_COMPACT: dict[str, tuple[float | None, float | None, float | None]] = {
    "Normal": (10.5, None, None),
    "Body Text": (None, 0, 4),
    "First Paragraph": (None, 0, 4),
    "Compact": (None, 0, 2),
    "Title": (20, 0, 2),
    "Subtitle": (11, 0, 2),
    "Date": (9, 0, 4),
    "Heading 1": (13, 8, 2),
    "Heading 2": (11.5, 6, 2),
    "Footnote Text": (7.5, 0, 1),
}


def _compact(styles: Any) -> None:
    """Set the styles of a one-page sheet in the sizes its PDF uses, so that a sheet
    that fits one side of A4 as a PDF fits it in Word too."""
    from docx.shared import Pt

    have = {s.name for s in styles}
    for name, (size, before, after) in _COMPACT.items():
        if name not in have:
            continue
        style = styles[name]
        if size is not None:
            style.font.size = Pt(size)
        if before is not None and after is not None:
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(after)


def _rule_below(style: Any, *, colour: str) -> None:
    """A rule under a paragraph style (under the last of a run of such paragraphs)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "6"), ("color", colour)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    style.element.get_or_add_pPr().append(borders)


def _set_font(style: Any, font: str) -> None:
    """Set every script's font (a theme font, as Pandoc's headings use, would win)."""
    from docx.oxml.ns import qn

    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):  # asciiTheme ... and cstheme
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
