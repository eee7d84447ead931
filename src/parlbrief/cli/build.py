"""`parlbrief build` (make drafts of what changed) and `parlbrief changes` (a briefing's
published editions)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from parlbrief.cli.core import (
    DebugOpt,
    JsonOpt,
    ProjectOpt,
    StrictOpt,
    app,
    err,
    escape,
    out,
    parse_formats,
    parse_keys,
    parse_timeout,
    print_json,
    print_problems,
    reporting,
)
from parlbrief.errors import RenderError
from parlbrief.project import Project
from parlbrief.write import DEFAULT_TIMEOUT
from parlbrief.write.formats import formats_help

if TYPE_CHECKING:
    from parlbrief.pipeline import BuildOptions, BuildReport
    from parlbrief.pipeline.editions import Edition

#: Reasons shown per briefing before "and N more" (--json lists them all).
SHOWN_REASONS = 3
#: Drafts named after a build before "and N more" (--json lists them all).
SHOWN_DRAFTS = 5
#: Files written that are named one a line; more are counted by folder (--json lists
#: them all): 650 sheets would otherwise be 1,300 lines burying the failures.
SHOWN_OUTPUTS = 20


@app.command("build")
def build_command(
    ids: Annotated[list[str] | None, typer.Argument(help="Briefing ids (default: all).")] = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"Comma-separated: {formats_help()}."),
    ] = "pdf,html",
    project: ProjectOpt = Path("."),
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder (default: build/).")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="PDFs rendered at once (default: one per CPU core)."
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", help="Seconds one PDF may take before it fails."),
    ] = DEFAULT_TIMEOUT,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild everything, even what is up to date.")
    ] = False,
    no_draft_mark: Annotated[
        bool,
        typer.Option(
            "--no-draft-mark",
            help="Do not mark drafts that differ from their last published edition 'Draft'.",
        ),
    ] = False,
    strict: StrictOpt = False,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Build drafts of what changed into build/<id>.pdf and build/<id>.html; say which and
    why. Records no edition: `parlbrief publish` does."""
    with reporting(as_json=as_json, debug=debug):
        formats = parse_formats(format)
        proj = Project.at(project, out_dir)
        # WeasyPrint starts loading on the other core before the pipeline is imported
        # (build() would start it too, but only after that import).
        from parlbrief.write.pool import warm_up_for

        warm_up_for(formats, proj.out, force=force)
        from parlbrief.pipeline import BuildOptions

        options = BuildOptions(
            formats=formats,
            jobs=jobs,
            timeout=parse_timeout(timeout),
            force=force,
            draft_mark=not no_draft_mark,
        )
        keys = parse_keys(ids or [])
        report, said = _build_with_progress(proj, keys, options, strict, as_json)
    print_problems(report.warnings.sorted())
    if as_json:
        print_json(_report_json(proj, report))
    else:
        _print_report(proj, report)
    from parlbrief.cli.progress import failed_line  # rich: not for `check`

    for bid, problem in report.failed.items():
        if bid not in said:  # the bar or the log said the others as they failed
            err().print(failed_line(bid, problem))
    if report.failed:
        raise typer.Exit(RenderError.exit_code)


def _report_json(proj: Project, report: BuildReport) -> dict[str, Any]:
    return {
        "built": report.built,
        "skipped": report.skipped,
        "failed": list(report.failed),
        "errors": {key: str(problem) for key, problem in report.failed.items()},
        "problems": {key: problem.as_dict() for key, problem in report.failed.items()},
        "reasons": report.reasons,
        "drafts": report.drafts,
        "notes": report.notes,
        "worker_peak_rss": report.worker_peak_rss,
        "outputs": [proj.relative(path) for path in report.outputs],
    }


def _print_report(proj: Project, report: BuildReport) -> None:
    for note in report.notes:
        typer.echo(note)
    if not report.built and not report.failed:
        count = len(report.skipped)
        typer.echo(
            f"Nothing to build: {count} briefing{'s are' if count != 1 else ' is'} up to date."
        )
        return
    for key, why in report.reasons.items():
        more = len(why) - SHOWN_REASONS
        shown = "; ".join(w.removeprefix(f"{key}: ") for w in why[:SHOWN_REASONS])
        more_text = f"; and {more} more" if more > 0 else ""
        typer.echo(f"{typer.style(key, bold=True)}: {shown}{more_text}")
    _print_drafts(report.drafts)
    for line in written(proj, report.outputs):
        typer.echo(line)
    typer.echo(
        f"Built {len(report.built)}, up to date {len(report.skipped)}, failed {len(report.failed)}."
    )


def written(proj: Project, outputs: list[Path]) -> list[str]:
    """'wrote build/minimal.pdf' for each file, or when there are many, one line
    counting them by folder: 'wrote 1,300 files in build/probation-regions/'."""
    if len(outputs) <= SHOWN_OUTPUTS:
        return [f"wrote {proj.relative(path)}" for path in outputs]
    folders = Counter(f"{proj.relative(path.parent)}/" for path in outputs)
    if len(folders) == 1:
        return [f"wrote {len(outputs):,} files in {next(iter(folders))}"]
    counts = ", ".join(f"{n:,} in {folder}" for folder, n in sorted(folders.items()))
    return [f"wrote {len(outputs):,} files: {counts}"]


def _print_drafts(drafts: dict[str, int | None]) -> None:
    """Say which outputs just built are drafts that differ from what was published."""
    if not drafts:
        return
    said = [
        f"{key} (since edition {number})" if number else f"{key} (never published)"
        for key, number in sorted(drafts.items())
    ]
    more = len(said) - SHOWN_DRAFTS
    shown = ", ".join(said[:SHOWN_DRAFTS]) + (f" and {more} more" if more > 0 else "")
    typer.echo(f"Changed since last published: {shown}. `parlbrief publish ID` when ready.")


def _build_with_progress(
    proj: Project, ids: list[str], options: BuildOptions, strict: bool, quiet: bool
) -> tuple[BuildReport, set[str]]:
    """Build; for a person watching a terminal, with a bar (how many, how fast, how long
    to go), for a log a line at each tenth, and in both a line for each output that
    fails, as it fails. Also gives the failures so said (none with --json)."""
    from parlbrief.pipeline import Watcher, build

    if quiet:
        return build(proj, ids, strict=strict, options=options), set()
    from parlbrief.cli.progress import PlainProgress, build_bar

    if not sys.stderr.isatty():  # a bar is for a person watching a terminal
        plain = PlainProgress(err())
        watcher = Watcher(planned=plain.planned, landed=plain.landed)
        report = build(proj, ids, strict=strict, options=options, watcher=watcher)
        return report, plain.said
    with build_bar(err()) as bar:
        watcher = Watcher(planned=bar.planned, landed=bar.landed)
        report = build(proj, ids, strict=strict, options=options, watcher=watcher)
    return report, bar.said


@app.command("changes")
def changes_command(
    briefing: Annotated[str, typer.Argument(help="A briefing id (or id/variant).")],
    project: ProjectOpt = Path("."),
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """List a briefing's published editions: date, note, and what changed in each."""
    from parlbrief.pipeline.editions import published_keys, read_history

    with reporting(as_json=as_json, debug=debug):
        proj = Project.at(project)
        key = parse_keys([briefing])[0]
        keys = published_keys(proj.root, key)
        histories = {k: read_history(proj.root, k) for k in keys}
        if not keys:
            from parlbrief.check import check, select

            # Only now read the project, to tell an unknown id from an unpublished one.
            select(check(proj), [briefing])
    if as_json:
        print_json(_changes_json(briefing, histories))
        return
    if not keys:
        out().print(
            f"{escape(briefing)} has not been published yet: `parlbrief publish "
            f"{escape(briefing)}` records edition 1."
        )
        return
    for k, history in histories.items():
        if len(histories) > 1:
            out().print(f"[bold underline]{escape(k)}[/]")
        for edition in history:
            _print_edition(edition)


def _changes_json(briefing: str, histories: dict[str, list[Edition]]) -> dict[str, Any]:
    if len(histories) > 1:
        outputs = {k: _editions_json(h) for k, h in histories.items()}
        return {"briefing": briefing, "outputs": outputs}
    editions = next(iter(histories.values()), [])
    return {"briefing": briefing, "editions": _editions_json(editions)}


def _editions_json(history: list[Edition]) -> list[dict[str, Any]]:
    return [
        {
            "edition": e.number,
            "date": e.date.isoformat(),
            "note": e.note,
            "files": e.files,
            "changed": e.changed,
            "changes": [c.as_dict() for c in e.changes],
        }
        for e in history
    ]


def _print_edition(edition: Edition) -> None:
    out().print(f"[bold]Edition {edition.number}[/] ({edition.date.isoformat()})")
    if edition.note:
        out().print(f"  note: {escape(edition.note)}")
    if edition.number == 1:
        out().print("  first edition")
    else:
        for change in edition.changes:
            old, new = change.old or "(new)", change.new or "(removed)"
            out().print(f"  {escape(change.label)}: {escape(old)} → {escape(new)}")
        others = [c for c in edition.changed if not c.startswith("statistic ")]
        if others:
            out().print(f"  also changed: {escape(', '.join(others))}")
        elif not edition.changes:
            out().print("  no figures changed")
    kept = edition.files
    if kept:
        out().print(f"  kept: {', '.join(kept[f] for f in sorted(kept))}")
    else:
        out().print("  recorded by a build before parlbrief kept published copies")
