"""Stage 5, write: a letter and a one-page sheet in Word, as an MP's office sees them.

The example's letter to the West Midlands MP (Sir Robert Fenwick, "Dear Sir Robert")
and the North East regional sheet, made a one-pager (`template: one-pager`, an `ask`,
its national section cut so that its PDF fits one page), are built as PDF and Word;
LibreOffice turns the .docx files into PDFs, which are read back: the letterhead with
the logo, the address block with the MP's title, the date, greeting, subject, the
close and signature block, the later pages' head, the illustrative mark and the
file's title; the sheet on one page, the figures, the ask and the logo there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import PdfObject

from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from tests.write.test_hand_on import example_copy

LETTER = "letter-regional-mps/west-midlands"
SHEET = "probation-regions/north-east"
ASK = "Ask the Minister when probation officer numbers will reach required staffing."

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed: ./setup.sh test installs libreoffice-writer-nogui",
)


@dataclass(frozen=True)
class InOffice:
    """parlbrief's PDF of a briefing and LibreOffice's PDF of its .docx."""

    pdf: Path
    office: Path

    def pages(self) -> list[str]:
        """Each page's text as LibreOffice prints it, a space between words."""
        return [" ".join(p.extract_text().split()) for p in PdfReader(self.office).pages]


def as_one_pager(project: Project) -> None:
    """The regional briefing as a sheet: one-pager, an ask, its national section cut."""
    path = project.root / "briefings" / "probation-regions.yaml"
    text = path.read_text(encoding="utf-8")
    cut = text[text.index("  - heading: The national picture") :].split("  - heading:")[1]
    text = text.replace("  - heading:" + cut, "", 1)
    text = text.replace("brand: napo\n", f"brand: napo\ntemplate: one-pager\nask: {ASK}\n", 1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, InOffice]:
    project = example_copy(tmp_path_factory.mktemp("word-letters"))
    as_one_pager(project)
    report = build(project, [LETTER, SHEET], options=BuildOptions(formats=("pdf", "docx")))
    assert not report.failed, report.failed
    folder = tmp_path_factory.mktemp("libreoffice-letters")
    made = {}
    for key in (LETTER, SHEET):
        docx = folder / (key.replace("/", "-") + ".docx")
        docx.write_bytes((project.out / f"{key}.docx").read_bytes())
        made[key] = InOffice(project.out / f"{key}.pdf", folder / f"{docx.stem}.pdf")
    command = ["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}"]
    command += ["--headless", "--convert-to", "pdf", "--outdir", str(folder)]
    command += [str(folder / (k.replace("/", "-") + ".docx")) for k in (LETTER, SHEET)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return made


def in_order(text: str, *parts: str) -> bool:
    """Whether every one of `parts` is in `text`, in this order."""
    pattern = ".*?".join(re.escape(part) for part in parts)
    return re.search(pattern, text, re.S) is not None


def pictures(page: PdfObject) -> int:
    """How many pictures a page draws (the logo is one)."""
    resources = page.get("/Resources") or {}  # type: ignore[attr-defined]
    objects = resources.get("/XObject") or {}
    return sum(1 for ref in objects.values() if ref.get_object().get("/Subtype") == "/Image")


def test_a_letter_in_word_has_a_letterhead_an_address_block_and_a_signature_block(
    office: dict[str, InOffice],
) -> None:
    letter = office[LETTER]
    first, *later = letter.pages()
    assert in_order(
        first,
        "Napo",
        "The Trade Union and Professional Association for Probation and Family Court staff",
        "ILLUSTRATIVE EXAMPLE: NOT A REAL MP, NOT SENT",
        "Sir Robert Fenwick MP Member of Parliament for Severnford "
        "House of Commons London SW1A 0AA",
        "23 November 2026",
        "Dear Sir Robert",
        "Probation officer shortages in the West Midlands probation region",
        "I am writing on behalf of Napo",
    )
    assert pictures(PdfReader(letter.office).pages[0]) == 1  # the logo
    whole = " ".join(letter.pages())
    assert in_order(
        whole,
        "Yours sincerely",
        "Tania Basset National Official, Press, Parliament and Campaigns Napo",
        "For more information contact Napo’s Parliamentary team",
        "Sources",
    )
    # Pages after the first are headed with whom the letter is to and its date.
    assert later and all(p.startswith("Sir Robert Fenwick MP · 23 November 2026") for p in later)
    assert not first.startswith("Sir Robert")
    # No title block of a briefing's, no masthead line.
    assert "Parliamentary briefing" not in whole and "Letter to MPs ·" not in whole


def test_a_letter_in_word_is_titled_as_its_pdf_and_notes_number_straight_through(
    office: dict[str, InOffice],
) -> None:
    letter = office[LETTER]
    ours, theirs = PdfReader(letter.pdf).metadata, PdfReader(letter.office).metadata
    assert ours is not None and theirs is not None
    assert theirs.title == ours.title
    assert theirs.title.startswith("Draft: Illustrative: Letter to MPs: ")
    notes = re.findall(
        r"(?:^|\s)(\d) (?:HM Prison|Shortfall|Probation officer posts)", letter.pages()[0]
    )
    assert notes == ["1", "2", "3", "4"]


def test_a_one_pager_in_word_fits_one_page_with_its_figures_and_ask_boxed(
    office: dict[str, InOffice],
) -> None:
    """The sheet's PDF fits one side of A4 (the build checks it); so does its Word file,
    set in the sizes of the PDF, logo and masthead first, as the PDF has them."""
    sheet = office[SHEET]
    assert len(PdfReader(sheet.pdf).pages) == 1
    pages = sheet.pages()
    assert len(pages) == 1, [p[:80] for p in pages]
    assert in_order(
        pages[0],
        "Napo · Parliamentary briefing · In your area",
        "Probation officer shortages: North East",
        "In your area: illustrative figures",
        "Probation officers in post, North East (illustrative): 230",
        "What it means locally",
        "What we ask",
        ASK,
        "Tania Basset",
        "Sources",
    )
    assert pictures(PdfReader(sheet.office).pages[0]) == 1  # the logo
