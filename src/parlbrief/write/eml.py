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

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from parlbrief.atomic import write_bytes
from parlbrief.questions import plain_text
from parlbrief.render import questions_heading
from parlbrief.resolve import ResolvedBriefing

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


def write_eml(
    target: Path, resolved: ResolvedBriefing, edition: Mapping[str, Any], pdf: Path
) -> None:
    """Write the email for `resolved`, attaching the PDF at `pdf` (built first)."""
    letter = letter_of(resolved, edition)
    day = date.fromisoformat(edition.get("last_updated_iso") or resolved.briefing.date.isoformat())
    name = resolved.key.replace("/", "-") + ".pdf"
    write_bytes(target, eml_bytes(letter, day, pdf.read_bytes(), name))


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
    return Letter(
        subject=f"{draft}{b.series}: {b.title}",
        strapline=b.strapline,
        opening=[p for p in opening if p],
        questions_heading=questions_heading(b.questions_heading, resolved.questions),
        questions=[plain_text(q.prose) for q in resolved.questions],
        signature=[line for line in signature if line],
        sender=sender,
    )


def eml_bytes(letter: Letter, day: date, pdf: bytes, filename: str) -> bytes:
    """The message as bytes: text and HTML bodies, the PDF attached, all fixed."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = letter.subject
    if letter.sender:
        msg["From"] = letter.sender
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
    return msg.as_bytes(policy=policy.SMTP)


def text_body(letter: Letter) -> str:
    lines = [letter.subject.removeprefix("Draft: ")]
    lines += [letter.strapline, ""] if letter.strapline else [""]
    for paragraph in letter.opening:
        lines += [paragraph, ""]
    if letter.questions:
        lines += [f"{letter.questions_heading}:", ""]
        lines += [f"{n}. {q}" for n, q in enumerate(letter.questions, 1)] + [""]
    lines += ["The full briefing, with its sources, is attached as a PDF.", ""]
    return "\n".join(lines + letter.signature) + "\n"


def html_body(letter: Letter) -> str:
    """The same as text_body, as simple HTML that loads nothing."""
    parts = [Markup("<h1>{}</h1>").format(letter.subject.removeprefix("Draft: "))]
    if letter.strapline:
        parts.append(Markup("<p><strong>{}</strong></p>").format(letter.strapline))
    parts += [Markup("<p>{}</p>").format(p) for p in letter.opening]
    if letter.questions:
        items = Markup("").join(Markup("<li>{}</li>").format(q) for q in letter.questions)
        parts.append(Markup("<h2>{}</h2><ol>{}</ol>").format(letter.questions_heading, items))
    parts.append(Markup("<p>The full briefing, with its sources, is attached as a PDF.</p>"))
    if letter.signature:
        parts.append(Markup("<p>{}</p>").format(Markup("<br>").join(letter.signature)))
    body = Markup("").join(parts)
    return str(
        Markup(
            '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{}</title>'
        ).format(letter.subject)
        + Markup("</head><body>")
        + body
        + Markup("</body></html>\n")
    )
