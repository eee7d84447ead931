"""A threaded HTTP server that holds a bounded number of connections, each for a while.

The standard library's ThreadingHTTPServer gives every connection a thread and keeps
it for as long as the other end likes. Any process on the computer can reach the
preview, and one that opened hundreds of connections and held them used up the
preview's open files: its builds then failed ("stopped unexpectedly"). Here:

- at most `Limits.max_connections` are open at once; one more is answered at once with
  "503 busy, try again" and closed (a preview page asks again a moment later);
- a connection that sends or reads nothing for `idle_seconds` is closed;
- a connection still open after `longest_seconds` (one sending a byte at a time, which
  no single wait would catch) is shut down by the server's own loop.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

#: Connections open at once. A browser opens at most six to one host, and a preview
#: page holds none between its questions: this is room for several browsers.
MAX_CONNECTIONS = 32
#: Seconds a connection may stay silent (no request, or a response not being read).
IDLE_SECONDS = 10.0
#: Seconds a connection may stay open at all: longer than any page or PDF takes to
#: send on this computer.
LONGEST_SECONDS = 60.0


@dataclass(frozen=True)
class Limits:
    """How many connections the server holds at once, and for how long each."""

    max_connections: int = MAX_CONNECTIONS
    idle_seconds: float = IDLE_SECONDS
    longest_seconds: float = LONGEST_SECONDS


DEFAULT_LIMITS = Limits()

BUSY = (
    b"HTTP/1.0 503 Service Unavailable\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Retry-After: 1\r\n"
    b"Connection: close\r\n\r\n"
    b"The preview is busy: too many connections are open to it. Try again in a moment.\n"
)


class BoundedServer(ThreadingHTTPServer):
    """ThreadingHTTPServer with a cap on open connections and limits on how long each
    stays open (see the module's docstring)."""

    daemon_threads = True
    #: Connections waiting to be taken: a burst (tabs opening at once) waits here
    #: rather than being tried again by the computer a second later.
    request_queue_size = 64

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.limits = limits
        self.slots = threading.BoundedSemaphore(limits.max_connections)
        self.lock = threading.Lock()
        self.deadlines: dict[socket.socket, float] = {}
        """Each open connection -> when the server's loop ends it."""
        super().__init__(address, handler)

    @property
    def open_connections(self) -> int:
        with self.lock:
            return len(self.deadlines)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in its own thread if there is room, else say busy."""
        if not self.slots.acquire(blocking=False):
            _say_busy(request)
            self.shutdown_request(request)
            return
        request.settimeout(self.limits.idle_seconds)
        with self.lock:
            self.deadlines[request] = time.monotonic() + self.limits.longest_seconds
        try:
            super().process_request(request, client_address)
        except BaseException:  # no thread could be started: give the room back
            self.shutdown_request(request)
            raise

    def shutdown_request(self, request: Any) -> None:
        """Close the connection and free its room (once, whoever closes it first)."""
        with self.lock:
            held = self.deadlines.pop(request, None) is not None
            super().shutdown_request(request)
        if held:
            self.slots.release()

    def service_actions(self) -> None:
        """Called by `serve_forever` between connections (at least twice a second): shut
        down connections open too long, which wakes their threads to end."""
        now = time.monotonic()
        with self.lock:
            for request, deadline in self.deadlines.items():
                if deadline < now:
                    # Under the lock, so the socket cannot be closed (and its number
                    # reused) by its thread in between.
                    with contextlib.suppress(OSError):
                        request.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A connection that timed out or was dropped is normal; anything else is not."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)


def _say_busy(request: socket.socket) -> None:
    """Send the 503 without waiting: a client that does not read gets nothing."""
    with contextlib.suppress(OSError):
        request.setblocking(False)
        request.send(BUSY)
