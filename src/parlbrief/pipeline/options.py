"""What a build is asked to do (BuildOptions) and what it did (BuildReport)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from parlbrief.errors import Problem, Problems
from parlbrief.write import DEFAULT_TIMEOUT
from parlbrief.write.formats import DEFAULT_FORMATS
from parlbrief.write.pool import DEFAULT_MAX_TASKS


@dataclass(frozen=True)
class BuildOptions:
    """How to build: formats, parallelism and limits (defaults suit the command line)."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    jobs: int | None = None
    """Render processes; None means one per CPU core."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds one PDF may take before it is given up as failed."""
    force: bool = False
    """Rebuild even what is up to date."""
    draft_mark: bool = True
    """Mark drafts that differ from their last published edition "Draft" (when the
    project's `draft_mark` setting allows it too); `build --no-draft-mark` turns it off."""
    today: date | None = None
    """The day the build runs as of: staleness, a published edition's date and the
    up-to-date fingerprint all use it (default: parlbrief.clock.today())."""
    max_tasks: int = DEFAULT_MAX_TASKS
    """Renders per worker before it is replaced (keeps memory flat)."""


@dataclass
class BuildReport:
    """What a build did: keys built, skipped (up to date) and failed, and why."""

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, Problem] = field(default_factory=dict)
    """Key -> why it could not be made (where, when a file of the project is to blame)."""
    outputs: list[Path] = field(default_factory=list)
    warnings: Problems = field(default_factory=Problems)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    """Key -> why it was rebuilt ('briefing-5: statistic po-vacancies changed')."""
    notes: list[str] = field(default_factory=list)
    """One line each about the output folder ('build/manifest.json unreadable (...):
    everything was built again'; outputs no longer made, removed)."""
    drafts: dict[str, int | None] = field(default_factory=dict)
    """Key -> its last published edition (None if never published), for each output
    built whose content differs from that edition."""
    worker_peak_rss: list[int] = field(default_factory=list)
    """Each PDF render's worker peak memory in bytes, in the order they finished."""
    render_seconds: list[float] = field(default_factory=list)
    """Each PDF render's seconds in its worker (the guard's look, then the layout)."""


@dataclass(frozen=True)
class Watcher:
    """Told as a build goes (the command's progress bar): how many outputs it will
    make, then each as it is made (None) or fails (why)."""

    planned: Callable[[int], None]
    landed: Callable[[str, Problem | None], None]
