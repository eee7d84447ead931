"""Variants tables completed from another table (`variants: join:`): a project's own
figures, one row per constituency keyed by its ONS code, joined to the list of
constituencies for each one's name, region and nation.

The join is made once, when the project is read: the variants table then has the other
table's columns too, so the variants, `{variant.<column>}` and the statistics that read
the table (`row: {name: "{variant}"}`) all see the joined rows. Every row of the
variants table must match exactly one row of the other; each that does not is an error
at its own line, and so is a key the other table gives twice.
"""

from __future__ import annotations

from collections.abc import Mapping

from parlbrief.errors import Problems
from parlbrief.load.data import DataRow, DataTable, no_such_table
from parlbrief.model import Briefing, Join


def join_tables(
    briefings: Mapping[str, Briefing], tables: dict[str, DataTable], problems: Problems
) -> None:
    """Replace each variants table that a briefing joins by the joined table."""
    done: dict[str, tuple[str, Join]] = {}
    for bid, briefing in sorted(briefings.items()):
        spec = briefing.variants
        if spec is None or spec.join is None:
            continue
        where = briefing.at("variants", "join")
        earlier = done.get(spec.data)
        if earlier is not None:
            if earlier[1] != spec.join:
                problems.error(
                    where,
                    f"variants: join: {earlier[0]} joins {spec.data} to another table - "
                    "join it the same way in both briefings",
                )
            continue
        joined = _joined(tables, spec.data, spec.join, briefing, problems)
        if joined is not None:
            tables[spec.data] = joined
            done[spec.data] = (bid, spec.join)


def _joined(
    tables: Mapping[str, DataTable], name: str, join: Join, briefing: Briefing, problems: Problems
) -> DataTable | None:
    """`name`'s table with the other table's columns added to each row that matches."""
    where = briefing.at("variants", "join")
    table, other = tables.get(name), tables.get(join.data)
    if table is None:
        return None  # resolve reports a missing variants table
    if other is None:
        problems.error(where, no_such_table("variants: join: data", join.data, tables))
        return None
    for t in (table, other):
        if join.on not in t.columns:
            problems.error(
                where,
                f"variants: join: {t.path} has no column '{join.on}' "
                f"(its columns: {', '.join(t.columns)}) - check 'on'",
            )
            return None
    index = _index(other, join.on, problems)
    added = [c for c in other.columns if c not in table.columns]
    result = DataTable(table.name, table.path, table.columns + added)
    for row in table.rows:
        match = index.get(row.get(join.on).strip())
        if match is None:
            problems.error(row.origin, _unmatched(row, join.on, other))
            continue
        cells = row.cells + tuple((c, match.get(c)) for c in added)
        result.rows.append(DataRow(row.file, row.line, cells))
    return result


def _index(table: DataTable, column: str, problems: Problems) -> dict[str, DataRow]:
    """The table's rows by their cell in `column`; a value given twice is an error there."""
    index: dict[str, DataRow] = {}
    for row in table.rows:
        value = row.get(column).strip()
        if value in index:
            problems.error(
                row.origin,
                f"{column} {value} is given twice (also line {index[value].line}) - "
                "a row to join to must be found by its key alone: remove one",
            )
            continue
        index[value] = row
    return index


def _unmatched(row: DataRow, column: str, other: DataTable) -> str:
    value = row.get(column).strip()
    if not value:
        return f"column '{column}' is empty - give the {column} of a row of {other.path}"
    return f"{column} {value} is not in {other.path}, so this row joins to nothing - check it"
