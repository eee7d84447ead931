"""Reading parlbrief's own JSON files (edition histories, the build manifest) as the
untrusted files they are: a project from another office may hold any bytes there.

Whatever is wrong (not JSON, nested thousands deep, a number too large to be one, a
list where a table belongs) ends as one `Unreadable`, saying what in words and at which
line when the JSON parser knows, never as a RecursionError or OverflowError.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Larger than any history or manifest parlbrief writes (each edition takes a few
#: kilobytes): a file over this is not one of ours, and is not read into memory.
MAX_BYTES = 64 * 1024 * 1024
#: Exceptions that reading a document into our types can raise on a hostile one.
_SHAPE_ERRORS = (ValueError, KeyError, TypeError, AttributeError, OverflowError, IndexError)


class Unreadable(Exception):
    """A JSON file of parlbrief's that cannot be read: why, and the line if known."""

    def __init__(self, why: str, line: int | None = None) -> None:
        super().__init__(why)
        self.why = why
        self.line = line


def read_json(path: Path) -> Any:
    """The document in `path`; raises Unreadable (or OSError, for the caller to word)."""
    if path.stat().st_size > MAX_BYTES:
        raise Unreadable(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB")
    text = path.read_bytes()
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"it is not valid JSON ({exc.msg})", exc.lineno) from None
    except RecursionError:
        raise Unreadable("it is nested too deeply to read") from None
    except (ValueError, UnicodeDecodeError) as exc:  # 5,000-digit numbers, bad UTF-8
        raise Unreadable(f"it is not valid JSON ({exc})") from None


@contextlib.contextmanager
def reading() -> Iterator[None]:
    """Turn any error from making our types out of a document into Unreadable."""
    try:
        yield
    except Unreadable:
        raise
    except RecursionError:
        raise Unreadable("it is nested too deeply to read") from None
    except KeyError as exc:
        raise Unreadable(f"it has no {exc}") from None
    except _SHAPE_ERRORS as exc:
        raise Unreadable(f"it is not as parlbrief writes it ({exc})") from None


def integer(value: Any, what: str, low: int, high: int) -> int:
    """`value` as a whole number from `low` to `high`; Unreadable naming `what` if not."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Unreadable(f"its {what} {str(value)[:20]!r} is not a whole number")
    try:
        number = int(value)
    except ValueError:
        raise Unreadable(f"its {what} {str(value)[:20]!r} is not a whole number") from None
    if not low <= number <= high:
        raise Unreadable(f"its {what} {str(number)[:20]} is not from {low:,} to {high:,}")
    return number
