"""A letter and a one-pager as Word documents, laid out as their PDFs are
(letter.html.j2, one-pager.html.j2), as HTML for Pandoc (see write.docx).

A letter opens with the letterhead (the brand's logo, name, tagline and postal
address, ruled off), then the MP's name in full with "MP", constituency and the House's
address (marked first if the letter is an example), the date, the greeting, the
subject, the body with its footnotes, any questions, the close and the signature block
(with room to sign: name, role, organisation, contact), and the sources. Its pages
after the first are headed with whom it is to and its date. It has no title block.

A one-pager is a sheet for one constituency or region: the brand's logo and masthead
line, the title, the figures first, a few lines of argument, the ask boxed, then the
questions, who to contact and the sources, kept short enough for one side of A4.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from parlbrief.model import Brand
from parlbrief.render import View
from parlbrief.write import docx_parts as piece
from parlbrief.write.docx_finish import LOGO
from parlbrief.write.docx_styles import (
    ADDRESS,
    ASK,
    CONTACT,
    ILLUSTRATIVE,
    LETTER_DATE,
    LETTERHEAD,
    MASTHEAD,
    ORGANISATION,
    PROVENANCE,
    SIGNATURE,
    SUBJECT,
)

#: Where an MP is written to (the House of Commons' own form of its address).
HOUSE_OF_COMMONS = ("House of Commons", "London SW1A 0AA")
#: What marks an example letter, above the MP's name (as in the PDF).
ILLUSTRATIVE_MARK = "Illustrative example: not a real MP, not sent"


def letter_html(view: View, brand: Brand, *, logo: bool) -> str:
    """A letter (`view` the PDF's briefing_view), its logo's place marked if `logo`."""
    parts = [letterhead(brand, logo=logo), piece.draft_line(view)]
    if view.illustrative:
        parts.append(piece.styled(ILLUSTRATIVE, ILLUSTRATIVE_MARK))
    parts.append(_lines(ADDRESS, address_lines(view)))
    parts.append(piece.styled(LETTER_DATE, letter_date(view)))
    parts.append(Markup("<p>{}</p>").format(view.recipient["salutation"]))
    parts += [piece.debate_line(view), piece.styled(SUBJECT, view.title)]
    parts += [piece.styled(PROVENANCE, view.provenance), piece.summary_html(view)]
    parts += piece.panels_html(view)
    parts += [_section(s) for s in view.sections]
    parts += [piece.questions_html(view, level=2), _close(view, brand), _contact(view)]
    parts.append(piece.sources_html(view, level=2))
    return piece.document_html(plain_head(), parts)


def letterhead(brand: Brand, *, logo: bool) -> Markup:
    """The brand's logo (its place: write.docx_finish puts the picture in), name,
    tagline and postal address; the example brand has no address, and none is made up."""
    head = piece.styled(LOGO, "logo") if logo else Markup("")
    head += piece.styled(ORGANISATION, brand.name)
    return head + piece.styled(LETTERHEAD, brand.tagline, brand.address)


def address_lines(view: View) -> list[str]:
    """The MP's name in full ("Sir Robert Fenwick MP"), constituency, and the House."""
    to = view.recipient  # a mapping (render.kind_fields)
    name = f"{to['full_name']} MP" if to["name"] else "The Member of Parliament"
    seat = f"Member of Parliament for {to['constituency']}" if to["constituency"] else None
    return [line for line in (name, seat, *HOUSE_OF_COMMONS) if line]


def letter_date(view: View) -> str:
    """The letter's one date: its latest published edition's, else its own."""
    return str(view.fields.get("last_updated") or view.date)


def later_pages_head(view: View) -> str:
    """What heads a letter's later pages: whom it is to, and its date."""
    return f"{address_lines(view)[0]} · {letter_date(view)}"


def document_title(view: View) -> str:
    """The file's Title property, as the PDF's title: 'Draft: Illustrative: ...'."""
    marks = ("Draft: " if view.fields.get("draft") else "") + (
        "Illustrative: " if view.illustrative else ""
    )
    return f"{marks}{view.series}: {view.title}"


def _lines(style: str, lines: list[Any]) -> Markup:
    """One paragraph of `lines` (an address), each on a line of its own."""
    joined = Markup("<br>").join(lines)
    return Markup('<div data-custom-style="{}"><p>{}</p></div>').format(style, joined)


def _section(section: View) -> Markup:
    """A part of the letter: its heading is a letter's small heading, not a title's."""
    heading = Markup("<h2>{}</h2>").format(section.heading) if section.heading else Markup("")
    table = piece.figures_html(section)
    return heading + Markup(section.body) + table


def _close(view: View, brand: Brand) -> Markup:
    """ "Yours sincerely", room to sign, then the signature block in one paragraph:
    name, role, organisation and the signatory's details, a line each."""
    close = Markup("<p>{}</p>").format(view.recipient["close"])
    if not view.signatory:
        return close + _lines(SIGNATURE, [Markup("<strong>{}</strong>").format(brand.name)])
    name = Markup("<strong>{}</strong>").format(view.signatory.name)
    details = piece.details_lines(view.signatory_details)
    lines = [name, view.signatory.role, brand.name, *details]
    return close + _lines(SIGNATURE, [line for line in lines if line])


def _contact(view: View) -> Markup:
    """Whom to contact, as the PDF prints it under the signature."""
    if not view.contact:
        return Markup("")
    return _lines(CONTACT, [line for line in piece.details_lines(view.contact) if line])


# A one-pager --------------------------------------------------------------------------


def one_pager_html(view: View, brand: Brand, *, logo: bool) -> str:
    """A one-page sheet: the logo and masthead line, then the title, the figures, the
    argument, the ask boxed, and the back matter (the PDF's order: one-pager.html.j2)."""
    parts = [masthead(view, brand, logo=logo)]
    parts += [_boxed_panel(panel) for panel in view.panels]
    parts.append(piece.summary_html(view))
    parts += [_section(s) for s in view.sections]
    if view.ask:
        parts.append(Markup("<h2>What we ask</h2>") + piece.styled(ASK, view.ask))
    parts += [piece.questions_html(view, level=2), piece.signatory_html(view)]
    parts.append(piece.sources_html(view, level=2))
    return piece.document_html(plain_head(), parts)


def masthead(view: View, brand: Brand, *, logo: bool) -> Markup:
    """The top of a briefing or sheet, in the PDF's order: the logo, the masthead line
    and the date (a provenance may speak of "the date above"), the Draft line, the
    provenance, then the title and strapline. Pandoc's own title block would come
    before everything, so there is none."""
    line = " · ".join(x for x in (brand.name, view.label, view.series, view.campaign) if x)
    top = piece.styled(LOGO, "logo") if logo else Markup("")
    top += piece.styled(MASTHEAD, line) + piece.styled("Date", piece.dated(view))
    top += piece.draft_line(view) + piece.styled(PROVENANCE, view.provenance)
    top += piece.debate_line(view)  # the debate it is for, just above the title
    return top + piece.styled("Title", view.title) + piece.styled("Subtitle", view.strapline)


def plain_head() -> Markup:
    """A head without a title: Pandoc prints a title block first for a title; the
    file's Title property is set after (write.docx_finish)."""
    return Markup('<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">')


def _boxed_panel(panel: View) -> Markup:
    """A panel of figures under its heading, boxed as the PDF's is (its chart after
    the box: a picture in a shaded paragraph would sit on the shading)."""
    items = Markup("").join(
        # Each in a paragraph of its own, which takes the box's style (a list item's
        # bare text would be Pandoc's unboxed Compact).
        Markup("<li><p>{}: <strong>{}</strong>{}</p></li>").format(i.label, i.value, i.note)
        for i in panel.items
    )
    note = Markup("<p>{}</p>").format(panel.note) if panel.note else Markup("")
    listed = Markup("<ul>{}</ul>").format(items) if items else Markup("")
    chart = piece.chart_html(panel.chart) if panel.chart else Markup("")
    return Markup('<h2>{}</h2><div data-custom-style="{}">{}{}</div>{}').format(
        panel.heading, ASK, listed, note, chart
    )
