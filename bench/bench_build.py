"""How much parlbrief adds on top of WeasyPrint, measured as a user would feel it.

    .venv/bin/python bench/bench_build.py [--runs 7] [--briefing briefing-5]

Times, as whole processes, run in turn so that both see the same machine load:

  build     `parlbrief build briefing-5 --format pdf --out <fresh folder>`
  baseline  `weasyprint <the same final HTML> out.pdf`, the layout work alone
  check     `parlbrief check`
  import    `python -c "import weasyprint"`
  libraries the libraries `check` needs (typer, pydantic, PyYAML, markdown-it, Babel),
            each loaded and used once (a typer command with two options, a two-field
            model, a line of YAML, a line of Markdown, a number in en-GB), and nothing
            else: the floor under `check`

and prints the median of each with two ratios: build / baseline (target <= 1.10: the
template, Markdown and citation work must cost next to nothing beside layout) and
check / import (target < 0.5: checking a project must feel instant beside a build).

The final HTML is made once, before timing, by the same library calls `build` uses.
Everything runs on a copy of the project in a temporary folder (a build records
editions in the project, which a benchmark must not touch), and each build writes into
a new folder so that the incremental-build manifest never lets it skip the render.
This is a benchmark, not a test: it prints, it does not fail.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from parlbrief.build import check
from parlbrief.project import Project
from parlbrief.render import render_html

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BUILD_TARGET = 1.10
CHECK_TARGET = 0.50


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


def timed(command: Sequence[str | Path]) -> float:
    """Seconds of wall time for one run of `command`, which must succeed."""
    start = time.perf_counter()
    subprocess.run([str(c) for c in command], check=True, capture_output=True, cwd=REPO)
    return time.perf_counter() - start


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
    return {
        "build": lambda i: [*build, work / f"build-{i}"],
        "baseline": lambda i: [*baseline, page, work / f"baseline-{i}.pdf"],
        "check": lambda i: [BIN / "parlbrief", "check", "--project", project],
        "import": lambda i: [sys.executable, "-c", "import weasyprint"],
        "libraries": lambda i: [sys.executable, "-c", LIBRARIES],
    }


#: What `parlbrief check` cannot do without, each used once, the way the command runs:
#: the cycle collector off, no pydantic plugin scan, no interpreter teardown (see
#: parlbrief.__main__). Much of a library's cost comes at its first use (pydantic
#: builds its schema machinery, Babel reads its locale data), so importing is not enough.
LIBRARIES = """
import gc, os
gc.disable()
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
import typer, pydantic, yaml, markdown_it, babel.numbers
class Item(pydantic.BaseModel):
    id: str
    value: int = 0
app = typer.Typer()
@app.command()
def check(project: str = ".", strict: bool = False) -> None:
    Item(id="a", value=1)
    yaml.compose("id: a", Loader=yaml.CSafeLoader)
    markdown_it.MarkdownIt().parse("Some *prose*.")
    babel.numbers.format_decimal(1697, locale="en_GB")
try:
    app(["--project", "."])
except SystemExit:
    os._exit(0)
"""


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


def measure(project: Path, bid: str, runs: int) -> dict[str, list[float]]:
    """Every command `runs` times, interleaved, after one untimed warm-up round."""
    with tempfile.TemporaryDirectory(prefix="parlbrief-bench-") as tmp:
        copy = copy_project(project, Path(tmp) / "project")
        todo = commands(copy, bid, Path(tmp))
        for command in todo.values():
            timed(command(-1))  # warm the disk cache and fontconfig's cache
        times: dict[str, list[float]] = {name: [] for name in todo}
        for i in range(runs):
            for name, command in todo.items():
                times[name].append(timed(command(i)))
        return times


def report(times: dict[str, list[float]], bid: str, runs: int) -> str:
    median = {name: statistics.median(values) for name, values in times.items()}
    rows = [
        f"parlbrief benchmark: {bid}, median of {runs} runs (seconds)",
        "",
        f"  {'what':<44}{'median':>8}{'min':>8}{'max':>8}",
    ]
    labels = {
        "build": f"parlbrief build {bid} --format pdf",
        "baseline": "weasyprint on the same final HTML",
        "check": "parlbrief check",
        "import": 'python -c "import weasyprint"',
        "libraries": "  (the libraries check needs, used once)",
    }
    for name, values in times.items():
        rows.append(
            f"  {labels[name]:<44}{median[name]:>8.3f}{min(values):>8.3f}{max(values):>8.3f}"
        )
    build_ratio = median["build"] / median["baseline"]
    check_ratio = median["check"] / median["import"]
    rows.append("")
    rows.append(ratio_line("build / weasyprint", build_ratio, BUILD_TARGET))
    rows.append(ratio_line("check / import weasyprint", check_ratio, CHECK_TARGET))
    floor = median["libraries"] / median["import"]
    rows.append(f"  {'(libraries alone / import':<28}{floor:>6.2f}   the floor under check)")
    return "\n".join(rows)


def ratio_line(what: str, ratio: float, target: float) -> str:
    verdict = "meets the target" if ratio <= target else "OVER the target"
    return f"  {what:<28}{ratio:>6.2f}   target <= {target:.2f}: {verdict}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=REPO, help="project folder")
    parser.add_argument("--briefing", default="briefing-5", help="briefing id")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command")
    args = parser.parse_args(argv)
    times = measure(args.project.resolve(), args.briefing, args.runs)
    print(report(times, args.briefing, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
