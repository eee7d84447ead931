"""Publish: make a briefing as it goes out, keep those exact files, record the edition.

`publish` builds the chosen outputs (PDF and HTML, as `build` does, never marked Draft)
into a scratch folder, copies each file to published/<id>/edition-<n>.pdf and .html
(a variant's under published/<id>/<variant>/), and only once both are kept records the
edition in editions/. Every file goes through parlbrief.atomic, so Ctrl-C at any moment
leaves whole files and, at worst, copies of an edition not yet recorded: publishing
again the same day makes the same bytes and carries on; on a later day the copies left
are moved aside (unrecorded-edition-<n>.pdf) with a warning, never overwritten, and the
edition is made anew. A kept copy is never replaced by different bytes: it may be what
an MP received. One publish at a time records editions
in a project (parlbrief.pipeline.history_lock): a second one waits, then is refused.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from parlbrief.atomic import cannot_write, write_bytes
from parlbrief.check import Checked
from parlbrief.errors import Origin, Problem, Problems, UsageError
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
    with history_lock.held(project.root, wait) as unlocked:
        if unlocked is not None:
            report.warnings.warning(Origin(f"{editions.FOLDER}/"), unlocked)
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
                report.published[key] = _keep(root, staging, key, pending[key], report.warnings)


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


def _keep(root: Path, staging: Path, key: str, pending: _Pending, warnings: Problems) -> Edition:
    """Copy the PDF and the web page into published/, then record the edition."""
    edition = pending.edition
    made = {fmt: (staging / output_name(key, fmt)).read_bytes() for fmt in DEFAULT_FORMATS}
    targets = {fmt: editions.published_path(root, key, edition.number, fmt) for fmt in made}
    _set_aside(
        root, edition.number, [t for f, t in targets.items() if _differs(t, made[f])], warnings
    )
    for fmt, target in targets.items():
        _keep_file(target, made[fmt])
    files = {fmt: target.relative_to(root).as_posix() for fmt, target in targets.items()}
    recorded = editions.kept(edition, files)
    history = pending.history
    editions.write_history(root, replace(history, editions=[*history.editions, recorded]))
    return recorded


def _differs(target: Path, data: bytes) -> bool:
    """Whether a file no history lists (the edition is not recorded yet) is in the way:
    the same bytes are a publish stopped before recording, the same day, and are kept."""
    return target.is_file() and target.read_bytes() != data


def _set_aside(root: Path, number: int, found: list[Path], warnings: Problems) -> None:
    """Move kept files of an edition never recorded out of the way, never over anything,
    saying so in one line: they may be what an MP received, if the history was lost."""
    if not found:
        return
    stem = _free_stem(found[0].parent, f"unrecorded-edition-{number}", [p.suffix for p in found])
    for path in found:
        aside = path.with_name(stem + path.suffix)
        try:
            path.rename(aside)
        except OSError as exc:
            raise cannot_write(aside, exc) from None
    warnings.warning(
        Origin(found[0].relative_to(root).as_posix()), _aside_message(found, number, root, stem)
    )


def _free_stem(folder: Path, stem: str, suffixes: list[str]) -> str:
    """`stem`, or `stem-2`, `stem-3`...: the first no file has with any of `suffixes`."""
    names = [stem] + [f"{stem}-{n}" for n in range(2, 10_000)]
    return next(n for n in names if not any((folder / (n + s)).exists() for s in suffixes))


def _aside_message(found: list[Path], number: int, root: Path, stem: str) -> str:
    first = found[0].parent.relative_to(root).as_posix() + "/" + stem + found[0].suffix
    both = len(found) > 1
    which, now = (
        ("this file and its .html were", "they are") if both else ("this file was", "it is")
    )
    them, were = ("them", "they were") if both else ("it", "it was")
    return (
        f"{which} kept by a publish that stopped before recording edition {number}, and "
        f"this publish makes edition {number} anew - {now} now {first}"
        f"{' and .html' if both else ''}: delete {them} if {were} never sent (if {were}, "
        "restore editions/ from version control)"
    )


def _keep_file(target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically, unless a publish stopped before recording
    the edition made this very file."""
    if target.is_file():
        return  # the same bytes: anything else was set aside
    try:
        write_bytes(target, data)
    except OSError as exc:
        raise cannot_write(target, exc) from None
