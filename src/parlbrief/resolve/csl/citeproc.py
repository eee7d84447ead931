"""Notes and a reference list from a CSL style, by Pandoc's citeproc.

Pandoc (the binary `pypandoc-binary` ships, already used for Word) runs once per
briefing: every note goes in as a Pandoc document of footnotes, each holding its
citations, with the CSL-JSON items as the bibliography; the notes come back as HTML.
Pandoc's citeproc passes the CSL test suite's position tests, so "(n 3)" and ibid come
out as the style says (citeproc-py, the pure-Python processor, has neither).
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import html as lxml_html
from markupsafe import Markup

from parlbrief.errors import RenderError
from parlbrief.pandoc import run_pandoc
from parlbrief.resolve.csl.items import Item
from parlbrief.resolve.csl.locator import suffix

#: Characters XML cannot hold: control characters other than tab and line breaks.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
#: The Pandoc document format the JSON below is written in (Pandoc 3.x).
_API_VERSION = [1, 23, 1]


@dataclass(frozen=True)
class Cite:
    """One citation in a note: an item's id, with an optional locator ('para 99')
    and prefix ('see')."""

    id: str
    locator: str = ""
    prefix: str = ""


@dataclass(frozen=True)
class Rendered:
    """Each note's text, in order, and the reference list (empty when the style has
    none)."""

    notes: list[Markup]
    bibliography: list[Markup]
    cites: list[list[Markup]] = field(default_factory=list)
    """A note style's citations one by one, each without the note's closing full stop
    (for a note that words a figure's source inside its own sentence)."""
    entries: dict[str, Markup] = field(default_factory=dict)
    """The reference list's entry for each item, by the item's id."""


def render(items: list[Item], notes: list[list[Cite]], style: Path) -> Rendered:
    """The text of each note in `notes`, by the CSL `style`, citing `items`."""
    if not notes:
        return Rendered([], [])
    document = _document(notes, in_notes=is_note_style(style))
    with tempfile.TemporaryDirectory(prefix="parlbrief-csl-") as scratch:
        refs = Path(scratch, "references.json")
        refs.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        out = _pandoc(json.dumps(document), refs, style)
    return _parse(out, len(notes), in_notes=is_note_style(style))


def is_note_style(style: Path) -> bool:
    """True when the style's citations are footnotes (OSCOLA), not '(Smith 2019)'."""
    head = style.read_text(encoding="utf-8")[:2000]
    return 'class="note"' in head


def _pandoc(document: str, refs: Path, style: Path) -> str:
    # Sandboxed (parlbrief.pandoc): a project's .csl file cannot make Pandoc fetch a
    # parent style or a locale from the web.
    args = ["-f", "json", "-t", "html5", "--wrap=none"]
    args += ["--citeproc", "--csl", str(style), "--bibliography", str(refs)]
    args += ["-M", "lang=en-GB", "-M", "link-citations=false"]
    return run_pandoc(args, document, doing="write the notes").decode("utf-8")


def _document(notes: list[list[Cite]], *, in_notes: bool) -> dict[str, Any]:
    """One paragraph per note, each citation its own so that its text can be told
    apart: a note style's in a footnote, an author-date style's in the paragraph
    (joined again as '(Smith, 2019; Robinson, 2020)')."""
    blocks = []
    for number, cites in enumerate(notes, start=1):
        each = [_cite([cite], number if in_notes else 0) for cite in cites]
        if in_notes:
            inlines = [{"t": "Note", "c": [{"t": "Para", "c": _spaced(each)}]}]
        else:
            inlines = [{"t": "Space"}, *_spaced(each)] if each else []
        blocks.append({"t": "Para", "c": [{"t": "Str", "c": f"N{number}"}, *inlines]})
    return {"pandoc-api-version": _API_VERSION, "meta": {}, "blocks": blocks}


def _spaced(inlines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for inline in inlines:
        out += [{"t": "Space"}, inline] if out else [inline]
    return out


def _cite(cites: list[Cite], note: int) -> dict[str, Any]:
    citations = [
        {
            "citationId": cite.id,
            "citationPrefix": _words(cite.prefix),
            "citationSuffix": suffix(cite.locator, in_notes=note > 0),
            "citationMode": {"t": "NormalCitation"},
            "citationNoteNum": note,
            "citationHash": 0,
        }
        for cite in cites
    ]
    return {"t": "Cite", "c": [citations, []]}


def _words(text: str) -> list[dict[str, Any]]:
    """Text as Pandoc inlines."""
    out: list[dict[str, Any]] = []
    for word in text.split():
        if out:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def _parse(out: str, count: int, *, in_notes: bool) -> Rendered:
    # A control character typed in a pinpoint comes back as Pandoc was given it; XML
    # (and so lxml) has no place for one, and a reader would not see it.
    root = lxml_html.fromstring(f"<div>{_NOT_XML.sub('', out)}</div>")
    found = root.xpath("//div[@id='refs']/div")
    bibliography = [_inner(entry) for entry in found]
    entries = {
        str(div.get("id", "")).removeprefix("ref-"): text
        for div, text in zip(found, bibliography, strict=True)
    }
    for refs in root.xpath("//div[@id='refs']"):
        refs.getparent().remove(refs)
    if not in_notes:
        cites = [_bare(p) for p in root.xpath("./p")]
        _check_count(cites, count)
        notes = [Markup("(") + Markup("; ").join(each) + Markup(")") if each else Markup("")
                 for each in cites]  # fmt: skip
        return Rendered(notes, bibliography, cites, entries)
    cites = [_each(p) for p in root.xpath("//section[@id='footnotes']//li/p")]
    _check_count(cites, count)
    notes = [Markup("; ").join(each) + Markup(".") if each else Markup("") for each in cites]
    return Rendered(notes, bibliography, cites, entries)


def _check_count(notes: list[Any], count: int) -> None:
    if len(notes) != count:
        raise RenderError(f"Pandoc wrote {len(notes)} notes for {count} citations")


def _each(note: Any) -> list[Markup]:
    """A note's citations, each bare: Pandoc ends a note's first citation with the
    style's full stop and brackets the others ('(see Smith (n 1) 5)')."""
    texts = [_inner(span) for span in note.xpath("./span[@class='citation']")]
    bare = [texts[0].removesuffix(".")] if texts else []
    for text in texts[1:]:
        inside = text.startswith("(") and text.endswith(")")
        bare.append(Markup(text[1:-1]) if inside else text)
    return [Markup(text) for text in bare]


def _bare(paragraph: Any) -> list[Markup]:
    """An author-date note's citations, each without its brackets ('Smith, 2019')."""
    texts = [_inner(span) for span in paragraph.xpath("./span[@class='citation']")]
    return [Markup(t[1:-1]) if t.startswith("(") and t.endswith(")") else t for t in texts]


def _inner(element: Any) -> Markup:
    """An element's content as HTML, without Pandoc's back-link to the call."""
    for back in element.xpath(".//a[contains(@class, 'footnote-back')]"):
        back.drop_tree()
    # Pandoc wraps each citation and each formatted run in spans that carry nothing
    # a reader sees, and marks a name in lower case 'nocase' (to keep its case): the note
    # keeps only <i>, <a> and the like. Kept, the 'nocase' span parted 'parlbrief example
    # project' from its comma for a reader that takes the note element by element.
    for span in element.xpath(".//span[not(@class) or @class='citation' or @class='nocase']"):
        span.drop_tag()
    text = (element.text or "") and Markup.escape(element.text)
    parts = [Markup(text)]
    parts += [Markup(lxml_html.tostring(child, encoding="unicode")) for child in element]
    return Markup("").join(parts).strip()
