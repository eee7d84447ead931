"""Scale benchmarks for incremental and parallel builds, as ratios measured in one run.

    .venv/bin/python bench/run.py            # the full run: several minutes on 2 cores
    .venv/bin/python bench/run.py --quick    # a smaller project, to try it out
    .venv/bin/python bench/run.py --keep     # keep the generated projects (path printed)

Generates, in a temporary folder, a project of 200 briefings (each with a summary,
three sections of cited prose, figures and questions) and a project with one briefing
built once per row of a 650-row constituencies table, then measures:

  (a) no-op    `parlbrief build` with nothing changed / the full build     target <= 0.02
  (b) k-change one figure used by k briefings changed (k = 10, 40): exactly k
               rebuilt, and the time grows in proportion to k: the cost of each
               extra briefing rebuilt, (t40 - t10) / 30, over the cost of one
               briefing in the full build, (t_full - t_noop) / 200         target 0.75-1.25
  (c) parallel full build with --jobs 2 / with --jobs 1                    target <= 0.55
  (d) memory   peak resident memory of any render worker over the 650-variant
               build (HTML and PDF)                                        target <= 150 MB
               and flatness: median worker peak over the last 100 renders /
               over the first 100                                          target <= 1.10

(a)-(c) time whole `parlbrief build` processes, as a user would feel them (each full
build twice, alternating --jobs 1 and 2, keeping the faster); (d) runs the
build in this process to read each render's worker peak from the build report. Ratios
are taken within one run so that they hold on any machine; absolute seconds are
printed for context. A benchmark, not a test: it prints a table and always exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import BUILTIN_TEMPLATES, Project

REPO = Path(__file__).resolve().parents[1]
PARLBRIEF = Path(sys.executable).parent / "parlbrief"
MB = 1024 * 1024

PROSE = (
    "Probation officers supervise people on licence and on community sentences. "
    "Caseloads have grown while the number of qualified officers has not, and the "
    "Inspectorate has found that risk assessments are too often late or incomplete."
)


# --- generated projects ---------------------------------------------------------------


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def common_files(root: Path) -> None:
    """References, questions and a copy of the built-in templates."""
    refs = "".join(
        f"- id: ref-{i}\n  kind: report\n  author: HM Inspectorate of Probation\n"
        f"  short: HMIP\n  title: Annual report {2015 + i}\n  date: {2015 + i}-06-30\n\n"
        for i in range(8)
    )
    write(root, "sources/references/refs.yaml", refs)
    write(
        root,
        "sources/questions/questions.yaml",
        "- id: q-one\n  text: What will the Minister do about caseloads?\n\n"
        "- id: q-two\n  text: When will vacancies be filled?\n",
    )
    # A snapshot of the templates, so that edits to the built-in ones during a long run
    # do not turn a no-op into a rebuild.
    shutil.copytree(BUILTIN_TEMPLATES, root / "templates")


def statistic(sid: str, label: str, value: int, ref: int) -> str:
    return (
        f"- id: {sid}\n  label: {label}\n  value: {value}\n  kind: count\n"
        f"  as_of: 2024-06-30\n  source: ref-{ref % 8}\n  pinpoint: table {ref % 5 + 1}\n\n"
    )


def briefings_project(root: Path, count: int, shared: dict[str, range]) -> None:
    """`count` briefings; statistic `name` in `shared` is printed by briefings in its range."""
    common_files(root)
    stats = [statistic(f"stat-{i}", f"Caseload in area {i}", 1000 + i, i) for i in range(count)]
    stats += [statistic(name, f"Figure {name}", 5000, 3) for name in shared]
    write(root, "sources/statistics/stats.yaml", "".join(stats))
    for i in range(count):
        uses = [name for name, users in shared.items() if i in users]
        extra = "".join(f" Nationally the figure is [#{name}]." for name in uses)
        write(
            root,
            f"sources/arguments/arg-{i}.md",
            f"---\nheading: Area {i}\n---\n{PROSE}[@ref-{i % 8}, para {i % 40 + 1}]\n\n"
            f"In area {i} the caseload was [#stat-{i}].{extra}\n\n"
            f"- {PROSE}[@ref-{(i + 1) % 8}]\n- {PROSE}[@ref-{(i + 2) % 8}, p {i % 9 + 2}]\n",
        )
        write(
            root,
            f"briefings/b{i:03d}.yaml",
            f"series: Briefing {i}\ntitle: Probation in area {i}\ndate: 2026-01-15\n"
            f"summary: |\n  {PROSE}[@ref-{i % 8}]\n"
            f"sections:\n  - argument: arg-{i}\n"
            f"  - heading: What needs to change\n    text: |\n      {PROSE}[@ref-{(i + 3) % 8}]\n"
            f"\n      {PROSE}\n"
            "questions:\n  - q-one\n  - q-two\n",
        )


def variants_project(root: Path, count: int) -> None:
    """One briefing built once per row of a `count`-row constituencies table."""
    common_files(root)
    rows = "".join(f"Constituency {i:03d},{900 + i},{40 + i % 17}\n" for i in range(count))
    write(root, "sources/data/constituencies.csv", "constituency,caseload,officers\n" + rows)
    write(
        root,
        "sources/statistics/local.yaml",
        "- id: local-caseload\n  label: People supervised in {variant}\n  kind: count\n"
        "  as_of: 2024-06-30\n  source: ref-1\n  data:\n    file: constituencies.csv\n"
        '    row: {constituency: "{variant}"}\n    column: caseload\n\n'
        "- id: local-officers\n  label: Probation officers in {variant}\n  kind: count\n"
        "  as_of: 2024-06-30\n  source: ref-2\n  data:\n    file: constituencies.csv\n"
        '    row: {constituency: "{variant}"}\n    column: officers\n',
    )
    write(
        root,
        "briefings/local.yaml",
        "series: Local briefing\ntitle: Probation in your constituency\ndate: 2026-01-15\n"
        "variants:\n  data: constituencies.csv\n  key: constituency\n  label: Constituency\n"
        f"summary: |\n  {PROSE}[@ref-1]\n"
        "sections:\n  - heading: Your constituency\n    text: |\n"
        "      [#local-caseload] people are supervised by [#local-officers] officers.[@ref-3]\n"
        f"\n      {PROSE}[@ref-4, para 12]\n"
        "questions:\n  - q-one\n",
    )


# --- measuring ------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    report: dict[str, list[str]]


def cli_build(root: Path, *args: str) -> Run:
    """Time one `parlbrief build --json` process."""
    start = time.perf_counter()
    done = subprocess.run(
        [str(PARLBRIEF), "build", "--project", str(root), "--json", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    print(f"    {seconds:.2f} s", flush=True)
    if done.returncode != 0:
        sys.exit(f"parlbrief build failed ({done.returncode}):\n{done.stderr}\n{done.stdout}")
    return Run(seconds, json.loads(done.stdout))


def fresh(root: Path) -> None:
    """Forget every output and edition, so the next build is a full one."""
    shutil.rmtree(root / "build", ignore_errors=True)
    shutil.rmtree(root / "editions", ignore_errors=True)


def change(root: Path, sid: str, value: int) -> None:
    """Set statistic `sid`'s value in the generated statistics file."""
    path = root / "sources/statistics/stats.yaml"
    text = path.read_text(encoding="utf-8")
    pattern = rf"(- id: {re.escape(sid)}\n(?:  .*\n)*?  value: )\d+"
    path.write_text(re.sub(pattern, rf"\g<1>{value}", text, count=1), encoding="utf-8")


@dataclass
class Row:
    name: str
    measured: str
    target: str
    ok: bool
    detail: str


def measure_builds(root: Path, count: int, ks: Sequence[int]) -> list[Row]:
    rows: list[Row] = []
    # Alternate, twice, and keep each one's best: a shared machine's noise only slows.
    best: dict[int, Run] = {}
    for _ in range(2):
        for jobs in (1, 2):
            fresh(root)
            print(f"(c) full build of {count} briefings with --jobs {jobs} ...", flush=True)
            run = cli_build(root, "--jobs", str(jobs))
            assert len(run.report["built"]) == count, run.report
            if jobs not in best or run.seconds < best[jobs].seconds:
                best[jobs] = run
    one, two = best[1], best[2]
    ratio = two.seconds / one.seconds
    parallel = Row(
        "(c) --jobs 2 / --jobs 1",
        f"{ratio:.3f}",
        "<= 0.55",
        ratio <= 0.55,
        f"{two.seconds:.1f} s / {one.seconds:.1f} s",
    )

    print("(a) no-op rebuild ...", flush=True)
    noops = [cli_build(root) for _ in range(3)]
    noop = statistics.median(r.seconds for r in noops)
    for r in noops:
        if r.report["built"]:
            sys.exit(f"a no-op build rebuilt something: {r.report['reasons']}")
    ratio = noop / two.seconds
    rows.append(
        Row(
            "(a) no-op / full build",
            f"{ratio:.4f}",
            "<= 0.02",
            ratio <= 0.02,
            f"{noop:.2f} s / {two.seconds:.1f} s (full build at --jobs 2)",
        )
    )

    times: dict[int, float] = {}
    exact = True
    for k in ks:
        print(f"(b) change a figure used by {k} briefings ...", flush=True)
        change(root, f"shared-{k}", 6000 + k)
        run = cli_build(root)
        exact &= len(run.report["built"]) == k
        times[k] = run.seconds - noop
    small, large = ks[0], ks[-1]
    # Proportional to k: each extra briefing rebuilt costs what one costs in a full build.
    marginal = (times[large] - times[small]) / (large - small)
    per_briefing = (two.seconds - noop) / count
    proportion = marginal / per_briefing
    rows.append(
        Row(
            f"(b) k={small} and k={large}: exactly k rebuilt",
            "yes" if exact else "NO",
            "yes",
            exact,
            ", ".join(f"k={k}: {times[k] + noop:.1f} s" for k in ks),
        )
    )
    rows.append(
        Row(
            "(b) s per extra briefing rebuilt / s per briefing in full build",
            f"{proportion:.2f}",
            "0.75-1.25",
            0.75 <= proportion <= 1.25,
            f"{marginal:.3f} s / {per_briefing:.3f} s",
        )
    )
    rows.append(parallel)
    return rows


def measure_memory(root: Path, count: int) -> list[Row]:
    print(f"(d) {count}-variant build, HTML and PDF, in-process ...", flush=True)
    start = time.perf_counter()
    report = build(Project.at(root), options=BuildOptions(jobs=2))
    seconds = time.perf_counter() - start
    if report.failed:
        sys.exit(f"variant build failed: {report.failed}")
    peaks = report.worker_peak_rss
    window = max(1, min(100, len(peaks) // 4))
    first, last = statistics.median(peaks[:window]), statistics.median(peaks[-window:])
    flat = last / first
    return [
        Row(
            "(d) peak memory of a worker",
            f"{max(peaks) / MB:.0f} MB",
            "<= 150 MB",
            max(peaks) <= 150 * MB,
            f"{len(report.built)} variants in {seconds:.0f} s; "
            f"median {statistics.median(peaks) / MB:.0f} MB",
        ),
        Row(
            f"(d) last {window} / first {window} renders",
            f"{flat:.2f}",
            "<= 1.10",
            flat <= 1.10,
            f"{last / MB:.0f} MB / {first / MB:.0f} MB (median worker peak)",
        ),
    ]


def print_table(rows: list[Row]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"parlbrief scale benchmarks ({os.cpu_count()} cores)")
    for column in ("measure", "result", "target", "", "detail"):
        table.add_column(column)
    for row in rows:
        mark = "[green]ok[/]" if row.ok else "[red]MISSED[/]"
        table.add_row(row.name, row.measured, row.target, mark, row.detail)
    Console(width=140).print(table)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="60 briefings, 100 variants")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    args = parser.parse_args(argv)
    count, variants = (60, 100) if args.quick else (200, 650)
    ks = (5, 20) if args.quick else (10, 40)
    work = Path(tempfile.mkdtemp(prefix="parlbrief-bench-"))
    try:
        # Disjoint users, so each change touches exactly its k briefings.
        small, large = ks
        shared = {f"shared-{small}": range(small), f"shared-{large}": range(small, small + large)}
        briefings_project(work / "briefings", count, shared)
        variants_project(work / "variants", variants)
        rows = measure_builds(work / "briefings", count, ks)
        rows += measure_memory(work / "variants", variants)
        print_table(rows)
    finally:
        if args.keep:
            print(f"projects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
