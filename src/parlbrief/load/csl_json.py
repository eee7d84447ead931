"""References as Zotero exports them: `sources/references/*.json`, CSL-JSON.

A Zotero library exported as "CSL JSON" (or kept in sync by Better BibTeX's automatic
export) is read as it is: an array of CSL items, each with an `id` and a `type`. Each
item's line is kept so a message can say `refs.json:12: ...`. Fields CSL does not know
(Zotero writes a few) are kept and ignored; what parlbrief cannot use is reported, with
what to do, and the item left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parlbrief.errors import Origin, Problems
from parlbrief.load.files import RESERVED, reserved_message, reserved_problems

#: One CSL-JSON item: `id`, `type` and CSL's variables ('title', 'author', 'issued').
Item = dict[str, Any]

#: A Zotero library of a few thousand items is a few megabytes; more is a mistake.
MAX_BYTES = 20_000_000

#: The item types of CSL 1.0.2 (https://docs.citationstyles.org/en/stable/specification.html).
_TYPE_NAMES = """
    article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia event
    figure graphic hearing interview legal_case legislation manuscript map motion_picture
    musical_score pamphlet paper-conference patent performance periodical
    personal_communication post post-weblog regulation report review review-book
    software song speech standard thesis treaty webpage
"""
CSL_TYPES = frozenset(_TYPE_NAMES.split())
_NAME_FIELDS = ("author", "editor", "translator", "container-author", "collection-editor")
_DATE_FIELDS = ("issued", "accessed", "event-date", "original-date", "submitted")
_TO_DO = "fix it in Zotero and export again, or in the file"


@dataclass(frozen=True)
class LocatedItem:
    """A CSL item and where it was written."""

    item: Item
    origin: Origin


def read_csl_json(path: Path, shown: str, problems: Problems) -> list[LocatedItem]:
    """The items of the CSL-JSON file at `path` (`shown` in messages); each item that
    cannot be used is reported and left out."""
    text = read_text(path, shown, problems)
    if text is None:
        return []
    located = _items(text, shown, problems)
    return [item for item in located if usable(item, problems)]


def read_text(path: Path, shown: str, problems: Problems) -> str | None:
    """The file's text; None, reported, if it is too big or cannot be read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            size = f"more than {MAX_BYTES // 1_000_000} MB"
            problems.error(Origin(shown, 1), f"is too big ({size}) - export fewer references")
            return None
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.error(Origin(shown, 1), f"cannot be read ({exc}) - export it again as UTF-8")
        return None
    reserved = reserved_problems(text, shown) if RESERVED.search(text) else []
    problems.extend(reserved)
    return None if reserved else text


def _items(text: str, shown: str, problems: Problems) -> list[LocatedItem]:
    """Each element of the top-level array, with the line it starts on."""
    decoder, out = json.JSONDecoder(), list[LocatedItem]()
    start = _skip(text, 0)
    if not text.startswith("[", start):
        problems.error(Origin(shown, 1), "is not a list of references in CSL JSON - in Zotero,"
                       " export the collection with the format 'CSL JSON'")  # fmt: skip
        return []
    at = _skip(text, start + 1)
    while at < len(text) and text[at] != "]":
        try:
            value, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            where = Origin(shown, exc.lineno, exc.colno)
            problems.error(where, f"is not valid JSON here ({exc.msg}) - export it again")
            return out
        out.append(LocatedItem(value, Origin(shown, text.count("\n", 0, at) + 1)))
        at = _skip(text, end)
        at = _skip(text, at + 1) if text.startswith(",", at) else at
    return out


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def usable(located: LocatedItem, problems: Problems) -> bool:
    """True when the item can be cited; otherwise each fault is reported."""
    faults = _faults(located.item)
    for fault in faults:
        problems.error(located.origin, fault)
    return not faults


def _faults(item: Any) -> list[str]:
    if not isinstance(item, dict):
        return [f"is not a reference (a {{...}} object) - {_TO_DO}"]
    name = f"reference '{item['id']}'" if isinstance(item.get("id"), str | int) else "a reference"
    faults = []
    if not isinstance(item.get("id"), str | int) or str(item.get("id")).strip() == "":
        faults.append(f"{name} has no id - give it a citation key (Better BibTeX does this)")
    if item.get("type") not in CSL_TYPES:
        faults.append(f"{name}: type {item.get('type')!r} is not a CSL type - {_TO_DO}")
    faults += [f"{name}: {fault} - {_TO_DO}" for fault in _field_faults(item)]
    # Written as an escape ("\\ue000" in JSON, a command in BibTeX): the file's own
    # text was looked at when it was read.
    reserved = next((found for text in _strings(item) if (found := RESERVED.search(text))), None)
    if reserved is not None:
        faults.append(f"{name}: {reserved_message(reserved.group())}")
    return faults


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, at any depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for part in value.values():
            yield from _strings(part)
    elif isinstance(value, list):
        for part in value:
            yield from _strings(part)


def _field_faults(item: Item) -> list[str]:
    faults = [f"{key} should be a list of names" for key in _NAME_FIELDS
              if key in item and not _names(item[key])]  # fmt: skip
    faults += [f"{key} should be a date with date-parts, such as [[2024, 3, 12]]"
               for key in _DATE_FIELDS if key in item and not _date(item[key])]  # fmt: skip
    url = item.get("URL")
    if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
        faults.append("URL should be a web address starting https:// or http://")
    return faults


def _names(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(name, dict) and all(isinstance(part, str) for part in name.values())
        for name in value
    )


def _date(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    if "date-parts" not in value:
        return isinstance(value.get("raw", value.get("literal")), str)
    parts = value["date-parts"]
    return (
        isinstance(parts, list) and 1 <= len(parts) <= 2 and all(_date_part(part) for part in parts)
    )


def _date_part(part: Any) -> bool:
    if not isinstance(part, list) or not 1 <= len(part) <= 3:
        return False
    return all(isinstance(p, int) or (isinstance(p, str) and p.isdigit()) for p in part)
