"""Stage 3, resolve: the figures stamp says what is true of the figures, and a figure
two years old is warned about without any setting.

"Figures correct as at <date>" takes the date of the data (a target dated after the
briefing is not data); over illustrative figures, or figures known only as reproduced
elsewhere, the stamp says so instead of "correct".
"""

from __future__ import annotations

import re
from datetime import date

from parlbrief.check import check
from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from tests.conftest import MakeProject

REFERENCES = """\
- id: workforce-2022
  kind: official statistics
  author: HM Prison and Probation Service
  title: HMPPS workforce quarterly, June 2022
  date: 2022-08
- id: copied
  kind: official statistics
  author: HM Prison and Probation Service
  title: HMPPS workforce quarterly, March 2022
  publisher: as reproduced in a reader's comment on a blog post
  date: 2022-08
- id: read-in-a-blog
  kind: official statistics
  author: HM Prison and Probation Service
  title: HMPPS workforce quarterly, December 2021
  reproduced_in: a reader's comment on a blog post (23 August 2022)
  date: 2022-02
- id: made-up
  kind: dataset
  author: An example
  title: Illustrative staffing by region (not official statistics)
  date: 2026-11
"""
STATISTICS = """\
- id: officers-2022
  label: Probation officers in post, June 2022
  value: 4542
  kind: count
  as_of: 2022-06-30
  source: workforce-2022
- id: target-2027
  label: Probation officers the government aims to have in post by March 2027
  value: 6000
  kind: count
  as_of: 2027-03-31
  source: workforce-2022
- id: officers-march
  label: Probation officers in post, March 2022
  value: 4400
  kind: count
  as_of: 2022-03-31
  source: copied
- id: officers-december
  label: Probation officers in post, December 2021
  value: 4300
  kind: count
  as_of: 2021-12-31
  source: read-in-a-blog
- id: area-officers
  label: Probation officers in post, North (illustrative)
  value: 300
  kind: count
  as_of: 2022-06-30
  source: made-up
"""


def project_with(make_project: MakeProject, figures: list[str]) -> Project:
    text = " ".join(f"There were [#{sid}]." for sid in figures)
    briefing = (
        "series: Briefing 1\ncampaign: C\ntitle: T\ndate: 2026-11-23\n"
        f"sections:\n  - text: {text}\n"
    )
    return make_project(
        {
            "briefings/minimal.yaml": briefing,
            "sources/references/sources.yaml": REFERENCES,
            "sources/statistics/figures.yaml": STATISTICS,
            "sources/arguments/local-trusts.md": None,
            "sources/questions/questions.yaml": None,
            "parlbrief.yaml": None,  # no limit of its own: parlbrief's default applies
        }
    )


def stamp(make_project: MakeProject, figures: list[str]) -> str | None:
    """The stamp on the briefing's web page, as `build` writes it; None if none."""
    project = project_with(make_project, figures)
    report = build(project, options=BuildOptions(formats=("html",)))
    assert not report.failed, report.failed
    page = (project.out / "minimal.html").read_text(encoding="utf-8")
    found = re.search(r'<span class="as-at-stamp">([^<]*)</span>', page)
    return found.group(1) if found else None


def test_checked_data_are_stamped_correct_as_at_their_date(make_project: MakeProject) -> None:
    assert stamp(make_project, ["officers-2022"]) == "Figures correct as at 30 June 2022"


def test_a_target_dated_after_the_briefing_does_not_date_the_stamp(
    make_project: MakeProject,
) -> None:
    stamped = stamp(make_project, ["officers-2022", "target-2027"])
    assert stamped == "Figures correct as at 30 June 2022"


def test_a_briefing_of_targets_alone_has_no_stamp(make_project: MakeProject) -> None:
    assert stamp(make_project, ["target-2027"]) is None


def test_figures_known_only_as_reproduced_are_never_called_correct(
    make_project: MakeProject,
) -> None:
    stamped = stamp(make_project, ["officers-march"])
    assert stamped == "Figures as at 31 March 2022, as reproduced"
    stamped = stamp(make_project, ["officers-december"])  # said by `reproduced_in:`
    assert stamped == "Figures as at 31 December 2021, as reproduced"


def test_illustrative_figures_say_so_in_the_stamp(make_project: MakeProject) -> None:
    assert stamp(make_project, ["area-officers"]) == "Illustrative figures, not official statistics"
    stamped = stamp(make_project, ["officers-2022", "area-officers"])
    assert stamped == "Figures as at 30 June 2022: some illustrative"


def test_a_figure_two_years_old_warns_without_any_setting(make_project: MakeProject) -> None:
    project = project_with(make_project, ["officers-2022"])
    warned = [str(p) for p in check(project, date(2024, 7, 1)).problems.warnings]
    assert warned == [
        "sources/statistics/figures.yaml:1: officers-2022 is stale: it describes 30 June "
        "2022, more than 18 months ago (parlbrief's default: set max_age_days in "
        "parlbrief.yaml, or review_by on the figure, to allow longer) - check for newer "
        "figures and update it with `parlbrief figures set officers-2022 VALUE --as-of DATE`"
    ]
    assert check(project, date(2023, 12, 1)).problems.warnings == []


def test_a_projects_own_limit_replaces_the_default(make_project: MakeProject) -> None:
    project = project_with(make_project, ["officers-2022"])
    (project.root / "parlbrief.yaml").write_text("max_age_days: 1500\n", encoding="utf-8")
    assert check(project, date(2024, 7, 1)).problems.warnings == []
