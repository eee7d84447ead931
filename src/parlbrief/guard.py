"""The last look at a briefing's HTML before it is written: nothing runs, nothing loads.

Templates, CSS and brands come from shared projects, so the HTML they produce is
untrusted too. This module parses the final HTML the way a browser does (tinyhtml5,
the WHATWG parser WeasyPrint uses) and its CSS the way a browser does (tinycss2), so
entities (`jav&#x61;script:`), unquoted attributes, CSS escapes and odd case cannot
hide anything from it.

- `CSP_META`, put first in `<head>` by `with_csp(html)`: even if something slipped
  through, a browser opening the web page runs no script and loads nothing from the
  web (OWASP Content Security Policy Cheat Sheet; a `<meta>` policy covers all but
  frame-ancestors, report-uri and sandbox, none of which a file needs).
- `check_html(html)`: plain-English findings, one per problem; an empty list means the
  page may be written.
- `pdf_link_findings(html)`: the links WeasyPrint would turn into PDF link actions
  (`<a href>`), refusing all but web, e-mail and telephone addresses and `#anchors`.
- `check_pdf_html(html)`: both checks for the HTML given to WeasyPrint, in one parse.
- `check_css(css, where)`: the CSS rules on their own, for a stylesheet before it is
  pasted into a page.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import tinycss2
import tinyhtml5

from parlbrief.css import css_tokens
from parlbrief.quoting import shown

HTML_NS = "http://www.w3.org/1999/xhtml"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: A self-contained page: inline `<style>` and `style=""`, pictures and fonts embedded
#: as `data:`, no script, no frames, no plug-ins, no connections, no `<base>` to
#: redirect relative links, no form that could send what a reader types.
CSP_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP_POLICY}">'

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

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Links in a PDF: the same as the web page's (tel: too, as prose may use it), but no
#: relative address, which WeasyPrint would turn into a link to a file on disk.
PDF_LINK_SCHEMES = LINK_SCHEMES
EMBEDDED_PICTURE = re.compile(r"data:image/(png|jpeg|gif|webp|svg\+xml)[;,]", re.IGNORECASE)
#: CSS functions whose string arguments are addresses to load.
CSS_URL_FUNCTIONS = frozenset(
    {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade"}
)
#: Old browsers' ways to run code from CSS (IE's expression() and HTC, Firefox's XBL).
CSS_RUNS = frozenset({"expression", "behavior", "-moz-binding"})

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def with_csp(html: str) -> str:
    """`html` with `CSP_META` inserted at the top of `<head>` (see `check_html`).

    After `<meta charset>` when it comes first (it must stay in the first 1024 bytes),
    else after `<head>`, else after the doctype: HTML's parser puts a `<meta>` found
    before `<head>` into the head it creates, so the policy still comes first.
    """
    for pattern in (
        r"<meta\s+charset\s*=\s*[\"']?utf-8[\"']?\s*/?>",
        r"<head(\s[^>]*)?>",
        r"<!doctype[^>]*>",
    ):
        match = re.search(pattern, html[:4096], re.IGNORECASE)
        if match:
            return html[: match.end()] + "\n" + CSP_META + html[match.end() :]
    return CSP_META + "\n" + html


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
    return _page_findings(_parse(html), require_csp, local_files)


def check_pdf_html(html: str) -> list[str]:
    """`check_html(html, require_csp=False, local_files=True)` and `pdf_link_findings`,
    from one parse (parsing is most of the cost: about 30 ms for a 30 kB page)."""
    root = _parse(html)
    return _page_findings(root, False, True) + _link_findings(_link_targets(root))


def inspect_page(html: str, *, pdf: bool) -> tuple[list[str], str]:
    """What the checks above find in a page about to be written, and the text a reader
    sees in its body (for the last search for leftover markup), from one parse.

    `pdf=False` is the web page, as `check_html(html)`; `pdf=True` the HTML given to
    WeasyPrint, as `check_pdf_html(html)`.
    """
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


def _page_findings(root: Any, require_csp: bool, local_files: bool) -> list[str]:
    findings: list[str] = []
    for element in root.iter():
        if isinstance(element.tag, str):
            findings.extend(_element_findings(element, local_files))
    if require_csp:
        findings.extend(_csp_findings(root))
    return findings


def pdf_link_targets(html: str) -> list[str]:
    """The addresses WeasyPrint turns into PDF link actions: every `<a href>`.

    WeasyPrint 70 makes links only from HTML `<a href>` (its `handle_a`); `<area>` and
    SVG `<a>` are listed too, in case a later version follows them.
    """
    return _link_targets(_parse(html))


def pdf_link_findings(html: str) -> list[str]:
    """Why any of `pdf_link_targets(html)` may not become a link in the PDF."""
    return _link_findings(_link_targets(_parse(html)))


def _link_targets(root: Any) -> list[str]:
    targets = []
    for element in root.iter():
        if element.tag in LINK_ELEMENTS:
            for key in _HREFS:
                value = element.get(key)
                if value is not None:
                    targets.append(str(value))
    return targets


def _link_findings(targets: list[str]) -> list[str]:
    findings = []
    for href in targets:
        reason = pdf_link_refusal(href)
        if reason is not None:
            findings.append(f"<a href={shown(href)}>: {reason}")
    return findings


def pdf_link_refusal(href: str) -> str | None:
    """Why `href` may not be a link in a PDF (web, e-mail, phone, #anchor only)."""
    url = _normalised(href)
    if url is None:
        return "the address has hidden control characters - type it again"
    if url.startswith("#") and len(url) > 1:
        return None
    scheme, rest = _scheme(url)
    if scheme in ("http", "https") and _has_host(rest):
        return None
    if scheme in ("mailto", "tel") and rest.strip():
        return None
    if scheme in PDF_LINK_SCHEMES:
        return f"the '{scheme}:' address is incomplete - write the full address"
    if scheme:
        return (
            f"a PDF may not link to '{scheme}:' addresses - link only to https://, mailto: or tel:"
        )
    return (
        "a PDF link must be a full web address starting https:// (or an #anchor in the "
        "briefing); this one would open a file on the reader's computer"
    )


def check_css(css: str, where: str, *, local_files: bool = False) -> list[str]:
    """Findings for a style sheet (`where` names it: "<style>", "style= on <p>")."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return list(_css_findings(rules, where, local_files))


def _element_findings(element: Any, local: bool) -> Iterator[str]:
    space, name = _split(element.tag)
    shown = f"<{name}>"
    if name in REFUSED_ELEMENTS and space in (HTML_NS, SVG_NS):
        yield f"{shown}: {REFUSED_ELEMENTS[name]} - remove it{_excerpt_of(element)}"
    if space == SVG_NS and name in _ANIMATIONS:
        target = str(element.get("attributeName", "")).strip().lower()
        if target in ("href", "xlink:href", "src", "style") or target.startswith("on"):
            yield f"{shown} changes {target}, which could make it run or load something - remove it"
    if space == HTML_NS and name == "meta":
        yield from _meta_findings(element)
    if space in (HTML_NS, SVG_NS) and name == "style":
        css = "".join(element.itertext())
        yield from check_css(css, f"<style>{_excerpt_of(element)}", local_files=local)
    for key, value in element.attrib.items():
        yield from _attribute_findings(element, space, name, str(key), str(value), local)


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
        yield from _css_findings(declarations, f"the style of <{name}>", local_files)
    elif space == SVG_NS and "(" in value:
        # SVG attributes such as fill= are CSS: fill="url(https://...)" loads.
        tokens = tinycss2.parse_component_value_list(value, skip_comments=True)
        yield from _css_findings(tokens, where, local_files)


def link_refusal(href: str) -> str | None:
    """Why a reader may not be sent to `href` from the web page, or None."""
    url = _normalised(href)
    if url is None:
        return "the address has hidden control characters - type it again"
    if url.startswith("#"):
        return None
    scheme, rest = _scheme(url)
    if scheme in ("http", "https"):
        return None if _has_host(rest) else "the web address has no site name - write it in full"
    if scheme in ("mailto", "tel"):
        return None
    if scheme:
        return (
            f"links to '{scheme}:' addresses are not allowed (they can run code or open "
            "files) - link only to https://, http://, mailto: or tel: addresses"
        )
    if url.startswith("//"):
        return "the address has no https: at its start - write the full web address"
    return _climbs(url)


def load_refusal(src: str, *, local_files: bool = False) -> str | None:
    """Why the page may not load `src` as it opens, or None (embedded or #part).

    `local_files`: a relative path inside the folder is allowed (see `check_html`).
    """
    url = _normalised(src)
    if url is None:
        return "the address has hidden control characters - remove it"
    if url.startswith("#") or EMBEDDED_PICTURE.match(url):
        return None
    scheme = _scheme(url)[0]
    if scheme in ("http", "https") or url.startswith("//"):
        return (
            "loads from the web - a briefing must be self-contained: embed the picture "
            "(data:) or remove it"
        )
    if scheme == "data":
        return "embeds something that is not a picture (PNG, JPEG, GIF, WebP, SVG) - remove it"
    if scheme:
        return f"'{scheme}:' addresses are not allowed here - remove it"
    climbs = _climbs(url)
    if climbs or local_files:
        return climbs
    return "loads a file next to the page, which readers will not have - embed it (data:)"


def _css_findings(nodes: Iterable[Any], where: str, local: bool) -> Iterator[str]:
    for node in nodes:
        if node.type == "at-rule":
            keyword = node.lower_at_keyword
            if keyword == "import":
                yield f"{where}: @import loads another style sheet - paste its rules instead"
                continue
            if keyword == "namespace":
                continue  # a namespace name is never loaded
            yield from _token_findings(node.prelude, where, local)
            if node.content is not None:
                yield from _token_findings(node.content, where, local)
        elif node.type == "qualified-rule":
            yield from _token_findings(node.prelude, where, local)
            yield from _token_findings(node.content, where, local)
        elif node.type == "declaration":
            if node.lower_name in CSS_RUNS:
                yield f"{where}: the CSS property {node.name} runs code - remove it"
            yield from _token_findings(node.value, where, local)
        else:
            yield from _token_findings([node], where, local)


def _token_findings(tokens: Iterable[Any], where: str, local: bool) -> Iterator[str]:
    for token in css_tokens(tokens):
        if token.type == "url":
            yield from _css_url(token.value, where, local)
        elif token.type == "function":
            if token.lower_name in CSS_RUNS:
                yield f"{where}: {token.name}() runs code in old browsers - remove it"
            elif token.lower_name in CSS_URL_FUNCTIONS:
                for argument in token.arguments:
                    if argument.type == "string":
                        yield from _css_url(argument.value, where, local)
        elif token.type == "ident" and token.lower_value in CSS_RUNS:
            yield f"{where}: the CSS property {token.value} runs code - remove it"
        elif token.type == "at-keyword" and token.lower_value == "import":
            yield f"{where}: @import loads another style sheet - paste its rules instead"


def _css_url(value: str, where: str, local: bool) -> Iterator[str]:
    url = _normalised(value)
    if url is None:
        yield f"{where}: url({shown(value)}) has hidden control characters - remove it"
        return
    if url.startswith("#") or url.lower().startswith("data:"):
        return
    if _scheme(url)[0] in ("http", "https") or url.startswith("//"):
        yield (
            f"{where}: url({shown(url)}) loads from the web - a briefing must be "
            "self-contained: embed it (data:) or remove it"
        )
    elif (climbs := _climbs(url)) is not None:
        yield f"{where}: url({shown(url)}): {climbs}"
    elif _scheme(url)[0] or not local:
        yield (
            f"{where}: url({shown(url)}) loads a file the reader will not have - embed "
            "it (data:) or remove it"
        )


def _meta_findings(element: Any) -> Iterator[str]:
    equiv = str(element.get("http-equiv", "")).strip().lower()
    content = str(element.get("content", ""))
    if equiv == "refresh":
        yield (
            f"<meta http-equiv=refresh content={shown(content)}>: sends the reader to "
            "another page - remove it"
        )
    elif equiv == "set-cookie":
        yield "<meta http-equiv=set-cookie>: sets a cookie - remove it"
    charset = element.get("charset")
    if equiv == "content-type":
        found = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content, re.IGNORECASE)
        charset = found.group(1) if found else None
    if charset is not None and str(charset).strip().lower() not in ("utf-8", "utf8"):
        # A page read in another encoding (ISO-2022-JP, say) is not the page checked.
        yield f"<meta charset={shown(str(charset))}>: the page must say utf-8 - change it"


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


def _normalised(url: str) -> str | None:
    """`url` as a browser reads it: edges trimmed, tabs and newlines dropped, `\\` as `/`.

    None when it holds other control characters (browsers differ on those).
    """
    url = url.strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    )
    url = re.sub(r"[\t\n\r]", "", url)
    if _CONTROL.search(url):
        return None
    return url.replace("\\", "/")


def _scheme(url: str) -> tuple[str, str]:
    match = _SCHEME.match(url)
    if match is None:
        return "", url
    return match.group(1).lower(), url[match.end() :]


def _has_host(rest: str) -> bool:
    return rest.startswith("//") and bool(re.match(r"//[^/?#@\s]*[^/?#@\s:]", rest))


def _climbs(url: str) -> str | None:
    """Why a relative address may not be used: it climbs out of the folder."""
    path = re.split(r"[?#]", url, maxsplit=1)[0]
    decoded = re.sub(r"%2e", ".", path, flags=re.IGNORECASE)
    if path.startswith("/") or ".." in decoded.split("/"):
        return "the address points outside the briefing's folder - use a full web address"
    return None


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


#: A refused element or attribute as a finding names it: "<script>", "<p onclick=...".
_REFUSED_TAG = re.compile(r"<([a-zA-Z][\w:-]*)(?:\s+([\w:-]+)=)?")
#: Files larger than this are not searched for where a finding was written.
_SEARCHED_BYTES = 1_000_000


def where_written(finding: str, files: Iterable[Path]) -> tuple[Path, int] | None:
    """The first of `files` (and its line) where the element or attribute a finding
    names is written, such as the template line behind a refused `<iframe>`; None if
    the finding names none or no file has it. Links and very large files are skipped."""
    match = _REFUSED_TAG.search(finding)
    if match is None:
        return None
    tag, attribute = match.group(1).lower(), (match.group(2) or "").lower()
    needle = re.compile(
        rf"<{re.escape(tag)}\b[^>]*\b{re.escape(attribute)}\s*="
        if attribute
        else rf"<{re.escape(tag)}\b",
        re.IGNORECASE,
    )
    for path in files:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _SEARCHED_BYTES:
            continue
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
                if needle.search(line):
                    return path, number
    return None
