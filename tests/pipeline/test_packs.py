"""Packs (issue 24, item 2): `template: pack` with `include:` binds briefings into one
document: notes numbered through it, one list of sources, every part's questions once;
mistakes in `include:` said at their lines; a pack rebuilt when a part changes, and
only then."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx

from parlbrief.check import check
from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from parlbrief.resolve.placeholders import placeholders
from parlbrief.sentences import claims
from parlbrief.write.docx import write_docx
from tests.conftest import MakeProject, render_page
from tests.pipeline.conftest import edit

HTML = BuildOptions(formats=("html",))

#: A second briefing citing the same report as the minimal one, with a question of its
#: own and one it shares.
SECOND = """\
series: Briefing 2
title: Money should follow need
date: 2026-11-23
summary: |
  The committee said so too.[@committee-2011, para 90] Funding fell by 10% in 2012.
sections:
  - heading: Funding
    text: |
      Contracts went to the voluntary sector.[@workforce-2022]
questions:
  - q-funding
  - q-local
"""


def pack(*include: str, extra: str = "") -> str:
    lines = "".join(f"  - {bid}\n" for bid in include)
    return (
        "series: Debate pack\ntitle: Local services\ndate: 2026-11-24\ntemplate: pack\n"
        f"{extra}include:\n{lines}"
    )


def errors_of(project: Project) -> list[str]:
    return [str(p) for p in check(project).problems.errors]


def bound(make_project: MakeProject, *include: str, extra: str = "") -> Project:
    return make_project(
        {"briefings/second.yaml": SECOND, "briefings/pack.yaml": pack(*include, extra=extra)}
    )


# ---- what a pack holds --------------------------------------------------------------


def test_notes_run_on_through_the_parts_and_a_source_is_listed_once(
    make_project: MakeProject,
) -> None:
    checked = check(bound(make_project, "minimal", "second"))
    assert not checked.problems.errors, checked.problems.errors
    alone = len(checked.resolved["minimal"].notes) + len(checked.resolved["second"].notes)
    resolved = checked.resolved["pack"]
    assert [n.number for n in resolved.notes] == list(range(1, alone + 1))
    assert [ref.id for ref in resolved.sources] == ["committee-2011", "workforce-2022"]
    # The second part's note points back to the first part's full citation.
    second_opens = len(checked.resolved["minimal"].notes) + 1
    assert "Justice Committee (n 1) para 90" in str(resolved.notes[second_opens - 1].body)


def test_every_part_s_questions_are_asked_once_at_the_end(make_project: MakeProject) -> None:
    checked = check(bound(make_project, "minimal", "second"))
    assert [q.id for q in checked.resolved["pack"].questions] == ["q-local", "q-funding"]
    page = render_page(checked, "pack", "html")
    assert page.count('class="question"') == 2
    assert page.count('<section class="sources"') == 1


def test_the_web_page_has_a_contents_list_linking_to_each_part(
    make_project: MakeProject,
) -> None:
    checked = check(bound(make_project, "minimal", "second"))
    page = render_page(checked, "pack", "html")
    contents = page[page.index('<nav class="contents"') : page.index("</nav>")]
    links = re.findall(r'href="#([^"]+)"', contents)
    assert links[0] == "part-minimal-heading" and "part-second-heading" in links
    for anchor in links:
        assert page.count(f'id="{anchor}"') == 1, anchor
    assert links[-2:] == ["questions-heading", "sources-heading"]


def test_claims_lists_the_pack_s_sentences_part_by_part(make_project: MakeProject) -> None:
    checked = check(bound(make_project, "minimal", "second"))
    alone = [c.text for bid in ("minimal", "second") for c in claims(checked.resolved[bid])]
    assert "Funding fell by 10% in 2012." in alone
    assert [c.text for c in claims(checked.resolved["pack"])] == alone


def test_a_pack_within_a_pack_binds_its_parts_each_once(make_project: MakeProject) -> None:
    project = make_project(
        {
            "briefings/second.yaml": SECOND,
            "briefings/inner.yaml": pack("second", "minimal"),
            "briefings/pack.yaml": pack("minimal", "inner"),
        }
    )
    checked = check(project)
    assert not checked.problems.errors, checked.problems.errors
    assert [p.id for p in checked.resolved["pack"].parts] == ["minimal", "second"]


def test_a_part_s_mistake_is_said_once_not_again_for_the_pack(
    make_project: MakeProject,
) -> None:
    wrong = SECOND.replace("@workforce-2022", "@workforce-2023")
    project = make_project(
        {"briefings/second.yaml": wrong, "briefings/pack.yaml": pack("minimal", "second")}
    )
    said = [e for e in errors_of(project) if "workforce-2023" in e]
    assert len(said) == 1, said


def test_a_pack_that_prints_a_part_s_placeholder_cannot_be_published(
    make_project: MakeProject,
) -> None:
    unfinished = SECOND.replace("Money should follow need", "Replace this with the title")
    project = make_project(
        {"briefings/second.yaml": unfinished, "briefings/pack.yaml": pack("minimal", "second")}
    )
    checked = check(project)
    found = placeholders(checked.corpus, [checked.resolved["pack"]], "error")
    assert [str(p) for p in found] == [
        "briefings/second.yaml:2: title: 'Replace this with the title' is the starter's "
        "placeholder - write your own (a briefing that prints one cannot be published)"
    ]


def test_word_heads_each_part_and_keeps_every_note_as_a_footnote(
    make_project: MakeProject, tmp_path: Path
) -> None:
    checked = check(bound(make_project, "minimal", "second"))
    target = tmp_path / "pack.docx"
    write_docx(target, checked.resolved["pack"], {})
    document = docx.Document(str(target))
    heads = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert heads[:2] == ["Local services work best", "Money should follow need"]
    second = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Funding" in second  # a part's section, one level down
    with zipfile.ZipFile(target) as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
    assert notes.count("<w:footnote ") - 2 == len(checked.resolved["pack"].notes)


# ---- mistakes in include: -------------------------------------------------------------


def test_an_include_naming_no_briefing_is_an_error_at_its_line(
    make_project: MakeProject,
) -> None:
    assert errors_of(bound(make_project, "minimal", "secnod")) == [
        "briefings/pack.yaml:7: include: there is no briefing 'secnod' (did you mean "
        "'second'?) (known: minimal, pack, second) - check the id against the file names "
        "in briefings/"
    ]


def test_a_pack_that_includes_itself_is_an_error_at_its_line(make_project: MakeProject) -> None:
    assert errors_of(bound(make_project, "minimal", "pack")) == [
        "briefings/pack.yaml:7: include: 'pack' is this pack itself - a pack cannot "
        "include itself: take it out"
    ]


def test_packs_that_include_each_other_are_errors_at_both_lines(
    make_project: MakeProject,
) -> None:
    project = make_project(
        {
            "briefings/a.yaml": pack("minimal", "b"),
            "briefings/b.yaml": pack("a"),
        }
    )
    assert errors_of(project) == [
        "briefings/a.yaml:7: include: the packs include each other in a circle "
        "(a -> b -> a) - take one of them out of the other",
        "briefings/b.yaml:6: include: the packs include each other in a circle "
        "(b -> a -> b) - take one of them out of the other",
    ]


def test_a_briefing_with_variants_cannot_be_bound(make_project: MakeProject) -> None:
    variants = SECOND + "variants:\n  data: areas.csv\n  key: area\n"
    project = make_project(
        {
            "sources/data/areas.csv": "area\nNorth\nSouth\n",
            "briefings/second.yaml": variants,
            "briefings/pack.yaml": pack("second"),
        }
    )
    assert errors_of(project) == [
        "briefings/pack.yaml:6: include: 'second' is made once per row of areas.csv, so "
        "a pack cannot tell which to bind - include a briefing without variants"
    ]


def test_include_outside_a_pack_and_a_pack_without_parts_are_errors(
    make_project: MakeProject,
) -> None:
    project = make_project(
        {
            "briefings/second.yaml": SECOND + "include:\n  - minimal\n",
            "briefings/pack.yaml": "series: P\ntitle: P\ndate: 2026-11-24\ntemplate: pack\n",
        }
    )
    assert errors_of(project) == [
        "briefings/pack.yaml:1: include: a pack binds briefings - list their ids under "
        "'include:', one to a line ('  - briefing-5')",
        "briefings/second.yaml:13: include: only a pack binds other briefings - add "
        "'template: pack' (and take out its sections), or take out 'include:'",
    ]


def test_a_briefing_still_needs_its_sections(make_project: MakeProject) -> None:
    project = make_project({"briefings/second.yaml": "series: B\ntitle: B\ndate: 2026-11-24\n"})
    assert errors_of(project) == [
        "briefings/second.yaml:1: sections: this field is required - add it"
    ]


def test_a_project_s_own_kind_called_pack_is_told_how_to_keep_it(
    make_project: MakeProject,
) -> None:
    own = SECOND.replace("questions:", "template: pack\nquestions:")
    project = make_project(
        {"templates/pack.html.j2": '{% extends "briefing.html.j2" %}', "briefings/second.yaml": own}
    )
    assert errors_of(project) == [
        "briefings/second.yaml:10: template: 'pack' is now parlbrief's own kind, which binds "
        "briefings (docs/packs.md), so your templates/pack.html.j2 no longer makes a kind - "
        "rename it (and pack.css) to another name, such as templates/our-pack.html.j2, and "
        "write 'template: our-pack' here"
    ]


# ---- when a pack is built again ---------------------------------------------------


def test_a_pack_rebuilds_when_a_part_changes_and_only_then(make_project: MakeProject) -> None:
    project = make_project(
        {
            "briefings/second.yaml": SECOND,
            "briefings/other.yaml": SECOND.replace("Briefing 2", "Briefing 3"),
            "briefings/pack.yaml": pack("minimal", "second"),
        }
    )
    first = build(project, options=HTML)
    assert "pack" in first.built

    edit(project, "briefings/other.yaml", "Money should follow need", "Money matters")
    assert build(project, options=HTML).built == ["other"]

    edit(project, "briefings/second.yaml", "Money should follow need", "Money must follow")
    report = build(project, options=HTML)
    assert sorted(report.built) == ["pack", "second"]
    assert "pack: briefing second changed" in report.reasons["pack"]
    assert "Money must follow" in (project.out / "pack.html").read_text(encoding="utf-8")

    edit(project, "sources/arguments/local-trusts.md", "35 local trusts", "36 local trusts")
    report = build(project, options=HTML)
    assert sorted(report.built) == ["minimal", "pack"]
    assert report.reasons["pack"] == ["pack: argument local-trusts changed"]
