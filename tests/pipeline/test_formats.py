"""Output formats come from one table (parlbrief.write.formats): what each needs is made
with it, whoever asks, and a format whose need is missing says how to build both."""

from __future__ import annotations

import pytest

from parlbrief.check import check
from parlbrief.errors import RenderError
from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from parlbrief.write.formats import OUTPUT_FORMATS, formats_help, with_needs, write_format


def test_the_email_brings_its_pdf_when_the_library_is_asked_for_the_email_alone(
    shared: Project,
) -> None:
    report = build(shared, ["alpha"], options=BuildOptions(formats=("eml",)))
    assert not report.failed
    assert [p.name for p in report.outputs] == ["alpha.pdf", "alpha.eml"]


def test_an_email_without_its_pdf_says_how_to_build_both(shared: Project) -> None:
    resolved = check(shared).resolved["alpha"]
    target = shared.out / "alpha.eml"
    made = {name: shared.out / f"alpha.{name}" for name in OUTPUT_FORMATS}
    with pytest.raises(RenderError) as raised:
        write_format(OUTPUT_FORMATS["eml"], target, resolved, {}, made)
    assert str(raised.value) == (
        "the email was not written: it attaches the PDF, which has not been built "
        "- build with --format pdf,eml"
    )
    assert not target.exists()


@pytest.mark.parametrize(
    ("asked", "made"),
    [
        (("eml",), ("pdf", "eml")),
        (("html", "eml"), ("pdf", "html", "eml")),
        (("eml", "pdf"), ("eml", "pdf")),
        (("docx", "docx"), ("docx",)),
    ],
)
def test_each_format_comes_after_what_it_needs(
    asked: tuple[str, ...], made: tuple[str, ...]
) -> None:
    assert with_needs(asked) == made


def test_the_help_lists_every_format_from_the_table() -> None:
    assert formats_help() == "pdf, html, docx (Word), eml (email)"
