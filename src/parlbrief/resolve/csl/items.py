"""A reference as a CSL item: the CSL-JSON object Zotero exports, one per source."""

from __future__ import annotations

from typing import Any

#: One CSL-JSON item: `id`, `type` and CSL's variables ('title', 'author', 'issued').
Item = dict[str, Any]
