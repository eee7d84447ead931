"""Citations and figures held to the stored copies of their sources (sources/documents/).

When a reference has a stored copy, `check`:

- refuses a pinpoint the copy has no passage for (`para 999`), at the citation's line,
  naming the passages it has (or the nearest);
- refuses a quotation in a citation's comment that is not in the passages pinpointed
  (anywhere in the copy, without a pinpoint), naming the nearest words it has;
- warns when a statistic's value as printed ('4,542') is not in its pinpoint's passage.

With `require_copies: true` in parlbrief.yaml it also warns about every cited reference
that has no copy. Quotations are compared after the marks that copying changes are
made alike: curly and straight quotes, dashes, footnote markers, spacing (not case).
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Protocol

from parlbrief.errors import Origin, Problems
from parlbrief.load import Corpus
from parlbrief.load.documents import Passage, StoredCopy
from parlbrief.load.yamlfile import TEXT_START
from parlbrief.model import Model
from parlbrief.resolve.pinpoints import find_passages, passage_key, split_locator
from parlbrief.resolve.prose import citation_meta, note_calls, parse
from parlbrief.resolve.resolved import ResolvedBriefing
from parlbrief.resolve.values import Values

#: Footnote markers a copy keeps from its source: '[110]', '¹²', 'Service.29 The'.
_MARKERS = re.compile(r"\[\d{1,4}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<=[^\W\d_][.,;:!?])\d{1,3}(?=\s|$)")
_MARKS = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "…": "...",
    }
)
_DASH = re.compile(r"\s*-\s*")
#: Words left out of a quotation: '...', '…', '[…]' or '[...]'. (The spaces around are
#: taken off by `normalise`: `\s*` here would scan every run of spaces once per space.)
_LEFT_OUT = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.")
#: A line `[…]` in a copy: no quotation runs across what was left out there.
_GAP = "\x00"
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
#: How many passages a message lists before it names only the nearest.
MAX_LISTED = 10


class Cited(Protocol):
    """What is read of one cited source (prose's `Cite`): its id and its locator."""

    @property
    def id(self) -> str: ...

    @property
    def locator(self) -> str: ...


def check_copies(corpus: Corpus, resolved: Iterable[ResolvedBriefing], problems: Problems) -> None:
    """Every check against stored copies, and `require_copies`."""
    if corpus.copies:
        for cite, where in citations(corpus):
            copy = corpus.copies.get(cite.id)
            if copy is not None:
                check_citation(copy, cite, where, problems)
        check_statistics(corpus, problems)
        check_tables(corpus, problems)
    if corpus.settings.require_copies:
        warn_uncopied(corpus, resolved, problems)


# --- where citations are written ----------------------------------------------------------


def citations(corpus: Corpus) -> Iterator[tuple[Cited, Origin]]:
    """Every cited item in the project's prose, once each, with its file line."""
    for text, origin, first in _prose(corpus):
        if "@" not in text:
            continue
        for token, where in note_calls(parse(text), text, origin, first):
            if token.type == "citation":
                for cite in citation_meta(token)["cites"]:
                    yield cite, where


def _prose(corpus: Corpus) -> Iterator[tuple[str, Origin, int | None]]:
    """Each piece of Markdown: its text, its item's origin and the line it starts on."""
    for argument in corpus.arguments.values():
        yield argument.body, argument.origin, argument.body_line
    for briefing in corpus.briefings.values():
        if briefing.summary:
            yield briefing.summary, briefing.origin, _first_line(briefing, "summary")
        for index, section in enumerate(briefing.sections):
            if section.text is not None:
                yield section.text, briefing.origin, _first_line(briefing, f"sections.{index}.text")
    for question in corpus.questions.values():
        yield question.text, question.origin, _first_line(question, "text")


def _first_line(item: Model, field: str) -> int:
    """The file line where the Markdown in `item.<field>` starts (after `field: |`)."""
    line = item.lines.get(f"{field}.{TEXT_START}") or item.lines.get(field)
    return line or item.origin.line or 1


# --- the checks ---------------------------------------------------------------------------


def check_citation(copy: StoredCopy, cite: Cited, where: Origin, problems: Problems) -> None:
    """The citation's pinpoint names passages of the copy, and its quotations are in them."""
    locator = split_locator(cite.locator)
    label = f"{cite.id}, {locator.pinpoint}" if locator.pinpoint else cite.id
    found, missing = find_passages(copy, locator.pinpoint)
    for name in missing:
        problems.error(where, f"{label}: {no_passage(copy, name)}")
    scope = found or [p for p in copy.passages]
    for quotation in locator.quotations:
        if not quoted(quotation, scope):
            problems.error(where, f"{label}: {not_quoted(copy, quotation, found)}")


def check_statistics(corpus: Corpus, problems: Problems) -> None:
    """Each statistic's pinpoint is in its source's copy, and its value is printed there."""
    values = Values(corpus, Problems())  # the resolve stage reports their problems
    for stat in corpus.statistics.values():
        copy = corpus.copies.get(stat.source or "")
        if copy is None or stat.formula is not None or stat.variant_bound:
            continue
        found, missing = find_passages(copy, stat.pinpoint or "")
        for name in missing:
            problems.error(stat.at("pinpoint"), f"{stat.id}: pinpoint: {no_passage(copy, name)}")
        figure = values.get(stat.id)
        if missing or figure is None:
            continue
        scope = found or list(copy.passages)
        if not shows(figure.display, scope):
            where = stat.at("value") if stat.value is not None else stat.at("data")
            problems.warning(
                where,
                f"{stat.id}: the figure as printed, '{figure.display}', is not in "
                f"{_in(copy, found)} - check the value against the source, or the pinpoint",
            )


def check_tables(corpus: Corpus, problems: Problems) -> None:
    """A table's or a chart's pinpoint names a passage of its source's copy."""
    for briefing in corpus.briefings.values():
        for index, section in enumerate(briefing.sections):
            field = "table" if section.table is not None else "chart"
            cited = section.table or section.chart
            copy = None if cited is None else corpus.copies.get(cited.source)
            if cited is None or copy is None:
                continue
            for name in find_passages(copy, cited.pinpoint or "")[1]:
                problems.error(
                    briefing.at("sections", index, field, "pinpoint"),
                    f"sections: {field}: pinpoint: {no_passage(copy, name)}",
                )


def warn_uncopied(corpus: Corpus, resolved: Iterable[ResolvedBriefing], problems: Problems) -> None:
    """With require_copies, one warning per cited reference that has no stored copy."""
    cited = {ref.id: ref for briefing in resolved for ref in briefing.sources}
    for rid in sorted(cited):
        if rid not in corpus.copies:
            problems.warning(
                cited[rid].origin,
                f"{rid}: there is no stored copy of this reference, and parlbrief.yaml sets "
                f"require_copies - add sources/documents/{rid}.md with the passages cited",
            )


# --- comparing text -----------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text as quotations are compared: footnote markers out; quotes, dashes and spacing
    made alike; case kept."""
    text = _MARKERS.sub("", text).translate(_MARKS)
    return _DASH.sub("-", " ".join(text.split()))


def _passage_text(passage: Passage) -> str:
    return _normalised_passage(passage.text)


@lru_cache(maxsize=4096)
def _normalised_passage(text: str) -> str:
    """A passage as quotations are looked for in it (each is looked in many times)."""
    lines = [_GAP if _LEFT_OUT.fullmatch(line.strip()) else line for line in text.split("\n")]
    return normalise("\n".join(lines))


def quoted(quotation: str, passages: Sequence[Passage]) -> bool:
    """Whether a passage holds the quotation (its parts in order, where words are left out)."""
    parts = [normalise(part) for part in _LEFT_OUT.split(quotation)]
    return any(_in_order([p for p in parts if p], _passage_text(p)) for p in passages)


def _in_order(parts: list[str], text: str) -> bool:
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def shows(display: str, passages: Sequence[Passage]) -> bool:
    """Whether the passages print the figure: as displayed ('4,542', '74%'), or its
    number written another way ('about 1,700' as 'approximately 1700')."""
    shown = normalise(display.removeprefix("about "))
    text = " ".join(_passage_text(p) for p in passages)
    if shown in text:
        return True
    number = _NUMBER.search(shown)
    if number is None:
        return False
    wanted = Decimal(number[0].replace(",", ""))
    return any(Decimal(n.replace(",", "")) == wanted for n in _NUMBER.findall(text))


# --- messages -----------------------------------------------------------------------------


def no_passage(copy: StoredCopy, name: str) -> str:
    """Why a pinpoint is refused, naming what the copy has."""
    headings = [p.pinpoint for p in copy.passages if p.pinpoint]
    if len(headings) <= MAX_LISTED:
        has = f"it has {', '.join(headings)}" if headings else "it has no headed passages"
    else:
        has = f"the nearest are {', '.join(nearest_headings(headings, name))}"
    return (
        f"the stored copy has no passage '{name}' ({has}) - correct the pinpoint, "
        f"or copy the passage into {copy.origin.path}"
    )


def nearest_headings(headings: list[str], name: str, count: int = 3) -> list[str]:
    """The headings nearest `name`: by number for 'para 999', else by spelling."""
    word, _, number = passage_key(name).rpartition(" ")
    if number.isdigit():
        numbered = [
            (abs(int(n) - int(number)), h)
            for h in headings
            for w, _, n in [passage_key(h).rpartition(" ")]
            if w == word and n.isdigit()
        ]
        if numbered:
            return [h for _, h in sorted(numbered)[:count]]
    keys = {passage_key(h): h for h in headings}
    close = difflib.get_close_matches(passage_key(name), list(keys), n=count, cutoff=0.0)
    return [keys[k] for k in close]


def not_quoted(copy: StoredCopy, quotation: str, pinpointed: list[Passage]) -> str:
    """Why a quotation is refused: where else it is, or the nearest words there are."""
    shown = _shorten(quotation)
    where = _in(copy, pinpointed)
    elsewhere = [p for p in copy.passages if p not in pinpointed and quoted(quotation, [p])]
    if pinpointed and elsewhere:
        return (
            f"the quotation “{shown}” is not in {where} but in {_names(elsewhere)} "
            f"({elsewhere[0].origin}) - correct the pinpoint"
        )
    best = nearest_words(quotation, copy.passages)
    hint = ""
    if best is not None:
        passage, words = best
        if passage in pinpointed and len(pinpointed) == 1:
            hint = f"; the nearest words there are “{_shorten(words)}”"
        else:
            name = f"'{passage.pinpoint}'" if passage.pinpoint else "the copy"
            hint = f"; the nearest words are in {name} ({passage.origin}): “{_shorten(words)}”"
    return (
        f"the quotation “{shown}” is not in {where}{hint} - quote the source word for "
        "word, or correct the copy"
    )


def nearest_words(quotation: str, passages: Sequence[Passage]) -> tuple[Passage, str] | None:
    """The run of words in the passages most like the quotation (difflib's ratio).

    Bounded whatever the copy and the quotation: the quotation's first
    NEAREST_WORDS words are looked for, and difflib compares only the NEAREST_RUNS runs
    sharing the most words with them (found in one pass over the copy).
    """
    wanted_words = normalise(" ".join(_LEFT_OUT.split(quotation))).split()[:NEAREST_WORDS]
    wanted = " ".join(wanted_words)
    runs = _likeliest_runs(wanted_words, passages)
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(wanted)
    best: tuple[float, Passage | None, str] = (0.0, None, "")
    for passage, window in runs:
        matcher.set_seq1(window)
        if matcher.quick_ratio() > best[0] and (ratio := matcher.ratio()) > best[0]:
            best = (ratio, passage, window)
    return (best[1], best[2]) if best[1] is not None else None


#: How many of a quotation's words the nearest-words search looks for.
NEAREST_WORDS = 60
#: How many runs of a copy's words difflib compares with them.
NEAREST_RUNS = 50


def _likeliest_runs(wanted: list[str], passages: Sequence[Passage]) -> list[tuple[Passage, str]]:
    """The runs of len(wanted) words sharing the most words with `wanted`, in copy order."""
    size = max(1, len(wanted))
    scored: list[tuple[int, int, Passage, list[str], int]] = []
    for passage in passages:
        words = _passage_text(passage).replace(_GAP, " ").split()
        for start, shared in enumerate(_shared_counts(words, wanted, size)):
            scored.append((-shared, len(scored), passage, words, start))
    top = sorted(heapq.nsmallest(NEAREST_RUNS, scored)[:NEAREST_RUNS], key=lambda s: s[1])
    return [(passage, " ".join(words[start : start + size])) for _, _, passage, words, start in top]


def _shared_counts(words: list[str], wanted: list[str], size: int) -> Iterator[int]:
    """For each run of `size` words (or the one shorter run), how many words it shares
    with `wanted`, counted as multisets and updated word by word."""
    want = Counter(wanted)
    have: Counter[str] = Counter()
    shared = 0
    for index, word in enumerate(words):
        if have[word] < want[word]:
            shared += 1
        have[word] += 1
        if index >= size:
            gone = words[index - size]
            have[gone] -= 1
            if have[gone] < want[gone]:
                shared -= 1
        if index >= size - 1:
            yield shared
    if len(words) < size:
        yield shared


def _in(copy: StoredCopy, passages: Sequence[Passage]) -> str:
    """'the passage 'para 99' of the stored copy (path:line)', or 'the stored copy (path)'."""
    if not passages:
        return f"the stored copy ({copy.origin.path})"
    return f"{_names(passages)} of the stored copy ({passages[0].origin})"


def _names(passages: Sequence[Passage]) -> str:
    names = [f"'{p.pinpoint}'" for p in passages]
    if len(names) == 1:
        return f"the passage {names[0]}"
    return f"the passages {', '.join(names[:-1])} or {names[-1]}"


def _shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
