"""Where a constituency sheet's CPU goes: the main process's planning, each sheet's
work in a render worker, and that work by library (profiled).

    .venv/bin/python bench/profile_sheets.py                  # 40 sheets, CPU a sheet
    .venv/bin/python bench/profile_sheets.py --profile        # and by library, profiled
    .venv/bin/python bench/profile_sheets.py --profile --stats sheets.prof  # pstats file

Makes the project bench_constituencies.py makes, then builds it in this one process:
the pool's workers are replaced by a loop here that runs each job's task (what a
worker does: write.pdfjob.render_pdf), so that one profiler sees all of it (the
profiler slows the code it watches: the CPU seconds are measured without it). CPU
seconds (not wall seconds) hold on a shared machine; pin it to one core for steadier
numbers (`taskset -c 0`). The first sheet is shown apart: it is what a new worker pays
once (templates compiled, web fonts cut, fonts loaded). A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from bench_constituencies import make_project
from parlbrief.pipeline.driver import Making, make_drafts, prepare
from parlbrief.pipeline.manifest import read_manifest
from parlbrief.pipeline.options import BuildOptions
from parlbrief.project import Project
from parlbrief.write.formats import with_needs
from parlbrief.write.pdfjob import render_pdf
from parlbrief.write.pool import Job, Outcome

#: Libraries whose own time is added up, by the folder their code is in.
LIBRARIES = (
    "weasyprint",
    "tinyhtml5",
    "parlbrief",
    "fontTools",
    "pikepdf",
    "jinja2",
    "pydyf",
    "cffi",
)


class InlinePool:
    """Runs each job here, in turn, timing its CPU and profiling it."""

    size = 1

    def __init__(self, profiler: cProfile.Profile | None) -> None:
        self.profiler = profiler
        self.seconds: list[float] = []

    def run(self, jobs: Iterable[Job], on_done: Callable[[Outcome], None]) -> None:
        for job in jobs:
            start = time.process_time()
            if self.profiler is not None:
                self.profiler.enable()
            try:
                render_pdf(job)
            finally:
                if self.profiler is not None:
                    self.profiler.disable()
            self.seconds.append(time.process_time() - start)
            on_done(Outcome(job.key, job.target, None, self.seconds[-1]))


def build_here(root: Path, pool: InlinePool) -> float:
    """Build the project at `root` with `pool`; the CPU seconds the whole build took."""
    project = Project.at(root)
    opts = BuildOptions(force=True)
    opts = replace(opts, formats=with_needs(opts.formats))
    start = time.process_time()
    prepared = prepare(project, (), opts)
    make_drafts(prepared, read_manifest(project.out), opts, Making(pool=pool))  # type: ignore[arg-type]
    return time.process_time() - start


def by_library(stats: pstats.Stats) -> dict[str, float]:
    """Profiled seconds spent in each library's own code; time in C functions and the
    standard library goes to the library that called them ('other' if none)."""
    spent: dict[str, float] = defaultdict(float)
    for (path, _line, _name), row in stats.stats.items():  # type: ignore[attr-defined]
        library = _library(path)
        if library != "other" or not row[4]:
            spent[library] += row[2]  # its own time, not its callees'
            continue
        for (caller, _l, _n), by_caller in row[4].items():
            spent[_library(caller)] += by_caller[2]
    return dict(spent)


def _library(path: str) -> str:
    return next((lib for lib in LIBRARIES if f"/{lib}/" in path), "other")


def report(total: float, seconds: list[float]) -> None:
    count = len(seconds)
    rest = seconds[1:] or seconds
    print(f"{count} sheets, CPU seconds a sheet:")
    print(f"  main process (check, plan)   {(total - sum(seconds)) / count:.4f}")
    print(f"  a worker's first sheet       {seconds[0]:.4f}")
    print(f"  each sheet after: mean       {statistics.mean(rest):.4f}")
    print(f"                    median     {statistics.median(rest):.4f}")


def report_libraries(stats: pstats.Stats) -> None:
    spent = by_library(stats)
    whole = sum(spent.values())
    print("the sheets' work by library (share of profiled time):")
    for library, value in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {library:12} {value / whole:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=40, help="constituencies (of 650)")
    parser.add_argument("--profile", action="store_true", help="profile the sheets' work")
    parser.add_argument("--stats", type=Path, help="with --profile: write it here (pstats)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="parlbrief-profile-"))
    try:
        make_project(work / "project", max(2, min(args.count, 650)))
        pool = InlinePool(cProfile.Profile() if args.profile else None)
        total = build_here(work / "project", pool)
        report(total, pool.seconds)
        if pool.profiler is not None:
            stats = pstats.Stats(pool.profiler)
            report_libraries(stats)
            if args.stats:
                stats.dump_stats(args.stats)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
