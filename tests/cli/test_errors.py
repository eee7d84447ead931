"""How parlbrief fails: one clear message, the right exit code, and nothing lost.

Exit codes: 0 all well; 1 problems in the project's files; 2 a command that cannot be
done; 3 a render that failed or ran out of time. No Python traceback unless --debug.
A build killed at any moment leaves every PDF readable and the next build succeeds.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner, Result

from parlbrief import check as check_module
from parlbrief.cli.commands import app
from tests.conftest import PROJECTS

TEMPLATE = "templates/briefing.html.j2"
ARGUMENT = "sources/arguments/local-trusts.md"
PARLBRIEF = Path(sys.executable).parent / "parlbrief"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the guarded project (its own templates, so it renders on its own)."""
    return shutil.copytree(PROJECTS / "guarded", tmp_path / "project")


def built(project: Path) -> Path:
    out = project.parent / "out"
    result = run("build", "--project", project, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def pdfs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.rglob("*.pdf"))}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- exit codes and messages ------------------------------------------------------------------


def test_a_clean_project_exits_0(project: Path) -> None:
    assert run("check", "--project", project).exit_code == 0


def test_a_content_error_exits_1_naming_file_and_line_without_traceback(project: Path) -> None:
    replace(project / ARGUMENT, "[#officers-2022]", "[#officers-2021]")
    result = run("check", "--project", project)
    assert result.exit_code == 1
    # Square brackets in a message are the user's words, not terminal markup.
    assert f"{ARGUMENT}:8: [#officers-2021]: there is no statistic 'officers-2021'" in (
        result.output
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["check", "list", "build", "changes minimal"])
def test_every_command_takes_debug(project: Path, command: str) -> None:
    plain = run(*command.split(), "--project", project)
    debug = run(*command.split(), "--project", project, "--debug")
    assert plain.exit_code == debug.exit_code == 0, debug.output


def test_debug_shows_the_traceback_of_a_content_error(project: Path) -> None:
    (project / "sources" / "questions" / "questions.yaml").write_text("- id: [\n")
    plain = run("build", "--project", project)
    debug = run("build", "--project", project, "--debug")
    assert plain.exit_code == debug.exit_code == 1
    assert "Traceback" not in plain.output
    assert "Traceback" in debug.output and "ContentError" in debug.output
    assert "questions.yaml:2:1: expected the node content" in plain.output


def test_an_unknown_briefing_is_a_usage_error(project: Path) -> None:
    result = run("build", "nope", "--project", project)
    assert result.exit_code == 2
    assert "no briefing called nope" in result.output


@pytest.mark.parametrize("out", ["out.pdf", "out.pdf/inside"])
def test_an_output_folder_that_is_a_file_is_a_usage_error(project: Path, out: str) -> None:
    (project / "out.pdf").write_bytes(b"%PDF-1.7 an earlier export")
    result = run("build", "--project", project, "--out", project / out)
    assert result.exit_code == 2, result.output
    assert "out.pdf is a file, not a folder, so the outputs cannot go there" in result.output
    assert "Traceback" not in result.output and "unexpectedly" not in result.output
    assert (project / "out.pdf").read_bytes() == b"%PDF-1.7 an earlier export"


def test_a_folder_that_is_not_a_project_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--project", tmp_path)
    assert result.exit_code == 2
    assert "is not a parlbrief project" in result.output


def test_an_unexpected_error_is_one_sentence_not_a_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("something odd")

    # The CLI imports the pipeline inside each command, so patch it at its source.
    monkeypatch.setattr(check_module, "check", broken)
    monkeypatch.setattr(sys, "argv", ["parlbrief", "check"])
    with pytest.raises(SystemExit) as exited:
        app(["check", "--project", str(project)])
    assert exited.value.code == 1
    printed = capsys.readouterr().err
    assert "parlbrief stopped unexpectedly (RuntimeError: something odd)" in printed
    assert "run the same command with --debug" in printed
    assert "Traceback" not in printed


# --- templates ---------------------------------------------------------------------------------


def test_a_template_syntax_error_is_found_before_anything_renders(project: Path) -> None:
    out = built(project)
    before = pdfs(out)
    replace(project / TEMPLATE, "{% endif %}\n{% for section", "\n{% for section")
    result = run("build", "--project", project, "--out", out)
    assert result.exit_code == 1
    assert f"{TEMPLATE}:" in result.output and "template error:" in result.output
    assert pdfs(out) == before


@pytest.mark.parametrize(
    ("expression", "complaint"),
    [
        ("{{ briefing.titel }}", "has no attribute 'titel'"),
        ("{{ nonsense }}", "'nonsense' is undefined"),
        ("{{ ''.__class__.__mro__ }}", "unsafe"),
    ],
    ids=["misspelt field", "undefined name", "sandbox escape"],
)
def test_a_template_error_at_render_names_the_template_and_line(
    project: Path, expression: str, complaint: str
) -> None:
    out = built(project)
    before = pdfs(out)
    replace(project / TEMPLATE, "<h1>{{ briefing.title }}</h1>", f"<h1>{expression}</h1>")
    result = run("build", "--project", project, "--out", out)
    assert result.exit_code == 1, result.output  # found by the check a build begins with
    assert f"{TEMPLATE}:10: template error:" in result.output
    assert complaint in result.output
    assert "Traceback" not in result.output
    assert pdfs(out) == before


def test_a_template_that_loads_a_local_file_fails_with_exit_3(project: Path) -> None:
    out = built(project)
    before = pdfs(out)
    replace(project / TEMPLATE, "<body>", '<body><img src="file:///etc/passwd">')
    line = (
        (project / TEMPLATE)
        .read_text(encoding="utf-8")
        .split("\n")
        .index('<body><img src="file:///etc/passwd">')
    )
    result = run("build", "--project", project, "--out", out, "--format", "pdf")
    assert result.exit_code == 1, result.output  # found by the check a build begins with
    assert (
        f"{TEMPLATE}:{line + 1}: the pages these templates make would not be written: "
        "<img src='file:///etc/passwd'>: 'file:' addresses are not allowed here - remove it"
    ) in result.output
    assert pdfs(out) == before


# --- time limits and killed builds ------------------------------------------------------------


def test_a_render_over_the_time_limit_fails_with_exit_3_and_keeps_the_old_pdf(
    project: Path,
) -> None:
    # The built-in template: `check` fills a project's own templates in under the same
    # limit (one over it is the template's fault, exit 1), and under load 0.001 s is
    # too little even for this one. This test is about the PDF's render.
    (project / TEMPLATE).unlink()
    out = built(project)
    before = pdfs(out)
    replace(project / ARGUMENT, "35 local trusts", "thirty-five local trusts")
    start = time.monotonic()
    result = run("build", "--project", project, "--out", out, "--timeout", "0.001")
    assert time.monotonic() - start < 30
    assert result.exit_code == 3, result.output
    assert "gave up after 0.001 seconds" in result.output
    assert pdfs(out) == before
    assert not list(out.glob(".*.tmp"))


def many_briefings(project: Path, count: int) -> None:
    """Copies of the project's briefing, so that a build takes a few seconds."""
    text = (project / "briefings" / "minimal.yaml").read_text(encoding="utf-8")
    for number in range(count):
        (project / "briefings" / f"copy-{number}.yaml").write_text(text, encoding="utf-8")


def readable(pdf: Path) -> bool:
    try:
        return len(PdfReader(io.BytesIO(pdf.read_bytes())).pages) > 0
    except Exception:
        return False


@pytest.mark.parametrize("delay", [0.3, 0.7, 1.1, 1.6])
def test_a_build_killed_midway_leaves_only_readable_pdfs(project: Path, delay: float) -> None:
    many_briefings(project, 15)
    out = project.parent / "out"
    command = [str(PARLBRIEF), "build", "--project", str(project), "--out", str(out)]
    run_build = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert run_build.returncode == 0, run_build.stderr
    replace(project / ARGUMENT, "35 local trusts", "thirty-five local trusts")
    # Kill the whole build (main process and render workers) without warning.
    process = subprocess.Popen(
        [*command, "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    written = list(out.glob("*.pdf"))
    assert len(written) == 16
    assert [p.name for p in written if not readable(p)] == []
    again = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    assert all(readable(p) for p in out.glob("*.pdf"))
    assert "Traceback" not in again.stderr
