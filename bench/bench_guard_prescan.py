"""What the output guard's look at a hostile page costs, before and after guard.prescan.

    .venv/bin/python bench/bench_guard_prescan.py [--scale 1.0] [--no-real]

For each page a template could make in a loop (a tag name 200,000 letters long, `<`
written 200,000 times inside a <style>, `<div>` opened 20,000 deep ...), prints its
length, the seconds tinyhtml5 takes to parse it (what the guard did before: it parsed
every page), the seconds the pre-scan takes, and what the guard now does with it
(refused, or parsed as before). Then the same for the example project's largest real
page, to show what the pre-scan adds to a page it lets through. CPU seconds (process
time), the best of three for the pre-scan and one run for the parse (minutes for some).
`--scale` multiplies every hostile page's length: the parse grows with its square, the
pre-scan in step with it. A benchmark, not a test: it prints a table, it does not fail.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import tinyhtml5

from parlbrief.guard.prescan import prescan_findings

#: (what, how the page is made from a count n, n). Entities, which every escaped page
#: holds, are let through (see guard.prescan).
HOSTILE: list[tuple[str, Callable[[int], str], int]] = [
    ("tag name n letters long", lambda n: "<p><" + "a" * n + ">x</p>", 200_000),
    ("end tag name n letters long", lambda n: "<p></" + "a" * n + ">x</p>", 200_000),
    ("n/6 times <style", lambda n: "<body>" + "<style" * (n // 6), 200_000),
    ("n '<' in a <style>", lambda n: "<style>" + "<" * n + "</style>", 200_000),
    ("n '<' in a <title>", lambda n: "<title>" + "<" * n + "</title>", 200_000),
    ("n '<' in text", lambda n: "<p>" + "<" * n, 200_000),
    ("n '&' in text", lambda n: "<p>" + "&" * n, 200_000),
    ("comment of n hyphens", lambda n: "<!--" + "-" * n + "-->", 200_000),
    ("<div> n deep", lambda n: "<div>" * n, 20_000),
    ("<b> n deep", lambda n: "<b>x" * n, 20_000),
    ("<table>x</table> n times", lambda n: "<table>x</table>" * n, 20_000),
    ("'x<br>' n times in a <table>", lambda n: "<table>" + "x<br>" * n, 20_000),
    ("'a&amp;' n times (let through)", lambda n: "<p>" + "a&amp;" * n, 100_000),
    ("<div><table></div></table> n times",
     lambda n: "<div><table></div></table>" * n, 5_000),
]  # fmt: skip


def seconds(work: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def row(what: str, page: str) -> None:
    before = seconds(lambda: tinyhtml5.parse(page, scripting=False), 1)
    scan = seconds(lambda: prescan_findings(page), 3)
    refused = bool(prescan_findings(page))
    after = scan if refused else scan + before
    now = "refused" if refused else "parsed"
    print(f"| {what} | {len(page):,} | {before:.2f} | {scan:.3f} | {after:.2f} | {now} |")


def real_page() -> tuple[str, str] | None:
    """The example project's largest web page, filled in as a build would."""
    from parlbrief.check import check
    from parlbrief.guard import with_csp
    from parlbrief.project import Project
    from parlbrief.render import render_html

    checked = check(Project.at(Path(__file__).resolve().parent.parent))
    pages = []
    for bid, resolved in checked.resolved.items():
        dirs = tuple(checked.project.template_dirs)
        brand = checked.corpus.brand_dirs.get(resolved.brand.id, dirs[-1])
        pages.append((with_csp(render_html(resolved, "html", dirs, brand)), bid))
    return max(pages, key=lambda p: len(p[0]), default=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--no-real", action="store_true")
    args = parser.parse_args()
    print("| page | characters | parse before (s) | pre-scan (s) | guard after (s) | now |")
    print("|---|---|---|---|---|---|")
    for what, make, n in HOSTILE:
        row(what.replace("n ", f"{int(n * args.scale):,} ", 1), make(int(n * args.scale)))
    found = None if args.no_real else real_page()
    if found is not None:
        row(f"the example's largest page ({found[1]})", found[0])


if __name__ == "__main__":
    main()
