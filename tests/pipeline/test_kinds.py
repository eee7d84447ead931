"""Kinds of document (issue 14): `template:` picks briefing, one-pager, evidence or
letter (or a project's own templates/<kind>.html.j2), each with its own rules.

The example's interim submission and letters are read from the example build (see
`example_build` in conftest); the rest are small projects made for each test.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from parlbrief.check import check
from parlbrief.cli.commands import app
from parlbrief.document_kinds import DOCUMENT_KINDS, DocumentKind, document_kind
from parlbrief.document_kinds.letter import addressee
from parlbrief.load.data import DataRow
from parlbrief.model import Recipient
from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import BUILTIN_TEMPLATES, Project
from tests.conftest import REPO, ExampleBuild, MakeProject, render_page


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


def briefing(kind: str, extra: str = "", sections: str | None = None) -> str:
    """A briefing of `kind` on the minimal project's sources."""
    body = sections or (
        "sections:\n  - argument: local-trusts\n"
        "  - heading: Recommendations\n    text: |\n      - Fund local services.\n"
    )
    return (
        f"series: Test\ntitle: A {kind}\ndate: 2026-11-23\ntemplate: {kind}\n"
        f"summary: |\n  - Local trusts worked.\n{body}{extra}"
    )


# ---- the mechanism ----------------------------------------------------------------


def test_an_unknown_kind_is_an_error_at_its_line_naming_the_known_ones(
    make_project: MakeProject,
) -> None:
    project = make_project({"briefings/minimal.yaml": briefing("leaflet")})
    problems = check(project).problems.errors
    said = [str(p) for p in problems if "template:" in p.message]
    assert said == [
        "briefings/minimal.yaml:4: template: there is no kind of document called "
        "'leaflet' (known: briefing, one-pager, evidence, letter, pack) - use one of these, "
        "or add templates/leaflet.html.j2"
    ]


def test_a_project_adds_a_kind_by_a_template_of_that_name(make_project: MakeProject) -> None:
    own = (
        '{% extends "briefing.html.j2" %}\n'
        '{% block summary %}<p class="leaflet">Leaflet: {{ briefing.template }}</p>'
        "{% endblock %}\n"
    )
    project = make_project(
        {
            "briefings/minimal.yaml": briefing("leaflet"),
            "templates/leaflet.html.j2": own,
            "templates/leaflet.css": ".leaflet { color: #123456; }\n",
        }
    )
    checked = check(project)
    assert not checked.problems.errors, checked.problems.errors
    page = render_page(checked, "minimal", "pdf")
    assert '<p class="leaflet">Leaflet: leaflet</p>' in page
    assert ".leaflet { color: #123456; }" in page


def test_new_briefing_with_a_template_starts_one_that_checks_clean_and_builds(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    root = tmp_path / "press"
    assert runner.invoke(app, ["init", str(root), "--organisation", "Test Union"]).exit_code == 0
    made = runner.invoke(app, ["new", "briefing", "x", "--template", "evidence", "--project", root])
    assert made.exit_code == 0, made.output
    text = (root / "briefings" / "x.yaml").read_text(encoding="utf-8")
    assert "template: evidence" in text and "about:" in text and "Recommendations" in text
    checked = runner.invoke(app, ["check", "--project", str(root)])
    assert checked.exit_code == 0, checked.output
    # Only what the starter left for a person to replace is warned about.
    said = [line for line in checked.output.splitlines() if "warning" in line]
    assert all("starter's placeholder" in line for line in said), checked.output
    built = runner.invoke(app, ["build", "x", "--project", str(root)])
    assert built.exit_code == 0, built.output
    assert "Written evidence submitted by Test Union" in pdf_text(root / "build" / "x.pdf")


def test_new_briefing_refuses_an_unknown_template_naming_the_known_ones(tmp_path: Path) -> None:
    runner = CliRunner()
    root = tmp_path / "press"
    runner.invoke(app, ["init", str(root), "--organisation", "Test Union"])
    made = runner.invoke(app, ["new", "briefing", "y", "--template", "leaflet", "--project", root])
    assert made.exit_code == 2
    assert "known: briefing, one-pager, evidence, letter, pack" in " ".join(made.output.split())
    assert not (root / "briefings" / "y.yaml").exists()


@pytest.mark.parametrize("kind", DOCUMENT_KINDS.values(), ids=lambda kind: kind.name)
def test_each_built_in_kind_has_its_template_and_stylesheet(kind: DocumentKind) -> None:
    assert (BUILTIN_TEMPLATES / kind.template).is_file()
    assert kind.stylesheet is None or (BUILTIN_TEMPLATES / kind.stylesheet).is_file()


def test_a_kind_of_the_project_s_own_has_no_rules_or_page_limit_and_is_plain_in_word() -> None:
    own = document_kind("leaflet")
    assert (own.template, own.stylesheet) == ("leaflet.html.j2", "leaflet.css")
    assert own.rules is None and own.max_pages is None and not own.numbered_paragraphs


def test_a_page_limit_from_the_table_is_declared_in_the_pdf_page_only(
    make_project: MakeProject,
) -> None:
    limit = '<meta name="parlbrief-max-pages" content="1">'
    for kind in ("one-pager", "briefing"):
        checked = check(make_project({"briefings/minimal.yaml": briefing(kind)}))
        assert (limit in render_page(checked, "minimal", "pdf")) == (kind == "one-pager")
        assert limit not in render_page(checked, "minimal", "html")


# ---- evidence ---------------------------------------------------------------------


def test_the_interim_submission_builds_as_written_evidence_with_numbered_paragraphs(
    example_build: ExampleBuild,
) -> None:
    text = pdf_text(example_build.pdf("interim-submission-2016"))
    assert "Written evidence submitted by Napo" in text
    assert "About Napo 1. Napo is the Trade Union" in text
    # Paragraphs numbered 1, 2, 3 ... across sections, and the recommendations' list
    # as sub-points of the paragraph before it.
    numbers = [int(n) for n in re.findall(r"(?:^| )(\d{1,2})\. [A-Z]", text)]
    assert numbers[:12] == list(range(1, 13))
    assert re.search(r"\b(\d+)\.1 CRC contracts and the NPS should be reformed", text)
    assert "Recommendations" in text
    html = example_build.html("interim-submission-2016").read_text(encoding="utf-8")
    assert 'class="evidence-part evidence-recommendations"' in html
    assert "<h1>Written evidence submitted by Napo</h1>" in html


def test_evidence_over_3000_words_warns_with_its_count(make_project: MakeProject) -> None:
    words = " ".join(["word"] * 500)
    long = "sections:\n" + "".join(
        f"  - heading: Part {i}\n    text: |\n      {words}\n" for i in range(7)
    )
    project = make_project({"briefings/minimal.yaml": briefing("evidence", sections=long)})
    warnings = [p.message for p in check(project).problems.warnings]
    counted = [w for w in warnings if "words of body text" in w]
    # 3,500 words of sections, plus the headings, the summary and the introduction.
    assert len(counted) == 1 and re.search(r"runs to 3,5\d\d words", counted[0]), counted
    assert "no more than 3,000" in counted[0]
    assert any("no recommendations" in w for w in warnings)


def test_evidence_without_a_summary_warns(make_project: MakeProject) -> None:
    text = briefing("evidence").replace("summary: |\n  - Local trusts worked.\n", "")
    project = make_project({"briefings/minimal.yaml": text})
    warnings = [p.message for p in check(project).problems.warnings]
    assert any("has no summary" in w and "six pages" in w for w in warnings)


def test_evidence_summary_paragraphs_become_bullets(make_project: MakeProject) -> None:
    text = briefing("evidence").replace(
        "summary: |\n  - Local trusts worked.\n",
        "summary: |\n  One point.\n\n  Another point.[@committee-2011]\n",
    )
    checked = check(make_project({"briefings/minimal.yaml": text}))
    page = render_page(checked, "minimal", "html")
    assert re.search(r"<li>One point\.</li>\s*<li>Another point\.<sup", page)


# ---- one-pager --------------------------------------------------------------------


def test_a_one_pager_that_runs_over_fails_saying_by_how_much(make_project: MakeProject) -> None:
    words = " ".join(["Probation needs more officers."] * 40)
    long = "sections:\n" + "".join(
        f"  - heading: Point {i}\n    text: |\n      {words}\n" for i in range(4)
    )
    extra = "ask: Attend the debate.\nsignatory:\n  name: A Press Officer\n"
    project = make_project({"briefings/minimal.yaml": briefing("one-pager", extra, sections=long)})
    report = build(project, options=BuildOptions(formats=("pdf",), jobs=1))
    message = str(report.failed["minimal"])
    found = re.search(
        r"runs onto page 2: about (\d+) lines too long \((\d+) mm\), so (.+) moved onto "
        r"page 2 - cut about (\d+) words",
        " ".join(message.split()),
    )
    assert found, message
    assert int(found.group(1)) > 10 and int(found.group(2)) > 50 and int(found.group(4)) > 50
    assert "the ask" in found.group(3) and "the sign-off" in found.group(3)
    assert "cut about" in message
    assert not (project.out / "minimal.pdf").exists()


def test_a_one_pager_that_fits_builds_on_one_page(make_project: MakeProject) -> None:
    extra = "ask: Attend the debate.\n"
    project = make_project({"briefings/minimal.yaml": briefing("one-pager", extra)})
    report = build(project, options=BuildOptions(formats=("pdf",), jobs=1))
    assert not report.failed, report.failed
    assert len(PdfReader(project.out / "minimal.pdf").pages) == 1


# ---- letter -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"name": "Jane Smith", "title": "Ms"}, ("Dear Ms Smith", "Yours sincerely")),
        (
            {"name": "Keir Starmer", "title": "Sir", "salutation": "Dear Sir Keir"},
            ("Dear Sir Keir", "Yours sincerely"),
        ),
        ({"name": "Sam Jones"}, ("Dear Sam Jones", "Yours sincerely")),
        ({"name": "Ann Lee", "title": "Dr", "salutation": "Ann"}, ("Dear Ann", "Yours sincerely")),
        ({}, ("Dear Sir or Madam", "Yours faithfully")),
    ],
)
def test_the_greeting_rule(row: dict[str, str], expected: tuple[str, str]) -> None:
    cells = DataRow("sources/data/mps.csv", 2, tuple(row.items()))
    to = addressee(None, cells)
    assert (to.salutation, to.close) == expected


def test_a_letters_row_overrides_its_recipient() -> None:
    given = Recipient(name="Jane Smith", title="Ms", constituency="Anytown")
    row = DataRow("mps.csv", 3, (("name", "Omar Khan"), ("title", "Mr"), ("salutation", "")))
    to = addressee(given, row)
    assert (to.name, to.constituency, to.salutation) == ("Omar Khan", "Anytown", "Dear Mr Khan")


def test_the_letter_example_builds_one_letter_per_row_with_its_own_salutation(
    example_build: ExampleBuild,
) -> None:
    table = REPO / "sources" / "data" / "mps-illustrative.csv"
    lines = [line for line in table.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    rows = list(csv.DictReader(lines))
    assert len(rows) == 12
    assert "ILLUSTRATIVE" in table.read_text(encoding="utf-8").splitlines()[0]
    folder = example_build.out / "letter-regional-mps"
    assert len(list(folder.glob("*.pdf"))) == len(rows)
    for row in rows:
        slug = re.sub(r"[^a-z0-9]+", "-", row["region"].lower()).strip("-")
        text = pdf_text(folder / f"{slug}.pdf")
        surname = row["name"].split()[-1]
        greeting = row["salutation"] or f"Dear {row['title']} {surname}"
        assert f"{greeting} Probation officer shortages" in text, (slug, text[:400])
        # The name in full, with the title the table gives: "Sir Robert Fenwick MP".
        full = f"{row['title']} {row['name']} MP"
        assert f"{full} Member of Parliament for {row['constituency']}" in text
        assert "Yours sincerely" in text and "Tania Basset" in text
        # Marked as an example above the name, and in the PDF's title.
        assert f"ILLUSTRATIVE EXAMPLE: NOT A REAL MP, NOT SENT {full}" in text
        reader = PdfReader(folder / f"{slug}.pdf")
        assert "Illustrative: Letter to MPs: Probation officer shortages" in str(
            reader.metadata.title
        )
        # The sender's contact, from the brand (it gives no street address).
        assert "Web https://www.napo.org.uk" in text
        # Later pages are headed with whom the letter is to, and the sources are never
        # on a page of their own: the close goes with them.
        for page in reader.pages[1:]:
            head = " ".join((page.extract_text() or "").split())
            assert f"{full} · 23 November 2026 Napo" in head and "Letter to MPs" not in head
        last = reader.pages[-1].extract_text() or ""
        assert "SOURCES" not in last or "Yours sincerely" in last
        # Every note on a regional figure, and the letter itself, say "illustrative"
        # (the note's title is in OSCOLA's title case: "(Not Official Statistics)").
        assert "Illustrative example: the MP" in text
        assert "(illustrative)" in text and "(not official statistics)" in text.lower()
    assert "Dear Sir Robert" in pdf_text(folder / "west-midlands.pdf")


def test_every_kind_renders_for_both_media(make_project: MakeProject) -> None:
    for kind in DOCUMENT_KINDS:
        files = {"briefings/minimal.yaml": briefing(kind)}
        if kind == "pack":  # a pack binds other briefings (docs/packs.md)
            pack = "series: Test\ntitle: A pack\ndate: 2026-11-23\ntemplate: pack\n"
            files = {"briefings/part.yaml": briefing("briefing")}
            files["briefings/minimal.yaml"] = pack + "include:\n  - part\n"
        project = make_project(files)
        checked = check(project)
        assert not checked.problems.errors, (kind, checked.problems.errors)
        for medium in ("pdf", "html"):
            assert f"A {kind}" in render_page(checked, "minimal", medium)


def test_the_example_project_checks_its_kinds() -> None:
    checked = check(Project.at(REPO))
    assert checked.corpus.briefings["interim-submission-2016"].template == "evidence"
    assert checked.corpus.briefings["letter-regional-mps"].template == "letter"
    said = [str(p) for p in checked.problems.warnings if "evidence" in p.message]
    assert said == []


def test_evidence_gives_a_section_that_is_only_a_list_a_number_of_its_own(
    make_project: MakeProject,
) -> None:
    """The recommendations here are only a list: their points are N.1 after the last
    numbered paragraph N-1, in the PDF and in Word (they took N-1's number before)."""
    project = make_project({"briefings/minimal.yaml": briefing("evidence")})
    report = build(project, options=BuildOptions(formats=("pdf", "docx")))
    assert not report.failed, report.failed
    text = pdf_text(project.out / "minimal.pdf").split("SOURCES")[0]
    numbers = [int(n) for n in re.findall(r"(?:^| )(\d{1,2})\. [A-Z]", text)]
    assert len(numbers) >= 2
    assert numbers == list(range(1, len(numbers) + 1))
    assert f"Recommendations {len(numbers) + 1}.1 Fund local services." in text
    styles = [p.style.name for p in docx.Document(str(project.out / "minimal.docx")).paragraphs]
    assert styles.count("Numbered Paragraph") == len(numbers)
    # The list's own number, on a hidden paragraph, then its point.
    assert styles.count("Paragraph Number") == 1
    assert styles[styles.index("Paragraph Number") + 1] == "Numbered Point"


def test_evidence_warns_of_questions_and_of_recommendations_not_last(
    make_project: MakeProject,
) -> None:
    sections = (
        "sections:\n  - heading: Recommendations\n    text: |\n      - Fund local services.\n"
        "  - argument: local-trusts\n"
    )
    text = briefing("evidence", extra="questions:\n  - q-local\n", sections=sections)
    checked = check(make_project({"briefings/minimal.yaml": text}))
    warnings = [str(p) for p in checked.problems.warnings]
    assert any("recommendations are not its last section" in w for w in warnings), warnings
    (said,) = [w for w in warnings if "does not print questions" in w]
    assert said.startswith("briefings/minimal.yaml:12: questions:")  # the line of questions:
    page = render_page(checked, "minimal", "pdf")
    assert "Will the Minister let regions commission" not in page


def test_evidence_is_submitted_by_the_name_with_its_article(make_project: MakeProject) -> None:
    brand = (
        "name: Local Government Association\nname_in_sentence: the Local Government Association\n"
    )
    project = make_project(
        {
            "templates/brands/lga/brand.yaml": brand,
            "briefings/minimal.yaml": briefing("evidence", extra="brand: lga\n"),
        }
    )
    page = render_page(check(project), "minimal", "html")
    assert "Written evidence submitted by the Local Government Association</h1>" in page
    assert "About the Local Government Association</h2>" in page


def test_a_letter_gives_the_brands_address_as_the_senders(make_project: MakeProject) -> None:
    brand = "name: Test Union\naddress: 1 High Street, Anytown AB1 2CD\n"
    project = make_project(
        {
            "templates/brands/test/brand.yaml": brand,
            "briefings/minimal.yaml": briefing("letter", extra="brand: test\n"),
        }
    )
    page = render_page(check(project), "minimal", "html")
    assert '<p class="letterhead-address">1 High Street, Anytown AB1 2CD</p>' in page
