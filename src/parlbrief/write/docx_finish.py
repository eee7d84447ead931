"""What Pandoc's .docx lacks, added after it: live paragraph numbering, footnotes that
number straight through, page numbers, a fallback for the brand's fonts and true
document properties.

- Numbered paragraphs (written evidence) are paragraphs in the styles NUMBERED and
  POINT; here they join one Word numbering list with two levels ("12." and "12.1"),
  so that a paragraph inserted in Word renumbers the ones after it. Pandoc would make
  each ordered list a list of its own, told to start at its number.
- Pandoc's section says `numRestart eachSect`, which LibreOffice reads as "restart the
  notes at each heading": without it the notes run 1, 2, 3 ... through the document.
- Pandoc's docProps/app.xml is its reference document's ("Microsoft Word 12.0.0",
  83 words, 1 page): it is replaced by what parlbrief knows (application, words).
- The brand's fonts (Lato, by default) are not on an office's Windows machines: the
  font table names a fallback every copy of Office has, which Word uses instead of
  guessing.
"""

from __future__ import annotations

import io
import re
from html import escape
from typing import Any

#: Word paragraph styles of numbered paragraphs ("12.") and their points ("12.1"), and
#: of the hidden, empty paragraph that holds the number of a list with no paragraph
#: before it in its section (its points are 12.1, 12.2, as in the PDF).
NUMBERED, POINT, NUMBER_ONLY = "Numbered Paragraph", "Numbered Point", "Paragraph Number"
#: The fallback named for a brand font that Windows does not have (a humanist sans, as
#: Lato is, in every copy of Office).
FALLBACK_FONT = "Calibri"
#: Fonts every Windows office has, which need no fallback.
WINDOWS_FONTS = frozenset({"Arial", "Calibri", "Cambria", "Georgia", "Segoe UI", "Verdana"})
#: Hanging indents in twentieths of a point: 9 mm for "12.", 11 mm more for "12.1",
#: as in the PDF (evidence.css).
_PARA_INDENT, _POINT_INDENT = 510, 624

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def finish_document(docx: bytes, *, footer: str) -> bytes:
    """Pandoc's .docx with one live numbering list, continuous notes and a footer that
    reads `footer` then the page number."""
    from docx import Document

    doc = Document(io.BytesIO(docx))
    _number_paragraphs(doc)
    for old in doc.element.body.xpath("./w:sectPr/w:footnotePr"):
        old.getparent().remove(old)
    _page_footer(doc, footer)
    saved = io.BytesIO()
    doc.save(saved)
    return saved.getvalue()


def _number_paragraphs(doc: Any) -> None:
    """Give every NUMBERED and POINT paragraph the one list (see the module's docstring)."""
    levels = {_style_id(NUMBERED): 0, _style_id(POINT): 1, _style_id(NUMBER_ONLY): 0}
    body = doc.element.body
    paragraphs = [
        (p, levels[style]) for p in body.xpath(".//w:p") for style in
        p.xpath("./w:pPr/w:pStyle/@w:val") if style in levels
    ]  # fmt: skip
    if not paragraphs:
        return
    num_id = _add_list(doc)
    for paragraph, level in paragraphs:
        numpr = paragraph.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = level
        numpr.get_or_add_numId().val = num_id


def _style_id(name: str) -> str:
    """A style's id as Pandoc and Word write it: its name without spaces."""
    return name.replace(" ", "")


def _add_list(doc: Any) -> int:
    """Add the two-level list of numbered paragraphs to the numbering part; its numId."""
    from docx.oxml import parse_xml

    numbering = doc.part.numbering_part.element
    used = [int(n) for n in numbering.xpath("./w:num/@w:numId | ./w:abstractNum/@w:abstractNumId")]
    new_id = max(used, default=0) + 1
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{new_id}">'
        '<w:multiLevelType w:val="multilevel"/>'
        + _level(0, "%1.", NUMBERED, 0, _PARA_INDENT)
        + _level(1, "%1.%2", POINT, _PARA_INDENT, _POINT_INDENT)
        + "</w:abstractNum>"
    )
    nums = numbering.xpath("./w:num")
    if nums:
        nums[0].addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{_W}" w:numId="{new_id}"><w:abstractNumId w:val="{new_id}"/></w:num>'
        )
    )
    return new_id


def _level(ilvl: int, text: str, style: str, left: int, hanging: int) -> str:
    style_id = _style_id(style)
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="{style_id}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left + hanging}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
    )


def _page_footer(doc: Any, text: str) -> None:
    """The footer of every page: `text`, then "Page N" as a live PAGE field."""
    from docx.oxml import parse_xml
    from docx.shared import Mm

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(22))
    paragraph = section.footer.paragraphs[0]
    paragraph.style = doc.styles["Footer"] if "Footer" in _style_names(doc) else None
    if text:
        paragraph.add_run(f"{text} · ")
    # The run's element is where the field goes: after it, in the same paragraph.
    paragraph.add_run("Page ").element.addnext(
        parse_xml(
            f'<w:fldSimple xmlns:w="{_W}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def _style_names(doc: Any) -> set[str]:
    return {s.name for s in doc.styles}


# The package's other parts, rewritten as the zip is written (write.docx.fixed_dates).

_FONT_NAME = re.compile(rb'<w:font w:name="([^"]+)"')
_TEXT = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def with_fallbacks(font_table: bytes, fonts: tuple[str, ...]) -> bytes:
    """word/fontTable.xml with each of `fonts` that Windows lacks named, with its
    fallback (w:altName) and its family, so that Word substitutes a like font."""
    have = {m.decode() for m in _FONT_NAME.findall(font_table)}
    added = "".join(
        f'<w:font w:name="{escape(font)}"><w:altName w:val="{FALLBACK_FONT}"/>'
        '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
        for font in dict.fromkeys(fonts)
        if font not in have and font not in WINDOWS_FONTS
    )
    return font_table.replace(b"</w:fonts>", added.encode() + b"</w:fonts>", 1)


def app_properties(document: bytes, *, application: str, company: str) -> bytes:
    """docProps/app.xml as true of this document: who made it and its words (Word and
    LibreOffice count the pages themselves when they open it)."""
    text = b" ".join(_TEXT.findall(document)).decode("utf-8", "replace")
    words = len(text.split())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties">'
        f"<Application>{escape(application)}</Application>"
        f"<Company>{escape(company)}</Company><Words>{words}</Words>"
        "</Properties>"
    ).encode()
