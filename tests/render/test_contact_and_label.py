"""A briefing's own contact details and masthead label, in place of the brand's."""

from __future__ import annotations

import pytest

from parlbrief.check import Checked, check
from tests.conftest import MakeProject, render_page

BRAND = "name: Union\nlabel: Evidence\ncontact: For more information contact the Union\n"
BRIEFING = "series: S\ntitle: T\ndate: 2026-11-23\nbrand: union\nsections:\n  - text: Words.\n"


def page(make_project: MakeProject, extra: str = "") -> str:
    project = make_project(
        {"templates/brands/union/brand.yaml": BRAND, "briefings/minimal.yaml": BRIEFING + extra}
    )
    checked = check(project)
    assert not checked.problems.errors, checked.problems.errors
    return render_page(checked, "minimal", "html")


def test_the_brand_gives_the_label_and_the_contact_line(make_project: MakeProject) -> None:
    html = page(make_project)
    assert '<span class="doc-kind-label">Evidence</span>' in html
    assert "For more information contact the Union" in html


def test_a_briefing_label_replaces_the_brand_label(make_project: MakeProject) -> None:
    html = page(make_project, "label: Media briefing\n")
    assert '<span class="doc-kind-label">Media briefing</span>' in html


def test_the_built_in_label_is_parliamentary_briefing(minimal_checked: Checked) -> None:
    html = render_page(minimal_checked, "minimal", "pdf")
    assert '<span class="doc-kind-label">Parliamentary briefing</span>' in html


def test_a_briefing_contact_replaces_the_brand_contact(make_project: MakeProject) -> None:
    html = page(
        make_project,
        "contact:\n  text: Ask Sam\n  email: sam@example.org.uk\n  phone: 020 7946 0000\n"
        "  web: https://example.org.uk/parliament\n",
    )
    assert "contact the Union" not in html
    assert '<span class="contact-item">Ask Sam</span>' in html
    assert '<a href="mailto:sam@example.org.uk">sam@example.org.uk</a>' in html
    assert '<a href="tel:02079460000">020 7946 0000</a>' in html
    assert '<a href="https://example.org.uk/parliament">' in html


def test_a_signatory_with_details_replaces_the_brand_contact(make_project: MakeProject) -> None:
    html = page(make_project, "signatory:\n  name: Sam\n  email: sam@example.org.uk\n")
    assert "contact the Union" not in html
    signatory = html.split('<p class="signatory">', 1)[1].split("</p>", 1)[0]
    assert '<a href="mailto:sam@example.org.uk">' in signatory


def test_a_signatory_without_details_keeps_the_brand_contact(make_project: MakeProject) -> None:
    html = page(make_project, "signatory:\n  name: Sam\n")
    assert "For more information contact the Union" in html


@pytest.mark.parametrize(
    ("field", "value", "complaint"),
    [
        ("email", "sam at example", "should be an email address"),
        ("phone", "call me", "should be a telephone number in digits"),
    ],
)
def test_a_mistyped_email_or_phone_is_an_error_at_its_line(
    make_project: MakeProject, field: str, value: str, complaint: str
) -> None:
    project = make_project(
        {
            "templates/brands/union/brand.yaml": BRAND,
            "briefings/minimal.yaml": BRIEFING + f"contact:\n  {field}: {value}\n",
        }
    )
    errors = check(project).problems.errors
    assert [(p.origin.path, p.origin.line) for p in errors] == [("briefings/minimal.yaml", 8)]
    assert errors[0].message.startswith(f"contact.{field}: {complaint}")
