"""Decide what a build must make: nothing at all, or which formats of which outputs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parlbrief.check import Checked, chosen_keys, unknown_ids
from parlbrief.errors import Problems
from parlbrief.pipeline import edition_views, editions
from parlbrief.pipeline.manifest import (
    Manifest,
    Tree,
    content_inputs,
    files_inputs,
    hash_value,
    reasons,
    template_inputs,
    versions,
)
from parlbrief.pipeline.options import BuildOptions, BuildReport
from parlbrief.project import Project


@dataclass
class Plan:
    """One output to (maybe) build: its inputs, edition view and what is needed."""

    key: str
    inputs: dict[str, str]
    view: dict[str, Any]
    """The edition fields its page shows (see parlbrief.pipeline.edition_views.page_view)."""
    formats: tuple[str, ...]
    """The formats to make; empty when the output is up to date."""
    reasons: list[str]


def output_name(key: str, fmt: str) -> str:
    """<id>.pdf, or <id>/<variant>.pdf for a variant, inside the output folder."""
    return f"{key}.{fmt}"


def up_to_date(
    project: Project,
    manifest: Manifest,
    now: Tree,
    ids: Sequence[str],
    formats: tuple[str, ...],
    *,
    strict: bool,
) -> BuildReport | None:
    """A report of nothing to do if no file changed since a complete build, else None."""
    tree = manifest.tree
    if tree is None or not tree.same_files(now) or not set(formats) <= set(tree.formats):
        return None
    if strict and tree.warnings:
        return None  # let the full path stop on them
    keys = sorted(manifest.entries)
    if unknown_ids(keys, ids):
        return None  # the full path says so properly
    chosen = chosen_keys(keys, ids)
    for key in chosen:
        files = manifest.entries[key].files
        if any(f not in files or not (project.out / files[f]).is_file() for f in formats):
            return None
    return BuildReport(skipped=chosen, warnings=Problems(list(tree.warnings)))


def plan(
    checked: Checked,
    keys: list[str],
    manifest: Manifest,
    opts: BuildOptions,
    report: BuildReport,
) -> list[Plan]:
    """Hash each output's inputs, compare it with its last published edition, and
    decide what needs building. Nothing is recorded: a build makes drafts."""
    project = checked.project
    shared = template_inputs(project.template_dirs) | versions()
    mark = opts.draft_mark and checked.corpus.settings.draft_mark
    brand_inputs: dict[str, dict[str, str]] = {}
    plans = []
    for key in keys:
        resolved = checked.resolved[key]
        content = content_inputs(resolved)
        history = editions.load_history(project.root, key, checked.today)
        compared = editions.compare(history, resolved)
        show = resolved.briefing.show_changes
        view = edition_views.draft_view(compared, mark=mark, show_changes=show)
        if not compared.unchanged:
            report.drafts[key] = compared.latest.number if compared.latest else None
        brand = resolved.brand.id
        if brand not in brand_inputs:
            folder = checked.corpus.brand_dirs.get(brand)
            brand_inputs[brand] = {f"brand {brand}": hash_value(resolved.brand)} | (
                files_inputs(f"brand {brand}:", folder) if folder else {}
            )
        inputs = content | brand_inputs[brand] | shared | edition_inputs(view)
        plans.append(decide(key, inputs, view, manifest, project.out, opts))
    return plans


def edition_inputs(view: dict[str, Any]) -> dict[str, str]:
    """The manifest inputs for what an edition adds to a page: the published edition's
    stamp (number, date, changes shown) and whether the Draft mark shows."""
    published = {k: v for k, v in view.items() if k != "draft"}
    return {
        "edition": edition_views.stamp(published),
        "draft mark": "shown" if view["draft"] else "not shown",
    }


def decide(
    key: str,
    inputs: dict[str, str],
    view: dict[str, Any],
    manifest: Manifest,
    out: Path,
    opts: BuildOptions,
) -> Plan:
    """Which formats of `key` to build, and why."""
    old = manifest.entries.get(key)
    if opts.force:
        return Plan(key, inputs, view, opts.formats, [f"{key}: --force"])
    if manifest.problem:
        why = [f"{key}: manifest unreadable, rebuilding everything"]
        return Plan(key, inputs, view, opts.formats, why)
    if not manifest.existed:
        return Plan(key, inputs, view, opts.formats, [f"{key}: first build"])
    if old is None:
        return Plan(key, inputs, view, opts.formats, [f"{key}: not built before"])
    missing = [f for f in opts.formats if f not in old.files or not (out / old.files[f]).is_file()]
    changed = reasons(key, old, inputs)
    if changed:
        return Plan(key, inputs, view, opts.formats, changed)
    why = [f"{key}: output {output_name(key, f)} missing" for f in missing]
    return Plan(key, inputs, view, tuple(missing), why)
