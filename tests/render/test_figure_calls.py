"""Stage 4, render: a figure's note call can never be read as part of the number.

A call printed straight after a figure reads as a power ("35³", "12¹³ minutes"), so it
goes after the next mark that ends the clause or sentence, as OSCOLA places calls, or at
the end of the paragraph; figures of one sentence from one source share a note, and a
call falling just before a citation's shares that note, so two calls never touch.
Checked on small prose, on every example briefing's HTML for both media, and on the
PDFs' text as pypdf reads it.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from markupsafe import Markup
from pypdf import PdfReader

from parlbrief.check import Checked, check
from parlbrief.project import Project
from parlbrief.resolve.prose import parse
from tests.conftest import REPO, ExampleBuild, MakeProject, render_page

ARGUMENT = "sources/arguments/local-trusts.md"
CALL = {
    "pdf": re.compile(r'<span class="footnote" id="fn-(\d+)">(?:(?!</span>).)*</span>', re.S),
    "html": re.compile(r'<sup class="fn-call"><a href="#fn-(\d+)"[^>]*>\d+</a></sup>'),
}


def children_types(text: str) -> list[str]:
    block = parse(text)[1]
    return [f"{t.type}:{t.content}" if t.type == "text" else t.type for t in block.children or []]


def section_html(make_project: MakeProject, body: str, medium: str = "html") -> str:
    """The argument's paragraphs as rendered for `medium`, calls shown as ^n."""
    checked = check(make_project({ARGUMENT: f"---\nheading: A\n---\n{body}"}))
    assert [str(p) for p in checked.problems.errors] == []
    html = render_page(checked, "minimal", "html")
    section = html[html.index('id="local-trusts"') :]
    section = section[: section.index("</section>")]
    section = CALL["html"].sub(lambda m: f"^{m.group(1)}", section)
    return Markup(section.split(">", 1)[1]).striptags()


def notes(make_project: MakeProject, body: str) -> list[str]:
    checked = check(make_project({ARGUMENT: f"---\nheading: A\n---\n{body}"}))
    return [Markup(n.body).striptags() for n in checked.resolved["minimal"].notes]


# --- where the call goes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("There were [#a] officers.", "text:There were |figure|text: officers.|figure_call"),
        ("There were [#a], then.", "text:There were |figure|text:,|figure_call|text: then."),
        ("Up [#a]; down.", "text:Up |figure|text:;|figure_call|text: down."),
        ("It said “[#a].” Then.", "text:It said “|figure|text:.”|figure_call|text: Then."),
        ("About [#a] at 4,542 or 2.5!", "text:About |figure|text: at 4,542 or 2.5!|figure_call"),
        ("Ends with [#a]", "text:Ends with |figure|figure_call"),
        ("A [#a] and [#b].", "text:A |figure|text: and |figure|text:.|figure_call"),
        ("A [#a] *b*, c.", "text:A |figure|text: |em_open|text:b|em_close|text:,|figure_call|text: c."),  # noqa: E501
    ],
)  # fmt: skip
def test_a_figures_call_goes_after_its_clause(text: str, types: str) -> None:
    assert children_types(text) == types.split("|")


def test_the_call_follows_the_clause_in_the_page(make_project: MakeProject) -> None:
    body = "- In June 2022 there were [#officers-2022] officers in post, more than before.\n"
    text = section_html(make_project, body)
    assert "there were 4,542 officers in post,^" in text
    assert not re.search(r"\d\^", text)


def test_figures_of_one_sentence_from_one_source_share_a_note(make_project: MakeProject) -> None:
    body = "There were [#officers-2022] officers, and [#officers-2022] again.\n"
    text = section_html(make_project, body)
    assert "officers, and 4,542 again.^" in text
    assert "officers,^" not in text
    # The figure is named once in its note.
    assert notes(make_project, body)[1] == (
        "Probation officers in post, June 2022: "
        "HM Prison and Probation Service, HMPPS Workforce Quarterly, June 2022 "
        "(2022) table 2."
    )


def test_a_sentence_end_starts_a_new_note(make_project: MakeProject) -> None:
    body = "There were [#officers-2022] officers. Still [#officers-2022] later.\n"
    assert notes(make_project, body)[1:3] == [
        "Probation officers in post, June 2022: HM Prison and Probation Service, HMPPS "
        "Workforce Quarterly, June 2022 (2022) table 2.",
        "Probation officers in post, June 2022: ibid.",  # the same table: ibid alone
    ]


def test_a_call_just_before_a_citation_shares_its_note(make_project: MakeProject) -> None:
    body = "There were [#officers-2022] officers.[see @committee-2011, para 95] More.\n"
    text = section_html(make_project, body)
    assert "officers.^2 More." in text
    assert notes(make_project, body)[1] == (
        "Probation officers in post, June 2022: HM Prison and Probation Service, HMPPS "
        "Workforce Quarterly, June 2022 (2022) table 2. "
        "See Justice Committee (n 1) para 95."
    )


def test_notes_are_numbered_in_the_order_of_their_calls(make_project: MakeProject) -> None:
    body = "There were [#officers-2022] officers[@committee-2011, para 9] then.\n"
    text = section_html(make_project, body)
    assert "4,542 officers^2 then.^3" in text


# --- the example, as built ------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Checked:
    return check(Project.at(REPO))


def calls_after_digits(example: Checked, medium: str, panels: bool) -> tuple[int, list[str]]:
    """How many calls the example's pages make (in prose, or in panels), and those whose
    text just before ends in a digit or a space."""
    touching, calls = [], 0
    for bid in example.resolved:
        html = render_page(example, bid, medium)  # type: ignore[arg-type]
        body = html[html.index("<body") :]
        at = 0
        for match in CALL[medium].finditer(body):
            in_panel = body.rfind("<aside", 0, match.start()) > body.rfind(
                "</aside>", 0, match.start()
            )
            before = Markup(re.sub(r"<[^>]+>", "", body[at : match.start()])).unescape()
            at = match.end()
            if in_panel != panels:
                continue
            calls += 1
            if before.rstrip() != before or before[-1:].isdigit():
                touching.append(f"{bid} note {match.group(1)}: …{before[-30:]}")
    return calls, touching


@pytest.mark.parametrize("medium", ["pdf", "html"])
def test_no_call_in_the_examples_prose_follows_a_digit(example: Checked, medium: str) -> None:
    """In every example briefing, the text just before each call does not end in a digit."""
    calls, touching = calls_after_digits(example, medium, panels=False)
    assert calls > 50
    assert touching == []


def test_no_call_in_the_examples_panels_follows_a_digit(example: Checked) -> None:
    calls, touching = calls_after_digits(example, "html", panels=True)
    assert calls > 0
    assert touching == []


@cache
def pdf_text(path: str) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_no_figure_in_the_example_pdfs_has_a_number_glued_on(
    example_build: ExampleBuild, example: Checked
) -> None:
    """Each figure as printed is never followed at once by a digit in the PDF's text,
    which is how a call right after it comes back ("4,5421")."""
    glued = []
    checked = 0
    for bid, resolved in example.resolved.items():
        if resolved.panels:
            continue  # see test_no_call_in_the_examples_panels_follows_a_digit
        shown = {
            t.meta["display"]
            for prose in [resolved.summary, *(s.prose for s in resolved.sections)]
            if prose is not None
            for block in prose.tokens
            for t in block.children or []
            if t.type == "figure"
        }
        text = " ".join(pdf_text(str(example_build.pdf(bid))).split())
        for display in shown:
            checked += 1
            assert display in text, (bid, display)
            glued += [
                f"{bid}: {m.group()}"
                for m in re.finditer(r"(?<![\d,.])" + re.escape(display) + r"\d", text)
            ]
    assert checked > 15
    assert glued == []
