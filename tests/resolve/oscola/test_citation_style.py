"""`citation_style:` in parlbrief.yaml or a briefing: which CSL style words the notes.

The minimal project cites the Justice Committee's report in its summary (note 1) and
again at para 95 in the next note, then at paras 81-84.
"""

from __future__ import annotations

from markupsafe import Markup

from parlbrief.check import Checked, check
from parlbrief.model import PartialDate, Reference
from parlbrief.resolve.csl.cite_notes import DEFAULT_STYLE
from parlbrief.resolve.csl.citeproc import Cite
from parlbrief.resolve.csl.worded import word_notes
from tests.conftest import MakeProject

SETTINGS = "parlbrief.yaml"
BRIEFING = "briefings/minimal.yaml"
KEEP_FRESH = "max_age_days: 36500\n"


def notes(checked: Checked) -> list[str]:
    return [Markup(n.body).striptags() for n in checked.resolved["minimal"].notes]


def errors(checked: Checked) -> list[str]:
    return [str(p) for p in checked.problems.errors]


def with_style(make_project: MakeProject, style: str, **files: str) -> Checked:
    settings = f"{KEEP_FRESH}citation_style: {style}\n"
    return check(make_project({SETTINGS: settings, **files}))


def test_oscola_is_the_default_with_ibid(make_project: MakeProject) -> None:
    got = notes(check(make_project()))
    assert got[1:3] == ["Ibid para 95.", "See ibid paras 81–84."]


def test_oscola_no_ibid_points_back_to_the_first_note(make_project: MakeProject) -> None:
    got = notes(with_style(make_project, "oscola-no-ibid"))
    assert got[1:3] == [
        "Justice Committee (n 1) para 95.",
        "See Justice Committee (n 1) paras 81–84.",
    ]


def test_harvard_gives_author_date_notes_and_a_reference_list(make_project: MakeProject) -> None:
    checked = with_style(make_project, "harvard")
    assert errors(checked) == []
    got = notes(checked)
    assert got[0] == "House of Commons Justice Committee, 2011."
    assert got[1] == "House of Commons Justice Committee, 2011, para. 95."
    sources = [Markup(s).striptags() for s in checked.resolved["minimal"].source_texts]
    assert sources[0].startswith(
        "House of Commons Justice Committee (2011) The role of the Probation Service."
    )


def test_a_briefing_may_name_its_own_style(make_project: MakeProject) -> None:
    briefing = (make_project().root / BRIEFING).read_text(encoding="utf-8")
    checked = with_style(
        make_project, "harvard", **{BRIEFING: briefing + "citation_style: oscola-no-ibid\n"}
    )
    assert notes(checked)[1] == "Justice Committee (n 1) para 95."


def test_an_unknown_style_is_named_at_its_line_with_the_choices(
    make_project: MakeProject,
) -> None:
    checked = with_style(make_project, "chicago")
    assert errors(checked) == [
        "parlbrief.yaml:2: citation_style: 'chicago' is neither a style parlbrief ships"
        " (harvard, oscola, oscola-no-ibid) nor a .csl file in the project - name one of"
        " those, or download the style's .csl file from https://www.zotero.org/styles into"
        " the project"
    ]


def test_a_projects_own_style_is_used(make_project: MakeProject) -> None:
    own = DEFAULT_STYLE.read_text(encoding="utf-8").replace(
        '<text strip-periods="true" term="ibid" text-case="lowercase"/>', '<text value="idem"/>'
    )
    checked = with_style(make_project, "styles/house.csl", **{"styles/house.csl": own})
    assert errors(checked) == []
    assert notes(checked)[1] == "Idem para 95."


def test_a_broken_style_file_is_said_at_its_line(make_project: MakeProject) -> None:
    broken = (
        '<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl">\n<info>\n</style>\n'
    )
    checked = with_style(make_project, "house.csl", **{"house.csl": broken})
    [message] = errors(checked)
    assert message.startswith("house.csl:4: the citation style is not well-formed XML:")
    assert message.endswith(
        "download the style again from https://www.zotero.org/styles, or fix the file"
    )


def test_a_file_that_is_not_a_csl_style_is_refused(make_project: MakeProject) -> None:
    checked = with_style(make_project, "page.csl", **{"page.csl": "<html><body/></html>\n"})
    [message] = errors(checked)
    assert message.startswith("page.csl:1: this file is not a CSL style")


def test_a_huge_style_file_is_refused_unread(make_project: MakeProject) -> None:
    huge = "<style>" + " " * 1_100_000 + "</style>"
    checked = with_style(make_project, "huge.csl", **{"huge.csl": huge})
    [message] = errors(checked)
    assert message.startswith("huge.csl:1: the citation style is 1,100,015 bytes")


def test_a_style_is_said_once_for_all_briefings(make_project: MakeProject) -> None:
    briefing = (make_project().root / BRIEFING).read_text(encoding="utf-8")
    second = briefing.replace("series: Briefing 1", "series: Briefing 2")
    checked = with_style(make_project, "chicago", **{"briefings/second.yaml": second})
    assert len(errors(checked)) == 1


def reference(**fields: object) -> Reference:
    base: dict[str, object] = {
        "id": "ifg",
        "kind": "case study",
        "author": "Institute for Government",
        "title": "Reunification of probation services",
        "date": PartialDate.parse("2022-08-23"),
    }
    return Reference.model_validate({**base, **fields})


def worded(ref: Reference, *notes: list[Cite]) -> list[str]:
    texts = word_notes([ref], list(notes), DEFAULT_STYLE).cites
    return [str(Markup("; ").join(note)) for note in texts]


def test_a_source_known_only_as_reproduced_says_so_after_a_comma() -> None:
    ref = reference(
        series="case study by Raj Johal and Nick Davies, published 18 August 2022",
        publisher="as reproduced in the probation blog post ‘So, How Did It Go?’",
    )
    assert worded(ref, [Cite("ifg", "under ‘CRC innovations’")]) == [
        "Institute for Government, <em>Reunification of Probation Services</em> (case study"
        " by Raj Johal and Nick Davies, published 18 August 2022, as reproduced in the"
        " probation blog post ‘So, How Did It Go?’, 2022) under ‘CRC innovations’"
    ]


def test_a_later_note_uses_the_short_name() -> None:
    ref = reference(author="House of Commons Justice Committee", short="Justice Committee")
    other = reference(id="other", author="Someone")
    texts = word_notes(
        [ref, other], [[Cite("ifg")], [Cite("other")], [Cite("ifg", "para 5")]], DEFAULT_STYLE
    ).cites
    assert str(texts[2][0]) == "Justice Committee (n 1) para 5"
