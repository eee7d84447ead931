"""What Pandoc's .docx lacks, added after it: live paragraph numbering, footnotes that
number straight through, page numbers, and a letter's letterhead logo and later pages'
heading.

- Numbered paragraphs (written evidence) are paragraphs in the styles NUMBERED and
  POINT; here they join one Word numbering list with two levels ("12." and "12.1"),
  so that a paragraph inserted in Word renumbers the ones after it. Pandoc would make
  each ordered list a list of its own, told to start at its number.
- Pandoc's section says `numRestart eachSect`, which LibreOffice reads as "restart the
  notes at each heading": without it the notes run 1, 2, 3 ... through the document.

The package's other parts (dates, properties, fonts) are rewritten as the zip is
written: write.docx_package.
"""

from __future__ import annotations

import io
from typing import Any

#: Word paragraph styles of numbered paragraphs ("12.") and their points ("12.1"), and
#: of the hidden, empty paragraph that holds the number of a list with no paragraph
#: before it in its section (its points are 12.1, 12.2, as in the PDF).
NUMBERED, POINT, NUMBER_ONLY = "Numbered Paragraph", "Numbered Point", "Paragraph Number"
#: The Word paragraph style that holds the brand's logo (a letter's letterhead).
LOGO = "Letterhead Logo"
#: How tall the logo prints, and how wide at most, in mm (as in the PDF: briefing.css).
LOGO_HEIGHT, LOGO_WIDTH = 12, 60
#: Hanging indents in twentieths of a point: 9 mm for "12.", 11 mm more for "12.1",
#: as in the PDF (evidence.css).
_PARA_INDENT, _POINT_INDENT = 510, 624

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def finish_document(
    docx: bytes,
    *,
    footer: str,
    logo: bytes | None = None,
    later_pages: str | None = None,
    title: str | None = None,
    author: str | None = None,
    new_pages: tuple[str, ...] = (),
) -> bytes:
    """Pandoc's .docx with one live numbering list, continuous notes and a footer that
    reads `footer` then the page number; `logo` (a PNG) in each LOGO paragraph; pages
    after the first headed `later_pages` (a letter's); `title` and `author` its
    properties (for a document without Pandoc's title block, which gives them); the
    headings with the ids `new_pages` (a pack's parts) each at the top of a page."""
    from docx import Document

    doc = Document(io.BytesIO(docx))
    _number_paragraphs(doc)
    _describe_pictures(doc)
    _on_new_pages(doc, new_pages)
    for old in doc.element.body.xpath("./w:sectPr/w:footnotePr"):
        old.getparent().remove(old)
    _page_setup(doc.sections[0])
    footers = [doc.sections[0].footer]
    if later_pages:
        footers.append(_later_pages(doc, later_pages))
    for page_foot in footers:
        _page_footer(doc, page_foot, footer)
    if logo is not None:
        _place_logo(doc, logo, author or footer)
    if title:
        doc.core_properties.title = title
    if author:
        doc.core_properties.author = author
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


def _describe_pictures(doc: Any) -> None:
    """Each picture's own description the alternative text Pandoc gives its frame
    (Pandoc writes the picture's whole `data:` address there, which Word shows as
    the description of the picture in its Alt Text pane)."""
    for frame in doc.element.body.xpath(".//wp:docPr"):
        for picture in frame.getparent().xpath(".//pic:cNvPr"):
            picture.set("descr", frame.get("descr", ""))


def _on_new_pages(doc: Any, ids: tuple[str, ...]) -> None:
    """Each heading whose id is one of `ids` starts a page, as a pack's parts do in the
    PDF (pack.css). Pandoc marks a heading's id with a bookmark that opens its section,
    just before the heading's paragraph."""
    for name in ids:
        for mark in doc.element.body.xpath(f"./w:bookmarkStart[@w:name='{name}']"):
            heading = mark.getnext()
            while heading is not None and not heading.tag.endswith("}p"):
                heading = heading.getnext()
            if heading is not None:
                heading.get_or_add_pPr().pageBreakBefore_val = True


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


def _page_setup(section: Any) -> None:
    """A4, with the PDF's margins."""
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(210), Mm(297)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(22))


def _later_pages(doc: Any, text: str) -> Any:
    """Head the pages after the first with `text` (a letter's later pages say whom it is
    to and its date); the first page's footer, which then is a footer of its own."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = doc.styles["Footer"] if "Footer" in _style_names(doc) else None
    paragraph.add_run(text)
    return section.first_page_footer


def _place_logo(doc: Any, png: bytes, name: str) -> None:
    """The logo in each LOGO paragraph, LOGO_HEIGHT high (no wider than LOGO_WIDTH),
    described as the organisation's `name` (as the web page's logo is)."""
    from docx.shared import Mm
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    size = {"height": Mm(LOGO_HEIGHT)}
    if width * LOGO_HEIGHT > LOGO_WIDTH * height:  # a wide logo: as wide as allowed
        size = {"width": Mm(LOGO_WIDTH)}
    for paragraph in doc.paragraphs:
        if paragraph.style is not None and paragraph.style.name == LOGO:
            paragraph.text = ""
            paragraph.runs[0].add_picture(io.BytesIO(png), **size)
    held = f".//w:p[w:pPr/w:pStyle/@w:val='{_style_id(LOGO)}']"
    for frame in doc.element.body.xpath(f"{held}//wp:docPr | {held}//pic:cNvPr"):
        frame.set("descr", name)


def _page_footer(doc: Any, footer: Any, text: str) -> None:
    """A page's footer: `text`, then "Page N" as a live PAGE field."""
    from docx.oxml import parse_xml

    paragraph = footer.paragraphs[0]
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
