"""An independent look at cleaned SVG, for the tests and the fuzz target.

Written apart from `parlbrief.svg`'s own allow-lists, so a rule loosened there is
caught here: this says what must never be in a cleaned drawing.
"""

from __future__ import annotations

import re

from lxml import etree

LIVE = {"script", "foreignObject", "a", "animate", "set", "animateMotion",
        "animateTransform", "style", "iframe", "object", "embed", "feImage", "handler",
        "cursor"}  # fmt: skip
SAFE_HREF = re.compile(r"#[^\s#]+|data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]*=*")
#: Attributes read as CSS, where url(), expression() and @import would act.
CSS_ATTRIBUTES = {"style", "fill", "stroke", "clip-path", "mask", "filter", "marker",
                  "marker-start", "marker-mid", "marker-end", "cursor", "font",
                  "font-family"}  # fmt: skip
#: Free text for people (labels, names), never followed or loaded.
TEXT_ATTRIBUTES = {"id", "class", "role", "aria-label", "aria-roledescription", "lang"}
SAFE_URL = re.compile(r"url\(\s*[\"']?#", re.IGNORECASE)


def unsafe_svg(text: str) -> list[str]:
    """What in a cleaned drawing could run or load something (empty when nothing)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(text.encode("utf-8"), parser)
    found = []
    if root.getroottree().docinfo.doctype:
        found.append("a DOCTYPE")
    for element in root.iter():
        if not isinstance(element.tag, str):
            found.append(f"a {type(element).__name__}")
            continue
        qname = etree.QName(element)
        if qname.namespace != "http://www.w3.org/2000/svg" or qname.localname in LIVE:
            found.append(f"<{element.tag}>")
        for key, value in element.attrib.items():
            local = etree.QName(key).localname
            lowered = re.sub(r"[\s\\]", "", value).lower()
            if local.lower().startswith("on"):
                found.append(f"{local}=")
            if local in ("href", "src", "base") and not SAFE_HREF.fullmatch(value):
                found.append(f"{local}={value!r}")
            if "javascript:" in lowered and local not in TEXT_ATTRIBUTES:
                found.append(f"{local}={value!r}")
            if local in CSS_ATTRIBUTES:
                found.extend(_css_danger(local, lowered))
    return found


def _css_danger(name: str, value: str) -> list[str]:
    found = []
    if "@import" in value or "expression(" in value or "image-set(" in value:
        found.append(f"{name}={value!r}")
    for match in re.finditer(r"url\(", value):
        if not SAFE_URL.match(value, match.start()):
            found.append(f"{name}={value!r}")
    return found
