"""WeasyPrint's private page boxes, which write/layout.py reads (the page limit) and
write/tags.py (footnote links), are still there in the version installed.

WeasyPrint's public Page has no layout, so parlbrief reads `page._page_box` and
pyproject.toml holds WeasyPrint below its next major version. When these fail after
an upgrade, the message names the version: check write/layout.py against it, then
raise WEASYPRINT_MAJOR and the bound together.
"""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from parlbrief.errors import RenderError
from parlbrief.write.layout import WEASYPRINT_MAJOR, page_box

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
INSTALLED = version("weasyprint")
UPGRADE = (
    f"WeasyPrint {INSTALLED} is installed, and write/layout.py reads the private page boxes "
    f"of WeasyPrint {WEASYPRINT_MAJOR}: check page_box and check_page_limit against it, "
    "then raise WEASYPRINT_MAJOR and the bound in pyproject.toml together"
)
PAGE = """<html><head><style>
@page { size: A6; margin: 20mm 10mm; @bottom-center { content: counter(page) } }
.note { float: footnote }
</style></head><body><p data-cut="the ask">Caseloads rose<span class="note">Napo,
2016.</span> again.</p></body></html>"""


def test_pyproject_holds_weasyprint_to_the_version_read() -> None:
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    wanted = [d for d in dependencies if re.match(r"weasyprint\b", d, re.I)]
    assert wanted == [f"weasyprint>={WEASYPRINT_MAJOR},<{WEASYPRINT_MAJOR + 1}"], UPGRADE
    assert int(INSTALLED.split(".")[0]) == WEASYPRINT_MAJOR, UPGRADE


def test_a_rendered_page_has_the_boxes_parlbrief_reads() -> None:
    weasyprint = pytest.importorskip("weasyprint")
    pages = weasyprint.HTML(string=PAGE).render().pages
    box = page_box(pages[0])
    kinds = {type(b).__name__ for b in box.descendants()}
    assert {"MarginBox", "FootnoteAreaBox", "LineBox", "TextBox"} <= kinds, UPGRADE
    assert isinstance(box.content_box_y(), float), UPGRADE
    for child in box.children:  # what check_page_limit measures
        assert isinstance(child.position_y + child.margin_height(), float), UPGRADE
    texts = [b for b in box.descendants() if type(b).__name__ == "TextBox"]
    assert any("Caseloads" in b.text for b in texts), UPGRADE
    tagged = [b for b in box.descendants() if getattr(b, "element", None) is not None]
    assert any(b.element.get("data-cut") == "the ask" for b in tagged), UPGRADE
    assert all(len(b.hit_area()) == 4 for b in tagged[:5]), UPGRADE  # what tags.py links
    assert any((b.element_tag or "").endswith("::footnote-call") for b in tagged), UPGRADE


def test_a_weasyprint_without_page_boxes_fails_saying_what_to_install() -> None:
    with pytest.raises(RenderError) as failed:
        page_box(object())
    assert str(failed.value) == (
        f"WeasyPrint {INSTALLED} no longer shows parlbrief how its pages are laid out "
        f"(parlbrief is written for WeasyPrint {WEASYPRINT_MAJOR}) - install that version: "
        f"pip install 'weasyprint>={WEASYPRINT_MAJOR},<{WEASYPRINT_MAJOR + 1}'"
    )
