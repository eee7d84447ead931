"""A page shaped to make the guard's HTML parser slow (its work grows with the square of
such a page) is refused before it is parsed, saying why; real pages are parsed as
before. How long each takes, before and after, is bench/bench_guard_prescan.py's."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlbrief.errors import RenderError
from parlbrief.guard import CSP_META, check_html, inspect_page, pdf_link_findings
from parlbrief.guard.refusals import refuse_page

GOLDEN = Path(__file__).resolve().parents[1] / "render" / "golden" / "briefing-5.html"
HEAD = f'<!DOCTYPE html><html><head><meta charset="utf-8">{CSP_META}<title>t</title></head>'
LOOP = "as a template writing markup in a loop would, and the page would take minutes to check"

#: (what a template wrote in a loop, the start of the one message expected)
HOSTILE = [
    ("<" + "a" * 100_000 + ">", "the page holds a tag name over 64 characters long ('<aaaa"),
    ("</" + "a" * 100_000 + ">", "the page holds a tag name over 64 characters long ('</aaa"),
    ("<style" * 30_000, "the page holds a tag name over 64 characters long ('<style<st"),
    ("<style>" + "</" + "s" * 100_000, "the page holds a tag name over 64 characters long"),
    ("<style>" + "<" * 100_000 + "</style>", "the page holds 100,000 `<` or `&` signs"),
    ("<style>" + "<a>" * 50_000 + "</style>", "the page holds 50,000 `<` or `&` signs"),
    ("<title>" + "<b>" * 50_000 + "</title>", "the page holds 50,000 `<` or `&` signs"),
    ("<textarea>" + "<" * 5_000 + "</textarea>", "the page holds 5,000 `<` or `&` signs"),
    ("<xmp>" + "<" * 5_000 + "</xmp>", "the page holds 5,000 `<` or `&` signs"),
    ("<p>" + "<" * 100_000, "the page holds 100,000 `<` or `&` signs"),
    ("<p>" + "& " * 50_000, "the page holds 50,000 `<` or `&` signs"),
    ("<p>" + "\0" * 5_000, "the page holds 5,000 `<` or `&` signs"),
    ("<!--" + "-" * 100_000 + "-->", "a comment in the page holds 100,000 hyphens, over 1,000"),
    ("<!--" + "a-" * 50_000, "a comment in the page holds 50,000 hyphens"),
    ("<div>" * 20_000, "the page leaves over 256 elements open one inside another"),
    ("<b>x" * 20_000, "the page leaves over 256 elements open one inside another"),
    ("<div/>" * 20_000, "the page leaves over 256 elements open one inside another"),
    ("<svg></svg>" + "<path/>" * 20_000, "the page leaves over 256 elements open"),
    # End tags the parser ignores close nothing: a <div> is not closed across a table,
    # and </form> or </b> take only themselves off (the parser keeps what is inside).
    ("<div><table></div></table>" * 300, "the page leaves over 256 elements open"),
    ("<form><div></form>" * 300, "the page leaves over 256 elements open"),
    ("<b><div></b>" * 300, "the page leaves over 256 elements open"),
    ("<div>" * 300 + "</x>" * 300, "the page leaves over 256 elements open"),
    ("<table>" + "x<br>" * 20_000, "the page puts 40,000 pieces of text or elements"),
    ("<table>x</table>" * 20_000, "the page puts 20,000 pieces of text or elements"),
    ("<table><tr><td>a</td>b</tr></table>" * 2_000, "the page puts 2,000 pieces of text"),
]


def page(body: str) -> str:
    return f"{HEAD}<body>{body}</body></html>"


@pytest.mark.parametrize(("body", "said"), HOSTILE, ids=lambda v: str(v)[:14])
def test_a_page_made_to_be_slow_to_parse_is_refused_saying_why(body: str, said: str) -> None:
    found = check_html(page(body))  # the first reason, and no parse's findings after it
    assert found[0].startswith(said)
    assert LOOP in found[0]


def test_the_message_says_what_to_do() -> None:
    assert check_html(page("<div>" * 300)) == [
        "the page leaves over 256 elements open one inside another (the last opened: "
        f"'div'), {LOOP} - close each element the template opens"
    ]
    assert check_html(page("<p>" + "<" * 2_000))[0].endswith(
        "- write them as &lt; and &amp; (as {{ }} in a template does)"
    )


def test_the_pdf_checks_and_the_writer_refuse_it_too() -> None:
    hostile = page("<" + "x" * 70 + ">")
    found, text = inspect_page(hostile, pdf=True)
    assert [f.text[:50] for f in found] == ["the page holds a tag name over 64 characters long "]
    assert text == ""
    assert pdf_link_findings(hostile)[0].startswith("the page holds a tag name over 64")
    with pytest.raises(RenderError, match=r"^the PDF was not made: the page holds a tag name"):
        refuse_page(hostile, (), pdf=True, what="the PDF was not made", root=None)


@pytest.mark.parametrize(
    "body",
    [
        "<div>" * 200 + "deep, and closed" + "</div>" * 200,
        "<svg>" + '<path d="M0 0"/>' * 5_000 + "</svg>",
        "<ul>" + "<li>an item" * 5_000 + "</ul>",
        "<p>" + "a &amp; b &lt; c " * 5_000,
        "<style>" + "p > a { color: red }" * 5_000 + "</style>",
        "<!--" + "-" * 900 + "-->" + "<!-- a - b -->" * 2_000,
        "<p>" + "a < b " * 900,
        "<" + "feComponentTransfer" + ">",
        "<table>\n <caption>c</caption>\n"
        + " <tr><th>h</th><td>d</td></tr>\n" * 5_000
        + "<tr><td><table><tr><td>inner</td></tr></table> after</td></tr></table>",
    ],
    ids=["deep", "svg", "list", "entities", "style", "comments", "some-lt", "long-name", "table"],
)
def test_pages_short_of_the_limits_are_parsed_as_before(body: str) -> None:
    assert check_html(page(body)) == []


def test_a_real_briefing_page_is_parsed_as_before() -> None:
    assert check_html(GOLDEN.read_text("utf-8"), require_csp=False) == []
