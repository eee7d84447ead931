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

import io
import os
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from parlbrief.atomic import write_bytes
from parlbrief.document_kinds import document_kind
from parlbrief.errors import RenderError
from parlbrief.model import Brand
from parlbrief.render import View, briefing_view
from parlbrief.resolve import ResolvedBriefing

#: Pandoc notes from the PDF's inline note spans (see the module's docstring).
FOOTNOTES_LUA = """
function Span(el)
  if el.classes:includes('footnote') then return pandoc.Note(pandoc.Para(el.content)) end
end
"""
#: Seconds Pandoc may take for one briefing (it takes well under one).
PANDOC_SECONDS = 60.0
#: Word paragraph styles of our own, named in the HTML as data-custom-style.
MASTHEAD, PROVENANCE, DRAFT, QUESTIONS = "Masthead", "Provenance", "Draft", "Questions"


def write_docx(target: Path, resolved: ResolvedBriefing, edition: Mapping[str, Any]) -> None:
    """Write the briefing's .docx; `edition` is the page's edition view (plan.view)."""
    view = briefing_view(resolved, "pdf", edition)
    numbered = document_kind(resolved.briefing.template).numbered_paragraphs
    html = word_html(view, resolved.brand, numbered=numbered)
    write_bytes(target, docx_bytes(html, resolved.brand, _day(view)))


def docx_bytes(html: str, brand: Brand, day: date) -> bytes:
    """`html` (see word_html) as a .docx styled for `brand`, dated `day`."""
    from pypandoc import get_pandoc_path  # type: ignore[import-untyped]

    epoch = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    with tempfile.TemporaryDirectory(prefix="parlbrief-docx-") as scratch:
        reference, lua = Path(scratch, "reference.docx"), Path(scratch, "footnotes.lua")
        reference.write_bytes(
            reference_docx(brand.fonts.body, brand.fonts.heading, _colours(brand))
        )
        lua.write_text(FOOTNOTES_LUA, encoding="utf-8")
        command = [get_pandoc_path(), "--sandbox", "--quiet", "-f", "html", "-t", "docx"]
        command += ["--reference-doc", str(reference), "--lua-filter", str(lua), "-o", "-"]
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
        try:
            done = subprocess.run(
                command, input=html.encode("utf-8"), capture_output=True, env=env,
                timeout=PANDOC_SECONDS, check=False,
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RenderError(f"Pandoc could not make the Word document ({exc})") from exc
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()[:300]
        raise RenderError(f"Pandoc could not make the Word document: {said}")
    return fixed_dates(done.stdout, day)


#: docProps/core.xml's dates, which Pandoc takes from the clock or the metadata.
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def fixed_dates(docx: bytes, day: date) -> bytes:
    """The same document with every date in it `day`: each zip entry's time (some come
    from the reference document, made now) and the created and modified properties."""
    stamp = f"{day.isoformat()}T00:00:00Z".encode()
    source, result = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            entry = zipfile.ZipInfo(item.filename, (day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            out.writestr(entry, data)
    return result.getvalue()


def _day(view: View) -> date:
    """The date the document carries: its edition's, else the briefing's."""
    return date.fromisoformat(view.fields.get("last_updated_iso") or view.date_iso)


# The document -------------------------------------------------------------------------


def word_html(view: View, brand: Brand, *, numbered: bool = False) -> str:
    """The briefing as a plain HTML document for Pandoc: its parts in reading order,
    with the notes inline at their calls (`view` is the PDF's briefing_view).

    `numbered` (a kind with numbered paragraphs, such as written evidence; see
    parlbrief.document_kinds) numbers every paragraph of the sections 1, 2, 3 ...
    across sections, as Word numbering, so that a committee can cite "para 12".
    """
    head = Markup(
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{}</title>'
    ).format(view.title)
    if view.strapline:
        head += Markup('<meta name="subtitle" content="{}">').format(view.strapline)
    head += Markup('<meta name="author" content="{}"><meta name="date" content="{}">').format(
        brand.name, view.fields.get("last_updated") or view.date
    )
    parts = [_masthead(view, brand), _summary(view), *_panels(view)]
    counter = _Counter() if numbered else None
    parts += [_section(s, counter) for s in view.sections]
    parts += [_questions(view), _signatory(view), _sources(view)]
    return str(head + Markup("</head><body>") + Markup("").join(parts) + Markup("</body></html>"))


def _styled(style: str, *paragraphs: Any) -> Markup:
    """Paragraphs in one of our Word styles (Pandoc's `custom-style`)."""
    body = Markup("").join(Markup("<p>{}</p>").format(p) for p in paragraphs if p)
    return Markup('<div data-custom-style="{}">{}</div>').format(style, body) if body else body


def _masthead(view: View, brand: Brand) -> Markup:
    line = " · ".join(x for x in (brand.name, view.label, view.series, view.campaign) if x)
    parts = _styled(MASTHEAD, line)
    if view.fields.get("draft"):
        since = (
            f"changed since edition {view.edition} of {view.last_updated}"
            if view.fields.get("published")
            else "not yet published"
        )
        parts += _styled(DRAFT, f"Draft: {since}")
    elif view.fields.get("edition", 1) > 1:
        parts += _styled(MASTHEAD, f"Edition {view.edition}, last updated {view.last_updated}")
    return parts + _styled(PROVENANCE, view.provenance)


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


def _section(section: View, counter: _Counter | None = None) -> Markup:
    heading = Markup("<h1>{}</h1>").format(section.heading) if section.heading else Markup("")
    table = _table(section.table) if section.table else Markup("")
    body = Markup(section.body) if counter is None else counter.number(str(section.body))
    return heading + body + table


#: A paragraph of a section's body as render_prose writes it (notes are inline spans).
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


class _Counter:
    """Numbers paragraphs across sections: each run of paragraphs becomes an ordered
    list starting where the last left off, which Pandoc writes as Word numbering."""

    def __init__(self) -> None:
        self.next = 1

    def number(self, body: str) -> Markup:
        out: list[str] = []
        at = 0
        for match in _PARAGRAPH.finditer(body):
            out.append(body[at : match.start()])
            out.append(f'<ol start="{self.next}"><li>{match.group(1)}</li></ol>')
            self.next += 1
            at = match.end()
        out.append(body[at:])
        return Markup("".join(out))


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


# The brand as Word styles -------------------------------------------------------------


def _colours(brand: Brand) -> tuple[tuple[str, str], ...]:
    """The brand's colours as Word writes them (RRGGBB), by role."""
    from tinycss2.color3 import RGBA, parse_color

    found = []
    for role, css in brand.colours.model_dump(exclude={"origin", "lines"}).items():
        colour = parse_color(css)
        if isinstance(colour, RGBA):  # check has refused anything else
            channels = (round(min(max(c, 0.0), 1.0) * 255) for c in colour[:3])
            found.append((role, "".join(f"{c:02X}" for c in channels)))
    return tuple(found)


@cache
def _pandoc_reference() -> bytes:
    """Pandoc's own reference document, which has every style its writer uses."""
    from pypandoc import get_pandoc_path

    command = [get_pandoc_path(), "--print-default-data-file", "reference.docx"]
    return subprocess.run(command, capture_output=True, check=True, timeout=PANDOC_SECONDS).stdout


@cache
def reference_docx(body: str, heading: str, colours: tuple[tuple[str, str], ...]) -> bytes:
    """Pandoc's reference document in the brand's fonts and colours, with our styles."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
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
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        paint(name, heading, "primary")
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
