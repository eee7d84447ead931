"""The brand's fonts inside the Word document, so that an office without them (Lato is
on few Windows machines) sees the document in them, as Word's "Embed fonts in the
file" does.

Word keeps an embedded font as an obfuscated copy (word/fonts/*.odttf: the font with
its first 32 bytes XORed with a key, ISO/IEC 29500-1 17.8.1 and 15.2.14), named with
its key in the font table (w:embedRegular, w:embedBold ...), and asks for embedded
fonts in its settings (w:embedTrueTypeFonts). LibreOffice reads them the same way.

A font is embedded only where its licence allows it, as its OS/2 table's fsType says:
installable (Lato, under the OFL) or editable embedding. A font whose licence forbids
embedding, or allows it only for documents opened read-only, is left out with a
warning, and Word shows the fallback the font table names (Calibri). Each face is cut
down to the Latin letters, punctuation and currency signs English text uses, plus
every character of the document, so that a reader can still type in it; the key is
made from the face's bytes, so the same document gives the same file.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from parlbrief.fonts import font_file
from parlbrief.render.webfonts import subset

#: Word's four faces of a family (as the font table names them): CSS weight, italic.
FACES = (("Regular", 400, False), ("Bold", 700, False), ("Italic", 400, True),
         ("BoldItalic", 700, True))  # fmt: skip
#: Kept in every embedded face besides the document's own characters, so that a
#: reader can edit the text: Latin-1 and Latin Extended-A (every letter of English,
#: Welsh, Irish and the names of most of Europe), punctuation, currency, arrows.
_RANGES = ((0x20, 0x7F), (0xA0, 0x180), (0x2010, 0x2060), (0x20A0, 0x20C1), (0x2190, 0x2194))
EDITABLE = "".join(chr(c) for low, high in _RANGES for c in range(low, high))
#: fsType bits (OpenType's OS/2 table): embedding forbidden, for print and preview
#: only (Word would open the document read-only), bitmaps only, no subsetting.
_RESTRICTED, _PREVIEW_ONLY, _BITMAP_ONLY, _NO_SUBSET = 0x0002, 0x0004, 0x0200, 0x0100


@dataclass(frozen=True)
class EmbeddedFace:
    """One face to embed: its family, its slot in the font table, key and .odttf bytes."""

    family: str
    face: str
    """'Regular', 'Bold', 'Italic' or 'BoldItalic'."""
    key: str
    """The font key, a GUID in braces: '{1B9F...}'."""
    data: bytes
    """The font, obfuscated with `key`."""


@dataclass(frozen=True)
class Refused:
    """A family left out, and why, as a sentence that follows its name."""

    family: str
    reason: str


def faces_to_embed(families: Iterable[str], text: str) -> tuple[list[EmbeddedFace], list[Refused]]:
    """The installed faces of `families` that may be embedded, cut down to EDITABLE and
    `text`; and the families whose licence (or kind) forbids it."""
    embedded: list[EmbeddedFace] = []
    refused: list[Refused] = []
    characters = "".join(sorted(set(EDITABLE) | set(text)))
    for family in dict.fromkeys(families):
        found = _faces(family)
        reasons = [r for r in (licence_refusal(path) for _, path in found) if r]
        if reasons:
            refused.append(Refused(family, reasons[0]))
            continue
        for face, path in found:
            data = _face_bytes(path, characters)
            if data is not None:
                key = font_key(family, face, data)
                embedded.append(EmbeddedFace(family, face, key, obfuscate(data, key)))
    return embedded, refused


def _faces(family: str) -> list[tuple[str, str]]:
    """Each of Word's faces of `family` that is installed, by file: a family with no
    bold of its own gives no Bold (Word thickens the regular, as the PDF does)."""
    seen: set[str] = set()
    found = []
    for face, weight, italic in FACES:
        path = font_file(family, weight, italic)
        if path is not None and path not in seen:
            seen.add(path)
            found.append((face, path))
    return found


@lru_cache(maxsize=32)
def licence_refusal(path: str) -> str | None:
    """Why the font at `path` may not go into an editable Word file, or None."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(path, lazy=True, fontNumber=0)
        fs_type = int(font["OS/2"].fsType) if "OS/2" in font else 0
        outlines = "glyf" in font
    except (OSError, TTLibError, KeyError, AssertionError):
        return "cannot be read as a TrueType font"
    if fs_type & (_RESTRICTED | _BITMAP_ONLY):
        return "has a licence that does not allow it to be embedded in documents"
    if fs_type & _PREVIEW_ONLY:
        return "has a licence that allows it only in documents opened read-only"
    if not outlines:
        return "is not a TrueType font (Word embeds only TrueType fonts)"
    return None


@lru_cache(maxsize=32)
def _face_bytes(path: str, characters: str) -> bytes | None:
    """The face cut down to `characters`, or whole if its licence forbids subsetting."""
    from fontTools.ttLib import TTFont

    if int(TTFont(path, lazy=True, fontNumber=0)["OS/2"].fsType) & _NO_SUBSET:
        return Path(path).read_bytes()
    return subset(path, characters)


def font_key(family: str, face: str, data: bytes) -> str:
    """A GUID made from the face itself (the same face, the same key)."""
    digest = hashlib.sha256(f"{family}\0{face}\0".encode() + data).digest()
    return "{" + str(uuid.UUID(bytes=digest[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """Word's obfuscation: the first 32 bytes XORed with the key's 16 bytes, reversed."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ secret[i % 16] for i, byte in enumerate(data[:32]))
    return head + data[32:]


# The package's parts (write.docx_package writes them) -----------------------------

#: The content type of an obfuscated font, for [Content_Types].xml.
ODTTF = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def part_name(index: int) -> str:
    """Where the `index`th embedded face (from 1) is kept in the package."""
    return f"word/fonts/font{index}.odttf"


def embed_elements(faces: list[EmbeddedFace], family: str) -> str:
    """The font table's w:embed* elements of `family`, in the schema's order."""
    return "".join(
        f'<w:embed{face.face} r:id="rIdFont{index}" w:fontKey="{face.key}"/>'
        for index, face in enumerate(faces, 1)
        if face.family == family
    )


def font_relationships(faces: list[EmbeddedFace]) -> bytes:
    """word/_rels/fontTable.xml.rels: each face's part."""
    rels = "".join(
        f'<Relationship Id="rIdFont{index}" Type="{_FONT_REL}" '
        f'Target="{escape(part_name(index).removeprefix("word/"))}"/>'
        for index, _ in enumerate(faces, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_RELS}">{rels}</Relationships>'
    ).encode()


def with_odttf_type(content_types: bytes) -> bytes:
    """[Content_Types].xml saying what a .odttf part is."""
    if b'Extension="odttf"' in content_types:
        return content_types
    default = f'<Default Extension="odttf" ContentType="{ODTTF}"/>'.encode()
    return content_types.replace(b"</Types>", default + b"</Types>", 1)


#: Settings that come before w:embedTrueTypeFonts in the schema's order.
_BEFORE = (
    b"writeProtection", b"view", b"zoom", b"removePersonalInformation", b"removeDateAndTime",
    b"doNotDisplayPageBoundaries", b"displayBackgroundShape", b"printPostScriptOverText",
    b"printFractionalCharacterWidth", b"printFormsData",
)  # fmt: skip


def with_embedding_on(settings: bytes) -> bytes:
    """word/settings.xml asking Word to keep the embedded fonts (in the schema's
    order: Word refuses a settings part whose elements are out of order)."""
    if b"<w:embedTrueTypeFonts" in settings:
        return settings
    at = re.search(rb"<w:settings[^>]*>", settings)
    if at is None:
        return settings
    end = at.end()
    for name in _BEFORE:
        found = re.search(rb"<w:" + name + rb"\b[^>]*?(?:/>|>.*?</w:" + name + rb">)", settings,
                          re.S)  # fmt: skip
        if found is not None:
            end = max(end, found.end())
    return settings[:end] + b"<w:embedTrueTypeFonts/>" + settings[end:]
