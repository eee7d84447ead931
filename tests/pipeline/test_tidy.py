"""`build` leaves in its folder only what it would make now: the outputs of a deleted
briefing go, and so does a Word file or an email made on request once its briefing has
changed and been rebuilt without it; the build says so in one line. Nothing else is
ever removed: not a failed briefing's last good files, not a file a tampered manifest
names outside the folder."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.project import MANIFEST_NAME, Project
from tests.pipeline.conftest import edit

DAY = date(2026, 12, 1)
STATS = "sources/statistics/shared.yaml"


def _build(project: Project, *args: str) -> tuple[int, str]:
    run = ["build", *args, "--project", str(project.root)]
    done = CliRunner().invoke(app, run, env={"PARLBRIEF_TODAY": DAY.isoformat()})
    return done.exit_code, done.output


def _outputs(project: Project) -> list[str]:
    return sorted(p.name for p in project.out.iterdir() if p.name != MANIFEST_NAME)


def test_a_deleted_briefings_outputs_are_removed_and_said_so(shared: Project) -> None:
    code, said = _build(shared)
    assert code == 0, said
    (shared.root / "briefings" / "gamma.yaml").unlink()

    code, said = _build(shared)

    assert code == 0, said
    assert "Removed 2 files this build no longer makes: gamma.html, gamma.pdf." in said
    assert _outputs(shared) == ["alpha.html", "alpha.pdf", "beta.html", "beta.pdf"]
    code, said = _build(shared)  # once only
    assert "Removed" not in said


def test_an_email_made_on_request_goes_once_its_briefing_is_rebuilt(shared: Project) -> None:
    code, said = _build(shared, "beta", "--format", "pdf,html,eml")
    assert code == 0, said
    code, said = _build(shared, "beta")  # nothing changed: the email still matches
    assert (shared.out / "beta.eml").is_file() and "Removed" not in said

    edit(shared, STATS, "value: 1697", "value: 1800")
    code, said = _build(shared, "beta")

    assert code == 0, said
    assert "Removed 1 file this build no longer makes: beta.eml." in said
    assert not (shared.out / "beta.eml").exists()
    assert (shared.out / "beta.pdf").is_file()


def test_a_build_of_one_format_keeps_the_others_made_by_default(shared: Project) -> None:
    # `build --format html` for a quick look at a change: the PDF, perhaps about to be
    # sent, stays (the next full build remakes it); only on-request formats go.
    code, said = _build(shared, "beta")
    assert code == 0, said
    edit(shared, STATS, "value: 1697", "value: 1800")
    code, said = _build(shared, "beta", "--format", "html")
    assert code == 0, said
    assert "Removed" not in said and (shared.out / "beta.pdf").is_file()


def test_a_failed_briefing_keeps_its_last_good_files(shared: Project) -> None:
    code, said = _build(shared, "beta", "--format", "pdf,html,eml")
    assert code == 0, said
    edit(shared, STATS, "value: 1697", "value: 1800")

    code, said = _build(shared, "beta", "--timeout", "0.001")

    assert code == 3, said
    assert "Removed" not in said
    assert (shared.out / "beta.eml").is_file() and (shared.out / "beta.pdf").is_file()


def test_a_manifest_naming_a_file_outside_the_folder_removes_nothing(shared: Project) -> None:
    code, said = _build(shared)
    assert code == 0, said
    outside = shared.root / "outside.pdf"
    outside.write_bytes(b"%PDF- kept")
    manifest = shared.out / MANIFEST_NAME
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["outputs"]["../outside"] = {"files": {"pdf": "../outside.pdf"}, "inputs": {}}
    data["outputs"]["delta"] = {"files": {"pdf": "../outside.pdf"}, "inputs": {}}
    data["tree"] = None
    manifest.write_text(json.dumps(data), encoding="utf-8")

    code, said = _build(shared)

    assert code == 0, said
    assert outside.read_bytes() == b"%PDF- kept"
    assert "Removed" not in said
