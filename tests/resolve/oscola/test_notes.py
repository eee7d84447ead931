"""Notes by the CSL engine as a reader sees them: ibid, '(n 3)', styles, italics."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlbrief.errors import ContentError, Origin
from parlbrief.resolve.csl.cite_notes import DEFAULT_STYLE, STYLES, cite_notes, style_path
from parlbrief.resolve.csl.citeproc import Cite
from parlbrief.resolve.csl.items import Item

ITEMS: dict[str, Item] = {
    "smith": {
        "id": "smith", "type": "article-journal", "title": "Temporary Accommodation and Children",
        "author": [{"family": "Smith", "given": "Jane"}], "container-title": "Housing Studies",
        "volume": "34", "page": "1234", "issued": {"date-parts": [[2019]]},
    },
    "robinson": {
        "id": "robinson", "type": "book", "title": "Probation: A Critical Review",
        "author": [{"family": "Robinson", "given": "Gwen"}], "edition": "2",
        "publisher": "Oxford University Press", "issued": {"date-parts": [[2020]]},
    },
    "debate": {
        "id": "debate", "type": "hearing", "authority": "HC", "volume": "747",
        "issued": {"date-parts": [[2024, 3, 12]]},
    },
    "justice": {
        "id": "justice", "type": "report", "title": "The Role of the Probation Service",
        "author": [{"literal": "House of Commons Justice Committee"}],
        "author-short": "Justice Committee", "number": "HC 2010–12, 519",
        "issued": {"date-parts": [[2011]]},
    },
}  # fmt: skip


def notes(cites: list[list[Cite]], style: Path = DEFAULT_STYLE) -> list[str]:
    return [str(note) for note in cite_notes(ITEMS, cites, style).notes]


def test_a_note_repeating_the_one_before_is_ibid_with_its_new_pinpoint() -> None:
    got = notes([[Cite("smith", "1240")], [Cite("smith", "1241")]])
    assert got[1] == "ibid 1241."


def test_a_later_note_points_back_to_the_first_across_a_parliamentary_note() -> None:
    got = notes([[Cite("smith", "1240")], [Cite("debate", "col 12")], [Cite("smith", "1250")]])
    assert got == [
        "Jane Smith, ‘Temporary Accommodation and Children’ (2019) 34 Housing Studies 1234, 1240.",
        "HC Deb 12 March 2024, vol 747, col 12.",
        "Smith (n 1) 1250.",
    ]


def test_a_committee_report_is_italic_and_later_short_with_its_note() -> None:
    got = notes([[Cite("justice", "para 90")], [Cite("smith")], [Cite("justice", "para 102")]])
    assert got[0] == (
        "House of Commons Justice Committee, <i>The Role of the Probation Service</i>"
        " (HC 2010–12, 519) para 90."
    )
    assert got[2] == "Justice Committee (n 1) para 102."


def test_a_book_title_is_italic() -> None:
    got = notes([[Cite("robinson", "33")]])
    assert got == [
        "Gwen Robinson, <em>Probation: A Critical Review</em> (2nd edn, Oxford University"
        " Press 2020) 33."
    ]


def test_oscola_no_ibid_points_back_instead() -> None:
    style = style_path("oscola-no-ibid", Path("."), Origin("parlbrief.yaml", 3))
    got = notes([[Cite("smith", "1240")], [Cite("smith", "1241")]], style)
    assert got[1] == "Smith (n 1) 1241."


def test_a_mixed_note_keeps_its_order_and_capitalises_its_opening_signal() -> None:
    got = notes([[Cite("debate", "col 12", "see"), Cite("smith")]])
    assert got[0].startswith("See HC Deb 12 March 2024, vol 747, col 12; Jane Smith,")


def test_an_author_date_style_gives_citations_and_a_reference_list() -> None:
    result = cite_notes(ITEMS, [[Cite("smith", "1240")]], STYLES / "harvard-cite-them-right.csl")
    assert result.notes == ["(Smith, 2019, p. 1240)"]
    assert "Smith, J. (2019)" in str(result.bibliography[0])


def test_the_same_notes_make_the_same_text_every_time() -> None:
    cites = [[Cite("smith")], [Cite("robinson", "33")], [Cite("smith", "12")]]
    assert notes(cites) == notes(cites)


@pytest.mark.parametrize("name", ["oscola", "oscola-no-ibid", "harvard-cite-them-right"])
def test_each_shipped_style_is_credited(name: str) -> None:
    credits = (STYLES / "CREDITS.md").read_text(encoding="utf-8")
    assert f"{name}.csl" in credits
    assert "CC BY-SA 3.0" in credits


def test_a_debate_repeated_in_the_next_note_is_ibid_with_its_column() -> None:
    assert notes([[Cite("debate", "col 12")], [Cite("debate", "col 13")]])[1] == "ibid col 13."


def test_a_style_in_the_project_is_used_and_one_outside_it_refused(tmp_path: Path) -> None:
    mine = tmp_path / "styles" / "house.csl"
    mine.parent.mkdir()
    mine.write_text(DEFAULT_STYLE.read_text(encoding="utf-8"), encoding="utf-8")
    where = Origin("parlbrief.yaml", 3)
    assert style_path("styles/house.csl", tmp_path, where) == mine.resolve()
    with pytest.raises(ContentError) as refused:
        style_path("../outside.csl", tmp_path, where)
    message = str(refused.value.problems[0])
    assert message.startswith("parlbrief.yaml:3: citation_style: '../outside.csl' is neither")
    assert "(harvard, oscola, oscola-no-ibid)" in message


def test_westminster_hall_and_written_statements_mark_their_columns() -> None:
    items: dict[str, Item] = {
        genre: {**ITEMS["debate"], "id": genre, "genre": genre} for genre in ("WH", "WS")
    }
    got = cite_notes(items, [[Cite("WH", "col 1")], [Cite("WS", "cols 12–13")]], DEFAULT_STYLE)
    assert [str(n) for n in got.notes] == [
        "HC Deb 12 March 2024, vol 747, col 1WH.",
        "HC Deb 12 March 2024, vol 747, cols 12WS–13WS.",
    ]


def test_each_citation_of_a_note_is_given_alone_for_a_figures_sentence() -> None:
    got = cite_notes(ITEMS, [[Cite("smith", "1240"), Cite("debate", "col 5"),
                              Cite("robinson", "33", "see")]], DEFAULT_STYLE)  # fmt: skip
    assert [str(text) for text in got.cites[0]] == [
        "Jane Smith, ‘Temporary Accommodation and Children’ (2019) 34 Housing Studies 1234, 1240",
        "HC Deb 12 March 2024, vol 747, col 5",
        "see Gwen Robinson, <em>Probation: A Critical Review</em> (2nd edn, Oxford University"
        " Press 2020) 33",
    ]


def test_an_author_date_note_citing_two_works_is_one_citation() -> None:
    style = STYLES / "harvard-cite-them-right.csl"
    got = cite_notes(ITEMS, [[Cite("smith"), Cite("robinson")]], style)
    assert got.notes == ["(Smith, 2019; Robinson, 2020)"]


WEB: Item = {
    "id": "stats", "type": "webpage", "title": "Offender Management Statistics Quarterly",
    "author": [{"literal": "Ministry of Justice"}], "container-title": "GOV.UK",
    "URL": "https://www.gov.uk/stats", "issued": {"date-parts": [[2024, 1, 25]]},
    "accessed": {"date-parts": [[2024, 2, 1]]},
}  # fmt: skip


def test_a_web_pages_pinpoint_comes_before_its_address() -> None:
    # The web address and the date of access end an OSCOLA citation, and a pinpoint
    # within a web source comes before the address (the Institute of Advanced Legal
    # Studies' OSCOLA guide, http://libguides.ials.sas.ac.uk/c.php?g=659237&p=4653476),
    # whatever the pinpoint's word.
    items = {**ITEMS, "stats": WEB}
    cites = [[Cite("stats", "table 2")], [Cite("stats", "para 4")], [Cite("smith")],
             [Cite("stats", "table 3")]]  # fmt: skip
    got = [str(note) for note in cite_notes(items, cites, DEFAULT_STYLE).notes]
    address = '&lt;<a href="https://www.gov.uk/stats">https://www.gov.uk/stats</a>&gt;'
    head = (
        "Ministry of Justice, ‘Offender Management Statistics Quarterly’"
        " (<em>GOV.UK</em>, 25 January 2024)"
    )
    assert got[0] == f"{head} table 2 {address} accessed 1 February 2024."
    assert got[1] == "ibid para 4."
    assert got[3] == "Ministry of Justice (n 1) table 3."


def test_an_author_date_style_puts_an_unnamed_pinpoint_after_the_citation() -> None:
    items = {**ITEMS, "stats": WEB}
    got = cite_notes(items, [[Cite("stats", "table 2")]], STYLES / "harvard-cite-them-right.csl")
    assert str(got.notes[0]) == "(Ministry of Justice, 2024 table 2)"
