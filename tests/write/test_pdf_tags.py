"""Stage 5, write: every example PDF's structure tree, walked as a screen reader would.

Each footnote is a `Note` with a unique `/ID` (listed in the `/IDTree`), its number a
`Lbl` holding a link back to the call; each call is a `Reference` holding a `Link` to
its note, with its own text (" [n]") so the number before it reads apart; on every page
the body comes before the notes; `dc:language` is in the XMP metadata; pages have
labels; the outline has a bookmark for each heading; and two builds give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from tests.conftest import REPO, ExampleBuild


def example_pdfs(example_build: ExampleBuild) -> list[Path]:
    found = sorted(example_build.out.rglob("*.pdf"))
    assert len(found) >= 3
    return found


def elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under `node`, in reading order."""
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def role(element: pikepdf.Dictionary) -> str:
    return str(element.S)


def link_target(element: pikepdf.Dictionary) -> str:
    """Where a `Link` element's annotation goes (its named destination)."""
    assert role(element) == "/Link"
    objrs = [k for k in element.K if isinstance(k, pikepdf.Dictionary) and "/Obj" in k]
    assert len(objrs) == 1
    return str(objrs[0].Obj.Dest)


def page_index(pdf: pikepdf.Pdf, element: pikepdf.Dictionary) -> int:
    return [p.objgen for p in pdf.pages].index(element.Pg.objgen)


def test_every_footnote_is_a_note_with_a_label_linking_back(example_build: ExampleBuild) -> None:
    for path in example_pdfs(example_build):
        with pikepdf.open(path) as pdf:
            notes = [e for e in elements(pdf.Root.StructTreeRoot) if role(e) == "/Note"]
            assert notes, path.name
            ids = [str(n.ID) for n in notes]
            assert len(set(ids)) == len(ids), f"{path.name}: note IDs repeat"
            tree = pdf.Root.StructTreeRoot.IDTree.Names
            assert [str(tree[i]) for i in range(0, len(tree), 2)] == sorted(ids)
            for note in notes:
                label = note.K[0]
                assert role(label) == "/Lbl", f"{path.name} {note.ID}"
                assert link_target(label.K[0]) == f"{note.ID}-call"


def test_every_call_is_a_reference_linking_to_its_note(example_build: ExampleBuild) -> None:
    for path in example_pdfs(example_build):
        with pikepdf.open(path) as pdf:
            tree = list(elements(pdf.Root.StructTreeRoot))
            notes = {str(e.ID) for e in tree if role(e) == "/Note"}
            references = [e for e in tree if role(e) == "/Reference"]
            targets = [link_target(r.K[0]) for r in references]
            assert sorted(targets) == sorted(notes), path.name
            for reference, target in zip(references, targets, strict=True):
                number = target.removeprefix("fn-")
                # The call reads apart from the number before it: "560 [1]", not "5601".
                assert str(reference.ActualText) == f" [{number}]"
                annotation = reference.K[0].K[0].Obj
                assert str(annotation.Contents) == f"Note {number}"


def test_on_every_page_the_body_comes_before_its_notes(example_build: ExampleBuild) -> None:
    for path in example_pdfs(example_build):
        with pikepdf.open(path) as pdf:
            called: dict[str, int] = {}
            last_page = 0
            for element in elements(pdf.Root.StructTreeRoot):
                if "/Pg" not in element:
                    continue
                page = page_index(pdf, element)
                assert page >= last_page, f"{path.name}: the reading order goes back a page"
                last_page = page
                if role(element) == "/Reference":
                    called[link_target(element.K[0])] = page
                elif role(element) == "/Note":
                    note = str(element.ID)
                    assert note in called, f"{path.name}: note {note} is read before its call"
                    assert called[note] == page, f"{path.name}: {note} is not on its call's page"


def test_language_page_labels_and_bookmarks(example_build: ExampleBuild) -> None:
    for path in example_pdfs(example_build):
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == "en-GB"
            assert pdf.open_metadata().get("dc:language") == {"en-GB"}
            labels = pdf.Root.PageLabels.Nums
            assert int(labels[0]) == 0 and labels[1].S == pikepdf.Name.D
            headings = [e for e in elements(pdf.Root.StructTreeRoot) if role(e) in ("/H1", "/H2")]
            with pdf.open_outline() as outline:
                titles = [item.title for item in _outline(outline.root)]
            assert headings and len(titles) >= len({h.objgen for h in headings}) - 1
            assert any(t == "Sources" for t in titles), path.name


def _outline(items: list[pikepdf.OutlineItem]) -> Iterator[pikepdf.OutlineItem]:
    for item in items:
        yield item
        yield from _outline(item.children)


@pytest.mark.parametrize("bid", ["briefing-5", "probation-staffing"])
def test_tagging_keeps_two_builds_byte_identical(
    example_build: ExampleBuild, tmp_path: Path, bid: str
) -> None:
    report = build(
        Project.at(REPO, tmp_path),
        [bid],
        options=BuildOptions(formats=("pdf",)),
    )
    assert not report.failed
    assert (tmp_path / f"{bid}.pdf").read_bytes() == example_build.pdf(bid).read_bytes()
