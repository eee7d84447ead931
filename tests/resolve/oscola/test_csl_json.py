"""A Zotero CSL-JSON export read as it is, its mistakes told as `file:line: what - do`;
YAML references mapped to CSL items and cited the same way."""

from __future__ import annotations

import json
from pathlib import Path

from parlbrief.errors import Problems
from parlbrief.load.csl_json import read_csl_json
from parlbrief.model import Reference
from parlbrief.model.reference_kinds import REFERENCE_KINDS
from parlbrief.resolve.csl.cite_notes import DEFAULT_STYLE, cite_notes
from parlbrief.resolve.csl.citeproc import Cite
from parlbrief.resolve.csl.items import CSL_TYPE, from_reference

ZOTERO = """[
  {
    "id": "smith2019",
    "type": "article-journal",
    "title": "Temporary Accommodation and Children",
    "container-title": "Housing Studies",
    "volume": "34",
    "page": "1234",
    "author": [{"family": "Smith", "given": "Jane"}],
    "issued": {"date-parts": [["2019"]]},
    "abstract": "Zotero exports fields CSL does not print; they are kept and ignored."
  },
  {
    "id": "govuk",
    "type": "webpage",
    "title": "Probation Reform",
    "container-title": "GOV.UK",
    "author": [{"literal": "Ministry of Justice"}],
    "URL": "https://www.gov.uk/x",
    "issued": {"date-parts": [[2022, 8, 18]]},
    "accessed": {"date-parts": [[2026, 12, 1]]}
  }
]
"""


def read(tmp_path: Path, text: str) -> tuple[list[dict[str, object]], list[str]]:
    path = tmp_path / "zotero.json"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    items = read_csl_json(path, "sources/references/zotero.json", problems)
    return [located.item for located in items], [str(p) for p in problems.sorted()]


def test_a_zotero_export_is_read_and_cited_in_oscola(tmp_path: Path) -> None:
    items, problems = read(tmp_path, ZOTERO)
    assert problems == []
    notes = cite_notes({str(i["id"]): i for i in items},
                       [[Cite("smith2019", "1240")], [Cite("govuk")]], DEFAULT_STYLE)  # fmt: skip
    assert notes.notes[0] == (
        "Jane Smith, ‘Temporary Accommodation and Children’ (2019) 34 Housing Studies 1234, 1240."
    )
    assert str(notes.notes[1]).endswith("&gt; accessed 1 December 2026.")


def test_each_bad_item_is_named_with_its_line_and_what_to_do(tmp_path: Path) -> None:
    items = json.loads(ZOTERO)
    items[1]["type"] = "web page"
    items[1]["URL"] = "javascript:alert(1)"
    items.append({"type": "book", "title": "No key"})
    _, problems = read(tmp_path, json.dumps(items, indent=2))
    assert problems == [
        "sources/references/zotero.json:24: reference 'govuk': URL should be a web address"
        " starting https:// or http:// - fix it in Zotero and export again, or in the file",
        "sources/references/zotero.json:24: reference 'govuk': type 'web page' is not a CSL"
        " type - fix it in Zotero and export again, or in the file",
        "sources/references/zotero.json:54: a reference has no id - give it a citation key"
        " (Better BibTeX does this)",
    ]


def test_the_good_items_of_a_file_are_kept_when_one_is_bad(tmp_path: Path) -> None:
    items = json.loads(ZOTERO)
    items[0]["issued"] = {"date-parts": "2019"}
    kept, problems = read(tmp_path, json.dumps(items, indent=1))
    assert [item["id"] for item in kept] == ["govuk"]
    assert problems[0].startswith("sources/references/zotero.json:2: reference 'smith2019':"
                                  " issued should be a date with date-parts")  # fmt: skip


def test_broken_json_is_told_at_its_line(tmp_path: Path) -> None:
    _, problems = read(tmp_path, ZOTERO.replace('"volume": "34",', '"volume": "34"'))
    assert problems[0].startswith("sources/references/zotero.json:8:")
    assert "is not valid JSON here" in problems[0]


def test_a_file_that_is_not_a_list_says_how_to_export(tmp_path: Path) -> None:
    _, problems = read(tmp_path, '{"items": []}')
    assert problems == [
        "sources/references/zotero.json:1: is not a list of references in CSL JSON - in"
        " Zotero, export the collection with the format 'CSL JSON'"
    ]


def test_a_yaml_committee_report_cites_as_oscola_gives_it() -> None:
    ref = Reference.model_validate({
        "id": "justice", "kind": "committee report", "author": "House of Commons Justice Committee",
        "short": "Justice Committee", "title": "The role of the Probation Service",
        "series": "HC 2010–12, 519", "date": "2011-07-27",
    })  # fmt: skip
    item = from_reference(ref)
    assert item is not None
    cites = [[Cite("justice", "para 90")], [Cite("other")], [Cite("justice", "para 102")]]
    notes = cite_notes({"justice": item, "other": OTHER}, cites, DEFAULT_STYLE)
    assert [str(n) for n in notes.notes[::2]] == [
        "House of Commons Justice Committee, <i>The role of the Probation Service</i>"
        " (HC 2010–12, 519) para 90.",
        "Justice Committee (n 1) para 102.",
    ]


def test_a_yaml_debate_and_act_cite_as_oscola_gives_them() -> None:
    debate = Reference.model_validate(
        {"id": "d", "kind": "hansard", "house": "Commons", "volume": "747", "date": "2024-03-12"}
    )
    act = Reference.model_validate(
        {"id": "a", "kind": "legislation", "title": "Offender Rehabilitation Act 2014"}
    )
    items = {"d": from_reference(debate), "a": from_reference(act)}
    assert None not in items.values()
    got = cite_notes(items, [[Cite("d", "col 123")], [Cite("a", "s 2")]], DEFAULT_STYLE)  # type: ignore[arg-type]
    assert [str(n) for n in got.notes] == [
        "HC Deb 12 March 2024, vol 747, col 123.",
        "Offender Rehabilitation Act 2014, s 2.",
    ]


def test_a_yaml_press_release_and_written_question_cite_as_the_style_says() -> None:
    release = Reference.model_validate({
        "id": "p", "kind": "press release", "author": "Napo", "title": "Cuts", "date": "2024-03-12",
    })  # fmt: skip
    question = Reference.model_validate({
        "id": "q", "kind": "written question", "house": "Lords", "uin": "HL1234",
        "date": "2024-03-03",
    })  # fmt: skip
    items = {"p": from_reference(release), "q": from_reference(question), "other": OTHER}
    cites = [[Cite("p", "para 2")], [Cite("p", "para 3")], [Cite("q")], [Cite("q")]]
    cites += [[Cite("other")], [Cite("p")]]
    got = cite_notes(items, cites, DEFAULT_STYLE)
    assert [str(n) for n in got.notes] == [
        "Napo, ‘Cuts’ (press release, 12 March 2024) para 2.",
        "ibid para 3.",
        "HL Written Question HL1234, answered 3 March 2024.",
        "ibid.",
        "Other, <em>Other</em>.",
        "Napo (n 1).",
    ]


OTHER = {"id": "other", "type": "book", "title": "Other", "author": [{"family": "Other"}]}


def test_every_kind_of_reference_has_a_csl_type() -> None:
    # A kind added to model/reference_kinds.py fails here until it is given one.
    assert set(CSL_TYPE) == set(REFERENCE_KINDS)


def test_a_yaml_committee_report_without_a_paper_number_keeps_its_own_capitals() -> None:
    # As a numbered one does (above), and as the guide prints a paper's title
    # ('Building our Common Future', OSCOLA 3.4.3); the style alone would print
    # 'The Role of the Probation Service & Its Future'.
    ref = Reference.model_validate({
        "id": "justice", "kind": "committee report", "author": "House of Commons Justice Committee",
        "title": "The role of the Probation Service & its future", "date": "2011-07-27",
    })  # fmt: skip
    cites = [[Cite("justice", "para 90")]]
    notes = cite_notes({"justice": from_reference(ref)}, cites, DEFAULT_STYLE)
    assert str(notes.notes[0]) == (
        "House of Commons Justice Committee, <em>The role of the Probation Service &amp; its"
        " future</em> (2011) para 90."
    )
