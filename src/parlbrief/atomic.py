"""Replace a file all at once: a reader sees the old file or the new one, never half.

Every output parlbrief writes (PDF, HTML, manifest, edition history) goes through here.
A build killed at any moment (Ctrl-C, SIGKILL, a power cut after the rename) leaves each
earlier output whole: the new bytes are written and flushed to a hidden temporary file
in the same folder, which is then renamed over the target in one step.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from parlbrief.errors import UsageError

#: A temporary file this old was left by a build that was killed: it is removed by the
#: next write of the same target. Younger ones may belong to a build running now.
STALE_SECONDS = 600.0


def temporary_files(target: Path) -> list[Path]:
    """Temporary files that writes of `target` make (and a killed write leaves)."""
    return sorted(target.parent.glob(f".{target.name}.*.tmp"))


@contextlib.contextmanager
def atomic_file(target: Path, mode: int | None = None) -> Iterator[IO[bytes]]:
    """Write to a temporary file in the same folder, then rename it over `target`.

    A build killed part-way leaves the previous output untouched; the rename is atomic
    because source and target are on the same file system. The new file's permissions
    are `mode` (an edited source file keeps its own), else rw-r--r--.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644 if mode is None else mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(target.parent)
    _remove_stale(target)


def write_bytes(target: Path, data: bytes, mode: int | None = None) -> None:
    with atomic_file(target, mode) as handle:
        handle.write(data)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (a power cut right after keeps the new file)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_stale(target: Path) -> None:
    """Tidy temporary files that killed builds left beside `target`."""
    cutoff = time.time() - STALE_SECONDS
    for leftover in temporary_files(target):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def cannot_write(target: Path, exc: OSError) -> UsageError:
    """Why `target` could not be written, and what to do, as one usage error."""
    advice = {
        errno.EACCES: "make it and its folder writable, or work on a copy you may change",
        errno.EPERM: "make it and its folder writable, or work on a copy you may change",
        errno.EROFS: "the disk is read-only: work on a copy somewhere you may write",
        errno.ENOSPC: "the disk is full: free some space and run the command again",
        errno.EDQUOT: "your disk quota is used up: free some space and run it again",
        errno.EISDIR: "a folder has that name: move the folder away",
        errno.ENOTDIR: "a file stands where a folder should be: move the file away",
        errno.EEXIST: "a file stands where a folder should be: move the file away",
    }.get(exc.errno or 0, "check the folder, then run the command again")
    return UsageError(f"{target} could not be written ({exc.strerror or exc}) - {advice}")
