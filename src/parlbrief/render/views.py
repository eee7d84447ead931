"""What a template is given: plain data (Views) made from the resolved briefing.

Templates come from other organisations too, so they are given plain data, never the
pipeline's objects (see `plain`); `briefing_view` and `brand_view` are what a template
calls `briefing` and `brand`, and the Word writer (write.docx) reads the same views.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup
from pydantic import BaseModel

from parlbrief.model import Debate
from parlbrief.pictures import MAX_LOGO_BYTES, MAX_LOGO_SIDE, SVG, for_page, read_picture
from parlbrief.render.charts import Look, chart_png, chart_svg
from parlbrief.render.kind_fields import kind_fields
from parlbrief.render.prose_html import note_call, render_prose
from parlbrief.render.typography import bind_last_word
from parlbrief.resolve import ResolvedBriefing, ResolvedPanel, ResolvedPart, ResolvedSection
from parlbrief.resolve.debate_form import debate_line
from parlbrief.resolve.formatting import format_day
from parlbrief.resolve.resolved import NotePassage, ResolvedChart
from parlbrief.resolve.stamp import figures_stamp
from parlbrief.resolve.tables import ResolvedTable

#: The two kinds of page a briefing is filled in for: the PDF's and the web page.
Medium = Literal["pdf", "html"]


@dataclass(frozen=True)
class View:
    """A plain object for templates: attribute access without exposing our classes."""

    fields: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]


#: Values templates may hold as they are: text (Markup is text already made safe),
#: numbers, dates. Everything else goes through `plain`.
_SCALARS = (str, int, float, Decimal, date, type(None))


def plain(value: Any) -> Any:
    """`value` as data a template can read and nothing else: Views, tuples and scalars.

    A pydantic model has methods that parse, load and (through pickle) run code, and a
    template from another office must not reach them; so models become Views of their
    fields (without the bookkeeping of where they were written), mappings become Views,
    and lists tuples, all the way down.
    """
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, View):
        return View({k: plain(v) for k, v in value.fields.items()})
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return View({k: plain(getattr(value, k)) for k in fields if k not in _BOOKKEEPING})
    if isinstance(value, Mapping):
        return View({str(k): plain(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(plain(v) for v in value)
    raise TypeError(f"{type(value).__name__} is not template data")


#: Model fields that say where an item was written, not what it says.
_BOOKKEEPING = frozenset({"origin", "lines"})


def brand_view(resolved: ResolvedBriefing, brand_dir: Path) -> View:
    brand = resolved.brand
    logo = _logo(brand_dir / brand.logo, brand.name) if brand.logo else None
    return View(
        {
            "id": brand.id,
            "name": brand.name,
            "name_in_sentence": brand.name_in_sentence or brand.name,
            "tagline": brand.tagline,
            "colours": brand.colours,
            "fonts": brand.fonts,
            "logo": logo,
            "footer": brand.footer,
            # The brand's line of text, as before contacts had fields (see briefing.contact).
            "contact": brand.contact.text if brand.contact else None,
            "label": brand.label,
        }
    )


def contact_view(resolved: ResolvedBriefing) -> View | None:
    """The contact printed at the end: the briefing's own, else (unless the signatory
    gives details of their own, printed under their name) the brand's."""
    b = resolved.briefing
    signatory = b.signatory
    if b.contact is not None:
        contact = b.contact
    elif signatory is not None and (signatory.email or signatory.phone or signatory.web):
        return None
    elif resolved.brand.contact is not None:
        contact = resolved.brand.contact
    else:
        return None
    return details_view(contact)


def details_view(item: Any) -> View:
    """text, email, phone and web of a Contact or Signatory, with the phone's tel: link."""
    phone = getattr(item, "phone", None)
    return View(
        {
            "text": getattr(item, "text", None),
            "email": item.email,
            "phone": phone,
            "phone_link": "tel:" + re.sub(r"[^0-9+]", "", phone) if phone else None,
            "web": item.web,
        }
    )


def _logo(path: Path, name: str) -> Markup:
    """The logo as checked (parlbrief.pictures): a drawing inline, a picture embedded."""
    picture, reasons = read_picture(path, MAX_LOGO_BYTES)
    if picture is None:  # check reports it first; a build never gets here with one
        raise ValueError(f"the logo {path.name} {reasons[0]}")
    if picture.kind == SVG:
        return Markup(picture.svg_text)
    small = for_page(picture, MAX_LOGO_SIDE)
    return Markup('<img src="{}" alt="{}">').format(small.data_uri(), name)


def passage_view(passage: NotePassage) -> View:
    """A stored passage its notes cite (parlbrief.resolve.passages), for the web page."""
    return View(
        {
            "anchor": passage.anchor,
            "notes": list(passage.notes),
            "source": passage.source,
            "pinpoint": passage.pinpoint,
            "html": passage.html,
            "taken_from": passage.taken_from,
        }
    )


def briefing_view(
    resolved: ResolvedBriefing,
    medium: Medium,
    edition: Mapping[str, Any] | None = None,
    *,
    pictures: bool = False,
) -> View:
    """What a template calls `briefing`; `pictures`: each chart drawn as a PNG, its
    `png` (for Word, which shows no SVG alone), in place of its SVG."""
    b = resolved.briefing
    notes = {note.number: note for note in resolved.notes}

    def prose(p: Any) -> Markup:
        return render_prose(p.tokens, medium, notes)

    def call(number: int | None) -> Markup:
        """A footnote call (PDF: the note itself, floated) for tables and panels."""
        return note_call(number, {"medium": medium, "notes": notes})

    def chart(c: ResolvedChart | None, ident: str) -> View | None:
        """A chart's view; its ids unique in the page (a pack's are its parts')."""
        return _chart_view(c, call, _look(resolved), ident, medium, pictures) if c else None

    def section(s: ResolvedSection) -> View:
        return _section_view(s, prose, call, chart(s.chart, f"{b.id}-{s.id}"))

    def panels(found: list[ResolvedPanel], owner: str) -> list[View]:
        return [
            _panel_view(p, call, chart(p.chart, f"{owner}-panel-{n}"))
            for n, p in enumerate(found, 1)
        ]

    stamp = figures_stamp(resolved)
    return View(
        {
            "id": b.id,
            "campaign": b.campaign,
            "series": b.series,
            "title": b.title,
            "strapline": b.strapline,
            # The debate it is for, in the standard form (parlbrief.resolve.debate_form).
            "debate": debate_view(b.debate) if b.debate else None,
            "provenance": b.provenance,
            "date": format_day(b.date),
            "date_iso": b.date.isoformat(),
            "summary": prose(resolved.summary) if resolved.summary else None,
            "sections": [section(s) for s in resolved.sections],
            # A pack's parts (template: pack), each with its own sections and panels.
            "parts": [_part_view(p, prose, section, panels) for p in resolved.parts],
            # Whom every question is put to, named once in the heading ("Questions you
            # may wish to ask the Minister"); None when they differ, and each question
            # then says whom it is for.
            "questions_heading": questions_heading(b.questions_heading, resolved.questions),
            "questions_to": shared_addressee(resolved.questions),
            "questions": [
                View({"id": q.id, "to": q.to, "body": bind_last_word(prose(q.prose))})
                for q in resolved.questions
            ],
            "signatory": b.signatory,
            "signatory_details": details_view(b.signatory) if b.signatory else None,
            "contact": contact_view(resolved),
            "label": b.label or resolved.brand.label,
            # The stamp's words (parlbrief.resolve.stamp); the date alone only when the
            # figures are checked data, for templates that print "correct as at" around it.
            "figures_stamp": stamp.text,
            "figures_as_at": format_day(stamp.as_at) if stamp.checked and stamp.as_at else None,
            "notes": [
                View(
                    {
                        "number": n.number,
                        "body": n.body,
                        "id": n.id,
                        "ref_id": n.ref_id,
                        # The stored passages it cites, for the web page's links to them.
                        "passages": [
                            passage_view(p) for p in resolved.passages if n.number in p.notes
                        ],
                    }
                )
                for n in resolved.notes
            ],
            "passages": [passage_view(p) for p in resolved.passages],
            "sources": resolved.source_texts,
            # Edition fields (parlbrief.pipeline.editions): what changed since the last edition.
            "edition": 1,
            "last_updated": format_day(b.date),
            "last_updated_iso": b.date.isoformat(),
            "changes": [],
            "panels": panels(resolved.panels, b.id),
            "variant": resolved.variant.name if resolved.variant else None,
        }
        | kind_fields(resolved, medium, notes)
        | dict(edition or {})
    )


def _section_view(
    section: ResolvedSection,
    prose: Callable[[Any], Markup],
    call: Callable[[int | None], Markup],
    chart: View | None,
) -> View:
    """A section: its anchor, heading, body, table and chart."""
    table = _table_view(section.table, call) if section.table else None
    fields = {"id": section.id, "heading": section.heading, "body": prose(section.prose)}
    return View(fields | {"table": table, "chart": chart})


def _part_view(
    part: ResolvedPart,
    prose: Callable[[Any], Markup],
    section: Callable[[ResolvedSection], View],
    panels: Callable[[list[ResolvedPanel], str], list[View]],
) -> View:
    """A briefing bound into a pack: what its title block and body print."""
    b = part.briefing
    return View(
        {
            "id": part.id,
            "anchor": f"part-{part.id}",
            "series": b.series,
            "campaign": b.campaign,
            "title": b.title,
            "strapline": b.strapline,
            "date": format_day(b.date),
            "date_iso": b.date.isoformat(),
            "provenance": b.provenance,
            "debate": debate_view(b.debate) if b.debate else None,
            "summary": prose(part.summary) if part.summary else None,
            "panels": panels(part.panels, part.id),
            "sections": [section(s) for s in part.sections],
        }
    )


def debate_view(debate: Debate) -> View:
    """The debate's parts as printed (house, kind, day, date_iso, title, secured_by)
    and `line`, the whole standard form as text."""
    line = debate_line(debate)
    fields: dict[str, Any] = {
        name: getattr(line, name)
        for name in ("house", "kind", "day", "date_iso", "title", "secured_by")
    }
    return View(fields | {"line": line.text})


def shared_addressee(questions: Sequence[Any]) -> str | None:
    """The addressee all `questions` share ("the Minister"); None if any differ or lack one."""
    addressees = {q.to for q in questions}
    if len(addressees) != 1 or None in addressees:
        return None
    return str(next(iter(addressees)))


def questions_heading(heading: str, questions: Sequence[Any]) -> str:
    """`heading` naming the shared addressee at its end, unless it names it already."""
    to = shared_addressee(questions)
    if to is None or to.casefold() in heading.casefold():
        return heading
    return f"{heading} {to}"


def _table_view(table: ResolvedTable, call: Callable[[int | None], Markup]) -> View:
    """A table for the template: caption, headings, cells, and its source note's call."""
    columns = [
        View({"heading": h, "numeric": n})
        for h, n in zip(table.headings, table.numeric, strict=True)
    ]
    rows = [
        [View({"text": c, "numeric": n}) for c, n in zip(row, table.numeric, strict=True)]
        for row in table.rows
    ]
    return View(
        {"caption": table.caption, "columns": columns, "rows": rows, "note": call(table.note)}
    )


def _chart_view(
    chart: ResolvedChart,
    call: Callable[[int | None], Markup],
    look: Look,
    ident: str,
    medium: Medium,
    pictures: bool = False,
) -> View:
    """A chart for the template: the drawing (its text alternative inside it as its
    title), for the web page a narrow one too (for phones), the caption with its source
    note's call, and the same figures as a table; `pictures`, the drawing as a PNG."""
    ident = f"chart-{ident}"
    narrow = chart_svg(chart, look, f"{ident}-narrow", narrow=True) if medium == "html" else None
    return View(
        {
            "id": ident,
            "caption": chart.caption,
            "svg": None if pictures else chart_svg(chart, look, ident),
            "png": chart_png(chart, look) if pictures else None,
            "svg_narrow": narrow,
            "description": chart.description,
            "note": call(chart.note),
            # The figures as a table, its caption carrying the chart's note call (for
            # a template that wants it); the web page's prints it without the call.
            "table": _table_view(replace(chart.table, note=chart.note), call),
        }
    )


def _look(resolved: ResolvedBriefing) -> Look:
    """A chart's colours and font, from the brand: series in primary, accent, muted, text."""
    colours, fonts = resolved.brand.colours, resolved.brand.fonts
    return Look(
        colours=(colours.primary, colours.accent, colours.muted, colours.text),
        text=colours.text,
        muted=colours.muted,
        font=fonts.body,
    )


def _panel_view(
    panel: ResolvedPanel, call: Callable[[int | None], Markup], chart: View | None
) -> View:
    """A panel of figures ('In your area'): each label, value and note call; its chart."""
    items = [
        View({"label": i.label, "value": i.display, "note": call(i.note)}) for i in panel.items
    ]
    return View({"heading": panel.heading, "items": items, "note": panel.note, "chart": chart})
