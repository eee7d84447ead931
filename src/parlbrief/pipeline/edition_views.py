"""What a page shows of its briefing's editions: the number and date of the last
published edition, the Draft mark, the figures changed (see parlbrief.pipeline.editions
for how editions are recorded and compared)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from parlbrief.pipeline.editions import Change, Compared, Edition
from parlbrief.pipeline.manifest import digest


def page_view(
    number: int,
    on: date,
    changes: list[Change],
    *,
    draft: bool,
    published: bool,
    changed: bool,
    show_changes: bool,
) -> dict[str, Any]:
    """What templates see: briefing.edition and .last_updated(_iso) (the last published
    edition), .changes (figures, when show_changes), .draft (the mark shows), .published
    (an edition has been), .changed (it differs from that edition), .show_changes."""
    from parlbrief.resolve.formatting import format_day

    shown = changes if show_changes else []
    return {
        "edition": number,
        "last_updated": format_day(on),
        "last_updated_iso": on.isoformat(),
        "changes": [{"label": c.label, "old": c.old or "–", "new": c.new or "–"} for c in shown],
        "draft": draft,
        "published": published,
        "changed": changed,
        "show_changes": show_changes,
    }


def draft_view(compared: Compared, *, mark: bool, show_changes: bool) -> dict[str, Any]:
    """A draft's page: the last published edition's number and date (edition 1 and the
    briefing's date if none), the Draft mark when `mark` and it differs, and the figures
    changed since that edition (or, when unchanged, that edition's own changes)."""
    latest = compared.latest
    changed = not compared.unchanged
    if latest is None:
        number, on, changes = 1, compared.briefing_date, []
    else:
        number, on = latest.number, latest.date
        changes = compared.changes() if changed else latest.changes
    return page_view(
        number,
        on,
        changes,
        draft=mark and changed,
        published=latest is not None,
        changed=changed,
        show_changes=show_changes,
    )


def published_view(edition: Edition, *, show_changes: bool) -> dict[str, Any]:
    """The page of an edition as published: never marked Draft."""
    return page_view(
        edition.number,
        edition.date,
        edition.changes,
        draft=False,
        published=True,
        changed=False,
        show_changes=show_changes,
    )


def stamp(view: Mapping[str, Any]) -> str:
    """A hash of what an edition view adds to a page (for the build manifest)."""
    return digest(json.dumps(dict(view), sort_keys=True).encode("utf-8"))
