"""Stored copies of sources: sources/documents/<reference id>.md (or .txt, or .pdf).

A copy keeps the passages of a reference that the briefings cite, word for word, so
that `check` can hold every pinpoint and quotation to what the source says. A text
copy is a `---` header (reference, taken_from, licence), then passages, each under a
level-2 heading naming its pinpoint as citations write it:

    ## para 84
    Probation trusts have laboured under a tick-box culture, ...

A PDF copy is read with pypdf, one passage per page (`p 3`, by the page's printed
label when the PDF gives one); its header is a YAML file beside it, `<id>.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parlbrief.errors import ContentError, Origin, Problems
from parlbrief.load.files import list_files, read_text, split_front_matter
from parlbrief.load.pdftext import pdf_cache, pdf_text
from parlbrief.load.yamlfile import YamlDoc, parse_yaml
from parlbrief.project import shown_path

#: File kinds a copy may be, by suffix.
SUFFIXES = (".md", ".txt", ".pdf")
#: What the header of a copy gives: each field is required.
HEADER_FIELDS = ("reference", "taken_from", "licence")
#: `## para 84`: a passage's heading (level 2 only; `#` and `###` are text). The closing
#: `##` and spaces are taken off in `_pinpoint`: a pattern that matched them too after a
#: lazy `.*?` backtracked cubically over a long run of spaces.
_HEADING = re.compile(r"##[ \t]+(?P<pinpoint>\S.*)")


@dataclass(frozen=True)
class Passage:
    """One passage of a copy: its pinpoint as citations write it, and its text."""

    pinpoint: str
    """The heading as written: 'para 84', 'table 2', 'Payment Mechanism', 'p 3'."""
    text: str
    """The passage, as copied ('[…]' lines mark what was left out)."""
    origin: Origin
    """Where its heading is (a PDF page has no line)."""


@dataclass(frozen=True)
class StoredCopy:
    """A reference's stored copy: where it came from, and its passages by pinpoint."""

    reference: str
    """The id of the reference it is a copy of."""
    taken_from: str
    """Where the text was copied from, in words a reader can follow."""
    licence: str
    """Under what licence (or on what terms) the text is kept and quoted."""
    passages: tuple[Passage, ...]
    """In the order of the copy."""
    origin: Origin
    """The copy's file (line 1)."""

    @property
    def text(self) -> str:
        """Every passage, one after another."""
        return "\n\n".join(p.text for p in self.passages)


def heading_key(pinpoint: str) -> str:
    """Headings compared case and spacing aside: 'Para  84' is 'para 84'."""
    return " ".join(pinpoint.replace("’", "'").replace("‘", "'").casefold().split())


def load_copies(
    root: Path,
    folder: Path,
    references: Mapping[str, object],
    problems: Problems,
    broken: Collection[str] = (),
    *,
    complete: bool = True,
) -> dict[str, StoredCopy]:
    """Every copy under `folder` (sources/documents/), by reference id.

    `references` are the project's references by id: a copy of anything else is an
    error at its `reference:` line, unless the reference is one of `broken` (it failed
    to load, and that is reported already) or the references are not `complete` (a
    file of them could not be read: the reference may be in it). Problems are
    collected, never raised.
    """
    copies: dict[str, StoredCopy] = {}
    for path in list_files(folder, root, *(f"*{suffix}" for suffix in SUFFIXES)):
        rel = shown_path(path, root)
        try:
            header, found = _read(path, rel, root, problems)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        known = (references, broken if complete else _Anything())
        stored = _checked(header, found, rel, known, copies, problems)
        if stored is not None:
            copies[stored.reference] = stored
    return copies


def _read(path: Path, rel: str, root: Path, problems: Problems) -> tuple[YamlDoc, list[Passage]]:
    """The copy's header and passages; raises ContentError for an unreadable file."""
    if path.suffix.lower() == ".pdf":
        return _read_pdf(path, rel, root, problems)
    parts = split_front_matter(read_text(path, rel))
    if parts.header_line == 1 and not parts.header:
        raise ContentError.single(
            Origin(rel, 1),
            "a stored copy starts with a header between '---' lines giving reference, "
            "taken_from and licence - add one",
        )
    header = parse_yaml(parts.header, rel, first_line=parts.header_line)
    return header, list(passages(parts.body, rel, parts.body_line))


def passages(body: str, rel: str, first_line: int) -> Iterator[Passage]:
    """The passages of a text copy: each `## heading` and the lines up to the next.

    Text before the first heading is a passage without a pinpoint: quotations are
    looked for in it, but no citation can point at it.
    """
    heading, start, lines = "", first_line, []
    for number, line in enumerate(body.split("\n"), start=first_line):
        match = _HEADING.fullmatch(line)
        if match is None:
            lines.append(line)
            continue
        if heading or "\n".join(lines).strip():
            yield Passage(heading, "\n".join(lines).strip(), Origin(rel, start))
        heading, start, lines = _pinpoint(match["pinpoint"]), number, []
    if heading or "\n".join(lines).strip():
        yield Passage(heading, "\n".join(lines).strip(), Origin(rel, start))


def _pinpoint(text: str) -> str:
    """A heading's text without the closing `#`s and spaces Markdown allows after it
    ('para 84 ##' -> 'para 84'); its first character always stays."""
    return text[0] + text[1:].rstrip(" \t").rstrip("#").rstrip(" \t")


def _read_pdf(
    path: Path, rel: str, root: Path, problems: Problems
) -> tuple[YamlDoc, list[Passage]]:
    """A PDF's pages as passages `p <label>`, and the header from `<id>.yaml` beside it."""
    sidecar = path.with_suffix(".yaml")
    if not sidecar.is_file():
        raise ContentError.single(
            Origin(rel),
            f"a PDF copy needs its header in {sidecar.name} beside it (reference, "
            "taken_from and licence) - add that file",
        )
    side_rel = rel[: -len(path.suffix)] + ".yaml"
    # A link leading out of the project is never read (refuse_outside_links reports it).
    if not sidecar.resolve().is_relative_to(root.resolve()):
        raise ContentError.single(
            Origin(side_rel), "this is a link outside the project - copy the file in"
        )
    header = parse_yaml(read_text(sidecar, side_rel), side_rel)
    return header, _pdf_pages(path, rel, problems)


def _pdf_pages(path: Path, rel: str, problems: Problems) -> list[Passage]:
    """One passage per page, `p <label>`; pypdf's faults with the file said once."""
    text = pdf_text(path, rel, pdf_cache())
    if text.faults:
        problems.warning(
            Origin(rel),
            "the PDF is damaged in places (its reader worked round them), so some of its text "
            "may be missing or out of order - if a quotation from it is not found, save the "
            "PDF again (print it to PDF) or copy the passages cited into a .md file",
        )
    return [Passage(f"p {label}", page, Origin(rel)) for label, page in text.pages]


def _checked(
    header: YamlDoc,
    found: list[Passage],
    rel: str,
    known: tuple[Mapping[str, object], Collection[str]],
    copies: Mapping[str, StoredCopy],
    problems: Problems,
) -> StoredCopy | None:
    """The copy, if its header is whole and names a reference not already copied."""
    fields = _header_fields(header, problems)
    if fields is None:
        return None
    reference = fields["reference"]
    where = header.origin(("reference",))
    references, broken = known
    if reference in broken:
        return None
    if reference not in references:
        problems.error(
            where,
            f"reference: there is no reference '{reference}' - name the id of the "
            "reference this is a copy of (see sources/references/)",
        )
        return None
    if reference in copies:
        problems.error(
            where,
            f"reference: {reference} already has a stored copy at "
            f"{copies[reference].origin.path} - keep one copy per reference",
        )
        return None
    if not _passages_ok(found, problems):
        return None
    origin = Origin(rel, 1)
    return StoredCopy(reference, fields["taken_from"], fields["licence"], tuple(found), origin)


class _Anything:
    """Stands for the references that failed to load when a whole file of them did:
    any id may be among them."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _header_fields(header: YamlDoc, problems: Problems) -> dict[str, str] | None:
    """reference, taken_from and licence, each given as text; None after reporting."""
    data: Any = header.data if header.data is not None else {}
    if not isinstance(data, dict):
        problems.error(header.origin(), "the header should give reference, taken_from and licence")
        return None
    ok = True
    for key in data:
        if key not in HEADER_FIELDS:
            problems.error(
                header.origin((key,)),
                f"{key}: is not a field of a stored copy (it takes reference, taken_from "
                "and licence) - check the spelling",
            )
            ok = False
    for key in HEADER_FIELDS:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.error(header.origin((key,)), f"{key}: this field is required - add it")
            ok = False
    return {key: str(data[key]).strip() for key in HEADER_FIELDS} if ok else None


def _passages_ok(found: list[Passage], problems: Problems) -> bool:
    """Each heading once, each passage with text; report the rest."""
    ok, seen = True, dict[str, Passage]()
    for passage in found:
        if not passage.pinpoint:
            continue
        key = heading_key(passage.pinpoint)
        if key in seen:
            problems.error(
                passage.origin,
                f"the passage '{passage.pinpoint}' is already at line "
                f"{seen[key].origin.line} - merge the two or correct the heading",
            )
            ok = False
            continue
        seen[key] = passage
        if not passage.text and passage.origin.line is not None:
            problems.error(
                passage.origin,
                f"the passage '{passage.pinpoint}' is empty - copy its text under the heading",
            )
            ok = False
    return ok
