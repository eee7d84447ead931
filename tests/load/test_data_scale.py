"""A data table read once per variant is read in time in proportion to its rows.

Each letter of a variants table looks its own figures up in the same table: a search
row by row made checking 5,000 letters take 77 s (the square of the rows). The rows
are now found by an index made once per set of columns. Measured by counting cell
reads, not by a clock.
"""

from __future__ import annotations

import pytest

from parlbrief.check import check
from parlbrief.load.data import DataRow, DataTable
from tests.conftest import MakeProject


def regions(count: int) -> str:
    rows = [f"Region {n},{300 + n % 50},{400 + n % 70}" for n in range(count)]
    return "region,in_post,required\n" + "\n".join(rows) + "\n"


def cell_reads(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, count: int) -> int:
    project = make_project({"sources/data/regions.csv": regions(count)}, base="figures")
    reads = 0
    get = DataRow.get

    def counted(self: DataRow, column: str) -> str:
        nonlocal reads
        reads += 1
        return get(self, column)

    with monkeypatch.context() as patch:
        patch.setattr(DataRow, "get", counted)
        checked = check(project)
    assert checked.problems.errors == []
    assert len([k for k in checked.resolved if k.startswith("regional/")]) == count
    return reads


def test_checking_twice_the_letters_reads_about_twice_the_cells(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = cell_reads(make_project, monkeypatch, 40)
    large = cell_reads(make_project, monkeypatch, 80)
    assert large <= 2.2 * small, (small, large)


def test_find_gives_the_rows_whose_cells_match_spaces_aside() -> None:
    table = DataTable("t.csv", "sources/data/t.csv", ["period", "value"])
    for line, (period, value) in enumerate([(" 2021 ", "1"), ("2022", "2"), ("2021", "3")], 2):
        table.rows.append(
            DataRow("sources/data/t.csv", line, (("period", period), ("value", value)))
        )
    assert [r.get("value") for r in table.find({"period": "2021"})] == ["1", "3"]
    assert [r.line for r in table.find({"period": " 2022", "value": "2"})] == [3]
    assert table.find({"period": "2023"}) == []
    table.rows.append(DataRow("sources/data/t.csv", 5, (("period", "2023"), ("value", "4"))))
    assert [r.line for r in table.find({"period": "2023"})] == [5]  # a row added later
