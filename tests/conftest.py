"""Fixtures shared by every stage's tests.

Sample projects live as plain files under tests/projects/<name>/, so a test reads like
the product: a press officer's folder in, a briefing (or a list of problems) out.
Tests that change a project work on a copy in a temporary folder.

The example project at the repository root is built once per test session (into a
temporary folder, never into build/) by `example_build`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from parlbrief.check import Checked, check
from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from parlbrief.render import Medium, render_html

REPO = Path(__file__).resolve().parents[1]
PROJECTS = Path(__file__).resolve().parent / "projects"
EXAMPLE_BRIEFING = "briefing-5"

#: A factory: files (project-relative path -> text) on top of a sample project.
MakeProject = Callable[..., Project]


def render_page(checked: Checked, bid: str, medium: Medium) -> str:
    """A briefing's HTML for `medium`, rendered as `build` does (edition 1, no history)."""
    resolved = checked.resolved[bid]
    dirs = tuple(checked.project.template_dirs)
    brand_dir = checked.corpus.brand_dirs.get(resolved.brand.id, dirs[-1])
    return render_html(resolved, medium, dirs, brand_dir)


def copy_project(name: str, dest: Path) -> Path:
    """A fresh copy of tests/projects/<name> at `dest`."""
    shutil.copytree(PROJECTS / name, dest)
    return dest


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Build a project in a temporary folder from a sample project plus files of your own.

    `make_project({"sources/questions/q.yaml": "- id: q\\n  text: Why?\\n"})` copies
    tests/projects/minimal and writes (or replaces) the files given; `base=None`
    starts from an empty project with only a briefings/ folder. A value of None
    deletes that file.
    """
    counter = iter(range(1_000_000))

    def make(
        files: Mapping[str, str | bytes | None] | None = None, base: str | None = "minimal"
    ) -> Project:
        root = tmp_path / f"project-{next(counter)}"
        if base is None:
            (root / "briefings").mkdir(parents=True)
        else:
            copy_project(base, root)
        for rel, content in (files or {}).items():
            path = root / rel
            if content is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return Project.at(root, tmp_path / f"out-{root.name}")

    return make


@pytest.fixture
def minimal(make_project: MakeProject) -> Project:
    """A copy of tests/projects/minimal: one briefing, its sources, the default brand."""
    return make_project()


@pytest.fixture
def minimal_checked(minimal: Project) -> Checked:
    """The minimal project loaded, validated and resolved."""
    return check(minimal)


@dataclass(frozen=True)
class ExampleBuild:
    """The example project built once: where its outputs are."""

    project: Project
    out: Path

    def pdf(self, bid: str = EXAMPLE_BRIEFING) -> Path:
        return self.out / f"{bid}.pdf"

    def html(self, bid: str = EXAMPLE_BRIEFING) -> Path:
        return self.out / f"{bid}.html"


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> ExampleBuild:
    """Every example briefing built as PDF and HTML into a temporary folder, once."""
    out = tmp_path_factory.mktemp("example-build")
    project = Project.at(REPO, out)
    # Never record editions: a test run must not change the project it reads.
    report = build(project, options=BuildOptions())
    assert not report.failed, report.failed
    return ExampleBuild(project, out)
