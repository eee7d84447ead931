"""A Zotero export (CSL JSON) dropped into sources/references/ is cited by its keys,
its notes in OSCOLA form, beside the project's YAML references."""

from __future__ import annotations

from markupsafe import Markup

from parlbrief.check import Checked, check
from tests.conftest import MakeProject
from tests.resolve.oscola.test_csl_json import ZOTERO

BRIEFING = "briefings/minimal.yaml"
EXPORT = "sources/references/zotero.json"


def notes(checked: Checked) -> list[str]:
    return [Markup(n.body).striptags() for n in checked.resolved["minimal"].notes]


def with_summary(make_project: MakeProject, summary: str, export: str = ZOTERO) -> Checked:
    project = make_project({EXPORT: export})
    path = project.root / BRIEFING
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Local trusts worked.[@committee-2011]", summary), encoding="utf-8"
    )
    return check(project)


def test_an_exported_article_and_web_page_are_cited_in_oscola_form(
    make_project: MakeProject,
) -> None:
    checked = with_summary(
        make_project,
        "Children suffer.[@smith2019, 1240] The Ministry agrees.[@govuk] Again.[@smith2019, 1241]",
    )
    assert [str(p) for p in checked.problems.errors] == []
    assert notes(checked)[:3] == [
        "Jane Smith, ‘Temporary Accommodation and Children’ (2019) 34 Housing Studies 1234, 1240.",
        "Ministry of Justice, ‘Probation Reform’ (GOV.UK, 18 August 2022)"
        " <https://www.gov.uk/x> accessed 1 December 2026.",
        "Smith (n 1) 1241.",
    ]
    sources = [Markup(s).striptags() for s in checked.resolved["minimal"].source_texts]
    assert "Smith J, ‘Temporary Accommodation and Children’ (2019) 34 Housing Studies 1234" in (
        sources
    )


def test_an_unknown_key_is_told_with_the_closest(make_project: MakeProject) -> None:
    checked = with_summary(make_project, "Children suffer.[@smith2018, 1240]")
    assert any(
        "there is no reference 'smith2018' (did you mean 'smith2019'?)" in str(p)
        for p in checked.problems.errors
    )


def test_a_key_the_yaml_already_uses_is_refused_at_its_line(make_project: MakeProject) -> None:
    export = ZOTERO.replace('"id": "govuk"', '"id": "committee-2011"')
    checked = with_summary(make_project, "Local trusts worked.[@committee-2011]", export)
    assert [str(p) for p in checked.problems.errors] == [
        "sources/references/zotero.json:13: the id 'committee-2011' is already used at"
        " sources/references/sources.yaml:2 - rename one"
    ]


def test_csl_cannot_be_written_in_yaml(make_project: MakeProject) -> None:
    refs = "- id: x\n  kind: report\n  author: A\n  title: T\n  date: 2020\n  csl: {type: book}\n"
    checked = check(make_project({"sources/references/more.yaml": refs}))
    assert any("csl: is read from a Zotero export" in str(p) for p in checked.problems.errors)


LIBRARY = """% A library kept by hand (or Better BibTeX's export).
@article{smith2019,
  author  = {Smith, Jane},
  title   = {Temporary Accommodation and Children},
  journal = {Housing Studies},
  volume  = {34},
  pages   = {1234--1250},
  year    = {2019}
}

@book{robinson2020,
  author    = {Robinson, Gwen},
  title     = {Probation: A Critical Review},
  edition   = {2},
  publisher = {Oxford University Press},
  year      = {2020}
}
"""


def test_a_bibtex_library_is_cited_in_oscola_form(make_project: MakeProject) -> None:
    project = make_project({"sources/references/library.bib": LIBRARY})
    path = project.root / BRIEFING
    text = path.read_text(encoding="utf-8")
    summary = "Children suffer.[@smith2019, 1240] Probation matters.[@robinson2020, 33]"
    path.write_text(text.replace("Local trusts worked.[@committee-2011]", summary), "utf-8")
    checked = check(project)
    assert [str(p) for p in checked.problems.errors] == []
    assert notes(checked)[:2] == [
        "Jane Smith, ‘Temporary Accommodation and Children’ (2019) 34 Housing Studies 1234, 1240.",
        "Gwen Robinson, Probation: A Critical Review (2nd edn, Oxford University Press 2020) 33.",
    ]


def test_a_broken_bibtex_file_is_said_where_it_breaks(make_project: MakeProject) -> None:
    broken = LIBRARY.replace("  year    = {2019}\n}", "  year    = {2019}\n")
    checked = check(make_project({"sources/references/library.bib": broken}))
    [message] = [str(p) for p in checked.problems.errors]
    assert message.startswith("sources/references/library.bib:")
    assert "is not valid BibTeX here" in message
