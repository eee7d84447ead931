"""Stages 1-3 without rendering: what `parlbrief check` (and every build) runs first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parlbrief.errors import Problems, UsageError
from parlbrief.load import Corpus, load_project
from parlbrief.project import Project
from parlbrief.resolve import ResolvedBriefing
from parlbrief.resolve.staleness import warn_stale
from parlbrief.resolve.variants import resolve_all
from parlbrief.validate import validate_corpus, validate_usage


@dataclass
class Checked:
    """A project read, validated and resolved, with every problem found on the way."""

    project: Project
    corpus: Corpus
    resolved: dict[str, ResolvedBriefing]
    problems: Problems


def check(project: Project) -> Checked:
    """Load, validate and resolve every briefing; render nothing."""
    corpus, problems = load_project(project)
    validate_corpus(corpus, problems)
    # Template syntax errors are content errors, found before anything renders.
    own = project.own_templates()
    if own:  # only then is Jinja needed: the built-in templates are parlbrief's own
        from parlbrief.render import check_templates

        check_templates(tuple(project.template_dirs), own, project.root, problems)
    # One key per output: '<id>', or '<id>/<variant>' for each row of a variants table.
    resolved = resolve_all(corpus, problems)
    warn_stale(corpus, resolved.values(), problems)
    validate_usage(corpus, resolved.values(), problems)
    return Checked(project, corpus, resolved, problems)


def select(checked: Checked, ids: Sequence[str]) -> list[str]:
    """The output keys asked for (all when none), refusing unknown ids.

    An id picks a briefing and all its variants ('<id>/<variant>' keys); a full key
    picks one variant.
    """
    keys = sorted(checked.resolved)
    if not ids:
        return keys
    chosen: list[str] = []
    unknown: list[str] = []
    for wanted in ids:
        matches = [k for k in keys if k == wanted or k.split("/", 1)[0] == wanted]
        if not matches:
            unknown.append(wanted)
        chosen += [k for k in matches if k not in chosen]
    if unknown:
        known = sorted(checked.corpus.briefings)
        raise UsageError(
            f"no briefing called {', '.join(unknown)} "
            f"(known: {', '.join(known) or 'none'}) - see `parlbrief list`"
        )
    return chosen
