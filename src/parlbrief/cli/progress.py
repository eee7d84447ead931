"""The bar a long build shows on a terminal: how many outputs are done of how many, how
fast they are coming, and how long is left; a line for each output that fails, as it
fails. Where the output is not a terminal (a CI log, a file), no bar: a plain line at
each tenth of a long build (`PlainProgress`), and a line for each failure as it fails.
Nothing of either with --json."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from parlbrief.cli.core import escape
from parlbrief.errors import Problem

#: A build of more outputs than this is long: its written files are counted, not
#: listed (cli.build), and a log is told its progress at each tenth.
LONG_BUILD = 20


def failed_line(key: str, problem: Problem) -> str:
    """'probation-regions/wales: failed: <why>', as the command prints it."""
    return f"[red]{escape(key)}: failed:[/] {escape(str(problem))}"


class RateColumn(ProgressColumn):
    """Outputs a second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} a second" if speed else "", style="progress.data.speed")


class BuildBar:
    """The bar of one build: told the outputs planned, then each as it lands."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID = progress.add_task("Building", total=None)
        self.said: set[str] = set()
        """The outputs whose failure has been printed."""

    def planned(self, count: int) -> None:
        self.progress.update(self.task, total=count)

    def landed(self, key: str, problem: Problem | None) -> None:
        if problem is not None:
            self.progress.console.print(failed_line(key, problem))
            self.said.add(key)
        self.progress.update(self.task, advance=1)


@contextmanager
def build_bar(console: Console) -> Iterator[BuildBar]:
    """A bar on `console` for the length of the build, gone when it ends."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        yield BuildBar(progress)


class PlainProgress:
    """A long build's progress for a log: 'built 65 of 650 (10%), 12.5 a second, about
    47 s left' at each tenth, and each failure as it fails; one line each, no bar."""

    def __init__(self, console: Console) -> None:
        self.console, self.total, self.done, self.tenth = console, 0, 0, 0
        self.started = time.monotonic()
        self.said: set[str] = set()
        """The outputs whose failure has been printed."""

    def planned(self, count: int) -> None:
        self.total = count

    def landed(self, key: str, problem: Problem | None) -> None:
        if problem is not None:
            self.console.print(failed_line(key, problem))
            self.said.add(key)
        self.done += 1
        tenth = self.done * 10 // self.total if self.total else 0
        if self.total > LONG_BUILD and tenth > self.tenth and self.done < self.total:
            self.tenth = tenth
            self.console.print(self.line())

    def line(self) -> str:
        """'built 65 of 650 (10%), 12.5 a second, about 47 s left'."""
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        left = (self.total - self.done) / rate
        return (
            f"built {self.done:,} of {self.total:,} ({self.done * 100 // self.total}%), "
            f"{rate:.1f} a second, about {left:.0f} s left"
        )
