"""Render PDFs in worker processes, each render with a wall-clock limit.

Why not a plain ProcessPoolExecutor: a hung WeasyPrint render cannot be cancelled
there, only waited for. Here each worker is a process we own, talking over its own
pipe, so the pool knows which render each worker is on and for how long; a render over
the limit has its worker killed and replaced, is reported as failed, and the other
briefings still build. A worker that crashes (a segfault in a C library, out of memory)
is handled the same way.

Workers are forked from a fork server that has already imported WeasyPrint, so the
main process never imports it and a new worker starts in milliseconds. Each worker
retires after `max_tasks` renders, which keeps memory flat over a long build
(WeasyPrint and its C libraries cache fonts and layouts as they go).

Ctrl-C belongs to the main process: the fork server and its workers are started with
SIGINT ignored (a disposition that survives fork and exec), so only the command sees
the interrupt, stops its workers and says so once, with no traceback from a worker.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING

from parlbrief.errors import NOWHERE, Problem, failure
from parlbrief.write import DEFAULT_TIMEOUT

if TYPE_CHECKING:  # the command imports this module early, before the templates' stack
    from parlbrief.write.briefing_pages import Pages

#: Renders before a worker retires. A new worker's first page costs several pages' work
#: (its templates compiled, the web fonts cut, the fonts loaded), while a worker's memory
#: grows by a small fraction of a megabyte a render: a hundred keeps both small.
DEFAULT_MAX_TASKS = 100


@dataclass(frozen=True)
class Job:
    """One PDF to make: the HTML, where to write it, and what files it may load."""

    key: str
    target: Path
    html: str
    base: Path
    roots: tuple[Path, ...]
    expected: tuple[str, ...] = ()
    """Citation-like markup the briefing prints on purpose (see resolve.leftovers)."""
    project: Path | None = None
    """The project's folder, searched for where a refused element is written."""
    pages: Pages | None = None
    """What the worker makes the pages from (and writes the web page after the PDF);
    None: `html` is the PDF's page, made already."""


@dataclass(frozen=True)
class Outcome:
    """What became of a job. `peak_rss` is the worker's peak resident memory in bytes."""

    key: str
    target: Path
    error: Problem | None
    """Why the PDF was not made (where, when a file of the project is to blame)."""
    seconds: float
    peak_rss: int = 0
    worker: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


#: What a worker does with a job (parlbrief.write.pdfjob.render_pdf makes the PDF). It
#: must be a module's function, so that a worker can be told it by name.
Task = Callable[[Job], None]


def _peak_rss() -> int:
    """This process's peak resident memory in bytes (0 where it cannot be read)."""
    try:
        import resource  # Unix only
    except ImportError:  # pragma: no cover - Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def _worker(conn: Connection, task: Task) -> None:
    """Run jobs from the pipe until told to stop (None) or the pipe closes.

    A closed pipe means the command is gone (killed, or interrupted): the worker ends
    quietly, since there is nobody left to report to.
    """
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        start = time.perf_counter()
        error: Problem | None = None
        try:
            task(job)
        except Exception as exc:  # one bad briefing must not take the worker down
            error = failure(exc)
        try:
            conn.send((error, time.perf_counter() - start, _peak_rss()))
        except OSError:
            return


@contextlib.contextmanager
def _main_not_needed() -> Iterator[None]:
    """Start a worker without telling it to re-import the main script.

    multiprocessing re-runs `__main__` by path in every worker it starts, in case the
    target lives there. Ours lives in this module, and `__main__` is the `parlbrief`
    script (importing the whole CLI: about 0.3 s a worker), so its path is hidden
    while the worker's start-up data is written.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or path is None or getattr(main, "__spec__", None) is not None:
        yield  # run as `python -m ...`: multiprocessing already skips it
        return
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = path


def _context() -> multiprocessing.context.BaseContext:
    """Fork server preloaded with WeasyPrint where available (Linux, macOS), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # WeasyPrint and the templates' stack (workers make the pages too): the server
        # loads them on another core while the main process reads the project.
        # Preloading '__main__' (the default) would first import the whole CLI there,
        # in series; workers do not need it (see _main_not_needed).
        ctx.set_forkserver_preload(
            ["parlbrief.write.pool", "parlbrief.write.pdfjob", "parlbrief.write.pdf",
             "parlbrief.guard.refusals", "parlbrief.write.briefing_pages"]
        )  # fmt: skip
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows


def warm_up() -> None:
    """Start the fork server now, so WeasyPrint loads there while we read the project.

    Called when PDFs will surely be rendered (a first or forced build) and by every
    pool; starting it twice is harmless. The server (and so every worker forked from
    it) ignores Ctrl-C: see the module's docstring.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return  # pragma: no cover - Windows: spawned workers load WeasyPrint themselves
    from multiprocessing import forkserver

    _context()
    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()  # only the main thread may change signal handling
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def warm_up_for(formats: Iterable[str], out: Path, *, force: bool) -> None:
    """Start the fork server now if this build will surely render its PDFs: they are
    asked for, and the build is forced or the first (no manifest in `out` yet).

    The one rule for starting WeasyPrint early, for the command (before it imports the
    pipeline) and for `pipeline.build` (for every other caller).
    """
    from parlbrief.project import MANIFEST_NAME

    if "pdf" in formats and (force or not (out / MANIFEST_NAME).is_file()):
        warm_up()


@dataclass
class _Slot:
    """A live worker and the job it is on, if any."""

    number: int
    process: BaseProcess
    conn: Connection
    job: Job | None = None
    started: float = 0.0
    done: int = 0


class Pool:
    """A fixed number of render workers; use `run` to render a stream of jobs.

    With `keep_warm`, the workers idle at the end of a run are kept for the next one
    (a preview rebuilds each time a file is saved: its next PDF then costs about one
    layout, WeasyPrint and its fonts being loaded already) until `close()`. A worker
    that failed, timed out or reached `max_tasks` renders is stopped and replaced
    either way.
    """

    def __init__(
        self,
        workers: int,
        *,
        task: Task,
        timeout: float = DEFAULT_TIMEOUT,
        max_tasks: int = DEFAULT_MAX_TASKS,
        keep_warm: bool = False,
    ) -> None:
        # Must run in the main thread: starting the fork server sets Ctrl-C's handling.
        self.size = max(1, workers)
        self.timeout = timeout
        self.max_tasks = max(1, max_tasks)
        self.task = task
        self.keep_warm = keep_warm
        self.ctx = _context()
        warm_up()
        self.started = 0
        self.kept: list[_Slot] = []
        """Idle workers kept for the next run (with `keep_warm`)."""

    @property
    def worker_pids(self) -> list[int]:
        """The process ids of the workers kept between runs."""
        return [slot.process.pid or 0 for slot in self.kept]

    def close(self) -> None:
        """Stop every worker kept."""
        while self.kept:
            self._stop(self.kept.pop())

    def _start(self) -> _Slot:
        """A worker for the next job: a kept one still alive, else a new one."""
        while self.kept:
            slot = self.kept.pop()
            if slot.process.is_alive():
                return slot
            self._stop(slot, kill=True)
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(  # type: ignore[attr-defined]
            target=_worker, args=(child, self.task), daemon=True, name="parlbrief-render"
        )
        with _main_not_needed():
            process.start()
        child.close()
        self.started += 1
        return _Slot(self.started, process, parent)

    def _retire(self, slot: _Slot, *, healthy: bool) -> None:
        """After a run or a job: keep a healthy worker that may work on, or stop it."""
        if self.keep_warm and healthy and slot.done < self.max_tasks:
            self.kept.append(slot)
        else:
            self._stop(slot, kill=not healthy)

    def _stop(self, slot: _Slot, *, kill: bool = False) -> None:
        if kill:
            slot.process.kill()
        else:
            with contextlib.suppress(OSError, BrokenPipeError):
                slot.conn.send(None)
        slot.process.join(timeout=None if kill else 5)
        if slot.process.is_alive():  # pragma: no cover - a worker that ignores stop
            slot.process.kill()
            slot.process.join()
        slot.conn.close()

    def run(self, jobs: Iterable[Job], on_done: Callable[[Outcome], None]) -> None:
        """Render every job, calling `on_done` as each finishes, fails or times out.

        `jobs` is consumed lazily, so the caller can prepare the next HTML while the
        workers render earlier ones.
        """
        pending: Iterator[Job] = iter(jobs)
        ahead: deque[Job] = deque()
        idle: deque[_Slot] = deque()
        busy: list[_Slot] = []

        def next_job() -> Job | None:
            return ahead.popleft() if ahead else next(pending, None)

        try:
            while True:
                while idle or len(busy) + len(idle) < self.size:
                    job = next_job()
                    if job is None:
                        break
                    slot = idle.popleft() if idle else self._start()
                    slot.job, slot.started = job, time.monotonic()
                    slot.conn.send(job)
                    busy.append(slot)
                if not busy:
                    return
                # Prepare the next job while every worker is busy, so none waits for it.
                if not ahead:
                    upcoming = next(pending, None)
                    if upcoming is not None:
                        ahead.append(upcoming)
                for slot in self._wait(busy):
                    busy.remove(slot)
                    outcome, healthy = self._collect(slot)
                    on_done(outcome)
                    if healthy and slot.done < self.max_tasks:
                        idle.append(slot)
                    else:
                        self._stop(slot, kill=not healthy)
        finally:
            for slot in busy:
                self._abandon(slot)
            for slot in idle:
                self._retire(slot, healthy=True)

    def _abandon(self, slot: _Slot) -> None:
        """Interrupted mid-job: stop the worker, then remove its half-written file.

        Killed between creating its temporary file and renaming it, the worker leaves
        that file behind; nothing else will ever finish it.
        """
        self._stop(slot, kill=True)
        if slot.job is not None:
            _remove_partial(slot.job.target)
            slot.job = None

    def _wait(self, busy: list[_Slot]) -> list[_Slot]:
        """Busy slots that finished, died or ran out of time (blocks until one does)."""
        now = time.monotonic()
        first_deadline = min(s.started for s in busy) + self.timeout
        handles = [s.conn.fileno() for s in busy] + [s.process.sentinel for s in busy]
        ready = set(wait(handles, timeout=max(0.0, first_deadline - now)))
        now = time.monotonic()
        return [
            s
            for s in busy
            if s.conn.fileno() in ready
            or s.process.sentinel in ready
            or now - s.started >= self.timeout
        ]

    def _collect(self, slot: _Slot) -> tuple[Outcome, bool]:
        """The outcome of the slot's job, and whether its worker can go on."""
        job = slot.job
        assert job is not None
        elapsed = time.monotonic() - slot.started
        slot.job = None
        if slot.conn.poll():
            try:
                error, seconds, peak = slot.conn.recv()
            except (EOFError, OSError):
                # The pipe closed: the worker is dying; let it finish so we can tell.
                slot.process.join(timeout=5)
            else:
                slot.done += 1
                return Outcome(job.key, job.target, error, seconds, peak, slot.number), True
        if slot.process.is_alive():
            message = (
                f"{job.target.name}: gave up after {self.timeout:g} seconds - simplify the "
                "briefing, or allow longer with --timeout"
            )
        else:
            message = (
                f"{job.target.name}: the renderer stopped unexpectedly "
                f"(exit code {slot.process.exitcode})"
            )
        _remove_partial(job.target)
        problem = Problem(NOWHERE, message)
        return Outcome(job.key, job.target, problem, elapsed, 0, slot.number), False


def _remove_partial(target: Path) -> None:
    """Delete the temporary file a killed worker may have left (see write.atomic)."""
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
