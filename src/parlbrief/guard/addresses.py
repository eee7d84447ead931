"""Which addresses a briefing's page may hold: links a reader may follow, things the page
loads as it opens, and the links a PDF may carry. Each rule reads an address as a
browser does (edges trimmed, tabs and newlines dropped, `\\` as `/`)."""

from __future__ import annotations

import re

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Links in a PDF: the same as the web page's (tel: too, as prose may use it), but no
#: relative address, which WeasyPrint would turn into a link to a file on disk.
PDF_LINK_SCHEMES = LINK_SCHEMES
EMBEDDED_PICTURE = re.compile(r"data:image/(png|jpeg|gif|webp|svg\+xml)[;,]", re.IGNORECASE)

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def link_refusal(href: str) -> str | None:
    """Why a reader may not be sent to `href` from the web page, or None."""
    url = normalised(href)
    if url is None:
        return "the address has hidden control characters - type it again"
    if url.startswith("#"):
        return None
    scheme, rest = scheme_of(url)
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
    return climbs_out(url)


def pdf_link_refusal(href: str) -> str | None:
    """Why `href` may not be a link in a PDF (web, e-mail, phone, #anchor only)."""
    url = normalised(href)
    if url is None:
        return "the address has hidden control characters - type it again"
    if url.startswith("#") and len(url) > 1:
        return None
    scheme, rest = scheme_of(url)
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


def load_refusal(src: str, *, local_files: bool = False) -> str | None:
    """Why the page may not load `src` as it opens, or None (embedded or #part).

    `local_files`: a relative path inside the folder is allowed (see `check_html`).
    """
    url = normalised(src)
    if url is None:
        return "the address has hidden control characters - remove it"
    if url.startswith("#") or EMBEDDED_PICTURE.match(url):
        return None
    scheme = scheme_of(url)[0]
    if scheme in ("http", "https") or url.startswith("//"):
        return (
            "loads from the web - a briefing must be self-contained: embed the picture "
            "(data:) or remove it"
        )
    if scheme == "data":
        return "embeds something that is not a picture (PNG, JPEG, GIF, WebP, SVG) - remove it"
    if scheme:
        return f"'{scheme}:' addresses are not allowed here - remove it"
    climbs = climbs_out(url)
    if climbs or local_files:
        return climbs
    return "loads a file next to the page, which readers will not have - embed it (data:)"


def normalised(url: str) -> str | None:
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


def scheme_of(url: str) -> tuple[str, str]:
    match = _SCHEME.match(url)
    if match is None:
        return "", url
    return match.group(1).lower(), url[match.end() :]


def _has_host(rest: str) -> bool:
    return rest.startswith("//") and bool(re.match(r"//[^/?#@\s]*[^/?#@\s:]", rest))


def climbs_out(url: str) -> str | None:
    """Why a relative address may not be used: it climbs out of the folder."""
    path = re.split(r"[?#]", url, maxsplit=1)[0]
    decoded = re.sub(r"%2e", ".", path, flags=re.IGNORECASE)
    if path.startswith("/") or ".." in decoded.split("/"):
        return "the address points outside the briefing's folder - use a full web address"
    return None
