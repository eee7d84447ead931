"""A local process holding hundreds of connections to the preview cannot stop it: the
preview holds a bounded number at once (one more is told it is busy), closes those that
stay silent, and goes on building and answering.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest

from parlbrief.project import Project
from parlbrief.serve import Limits
from tests.conftest import MakeProject
from tests.serve.support import previewing, serve_process

#: Connections the tests open and hold: far more than the preview may hold at once.
FLOOD = 400
ARGUMENT = "sources/arguments/local-trusts.md"


@contextmanager
def held(port: int, count: int) -> Iterator[list[socket.socket]]:
    """`count` connections to the preview, each sending nothing, closed at the end."""
    with ExitStack() as stack:
        connections = []
        for _ in range(count):
            connection = socket.create_connection(("127.0.0.1", port), timeout=30)
            stack.enter_context(connection)
            connections.append(connection)
        yield connections


def answer(connection: socket.socket) -> bytes:
    """Everything the preview sends on `connection` until it closes it (bounded)."""
    parts = []
    while part := connection.recv(4096):
        parts.append(part)
    return b"".join(parts)


def save(project: Project, rel: str, old: str, new: str) -> None:
    path = project.root / rel
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_extra_connections_are_told_busy_and_silent_ones_are_closed(
    make_project: MakeProject,
) -> None:
    limits = Limits(max_connections=8, idle_seconds=1.0, longest_seconds=30.0)
    with (
        previewing(make_project(), limits=limits) as serving,
        held(serving.server.port, 40) as connections,
    ):
        said = [answer(c) for c in connections]  # each ends: busy at once, or after a silence
        busy = [s for s in said if s.startswith(b"HTTP/1.0 503")]
        assert len(busy) >= 40 - 8
        assert b"too many connections" in busy[0] and b"Retry-After: 1" in busy[0]
        assert all(s == b"" for s in said if s not in busy)  # silent ones: closed
        assert serving.server.open_connections == 0


def test_a_connection_sending_a_byte_at_a_time_is_ended(make_project: MakeProject) -> None:
    limits = Limits(max_connections=8, idle_seconds=5.0, longest_seconds=1.0)
    with previewing(make_project(), limits=limits) as serving, held(serving.server.port, 1) as (c,):
        # Each byte comes well within the silence allowed, so only the overall limit
        # ends it; the server must close it before the request is complete.
        request = b"GET / HTTP/1.0\r\nX-Slow: " + b"a" * 600
        closed = False
        for byte in request:
            try:
                c.send(bytes([byte]))
            except OSError:
                closed = True
                break
            c.settimeout(0.05)
            try:
                if c.recv(1) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
        assert closed


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX only")
def test_hundreds_of_held_connections_do_not_stop_the_preview(make_project: MakeProject) -> None:
    # The preview may open 256 files; the flood alone would take all of them.
    project = make_project()
    with serve_process(project, open_files=256) as served:
        served.wait_for("minimal.pdf", "%PDF-")
        port = int(served.url.rsplit(":", 1)[1].strip("/"))
        with held(port, FLOOD) as connections:
            save(project, ARGUMENT, "35 local trusts", "thirty-five local trusts")
            for connection in connections:  # each is answered busy, or closed when silent
                answer(connection)
        page = served.wait_for("minimal.html", "thirty-five local trusts")
        assert "stopped unexpectedly" not in page
        assert "parlbrief-problems" not in page
        assert served.process.poll() is None
