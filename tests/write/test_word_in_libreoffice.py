"""Stage 5, write: the Word files as a reader's office shows them, in LibreOffice.

The example's written evidence, Briefing 5, the staffing briefing (with its chart) and
the debate pack are built as PDF and Word once, and
LibreOffice (Debian's libreoffice-writer-nogui, which `./setup.sh test` installs)
turns both .docx files into PDFs in one run, with a profile of its own. Its PDFs are
read back with pypdf and compared with parlbrief's own: the same paragraph numbers
before the same words, the same headings, the notes numbered straight through, and
page numbers at the foot.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pikepdf
import pytest
from pypdf import PdfReader

from parlbrief.pipeline import BuildOptions, build
from tests.conftest import EXAMPLE_BRIEFING
from tests.write.pdf_lines import runs
from tests.write.test_hand_on import example_copy, pdf_notes
from tests.write.test_one_page_one_date import DAY
from tests.write.test_pdf_tags import elements
from tests.write.test_word_letters_in_libreoffice import in_order, pictures

EVIDENCE = "interim-submission-2016"
STAFFING = "probation-staffing"
PACK = "debate-pack"
#: A numbered paragraph as both PDFs print it: "12. The first words" or "13.1 The ...".
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}|\.))\s+([A-Z][^\s]*(?: [^\s]+){0,3})", re.M)

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed: ./setup.sh test installs libreoffice-writer-nogui",
)


@dataclass(frozen=True)
class Rendered:
    """One briefing: parlbrief's PDF, its .docx, and LibreOffice's PDF of the .docx."""

    pdf: Path
    docx: Path
    office: Path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    project = example_copy(tmp_path_factory.mktemp("word-office"))
    ids = [EVIDENCE, EXAMPLE_BRIEFING, STAFFING, PACK]
    report = build(project, ids, options=BuildOptions(formats=("pdf", "docx")))
    assert not report.failed, report.failed
    office = tmp_path_factory.mktemp("libreoffice")
    profile = (office / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(office)]
    command += [str(project.out / f"{i}.docx") for i in ids]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return {
        i: Rendered(project.out / f"{i}.pdf", project.out / f"{i}.docx", office / f"{i}.pdf")
        for i in ids
    }


def text(pdf: Path) -> str:
    return "\n".join(" ".join(line.split()) for p in PdfReader(pdf).pages
                     for line in p.extract_text().splitlines())  # fmt: skip


def numbered(pdf: Path) -> list[tuple[str, str]]:
    """Each numbered paragraph's number ("12", "13.1") and first words, in order."""
    return [(n.rstrip("."), words) for n, words in NUMBERED.findall(text(pdf))]


def test_evidence_has_the_same_paragraph_numbers_in_libreoffice_as_in_the_pdf(
    rendered: dict[str, Rendered],
) -> None:
    """A committee citing "para 12" finds the same text in the Word file and the PDF."""
    evidence = rendered[EVIDENCE]
    ours, office = numbered(evidence.pdf), numbered(evidence.office)
    assert [n for n, _ in ours][:3] == ["1", "2", "3"]
    assert any("." in n for n, _ in ours)  # the points of a list, 13.1 ...
    assert office == ours


def test_evidence_in_libreoffice_has_the_pdfs_headings_and_no_masthead(
    rendered: dict[str, Rendered],
) -> None:
    evidence = rendered[EVIDENCE]
    headings = [
        p.text
        for p in docx.Document(str(evidence.docx)).paragraphs
        if p.style is not None and p.style.name in ("Title", "Heading 1")
    ]
    assert headings[:3] == ["Written evidence submitted by Napo", "Summary", "About Napo"]
    assert headings[-2:][0].startswith("Recommendations")  # last, before the sources
    # Casefolded: the PDF sets "Sources" in capitals.
    ours = text(evidence.pdf).casefold().splitlines()
    office = text(evidence.office).casefold().splitlines()
    for heading in headings:
        assert heading.casefold() in ours, heading
        assert heading.casefold() in office, heading
    assert "Parliamentary briefing" not in text(evidence.office)
    assert "Questions you may wish to ask" not in text(evidence.office)


def test_briefing_5_notes_run_straight_through_in_libreoffice(
    rendered: dict[str, Rendered],
) -> None:
    """Pandoc's `numRestart eachSect` made LibreOffice start the notes again at each
    heading (Briefing 5's tenth note printed as 1): the marks at the foot of the pages
    are 1, 2, 3 ... as many as the PDF has notes."""
    briefing = rendered[EXAMPLE_BRIEFING]
    marks = [
        int(run.text)
        for page in PdfReader(briefing.office).pages
        for run in runs(page)
        if run.text.strip().isdigit() and run.size < 6  # a note's own number, at the foot
    ]
    assert marks == list(range(1, pdf_notes(briefing.pdf) + 1))
    pages = PdfReader(briefing.office).pages
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        assert f"Page {number}" in page.extract_text()


def test_page_1_of_each_word_file_in_libreoffice_shows_its_date_once(
    rendered: dict[str, Rendered],
) -> None:
    """The date under the title is the edition's, and the Draft line names the edition
    without repeating it (it read "Draft: changed since edition 2 of 25 November 2026"
    just under "25 November 2026")."""
    for bid, edition, day in ((EXAMPLE_BRIEFING, 2, "25 November"), (EVIDENCE, 1, "23 November")):
        page = " ".join(PdfReader(rendered[bid].office).pages[0].extract_text().split())
        assert DAY.findall(page).count(f"{day} 2026") == 1, (bid, DAY.findall(page))
        assert f"Draft: changed since edition {edition} " in page + " ", bid


def test_briefing_5_in_libreoffice_opens_as_its_pdf_does(rendered: dict[str, Rendered]) -> None:
    """The logo and masthead line first, then the date (the provenance speaks of "the
    date above"), the Draft line, the provenance and the title: Pandoc's title block
    had put the title above the masthead. The file's title is the PDF's."""
    briefing = rendered[EXAMPLE_BRIEFING]
    first = " ".join(PdfReader(briefing.office).pages[0].extract_text().split())
    order = [
        "Napo · Parliamentary briefing · Briefing 5 · Reasons for a Reunited Probation Service",
        "25 November 2026",
        "Draft: changed since edition 2",
        "Reproduces Napo’s Briefing 5, which is undated; prepared on the date above",
        "NPS is paralysed by bureaucracy",
        "A one size fits all approach does not work.",
        "Prior to TR there were 35 Probation trusts.",
    ]
    assert in_order(first, *order), first[:400]
    assert pictures(PdfReader(briefing.office).pages[0]) == 1  # the logo
    # described, as the web page's logo is, by the organisation's name (it had none)
    logo = docx.Document(str(briefing.docx)).element.body.xpath(".//wp:docPr/@descr")
    assert logo == ["Napo"]
    ours, theirs = PdfReader(briefing.pdf).metadata, PdfReader(briefing.office).metadata
    assert ours is not None and theirs is not None
    assert (
        (theirs.title, theirs.author)
        == (ours.title, ours.author)
        == (
            "Draft: Briefing 5: NPS is paralysed by bureaucracy, inefficiency and "
            "centralisation of process",
            "Napo",
        )
    )


def test_the_staffing_chart_is_a_picture_in_word_as_in_the_pdf(
    rendered: dict[str, Rendered],
) -> None:
    """The chart was its figures' table in Word: it is the PDF's drawing now, a picture
    at print resolution under its caption (with its source's note), described to a
    screen reader by the same words as the PDF's text alternative, and LibreOffice
    draws it on the page where the caption is."""
    staffing = rendered[STAFFING]
    caption = "Probation officers in post against required staffing, June 2020 to June 2022"
    pages = PdfReader(staffing.office).pages
    on = [p for p in pages if caption in " ".join(p.extract_text().split())]
    assert len(on) == 1
    drawn = [i for i in on[0].images if i.image is not None and i.image.width >= 1600]
    assert len(drawn) == 1  # 148 mm at 300 dots an inch: 1,748 pixels across
    described = docx.Document(str(staffing.docx)).element.body.xpath(".//wp:docPr/@descr")
    with pikepdf.open(staffing.pdf) as pdf:
        alts = [str(e.Alt) for e in elements(pdf.Root.StructTreeRoot) if "/Alt" in e]
    charts = [a for a in alts if a.startswith("Bar chart: ")]
    assert [d for d in described if d.startswith("Bar chart: ")] == charts
    assert "Staff in post: June 2020, 3,612;" in charts[0]
    # The one table is the briefing's own, after the chart, as in the PDF.
    tables = docx.Document(str(staffing.docx)).tables
    assert [t.rows[0].cells[-1].text for t in tables] == ["Shortfall"]


def test_the_debate_pack_in_libreoffice_opens_with_its_contents(
    rendered: dict[str, Rendered],
) -> None:
    """A pack in Word had no contents list: its first page lists each briefing bound in
    it (series and title) with its sections, then the questions and the sources, as the
    PDF's contents page does, written out (nothing for the reader to update), and each
    entry is a link to the page where its heading is; each briefing starts a page."""
    reader = PdfReader(rendered[PACK].office)
    first = " ".join(reader.pages[0].extract_text().split())
    entries = [
        "Contents",
        "Briefing 5 · NPS is paralysed by bureaucracy",
        "Problems with the civil service",
        "Staffing briefing · Probation is still short of the officers it needs",
        "Evidence briefing · Paying by volume was breaking probation",
        "Recommendations: no more payment by volume",
        "Questions you may wish to ask the Minister",
        "Sources",
    ]
    assert in_order(first, *entries), first[:600]  # on the cover's page, as in the PDF
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    landed = [
        pages[link["/Dest"][0].idnum]
        for link in (a.get_object() for a in reader.pages[0].get("/Annots", []))
        if "/Dest" in link
    ]
    assert len(landed) >= 10 and min(landed) >= 1  # past the contents' first page
    for title in ("Probation is still short of the officers it needs", "Sources"):
        heading_on = [n for n, p in enumerate(reader.pages) if title in p.extract_text()]
        assert set(heading_on) & set(landed), title
    tops = [" ".join(p.extract_text().split())[:60] for p in reader.pages[1:]]
    for title in ("NPS is paralysed by bureaucracy", "Probation is still short of the officers",
                  "Paying by volume was breaking probation"):  # fmt: skip
        assert sum(top.startswith(title) for top in tops) == 1, (title, tops)
