"""A one-pager that runs over says by how much it is too long, measured on the layout:
what runs past page 1 less the space its move left free at the foot of page 1 (the
sign-off and sources are kept together, so a sheet a line too long moves all of them).

The sheets here are built like a press officer's: short paragraphs of one line each,
as many as fit, found by building (so the tests follow the stylesheet, not a number
copied from it).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from parlbrief.errors import Problem
from parlbrief.pipeline import BuildOptions, build
from tests.conftest import PROJECTS, MakeProject

SHORT = "A one-pager"
#: Two lines at the title's size, where SHORT takes one.
LONG = "A one-pager whose title names Corby and East Northamptonshire and runs over"
MESSAGE = re.compile(
    r"runs onto page 2: about (\d+) lines? too long \((\d+) mm\), so (.+?) moved onto page 2 "
    r"- cut about (\d+) words"
)


def sheet(title: str, paragraphs: int) -> str:
    """A one-pager of `paragraphs` one-line paragraphs, an ask and a sign-off."""
    text = "".join(f"      Probation needs officers in region {i}.\n\n" for i in range(paragraphs))
    return (
        f"series: Test\ntitle: {title}\ndate: 2026-11-23\ntemplate: one-pager\n"
        "summary: |\n  - Local trusts worked.\n"
        f"sections:\n  - heading: The case\n    text: |\n{text}"
        "ask: Attend the debate.\nsignatory:\n  name: A Press Officer\n"
    )


def failure(make_project: MakeProject, title: str, paragraphs: int) -> Problem | None:
    """Build the sheet; why its PDF failed, or None when it fits."""
    project = make_project({"briefings/minimal.yaml": sheet(title, paragraphs)})
    report = build(project, options=BuildOptions(formats=("pdf",), jobs=1))
    return report.failed.get("minimal")


def most_that_fit(fits: Callable[[int], bool], high: int = 60) -> int:
    """The most paragraphs for which `fits` (1 fits; `high` never does)."""
    low = 1
    assert not fits(high)
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low


#: The most paragraphs that fit under the short title, found once for the module.
_FULL: dict[str, int] = {}


def most_under_short_title(make_project: MakeProject) -> int:
    if "short" not in _FULL:
        _FULL["short"] = most_that_fit(lambda n: failure(make_project, SHORT, n) is None)
    return _FULL["short"]


def test_a_title_one_line_too_long_is_about_a_line_or_two_too_long(
    make_project: MakeProject,
) -> None:
    """The sheet filled to its foot fits; a title a line longer pushes the sign-off
    (kept together) onto page 2, and the message says the sheet is a line or two too
    long, not the height of everything that moved."""
    full = most_under_short_title(make_project)
    assert failure(make_project, LONG, full - 3) is None  # the long title fits if room
    problem = failure(make_project, LONG, full)
    assert problem is not None
    said = " ".join(str(problem).split())
    found = MESSAGE.search(said)
    assert found, said
    lines, mm, moved, words = found.groups()
    assert int(lines) in (1, 2), said
    assert 1 <= int(mm) <= 12, said  # under a title line (20pt, set solid-ish)
    assert "the sign-off" in moved, said
    assert int(words) == 6 * int(lines), said  # each line of the body holds 6 words
    assert "it must fit on 1 page" in said


def test_each_line_more_is_measured_as_one_line_more(make_project: MakeProject) -> None:
    """Past the point where the sign-off, then the ask, then paragraphs move over, the
    overflow grows by the same step each paragraph: what moved and the space it left
    are both counted, and the margin dropped at the break is added back."""
    full = most_under_short_title(make_project)
    sizes = []
    for extra in (1, 2, 3, 4):
        problem = failure(make_project, SHORT, full + extra)
        found = MESSAGE.search(" ".join(str(problem).split()))
        assert found, problem
        sizes.append(int(found.group(2)))
    steps = [after - before for before, after in itertools.pairwise(sizes)]
    assert max(steps) - min(steps) <= 1, sizes  # mm, rounded
    assert all(step > 0 for step in steps), sizes


#: Labels longer than a constituency's in a panel: each wraps to several short lines in
#: the panel's small type, as Corby and East Northamptonshire's did, so that the sheet
#: has more of those lines than lines of body text.
LONG_LABELS = {
    "sources/statistics/figures.yaml": (PROJECTS / "minimal/sources/statistics/figures.yaml")
    .read_text(encoding="utf-8")
    .replace(
        "\n  label: ",
        "\n  label: In the constituency of Corby and East Northamptonshire, on figures "
        "made up for this test (illustrative), ",
    )
}
PANEL = (
    "panels:\n  - heading: In your area\n"
    "    figures: [officers-2022, contracts-share, extra-funding]\n"
)
#: A paragraph of two lines or more of body text.
PARAGRAPH = (
    "Probation officers carry caseloads well above what the service itself says is safe, "
    "and the shortfall is widest where the need is greatest, so people wait longer."
)


def test_the_words_to_cut_are_counted_in_lines_of_the_body_not_of_the_panel(
    make_project: MakeProject,
) -> None:
    """The sheet's small lines (panel labels, sign-off, sources) outnumber its body
    lines; the words to cut are still a full body line's worth per line."""

    def paragraphs(n: int) -> Problem | None:
        text = sheet(SHORT, 0).replace(
            "    text: |\n", "    text: |\n" + f"      {PARAGRAPH}\n\n" * n
        )
        files = LONG_LABELS | {
            "briefings/minimal.yaml": text.replace("sections:", PANEL + "sections:")
        }
        report = build(make_project(files), options=BuildOptions(formats=("pdf",), jobs=1))
        return report.failed.get("minimal")

    full = most_that_fit(lambda n: paragraphs(n) is None, high=20)
    said = " ".join(str(paragraphs(full + 1)).split())
    found = MESSAGE.search(said)
    assert found, said
    lines, words = int(found.group(1)), int(found.group(4))
    assert words >= 10 * lines, said  # a line of body text holds 12-16 words here
