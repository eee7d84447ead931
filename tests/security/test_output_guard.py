"""The last guard before a briefing is written: nothing in its HTML runs or loads.

Every refused element, attribute, address and CSS construct is one case, with its
upper-case, entity-encoded and unquoted variants, and every allowed one is a case
too, so a rule removed or loosened in parlbrief.guard fails a test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parlbrief.errors import NOWHERE, Origin, RenderError
from parlbrief.guard import (
    CSP_META,
    CSP_POLICY,
    check_css,
    check_html,
    pdf_link_findings,
    pdf_link_targets,
    with_csp,
)

GOLDEN = Path(__file__).resolve().parents[1] / "render" / "golden" / "briefing-5.html"
HEAD = f'<!DOCTYPE html><html><head><meta charset="utf-8">{CSP_META}<title>t</title></head>'


def page(body: str, head: str = "") -> str:
    return HEAD.replace("</head>", head + "</head>") + f"<body>{body}</body></html>"


def findings(body: str, head: str = "") -> list[str]:
    return check_html(page(body, head))


REFUSED = [
    # (body, a fragment of the one finding expected)
    ("<script>alert(1)</script>", "<script>: runs code"),
    ("<SCRIPT>alert(1)</SCRIPT>", "<script>: runs code"),
    ("<script src=https://evil.example/x.js></script>", "<script>: runs code"),
    ("<svg><script>alert(1)</script></svg>", "<script>: runs code"),
    ("<iframe src=x></iframe>", "<iframe>: shows another web page"),
    ("<IFRAME srcdoc='&lt;script&gt;'></IFRAME>", "<iframe>: shows another web page"),
    ("<object>x</object>", "<object>: embeds"),
    ("<embed>", "<embed>: embeds"),
    ("<applet>x</applet>", "<applet>: runs a Java plug-in"),
    ("<form><p>x</p></form>", "<form>: could send"),
    ("<noscript><p title='</noscript><img src=x onerror=alert(1)>'></p></noscript>",
     "<noscript>: only matters"),
    ("<svg><foreignObject><p>x</p></foreignObject></svg>", "<foreignObject>: puts"),
    ("<p onclick=alert(1)>x</p>", "<p onclick='alert(1)'>: runs code"),
    ("<p ONCLICK=alert(1)>x</p>", "<p onclick='alert(1)'>: runs code"),
    ("<img/src/onerror=alert(1)>", "<img onerror='alert(1)'>: runs code"),
    ("<svg><rect onload=alert(1) /></svg>", "<rect onload='alert(1)'>: runs code"),
    ("<svg onload=alert(1)></svg>", "<svg onload='alert(1)'>: runs code"),
    ("<button formaction=https://evil.example>b</button>", "formaction='https://evil.exa"),
    ("<a href=#x ping=https://evil.example>x</a>", "<a ping='https://evil.example'>"),
    ("<img srcset='https://evil.example/x.png 1x'>", "<img srcset="),
    ("<svg xml:base='https://evil.example/'></svg>", "xml:base='https://evil.example/'"),
    ("<a href='javascript:alert(1)'>x</a>", "links to 'javascript:' addresses are not allowed"),
    ("<a href='JAVASCRIPT:alert(1)'>x</a>", "links to 'javascript:'"),
    ("<a href='jav&#x61;script:alert(1)'>x</a>", "links to 'javascript:'"),
    ("<a href='&#106;avascript&#58;alert(1)'>x</a>", "links to 'javascript:'"),
    ("<a href=javascript&#58;alert(1)>x</a>", "links to 'javascript:'"),
    ("<a href=javascript&colon;alert(1)>x</a>", "links to 'javascript:'"),
    ("<a href=' java&#9;script:alert(1)'>x</a>", "links to 'javascript:'"),
    ("<a href='java\nscript:alert(1)'>x</a>", "links to 'javascript:'"),
    ("<a href='\x01javascript:alert(1)'>x</a>", "links to 'javascript:'"),
    ("<a href='java\x0bscript:alert(1)'>x</a>", "hidden control characters"),
    ("<a href='vbscript:msgbox(1)'>x</a>", "links to 'vbscript:'"),
    ("<a href='data:text/html,<script>alert(1)</script>'>x</a>", "links to 'data:'"),
    ("<a href='file:///etc/passwd'>x</a>", "links to 'file:'"),
    ("<a href='//evil.example/'>x</a>", "has no https: at its start"),
    ("<a href='\\\\evil.example/'>x</a>", "has no https: at its start"),
    ("<a href='https:evil.example'>x</a>", "has no site name"),
    ("<a href='../../etc/passwd'>x</a>", "points outside the briefing's folder"),
    ("<a href='%2e%2e/secret.html'>x</a>", "points outside the briefing's folder"),
    ("<a href='/etc/passwd'>x</a>", "points outside the briefing's folder"),
    ("<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>", "links to 'javascript:'"),
    ("<svg><a href='javascript:alert(1)'><text>x</text></a></svg>", "links to 'javascript:'"),
    ("<img src='https://evil.example/pixel.png'>", "loads from the web"),
    ("<img src='HTTPS://evil.example/pixel.png'>", "loads from the web"),
    ("<img src='//evil.example/pixel.png'>", "loads from the web"),
    ("<img src=pixel.png>", "loads a file next to the page"),
    ("<img src='../pixel.png'>", "points outside the briefing's folder"),
    ("<img src='data:text/html;base64,PHNjcmlwdD4='>", "embeds something that is not a picture"),
    ("<img src='file:///etc/passwd'>", "'file:' addresses are not allowed"),
    ("<video poster='https://evil.example/p.png'></video>", "<video poster="),
    ("<table background='https://evil.example/p.png'></table>", "loads from the web"),
    ("<svg><image href='https://evil.example/p.png'/></svg>", "<image href="),
    ("<svg><use xlink:href='https://evil.example/s.svg#a'/></svg>", "<use xlink:href="),
    ("<svg><animate attributeName=href to='javascript:alert(1)'/></svg>", "<animate> changes href"),
    ("<svg><set attributeName=xlink:href to='javascript:1'/></svg>", "<set> changes xlink:href"),
    ("<svg><set attributeName=onclick to='alert(1)'/></svg>", "<set> changes onclick"),
    ("<svg><rect fill='url(https://evil.example/p)'/></svg>", "<rect fill="),
    ("<svg><rect fill='u\\72l(https://evil.example/p)'/></svg>", "loads from the web"),
    ("<p style='background:url(https://evil.example/p.png)'>x</p>", "the style of <p>: url("),
    ("<p style='background:URL(\"https://evil.example/p.png\")'>x</p>", "loads from the web"),
    ("<p style='background:u\\72l(https://evil.example/p.png)'>x</p>", "loads from the web"),
    ("<p style='background:image-set(\"https://evil.example/p.png\" 1x)'>x</p>", "loads from"),
    ("<p style='width:expression(alert(1))'>x</p>", "expression() runs code"),
    ("<p style='behavior:url(x.htc)'>x</p>", "the CSS property behavior runs code"),
    ("<p style='-moz-binding:url(data:x)'>x</p>", "the CSS property -moz-binding runs code"),
    ("<style>@import 'https://evil.example/x.css';</style>", "@import loads another"),
    ("<style>@IMPORT url(x.css);</style>", "@import loads another"),
    ("<style>@\\69mport 'x.css';</style>", "@import loads another"),
    ("<style>p{background:url(https://evil.example/p.png)}</style>", "loads from the web"),
    ("<style>@media print{p{background:url(//evil.example/p)}}</style>", "loads from the web"),
    ("<style>@font-face{font-family:x;src:url(https://evil.example/f.woff2)}</style>",
     "url('https://evil.example/f.woff2') loads from the web"),
    ("<style>@font-face{font-family:x;src:url(fonts/f.woff2)}</style>", "loads a file"),
    ("<svg><style>rect{fill:url(https://evil.example/p)}</style></svg>", "loads from the web"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), REFUSED)
def test_refused(body: str, expected: str) -> None:
    found = findings(body)
    assert len(found) >= 1 and any(expected in f for f in found), found
    assert all(" - " in f for f in found), found


HEAD_REFUSED = [
    ("<base href='https://evil.example/'>", "<base>: changes where every link"),
    ("<meta http-equiv=refresh content='0;url=https://evil.example'>", "sends the reader"),
    ("<meta http-equiv=REFRESH content='0'>", "sends the reader"),
    ("<meta http-equiv=set-cookie content='a=b'>", "sets a cookie"),
    ("<meta http-equiv=content-type content='text/html; charset=iso-2022-jp'>", "utf-8"),
    ("<link rel=stylesheet href='https://evil.example/x.css'>", "<link href="),
    ("<link rel=dns-prefetch href='//evil.example'>", "loads from the web"),
    ("<link rel=icon href='favicon.ico'>", "loads a file next to the page"),
]


@pytest.mark.parametrize(("head", "expected"), HEAD_REFUSED)
def test_refused_in_head(head: str, expected: str) -> None:
    found = findings("<p>x</p>", head)
    assert any(expected in f for f in found), found


def test_other_charset_is_refused() -> None:
    html = page("<p>x</p>").replace('charset="utf-8"', 'charset="iso-2022-jp"')
    assert any("must say utf-8" in f for f in check_html(html))


ALLOWED = [
    "<a href='https://www.parliament.uk/'>x</a>",
    "<a href='http://example.org/a?b=c#d'>x</a>",
    "<a href='mailto:press@napo.org.uk'>x</a>",
    "<a href='tel:+442072231234'>x</a>",
    "<a href='#note-1'>x</a>",
    "<a href='#'>x</a>",
    "<a href='other-briefing.html'>x</a>",
    "<p cite='https://example.org/'>x</p>",
    "<img src='data:image/png;base64,iVBORw0KGgo=' alt=''>",
    "<img src='data:image/jpeg;base64,/9j/' alt=''>",
    "<img src='data:image/gif;base64,R0lG' alt=''>",
    "<img src='data:image/webp;base64,UklG' alt=''>",
    "<img src='data:image/svg+xml;base64,PHN2Zy8+' alt=''>",
    "<svg><defs><linearGradient id=g /></defs><rect fill='url(#g)' style='stroke:url(#g)'/>"
    "<use href='#g'/><use xlink:href='#g'/><title>Napo</title></svg>",
    "<p style='color:red;background:url(data:image/png;base64,AAAA)'>x</p>",
    "<style>@font-face{font-family:x;src:url(data:font/woff2;base64,AAAA)}"
    "@namespace svg url(http://www.w3.org/2000/svg); p{color:red}</style>",
    "<p title='javascript:alert(1) is text here, not a link'>onclick=alert(1)</p>",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    "<svg><text>url(https://evil.example/) as words</text></svg>",
]


@pytest.mark.parametrize("body", ALLOWED)
def test_allowed(body: str) -> None:
    assert findings(body) == []


# ------------------------------------------------------------------------- the policy


def test_csp_is_the_agreed_policy() -> None:
    assert CSP_META == (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; "
        "form-action 'none'\">"
    )
    assert "script-src" not in CSP_POLICY  # default-src 'none' covers script


@pytest.mark.parametrize(
    "html",
    [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<style>p{}</style>'
        "</head><body></body></html>",
        '<!DOCTYPE html><html><head class="x"><style>p{}</style></head><body></body></html>',
        "<!DOCTYPE html><p>no head at all</p>",
        "<p>not even a doctype</p>",
    ],
    ids=["charset", "head", "doctype", "bare"],
)
def test_with_csp_puts_the_policy_first(html: str) -> None:
    assert check_html(html) == [
        "the web page lacks its security policy (CSP_META) at the top of <head>"
        + (": it must come before <style>" if "<style>" in html else "")
    ]
    assert check_html(with_csp(html)) == []


def test_policy_after_a_style_or_changed_is_reported() -> None:
    late = "<!DOCTYPE html><html><head><style>p{}</style>" + CSP_META + "</head></html>"
    assert check_html(late) == [
        "the web page lacks its security policy (CSP_META) at the top of <head>: it must "
        "come before <style>"
    ]
    loose = with_csp("<!DOCTYPE html><p>x</p>").replace("img-src data:", "img-src *")
    assert check_html(loose) == [
        "the web page's security policy is not parlbrief's - remove the other one"
    ]
    assert check_html("<!DOCTYPE html><p>x</p>", require_csp=False) == []


def test_golden_briefing_passes() -> None:
    html = GOLDEN.read_text(encoding="utf-8")
    assert check_html(with_csp(html)) == []
    assert pdf_link_findings(html) == []


def test_check_css_alone() -> None:
    assert check_css("p{color:red}", "briefing.css") == []
    assert check_css("@import 'x.css';", "briefing.css") == [
        "briefing.css: @import loads another style sheet - paste its rules instead"
    ]


# ------------------------------------------------------------------------- PDF links

PDF_LINKS = [
    ("https://www.parliament.uk/", None),
    ("http://example.org/", None),
    ("mailto:press@napo.org.uk", None),
    ("tel:+442072231234", None),
    ("#note-1", None),
    ("  https://example.org/  ", None),
    ("#", "would open a file"),
    ("notes.html", "would open a file"),
    ("../../etc/passwd", "would open a file"),
    ("/etc/passwd", "would open a file"),
    ("//evil.example/", "would open a file"),
    ("file:///etc/passwd", "may not link to 'file:'"),
    ("javascript:app.alert(1)", "may not link to 'javascript:'"),
    ("jav&#x61;script:app.alert(1)", "may not link to 'javascript:'"),
    ("JAVASCRIPT:app.alert(1)", "may not link to 'javascript:'"),
    ("data:text/html,x", "may not link to 'data:'"),
    ("launch:calc.exe", "may not link to 'launch:'"),
    ("https:", "the 'https:' address is incomplete"),
    ("https:///path", "the 'https:' address is incomplete"),
    ("mailto:", "the 'mailto:' address is incomplete"),
]


@pytest.mark.parametrize(("href", "expected"), PDF_LINKS)
def test_pdf_links(href: str, expected: str | None) -> None:
    found = pdf_link_findings(page(f"<p><a href='{href}'>x</a></p>"))
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0], found


def test_pdf_link_targets_lists_every_a_href() -> None:
    html = page(
        "<a href='https://a.example/'>a</a><a>no href</a><area href='#b'>"
        "<svg><a xlink:href='#c'><text>c</text></a></svg><link href='x'>"
    )
    assert pdf_link_targets(html) == ["https://a.example/", "#b", "#c"]


LOCAL_FILES = [
    # (body, finding for the web page, finding for WeasyPrint's HTML)
    ("<img src='pictures/chart.png'>", "loads a file next to the page", None),
    ("<style>@font-face{font-family:x;src:url(fonts/lato.woff2)}</style>", "loads a file", None),
    ("<p style='background:url(tint.png)'>x</p>", "loads a file", None),
    ("<img src='../secret.png'>", "points outside", "points outside"),
    ("<img src='/etc/passwd'>", "points outside", "points outside"),
    ("<style>p{background:url(../../x.png)}</style>", "points outside", "points outside"),
    ("<img src='https://evil.example/p.png'>", "loads from the web", "loads from the web"),
    ("<style>p{background:url(file:///etc/passwd)}</style>", "loads a file", "loads a file"),
]


@pytest.mark.parametrize(("body", "web", "pdf"), LOCAL_FILES)
def test_local_files_only_for_the_pdf(body: str, web: str, pdf: str | None) -> None:
    assert any(web in f for f in findings(body)), findings(body)
    for_pdf = check_html(page(body), local_files=True)
    assert for_pdf == [] if pdf is None else any(pdf in f for f in for_pdf), for_pdf


def test_check_pdf_html_is_both_checks_in_one() -> None:
    from parlbrief.guard import check_pdf_html

    body = "<img src='fonts/../../x.png'><img src='chart.png'><a href='notes.html'>n</a>"
    html = page(body).replace(CSP_META, "")
    assert check_pdf_html(html) == check_html(
        html, require_csp=False, local_files=True
    ) + pdf_link_findings(html)
    assert len(check_pdf_html(html)) == 2
    assert check_pdf_html(GOLDEN.read_text(encoding="utf-8")) == []


# ------------------------------------------------------------- each finding, word for word

WEB = "loads from the web - a briefing must be self-contained: embed it (data:) or remove it"
WEB_PICTURE = (
    "loads from the web - a briefing must be self-contained: embed the picture (data:) or remove it"
)
SCHEMES = (
    "addresses are not allowed (they can run code or open files) - link only to https://, "
    "http://, mailto: or tel: addresses"
)
LONG = "javascript:" + "a" * 49  # 60 characters: shown whole
LONGER = LONG + "a"  # 61: cut to 59 and an ellipsis

EXACT = [
    # (body, every finding, in order): the message a press officer sees, so a rule that
    # stops firing, fires in the wrong place or says the wrong thing fails here.
    ("<script>alert( 1 )\n x</script>", ["<script>: runs code - remove it ('alert( 1 ) x')"]),
    ("<form>a<p>b</p></form>",
     ["<form>: could send what a reader types to a website - remove it ('ab')"]),
    ("<embed>", ["<embed>: embeds a plug-in or another page - remove it"]),
    ("<a href='X:1'>x</a>", [f"<a href='X:1'>: links to 'x:' {SCHEMES}"]),
    (f"<a href='{LONG}'>x</a>", [f"<a href='{LONG}'>: links to 'javascript:' {SCHEMES}"]),
    (f"<a href='{LONGER}'>x</a>",
     [f"<a href='{LONGER[:59]}…'>: links to 'javascript:' {SCHEMES}"]),
    ("<a href='//evil.example/'>x</a>", ["<a href='//evil.example/'>: the address has no "
     "https: at its start - write the full web address"]),
    ("<a href='https:evil.example'>x</a>", ["<a href='https:evil.example'>: the web address "
     "has no site name - write it in full"]),
    ("<a href='java\x0bscript:alert(1)'>x</a>", ["<a href='java\\x0bscript:alert(1)'>: the "
     "address has hidden control characters - type it again"]),
    ("<a href='../x'>x</a>", ["<a href='../x'>: the address points outside the briefing's "
     "folder - use a full web address"]),
    ("<a href='%2E%2E/secret.html'>x</a>", ["<a href='%2E%2E/secret.html'>: the address "
     "points outside the briefing's folder - use a full web address"]),
    ("<img src='http://evil.example/p.png'>",
     [f"<img src='http://evil.example/p.png'>: {WEB_PICTURE}"]),
    ("<img src='data:text/html;base64,PHNjcmlwdD4='>", ["<img src='data:text/html;base64,"
     "PHNjcmlwdD4='>: embeds something that is not a picture (PNG, JPEG, GIF, WebP, SVG) - "
     "remove it"]),
    ("<img src='file:///etc/passwd'>",
     ["<img src='file:///etc/passwd'>: 'file:' addresses are not allowed here - remove it"]),
    ("<img src=pixel.png>", ["<img src='pixel.png'>: loads a file next to the page, which "
     "readers will not have - embed it (data:)"]),
    ("<img src='pi\x01xel.png'>", ["<img src='pi\\x01xel.png'>: the address has hidden "
     "control characters - remove it"]),
    ("<p style='background:url(http://evil.example/p.png)'>x</p>",
     [f"the style of <p>: url('http://evil.example/p.png') {WEB}"]),
    ("<p style='background:url(\"x\\1 y\")'>x</p>",
     ["the style of <p>: url('x\\x01y') has hidden control characters - remove it"]),
    ("<p style='background:url(tint.png)'>x</p>", ["the style of <p>: url('tint.png') loads "
     "a file the reader will not have - embed it (data:) or remove it"]),
    ("<p style='background:image-set(\"https://evil.example/p.png\" 1x)'>x</p>",
     [f"the style of <p>: url('https://evil.example/p.png') {WEB}"]),
    # url() inside a function, a () block and a [] block
    ("<p style='background:var(--x, url(https://evil.example/p))'>x</p>",
     [f"the style of <p>: url('https://evil.example/p') {WEB}"]),
    ("<p style='background:(url(https://evil.example/p))'>x</p>",
     [f"the style of <p>: url('https://evil.example/p') {WEB}"]),
    ("<p style='background:[url(https://evil.example/p)]'>x</p>",
     [f"the style of <p>: url('https://evil.example/p') {WEB}"]),
    # after an @import or an @namespace, the rest of the sheet is still checked
    ("<style>@import 'x.css'; p{background:url(https://evil.example/p)}</style>", [
        "<style> (\"@import 'x.css'; p{background:url(https://evil.example/p)}\"): @import "
        "loads another style sheet - paste its rules instead",
        f"<style> (\"@import 'x.css'; p{{background:url(https://evil.example/p)}}\"): "
        f"url('https://evil.example/p') {WEB}",
    ]),
    ("<style>@namespace svg url(http://www.w3.org/2000/svg); p{background:url(https://evil."
     "example/p)}</style>", ["<style> ('@namespace svg url(http://www.w3.org/2000/svg); "
     f"p{{backgroun…'): url('https://evil.example/p') {WEB}"]),
    # url() in an at-rule's prelude and block, a selector, a declaration
    ("<style>@document url(https://evil.example/){p{color:red}}</style>",
     [f"<style> ('@document url(https://evil.example/){{p{{color:red}}}}'): "
      f"url('https://evil.example/') {WEB}"]),
    ("<style>@font-face{src:url(https://evil.example/f.woff2)}</style>",
     [f"<style> ('@font-face{{src:url(https://evil.example/f.woff2)}}'): "
      f"url('https://evil.example/f.woff2') {WEB}"]),
    ("<style>p url(https://evil.example/x) {color:red}</style>",
     [f"<style> ('p url(https://evil.example/x) {{color:red}}'): "
      f"url('https://evil.example/x') {WEB}"]),
    ("<style>p{background:url(https://evil.example/p)}</style>",
     [f"<style> ('p{{background:url(https://evil.example/p)}}'): "
      f"url('https://evil.example/p') {WEB}"]),
    # code and imports nested in an at-rule's block are tokens, not declarations
    ("<style>@media print{p{behavior:x}}</style>",
     ["<style> ('@media print{p{behavior:x}}'): the CSS property behavior runs code - "
      "remove it"]),
    ("<style>@media print{@import 'x.css';}</style>", ["<style> (\"@media print{@import "
     "'x.css';}\"): @import loads another style sheet - paste its rules instead"]),
    # a comment splits the text of an SVG <style>; a browser joins it up again
    ("<svg><style>p{background:u<!---->rl(https://evil.example/x)}</style></svg>",
     [f"<style> ('p{{background:url(https://evil.example/x)}}'): "
      f"url('https://evil.example/x') {WEB}"]),
    ("<svg><rect fill='url(https://evil.example/p)'/></svg>",
     [f"<rect fill='url(https://evil.example/p)'>: url('https://evil.example/p') {WEB}"]),
    ("<svg><animate attributeName=src to=x /></svg>",
     ["<animate> changes src, which could make it run or load something - remove it"]),
    ("<svg><set attributeName=STYLE to=x /></svg>",
     ["<set> changes style, which could make it run or load something - remove it"]),
    # <noscript>'s content is read as markup (as WeasyPrint reads it) and checked too
    ("<noscript><img src='https://evil.example/p.png'></noscript>", [
        "<noscript>: only matters where code runs, and browsers and checkers read it "
        "differently - remove it",
        f"<img src='https://evil.example/p.png'>: {WEB_PICTURE}",
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), EXACT)
def test_each_finding_word_for_word(body: str, expected: list[str]) -> None:
    assert findings(body) == expected


HEAD_EXACT = [
    ("<meta http-equiv=refresh>",
     ["<meta http-equiv=refresh content=''>: sends the reader to another page - remove it"]),
    ("<meta http-equiv=set-cookie content=a>",
     ["<meta http-equiv=set-cookie>: sets a cookie - remove it"]),
    ("<meta http-equiv=content-type content='text/html; CHARSET=iso-2022-jp'>",
     ["<meta charset='iso-2022-jp'>: the page must say utf-8 - change it"]),
    ("<meta http-equiv=content-type content='text/html'>", []),
    ("<meta charset=utf8>", []),
    ("<meta charset=' UTF-8 '>", []),
]  # fmt: skip


@pytest.mark.parametrize(("head", "expected"), HEAD_EXACT)
def test_each_head_finding_word_for_word(head: str, expected: list[str]) -> None:
    assert findings("<p>x</p>", head) == expected


ALSO_ALLOWED = [
    # CSS-looking text is only CSS in a <style> or a style=, and in SVG attributes
    "<p title='url(https://evil.example/) in words'>x</p>",
    "<p>p{background:url(https://evil.example/x)} is CSS shown as words</p>",
    # attributes that only matter on <meta> or an SVG animation
    "<p http-equiv=refresh content=0 charset=latin1>x</p>",
    "<svg><rect attributeName=href /></svg>",
    # a query or fragment is not part of the path
    "<a href='notes.html?p=/../x'>x</a>",
    "<a href='notes.html#/../x'>x</a>",
]


@pytest.mark.parametrize("body", ALSO_ALLOWED)
def test_also_allowed(body: str) -> None:
    assert findings(body) == []


@pytest.mark.parametrize(
    "head",
    [
        "<title>t</title>",  # a title may come before the policy
        "<!-- a comment -->",  # and so may a comment
    ],
)
def test_what_may_come_before_the_policy(head: str) -> None:
    html = f"<!DOCTYPE html><html><head>{head}{CSP_META}<style>p{{}}</style></head></html>"
    assert check_html(html) == []


def test_a_policy_without_content_is_not_parlbrief_s() -> None:
    html = "<!DOCTYPE html><html><head><meta http-equiv=content-security-policy></head></html>"
    assert check_html(html) == [
        "the web page's security policy is not parlbrief's - remove the other one"
    ]


LOCAL_ONLY = [
    # relative files WeasyPrint may load from the templates, wherever the CSS is
    "<style>p{background:url(tint.png)}</style>",
    "<style>p url(tint.png) {color:red}</style>",
    "<style>@document url(tint.png){p{color:red}}</style>",
    "<style>p{background:image-set('tint.png' 1x)}</style>",
    "<svg><rect fill='url(tint.png)'/></svg>",
]


@pytest.mark.parametrize("body", LOCAL_ONLY)
def test_relative_files_only_for_the_pdf(body: str) -> None:
    assert any("loads a file the reader will not have" in f for f in findings(body))
    assert check_html(page(body), local_files=True) == []


def test_load_refusal_and_check_css_default_to_the_web_page() -> None:
    from parlbrief.guard import load_refusal

    assert load_refusal("x.png") == (
        "loads a file next to the page, which readers will not have - embed it (data:)"
    )
    assert load_refusal("x.png", local_files=True) is None
    assert check_css("p{background:url(x.png)}", "b.css") == [
        "b.css: url('x.png') loads a file the reader will not have - embed it (data:) or remove it"
    ]


PDF_EXACT = [
    ("#a", None),
    ("#", "a PDF link must be a full web address starting https:// (or an #anchor in the "
     "briefing); this one would open a file on the reader's computer"),
    ("https:", "the 'https:' address is incomplete - write the full address"),
    ("javascript:x",
     "a PDF may not link to 'javascript:' addresses - link only to https://, mailto: or tel:"),
    ("java\x0bscript:x", "the address has hidden control characters - type it again"),
]  # fmt: skip


@pytest.mark.parametrize(("href", "expected"), PDF_EXACT)
def test_pdf_link_refusal_word_for_word(href: str, expected: str | None) -> None:
    from parlbrief.guard import pdf_link_refusal

    assert pdf_link_refusal(href) == expected


POLICY = CSP_META
WITH_CSP = [
    # (page, the page with the policy): after <meta charset>, else <head>, else the doctype
    ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head></html>',
     f'<!DOCTYPE html><html><head><meta charset="utf-8">\n{POLICY}<title>t</title></head>'
     "</html>"),
    ("<!DOCTYPE html><HTML><HEAD><META CHARSET=UTF-8></HEAD></HTML>",
     f"<!DOCTYPE html><HTML><HEAD><META CHARSET=UTF-8>\n{POLICY}</HEAD></HTML>"),
    ('<!doctype html><html><HEAD class="x"></head></html>',
     f'<!doctype html><html><HEAD class="x">\n{POLICY}</head></html>'),
    ("<!DocType html><p>x</p>", f"<!DocType html>\n{POLICY}<p>x</p>"),
    ("<p>x</p>", f"{POLICY}\n<p>x</p>"),
    # only the first 4096 characters are searched: a <head> beyond is not found
    ("<!DOCTYPE html>" + " " * 4076 + "<head>", f"<!DOCTYPE html>\n{POLICY}" + " " * 4076
     + "<head>"),
]  # fmt: skip


@pytest.mark.parametrize(("html", "expected"), WITH_CSP)
def test_with_csp_word_for_word(html: str, expected: str) -> None:
    assert with_csp(html) == expected


def refused_at(tmp_path: Path, html: str, *, pdf: bool) -> RenderError:
    from parlbrief.guard.refusals import refuse_page

    with pytest.raises(RenderError) as raised:
        refuse_page(html, (), pdf=pdf, what="the page was not written", root=tmp_path)
    return raised.value


def test_a_refused_page_names_the_template_line_that_writes_it(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "briefing.html.j2").write_text(
        '<h1>{{ title }}</h1>\n<p>x</p>\n<p class="a" onclick="go()">y</p>\n', encoding="utf-8"
    )
    error = refused_at(tmp_path, page('<p class="a" onclick="go()">y</p>'), pdf=False)
    assert error.problem.origin == Origin("templates/briefing.html.j2", 3)
    assert str(error) == (
        "templates/briefing.html.j2:3: the page was not written: <p onclick='go()'>: runs "
        "code when the page is opened or clicked - remove it"
    )


def test_a_refused_pdf_link_is_found_in_the_briefing_that_writes_it(tmp_path: Path) -> None:
    briefings = tmp_path / "briefings"
    briefings.mkdir()
    (briefings / "b.yaml").write_text(
        'title: B\nsummary: |\n  See <a href="file:///etc/passwd">this</a>.\n', encoding="utf-8"
    )
    html = '<html><body><a href="file:///etc/passwd">this</a></body></html>'
    error = refused_at(tmp_path, html, pdf=True)
    assert error.problem.origin == Origin("briefings/b.yaml", 3)


def test_a_refusal_written_nowhere_in_the_project_is_the_message_alone(tmp_path: Path) -> None:
    error = refused_at(tmp_path, page("<script>alert(1)</script>"), pdf=False)
    assert error.problem.origin == NOWHERE
    assert str(error).startswith("the page was not written: <script>: runs code")


def test_a_refusal_lists_five_reasons_and_counts_the_rest(tmp_path: Path) -> None:
    body = "".join(f"<p onclick=x{i}>{i}</p>" for i in range(7))
    error = refused_at(tmp_path, page(body), pdf=False)
    assert str(error).count("runs code") == 5
    assert str(error).endswith("; and 2 more")
