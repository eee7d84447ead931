"""Figures as a briefing prints them, in prose (`[#id]`) and in panels, each with its note.

`values` works a statistic's value out; this module puts it on the page: the value as
printed, or a change between two figures ('up 1,005 since March 2021'), and the note
that says where it comes from, citing the sources of the figure and of everything a
derived figure is made from. It also records every statistic and CSV row the briefing
reads, for the sources list and for the build to hash.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it.token import Token
from markupsafe import Markup

from parlbrief.errors import Origin, Problems
from parlbrief.load import Corpus
from parlbrief.load.data import DataRow
from parlbrief.model import VARIANT, Panel
from parlbrief.model.variant_text import names_variant
from parlbrief.resolve.formatting import format_change, format_month, format_number
from parlbrief.resolve.formula import describe
from parlbrief.resolve.notes import Notes, Sourced
from parlbrief.resolve.placement import call_meta
from parlbrief.resolve.prose import figure_meta
from parlbrief.resolve.resolved import PanelItem, Variant
from parlbrief.resolve.values import Figure, Values


class FigureNotes:
    """The figures of one briefing: each valued, phrased and given its note."""

    def __init__(
        self,
        corpus: Corpus,
        problems: Problems,
        values: Values,
        variant: Variant | None,
        notes: Notes,
    ) -> None:
        self.corpus, self.problems, self.values, self.variant = corpus, problems, values, variant
        self.notes = notes
        self.figures: dict[str, Figure] = {}
        """Every statistic used, directly or as the input of a derived one."""
        self.data_rows: dict[tuple[str, int], DataRow] = {}
        """Every CSV row read (by figures, tables and the variant), by file and line."""
        self.noted: dict[int, _Noted] = {}
        """What the note of each valued figure in prose says, by `id()` of its token
        (the tokens live as long as the briefing's prose)."""
        if variant is not None:
            self.read_row(variant.row)

    def read_row(self, row: DataRow) -> None:
        """Record a CSV row the briefing reads."""
        self.data_rows[(row.file, row.line)] = row

    def figure(self, token: Token, where: Origin) -> None:
        """Value a `[#id]` token, or give a figure call its note (see `placement`).

        A figure that cannot be valued shows the text as written, and has no note.
        """
        if token.type == "figure_call":
            self.call(token)
            return
        meta = figure_meta(token)
        written = token.markup or f"[{token.content.strip()}]"
        meta["display"] = written
        figure = self.lookup(meta["id"], where, written)
        if figure is None:
            return
        if meta["option"]:
            self.change(token, figure, meta["option"], where)
            return
        meta["display"] = figure.display
        if figure.stat.formula is None:
            self.noted[id(token)] = _Noted(figure.id, [figure.id], label=figure.label)
        else:
            text = Markup("{}: {}").format(figure.label, self.method(figure))
            self.noted[id(token)] = _Noted(figure.id, [figure.id], text=text)

    def call(self, token: Token) -> None:
        """A figure call's note: its figures, each sourced; none if they are noted at a
        later call of the sentence, or in the note of the citation called just after."""
        meta = call_meta(token)
        if "plan" not in meta:
            self.plan(meta["sentence"])
        groups: dict[tuple[str, ...], list[_Noted]] = {}
        for figure in meta.get("plan", []):
            noted = self.noted[id(figure)]
            groups.setdefault(self.group_key(noted), []).append(noted)
        meta["note"] = None
        if not groups:
            return
        sentences = [self.group_sourced(group) for group in groups.values()]
        if meta["joins_citation"]:
            for sourced in sentences:
                self.notes.defer(sourced)
        else:
            meta["note"] = self.notes.add_sourced(sentences)

    def plan(self, sentence: list[Token]) -> None:
        """Which figures each call of a sentence notes: those from one source together,
        at the last of their calls; any other figure at its own call."""
        last: dict[tuple[str, ...], int] = {}
        for index, call in enumerate(sentence):
            for figure in call_meta(call)["figures"]:
                noted = self.noted.get(id(figure))
                if noted is not None:
                    last[self.group_key(noted)] = index
        plans: list[list[Token]] = [[] for _ in sentence]
        for call in sentence:
            for figure in call_meta(call)["figures"]:
                noted = self.noted.get(id(figure))
                if noted is not None:
                    plans[last[self.group_key(noted)]].append(figure)
        for call, plan in zip(sentence, plans, strict=True):
            call_meta(call)["plan"] = plan

    def group_key(self, noted: _Noted) -> tuple[str, ...]:
        """Figures with the same key share a note: plain figures by their sources; a
        derived figure or a change stands alone."""
        if noted.label is None:
            return ("alone", noted.id, str(id(noted)))
        return ("sources", *self.pinpoints(noted.sids))  # the sources' ids, in order

    def group_sourced(self, group: list[_Noted]) -> Sourced:
        """The note sentence of figures sharing a note: their labels (or a derived
        figure's or a change's text) and their sources."""
        sids = [sid for noted in group for sid in noted.sids]
        sources = self.pinpoints(sids)
        values = [self.figures[sid].display for sid in sids if sid in self.figures]
        if group[0].label is None:
            return Sourced(sources, text=group[0].text, values=values)
        labels = [noted.label for noted in group if noted.label]
        return Sourced(sources, labels=list(dict.fromkeys(labels)), values=values)

    def panel_items(self, panel: Panel, origin: Origin) -> list[PanelItem]:
        """A panel's figures ('In your area'): each one's label, value and note."""
        items = []
        for sid in panel.figures:
            figure = self.lookup(sid, origin, f"panels: {sid}")
            if figure is None:
                continue
            items.append(PanelItem(figure.label, figure.display, self.figure_note(figure)))
        return items

    def lookup(self, sid: str, where: Origin, written: str) -> Figure | None:
        """A statistic's figure, recording it and its inputs as used; None if it has none."""
        stat = self.corpus.statistics.get(sid)
        if stat is None:
            hint = self.corpus.missing(self.corpus.statistics, sid)
            if hint is not None:
                self.problems.error(
                    where,
                    f"{written}: there is no statistic '{sid}'{hint} - "
                    "check the id against sources/statistics/",
                )
            return None
        if self.variant is None and self.values.bound(sid):
            self.problems.error(
                where,
                f"{written}: {sid} reads the row for {VARIANT} of a data file, so only a "
                "briefing with 'variants' can use it",
            )
            return None
        if self.variant is None and names_variant(stat.label):
            # It would print '{variant}' as typed: no row fills it here.
            label = stat.at("label")
            self.problems.error(
                where,
                f"{written}: the label of {sid} ('{stat.label}', {label}) uses {VARIANT}, "
                "which only a briefing with 'variants' fills - take it out of the label, or "
                "print this figure only in a briefing with variants",
            )
            return None
        self.use(sid)
        return self.figures.get(sid)

    def use(self, sid: str) -> None:
        """Record a statistic, and everything it is made from, as used."""
        for used in self.values.closure(sid):
            found = self.values.get(used)
            if found is not None:
                self.figures[used] = found
                if found.row is not None:
                    self.read_row(found.row)

    def change(self, token: Token, figure: Figure, option: str, where: Origin) -> None:
        """`[#new, change since old]`: 'up 1,005 since March 2021', noted to both."""
        written = f"[{token.content.strip()}]"
        since = _change_since(option)
        if since is None:
            self.problems.error(
                where,
                f"{written}: '{option}' is not an option parlbrief knows - "
                f"write [#{figure.id}] or [#{figure.id}, change since <other id>] "
                "(or 'percent change since')",
            )
            return
        old_id, percent = since
        old = self.lookup(old_id, where, written)
        if old is None:
            return
        meta = figure_meta(token)
        try:
            meta["display"] = format_change(
                figure.value, old.value, figure.stat.kind, old.as_of, percent=percent
            )
        except ZeroDivisionError:
            self.problems.error(where, f"{old.id} is zero, so there is no percentage change")
            return
        self.noted[id(token)] = _Noted(
            figure.id, [figure.id, old.id], text=_change_text(figure, old)
        )

    def figure_note(self, figure: Figure) -> int | None:
        """'Label: <source>.' or, for a derived figure, how it is worked out and from what."""
        stat = figure.stat
        sources = self.pinpoints([stat.id])
        if stat.formula is None:
            if not any(rid in self.corpus.references for rid in sources):
                return None
            sourced = Sourced(sources, labels=[figure.label], values=[figure.display])
            return self.notes.add_sourced([sourced])
        text = Markup("{}: {}").format(figure.label, self.method(figure))
        return self.notes.add_sourced([Sourced(sources, text=text, values=[figure.display])])

    def method(self, figure: Figure) -> str:
        """The derived figure's method as written, or its formula in words."""
        if figure.stat.method:
            return figure.stat.method
        formula = self.values.formula(figure.id)
        labels = {sid: self.figures[sid].label for sid in figure.inputs if sid in self.figures}
        return f"worked out as {describe(formula, labels)}" if formula else ""

    def pinpoints(self, sids: list[str]) -> dict[str, list[str]]:
        """The sources these figures rest on, each with its pinpoints, in order of use."""
        pinpoints: dict[str, list[str]] = {}
        for sid in sids:
            for used in self.values.closure(sid):
                stat = self.corpus.statistics[used]
                if stat.source is None:
                    continue
                found = pinpoints.setdefault(stat.source, [])
                if stat.pinpoint and stat.pinpoint not in found:
                    found.append(stat.pinpoint)
        return pinpoints


@dataclass(frozen=True)
class _Noted:
    """What a valued figure's note says: its label (a plain figure, whose note may be
    shared with others from the same source) or its text (a derived figure, a change)."""

    id: str
    sids: list[str]
    """The statistics whose sources the note cites."""
    label: str | None = None
    text: Markup | None = None


def _change_since(option: str) -> tuple[str, bool] | None:
    """From '[percent] change since <id>': the id, and whether a percentage is wanted."""
    words = option.split()
    percent = words[:1] in (["percent"], ["percentage"])
    if percent:
        words = words[1:]
    if len(words) != 3 or words[:2] != ["change", "since"]:
        return None
    return words[2], percent


def _change_text(new: Figure, old: Figure) -> Markup:
    """A change's note text: 'Label: 1,697 in March 2024, against 692 in March 2021'."""
    kind = new.stat.kind
    return Markup("{}: {} in {}, against {} in {}").format(
        new.label,
        format_number(new.value, kind),
        format_month(new.as_of),
        format_number(old.value, kind),
        format_month(old.as_of),
    )
