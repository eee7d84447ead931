"""One publish at a time in a project: a lock on the editions/ folder.

Two `parlbrief publish` run at once (two terminals, two people on a shared drive) would
each read the history, each number its edition N + 1, and each write the history: the
second write loses the first record. A publish therefore holds an exclusive lock on the
editions/ folder itself from reading the history to recording the edition. The lock is
the kernel's (flock), so it goes with the process however that ends, SIGKILL included,
and leaves no lock file to clean up. A second publish waits for the first, for a
bounded time, then is refused with a message. (A first publish that records nothing
leaves editions/ empty: removing it could let a publish waiting on it lock a folder
that is gone while another locks the new one.) On a drive that has no locks (some
network drives) a publish goes ahead unlocked, with a warning saying what could go
wrong.
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
def held(root: Path, wait: float = WAIT_SECONDS) -> Iterator[str | None]:
    """Hold the project's edition history for the block; raises UsageError when another
    publish holds it for longer than `wait` seconds.

    Yields None once the lock is held, or, on a drive that has no locks (some network
    drives), the warning to give: the publish goes ahead unlocked, as it always could.
    """
    folder = root / FOLDER
    try:
        folder.mkdir(exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise cannot_write(folder, exc) from None
    try:
        why = _acquire(fd, wait)
        yield None if why is None else unlocked_message(why)
    finally:
        os.close(fd)  # releases the lock


def _acquire(fd: int, wait: float) -> str | None:
    """None once the lock is ours; why there is none, on a file system without locks."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return None
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                return exc.strerror or str(exc)
        if time.monotonic() >= deadline:
            raise UsageError(busy_message(wait))
        time.sleep(_RETRY_SECONDS)


def unlocked_message(why: str) -> str:
    """The warning of a publish that went ahead without the lock (at editions/)."""
    return (
        f"this drive cannot lock the edition history ({why}), so this publish went ahead "
        "without - two publishes at once in this project (two people on a shared drive) "
        "could each number an edition the same and one record be lost: publish from one "
        "computer at a time"
    )


def busy_message(wait: float) -> str:
    """Why a publish was refused while another was running."""
    waited = f"after waiting {wait:g} seconds" if wait > 0 else "at once"
    return (
        f"another parlbrief publish is recording an edition in this project (refused "
        f"{waited}) - let it finish, then run this publish again (--wait SECONDS waits "
        "longer)"
    )
