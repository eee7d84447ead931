"""Charts of a data series in a briefing: the numbers read from a CSV, checked and worded.

A chart (a section's, or in a panel of figures) names a CSV file, the column along the
bottom (`x`) and one to four columns of numbers (`series`). Here every cell is read
and checked (each problem at its line: the chart's field in the briefing, or the row
in the CSV), the same figures are made into a table (for the web page), the text
alternative is written from them, and the source's note is numbered. In a variant,
{variant} in its words and its `rows` is filled in first (filled_chart): each
variant's chart draws its own rows. Drawing is render's job
(parlbrief.render.charts): nothing here knows what a chart looks like.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from markupsafe import Markup

from parlbrief.errors import Origin
from parlbrief.load.data import DataRow, DataTable, no_such_table, number_problem, parse_number
from parlbrief.model import Chart, PartialDate, Table, TableColumn
from parlbrief.model.briefing import MAX_SERIES
from parlbrief.resolve.notes import Notes
from parlbrief.resolve.resolved import ChartSeries, ResolvedChart, ResolvedTable
from parlbrief.resolve.tables import resolve_table

Report = Callable[[Origin, str], None]
Problem = tuple[Origin, str]
_NUMERIC = ("count", "percentage", "money")
_DATES = ("month", "day")


#: Where a part of one chart was written ('series', 0, 'column' ...), for messages at
#: its own line: under its section's `chart:` or its panel's.
Place = Callable[..., Origin]
#: The words of a chart a variant fills in ({variant}, {variant.<column>}).
_WORDS = ("caption", "axis")


def cited_chart(
    chart: Chart, at: Place, data: dict[str, DataTable], report: Report, notes: Notes
) -> ResolvedChart | None:
    """The chart resolved, with its note: 'Source: <reference>.'"""
    rows = _rows(chart, data, at, report)
    if rows is None:
        return None
    series = _series(chart, rows, report)
    dates = _dates(chart.x, rows, report)
    table = resolve_table(_as_table(chart), data, at(), report)
    if series is None or dates is None or table is None:
        return None
    resolved = _resolved(chart, series, dates, table)
    resolved.data_rows = list(rows)
    resolved.note = _note(chart, at("source"), notes)
    return resolved


def filled_chart(chart: Chart, fill: Callable[[str], str]) -> Chart:
    """The chart with `fill` ({variant} filled in) applied to its caption, axis, column
    headings and the values its `rows` match: each variant draws its own rows."""
    words = {k: fill(v) for k in _WORDS if (v := getattr(chart, k)) is not None}
    columns = [c.model_copy(update={"heading": fill(c.heading)}) if c.heading else c
               for c in (chart.x, *chart.series)]  # fmt: skip
    rows = {k: fill(v) for k, v in chart.rows.items()}
    update = words | {"x": columns[0], "series": columns[1:], "rows": rows}
    return chart.model_copy(update=update)


def unfilled(chart: Chart, at: Place) -> list[Problem]:
    """Each {variant} in a chart of a briefing without variants, which has no row to
    fill it from, at its line."""
    found: list[tuple[tuple[str | int, ...], str | None]] = [
        ((k,), getattr(chart, k)) for k in _WORDS
    ]
    found += [(("x", "heading"), chart.x.heading)]
    found += [(("series", i, "heading"), s.heading) for i, s in enumerate(chart.series)]
    found += [(("rows", k), v) for k, v in chart.rows.items()]
    return [
        (
            at(*loc),
            f"chart: {text!r} names {{variant}}, which only a briefing with 'variants' "
            "fills in - add 'variants:' to the briefing, or write the name itself",
        )
        for loc, text in found
        if text is not None and "{variant" in text
    ]


def _rows(
    chart: Chart, data: dict[str, DataTable], at: Place, report: Report
) -> list[DataRow] | None:
    """The rows the chart draws, once its file and columns are known to be there."""
    source = data.get(chart.data)
    if source is None:
        report(at("data"), no_such_table("chart: data", chart.data, data))
        return None
    problems = _too_many(chart, at) + _missing(chart, source, at) + _not_numbers(chart, at)
    for where, message in problems:
        report(where, message)
    if problems:
        return None
    rows = source.find(chart.rows) if chart.rows else source.rows
    if not rows:
        report(at("rows" if chart.rows else "data"), _no_rows(chart, source))
    return rows or None


def _resolved(
    chart: Chart, series: list[list[Decimal]], dates: list[date], table: ResolvedTable
) -> ResolvedChart:
    """The chart's figures beside the table's cells, and the words written from them."""
    resolved = ResolvedChart(
        type=chart.type,
        caption=chart.caption,
        categories=[r[0] for r in table.rows],
        dates=dates or None,
        series=[
            ChartSeries(label, numbers, [row[i + 1] for row in table.rows])
            for i, (label, numbers) in enumerate(zip(table.headings[1:], series, strict=True))
        ],
        kind=_kind(chart),
        axis=chart.axis,
        table=table,
    )
    resolved.description = describe(resolved)
    return resolved


def describe(chart: ResolvedChart) -> str:
    """The text alternative, written from the figures: what a reader who cannot see the
    chart needs (its kind, its caption, and every number it draws, as printed).

    'Bar chart: Probation officers in post against required staffing. Staff in post:
    June 2020, 3,612; March 2021, 3,537. Required staffing: June 2020, 4,012; ...'
    """
    text = f"{chart.type.capitalize()} chart: {chart.caption.rstrip('.')}."
    for series in chart.series:
        points = "; ".join(
            f"{where}, {shown}"
            for where, shown in zip(chart.categories, series.displays, strict=True)
        )
        text += f" {series.label}: {points}."
    return text


def _too_many(chart: Chart, at: Place) -> list[Problem]:
    if len(chart.series) <= MAX_SERIES:
        return []
    return [
        (
            at("series"),
            f"chart: {len(chart.series)} series are more than a chart's colours tell apart "
            f"(at most {MAX_SERIES}) - split them into two charts, or show a table",
        )
    ]


def _missing(chart: Chart, source: DataTable, at: Place) -> list[Problem]:
    """Each column the chart names that the data file does not have, at its line."""
    wanted: list[tuple[tuple[str | int, ...], str]] = [(("x", "column"), chart.x.column)]
    wanted += [(("series", i, "column"), s.column) for i, s in enumerate(chart.series)]
    wanted += [(("rows", name), name) for name in chart.rows]
    return [
        (at(*loc), _no_column(source, column))
        for loc, column in wanted
        if column not in source.columns
    ]


def _not_numbers(chart: Chart, at: Place) -> list[Problem]:
    """Each series given a format that is not a number's."""
    return [
        (
            at("series", i, "format"),
            f"chart: a series is drawn as numbers, so its format is one of "
            f"{', '.join(_NUMERIC)} (found {s.format!r}) - change it, or leave it out",
        )
        for i, s in enumerate(chart.series)
        if s.format is not None and s.format not in _NUMERIC
    ]


def _no_column(source: DataTable, column: str) -> str:
    known = ", ".join(source.columns)
    return f"chart: {source.path} has no column {column!r} (columns: {known}) - check the name"


def _no_rows(chart: Chart, source: DataTable) -> str:
    if chart.rows:
        wanted = ", ".join(f"{k} {v}" for k, v in chart.rows.items())
        return f"chart: no row of {source.path} has {wanted} - check the values under 'rows'"
    return f"chart: {source.path} has no rows of figures - add them under its header"


def _series(chart: Chart, rows: list[DataRow], report: Report) -> list[list[Decimal]] | None:
    """Each series' numbers, row by row; every cell that is not a number reported."""
    found: list[list[Decimal]] = []
    ok = True
    for s in chart.series:
        numbers: list[Decimal] = []
        for row in rows:
            text = row.get(s.column)
            number = parse_number(text)
            if number is None:
                why = number_problem(text) or "is not a number - write one"
                report(row.origin, f"column '{s.column}': {text.strip()[:40]!r} {why}")
                ok = False
            else:
                numbers.append(number)
        found.append(numbers)
    return found if ok else None


def _dates(x: TableColumn, rows: list[DataRow], report: Report) -> list[date] | None:
    """The x column as dates when its format is a month or a day ([] otherwise)."""
    if x.format not in _DATES:
        return []
    found: list[date] = []
    for row in rows:
        text = row.get(x.column).strip()
        try:
            when = PartialDate.parse(text)
        except ValueError as exc:
            report(row.origin, f"column '{x.column}': {text[:40]!r} is not a date - {exc}")
            continue
        found.append(date(when.year, when.month or 1, when.day or 1))
    return found if len(found) == len(rows) else None


def _as_table(chart: Chart) -> Table:
    """The chart's figures as a table: the x column, then each series."""
    return Table(
        data=chart.data,
        columns=[chart.x, *chart.series],
        caption=chart.caption,
        source=chart.source,
        pinpoint=chart.pinpoint,
        rows=chart.rows,
    )


def _kind(chart: Chart) -> str:
    """How the axis prints numbers: the first series' format (counts by default)."""
    given = chart.series[0].format
    return given if given in _NUMERIC else "count"


def _note(chart: Chart, where: Origin, notes: Notes) -> int | None:
    ref = notes.reference(chart.source, where)
    if ref is None:
        return None
    text = Markup("Source: ") + notes.cite(ref, chart.pinpoint or "", "")
    return notes.add_note([text])
