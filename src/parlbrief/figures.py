"""The `figures` use cases: list every statistic, and update one where it is written.

Listing shows each statistic as printed, where it comes from, which outputs print it
(directly or through a derived figure) and whether it is stale. A statistic that reads
the row of a variant (`row: {region: "{variant}"}`) is listed once per variant, as
'<id>/<variant>'.

Setting a value edits the statistic's YAML file with ruamel.yaml's round-trip mode, so
comments, order and layout stay as the press officer wrote them; the new item is
validated with the same model as `check` before anything is written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from parlbrief.atomic import write_bytes
from parlbrief.check import Checked, check
from parlbrief.errors import ContentError, Origin, Problem, Problems, UsageError
from parlbrief.load import Corpus, format_validation_error
from parlbrief.load.data import DataRow, parse_number
from parlbrief.load.yamlfile import parse_yaml
from parlbrief.model import Statistic
from parlbrief.project import Project
from parlbrief.resolve.audit import stale_reason
from parlbrief.resolve.formatting import format_number
from parlbrief.resolve.values import Figure, Values

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
    variants = sorted({r.variant.name for r in checked.resolved.values() if r.variant})
    rows: list[FigureRow] = []
    for sid in sorted(corpus.statistics):
        if not values.bound(sid):
            rows.append(_row(checked, values, sid, None))
            continue
        names: list[str | None] = [v for v in variants if _variant_reads(checked, sid, v)]
        rows += [
            _row(checked, values.for_variant(v) if v else values, sid, v) for v in names or [None]
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
    used_by: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def set_figure(
    project: Project,
    sid: str,
    value: str,
    as_of: str,
    review_by: str | None = None,
) -> SetResult:
    """Write a new value and as_of date into the statistic's file, comments kept.

    Raises UsageError for an unknown id or an unreadable value or date, and ContentError
    when the statistic is read from a CSV row or derived (naming what to edit instead)
    or when the new item would not pass validation. Nothing is written then.
    """
    checked = check(project)
    stat = _settable(checked, sid)
    number = parse_number(value)
    if number is None:
        raise UsageError(f"VALUE must be a number such as 4542 or 4,542 (got {value!r})")
    new_as_of = _parse_date(as_of, "--as-of")
    new_review = _parse_date(review_by, "--review-by") if review_by else None
    path = project.root / stat.origin.path
    text = _edited(path.read_text(encoding="utf-8"), stat, number, new_as_of, new_review)
    _validate(text, stat)
    write_bytes(path, text.encode("utf-8"))
    after = check(project)
    old = format_number(stat.value or Decimal(0), stat.kind, approximate=stat.approximate)
    return SetResult(
        id=sid,
        origin=stat.origin,
        old_display=old,
        new_display=format_number(number, stat.kind, approximate=stat.approximate),
        old_as_of=stat.as_of,
        new_as_of=new_as_of,
        used_by=_used_by(after, sid, None),
        warnings=[p for p in after.problems.items if sid in p.message],
    )


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


def _parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} takes a date such as 2022-09-30 (got {text!r})") from None


def _round_trip() -> YAML:
    yaml = YAML()  # round-trip mode: comments, order, quotes and flow style are kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long label
    return yaml


def _edited(text: str, stat: Statistic, value: Decimal, as_of: date, review_by: date | None) -> str:
    """The file's text with the statistic's value and dates replaced, the rest untouched."""
    yaml = _round_trip()
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        raise ContentError.single(stat.origin, f"the file cannot be edited safely: {exc}") from None
    items = data if isinstance(data, list) else [data]
    item = next(i for i in items if isinstance(i, dict) and str(i.get("id")) == stat.id)
    item["value"] = int(value) if value == value.to_integral_value() else float(value)
    item["as_of"] = as_of
    if review_by is not None:
        item["review_by"] = review_by
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _validate(text: str, stat: Statistic) -> None:
    """Refuse the edit when the statistic would not load (a ContentError, nothing written)."""
    doc = parse_yaml(text, stat.origin.path)
    items = doc.data if isinstance(doc.data, list) else [doc.data]
    for index, item in enumerate(items):
        if not (isinstance(item, dict) and item.get("id") == stat.id):
            continue
        base = (index,) if isinstance(doc.data, list) else ()
        try:
            Statistic.model_validate({**item, "origin": doc.origin(base)})
        except ValidationError as exc:
            found = [Problem(o, m) for o, m in format_validation_error(exc, doc, base)]
            raise ContentError(found) from None
