"""How to get in touch: an email address, a telephone number, a line of text."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from parlbrief.model.base import Model, Text

_EMAIL = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[^@\s<>\"'(),;:.]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{4,28}[0-9]")


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError("should be an email address, such as press@example.org.uk")
    return value


def _phone(value: str) -> str:
    if not _PHONE.fullmatch(value):
        raise ValueError("should be a telephone number in digits, such as 020 7946 0000")
    return value


#: An email address, printed as a mailto: link.
Email = Annotated[Text, AfterValidator(_email)]
#: A telephone number, printed as a tel: link.
Phone = Annotated[Text, AfterValidator(_phone)]


class Contact(Model):
    """Who to get in touch with, printed at the end of a briefing. A brand or briefing
    may give only a line of text (`contact: For more information ...`)."""

    text: Text | None = None
    """A line such as 'For more information contact Napo's Parliamentary team'."""
    email: Email | None = None
    phone: Phone | None = None
    web: Text | None = None
    """A full web address, starting https:// (checked in validate.py)."""


def _contact_line(value: Any) -> Any:
    """`contact: Some text` is `contact: {text: Some text}`."""
    return {"text": value} if isinstance(value, str) else value


#: A contact given as a line of text or as text, email, phone and web.
ContactDetails = Annotated[Contact, BeforeValidator(_contact_line)]
