"""SVG from a shared project (logos, pictures), parsed and rebuilt from an allow-list.

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
  declarations) raises `SvgError`.

A `<style>` sheet is applied to the elements it matches and removed: a style sheet
inside inline SVG applies to the whole web page (OWASP's "CSS injection"), so a logo's
`.st0 { fill: red }` could restyle the briefing around it.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import cssselect2
import tinycss2
from lxml import etree
from tinycss2.ast import Declaration, Node

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"

#: A logo or a chart; anything larger is a mistake (often an embedded photo) and
#: slows every build. Callers may pass their own limit.
MAX_SVG_BYTES = 500_000

_REMEDY_SHAPES = "remove it, or export the drawing again as plain shapes"

#: Elements kept, in the SVG namespace: shapes, text, gradients, clipping, reuse and
#: simple filters. None of them runs anything or loads anything by itself; their
#: links (`href`) are checked separately.
ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "switch", "title", "desc",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask",
        "marker", "image", "style",
        "filter", "feBlend", "feColorMatrix", "feComposite", "feDropShadow", "feFlood",
        "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    }
)  # fmt: skip

#: Elements whose text is part of the drawing (elsewhere text is ignored by SVG).
TEXT_ELEMENTS = frozenset({"title", "desc", "text", "tspan", "textPath"})

#: Dropped without a word: editors' notes, never drawn.
QUIET_ELEMENTS = frozenset({"metadata"})

_RUNS = "would run code when the briefing is opened"
_LOADS = "would load something from outside the briefing when it is opened"
#: Elements refused with a reason a press officer can act on.
REFUSED_ELEMENTS = {
    "script": f"{_RUNS} - remove it",
    "handler": f"{_RUNS} - remove it",
    "listener": f"{_RUNS} - remove it",
    "foreignObject": "puts web-page content inside the drawing, which could run code or "
    "load something - remove it",
    "a": "makes part of the drawing a link, which a logo or picture may not do - "
    "remove the link and keep the shapes",
    "animate": "makes the drawing change after it is opened, and can change what it "
    "links to - remove it (a printed briefing cannot show movement)",
    "iframe": f"{_LOADS} - remove it",
    "object": f"{_LOADS} - remove it",
    "embed": f"{_LOADS} - remove it",
    "video": f"{_LOADS} - remove it",
    "audio": f"{_LOADS} - remove it",
    "feImage": f"{_LOADS} - remove the filter or use a plain colour",
    "cursor": f"{_LOADS} - remove it",
    "font-face-uri": f"{_LOADS} - turn the text into shapes (outline it) when exporting",
}
for _name in ("set", "animateMotion", "animateTransform", "animateColor", "discard"):
    REFUSED_ELEMENTS[_name] = REFUSED_ELEMENTS["animate"]

#: CSS properties an SVG drawing needs, allowed as attributes and in `style`. The
#: values are checked as CSS (`url(...)` only to the drawing's own parts).
PROPERTIES = frozenset(
    {
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
        "stroke-dashoffset", "opacity", "color", "display", "visibility", "overflow",
        "clip-path", "clip-rule", "mask", "filter", "marker", "marker-start",
        "marker-mid", "marker-end", "stop-color", "stop-opacity", "flood-color",
        "flood-opacity", "lighting-color", "color-interpolation-filters",
        "font", "font-family", "font-size", "font-style", "font-weight", "font-variant",
        "font-stretch", "letter-spacing", "word-spacing", "text-anchor",
        "text-decoration", "dominant-baseline", "alignment-baseline", "baseline-shift",
        "writing-mode", "direction", "unicode-bidi", "paint-order", "vector-effect",
        "shape-rendering", "text-rendering", "image-rendering", "mix-blend-mode",
        "isolation", "transform-origin", "white-space",
    }
)  # fmt: skip

#: Other attributes kept as written: geometry, identity, accessibility. Inert: SVG
#: never loads or runs anything from them.
ATTRIBUTES = frozenset(
    {
        "id", "class", "version", "viewBox", "preserveAspectRatio", "x", "y", "width",
        "height", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
        "d", "points", "pathLength", "transform", "gradientTransform", "gradientUnits",
        "spreadMethod", "offset", "patternUnits", "patternContentUnits",
        "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
        "markerUnits", "markerWidth", "markerHeight", "refX", "refY", "orient",
        "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method",
        "spacing", "side", "filterUnits", "primitiveUnits", "in", "in2", "result",
        "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4", "values", "type",
        "radius", "role", "lang", "tabindex", "focusable", "aria-label",
        "aria-labelledby", "aria-describedby", "aria-hidden", "aria-roledescription",
        "requiredFeatures", "systemLanguage",
    }
)  # fmt: skip
#: Of those, the ones holding numbers, units and path commands: a value with any
#: other character (`:`, `/`, quotes, braces) is a mistake or a trick, and is dropped.
GEOMETRY = frozenset(
    {
        "viewBox", "x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r",
        "rx", "ry", "fx", "fy", "fr", "d", "points", "pathLength", "transform",
        "gradientTransform", "patternTransform", "offset", "dx", "dy", "rotate",
        "textLength", "startOffset", "stdDeviation", "values", "radius", "refX", "refY",
        "markerWidth", "markerHeight", "k1", "k2", "k3", "k4",
    }
)  # fmt: skip
_GEOMETRY_VALUE = re.compile(r"[-+.,()%#\w\s]*")
_XML_ATTRIBUTES = frozenset({f"{{{XML_NS}}}space", f"{{{XML_NS}}}lang"})
_HREFS = frozenset({"href", f"{{{XLINK_NS}}}href"})

#: Attributes that load something, whatever element they are on.
REFUSED_ATTRIBUTES = {
    f"{{{XML_NS}}}base": "changes where every link in the drawing points",
    "src": _LOADS,
    "srcset": _LOADS,
    "action": "would send what a reader types to a website",
    "formaction": "would send what a reader types to a website",
    "ping": "would tell a website when the briefing is read",
}

#: CSS functions a drawing's values may use; any other (image-set(), env(),
#: expression(), attr(), ...) is refused: some load, some run code in old browsers.
CSS_FUNCTIONS = frozenset(
    {
        "url", "rgb", "rgba", "hsl", "hsla", "calc", "min", "max", "clamp", "var",
        "matrix", "translate", "translatex", "translatey", "scale", "scalex", "scaley",
        "rotate", "skewx", "skewy",
    }
)  # fmt: skip
#: Old browsers' ways to attach code to an element from CSS (IE's HTC, Firefox's XBL).
CSS_RUNS = frozenset({"behavior", "-moz-binding"})

_RASTER = re.compile(r"data:image/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/]*={0,2})", re.I)
_MAGIC = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
}
_FRAGMENT = re.compile(r"#[^\s\x00-\x1f\x7f#]+")
_STRIPPED = re.compile(r"[\t\n\r]")
#: Characters an XML document cannot hold (CSS escapes can make them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class SvgError(ValueError):
    """The file cannot be used as a drawing at all; `message` says why and what to do."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.message, self.line = message, line


@dataclass(frozen=True)
class Refusal:
    """One live or leaky thing dropped from a drawing, at `line` of the file."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


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
    source = _parse(data)
    cleaner = _Cleaner()
    root = cleaner.rebuild(source)
    cleaner.apply_styles(root)
    text = etree.tostring(root, encoding="unicode")
    return CleanSvg(text, cleaner.refused)


_DOCTYPE = re.compile(rb"<!\s*(doctype|entity)", re.IGNORECASE)


def _doctype_error() -> SvgError:
    return SvgError(
        "the drawing starts with a <!DOCTYPE ...> declaration, which can hide entities "
        "that freeze or leak - delete that line (it is not needed)",
        1,
    )


def _parse(data: bytes) -> etree._Element:
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
    if not isinstance(root.tag, str) or _split(root.tag)[1] != "svg":
        raise SvgError(
            "the file is not an SVG drawing (it does not start with <svg>) - export it as SVG"
        )
    if _split(root.tag)[0] not in (SVG_NS, None):
        raise SvgError(
            "the file is not an SVG drawing (its <svg> is not SVG's own) - export it as SVG"
        )
    return root


class _Cleaner:
    """Builds the clean tree, noting each refusal and each `<style>` sheet's rules."""

    def __init__(self) -> None:
        self.refused: list[Refusal] = []
        self.rules: list[tuple[str, list[Declaration]]] = []
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
                self.refuse(node.sourceline, f"<?xml-stylesheet?> {_LOADS} - remove it")
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
                    self.refuse(child.sourceline, f"<?xml-stylesheet?> {_LOADS} - remove it")
            elif isinstance(child.tag, str):
                self._copy_element(child, target, name)
            if keep_text and child.tail:
                _append_text(target, child.tail)

    def _copy_element(self, source: etree._Element, parent: etree._Element, within: str) -> None:
        """Copy `source` under `parent` if it is allowed; refuse it if it is live."""
        space, name = _split(source.tag)
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
                f"<{name}> is not something a logo or picture may contain - {_REMEDY_SHAPES}",
            )
            return
        if within in ("title", "desc", "style"):
            return  # text only: SVG ignores elements there
        if name == "style":
            self._read_style(source)  # applied to the elements at the end, then gone
            return
        target = etree.SubElement(parent, f"{{{SVG_NS}}}{name}")
        self._copy_attributes(source, target, name)
        self._copy_children(source, target, name)

    def _copy_attributes(self, source: etree._Element, target: etree._Element, name: str) -> None:
        line = source.sourceline
        for key, value in source.attrib.items():
            local = _split(key)[1].rpartition(":")[2]
            if local.lower().startswith("on"):
                self.refuse(line, f"<{name}> has {_attr(key)}=..., which {_RUNS} - remove it")
            elif key in REFUSED_ATTRIBUTES:
                self.refuse(
                    line,
                    f"<{name}> has {_attr(key)}=..., which {REFUSED_ATTRIBUTES[key]} - remove it",
                )
            elif key in _HREFS:
                self._copy_href(line, name, key, value, target)
            elif key == "style":
                style = self._clean_declarations(
                    line, f"the style of <{name}>", _declarations(value)
                )
                _set_style(target, style)
            elif key in PROPERTIES:
                tokens = tinycss2.parse_component_value_list(value, skip_comments=True)
                clean = tinycss2.serialize(tokens).strip()
                ok = self._clean_value(line, f"<{name} {key}=...>", tokens)
                if ok and not _NOT_XML.search(clean):
                    target.set(key, clean)
            elif key in GEOMETRY:
                if _GEOMETRY_VALUE.fullmatch(value):
                    target.set(key, value)
            elif key in ATTRIBUTES or key in _XML_ATTRIBUTES:
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
        elif _FRAGMENT.fullmatch(url):
            target.set(key, url)
            self.uses_xlink |= key != "href"
            return
        allowed = (
            "an embedded PNG, JPEG, GIF or WebP picture"
            if name == "image"
            else "a part of the same drawing, written #name"
        )
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        effect = _RUNS if scheme in ("javascript", "vbscript") else _LOADS
        self.refuse(
            line,
            f"<{name}> points to {shown(url)}, which {effect} - remove it "
            f"(it may only point to {allowed})",
        )

    def _clean_declarations(
        self, line: int | None, where: str, nodes: Iterable[Node]
    ) -> list[Declaration]:
        kept: list[Declaration] = []
        for node in nodes:
            if node.type == "at-rule":
                self._at_rule(line, where, node)
            elif node.type != "declaration":
                continue
            elif node.lower_name in CSS_RUNS:
                self.refuse(line, f"{where} sets {node.lower_name}, which {_RUNS} - remove it")
            elif node.lower_name in PROPERTIES and self._clean_value(line, where, node.value):
                kept.append(node)
        return kept

    def _clean_value(self, line: int | None, where: str, tokens: list[Node]) -> bool:
        """Whether a CSS value loads and runs nothing; a refusal is noted if not."""
        for token in css_tokens(tokens):
            if token.type in ("error", "() block", "[] block", "{} block"):
                return False  # broken or not SVG (bad url, stray brackets): dropped quietly
            if token.type == "url" or (token.type == "function" and token.lower_name == "url"):
                url = token.value if token.type == "url" else _string_argument(token)
                if not _FRAGMENT.fullmatch(url.strip()):
                    self.refuse(
                        line,
                        f"{where} uses url({shown(url)}), which {_LOADS} - "
                        "use a colour, or url(#name) for a part of the drawing",
                    )
                    return False
            elif token.type == "function" and token.lower_name not in CSS_FUNCTIONS:
                self.refuse(
                    line,
                    f"{where} uses {token.name}(), which can load or run "
                    "something - use a plain colour or size",
                )
                return False
        return True

    def _at_rule(self, line: int | None, where: str, rule: Node) -> None:
        keyword = rule.lower_at_keyword
        if keyword == "import":
            self.refuse(
                line,
                f"@import in {where} would load a style sheet from outside "
                "the briefing - remove it",
            )
        elif keyword == "font-face":
            self.refuse(
                line,
                f"@font-face in {where} {_LOADS} - turn the text into shapes "
                "(outline it) when exporting",
            )
        # Other at-rules (@media, @keyframes, @charset, ...) are dropped quietly.

    def _read_style(self, source: etree._Element) -> None:
        """Keep a `<style>` sheet's rules (checked) to apply them to the elements."""
        line = source.sourceline or 1
        css = "".join(source.itertext())
        for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
            at = line + (rule.source_line or 1) - 1
            if rule.type == "at-rule":
                self._at_rule(at, "the <style> sheet", rule)
            elif rule.type == "qualified-rule":
                body = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
                kept = self._clean_declarations(at, "the <style> sheet", body)
                if kept:
                    self.rules.append((tinycss2.serialize(rule.prelude), kept))

    def apply_styles(self, root: etree._Element) -> None:
        """Write the `<style>` rules into each matching element's `style` attribute.

        The cascade is kept: later and more specific rules win, `!important` wins,
        and the element's own `style` beats the sheet's normal rules.
        """
        if not self.rules:
            return
        matcher = cssselect2.Matcher()
        for order, (prelude, declarations) in enumerate(self.rules):
            try:
                selectors = cssselect2.compile_selector_list(prelude)
            except cssselect2.SelectorError:
                continue  # a selector SVG cannot use (:hover...): it matched nothing
            for selector in selectors:
                if selector.pseudo_element is None:
                    matcher.add_selector(selector, (order, declarations))
        for wrapper in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
            _apply(wrapper.etree_element, matcher.match(wrapper))


def _apply(element: etree._Element, matches: list[Any]) -> None:
    """Set `element`'s style to the declarations that win the cascade."""
    if not matches:
        return
    ranked: list[tuple[tuple[Any, ...], Declaration]] = []
    for specificity, _order, _pseudo, (rule, declarations) in matches:
        for index, declaration in enumerate(declarations):
            rank = (declaration.important, 0, specificity, rule, index)
            ranked.append((rank, declaration))
    for index, declaration in enumerate(_declarations(element.get("style", ""))):
        if declaration.type == "declaration":
            ranked.append(((declaration.important, 1, (0, 0, 0), 0, index), declaration))
    winners: dict[str, Declaration] = {}
    for _rank, declaration in sorted(ranked, key=lambda pair: pair[0]):
        winners.pop(declaration.lower_name, None)
        winners[declaration.lower_name] = declaration
    _set_style(element, list(winners.values()))


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


def _declarations(css: str) -> list[Node]:
    return list(tinycss2.parse_declaration_list(css, skip_comments=True, skip_whitespace=True))


def _set_style(element: etree._Element, declarations: list[Declaration]) -> None:
    """Set `style` to `declarations`, or remove it when none is left."""
    style = _serialise(declarations)
    if style:
        element.set("style", style)
    else:
        element.attrib.pop("style", None)


def _serialise(declarations: list[Declaration]) -> str:
    parts = []
    for d in declarations:
        value = tinycss2.serialize(d.value).strip()
        if _NOT_XML.search(value):
            continue  # a CSS escape such as \\2 for a character XML cannot hold
        parts.append(f"{d.lower_name}:{value}{' !important' if d.important else ''}")
    return ";".join(parts)


def css_tokens(tokens: Iterable[Node]) -> Iterator[Node]:
    """Every CSS token, nested blocks and function arguments included (guard.py uses it
    too)."""
    for token in tokens:
        yield token
        if token.type == "function":
            yield from css_tokens(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from css_tokens(token.content)


def _string_argument(function: Node) -> str:
    """The address in `url("...")`: its string tokens (anything else makes it invalid)."""
    return "".join(str(t.value) for t in function.arguments if t.type == "string")


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


def _split(tag: str) -> tuple[str | None, str]:
    """`{namespace}name` as (namespace, name); lxml's QName refuses some names libxml2
    lets through (`h:img` with `h` never declared)."""
    if tag.startswith("{"):
        space, _, local = tag[1:].partition("}")
        return space, local
    return None, tag


def _attr(key: str) -> str:
    space, local = _split(key)
    return {XLINK_NS: "xlink:", XML_NS: "xml:"}.get(space or "", "") + local


def shown(value: str, limit: int = 60) -> str:
    """A value quoted for a message, shortened so a pasted data: URI stays readable
    (guard.py and resolve/safety.py quote values the same way)."""
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return repr(value)
