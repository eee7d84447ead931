"""What `{variant}` and `{variant.<column>}` stand for in a variant's text.

`{variant}` is the variant's name, its cell in the key column, as the table gives it
("Cities of London and Westminster"). `{variant.<column>}` is the row's cell in another
column ("{variant.region}"). `{variant.in_text}` is the name as it reads in running
text: the row's `in_text` cell when the table has that column, else the name itself,
with "the" before a name that begins with the common nouns "City of" or "Cities of"
("in the City of Durham", "in the Cities of London and Westminster", but "in Ynys Môn",
"in Bristol Central"). A name that carries its own article keeps it as written ("in
The Wrekin", as Hansard prints it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from parlbrief.model.base import VARIANT

#: `{variant.<column>}`: a column name as a CSV header gives it (no braces or spaces).
VARIANT_FIELD = re.compile(r"\{variant\.([^{}\s]+)\}")
#: The column a table may give to say how each name reads in a sentence.
IN_TEXT = "in_text"
#: Names beginning with these common nouns take "the" in running text.
_TAKES_THE = ("City of ", "Cities of ")


def in_text(name: str) -> str:
    """'Cities of London and Westminster' -> 'the Cities of London and Westminster'."""
    return f"the {name}" if name.startswith(_TAKES_THE) else name


def fill_variant(text: str, name: str, cells: Mapping[str, str]) -> str:
    """`text` with `{variant}` and each `{variant.<column>}` filled from the row; a
    column the row does not have is left as written (check reports it)."""

    def cell(found: re.Match[str]) -> str:
        column = found.group(1)
        if column in cells:
            return cells[column].strip()
        return in_text(name) if column == IN_TEXT else found.group(0)

    return VARIANT_FIELD.sub(cell, text).replace(VARIANT, name)


def names_variant(text: str) -> bool:
    """Whether `text` has `{variant}` or a `{variant.<column>}` to fill."""
    return VARIANT in text or VARIANT_FIELD.search(text) is not None


def unknown_fields(text: str, columns: list[str]) -> list[str]:
    """The columns `text` names as `{variant.<column>}` that the table does not have,
    each once."""
    known = {*columns, IN_TEXT}
    found = (f.group(1) for f in VARIANT_FIELD.finditer(text))
    return list(dict.fromkeys(c for c in found if c not in known))


def no_such_column(column: str, path: str, columns: list[str]) -> str:
    """What check says of `{variant.<column>}` naming a column the table lacks."""
    return (
        f"{{variant.{column}}}: {path} has no column '{column}' (its columns: "
        f"{', '.join(columns)}; and in_text, the name as it reads in a sentence) "
        "- check the name"
    )
