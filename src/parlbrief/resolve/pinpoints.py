"""Reading a citation's locator: its pinpoints, and the quotations in its comment.

A locator is what follows the id in `[cf @justice-committee-2011, paras 99, 102
("unable to fulfil local needs")]`: a pinpoint (`paras 99, 102`), then, in brackets,
an optional comment that may quote the source. Pinpoints are expanded to the passages
they name, as a stored copy heads them: `paras 81–84` is para 81, 82, 83 and 84;
`pp 33–35` is p 33, 34 and 35; `under ‘Introduction’ and ‘The future’` is the two
sections so titled. Anything else (`table 2`, `opening paragraph`) names one passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parlbrief.load.documents import Passage, StoredCopy, heading_key
from parlbrief.resolve.quotation_marks import Marks, quoted_spans

#: The plural (or long) word before a list of numbers, and the word a heading uses.
_SINGULAR = {
    "paras": "para",
    "paragraph": "para",
    "paragraphs": "para",
    "pp": "p",
    "page": "p",
    "pages": "p",
    "sections": "section",
    "ss": "s",
    "tables": "table",
    "figures": "figure",
    "chapters": "chapter",
    "nn": "n",
    "annexes": "annex",
    "qq": "q",
}
#: A range longer than this is not expanded (its two ends are looked for instead).
MAX_RANGE = 500
_NUMBERED = re.compile(r"^(?P<word>[^\W\d_]+)\.?\s+(?P<items>\d.*)$")
_ITEM = re.compile(r"^(?P<start>\d+[a-z]?)(?:\s*(?:[-‐‑‒–—]|to)\s*(?P<end>\d+[a-z]?))?$")
_SEPARATORS = re.compile(r"\s*(?:,|&|\band\b)\s*")


#: A title in quotation marks after `under`: ‘Payment Mechanism’, 'X', “X” or "X".
_TITLE = (Marks("‘", "’", True), Marks("'", "'", True), Marks("“", "”"), Marks('"', '"'))
#: A quotation in a comment: double marks first, then single ones that open after a
#: space or bracket and close before a non-letter.
_DOUBLE = (Marks("“", "”"), Marks('"', '"'), Marks("„", "“”"))
_SINGLE = (Marks("‘", "’", True), Marks("'", "'", True))


@dataclass(frozen=True)
class Locator:
    """A locator split into its pinpoint and its comment."""

    pinpoint: str
    """'paras 99, 102'; empty when the citation points at the whole source."""
    comment: str
    """What the brackets after the pinpoint say; empty when there are none."""

    @property
    def passages(self) -> list[str]:
        """The passages the pinpoint names, each as a heading would write it."""
        return expand(self.pinpoint)

    @property
    def quotations(self) -> list[str]:
        """The source's words quoted in the comment."""
        return quotations(self.comment)


def split_locator(locator: str) -> Locator:
    """'para 95 (the Minister on “35 different competitions”)' -> pinpoint and comment.

    The comment is the bracketed text that ends the locator, opened after a space (a
    bracket inside a pinpoint, as in 's 3(1)', is part of it).
    """
    text = locator.strip()
    if text.endswith(")"):
        for index, char in enumerate(text):
            if char == "(" and (index == 0 or text[index - 1].isspace()):
                return Locator(text[:index].strip().rstrip(","), text[index + 1 : -1].strip())
    return Locator(text, "")


def expand(pinpoint: str) -> list[str]:
    """Each passage a pinpoint names: 'paras 81–84' -> ['para 81', ..., 'para 84']."""
    text = " ".join(pinpoint.split())
    if not text:
        return []
    if text.casefold().startswith("under "):
        rest = text[len("under ") :]
        titles = [text for _, _, text in quoted_spans(rest, _TITLE)]
        return [t.strip() for t in titles] or [rest.strip()]
    match = _NUMBERED.match(text)
    if match is not None:
        numbers = _numbers(match["items"])
        if numbers:
            word = match["word"].casefold()
            word = _SINGULAR.get(word, word)
            return [f"{word} {n}" for n in numbers]
    return [text]


def _numbers(items: str) -> list[str]:
    """'81–84, 87' -> ['81', '82', '83', '84', '87']; [] when it is not such a list."""
    found: list[str] = []
    for item in _SEPARATORS.split(items.strip()):
        match = _ITEM.match(item)
        if match is None:
            return []
        start, end = match["start"], match["end"]
        if end is None:
            found.append(start)
        elif start.isdigit() and end.isdigit() and 0 <= int(end) - int(start) <= MAX_RANGE:
            found.extend(str(n) for n in range(int(start), int(end) + 1))
        else:
            found.extend((start, end))
    return found


def quotations(comment: str) -> list[str]:
    """The quoted words in a comment, in order: “...”, "...", ‘...’ or '...'."""
    found: list[tuple[int, str]] = []
    rest = list(comment)
    for start, end, text in quoted_spans(comment, _DOUBLE):
        found.append((start, text))
        rest[start:end] = " " * (end - start)
    # Single marks inside a double-quoted passage are the source's own: not looked at.
    for start, _, text in quoted_spans("".join(rest), _SINGLE, single=True):
        found.append((start, text))
    return [text.strip() for _, text in sorted(found) if text.strip()]


def passage_key(pinpoint: str) -> str:
    """How a cited pinpoint and a copy's heading are compared: 'Para  84', 'paragraph
    84' and 'para 84' are one passage; case and spacing aside, titles must agree."""
    named = expand(pinpoint)
    return heading_key(named[0] if len(named) == 1 else pinpoint)


def find_passages(copy: StoredCopy, pinpoint: str) -> tuple[list[Passage], list[str]]:
    """The copy's passages that `pinpoint` names, and the names it has no passage for."""
    index = {passage_key(p.pinpoint): p for p in copy.passages if p.pinpoint}
    found: list[Passage] = []
    missing: list[str] = []
    for name in expand(pinpoint):
        passage = index.get(heading_key(name))
        if passage is None:
            missing.append(name)
        elif passage not in found:
            found.append(passage)
    return found, missing
