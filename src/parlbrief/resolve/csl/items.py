"""A reference as a CSL item: the CSL-JSON object Zotero exports, one per source.

References read from `sources/references/*.json` are CSL items already. A YAML
reference (`kind: report`, `author:`, `series:` ...) is mapped to one here, its id and
fields unchanged, so both kinds of file cite the same way.
"""

from __future__ import annotations

import re

from parlbrief.load.csl_json import Item
from parlbrief.model import PartialDate, Reference

__all__ = ["Item", "from_reference", "known_as"]

#: YAML kinds and the CSL type each becomes (every kind has one, so that ibid and
#: "(n 3)" follow the style for all). A press release is a document (Zotero's Document
#: is a CSL article) of the kind 'press release'; a written question a hearing of the
#: kind 'written question', which parliament words as OSCOLA cites parliamentary papers.
CSL_TYPE = {
    "report": "report",
    "official statistics": "report",
    "committee report": "report",
    "evidence": "report",
    "case study": "report",
    "dataset": "report",
    "article": "article",
    "web page": "webpage",
    "press release": "article",
    "hansard": "hearing",
    "written question": "hearing",
    "legislation": "legislation",
}
_HOUSES = {"Commons": "HC", "Lords": "HL"}
#: The genre of a hearing that is a written question, not a debate.
WRITTEN_QUESTION = "written question"
#: How a `publisher:` says the source is known only as another reproduced it.
_REPRODUCED = ("as reproduced in ", "reproduced in ")
#: A `series:` that is a paper's number ('HC 2010–12, 519', 'Cm 7656', 'SI 2014/1926').
_PAPER_NUMBER = re.compile(r"^(HC|HL|Cm|Cmnd|Cmd|Cd|C|SI|SSI|Law Com|Scot Law Com) ")
#: Where an item keeps the short name it is known by: a YAML reference's `known_as:`
#: (CSL has no variable for it; the processor ignores this key), or a line of Zotero's
#: Extra field ('Known as: Franks Report'), which Zotero exports as the item's note.
KNOWN_AS = "known-as"
_KNOWN_AS_LINE = re.compile(r"^\s*known[ -]as:\s*(\S.*?)\s*$", re.IGNORECASE | re.MULTILINE)


def from_reference(ref: Reference) -> Item:
    """`ref` as a CSL item."""
    if ref.csl is not None:
        return ref.csl
    kind = CSL_TYPE[ref.kind]
    item: Item = {"id": ref.id, "type": kind, "issued": _date(ref.date)}
    if ref.known_as:
        item[KNOWN_AS] = ref.known_as
    if ref.title:
        item["title"] = ref.title
    if ref.url:
        item["URL"] = ref.url
    if ref.kind == "press release":
        # As parlbrief worded it before: the organisation and the kind, no publisher.
        return {**item, "author": [{"literal": ref.author}], "genre": "press release"}
    if ref.kind == "written question":
        return {**item, **_debate(ref), "genre": WRITTEN_QUESTION, "number": ref.uin}
    if kind == "hearing":
        return {**item, **_debate(ref)}
    authored = {**item, **_authored(ref, kind)}
    if ref.kind == "committee report" and ref.title and "number" not in authored:
        # A committee report keeps its own capitals, as one with a paper number does
        # (parliament.py) and as the guide prints a paper's title ('Building our Common
        # Future', OSCOLA 3.4.3); the style would capitalise each word.
        authored["title"] = f'<span class="nocase">{ref.title}</span>'
    return authored


def known_as(item: Item) -> str | None:
    """The short name the item is known by ('Franks Report'), if it gives one."""
    given = item.get(KNOWN_AS)
    if isinstance(given, str) and given.strip():
        return given.strip()
    found = _KNOWN_AS_LINE.search(str(item.get("note") or ""))
    return found.group(1) if found else None


def _authored(ref: Reference, kind: str) -> Item:
    out: Item = {}
    if kind != "legislation":
        out["author"] = [{"literal": ref.author}]
    if ref.short:
        out["author-short"] = ref.short
    if ref.series:
        paper = _PAPER_NUMBER.match(ref.series)
        out["number" if paper else "genre"] = ref.series
    publisher = ref.publisher if ref.publisher and ref.publisher not in ref.author else None
    if publisher and publisher.startswith(_REPRODUCED):
        # Not a publisher: the source is known only through another (docs/content-model.md),
        # which follows what is known of the original, after a comma.
        out["genre"] = ", ".join(filter(None, [out.get("genre"), publisher]))
    elif publisher:
        out["container-title" if kind == "webpage" else "publisher"] = publisher
    return out


def _debate(ref: Reference) -> Item:
    out: Item = {"authority": _HOUSES.get(ref.house or "", "")}
    if ref.volume:
        out["volume"] = ref.volume
    return out


def _date(value: PartialDate) -> Item:
    parts = [p for p in (value.year, value.month, value.day) if p is not None]
    return {"date-parts": [parts]}
