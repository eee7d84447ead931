"""The stylesheets of a page, parsed once per render worker and reused.

Every sheet of a build is the same few stylesheets (the brand's colours and the
kind's CSS, which the template writes into a `<style>` in the page's head), and
WeasyPrint would parse them again for every page. Instead, the worker takes each
`<style>` out of the head, parses its text the first time it sees it, and hands the
parsed sheets to WeasyPrint with the page.

The cascade is unchanged: taken out, the sheets keep their order and are the page's
only style sheets, so no rule of theirs meets a rule of another sheet that it did not
meet before. (WeasyPrint counts sheets given this way as the user's, which ranks them
under style attributes, as the page's own `<style>` rules already were by specificity.)
A sheet that loads fonts (`@font-face`) registers them in the font configuration it
was parsed with, so the worker keeps one and lays out every page with it.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

import weasyprint
from weasyprint.css.counters import CounterStyle
from weasyprint.text.fonts import FontConfiguration

#: A plain `<style>` element (one with attributes, media say, stays in the page).
_STYLE = re.compile(r"<style>(.*?)</style>\s*", re.DOTALL)
#: Distinct sheets a worker keeps parsed (a build has one per brand and kind).
KEPT = 16


class Stylesheets:
    """A worker's parsed sheets, and the font and counter-style registries they fill."""

    def __init__(self) -> None:
        self.fonts = FontConfiguration()
        self.counters = CounterStyle()
        self.parsed: OrderedDict[tuple[str, str, tuple[Path, ...]], Any] = OrderedDict()

    def take(
        self, html: str, base_url: str, fetcher: Any, roots: list[Path]
    ) -> tuple[str, list[Any]]:
        """`html` without the `<style>` elements of its head, and those sheets parsed
        (with `fetcher`, which lets them load only from `roots`)."""
        end = html.find("</head>")
        if end < 0:
            return html, []
        head = html[:end]
        sheets = [self._parse(m.group(1), base_url, fetcher, roots) for m in _STYLE.finditer(head)]
        return _STYLE.sub("", head) + html[end:], sheets

    def _parse(self, text: str, base_url: str, fetcher: Any, roots: list[Path]) -> Any:
        key = (text, base_url, tuple(roots))
        sheet = self.parsed.get(key)
        if sheet is not None:
            self.parsed.move_to_end(key)
            return sheet
        refused = len(fetcher.refused)
        sheet = weasyprint.CSS(
            string=text,
            base_url=base_url,
            url_fetcher=fetcher,
            font_config=self.fonts,
            counter_style=self.counters,
        )
        # A load refused while parsing (a font, say) fails this page; parsed again, it
        # fails every page that uses the sheet, as it did when each page parsed its own.
        if len(fetcher.refused) == refused:
            self.parsed[key] = sheet
            while len(self.parsed) > KEPT:
                self.parsed.popitem(last=False)
        return sheet


_SHEETS: list[Stylesheets] = []


def worker_sheets() -> Stylesheets:
    """This process's sheets, made on its first page (in the worker, not in the fork
    server it comes from, so that no two workers share a font configuration's files)."""
    if not _SHEETS:
        _SHEETS.append(Stylesheets())
    return _SHEETS[0]
