"""Stage 5, write: the formats to hand on, Word (.docx) and email (.eml), read back.

Briefing 5 is built once as PDF, Word and email (into a temporary folder, from the
example project as it stands). The Word document is opened as a zip and with
python-docx: its footnotes are real Word footnotes, one per note of the PDF; its
headings, questions box and sources are there in the brand's styles; it has no macros;
and the same briefing gives the same bytes. The email parses with Python's `email`
package, carries the very PDF built, and loads nothing from elsewhere.
"""

from __future__ import annotations

import email
import re
import shutil
import zipfile
from datetime import date
from email import policy
from email.message import EmailMessage
from pathlib import Path

import docx
import pikepdf
import pytest
from lxml import etree

from parlbrief.check import check
from parlbrief.cli.core import parse_formats
from parlbrief.errors import UsageError
from parlbrief.pipeline import BuildOptions, build
from parlbrief.pipeline.editions import read_history
from parlbrief.project import Project
from tests.conftest import EXAMPLE_BRIEFING, REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HAND_ON = ("pdf", "html", "docx", "eml")


def example_copy(dest: Path) -> Project:
    """The example project copied (its files only), so a build records nothing in it."""
    for name in ("sources", "briefings", "templates", "editions", "published"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    if (REPO / "parlbrief.yaml").is_file():
        (dest / "parlbrief.yaml").write_bytes((REPO / "parlbrief.yaml").read_bytes())
    return Project.at(dest)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = example_copy(tmp_path_factory.mktemp("hand-on"))
    report = build(project, [EXAMPLE_BRIEFING], options=BuildOptions(formats=HAND_ON))
    assert not report.failed, report.failed
    return project


def output(project: Project, fmt: str) -> Path:
    return project.out / f"{EXAMPLE_BRIEFING}.{fmt}"


def footnotes(path: Path) -> list[etree._Element]:
    """The document's own footnotes (not Word's separators)."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/footnotes.xml"))
    return [n for n in root.iter(f"{W}footnote") if n.get(f"{W}type") is None]


def pdf_notes(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        found = 0
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            kids = stack.pop().get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    found += str(kid.S) == "/Note"
                    stack.append(kid)
        return found


def test_the_word_document_has_a_footnote_for_every_note_of_the_pdf(built: Project) -> None:
    notes = footnotes(output(built, "docx"))
    resolved = check(built).resolved[EXAMPLE_BRIEFING]
    assert len(notes) == pdf_notes(output(built, "pdf")) == len(resolved.notes) == 8
    first = "".join(notes[0].itertext())
    assert "House of Commons Justice Committee" in first and "para 95" in first
    body = zipfile.ZipFile(output(built, "docx")).read("word/document.xml").decode()
    assert body.count("<w:footnoteReference ") == 8
    assert "endnote" not in body


def test_the_word_document_has_the_headings_questions_and_sources(built: Project) -> None:
    document = docx.Document(str(output(built, "docx")))
    by_style: dict[str, list[str]] = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name if p.style else "", []).append(p.text)
    assert by_style["Title"] == [
        "NPS is paralysed by bureaucracy, inefficiency and centralisation of process"
    ]
    assert by_style["Subtitle"] == ["A one size fits all approach does not work."]
    assert by_style["Heading 1"] == [
        "Problems with the civil service",
        "Questions you may wish to ask the Minister",
        "Sources",
    ]
    assert len(by_style["Questions"]) == 4
    assert by_style["Questions"][0].startswith("Why was the NPS absorbed")
    assert any(t.startswith("No localism or community engagement") for t in by_style["Compact"])
    assert "Tania Basset" in "\n".join(p.text for p in document.paragraphs)


def test_the_brand_s_fonts_and_colours_are_word_styles(built: Project) -> None:
    brand = check(built).corpus.brands["napo"]
    styles = docx.Document(str(output(built, "docx"))).styles
    assert styles["Normal"].font.name == brand.fonts.body
    assert styles["Heading 1"].font.name == brand.fonts.heading
    primary = brand.colours.primary.lstrip("#").upper()
    assert str(styles["Heading 1"].font.color.rgb) == primary
    assert str(styles["Title"].font.color.rgb) == primary
    shading = styles["Questions"].element.find(f".//{W}shd")
    assert shading is not None
    assert shading.get(f"{W}fill") == brand.colours.tint.lstrip("#").upper()


def test_the_word_document_has_no_macros(built: Project) -> None:
    with zipfile.ZipFile(output(built, "docx")) as z:
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
    assert not [n for n in names if "vba" in n.lower() or n.endswith(".bin")]
    assert "macroEnabled" not in types


def test_the_same_briefing_gives_the_same_word_and_email_bytes(
    built: Project, tmp_path: Path
) -> None:
    again = Project.at(built.root, tmp_path / "again")
    options = BuildOptions(formats=HAND_ON, force=True)
    assert not build(again, [EXAMPLE_BRIEFING], options=options).failed
    for fmt in ("docx", "eml"):
        assert output(again, fmt).read_bytes() == output(built, fmt).read_bytes(), fmt
    # Dated by the edition the briefing shows (its last published one), not the clock.
    day = shown_edition_day(built)
    with zipfile.ZipFile(output(built, "docx")) as z:
        assert {i.date_time[:3] for i in z.infolist()} == {(day.year, day.month, day.day)}
        core = z.read("docProps/core.xml").decode()
    assert re.findall(r"W3CDTF\">([^<]+)<", core) == [f"{day.isoformat()}T00:00:00Z"] * 2


def shown_edition_day(project: Project) -> date:
    """The date of the edition Briefing 5 shows: its last published one."""
    history = read_history(project.root, EXAMPLE_BRIEFING)
    return history[-1].date


def read_email(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_email_parses_and_carries_the_pdf(built: Project) -> None:
    message = read_email(output(built, "eml"))
    assert "NPS is paralysed by bureaucracy" in message["Subject"]
    day = shown_edition_day(built)
    assert message["Date"] == f"{day:%a, %d %b %Y} 09:00:00 +0000"
    assert re.fullmatch(r"<[0-9a-f]{32}@[^>]+>", message["Message-ID"])
    attachments = list(message.iter_attachments())
    # Named after the briefing, safely: no spaces, slashes or quotes.
    (name,) = [a.get_filename() for a in attachments]
    assert name.startswith("Briefing-5-NPS-is-paralysed-by-bureaucracy")
    assert re.fullmatch(r"[\w-]{1,100}\.pdf", name), name
    assert attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_content() == output(built, "pdf").read_bytes()


def test_the_email_body_gives_the_questions_and_loads_nothing(built: Project) -> None:
    message = read_email(output(built, "eml"))
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    plain, page = text.get_content(), html.get_content()
    assert "1. Why was the NPS absorbed into the civil service" in plain
    assert "Prior to TR there were 35 Probation trusts." in plain
    assert "[@" not in plain and "[#" not in plain
    assert plain.splitlines()[0] == "Dear colleague,"
    assert re.search(r"<ol[^>]*><li[^>]*>Why was the NPS absorbed", page)
    assert not re.search(r"<(img|script|link|iframe|object)\b|url\(|src=|https?:", page)


def test_an_up_to_date_build_makes_no_word_or_email_again(built: Project) -> None:
    report = build(built, [EXAMPLE_BRIEFING], options=BuildOptions(formats=HAND_ON))
    assert report.built == [] and report.skipped == [EXAMPLE_BRIEFING]
    output(built, "docx").unlink()
    report = build(built, [EXAMPLE_BRIEFING], options=BuildOptions(formats=HAND_ON))
    assert report.built == [EXAMPLE_BRIEFING]
    assert report.outputs == [output(built, "docx")]


@pytest.mark.parametrize(
    "typed, formats",
    [
        ("pdf,html", ("pdf", "html")),
        ("docx", ("docx",)),
        ("eml", ("pdf", "eml")),
        ("html,eml", ("pdf", "html", "eml")),
        ("pdf,html,docx,eml", HAND_ON),
    ],
)
def test_format_takes_word_and_email_and_the_email_brings_its_pdf(
    typed: str, formats: tuple[str, ...]
) -> None:
    assert parse_formats(typed) == formats


def test_an_unknown_format_names_them_all() -> None:
    with pytest.raises(UsageError, match=r"docx \(Word\) and eml \(email\)"):
        parse_formats("odt")


def test_written_evidence_in_word_is_one_live_numbered_list(built: Project) -> None:
    """The interim submission (template: evidence): every numbered paragraph is in one
    Word list (one numId, levels "12." and "12.1"), so that a paragraph inserted in Word
    renumbers the rest; Pandoc's own lists each started at their number and did not."""
    evidence = "interim-submission-2016"
    report = build(built, [evidence], options=BuildOptions(formats=("docx",)))
    assert not report.failed, report.failed
    with zipfile.ZipFile(built.out / f"{evidence}.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    numbered = [
        (p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val"),
         p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val"))
        for p in body.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
        and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") in ("NumberedParagraph", "NumberedPoint")
    ]  # fmt: skip
    assert len({num for num, _ in numbered}) == 1
    assert [level for _, level in numbered].count("0") >= 13
    assert [level for _, level in numbered].count("1") == 5
    (num_id,) = {num for num, _ in numbered}
    (abstract,) = numbering.xpath(
        f"./w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val", namespaces={"w": W[1:-1]}
    )
    texts = numbering.xpath(
        f"./w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl/w:lvlText/@w:val",
        namespaces={"w": W[1:-1]},
    )
    assert texts == ["%1.", "%1.%2"]


def test_word_says_truly_what_made_it_and_names_a_fallback_font(built: Project) -> None:
    """docProps/app.xml was Pandoc's reference document's ("Microsoft Word 12.0.0", 83
    words, 1 page); Lato, which a Windows office lacks, is named with a fallback it has."""
    with zipfile.ZipFile(output(built, "docx")) as z:
        app = etree.fromstring(z.read("docProps/app.xml"))
        fonts = etree.fromstring(z.read("word/fontTable.xml"))
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert app.findtext(f"{ns}Application", "").startswith("parlbrief ")
    assert app.find(f"{ns}Pages") is None
    words = len(
        " ".join(p.text for p in docx.Document(str(output(built, "docx"))).paragraphs).split()
    )
    assert abs(int(app.findtext(f"{ns}Words", "0")) - words) <= words // 20
    lato = next(f for f in fonts.iter(f"{W}font") if f.get(f"{W}name") == "Lato")
    assert lato.find(f"{W}altName").get(f"{W}val") == "Calibri"
    assert lato.find(f"{W}family").get(f"{W}val") == "swiss"
