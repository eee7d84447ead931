"""`parlbrief publish`: a new edition recorded, and the exact PDF and HTML that went out
kept under published/, so that what an MP received can be shown again byte for byte."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

import parlbrief.pipeline.editions as editions
from parlbrief.cli.commands import app
from parlbrief.errors import UsageError
from parlbrief.pipeline import BuildOptions, build
from parlbrief.pipeline.publish import publish
from parlbrief.project import Project
from tests.conftest import MakeProject
from tests.pipeline.conftest import edit

DAY = date(2026, 12, 1)
STATS = "sources/statistics/shared.yaml"


def options(on: date = DAY) -> BuildOptions:
    return BuildOptions(today=on, jobs=1)


def kept(project: Project, key: str, number: int, fmt: str) -> Path:
    return project.root / "published" / key / f"edition-{number}.{fmt}"


def recorded(project: Project, key: str) -> list[dict[str, object]]:
    path = project.root / "editions" / f"{key}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == 2
    editions: list[dict[str, object]] = data["editions"]
    return editions


def title(pdf: Path) -> str:
    metadata = PdfReader(pdf).metadata
    assert metadata is not None and metadata.title is not None
    return str(metadata.title)


def parlbrief(project: Project, *args: str) -> tuple[int, str]:
    run = [*args, "--project", str(project.root)]
    done = CliRunner().invoke(app, run, env={"PARLBRIEF_TODAY": DAY.isoformat()})
    return done.exit_code, done.output


def test_publish_records_an_edition_and_keeps_its_pdf_byte_for_byte(
    shared: Project, tmp_path: Path
) -> None:
    report = publish(shared, ["beta"], note="For the debate on 3 December", options=options())

    assert list(report.published) == ["beta"]
    [first] = recorded(shared, "beta")
    assert (first["edition"], first["date"], first["note"]) == (
        1,
        "2026-12-01",
        "For the debate on 3 December",
    )
    assert first["files"] == {
        "html": "published/beta/edition-1.html",
        "pdf": "published/beta/edition-1.pdf",
    }
    pdf = kept(shared, "beta", 1, "pdf").read_bytes()
    assert title(kept(shared, "beta", 1, "pdf")) == "Vacancies"

    # The same content built again, anywhere, gives the very bytes that were kept...
    again = Project.at(shared.root, tmp_path / "again")
    build(again, ["beta"], options=BuildOptions(today=date(2027, 3, 1), jobs=1))
    assert (again.out / "beta.pdf").read_bytes() == pdf
    # ...and a later edition leaves the kept copy as it was.
    edit(shared, STATS, "value: 1697", "value: 1800")
    publish(shared, ["beta"], options=options(date(2026, 12, 9)))
    assert kept(shared, "beta", 1, "pdf").read_bytes() == pdf
    assert [e["edition"] for e in recorded(shared, "beta")] == [1, 2]
    assert recorded(shared, "beta")[1]["changed"] == ["statistic vacancies changed"]


def test_publishing_twice_without_a_change_is_refused(shared: Project) -> None:
    publish(shared, ["gamma"], options=options())
    code, output = parlbrief(shared, "publish", "gamma")
    assert code == 2, output
    assert "gamma: nothing has changed since edition 1 (1 December 2026)" in output
    assert "use --force" in output
    assert len(recorded(shared, "gamma")) == 1
    assert not kept(shared, "gamma", 2, "pdf").exists()


def test_force_publishes_the_same_content_again(shared: Project) -> None:
    publish(shared, ["gamma"], options=options())
    code, output = parlbrief(shared, "publish", "gamma", "--force", "--note", "Reissued")
    assert code == 0, output
    assert "gamma: published edition 2" in output
    second = recorded(shared, "gamma")[1]
    assert (second["edition"], second["note"], second["changes"]) == (2, "Reissued", [])
    assert kept(shared, "gamma", 2, "pdf").is_file()


def test_the_published_copy_carries_no_draft_mark(shared: Project) -> None:
    for name in ("briefing.html.j2", "briefing.css"):  # the built-in look has the mark
        (shared.root / "templates" / name).unlink()
    build(shared, ["beta"], options=options())
    assert title(shared.out / "beta.pdf") == "Draft: Briefing 2: Vacancies"
    publish(shared, ["beta"], options=options())
    reader = PdfReader(kept(shared, "beta", 1, "pdf"))
    assert title(kept(shared, "beta", 1, "pdf")) == "Briefing 2: Vacancies"
    assert "Draft" not in "".join(page.extract_text() for page in reader.pages)


def test_the_command_says_what_it_kept(shared: Project) -> None:
    code, output = parlbrief(shared, "publish", "alpha", "--json")
    assert code == 0, output
    done = json.loads(output)
    assert done["published"]["alpha"]["edition"] == 1
    assert done["published"]["alpha"]["files"]["pdf"] == "published/alpha/edition-1.pdf"


@pytest.mark.parametrize(
    "args, message",
    [
        (["publish", "nope"], "no briefing called nope"),
        (["publish", "../x"], "is not a briefing id"),
        (["publish"], "say which briefing to publish: parlbrief publish ID"),
    ],
)
def test_bad_publish_commands_are_usage_errors(
    shared: Project, args: list[str], message: str
) -> None:
    code, output = parlbrief(shared, *args)
    assert code == 2 and message in output


def test_a_content_error_publishes_nothing(shared: Project) -> None:
    edit(shared, STATS, "value: 1697", "value: lots")
    code, output = parlbrief(shared, "publish", "beta")
    assert code == 1
    assert "sources/statistics/shared.yaml:" in output and "nothing was published" in output
    assert not (shared.root / "editions").exists() and not (shared.root / "published").exists()


def test_a_day_before_the_last_edition_is_refused(shared: Project) -> None:
    publish(shared, ["beta"], options=options())
    edit(shared, STATS, "value: 1697", "value: 1800")
    with pytest.raises(UsageError, match="edition 1 is dated 1 December 2026, after today"):
        publish(shared, ["beta"], options=options(date(2026, 11, 1)))


def test_an_interrupted_publish_records_nothing_and_can_be_run_again(
    shared: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(editions, "write_history", interrupted)
    with pytest.raises(KeyboardInterrupt):
        publish(shared, ["beta"], options=options())
    assert kept(shared, "beta", 1, "pdf").is_file()  # whole, but not recorded
    assert not editions.history_path(shared.root, "beta").exists()

    monkeypatch.undo()
    publish(shared, ["beta"], options=options())  # the same day: the same bytes
    assert [e["edition"] for e in recorded(shared, "beta")] == [1]


def test_a_kept_copy_is_never_replaced_by_different_bytes(shared: Project) -> None:
    target = kept(shared, "beta", 1, "pdf")
    target.parent.mkdir(parents=True)
    target.write_bytes(b"%PDF- what an MP received")
    report = publish(shared, ["beta"], options=options())
    aside = target.with_name("unrecorded-edition-1.pdf")
    assert aside.read_bytes() == b"%PDF- what an MP received"  # moved aside, said so
    assert [w.origin.path for w in report.warnings.warnings] == ["published/beta/edition-1.pdf"]
    assert "it is now published/beta/unrecorded-edition-1.pdf: delete it if it was never" in (
        report.warnings.warnings[0].message
    )


def test_each_variant_is_published_under_its_briefing(make_project: MakeProject) -> None:
    project = make_project(base="figures")
    report = publish(project, ["regional"], options=BuildOptions(today=DAY))
    assert sorted(report.published) == [
        "regional/kent-surrey-and-sussex",
        "regional/north-east",
        "regional/wales",
    ]
    assert kept(project, "regional/wales", 1, "pdf").is_file()
    assert (project.root / "editions" / "regional" / "wales.json").is_file()

    code, output = parlbrief(project, "publish", "regional/wales")
    assert code == 2 and "regional/wales: nothing has changed since edition 1" in output
    code, output = parlbrief(project, "publish", "regional")
    assert code == 2 and "nothing has changed in 3 outputs" in output
    code, output = parlbrief(project, "changes", "regional", "--json")
    assert code == 0
    assert sorted(json.loads(output)["outputs"]) == sorted(report.published)
