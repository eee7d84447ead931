"""Reading project text takes time in proportion to it (issue 23, Deliver 3).

Each reader of headings, locators and quotations is fed 100,000 characters built to
make a backtracking pattern try again from every position (long runs of spaces,
opening marks that never close, repeated tokens). Before, a heading with 3,200 spaces
took 57 s and a long misquotation's nearest-words search 211 s. Work is bounded by
counting it where it can be counted (difflib comparisons); else an alarm ends a
runaway search after a generous 5 s, where a linear reading takes milliseconds.
"""

from __future__ import annotations

import contextlib
import difflib
import signal
from collections.abc import Callable, Iterator

import pytest

from parlbrief.errors import Origin
from parlbrief.load.documents import Passage, passages
from parlbrief.resolve.locators import normalise_locator
from parlbrief.resolve.pinpoints import expand, passage_key, quotations, split_locator
from parlbrief.resolve.quotes import NEAREST_RUNS, nearest_words, normalise, quoted

SIZE = 100_000
#: Runs of one piece each: what makes a pattern that backtracks try every position.
PIECES = [" ", "## ", "‘", "“", "„", "'a", " ‘x", "[ ", ". ", "- ", "para 1, ", "and ", "‘a’s "]


def adversarial() -> Iterator[str]:
    for piece in PIECES:
        run = piece * (SIZE // len(piece))
        yield "## under " + run + "!"


@contextlib.contextmanager
def within_five_seconds() -> Iterator[None]:
    """A runaway search is stopped (Python's re checks for signals as it goes)."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("over 5 seconds for 100,000 characters")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(5)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture
def alarm() -> Iterator[None]:
    with within_five_seconds():
        yield


READERS: list[tuple[str, Callable[[str], object]]] = [
    ("stored copy headings", lambda text: list(passages(text, "copy.md", 1))),
    ("pinpoints", expand),
    ("passage keys", passage_key),
    ("locators", lambda text: split_locator(text + " (" + text + ")").quotations),
    ("quotations", quotations),
    ("normalising", normalise),
    ("locators as notes print them", normalise_locator),
    ("quotation search", lambda text: quoted(text, [Passage("p 1", text, Origin("c.md"))])),
]


@pytest.mark.parametrize("name, reader", READERS, ids=[name for name, _ in READERS])
def test_each_reader_of_project_text_finishes_on_adversarial_input(
    name: str, reader: Callable[[str], object]
) -> None:
    for text in adversarial():
        with within_five_seconds():
            reader(text)


def test_quotation_marks_that_never_close_find_nothing_and_one_that_closes_is_found(
    alarm: None,
) -> None:
    assert quotations("“" * SIZE) == []
    assert quotations(" ‘x" * (SIZE // 3)) == []
    assert quotations("“" * SIZE + "\n“the words”") == ["the words"]
    assert expand("under " + "‘" * SIZE) == ["‘" * SIZE]  # no title: the words as they are


def test_the_nearest_words_search_compares_a_bounded_number_of_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 2,000-word misquotation against a 20,000-word copy once took 211 s."""
    compared: list[str] = []
    ratio = difflib.SequenceMatcher.ratio

    def counted(self: difflib.SequenceMatcher[str]) -> float:
        compared.append("ratio")
        return ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counted)
    words = [f"word{n % 997}" for n in range(20_000)]
    copy = " ".join(words[:12_000]) + " the nearest words are here " + " ".join(words[12_000:])
    passage = Passage("para 1", copy, Origin("c.md", 3))
    found = nearest_words("the nearest words are hear " + "filler " * 2_000, [passage])
    assert found is not None and "the nearest words are here" in found[1]
    assert len(compared) <= NEAREST_RUNS


def test_left_out_words_are_found_without_scanning_spaces_again() -> None:
    """'...' in a quotation splits it; runs of spaces around it are nothing special."""
    passage = Passage("para 1", "The service was paralysed by bureaucracy.", Origin("c.md"))
    assert quoted("The service   ...   by bureaucracy", [passage])
