"""A one-pager's foot: the sign-off and the sources side by side under a rule, the
sign-off in the first 5 twelfths of the width left by an 8 mm gap, the sources in the
other 7 (one-pager.css), both starting on one line."""

from __future__ import annotations

from parlbrief.pipeline import BuildOptions, build
from tests.conftest import MakeProject
from tests.write.pdf_lines import MM, pages, runs

#: A4 and its side margins (briefing.css, @page).
LEFT = 31 * MM
WIDTH = (210 - 2 * 31) * MM
SHEET = """\
series: Test
title: A sheet
date: 2026-11-23
template: one-pager
summary: |
  - Local trusts worked.
sections:
  - argument: local-trusts
ask: Attend the debate.
signatory:
  name: A Press Officer
"""


def test_the_sign_off_and_the_sources_share_the_foot_of_the_page(
    make_project: MakeProject,
) -> None:
    project = make_project({"briefings/minimal.yaml": SHEET})
    report = build(project, options=BuildOptions(formats=("pdf",), jobs=1))
    assert not report.failed, report.failed
    (page,) = pages(project.out / "minimal.pdf")
    found = runs(page)
    name = next(r for r in found if r.text.startswith("A Press Officer"))
    heading = next(r for r in found if r.text.strip().lower() == "sources")
    assert abs(name.x - LEFT) < 0.5
    assert abs(heading.x - (LEFT + (WIDTH - 8 * MM) * 5 / 12 + 8 * MM)) < 0.5
    assert abs(heading.top - name.top) < 3  # one line: a heading's capitals, a name's
