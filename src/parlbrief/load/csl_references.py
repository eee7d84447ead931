"""A Zotero export in `sources/references/*.json` (or a BibTeX library, `*.bib`) as
references a briefing can cite.

Each CSL item becomes a Reference with its id (what `[@id]` cites), so that the rest of
parlbrief (unknown ids, stored copies, the sources list, the figures stamp) treats it as
any reference; its notes are worded from the CSL item itself, kept in its `csl` with
every field Zotero gave (and so part of what a build records of it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parlbrief.errors import Problems
from parlbrief.load.bibtex import read_bibtex
from parlbrief.load.csl_json import Item, LocatedItem, read_csl_json
from parlbrief.load.files import list_files
from parlbrief.model import PartialDate, Reference

#: The kind of reference each CSL type is, for what parlbrief does besides the notes.
_KINDS = {
    "article-journal": "article", "article-magazine": "article",
    "article-newspaper": "article", "article": "article", "webpage": "web page",
    "post-weblog": "web page", "hearing": "hansard", "bill": "legislation",
    "legislation": "legislation", "regulation": "legislation", "dataset": "dataset",
}  # fmt: skip


def read_csl_references(
    folder: Path, root: Path, known: dict[str, Reference], problems: Problems
) -> None:
    """Add the CSL items of every `*.json` under `folder` to `known` as References (an
    id already used is reported at its line and left out)."""
    for path in list_files(folder, root, "*.json", "*.bib"):
        read = read_bibtex if path.suffix == ".bib" else read_csl_json
        for located in read(path, path.relative_to(root).as_posix(), problems):
            ref = as_reference(located)
            earlier = known.get(ref.id)
            if earlier is not None:
                problems.error(
                    located.origin,
                    f"the id '{ref.id}' is already used at {earlier.origin} - rename one",
                )
                continue
            known[ref.id] = ref


def as_reference(located: LocatedItem) -> Reference:
    """The item as a Reference: its authors, title, date and address."""
    item = located.item
    names = item.get("author") or item.get("editor") or []
    fields: dict[str, Any] = {
        "id": str(item["id"]).strip(),
        "kind": _KINDS.get(str(item.get("type")), "report"),
        "author": " and ".join(_name(n) for n in names) or str(item.get("authority", "")),
        "title": item.get("title"),
        "date": _date(item),
        "publisher": item.get("publisher") or item.get("container-title"),
        "url": item.get("URL"),
        "short": _short(names),
        "csl": {**item, "id": str(item["id"]).strip()},
        "origin": located.origin,
    }
    # Checked as CSL (load.csl_json): a YAML kind's own fields (a debate's volume) are
    # not asked of it, so it is made as it is.
    return Reference.model_construct(**fields)


def _name(name: dict[str, str]) -> str:
    return name.get("literal") or " ".join(filter(None, (name.get("given"), name.get("family"))))


def _short(names: list[dict[str, str]]) -> str | None:
    shorts = [n.get("family") or n.get("literal") or "" for n in names[:2]]
    return " and ".join(s for s in shorts if s) or None


def _date(item: Item) -> PartialDate:
    """The item's date; its year only if that is all it gives, 1900 if none (unprinted:
    the notes come from the item, which has none)."""
    parts = ((item.get("issued") or {}).get("date-parts") or [[]])[0]
    numbers = [int(p) for p in parts][:3]
    if not numbers:
        return PartialDate(1900)
    return PartialDate(*numbers)
