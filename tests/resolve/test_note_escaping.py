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

from parlbrief.check import check
from parlbrief.model import PartialDate, Reference
from parlbrief.resolve.citations import finish, full_reference, link
from tests.conftest import MakeProject, render_page

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
    release = reference(kind="press release", title="T")
    assert str(full_reference(release, "para 2")) == (
        "Institute for Government, ‘T’ (press release, 23 August 2022) para 2"
    )


def test_a_short_name_with_markup_is_printed_as_text_in_a_later_note(
    make_project: MakeProject,
) -> None:
    """A later note names a source by its `short:`, put in by parlbrief after the style
    has worded the note: it must be escaped as the style escapes everything else."""
    project = make_project()
    refs = project.root / "sources/references/sources.yaml"
    refs.write_text(
        refs.read_text(encoding="utf-8").replace("short: Justice Committee", f'short: "{EVIL}"'),
        encoding="utf-8",
    )
    page = render_page(check(project), "minimal", "html")
    assert f"{SAFE} (n 1)" in page
    assert EVIL not in page
