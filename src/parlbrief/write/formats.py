"""Every output format parlbrief makes, in one table: adding a format is one entry here
and its writer function.

The two pages are made from the templates: the PDF (laid out by WeasyPrint in a render
worker, parlbrief.write.pool) and the web page (written by the builder). The formats to
hand on are made from the briefing once the outputs they need are written: Word
(write.docx) and email (write.eml, which attaches the PDF). Writers are imported only
when they run, so reading this table costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parlbrief.errors import Problems, RenderError

if TYPE_CHECKING:
    from parlbrief.resolve import ResolvedBriefing


@dataclass(frozen=True)
class HandOn:
    """What a format made after the pages is made from, besides the briefing."""

    view: Mapping[str, Any]
    """The edition its page shows (plan.view)."""
    made: Mapping[str, Path]
    """The outputs of the same briefing already written, by format (the email's PDF)."""
    brand_dir: Path | None = None
    """The folder of the briefing's brand, its logo's (Word's letterhead)."""
    warnings: Problems | None = None
    """Where a writer says what it left out (a font whose licence forbids embedding)."""


#: Writes one output: where, the briefing, and what else it is made from.
Writer = Callable[[Path, "ResolvedBriefing", HandOn], None]


@dataclass(frozen=True)
class OutputFormat:
    """One kind of output: its name (`--format`, and the file's suffix) and how it is made."""

    name: str
    called: str
    """What a press officer calls it in a message: 'the PDF', 'the email'."""
    nickname: str = ""
    """Said after its name in `--help` when the name is not plain: 'docx (Word)'."""
    by_default: bool = False
    """Made by `parlbrief build` without --format, and kept by `parlbrief publish`."""
    needs: tuple[str, ...] = ()
    """Formats that must be made first, as this one is made from them."""
    why_needed: str = ""
    """Why, as a message says it: 'it attaches the PDF'."""
    write: Writer | None = None
    """Its writer, or None for the two pages the builder renders from the templates."""


def _write_docx(target: Path, resolved: ResolvedBriefing, given: HandOn) -> None:
    from parlbrief.write.docx import write_docx

    write_docx(target, resolved, given.view, brand_dir=given.brand_dir, warnings=given.warnings)


def _write_eml(target: Path, resolved: ResolvedBriefing, given: HandOn) -> None:
    from parlbrief.write.eml import write_eml

    write_eml(target, resolved, given.view, given.made["pdf"])


#: Every format `--format` takes, in the order they are listed and made.
OUTPUT_FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("pdf", "the PDF", by_default=True),
        OutputFormat("html", "the web page", by_default=True),
        OutputFormat("docx", "the Word document", nickname="Word", write=_write_docx),
        OutputFormat(
            "eml",
            "the email",
            nickname="email",
            needs=("pdf",),
            why_needed="it attaches the PDF",
            write=_write_eml,
        ),
    )
}
#: What a briefing is built as by default, and published as.
DEFAULT_FORMATS = tuple(name for name, f in OUTPUT_FORMATS.items() if f.by_default)
#: The pages rendered from the templates (each is also a "medium" of parlbrief.render).
PAGES = tuple(name for name, f in OUTPUT_FORMATS.items() if f.write is None)


def named(fmt: OutputFormat) -> str:
    """'pdf', 'docx (Word)'."""
    return f"{fmt.name} ({fmt.nickname})" if fmt.nickname else fmt.name


def formats_help() -> str:
    """'pdf, html, docx (Word), eml (email)'."""
    return ", ".join(named(f) for f in OUTPUT_FORMATS.values())


def formats_taken() -> str:
    """What --format takes, for the message when it is given something else."""
    asked = [named(f) for f in OUTPUT_FORMATS.values() if not f.by_default]
    return (
        f"{', '.join(DEFAULT_FORMATS)} or {','.join(DEFAULT_FORMATS)}, and "
        f"{' and '.join(asked)} when asked for, such as {','.join(OUTPUT_FORMATS)}"
    )


def with_needs(formats: Iterable[str]) -> tuple[str, ...]:
    """`formats`, after the formats they need that are not among them ('eml' brings
    'pdf': 'html,eml' is made as 'pdf,html,eml')."""
    asked = tuple(dict.fromkeys(formats))
    needed = (need for name in asked for need in OUTPUT_FORMATS[name].needs)
    return tuple(dict.fromkeys([*(n for n in needed if n not in asked), *asked]))


def unknown_formats(formats: Iterable[str]) -> list[str]:
    return [f for f in formats if f not in OUTPUT_FORMATS]


def written_after(formats: Iterable[str]) -> list[OutputFormat]:
    """The formats among `formats` made from the briefing after its pages, in order."""
    return [OUTPUT_FORMATS[f] for f in formats if OUTPUT_FORMATS[f].write is not None]


def write_format(
    fmt: OutputFormat,
    target: Path,
    resolved: ResolvedBriefing,
    view: Mapping[str, Any],
    made: Mapping[str, Path],
    *,
    brand_dir: Path | None = None,
    warnings: Problems | None = None,
) -> None:
    """Write `fmt` with its writer, once every output it needs is there."""
    assert fmt.write is not None, f"{fmt.name} is a page: the builder renders it"
    missing = [n for n in fmt.needs if not made[n].is_file()]
    if missing:
        asked = ",".join(with_needs([fmt.name]))
        raise RenderError(
            f"{fmt.called} was not written: {fmt.why_needed}, which has not been built "
            f"- build with --format {asked}"
        )
    fmt.write(target, resolved, HandOn(view, made, brand_dir, warnings))
