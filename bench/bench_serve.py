"""What a refreshed PDF costs in `parlbrief serve`, beside WeasyPrint alone.

    .venv/bin/python bench/bench_serve.py [--runs 7] [--briefing briefing-5]

On a copy of the project, a preview of one briefing is started (parlbrief.serve, as
`parlbrief serve briefing-5` runs it) and its first build finished. Then, in turn, so
that both see the same machine load:

  serve     an argument the briefing uses is saved with one word changed; timed from
            the save until the new PDF is served (the preview has noticed the save,
            checked the project, made the HTML, laid the PDF out in its warm worker,
            and an HTTP request for the PDF has its new bytes)
  baseline  WeasyPrint making a PDF of the same final HTML (the same call parlbrief
            makes: PDF/UA-1, the project's templates as the only files it may load)
            in a process that has already made it once

and prints the median wall time and CPU time (user + system: the preview's process and
its render worker; the baseline's process) of each, and the ratio of medians, serve /
baseline (target <= 1.15: a saved file should cost about one layout). The ratio is
measured within one run, so it holds on any machine; the CPU ratio shows the work done
whatever else the machine is doing. This is a benchmark, not a test: it prints, it
does not fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench_build import REPO, Run, copy_project, final_html, ratio_line
from parlbrief.project import Project
from parlbrief.serve import Serving

SERVE_TARGET = 1.15
#: The words changed in each run, back and forth, so every save changes the PDF's text
#: and its layout stays the same.
WORDS = ("closely linked to its local community", "closely tied to its local community")


def argument_of(project: Project, bid: str) -> Path:
    """The first argument file `bid` uses whose text has WORDS[0] in it."""
    briefing = (project.briefings / f"{bid}.yaml").read_text(encoding="utf-8")
    for path in sorted((project.sources / "arguments").glob("*.md")):
        if path.stem in briefing and WORDS[0] in path.read_text(encoding="utf-8"):
            return path
    raise SystemExit(f"no argument of {bid} says {WORDS[0]!r}: choose another --briefing")


def cpu_of(pids: Sequence[int]) -> float:
    """CPU seconds (user + system) this process and the processes `pids` have used."""
    own = time.process_time()
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        own += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return own


#: The worker's own seconds for each PDF (the guard's look at the HTML, then the layout).
WORKER_SECONDS: list[float] = []


def _record_worker_seconds() -> None:
    """Note each render's time in the worker as each preview build reports it."""
    from parlbrief.serve import preview

    build = preview.preview_build

    def noted(*args: Any, **kwargs: Any) -> preview.PreviewResult:
        result = build(*args, **kwargs)
        WORKER_SECONDS.extend(result.report.render_seconds)
        return result

    preview.preview_build = noted


def save_to_served(serving: Serving, argument: Path, bid: str) -> Run:
    """Save `argument` with the words changed; time until the new PDF is served."""
    text = argument.read_text(encoding="utf-8")
    old, new = WORDS if WORDS[0] in text else WORDS[::-1]
    text = text.replace(old, new, 1)
    workers = serving.pool.worker_pids
    before = serving.snapshot
    stamp = before.files.get(f"{bid}.pdf")
    cpu, start = cpu_of(workers), time.perf_counter()
    argument.write_text(text, encoding="utf-8")
    snap, give_up = before, start + 300
    while snap.files.get(f"{bid}.pdf") == stamp:
        if snap.failed or snap.errors or time.perf_counter() > give_up:
            raise SystemExit(f"the preview did not make a new PDF: {snap}")
        snap = serving.preview.wait(snap.generation, 10)
    with urllib.request.urlopen(f"{serving.url}{bid}.pdf", timeout=60) as response:
        data = response.read()
    wall = time.perf_counter() - start
    used = cpu_of(workers) - cpu
    assert data.startswith(b"%PDF-")
    serving.wait_built(120)  # the web page and the manifest land after the PDF
    return Run(wall, used)


def weasyprint_warm(html: str, base: Path, roots: list[Path], target: Path) -> Run:
    """One more render of `html` in this process, which has rendered it before."""
    from parlbrief.write.pdf import write_pdf

    cpu, start = time.process_time(), time.perf_counter()
    target.write_bytes(write_pdf(target, html, base, roots))
    return Run(time.perf_counter() - start, time.process_time() - cpu)


def measure(project_dir: Path, bid: str, runs: int) -> dict[str, list[Run]]:
    with tempfile.TemporaryDirectory(prefix="parlbrief-bench-serve-") as tmp:
        copy = Project.at(copy_project(project_dir, Path(tmp) / "project"))
        argument = argument_of(copy, bid)
        times: dict[str, list[Run]] = {"serve": [], "worker": [], "baseline": []}
        with Serving(copy, [bid], port=0) as serving:
            serving.wait_built(300)
            save_to_served(serving, argument, bid)  # warm: every stage once
            save_to_served(serving, argument, bid)
            html, base = final_html(copy, bid)
            roots = list(copy.template_dirs)
            target = Path(tmp) / "baseline.pdf"
            weasyprint_warm(html, base, roots, target)  # warm: the baseline's first render
            WORKER_SECONDS.clear()
            for _ in range(runs):
                times["serve"].append(save_to_served(serving, argument, bid))
                times["baseline"].append(weasyprint_warm(html, base, roots, target))
            times["worker"] = [Run(s, s) for s in WORKER_SECONDS]
        return times


def report(times: dict[str, list[Run]], bid: str, runs: int) -> str:
    wall = {name: statistics.median(r.wall for r in rs) for name, rs in times.items()}
    cpu = {name: statistics.median(r.cpu for r in rs) for name, rs in times.items()}
    labels = {
        "serve": f"serve {bid}: save -> new PDF served",
        "baseline": "weasyprint, same HTML, warm process",
        "worker": "  of which in the warm worker (guard, layout)",
    }
    rows = [
        f"parlbrief serve benchmark: {bid}, median of {runs} runs on {os.cpu_count()} cores "
        "(seconds)",
        "",
        f"  {'what':<44}{'wall':>8}{'min':>8}{'max':>8}{'cpu':>8}",
    ]
    for name, values in times.items():
        walls = [r.wall for r in values]
        rows.append(
            f"  {labels[name]:<44}{wall[name]:>8.3f}{min(walls):>8.3f}{max(walls):>8.3f}"
            f"{cpu[name]:>8.3f}"
        )
    rows += ["", f"  {'ratio of medians':<28}{'wall':>6}{'cpu':>8}"]
    ratio = wall["serve"] / wall["baseline"]
    rows.append(
        ratio_line("serve / weasyprint", ratio, cpu["serve"] / cpu["baseline"], SERVE_TARGET)
    )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=REPO, help="project folder")
    parser.add_argument("--briefing", default="briefing-5", help="briefing id")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each")
    args = parser.parse_args(argv)
    _record_worker_seconds()
    times = measure(args.project.resolve(), args.briefing, args.runs)
    print(report(times, args.briefing, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
