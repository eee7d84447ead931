"""Stage 5, write: the brand's fonts travel inside the Word document.

An MP's office on Windows rarely has Lato. Briefing 5's .docx is opened in LibreOffice
on a machine context without Lato (FONTCONFIG_FILE naming a font folder that holds
only DejaVu, with a fresh profile): every word of the PDF it makes is set in Lato,
which it can have read only from the document. A font whose licence forbids embedding
(OS/2 fsType) is left out, with a warning at the brand's line.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from parlbrief.write import docx_fonts
from tests.conftest import EXAMPLE_BRIEFING
from tests.write.test_hand_on import example_copy

#: A folder of fonts any Debian has (fonts-dejavu-core, which LibreOffice needs).
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
LATO = "/usr/share/fonts/truetype/lato/Lato-Regular.ttf"
#: Pandoc's bullets are Symbol's U+F0B7 (every Windows has Symbol; here, another font).
BULLET = "\uf0b7"

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or not DEJAVU.is_dir(),
    reason="LibreOffice is not installed: ./setup.sh test installs libreoffice-writer-nogui",
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = example_copy(tmp_path_factory.mktemp("word-fonts"))
    report = build(project, [EXAMPLE_BRIEFING], options=BuildOptions(formats=("docx",)))
    assert not report.failed, report.failed
    return project


def without_lato(folder: Path) -> dict[str, str]:
    """The environment of an office whose only fonts are DejaVu."""
    conf = folder / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><dir>{DEJAVU}</dir>'
        f"<cachedir>{folder / 'fontconfig-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return dict(os.environ, FONTCONFIG_FILE=str(conf))


def in_libreoffice(docx: Path, folder: Path, env: dict[str, str]) -> Path:
    """LibreOffice's PDF of `docx`, with a profile of its own (fonts a document
    embeds stay with the process that opened it)."""
    profile = (folder / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(folder), str(docx)]
    subprocess.run(command, check=True, capture_output=True, timeout=300, env=env)
    return folder / (docx.stem + ".pdf")


def fonts_of_words(pdf: Path) -> dict[str, set[str]]:
    """Each font the PDF sets words in (subset tag dropped), with some of its words."""
    found: dict[str, set[str]] = {}

    def visit(text: str, cm: object, tm: object, font: object, size: float) -> None:
        words = text.replace(BULLET, "").strip()
        if words and any(c.isalpha() for c in words) and isinstance(font, dict):
            name = str(font.get("/BaseFont", "?")).lstrip("/").split("+")[-1]
            found.setdefault(name, set()).add(words[:30])

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_word_shows_lato_in_an_office_that_does_not_have_it(
    project: Project, tmp_path: Path
) -> None:
    env = without_lato(tmp_path)
    listed = subprocess.run(["fc-list"], env=env, capture_output=True, text=True, check=True)
    assert "DejaVu" in listed.stdout and "Lato" not in listed.stdout  # fonts, but no Lato
    pdf = in_libreoffice(project.out / f"{EXAMPLE_BRIEFING}.docx", tmp_path, env)
    fonts = fonts_of_words(pdf)
    assert {"Lato-Regular", "Lato-Bold", "Lato-Italic"} <= set(fonts), fonts
    assert all(name.startswith("Lato-") for name in fonts), fonts


def test_the_same_document_embeds_the_same_bytes(project: Project, tmp_path: Path) -> None:
    first = (project.out / f"{EXAMPLE_BRIEFING}.docx").read_bytes()
    again = build(project, [EXAMPLE_BRIEFING], options=BuildOptions(formats=("docx",), force=True))
    assert not again.failed
    assert (project.out / f"{EXAMPLE_BRIEFING}.docx").read_bytes() == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert sorted(n for n in z.namelist() if n.startswith("word/fonts/")) == [
            f"word/fonts/font{i}.odttf" for i in (1, 2, 3, 4)
        ]
        assert b"<w:embedTrueTypeFonts/>" in z.read("word/settings.xml")


def restricted_font(folder: Path, fs_type: int) -> str:
    """Lato with its licence bits set to `fs_type`."""
    font = TTFont(LATO)
    font["OS/2"].fsType = fs_type
    path = folder / f"restricted-{fs_type}.ttf"
    font.save(path)
    return str(path)


@pytest.mark.parametrize(
    ("fs_type", "refused"),
    [
        (0x0000, None),  # installable: Lato, under the OFL
        (0x0008, None),  # editable embedding
        (0x0002, "does not allow it to be embedded"),
        (0x0004, "only in documents opened read-only"),
        (0x0208, "does not allow it to be embedded"),  # bitmaps only
    ],
)
def test_only_fonts_whose_licence_allows_it_are_embedded(
    tmp_path: Path, fs_type: int, refused: str | None
) -> None:
    reason = docx_fonts.licence_refusal(restricted_font(tmp_path, fs_type))
    assert reason is None if refused is None else refused in (reason or "")


def test_a_font_that_may_not_be_embedded_is_left_out_with_a_warning(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The brand's font is found, but its licence says no: the Word document is made
    without it (offices see Calibri) and the build says so at the brand's line."""
    path = restricted_font(tmp_path, 0x0002)
    monkeypatch.setattr(docx_fonts, "font_file", lambda family, weight, italic: path)
    report = build(project, [EXAMPLE_BRIEFING], options=BuildOptions(formats=("docx",), force=True))
    assert not report.failed
    said = [str(w) for w in report.warnings.warnings if "embedded" in w.message]
    assert said == [
        "templates/brands/napo/brand.yaml:12: fonts.body: the font 'Lato' has a licence "
        "that does not allow it to be embedded in documents, so Word documents do not "
        "carry it and offices without it see Calibri instead - name a font whose licence "
        "allows embedding (Lato does) if Word documents must show the brand's font"
    ]
    with zipfile.ZipFile(project.out / f"{EXAMPLE_BRIEFING}.docx") as z:
        assert not [n for n in z.namelist() if n.startswith("word/fonts/")]
        assert b'<w:altName w:val="Calibri"/>' in z.read("word/fontTable.xml")
