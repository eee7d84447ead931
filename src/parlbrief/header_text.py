"""What text may go into an email header, a Word document's properties or a file name.

A briefing's title becomes an email's Subject, a signatory's address its From, a
brand's name the Word document's author. Mail programs read a line break in a header
as the start of a new header, and Python's email package decodes an RFC 2047 encoded
word (`=?utf-8?q?...?=`) before it writes the header out again, so a title holding
`=?utf-8?q?=0D=0ABcc:_someone@example.com?=` would add a Bcc: header of its author's
choosing (the CVE-2023-27043 family). Such text is refused where it is written
(validate.py) and again where the header is made (write/eml.py).
"""

from __future__ import annotations

import re
import unicodedata

#: An address as a From header carries it: one plain address, no name, no quotes, no
#: comment, no second address (each of which mail programs read in their own ways).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
#: Characters that end a line somewhere: CR, LF, and Unicode's own line breaks.
LINE_BREAKS = frozenset("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def header_refusal(value: str) -> str | None:
    """Why `value` may not go into a header, and what to do, as words that follow the
    value in a message ("holds a line break, ... - write it on one line"); or None."""
    if any(c in LINE_BREAKS for c in value):
        return (
            "holds a line break, which in an email's headers would start a header of its "
            "own - write it on one line"
        )
    for char in value:
        if unicodedata.category(char) == "Cc" and char != "\t":
            return (
                f"holds a control character (U+{ord(char):04X}), which no email header or "
                "Word property may carry - delete it (it is often invisible: retype the text)"
            )
    start = value.find("=?")
    if start != -1 and value.find("?=", start + 2) != -1:
        return (
            "holds '=?' and then '?=', which mail programs decode (RFC 2047) into other "
            "text, even a header of its own - write the text itself, without them"
        )
    return None


def address_refusal(value: str) -> str | None:
    """Why `value` may not be an email's From address, as words that follow it; or None."""
    reason = header_refusal(value)
    if reason is None and not _ADDRESS.fullmatch(value):
        reason = (
            "is not one plain address a mail program reads the same way - write only the "
            "address, in plain letters, such as press@example.org.uk"
        )
    return reason


def header_problem(field: str, value: str, *, address: bool = False) -> str | None:
    """The whole message for a field whose value may not go into a header; or None."""
    reason = address_refusal(value) if address else header_refusal(value)
    if reason is None:
        return None
    shown = value if len(value) <= 60 else value[:57] + "..."
    return f"{field}: {shown!r} {reason}"
