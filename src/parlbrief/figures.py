"""The `figures` use cases: list every statistic, and update one where it is written.

Listing shows each statistic as printed, where it comes from, which outputs print it
(directly or through a derived figure) and whether it is stale. A statistic that reads
the row of a variant (`row: {region: "{variant}"}`) is listed once per variant, as
'<id>/<variant>'.

Setting a value changes only the characters of the value and dates (and the source and
pinpoint, when given) in the statistic's YAML file (parlbrief.yamledit), so comments,
quotes, line endings, a byte-order mark and the file's permissions stay as they were.
The new value and dates are read by the same strict reader as `check` uses, and the
edited item is validated with the same model before anything is written.
"""

from __future__ import annotations

import difflib
import stat as file_mode
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from parlbrief.atomic import cannot_write, write_bytes
from parlbrief.check import Checked, check
from parlbrief.errors import ContentError, Origin, Problem, Problems, UsageError
from parlbrief.load import Corpus, format_validation_error
from parlbrief.load.data import DataRow
from parlbrief.load.yamlfile import parse_yaml
from parlbrief.model import Statistic
from parlbrief.project import Project
from parlbrief.resolve.audit import stale_reason
from parlbrief.resolve.formatting import format_number
from parlbrief.resolve.values import Figure, Values
from parlbrief.written import DateError, NumberError, number_text, read_day, read_number
from parlbrief.yamledit import EditError, set_fields

ComesFrom = Literal["value", "data", "formula"]


@dataclass
class FigureRow:
    """One line of `parlbrief figures`."""

    id: str
    label: str
    value: Decimal | None
    display: str
    as_of: date | None
    source: str | None
    """The reference id; for a derived figure, its inputs' references, comma-separated."""
    used_by: list[str]
    """The output keys that print it: briefing ids, or '<id>/<variant>'."""
    stale: bool
    stale_reason: str | None
    comes_from: ComesFrom
    origin: Origin
    row: DataRow | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: id, value (a number), display, as_of, source, used_by, stale..."""
        return {
            "id": self.id,
            "label": self.label,
            "value": _json_number(self.value),
            "display": self.display,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "source": self.source,
            "used_by": self.used_by,
            "stale": self.stale,
            "stale_reason": self.stale_reason,
            "from": self.comes_from,
            "path": self.origin.path,
            "line": self.origin.line,
            "data": {"path": self.row.file, "line": self.row.line} if self.row else None,
        }


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def list_figures(checked: Checked) -> list[FigureRow]:
    """Every statistic of the project, in id order (per variant where it varies)."""
    corpus = checked.corpus
    values = Values(corpus, Problems())  # problems were reported by check already
    rows_of = {r.variant.name: r.variant.row for r in checked.resolved.values() if r.variant}
    variants = sorted(rows_of)
    rows: list[FigureRow] = []
    for sid in sorted(corpus.statistics):
        if not values.bound(sid):
            rows.append(_row(checked, values, sid, None))
            continue
        names: list[str | None] = [v for v in variants if _variant_reads(checked, sid, v)]
        rows += [
            _row(checked, values.for_variant(v, rows_of[v]) if v else values, sid, v)
            for v in names or [None]
        ]
    return rows


def _variant_reads(checked: Checked, sid: str, variant: str) -> bool:
    """Whether some output for `variant` uses the variant-bound statistic `sid`."""
    return any(
        r.variant is not None and r.variant.name == variant and sid in r.figures
        for r in checked.resolved.values()
    )


def _row(checked: Checked, values: Values, sid: str, variant: str | None) -> FigureRow:
    stat = checked.corpus.statistics[sid]
    figure = values.get(sid)
    key = f"{sid}/{_slug_of(checked, variant)}" if variant else sid
    reason = stale_reason(figure, checked.corpus.settings, checked.today) if figure else None
    return FigureRow(
        id=key,
        label=figure.label if figure else stat.label,
        value=figure.value if figure else None,
        display=_display(figure, stat, bound=values.bound(sid)),
        as_of=figure.as_of if figure else stat.as_of,
        source=stat.source or ", ".join(_sources(checked.corpus, values, sid)) or None,
        used_by=_used_by(checked, sid, variant),
        stale=reason is not None,
        stale_reason=reason,
        comes_from=_comes_from(stat),
        origin=stat.origin,
        row=figure.row if figure else None,
    )


def _display(figure: Figure | None, stat: Statistic, *, bound: bool) -> str:
    if figure is not None:
        return figure.display
    return "(one per variant)" if bound else "(cannot be worked out: see parlbrief check)"


def _slug_of(checked: Checked, variant: str) -> str:
    for resolved in checked.resolved.values():
        if resolved.variant is not None and resolved.variant.name == variant:
            return resolved.variant.slug
    return variant


def _sources(corpus: Corpus, values: Values, sid: str) -> list[str]:
    found = [corpus.statistics[s].source for s in values.closure(sid)]
    return list(dict.fromkeys(s for s in found if s))


def _used_by(checked: Checked, sid: str, variant: str | None) -> list[str]:
    return sorted(
        key
        for key, resolved in checked.resolved.items()
        if sid in resolved.figures
        and (variant is None or (resolved.variant and resolved.variant.name == variant))
    )


def _comes_from(stat: Statistic) -> ComesFrom:
    if stat.data is not None:
        return "data"
    return "formula" if stat.formula is not None else "value"


# Setting a value.


@dataclass
class SetResult:
    """What `figures set` changed, for the command to report."""

    id: str
    origin: Origin
    old_display: str
    new_display: str
    old_as_of: date | None
    new_as_of: date
    source: str | None = None
    pinpoint: str | None = None
    used_by: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


#: The order a statistic's fields are usually written in (docs/content-model.md): a field
#: `figures set` adds goes after the nearest one before it that the item has.
FIELD_ORDER = ("id", "label", "value", "kind", "as_of", "review_by", "source", "pinpoint")


@dataclass(frozen=True)
class NewFigure:
    """What `figures set` was asked to write, as typed on the command line."""

    value: str
    as_of: str
    review_by: str | None = None
    source: str | None = None
    pinpoint: str | None = None


@dataclass(frozen=True)
class _Read:
    """A NewFigure read and checked: the fields to write, as they will be written."""

    value: Decimal
    as_of: date
    fields: list[tuple[str, str]]


def set_figure(project: Project, sid: str, new: NewFigure) -> SetResult:
    """Write a new value and as_of date (and review_by, source, pinpoint when given) into
    the statistic's file, changing nothing else in it.

    Raises UsageError for an unknown id or reference, or a value or date that `check`
    would refuse; ContentError when the statistic is read from a CSV row or derived
    (naming what to edit instead) or when the edited item would not pass validation.
    Nothing is written then.
    """
    checked = check(project)
    stat = _settable(checked, sid)
    read = _read(new, checked.corpus)
    path = project.root / stat.origin.path
    raw = path.read_bytes()
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    text = _edited(raw[len(bom) :].decode("utf-8"), stat, read.fields)
    _validate(text, stat, read)
    try:
        write_bytes(path, bom + text.encode("utf-8"), mode=_mode_of(path))
    except OSError as exc:
        raise cannot_write(path, exc) from None
    after = check(project)
    old = format_number(stat.value or Decimal(0), stat.kind, approximate=stat.approximate)
    return SetResult(
        id=sid,
        origin=stat.origin,
        old_display=old,
        new_display=format_number(read.value, stat.kind, approximate=stat.approximate),
        old_as_of=stat.as_of,
        new_as_of=read.as_of,
        source=new.source or stat.source,
        pinpoint=new.pinpoint or stat.pinpoint,
        used_by=_used_by(after, sid, None),
        warnings=[p for p in after.problems.items if sid in p.message],
    )


def _read(new: NewFigure, corpus: Corpus) -> _Read:
    """The new fields as they will be written, each read as `check` reads it."""
    try:
        value = read_number(new.value)
    except NumberError as exc:
        raise UsageError(f"VALUE {new.value!r} {exc}") from None
    as_of = _day(new.as_of, "--as-of")
    fields = [("value", number_text(value)), ("as_of", as_of.isoformat())]
    if new.review_by is not None:
        fields.append(("review_by", _day(new.review_by, "--review-by").isoformat()))
    if new.source is not None:
        fields.append(("source", _source(new.source.strip(), corpus)))
    if new.pinpoint is not None:
        fields.append(("pinpoint", _pinpoint(new.pinpoint)))
    return _Read(value, as_of, fields)


def _day(text: str, option: str) -> date:
    try:
        return read_day(text)
    except DateError as exc:
        raise UsageError(f"{option} {text!r} {exc}") from None


def _source(ref: str, corpus: Corpus) -> str:
    """A known reference id, or a usage error naming the closest one."""
    if ref in corpus.references:
        return ref
    close = difflib.get_close_matches(ref, list(corpus.references), n=1, cutoff=0.75)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise UsageError(
        f"--source: there is no reference '{ref}'{hint} - give the id of a reference in "
        "sources/references/"
    )


def _pinpoint(text: str) -> str:
    pinpoint = text.strip()
    if not pinpoint or not pinpoint.isprintable():
        raise UsageError(
            f"--pinpoint takes one line of text saying where in the source, such as "
            f"'table 2' (got {text!r})"
        )
    return pinpoint


def _mode_of(path: Path) -> int:
    """The file's permissions, so that the edited file keeps them."""
    return file_mode.S_IMODE(path.stat().st_mode)


def _settable(checked: Checked, sid: str) -> Statistic:
    """The statistic, if its value is written in YAML; otherwise say what to edit."""
    corpus = checked.corpus
    base = sid.split("/", 1)[0]
    stat = corpus.statistics.get(base)
    if stat is None:
        raise UsageError(f"there is no statistic '{sid}' - see `parlbrief figures` for the ids")
    if stat.data is not None:
        raise ContentError.single(stat.origin, _data_message(checked, sid, stat))
    if base != sid:
        raise UsageError(f"there is no statistic '{sid}' - did you mean '{base}'?")
    if stat.formula is not None:
        inputs = ", ".join(Values(corpus, Problems()).inputs(stat.id)) or "its inputs"
        raise ContentError.single(
            stat.origin,
            f"{stat.id} is derived ({stat.formula}) - set the figures it is made from "
            f"instead: {inputs}",
        )
    return stat


def _data_message(checked: Checked, sid: str, stat: Statistic) -> str:
    assert stat.data is not None
    rows = {r.id: r for r in list_figures(checked)}
    row = rows[sid].row if sid in rows else None
    file = f"sources/data/{stat.data.file}"
    if row is not None:
        where = f"{row.file} line {row.line} ({row.describe(list(stat.data.row))})"
        return f"{sid} comes from {where}, column '{stat.data.column}' - edit that file instead"
    return (
        f"{sid} comes from {file} (column '{stat.data.column}', one row per variant) - "
        "edit that file instead"
    )


def _edited(text: str, stat: Statistic, fields: list[tuple[str, str]]) -> str:
    """The file's text with the statistic's fields changed, every other character kept."""
    try:
        return set_fields(text, stat.id, fields, order=FIELD_ORDER)
    except EditError as exc:
        raise ContentError.single(
            stat.origin, f"the file cannot be edited safely: {exc} - edit it by hand"
        ) from None


def _validate(text: str, stat: Statistic, read: _Read) -> None:
    """Refuse the edit when the statistic would not load as `check` loads it, or would
    not read back as what was asked (a ContentError; nothing is written)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as load.files.read_text
    doc = parse_yaml(text, stat.origin.path)
    items = doc.data if isinstance(doc.data, list) else [doc.data]
    for index, item in enumerate(items):
        if not (isinstance(item, dict) and item.get("id") == stat.id):
            continue
        base = (index,) if isinstance(doc.data, list) else ()
        try:
            edited = Statistic.model_validate({**item, "origin": doc.origin(base)})
        except ValidationError as exc:
            found = [Problem(o, m) for o, m in format_validation_error(exc, doc, base)]
            raise ContentError(found) from None
        wanted = dict(read.fields)
        got = {name: str(item.get(name, "")).strip() for name in wanted}
        if edited.value == read.value and edited.as_of == read.as_of and got == wanted:
            return
    raise ContentError.single(
        stat.origin, "the file cannot be edited safely - change the value by hand"
    )
