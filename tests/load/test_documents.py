"""Stage 1, load: stored copies of sources under sources/documents/.

A copy is a header (reference, taken_from, licence) and passages under `## pinpoint`
headings; a PDF copy is one passage per page. Problems are checked by what the user
sees: `path:line: message`.
"""

from __future__ import annotations

import pytest

from parlbrief.errors import Origin
from parlbrief.load import load_project
from parlbrief.project import Project
from tests.conftest import MakeProject

HEADER = (
    "---\nreference: committee-2011\ntaken_from: the committee's website\n"
    "licence: Open Parliament Licence v3.0\n---\n"
)


def problems_of(project: Project) -> list[str]:
    _, problems = load_project(project)
    return [str(p) for p in problems.sorted()]


def test_each_copy_knows_its_reference_source_licence_and_passages(
    make_project: MakeProject,
) -> None:
    corpus, problems = load_project(make_project(base="copies"))
    assert problems.items == []
    assert sorted(corpus.copies) == ["committee-2011", "workforce-2022"]
    copy = corpus.copies["committee-2011"]
    assert copy.origin == Origin("sources/documents/committee-2011.md", 1)
    assert copy.taken_from.startswith("House of Commons Justice Committee, The role")
    assert copy.licence.endswith("Open Parliament Licence v3.0")
    assert [p.pinpoint for p in copy.passages] == [
        "para 81",
        "para 82",
        "para 83",
        "para 84",
        "para 95",
    ]
    para_84 = copy.passages[3]
    assert para_84.origin == Origin("sources/documents/committee-2011.md", 25)
    assert para_84.text.startswith("Probation trusts have laboured under a tick-box culture")
    assert para_84.text.endswith("[…]")


def test_a_text_copy_reads_like_a_markdown_one(make_project: MakeProject) -> None:
    text = HEADER + "\n## para 90\n\nThe words.\n"
    corpus, problems = load_project(make_project({"sources/documents/committee-2011.txt": text}))
    assert problems.items == []
    passage = corpus.copies["committee-2011"].passages[0]
    assert (passage.pinpoint, passage.text, passage.origin.line) == ("para 90", "The words.", 7)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            HEADER.replace("committee-2011", "no-such-report") + "## para 1\n\nText.\n",
            "sources/documents/x.md:2: reference: there is no reference 'no-such-report' - "
            "name the id of the reference this is a copy of (see sources/references/)",
        ),
        (
            HEADER.replace("licence: Open Parliament Licence v3.0\n", "") + "## para 1\n\nText.\n",
            "sources/documents/x.md:2: licence: this field is required - add it",
        ),
        (
            HEADER[:-4] + "url: https://example.org\n---\n## para 1\n\nText.\n",
            "sources/documents/x.md:5: url: is not a field of a stored copy (it takes "
            "reference, taken_from and licence) - check the spelling",
        ),
        (
            "## para 1\n\nText with no header.\n",
            "sources/documents/x.md:1: a stored copy starts with a header between '---' lines "
            "giving reference, taken_from and licence - add one",
        ),
        (
            HEADER + "\n## para 1\n\nText.\n\n## Para  1\n\nMore.\n",
            "sources/documents/x.md:11: the passage 'Para  1' is already at line 7 - merge "
            "the two or correct the heading",
        ),
        (
            HEADER + "\n## para 1\n\n## para 2\n\nText.\n",
            "sources/documents/x.md:7: the passage 'para 1' is empty - copy its text under "
            "the heading",
        ),
    ],
    ids=["unknown-reference", "no-licence", "unknown-field", "no-header", "twice", "empty"],
)
def test_a_faulty_copy_is_reported_at_its_line(
    make_project: MakeProject, text: str, problem: str
) -> None:
    project = make_project({"sources/documents/x.md": text})
    assert problems_of(project) == [problem]


def test_a_reference_has_one_copy(make_project: MakeProject) -> None:
    text = HEADER + "## para 1\n\nText.\n"
    project = make_project(
        {"sources/documents/committee-2011.md": text, "sources/documents/committee-2011.txt": text}
    )
    assert problems_of(project) == [
        "sources/documents/committee-2011.txt:2: reference: committee-2011 already has a "
        "stored copy at sources/documents/committee-2011.md - keep one copy per reference"
    ]


def test_a_copy_of_a_reference_that_failed_to_load_is_not_reported_twice(
    make_project: MakeProject,
) -> None:
    broken = "- id: committee-2011\n  kind: committee report\n  title: No author\n  date: 2011\n"
    project = make_project(
        {
            "sources/references/sources.yaml": broken,
            "sources/documents/committee-2011.md": HEADER + "## para 1\n\nText.\n",
        }
    )
    assert [p for p in problems_of(project) if "documents" in p] == []


# --- PDF copies: one passage per page ---------------------------------------------------


def tiny_pdf(*pages: str) -> bytes:
    """A PDF whose pages each show one line of text (Helvetica), made by hand."""
    count = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(count))
        + f"] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for index, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
            + f"<< /F1 3 0 R >> >> /Contents {5 + 2 * index} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_a_pdf_copy_has_a_passage_per_page_and_its_header_beside_it(
    make_project: MakeProject,
) -> None:
    header = HEADER.strip("-\n").replace("\n---", "")
    project = make_project(
        {
            "sources/documents/committee-2011.pdf": tiny_pdf("First page words", "Second page"),
            "sources/documents/committee-2011.yaml": header + "\n",
        }
    )
    corpus, problems = load_project(project)
    assert problems.items == []
    copy = corpus.copies["committee-2011"]
    assert copy.origin.path == "sources/documents/committee-2011.pdf"
    assert [(p.pinpoint, p.text) for p in copy.passages] == [
        ("p 1", "First page words"),
        ("p 2", "Second page"),
    ]


def test_a_pdf_without_its_header_or_that_cannot_be_read_is_reported(
    make_project: MakeProject,
) -> None:
    project = make_project(
        {
            "sources/documents/committee-2011.pdf": tiny_pdf("Words"),
            "sources/documents/other.pdf": b"%PDF-1.4 not really",
            "sources/documents/other.yaml": HEADER.strip("-\n").replace("\n---", "") + "\n",
        }
    )
    assert problems_of(project) == [
        "sources/documents/committee-2011.pdf: a PDF copy needs its header in "
        "committee-2011.yaml beside it (reference, taken_from and licence) - add that file",
        "sources/documents/other.pdf: the PDF could not be read (it is damaged, or not a PDF) "
        "- save it again, or copy the passages cited into a .md file instead",
    ]
