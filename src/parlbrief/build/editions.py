"""Editions: a briefing's number and "last updated" date move only when its content does.

The House of Commons Library dates a briefing by its last significant amendment, not by
the day it was last printed. parlbrief does the same: each build hashes what a briefing
*says* (its own file, the arguments, questions, statistics and references it uses) and,
when that hash differs from the latest edition's, records a new edition. A new template,
stylesheet, brand or parlbrief version changes how a briefing looks, not what it says,
and is not a new edition.

History lives in the project, one file per briefing: `editions/<id>.json` (a variant's
in `editions/<id>/<variant>.json`). It is committed with the project rather than kept
in build/, which is git-ignored and may be wiped: the edition number printed on a
briefing that went to an MP's office must not go back to 1.

Dates: edition 1 is dated by the briefing's own `date`. A later edition is dated the
day the build noticed the change (the run's day: see parlbrief.clock), or the
briefing's `date` if that is later (a briefing prepared in advance). The date is
stored, so rebuilding unchanged content prints the same date and makes the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from parlbrief.atomic import cannot_write, write_bytes
from parlbrief.build.manifest import changed_items, digest, figure_values
from parlbrief.errors import ContentError, Origin, Problem
from parlbrief.resolve import ResolvedBriefing

FOLDER = "editions"
FORMAT = 1
#: How content is hashed. When a new parlbrief hashes differently, the latest edition
#: is re-baselined under the new scheme rather than counted as a new edition (a
#: content change made in the same build as the upgrade is then not noticed).
SCHEME = 1


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
    """One edition of a briefing: its number, date, what it says and what changed."""

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

    def as_dict(self) -> dict[str, Any]:
        return {
            "edition": self.number,
            "date": self.date.isoformat(),
            "content": self.content,
            "scheme": self.scheme,
            "changed": self.changed,
            "changes": [c.as_dict() for c in self.changes],
            "figures": self.figures,
            "items": self.items,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Edition:
        return cls(
            number=int(data["edition"]),
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
            scheme=int(data.get("scheme", 0)),
        )

    def view(self) -> dict[str, Any]:
        """What templates see: briefing.edition, .last_updated(_iso), .changes."""
        from parlbrief.resolve.formatting import format_day

        return {
            "edition": self.number,
            "last_updated": format_day(self.date),
            "last_updated_iso": self.date.isoformat(),
            "changes": [
                {"label": c.label, "old": c.old or "–", "new": c.new or "–"} for c in self.changes
            ],
        }

    def stamp(self) -> str:
        """A hash of what the edition adds to a page (for the build manifest)."""
        return digest(json.dumps(self.view(), sort_keys=True).encode("utf-8"))


def history_path(root: Path, key: str) -> Path:
    """editions/<id>.json, or editions/<id>/<variant>.json for a variant."""
    return root / FOLDER / f"{key}.json"


def read_history(root: Path, key: str) -> list[Edition]:
    """Every recorded edition of `key`, oldest first; raises ContentError if unreadable."""
    path = history_path(root, key)
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Edition.from_dict(item) for item in data["editions"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        rel = path.relative_to(root).as_posix()
        raise ContentError(
            [
                Problem(
                    Origin(rel),
                    f"the edition history could not be read ({exc}) - restore it from "
                    "version control, or delete it to start again at edition 1",
                )
            ]
        ) from exc


def write_history(root: Path, key: str, editions: list[Edition]) -> None:
    data = {
        "format": FORMAT,
        "briefing": key,
        "about": "Editions of this briefing, written by parlbrief build when what it says "
        "changes. Keep this file under version control.",
        "editions": [e.as_dict() for e in editions],
    }
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    path = history_path(root, key)
    try:
        write_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise cannot_write(path, exc) from None


def figures_of(resolved: ResolvedBriefing) -> dict[str, dict[str, str]]:
    """Each statistic the briefing prints: its label and value as printed."""
    printed = figure_values(resolved)
    labels = {s.id: s.label for s in resolved.statistics}
    # Worked-out figures carry the label as printed (a variant's name filled in).
    labels |= {sid: str(getattr(f, "label", "")) for sid, f in _figures(resolved).items()}
    return {sid: {"label": labels.get(sid, sid), "value": printed[sid]} for sid in sorted(printed)}


def _figures(resolved: ResolvedBriefing) -> dict[str, object]:
    figures = getattr(resolved, "figures", None)
    return dict(figures) if isinstance(figures, dict) else {}


def content_hash(items: Mapping[str, str]) -> str:
    return digest(json.dumps(dict(sorted(items.items()))).encode("utf-8"))


def next_edition(
    history: list[Edition],
    resolved: ResolvedBriefing,
    items: Mapping[str, str],
    on: date,
) -> Edition | None:
    """The edition to record now, or None when the content is that of the latest one."""
    content = content_hash(items)
    latest = history[-1] if history else None
    if latest is not None and latest.content == content:
        return None
    figures = figures_of(resolved)
    briefing_date = resolved.briefing.date
    if latest is None:
        return Edition(1, briefing_date, content, dict(items), figures)
    return Edition(
        number=latest.number + 1,
        date=max(on, briefing_date, latest.date),
        content=content,
        items=dict(items),
        figures=figures,
        changed=changed_items(latest.items, items),
        changes=_changed_figures(latest.figures, figures),
    )


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


def record(
    root: Path,
    key: str,
    resolved: ResolvedBriefing,
    items: Mapping[str, str],
    *,
    on: date,
    save: bool = True,
) -> tuple[Edition, bool]:
    """The current edition of `key`, recording a new one if its content changed.

    Returns the edition and whether it is new. With `save=False` a new edition is
    returned but not written (for builds that must not touch the project).
    """
    history = read_history(root, key)
    if history and history[-1].scheme != SCHEME:
        rebased = replace(history[-1], content=content_hash(items), items=dict(items))
        history[-1] = replace(rebased, scheme=SCHEME)
        if save:
            write_history(root, key, history)
    new = next_edition(history, resolved, items, on)
    if new is None:
        return history[-1], False
    if save:
        write_history(root, key, [*history, new])
    return new, True
