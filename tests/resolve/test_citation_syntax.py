"""Stage 3, resolve: citation syntax is strict, and a mistake says what to write instead.

Brackets that start like a citation (`[@`, `[see @`, `[-@`, a `[...]` with `@id` in it)
or a figure (`[#`) and do not read exactly as one are an error at file:line:column; a
press officer reads the markup, what is wrong, and the citation as it should be. Pandoc's
forms are read with their meaning, or refused with ours. Locators print in OSCOLA form.
"""

from __future__ import annotations

import pytest
from markupsafe import Markup

from parlbrief.check import check
from parlbrief.resolve.citation_syntax import Cite, Figure, Misread, read_brackets
from parlbrief.resolve.locators import locator_html, normalise_locator
from parlbrief.resolve.prose import parse
from tests.conftest import MakeProject

ARGUMENT = "sources/arguments/local-trusts.md"


def problems_for(make_project: MakeProject, body: str) -> list[str]:
    """The errors `check` reports for an argument whose body is `body` (from line 4)."""
    checked = check(make_project({ARGUMENT: f"---\nheading: A\n---\n{body}"}))
    return [str(p) for p in checked.problems.errors]


def notes_for(make_project: MakeProject, body: str) -> list[str]:
    checked = check(make_project({ARGUMENT: f"---\nheading: A\n---\n{body}"}))
    assert [str(p) for p in checked.problems.errors] == []
    return [str(n.body) for n in checked.resolved["minimal"].notes]


# --- each mistake, and what it says ----------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "[@committee-2011 reason 5]",
            "a comma goes after the id, before the pinpoint - write [@committee-2011, reason 5]",
        ),
        (
            "[@committee-2011: reason 5]",
            "a comma goes after the id, before the pinpoint - write [@committee-2011, reason 5]",
        ),
        (
            "[@committee-2011; reason 3]",
            "a semicolon separates two sources, and a comma starts the pinpoint - "
            "write [@committee-2011, reason 3]",
        ),
        (
            "[@committee-2011 @workforce-2022]",
            "a semicolon separates two sources - write [@committee-2011; @workforce-2022]",
        ),
        (
            "[@committee-2011, para 3 @workforce-2022]",
            "a semicolon separates two sources - write [@committee-2011, para 3; @workforce-2022]",
        ),
        ("[# officers-2022]", "no space after # - write [#officers-2022]"),
        ("[#]", "a figure needs its statistic's id - write [#statistic-id]"),
        (
            "[#officers-2022 officers]",
            "only the statistic's id goes in the brackets - write [#officers-2022] officers, "
            "or [#officers-2022, change since <other id>]",
        ),
        ("[#officers-2022,]", "nothing follows the comma - write [#officers-2022]"),
        ("[#officers-2022.]", "punctuation goes outside the brackets - write [#officers-2022]"),
        ("[@ committee-2011]", "no space after @ - write [@committee-2011]"),
        ("[@]", "@ must be followed by the reference's id - write [@reference-id, para 95]"),
        (
            "[@committee-2011,]",
            "nothing follows the comma - write [@committee-2011] or [@committee-2011, para 95] "
            "(the pinpoint)",
        ),
        ("[@committee-2011.]", "punctuation goes outside the brackets - write [@committee-2011]"),
        # Pandoc's forms that a footnote cannot give
        (
            "[-@committee-2011, para 95]",
            "parlbrief's notes always name the source, so there is no author to leave out "
            "(Pandoc's -@) - write [@committee-2011, para 95]",
        ),
        (
            "[@committee-2011 p. 33]",
            "a comma goes after the id, before the pinpoint - write [@committee-2011, p 33]",
        ),
    ],
)
def test_a_mistaken_citation_says_what_to_write(
    make_project: MakeProject, written: str, message: str
) -> None:
    assert problems_for(make_project, f"A claim.{written} More.\n") == [
        f"{ARGUMENT}:4:9: {written}: {message}"
    ]


def test_an_unclosed_citation_asks_for_its_bracket(make_project: MakeProject) -> None:
    body = "First line.\nA claim.[@committee-2011, reason 7\nand more.[@committee-2011]\n"
    assert problems_for(make_project, body) == [
        f"{ARGUMENT}:5:9: [@committee-2011, reason 7: the citation is not closed - "
        "add ] where it ends"
    ]


def test_pandocs_in_text_citation_is_refused_with_the_footnote_to_write(
    make_project: MakeProject,
) -> None:
    body = "As @committee-2011 [para 95] says, trusts worked.\n"
    assert problems_for(make_project, body) == [
        f"{ARGUMENT}:4:4: @committee-2011 [para 95]: parlbrief has no in-text citations "
        "(Pandoc's @id [...]); a citation is a footnote in square brackets - name the "
        "source in words if you wish, and write [@committee-2011, para 95] after the words "
        "it supports"
    ]


def test_every_mistake_is_reported_in_one_run(make_project: MakeProject) -> None:
    body = "One.[@committee-2011 a] Two.[# x]\n\nThree.[@committee-2011; b]\n"
    assert [p.split(": ")[0] for p in problems_for(make_project, body)] == [
        f"{ARGUMENT}:4:5",
        f"{ARGUMENT}:4:29",
        f"{ARGUMENT}:6:7",
    ]


def test_a_mistake_in_a_briefings_own_text_names_its_line(make_project: MakeProject) -> None:
    briefing = (
        "series: B\ntitle: T\ndate: 2026-11-23\nsections:\n  - text: |\n"
        "      First line.\n      A claim.[@committee-2011 para 90]\n"
    )
    checked = check(make_project({"briefings/minimal.yaml": briefing}))
    assert [str(p) for p in checked.problems.errors] == [
        "briefings/minimal.yaml:7: [@committee-2011 para 90]: a comma goes after the id, "
        "before the pinpoint - write [@committee-2011, para 90]"
    ]


# --- what stays text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "Write to press@napo.org.uk [the press office].",
        "[the report @ Parliament](https://example.org)",
        "A note [in brackets] and [another, with a comma].",
        "Follow @NapoUK [on social media].",
        "A literal \\[@committee-2011] and \\[#officers-2022].",
        "In code: `[@committee-2011 reason 5]`.",
    ],
)
def test_what_is_not_a_citation_is_left_alone(make_project: MakeProject, written: str) -> None:
    assert problems_for(make_project, written + "\n") == []


def test_a_backslash_prints_the_bracket_as_written() -> None:
    children = parse("A literal \\[@committee-2011, para 9].")[1].children or []
    assert [t.type for t in children] == ["text"]
    assert children[0].content == "A literal [@committee-2011, para 9]."


# --- what reads ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("@a, p. 33", [Cite("a", locator="p 33")]),
        ("@a, pp. 33-35, 38-39 and *passim*", [Cite("a", locator="pp 33–35, 38–39 and *passim*")]),
        ("see @a, chap. 2; also @b", [Cite("a", "see", "ch 2"), Cite("b", "also")]),
        (
            'cf @a, paras 99, 102 ("unable; to fulfil")',
            [Cite("a", "cf", 'paras 99, 102 ("unable; to fulfil")')],
        ),
        ("see @a, under ‘Payment Mechanism’", [Cite("a", "see", "under ‘Payment Mechanism’")]),
        ("@a, para 3 (the “[x] quoted”)", [Cite("a", locator="para 3 (the “[x] quoted”)")]),
        ("#stat-a", Figure("stat-a")),
        ("#stat-a, change since stat-b", Figure("stat-a", "change since stat-b")),
        (
            "@a reason",
            Misread("a comma goes after the id, before the pinpoint", "write [@a, reason]"),
        ),
    ],
)
def test_what_brackets_read_as(written: str, read: object) -> None:
    assert read_brackets(written) == read


def test_a_locator_in_brackets_with_brackets_inside_is_one_citation(
    make_project: MakeProject,
) -> None:
    notes = notes_for(make_project, "A claim.[@committee-2011, para 95 (“[the] Minister”)]\n")
    assert notes[1] == "Ibid para 95 (“[the] Minister”)."


# --- locators in OSCOLA form ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "oscola"),
    [
        ("p. 33", "p 33"),
        ("pp. 33-35", "pp 33–35"),
        ("p.33", "p 33"),
        ("para. 95", "para 95"),
        ("paras 90-92", "paras 90–92"),
        ("paras. 90 - 92, 95", "paras 90–92, 95"),
        ("chap. 2", "ch 2"),
        ("sec. 4", "s 4"),
        ("table 2", "table 2"),
        ("s 3(c)", "s 3(c)"),
        # quotations are the source's own words: left as typed
        ('para 9 ("pp. 1-2 of the 2010-12 report")', 'para 9 ("pp. 1-2 of the 2010-12 report")'),
        ("under ‘Payment Mechanism’", "under ‘Payment Mechanism’"),
    ],
)
def test_a_locator_is_written_the_oscola_way(written: str, oscola: str) -> None:
    assert normalise_locator(written) == oscola


@pytest.mark.parametrize(
    ("written", "html"),
    [
        ("pp 33–35 and *passim*", "pp 33–35 and <em>passim</em>"),
        ("_passim_", "<em>passim</em>"),
        (
            "para 9 <b>bold</b> & <script>x</script>",
            "para 9 &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;",
        ),
        ("[link](javascript:alert(1))", "[link](javascript:alert(1))"),
        ("para 9 (NOMS's view)", "para 9 (NOMS’s view)"),
    ],
)
def test_a_locator_renders_emphasis_and_escapes_everything_else(written: str, html: str) -> None:
    assert locator_html(written) == Markup(html)


def test_notes_print_locators_in_oscola_form(make_project: MakeProject) -> None:
    body = (
        "One.[@committee-2011, pp. 33-35 and *passim*]\n"
        "Two.[see @committee-2011, para. 95 <i>x</i>]\n"
        "Three.[cf @committee-2011, paras 99, 102 (“unable to fulfil”)]\n"
    )
    assert notes_for(make_project, body)[1:4] == [
        "Ibid 33–35 and <em>passim</em>.",  # OSCOLA: a page is a bare number
        "See ibid para 95 &lt;i&gt;x&lt;/i&gt;.",
        "Cf ibid paras 99, 102 (“unable to fulfil”).",
    ]


def test_a_citation_inside_a_locator_is_a_mistake(make_project: MakeProject) -> None:
    assert problems_for(make_project, "A claim.[@committee-2011, para 9 [@workforce-2022]]\n") == [
        f"{ARGUMENT}:4:9: [@committee-2011, para 9 [@workforce-2022]]: a semicolon separates "
        "two sources - write [@committee-2011, para 9; @workforce-2022]"
    ]


def test_an_escaped_bracket_in_a_locator_prints_as_typed(make_project: MakeProject) -> None:
    notes = notes_for(make_project, "A claim.[@committee-2011, para 9 (\\[@x\\] in the text)]\n")
    assert notes[1] == "Ibid para 9 ([@x] in the text)."
