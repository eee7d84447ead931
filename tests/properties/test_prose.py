"""Properties of the prose pipeline: citation and figure syntax, and safety.

Whatever a press officer types, parsing, resolving and rendering never crash, and the
HTML never holds script, a live refused link or an image from outside the project.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from parlbrief.model import ID_PATTERN
from parlbrief.resolve.leftovers import find_leftover_markup, prose_markup
from parlbrief.resolve.prose import Cite, parse, parse_citation
from tests.conftest import PROJECTS
from tests.properties.pipeline import corpus_for_prose, run_prose, unsafe_html

IDS = st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda s: len(s) < 40)
WORDS = st.from_regex(r"[A-Za-z]{1,8}( [A-Za-z]{1,8}){0,2}", fullmatch=True)
LOCATORS = st.from_regex(r"(para|paras|p|pp|table|ch) [0-9]{1,3}(–[0-9]{1,3})?", fullmatch=True)

#: Pieces of Markdown, friendly and hostile, that the prose strategy strings together.
PIECES = st.sampled_from(
    [
        "Officers are overworked.",
        " ",
        "\n",
        "\n\n",
        "- ",
        "1. ",
        "> ",
        "# ",
        "**",
        "*",
        "_",
        "`",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "!",
        "@",
        "#",
        ";",
        ",",
        "&amp;",
        "&#x09;",
        "&#0;",
        "[@ref-a]",
        "[@ref-a, para 9]",
        "[see @ref-a; @nope, p 2]",
        "[@nope]",
        "[#stat-a]",
        "[#nope]",
        "[#stat-a, approx]",
        "[x](https://napo.org.uk)",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:1)",
        "[x](  vbscript:x )",
        "<javascript:alert(1)>",
        "<https://napo.org.uk>",
        "[x](file:///etc/passwd)",
        "[x](data:text/html,<script>)",
        "[x](//evil.example/x)",
        "[x](#fn-1)",
        "![a](chart.png)",
        "![a](http://10.255.255.1/x.png)",
        "![a](file:///etc/passwd)",
        "![a](../../etc/passwd)",
        "![a](/etc/passwd)",
        "![a](data:image/png;base64,AAAA)",
        '![a](chart.png "t")',
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:x">y</a>',
        "<iframe src=file:///etc/passwd>",
        "<!-- c -->",
        "[r]: javascript:alert(1)\n",
        "[y][r]",
        "\\[",
        "\\]",
        "~~",
        "'",
        '"',
        "--",
        "...",
    ]
)
PROSE = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


@st.composite
def citations(draw: st.DrawFn) -> list[Cite]:
    items = draw(
        st.lists(st.tuples(st.none() | WORDS, IDS, st.none() | LOCATORS), min_size=1, max_size=3)
    )
    return [Cite(id=i, prefix=p or "", locator=loc or "") for p, i, loc in items]


def written(cites: list[Cite]) -> str:
    parts = []
    for cite in cites:
        text = f"{cite.prefix} @{cite.id}" if cite.prefix else f"@{cite.id}"
        parts.append(f"{text}, {cite.locator}" if cite.locator else text)
    return "; ".join(parts)


@given(citations())
def test_a_citation_reads_back_as_written(cites: list[Cite]) -> None:
    assert parse_citation(written(cites)) == cites


@given(citations(), st.sampled_from(["Claim.", "A claim", "**Bold** claim"]))
def test_a_citation_in_prose_becomes_one_token(cites: list[Cite], before: str) -> None:
    tokens = parse(f"{before}[{written(cites)}] and more.")
    children = [t for block in tokens if block.children for t in block.children]
    found = [t.meta["cites"] for t in children if t.type == "citation"]
    assert found == [cites]


@given(IDS, st.sampled_from(["", ", approx"]))
def test_a_figure_reference_becomes_one_token(sid: str, option: str) -> None:
    tokens = parse(f"There were [#{sid}{option}] officers.")
    children = [t for block in tokens if block.children for t in block.children]
    assert [t.meta["id"] for t in children if t.type == "figure"] == [sid]


@given(PROSE)
@example("[x](javascript:alert(1))")
@example("![a](../../etc/passwd)")
@example("[r]: javascript:alert(1)\n\n[y][r]")
@example("[r]: javascript:alert(1)\n\r[@ref-a]")  # a lone \r ends a line (was a crash)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_prose_produces_script_or_a_load_from_outside(text: str) -> None:
    corpus = corpus_for_prose(PROJECTS / "guarded" / "sources" / "assets")
    html, problems = run_prose(text, corpus)
    for page in html:
        assert unsafe_html(page) == [], (text, page)
    for problem in problems.items:
        assert " - " in problem.message, problem


#: Pieces that start like citations and figures, well and badly written.
MARKUP = st.sampled_from(
    [
        "[@ref-a]",
        "[@ref-a, p. 3-4]",
        "[@ref-a p 3]",
        "[@ref-a; p 3]",
        "[-@ref-a]",
        "[# stat-a]",
        "[#stat-a",
        "[@ref-a, para 9",
        "@ref-a [p 3]",
        "[see @ref-a, *passim*]",
        "\\[@ref-a]",
        "`[#stat-a]`",
        "[@",
        "[#",
        "@",
        "]",
    ]
)
MARKED_PROSE = st.lists(st.one_of(MARKUP, PIECES, st.text(max_size=4)), max_size=20).map("".join)


@given(MARKED_PROSE)
@example("[@ref-a, p 3 [x] y")
@example("Officers[#stat-a]\n[@ref-a")
@example("\\[# [@ref-a]")  # escaped markup running on into a note call
@example("[@ref-a][@ref-a, para 9\x1b\\[@ref-a]")  # a control character in a pinpoint
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_prose_that_checks_clean_prints_no_citation_markup(text: str) -> None:
    """Whatever is typed: either a problem is reported, or no markup reaches the page
    beyond what the prose escapes on purpose (the last guard then has nothing to say)."""
    corpus = corpus_for_prose()
    html, problems = run_prose(text, corpus)
    if problems.errors:
        return
    expected = prose_markup(parse(text))
    for page in html:
        assert find_leftover_markup(Markup(page).striptags(), expected) == [], (text, page)
