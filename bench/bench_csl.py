"""What a briefing's notes cost through the CSL engine, as a build would feel it.

    .venv/bin/python bench/bench_csl.py [--notes 100] [--runs 7]

Renders `--notes` OSCOLA notes (a journal article, a book, a web page, a committee
report and a debate in turn, each with its pinpoint) through resolve.csl's cite_notes:
one Pandoc process per briefing. Where citeproc-py is installed (it is not a parlbrief
dependency), the same CSL items go through it in-process too, for comparison. Prints
the median and best wall time of each, and whether repeated runs gave the same text.
A benchmark, not a test: it prints, it does not fail.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from collections.abc import Callable

from parlbrief.resolve.csl.cite_notes import DEFAULT_STYLE, cite_notes
from parlbrief.resolve.csl.citeproc import Cite
from parlbrief.resolve.csl.items import Item

ITEMS: dict[str, Item] = {
    "smith": {
        "id": "smith", "type": "article-journal", "title": "Temporary Accommodation and Children",
        "author": [{"family": "Smith", "given": "Jane"}], "container-title": "Housing Studies",
        "volume": "34", "page": "1234", "issued": {"date-parts": [[2019]]},
    },
    "robinson": {
        "id": "robinson", "type": "book", "title": "Probation: A Critical Review",
        "author": [{"family": "Robinson", "given": "Gwen"}], "edition": "2",
        "publisher": "Oxford University Press", "issued": {"date-parts": [[2020]]},
    },
    "gov": {
        "id": "gov", "type": "webpage", "title": "Probation Reform", "container-title": "GOV.UK",
        "author": [{"literal": "Ministry of Justice"}], "URL": "https://www.gov.uk/x",
        "issued": {"date-parts": [[2022, 8, 18]]}, "accessed": {"date-parts": [[2026, 12, 1]]},
    },
    "justice": {
        "id": "justice", "type": "report", "title": "The Role of the Probation Service",
        "author": [{"literal": "Justice Committee"}], "number": "HC 2010–12, 519",
        "issued": {"date-parts": [[2011]]},
    },
    "debate": {
        "id": "debate", "type": "hearing", "authority": "HC", "volume": "747",
        "issued": {"date-parts": [[2024, 3, 12]]},
    },
}  # fmt: skip
KEYS = list(ITEMS)


def timed(run: Callable[[], list[str]], runs: int) -> tuple[list[float], set[str]]:
    seconds, digests = [], set()
    for _ in range(runs):
        start = time.perf_counter()
        notes = run()
        seconds.append(time.perf_counter() - start)
        digests.add(hashlib.sha256("\n".join(notes).encode()).hexdigest())
    return seconds, digests


def pandoc(count: int) -> Callable[[], list[str]]:
    notes = [[Cite(KEYS[i % len(KEYS)], str(i + 1))] for i in range(count)]
    return lambda: [str(n) for n in cite_notes(ITEMS, notes, DEFAULT_STYLE).notes]


def citeproc_py(count: int) -> Callable[[], list[str]] | None:
    try:
        from citeproc import (  # type: ignore[import-not-found]
            Citation,
            CitationItem,
            CitationStylesBibliography,
            CitationStylesStyle,
            Locator,
            formatter,
        )
        from citeproc.source.json import CiteProcJSON  # type: ignore[import-not-found]
    except ImportError:
        return None

    def run() -> list[str]:
        style = CitationStylesStyle(str(DEFAULT_STYLE), validate=False)
        bib = CitationStylesBibliography(style, CiteProcJSON(list(ITEMS.values())), formatter.html)
        cites = []
        for i in range(count):
            item = CitationItem(KEYS[i % len(KEYS)], locator=Locator("page", str(i + 1)))
            cites.append(Citation([item]))
            bib.register(cites[-1])
        return [str(bib.cite(c, lambda _: None)) for c in cites]

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    engines = {"pandoc citeproc": pandoc(args.notes), "citeproc-py": citeproc_py(args.notes)}
    for name, run in engines.items():
        if run is None:
            print(f"{name:16} not installed")
            continue
        seconds, digests = timed(run, args.runs)
        print(f"{name:16} {args.notes} notes: median {statistics.median(seconds):.3f} s,"
              f" best {min(seconds):.3f} s; same text every run: {len(digests) == 1}")  # fmt: skip


if __name__ == "__main__":
    main()
