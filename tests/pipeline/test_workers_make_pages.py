"""The main process only plans: the render workers fill the templates, check the pages,
lay out the PDF and write both outputs (write.pdfjob); a briefing that fails there
leaves its last good outputs."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project


def test_the_main_process_fills_no_template_when_workers_make_the_pdfs(
    shared: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The workers come from a fork server with modules of their own: a template filled
    # in this process would raise here.
    def refused(*args: object, **kwargs: object) -> str:
        raise AssertionError("a template was filled in the main process")

    monkeypatch.setattr("parlbrief.write.briefing_pages.render_html", refused)
    report = build(shared, options=BuildOptions(jobs=2))
    assert sorted(report.built) == ["alpha", "beta", "gamma"], report.failed
    page = (shared.out / "alpha.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page  # the worker gave it its policy
    assert (shared.out / "alpha.pdf").read_bytes().startswith(b"%PDF")


def test_a_pdf_that_fails_keeps_the_last_good_web_page(shared: Project) -> None:
    build(shared, ["gamma"], options=BuildOptions(jobs=1))
    good = (shared.out / "gamma.html").read_bytes()
    (shared.root / "templates" / "briefing.html.j2").unlink()  # the built-in template
    done = CliRunner().invoke(
        app, ["build", "gamma", "--project", str(shared.root), "--timeout", "0.01", "--json"]
    )
    assert done.exit_code == 3, done.output
    assert json.loads(done.stdout)["failed"] == ["gamma"]
    assert (shared.out / "gamma.html").read_bytes() == good
