"""The prose pipeline in memory (parse, resolve, police, render) for properties and fuzzing.

`run_prose` takes Markdown as a press officer might write it and returns the HTML for
both media and the problems found; `unsafe_html` lists whatever in that HTML could run
script, load something or link somewhere it should not.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

from parlbrief.errors import Problems
from parlbrief.load import Corpus
from parlbrief.model import Brand, Briefing, PartialDate, Reference, Section, Statistic
from parlbrief.render.prose_html import render_prose
from parlbrief.resolve import resolve_briefing
from parlbrief.resolve.safety import link_refusal

#: Tags the Markdown renderer and the footnote rules may produce; anything else came
#: from the input and must not be there.
ALLOWED_TAGS = frozenset(
    [
        "p",
        "i",
        "em",
        "strong",
        "a",
        "img",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "code",
        "pre",
        "hr",
        "br",
        "span",
        "sup",
        "s",
        "del",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ]
)
ALLOWED_ATTRS = frozenset({"href", "src", "alt", "title", "class", "id", "start", "style"})


def corpus_for_prose(assets: Path | None = None) -> Corpus:
    """One reference, one statistic and a brand: enough for citations and figures."""
    corpus = Corpus(assets=assets)
    corpus.references["ref-a"] = Reference(
        id="ref-a", kind="report", author="Napo", title="A report", date=PartialDate(2020)
    )
    corpus.statistics["stat-a"] = Statistic(
        id="stat-a",
        label="Officers",
        kind="count",
        as_of=date(2022, 6, 30),
        value=Decimal(4542),
        source="ref-a",
    )
    corpus.brands["default"] = Brand(id="default", name="Napo")
    return corpus


def run_prose(text: str, corpus: Corpus) -> tuple[list[str], Problems]:
    """The section's HTML for PDF and for the screen, and every problem reported."""
    problems = Problems()
    briefing = Briefing(
        id="b", series="Briefing 1", title="T", date=date(2026, 1, 1), sections=[Section(text=text)]
    )
    resolved = resolve_briefing(corpus, briefing, problems)
    notes = {note.number: note for note in resolved.notes}
    html = [
        str(render_prose(section.prose.tokens, medium, notes))
        for medium in ("pdf", "html")
        for section in resolved.sections
    ]
    return html, problems


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name not in ALLOWED_ATTRS:
                self.found.append(f"<{tag} {name}=...>")
            elif name == "href" and link_refusal(value) is not None:
                self.found.append(f"href={value!r}")
            elif name == "src" and not value.startswith("data:image/"):
                self.found.append(f"src={value!r}")
            elif name == "style" and tag != "span":
                self.found.append(f"<{tag} style>")


def unsafe_html(html: str) -> list[str]:
    """Every tag, attribute, link or source in `html` that prose must never produce."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.found
