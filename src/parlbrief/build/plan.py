"""Decide what a build must make: nothing at all, or which formats of which outputs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from parlbrief.build import editions
from parlbrief.build.editions import Edition
from parlbrief.build.manifest import (
    CONTENT_KINDS,
    Manifest,
    Tree,
    content_inputs,
    files_inputs,
    hash_value,
    reasons,
    template_inputs,
    versions,
)
from parlbrief.build.options import BuildOptions, BuildReport
from parlbrief.check import Checked, chosen_keys, unknown_ids
from parlbrief.errors import Problems
from parlbrief.project import Project


@dataclass
class Plan:
    """One output to (maybe) build: its inputs, edition and what is needed."""

    key: str
    inputs: dict[str, str]
    edition: Edition
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
    """Hash each output's inputs, record editions, and decide what needs building."""
    project = checked.project
    shared = template_inputs(project.template_dirs) | versions()
    brand_inputs: dict[str, dict[str, str]] = {}
    plans = []
    for key in keys:
        resolved = checked.resolved[key]
        content = content_inputs(resolved)
        edition, is_new = editions.record(
            project.root,
            key,
            resolved,
            {k: v for k, v in content.items() if k.split(" ", 1)[0] in CONTENT_KINDS},
            on=checked.today,
            save=opts.record_editions,
        )
        if is_new:
            report.editions[key] = edition.number
        brand = resolved.brand.id
        if brand not in brand_inputs:
            folder = checked.corpus.brand_dirs.get(brand)
            brand_inputs[brand] = {f"brand {brand}": hash_value(resolved.brand)} | (
                files_inputs(f"brand {brand}:", folder) if folder else {}
            )
        inputs = content | brand_inputs[brand] | shared | {"edition": edition.stamp()}
        plans.append(decide(key, inputs, edition, manifest, project.out, opts))
    return plans


def decide(
    key: str,
    inputs: dict[str, str],
    edition: Edition,
    manifest: Manifest,
    out: Path,
    opts: BuildOptions,
) -> Plan:
    """Which formats of `key` to build, and why."""
    old = manifest.entries.get(key)
    if opts.force:
        return Plan(key, inputs, edition, opts.formats, [f"{key}: --force"])
    if manifest.problem:
        why = [f"{key}: manifest unreadable, rebuilding everything"]
        return Plan(key, inputs, edition, opts.formats, why)
    if not manifest.existed:
        return Plan(key, inputs, edition, opts.formats, [f"{key}: first build"])
    if old is None:
        return Plan(key, inputs, edition, opts.formats, [f"{key}: not built before"])
    missing = [f for f in opts.formats if f not in old.files or not (out / old.files[f]).is_file()]
    changed = reasons(key, old, inputs)
    if changed:
        return Plan(key, inputs, edition, opts.formats, changed)
    why = [f"{key}: output {output_name(key, f)} missing" for f in missing]
    return Plan(key, inputs, edition, tuple(missing), why)
