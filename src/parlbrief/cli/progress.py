"""The bar a long build shows on a terminal: how many outputs are done of how many, how
fast they are coming, and how long is left; a line for each output that fails, as it
fails. Nothing of it is shown with --json or when the output is not a terminal."""

from __future__ import annotations

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

    def planned(self, count: int) -> None:
        self.progress.update(self.task, total=count)

    def landed(self, key: str, problem: Problem | None) -> None:
        if problem is not None:
            self.progress.console.print(failed_line(key, problem))
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
