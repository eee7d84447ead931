"""An SVG file read as XML by a parser that loads nothing and expands no entity.

A file that cannot be used as a drawing at all (not XML, not SVG, a DOCTYPE or entity
declarations, which can hide an entity bomb or an external entity) raises `SvgError`
saying what to do; what is inside a drawing is the cleaner's (svg.cleaner).
"""

from __future__ import annotations

import re

from lxml import etree

from parlbrief.svg.policy import SVG_NS, SvgError

_DOCTYPE = re.compile(rb"<!\s*(doctype|entity)", re.IGNORECASE)


def _doctype_error() -> SvgError:
    return SvgError(
        "the drawing starts with a <!DOCTYPE ...> declaration, which can hide entities "
        "that freeze or leak - delete that line (it is not needed)",
        1,
    )


def parse(data: bytes) -> etree._Element:
    # Refused before parsing, so no entity declaration is ever read (libxml2 would
    # otherwise stop a billion-laughs file with a message nobody could act on). libxml2
    # reads UTF-16 and UTF-32 (either byte order, with or without a BOM) too.
    decoded = (data.decode(c, "ignore") for c in ("utf-16", "utf-32-le", "utf-32-be"))
    for text in (data, *(d.encode("utf-8", "ignore") for d in decoded)):
        if _DOCTYPE.search(text):
            raise _doctype_error()
    # No DTD, no entities, no network, libxml2's size and depth limits (OWASP XML
    # External Entity Prevention Cheat Sheet); a DOCTYPE is refused below, so an
    # entity bomb is never expanded.
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        strip_cdata=True,
        remove_blank_text=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        raise SvgError(
            f"the file is not a valid SVG drawing ({exc.msg}) - export it again as SVG",
            line,
        ) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise _doctype_error()
    if not isinstance(root.tag, str) or split_tag(root.tag)[1] != "svg":
        raise SvgError(
            "the file is not an SVG drawing (it does not start with <svg>) - export it as SVG"
        )
    if split_tag(root.tag)[0] not in (SVG_NS, None):
        raise SvgError(
            "the file is not an SVG drawing (its <svg> is not SVG's own) - export it as SVG"
        )
    return root


def split_tag(tag: str) -> tuple[str | None, str]:
    """`{namespace}name` as (namespace, name); lxml's QName refuses some names libxml2
    lets through (`h:img` with `h` never declared)."""
    if tag.startswith("{"):
        space, _, local = tag[1:].partition("}")
        return space, local
    return None, tag
