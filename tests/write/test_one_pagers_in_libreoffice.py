"""Every one-pager of the example fits one side of A4 in Word, as in its PDF.

The example's regional briefing made a one-pager (as test_word_letters_in_libreoffice
makes it: `template: one-pager`, an `ask`, its national section cut) is built for all
twelve regions, as PDF and Word; LibreOffice turns the twelve .docx files into PDFs in
one run, and each is counted: one page, as its PDF (which the build holds to one page).
The regions' names differ in length ("Kent, Surrey and Sussex", "Yorkshire and the
Humber"), and each sheet's title, panel and prose carry its name.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from parlbrief.pipeline import BuildOptions, build
from tests.write.test_hand_on import example_copy
from tests.write.test_word_letters_in_libreoffice import as_one_pager

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed: ./setup.sh test installs libreoffice-writer-nogui",
)

REGIONS = "probation-regions"


def test_every_regional_one_pager_is_one_page_in_libreoffice(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    project = example_copy(tmp_path_factory.mktemp("one-pagers"))
    as_one_pager(project)
    report = build(project, [REGIONS], options=BuildOptions(formats=("pdf", "docx")))
    assert not report.failed, report.failed
    sheets = sorted((project.out / REGIONS).glob("*.docx"))
    assert len(sheets) == 12
    office = tmp_path_factory.mktemp("libreoffice-one-pagers")
    command = ["soffice", f"-env:UserInstallation={(office / 'profile').as_uri()}"]
    command += ["--headless", "--convert-to", "pdf", "--outdir", str(office)]
    subprocess.run(command + [str(s) for s in sheets], check=True, capture_output=True,
                   timeout=300)  # fmt: skip
    pages = {s.stem: len(PdfReader(office / f"{s.stem}.pdf").pages) for s in sheets}
    ours = {s.stem: len(PdfReader(s.with_suffix(".pdf")).pages) for s in sheets}
    assert pages == ours == {s.stem: 1 for s in sheets}
    wales = " ".join(PdfReader(office / "wales.pdf").pages[0].extract_text().split())
    assert "Probation officer shortages: Wales" in wales and "What we ask" in wales
