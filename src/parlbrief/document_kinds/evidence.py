"""Written evidence to a select committee (`template: evidence`): what the House of
Commons guidance asks of it, and its introduction about the organisation.

The guidance: no more than 3,000 words unless the inquiry says otherwise, a summary in
bullet points first, an introduction about the organisation, numbered paragraphs and
recommendations (https://www.parliament.uk/get-involved/committees/
how-do-i-submit-evidence-to-a-committee/).
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from parlbrief.errors import Problems
from parlbrief.model import Brand, Briefing
from parlbrief.resolve import ResolvedBriefing
from parlbrief.resolve.prose import figure_meta

#: The House of Commons guidance for written evidence: no more than 3,000 words unless
#: the inquiry says otherwise.
EVIDENCE_MAX_WORDS = 3000
#: A section with a heading that starts so is an evidence briefing's recommendations.
RECOMMENDATIONS = "recommendation"


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
    """The words of a briefing's body: summary, introduction, headings and sections;
    footnotes, sources and tables are not counted (nor questions, not printed)."""
    count = len(about_text(resolved.briefing, resolved.brand).split())
    if resolved.summary is not None:
        count += words(resolved.summary.tokens)
    for section in resolved.sections:
        count += len((section.heading or "").split()) + words(section.prose.tokens)
    return count


def check_evidence(resolved: ResolvedBriefing, problems: Problems) -> None:
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
    _recommendations_last(resolved, problems)
    if briefing.questions:
        problems.warning(
            briefing.at("questions"),
            "questions: written evidence does not print questions for ministers (they "
            "are a briefing's voice, not a submission's) - turn what they ask into "
            "recommendations, or remove 'questions:'",
        )


def _recommendations_last(resolved: ResolvedBriefing, problems: Problems) -> None:
    """Committees look for recommendations, and at the end."""
    found = recommendations_id(resolved)
    origin = resolved.briefing.origin
    if found is None:
        problems.warning(
            origin,
            "this written evidence has no recommendations: committees look for them - "
            "add a section with 'heading: Recommendations'",
        )
    elif resolved.sections[-1].id != found:
        problems.warning(
            origin,
            "this written evidence's recommendations are not its last section: "
            "committees look for them at the end - move that section to the end of "
            "'sections:'",
        )
