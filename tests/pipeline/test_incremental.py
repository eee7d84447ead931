"""Incremental builds: nothing changed renders nothing; a change rebuilds exactly its users."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import MANIFEST_NAME, Project
from tests.conftest import MakeProject
from tests.pipeline.conftest import edit

HTML = BuildOptions(formats=("html",))
STATS = "sources/statistics/shared.yaml"


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_second_build_renders_nothing(shared: Project) -> None:
    first = build(shared, options=HTML)
    second = build(shared, options=HTML)
    assert first.built == ["alpha", "beta", "gamma"]
    assert second.built == [] and second.outputs == []
    assert second.skipped == ["alpha", "beta", "gamma"]


def test_up_to_date_build_does_not_import_weasyprint(shared: Project) -> None:
    build(shared, ["gamma"], options=BuildOptions(formats=("pdf",), jobs=1))
    script = (
        "import sys\n"
        "from parlbrief.pipeline import BuildOptions, build\n"
        "from parlbrief.project import Project\n"
        f"r = build(Project.at({str(shared.root)!r}), ['gamma'], "
        "options=BuildOptions(formats=('pdf',)))\n"
        "print(r.built, 'weasyprint' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "[] False", done.stderr


def test_a_changed_figure_rebuilds_exactly_the_briefings_that_print_it(shared: Project) -> None:
    build(shared, options=BuildOptions(jobs=2))
    before = {p.name: p.read_bytes() for p in shared.out.glob("*.pdf")}

    edit(shared, STATS, "value: 1697", "value: 1800")
    report = build(shared, options=BuildOptions(jobs=2))

    assert sorted(report.built) == ["alpha", "beta"]
    assert report.skipped == ["gamma"]
    assert report.reasons["beta"] == ["beta: statistic vacancies changed"]
    assert "1,800" in pdf_text(shared.out / "beta.pdf")
    assert "1,800" in pdf_text(shared.out / "alpha.pdf")  # a draft: no edition, no box
    assert (shared.out / "gamma.pdf").read_bytes() == before["gamma.pdf"]


def test_an_edit_to_one_statistic_leaves_users_of_the_others_alone(shared: Project) -> None:
    build(shared, options=HTML)
    edit(shared, STATS, "label: Extra funding for probation", "label: Extra money for probation")
    assert build(shared, options=HTML).built == ["gamma"]


def test_a_template_change_rebuilds_everything_and_says_why(shared: Project) -> None:
    build(shared, options=HTML)
    edit(shared, "templates/briefing.css", "font-size: 10pt", "font-size: 11pt")
    report = build(shared, options=HTML)
    assert report.built == ["alpha", "beta", "gamma"]
    assert report.reasons["alpha"] == ["alpha: template briefing.css changed"]


def test_a_deleted_output_is_rebuilt(shared: Project) -> None:
    build(shared, options=HTML)
    (shared.out / "beta.html").unlink()
    report = build(shared, options=HTML)
    assert report.built == ["beta"]
    assert report.reasons["beta"] == ["beta: output beta.html missing"]
    assert (shared.out / "beta.html").is_file()


def test_a_damaged_manifest_means_a_full_rebuild_not_a_crash(shared: Project) -> None:
    build(shared, options=HTML)
    (shared.out / MANIFEST_NAME).write_text('{"format": 1, "outputs": [', encoding="utf-8")
    report = build(shared, options=HTML)
    assert report.built == ["alpha", "beta", "gamma"]
    assert "manifest unreadable" in report.reasons["alpha"][0]
    assert build(shared, options=HTML).built == []


def test_the_manifest_says_what_each_output_was_made_from(shared: Project) -> None:
    build(shared, options=HTML)
    manifest = json.loads((shared.out / MANIFEST_NAME).read_text(encoding="utf-8"))
    inputs = manifest["outputs"]["alpha"]["inputs"]
    assert {"briefing alpha", "argument staffing", "statistic officers", "statistic vacancies"} <= (
        set(inputs)
    )
    assert "statistic funding" not in inputs
    assert {"template briefing.css", "version parlbrief", "version weasyprint"} <= set(inputs)
    assert manifest["outputs"]["alpha"]["files"] == {"html": "alpha.html"}


def test_a_format_not_built_before_is_built_alone(shared: Project) -> None:
    build(shared, ["gamma"], options=HTML)
    html = (shared.out / "gamma.html").stat().st_mtime_ns
    report = build(shared, ["gamma"], options=BuildOptions(jobs=1))
    assert report.outputs == [shared.out / "gamma.pdf"]
    assert (shared.out / "gamma.html").stat().st_mtime_ns == html


def test_pdfs_are_the_same_bytes_build_after_build(shared: Project, tmp_path: Path) -> None:
    again = Project.at(shared.root, tmp_path / "again")
    build(shared, ["alpha"], options=BuildOptions(formats=("pdf",), jobs=1))
    build(again, ["alpha"], options=BuildOptions(formats=("pdf",), jobs=1))
    assert (shared.out / "alpha.pdf").read_bytes() == (again.out / "alpha.pdf").read_bytes()
    # Dates come from the briefing and its edition, never from the clock.
    assert PdfReader(again.out / "alpha.pdf").metadata["/CreationDate"] == "D:20260110"


def test_outputs_are_replaced_without_leaving_temporary_files(shared: Project) -> None:
    build(shared, options=HTML)
    edit(shared, "templates/briefing.css", "10pt", "12pt")
    build(shared, options=HTML)
    assert sorted(p.name for p in shared.out.iterdir()) == [
        "alpha.html",
        "beta.html",
        "gamma.html",
        MANIFEST_NAME,
    ]


def test_touching_a_file_without_changing_it_rebuilds_nothing(shared: Project) -> None:
    build(shared, options=HTML)
    (shared.root / STATS).touch()
    assert build(shared, options=HTML).built == []
    assert build(shared, options=HTML).built == []


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(shared: Project) -> None:
    build(shared, options=HTML)
    path = shared.root / STATS
    before = path.stat()
    edit(shared, STATS, "value: 1697", "value: 1698")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` or rsync might
    assert build(shared, options=HTML).built == ["alpha", "beta"]


def test_a_build_with_nothing_changed_still_shows_the_warnings(make_project: MakeProject) -> None:
    uncited = "- id: nobody-cites-me\n  kind: report\n  author: A\n  title: B\n  date: 2020\n"
    project = make_project({"sources/references/extra.yaml": uncited})
    first = build(project, options=HTML)
    second = build(project, options=HTML)
    assert second.built == []
    said = [str(w) for w in second.warnings.sorted()]
    assert any("nobody-cites-me" in w for w in said)
    assert said == [str(w) for w in first.warnings.sorted()]
