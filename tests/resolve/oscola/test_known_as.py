"""A source known by a short name ('Franks Report'): its first note ends with the name in
brackets and later notes cite it by the name (OSCOLA 4th edn 1.3 and 3.4.1), whether the
reference is YAML (`known_as:`) or a Zotero item ('Known as: ...' in its Extra field)."""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from parlbrief.check import Checked, check
from parlbrief.resolve.csl.cite_notes import DEFAULT_STYLE, STYLES, cite_notes
from parlbrief.resolve.csl.citeproc import Cite
from tests.conftest import MakeProject, render_page

BRIEFING = "briefings/minimal.yaml"
FRANKS = """- id: franks-1957
  kind: report
  author: Committee on Administrative Tribunals and Enquiries
  title: Report of the Committee on Administrative Tribunals and Enquiries
  series: Cmnd 218
  known_as: Franks Report
  date: 1957
"""
ZOTERO_ITEM = {
    "id": "oxford1966",
    "type": "book",
    "author": [{"literal": "University of Oxford"}],
    "title": "Report of Commission of Inquiry",
    "publisher": "OUP",
    "issued": {"date-parts": [[1966]]},
    "note": "Chair: Lord Franks\nKnown as: Franks Report",
}


def built(make_project: MakeProject, files: dict[str, str], summary: str) -> Checked:
    project = make_project(files)
    path = project.root / BRIEFING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Local trusts worked.[@committee-2011]", summary), "utf-8")
    checked = check(project)
    assert [str(p) for p in checked.problems.errors] == []
    return checked


def page_notes(checked: Checked) -> list[str]:
    """The notes as a reader of the briefing's web page reads them."""
    page = render_page(checked, "minimal", "html")
    items = re.findall(r"<li[^>]*id=\"fn[^\"]*\"[^>]*>(.*?)</li>", page, re.DOTALL)
    return [" ".join(Markup(item).striptags().split()) for item in items]


def test_a_yaml_reference_known_as_a_short_name_is_cited_by_it(
    make_project: MakeProject,
) -> None:
    summary = (
        "Tribunals must be open.[@franks-1957, para 23] Local trusts worked.[@committee-2011]"
        " And fair.[@franks-1957, para 24]"
    )
    checked = built(make_project, {"sources/references/franks.yaml": FRANKS}, summary)
    notes = page_notes(checked)
    assert notes[0].startswith(
        "Committee on Administrative Tribunals and Enquiries, Report of the Committee on"
        " Administrative Tribunals and Enquiries (Cmnd 218, 1957) para 23 (Franks Report)."
    )
    assert notes[2].startswith("Franks Report (n 1) para 24.")


def test_a_zotero_item_known_as_a_short_name_is_cited_by_it(make_project: MakeProject) -> None:
    export = json.dumps([ZOTERO_ITEM])
    summary = (
        "Oxford looked.[@oxford1966, vol 1, ch 3] Local trusts worked.[@committee-2011]"
        " Again.[@oxford1966, vol 1, ch 4] And again.[@oxford1966, vol 2]"
    )
    checked = built(make_project, {"sources/references/zotero.json": export}, summary)
    notes = page_notes(checked)
    assert notes[0].startswith(
        "University of Oxford, Report of Commission of Inquiry (OUP 1966) vol 1, ch 3"
        " (Franks Report)."
    )
    assert notes[2].startswith("Franks Report (n 1) vol 1, ch 4.")
    assert notes[3].startswith("Ibid vol 2.")


def test_an_act_known_by_its_initials_is_cited_by_them_after_its_first_note() -> None:
    items = {
        "hra": {
            "id": "hra",
            "type": "legislation",
            "title": "Human Rights Act 1998",
            "note": "known-as: HRA",
        },
        "other": {"id": "other", "type": "book", "title": "Other", "author": [{"family": "O"}]},
    }
    notes = [[Cite("hra", "s 3")], [Cite("other")], [Cite("hra", "s 4")]]
    texts = [str(note) for note in cite_notes(items, notes, DEFAULT_STYLE).notes]
    assert texts[0] == "Human Rights Act 1998 (HRA) s 3."  # as OSCOLA 2.4.1 places it
    assert texts[2] == "HRA, s 4."


def test_an_author_date_style_leaves_the_short_name_out() -> None:
    items = {"oxford1966": {**ZOTERO_ITEM}}
    notes = [[Cite("oxford1966", "ch 3")], [Cite("oxford1966", "ch 4")]]
    texts = [str(n) for n in cite_notes(items, notes, STYLES / "harvard-cite-them-right.csl").notes]
    assert all("Franks" not in text for text in texts)
