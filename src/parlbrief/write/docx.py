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
from parlbrief.document_kinds import document_kind
from parlbrief.errors import Problems
from parlbrief.model import Brand
from parlbrief.pandoc import run_pandoc
from parlbrief.render import View, briefing_view
from parlbrief.resolve import ResolvedBriefing
from parlbrief.write.docx_finish import NUMBER_ONLY, NUMBERED, POINT, finish_document
from parlbrief.write.docx_package import finish_package
from parlbrief.write.docx_styles import (
    DRAFT,
    MASTHEAD,
    PROVENANCE,
    QUESTIONS,
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
    view = briefing_view(resolved, "pdf", edition)
    evidence = document_kind(resolved.briefing.template).numbered_paragraphs
    brand = resolved.brand
    html = evidence_html(view, brand) if evidence else word_html(view, brand)
    made = docx_bytes(html, brand, _day(view), plain=evidence, warnings=warnings)
    write_bytes(target, made)


def docx_bytes(
    html: str, brand: Brand, day: date, *, plain: bool = False, warnings: Problems | None = None
) -> bytes:
    """`html` (see word_html) as a .docx styled for `brand` (`plain`: without its
    colours), dated `day`, finished (write.docx_finish, write.docx_package)."""
    epoch = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    with tempfile.TemporaryDirectory(prefix="parlbrief-docx-") as scratch:
        reference, lua = Path(scratch, "reference.docx"), Path(scratch, "footnotes.lua")
        reference.write_bytes(
            reference_docx(brand.fonts.body, brand.fonts.heading, colours(brand, plain=plain))
        )
        lua.write_text(FOOTNOTES_LUA, encoding="utf-8")
        args = ["-f", "html", "-t", "docx", "--reference-doc", str(reference)]
        args += ["--lua-filter", str(lua), "-o", "-"]
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
        made = run_pandoc(args, html, doing="make the Word document", env=env)
    finished = finish_document(made, footer=brand.name)
    made_by = f"parlbrief {__version__}"
    return finish_package(finished, day, brand=brand, made_by=made_by, warnings=warnings)


def _day(view: View) -> date:
    """The date the document carries: its edition's, else the briefing's."""
    return date.fromisoformat(view.fields.get("last_updated_iso") or view.date_iso)


# The document -------------------------------------------------------------------------


def word_html(view: View, brand: Brand) -> str:
    """The briefing as a plain HTML document for Pandoc: its parts in reading order,
    with the notes inline at their calls (`view` is the PDF's briefing_view)."""
    head = _head(view.title, view.strapline, brand.name, _dated(view))
    parts = [_masthead(view, brand), _summary(view), *_panels(view)]
    parts += [_section(s) for s in view.sections]
    parts += [_questions(view), _signatory(view), _sources(view)]
    return _document(head, parts)


def evidence_html(view: View, brand: Brand) -> str:
    """Written evidence as the PDF lays it out (evidence.html.j2): headed "Written
    evidence submitted by ...", the title and date, the summary in points, then every
    paragraph from "About" on numbered 1, 2, 3 ... across sections, a list's items as
    its paragraph's points (12.1): the same numbers as the PDF's. No masthead, no
    colour; questions for ministers are a briefing's, not printed in evidence."""
    submitted_by = brand.name_in_sentence or brand.name
    head = _head(f"Written evidence submitted by {submitted_by}", view.title, None, _dated(view))
    parts = [_draft(view), _styled(PROVENANCE, view.strapline, view.provenance)]
    if view.summary_points:
        items = Markup("").join(Markup("<li>{}</li>").format(p) for p in view.summary_points)
        parts.append(Markup("<h1>Summary</h1><ul>{}</ul>").format(items))
    numbers = _Numbering()
    about = Markup("").join(Markup("<p>{}</p>").format(p) for p in view.about.split("\n\n"))
    parts.append(Markup("<h1>About {}</h1>").format(submitted_by) + numbers.section(about))
    parts += _panels(view)
    for section in view.sections:
        table = _table(section.table) if section.table else Markup("")
        parts.append(_heading(section) + numbers.section(Markup(section.body)) + table)
    parts += [_signatory(view), _sources(view)]
    return _document(head, parts)


def _head(title: Any, subtitle: Any, author: Any, day: Any) -> Markup:
    """Pandoc's metadata: the title block it prints first, and the file's properties."""
    head = Markup(
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{}</title>'
    ).format(title)
    for name, value in (("subtitle", subtitle), ("author", author), ("date", day)):
        if value:
            head += Markup('<meta name="{}" content="{}">').format(name, value)
    return head


def _document(head: Markup, parts: list[Markup]) -> str:
    return str(head + Markup("</head><body>") + Markup("").join(parts) + Markup("</body></html>"))


def _heading(section: View) -> Markup:
    return Markup("<h1>{}</h1>").format(section.heading) if section.heading else Markup("")


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
                out.append(_styled(NUMBERED, Markup(match.group("p"))))
                opened = True
            else:
                if not opened:
                    out.append(_styled(NUMBER_ONLY, "\u00a0"))
                    opened = True
                items = [Markup(m) for m in _ITEM.findall(match.group("items"))]
                out.append(_styled(POINT, *items))
            at = match.end()
        out.append(Markup(body[at:]))
        return Markup("").join(out)


def _dated(view: View) -> str:
    """The one date the document prints (under its title): its latest published
    edition's, else the briefing's, after the edition's number once past the first
    (a draft says which edition it changes in its Draft line instead)."""
    day = str(view.fields.get("last_updated") or view.date)
    edition = view.fields.get("edition", 1)
    return f"Edition {edition}, {day}" if edition > 1 and not view.fields.get("draft") else day


def _draft(view: View) -> Markup:
    """The Draft line: which edition it changes, whose date is the one above it."""
    if not view.fields.get("draft"):
        return Markup("")
    since = (
        f"changed since edition {view.edition}"
        if view.fields.get("published")
        else "not yet published"
    )
    return _styled(DRAFT, f"Draft: {since}")


def _styled(style: str, *paragraphs: Any) -> Markup:
    """Paragraphs in one of our Word styles (Pandoc's `custom-style`)."""
    body = Markup("").join(Markup("<p>{}</p>").format(p) for p in paragraphs if p)
    return Markup('<div data-custom-style="{}">{}</div>').format(style, body) if body else body


def _masthead(view: View, brand: Brand) -> Markup:
    line = " · ".join(x for x in (brand.name, view.label, view.series, view.campaign) if x)
    return _styled(MASTHEAD, line) + _draft(view) + _styled(PROVENANCE, view.provenance)


def _summary(view: View) -> Markup:
    return Markup(view.summary) if view.summary else Markup("")


def _panels(view: View) -> list[Markup]:
    """Boxes of figures ('In your area'): a heading, and each figure with its note."""
    return [
        Markup("<h2>{}</h2><ul>{}</ul>").format(
            p.heading,
            Markup("").join(
                Markup("<li>{}: <strong>{}</strong>{}</li>").format(i.label, i.value, i.note)
                for i in p.items
            ),
        )
        + (Markup("<p>{}</p>").format(p.note) if p.note else Markup(""))
        for p in view.panels
    ]


def _section(section: View) -> Markup:
    table = _table(section.table) if section.table else Markup("")
    return _heading(section) + Markup(section.body) + table


def _table(table: View) -> Markup:
    def cell(tag: str, text: Any, numeric: bool) -> Markup:
        align = Markup(' align="right"') if numeric else Markup("")
        return Markup("<{0}{1}>{2}</{0}>").format(Markup(tag), align, text)

    head = Markup("").join(cell("th", c.heading, c.numeric) for c in table.columns)
    rows = Markup("").join(
        Markup("<tr>{}</tr>").format(Markup("").join(cell("td", c.text, c.numeric) for c in row))
        for row in table.rows
    )
    return Markup(
        "<table><caption>{}{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table>"
    ).format(table.caption, table.note, head, rows)


def _questions(view: View) -> Markup:
    """The questions box: a heading, then the numbered questions in its own style."""
    if not view.questions:
        return Markup("")
    shared = view.questions_to
    items = Markup("").join(
        Markup("<li>{}{}</li>").format(
            Markup("<p><strong>To {}</strong></p>").format(q.to) if q.to and not shared else "",
            Markup(q.body),
        )
        for q in view.questions
    )
    return Markup('<h1>{}</h1><div data-custom-style="{}"><ol>{}</ol></div>').format(
        view.questions_heading, QUESTIONS, items
    )


def _signatory(view: View) -> Markup:
    """Who signs it, and the contact details to print."""
    lines: list[Any] = []
    if view.signatory:
        lines += [Markup("<strong>{}</strong>").format(view.signatory.name), view.signatory.role]
        lines += _details(view.signatory_details)
    if view.contact:
        lines += _details(view.contact)
    return Markup("").join(Markup("<p>{}</p>").format(line) for line in lines if line)


def _details(details: View | None) -> list[Any]:
    if details is None:
        return []
    email = Markup('<a href="mailto:{0}">{0}</a>').format(details.email) if details.email else None
    web = Markup('<a href="{0}">{0}</a>').format(details.web) if details.web else None
    return [details.text, email, details.phone, web]


def _sources(view: View) -> Markup:
    if not view.sources:
        return Markup("")
    items = Markup("").join(Markup("<li>{}</li>").format(s) for s in view.sources)
    return Markup("<h1>Sources</h1><ul>{}</ul>").format(items)
