"""One publish at a time in a project: a lock on the editions/ folder.

Two `parlbrief publish` run at once (two terminals, two people on a shared drive) would
each read the history, each number its edition N + 1, and each write the history: the
second write loses the first record. A publish therefore holds an exclusive lock on the
editions/ folder itself from reading the history to recording the edition. The lock is
the kernel's (flock), so it goes with the process however that ends, SIGKILL included,
and leaves no lock file to clean up. A second publish waits for the first, for a
bounded time, then is refused with a message. (A first publish that records nothing
leaves editions/ empty: removing it could let a publish waiting on it lock a folder
that is gone while another locks the new one.)
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from parlbrief.atomic import cannot_write
from parlbrief.errors import UsageError
from parlbrief.pipeline.editions import FOLDER

#: How long a publish waits for another one in the same project before giving up.
WAIT_SECONDS = 120.0
#: How often a waiting publish tries the lock again.
_RETRY_SECONDS = 0.1


@contextlib.contextmanager
def held(root: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the project's edition history for the block; raises UsageError when another
    publish holds it for longer than `wait` seconds."""
    folder = root / FOLDER
    try:
        folder.mkdir(exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise cannot_write(folder, exc) from None
    try:
        _acquire(fd, wait)
        yield
    finally:
        os.close(fd)  # releases the lock


def _acquire(fd: int, wait: float) -> None:
    deadline = time.monotonic() + wait
    while not _try_lock(fd):
        if time.monotonic() >= deadline:
            raise UsageError(busy_message(wait))
        time.sleep(_RETRY_SECONDS)


def _try_lock(fd: int) -> bool:
    """True once the lock is ours; False while another process holds it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        # A file system without locks (some network drives): publish as before.
        return exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN)
    return True


def busy_message(wait: float) -> str:
    """Why a publish was refused while another was running."""
    waited = f"after waiting {wait:g} seconds" if wait > 0 else "at once"
    return (
        f"another parlbrief publish is recording an edition in this project (refused "
        f"{waited}) - let it finish, then run this publish again (--wait SECONDS waits "
        "longer)"
    )
