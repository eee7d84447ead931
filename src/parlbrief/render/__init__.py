"""Stage 4: lay a resolved briefing out as HTML, for print (PDF) or for the screen.

Templates are Jinja, sandboxed, with StrictUndefined (a misspelt name is an error, not a
blank) and autoescaping for `.html.j2`. CSS is read as plain text and passed in as
Markup: autoescaping a stylesheet silently breaks WeasyPrint's margin boxes.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import FrameType
from typing import Any, Literal, cast

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateRuntimeError,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup
from pydantic import BaseModel

from parlbrief import __version__
from parlbrief.errors import Origin, Problems
from parlbrief.pictures import MAX_LOGO_BYTES, SVG, read_picture
from parlbrief.project import TEMPLATE_SUFFIXES, shown_path
from parlbrief.render.kind_fields import kind_css, kind_fields, kind_template
from parlbrief.render.prose import note_call, render_prose
from parlbrief.render.typography import bind_last_word
from parlbrief.render.webfonts import embed_fonts
from parlbrief.resolve import ResolvedBriefing, ResolvedPanel
from parlbrief.resolve.citations import full_reference
from parlbrief.resolve.formatting import format_day
from parlbrief.resolve.tables import ResolvedTable

Medium = Literal["pdf", "html"]
TEMPLATE = "briefing.html.j2"
STYLESHEET = "briefing.css"
#: Rules for the web page only: its print stylesheet (printed, it looks like the PDF).
WEB_STYLESHEET = "webpage.css"


@lru_cache(maxsize=8)
def environment(template_dirs: tuple[Path, ...]) -> ImmutableSandboxedEnvironment:
    """One Jinja environment per template search path, project templates first.

    Templates come from other organisations too, so they run in Jinja's sandbox, which
    refuses private attributes and (immutable) any method that changes a list or dict;
    and what they are given is plain data (see `plain`), never the pipeline's objects.
    """
    return ImmutableSandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs]),
        autoescape=select_autoescape(enabled_extensions=("html.j2", "html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def find_file(template_dirs: tuple[Path, ...], name: str) -> Path:
    """The first `name` on the template search path."""
    for folder in template_dirs:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)


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


def render_html(
    resolved: ResolvedBriefing,
    medium: Medium,
    template_dirs: tuple[Path, ...],
    brand_dir: Path,
    edition: Mapping[str, Any] | None = None,
    *,
    seconds: float | None = None,
) -> str:
    """The briefing's full HTML document for `medium`.

    `edition` adds briefing.edition, .last_updated, .last_updated_iso and .changes
    (see parlbrief.pipeline.editions); without it a briefing is edition 1 of its own date.
    `seconds` limits how long the template may take (see `time_limit`).
    """
    env = environment(template_dirs)
    css = find_file(template_dirs, STYLESHEET).read_text(encoding="utf-8")
    # The briefing's kind (parlbrief.document_kinds): its template, and its CSS after ours.
    css += kind_css(template_dirs, resolved.briefing.template)
    context = {
        "medium": medium,
        "lang": "en-GB",
        "generator": f"parlbrief {__version__}",
        "css": Markup(css),
        "brand": plain(brand_view(resolved, brand_dir)),
        "briefing": plain(briefing_view(resolved, medium, edition)),
    }
    with time_limit(seconds):
        # Jinja's generate() is a generator (typed as an Iterator): see _bounded.
        template = env.get_template(kind_template(resolved))
        chunks = cast(Generator[str, None, None], template.generate(context))
        page = _bounded(chunks)
    return _for_the_web(page, resolved, template_dirs) if medium == "html" else page


def _for_the_web(page: str, resolved: ResolvedBriefing, template_dirs: tuple[Path, ...]) -> str:
    """The web page with the brand's fonts embedded and its own rules (render.webfonts)."""
    web_css = find_file(template_dirs, WEB_STYLESHEET).read_text(encoding="utf-8")
    fonts = resolved.brand.fonts
    return embed_fonts(page, (fonts.body, fonts.heading), web_css)


#: The most HTML a template may make for one briefing: a few hundred kilobytes is
#: usual, so this is only ever reached by a runaway loop.
MAX_HTML_CHARS = 20_000_000


class TemplateLimitError(TemplateRuntimeError):
    """A template ran too long or made too much: a runaway loop, or a hostile template."""


def _bounded(chunks: Generator[str, None, None]) -> str:
    """The template's output, stopped once it passes MAX_HTML_CHARS.

    The error is thrown into the template where it stands, so that the message names
    the template's line, as for any other template error.
    """
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_HTML_CHARS:
            chunks.throw(
                TemplateLimitError(
                    f"the template made over {MAX_HTML_CHARS:,} characters of HTML, as a "
                    "loop that never ends would"
                )
            )
        parts.append(chunk)
    return "".join(parts)


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop the template (a TemplateLimitError where it is) after `seconds`.

    A template's loops are Python running in this process, so the PDF workers' time
    limit cannot reach them; a timer signal can. Only the main thread receives
    signals, so elsewhere (a library caller's thread) there is no limit.
    """
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise TemplateLimitError(
            f"the template took longer than {seconds:g} seconds to fill in, as a loop that "
            "never ends would (or allow longer with --timeout)"
        )

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def brand_view(resolved: ResolvedBriefing, brand_dir: Path) -> View:
    brand = resolved.brand
    logo = _logo(brand_dir / brand.logo, brand.name) if brand.logo else None
    return View(
        {
            "id": brand.id,
            "name": brand.name,
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
    return Markup('<img src="{}" alt="{}">').format(picture.data_uri(), name)


def briefing_view(
    resolved: ResolvedBriefing, medium: Medium, edition: Mapping[str, Any] | None = None
) -> View:
    b = resolved.briefing
    notes = {note.number: note for note in resolved.notes}

    def prose(p: Any) -> Markup:
        return render_prose(p.tokens, medium, notes)

    def call(number: int | None) -> Markup:
        """A footnote call (PDF: the note itself, floated) for tables and panels."""
        return note_call(number, {"medium": medium, "notes": notes})

    as_at = resolved.figures_as_at
    return View(
        {
            "id": b.id,
            "campaign": b.campaign,
            "series": b.series,
            "title": b.title,
            "strapline": b.strapline,
            "provenance": b.provenance,
            "date": format_day(b.date),
            "date_iso": b.date.isoformat(),
            "summary": prose(resolved.summary) if resolved.summary else None,
            "sections": [
                View(
                    {
                        "id": s.id,
                        "heading": s.heading,
                        "body": prose(s.prose),
                        "table": _table_view(s.table, call) if s.table else None,
                    }
                )
                for s in resolved.sections
            ],
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
            "figures_as_at": format_day(as_at) if as_at else None,
            "notes": [
                View({"number": n.number, "body": n.body, "id": n.id, "ref_id": n.ref_id})
                for n in resolved.notes
            ],
            "sources": [full_reference(ref) for ref in resolved.sources],
            # Edition fields (parlbrief.pipeline.editions): what changed since the last edition.
            "edition": 1,
            "last_updated": format_day(b.date),
            "last_updated_iso": b.date.isoformat(),
            "changes": [],
            "panels": [_panel_view(p, call) for p in resolved.panels],
            "variant": resolved.variant.name if resolved.variant else None,
        }
        | kind_fields(resolved, medium, notes)
        | dict(edition or {})
    )


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


def _panel_view(panel: ResolvedPanel, call: Callable[[int | None], Markup]) -> View:
    """A panel of figures ('In your area'): each label, value and note call."""
    items = [
        View({"label": i.label, "value": i.display, "note": call(i.note)}) for i in panel.items
    ]
    return View({"heading": panel.heading, "items": items, "note": panel.note})


def check_templates(
    template_dirs: tuple[Path, ...], files: list[tuple[Path, Path]], root: Path, problems: Problems
) -> None:
    """Parse each of `files` ((folder, path) pairs), so a syntax error stops `check`.

    Found before anything renders, each error names the template file and line.
    """
    env = environment(template_dirs)
    for folder, path in files:
        shown = shown_path(path, root)
        try:
            source = path.read_text(encoding="utf-8")
            env.parse(source, path.relative_to(folder).as_posix(), str(path))
        except TemplateSyntaxError as exc:
            problems.error(
                Origin(shown, exc.lineno),
                f"template error: {exc.message or exc} - fix the template",
            )
        except (OSError, UnicodeDecodeError) as exc:
            problems.error(
                Origin(shown), f"the template could not be read ({exc}) - save it as UTF-8"
            )


def describe_template_error(exc: BaseException, root: Path | None = None) -> str:
    """'templates/briefing.html.j2:12: template error: ... - fix the template'."""
    origin, message = template_error(exc, root)
    return f"{origin}: {message}" if origin is not None else message


def template_error(exc: BaseException, root: Path | None = None) -> tuple[Origin | None, str]:
    """Where a template error is (when known) and what it is, as a press officer reads it.

    Syntax errors carry their file and line; for errors while rendering (an undefined
    name under StrictUndefined, a sandbox refusal) Jinja puts the template's file and
    line in the traceback, so the last template frame there is where to look.
    """
    filename = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if filename is None:
        tb = exc.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if name.endswith(TEMPLATE_SUFFIXES):
                filename, line = name, tb.tb_lineno
            tb = tb.tb_next
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    text = f"template error: {message} - fix the template"
    if filename is None:
        return None, text
    shown = shown_path(Path(filename), root) if root is not None else filename
    return Origin(shown, line), text


def try_templates(
    resolved: Mapping[str, ResolvedBriefing],
    template_dirs: tuple[Path, ...],
    brand_dirs: Mapping[str, Path],
    root: Path,
    problems: Problems,
    seconds: float | None = None,
) -> None:
    """Fill the templates for every output, as a build would, and report what fails.

    For `check` on a project with templates of its own, so that an error that shows
    only when a template runs (a misspelt name, a refused method) is found before a
    build; each is reported once, at the template's line. Each page may take
    `seconds` (default CHECK_SECONDS).
    """
    said: set[tuple[Origin | None, str]] = set()
    own = Origin(shown_path(template_dirs[0] / TEMPLATE, root))
    for briefing in resolved.values():
        brand_dir = brand_dirs.get(briefing.brand.id, template_dirs[-1])
        for medium in MEDIA:
            found: tuple[Origin | None, str] | None
            try:
                page = render_html(
                    briefing, medium, template_dirs, brand_dir, seconds=seconds or CHECK_SECONDS
                )
            except TemplateError as exc:
                found = template_error(exc, root)
            else:
                found = _refused(page, medium, own, root)
            if found is not None and found not in said:
                said.add(found)
                problems.error(found[0] or Origin(TEMPLATE), found[1])


def _refused(
    page: str, medium: Medium, own: Origin, root: Path
) -> tuple[Origin | None, str] | None:
    """What the output guard (parlbrief.guard) would refuse in a filled-in page, at the
    line of the project's own template or CSS that writes it (the first one found)."""
    from parlbrief.guard import check_html, check_pdf_html, where_written, with_csp

    findings = check_html(with_csp(page)) if medium == "html" else check_pdf_html(page)
    if not findings:
        return None
    folder = root / "templates"
    found = where_written(findings[0], sorted(folder.rglob("*")) if folder.is_dir() else [])
    if found is not None:
        own = Origin(shown_path(found[0], root), found[1])
    more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
    return own, f"the pages these templates make would not be written: {findings[0]}{more}"


#: The two kinds of page a briefing is filled in for.
MEDIA: tuple[Medium, ...] = ("pdf", "html")
#: How long `check` lets a template run for one page before calling it endless.
CHECK_SECONDS = 30.0
