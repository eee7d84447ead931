"""A publish stopped between keeping its files and recording the edition leaves kept
files no history lists. The next publish recovers: the same bytes (the same day) are
taken as they are; different ones (a later day) are moved aside, not overwritten, with
one line saying where, and every recorded edition keeps its files."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import parlbrief.pipeline.editions as editions
from parlbrief.pipeline.publish import publish
from parlbrief.project import Project
from tests.pipeline.conftest import edit
from tests.pipeline.test_publish import DAY, STATS, kept, options, recorded


def _stopped_before_recording(project: Project, on: date, monkeypatch: pytest.MonkeyPatch) -> None:
    """A publish of beta on `on` that keeps its files, then dies before the history."""

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(editions, "write_history", killed)
        with pytest.raises(KeyboardInterrupt):
            publish(project, ["beta"], options=options(on))


def test_a_publish_the_day_after_an_interrupted_one_sets_its_files_aside(
    shared: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish(shared, ["beta"], options=options())
    first = {fmt: kept(shared, "beta", 1, fmt).read_bytes() for fmt in ("pdf", "html")}
    edit(shared, STATS, "value: 1697", "value: 1800")
    _stopped_before_recording(shared, DAY + timedelta(days=1), monkeypatch)
    left = {fmt: kept(shared, "beta", 2, fmt).read_bytes() for fmt in ("pdf", "html")}
    assert [e["edition"] for e in recorded(shared, "beta")] == [1]

    report = publish(shared, ["beta"], options=options(DAY + timedelta(days=2)))

    assert [(e["edition"], e["date"]) for e in recorded(shared, "beta")] == [
        (1, "2026-12-01"),
        (2, "2026-12-03"),
    ]
    assert [str(w) for w in report.warnings.warnings] == [
        "published/beta/edition-2.pdf: this file and its .html were kept by a publish that "
        "stopped before recording edition 2, and this publish makes edition 2 anew - they "
        "are now published/beta/unrecorded-edition-2.pdf and .html: delete them if they "
        "were never sent (if they were, restore editions/ from version control)"
    ]
    aside = shared.root / "published" / "beta"
    assert (aside / "unrecorded-edition-2.pdf").read_bytes() == left["pdf"]
    assert (aside / "unrecorded-edition-2.html").read_bytes() == left["html"]
    assert kept(shared, "beta", 2, "pdf").read_bytes() != left["pdf"]  # made on the 3rd
    for fmt in ("pdf", "html"):  # the recorded edition is untouched
        assert kept(shared, "beta", 1, fmt).read_bytes() == first[fmt]


def test_a_second_interrupted_publish_sets_its_files_aside_under_another_name(
    shared: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    aside = shared.root / "published" / "beta"
    aside.mkdir(parents=True)
    (aside / "unrecorded-edition-1.pdf").write_bytes(b"%PDF- set aside before")
    _stopped_before_recording(shared, DAY, monkeypatch)
    left = kept(shared, "beta", 1, "pdf").read_bytes()

    report = publish(shared, ["beta"], options=options(DAY + timedelta(days=1)))

    assert (aside / "unrecorded-edition-1.pdf").read_bytes() == b"%PDF- set aside before"
    assert (aside / "unrecorded-edition-1-2.pdf").read_bytes() == left
    [warning] = report.warnings.warnings
    assert "they are now published/beta/unrecorded-edition-1-2.pdf and .html" in str(warning)
    assert [e["edition"] for e in recorded(shared, "beta")] == [1]


def test_the_same_day_the_interrupted_publish_is_taken_as_it_is(
    shared: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stopped_before_recording(shared, DAY, monkeypatch)
    left = kept(shared, "beta", 1, "pdf").read_bytes()

    report = publish(shared, ["beta"], options=options())

    assert report.warnings.warnings == []
    assert kept(shared, "beta", 1, "pdf").read_bytes() == left
    assert not list((shared.root / "published" / "beta").glob("unrecorded-*"))
    assert [e["edition"] for e in recorded(shared, "beta")] == [1]
