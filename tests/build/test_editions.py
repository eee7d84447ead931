"""Editions: the number and "last updated" date move only when what a briefing says does."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from parlbrief.build import BuildOptions, build
from parlbrief.cli.commands import app
from parlbrief.errors import ContentError
from parlbrief.project import Project
from tests.build.conftest import edit

LATER = date(2026, 12, 1)
HTML = BuildOptions(formats=("html",), today=LATER)
STATS = "sources/statistics/shared.yaml"


def history(project: Project, key: str) -> list[dict[str, object]]:
    path = project.root / "editions" / f"{key}.json"
    editions: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["editions"]
    return editions


def html(project: Project, key: str) -> str:
    return (project.out / f"{key}.html").read_text(encoding="utf-8")


def test_the_first_edition_is_dated_by_the_briefing(shared: Project) -> None:
    build(shared, options=HTML)
    [first] = history(shared, "beta")
    assert (first["edition"], first["date"]) == (1, "2026-02-10")
    assert "Edition 1, last updated 10 February 2026" in html(shared, "beta")
    assert "What has changed" not in html(shared, "beta")


def test_rebuilding_the_same_content_keeps_the_edition(shared: Project) -> None:
    build(shared, options=HTML)
    saved = (shared.root / "editions" / "beta.json").read_bytes()
    edit(shared, "templates/briefing.css", "10pt", "11pt")  # looks, not content
    report = build(shared, options=BuildOptions(formats=("html",), today=date(2027, 1, 1)))
    assert report.built == ["alpha", "beta", "gamma"] and report.editions == {}
    assert (shared.root / "editions" / "beta.json").read_bytes() == saved


def test_a_changed_figure_makes_a_new_edition_saying_what_changed(shared: Project) -> None:
    build(shared, options=HTML)
    edit(shared, STATS, "value: 1697", "value: 1800")
    report = build(shared, options=HTML)

    assert report.editions == {"alpha": 2, "beta": 2}
    second = history(shared, "beta")[-1]
    assert (second["edition"], second["date"]) == (2, "2026-12-01")
    assert second["changed"] == ["statistic vacancies changed"]
    assert second["changes"] == [
        {"id": "vacancies", "label": "Probation officer vacancies", "old": "1,697", "new": "1,800"}
    ]
    page = html(shared, "beta")
    assert "Edition 2, last updated 1 December 2026" in page
    assert "What has changed since the last edition" in page
    assert "Probation officer vacancies: 1,697 → 1,800" in page
    assert len(history(shared, "gamma")) == 1


def test_changes_command_prints_old_and_new_values(shared: Project) -> None:
    build(shared, options=HTML)
    edit(shared, STATS, "value: 1697", "value: 1800")
    build(shared, options=HTML)
    runner = CliRunner()

    text = runner.invoke(app, ["changes", "beta", "--project", str(shared.root)])
    assert text.exit_code == 0, text.output
    assert "Edition 2 (2026-12-01)" in text.output
    assert "Probation officer vacancies: 1,697 → 1,800" in text.output

    as_json = runner.invoke(app, ["changes", "beta", "--project", str(shared.root), "--json"])
    editions = json.loads(as_json.stdout)["editions"]
    assert [e["edition"] for e in editions] == [1, 2]
    assert editions[1]["changes"][0]["old"] == "1,697"


def test_changes_for_an_unknown_briefing_is_a_usage_error(shared: Project) -> None:
    done = CliRunner().invoke(app, ["changes", "nope", "--project", str(shared.root)])
    assert done.exit_code == 2


def test_a_build_can_leave_the_edition_history_alone(shared: Project) -> None:
    build(shared, options=BuildOptions(formats=("html",), record_editions=False))
    assert not (shared.root / "editions").exists()
    assert "Edition 1" in html(shared, "alpha")


def test_a_damaged_history_is_reported_with_its_file(shared: Project) -> None:
    build(shared, options=HTML)
    (shared.root / "editions" / "beta.json").write_text("{", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(shared, options=HTML)
    assert caught.value.problems[0].origin.path == "editions/beta.json"
    assert "delete it to start again" in caught.value.problems[0].message


def test_a_new_hashing_scheme_is_not_a_new_edition(shared: Project) -> None:
    build(shared, options=HTML)
    path = shared.root / "editions" / "beta.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["editions"][-1].update(scheme=0, content="made-by-an-older-parlbrief")
    path.write_text(json.dumps(data), encoding="utf-8")

    assert build(shared, options=HTML).editions == {}
    assert len(history(shared, "beta")) == 1


def test_the_built_in_template_shows_what_has_changed(shared: Project) -> None:
    for name in ("briefing.html.j2", "briefing.css"):  # use the built-in look
        (shared.root / "templates" / name).unlink()
    build(shared, ["beta"], options=HTML)
    assert 'class="changes"' not in html(shared, "beta")
    edit(shared, STATS, "value: 1697", "value: 1800")
    build(shared, ["beta"], options=HTML)
    page = html(shared, "beta")
    assert ">What has changed since the last edition</h2>" in page
    assert "Edition 2, last updated" in page and "1 December 2026" in page
    assert '<meta name="dcterms.modified" content="2026-12-01">' in page
