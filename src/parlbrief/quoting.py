"""An untrusted value quoted for a message, the same way everywhere (the SVG cleaner,
the page guard, prose safety): in quotes that show where it starts and ends, control
characters escaped, and shortened so a pasted data: URI stays readable."""

from __future__ import annotations


def shown(value: str, limit: int = 60) -> str:
    """`value` quoted for a message, cut to `limit` characters."""
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return repr(value)
