"""Finding quotations by their marks in one pass: “...”, "...", ‘...’, '...'.

A pattern such as `“(.+?)”`, searched for in a text, is tried again from each opening
mark; where marks open and never close (a line of 100,000 “), each try runs to the end
of the line, and the search takes time in the square of the line's length. This finds
what such patterns find, in the same order, looking at each character once per kind of
mark: when no mark closes a quotation from one place, none closes it from a later place
on the same line either, and a closing mark found stays the first one for every
opening before it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Marks:
    """One kind of quotation, as a pattern `O(.+?)C` with its options would find it."""

    opening: str
    closing: str
    """Any of these characters closes it."""
    word_end: bool = False
    """A closing mark must not run on into a letter (`C(?!\\w)`), so that the
    apostrophe in "NOMS’s" closes nothing."""
    least: int = 1
    """The fewest characters between the marks (`.+?` 1, `.*?` 0)."""
    one_line: bool = True
    """No line break inside (`.`; False for `[^”]*` or re.DOTALL)."""


#: A quotation found: where it starts, where it ends (after its closing mark), its words.
Span = tuple[int, int, str]


def quoted_spans(text: str, kinds: tuple[Marks, ...], *, single: bool = False) -> list[Span]:
    """Each quotation in `text` as (start, end, words), as a regular expression of the
    kinds' alternatives would find them: at each opening mark the first kind that
    closes wins, and the search goes on after it. With `single`, a mark opens only at
    the start or after a space, a bracket or a dash, and before a character that is not
    a space (as `(?:^|(?<=[\\s(\\[—–-]))` and `\\S` say)."""
    found: list[Span] = []
    scan = _Scan(text, kinds)
    index = scan.next_opening(0)
    while index >= 0:
        after = index + 1
        for number, marks in enumerate(kinds):
            if text[index] != marks.opening or (single and not _opens_single(text, index)):
                continue
            if not _room(text, index + 1, marks):
                continue
            end = scan.closing(index + 1 + marks.least, number, marks)
            if end is not None:
                found.append((index, end + 1, text[index + 1 : end]))
                after = end + 1
                break
        index = scan.next_opening(after)
    return found


def _room(text: str, first: int, marks: Marks) -> bool:
    """Whether the characters a quotation must hold at least are there to hold."""
    held = text[first : first + marks.least]
    return len(held) == marks.least and not (marks.one_line and "\n" in held)


def _opens_single(text: str, index: int) -> bool:
    before = index == 0 or text[index - 1].isspace() or text[index - 1] in "([—–-"
    return before and index + 1 < len(text) and not text[index + 1].isspace()


class _Scan:
    """Where the next opening mark and the next closing mark of each kind are, each
    found once: a later question from a later position reuses the answer."""

    def __init__(self, text: str, kinds: tuple[Marks, ...]) -> None:
        self.text = text
        self.marks = tuple(dict.fromkeys(marks.opening for marks in kinds))
        self.openings: dict[str, int] = {}
        self.closings: dict[int, tuple[int, int | None, int]] = {}
        """Kind -> (scanned from, the closing mark found or None, where the scan stopped)."""

    def next_opening(self, start: int) -> int:
        """The first opening mark of any kind at or after `start`; -1 when none."""
        found = -1
        for mark in self.marks:
            known = self.openings.get(mark)
            if known is None or 0 <= known < start:
                known = self.text.find(mark, start)
                self.openings[mark] = known
            if known >= 0 and (found < 0 or known < found):
                found = known
        return found

    def closing(self, start: int, kind: int, marks: Marks) -> int | None:
        """The first mark closing `kind` from `start` (to the end of its line, if it
        keeps to one line), or None."""
        known = self.closings.get(kind)
        if known is not None and known[0] <= start <= known[2]:
            return known[1]
        text, found, stop = self.text, None, len(self.text)
        for index in range(start, len(text)):
            char = text[index]
            if char == "\n" and marks.one_line:
                stop = index
                break
            if char in marks.closing and not (marks.word_end and _runs_on(text, index + 1)):
                found = stop = index
                break
        self.closings[kind] = (start, found, stop)
        return found


def _runs_on(text: str, index: int) -> bool:
    """Whether a letter, digit or underscore is at `index` (regular expressions' `\\w`)."""
    return index < len(text) and (text[index].isalnum() or text[index] == "_")
