"""Kinds of document (`template:` on a briefing): one table, DOCUMENT_KINDS.

Every kind is given the same resolved briefing; what differs is in its entry:

- its template, `<kind>.html.j2`, and its stylesheet, `<kind>.css` (added after
  briefing.css), both on the template search path (render.kind_fields);
- its rules, what `check` holds each output to (evidence.py, letter.py);
- its page limit, the most pages its PDF may run to (measured by write.layout);
- its Word treatment, how write.docx lays it out.

A built-in kind is one entry below, its template and CSS in parlbrief/templates/ and,
if it has rules, a module of its own here. A project adds a kind of its own by putting
`templates/<kind>.html.j2` in its folder: it has no rules or page limit of parlbrief's
(its template may declare a limit) and is a briefing in Word. See docs/kinds.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from parlbrief.document_kinds.evidence import check_evidence
from parlbrief.document_kinds.letter import check_letter
from parlbrief.errors import Problems
from parlbrief.load import Corpus
from parlbrief.model import Briefing
from parlbrief.resolve import ResolvedBriefing
from parlbrief.resolve.leftovers import find_leftover_markup

#: A kind's rules: what `check` finds in one output of that kind, added to `problems`.
Rules = Callable[[ResolvedBriefing, Problems], None]
#: How write.docx lays a kind out in Word (see DocumentKind.word).
WordLayout = Literal["briefing", "evidence", "letter", "one-pager"]
DEFAULT_KIND = "briefing"
_SUFFIX = ".html.j2"
#: Templates that are parts of a page, not a kind: the shared frame and partials (_*).
_NOT_KINDS = frozenset({"base"})


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its template, its rules, its page limit, its Word form."""

    name: str
    """What a briefing's `template:` says: 'briefing', 'evidence'."""
    rules: Rules | None = None
    """What `check` holds each output of this kind to (warnings or errors)."""
    once_per_briefing: bool = False
    """The rules look at a briefing's first output only, not at each of its variants."""
    max_pages: int | None = None
    """The most pages its PDF may run to: a PDF that runs over is not written."""
    word: WordLayout = "briefing"
    """Its Word treatment, laid out as its PDF is (write.docx): 'evidence' headed,
    dated, summary, About, and every paragraph numbered 1, 2, 3 ... across sections in
    one live Word list, without the brand's colours; 'letter' with a letterhead, the
    MP's address, date, greeting, close and signature (write.docx_kinds); 'one-pager'
    a branded sheet, the figures first and the ask boxed; 'briefing' a briefing."""

    @property
    def numbered_paragraphs(self) -> bool:
        """Its paragraphs are numbered (written evidence: in the PDF by its stylesheet)."""
        return self.word == "evidence"

    @property
    def template(self) -> str:
        """The template file it is laid out by: 'evidence' -> 'evidence.html.j2'."""
        return template_name(self.name)

    @property
    def stylesheet(self) -> str | None:
        """Its own stylesheet, added after briefing.css: None for the briefing, whose
        stylesheet briefing.css is."""
        return None if self.name == DEFAULT_KIND else f"{self.name}.css"


#: parlbrief's own kinds, in the order they are named in messages.
DOCUMENT_KINDS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        # The parliamentary briefing: before a debate or a vote.
        DocumentKind(DEFAULT_KIND),
        # One side of A4 for one constituency or region.
        DocumentKind("one-pager", max_pages=1, word="one-pager"),
        # Written evidence to a select committee, as the Commons guidance asks.
        DocumentKind("evidence", rules=check_evidence, once_per_briefing=True, word="evidence"),
        # A letter to an MP, one per row of a table of MPs with `variants`.
        DocumentKind("letter", rules=check_letter, word="letter"),
        # Several briefings bound into one for a debate, with a cover and contents
        # (`include:`; parlbrief.resolve.packs).
        DocumentKind("pack"),
    )
}
BUILTIN_KINDS = tuple(DOCUMENT_KINDS)


def document_kind(name: str) -> DocumentKind:
    """The entry for the kind `name`: parlbrief's own, else a kind of the project's."""
    return DOCUMENT_KINDS.get(name) or DocumentKind(name)


def template_name(kind: str) -> str:
    """The template file a kind is laid out by: 'evidence' -> 'evidence.html.j2'."""
    return kind + _SUFFIX


def known_kinds(template_dirs: Iterable[Path]) -> list[str]:
    """parlbrief's kinds, then any of the project's own (templates/<kind>.html.j2)."""
    found = {
        path.name[: -len(_SUFFIX)]
        for folder in template_dirs
        for path in folder.glob("*" + _SUFFIX)
        if path.is_file()
    }
    own = sorted(k for k in found - set(BUILTIN_KINDS) if k not in _NOT_KINDS)
    return [*BUILTIN_KINDS, *(k for k in own if not k.startswith("_"))]


def check_kinds(
    corpus: Corpus,
    resolved: Iterable[ResolvedBriefing],
    template_dirs: Sequence[Path],
    problems: Problems,
) -> None:
    """Each briefing's kind exists, and each output keeps its kind's rules."""
    known = known_kinds(template_dirs)
    for briefing in corpus.briefings.values():
        if briefing.template not in known:
            problems.error(
                briefing.at("template"),
                f"template: there is no kind of document called '{briefing.template}' "
                f"(known: {', '.join(known)}) - use one of these, or add "
                f"templates/{template_name(briefing.template)}",
            )
        _plain_fields(briefing, problems)
    said: set[str] = set()
    for output in resolved:
        kind = document_kind(output.briefing.template)
        if kind.rules is None or output.briefing.id in said:
            continue
        if kind.once_per_briefing:
            said.add(output.briefing.id)
        kind.rules(output, problems)


def _plain_fields(briefing: Briefing, problems: Problems) -> None:
    """`about` and `ask` are printed as typed: citation markup there is an error."""
    for name in ("about", "ask"):
        value = getattr(briefing, name)
        found = find_leftover_markup(value) if value else []
        if found:
            problems.error(
                briefing.at(name),
                f"{name}: {found[0].markup!r} is printed as typed here: citations and "
                "figures work only in prose (a summary, a section's text, an argument) - "
                "move it there or reword it",
            )
