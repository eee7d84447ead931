"""Formulas: how a press officer writes a derived figure, and what goes wrong with it."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parlbrief.check import check
from parlbrief.project import Project
from parlbrief.resolve.formula import FormulaError, evaluate, parse_formula
from tests.conftest import MakeProject

# --- the syntax ----------------------------------------------------------------------------


def value_of(text: str, **values: int) -> Decimal:
    names = {k.replace("_", "-"): Decimal(v) for k, v in values.items()}
    return evaluate(parse_formula(text), names)


def test_hyphenated_ids_are_names_and_spaced_minus_subtracts() -> None:
    formula = parse_formula("po-required-jun-2022 - po-in-post-jun-2022")
    assert formula.names == ("po-required-jun-2022", "po-in-post-jun-2022")
    assert value_of(formula.text, po_required_jun_2022=6239, po_in_post_jun_2022=4542) == 1697


def test_percentage_change_and_rounding_half_up() -> None:
    assert value_of("round(pct_change(old, new), 1)", old=3537, new=4542) == Decimal("28.4")
    assert value_of("round(a / 2)", a=5) == 3  # half up, as people round by hand


def test_arithmetic_stays_decimal() -> None:
    assert value_of("a * 0.1 + 0.2", a=1) == Decimal("0.3")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a ** b", "operator"),
        ("a < b", "'<' cannot be used"),
        ("(a", "not a complete formula"),
        ("a +", "not a complete formula"),
        ("open(a)", "not a function"),
        ("__import__(a)", "not a function"),
        ("a.b", "'.' cannot be used"),
        ("A - b", "'A' cannot be used"),
        ("", "empty"),
    ],
)
def test_anything_but_plain_arithmetic_is_refused(text: str, says: str) -> None:
    with pytest.raises(FormulaError, match=says):
        parse_formula(text)


def test_division_by_zero_is_an_error_not_a_crash() -> None:
    with pytest.raises(FormulaError, match="divides by zero"):
        value_of("a / (b - b)", a=1, b=2)


ids = st.from_regex(r"[a-z][a-z0-9]{0,4}(-[a-z0-9]{1,4}){0,3}", fullmatch=True)


@given(st.lists(ids, min_size=2, max_size=4, unique=True), st.data())
def test_any_sum_and_difference_of_ids_is_read_as_written(
    names: list[str], data: st.DataObject
) -> None:
    values = {n: Decimal(data.draw(st.integers(-(10**6), 10**6))) for n in names}
    signs = [data.draw(st.sampled_from(["+", "-"])) for _ in names[1:]]
    text = names[0] + "".join(f" {s} {n}" for s, n in zip(signs, names[1:], strict=True))
    expected = values[names[0]]
    for sign, name in zip(signs, names[1:], strict=True):
        expected = expected + values[name] if sign == "+" else expected - values[name]
    formula = parse_formula(text)
    assert set(formula.names) == set(names)
    assert evaluate(formula, values) == expected


@given(st.text(max_size=30))
def test_no_text_crashes_the_parser(text: str) -> None:
    with contextlib.suppress(FormulaError):
        parse_formula(text)


# --- formulas in a project -----------------------------------------------------------------

STATS = "sources/statistics/workforce.yaml"


def add_statistics(make_project: MakeProject, extra: str) -> tuple[Project, int]:
    """The figures project with `extra` appended to its statistics; the line it starts at."""
    base = (make_project(base="figures").root / STATS).read_text(encoding="utf-8")
    first = base.count("\n") + 2  # `extra` starts with a blank line
    return make_project({STATS: base + extra}, base="figures"), first


def test_a_derived_figure_is_worked_out_and_dated_by_its_latest_input(
    make_project: MakeProject,
) -> None:
    checked = check(make_project(base="figures"))
    figure = checked.resolved["staffing"].figures["shortfall-jun-2022"]
    assert figure.value == 1697
    assert str(figure.as_of) == "2022-06-30"


def test_an_unknown_id_is_reported_at_the_statistic_with_a_hint(make_project: MakeProject) -> None:
    project, line = add_statistics(
        make_project,
        "\n- id: gap\n  label: Gap\n  kind: count\n  formula: required-jun-2022-in-post-jun-2022\n",
    )
    errors = [str(p) for p in check(project).problems.errors]
    assert any(
        e.startswith(f"{STATS}:{line}: formula: there is no statistic 'required-jun-2022-in-post")
        and "'required-jun-2022 - in-post-jun-2022'" in e
        for e in errors
    ), errors


def test_a_circle_of_derivations_is_named(make_project: MakeProject) -> None:
    project, line = add_statistics(
        make_project,
        "\n- id: loop-a\n  label: A\n  kind: count\n  formula: loop-b + 1\n"
        "\n- id: loop-b\n  label: B\n  kind: count\n  formula: loop-a * 2\n",
    )
    errors = [str(p) for p in check(project).problems.errors]
    assert errors == [
        f"{STATS}:{line + 5}: formula: the figures are derived from each other in a circle "
        "(loop-a -> loop-b -> loop-a) - derive one of them from a written value"
    ]


def test_division_by_zero_is_reported_at_the_statistic(make_project: MakeProject) -> None:
    project, line = add_statistics(
        make_project,
        "\n- id: ratio\n  label: Ratio\n  kind: count\n"
        "  formula: in-post-jun-2022 / (required-jun-2022 - required-jun-2022)\n",
    )
    errors = [str(p) for p in check(project).problems.errors]
    assert len(errors) == 1
    assert errors[0].startswith(f"{STATS}:{line}: formula: ") and "divides by zero" in errors[0]
