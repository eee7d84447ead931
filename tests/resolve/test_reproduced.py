"""Stage 3, resolve: a source known only as another reproduced it says so in its first
note, as OSCOLA does: `reproduced_in:` names the reference it was read in (printed in
full) or describes it in words; the sources list says it too. The older way, a
`publisher:` that begins "as reproduced in", still prints as it did."""

from __future__ import annotations

import re

from markupsafe import Markup
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from tests.conftest import MakeProject

REFS = "sources/references/sources.yaml"
BLOG = """\
- id: blog-2022
  kind: web page
  author: A Blogger
  title: So, how did it go?
  publisher: On Probation
  date: 2022-08-23
  url: https://example.org/so-how
"""
CASE_STUDY = """\
- id: ifg-2022
  kind: case study
  author: Institute for Government
  title: Reunification of probation services
  series: case study by Raj Johal and Nick Davies
  date: 2022-08-18
  reproduced_in: {said}
"""
NAPO = "- id: napo-2016\n  kind: evidence\n  author: Napo\n  title: Submission\n  date: 2016-07\n"
CITED = ["First.[@ifg-2022, under ‘Recruitment’]", "Napo.[@napo-2016]", "Again.[@ifg-2022]"]
CASE = "Institute for Government, Reunification of Probation Services (case study by Raj"
CASE += " Johal and Nick Davies, 2022)"


def project(make_project: MakeProject, refs: str, style: str = "") -> Project:
    text = "".join(f"      {line}\n\n" for line in CITED)
    briefing = f"series: B\ncampaign: C\ntitle: T\ndate: 2026-11-23\n{style}"
    briefing += f"sections:\n  - text: |\n{text}"
    return make_project(
        {
            "briefings/minimal.yaml": briefing,
            REFS: refs,
            "sources/arguments/local-trusts.md": None,
            "sources/questions/questions.yaml": None,
            "sources/statistics/figures.yaml": None,
        }
    )


def built(project: Project) -> tuple[list[str], list[str]]:
    """The web page's notes and its sources list, as a reader sees them."""
    report = build(project, options=BuildOptions(formats=("html",)))
    assert not report.failed, report.failed
    page = (project.out / "minimal.html").read_text(encoding="utf-8")
    notes = re.findall(r'<li id="fn-\d+"[^>]*>(.*?)</li>', page, re.S)
    listed = re.search(r'class="source-list">(.*?)</ul>', page, re.S)
    assert listed is not None
    return [plain(n) for n in notes], [plain(s) for s in re.findall(r"<li>(.*?)</li>", listed[1])]


def plain(html: str) -> str:
    return " ".join(Markup(html).striptags().replace("↩\ufe0e", "").split())


def test_the_reference_named_is_given_in_full_in_the_first_note_only(
    make_project: MakeProject,
) -> None:
    notes, sources = built(project(make_project, CASE_STUDY.format(said="blog-2022") + BLOG + NAPO))
    blog = "A Blogger, ‘So, How Did It Go?’ (On Probation, 23 August 2022) <https://example.org/so-how>"
    assert notes == [
        f"{CASE} under ‘Recruitment’, as reproduced in {blog}.",
        "Napo, Submission (2016).",
        "Institute for Government (n 1).",
    ]
    assert sources[0] == f"{CASE}, as reproduced in {blog}"


def test_words_say_where_it_was_read(make_project: MakeProject) -> None:
    said = "the probation blog post ‘So, How Did It Go?’ (23 August 2022)"
    notes, sources = built(project(make_project, CASE_STUDY.format(said=said) + NAPO))
    assert notes[0] == f"{CASE} under ‘Recruitment’, as reproduced in {said}."
    assert sources[0] == f"{CASE}, as reproduced in {said}"


def test_an_author_date_style_says_it_in_the_reference_list(make_project: MakeProject) -> None:
    refs = CASE_STUDY.format(said="blog-2022") + BLOG + NAPO
    notes, sources = built(project(make_project, refs, style="citation_style: harvard\n"))
    assert "reproduced" not in " ".join(notes)
    [entry] = [s for s in sources if s.startswith("Institute for Government")]
    assert entry.endswith(
        "Nick Davies, as reproduced in A Blogger (2022) So, how did it go?, On Probation."
        " Available at: https://example.org/so-how."
    )


def test_the_older_publisher_form_prints_as_it_did(make_project: MakeProject) -> None:
    refs = CASE_STUDY.replace("  reproduced_in: {said}\n", "") + NAPO
    refs = refs.replace(
        "date: 2022-08-18", "date: 2022-08-23\n  publisher: as reproduced in a blog post"
    )
    notes, _ = built(project(make_project, refs))
    assert notes[0] == (
        "Institute for Government, Reunification of Probation Services (case study by Raj"
        " Johal and Nick Davies, as reproduced in a blog post, 2022) under ‘Recruitment’."
    )


def test_a_reference_named_that_is_not_there_or_leads_round_is_said_at_its_line(
    make_project: MakeProject,
) -> None:
    round_trip = BLOG + "  reproduced_in: ifg-2022\n"
    refs = CASE_STUDY.format(said="blog-2022") + round_trip + NAPO
    refs += "  reproduced_in: blog-2021\n"
    result = CliRunner().invoke(app, ["check", "--project", str(project(make_project, refs).root)])
    assert result.exit_code == 1
    lines = refs.split("\n")
    at = [i + 1 for i, line in enumerate(lines) if line.startswith("  reproduced_in:")]
    assert f"{REFS}:{at[0]}: reproduced_in: 'blog-2022' leads back to 'ifg-2022'" in result.stderr
    assert f"{REFS}:{at[1]}: reproduced_in: 'ifg-2022' leads back to 'blog-2022'" in result.stderr
    assert (
        f"{REFS}:{at[2]}: reproduced_in: there is no reference 'blog-2021' - give the id of"
        " the reference the source was read in, or describe it in words"
    ) in result.stderr
