"""650 one-page sheets, one per constituency, against WeasyPrint alone on the same pages.

    .venv/bin/python bench/bench_constituencies.py             # all 650: several minutes
    .venv/bin/python bench/bench_constituencies.py --count 60  # the first 60, to try it
    .venv/bin/python bench/bench_constituencies.py --keep      # keep the project (path printed)

Generates, in a temporary folder, a copy of the example project whose regional sheet
(briefings/probation-regions.yaml) is a one-pager built once per row of the real list
of constituencies (bench/data/constituencies-2024.csv, see its README for the credit),
beside figures the benchmark makes up (every sheet says they are illustrative), then
measures, in one run so that the ratios hold on a shared machine:

  floor    WeasyPrint alone on the very pages parlbrief hands it (its PDF HTML,
           made beforehand by the same library calls), warm (loaded, one page laid
           out first), one process per core, every core busy: the least a build
           could take on this machine; and again with each page's stylesheets parsed
           once per process (WeasyPrint takes them parsed), as parlbrief's workers do
  build    `parlbrief build` cold: a new process, an empty output folder, default
           jobs (one per core)                                  target <= 1.10 x floor
  1 job    the same with --jobs 1; default jobs / 1 job          target <= 0.55 on 2 cores
  memory   each render worker's peak (from build --json)        target <= 150 MB
           and flatness: median of the last 100 renders / the first 100  <= 1.10
  one row  one constituency's figures changed in the CSV: exactly that sheet rebuilt

Seconds per page are wall seconds over the sheet count (a build's seconds include
checking the project, starting WeasyPrint and writing the web pages); CPU seconds
are the processes' own accounting (user + system, workers included). A benchmark,
not a test: it prints a table and always exits 0.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import multiprocessing
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bench_build import adopt_orphans, reap_orphans

REPO = Path(__file__).resolve().parents[1]
PARLBRIEF = Path(sys.executable).parent / "parlbrief"
CONSTITUENCIES = Path(__file__).resolve().parent / "data" / "constituencies-2024.csv"
BRIEFING = "probation-regions"
FIGURES = "constituency-figures.csv"
MB = 1024 * 1024
#: The constituency whose row the one-row rebuild changes (a name a slug must fold).
CHANGED = "Ynys Môn"


# --- the generated project ------------------------------------------------------------


def constituencies(count: int) -> list[dict[str, str]]:
    """The first `count` rows of the real list, with CHANGED among them."""
    with CONSTITUENCIES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    chosen = rows[:count]
    if all(r["name"] != CHANGED for r in chosen):
        chosen[-1] = next(r for r in rows if r["name"] == CHANGED)
    return chosen


def figures_csv(rows: list[dict[str, str]]) -> str:
    """The list with made-up figures per constituency (deterministic, never real)."""
    out = io.StringIO()
    out.write("# ILLUSTRATIVE FIGURES made up by bench/bench_constituencies.py.\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["gss_code", "name", "region", "in_post", "vacancies"])
    for i, row in enumerate(rows):
        writer.writerow([row["gss_code"], row["name"], row["region"], 20 + i * 37 % 41, 3 + i % 11])
    return out.getvalue()


STATISTICS = """\
- id: area-po-in-post
  label: Probation officers in post (illustrative)
  kind: count
  as_of: 2022-06-30
  data: {file: %(file)s, row: {name: "{variant}"}, column: in_post}
  source: illustrative-regions

- id: area-po-vacancies
  label: Probation officer vacancies (illustrative)
  kind: count
  as_of: 2022-06-30
  data: {file: %(file)s, row: {name: "{variant}"}, column: vacancies}
  source: illustrative-regions

- id: area-po-vacancy-rate
  label: Probation officer posts vacant (illustrative)
  kind: percentage
  formula: round(area-po-vacancies / (area-po-in-post + area-po-vacancies) * 100)
  method: vacancies as a share of posts (staff in post plus vacancies)
"""

SHEET = """\
series: In your constituency
campaign: Reasons for a Reunited Probation Service
title: "Probation officer shortages: {variant}"
strapline: The national shortfall of probation officers, constituency by constituency.
date: 2026-11-23
brand: napo
template: one-pager
variants:
  data: %(file)s
  key: name
  label: Constituency
panels:
  - heading: "In {variant}: illustrative figures"
    figures: [area-po-in-post, area-po-vacancies, area-po-vacancy-rate]
    note: >-
      Illustrative figures, not official statistics. Made up: not a share of the
      national figures.
sections:
  - heading: What it means locally
    text: |
      In the constituency of {variant}, [#area-po-vacancy-rate] of probation officer
      posts are vacant on the illustrative figures in the panel above. Nationally,
      HMPPS's figures for June 2022 (as reproduced in a reader's comment on a blog
      post, not checked against the release) put the shortfall at
      [#po-shortfall-share-jun-2022] of required staffing.
ask: Ask the Minister to publish probation staffing figures for every constituency.
signatory:
  name: Tania Basset
  role: National Official, Press, Parliament and Campaigns
"""


def make_project(root: Path, count: int) -> list[dict[str, str]]:
    """The example project with one briefing, the sheet, over `count` constituencies."""
    root.mkdir(parents=True)
    shutil.copy2(REPO / "parlbrief.yaml", root / "parlbrief.yaml")
    for part in ("sources", "templates"):
        shutil.copytree(REPO / part, root / part)
    rows = constituencies(count)
    (root / "sources/data" / FIGURES).write_text(figures_csv(rows), encoding="utf-8")
    stats = root / "sources/statistics/regions-illustrative.yaml"
    stats.write_text(STATISTICS % {"file": FIGURES}, encoding="utf-8")
    (root / "briefings").mkdir()
    sheet = root / "briefings" / f"{BRIEFING}.yaml"
    sheet.write_text(SHEET % {"file": FIGURES}, encoding="utf-8")
    return rows


def change_row(root: Path, name: str) -> None:
    """Give `name`'s row other made-up figures."""
    path = root / "sources/data" / FIGURES
    text = path.read_text(encoding="utf-8")
    pattern = rf"^([^,\n]*,{re.escape(name)},[^,\n]*,)(\d+)"
    path.write_text(
        re.sub(pattern, lambda m: f"{m[1]}{int(m[2]) + 7}", text, count=1, flags=re.M),
        encoding="utf-8",
    )


# --- the floor: WeasyPrint alone --------------------------------------------------------


def pdf_pages(root: Path) -> tuple[list[str], Path]:
    """The PDF HTML of every sheet, as `parlbrief build` hands it to WeasyPrint, and the
    base folder it is laid out from (a build's draft view differs by a few words)."""
    from parlbrief.check import brand_folder, check
    from parlbrief.project import Project
    from parlbrief.render import render_html

    project = Project.at(root)
    checked = check(project)
    checked.problems.raise_if_errors()
    dirs = tuple(project.template_dirs)
    pages: list[str] = []
    base = dirs[-1]
    for key in sorted(checked.resolved):
        resolved = checked.resolved[key]
        base = brand_folder(checked.corpus, resolved, dirs)
        pages.append(render_html(resolved, "pdf", dirs, base))
    return pages, base


#: A plain <style> in the page's head (the brand's colours and the kind's CSS).
HEAD_STYLE = re.compile(r"<style>(.*?)</style>\s*", re.DOTALL)


def _floor_worker(conn: Connection, pages: list[str], base: str, out: str, once: bool) -> None:
    """Lay out one page untimed (warm), say so, wait for the word, then lay out `pages`;
    with `once`, the head's stylesheets parsed once and handed to WeasyPrint with each
    page, as WeasyPrint allows (and as parlbrief's workers do)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    parsed: dict[str, Any] = {}

    def lay_out(n: int, html: str) -> None:
        sheets: list[Any] = []
        if once:
            head, rest = html.split("</head>", 1)
            for css in HEAD_STYLE.findall(head):
                if css not in parsed:
                    parsed[css] = weasyprint.CSS(string=css, base_url=base, font_config=fonts)
                sheets.append(parsed[css])
            html = HEAD_STYLE.sub("", head) + "</head>" + rest
        weasyprint.HTML(string=html, base_url=base).write_pdf(
            f"{out}/{os.getpid()}-{n}.pdf",
            stylesheets=sheets,
            font_config=fonts if once else None,
            pdf_variant="pdf/ua-1",
        )

    lay_out(-1, pages[0])
    conn.send("warm")
    conn.recv()
    for n, html in enumerate(pages):
        lay_out(n, html)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    conn.send((usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024))


@dataclass
class Timing:
    wall: float
    cpu: float
    peaks: list[int]


def floor(pages: list[str], base: Path, work: Path, *, once: bool) -> Timing:
    """WeasyPrint alone, warm, the pages shared round-robin among one process per core."""
    cores = os.cpu_count() or 1
    out = work / f"floor-{'once' if once else 'each'}"
    out.mkdir()
    ctx = multiprocessing.get_context("fork")
    links: list[Connection] = []
    procs = []
    for i in range(cores):
        parent, child = ctx.Pipe()
        args = (child, pages[i::cores], base.as_uri() + "/", str(out), once)
        proc = ctx.Process(target=_floor_worker, args=args)
        proc.start()
        links.append(parent)
        procs.append(proc)
    for link in links:
        link.recv()  # every worker warm
    start = time.perf_counter()
    for link in links:
        link.send("go")
    results = [link.recv() for link in links]
    wall = time.perf_counter() - start
    for proc in procs:
        proc.join()
    return Timing(wall, sum(r[0] for r in results), [r[1] for r in results])


# --- parlbrief build ---------------------------------------------------------------------


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_build(root: Path, out: Path, *args: str) -> tuple[Timing, dict[str, Any]]:
    """One `parlbrief build --json` process into `out`, timed (wall and CPU)."""
    command = [str(PARLBRIEF), "build", "--project", str(root), "--out", str(out), "--json"]
    cpu, start = children_cpu(), time.perf_counter()
    done = subprocess.run([*command, *args], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    reap_orphans()  # the fork server and its workers, so that their CPU counts
    if done.returncode != 0:
        sys.exit(f"parlbrief build failed ({done.returncode}):\n{done.stderr}\n{done.stdout}")
    report = json.loads(done.stdout)
    return Timing(wall, children_cpu() - cpu, report.get("worker_peak_rss", [])), report


# --- the table ----------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    measured: str
    target: str
    ok: bool | None
    detail: str


def per_page(name: str, t: Timing, count: int, target: str = "", ok: bool | None = None) -> Row:
    detail = f"{t.wall / count:.3f} s a page; CPU {t.cpu:.1f} s, {t.cpu / count:.3f} s a page"
    return Row(name, f"{t.wall:.1f} s", target, ok, detail)


def memory_rows(peaks: list[int]) -> list[Row]:
    if not peaks:
        return [Row("memory per worker", "not reported", "<= 150 MB", False, "")]
    window = max(1, min(100, len(peaks) // 4))
    first, last = statistics.median(peaks[:window]), statistics.median(peaks[-window:])
    return [
        Row(
            "peak memory of a worker",
            f"{max(peaks) / MB:.0f} MB",
            "<= 150 MB",
            max(peaks) <= 150 * MB,
            f"median {statistics.median(peaks) / MB:.0f} MB over {len(peaks)} renders",
        ),
        Row(
            f"last {window} / first {window} renders",
            f"{last / first:.2f}",
            "<= 1.10",
            last / first <= 1.10,
            f"{last / MB:.0f} MB / {first / MB:.0f} MB (median worker peak)",
        ),
    ]


def print_table(rows: list[Row], count: int) -> None:
    from rich.console import Console
    from rich.table import Table

    cores = os.cpu_count()
    table = Table(title=f"{count} constituency sheets ({cores} cores)")
    for column in ("measure", "result", "target", "", "detail"):
        table.add_column(column)
    for row in rows:
        mark = "" if row.ok is None else ("[green]ok[/]" if row.ok else "[red]MISSED[/]")
        table.add_row(row.name, row.measured, row.target, mark, row.detail)
    Console(width=150).print(table)


def measure(root: Path, work: Path, count: int) -> list[Row]:
    print("the pages parlbrief hands WeasyPrint ...", flush=True)
    pages, base = pdf_pages(root)
    print(f"floor: WeasyPrint alone on {len(pages)} pages, every core busy ...", flush=True)
    least = floor(pages, base, work, once=False)
    print("floor, each stylesheet parsed once ...", flush=True)
    once = floor(pages, base, work, once=True)
    print("parlbrief build, cold, default jobs ...", flush=True)
    build, report = cli_build(root, work / "out-default")
    assert len(report["built"]) == count, report["failed"]
    print("parlbrief build, cold, --jobs 1 ...", flush=True)
    one, _ = cli_build(root, work / "out-1", "--jobs", "1")
    print(f"one row changed ({CHANGED}) ...", flush=True)
    change_row(root, CHANGED)
    again, changed = cli_build(root, work / "out-default")
    ratio, parallel = build.wall / least.wall, build.wall / one.wall
    return [
        per_page("floor: WeasyPrint alone, warm", least, count),
        per_page("floor, stylesheets parsed once", once, count),
        per_page("parlbrief build, cold", build, count),
        Row("build / floor", f"{ratio:.2f}", "<= 1.10", ratio <= 1.10, "wall"),
        Row("build / floor parsing once", f"{build.wall / once.wall:.2f}", "", None, "wall"),
        # CPU seconds hold on a machine busy with other work, where wall seconds do not.
        Row("build / floor, CPU", f"{build.cpu / least.cpu:.2f}", "", None, "CPU"),
        Row("build / floor parsing once, CPU", f"{build.cpu / once.cpu:.2f}", "", None, "CPU"),
        per_page("parlbrief build --jobs 1, cold", one, count),
        Row("default jobs / 1 job", f"{parallel:.3f}", "<= 0.55", parallel <= 0.55, "wall"),
        *memory_rows(build.peaks),
        Row(
            "one row changed: sheets rebuilt",
            str(len(changed["built"])),
            "1",
            len(changed["built"]) == 1,
            f"{', '.join(changed['built'])} in {again.wall:.1f} s",
        ),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=650, help="constituencies (of 650)")
    parser.add_argument("--keep", action="store_true", help="keep the generated project")
    args = parser.parse_args(argv)
    adopt_orphans()
    work = Path(tempfile.mkdtemp(prefix="parlbrief-bench-"))
    try:
        count = len(make_project(work / "project", max(1, min(args.count, 650))))
        print_table(measure(work / "project", work, count), count)
    finally:
        if args.keep:
            print(f"project kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
