"""The one-pass quotation finder finds what the patterns it replaced found.

The patterns are kept here as the oracle: on short texts they are quick, and whatever
mix of marks, letters, spaces and line breaks a text holds, the finder (which stays
linear on long ones) must give the same quotations in the same places.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from parlbrief.resolve.locators import normalise_locator
from parlbrief.resolve.pinpoints import expand, quotations
from parlbrief.resolve.quotation_marks import Marks, quoted_spans

TEXTS = st.text(alphabet="‘’'“”\"„ a(-\ns", max_size=16)

_DOUBLE = re.compile(r"“(.+?)”|\"(.+?)\"|„(.+?)[“”]")
_SINGLE = re.compile(r"(?:^|(?<=[\s(\[—–-]))(?:‘(\S.*?)’|'(\S.*?)')(?!\w)")
_TITLE = re.compile(r"‘(.+?)’(?!\w)|'(.+?)'(?!\w)|“(.+?)”|\"(.+?)\"")
_LOCATOR = re.compile(r"“[^”]*”|\"[^\"]*\"|‘.*?’(?!\w)", re.DOTALL)


def first_group(match: re.Match[str]) -> str:
    return next(g for g in match.groups() if g is not None)


def by_patterns(comment: str) -> list[str]:
    found, rest = [], list(comment)
    for match in _DOUBLE.finditer(comment):
        found.append((match.start(), first_group(match)))
        rest[match.start() : match.end()] = " " * (match.end() - match.start())
    for match in _SINGLE.finditer("".join(rest)):
        found.append((match.start(), first_group(match)))
    return [text.strip() for _, text in sorted(found) if text.strip()]


@settings(max_examples=2000)
@given(TEXTS)
def test_quotations_in_a_comment_are_those_the_patterns_found(text: str) -> None:
    assert quotations(text) == by_patterns(text)


@settings(max_examples=2000)
@given(TEXTS)
def test_titles_after_under_are_those_the_pattern_found(text: str) -> None:
    rest = " ".join(text.split())
    titles = [first_group(m).strip() for m in _TITLE.finditer(rest)]
    if rest:
        assert expand("under " + rest) == (titles or [rest])


@settings(max_examples=2000)
@given(TEXTS)
def test_quoted_words_in_a_locator_are_where_the_pattern_found_them(text: str) -> None:
    kinds = (
        Marks("“", "”", least=0, one_line=False),
        Marks('"', '"', least=0, one_line=False),
        Marks("‘", "’", word_end=True, least=0, one_line=False),
    )
    spans = [(start, end) for start, end, _ in quoted_spans(text, kinds)]
    assert spans == [m.span() for m in _LOCATOR.finditer(text)]
    assert isinstance(normalise_locator(text), str)
