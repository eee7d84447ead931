"""Questions for ministers: the office each is tabled to, and its written form.

A briefing's questions are oral ("Will the Minister commit to X?"). An MP's office
tables written questions in the Table Office's form: "To ask the Secretary of State
for Justice, whether he will commit to X." A question gives its written form as
`written:`; without one, `derive` rewrites the oral question only when it fits one of
a few patterns exactly, and otherwise says it needs one (docs/questions.md has the
rules). Whom a question is to comes from its `to:`, read against the offices in
offices.yaml and the project's own (parlbrief.yaml `offices:`); 'the Minister' means
the project's `department:`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from markdown_it.token import Token

from parlbrief.errors import Problems
from parlbrief.load import Corpus
from parlbrief.model import Office, Question, Settings
from parlbrief.resolve.prose import citation_meta, figure_meta
from parlbrief.resolve.resolved import Prose, ResolvedBriefing

#: How every written question begins.
WRITTEN_START = "To ask the"
#: Addressees that name no office: they mean the project's `department`.
GENERIC = frozenset({"minister", "ministers", "government"})


@cache
def builtin_offices() -> tuple[Office, ...]:
    """The offices that ship with parlbrief (offices.yaml beside this module)."""
    text = resources.files("parlbrief").joinpath("offices.yaml").read_text(encoding="utf-8")
    return tuple(Office.model_validate(entry) for entry in yaml.safe_load(text))


def _name(text: str) -> str:
    """A name as compared: lower case, single spaces, without a leading 'the'."""
    folded = " ".join(text.casefold().split())
    return folded.removeprefix("the ")


@dataclass(frozen=True)
class Offices:
    """The offices a project's questions may be put to, found by any of their names."""

    by_name: dict[str, Office]
    default: Office | None
    """The office 'the Minister' means (the project's `department`), if it names one."""

    @classmethod
    def of(cls, settings: Settings) -> Offices:
        """The built-in offices with the project's added (the same id replaces one)."""
        chosen = {o.id: o for o in builtin_offices()} | {o.id: o for o in settings.offices}
        by_name: dict[str, Office] = {}
        for office in chosen.values():
            for name in (office.id, office.ask, office.department, *office.names):
                by_name.setdefault(_name(name), office)
        found = cls(by_name, None)
        default = found.find(settings.department) if settings.department else None
        return cls(by_name, default)

    def find(self, to: str) -> Office | None:
        """The office `to` names; None for 'the Minister' or a name not known."""
        return self.by_name.get(_name(to))

    def suggest(self, to: str) -> str | None:
        """How the office whose name is closest to `to` is addressed, for "did you mean"."""
        close = difflib.get_close_matches(_name(to), list(self.by_name), n=1, cutoff=0.6)
        return self.by_name[close[0]].ask if close else None

    def answering(self, question: Question) -> Office | None:
        """Who answers `question`: its `to`, else the office its written form asks,
        else (for 'the Minister') the project's department."""
        office = self.find(question.to)
        if office is None and question.written:
            office = self.asked_in(question.written)
        if office is None and _name(question.to) in GENERIC:
            office = self.default
        return office

    def asked_in(self, written: str) -> Office | None:
        """The office a written form addresses ('To ask the Secretary of State for
        Justice, ...'), if it is one of these."""
        head, comma, _ = written.partition(",")
        if not comma or not head.startswith("To ask "):
            return None
        return self.find(head.removeprefix("To ask "))


# Written forms derived from oral questions ------------------------------------------

#: The minister, as an oral question names them.
_MINISTER = r"the (?:Minister|Secretary of State)"
#: Oral openings parlbrief rewrites, each with its written form ({who}: the pronoun).
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(oral), written)
    for oral, written in (
        (rf"Will {_MINISTER} (?P<rest>.+)\?", "whether {who} will {rest}"),
        (r"Will the Government (?P<rest>.+)\?", "whether the Government will {rest}"),
        (
            rf"What assessment has {_MINISTER} made (?P<rest>.+)\?",
            "what assessment {who} has made {rest}",
        ),
        (rf"What steps is {_MINISTER} taking (?P<rest>.+)\?", "what steps {who} is taking {rest}"),
        (rf"What steps will {_MINISTER} take (?P<rest>.+)\?", "what steps {who} will take {rest}"),
        (rf"What plans does {_MINISTER} have (?P<rest>.+)\?", "what plans {who} has {rest}"),
        (r"How many (?P<rest>.+)\?", "how many {rest}"),
        (r"How much (?P<rest>.+)\?", "how much {rest}"),
    )
)  # fmt: skip
#: What makes the rest of a question unsafe to carry over as it is: a second sentence
#: or question, or a word for the minister that would need rewriting.
_UNSAFE = re.compile(
    r"[?!;:]|\.\s|\b(?:Minister|Secretary of State|Government|he|she|his|her|him)\b"
    r"|,?\s(?:and|or|but)\s(?:what|how|when|why|where|whether|which|who|will|would|does|do"
    r"|did|is|are|has|have|can|could|should)\b"
)


#: An auxiliary verb followed by its subject: a direct question's word order ("How
#: much has the new layer of management cost?"), which a written question, asking
#: indirectly, turns round ("how much the new layer of management has cost").
_INVERTED = re.compile(
    r"\b(?P<aux>has|have|had|does|do|did|is|are|was|were|will|would|can|could|should"
    r"|shall|may|might|must)\s+(?P<subject>(?:the|a|an|this|that|these|those|its|their"
    r"|our|your|my|it|they|we|you|there)\b|[A-Z]\w*)"
)
#: The openings whose rest is carried over as it is, so must already be indirect.
_HOW = re.compile(r"How (?:many|much) ")


def direct_order(oral: str) -> str | None:
    """The words that put a 'How many/much' question in direct order ('has the'), or
    None: carried over, they would make an ungrammatical written question."""
    text = " ".join(oral.split())
    if _HOW.match(text) is None:
        return None
    found = _INVERTED.search(text)
    return f"{found['aux']} {found['subject']}" if found else None


def derive(oral: str, office: Office) -> str | None:
    """The written form of `oral` put to `office`, or None unless a pattern fits exactly.

    "Will the Minister commit to X?" -> "To ask the Secretary of State for Justice,
    whether he will commit to X." Anything else (two questions in one, a question
    that names the minister again, an opening not in PATTERNS, a "How much has the
    ... cost?" in direct order) is left to a person.
    """
    text = " ".join(oral.split())
    for pattern, written in PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        rest = match["rest"]
        if _UNSAFE.search(rest) or direct_order(text) is not None:
            return None
        clause = written.format(who=office.pronoun, rest=rest)
        return f"To ask {office.ask}, {clause}."
    return None


@dataclass(frozen=True)
class WrittenQuestion:
    """One question as an MP's office tables it, or why it cannot be yet."""

    id: str
    oral: str
    """The question as the briefing prints it, in plain text."""
    office: Office | None
    written: str | None
    made: Literal["given", "derived", "none"]
    """Where `written` came from: the question's `written:`, derived, or nowhere."""
    note: str | None = None
    """Why there is no written form, and what to do."""


def written_questions(resolved: ResolvedBriefing, settings: Settings) -> list[WrittenQuestion]:
    """The briefing's questions, each with its office and written form (if any)."""
    offices = Offices.of(settings)
    items = {q.id: q for q in resolved.question_items}
    return [
        _written(items[q.id], plain_text(q.prose), offices)
        for q in resolved.questions
        if q.id in items
    ]


def _written(question: Question, oral: str, offices: Offices) -> WrittenQuestion:
    office = offices.answering(question)
    if question.written:
        return WrittenQuestion(question.id, oral, office, question.written, "given")
    if office is None:
        note = (
            f"no office to table it to: '{question.to}' names none - give the question "
            "`to:` (an office, such as Justice) or the project `department:` in parlbrief.yaml"
        )
        return WrittenQuestion(question.id, oral, None, None, "none", note)
    derived = derive(oral, office)
    if derived is None:
        return WrittenQuestion(question.id, oral, office, None, "none", _not_ready(oral, office))
    return WrittenQuestion(question.id, oral, office, derived, "derived")


def _not_ready(oral: str, office: Office) -> str:
    """Why an oral question has no derived written form, and what to do."""
    words = direct_order(oral)
    if words is not None:
        how = " ".join(oral.split()[:2]).lower()
        return (
            f"needs a written form: the oral question asks directly ('{how} {words} "
            "...'), but a written question asks indirectly, with the subject before its "
            "verb (as in 'how much the scheme has cost', not 'how much has the scheme "
            "cost'), which parlbrief does not rewrite - add "
            f"`written: To ask {office.ask}, {how} ...` to the question"
        )
    return (
        "needs a written form: the oral question does not fit a pattern parlbrief "
        f"rewrites safely - add `written: {WRITTEN_START} ...` to the question"
    )


def by_department(
    questions: list[WrittenQuestion],
) -> list[tuple[Office | None, list[WrittenQuestion]]]:
    """The questions grouped by the office that answers, in order of first appearance;
    those with no office last."""
    groups: dict[str | None, tuple[Office | None, list[WrittenQuestion]]] = {}
    for q in questions:
        key = q.office.id if q.office else None
        groups.setdefault(key, (q.office, []))[1].append(q)
    return sorted(groups.values(), key=lambda g: g[0] is None)


# Plain text of prose --------------------------------------------------------------


def plain_text(prose: Prose, paragraph_break: str = " ") -> str:
    """Prose as plain text: figures as printed, citations left out (their notes are in
    the briefing), paragraphs joined by `paragraph_break`."""
    paragraphs: list[str] = []
    for token in prose.tokens:
        if token.type == "inline" and token.children is not None:
            words = "".join(_inline_text(child) for child in token.children)
            paragraphs.append(" ".join(words.split()))
    return paragraph_break.join(p for p in paragraphs if p)


def _inline_text(token: Token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.type == "figure":
        return figure_meta(token).get("display", "")
    if token.type == "citation":
        return token.markup if "problem" in citation_meta(token) else ""
    if token.type == "image":
        return token.content
    return ""


# What `check` says -------------------------------------------------------------------


def check_questions(corpus: Corpus, problems: Problems) -> None:
    """Warn on a written form not in the Table Office's form, and a `to:` or project
    `department:` that names no office (saying the closest that does)."""
    settings = corpus.settings
    offices = Offices.of(settings)
    if settings.department and offices.default is None:
        problems.warning(
            settings.at("department"),
            f"department: '{settings.department}' is not an office parlbrief knows"
            f"{_did_you_mean(offices, settings.department)}",
        )
    for question in sorted(corpus.questions.values(), key=lambda q: q.id):
        _check_question(question, offices, problems)


def _check_question(question: Question, offices: Offices, problems: Problems) -> None:
    if question.written is not None and not question.written.startswith(WRITTEN_START):
        problems.warning(
            question.at("written"),
            f"written: a written question begins '{WRITTEN_START}' and names the office "
            "it is tabled to ('To ask the Secretary of State for Justice, what ...') - "
            "rewrite it in that form",
        )
    if _name(question.to) in GENERIC or offices.find(question.to) is not None:
        return
    problems.warning(
        question.at("to"),
        f"to: '{question.to}' is not an office parlbrief knows"
        f"{_did_you_mean(offices, question.to)}",
    )


def _did_you_mean(offices: Offices, wanted: str) -> str:
    close = offices.suggest(wanted)
    hint = f" - did you mean '{close}'?" if close else " -"
    return (
        f"{hint} (the offices are listed in docs/questions.md; add your own under "
        "`offices:` in parlbrief.yaml)"
    )
