"""What each sentence of a briefing rests on: a note, a signal, the organisation's own
word, or nothing (`parlbrief claims ID`, and a line of `parlbrief check`).

A briefing's authority is its notes: a sentence that states a number, a date, a
quotation or a comparison without a note rests on the organisation's own word, and an
editor should see at a glance which those are. So should they see each note whose
support is only by signal ("See", "Cf"): OSCOLA's way of saying that the source does
not state the claim itself. A sentence the organisation means as its own position is
marked `[our position]` after it (see `parlbrief.resolve.prose.OWN_POSITION`): it is
then listed as such, not as resting on no source.

Sentences are read from the resolved prose of the summary and the sections (questions
ask, and tables and panels note every figure), split after a full stop, question mark
or exclamation mark; the notes called straight after a sentence's closing mark are its
notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from markdown_it.token import Token

from parlbrief.errors import Origin
from parlbrief.resolve.placement import call_meta
from parlbrief.resolve.prose import citation_meta, figure_meta
from parlbrief.resolve.resolved import Prose, ResolvedBriefing

ClaimKind = Literal["unsourced", "signal", "own"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}} )?(?:{_MONTHS}) (?:\d{{4}})\b|\b(?:1[89]|20)\d{{2}}(?:/\d{{2}})?\b"
)
_NUMBER = re.compile(
    r"\d|\b(?:hundreds?|thousands?|millions?|billions?|dozens?|half|twice|per cent|percent)\b",
    re.IGNORECASE,
)
_QUOTATION = re.compile(r"“[^”]+”|\"[^\"]+\"")
_COMPARISON = re.compile(
    r"\b(?:more|fewer|less|greater|higher|lower|larger|smaller|bigger|worse|better"
    r"|longer|shorter)\b.*?\bthan\b"
    r"|\b(?:increased?|increases|decreased?|decreases|rose|risen|rising|fell|fallen"
    r"|falling|doubled|halved|tripled|trebled|grew|grown|compared)\b"
    r"|\b(?:most|least|highest|lowest|largest|smallest|biggest|worst|best)\b",
    re.IGNORECASE,
)
#: The end of a sentence: its mark, with any closing quotation marks or brackets.
_SENTENCE_END = re.compile(r"[.?!][”’\"')\]]*(?=\s|$)")


@dataclass(frozen=True)
class Claim:
    """A sentence an editor should look at, and why."""

    origin: Origin
    """Where it is written: the file and the line the sentence starts on."""
    text: str
    """The sentence as printed (figures as printed, without its note calls)."""
    kind: ClaimKind
    """'unsourced' (no note), 'signal' (its notes support it only by signal) or
    'own' (marked as the organisation's own position)."""
    states: tuple[str, ...] = ()
    """What it states that wants a source: 'a number', 'a date', 'a quotation',
    'a comparison'."""
    notes: tuple[int, ...] = ()
    """The notes it calls (for a signal, those notes)."""
    signals: tuple[str, ...] = ()
    """The signals its notes open with ('See', 'Cf')."""


def claims(resolved: ResolvedBriefing) -> list[Claim]:
    """The sentences of a briefing that rest on no source, on a signal only, or on the
    organisation's own word, in reading order."""
    found = [c for p in resolved.body_prose() for c in _prose_claims(p)]
    return found


def unique(found: Iterable[Claim]) -> list[Claim]:
    """Each claim once (the variants of a briefing share their sentences' lines)."""
    seen: dict[tuple[str, int | None, str, ClaimKind], Claim] = {}
    for claim in found:
        seen.setdefault((claim.origin.path, claim.origin.line, claim.text, claim.kind), claim)
    return list(seen.values())


def what_it_states(text: str, figures: bool = False) -> tuple[str, ...]:
    """What a sentence states that wants a source, in a fixed order."""
    undated = _DATE.sub("", text)
    found = {
        "a number": figures or bool(_NUMBER.search(undated)),
        "a date": bool(_DATE.search(text)),
        "a quotation": bool(_QUOTATION.search(text)),
        "a comparison": bool(_COMPARISON.search(text)),
    }
    return tuple(name for name, present in found.items() if present)


@dataclass
class _Sentence:
    """A sentence being read: its words, its notes and how they support it."""

    line: int | None
    parts: list[str] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)
    direct: bool = False
    """Whether some note supports it without a signal."""
    own: bool = False
    figures: bool = False
    ended: bool = False

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def _prose_claims(prose: Prose) -> Iterator[Claim]:
    heading = False
    for block in prose.tokens:
        if block.type == "inline" and block.children and not heading:
            line = None
            if prose.first_line is not None and block.map is not None:
                line = prose.first_line + block.map[0]
            for sentence in _sentences(block.children, line):
                claim = _claim(sentence, prose.origin.path)
                if claim is not None:
                    yield claim
        heading = block.type == "heading_open"


def _sentences(children: list[Token], line: int | None) -> list[_Sentence]:
    """A paragraph's sentences, each with the notes called in it or just after it."""
    done: list[_Sentence] = []
    current = _Sentence(line)
    for child in children:
        if child.type == "text":
            current = _text(child.content, current, done, line)
        elif child.type in ("softbreak", "hardbreak"):
            current.parts.append(" ")
            line = None if line is None else line + 1
            if current.ended:
                done.append(current)
                current = _Sentence(line)
        else:
            _token(child, current)
    done.append(current)
    return [s for s in done if s.text]


def _text(text: str, current: _Sentence, done: list[_Sentence], line: int | None) -> _Sentence:
    """Add `text` to the sentence, starting a new one (on `line`) after each sentence's
    end."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    at = 0
    for end in [*ends, len(text)]:
        piece, at = text[at:end], end
        if current.ended and piece.strip():
            done.append(current)
            current = _Sentence(line)
        current.parts.append(piece)
        current.ended = current.ended or (end in ends)
    return current


def _token(token: Token, sentence: _Sentence) -> None:
    """A figure, a note call or inline code in the sentence."""
    if token.type == "code_inline":
        sentence.parts.append(token.content)
    elif token.type == "figure":
        sentence.parts.append(figure_meta(token).get("display", ""))
        sentence.figures = True
    elif token.type == "figure_call":
        note = call_meta(token).get("note")
        if note is not None:
            sentence.notes.append(note)
            sentence.direct = True
    elif token.type == "citation":
        _citation(token, sentence)


def _citation(token: Token, sentence: _Sentence) -> None:
    meta = citation_meta(token)
    if meta.get("own"):
        sentence.own = True
    note = meta.get("note")
    if note is None:
        return
    sentence.notes.append(note)
    prefixes = [cite.prefix for cite in meta["cites"]]
    if prefixes and all(prefixes):
        sentence.signals.append(prefixes[0][:1].upper() + prefixes[0][1:])
    else:
        sentence.direct = True


def _claim(sentence: _Sentence, path: str) -> Claim | None:
    """What to list about a sentence, or None when its notes support it directly or it
    states nothing that wants a source."""
    origin = Origin(path, sentence.line)
    states = what_it_states(sentence.text, sentence.figures)
    if sentence.own:
        return Claim(origin, sentence.text, "own", states, tuple(sentence.notes))
    if sentence.notes:
        if sentence.direct or sentence.figures:
            return None
        notes, signals = tuple(sentence.notes), tuple(sentence.signals)
        return Claim(origin, sentence.text, "signal", states, notes, signals)
    if not states:
        return None
    return Claim(origin, sentence.text, "unsourced", states)
