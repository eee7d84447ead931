"""Stage 3, resolve: notes read as a person writes them, and their calls sit after the
clause they support (OSCOLA), as the built web page shows them.

A note shared by a figure and a citation says each source once; a note for several
figures gives its source before their labels; a call never lands inside a list of
names ("Kent, Surrey and Sussex") and goes after the punctuation of its clause,
colons included ("suggestions:¹").
"""

from __future__ import annotations

import re

from markupsafe import Markup

from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from tests.conftest import MakeProject

UNISON = """\
- id: unison-10-reasons
  kind: report
  author: UNISON
  title: Ten reasons to keep probation public
  date: 2014-05
- id: committee-2011
  kind: committee report
  author: House of Commons Justice Committee
  short: Justice Committee
  title: The role of the Probation Service
  date: 2011-07-27
"""
STATS = """\
- id: chiefs-2014
  label: Chief probation officers, May 2014
  value: 35
  kind: count
  as_of: 2014-05-31
  source: unison-10-reasons
  pinpoint: reason 2
- id: trusts-2014
  label: Probation trusts, May 2014
  value: 35
  kind: count
  as_of: 2014-05-31
  source: unison-10-reasons
  pinpoint: reason 2
- id: areas-2014
  label: Probation areas, May 2014
  value: 42
  kind: count
  as_of: 2014-05-31
  source: unison-10-reasons
  pinpoint: reason 2
"""


def project_with(make_project: MakeProject, text: str) -> Project:
    """The minimal project whose briefing has `text` as its one section."""
    briefing = (
        "series: Briefing 1\ncampaign: C\ntitle: T\ndate: 2026-11-23\n"
        "sections:\n  - text: |\n" + "".join(f"      {line}\n" for line in text.splitlines())
    )
    return make_project(
        {
            "briefings/minimal.yaml": briefing,
            "sources/references/sources.yaml": UNISON,
            "sources/statistics/figures.yaml": STATS,
            "sources/arguments/local-trusts.md": None,
            "sources/questions/questions.yaml": None,
        }
    )


def web_page(project: Project) -> str:
    """The briefing's web page, as `build` writes it."""
    report = build(project, options=BuildOptions(formats=("html",)))
    assert not report.failed, report.failed
    return (project.out / "minimal.html").read_text(encoding="utf-8")


def notes(page: str) -> list[str]:
    """The page's notes as a reader sees them (without the link back)."""
    found = re.findall(r'<li id="fn-\d+"[^>]*>(.*?)</li>', page, re.S)
    return [" ".join(Markup(body).striptags().replace("↩\ufe0e", "").split()) for body in found]


def paragraph_text(page: str) -> str:
    """The section's paragraph with each note call written as ^n."""
    body = re.search(r"<section[^>]*>.*?<p>(.*?)</p>", page, re.S)
    assert body is not None
    with_calls = re.sub(r'<sup class="fn-call"><a[^>]*>(\d+)</a></sup>', r"^\1", body.group(1))
    return " ".join(Markup(with_calls).striptags().split())


def test_a_note_shared_by_a_figure_and_a_citation_says_the_source_once(
    make_project: MakeProject,
) -> None:
    page = web_page(
        project_with(
            make_project,
            "There were [#chiefs-2014] chief officers.[@unison-10-reasons, reason 2]",
        )
    )
    assert notes(page) == [
        "Chief probation officers, May 2014: UNISON, Ten Reasons to Keep Probation Public "
        "(2014) reason 2."
    ]


def test_a_shared_note_gathers_the_citations_pinpoint_into_the_figures_source(
    make_project: MakeProject,
) -> None:
    page = web_page(
        project_with(
            make_project,
            "Early on.[@unison-10-reasons]\n\n"
            "There were [#chiefs-2014] chief officers.[@unison-10-reasons, reason 3; "
            "@committee-2011, para 90]",
        )
    )
    assert notes(page)[1] == (
        "Chief probation officers, May 2014: ibid reason 2, reason 3. House of "
        "Commons Justice Committee, The role of the Probation Service (2011) para 90."
    )


def test_a_signalled_citation_of_another_passage_keeps_its_signal(
    make_project: MakeProject,
) -> None:
    page = web_page(
        project_with(
            make_project,
            "Early on.[@unison-10-reasons]\n\n"
            "There were [#chiefs-2014] chief officers.[see @unison-10-reasons, reason 7]",
        )
    )
    assert notes(page)[1] == (
        "Chief probation officers, May 2014: ibid reason 2. See ibid reason 7."
    )


def test_a_note_for_several_figures_gives_its_source_before_their_labels(
    make_project: MakeProject,
) -> None:
    page = web_page(
        project_with(
            make_project,
            "Early on.[@committee-2011]\n\n"
            "There were [#chiefs-2014] chiefs, [#trusts-2014] trusts and [#areas-2014] areas.",
        )
    )
    assert notes(page)[1] == (
        "UNISON, Ten Reasons to Keep Probation Public (2014) reason 2 (Chief probation "
        "officers, May 2014; Probation trusts, May 2014; Probation areas, May 2014)."
    )


def test_a_figures_call_never_lands_inside_a_list_of_names(make_project: MakeProject) -> None:
    page = web_page(
        project_with(
            make_project,
            "Of [#trusts-2014] trusts in the Kent, Surrey and Sussex region, few remain.",
        )
    )
    assert paragraph_text(page) == (
        "Of 35 trusts in the Kent, Surrey and Sussex region,^1 few remain."
    )


def test_a_citations_call_goes_after_the_colon_that_ends_its_clause(
    make_project: MakeProject,
) -> None:
    page = web_page(
        project_with(
            make_project,
            "Napo made five suggestions[@unison-10-reasons, reason 2]: first, local trusts."
            "[@committee-2011]\n",
        )
    )
    assert paragraph_text(page) == "Napo made five suggestions:^1 first, local trusts.^2"


def test_a_call_before_a_possessive_stays_where_it_was_written(
    make_project: MakeProject,
) -> None:
    page = web_page(project_with(make_project, "UNISON[@unison-10-reasons]’s view is clear."))
    assert paragraph_text(page) == "UNISON^1’s view is clear."
