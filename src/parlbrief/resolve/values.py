"""Every statistic's value, worked out once: written, read from a CSV row, or derived.

`Values` evaluates on demand and remembers each result, so a check evaluates each
statistic once however many briefings print it. A statistic whose data row names
`{variant}` (say `row: {region: "{variant}"}`) has one value per variant: a `Values`
made for a variant works those out and asks its base for everything else. In a
variant, a label's `{variant}`, `{variant.<column>}` and `{variant.in_text}` are
filled from the variant's row, as in the briefing's text (model.variant_text).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from parlbrief.errors import Origin, Problems
from parlbrief.load import Corpus
from parlbrief.load.data import DataRow, DataTable, no_such_table, number_problem, parse_number
from parlbrief.model import VARIANT, DataCell, Statistic
from parlbrief.model.variant_text import fill_variant, no_such_column, unknown_fields
from parlbrief.resolve.formatting import format_number
from parlbrief.resolve.formula import Formula, FormulaError, evaluate, parse_formula

MAX_CHAIN = 50
"""How many statistics deep a chain of derived statistics may go: each level of the
chain is a level of recursion while its value is worked out."""


@dataclass(frozen=True)
class Figure:
    """A statistic with its value worked out."""

    stat: Statistic
    value: Decimal
    as_of: date
    label: str
    """The label, with '{variant}' (and '{variant.<column>}') filled for the variant."""
    inputs: tuple[str, ...] = ()
    """The statistics a derived figure is made from (its formula's names)."""
    row: DataRow | None = None
    """The CSV row the figure was read from."""

    @property
    def id(self) -> str:
        return self.stat.id

    @property
    def display(self) -> str:
        """The value as a briefing prints it: '1,697', '74%', '£155m', 'about 1,700'."""
        return format_number(self.value, self.stat.kind, approximate=self.stat.approximate)


@dataclass
class _Shared:
    """What a base Values and its variants share: formulas parsed once, problems said once."""

    formulas: dict[str, Formula | None] = field(default_factory=dict)
    reported: set[tuple[Origin, str]] = field(default_factory=set)
    bound: dict[str, bool] = field(default_factory=dict)
    depth: dict[str, int] = field(default_factory=dict)


class Values:
    """The value of each statistic, for the project or for one variant of a briefing."""

    def __init__(
        self,
        corpus: Corpus,
        problems: Problems,
        *,
        variant: str | None = None,
        row: DataRow | None = None,
        base: Values | None = None,
    ) -> None:
        self.corpus, self.problems, self.variant, self.base = corpus, problems, variant, base
        self.row = row
        """The variant's row of its variants table, for `{variant.<column>}` in labels."""
        self._shared: _Shared = base._shared if base is not None else _Shared()
        self._done: dict[str, Figure | None] = {}
        self._stack: list[str] = []

    def for_variant(self, variant: str, row: DataRow | None = None) -> Values:
        """Values for one variant: its own row-bound figures, the rest from here (their
        labels filled for the variant); `row` is its row of the variants table."""
        return Values(self.corpus, self.problems, variant=variant, row=row, base=self)

    def evaluate_all(self) -> None:
        """Work out every statistic that does not depend on a variant (to report problems)."""
        for sid in sorted(self.corpus.statistics):
            if not self.bound(sid):
                self.get(sid)

    def get(self, sid: str) -> Figure | None:
        """The statistic's figure, or None when it is unknown or cannot be worked out."""
        stat = self.corpus.statistics.get(sid)
        if stat is None:
            return None
        if self.base is not None and not self.bound(sid):
            return self._labelled(self.base.get(sid))
        if self.variant is None and self.bound(sid):
            return None
        if sid not in self._done:
            self._stack.append(sid)
            self._done[sid] = self._compute(stat)
            self._stack.pop()
        return self._done[sid]

    def bound(self, sid: str) -> bool:
        """Whether the statistic (or anything it is made from) reads the variant's row."""
        shared = self._shared.bound
        if sid not in shared:
            shared[sid] = False  # a guard while the inputs are looked at (cycles)
            stat = self.corpus.statistics.get(sid)
            if stat is not None:
                # Past the depth limit the inputs are not looked at (that would recurse
                # as deep as the chain): the figure is reported and has no value anyway.
                shared[sid] = stat.variant_bound or (
                    self.depth(sid) <= MAX_CHAIN and any(self.bound(n) for n in self.inputs(sid))
                )
        return shared[sid]

    def depth(self, sid: str) -> int:
        """How many derived statistics deep `sid` is: 0 for a written or read value.

        Worked out without recursion, since it is what keeps evaluation's recursion
        bounded; an input that leads back round a circle counts as 0 (circles are
        reported where they are met)."""
        depths = self._shared.depth
        path = [sid]  # `sid`, an input of it, an input of that... each not yet measured
        while path and sid not in depths:
            current = path[-1]
            todo = [
                n
                for n in self.inputs(current)
                if n in self.corpus.statistics and n not in depths and n not in path
            ]
            if todo:
                path.append(todo[0])
                continue
            path.pop()
            depths[current] = max((depths.get(n, 0) + 1 for n in self.inputs(current)), default=0)
        return depths[sid]

    def inputs(self, sid: str) -> tuple[str, ...]:
        """The statistic ids a derived statistic names in its formula (none otherwise)."""
        formula = self.formula(sid)
        return formula.names if formula is not None else ()

    def closure(self, sid: str) -> list[str]:
        """`sid` and everything it is made from, at any depth, each once."""
        seen: list[str] = []
        todo = [sid]
        while todo:
            current = todo.pop(0)
            if current in seen or current not in self.corpus.statistics:
                continue
            seen.append(current)
            todo.extend(self.inputs(current))
        return seen

    def formula(self, sid: str) -> Formula | None:
        stat = self.corpus.statistics.get(sid)
        if stat is None or stat.formula is None:
            return None
        formulas = self._shared.formulas
        if sid not in formulas:
            try:
                formulas[sid] = parse_formula(stat.formula)
            except FormulaError as exc:
                formulas[sid] = None
                self.report(stat.origin, f"formula: {exc}")
        return formulas[sid]

    def report(self, origin: Origin, message: str) -> None:
        """Add an error once, however many variants run into it."""
        key = (origin, message)
        if key not in self._shared.reported:
            self._shared.reported.add(key)
            self.problems.error(origin, message)

    def label(self, stat: Statistic) -> str:
        """The label, filled for the variant; a column its row lacks is reported."""
        if self.variant is None:
            return stat.label
        cells = self.row.by_column if self.row is not None else {}
        if self.row is not None:
            for column in unknown_fields(stat.label, list(cells)):
                self.report(stat.at("label"), no_such_column(column, self.row.file, list(cells)))
        return fill_variant(stat.label, self.variant, cells)

    def _labelled(self, figure: Figure | None) -> Figure | None:
        """A figure worked out once for every variant, labelled for this one."""
        if figure is None or "{variant" not in figure.stat.label:
            return figure
        return replace(figure, label=self.label(figure.stat))

    # How each kind of statistic gets its value.

    def _compute(self, stat: Statistic) -> Figure | None:
        if stat.value is not None:
            assert stat.as_of is not None
            return Figure(stat, stat.value, stat.as_of, self.label(stat))
        if stat.data is not None:
            return self._from_data(stat, stat.data)
        return self._from_formula(stat)

    def _from_formula(self, stat: Statistic) -> Figure | None:
        formula = self.formula(stat.id)
        if formula is None:
            return None
        if self.depth(stat.id) > MAX_CHAIN:
            self._too_deep(stat, formula)
            return None
        inputs: dict[str, Figure] = {}
        for name in formula.names:
            figure = self._input(stat, name)
            if figure is None:
                return None
            inputs[name] = figure
        try:
            value = evaluate(formula, {n: f.value for n, f in inputs.items()})
        except FormulaError as exc:
            self.report(stat.origin, f"formula: {exc}{self._for_variant()}")
            return None
        # Undated, a derived figure is as current as the latest figure it is made from.
        as_of = stat.as_of or max((f.as_of for f in inputs.values()), default=None)
        if as_of is None:
            self.report(stat.origin, "as_of: a formula without statistics needs an as_of date")
            return None
        return Figure(stat, value, as_of, self.label(stat), inputs=formula.names)

    def _too_deep(self, stat: Statistic, formula: Formula) -> None:
        """Report a chain too deep once: at the statistic where it passes the limit."""
        deepest = max(formula.names, key=self.depth)
        if self.depth(deepest) <= MAX_CHAIN:
            self.report(
                stat.origin,
                f"formula: derived from a chain more than {MAX_CHAIN} statistics deep "
                f"({stat.id} from {deepest}, {deepest} from another, and so on) - give some "
                "figures in the chain a written value, or derive them more directly",
            )

    def _input(self, stat: Statistic, name: str) -> Figure | None:
        """One input of a formula; problems (unknown id, a cycle) reported at `stat`."""
        if name not in self.corpus.statistics:
            self.report(stat.origin, f"formula: there is no statistic '{name}'{self._hint(name)}")
            return None
        if name in self._stack:
            cycle = [*self._stack[self._stack.index(name) :], name]
            self.report(
                stat.origin,
                f"formula: the figures are derived from each other in a circle "
                f"({' -> '.join(cycle)}) - derive one of them from a written value",
            )
            return None
        return self.get(name)

    def _hint(self, name: str) -> str:
        """Suggest spaces when 'a-b' is two known ids joined by a hyphen."""
        for i, char in enumerate(name):
            if char == "-" and {name[:i], name[i + 1 :]} <= self.corpus.statistics.keys():
                return f" - to subtract, put a space each side: '{name[:i]} - {name[i + 1 :]}'"
        return " - check the id against sources/statistics/"

    def _from_data(self, stat: Statistic, cell: DataCell) -> Figure | None:
        table = self._table(stat, cell)
        if table is None:
            return None
        row = self._row(stat, cell, table)
        if row is None:
            return None
        text = row.get(cell.column)
        value = parse_number(text)
        if value is None:
            why = number_problem(text) or "is not a number"
            self.report(
                row.origin,
                f"column '{cell.column}': {text.strip()[:40]!r} {why} ({stat.id} at "
                f"{stat.origin} reads it)",
            )
            return None
        assert stat.as_of is not None
        return Figure(stat, value, stat.as_of, self.label(stat), row=row)

    def _table(self, stat: Statistic, cell: DataCell) -> DataTable | None:
        table = self.corpus.data.get(cell.file)
        if table is None:
            self.report(stat.origin, no_such_table("data", cell.file, self.corpus.data))
            return None
        for column in [*cell.row, cell.column]:
            if column not in table.columns:
                self.report(
                    stat.origin,
                    f"data: {table.path} has no column '{column}' "
                    f"(its columns: {', '.join(table.columns)}) - check the name",
                )
                return None
        return table

    def _row(self, stat: Statistic, cell: DataCell, table: DataTable) -> DataRow | None:
        match = {k: v.replace(VARIANT, self.variant or VARIANT) for k, v in cell.row.items()}
        rows = table.find(match)
        wanted = ", ".join(f"{k} {v!r}" for k, v in match.items())
        if not rows:
            self.report(
                stat.origin,
                f"data: no row of {table.path} has {wanted} - check the row values "
                "against the file",
            )
            return None
        if len(rows) > 1:
            lines = " and ".join(str(r.line) for r in rows)
            self.report(
                stat.origin,
                f"data: {len(rows)} rows of {table.path} have {wanted} (lines {lines}) - "
                "give more columns under 'row' so that it picks out one",
            )
            return None
        return rows[0]

    def _for_variant(self) -> str:
        return f" (for {self.variant})" if self.variant else ""
