"""Live preview (`parlbrief serve`): the project's briefings on 127.0.0.1, rebuilt as
files are saved, each open page reloading itself when its output changes.

    Serving.start()
      ├── warm_pool()         render workers kept between builds (serve.warm)
      ├── Preview.run         builds what changed into a temporary preview folder,
      │                       never build/, recording nothing (serve.preview)
      ├── PreviewServer       the index, pages, PDFs and each page's stamp, asked for
      │                       by the page to know when to reload (serve.server,
      │                       serve.pages), a bounded number of connections at once
      │                       (serve.connections)
      └── Watcher             the folders of sources/, briefings/, templates/, and
                              parlbrief.yaml, no link out of the project (serve.watch)

The library starts and stops the preview; the `serve` command prints, then builds in
its main thread (`build_here`), where a stopping signal (Ctrl-C, SIGTERM, SIGHUP)
arrives. A template's time limit stops it in any thread.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from parlbrief.errors import UsageError
from parlbrief.project import Project
from parlbrief.serve.connections import DEFAULT_LIMITS, Limits
from parlbrief.serve.preview import Preview, Snapshot
from parlbrief.serve.server import HOST, PreviewServer
from parlbrief.serve.warm import default_workers, warm_pool
from parlbrief.serve.watch import Watcher
from parlbrief.write import DEFAULT_TIMEOUT

__all__ = ["HOST", "Limits", "Serving"]

#: The port `parlbrief serve` uses unless told otherwise.
DEFAULT_PORT = 8000
#: Seconds a stopping preview waits for the build under way (a PDF being laid out).
STOP_SECONDS = 3.0


class Serving:
    """One running preview. Start it from the main thread (the render workers' fork
    server takes over Ctrl-C's handling there); `close()` stops everything it started
    and removes the preview folder. The `serve` command builds in the main thread
    (`start(build=False)`, then `build_here()`); a library caller may let it build in
    a thread of its own (`start()`)."""

    def __init__(
        self,
        project: Project,
        ids: Sequence[str] = (),
        *,
        port: int = DEFAULT_PORT,
        workers: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="parlbrief-preview-"))
        try:  # stopped part way (a port in use, a signal): remove the folder
            self.pool = warm_pool(workers or default_workers(), timeout=timeout)
            self.preview = Preview(Project(project.root, self.folder), ids, self.pool)
            self.server = self._listen(port, project.root.name, limits)
        except BaseException:
            self._remove()
            raise
        self.watcher = Watcher(project, self.preview.changed)
        self.threads: list[threading.Thread] = []

    def _listen(self, port: int, name: str, limits: Limits) -> PreviewServer:
        try:
            return PreviewServer(self.preview, port, name, limits)
        except OSError as exc:
            self.pool.close()
            raise UsageError(
                f"port {port} on {HOST} cannot be used ({exc.strerror or exc}) - "
                "choose another with --port, or --port 0 for any free one"
            ) from None

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def snapshot(self) -> Snapshot:
        return self.preview.snapshot

    def start(self, *, build: bool = True) -> Serving:
        """Watch, build and answer, each in its own thread; returns at once. With
        `build=False`, nothing is built until `build_here()` is called."""
        self.watcher.start()
        targets: list[tuple[Callable[[], object], str]] = [
            (self.server.serve_forever, "parlbrief-serve")
        ]
        if build:
            targets.append((self.preview.run, "parlbrief-build"))
        for target, name in targets:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def build_here(self) -> None:
        """Build in this thread, again each time a file is saved, until `close()` (or an
        exception, such as a stopping signal's). A template that never ends is stopped
        after the time limit, as in `parlbrief build`, in this thread or any other (the
        limit is a trace function on the filling thread: render.time_limit)."""
        self.preview.run()

    def wait_built(self, timeout: float) -> Snapshot:
        """The snapshot once the first build is over (or after `timeout` seconds)."""
        end = time.monotonic() + timeout
        snap = self.preview.snapshot
        while snap.building and time.monotonic() < end:
            snap = self.preview.wait(snap.generation, end - time.monotonic())
        return snap

    def close(self) -> None:
        """Stop watching, answering and building; stop the workers; remove the folder."""
        self.watcher.close()
        self.preview.close()
        if self.threads:
            self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(STOP_SECONDS)
        self.pool.close()
        self._remove()

    def _remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Serving:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
