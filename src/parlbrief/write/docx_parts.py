"""The parts of a document as HTML for Pandoc (write.docx), shared by every kind's
layout: the title block's metadata, the Draft line and the date, the debate, sections, tables,
panels of figures, the questions box, the signatory and the sources. Each part is
Markup; a paragraph in one of parlbrief's Word styles is a `data-custom-style` div,
which Pandoc makes a paragraph in that style."""

from __future__ import annotations

import base64
from typing import Any

from markupsafe import Markup

from parlbrief.render import View
from parlbrief.resolve.debate_form import ILLUSTRATIVE
from parlbrief.write.docx_styles import (
    CHART,
    CHART_CAPTION,
    CONTENTS_HEADING,
    DRAFT,
    MASTHEAD,
    QUESTIONS,
)

#: The headings a pack's contents links to besides its parts' (Word bookmarks).
QUESTIONS_ID, SOURCES_ID = "questions-heading", "sources-heading"


def title_meta(title: Any, subtitle: Any, author: Any, day: Any) -> Markup:
    """Pandoc's metadata: the title block it prints first, and the file's properties."""
    head = Markup(
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{}</title>'
    ).format(title)
    for name, value in (("subtitle", subtitle), ("author", author), ("date", day)):
        if value:
            head += Markup('<meta name="{}" content="{}">').format(name, value)
    return head


def document_html(head: Markup, parts: list[Markup]) -> str:
    return str(head + Markup("</head><body>") + Markup("").join(parts) + Markup("</body></html>"))


def section_heading(section: View) -> Markup:
    return Markup("<h1>{}</h1>").format(section.heading) if section.heading else Markup("")


def dated(view: View) -> str:
    """The one date the document prints (under its title): its latest published
    edition's, else the briefing's, after the edition's number once past the first
    (a draft says which edition it changes in its Draft line instead)."""
    day = str(view.fields.get("last_updated") or view.date)
    edition = view.fields.get("edition", 1)
    return f"Edition {edition}, {day}" if edition > 1 and not view.fields.get("draft") else day


def draft_line(view: View) -> Markup:
    """The Draft line: which edition it changes, whose date is the one above it."""
    if not view.fields.get("draft"):
        return Markup("")
    since = (
        f"changed since edition {view.edition}"
        if view.fields.get("published")
        else "not yet published"
    )
    return styled(DRAFT, f"Draft: {since}")


def debate_line(view: View) -> Markup:
    """The debate it is for, in the standard form (parlbrief.resolve.debate_form), bold,
    with who secured it; marked when the document is illustrative."""
    debate = view.fields.get("debate")
    if debate is None:
        return Markup("")
    line = debate.line + (f" {ILLUSTRATIVE}" if view.fields.get("illustrative") else "")
    secured = f"Secured by {debate.secured_by}" if debate.secured_by else None
    return styled(MASTHEAD, Markup("<strong>{}</strong>").format(line), secured)


def styled(style: str, *paragraphs: Any) -> Markup:
    """Paragraphs in one of our Word styles (Pandoc's `custom-style`)."""
    body = Markup("").join(Markup("<p>{}</p>").format(p) for p in paragraphs if p)
    return Markup('<div data-custom-style="{}">{}</div>').format(style, body) if body else body


def summary_html(view: View) -> Markup:
    return Markup(view.summary) if view.summary else Markup("")


def panels_html(view: View) -> list[Markup]:
    """Boxes of figures ('In your area'): a heading, each figure with its note, the
    panel's chart."""
    return [
        Markup("<h2>{}</h2>").format(p.heading)
        + _panel_figures(p)
        + (chart_html(p.chart) if p.chart else Markup(""))
        + (Markup("<p>{}</p>").format(p.note) if p.note else Markup(""))
        for p in view.panels
    ]


def _panel_figures(panel: View) -> Markup:
    items = [
        Markup("<li>{}: <strong>{}</strong>{}</li>").format(i.label, i.value, i.note)
        for i in panel.items
    ]
    return Markup("<ul>{}</ul>").format(Markup("").join(items)) if items else Markup("")


def contents_html(view: View) -> Markup:
    """A pack's contents, as its PDF's contents page lists them: each part (its series
    and title) with its headed sections, then the questions and the sources, each a
    link to its heading. Written out, not Word's TOC field: LibreOffice and Word show
    a field's contents only once the reader updates it. Its heading is in Word's own
    style for it, which is not a heading of the outline (the navigation pane)."""
    if not view.parts:
        return Markup("")
    entries = [_contents_entry(part) for part in view.parts]
    if view.questions:
        entries.append(_link(QUESTIONS_ID, view.questions_heading))
    if view.sources:
        entries.append(_link(SOURCES_ID, "Sources"))
    items = Markup("").join(Markup("<li>{}</li>").format(e) for e in entries)
    heading = styled(CONTENTS_HEADING, "Contents")
    # A tight list (Word's Compact paragraphs), so that the contents keep to one page.
    return heading + Markup("<ol>{}</ol>").format(items)


def _contents_entry(part: View) -> Markup:
    entry = _link(part.anchor, Markup("{} · {}").format(part.series, part.title))
    headed = [s for s in part.sections if s.heading]
    if headed:
        inner = Markup("").join(
            Markup("<li>{}</li>").format(_link(s.id, s.heading)) for s in headed
        )
        entry += Markup("<ol>{}</ol>").format(inner)
    return entry


def _link(anchor: str, text: Any) -> Markup:
    return Markup('<a href="#{}">{}</a>').format(anchor, text)


def section_html(section: View) -> Markup:
    return section_heading(section) + Markup(section.body) + figures_html(section)


def figures_html(section: View) -> Markup:
    """A section's table or chart."""
    if section.table:
        return table_html(section.table)
    return chart_html(section.chart) if section.chart else Markup("")


def chart_html(chart: View) -> Markup:
    """A chart as the PDF prints it: its caption (with its source's note), then the
    drawing, as a picture (the view's `png`) whose description, Word's alternative
    text, is the chart's text alternative, with every figure it draws. The PDF has no
    table of the figures beside the chart, so neither has Word."""
    caption = Markup('<div data-custom-style="{}"><p>{}{}</p></div>').format(
        CHART_CAPTION, chart.caption, chart.note
    )
    source = "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii")
    picture = Markup('<div data-custom-style="{}"><p><img src="{}" alt="{}"></p></div>').format(
        CHART, source, chart.description
    )
    return caption + picture


def table_html(table: View) -> Markup:
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


def questions_html(view: View, level: int = 1) -> Markup:
    """The questions box: a heading (h`level`), then the numbered questions in its own
    style."""
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
    return Markup(
        '<h{0} id="{1}">{2}</h{0}><div data-custom-style="{3}"><ol>{4}</ol></div>'
    ).format(level, QUESTIONS_ID, view.questions_heading, QUESTIONS, items)


def signatory_html(view: View) -> Markup:
    """Who signs it, and the contact details to print."""
    lines: list[Any] = []
    if view.signatory:
        lines += [Markup("<strong>{}</strong>").format(view.signatory.name), view.signatory.role]
        lines += details_lines(view.signatory_details)
    if view.contact:
        lines += details_lines(view.contact)
    return Markup("").join(Markup("<p>{}</p>").format(line) for line in lines if line)


def details_lines(details: View | None) -> list[Any]:
    if details is None:
        return []
    email = Markup('<a href="mailto:{0}">{0}</a>').format(details.email) if details.email else None
    web = Markup('<a href="{0}">{0}</a>').format(details.web) if details.web else None
    return [details.text, email, details.phone, web]


def sources_html(view: View, level: int = 1) -> Markup:
    """The sources, under a heading (h`level`)."""
    if not view.sources:
        return Markup("")
    items = Markup("").join(Markup("<li>{}</li>").format(s) for s in view.sources)
    return Markup('<h{0} id="{1}">Sources</h{0}><ul>{2}</ul>').format(level, SOURCES_ID, items)
