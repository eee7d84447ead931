"""Stage 4: lay a resolved briefing out as HTML, for print (PDF) or for the screen.

Templates are Jinja, sandboxed, with StrictUndefined (a misspelt name is an error, not a
blank) and autoescaping for `.html.j2`. CSS is read as plain text and passed in as
Markup: autoescaping a stylesheet silently breaks WeasyPrint's margin boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from parlbrief import __version__
from parlbrief.render.prose import render_prose
from parlbrief.resolve import ResolvedBriefing
from parlbrief.resolve.citations import full_reference
from parlbrief.resolve.figures import format_day

Medium = Literal["pdf", "html"]
TEMPLATE = "briefing.html.j2"
STYLESHEET = "briefing.css"


@lru_cache(maxsize=8)
def environment(template_dirs: tuple[Path, ...]) -> SandboxedEnvironment:
    """One Jinja environment per template search path, project templates first."""
    return SandboxedEnvironment(
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


def render_html(
    resolved: ResolvedBriefing, medium: Medium, template_dirs: tuple[Path, ...], brand_dir: Path
) -> str:
    """The briefing's full HTML document for `medium`."""
    env = environment(template_dirs)
    css = find_file(template_dirs, STYLESHEET).read_text(encoding="utf-8")
    context = {
        "medium": medium,
        "lang": "en-GB",
        "generator": f"parlbrief {__version__}",
        "css": Markup(css),
        "brand": brand_view(resolved, brand_dir),
        "briefing": briefing_view(resolved, medium),
    }
    return env.get_template(TEMPLATE).render(context)


def brand_view(resolved: ResolvedBriefing, brand_dir: Path) -> View:
    brand = resolved.brand
    logo = Markup((brand_dir / brand.logo).read_text(encoding="utf-8")) if brand.logo else None
    return View(
        {
            "id": brand.id,
            "name": brand.name,
            "tagline": brand.tagline,
            "colours": brand.colours.model_dump(exclude={"origin"}),
            "fonts": brand.fonts.model_dump(exclude={"origin"}),
            "logo": logo,
            "footer": brand.footer,
            "contact": brand.contact,
        }
    )


def briefing_view(resolved: ResolvedBriefing, medium: Medium) -> View:
    b = resolved.briefing
    notes = {note.number: note for note in resolved.notes}

    def prose(p: Any) -> Markup:
        return render_prose(p.tokens, medium, notes)

    as_at = resolved.figures_as_at
    return View(
        {
            "id": b.id,
            "campaign": b.campaign,
            "series": b.series,
            "title": b.title,
            "strapline": b.strapline,
            "date": format_day(b.date),
            "date_iso": b.date.isoformat(),
            "summary": prose(resolved.summary) if resolved.summary else None,
            "sections": [
                View({"id": s.id, "heading": s.heading, "body": prose(s.prose)})
                for s in resolved.sections
            ],
            "questions_heading": b.questions_heading,
            "questions": [
                View({"id": q.id, "to": q.to, "body": prose(q.prose)}) for q in resolved.questions
            ],
            "signatory": b.signatory,
            "figures_as_at": format_day(as_at) if as_at else None,
            "notes": [
                View({"number": n.number, "body": n.body, "id": n.id, "ref_id": n.ref_id})
                for n in resolved.notes
            ],
            "sources": [full_reference(ref) for ref in resolved.sources],
            "changes": [],
            "panels": [],
        }
    )
