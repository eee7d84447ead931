"""A briefing as an editable Word document, with real Word footnotes.

Pandoc (shipped inside the `pypandoc-binary` wheel) makes the .docx from a plain HTML
document built here from the same data the templates get, with each note inline at
its call as `<span class="footnote">`, as in the PDF; a four-line Lua filter turns
those spans into Pandoc notes, which its Word writer makes into footnotes
(word/footnotes.xml), numbered and editable in Word. The brand's colours and fonts
become Word styles through a reference document: Pandoc's own, restyled here with
python-docx. Pandoc runs sandboxed (it reads no file and fetches nothing that the
document names), and SOURCE_DATE_EPOCH (the edition's date) fixes every date it
writes, so the same briefing gives the same bytes.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from parlbrief import __version__
from parlbrief.atomic import write_bytes
from parlbrief.document_kinds import WordLayout, document_kind
from parlbrief.errors import Problems
from parlbrief.model import Brand
from parlbrief.pandoc import run_pandoc
from parlbrief.render import View, briefing_view
from parlbrief.resolve import ResolvedBriefing
from parlbrief.write import docx_parts as piece
from parlbrief.write.docx_finish import NUMBER_ONLY, NUMBERED, POINT, finish_document
from parlbrief.write.docx_kinds import (
    document_title,
    later_pages_head,
    letter_html,
    masthead,
    one_pager_html,
    plain_head,
)
from parlbrief.write.docx_package import finish_package
from parlbrief.write.docx_pictures import logo_png
from parlbrief.write.docx_styles import (
    MASTHEAD,
    PROVENANCE,
    colours,
    reference_docx,
)

#: Pandoc notes from the PDF's inline note spans (see the module's docstring).
FOOTNOTES_LUA = """
function Span(el)
  if el.classes:includes('footnote') then return pandoc.Note(pandoc.Para(el.content)) end
end
"""


def write_docx(
    target: Path,
    resolved: ResolvedBriefing,
    edition: Mapping[str, Any],
    *,
    brand_dir: Path | None = None,
    warnings: Problems | None = None,
) -> None:
    """Write the briefing's .docx; `edition` is the page's edition view (plan.view),
    `brand_dir` the folder of the brand's logo; what it leaves out goes to `warnings`."""
    view = briefing_view(resolved, "pdf", edition, pictures=True)
    layout = document_kind(resolved.briefing.template).word
    html, options = laid_out(layout, view, resolved.brand, brand_dir)
    write_bytes(target, docx_bytes(html, resolved.brand, _day(view), warnings=warnings, **options))


def laid_out(
    layout: WordLayout, view: View, brand: Brand, brand_dir: Path | None
) -> tuple[str, dict[str, Any]]:
    """The document as HTML for Pandoc in its kind's Word layout, and docx_bytes's
    options for it (evidence without colour, a one-pager compact, a logo ...)."""
    if layout == "evidence":
        return evidence_html(view, brand), {"plain": True}
    logo = logo_png(brand, brand_dir)
    finish: dict[str, Any] = {"logo": logo, "title": document_title(view), "author": brand.name}
    if layout == "briefing":
        finish["new_pages"] = tuple(part.anchor for part in view.parts)  # a pack's
        return word_html(view, brand, logo=logo is not None), {"finish": finish}
    if layout == "one-pager":
        html = one_pager_html(view, brand, logo=logo is not None)
        return html, {"compact": True, "finish": finish}
    finish["later_pages"] = later_pages_head(view)
    return letter_html(view, brand, logo=logo is not None), {"finish": finish}


def docx_bytes(
    html: str,
    brand: Brand,
    day: date,
    *,
    plain: bool = False,
    compact: bool = False,
    warnings: Problems | None = None,
    finish: Mapping[str, Any] | None = None,
) -> bytes:
    """`html` (see word_html) as a .docx styled for `brand` (`plain`: without its
    colours; `compact`: in a one-page sheet's sizes), dated `day`, finished
    (write.docx_finish, given `finish`: a logo, a letter's later pages' head and
    title; write.docx_package)."""
    epoch = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    with tempfile.TemporaryDirectory(prefix="parlbrief-docx-") as scratch:
        reference, lua = Path(scratch, "reference.docx"), Path(scratch, "footnotes.lua")
        reference.write_bytes(
            reference_docx(
                brand.fonts.body, brand.fonts.heading, colours(brand, plain=plain), compact=compact
            )
        )
        lua.write_text(FOOTNOTES_LUA, encoding="utf-8")
        args = ["-f", "html", "-t", "docx", "--reference-doc", str(reference)]
        args += ["--lua-filter", str(lua), "-o", "-"]
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
        made = run_pandoc(args, html, doing="make the Word document", env=env)
    finished = finish_document(made, footer=brand.name, **(finish or {}))
    made_by = f"parlbrief {__version__}"
    return finish_package(finished, day, brand=brand, made_by=made_by, warnings=warnings)


def _day(view: View) -> date:
    """The date the document carries: its edition's, else the briefing's."""
    return date.fromisoformat(view.fields.get("last_updated_iso") or view.date_iso)


# The document -------------------------------------------------------------------------


def word_html(view: View, brand: Brand, *, logo: bool = False) -> str:
    """The briefing as a plain HTML document for Pandoc: its parts in reading order,
    with the notes inline at their calls (`view` is the PDF's briefing_view); the
    logo's place first if `logo`."""
    head = plain_head()
    parts = [masthead(view, brand, logo=logo), piece.summary_html(view)]
    parts += piece.panels_html(view)
    parts += [piece.contents_html(view), *_body(view)]
    parts += [piece.questions_html(view), piece.signatory_html(view), piece.sources_html(view)]
    return piece.document_html(head, parts)


def _body(view: View) -> list[Markup]:
    """The sections; a pack's (template: pack) under each part's heading, with the
    part's series and date, summary and panels, its sections' headings one level down."""
    if not view.parts:
        return [piece.section_html(s) for s in view.sections]
    found: list[Markup] = []
    for part in view.parts:
        found.append(Markup('<h1 id="{}">{}</h1>').format(part.anchor, part.title))
        found.append(piece.styled(MASTHEAD, f"{part.series} · {part.date}"))
        found += [piece.summary_html(part), *piece.panels_html(part)]
        for s in part.sections:
            heading = Markup('<h2 id="{}">{}</h2>').format(s.id, s.heading) if s.heading else ""
            found.append(Markup(heading) + Markup(s.body) + piece.figures_html(s))
    return found


def evidence_html(view: View, brand: Brand) -> str:
    """Written evidence as the PDF lays it out (evidence.html.j2): headed "Written
    evidence submitted by ...", the title and date, the summary in points, then every
    paragraph from "About" on numbered 1, 2, 3 ... across sections, a list's items as
    its paragraph's points (12.1): the same numbers as the PDF's. No masthead, no
    colour; questions for ministers are a briefing's, not printed in evidence."""
    submitted_by = brand.name_in_sentence or brand.name
    head = piece.title_meta(
        f"Written evidence submitted by {submitted_by}", view.title, None, piece.dated(view)
    )
    parts = [piece.draft_line(view), piece.debate_line(view)]
    parts += [piece.styled(PROVENANCE, view.strapline, view.provenance)]
    if view.summary_points:
        items = Markup("").join(Markup("<li>{}</li>").format(p) for p in view.summary_points)
        parts.append(Markup("<h1>Summary</h1><ul>{}</ul>").format(items))
    numbers = _Numbering()
    about = Markup("").join(Markup("<p>{}</p>").format(p) for p in view.about.split("\n\n"))
    parts.append(Markup("<h1>About {}</h1>").format(submitted_by) + numbers.section(about))
    parts += piece.panels_html(view)
    for section in view.sections:
        table = piece.figures_html(section)
        parts.append(piece.section_heading(section) + numbers.section(Markup(section.body)) + table)
    parts += [piece.signatory_html(view), piece.sources_html(view)]
    return piece.document_html(head, parts)


#: The top-level blocks of a section's body as render_prose writes it: a paragraph,
#: a list, or anything else (a table, a quotation), which is not numbered.
_BLOCK = re.compile(r"<p>(?P<p>.*?)</p>|<(?P<tag>[uo]l)[^>]*>(?P<items>.*?)</(?P=tag)>", re.S)
_ITEM = re.compile(r"<li>(?:<p>)?(.*?)(?:</p>)?</li>", re.S)


class _Numbering:
    """Numbers paragraphs across sections as evidence.css does in the PDF: each
    paragraph NUMBERED, each item of a list a POINT of the paragraph before it; a list
    with no paragraph before it in its section has a number of its own, held by an
    empty paragraph that Word and LibreOffice hide (so that its items are 12.1, 12.2)."""

    def __init__(self) -> None:
        self.numbered = 0

    def section(self, body: Markup) -> Markup:
        out: list[Markup] = []
        at, opened = 0, False
        for match in _BLOCK.finditer(body):
            out.append(Markup(body[at : match.start()]))
            if match.group("p") is not None:
                out.append(piece.styled(NUMBERED, Markup(match.group("p"))))
                opened = True
            else:
                if not opened:
                    out.append(piece.styled(NUMBER_ONLY, "\u00a0"))
                    opened = True
                items = [Markup(m) for m in _ITEM.findall(match.group("items"))]
                out.append(piece.styled(POINT, *items))
            at = match.end()
        out.append(Markup(body[at:]))
        return Markup("").join(out)
