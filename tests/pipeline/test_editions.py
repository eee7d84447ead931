"""Editions follow publication: builds make drafts, which show the last published edition,
carry a Draft mark when they differ from it, and never record an edition."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.errors import ContentError
from parlbrief.pipeline import BuildOptions, build
from parlbrief.pipeline.publish import publish
from parlbrief.project import Project
from tests.pipeline.conftest import edit

LATER = date(2026, 12, 1)
HTML = BuildOptions(formats=("html",), today=LATER)
STATS = "sources/statistics/shared.yaml"
DRAFT_LABEL = '<span class="draft-label">Draft</span>'


def history(project: Project, key: str) -> list[dict[str, object]]:
    path = project.root / "editions" / f"{key}.json"
    editions: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["editions"]
    return editions


def html(project: Project, key: str) -> str:
    return (project.out / f"{key}.html").read_text(encoding="utf-8")


def built_in_look(project: Project) -> None:
    """Use parlbrief's own templates (the sample project brings a small one)."""
    for name in ("briefing.html.j2", "briefing.css"):
        (project.root / "templates" / name).unlink()


def publish_html(project: Project, key: str, on: date = LATER, note: str | None = None) -> None:
    """Publish `key` (PDF and HTML, one render process) as of `on`."""
    publish(project, [key], note=note, options=BuildOptions(today=on, jobs=1))


def test_two_builds_with_a_content_change_between_them_record_no_edition(
    shared: Project,
) -> None:
    first = build(shared, options=HTML)
    edit(shared, STATS, "value: 1697", "value: 1800")
    second = build(shared, options=HTML)

    assert not (shared.root / "editions").exists()
    assert second.built == ["alpha", "beta"]
    assert first.drafts == {"alpha": None, "beta": None, "gamma": None}  # never published
    assert "Edition 1, last updated 10 February 2026" in html(shared, "beta")


def test_a_draft_shows_the_last_published_edition(shared: Project) -> None:
    publish_html(shared, "beta")
    edit(shared, STATS, "value: 1697", "value: 1800")
    report = build(shared, options=BuildOptions(formats=("html",), today=date(2027, 1, 5)))

    assert report.drafts == {"alpha": None, "beta": 1, "gamma": None}  # all built: first build
    assert "Edition 1, last updated 1 December 2026" in html(shared, "beta")
    assert len(history(shared, "beta")) == 1


def test_the_draft_mark_shows_on_a_changed_draft_and_not_on_a_published_copy(
    shared: Project,
) -> None:
    built_in_look(shared)
    build(shared, ["beta"], options=HTML)
    never = html(shared, "beta")
    assert DRAFT_LABEL in never and "not yet published" in never
    assert "<title>Draft: Briefing 2: Vacancies</title>" in never

    publish_html(shared, "beta")
    kept = (shared.root / "published" / "beta" / "edition-1.html").read_text(encoding="utf-8")
    assert DRAFT_LABEL not in kept and "<title>Briefing 2: Vacancies</title>" in kept
    build(shared, ["beta"], options=HTML)
    assert DRAFT_LABEL not in html(shared, "beta")  # the draft says what was published

    edit(shared, STATS, "value: 1697", "value: 1800")
    build(shared, ["beta"], options=HTML)
    changed = html(shared, "beta")
    assert DRAFT_LABEL in changed
    # The edition's date once, in the masthead; the mark names the edition only.
    assert "changed since edition 1</p>" in changed
    assert changed.count("1 December 2026</time>") == 1


def test_a_look_alone_does_not_make_a_draft(shared: Project) -> None:
    built_in_look(shared)
    publish_html(shared, "beta")
    edit(shared, "templates/brands/default/brand.yaml", "name:", "tagline: New look\nname:")
    report = build(shared, ["beta"], options=HTML)
    assert report.built == ["beta"] and report.drafts == {}
    assert DRAFT_LABEL not in html(shared, "beta")


@pytest.mark.parametrize("how", ["option", "setting"])
def test_the_draft_mark_can_be_turned_off(shared: Project, how: str) -> None:
    built_in_look(shared)
    build(shared, ["beta"], options=HTML)
    assert DRAFT_LABEL in html(shared, "beta")
    if how == "option":
        options = BuildOptions(formats=("html",), today=LATER, draft_mark=False)
    else:
        (shared.root / "parlbrief.yaml").write_text("draft_mark: false\n", encoding="utf-8")
        options = HTML
    report = build(shared, ["beta"], options=options)
    assert report.built == ["beta"]
    if how == "option":  # a setting changes parlbrief.yaml, which is its own reason
        assert report.reasons["beta"] == ["beta: draft mark changed"]
    page = html(shared, "beta")
    assert DRAFT_LABEL not in page and "<title>Briefing 2: Vacancies</title>" in page
    assert report.drafts == {"beta": None}  # still a draft, only unmarked


def test_the_no_draft_mark_flag(shared: Project) -> None:
    built_in_look(shared)
    args = ["build", "beta", "--format", "html", "--no-draft-mark", "--project", str(shared.root)]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    assert "Changed since last published: beta (never published)" in done.output
    assert DRAFT_LABEL not in html(shared, "beta")


def test_publishing_rebuilds_the_draft_and_then_nothing(shared: Project) -> None:
    build(shared, options=HTML)
    publish_html(shared, "beta")
    again = build(shared, options=HTML)
    assert again.built == ["beta"]
    assert again.reasons["beta"] == ["beta: draft mark changed", "beta: edition changed"]
    assert build(shared, options=HTML).built == []


def test_a_draft_set_back_to_what_was_published_is_not_a_draft(shared: Project) -> None:
    """The issue's case: a figure corrected and set back is no edition and no box."""
    edit(shared, "briefings/beta.yaml", "date:", "show_changes: true\ndate:")
    publish_html(shared, "beta")
    edit(shared, STATS, "value: 1697", "value: 1800")
    build(shared, options=HTML)
    edit(shared, STATS, "value: 1800", "value: 1697")
    report = build(shared, options=HTML)

    assert report.drafts == {"alpha": None}
    assert "What has changed" not in html(shared, "beta")
    assert len(history(shared, "beta")) == 1


def test_the_changes_box_only_when_asked_and_against_the_published_edition(
    shared: Project,
) -> None:
    built_in_look(shared)
    publish_html(shared, "beta")
    edit(shared, STATS, "value: 1697", "value: 1800")
    build(shared, ["beta"], options=HTML)
    assert 'class="changes"' not in html(shared, "beta")  # not asked for

    edit(shared, "briefings/beta.yaml", "date:", "show_changes: true\ndate:")
    report = build(shared, ["beta"], options=HTML)
    assert report.reasons["beta"] == ["beta: briefing beta changed"]
    draft = html(shared, "beta")
    assert ">What has changed since the last edition</h2>" in draft
    assert "Changes since edition 1</p>" in draft
    assert "Probation officer vacancies: " in draft and "1,697" in draft and "1,800" in draft

    publish_html(shared, "beta", on=date(2026, 12, 9))
    kept = (shared.root / "published" / "beta" / "edition-2.html").read_text(encoding="utf-8")
    assert "Changes since edition 1</p>" in kept
    assert 'datetime="2026-12-09">Edition 2, 9 December 2026</time>' in kept
    assert kept.count("9 December 2026</time>") == 1
    assert "1,697" in kept and DRAFT_LABEL not in kept
    assert '<meta name="dcterms.modified" content="2026-12-09">' in kept


def test_show_changes_is_not_content(shared: Project) -> None:
    publish_html(shared, "beta")
    edit(shared, "briefings/beta.yaml", "date:", "show_changes: true\ndate:")
    assert build(shared, ["beta"], options=HTML).drafts == {}


def test_a_damaged_history_is_reported_with_its_file(shared: Project) -> None:
    (shared.root / "editions").mkdir()
    (shared.root / "editions" / "beta.json").write_text("{", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(shared, options=HTML)
    assert caught.value.problems[0].origin.path == "editions/beta.json"
    assert "restore it from version control" in caught.value.problems[0].message


def test_a_history_from_a_newer_parlbrief_says_to_upgrade(shared: Project) -> None:
    (shared.root / "editions").mkdir()
    (shared.root / "editions" / "beta.json").write_text('{"format": 9}', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(shared, options=HTML)
    assert "upgrade parlbrief" in caught.value.problems[0].message


def changes(project: Project, *args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, ["changes", *args, "--project", str(project.root)])
    return done.exit_code, done.stdout


def test_changes_lists_published_editions_with_dates_notes_and_changes(
    shared: Project,
) -> None:
    publish_html(shared, "beta", note="First sent to MPs")
    edit(shared, STATS, "value: 1697", "value: 1800")
    build(shared, options=HTML)  # a draft: not listed
    publish_html(shared, "beta", on=date(2026, 12, 9), note="New vacancy figure")

    code, text = changes(shared, "beta")
    assert code == 0, text
    assert "Edition 1 (2026-12-01)" in text and "note: First sent to MPs" in text
    assert "Edition 2 (2026-12-09)" in text and "note: New vacancy figure" in text
    assert "Probation officer vacancies: 1,697 → 1,800" in text
    assert "kept: published/beta/edition-2.html, published/beta/edition-2.pdf" in text

    code, text = changes(shared, "beta", "--json")
    editions = json.loads(text)["editions"]
    assert [(e["edition"], e["date"], e["note"]) for e in editions] == [
        (1, "2026-12-01", "First sent to MPs"),
        (2, "2026-12-09", "New vacancy figure"),
    ]
    assert editions[1]["changes"][0] | {} == {
        "id": "vacancies",
        "label": "Probation officer vacancies",
        "old": "1,697",
        "new": "1,800",
    }
    assert editions[1]["changed"] == ["statistic vacancies changed"]
    assert editions[1]["files"]["pdf"] == "published/beta/edition-2.pdf"


def test_changes_of_a_briefing_never_published(shared: Project) -> None:
    build(shared, options=HTML)
    code, text = changes(shared, "beta")
    assert code == 0
    assert "beta has not been published yet: `parlbrief publish beta` records edition 1" in text


def test_changes_for_an_unknown_briefing_is_a_usage_error(shared: Project) -> None:
    assert changes(shared, "nope")[0] == 2
