"""The text of a stored PDF copy, page by page: read once, within limits, then kept.

pypdf reads a PDF in Python: a damaged or hostile file can make it raise anything
(RecursionError on deep nesting, AttributeError, NotImplementedError) or warn a
thousand times, and a long report takes seconds a page. So the text is extracted once
per file content, within a page limit and a time limit, every failure said once at the
file in our words; and what was read is kept in the user's cache folder (never in the
project, where a shared project could bring a made-up "extraction" of a real PDF),
keyed by a hash of the PDF's bytes and of the pypdf version that read it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
import warnings
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from parlbrief.atomic import write_bytes
from parlbrief.errors import ContentError, Origin

#: A PDF is bigger than a text file; past this it is almost certainly not one report.
MAX_PDF_BYTES = 20_000_000
#: A copy keeps the pages a briefing cites; a whole Hansard volume is a mistake.
MAX_PDF_PAGES = 1_000
#: Reading the text of one copy may take this long (it happens once per file content).
MAX_PDF_SECONDS = 60.0
#: Bumped when what is kept changes, so that an older cache entry is read anew.
CACHE_FORMAT = 1


@dataclass(frozen=True)
class PdfText:
    """Each page's printed label and text, and how many faults pypdf worked round (each
    a warning or a log line of its own)."""

    pages: list[tuple[str, str]]
    faults: int
    refused: str | None = None
    """Why the PDF cannot be used as a copy, in words (then it has no pages)."""


def pdf_cache() -> Path:
    """The user's own cache folder for extractions (~/.cache/parlbrief/pdf-text on Linux)."""
    from platformdirs import user_cache_path

    return user_cache_path("parlbrief") / "pdf-text"


def pdf_text(path: Path, rel: str, cache: Path | None) -> PdfText:
    """The text of the PDF at `path` (shown as `rel`); ContentError when it cannot be read.

    `cache` is the folder kept extractions live in (None: nothing is kept).
    """
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= MAX_PDF_BYTES else b""
    except OSError as exc:
        raise ContentError.single(
            Origin(rel), f"the PDF could not be read ({exc.strerror or exc}) - check the file"
        ) from None
    if size > MAX_PDF_BYTES:
        raise ContentError.single(
            Origin(rel),
            f"the PDF is over the limit of {MAX_PDF_BYTES:,} bytes - keep the pages cited",
        )
    key = _key(data)
    kept = _kept(cache, key)
    if kept is None:
        try:
            kept = _extract(data, rel)
        except ContentError as exc:
            # A refusal is kept too: a 3,000-page file is not counted again each time.
            kept = PdfText([], 0, exc.problems[0].message)
        _keep(cache, key, kept)
    if kept.refused is not None:
        raise ContentError.single(Origin(rel), kept.refused)
    return kept


def _key(data: bytes) -> str:
    """The cache key: the PDF's bytes, the reader's version and the limits it read in."""
    limits = f"{CACHE_FORMAT}:{version('pypdf')}:{MAX_PDF_PAGES}:{MAX_PDF_SECONDS}:"
    digest = hashlib.sha256(limits.encode())
    digest.update(data)
    return digest.hexdigest()


def _kept(cache: Path | None, key: str) -> PdfText | None:
    """The extraction kept for `key`, or None (none kept, or not one we can read)."""
    if cache is None:
        return None
    try:
        found: Any = json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))
        pages = [(str(label), str(text)) for label, text in found["pages"]]
        refused = found["refused"]
        return PdfText(pages, int(found["faults"]), None if refused is None else str(refused))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _keep(cache: Path | None, key: str, text: PdfText) -> None:
    if cache is None:
        return
    record = {"pages": text.pages, "faults": text.faults, "refused": text.refused}
    # A cache that cannot be written only means reading the PDF again next time.
    with contextlib.suppress(OSError):
        write_bytes(cache / f"{key}.json", json.dumps(record).encode("utf-8"))


def _extract(data: bytes, rel: str) -> PdfText:
    """Read each page's text with pypdf, its warnings counted and its errors caught."""
    faults = _Faults()
    logger = logging.getLogger("pypdf")
    logger.addHandler(faults)
    propagate, logger.propagate = logger.propagate, False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pages = _pages(data, rel)
    except ContentError:
        raise
    except Exception:  # pypdf on a hostile file: any exception at all
        raise ContentError.single(Origin(rel), _UNREADABLE) from None
    finally:
        logger.removeHandler(faults)
        logger.propagate = propagate
    return PdfText(pages, faults.count + len(caught))


_UNREADABLE = (
    "the PDF could not be read (it is damaged, or not a PDF) - save it again, "
    "or copy the passages cited into a .md file instead"
)


def _pages(data: bytes, rel: str) -> list[tuple[str, str]]:
    # pypdf is imported only to read a PDF not read before: check stays quick.
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    count = len(reader.pages)
    if count > MAX_PDF_PAGES:
        raise ContentError.single(
            Origin(rel),
            f"the PDF has {count:,} pages, over the limit of {MAX_PDF_PAGES:,} - keep only "
            "the pages cited, or copy the passages cited into a .md file instead",
        )
    started, pages = time.monotonic(), list[tuple[str, str]]()
    for label, page in zip(reader.page_labels, reader.pages, strict=True):
        if time.monotonic() - started > MAX_PDF_SECONDS:
            raise ContentError.single(
                Origin(rel),
                f"reading the PDF's text took over {MAX_PDF_SECONDS:.0f} seconds (stopped at "
                f"page {len(pages) + 1:,} of {count:,}) - keep only the pages cited, or copy "
                "the passages cited into a .md file instead",
            )
        pages.append((label, page.extract_text() or ""))
    return pages


class _Faults(logging.Handler):
    """Counts what pypdf logs about a file's faults, instead of printing it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
