"""Every field of a reference is text in a note, never markup: `<`, `&` and quotes in an
author, a series, a locator or a web address come out escaped.

One case per field that reaches a note (author, title, series, publisher, locator, short
author, prefix, link): a field printed as markup (`Markup(...)` for `escape(...)`) fails
its case. Also the exact note text for each form, so a dropped or reordered part fails.
"""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import Markup

from parlbrief.model import PartialDate, Reference
from parlbrief.resolve.citations import finish, full_reference, link, short_reference, with_prefix

EVIL = "<b>&amp;</b>"
SAFE = "&lt;b&gt;&amp;amp;&lt;/b&gt;"


def reference(**fields: Any) -> Reference:
    base = {
        "id": "ifg-2022",
        "kind": "report",
        "author": "Institute for Government",
        "title": "Reunification",
        "date": PartialDate.parse("2022-08-23"),
    }
    return Reference.model_validate({**base, **fields})


FULL = [
    # (fields, locator, the note's HTML)
    ({}, "", "Institute for Government, <i>Reunification</i> (23 August 2022)"),
    ({"author": EVIL}, "", f"{SAFE}, <i>Reunification</i> (23 August 2022)"),
    ({"title": EVIL}, "", f"Institute for Government, <i>{SAFE}</i> (23 August 2022)"),
    ({"series": EVIL}, "",
     f"Institute for Government, <i>Reunification</i> ({SAFE}, 23 August 2022)"),
    ({"publisher": EVIL}, "",
     f"Institute for Government, <i>Reunification</i> ({SAFE}, 23 August 2022)"),
    ({"series": "HC 519", "publisher": "TSO"}, "",
     "Institute for Government, <i>Reunification</i> (HC 519, TSO, 23 August 2022)"),
    # a publisher who is the author is not said twice
    ({"publisher": "Institute"}, "", "Institute for Government, <i>Reunification</i> "
     "(23 August 2022)"),
    ({}, "para 4 <b>&</b>",
     "Institute for Government, <i>Reunification</i> (23 August 2022) para 4 &lt;b&gt;&amp;"
     "&lt;/b&gt;"),
    ({}, "*passim*", "Institute for Government, <i>Reunification</i> (23 August 2022) "
     "<em>passim</em>"),
    ({"url": 'https://x.example/?a=1&b="2"<'}, "",
     "Institute for Government, <i>Reunification</i> (23 August 2022) &lt;<a href=\""
     "https://x.example/?a=1&amp;b=&#34;2&#34;&lt;\">https://x.example/?a=1&amp;b=&#34;2"
     "&#34;&lt;</a>&gt;"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "locator", "html"), FULL)
def test_full_reference(fields: dict[str, Any], locator: str, html: str) -> None:
    assert str(full_reference(reference(**fields), locator)) == html


SHORT = [
    # (fields, first note, locator, the note's HTML)
    ({}, 3, "p 2", "Institute for Government (n 3) p 2"),
    ({}, None, "", "Institute for Government"),
    ({"short": "IfG"}, 3, "", "IfG (n 3)"),
    ({"short": EVIL}, 3, "", f"{SAFE} (n 3)"),
    ({"author": EVIL}, 1, "", f"{SAFE} (n 1)"),
    ({}, None, "para <i>9</i>", "Institute for Government para &lt;i&gt;9&lt;/i&gt;"),
]


@pytest.mark.parametrize(("fields", "first", "locator", "html"), SHORT)
def test_short_reference(
    fields: dict[str, Any], first: int | None, locator: str, html: str
) -> None:
    assert str(short_reference(reference(**fields), first, locator)) == html


PREFIXES = [
    # (prefix, opens the note, the HTML)
    ("", True, "X"),
    ("see", False, "see X"),
    ("see", True, "See X"),
    ("see <b>also</b>", True, "See &lt;b&gt;also&lt;/b&gt; X"),
    ("s", True, "S X"),
]


@pytest.mark.parametrize(("prefix", "first", "html"), PREFIXES)
def test_with_prefix(prefix: str, first: bool, html: str) -> None:
    assert str(with_prefix(prefix, Markup("X"), first=first)) == html


def test_link_escapes_the_address() -> None:
    assert str(link('https://x.example/"><script>')) == (
        '<a href="https://x.example/&#34;&gt;&lt;script&gt;">'
        "https://x.example/&#34;&gt;&lt;script&gt;</a>"
    )


FINISHED = [
    ([Markup("A")], "A."),
    ([Markup("A"), Markup("B para 2.")], "A; B para 2."),
    ([Markup("<i>A</i>")], "<i>A</i>."),
]


@pytest.mark.parametrize(("parts", "html"), FINISHED)
def test_finish(parts: list[Markup], html: str) -> None:
    assert str(finish(parts)) == html


HANSARD = {"id": "hc", "kind": "hansard", "author": "Commons", "house": "Commons", "volume": "747"}


def test_a_kind_with_its_own_form_gets_the_locator_too() -> None:
    ref = reference(**HANSARD, date=PartialDate.parse("2024-03-12"))
    assert str(full_reference(ref, "col 123")) == "HC Deb 12 March 2024, vol 747, col 123"
    assert str(short_reference(ref, 3, "col <b>9</b>")) == (
        "HC Deb 12 March 2024, vol 747, col &lt;b&gt;9&lt;/b&gt;"
    )
    release = reference(kind="press release", title="T")
    assert str(full_reference(release, "para 2")) == (
        "Institute for Government, ‘T’ (press release, 23 August 2022) para 2"
    )
