"""The `parlbrief` command as a user runs it: what it prints, what it writes, how it exits.

Exit codes: 0 all well; 1 problems in the project's files; 2 a command that cannot be
done (unknown briefing, bad option, not a project); 3 a briefing failed to render.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from parlbrief.cli.commands import app
from parlbrief.project import Project
from tests.conftest import REPO, MakeProject

UNUSED_REFERENCE = (
    "- id: unused-2020\n  kind: report\n  author: Napo\n  title: A report nobody cites\n"
    "  date: 2020\n"
)
BROKEN_QUESTION = "- id: q-broken\n  to: the Minister\n"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


# --- list --------------------------------------------------------------------------------------


def test_list_prints_each_briefing(minimal: Project) -> None:
    result = run("list", "--project", minimal.root)
    assert result.exit_code == 0
    assert "minimal  Briefing 1: Local services work best (2026-11-23)" in result.stdout


def test_list_leaves_a_variant_title_open_and_says_what_varies() -> None:
    """The example letter's title names the region around {variant}: the list once
    read "in the each probation region probation region"."""
    result = run("list", "--project", REPO)
    line = " ".join(
        next(x for x in result.stdout.splitlines() if x.startswith("letter-regional-mps")).split()
    )
    assert "Probation officer shortages in the … probation region" in line
    assert "[12 variants, one per probation region]" in line


def test_list_names_the_latest_edition_beside_the_drafts_date() -> None:
    # The outputs of a published briefing print its latest edition's date; the list
    # gives both, so that it says what the reader of the PDF sees.
    result = run("list", "--project", REPO)
    line = " ".join(
        next(x for x in result.stdout.splitlines() if x.startswith("briefing-5 ")).split()
    )
    assert line.endswith("(2026-11-23; edition 2 of 2026-11-25)"), line


def test_list_json_shape(minimal: Project) -> None:
    result = run("list", "--project", minimal.root, "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows == [
        {
            "id": "minimal",
            "series": "Briefing 1",
            "title": "Local services work best",
            "date": "2026-11-23",
            "path": "briefings/minimal.yaml",
            "variants": [],
            "edition": None,
        }
    ]


# --- check -------------------------------------------------------------------------------------


def test_check_on_a_clean_project_says_so_and_exits_0(minimal: Project) -> None:
    result = run("check", "-p", minimal.root)
    assert result.exit_code == 0, result.stderr
    # Then what rests on no source: here one 'see' citation (a note, not a problem).
    assert result.stdout == (
        "All good: 1 briefing, 2 references, 3 statistics.\n"
        "Claims: 0 sentences rest on no source, 1 on a signal only ('See', 'Cf'), 0 marked "
        "as our own position - `parlbrief claims ID` lists them.\n"
    )
    assert result.stderr == ""


def test_check_json_on_a_clean_project(minimal: Project) -> None:
    result = run("check", "-p", minimal.root, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"ok": True, "problems": []}


def test_check_prints_each_problem_as_path_line_message(make_project: MakeProject) -> None:
    project = make_project({"sources/questions/broken.yaml": BROKEN_QUESTION})
    result = run("check", "-p", project.root)
    assert result.exit_code == 1
    assert (
        "sources/questions/broken.yaml:1: text: this field is required - add it"
        in result.stderr.splitlines()
    )


def test_check_json_lists_problems_with_file_and_line(make_project: MakeProject) -> None:
    project = make_project({"sources/questions/broken.yaml": BROKEN_QUESTION})
    result = run("check", "-p", project.root, "--json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert {
        "path": "sources/questions/broken.yaml",
        "line": 1,
        "column": None,
        "severity": "error",
        "message": "text: this field is required - add it",
    } in payload["problems"]


def test_a_warning_fails_check_only_when_strict(make_project: MakeProject) -> None:
    project = make_project({"sources/references/unused.yaml": UNUSED_REFERENCE})
    relaxed = run("check", "-p", project.root)
    assert relaxed.exit_code == 0
    assert "unused-2020: no briefing cites this reference" in relaxed.stderr
    assert run("check", "-p", project.root, "--strict").exit_code == 1


# --- build -------------------------------------------------------------------------------------


def test_build_writes_a_pdf_and_an_html_page(minimal: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", "-p", minimal.root, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert (out / "minimal.pdf").read_bytes().startswith(b"%PDF-")
    assert "<html" in (out / "minimal.html").read_text(encoding="utf-8")


def test_build_json_reports_what_was_built(minimal: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", "minimal", "-p", minimal.root, "-o", out, "-f", "html", "--json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["built"] == ["minimal"]
    assert payload["failed"] == []
    assert isinstance(payload["skipped"], list)
    assert sorted(p.name for p in out.glob("minimal.*")) == ["minimal.html"]


def test_a_content_error_builds_nothing_and_exits_1(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = make_project({"sources/questions/broken.yaml": BROKEN_QUESTION})
    result = run("build", "-p", project.root, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "nothing was built" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_unknown_briefing_exits_2(minimal: Project) -> None:
    result = run("build", "no-such-briefing", "-p", minimal.root)
    assert result.exit_code == 2
    assert "no briefing called no-such-briefing" in result.stderr


@pytest.mark.parametrize("fmt", ["odt", "", "pdf,epub"])
def test_an_unknown_format_exits_2(minimal: Project, fmt: str) -> None:
    result = run("build", "-p", minimal.root, "--format", fmt)
    assert result.exit_code == 2
    assert "--format takes pdf, html or pdf,html" in result.stderr


@pytest.mark.parametrize("command", ["build", "check", "list"])
def test_a_folder_that_is_not_a_project_exits_2(command: str, tmp_path: Path) -> None:
    result = run(command, "--project", tmp_path)
    assert result.exit_code == 2
    assert "is not a parlbrief project" in result.stderr


def test_a_template_that_fails_is_found_before_anything_is_built(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = make_project({"templates/briefing.html.j2": "<p>{{ no_such_name }}</p>\n"})
    result = run("build", "-p", project.root, "-o", tmp_path / "out")
    assert result.exit_code == 1, result.stderr
    assert "templates/briefing.html.j2:1: template error: 'no_such_name' is undefined" in (
        result.stderr
    )
    assert not (tmp_path / "out").exists()


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("parlbrief ")


# --- speed: only a build that renders loads WeasyPrint ---------------------------------------

#: Runs the parlbrief command in a fresh interpreter (this test process may already have
#: WeasyPrint loaded), then says whether WeasyPrint was imported or a render worker
#: (the fork server that preloads it) was started.
_LOADS_RENDERER = """
import sys
from multiprocessing import forkserver
from parlbrief.cli.main import main
sys.argv = ["parlbrief", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
started = forkserver._forkserver._forkserver_pid is not None
print("weasyprint" in sys.modules or started)
"""


def _loads_renderer(*args: str | Path) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", _LOADS_RENDERER, *map(str, args)],
        check=True, capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    return done.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.parametrize("command", [["check"], ["list"], ["figures"]])
def test_reading_commands_never_load_weasyprint(command: list[str]) -> None:
    assert not _loads_renderer(*command, "--project", REPO / "tests" / "projects" / "minimal")


def test_an_up_to_date_build_never_loads_weasyprint(make_project: MakeProject) -> None:
    project = make_project()
    assert _loads_renderer("build", "--project", project.root)  # the first build renders
    assert not _loads_renderer("build", "--project", project.root)
    assert not _loads_renderer("build", "minimal", "--project", project.root)


def test_checking_a_project_without_templates_of_its_own_loads_no_renderer(
    tmp_path: Path,
) -> None:
    # The example project uses parlbrief's own templates (checked by the render tests
    # below): checking it needs neither Jinja nor, when all is well, rich. All is well
    # in a copy whose figures cannot go stale: the example's own max_age_days makes
    # check warn about its 2022 figures, as it should.
    shutil.copytree(REPO, tmp_path / "example", ignore=shutil.ignore_patterns("build", ".*"))
    settings = tmp_path / "example" / "parlbrief.yaml"
    lines = settings.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("max_age_days:")]
    settings.write_text("\n".join([*kept, "max_age_days: 36500", ""]), encoding="utf-8")
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from parlbrief.cli.commands import app\n"
        f"result = CliRunner().invoke(app, ['check', '--project', {str(settings.parent)!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "assert result.output.startswith('All good:'), result.output\n"
        "loaded = {'jinja2', 'rich', 'weasyprint'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
