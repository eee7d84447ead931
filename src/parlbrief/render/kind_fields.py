"""What the kinds of document (parlbrief.document_kinds) add to a briefing's template
data, and which template and stylesheet lay a briefing out.

Every kind gets every field; a template uses the ones it needs:

- `template`          the kind ('briefing', 'evidence' ...)
- `max_pages`         the most pages its PDF may run to (base.html.j2 declares it)
- `summary_points`    the summary as points: a list's items, or each paragraph
- `about`             evidence's introduction about the organisation
- `recommendations`   the id of the section headed "Recommendations", or None
- `ask`               a one-pager's ask, as typed
- `recipient`         a letter's recipient: name, title, full_name, constituency,
                      salutation, close
- `illustrative`      the briefing is an example, not to be sent (`illustrative: true`)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from parlbrief.document_kinds import document_kind
from parlbrief.document_kinds.evidence import about_text, recommendations_id
from parlbrief.document_kinds.letter import addressee
from parlbrief.render.prose_html import render_prose
from parlbrief.resolve import Note, ResolvedBriefing


def kind_template(resolved: ResolvedBriefing) -> str:
    """The template that lays this briefing out: '<kind>.html.j2'."""
    return document_kind(resolved.briefing.template).template


def kind_css(template_dirs: tuple[Path, ...], kind: str) -> str:
    """The first `<kind>.css` on the template path ('' if none), added after briefing.css
    (which is itself the stylesheet of the kind 'briefing', so never added twice)."""
    name = document_kind(kind).stylesheet
    if name is None:
        return ""
    for folder in template_dirs:
        path = folder / name
        if path.is_file():
            return "\n" + path.read_text(encoding="utf-8")
    return ""


def kind_fields(
    resolved: ResolvedBriefing, medium: str, notes: Mapping[int, Note]
) -> dict[str, Any]:
    """The fields the kinds of document add to `briefing` in a template."""
    b = resolved.briefing
    kind = document_kind(b.template)
    to = addressee(b.recipient, resolved.variant.row if resolved.variant else None)
    summary = resolved.summary
    return {
        "template": b.template,
        "max_pages": kind.max_pages,
        "summary_points": (
            [render_prose(p, medium, notes) for p in points(summary.tokens)] if summary else []
        ),
        "about": about_text(b, resolved.brand),
        "recommendations": recommendations_id(resolved),
        "ask": b.ask,
        "recipient": {
            "name": to.name,
            "title": to.title,
            "full_name": to.full_name,
            "constituency": to.constituency,
            "salutation": to.salutation,
            "close": to.close,
        },
        "address": resolved.brand.address,
        "illustrative": b.illustrative,
    }


def points(tokens: list[Token]) -> list[list[Token]]:
    """Top-level blocks of Markdown as points: each item of a list, each paragraph's
    text (without its <p>), and any other block whole."""
    found: list[list[Token]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        end = _closing(tokens, i)
        if token.type == "paragraph_open":
            found.append(tokens[i + 1 : end])
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            j = i + 1
            while j < end:
                item_end = _closing(tokens, j)
                found.append(tokens[j + 1 : item_end])
                j = item_end + 1
        else:
            found.append(tokens[i : end + 1])
        i = end + 1
    return found


def _closing(tokens: Sequence[Token], start: int) -> int:
    """The index of the token that closes the one at `start` (itself if it opens none)."""
    if tokens[start].nesting != 1:
        return start
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1
