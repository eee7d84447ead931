"""The PDF's accessibility, finished: footnotes tagged as notes, calls linked to them.

WeasyPrint 70 (`pdf_variant="pdf/ua-1"`) tags the PDF from the HTML: headings, `P`,
lists, tables, figures with alt text, `Link` for `<a href>`; `/Lang` in the catalogue,
an outline (bookmarks) from `h1`-`h6`, and the body before the footnote area on each
page. What it does not do (see weasyprint/pdf/tags.py): a footnote is a `Span` in a
`NonStruct` area, its call and its number are `NonStruct` pseudo-elements, neither is
a link, the XMP metadata has no `dc:language`, and there are no page labels.

So, in two steps around WeasyPrint's own writing:

1. `link_notes(document)`, before WeasyPrint writes: each footnote call becomes a link
   to its note and each note's number a link back to the call, through WeasyPrint's own
   `page.links` and `page.anchors` (so it makes the annotations and tags them itself).
2. `finish(pdf_bytes)`, after (pikepdf): the call, found by its link, becomes
   `Reference` > `Link`; the note's number `Lbl` > `Link`; the note `Note` with a unique
   `/ID` (PDF/UA-1 7.9) listed in the `/IDTree`. The call's `/ActualText` is " [n]", so
   a screen reader or a copy reads "560 [1]", never "5601". Then `dc:language`, page
   labels (1, 2, 3), and a save with an ID made from the content (same bytes in, same
   bytes out).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pikepdf

from parlbrief.write.layout import page_box

#: The anchor of a note's call, for the note's link back: "fn-3" -> "fn-3-call".
CALL_SUFFIX = "-call"
_CALL_TAG = "::footnote-call"
_MARKER_TAG = "::footnote-marker"


# --- before WeasyPrint writes ------------------------------------------------------------


def link_notes(document: Any) -> None:
    """Make each footnote call a link to its note, and each note's number one back."""
    for page in document.pages:
        for box in _boxes(page_box(page)):
            tag = box.element_tag or ""
            note_id = box.element.get("id") if box.element is not None else None
            if not note_id or not tag.endswith((_CALL_TAG, _MARKER_TAG)):
                continue
            x, y, width, height = box.hit_area()
            rectangle = (x, y, x + width, y + height)
            if tag.endswith(_CALL_TAG):
                page.links.append(("internal", note_id, rectangle, box))
                page.anchors.setdefault(note_id + CALL_SUFFIX, rectangle)
            else:
                page.links.append(("internal", note_id + CALL_SUFFIX, rectangle, box))


def _boxes(box: Any) -> Iterator[Any]:
    """`box` and every box inside it, in order."""
    yield box
    for child in box.all_children():
        yield from _boxes(child)


# --- after: the structure tree -----------------------------------------------------------


def finish(data: bytes) -> bytes:
    """The PDF with notes tagged, `dc:language` and page labels (see the module's doc)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tag_notes(pdf)
        _language(pdf)
        pdf.Root.PageLabels = pikepdf.Dictionary(
            Nums=pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D)])
        )
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def tag_notes(pdf: pikepdf.Pdf) -> None:
    """Retag each footnote's call, number and body found by their links (see `link_notes`)."""
    notes: dict[str, pikepdf.Object] = {}
    for element, target in _linked_elements(pdf):
        if target.endswith(CALL_SUFFIX):
            note = element.P
            note_id = target.removesuffix(CALL_SUFFIX)
            note.S, note.ID = pikepdf.Name.Note, pikepdf.String(note_id)
            _wrap(pdf, element, pikepdf.Name.Lbl, f"[{_number(note_id)}] ")
            notes[note_id] = note
        else:
            _wrap(pdf, element, pikepdf.Name.Reference, f" [{_number(target)}]")
    if notes:
        names = pikepdf.Array()
        for note_id in sorted(notes):
            names.extend([pikepdf.String(note_id), notes[note_id]])
        pdf.Root.StructTreeRoot.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))


def _linked_elements(pdf: pikepdf.Pdf) -> list[tuple[pikepdf.Dictionary, str]]:
    """Structure elements holding a note's link (to a note, or back to its call), and
    the link's target; elements WeasyPrint already tagged `Link` are ordinary links."""
    found = []
    for element in _elements(pdf.Root.StructTreeRoot):
        if element.get("/S") == pikepdf.Name.Link:
            continue
        for kid in _kids(element):
            dest = kid.get("/Obj", {}).get("/Dest") if _is_objr(kid) else None
            if isinstance(dest, pikepdf.String) and _is_note_target(str(dest)):
                found.append((element, str(dest)))
                _describe(kid.Obj, str(dest))
    return found


def _wrap(pdf: pikepdf.Pdf, element: pikepdf.Dictionary, role: pikepdf.Name, text: str) -> None:
    """Make `element` a `Link` inside a new `role` element that takes its place."""
    parent = element.P
    wrapper = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=role, P=parent, K=pikepdf.Array([element]),
            ActualText=pikepdf.String(text),
        )
    )  # fmt: skip
    if "/Pg" in element:
        wrapper.Pg = element.Pg
    kids = parent.K if isinstance(parent.K, pikepdf.Array) else pikepdf.Array([parent.K])
    parent.K = pikepdf.Array([wrapper if _same(k, element) else k for k in kids])
    element.S, element.P = pikepdf.Name.Link, wrapper


def _describe(annotation: pikepdf.Dictionary, target: str) -> None:
    """A link's description (PDF/UA asks for `/Contents`), in words, not an anchor name."""
    if target.endswith(CALL_SUFFIX):
        text = f"Back to the call of note {_number(target.removesuffix(CALL_SUFFIX))}"
    else:
        text = f"Note {_number(target)}"
    annotation.Contents = pikepdf.String(text)


def _language(pdf: pikepdf.Pdf) -> None:
    """`dc:language` in the XMP metadata, from the catalogue's `/Lang`."""
    lang = str(pdf.Root.get("/Lang", ""))
    if not lang:
        return
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:language"] = [lang]


# --- walking the tree ---------------------------------------------------------------------


def _elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under `node`, depth first, in reading order."""
    for kid in _kids(node):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and not _is_objr(kid):
            yield kid
            yield from _elements(kid)


def _kids(node: pikepdf.Object) -> list[Any]:
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_objr(kid: Any) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.OBJR


def _same(a: Any, b: Any) -> bool:
    return bool(getattr(a, "is_indirect", False) and a.objgen == b.objgen)


def _is_note_target(target: str) -> bool:
    return re.fullmatch(r"fn-\d+(-call)?", target) is not None


def _number(note_id: str) -> str:
    """The note's number from its id ("fn-3" -> "3"): see resolve.Note.id."""
    return note_id.rsplit("-", 1)[-1]
