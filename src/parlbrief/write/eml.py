"""A briefing as an email ready to send: a short note with the PDF attached (.eml).

Made with Python's email package (EmailMessage, the SMTP policy: CRLF lines, as mail
clients expect). It opens in any mail client as a message to address and send (with
`X-Unsent: 1`, Outlook opens it as a draft). The body, in plain text and in HTML, gives
the title, the strapline, the summary (or the opening paragraph) and the questions;
notes are left out, as the attached PDF carries them. The HTML loads nothing: no
images, no links but those the contact details give. Everything that would differ
between two runs is fixed from the content: the Date is the edition's day, and the
Message-ID and MIME boundaries come from a hash of the message.
"""

from __future__ import annotations

import email
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email import errors, policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from parlbrief.atomic import write_bytes
from parlbrief.document_kinds.letter import addressee
from parlbrief.errors import RenderError
from parlbrief.header_text import address_refusal, header_refusal
from parlbrief.questions import plain_text
from parlbrief.render import questions_heading
from parlbrief.resolve import ResolvedBriefing
from parlbrief.resolve.debate_form import debate_text

#: The domain of a Message-ID when no contact address gives one (reserved: RFC 2606).
FALLBACK_DOMAIN = "parlbrief.invalid"


@dataclass(frozen=True)
class Letter:
    """What the email says, in plain text, before it is laid out twice."""

    subject: str
    strapline: str | None
    opening: list[str]
    """The summary's paragraphs, or the briefing's first paragraph."""
    questions_heading: str
    questions: list[str]
    signature: list[str]
    sender: str | None
    """The address it is from: the signatory's, the briefing's contact or the brand's."""
    greeting: str = "Dear colleague"
    """'Dear colleague', or a letter's own greeting ('Dear Sir Robert')."""
    fonts: tuple[str, str] = ("Arial, sans-serif", "Arial, sans-serif")
    """The brand's body and heading fonts, each with fallbacks (see font_stack)."""
    colours: tuple[str, str, str] = ("#1d1d1f", "#1f3a5f", "#5f6368")
    """The brand's text, primary and muted colours."""
    debate: str | None = None
    """The debate it is for, in the standard form, printed above the title."""


def write_eml(
    target: Path, resolved: ResolvedBriefing, edition: Mapping[str, Any], pdf: Path
) -> None:
    """Write the email for `resolved`, attaching the PDF at `pdf` (built first)."""
    letter = letter_of(resolved, edition)
    day = date.fromisoformat(edition.get("last_updated_iso") or resolved.briefing.date.isoformat())
    name = attachment_name(letter.subject.removeprefix("Draft: "), resolved.key)
    write_bytes(target, eml_bytes(letter, day, pdf.read_bytes(), name))


#: What a file name keeps of a title: letters and digits (any script), and these.
_UNSAFE = re.compile(r"[^\w\-]+")


def attachment_name(title: str, key: str) -> str:
    """The PDF's file name from the briefing's title: 'Briefing-5-NPS-is-paralysed-by-
    ....pdf', safe in every mail program and file system (no slashes, quotes or
    spaces, at most 100 characters); the briefing's id when the title leaves nothing."""
    stem = _UNSAFE.sub("-", title).strip("-_")[:100].rstrip("-_")
    return (stem or key.replace("/", "-")) + ".pdf"


#: Fonts every Windows and Mac office has, after the brand's own: an email client
#: without the brand's font (Outlook for Windows lacks Lato) uses the next.
FALLBACK_FONTS = "Calibri, Arial, Helvetica, sans-serif"


def font_stack(font: str) -> str:
    """A CSS font-family list: the brand's font, quoted, then the fallbacks."""
    return f"'{font}', {FALLBACK_FONTS}" if font.replace(" ", "").isalnum() else FALLBACK_FONTS


def letter_of(resolved: ResolvedBriefing, edition: Mapping[str, Any]) -> Letter:
    b = resolved.briefing
    draft = "Draft: " if edition.get("draft") else ""
    opening = plain_text(resolved.summary, "\n\n").split("\n\n") if resolved.summary else []
    if not opening:
        firsts = (plain_text(s.prose, "\n\n").split("\n\n")[0] for s in resolved.sections)
        opening = [next((p for p in firsts if p), "")][:1]
    signatory = b.signatory
    contact = b.contact or resolved.brand.contact
    signature = [signatory.name, signatory.role or ""] if signatory else []
    signature += [resolved.brand.name] + ([contact.text or ""] if contact else [])
    sender = (signatory.email if signatory else None) or (contact.email if contact else None)
    brand = resolved.brand
    greeting = "Dear colleague"
    if b.template == "letter":
        greeting = addressee(
            b.recipient, resolved.variant.row if resolved.variant else None
        ).salutation
    return Letter(
        subject=f"{draft}{b.series}: {b.title}",
        strapline=b.strapline,
        debate=debate_text(b.debate, illustrative=b.illustrative) if b.debate else None,
        opening=[p for p in opening if p],
        questions_heading=questions_heading(b.questions_heading, resolved.questions),
        questions=[plain_text(q.prose) for q in resolved.questions],
        signature=[line for line in signature if line],
        sender=sender,
        greeting=greeting,
        fonts=(font_stack(brand.fonts.body), font_stack(brand.fonts.heading)),
        colours=(brand.colours.text, brand.colours.primary, brand.colours.muted),
    )


def eml_bytes(letter: Letter, day: date, pdf: bytes, filename: str) -> bytes:
    """The message as bytes: text and HTML bodies, the PDF attached, all fixed.

    Raises RenderError when a header would not say exactly what the briefing does
    (validate.py refuses such text first; this is the second lock on the door).
    """
    msg = EmailMessage(policy=policy.SMTP)
    _set_header(msg, "Subject", letter.subject, header_refusal(letter.subject))
    if letter.sender:
        _set_header(msg, "From", letter.sender, address_refusal(letter.sender))
    msg["Date"] = format_datetime(datetime(day.year, day.month, day.day, 9, tzinfo=UTC))
    msg["X-Unsent"] = "1"
    text, html = text_body(letter), html_body(letter)
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    stamp = hashlib.sha256()
    for piece in (letter.subject, letter.sender or "", day.isoformat(), text, html, filename):
        stamp.update(piece.encode("utf-8") + b"\0")
    stamp.update(pdf)
    domain = letter.sender.rpartition("@")[2] if letter.sender else FALLBACK_DOMAIN
    digest = stamp.hexdigest()
    msg["Message-ID"] = f"<{digest[:32]}@{domain}>"
    for number, part in enumerate(msg.walk()):
        if part.is_multipart():
            # '=_' never occurs in quoted-printable or base64 text.
            part.set_boundary(f"=_parlbrief_{number}_{digest[32:56]}")
    written = msg.as_bytes(policy=policy.SMTP)
    _check_headers(written, _expected_headers(msg))
    return written


#: Read back strictly: a header the parser must repair is not one parlbrief wrote.
_READ_BACK = policy.default.clone(raise_on_defect=True)


def _set_header(msg: EmailMessage, name: str, value: str, reason: str | None) -> None:
    """Set a header that says `value` and nothing else, or raise RenderError (with
    `reason`, when the value is refused before it is tried)."""
    if reason is not None:
        raise RenderError(f"the email was not written: its {name} {value!r} {reason}")
    try:
        msg[name] = value
    except ValueError:
        reason = "is not something an email header can hold - write it plainly"
        raise RenderError(f"the email was not written: its {name} {value!r} {reason}") from None
    if str(msg[name]) != value:
        raise RenderError(
            f"the email was not written: its {name} {value!r} would be read as "
            f"{str(msg[name])!r} - write it plainly"
        )


def _expected_headers(msg: EmailMessage) -> list[tuple[str, str]]:
    """The top-level headers as parlbrief set them, each as a mail program shows it."""
    return [_header(name, value) for name, value in msg.items()]


def _header(name: str, value: object) -> tuple[str, str]:
    """A header's name and text, spaces aside: Python's folding of a long Subject
    with accented words can lose the space between two encoded words."""
    return name, "".join(str(value).split())


def _check_headers(written: bytes, expected: list[tuple[str, str]]) -> None:
    """The message, read back as a mail program would, has exactly `expected` headers."""
    try:
        read = email.message_from_bytes(written, policy=_READ_BACK)
        found = [_header(name, value) for name, value in read.items()]
    except (errors.MessageError, ValueError):
        found = []
    if found != expected:
        added = sorted({name for name, _ in found} - {name for name, _ in expected})
        raise RenderError(
            "the email was not written: read back, its headers would not be those "
            f"parlbrief wrote{' (it would gain ' + ', '.join(added) + ')' if added else ''} "
            "- check the title, series and addresses for unusual characters"
        )


def text_body(letter: Letter) -> str:
    lines = [f"{letter.greeting},", ""] + ([letter.debate] if letter.debate else [])
    lines += [letter.subject.removeprefix("Draft: ")]
    lines += [letter.strapline, ""] if letter.strapline else [""]
    for paragraph in letter.opening:
        lines += [paragraph, ""]
    if letter.questions:
        lines += [f"{letter.questions_heading}:", ""]
        lines += [f"{n}. {q}" for n, q in enumerate(letter.questions, 1)] + [""]
    lines += ["The full briefing, with its sources, is attached as a PDF.", ""]
    return "\n".join(lines + letter.signature) + "\n"


def html_body(letter: Letter) -> str:
    """The same as text_body, as simple HTML that loads nothing, styled inline (mail
    programs drop a <style> sheet, Outlook for Windows among them, and then show
    Times New Roman): the brand's fonts with fallbacks, and its colours."""
    s = _styles(letter)
    parts = [Markup('<p style="{}">{},</p>').format(s["p"], letter.greeting)]
    if letter.debate:
        parts.append(Markup('<p style="{}">{}</p>').format(s["debate"], letter.debate))
    parts.append(
        Markup('<h1 style="{}">{}</h1>').format(s["h1"], letter.subject.removeprefix("Draft: "))
    )
    if letter.strapline:
        parts.append(
            Markup('<p style="{}"><strong>{}</strong></p>').format(s["p"], letter.strapline)
        )
    parts += [Markup('<p style="{}">{}</p>').format(s["p"], p) for p in letter.opening]
    if letter.questions:
        items = Markup("").join(
            Markup('<li style="{}">{}</li>').format(s["li"], q) for q in letter.questions
        )
        parts.append(
            Markup('<h2 style="{}">{}</h2><ol style="{}">{}</ol>').format(
                s["h2"], letter.questions_heading, s["p"], items
            )
        )
    parts.append(
        Markup(
            '<p style="{}">The full briefing, with its sources, is attached as a PDF.</p>'
        ).format(s["p"])
    )
    if letter.signature:
        parts.append(
            Markup('<p style="{}">{}</p>').format(s["sign"], Markup("<br>").join(letter.signature))
        )
    body = Markup('<div style="{}">{}</div>').format(s["p"], Markup("").join(parts))
    return str(
        Markup(
            '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{}</title>'
        ).format(letter.subject)
        + Markup('</head><body style="{}">').format(s["p"])
        + body
        + Markup("</body></html>\n")
    )


def _styles(letter: Letter) -> dict[str, str]:
    """Inline CSS for each element of the HTML body (see html_body)."""
    body, heading = letter.fonts
    text, primary, muted = letter.colours
    base = f"font-family: {body}; color: {text}; font-size: 15px; line-height: 1.5"
    return {
        "p": f"{base}; margin: 0 0 12px",
        "li": f"{base}; margin: 0 0 6px",
        "h1": f"font-family: {heading}; color: {primary}; font-size: 22px; line-height: 1.25;"
        " margin: 0 0 8px",
        "h2": f"font-family: {heading}; color: {primary}; font-size: 17px; line-height: 1.3;"
        " margin: 18px 0 8px",
        "sign": f"{base}; margin: 18px 0 0; color: {muted}",
        "debate": f"{base}; margin: 0 0 4px; font-weight: bold",
    }
