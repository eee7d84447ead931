"""Markdown tokens to HTML, with footnotes placed as each medium needs them.

PDF: the note's text sits inline at the call as `<span class="footnote">`, which CSS
floats to the foot of the page (WeasyPrint's `float: footnote`; a list of endnotes
restyled as footnotes does not work). HTML: a superscript link to the notes list.
A figure's note is called after its clause, not at the figure (see resolve.placement).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup, escape

from parlbrief.resolve import Note
from parlbrief.resolve.placement import call_meta
from parlbrief.resolve.prose import citation_meta, figure_meta, markdown


class _Renderer(RendererHTML):
    """markdown-it's HTML renderer plus rules for our citation and figure tokens."""

    def citation(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        meta = citation_meta(tokens[idx])
        call = note_call(meta.get("note"), env)
        # Brackets that are not a citation are reported and stop the build; shown as
        # written wherever prose is rendered without that check.
        return str(escape(tokens[idx].markup) + call if "problem" in meta else call)

    def figure(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        meta = figure_meta(tokens[idx])
        return str(Markup('<span class="figure">{}</span>').format(meta.get("display", "")))

    def figure_call(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        """The note of the figures before it, after their clause (see resolve.placement)."""
        return str(note_call(call_meta(tokens[idx]).get("note"), env))


_RENDERER = _Renderer()


def note_call(number: int | None, env: Mapping[str, Any]) -> Markup:
    """A note's call: the note itself for print, a link to it for the screen; none if None."""
    if number is None:
        return Markup("")
    note: Note = env["notes"][number]
    if env["medium"] == "pdf":
        return Markup('<span class="footnote" id="{}">{}</span>').format(note.id, note.body)
    return Markup('<sup class="fn-call"><a href="#{}" id="{}">{}</a></sup>').format(
        note.id, note.ref_id, escape(str(number))
    )


def render_prose(tokens: list[Token], medium: str, notes: Mapping[int, Note]) -> Markup:
    """Resolved prose as HTML for `medium` ('pdf' or 'html'), notes looked up by number."""
    env = {"medium": medium, "notes": notes}
    return Markup(_RENDERER.render(tokens, markdown().options, env))
