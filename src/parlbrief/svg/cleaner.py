"""A drawing rebuilt from what svg.policy allows: what reaches the page is what was checked.

Projects are passed between organisations, so an SVG file is untrusted. A regular
expression cannot tell what a browser or WeasyPrint will make of a file (unquoted
attributes, entities such as `jav&#x61;script:`, CSS escapes all slip past one), so the
file is parsed as XML, with a parser that loads nothing and expands no entity, and a
new drawing is built holding only elements and attributes known to be inert. What
reaches the page is that new drawing, serialised: exactly what was checked.

- `clean_svg(data)` returns a `CleanSvg`: `.text`, the clean markup (no XML
  declaration, ready to inline in HTML or to embed as a `data:` image), and
  `.refused`, one `Refusal` (line and plain-English message) for each live or leaky
  thing that was dropped: script, event handlers, HTML inside the drawing, animation,
  links to anything but the drawing's own parts (`#name`) or an embedded PNG, JPEG,
  GIF or WebP picture, and CSS that loads or runs something. Callers report every
  refusal as an error: the drawing is safe either way, but it no longer looks as its
  author meant.
- Editor clutter (Inkscape and Illustrator metadata, comments, unknown attributes)
  is dropped quietly: it is harmless and the drawing looks the same without it.
- A file that cannot be used at all (too big, not XML, not SVG, a DOCTYPE or entity
  declarations) raises `SvgError` (svg.parse).

What is allowed is svg.policy's; the drawing's CSS is checked and its `<style>` sheets
applied by svg.styles.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field

from lxml import etree

from parlbrief.quoting import shown
from parlbrief.svg.parse import parse, split_tag
from parlbrief.svg.policy import (
    ATTRIBUTES,
    ELEMENTS,
    FRAGMENT,
    GEOMETRY,
    GEOMETRY_VALUE,
    HREFS,
    LOADS,
    MAX_SVG_BYTES,
    PROPERTIES,
    QUIET_ELEMENTS,
    REFUSED_ATTRIBUTES,
    REFUSED_ELEMENTS,
    REMEDY_SHAPES,
    RUNS,
    SVG_NS,
    TEXT_ELEMENTS,
    XHTML_NS,
    XLINK_NS,
    XML_ATTRIBUTES,
    XML_NS,
    Refusal,
    SvgError,
)
from parlbrief.svg.styles import Styles, declaration_list, set_style

_RASTER = re.compile(r"data:image/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/]*={0,2})", re.I)
_MAGIC = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
}
_STRIPPED = re.compile(r"[\t\n\r]")


@dataclass(frozen=True)
class CleanSvg:
    """The drawing rebuilt from what is allowed, and what was refused on the way."""

    text: str
    refused: list[Refusal] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


def clean_svg(data: bytes, *, max_bytes: int = MAX_SVG_BYTES) -> CleanSvg:
    """Parse `data` as SVG and rebuild it from the allow-list; see the module's notes.

    Raises `SvgError` (only) when the file cannot be used at all.
    """
    if len(data) > max_bytes:
        raise SvgError(f"the drawing is over {max_bytes:,} bytes - simplify or compress it")
    source = parse(data)
    cleaner = _Cleaner()
    root = cleaner.rebuild(source)
    cleaner.styles.apply(root)
    text = etree.tostring(root, encoding="unicode")
    return CleanSvg(text, cleaner.refused)


class _Cleaner:
    """Builds the clean tree, noting each refusal and each `<style>` sheet's rules."""

    def __init__(self) -> None:
        self.refused: list[Refusal] = []
        self.styles = Styles(self.refuse)
        self.uses_xlink = False

    def refuse(self, line: int | None, message: str) -> None:
        self.refused.append(Refusal(line or 1, message))

    def rebuild(self, source: etree._Element) -> etree._Element:
        self._prolog(source)
        root = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS, "xlink": XLINK_NS})
        self._copy_attributes(source, root, "svg")
        self._copy_children(source, root, "svg")
        if not self.uses_xlink:
            etree.cleanup_namespaces(root)
        return root

    def _prolog(self, source: etree._Element) -> None:
        """`<?xml-stylesheet?>` before the drawing would load a style sheet."""
        node = source.getprevious()
        while node is not None:
            if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet":
                self.refuse(node.sourceline, f"<?xml-stylesheet?> {LOADS} - remove it")
            node = node.getprevious()

    def _copy_children(self, source: etree._Element, target: etree._Element, name: str) -> None:
        keep_text = name in TEXT_ELEMENTS
        if keep_text and source.text:
            target.text = source.text
        for child in source:
            if isinstance(child, etree._Entity):
                self.refuse(
                    child.sourceline,
                    "entities such as &name; are not allowed - write the character itself",
                )
            elif isinstance(child, etree._ProcessingInstruction):
                if child.target == "xml-stylesheet":
                    self.refuse(child.sourceline, f"<?xml-stylesheet?> {LOADS} - remove it")
            elif isinstance(child.tag, str):
                self._copy_element(child, target, name)
            if keep_text and child.tail:
                _append_text(target, child.tail)

    def _copy_element(self, source: etree._Element, parent: etree._Element, within: str) -> None:
        """Copy `source` under `parent` if it is allowed; refuse it if it is live."""
        space, name = split_tag(source.tag)
        if ":" in name:  # a prefix never declared (libxml2 keeps it): not SVG
            space, name = "", name.rpartition(":")[2]
        if space not in (SVG_NS, None):
            if space == XHTML_NS or name in REFUSED_ELEMENTS:
                self.refuse(source.sourceline, f"<{name}> {_html_reason(name)}")
            return  # another program's notes (Inkscape, Illustrator): never drawn
        if name in QUIET_ELEMENTS:
            return
        if name in REFUSED_ELEMENTS:
            self.refuse(source.sourceline, f"<{name}> {REFUSED_ELEMENTS[name]}")
            return
        if name not in ELEMENTS:
            self.refuse(
                source.sourceline,
                f"<{name}> is not something a logo or picture may contain - {REMEDY_SHAPES}",
            )
            return
        if within in ("title", "desc", "style"):
            return  # text only: SVG ignores elements there
        if name == "style":
            self.styles.read_sheet(source)  # applied to the elements at the end, then gone
            return
        target = etree.SubElement(parent, f"{{{SVG_NS}}}{name}")
        self._copy_attributes(source, target, name)
        self._copy_children(source, target, name)

    def _copy_attributes(self, source: etree._Element, target: etree._Element, name: str) -> None:
        line = source.sourceline
        for key, value in source.attrib.items():
            local = split_tag(key)[1].rpartition(":")[2]
            if local.lower().startswith("on"):
                self.refuse(line, f"<{name}> has {_attr(key)}=..., which {RUNS} - remove it")
            elif key in REFUSED_ATTRIBUTES:
                self.refuse(
                    line,
                    f"<{name}> has {_attr(key)}=..., which {REFUSED_ATTRIBUTES[key]} - remove it",
                )
            elif key in HREFS:
                self._copy_href(line, name, key, value, target)
            elif key == "style":
                style = self.styles.clean_declarations(
                    line, f"the style of <{name}>", declaration_list(value)
                )
                set_style(target, style)
            elif key in PROPERTIES:
                clean = self.styles.property_value(line, f"<{name} {key}=...>", value)
                if clean is not None:
                    target.set(key, clean)
            elif key in GEOMETRY:
                if GEOMETRY_VALUE.fullmatch(value):
                    target.set(key, value)
            elif key in ATTRIBUTES or key in XML_ATTRIBUTES:
                target.set(key, value)

    def _copy_href(
        self, line: int | None, name: str, key: str, value: str, target: etree._Element
    ) -> None:
        url = _STRIPPED.sub("", value).strip(" \x0c")
        if name == "image":
            clean = raster_data_uri(url)
            if clean is not None:
                target.set(key, clean)
                self.uses_xlink |= key != "href"
                return
        elif FRAGMENT.fullmatch(url):
            target.set(key, url)
            self.uses_xlink |= key != "href"
            return
        allowed = (
            "an embedded PNG, JPEG, GIF or WebP picture"
            if name == "image"
            else "a part of the same drawing, written #name"
        )
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        effect = RUNS if scheme in ("javascript", "vbscript") else LOADS
        self.refuse(
            line,
            f"<{name}> points to {shown(url)}, which {effect} - remove it "
            f"(it may only point to {allowed})",
        )


def raster_data_uri(url: str) -> str | None:
    """`url` as a clean `data:` URI if it embeds a PNG, JPEG, GIF or WebP picture."""
    match = _RASTER.fullmatch(re.sub(r"\s", "", url))
    if match is None:
        return None
    kind, payload = match.group(1).lower(), match.group(2)
    try:
        head = base64.b64decode(payload[:16] + "=" * (-len(payload[:16]) % 4))
    except (binascii.Error, ValueError):
        return None
    if not head.startswith(_MAGIC[kind]):
        return None
    return f"data:image/{kind};base64,{payload}"


def _append_text(target: etree._Element, text: str) -> None:
    if len(target):
        last = target[-1]
        last.tail = (last.tail or "") + text
    else:
        target.text = (target.text or "") + text


def _html_reason(name: str) -> str:
    reason = REFUSED_ELEMENTS.get(name)
    if reason is not None:
        return reason
    return "is web-page content inside the drawing, which could run or load something - remove it"


def _attr(key: str) -> str:
    space, local = split_tag(key)
    return {XLINK_NS: "xlink:", XML_NS: "xml:"}.get(space or "", "") + local
