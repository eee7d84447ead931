"""The whole pipeline, stage by stage: load -> validate -> resolve -> render -> write."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from parlbrief.errors import ParlbriefError, Problems, UsageError
from parlbrief.load import Corpus, load_project
from parlbrief.project import Project
from parlbrief.resolve import ResolvedBriefing, resolve_briefing
from parlbrief.validate import validate_corpus, validate_usage

FORMATS = ("pdf", "html")


@dataclass
class Checked:
    """A project read, validated and resolved, with every problem found on the way."""

    project: Project
    corpus: Corpus
    resolved: dict[str, ResolvedBriefing]
    problems: Problems


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)
    warnings: Problems = field(default_factory=Problems)


def check(project: Project) -> Checked:
    """Load, validate and resolve every briefing; render nothing."""
    corpus, problems = load_project(project)
    validate_corpus(corpus, problems)
    resolved = {
        bid: resolve_briefing(corpus, briefing, problems)
        for bid, briefing in sorted(corpus.briefings.items())
    }
    validate_usage(corpus, resolved.values(), problems)
    return Checked(project, corpus, resolved, problems)


def select(checked: Checked, ids: Sequence[str]) -> list[str]:
    """The briefing ids asked for (all when none), refusing unknown ones."""
    known = checked.corpus.briefings
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise UsageError(
            f"no briefing called {', '.join(unknown)} "
            f"(known: {', '.join(sorted(known)) or 'none'}) - see `parlbrief list`"
        )
    return list(ids) or sorted(known)


def build(
    project: Project,
    ids: Sequence[str] = (),
    formats: Iterable[str] = FORMATS,
    *,
    strict: bool = False,
    on_progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build the chosen briefings; content errors stop everything before any output."""
    checked = check(project)
    checked.problems.raise_if_errors(strict=strict)
    chosen = select(checked, ids)
    report = BuildReport(warnings=checked.problems)
    for bid in chosen:
        try:
            report.outputs += build_one(checked, bid, tuple(formats))
            report.built.append(bid)
        except ParlbriefError as exc:
            report.failed[bid] = str(exc)
        if on_progress is not None:
            on_progress(bid)
    return report


def build_one(checked: Checked, bid: str, formats: tuple[str, ...]) -> list[Path]:
    """Render one briefing in each format and write it in place."""
    from parlbrief.render import render_html
    from parlbrief.write import write_html

    resolved = checked.resolved[bid]
    project = checked.project
    dirs = tuple(project.template_dirs)
    brand_dir = checked.corpus.brand_dirs.get(resolved.brand.id, dirs[-1])
    outputs = []
    if "html" in formats:
        target = project.out / f"{bid}.html"
        write_html(target, render_html(resolved, "html", dirs, brand_dir))
        outputs.append(target)
    if "pdf" in formats:
        from parlbrief.write.atomic import write_bytes
        from parlbrief.write.pdf import write_pdf

        target = project.out / f"{bid}.pdf"
        html = render_html(resolved, "pdf", dirs, brand_dir)
        write_bytes(target, write_pdf(target, html, brand_dir, list(dirs)))
        outputs.append(target)
    return outputs
