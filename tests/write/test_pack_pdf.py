"""The example debate pack (briefings/debate-pack.yaml) as built, read back from its
PDF with pypdf (issue 24, item 2): a cover naming the debate, a contents page whose
page numbers are the PDF's bookmarks', each part on a new page under its own heading,
notes numbered through the pack, every part's questions once, one list of sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from parlbrief.check import check
from parlbrief.project import Project
from parlbrief.resolve import ResolvedBriefing
from tests.conftest import REPO, ExampleBuild
from tests.write.test_pdf_example import pages, pages_with, plain, squash

PACK = "debate-pack"
#: A line of the contents page: its entry, a dotted leader, the page it starts on.
ENTRY = re.compile(r"^(?P<title>.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$")


@pytest.fixture(scope="module")
def alone() -> dict[str, ResolvedBriefing]:
    """Every example output resolved: the pack, and each part on its own."""
    return check(Project.at(REPO)).resolved


@pytest.fixture(scope="module")
def pack(alone: dict[str, ResolvedBriefing]) -> ResolvedBriefing:
    return alone[PACK]


@pytest.fixture(scope="module")
def pdf(example_build: ExampleBuild) -> Path:
    return example_build.pdf(PACK)


def outline(path: Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks in order: (level, title, page number from 1)."""
    reader = PdfReader(path)
    found: list[tuple[int, str, int]] = []

    def walk(items: list[object], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                assert isinstance(item, Destination)
                page = reader.get_destination_page_number(item) + 1
                found.append((level, str(item.title), page))

    walk(reader.outline, 1)
    return found


def contents(path: Path) -> list[tuple[str, int]]:
    """The entries printed on the contents page (page 2), with their page numbers."""
    text = pages(path)[1]
    return [
        (" ".join(m["title"].split()), int(m["page"]))
        for line in text.splitlines()
        if (m := ENTRY.match(line.strip()))
    ]


def test_the_cover_names_the_debate_and_says_it_is_illustrative(pdf: Path) -> None:
    cover = " ".join(pages(pdf)[0].split())
    assert "Westminster Hall debate, Tuesday 8 December 2026: Probation staffing" in cover
    assert "(illustrative: not a real debate)" in cover
    assert "Probation staffing and the reunified Probation Service" in cover
    assert "Illustrative:" in (PdfReader(pdf).metadata.title or "")


def test_the_contents_page_numbers_are_the_bookmarks(pdf: Path, pack: ResolvedBriefing) -> None:
    marks = outline(pdf)
    printed = contents(pdf)
    assert [(title, page) for _, title, page in marks] == printed
    top = [title for level, title, _ in marks if level == 1]
    parts = [part.briefing.title for part in pack.parts]
    assert top == [*parts, "Questions you may wish to ask the Minister", "Sources"]
    assert len(parts) == 3 and len(marks) > len(top)  # each part's sections under it


def test_each_part_starts_a_new_page_under_its_own_heading(
    pdf: Path, pack: ResolvedBriefing
) -> None:
    texts = pages(pdf)
    starts = {title: page for level, title, page in outline(pdf) if level == 1}
    for part in pack.parts:
        page = starts[part.briefing.title]
        # pypdf gives the body first, the running head and foot last.
        body = [line for line in texts[page - 1].splitlines() if line.strip()]
        assert part.briefing.series.upper() in body[0].upper(), (part.id, body[:2])
        assert squash(part.briefing.title) in squash(" ".join(body[:4])), part.id


def test_notes_are_numbered_through_the_pack_each_at_a_page_foot_in_order(
    pdf: Path, pack: ResolvedBriefing, alone: dict[str, ResolvedBriefing]
) -> None:
    assert len(pack.notes) == sum(len(alone[part.id].notes) for part in pack.parts)
    assert [n.number for n in pack.notes] == list(range(1, len(pack.notes) + 1))
    found = [pages_with(pdf, (str(n.number) + squash(plain(str(n.body))))[:48]) for n in pack.notes]
    missing = [n.number for n, where in zip(pack.notes, found, strict=True) if not where]
    assert missing == [], f"notes not found at a page foot: {missing}"
    first_pages = [where[0] for where in found]
    assert first_pages == sorted(first_pages)
    # A part after the first goes on numbering: its first note is not note 1 again.
    second = pack.parts[1]
    assert len(alone[second.id].notes) < pack.notes[-1].number


def test_one_sources_list_names_each_source_once(
    pdf: Path, pack: ResolvedBriefing, alone: dict[str, ResolvedBriefing]
) -> None:
    text = "\n".join(pages(pdf))
    headings = list(re.finditer(r"^\s*sources\s*$", text, re.I | re.M))
    assert len(headings) == 1, "more than one Sources heading"
    after = squash(text[headings[0].end() :])
    cited = {ref.id for part in pack.parts for ref in alone[part.id].sources}
    assert {ref.id for ref in pack.sources} == cited
    assert len(pack.sources) == len(cited)
    for ref in pack.sources:
        assert after.count(squash(f"{ref.author} {ref.title}")) == 1, ref.id


def test_every_part_s_questions_are_gathered_once(
    pdf: Path, pack: ResolvedBriefing, alone: dict[str, ResolvedBriefing]
) -> None:
    wanted = list(dict.fromkeys(q.id for part in pack.parts for q in alone[part.id].questions))
    assert [q.id for q in pack.questions] == wanted
    text = "\n".join(pages(pdf))
    start = text.index("Questions you may wish to ask the Minister\n")
    section = squash(text[start:])
    for question in pack.question_items:
        assert section.count(squash(question.text)[:60]) == 1, question.id
