"""Kinds of document (`template:` on a briefing) and the rules each kind keeps.

A kind is a template: `<kind>.html.j2` (and, if there is one, `<kind>.css`, added
after briefing.css) on the template search path, so a project adds a kind of its own by
putting a template of that name in its templates/ folder. Every kind is given the same
resolved briefing; only the layout and the rules `check` holds it to differ:

- briefing   the parliamentary briefing (the default)
- one-pager  one side of A4; a build that runs onto a second page fails (write.pages)
- evidence   written evidence to a select committee: the Commons guidance's rules
- letter     a letter to an MP, one per row of a table of MPs with `variants`

See docs/kinds.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token

from parlbrief.errors import Problems
from parlbrief.load import Corpus
from parlbrief.load.data import DataRow
from parlbrief.model import Brand, Briefing, Recipient
from parlbrief.resolve import ResolvedBriefing
from parlbrief.resolve.leftovers import find_leftover_markup
from parlbrief.resolve.prose import figure_meta

#: parlbrief's own kinds, in the order they are named in messages.
BUILTIN_KINDS = ("briefing", "one-pager", "evidence", "letter")
DEFAULT_KIND = "briefing"
_SUFFIX = ".html.j2"
#: Templates that are parts of a page, not a kind: the shared frame and partials (_*).
_NOT_KINDS = frozenset({"base"})

#: The House of Commons guidance for written evidence: no more than 3,000 words unless
#: the inquiry says otherwise (https://www.parliament.uk/get-involved/committees/
#: how-do-i-submit-evidence-to-a-committee/).
EVIDENCE_MAX_WORDS = 3000
#: A section with a heading that starts so is an evidence briefing's recommendations.
RECOMMENDATIONS = "recommendation"
#: Columns of a letter's variants table that fill in its recipient.
RECIPIENT_COLUMNS = ("name", "title", "constituency", "salutation")


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


@dataclass(frozen=True)
class Addressee:
    """A letter's recipient as printed: name, constituency, greeting and close."""

    name: str | None
    title: str | None
    constituency: str | None
    salutation: str
    close: str


def addressee(recipient: Recipient | None, row: DataRow | None) -> Addressee:
    """Whom a letter is to: the variant row's columns, else the briefing's `recipient`.

    The greeting follows one simple, documented rule: "Dear" with the title and the
    surname (the last word of the name), "Dear Ms Smith"; without a title, the whole
    name; without a name, "Dear Sir or Madam", closed "Yours faithfully" (else "Yours
    sincerely"). A `salutation` overrides the rule where custom differs ("Dear Sir
    Keir": a knight is greeted by his first name).
    """
    cells = dict(row.cells) if row is not None else {}

    def field(name: str) -> str | None:
        value = cells.get(name, "").strip() or getattr(recipient, name, None)
        return str(value) if value else None

    name, title = field("name"), field("title")
    greeting = field("salutation")
    if greeting is None:
        surname = name.split()[-1] if name else None
        greeting = (
            f"Dear {title} {surname}" if title and surname else f"Dear {name or 'Sir or Madam'}"
        )
    elif not greeting.casefold().startswith("dear "):
        greeting = f"Dear {greeting}"
    close = "Yours sincerely" if name else "Yours faithfully"
    return Addressee(name, title, field("constituency"), greeting, close)


def about_text(briefing: Briefing, brand: Brand) -> str:
    """Evidence's introduction: the briefing's `about`, the brand's, or its tagline."""
    if briefing.about:
        return briefing.about
    if brand.about:
        return brand.about
    if brand.tagline:
        tagline = brand.tagline
        # "The Trade Union ..." reads "Napo is the Trade Union ..." in a sentence.
        if tagline.startswith("The "):
            tagline = "the " + tagline[4:]
        return f"{brand.name} is {tagline.rstrip('.')}."
    return f"This evidence is submitted by {brand.name}."


def recommendations_id(resolved: ResolvedBriefing) -> str | None:
    """The id of the section headed "Recommendations" (or "Recommendation ..."), if any."""
    for section in resolved.sections:
        if section.heading and section.heading.casefold().startswith(RECOMMENDATIONS):
            return section.id
    return None


def words(tokens: Sequence[Token]) -> int:
    """Words of text in resolved prose: what is printed in the body, notes left out."""
    count = 0
    for token in tokens:
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                count += len(child.content.split())
            elif child.type == "figure":
                count += len(str(figure_meta(child).get("display", "")).split())
    return count


def body_words(resolved: ResolvedBriefing) -> int:
    """The words of a briefing's body: summary, introduction, headings, sections and
    questions; footnotes, sources and tables are not counted."""
    count = len(about_text(resolved.briefing, resolved.brand).split())
    if resolved.summary is not None:
        count += words(resolved.summary.tokens)
    for section in resolved.sections:
        count += len((section.heading or "").split()) + words(section.prose.tokens)
    return count + sum(words(q.prose.tokens) for q in resolved.questions)


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
        kind = output.briefing.template
        if kind == "evidence" and output.briefing.id not in said:
            said.add(output.briefing.id)
            _evidence_rules(output, problems)
        elif kind == "letter":
            _letter_rules(output, problems)


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


def _evidence_rules(resolved: ResolvedBriefing, problems: Problems) -> None:
    """The Commons guidance: at most 3,000 words, a summary first, recommendations."""
    briefing = resolved.briefing
    count = body_words(resolved)
    if count > EVIDENCE_MAX_WORDS:
        problems.warning(
            briefing.origin,
            f"this written evidence runs to {count:,} words of body text (notes not "
            f"counted); the Commons asks for no more than {EVIDENCE_MAX_WORDS:,} unless the "
            "inquiry says otherwise - cut it, or check the inquiry's own limit",
        )
    if resolved.summary is None:
        problems.warning(
            briefing.origin,
            "this written evidence has no summary: the Commons asks it to begin with a "
            "summary in bullet points (and the Lords for a one-page summary when it runs "
            "over six pages) - add 'summary:' as a Markdown list",
        )
    if recommendations_id(resolved) is None:
        problems.warning(
            briefing.origin,
            "this written evidence has no recommendations: committees look for them - "
            "add a section with 'heading: Recommendations'",
        )


def _letter_rules(resolved: ResolvedBriefing, problems: Problems) -> None:
    """A letter names whom it is to, or says plainly that it does not."""
    row = resolved.variant.row if resolved.variant else None
    if addressee(resolved.briefing.recipient, row).name is None:
        where = row.origin if row is not None else resolved.briefing.origin
        columns = ", ".join(RECIPIENT_COLUMNS)
        problems.warning(
            where,
            "this letter has no recipient's name, so it begins 'Dear Sir or Madam' - give "
            f"'recipient: {{name: ...}}' (or, with variants, the columns {columns})",
        )
