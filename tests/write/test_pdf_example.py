"""Stage 5, write: Briefing 5's PDF, read back by its text as an MP's office would see it.

The example project is built once per session (see `example_build` in conftest). The
PDF must carry every paragraph and bullet of the Napo briefing it reproduces
(/work/shared/seeds/000_664c224a771956b2.txt, kept here as SEED), its four questions,
footnotes each on the page of its call, a Sources list, and its metadata; and two
builds must give the same bytes.

Text is compared as normalised words (lower case, letters and digits only), because a
PDF's text comes back with line breaks, running heads and page-foot notes in between,
and with each note's call number glued to the word before it ("trusts.2", "4,5424").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest
from markupsafe import Markup
from pypdf import PdfReader

from parlbrief.check import Checked, check
from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from parlbrief.resolve import ResolvedBriefing
from parlbrief.resolve.pinpoints import expand, split_locator
from tests.conftest import EXAMPLE_BRIEFING, REPO, ExampleBuild, render_page

#: The Napo briefing the example reproduces, as published (typos and all).
SEED = Path(__file__).resolve().parent / "briefing-5-seed.txt"

#: How the reproduction's frame (the briefing's `provenance`) lists each slip it corrects:
#: “as published” (to “as corrected”), or “as published” (“as corrected”).
LISTED_CORRECTION = re.compile(r"“([^”]+)” \((?:to )?“([^”]+)”\)")

#: The slips in Napo's text that the example corrects, each once: (as published, as
#: corrected). The frame must list exactly these; a correction made without being listed
#: leaves a seed paragraph missing from the PDF, and the test of the seed's paragraphs fails.
CORRECTIONS: list[tuple[str, str]] = [
    ("at time", "at times"),
    ("from3rd", "from 3rd"),
    ("the are they live in", "the area they live in"),
    ("such Cornwall", "such as Cornwall"),
    ("pressure of staff", "pressure on staff"),
    ("mistake being made", "mistakes being made"),
    ("have a arisen", "have arisen"),
    ("National Official Press", "National Official, Press"),
]

#: Words allowed between two words of one paragraph once notes and running heads are
#: taken out: a call number after punctuation ("trusts. 2"), a question's number.
MAX_GAP = 2


# --- reading text ----------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-case runs of letters and digits; ligatures and curly quotes undone."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return re.findall(r"[a-z0-9]+", text)


def squash(text: str) -> str:
    """Letters and digits only, no spaces: immune to line breaks and glued call numbers."""
    return "".join(words(text))


def plain(markup: str) -> str:
    return Markup(markup).striptags()


@cache
def pages(pdf: Path) -> tuple[str, ...]:
    return tuple(page.extract_text() for page in PdfReader(pdf).pages)


def same_word(found: str, wanted: str) -> bool:
    """`found` is `wanted`, perhaps with a note's call number glued on ("5424" for 542)."""
    return found == wanted or (found.startswith(wanted) and found[len(wanted) :].isdigit())


def contains_in_order(haystack: Sequence[str], needle: Sequence[str], max_gap: int) -> bool:
    """Whether `needle`'s words occur in `haystack` in order, at most `max_gap` apart."""
    starts = [i for i, word in enumerate(haystack) if same_word(word, needle[0])]
    for start in starts:
        at = start
        for wanted in needle[1:]:
            window = range(at + 1, min(at + 2 + max_gap, len(haystack)))
            at = next((k for k in window if same_word(haystack[k], wanted)), -1)
            if at < 0:
                break
        else:
            return True
    return False


def seed_blocks() -> list[str]:
    """The seed's paragraphs and bullets, each as one line, typos corrected."""
    text = SEED.read_text(encoding="utf-8")
    for published, corrected in CORRECTIONS:
        assert text.count(published) == 1, f"not once in the seed: {published!r}"
        text = text.replace(published, corrected)
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        for item in re.split(r"\n(?=- )", chunk.strip()):
            item = " ".join(item.removeprefix("- ").split())
            if item:
                blocks.append(item)
    return blocks


# --- the example's notes ----------------------------------------------------------------


@pytest.fixture(scope="module")
def checked() -> Checked:
    return check(Project.at(REPO))


@pytest.fixture(scope="module")
def resolved(checked: Checked) -> ResolvedBriefing:
    return checked.resolved[EXAMPLE_BRIEFING]


@pytest.fixture(scope="module")
def print_html(checked: Checked) -> str:
    """The HTML WeasyPrint lays out: each note's text inline at its call."""
    return render_page(checked, EXAMPLE_BRIEFING, "pdf")


def call_contexts(print_html: str) -> dict[int, str]:
    """For each note: the body text just before its call, squashed, earlier calls kept."""
    footnote = re.compile(r'<span class="footnote" id="fn-(\d+)">(?:(?!</span>).)*</span>', re.S)
    contexts: dict[int, str] = {}
    body = print_html[print_html.index("<body") :]
    position, text_so_far = 0, ""
    for match in footnote.finditer(body):
        text_so_far += plain(re.sub(r"<[^>]+>", " ", body[position : match.start()]))
        contexts[int(match.group(1))] = squash(text_so_far)[-24:]
        text_so_far += match.group(1)  # the call's number stays in the text
        position = match.end()
    return contexts


def pages_with(pdf: Path, needle: str) -> list[int]:
    return [i for i, text in enumerate(pages(pdf)) if needle in squash(text)]


def call_page(pdf: Path, number: int, context: str) -> list[int]:
    """Pages showing the words before a call with its number glued on; longest context first."""
    for length in (24, 12, 6):
        found = pages_with(pdf, context[-length:] + str(number))
        if found:
            return found
    return []


def note_page(pdf: Path, number: int, body: str) -> list[int]:
    """Pages whose foot starts note `number`: its number, then its first words."""
    return pages_with(pdf, (str(number) + squash(plain(body)))[:48])


# --- the tests --------------------------------------------------------------------------


def test_every_paragraph_and_bullet_of_the_seed_is_in_the_pdf(
    example_build: ExampleBuild, resolved: ResolvedBriefing
) -> None:
    pdf = example_build.pdf()
    body = body_words(pdf, resolved)
    missing = [
        block for block in seed_blocks() if not contains_in_order(body, words(block), MAX_GAP)
    ]
    assert missing == [], "not in the PDF:\n" + "\n".join(missing)


def running_lines(pdf: Path) -> set[str]:
    """Lines printed on more than one page (running heads and feet), page numbers ignored."""
    seen: dict[str, int] = {}
    for text in pages(pdf):
        for line in {re.sub(r"\d+", "#", line.strip()) for line in text.splitlines()}:
            seen[line] = seen.get(line, 0) + 1
    return {line for line, count in seen.items() if count > 1 and line}


def body_words(pdf: Path, resolved: ResolvedBriefing) -> list[str]:
    """The PDF's words without running heads and feet, and without each note's text."""
    notes = [words(f"{n.number} {plain(n.body)}") for n in resolved.notes]
    furniture = running_lines(pdf)
    stream: list[str] = []
    for text in pages(pdf):
        lines = text.splitlines()
        body = [line for line in lines if re.sub(r"\d+", "#", line.strip()) not in furniture]
        page_words = words("\n".join(body))
        for note in notes:
            for i in range(len(page_words) - len(note) + 1):
                if page_words[i : i + len(note)] == note:
                    del page_words[i : i + len(note)]
                    break
        stream += page_words
    return stream


def test_the_four_questions_are_in_the_pdf(
    example_build: ExampleBuild, resolved: ResolvedBriefing
) -> None:
    assert len(resolved.questions) == 4
    body = body_words(example_build.pdf(), resolved)
    assert contains_in_order(body, words("Questions you may wish to ask"), 0)
    for question in resolved.question_items:
        assert contains_in_order(body, words(question.text), MAX_GAP), question.id


def test_at_least_six_footnotes_each_on_the_page_of_its_call(
    example_build: ExampleBuild, resolved: ResolvedBriefing, print_html: str
) -> None:
    pdf = example_build.pdf()
    assert len(resolved.notes) >= 6
    contexts = call_contexts(print_html)
    assert sorted(contexts) == [n.number for n in resolved.notes]
    for note in resolved.notes:
        calls = call_page(pdf, note.number, contexts[note.number])
        texts = note_page(pdf, note.number, str(note.body))
        assert len(calls) == 1, f"note {note.number}: its call was found on pages {calls}"
        assert texts, f"note {note.number}: its text was not found at a page foot"
        assert set(calls) & set(texts), (
            f"note {note.number}: called on page {calls[0] + 1}, printed on page {texts[0] + 1}"
        )


def test_every_footnote_number_is_printed_in_order(
    example_build: ExampleBuild, resolved: ResolvedBriefing
) -> None:
    pdf = example_build.pdf()
    order = [note_page(pdf, n.number, str(n.body))[:1] for n in resolved.notes]
    assert all(order), "a note's number and text were not found"
    assert [p[0] for p in order] == sorted(p[0] for p in order)


def test_the_pdf_ends_with_a_sources_list(
    example_build: ExampleBuild, resolved: ResolvedBriefing
) -> None:
    text = "\n".join(pages(example_build.pdf()))
    headings = list(re.finditer(r"^\s*sources\s*$", text, re.I | re.M))
    assert headings, "no heading 'Sources' in the PDF"
    after = squash(text[headings[-1].end() :])
    for ref in resolved.sources:
        assert squash(f"{ref.author} {ref.title}") in after, ref.id


def test_the_pdf_says_what_it_is(example_build: ExampleBuild, resolved: ResolvedBriefing) -> None:
    reader = PdfReader(example_build.pdf())
    meta = reader.metadata
    assert meta is not None
    assert resolved.briefing.title in (meta.title or "")
    assert meta.author == resolved.brand.name
    assert str(reader.root_object["/Lang"]) == "en-GB"


def test_two_builds_give_the_same_bytes(example_build: ExampleBuild, tmp_path: Path) -> None:
    again = Project.at(REPO, tmp_path)
    report = build(
        again,
        [EXAMPLE_BRIEFING],
        options=BuildOptions(formats=("pdf",)),
    )
    assert not report.failed
    assert (tmp_path / f"{EXAMPLE_BRIEFING}.pdf").read_bytes() == example_build.pdf().read_bytes()


def test_the_example_project_builds_at_least_three_briefings(example_build: ExampleBuild) -> None:
    pdfs = sorted(p.stem for p in example_build.out.glob("*.pdf"))
    htmls = sorted(p.stem for p in example_build.out.glob("*.html"))
    assert len(pdfs) >= 3
    assert pdfs == htmls


def test_napos_own_accounts_have_no_note(print_html: str) -> None:
    """The two weeks without ICT "earlier this year" is Napo's own account: no source in
    the example says so, so no note may follow it (it once cited the Justice Committee's
    2011 paragraphs on the national IT contract, which say nothing of it)."""
    contexts = call_contexts(print_html)
    assert not [n for n, c in contexts.items() if c.endswith(squash("earlier this year"))]


def test_comparisons_with_2011_are_marked_cf(resolved: ResolvedBriefing) -> None:
    """The Justice Committee's 2011 findings about NOMS and the trusts support Briefing 5's
    claims about the NPS only by comparison; every note citing them after the first (which
    cites para 95 for the 35 trusts before TR) opens with the signal "Cf"."""
    later = [plain(n.body) for n in resolved.notes if "Justice Committee (n " in plain(n.body)]
    assert later, "no later note cites the Justice Committee"
    assert [body for body in later if not body.startswith("Cf ")] == []


def test_the_frame_says_the_notes_are_added_and_lists_every_correction(
    resolved: ResolvedBriefing, example_build: ExampleBuild
) -> None:
    """Napo's original has no footnotes and a few typing slips. The reproduction's frame,
    printed under the masthead, says the notes are this copy's own and lists each slip
    it corrects, as published and as corrected: no silent corrections."""
    frame = " ".join((resolved.briefing.provenance or "").split())
    assert "Napo’s original has no footnotes" in frame
    assert "A sentence without a note is Napo’s own account" in frame
    assert LISTED_CORRECTION.findall(frame) == CORRECTIONS
    assert squash(frame) in squash("".join(pages(example_build.pdf())[:1]))


#: Claims in Briefing 5 that no source in the example supports: they are Napo's own, and
#: no note may follow them. The first two once cited Napo (2016) and the Institute for
#: Government (2022), whose passages give neither the NPS's founding in 2014 nor when it
#: joined the civil service; the last three were never noted.
NAPOS_OWN = [
    "the workforce and workloads were split.",
    "It was some months later that it was absorbed into the civil service.",
    "very little from 3rd sector or charities.",
    "2 weeks of no ICT earlier this year.",
    "and even length of service.",
]


def test_napos_own_claims_carry_no_note(print_html: str) -> None:
    ends = [squash(claim) for claim in NAPOS_OWN]
    contexts = call_contexts(print_html)
    noted = [n for n, context in contexts.items() for end in ends if context.endswith(end[-20:])]
    assert noted == []
    body = squash(plain(print_html))
    assert all(end in body for end in ends), "a claim's words changed: update NAPOS_OWN"


#: A note's citation in an argument file: its signal, reference and locator.
CITATION = re.compile(r"\[(?P<signal>[a-z ]*)@(?P<id>[\w-]+), (?P<locator>[^\]]+)\]")


def cited_sentences(checked: Checked) -> list[tuple[str, str, str]]:
    """(sentence, reference id, pinpoint) for each citation in Briefing 5's arguments."""
    found: list[tuple[str, str, str]] = []
    for section in checked.corpus.briefings[EXAMPLE_BRIEFING].sections:
        assert section.argument is not None
        body = checked.corpus.arguments[section.argument].body
        for match in CITATION.finditer(body):
            before = CITATION.sub("", body[: match.start()])
            sentence = re.split(r"(?<=[.?!])\s+|\n", before)[-1]
            found.append((sentence, match["id"], split_locator(match["locator"]).pinpoint))
    return found


def test_every_number_a_noted_sentence_states_is_in_the_passage_its_note_cites(
    checked: Checked,
) -> None:
    """A year or a count in a noted sentence must be in the passage the note cites: the
    note once given to "The National Probation Service was established in 2014 ..."
    cited a Napo passage of 2016 that gives no 2014, and this test would have failed."""
    sentences = cited_sentences(checked)
    assert len(sentences) >= 8
    for sentence, ref, pinpoint in sentences:
        names = {name.casefold() for name in expand(pinpoint)}
        copy = checked.corpus.copies[ref]
        text = " ".join(p.text for p in copy.passages if p.pinpoint.casefold() in names)
        assert text, f"{ref}: no passage {pinpoint!r}"
        missing = [n for n in re.findall(r"\d[\d,]*", sentence) if n not in text]
        assert missing == [], f"{sentence!r}: {missing} not in {ref} {pinpoint}"
