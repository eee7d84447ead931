"""The `parlbrief` command starts its first PDF worker before anything else loads.

The worker loads WeasyPrint while the command reads the project; the pool adopts it
for the first PDF; a build that renders no PDF stops it; and the command never leaves
a process behind or waits on one.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from parlbrief.__main__ import renders_pdf
from parlbrief.build import BuildOptions, build
from parlbrief.project import Project
from parlbrief.write import prestart
from parlbrief.write.pool import Job, Outcome, Pool

PARLBRIEF = Path(sys.executable).parent / "parlbrief"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("build", True),
        ("build briefing-5 --format pdf", True),
        ("build --format=html,pdf", True),
        ("build -f PDF", True),
        ("build --format html", False),
        ("build --format=html", False),
        ("build -f html briefing-5", False),
        ("build --help", False),
        ("check", False),
        ("list --json", False),
        ("", False),
    ],
)
def test_only_a_build_that_may_render_pdfs_starts_a_worker(args: str, expected: bool) -> None:
    assert renders_pdf(args.split()) is expected


@pytest.fixture
def handed_over(monkeypatch: pytest.MonkeyPatch) -> list[prestart.EarlyProcess]:
    """The early workers taken (by the pool or to be stopped), to see how they ended."""
    taken: list[prestart.EarlyProcess] = []
    real_take = prestart.take

    def take() -> tuple[prestart.EarlyProcess, prestart.Duplex] | None:
        result = real_take()
        if result is not None:
            taken.append(result[0])
        return result

    monkeypatch.setattr(prestart, "take", take)
    return taken


def test_the_pool_renders_with_the_worker_started_early(
    shared: Project, handed_over: list[prestart.EarlyProcess]
) -> None:
    prestart.start()
    assert prestart.waiting()
    outcomes: list[Outcome] = []
    pool = Pool(1)
    job = Job("gamma", shared.out / "gamma.pdf", "<p>Hello</p>", shared.root, (shared.root,))
    shared.out.mkdir()
    pool.run([job], outcomes.append)
    assert [o.error for o in outcomes] == [None]
    assert pool.started == 1 and not prestart.waiting()
    assert PdfReader(shared.out / "gamma.pdf").pages[0].extract_text().strip() == "Hello"
    # The early worker rendered it, and the pool stopped it when done (exit code 0:
    # told to stop, not killed as an unused one is).
    assert [p.exitcode for p in handed_over] == [0]


def test_a_build_with_nothing_to_render_stops_the_early_worker(
    shared: Project, handed_over: list[prestart.EarlyProcess]
) -> None:
    build(shared, options=BuildOptions(formats=("html",)))
    prestart.start()
    report = build(shared, options=BuildOptions(formats=("html",)))
    assert report.built == [] and not prestart.waiting()
    assert [p.exitcode for p in handed_over] == [-signal.SIGKILL]


def test_a_render_that_hangs_in_the_early_worker_is_given_up(
    shared: Project, handed_over: list[prestart.EarlyProcess]
) -> None:
    # The early worker is timed and stopped like any other (here: still loading
    # WeasyPrint when the very short time limit runs out).
    prestart.start()
    outcomes: list[Outcome] = []
    job = Job("gamma", shared.out / "gamma.pdf", "<p>Hello</p>", shared.root, (shared.root,))
    Pool(1, timeout=0.01).run([job], outcomes.append)
    assert "gave up after 0.01 seconds" in str(outcomes[0].error)
    assert [p.exitcode for p in handed_over] == [-signal.SIGKILL]


def command(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The installed `parlbrief` command, as a press officer runs it."""
    return subprocess.run(
        [str(PARLBRIEF), *map(str, args)], capture_output=True, text=True, timeout=300
    )


def test_the_command_builds_and_exits_with_nothing_left_running(shared: Project) -> None:
    start = time.monotonic()
    first = command("build", "gamma", "--project", shared.root)
    assert first.returncode == 0, first.stderr
    assert (shared.out / "gamma.pdf").read_bytes().startswith(b"%PDF")
    # Up to date: the early worker is stopped unused, and the command does not wait
    # for it to finish loading WeasyPrint (run() returns only once every process that
    # holds the output pipes has gone).
    again = command("build", "gamma", "--project", shared.root)
    assert again.returncode == 0, again.stderr
    assert "Nothing to build" in again.stdout
    assert time.monotonic() - start < 60


def test_the_command_keeps_its_exit_codes_and_messages(shared: Project) -> None:
    usage = command("build", "nope", "--project", shared.root)
    assert usage.returncode == 2
    assert "no briefing called nope" in usage.stderr
    broken = shared.root / "sources" / "references" / "broken.yaml"
    broken.write_text("- id: [\n", encoding="utf-8")
    content = command("check", "--project", shared.root)
    assert content.returncode == 1
    assert "sources/references/broken.yaml:2:1:" in content.stderr
    ok = command("--version")
    assert ok.returncode == 0 and ok.stdout.startswith("parlbrief ")
