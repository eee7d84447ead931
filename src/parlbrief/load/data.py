"""Tables of figures under sources/data/: CSV files that statistics and tables read from.

A data file is a CSV with a header row. Lines starting with `#` before the header are
notes for people (for example, that the figures are illustrative) and are skipped.
Each row remembers its line so that a wrong cell can be pointed at in the file.
Numbers may be written with commas between thousands (`4,542`); every cell that should
hold a figure is read by parlbrief.written, the same strict reader as a statistic's
`value` and `figures set` use.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from parlbrief.errors import ContentError, Origin, Problems
from parlbrief.load.files import list_files, read_text
from parlbrief.project import shown_path
from parlbrief.written import NumberError, read_number


@dataclass(frozen=True)
class DataRow:
    """One row of a data file: its cells by column, and where it is."""

    file: str
    """The project-relative path, e.g. 'sources/data/probation-officers.csv'."""
    line: int
    cells: tuple[tuple[str, str], ...]

    @property
    def origin(self) -> Origin:
        return Origin(self.file, self.line)

    def get(self, column: str) -> str:
        return self.by_column[column]

    @cached_property
    def by_column(self) -> dict[str, str]:
        """The cells by column name (made once: a row is read for every variant)."""
        return dict(self.cells)

    def describe(self, columns: list[str] | None = None) -> str:
        """'period 2022-06-30' - the cells that pick this row out, for messages."""
        picked = [(k, v) for k, v in self.cells if columns is None or k in columns]
        return ", ".join(f"{k} {v}" for k, v in picked)


@dataclass
class DataTable:
    """A CSV file from sources/data/, read once."""

    name: str
    """The file name relative to sources/data/, as statistics name it."""
    path: str
    """The project-relative path, for messages."""
    columns: list[str]
    rows: list[DataRow] = field(default_factory=list)
    _indexes: dict[tuple[str, ...], tuple[int, dict[tuple[str, ...], list[DataRow]]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Rows by their cells in some columns, made on the first `find` by those columns:
    a table read for each of its own rows (variants) would otherwise be read in time
    the square of its length."""

    def find(self, match: dict[str, str]) -> list[DataRow]:
        """Rows whose cells equal every value in `match` (spaces at either end ignored)."""
        columns = tuple(sorted(match))
        wanted = tuple(match[c].strip() for c in columns)
        return self._index(columns).get(wanted, [])

    def _index(self, columns: tuple[str, ...]) -> dict[tuple[str, ...], list[DataRow]]:
        made = self._indexes.get(columns)
        if made is not None and made[0] == len(self.rows):
            return made[1]
        index: dict[tuple[str, ...], list[DataRow]] = {}
        for row in self.rows:
            index.setdefault(tuple(row.get(c).strip() for c in columns), []).append(row)
        self._indexes[columns] = (len(self.rows), index)
        return index


def parse_number(text: str) -> Decimal | None:
    """'4,542' -> 4542; None when the cell is not a number (`number_problem` says why)."""
    try:
        return read_number(text)
    except NumberError:
        return None


def number_problem(text: str) -> str | None:
    """Why the cell is not a number ('is too large: ...'), or None when it is one."""
    try:
        read_number(text)
    except NumberError as exc:
        return str(exc)
    return None


def load_data_tables(root: Path, data_dir: Path, problems: Problems) -> dict[str, DataTable]:
    """Every CSV file under `data_dir`, by name relative to it; problems collected."""
    tables: dict[str, DataTable] = {}
    if not data_dir.is_dir():
        return tables
    for path in list_files(data_dir, root, "*.csv"):
        rel = shown_path(path, root)
        try:
            text = read_text(path, rel)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        table = parse_table(text, path.relative_to(data_dir).as_posix(), rel, problems)
        if table is not None:
            tables[table.name] = table
    return tables


def no_such_table(field: str, name: str, tables: Mapping[str, DataTable]) -> str:
    """The one message for a data file that is not there, naming those that are."""
    known = ", ".join(sorted(tables)) or "none"
    return f"{field}: there is no file sources/data/{name} (files there: {known}) - check the name"


def parse_table(text: str, name: str, rel: str, problems: Problems) -> DataTable | None:
    """Read one CSV text; a file without a usable header is reported and skipped."""
    lines = text.split("\n")
    start = 0  # '#' comment lines and blank lines before the header are skipped
    while start < len(lines) and (lines[start].startswith("#") or not lines[start].strip()):
        start += 1
    reader = csv.reader(io.StringIO("\n".join(lines[start:])))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.error(Origin(rel, start + 1), _csv_problem(exc))
        return None
    if not header:
        problems.error(
            Origin(rel, start + 1),
            "the file has no header row - add one such as 'period,in_post,required'",
        )
        return None
    columns = [c.strip() for c in header]
    if not _good_header(columns, rel, start + 1, problems):
        return None
    table = DataTable(name, rel, columns)
    while True:
        first = start + reader.line_num + 1  # where the next row starts
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            problems.error(Origin(rel, first), _csv_problem(exc))
            return table  # the rows before it still count; the rest cannot be read
        if cells is None:
            return table
        line = start + reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(columns):
            problems.error(
                Origin(rel, line),
                f"this row has {len(cells)} cells but the header has {len(columns)} columns "
                "- check for a missing or extra comma (put quotes around a cell with a comma)",
            )
            continue
        table.rows.append(DataRow(rel, line, tuple(zip(columns, cells, strict=True))))


def _csv_problem(exc: csv.Error) -> str:
    """What the csv module could not read, in words (it gives no position of its own)."""
    if "field larger than field limit" in str(exc):
        return (
            f"a cell in the row starting on this line is longer than {csv.field_size_limit():,} "
            'characters - check for a quote (") that is opened and never closed; the rest '
            "of the file was not read"
        )
    return f"this row cannot be read as CSV ({exc}) - check its quotes and commas"


def _good_header(columns: list[str], rel: str, line: int, problems: Problems) -> bool:
    seen: set[str] = set()
    for column in columns:
        if not column:
            problems.error(Origin(rel, line), "a column has no name - name every column")
            return False
        if column in seen:
            problems.error(Origin(rel, line), f"the column '{column}' is given twice - rename one")
            return False
        seen.add(column)
    return True
