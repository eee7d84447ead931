"""Stage 3, resolve: every kind of reference gives notes spaced as a person types them,
in the built web page and the PDF: no space before a comma, a full stop or a closing
bracket, and never two spaces, in a first note, an ibid, a later note or the sources
list ("parlbrief example project , Illustrative ..." was seen in the example).
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html
from pypdf import PdfReader

from parlbrief.model.reference_kinds import REFERENCE_KINDS
from parlbrief.pipeline import BuildOptions, build
from tests.conftest import ExampleBuild, MakeProject

#: One reference of every kind, each with the fields it may give; the authors begin in
#: lower case, as the example's 'parlbrief example project' does.
REFERENCES = {
    "report": "series: Eighth report\n  publisher: Napo",
    "official statistics": "series: official statistics published 18 August 2022",
    "committee report": "series: HC 2010–12, 519",
    "evidence": "publisher: Napo",
    "article": "publisher: Probation Journal",
    "case study": "series: case study by Raj Johal, published 18 August 2022",
    "web page": "publisher: GOV.UK",
    "dataset": "short: example project",
    "press release": "publisher: Ministry of Justice",
    "hansard": "house: Commons\n  volume: '747'",
    "written question": "house: Lords\n  uin: HL1234",
    "legislation": "",
}
#: A space before punctuation, after an opening bracket, or two spaces.
BADLY_SPACED = re.compile(r"\s[,.;:)\]]|[(\[]\s|\s\s")


def reference(kind: str) -> str:
    rid = kind.replace(" ", "-")
    title = "Offender Rehabilitation Act 2014" if kind == "legislation" else f"A {kind} (draft)"
    extra = f"  {REFERENCES[kind]}\n" if REFERENCES[kind] else ""
    # A debate whose day is not known: 'HC Deb , vol 747' was printed.
    date = "2026-11" if kind == "hansard" else "2026-11-05"
    return (
        f"- id: {rid}\n  kind: {kind}\n  author: parlbrief example project\n"
        f"  title: {title}\n  date: {date}\n  url: https://example.org/{rid}\n{extra}"
    )


def briefing() -> str:
    """Each kind cited in full, then again at once (ibid), then after another note."""
    lines = []
    for kind in REFERENCES:
        rid = kind.replace(" ", "-")
        lines += [f"First.[@{rid}, para 4]", f"Again.[@{rid}, para 5]", "Other.[@napo-2016]"]
        lines.append(f"Later.[see @{rid}; @napo-2016, p 3]")
    text = "".join(f"      {line}\n\n" for line in lines)
    return (
        "series: Briefing 1\ncampaign: C\ntitle: T\ndate: 2026-11-23\n"
        f"sections:\n  - text: |\n{text}"
    )


NAPO = (
    "- id: napo-2016\n  kind: evidence\n  author: Napo\n  title: Submission\n  date: 2016-07-14\n"
)


def test_every_kind_is_spaced_as_typed_in_the_web_page_and_the_pdf(
    make_project: MakeProject,
) -> None:
    assert set(REFERENCES) == set(REFERENCE_KINDS), "a kind of reference is not tried here"
    refs = NAPO + "".join(reference(kind) for kind in REFERENCES)
    project = make_project(
        {
            "briefings/minimal.yaml": briefing(),
            "sources/references/sources.yaml": refs,
            "sources/arguments/local-trusts.md": None,
            "sources/questions/questions.yaml": None,
            "sources/statistics/figures.yaml": None,
        }
    )
    report = build(project, options=BuildOptions(formats=("html", "pdf")))
    assert not report.failed, report.failed
    seen = web_page_texts(project.out / "minimal.html")
    assert len(seen) > 4 * len(REFERENCES)  # every note and every source
    assert [text for text in seen if BADLY_SPACED.search(text)] == []
    # Pandoc's hint that a name in lower case keeps its case is no part of the note: kept
    # as an element, it parted 'project' from its comma for a reader that takes a page
    # element by element ('parlbrief example project , Illustrative ...').
    assert "nocase" not in (project.out / "minimal.html").read_text(encoding="utf-8")
    pdf = " ".join(page.extract_text() for page in PdfReader(project.out / "minimal.pdf").pages)
    assert re.findall(r".{30}\s[,.;:)].{10}", pdf) == []
    assert "example project," in pdf


def web_page_texts(page: Path) -> list[str]:
    """Each note and each source of the web page as a reader sees it."""
    root = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    items = root.xpath("//li[starts-with(@id, 'fn-')] | //section[@class='sources']//li")
    texts = []
    for item in items:
        for back in item.xpath(".//a[contains(@class, 'backref')]"):
            back.drop_tree()
        texts.append("".join(item.itertext()).strip())
    return texts


def test_the_examples_notes_are_spaced_as_typed(example_build: ExampleBuild) -> None:
    pages = sorted(example_build.out.rglob("*.html"))
    seen = [text for page in pages for text in web_page_texts(page)]
    assert len(seen) > 300  # every briefing's notes and sources
    assert [text for text in seen if BADLY_SPACED.search(text)] == []
    assert any(text.startswith("parlbrief example project, Illustrative") for text in seen)
