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

from parlbrief.errors import Problem
from parlbrief.pipeline import BuildOptions, build
from tests.conftest import MakeProject

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


def most_that_fit(make_project: MakeProject) -> int:
    """The most one-line paragraphs that fit one page under the short title."""
    low, high = 1, 60  # 1 fits; 60 lines of body text never do
    assert failure(make_project, SHORT, high) is not None
    while high - low > 1:
        middle = (low + high) // 2
        if failure(make_project, SHORT, middle) is None:
            low = middle
        else:
            high = middle
    return low


def test_a_title_one_line_too_long_is_about_a_line_or_two_too_long(
    make_project: MakeProject,
) -> None:
    """The sheet filled to its foot fits; a title a line longer pushes the sign-off
    (kept together) onto page 2, and the message says the sheet is a line or two too
    long, not the height of everything that moved."""
    full = most_that_fit(make_project)
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
    assert int(words) <= 2 * 12, said  # a line or two of body text, not 74 words
    assert "it must fit on 1 page" in said


def test_each_line_more_is_measured_as_one_line_more(make_project: MakeProject) -> None:
    """Past the point where the sign-off, then the ask, then paragraphs move over, the
    overflow grows by the same step each paragraph: what moved and the space it left
    are both counted, and the margin dropped at the break is added back."""
    full = most_that_fit(make_project)
    sizes = []
    for extra in (1, 2, 3, 4):
        problem = failure(make_project, SHORT, full + extra)
        found = MESSAGE.search(" ".join(str(problem).split()))
        assert found, problem
        sizes.append(int(found.group(2)))
    steps = [after - before for before, after in itertools.pairwise(sizes)]
    assert max(steps) - min(steps) <= 1, sizes  # mm, rounded
    assert all(step > 0 for step in steps), sizes
