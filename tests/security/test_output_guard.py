"""The last guard before a briefing is written: nothing in its HTML runs or loads.

Every refused element, attribute, address and CSS construct is one case, with its
upper-case, entity-encoded and unquoted variants, and every allowed one is a case
too, so a rule removed or loosened in parlbrief.write.guard fails a test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parlbrief.write.guard import (
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
    from parlbrief.write.guard import check_pdf_html

    body = "<img src='fonts/../../x.png'><img src='chart.png'><a href='notes.html'>n</a>"
    html = page(body).replace(CSP_META, "")
    assert check_pdf_html(html) == check_html(
        html, require_csp=False, local_files=True
    ) + pdf_link_findings(html)
    assert len(check_pdf_html(html)) == 2
    assert check_pdf_html(GOLDEN.read_text(encoding="utf-8")) == []
