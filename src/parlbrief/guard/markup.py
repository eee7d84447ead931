"""The last look at a briefing's HTML before it is written: nothing runs, nothing loads.

Templates, CSS and brands come from shared projects, so the HTML they produce is
untrusted too. This module parses the final HTML the way a browser does (tinyhtml5,
the WHATWG parser WeasyPrint uses), so entities (`jav&#x61;script:`), unquoted
attributes and odd case cannot hide anything from it; its CSS goes to
guard.stylesheets and its addresses to guard.addresses. A page shaped to make that
parse slow is refused before it (guard.prescan).

- `check_html(html)`: plain-English findings, one per problem; an empty list means the
  page may be written.
- `pdf_link_findings(html)`: the links WeasyPrint would turn into PDF link actions
  (`<a href>`), refusing all but web, e-mail and telephone addresses and `#anchors`.
- `check_pdf_html(html)`: both checks for the HTML given to WeasyPrint, in one parse.
- `inspect_page(html, pdf=...)`: the findings as `Finding`s, each naming the element and
  attribute refused (so that guard.refusals can say where it was written), and the
  page's text, from one parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import tinycss2
import tinyhtml5

from parlbrief.guard.addresses import link_refusal, load_refusal, pdf_link_refusal
from parlbrief.guard.csp import CSP_POLICY
from parlbrief.guard.prescan import prescan_findings
from parlbrief.guard.stylesheets import check_css, css_findings
from parlbrief.quoting import shown


@dataclass(frozen=True)
class Finding:
    """One thing the guard refuses: what a press officer reads, and the element (and
    attribute) it is about, as written in a template ('iframe'; 'p', 'onclick')."""

    text: str
    element: str = ""
    """The element's name, or "" for the page as a whole (its missing policy)."""
    attribute: str = ""

    def __str__(self) -> str:
        return self.text


HTML_NS = "http://www.w3.org/1999/xhtml"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Elements that run code, embed another page or plug-in, or change where links go.
REFUSED_ELEMENTS = {
    "script": "runs code",
    "noscript": "only matters where code runs, and browsers and checkers read it differently",
    "iframe": "shows another web page inside the briefing",
    "frame": "shows another web page inside the briefing",
    "frameset": "shows other web pages inside the briefing",
    "object": "embeds a plug-in or another page",
    "embed": "embeds a plug-in or another page",
    "applet": "runs a Java plug-in",
    "portal": "shows another web page inside the briefing",
    "base": "changes where every link in the page points",
    "form": "could send what a reader types to a website",
    "foreignObject": "puts web-page content inside a drawing",
    "handler": "runs code",
    "listener": "runs code",
}
#: Attributes that send something somewhere, whatever their value.
REFUSED_ATTRIBUTES = {
    "formaction": "could send what a reader types to a website",
    "action": "could send what a reader types to a website",
    "ping": "tells a website when a link is followed",
    "srcset": "loads pictures by a list the checker cannot vouch for - use src with an "
    "embedded (data:) picture",
    "imagesrcset": "loads pictures by a list the checker cannot vouch for",
    "srcdoc": "holds a whole other web page",
    f"{{{XML_NS}}}base": "changes where links in a drawing point",
}
#: Attributes holding an address that is loaded as the page opens.
LOADING = frozenset(
    {"src", "poster", "background", "lowsrc", "dynsrc", "data", "codebase", "archive",
     "classid", "icon", "manifest", "profile", "longdesc", "usemap"}
)  # fmt: skip
#: Attributes holding an address a reader may follow (or that is only named).
FOLLOWED = frozenset({"cite"})
_HREFS = frozenset({"href", f"{{{XLINK_NS}}}href"})
#: Elements whose `href` is a link to follow, not something to load.
LINK_ELEMENTS = frozenset({f"{{{HTML_NS}}}a", f"{{{HTML_NS}}}area", f"{{{SVG_NS}}}a"})
_ANIMATIONS = frozenset({"animate", "set", "animateMotion", "animateTransform", "animateColor"})


def check_html(html: str, *, require_csp: bool = True, local_files: bool = False) -> list[str]:
    """Everything in `html` that could run, load from elsewhere, or send anything.

    Each finding names the element and attribute with a short excerpt, and says what
    it would do; an empty list means the page may be written. With `require_csp` the
    page must carry `CSP_META` in its head before any style (use `with_csp`).

    `local_files=True` is for the HTML given to WeasyPrint: it may load files by a
    relative path (fonts, pictures in the templates), which `ProjectFetcher` confines
    to the template folders; no `..` and no absolute path even so. The web page
    (`local_files=False`) must hold everything it shows.
    """
    refused = prescan_findings(html)
    if refused:
        return refused
    return [f.text for f in _page_findings(_parse(html), require_csp, local_files)]


def check_pdf_html(html: str) -> list[str]:
    """`check_html(html, require_csp=False, local_files=True)` and `pdf_link_findings`,
    from one parse (parsing is most of the cost: about 30 ms for a 30 kB page)."""
    return [f.text for f in inspect_page(html, pdf=True)[0]]


def inspect_page(html: str, *, pdf: bool) -> tuple[list[Finding], str]:
    """What the checks above find in a page about to be written, and the text a reader
    sees in its body (for the last search for leftover markup), from one parse.

    `pdf=False` is the web page, as `check_html(html)`; `pdf=True` the HTML given to
    WeasyPrint, as `check_pdf_html(html)`.
    """
    refused = prescan_findings(html)
    if refused:
        return [Finding(text) for text in refused], ""
    root = _parse(html)
    findings = _page_findings(root, not pdf, pdf)
    if pdf:
        findings += _link_findings(_link_targets(root))
    body = root.find(f"{{{HTML_NS}}}body")
    return findings, "" if body is None else " ".join(body.itertext())


def _parse(html: str) -> Any:
    # scripting=False, as WeasyPrint parses: <noscript> content is then markup and
    # checked (a browser reads it as text, and <noscript> is refused anyway).
    return tinyhtml5.parse(html, scripting=False)


def _page_findings(root: Any, require_csp: bool, local_files: bool) -> list[Finding]:
    findings: list[Finding] = []
    for element in root.iter():
        if isinstance(element.tag, str):
            findings.extend(_element_findings(element, local_files))
    if require_csp:
        findings.extend(Finding(text) for text in _csp_findings(root))
    return findings


def pdf_link_targets(html: str) -> list[str]:
    """The addresses WeasyPrint turns into PDF link actions: every `<a href>`.

    WeasyPrint 70 makes links only from HTML `<a href>` (its `handle_a`); `<area>` and
    SVG `<a>` are listed too, in case a later version follows them. The page is parsed
    whatever its shape: `pdf_link_findings` looks at it with guard.prescan first.
    """
    return _link_targets(_parse(html))


def pdf_link_findings(html: str) -> list[str]:
    """Why any of `pdf_link_targets(html)` may not become a link in the PDF (or why the
    page may not be read at all: guard.prescan)."""
    return prescan_findings(html) or [f.text for f in _link_findings(_link_targets(_parse(html)))]


def _link_targets(root: Any) -> list[str]:
    targets = []
    for element in root.iter():
        if element.tag in LINK_ELEMENTS:
            for key in _HREFS:
                value = element.get(key)
                if value is not None:
                    targets.append(str(value))
    return targets


def _link_findings(targets: list[str]) -> list[Finding]:
    findings = []
    for href in targets:
        reason = pdf_link_refusal(href)
        if reason is not None:
            findings.append(Finding(f"<a href={shown(href)}>: {reason}", "a", "href"))
    return findings


def _element_findings(element: Any, local: bool) -> Iterator[Finding]:
    space, name = _split(element.tag)
    for text in _element_texts(element, space, name, local):
        yield Finding(text, name)
    if space == HTML_NS and name == "meta":
        yield from _meta_findings(element)
    for key, value in element.attrib.items():
        attribute = _attribute_name(str(key))
        for text in _attribute_findings(element, space, name, str(key), str(value), local):
            yield Finding(text, name, attribute)


def _element_texts(element: Any, space: str, name: str, local: bool) -> Iterator[str]:
    """What is refused in the element itself (not in its attributes)."""
    shown = f"<{name}>"
    if name in REFUSED_ELEMENTS and space in (HTML_NS, SVG_NS):
        yield f"{shown}: {REFUSED_ELEMENTS[name]} - remove it{_excerpt_of(element)}"
    if space == SVG_NS and name in _ANIMATIONS:
        target = str(element.get("attributeName", "")).strip().lower()
        if target in ("href", "xlink:href", "src", "style") or target.startswith("on"):
            yield f"{shown} changes {target}, which could make it run or load something - remove it"
    if space in (HTML_NS, SVG_NS) and name == "style":
        css = "".join(element.itertext())
        yield from check_css(css, f"<style>{_excerpt_of(element)}", local_files=local)


def _attribute_findings(
    element: Any, space: str, name: str, key: str, value: str, local_files: bool
) -> Iterator[str]:
    local = _split(key)[1]  # the attribute's name without its namespace
    where = f"<{name} {_attribute_name(key)}={shown(value)}>"
    if local.lower().startswith("on"):
        yield f"{where}: runs code when the page is opened or clicked - remove it"
    elif key in REFUSED_ATTRIBUTES:
        yield f"{where}: {REFUSED_ATTRIBUTES[key]} - remove it"
    elif (key in _HREFS and element.tag in LINK_ELEMENTS) or key in FOLLOWED:
        reason = link_refusal(value)
        if reason:
            yield f"{where}: {reason}"
    elif key in _HREFS or key in LOADING:
        reason = load_refusal(value, local_files=local_files)
        if reason:
            yield f"{where}: {reason}"
    elif key == "style":
        declarations = tinycss2.parse_declaration_list(
            value, skip_comments=True, skip_whitespace=True
        )
        yield from css_findings(declarations, f"the style of <{name}>", local_files)
    elif space == SVG_NS and "(" in value:
        # SVG attributes such as fill= are CSS: fill="url(https://...)" loads.
        tokens = tinycss2.parse_component_value_list(value, skip_comments=True)
        yield from css_findings(tokens, where, local_files)


def _meta_findings(element: Any) -> Iterator[Finding]:
    equiv = str(element.get("http-equiv", "")).strip().lower()
    content = str(element.get("content", ""))
    if equiv == "refresh":
        yield Finding(
            f"<meta http-equiv=refresh content={shown(content)}>: sends the reader to "
            "another page - remove it",
            "meta",
            "http-equiv",
        )
    elif equiv == "set-cookie":
        yield Finding(
            "<meta http-equiv=set-cookie>: sets a cookie - remove it", "meta", "http-equiv"
        )
    charset = element.get("charset")
    if equiv == "content-type":
        found = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content, re.IGNORECASE)
        charset = found.group(1) if found else None
    if charset is not None and str(charset).strip().lower() not in ("utf-8", "utf8"):
        # A page read in another encoding (ISO-2022-JP, say) is not the page checked.
        said = f"<meta charset={shown(str(charset))}>: the page must say utf-8 - change it"
        yield Finding(said, "meta", "http-equiv" if equiv == "content-type" else "charset")


def _csp_findings(root: Any) -> Iterator[str]:
    head = root.find(f"{{{HTML_NS}}}head")
    missing = "the web page lacks its security policy (CSP_META) at the top of <head>"
    if head is None:
        yield missing
        return
    for element in head:
        if not isinstance(element.tag, str):
            continue
        name = _split(element.tag)[1]
        equiv = str(element.get("http-equiv", "")).strip().lower()
        if equiv == "content-security-policy":
            if " ".join(str(element.get("content", "")).split()) != CSP_POLICY:
                yield "the web page's security policy is not parlbrief's - remove the other one"
            return
        if name not in ("meta", "title") or equiv:
            yield f"{missing}: it must come before <{name}>"
            return
    yield missing


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        space, _, local = tag[1:].partition("}")
        return space, local
    return "", tag


def _attribute_name(key: str) -> str:
    space, local = _split(key)
    return {XLINK_NS: "xlink:", XML_NS: "xml:"}.get(space, "") + local


def _excerpt_of(element: Any) -> str:
    text = " ".join("".join(element.itertext()).split())
    return f" ({shown(text)})" if text else ""
