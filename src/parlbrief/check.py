"""Stages 1-3 without rendering: what `parlbrief check` (and every build) runs first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from parlbrief import clock
from parlbrief.document_kinds import check_kinds
from parlbrief.errors import Problems, UsageError
from parlbrief.load import Corpus, load_project
from parlbrief.project import Project
from parlbrief.resolve import ResolvedBriefing
from parlbrief.resolve.audit import audit
from parlbrief.resolve.debate_form import check_debates
from parlbrief.resolve.quotes import check_copies
from parlbrief.resolve.variants import resolve_all
from parlbrief.validate import validate_corpus


@dataclass
class Checked:
    """A project read, validated and resolved, with every problem found on the way."""

    project: Project
    corpus: Corpus
    resolved: dict[str, ResolvedBriefing]
    problems: Problems
    today: date
    """The day the project was checked as of (staleness depends on it)."""


def check(
    project: Project, today: date | None = None, *, template_seconds: float | None = None
) -> Checked:
    """Load, validate and resolve every briefing as of `today`; make no file.

    A project with templates of its own has them filled in for every output, each page
    allowed `template_seconds` (see parlbrief.render.try_templates).
    """
    on = today or clock.today()
    corpus, problems = load_project(project)
    validate_corpus(corpus, problems)
    check_debates(corpus.briefings.values(), problems)  # a briefing dated after its debate
    # Template errors are content errors, found before anything renders. Only a
    # project's own templates need Jinja here: the built-in ones are parlbrief's, and
    # its tests fill them in for every kind of briefing.
    own = project.own_templates()
    dirs = tuple(project.template_dirs)
    if own:
        from parlbrief.render import check_templates

        check_templates(dirs, own, project.root, problems)
    if own_css := project.own_stylesheets():
        from parlbrief.render.template_checks import check_stylesheets

        check_stylesheets(own_css, project.root, problems)
    # One key per output: '<id>', or '<id>/<variant>' for each row of a variants table.
    resolved = resolve_all(corpus, problems)
    # Each briefing's kind of document (template:) exists and its rules are kept.
    check_kinds(corpus, resolved.values(), dirs, problems)
    audit(corpus, resolved.values(), on, problems)
    # Pinpoints, quotations and figures held to the stored copies of their sources.
    check_copies(corpus, resolved.values(), problems)
    if own and not problems.errors:
        from parlbrief.render import try_templates

        def brand_dir(briefing: ResolvedBriefing) -> Path:
            return brand_folder(corpus, briefing, dirs)

        try_templates(resolved, dirs, brand_dir, project.root, problems, template_seconds)
    return Checked(project, corpus, resolved, problems, on)


def brand_folder(corpus: Corpus, resolved: ResolvedBriefing, template_dirs: Sequence[Path]) -> Path:
    """The folder a briefing's brand (its logo) is read from: the brand's own, else the
    last template folder (parlbrief's built-in templates)."""
    return corpus.brand_dirs.get(resolved.brand.id, template_dirs[-1])


def picks(key: str, wanted: str) -> bool:
    """Whether the id `wanted` asks for the output `key`: the briefing's id picks the
    briefing and all its variants ('<id>/<variant>'); a full key picks one variant."""
    return key == wanted or key.split("/", 1)[0] == wanted


def unknown_ids(keys: Sequence[str], ids: Sequence[str]) -> list[str]:
    """The ids that pick none of `keys`."""
    return [wanted for wanted in ids if not any(picks(k, wanted) for k in keys)]


def chosen_keys(keys: Sequence[str], ids: Sequence[str]) -> list[str]:
    """The keys the ids pick, in order (all when no id is given)."""
    return [k for k in sorted(keys) if not ids or any(picks(k, i) for i in ids)]


def select(checked: Checked, ids: Sequence[str]) -> list[str]:
    """The output keys asked for (all when none), refusing unknown ids."""
    keys = sorted(checked.resolved)
    unknown = unknown_ids(keys, ids)
    if unknown:
        known = sorted(checked.corpus.briefings)
        raise UsageError(
            f"no briefing called {', '.join(unknown)} "
            f"(known: {', '.join(known) or 'none'}) - see `parlbrief list`"
        )
    return chosen_keys(keys, ids)
