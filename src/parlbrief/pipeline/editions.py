"""Editions: a briefing's number and "last updated" date move only when it is published.

The House of Commons Library dates a briefing by its last significant amendment *as
published*. parlbrief does the same. `parlbrief build` makes drafts and never records an
edition; `parlbrief publish` records one (see parlbrief.pipeline.publish) and keeps the
exact PDF and HTML that went out under published/. An edition records a hash of what
the briefing *says* (its own file, the arguments, questions, statistics, references and
data rows it uses), item by item, and each figure as printed, so that a later draft or
edition can say what changed since. A new template, stylesheet, brand or parlbrief
version changes how a briefing looks, not what it says.

History lives in the project, one file per briefing: `editions/<id>.json` (a variant's
in `editions/<id>/<variant>.json`). It is committed with the project, like published/,
rather than kept in build/, which is git-ignored and may be wiped.

A draft compared with its last published edition is *unchanged* when their content
hashes are equal under the same hashing scheme. An edition hashed under scheme 1 is
compared with the draft hashed as scheme 1 hashed it (parlbrief.pipeline.old_schemes),
so an upgrade alone marks nothing Draft. A briefing never published, or whose last
edition cannot be compared, counts as changed: a Draft mark that is not needed does
less harm than one that is missing.

Format 1 files were written by builds, before publishing existed. They are read as
published editions (they were what users had), keeping every number, date and change;
the next write (a publish, or `migrate_history`) saves them as format 2, keeping the
format 1 document whole under "migrations".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from parlbrief.atomic import cannot_write, write_bytes
from parlbrief.errors import ContentError, Origin, Problem
from parlbrief.pipeline.json_files import Unreadable, integer, read_json, reading
from parlbrief.pipeline.manifest import (
    CONTENT_KINDS,
    changed_items,
    content_hash,
    content_inputs,
    figure_values,
)
from parlbrief.pipeline.old_schemes import scheme_1_hashes
from parlbrief.resolve import ResolvedBriefing

FOLDER = "editions"
FORMAT = 2
#: How content is hashed. 1: every field of every item; 2: fields at their default value
#: and presentation fields (show_changes, draft_mark) left out, so that a parlbrief that
#: adds an optional field does not make every briefing differ from what was published.
SCHEME = 2
#: The highest edition number read (its kept copies are named after it).
MAX_EDITION = 1_000_000
ABOUT = (
    "Published editions of this briefing, recorded by parlbrief publish (the PDF and "
    "HTML of each are kept under published/). Keep this file under version control."
)
MIGRATION_ABOUT = (
    "Format 1 recorded an edition whenever a build found the content changed. Each of "
    "those editions is kept here as published, with its number, date and changes; no "
    "PDF or HTML was kept for them. The format 1 file is kept whole under 'previous'."
)


@dataclass(frozen=True)
class Change:
    """One figure that changed between two editions, as printed."""

    id: str
    label: str
    old: str | None
    new: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Edition:
    """One published edition: its number, date, what it says and what changed."""

    number: int
    date: date
    content: str
    """Hash of everything the briefing says."""
    items: dict[str, str] = field(default_factory=dict)
    """Per-item content hashes ('statistic po-vacancies' -> hash), to say what changed."""
    figures: dict[str, dict[str, str]] = field(default_factory=dict)
    """Statistic id -> {label, value as printed}."""
    changed: list[str] = field(default_factory=list)
    """Items changed since the previous edition, e.g. 'statistic po-vacancies changed'."""
    changes: list[Change] = field(default_factory=list)
    """Figures changed since the previous edition, old value to new."""
    scheme: int = SCHEME
    note: str | None = None
    """What the person publishing said about it (`publish --note`)."""
    files: dict[str, str] = field(default_factory=dict)
    """Format -> the kept copy, relative to the project ('published/<id>/edition-2.pdf');
    empty for editions recorded by builds before publishing existed."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "edition": self.number,
            "date": self.date.isoformat(),
            "note": self.note,
            "files": dict(sorted(self.files.items())),
            "content": self.content,
            "scheme": self.scheme,
            "changed": self.changed,
            "changes": [c.as_dict() for c in self.changes],
            "figures": self.figures,
            "items": self.items,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Edition:
        note = data.get("note")
        return cls(
            number=integer(data["edition"], "edition number", 1, MAX_EDITION),
            date=date.fromisoformat(str(data["date"])),
            content=str(data["content"]),
            items={str(k): str(v) for k, v in data.get("items", {}).items()},
            figures={
                str(k): {"label": str(v["label"]), "value": str(v["value"])}
                for k, v in data.get("figures", {}).items()
            },
            changed=[str(c) for c in data.get("changed", [])],
            changes=[
                Change(str(c["id"]), str(c["label"]), c.get("old"), c.get("new"))
                for c in data.get("changes", [])
            ],
            scheme=integer(data.get("scheme", 0), "scheme", 0, 1000),
            note=None if note is None else str(note),
            files={str(k): str(v) for k, v in data.get("files", {}).items()},
        )


@dataclass
class History:
    """The published editions of one output, oldest first, and how the file came to be."""

    key: str
    editions: list[Edition] = field(default_factory=list)
    migrations: list[dict[str, Any]] = field(default_factory=list)
    """One record per format upgrade: from_format, on, about, and the previous document."""
    stored_format: int = FORMAT
    """The format the file was in when read (FORMAT for a new history)."""

    @property
    def latest(self) -> Edition | None:
        return self.editions[-1] if self.editions else None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": FORMAT, "briefing": self.key, "about": ABOUT}
        data["editions"] = [e.as_dict() for e in self.editions]
        if self.migrations:
            data["migrations"] = self.migrations
        return data


def history_path(root: Path, key: str) -> Path:
    """editions/<id>.json, or editions/<id>/<variant>.json for a variant."""
    return root / FOLDER / f"{key}.json"


def published_keys(root: Path, key: str) -> list[str]:
    """The outputs of `key` with a history: itself, or each of its variants."""
    if history_path(root, key).is_file():
        return [key]
    folder = root / FOLDER / key
    if "/" in key or not folder.is_dir():
        return []
    return sorted(f"{key}/{p.stem}" for p in folder.glob("*.json") if p.is_file())


def published_path(root: Path, key: str, number: int, fmt: str) -> Path:
    """published/<id>/edition-<n>.<fmt>, or published/<id>/<variant>/edition-<n>.<fmt>."""
    return root / "published" / key / f"edition-{number}.{fmt}"


def load_history(root: Path, key: str, on: date) -> History:
    """The published editions of `key` (a format 1 file migrated as of `on`, in memory).

    Raises ContentError, naming the file, if it cannot be read.
    """
    path = history_path(root, key)
    if not path.is_file():
        return History(key)
    try:
        data = read_json(path)
        with reading():
            return _from_document(key, data, on)
    except OSError as exc:
        raise _unreadable(root, path, Unreadable(exc.strerror or str(exc))) from None
    except Unreadable as exc:
        raise _unreadable(root, path, exc) from None


def _unreadable(root: Path, path: Path, exc: Unreadable) -> ContentError:
    rel = path.relative_to(root).as_posix()
    return ContentError(
        [
            Problem(
                Origin(rel, exc.line),
                f"the edition history could not be read: {exc.why} - restore it from "
                "version control (with published/, which holds the copies it lists)",
            )
        ]
    )


def read_history(root: Path, key: str, on: date | None = None) -> list[Edition]:
    """Every published edition of `key`, oldest first; raises ContentError if unreadable."""
    return load_history(root, key, on or date.min).editions


def _from_document(key: str, data: Mapping[str, Any], on: date) -> History:
    stored = data["format"]
    if stored == FORMAT:
        editions = [Edition.from_dict(item) for item in data["editions"]]
        return History(key, editions, list(data.get("migrations", [])), FORMAT)
    if stored == 1:
        return migrate(key, data, on)
    raise ValueError(
        f"format {str(stored)[:40]!r} is not one this parlbrief reads (it reads 1 and {FORMAT}): "
        "a newer parlbrief wrote it, so upgrade parlbrief"
    )


def migrate(key: str, data: Mapping[str, Any], on: date) -> History:
    """A format 1 document as a format 2 history: every edition kept, as published."""
    editions = [Edition.from_dict(item) for item in data["editions"]]
    record = {"from_format": 1, "on": on.isoformat(), "about": MIGRATION_ABOUT}
    return History(key, editions, [record | {"previous": dict(data)}], stored_format=1)


def write_history(root: Path, history: History) -> None:
    """Write the history atomically (in the current format)."""
    text = json.dumps(history.as_dict(), indent=1, ensure_ascii=False) + "\n"
    path = history_path(root, history.key)
    try:
        write_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise cannot_write(path, exc) from None


def migrate_history(root: Path, on: date) -> list[str]:
    """Save every format 1 history under editions/ as format 2; return the keys saved."""
    folder = root / FOLDER
    keys = sorted(p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.json"))
    saved = []
    for key in keys:
        history = load_history(root, key, on)
        if history.stored_format != FORMAT:
            write_history(root, history)
            saved.append(key)
    return saved


def figures_of(resolved: ResolvedBriefing) -> dict[str, dict[str, str]]:
    """Each statistic the briefing prints: its label and value as printed."""
    printed = figure_values(resolved)
    labels = {s.id: s.label for s in resolved.statistics}
    # Worked-out figures carry the label as printed (a variant's name filled in).
    labels |= {sid: str(getattr(f, "label", "")) for sid, f in resolved.figures.items()}
    return {sid: {"label": labels.get(sid, sid), "value": printed[sid]} for sid in sorted(printed)}


def edition_items(resolved: ResolvedBriefing) -> dict[str, str]:
    """What the briefing says, item by item, hashed under SCHEME."""
    inputs = content_inputs(resolved, lean=True)
    return {k: v for k, v in inputs.items() if k.split(" ", 1)[0] in CONTENT_KINDS}


@dataclass(frozen=True)
class Compared:
    """A briefing as it is now, beside its last published edition."""

    latest: Edition | None
    items: dict[str, str]
    content: str
    figures: dict[str, dict[str, str]]
    briefing_date: date
    alike_then: bool = False
    """Its last edition was hashed by an earlier parlbrief, and hashing it now as that
    parlbrief did gives the same hash (see parlbrief.pipeline.old_schemes)."""

    @property
    def unchanged(self) -> bool:
        """It says what its last published edition said (see the module's docstring)."""
        latest = self.latest
        if latest is None:
            return False
        return self.alike_then or (latest.scheme == SCHEME and latest.content == self.content)

    def changes(self) -> list[Change]:
        """Figures changed since the last published edition."""
        return _changed_figures(self.latest.figures, self.figures) if self.latest else []


def compare(history: History, resolved: ResolvedBriefing) -> Compared:
    items = edition_items(resolved)
    latest = history.latest
    alike = latest is not None and latest.scheme == 1
    alike = alike and latest is not None and latest.content in scheme_1_hashes(resolved)
    return Compared(
        latest,
        items,
        content_hash(items),
        figures_of(resolved),
        resolved.briefing.date,
        alike_then=alike,
    )


def next_edition(compared: Compared, on: date, note: str | None) -> Edition:
    """The edition that publishing now records, dated `on`."""
    latest = compared.latest
    if latest is None:
        return Edition(1, on, compared.content, compared.items, compared.figures, note=note)
    # Items hashed under another scheme cannot be compared; figures as printed can.
    changed = changed_items(latest.items, compared.items) if latest.scheme == SCHEME else []
    return Edition(
        number=latest.number + 1,
        date=on,
        content=compared.content,
        items=compared.items,
        figures=compared.figures,
        changed=changed,
        changes=compared.changes(),
        note=note,
    )


def kept(edition: Edition, files: Mapping[str, str]) -> Edition:
    """The edition with the paths of its kept copies."""
    return replace(edition, files=dict(files))


def _changed_figures(
    old: Mapping[str, Mapping[str, str]], new: Mapping[str, Mapping[str, str]]
) -> list[Change]:
    """Figures whose printed value differs, in label order (added and removed too)."""
    changes = []
    for sid in set(old) | set(new):
        before, after = old.get(sid), new.get(sid)
        old_value = before["value"] if before else None
        new_value = after["value"] if after else None
        if old_value != new_value:
            label = (after or before or {}).get("label", sid)
            changes.append(Change(sid, label, old_value, new_value))
    return sorted(changes, key=lambda c: (c.label, c.id))
