"""How much parlbrief adds on top of WeasyPrint, measured as a user would feel it.

    .venv/bin/python bench/bench_build.py [--runs 7] [--briefing briefing-5] [--pin 0]

Times, as whole processes, run in turn so that all see the same machine load:

  build     `parlbrief build briefing-5 --format pdf --out <fresh folder>`: a first build
  baseline  `weasyprint <the same final HTML> out.pdf`, the layout work alone
  current   `parlbrief build` of the whole project with nothing changed (the commonest
            command of all: it should cost about a check)
  check     `parlbrief check`

and prints the median wall time and CPU time (user + system, the command and its
workers) of each, with two ratios of medians: build / baseline (target <= 1.25: the
template, Markdown and citation work must cost little beside layout) and current /
check (target <= 1.10). `--pin 0` runs every command on core 0 alone (taskset), which
shows what the work costs without a second core to hide it.

The final HTML is made once, before timing, by the same library calls `build` uses.
Everything runs on a copy of the project in a temporary folder (a build records
editions in the project, which a benchmark must not touch); each first build writes
into a new folder so that the manifest never lets it skip the render.
This is a benchmark, not a test: it prints, it does not fail.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from parlbrief.check import check
from parlbrief.project import Project
from parlbrief.render import render_html

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BUILD_TARGET = 1.25
CURRENT_TARGET = 1.10


def final_html(project: Project, bid: str) -> tuple[str, Path]:
    """The HTML `parlbrief build` hands to WeasyPrint for `bid`, and its base folder.

    Without edition history it prints "edition 1" and the briefing's own date where a
    build may print a later edition and date: the same layout work, a few words apart.
    """
    checked = check(project)
    checked.problems.raise_if_errors()
    resolved = checked.resolved[bid]
    dirs = tuple(project.template_dirs)
    brand_dir = checked.corpus.brand_dirs.get(resolved.brand.id, dirs[-1])
    return render_html(resolved, "pdf", dirs, brand_dir), brand_dir


@dataclass(frozen=True)
class Run:
    """One timed run: wall-clock seconds and CPU seconds (user + system, children too)."""

    wall: float
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def adopt_orphans() -> None:
    """Become the "subreaper" of every process started from here (Linux).

    A build's fork server outlives the command by a moment and is then reparented; as
    its subreaper this process inherits and reaps it, so that the CPU it and its workers
    used counts in RUSAGE_CHILDREN like the command's own.
    """
    import ctypes

    pr_set_child_subreaper = 36
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_child_subreaper, 1, 0, 0, 0)


def reap_orphans() -> None:
    """Wait for every adopted process (see adopt_orphans) to end."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def timed(command: Sequence[str | Path], pin: int | None) -> Run:
    """One run of `command`, which must succeed (on core `pin` alone, if given)."""
    args = [str(c) for c in command]
    if pin is not None:
        args = ["taskset", "-c", str(pin), *args]
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, cwd=REPO)
    wall = time.perf_counter() - start
    reap_orphans()
    return Run(wall, _children_cpu() - cpu)


def commands(project: Path, bid: str, work: Path) -> dict[str, Callable[[int], list[str | Path]]]:
    """Each thing timed, as a function of the run number (for fresh output folders)."""
    html, base = final_html(Project.at(project), bid)
    page = work / f"{bid}.html"
    page.write_text(html, encoding="utf-8")
    build: list[str | Path] = [
        BIN / "parlbrief",
        "build",
        bid,
        "--format",
        "pdf",
        "--project",
        project,
        "--out",
    ]
    # The same PDF variant and base URL as parlbrief's own call to WeasyPrint.
    baseline: list[str | Path] = [
        BIN / "weasyprint",
        "--pdf-variant",
        "pdf/ua-1",
        "--base-url",
        base.as_uri() + "/",
    ]
    current = [BIN / "parlbrief", "build", "--project", project, "--out", work / "current"]
    return {
        "build": lambda i: [*build, work / f"build-{i}"],
        "baseline": lambda i: [*baseline, page, work / f"baseline-{i}.pdf"],
        "current": lambda i: current,
        "check": lambda i: [BIN / "parlbrief", "check", "--project", project],
    }


#: What a project is made of; its build/ folder is left behind.
PROJECT_PARTS = ("parlbrief.yaml", "sources", "briefings", "templates", "editions")


def copy_project(project: Path, dest: Path) -> Path:
    """The project's own files copied to `dest`."""
    dest.mkdir()
    for name in PROJECT_PARTS:
        part = project / name
        if part.is_dir():
            shutil.copytree(part, dest / name)
        elif part.is_file():
            shutil.copy2(part, dest / name)
    return dest


def measure(project: Path, bid: str, runs: int, pin: int | None) -> dict[str, list[Run]]:
    """Every command `runs` times, interleaved, after one untimed warm-up round.

    The warm-up also makes the up-to-date build's first (full) build.
    """
    with tempfile.TemporaryDirectory(prefix="parlbrief-bench-") as tmp:
        copy = copy_project(project, Path(tmp) / "project")
        todo = commands(copy, bid, Path(tmp))
        for command in todo.values():
            timed(command(-1), pin)  # warm the disk cache and fontconfig's cache
        times: dict[str, list[Run]] = {name: [] for name in todo}
        for i in range(runs):
            for name, command in todo.items():
                times[name].append(timed(command(i), pin))
        return times


def report(times: dict[str, list[Run]], bid: str, runs: int, pin: int | None) -> str:
    wall = {name: statistics.median(r.wall for r in runs_) for name, runs_ in times.items()}
    cpu = {name: statistics.median(r.cpu for r in runs_) for name, runs_ in times.items()}
    where = f"on core {pin} alone" if pin is not None else f"on {os.cpu_count()} cores"
    rows = [
        f"parlbrief benchmark: {bid}, median of {runs} runs {where} (seconds)",
        "",
        f"  {'what':<44}{'wall':>8}{'min':>8}{'max':>8}{'cpu':>8}",
    ]
    labels = {
        "build": f"parlbrief build {bid} --format pdf (first)",
        "baseline": "weasyprint on the same final HTML",
        "current": "parlbrief build, everything up to date",
        "check": "parlbrief check",
    }
    for name, values in times.items():
        walls = [r.wall for r in values]
        rows.append(
            f"  {labels[name]:<44}{wall[name]:>8.3f}{min(walls):>8.3f}{max(walls):>8.3f}"
            f"{cpu[name]:>8.3f}"
        )
    rows.append("")
    rows.append(f"  {'ratio of medians':<28}{'wall':>6}{'cpu':>8}")
    for what, a, b, target in (
        ("build / weasyprint", "build", "baseline", BUILD_TARGET),
        ("up-to-date build / check", "current", "check", CURRENT_TARGET),
    ):
        rows.append(ratio_line(what, wall[a] / wall[b], cpu[a] / cpu[b], target))
    return "\n".join(rows)


def ratio_line(what: str, ratio: float, cpu_ratio: float, target: float) -> str:
    verdict = "meets the target" if ratio <= target else "OVER the target"
    return f"  {what:<28}{ratio:>6.2f}{cpu_ratio:>8.2f}   target <= {target:.2f} (wall): {verdict}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=REPO, help="project folder")
    parser.add_argument("--briefing", default="briefing-5", help="briefing id")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command")
    parser.add_argument("--pin", type=int, default=None, help="run everything on this core")
    args = parser.parse_args(argv)
    adopt_orphans()
    times = measure(args.project.resolve(), args.briefing, args.runs, args.pin)
    print(report(times, args.briefing, args.runs, args.pin))
    return 0


if __name__ == "__main__":
    sys.exit(main())
