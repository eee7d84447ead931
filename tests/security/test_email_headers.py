"""No .eml has a header its author did not write (issue 23, email header injection).

A briefing's series and title become the email's Subject and a signatory's or
contact's address its From; a letter's variant name (a CSV cell) reaches the title
through '{variant}'. Python's email package decodes an RFC 2047 encoded word before it
writes a header out, so `=?utf-8?q?=0D=0ABcc:_...?=` once gave the .eml a Bcc: of the
title's author's choosing. Each form is now a `check` problem at its file and line (or
CSV row, naming the column), and the writer refuses it again: every .eml is read back
with Python's parser (policy.default) and has exactly the headers parlbrief writes.
"""

from __future__ import annotations

import email
from datetime import date
from email import policy
from email.message import EmailMessage

import pytest

from parlbrief import validate
from parlbrief.check import check
from parlbrief.errors import RenderError
from parlbrief.pipeline import BuildOptions, build
from parlbrief.write.eml import Letter, eml_bytes
from tests.conftest import MakeProject

#: The headers parlbrief writes, in order, and no others.
HEADERS = ["Subject", "From", "Date", "X-Unsent", "MIME-Version", "Content-Type", "Message-ID"]

#: Text that would add a header, or change one, if it reached a header unchecked.
INJECTED = [
    pytest.param("Cuts =?utf-8?q?x=0D=0ABcc:_spy@example.net?= bite", id="q-encoded-crlf"),
    pytest.param("=?utf-8?b?eA0KQmNjOiBzcHlAZXhhbXBsZS5uZXQ=?=", id="b-encoded-crlf"),
    pytest.param("=?UTF-8?Q?x=0AReply-To:_spy@example.net?=", id="upper-case-lf"),
    pytest.param("Cuts\r\nBcc: spy@example.net", id="bare-crlf"),
    pytest.param("Cuts\nBcc: spy@example.net", id="bare-lf"),
    pytest.param("Cuts\rBcc: spy@example.net", id="bare-cr"),
    pytest.param("Cuts\u2028Bcc: spy@example.net", id="unicode-line-separator"),
    pytest.param("Cuts\x85Bcc: spy@example.net", id="next-line"),
    pytest.param("Cuts\x00Bcc: spy@example.net", id="nul"),
]

#: Addresses read differently by different mail programs (CVE-2023-27043's forms).
ADDRESSES = [
    pytest.param("press@example.org, spy@example.net", id="two-addresses"),
    pytest.param('"spy@example.net"@example.org', id="quoted-local-part"),
    pytest.param("press@example.org <spy@example.net>", id="name-and-address"),
    pytest.param("press@example.org)<spy@example.net", id="cve-2023-27043-bracket"),
    pytest.param("=?utf-8?q?spy=40example.net=0D=0ABcc:_x?=@example.org", id="encoded-word"),
    pytest.param("press@example.org\r\nBcc: spy@example.net", id="crlf"),
]


def letter(subject: str, sender: str | None = "press@example.org") -> Letter:
    return Letter(subject, None, ["Opening."], "Questions", ["Why?"], ["A Press Officer"], sender)


def read_back(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_a_plain_email_has_exactly_the_headers_parlbrief_writes() -> None:
    subject = "Briefing 5: Probation — a service in crisis, and what the Café said " * 2
    raw = eml_bytes(letter(subject.strip()), date(2026, 11, 23), b"%PDF-1.7", "briefing-5.pdf")
    message = read_back(raw)
    assert list(message.keys()) == HEADERS
    assert message["From"] == "press@example.org"
    assert message["Subject"].split() == subject.split()


@pytest.mark.parametrize("text", INJECTED)
def test_the_writer_refuses_a_subject_that_would_add_a_header(text: str) -> None:
    with pytest.raises(RenderError, match=r"the email was not written: its Subject"):
        eml_bytes(letter(text), date(2026, 11, 23), b"%PDF-1.7", "b.pdf")


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_writer_refuses_a_from_address_read_two_ways(address: str) -> None:
    with pytest.raises(RenderError, match=r"the email was not written: its From"):
        eml_bytes(letter("Cuts", address), date(2026, 11, 23), b"%PDF-1.7", "b.pdf")


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted string, its breaks and controls as escapes."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    for char, escape in {"\r": "\\r", "\n": "\\n", "\x00": "\\x00", "\x85": "\\N"}.items():
        escaped = escaped.replace(char, escape)
    return '"' + escaped.replace("\u2028", "\\L") + '"'


@pytest.mark.parametrize("text", INJECTED)
def test_check_reports_a_title_that_would_add_a_header_at_its_line(
    make_project: MakeProject, text: str
) -> None:
    project = make_project()
    path = project.root / "briefings/minimal.yaml"
    source = path.read_text(encoding="utf-8")
    path.write_text(
        source.replace("title: Local services work best", f"title: {yaml_string(text)}"),
        encoding="utf-8",
    )
    # A control character is refused as the YAML is read (it is then left out).
    [found] = [str(p) for p in check(project).problems.errors]
    assert found.startswith(
        ("briefings/minimal.yaml:3: title: ", "briefings/minimal.yaml:3: this text holds a control")
    )
    assert found.endswith(("on one line", "retype the text)", "without them", "makes it"))


@pytest.mark.parametrize(
    "field, line",
    [
        ("  email: press@example.org, spy@example.net", "signatory.email"),
        ('  name: "A Press Officer\\r\\nBcc: spy@example.net"', "signatory.name"),
    ],
)
def test_check_reports_a_signatory_that_would_add_a_header(
    make_project: MakeProject, field: str, line: str
) -> None:
    project = make_project()
    path = project.root / "briefings/minimal.yaml"
    text = path.read_text(encoding="utf-8")
    if "email" in field:
        path.write_text(text + field + "\n", encoding="utf-8")
    else:
        path.write_text(text.replace("  name: A Press Officer", field), encoding="utf-8")
    messages = [p.message for p in check(project).problems.errors]
    assert any(m.startswith(f"{line}: ") for m in messages), messages


BAD_ROW = '"=?utf-8?q?Wales=0D=0ABcc:_spy@example.net?=",310,400\n'


def test_check_reports_a_csv_cell_that_would_reach_the_subject(make_project: MakeProject) -> None:
    project = make_project(base="figures")
    regions = project.root / "sources/data/regions.csv"
    regions.write_text(regions.read_text(encoding="utf-8") + BAD_ROW, encoding="utf-8")
    line = regions.read_text(encoding="utf-8").count("\n")
    found = [str(p) for p in check(project).problems.errors]
    assert [m for m in found if "column 'region'" in m] == [
        f"sources/data/regions.csv:{line}: column 'region': "
        "'=?utf-8?q?Wales=0D=0ABcc:_spy@example.net?=' holds '=?' and then '?=', which mail "
        "programs decode (RFC 2047) into other text, even a header of its own - write the "
        "text itself, without them"
    ]


def test_one_letter_that_slipped_through_does_not_stop_the_others(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were `check` ever to let such a cell through, the writer refuses that email alone."""
    project = make_project(base="figures")
    regions = project.root / "sources/data/regions.csv"
    regions.write_text(regions.read_text(encoding="utf-8") + BAD_ROW, encoding="utf-8")
    monkeypatch.setattr(validate, "validate_headers", lambda corpus, problems: None)
    report = build(project, ["regional"], options=BuildOptions(formats=("pdf", "eml"), jobs=1))
    [bad] = [k for k in report.failed]
    assert str(report.failed[bad]).startswith("the email was not written: its Subject")
    assert sorted(report.built) == [
        "regional/kent-surrey-and-sussex",
        "regional/north-east",
        "regional/wales",
    ]
    for key in report.built:
        message = read_back((project.out / f"{key}.eml").read_bytes())
        assert list(message.keys()) == HEADERS[:1] + HEADERS[2:]  # the example has no From


def test_a_variant_name_too_long_for_a_file_name_is_a_problem_at_its_row(
    make_project: MakeProject,
) -> None:
    project = make_project(base="figures")
    regions = project.root / "sources/data/regions.csv"
    text = regions.read_text(encoding="utf-8") + "R" * 300 + ",1,2\n"
    regions.write_text(text, encoding="utf-8")
    found = [str(p) for p in check(project).problems.errors]
    assert found == [
        f"sources/data/regions.csv:{text.count(chr(10))}: column 'region': the name is 300 "
        "characters long, over the limit of 100 (it names the variant's files) - shorten it"
    ]
