"""Tables of a data series in a briefing: cells read from a CSV, derived columns worked out.

A table section names a CSV file, the columns to show (in order, with headings and an
optional format) and any derived columns as formulas over the row's columns, e.g.
`shortfall: required - in_post`. Every cell is formatted and the table's note (its
source, and how derived columns are worked out) numbered here, so templates only lay
the table out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from markupsafe import Markup, escape

from parlbrief.errors import Origin
from parlbrief.load.data import DataRow, DataTable, no_such_table, number_problem, parse_number
from parlbrief.model import ColumnFormat, PartialDate, Table
from parlbrief.resolve.formatting import format_day, format_number, format_partial
from parlbrief.resolve.formula import Formula, FormulaError, describe, evaluate, parse_formula
from parlbrief.resolve.notes import Notes
from parlbrief.resolve.resolved import ResolvedTable

# ResolvedTable lives with the other results of the stage; it is named here too for
# the code that imports it from this module.
__all__ = ["Report", "ResolvedTable", "cited_table", "resolve_table"]

Report = Callable[[Origin, str], None]
_NUMERIC: tuple[ColumnFormat, ...] = ("count", "percentage", "money")


def cited_table(
    table: Table, data: dict[str, DataTable], where: Origin, report: Report, notes: Notes
) -> ResolvedTable | None:
    """The table resolved, with its note: 'Source: <reference>. <how columns are derived>'."""
    resolved = resolve_table(table, data, where, report)
    if resolved is None:
        return None
    ref = notes.reference(table.source, where)
    if ref is not None:
        text = Markup("Source: ") + notes.cite(ref, table.pinpoint or "", "")
        if resolved.explanation:
            text += Markup(". ") + escape(resolved.explanation)
        resolved.note = notes.add_note([text])
    return resolved


def resolve_table(
    table: Table, data: dict[str, DataTable], where: Origin, report: Report
) -> ResolvedTable | None:
    """Read and format the table's cells; problems reported at `where` (the briefing)."""
    source = data.get(table.data)
    if source is None:
        report(where, no_such_table("table", table.data, data))
        return None
    formulas = _formulas(table, source, where, report)
    if formulas is None:
        return None
    chosen = source.find(table.rows) if table.rows else source.rows
    values = [_row_values(row, formulas, report) for row in chosen]
    if any(v is None for v in values):
        return None
    rows = [v for v in values if v is not None]
    formats = [_format_of(c.column, c.format, rows) for c in table.columns]
    headings = [c.heading or c.column for c in table.columns]
    labels = {c.column: c.heading or c.column for c in table.columns}
    return ResolvedTable(
        caption=table.caption,
        headings=headings,
        numeric=[f in _NUMERIC for f in formats],
        rows=[
            [_cell(r[c.column], f) for c, f in zip(table.columns, formats, strict=True)]
            for r in rows
        ],
        explanation=" ".join(
            f"{labels.get(name, name)} = {describe(f, labels)}." for name, f in formulas.items()
        ),
        data_rows=list(chosen),
    )


def _formulas(
    table: Table, source: DataTable, where: Origin, report: Report
) -> dict[str, Formula] | None:
    known = list(source.columns)
    formulas: dict[str, Formula] = {}
    for name, text in table.derived.items():
        try:
            formula = parse_formula(text)
        except FormulaError as exc:
            report(where, f"table: derived column '{name}': {exc}")
            return None
        missing = [n for n in formula.names if n not in known]
        if missing:
            report(
                where,
                f"table: derived column '{name}' uses {', '.join(missing)}, which "
                f"{source.path} does not have (columns: {', '.join(known)})",
            )
            return None
        formulas[name] = formula
        known.append(name)
    unknown = [c.column for c in table.columns if c.column not in known]
    unknown += [c for c in table.rows if c not in source.columns]
    if unknown:
        report(
            where,
            f"table: {source.path} has no column {', '.join(repr(u) for u in unknown)} "
            f"(columns: {', '.join(known)}) - check the name or add it under 'derived'",
        )
        return None
    return formulas


def _row_values(
    row: DataRow, formulas: dict[str, Formula], report: Report
) -> dict[str, str | Decimal] | None:
    """The row's cells, with derived columns worked out (as Decimals)."""
    values: dict[str, str | Decimal] = dict(row.cells)
    for name, formula in formulas.items():
        numbers: dict[str, Decimal] = {}
        for used in formula.names:
            cell = values[used]
            number = cell if isinstance(cell, Decimal) else parse_number(cell)
            if number is None:
                text = str(cell)
                why = number_problem(text) or "is not a number - write one"
                report(row.origin, f"column '{used}': {text.strip()[:40]!r} {why}")
                return None
            numbers[used] = number
        try:
            values[name] = evaluate(formula, numbers)
        except FormulaError as exc:
            report(row.origin, f"derived column '{name}': {exc}")
            return None
    return values


def _format_of(
    column: str, given: ColumnFormat | None, rows: list[dict[str, str | Decimal]]
) -> ColumnFormat:
    """The format given, or count when every cell is a number, else text."""
    if given is not None:
        return given
    cells = [r[column] for r in rows]
    numeric = all(isinstance(c, Decimal) or parse_number(c) is not None for c in cells)
    return "count" if cells and numeric else "text"


def _cell(value: str | Decimal, fmt: ColumnFormat) -> str:
    if fmt in _NUMERIC:
        number = value if isinstance(value, Decimal) else parse_number(value)
        if number is None:
            return str(value).strip()
        return format_number(number, fmt)  # type: ignore[arg-type]
    text = str(value).strip()
    if fmt in ("month", "day"):
        try:
            when = PartialDate.parse(text)
        except ValueError:
            return text
        if fmt == "day" and when.month and when.day:
            return format_day(date(when.year, when.month, when.day))
        return format_partial(PartialDate(when.year, when.month))
    return text
