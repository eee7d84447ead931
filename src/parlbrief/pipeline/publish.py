"""Publish: make a briefing as it goes out, keep those exact files, record the edition.

`publish` builds the chosen outputs (PDF and HTML, as `build` does, never marked Draft)
into a scratch folder, copies each file to published/<id>/edition-<n>.pdf and .html
(a variant's under published/<id>/<variant>/), and only once both are kept records the
edition in editions/. Every file goes through parlbrief.atomic, so Ctrl-C at any moment
leaves whole files and, at worst, copies of an edition not yet recorded: publishing
again the same day makes the same bytes and carries on. A kept copy is never replaced
by different bytes: it is what an MP received. One publish at a time records editions
in a project (parlbrief.pipeline.history_lock): a second one waits, then is refused.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from parlbrief.atomic import cannot_write, write_bytes
from parlbrief.check import Checked
from parlbrief.errors import Problem, Problems, UsageError
from parlbrief.pipeline import edition_views, editions, history_lock
from parlbrief.pipeline.driver import Making, Prepared, make, prepare
from parlbrief.pipeline.editions import Edition, History
from parlbrief.pipeline.options import BuildOptions
from parlbrief.pipeline.plan import Plan, output_name
from parlbrief.project import Project
from parlbrief.resolve.formatting import format_day
from parlbrief.resolve.placeholders import refuse_placeholders
from parlbrief.write.formats import DEFAULT_FORMATS


@dataclass
class PublishReport:
    """What a publish did: editions recorded, outputs left alone, failures."""

    published: dict[str, Edition] = field(default_factory=dict)
    """Key -> the edition recorded (with the paths of its kept copies)."""
    unchanged: dict[str, Edition] = field(default_factory=dict)
    """Key -> its last published edition, which says the same: not published again."""
    failed: dict[str, Problem] = field(default_factory=dict)
    """Key -> why it could not be made (nothing of it was published)."""
    warnings: Problems = field(default_factory=Problems)


@dataclass(frozen=True)
class _Pending:
    history: History
    edition: Edition
    show_changes: bool


def publish(
    project: Project,
    ids: Sequence[str],
    *,
    note: str | None = None,
    force: bool = False,
    strict: bool = False,
    options: BuildOptions | None = None,
    on_progress: Callable[[str], None] | None = None,
    wait: float = history_lock.WAIT_SECONDS,
) -> PublishReport:
    """Publish the outputs `ids` pick (all variants of an id) that changed since their
    last published edition (all of them with `force`).

    Holds the project's edition history throughout (see history_lock): another publish
    in the same project waits up to `wait` seconds, then is refused (UsageError).
    Raises UsageError when none changed ("nothing has changed since edition N").
    """
    opts = replace(options or BuildOptions(), formats=DEFAULT_FORMATS)
    prepared = prepare(project, ids, opts, strict=strict)
    checked = prepared.checked
    # What the starter left to replace ("Replace this ...", its logo) never goes out.
    refuse_placeholders(checked.corpus, [checked.resolved[key] for key in prepared.keys])
    report = PublishReport(warnings=checked.problems)
    with history_lock.held(project.root, wait):
        # Read under the lock: the edition numbers follow the history as it now is.
        pending = _to_publish(checked, prepared.keys, note, force, report)
        if not pending:
            raise UsageError(nothing_changed(report.unchanged))
        _make_and_keep(prepared, pending, opts, report, on_progress)
    return report


def _make_and_keep(
    prepared: Prepared,
    pending: dict[str, _Pending],
    opts: BuildOptions,
    report: PublishReport,
    on_progress: Callable[[str], None] | None,
) -> None:
    """Make each pending output in a scratch folder, then keep and record those made."""
    root = prepared.checked.project.root
    with tempfile.TemporaryDirectory(prefix="parlbrief-publish-") as scratch:
        staging = Path(scratch)
        _build(prepared, pending, opts, staging, on_progress)
        built = prepared.report
        report.failed = built.failed
        for key in sorted(pending):
            if key in built.built:
                report.published[key] = _keep(root, staging, key, pending[key])


def _to_publish(
    checked: Checked, keys: list[str], note: str | None, force: bool, report: PublishReport
) -> dict[str, _Pending]:
    """The edition each output would be published as; unchanged ones go in the report."""
    pending = {}
    for key in keys:
        resolved = checked.resolved[key]
        history = editions.load_history(checked.project.root, key, checked.today)
        compared = editions.compare(history, resolved)
        latest = compared.latest
        if latest is not None and compared.unchanged and not force:
            report.unchanged[key] = latest
            continue
        if latest is not None and checked.today < latest.date:
            raise UsageError(
                f"{key}: edition {latest.number} is dated {format_day(latest.date)}, after "
                f"today ({format_day(checked.today)}) - check the computer's date, or "
                "PARLBRIEF_TODAY if it is set"
            )
        edition = editions.next_edition(compared, checked.today, note)
        pending[key] = _Pending(history, edition, resolved.briefing.show_changes)
    return pending


def nothing_changed(unchanged: dict[str, Edition]) -> str:
    """Why nothing was published, and what to do."""
    if len(unchanged) == 1:
        [(key, edition)] = unchanged.items()
        return (
            f"{key}: nothing has changed since edition {edition.number} "
            f"({format_day(edition.date)}) - change what it says first, or use --force "
            f"to publish the same content again as edition {edition.number + 1}"
        )
    numbers = sorted({e.number for e in unchanged.values()})
    since = " or ".join(f"edition {n}" for n in numbers)
    return (
        f"nothing has changed in {len(unchanged)} outputs ({_names(unchanged)}) since "
        f"{since} - change what they say first, or use --force to publish them again"
    )


def _names(keys: dict[str, Edition]) -> str:
    names = sorted(keys)
    return ", ".join(names) if len(names) <= 3 else f"{', '.join(names[:3])} and others"


def _build(
    prepared: Prepared,
    pending: dict[str, _Pending],
    opts: BuildOptions,
    staging: Path,
    on_progress: Callable[[str], None] | None,
) -> None:
    """Make each pending output, as published (no Draft mark), in the scratch folder."""
    plans = [
        Plan(
            key,
            {},
            edition_views.published_view(p.edition, show_changes=p.show_changes),
            DEFAULT_FORMATS,
            [f"{key}: publishing edition {p.edition.number}"],
        )
        for key, p in sorted(pending.items())
    ]
    make(prepared, plans, opts, {}, Making(on_progress=on_progress), out=staging)


def _keep(root: Path, staging: Path, key: str, pending: _Pending) -> Edition:
    """Copy the PDF and the web page into published/, then record the edition."""
    edition = pending.edition
    files = {}
    for fmt in DEFAULT_FORMATS:
        data = (staging / output_name(key, fmt)).read_bytes()
        target = editions.published_path(root, key, edition.number, fmt)
        _keep_file(root, target, data)
        files[fmt] = target.relative_to(root).as_posix()
    recorded = editions.kept(edition, files)
    history = pending.history
    editions.write_history(root, replace(history, editions=[*history.editions, recorded]))
    return recorded


def _keep_file(root: Path, target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically; never replace a different kept copy."""
    if target.is_file():
        if target.read_bytes() == data:
            return  # a publish stopped before recording the edition made this very file
        rel = target.relative_to(root).as_posix()
        raise UsageError(
            f"{rel} already exists and is not what this publish made, but the edition "
            "history does not list it - it may be what an MP received: restore editions/ "
            "from version control, or move the file away if it was never sent"
        )
    try:
        write_bytes(target, data)
    except OSError as exc:
        raise cannot_write(target, exc) from None
