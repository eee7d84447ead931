"""The .docx package's parts besides the text, rewritten as its zip is written: every
date the edition's day, true document properties, the brand's fonts named with a
fallback and, where their licence allows it, embedded (write.docx_fonts).

- Pandoc's docProps/app.xml is its reference document's ("Microsoft Word 12.0.0",
  83 words, 1 page): it is replaced by what parlbrief knows (application, words).
- The brand's fonts (Lato, by default) are not on an office's Windows machines: the
  font table names a fallback every copy of Office has (Calibri), which Word uses
  when a font is neither installed nor embedded, instead of guessing.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date
from html import escape

from parlbrief.errors import Problems
from parlbrief.model import Brand
from parlbrief.write.docx_fonts import (
    EmbeddedFace,
    embed_elements,
    faces_to_embed,
    font_relationships,
    part_name,
    with_embedding_on,
    with_odttf_type,
)

#: The fallback named for a brand font that Windows does not have (a humanist sans, as
#: Lato is, in every copy of Office).
FALLBACK_FONT = "Calibri"
#: Fonts every Windows office has, which need neither a fallback nor embedding.
WINDOWS_FONTS = frozenset({"Arial", "Calibri", "Cambria", "Georgia", "Segoe UI", "Verdana"})

#: docProps/core.xml's dates, which Pandoc takes from the clock or the metadata.
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
_FONT_NAME = re.compile(rb'<w:font w:name="([^"]+)"')
_TEXT = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def finish_package(
    docx: bytes, day: date, *, brand: Brand, made_by: str, warnings: Problems | None = None
) -> bytes:
    """The document with every date in it `day` (each zip entry's time, some from the
    reference document made now, and the created and modified properties), true
    extended properties, and the brand's fonts named with their fallback and embedded;
    a font that may not be embedded is a warning in `warnings`."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    parts = {item.filename: source.read(item) for item in source.infolist()}
    families = [f for f in dict.fromkeys(_fonts(brand)) if f not in WINDOWS_FONTS]
    faces, refused = faces_to_embed(families, _all_text(parts))
    for family_refused in refused:
        _warn(brand, family_refused.family, family_refused.reason, warnings)
    rewrite: dict[str, Callable[[bytes], bytes]] = {
        "docProps/core.xml": lambda data: _CORE_DATES.sub(
            rb"\g<1>" + f"{day.isoformat()}T00:00:00Z".encode() + rb"\g<2>", data
        ),
        "docProps/app.xml": lambda _: app_properties(
            parts["word/document.xml"], application=made_by, company=brand.name
        ),
        "word/fontTable.xml": lambda data: with_fonts(data, families, faces),
    }
    if faces:
        rewrite["word/settings.xml"] = with_embedding_on
        rewrite["[Content_Types].xml"] = with_odttf_type
        parts["word/_rels/fontTable.xml.rels"] = font_relationships(faces)
        parts |= {part_name(i): face.data for i, face in enumerate(faces, 1)}
    return _zipped({name: rewrite.get(name, _same)(data) for name, data in parts.items()}, day)


def _same(data: bytes) -> bytes:
    return data


def _fonts(brand: Brand) -> tuple[str, str]:
    return brand.fonts.body, brand.fonts.heading


def _all_text(parts: dict[str, bytes]) -> str:
    """Every character of the document's text (body, notes, headers, footers)."""
    return "".join(
        b"".join(_TEXT.findall(data)).decode("utf-8", "replace")
        for name, data in parts.items()
        if name.startswith("word/") and name.endswith(".xml")
    )


def _warn(brand: Brand, family: str, reason: str, warnings: Problems | None) -> None:
    if warnings is None:
        return
    role = "heading" if brand.fonts.body != family else "body"
    warnings.warning(
        brand.at("fonts", role),
        f"fonts.{role}: the font {family!r} {reason}, so Word documents do not carry it "
        f"and offices without it see {FALLBACK_FONT} instead - name a font whose licence "
        "allows embedding (Lato does) if Word documents must show the brand's font",
    )


def _zipped(parts: dict[str, bytes], day: date) -> bytes:
    """The parts as a zip, each dated `day` (the same document, the same bytes)."""
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            entry = zipfile.ZipInfo(name, (day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            out.writestr(entry, data)
    return result.getvalue()


def with_fonts(font_table: bytes, families: list[str], faces: list[EmbeddedFace]) -> bytes:
    """word/fontTable.xml with each of `families` named, with its fallback (w:altName)
    and its family, so that Word substitutes a like font, and its embedded faces."""
    have = {m.decode() for m in _FONT_NAME.findall(font_table)}
    for family in families:
        embedded = embed_elements(faces, family).encode()
        if family in have:  # Pandoc's table names it already: add the faces to it
            start = font_table.index(f'<w:font w:name="{escape(family)}">'.encode())
            end = font_table.index(b"</w:font>", start)
            font_table = font_table[:end] + embedded + font_table[end:]
            continue
        added = (
            (
                f'<w:font w:name="{escape(family)}"><w:altName w:val="{FALLBACK_FONT}"/>'
                '<w:family w:val="swiss"/><w:pitch w:val="variable"/>'
            ).encode()
            + embedded
            + b"</w:font>"
        )
        font_table = font_table.replace(b"</w:fonts>", added + b"</w:fonts>", 1)
    return font_table


def app_properties(document: bytes, *, application: str, company: str) -> bytes:
    """docProps/app.xml as true of this document: who made it and its words (Word and
    LibreOffice count the pages themselves when they open it)."""
    text = b" ".join(_TEXT.findall(document)).decode("utf-8", "replace")
    words = len(text.split())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties">'
        f"<Application>{escape(application)}</Application>"
        f"<Company>{escape(company)}</Company><Words>{words}</Words>"
        "</Properties>"
    ).encode()
