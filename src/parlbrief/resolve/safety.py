"""What prose may link to and show: the link and image policy for Markdown.

Fragments are written by many people and briefings go to MPs' offices, so nothing in
prose may run script, load a web resource or pull a local file into a briefing:

- Links may go to `https://`, `http://`, `mailto:` and `tel:` addresses and to `#anchors`
  in the page. Any other link (`javascript:`, `file:`, `data:`, a bare `www.` address or
  a relative path) is neutralised by the parser (kept as plain text) and reported.
- Images come only from the project's `sources/assets/` folder, written relative to it
  (`![Caseloads by region](caseloads.png)`). They are embedded as `data:` URIs, so the
  HTML is self-contained and the PDF renderer never opens a path from prose. Remote
  images, absolute paths and `..` escapes are neutralised and reported.

The parser half (`neutralise`, a markdown-it core rule) needs no context and runs on
every parse; the resolve half (`police_prose`) knows the project and the line, reports
what the parser neutralised and embeds the images that are allowed.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from parlbrief.errors import Origin, Problems
from parlbrief.pictures import MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, for_page, read_picture
from parlbrief.quoting import shown

ASSETS = "sources/assets"

_REFUSED = "refused"
"""Token.meta key: the sentence explaining what the parser neutralised, and why."""
_NEEDLE = "needle"
"""Token.meta key: text to look for in the source to find the line of a refused item."""


def link_refusal(href: str) -> str | None:
    """Why a link to `href` may not appear in a briefing, or None when it may."""
    href = href.strip()
    if href.startswith("#"):
        return None
    shown = _shown(href)
    try:
        parts = urlsplit(href)
    except ValueError:
        return (
            f"the link {shown} is not a valid address - write the full address, starting https://"
        )
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if parts.hostname:
            return None
        return f"the link {shown} has no site name - write the full address, starting https://"
    if scheme in ("mailto", "tel"):
        if parts.path:
            return None
        return f"the link {shown} has no address after '{scheme}:' - write the whole address"
    if not scheme:
        return (
            f"the link {shown} is not a full web address - write it starting https:// "
            "(links to files on your computer do not work in a briefing)"
        )
    return (
        f"links to '{scheme}:' addresses are not allowed ({shown}) - link only to "
        "https://, http://, mailto: or tel: addresses"
    )


def image_refusal(src: str) -> str | None:
    """Why `src` can never name an image in sources/assets/, or None when it might."""
    shown = _shown(src)
    hint = f"put the image in {ASSETS}/ and write its name, such as ![Caseloads](caseloads.png)"
    if not src.strip():
        return f"an image needs a file name - {hint}"
    try:
        parts = urlsplit(src)
    except ValueError:
        return f"the image {shown} is not a file name - {hint}"
    if parts.scheme or parts.netloc:
        return (
            f"the image {shown} is not in the project, and images may not be loaded "
            f"from elsewhere - {hint}"
        )
    path = unquote(parts.path)
    if "\\" in path or path.startswith("/") or ".." in PurePosixPath(path).parts:
        return f"the image {shown} is outside {ASSETS}/ - {hint}"
    return None


def neutralise(state: StateCore) -> None:
    """markdown-it core rule: turn refused links and images into plain text, noting why.

    Runs on every parse, so a briefing can never contain a live refused link or image
    even where `police_prose` is not called; `police_prose` reports what this did.
    """
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for token in block.children:
            if token.type in ("link_open", "link_close"):
                _neutralise_link(token)
            elif token.type == "image":
                reason = image_refusal(str(token.attrGet("src") or ""))
                if reason is not None:
                    _to_text(token, token.content, reason, str(token.attrGet("src") or ""))
        _close_refused_links(block.children)


def _neutralise_link(token: Token) -> None:
    if token.type != "link_open":
        return
    href = str(token.attrGet("href") or "")
    reason = link_refusal(href)
    if reason is not None:
        _to_text(token, "", reason, href)


def _close_refused_links(children: list[Token]) -> None:
    """Each refused `link_open` loses its `link_close` too (links do not nest)."""
    open_refused = False
    for token in children:
        if token.type == "text" and token.meta.get(_REFUSED) and token.markup == "link":
            open_refused = True
        elif token.type == "link_close" and open_refused:
            token.type, token.tag, token.nesting, token.content = "text", "", 0, ""
            open_refused = False


def _to_text(token: Token, content: str, reason: str, needle: str) -> None:
    markup = "link" if token.type == "link_open" else "image"
    token.type, token.tag, token.nesting = "text", "", 0
    token.attrs, token.children, token.content, token.markup = {}, None, content, markup
    token.meta = {_REFUSED: reason, _NEEDLE: needle}


def police_prose(
    tokens: list[Token],
    origin: Origin,
    first_line: int | None,
    assets: Path | None,
    problems: Problems,
) -> None:
    """Report every refused link and image, and embed each allowed image as `data:`.

    `first_line` is the line of the file where `tokens`' text starts (None when the
    text is a YAML value, whose own line is `origin`).
    """
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        for token in block.children:
            reason = token.meta.get(_REFUSED) if token.meta else None
            if reason:
                problems.error(_where(block, origin, first_line, token.meta[_NEEDLE]), reason)
            elif token.type == "image":
                src = str(token.attrGet("src") or "")
                where = _where(block, origin, first_line, src)
                _embed(token, src, where, assets, problems)


def _embed(token: Token, src: str, where: Origin, assets: Path | None, problems: Problems) -> None:
    """Replace `src` by the checked picture as a data: URI, or report why it cannot be."""
    shown = _shown(src)
    picture = None
    if assets is None:
        problems.error(where, f"the image {shown} cannot be used here - images go in prose only")
    else:
        root = assets.resolve()
        path = (root / unquote(urlsplit(src).path)).resolve()
        if not path.is_relative_to(root):
            problems.error(where, f"the image {shown} is outside {ASSETS}/ - move it there")
        elif not path.is_file():
            problems.error(
                where, f"there is no image {shown} in {ASSETS}/ - add it or fix the name"
            )
        else:
            picture, reasons = read_picture(path, MAX_IMAGE_BYTES)
            for reason in reasons:
                problems.error(where, f"the image {shown} {reason}")
    if picture is None:
        _to_text(token, token.content, "", src)
        token.meta = {}
        return
    token.attrSet("src", for_page(picture, MAX_IMAGE_SIDE).data_uri())


def _where(block: Token, origin: Origin, first_line: int | None, needle: str) -> Origin:
    """The line of `needle` in the block (the block's first line if not found)."""
    if first_line is None or not block.map:
        return origin
    line = first_line + block.map[0]
    candidates = [needle, unquote(needle)] if needle else []
    for offset, text in enumerate(block.content.split("\n")):
        if any(c and c in text for c in candidates):
            return Origin(origin.path, line + offset)
    return Origin(origin.path, line)


def _shown(value: str) -> str:
    """A link or picture address quoted for a message, its %-escapes decoded."""
    return shown(unquote(value))
