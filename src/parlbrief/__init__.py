"""parlbrief: turn an organisation's evidence into sourced parliamentary briefings."""

from __future__ import annotations

__version__ = "0.1.0"
