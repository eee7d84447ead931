"""`parlbrief questions ID --written`: a question in direct order ("How much has the new
layer of management cost?") is not offered as a written question, which asks
indirectly; it is listed as not ready, with the reason and what to write."""

from __future__ import annotations

from typer.testing import CliRunner

from parlbrief.cli.commands import app
from tests.conftest import MakeProject

QUESTIONS = """\
- id: q-cost
  text: How much has the new layer of management cost?
- id: q-spent
  text: How much has been spent on agency staff?
"""
BRIEFING = """\
series: Briefing 1
campaign: C
title: T
date: 2026-11-23
sections:
  - text: Costs rose.
questions:
  - q-cost
  - q-spent
"""


def test_a_question_in_direct_order_is_not_ready_with_its_reason(
    make_project: MakeProject,
) -> None:
    project = make_project(
        {
            "parlbrief.yaml": "department: justice\n",
            "briefings/minimal.yaml": BRIEFING,
            "sources/questions/questions.yaml": QUESTIONS,
        }
    )
    result = CliRunner().invoke(
        app, ["questions", "minimal", "--written", "--project", str(project.root)]
    )
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "how much has the new layer" not in out
    assert (
        "To ask the Secretary of State for Justice, how much has been spent on agency staff." in out
    )
    assert "Not ready to table (1)" in out
    assert (
        "q-cost: needs a written form: the oral question asks directly ('how much has the "
        "...'), but a written question asks indirectly, with the subject before its verb"
    ) in out
    assert "add `written: To ask the Secretary of State for Justice, how much ...`" in out
