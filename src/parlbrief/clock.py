"""The one clock parlbrief reads: what day it is, for staleness, editions and builds.

Read once per command and passed down, so that every part of one run agrees on the
day (a figure cannot be stale to `check` and fresh to the up-to-date build).

`PARLBRIEF_TODAY=YYYY-MM-DD` pins the day (to ask what will be stale on the day of a
debate); otherwise `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
convention: https://reproducible-builds.org/specs/source-date-epoch/) fixes it;
otherwise it is the computer's own date.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from parlbrief.errors import UsageError

TODAY_ENV = "PARLBRIEF_TODAY"
EPOCH_ENV = "SOURCE_DATE_EPOCH"


def today() -> date:
    """Today, as this run sees it (see the module's docstring)."""
    pinned = os.environ.get(TODAY_ENV, "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise UsageError(
                f"{TODAY_ENV}={pinned!r} is not a date - write it as YYYY-MM-DD, e.g. 2027-01-31"
            ) from None
    epoch = os.environ.get(EPOCH_ENV, "").strip()
    if epoch.isascii() and epoch.isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        except (OverflowError, OSError, ValueError):
            raise UsageError(
                f"{EPOCH_ENV}={epoch!r} is not a time this computer can read - "
                "give seconds since 1 January 1970"
            ) from None
    return date.today()
