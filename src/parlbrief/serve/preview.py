"""What a preview knows at any moment (a `Snapshot`), and the loop that rebuilds it.

One thread builds (`Preview.run`): first everything asked for, then again each time
the watcher says a file was saved (`Preview.changed`). Each output that lands, and
each build's end, publishes a new snapshot; the web server reads the latest one, and
each open page asks it every moment whether the page's own stamp changed. A build that
fails (a content error, a template error, a page the guard refused) never stops the
loop: its problems go into the snapshot, each as `file:line: message`, and the last
good outputs stay.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from parlbrief.errors import ContentError, ParlbriefError, Problem
from parlbrief.pipeline.plan import output_name
from parlbrief.project import Project
from parlbrief.serve.warm import PreviewResult, preview_build
from parlbrief.write.formats import PAGES
from parlbrief.write.pool import Pool

#: How many pages viewed lately are built first after a change.
RECENT_PAGES = 4


@dataclass(frozen=True)
class Snapshot:
    """The preview's state: the briefings, their built files, and any problems."""

    generation: int = 0
    titles: dict[str, str] = field(default_factory=dict)
    """Output key -> title, in the index's order (empty until a check has passed)."""
    files: dict[str, str] = field(default_factory=dict)
    """Built file ('<key>.html', '<key>.pdf') -> a stamp that changes when it is rebuilt."""
    errors: tuple[str, ...] = ()
    """Problems that stop every briefing (`file:line: message`)."""
    failed: dict[str, str] = field(default_factory=dict)
    """Output key -> why it could not be built this time."""
    warnings: tuple[str, ...] = ()
    building: bool = True

    def problems(self, key: str | None = None) -> list[str]:
        """What to show on `key`'s pages (or, for None, on the index)."""
        if key is None:
            return [*self.errors, *(f"{k}: {m}" for k, m in self.failed.items())]
        return [*self.errors, *([self.failed[key]] if key in self.failed else [])]

    def stamps(self) -> dict[str, str]:
        """Each live page's path -> a stamp that changes whenever the page would."""
        return dict(self.page_stamps)

    @functools.cached_property
    def page_stamps(self) -> dict[str, str]:
        """`stamps()`, worked out once per snapshot: every open page asks for its stamp
        every moment. Read only."""
        stamps = {"/": _digest(self.titles, self.files, self.problems(), self.warnings)}
        for key in self.titles:
            problems = self.problems(key)
            stamps[f"/{key}.html"] = _digest(self.files.get(f"{key}.html"), problems)
            stamps[f"/pdf/{key}"] = _digest(self.files.get(f"{key}.pdf"), problems)
        if self.building and not self.titles:
            stamps["/"] += "-building"
        return stamps


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


class Preview:
    """A project built into a preview folder, rebuilt on demand, read by the server."""

    def __init__(self, project: Project, ids: Sequence[str], pool: Pool) -> None:
        """`project.out` is the preview folder (never the project's own build/)."""
        self.project = project
        self.ids = list(ids)
        self.pool = pool
        self.recent: list[str] = []
        """Keys of the pages viewed lately, newest first: built first."""
        self._snapshot = Snapshot()
        self._changed = threading.Condition()
        self._dirty = threading.Event()
        self._dirty.set()  # the first build
        self._closed = threading.Event()

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    def changed(self) -> None:
        """A file was saved: build again (at once, or when the build under way ends)."""
        self._dirty.set()

    def viewed(self, key: str) -> None:
        """A page of `key` was asked for: build it first next time."""
        if key in self.recent[:1]:
            return
        self.recent = [key, *(k for k in self.recent if k != key)][:RECENT_PAGES]

    def wait(self, generation: int, timeout: float) -> Snapshot:
        """The snapshot after `generation`, or the current one after `timeout` seconds
        or once the preview closes."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._snapshot.generation != generation or self._closed.is_set(),
                timeout,
            )
            return self._snapshot

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def close(self) -> None:
        """Stop the build loop (after the build under way) and wake every waiter."""
        self._closed.set()
        self._dirty.set()
        with self._changed:
            self._changed.notify_all()

    def run(self) -> None:
        """Build whenever a file changed, until closed (the build thread's loop)."""
        while True:
            self._dirty.wait()
            if self._closed.is_set():
                return
            self._dirty.clear()
            self.rebuild()

    def rebuild(self) -> None:
        """One build: publish what lands as it lands, and the problems at the end."""
        self._publish(building=True)
        try:
            result = preview_build(
                self.project, self.ids, self.pool, first=self.recent, on_progress=self._landed
            )
        except ContentError as exc:
            errors = tuple(str(p) for p in exc.problems if p.severity == "error")
            self._publish(errors=errors, warnings=_warnings(exc.problems), failed={})
        except ParlbriefError as exc:
            self._publish(errors=(str(exc),), failed={})
        except Exception as exc:  # a bug must not end the preview; show it instead
            message = (
                f"parlbrief stopped unexpectedly ({type(exc).__name__}: {exc}). This is a bug "
                "in parlbrief, not in your files: run `parlbrief build` to see more."
            )
            self._publish(errors=(message,), failed={})
        else:
            self._landed(result)
        finally:
            self._publish(building=False)

    def _landed(self, result: PreviewResult) -> None:
        report = result.report
        failed = {key: str(problem) for key, problem in report.failed.items()}
        warnings = _warnings(report.warnings.items)
        self._publish(titles=result.titles, errors=(), failed=failed, warnings=warnings)

    def _publish(
        self,
        *,
        titles: dict[str, str] | None = None,
        errors: tuple[str, ...] | None = None,
        failed: dict[str, str] | None = None,
        warnings: tuple[str, ...] | None = None,
        building: bool | None = None,
    ) -> None:
        """Replace the snapshot (what is given changes; the built files are looked at
        again) and wake every page waiting for news."""
        with self._changed:
            old = self._snapshot
            titles = old.titles if titles is None else titles
            self._snapshot = Snapshot(
                generation=old.generation + 1,
                titles=titles,
                files=built_files(self.project.out, titles),
                errors=old.errors if errors is None else errors,
                failed=old.failed if failed is None else failed,
                warnings=old.warnings if warnings is None else warnings,
                building=old.building if building is None else building,
            )
            self._changed.notify_all()


def built_files(out: Path, keys: Iterable[str]) -> dict[str, str]:
    """Each built file of `keys` in `out` -> its stamp (modification time and size)."""
    files: dict[str, str] = {}
    for key in keys:
        for fmt in PAGES:
            name = output_name(key, fmt)
            with contextlib.suppress(OSError):
                stat = (out / name).stat()
                files[name] = f"{stat.st_mtime_ns}-{stat.st_size}"
    return files


def _warnings(problems: Iterable[Problem]) -> tuple[str, ...]:
    return tuple(f"{p.origin}: warning: {p.message}" for p in problems if p.severity == "warning")
