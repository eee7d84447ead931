"""Formulas: how a press officer writes a derived figure, and what goes wrong with it."""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parlbrief.check import check
from parlbrief.load import load_project
from parlbrief.project import Project
from parlbrief.resolve.formula import (
    FUNCTIONS,
    MAX_NESTING,
    MAX_TERMS,
    FormulaError,
    Function,
    _check_syntax,
    describe,
    evaluate,
    parse_formula,
)
from parlbrief.resolve.values import MAX_CHAIN, Values
from tests.conftest import MakeProject

# --- the syntax ----------------------------------------------------------------------------


def value_of(text: str, **values: int | str) -> Decimal:
    names = {k.replace("_", "-"): Decimal(v) for k, v in values.items()}
    return evaluate(parse_formula(text), names)


def error_of(text: str, **values: int | str) -> str:
    """The message of the FormulaError that reading or working out `text` raises."""
    with pytest.raises(FormulaError) as caught:
        value_of(text, **values)
    return str(caught.value)


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
        ("a ** b", "'a \\*\\* b' uses an operator formulas do not allow - use"),
        ("a // b", "'a // b' uses an operator formulas do not allow"),
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


# Each function, with values that tell it apart from the others and from a wrong version
# of itself (half up, not half even; min, not max). Adding a function without a case here
# fails test_every_function_is_tested.
FUNCTION_CASES: list[tuple[str, dict[str, int | str], str]] = [
    ("round(a)", {"a": "2.5"}, "3"),
    ("round(a)", {"a": "0.5"}, "1"),
    ("round(a)", {"a": "-2.5"}, "-3"),
    ("round(a)", {"a": "2.49"}, "2"),
    ("round(a, 1)", {"a": "1.25"}, "1.3"),
    ("round(a, 2)", {"a": "1.005"}, "1.01"),
    ("round(a, 0)", {"a": "7.5"}, "8"),
    ("round(a, -2)", {"a": "1651"}, "1700"),
    ("round(a, 10)", {"a": "0.12345678905"}, "0.1234567891"),
    ("round(a, -10)", {"a": "16000000000"}, "20000000000"),
    ("pct_change(a, b)", {"a": 80, "b": 100}, "25"),
    ("pct_change(a, b)", {"a": 100, "b": 80}, "-20"),
    ("pct_change(a, b)", {"a": -50, "b": 50}, "-200"),
    ("abs(a)", {"a": -5}, "5"),
    ("abs(a)", {"a": 5}, "5"),
    ("abs(a - b)", {"a": 3, "b": 10}, "7"),
    ("min(a, b)", {"a": 3, "b": 7}, "3"),
    ("min(b, a)", {"a": 3, "b": 7}, "3"),
    ("min(a, b, c)", {"a": 5, "b": -2, "c": 4}, "-2"),
    ("max(a, b)", {"a": 3, "b": 7}, "7"),
    ("max(b, a)", {"a": 3, "b": 7}, "7"),
    ("max(a, b, c)", {"a": 5, "b": 9, "c": 4}, "9"),
]


@pytest.mark.parametrize(("text", "values", "expected"), FUNCTION_CASES)
def test_each_function_works_out_its_value(
    text: str, values: dict[str, int | str], expected: str
) -> None:
    assert value_of(text, **values) == Decimal(expected)


def test_every_function_is_tested() -> None:
    tested = {text.split("(")[0] for text, _, _ in FUNCTION_CASES}
    assert tested == set(FUNCTIONS)


OPERATOR_CASES: list[tuple[str, str]] = [
    ("a + b", "12"),
    ("a - b", "8"),
    ("b - a", "-8"),
    ("a * b", "20"),
    ("a / b", "5"),
    ("b / a", "0.2"),
    ("-a + b", "-8"),  # a minus that did nothing would give 12
    ("-a", "-10"),
    ("- -a", "10"),
    ("+a", "10"),
    ("+a - b", "8"),
    ("a * -b", "-20"),
    ("-(a + b)", "-12"),
    ("a - -b", "12"),
    ("a - b - b", "6"),  # left to right, not a - (b - b)
    ("a / b / b", "2.5"),
    ("a + b * b", "14"),  # * before +
    ("(a + b) * b", "24"),
    ("a - b * b", "6"),
    ("a * 0.5", "5.0"),
    ("2022 - a", "2012"),
]


@pytest.mark.parametrize(("text", "expected"), OPERATOR_CASES)
def test_each_operator_works_out_its_value(text: str, expected: str) -> None:
    assert value_of(text, a=10, b=2) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("max - a", "7"),  # the statistic called max, not the function
        ("round + abs", "11"),
        ("min * 2", "2"),
        ("pct_change / 2", "1"),
        ("max(max, a)", "10"),
        ("max(min, round)", "4"),
        ("max (min, a)", "3"),  # a function's name followed by a bracket, spaced, is a call
        ("abs(-max)", "10"),
    ],
)
def test_a_statistic_named_like_a_function_is_a_name_unless_a_bracket_follows(
    text: str, expected: str
) -> None:
    values = {"max": 10, "a": 3, "round": 4, "abs": 7, "min": 1, "pct_change": 2}
    names = {name: Decimal(v) for name, v in values.items()}
    assert evaluate(parse_formula(text), names) == Decimal(expected)


def test_a_function_name_is_read_as_a_name_only_where_no_bracket_follows() -> None:
    assert parse_formula("max(max, a)").names == ("max", "a")
    assert parse_formula("max - a").names == ("max", "a")
    assert parse_formula("abs(a)").names == ("a",)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("round()", "round takes 1 or 2 values, not 0 - write round(x) or round(x, places)"),
        ("round(a, b, c)", "round takes 1 or 2 values, not 3"),
        ("pct_change(a)", "pct_change takes 2 values, not 1 - write pct_change(old, new)"),
        ("pct_change(a, b, c)", "pct_change takes 2 values, not 3"),
        ("abs()", "abs takes 1 value, not 0 - write abs(x)"),
        ("abs(a, b)", "abs takes 1 value, not 2"),
        ("min(a)", "min takes 2 or more values, not 1 - write min(a, b)"),
        ("min()", "min takes 2 or more values, not 0"),
        ("max(a)", "max takes 2 or more values, not 1 - write max(a, b)"),
    ],
)
def test_a_function_given_the_wrong_number_of_values_says_how_many_it_takes(
    text: str, says: str
) -> None:
    with pytest.raises(FormulaError) as caught:
        parse_formula(text)
    assert str(caught.value) == f"'{text}': {says}" or says in str(caught.value)
    assert str(caught.value).startswith(f"'{text}': ")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("0 / 0", {}),
        ("1 / 0", {}),
        ("a / b", {"a": 0, "b": 0}),
        ("a / b", {"a": 5, "b": 0}),
        ("a / (b - b)", {"a": 1, "b": 2}),
        ("round(a / b)", {"a": 1, "b": "0.0"}),
    ],
)
def test_dividing_by_zero_says_so_plainly(text: str, values: dict[str, int | str]) -> None:
    assert error_of(text, **values) == (
        f"'{text}' divides by zero, so it has no value - check the figures it divides by"
    )


def test_a_percentage_change_from_zero_says_so_plainly() -> None:
    assert error_of("pct_change(a, b)", a=0, b=5) == (
        "'pct_change(a, b)' has no value: a percentage change from 0 cannot be worked out "
        "(the first value in pct_change is 0)"
    )


@pytest.mark.parametrize(
    ("text", "places"), [("round(a, 1.5)", "1.5"), ("round(a, 11)", "11"), ("round(a, -11)", "-11")]
)
def test_rounding_to_other_than_a_whole_number_of_places_is_refused(text: str, places: str) -> None:
    assert error_of(text, a=1) == (
        f"'{text}' rounds to {places} decimal places - the places in round(x, places) must "
        "be a whole number from -10 to 10"
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("open(a)", "'open' is not a function a formula can use (round, pct_change, abs, min,"),
        ("a (b + c)", "if it is a figure, put an operator before the bracket, such as 'a * ('"),
        ("2(a)", "'2' is not a function"),
        ("(a)(b)", "')(' needs an operator between the brackets, such as ') * ('"),
        ("()" * 100_000, "')(' needs an operator between the brackets"),
        ("-a(b)", "'a' is not a function"),
        ("a, b", "not a formula parlbrief can work out"),
        ("max(a, b)(c)", "')(' needs an operator"),
    ],
)
def test_a_bracket_straight_after_a_value_is_refused(text: str, says: str) -> None:
    with pytest.raises(FormulaError, match=re.escape(says)):
        parse_formula(text)


def total(n: int) -> str:
    return " + ".join(f"a{i}" for i in range(n))


FUNCTION_LIST = "round, pct_change, abs, min, max"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the formula is empty - write one such as 'a - b'"),
        (" \n ", "the formula is empty - write one such as 'a - b'"),
        ("a < b", "'<' cannot be used in a formula - use names, numbers, + - * / and brackets"),
        (
            "(a",
            "'(a' is not a complete formula - check the brackets and that each operator has "
            "something on both sides (subtraction needs a space each side: 'a - b')",
        ),
        ("a ** b", "'a ** b' uses an operator formulas do not allow - use + - * /"),
        ("(a)(b)", "')(' needs an operator between the brackets, such as ') * ('"),
        (
            "open(a)",
            f"'open' is not a function a formula can use ({FUNCTION_LIST}) - if it is a "
            "figure, put an operator before the bracket, such as 'open * ('",
        ),
        (
            "a + 2 (b)",
            f"'2' is not a function a formula can use ({FUNCTION_LIST}) - if it is a "
            "figure, put an operator before the bracket, such as '2 * ('",
        ),
        (
            total(MAX_TERMS + 1),
            f"a formula may have at most {MAX_TERMS} names and numbers - split it into "
            "smaller statistics and add those up",
        ),
        (
            "-" * (MAX_NESTING + 1) + "a",
            f"brackets, functions and signs are nested more than {MAX_NESTING} deep - "
            "write the formula more simply",
        ),
    ],
)
def test_each_message_says_what_to_change(text: str, message: str) -> None:
    with pytest.raises(FormulaError) as caught:
        parse_formula(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "expression"),
    [("open(a)", "open(_n0)"), ("a(b)", "_n0(_n1)"), ("a.b(c)", "_n0.b(_n1)")],
)
def test_the_syntax_check_refuses_a_call_the_tokenizer_let_through(
    text: str, expression: str
) -> None:
    # The tokenizer refuses a bracket after anything but a function; this is the net under it.
    with pytest.raises(FormulaError, match=r"calls something that is not a function$"):
        _check_syntax(text, expression)


def test_an_unexpected_failure_while_working_out_is_still_a_formula_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(value: Decimal) -> Decimal:
        raise LookupError("broken")

    monkeypatch.setitem(FUNCTIONS, "abs", Function(broken, 1, 1, "abs(x)"))
    assert error_of("abs(a)", a=1) == "'abs(a)' cannot be worked out (broken)"


@pytest.mark.parametrize(
    ("size", "quoted"),
    [(60, "'{text}'"), (61, "'{start}...'"), (200, "'{start}...'")],
)
def test_a_formula_longer_than_60_characters_is_cut_short_in_messages(
    size: int, quoted: str
) -> None:
    name = "x" * (size - len(" / (b - b)"))
    text = f"{name} / (b - b)"
    expected = quoted.format(text=text, start=text[:57])
    with pytest.raises(FormulaError) as caught:
        evaluate(parse_formula(text), {name: Decimal(1), "b": Decimal(2)})
    assert str(caught.value) == (
        f"{expected} divides by zero, so it has no value - check the figures it divides by"
    )


# --- limits: a runaway formula is an error that names the limit, never a crash ------------------


TOO_MANY_TERMS = f"a formula may have at most {MAX_TERMS} names and numbers"
TOO_DEEP = f"brackets, functions and signs are nested more than {MAX_NESTING} deep"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (total(5_000), TOO_MANY_TERMS),
        (total(MAX_TERMS + 1), TOO_MANY_TERMS),
        (" + ".join(["1"] * (MAX_TERMS + 1)), TOO_MANY_TERMS),  # numbers count too
        ("max(" + total(MAX_TERMS + 1).replace(" +", ",") + ")", TOO_MANY_TERMS),
        ("- " * 100_000 + "a", TOO_DEEP),
        ("-" * 100_000 + "a", TOO_DEEP),
        ("+" * 100_000 + "a", TOO_DEEP),
        ("-" * (MAX_NESTING + 1) + "a", TOO_DEEP),
        ("(" * 100_000 + "a" + ")" * 100_000, TOO_DEEP),
        ("(" * (MAX_NESTING + 1) + "a" + ")" * (MAX_NESTING + 1), TOO_DEEP),
        ("abs(" * (MAX_NESTING + 1) + "a" + ")" * (MAX_NESTING + 1), TOO_DEEP),
        ("-(" * 26 + "a" + ")" * 26, TOO_DEEP),  # each sign and bracket is a level
        ("-" * 25 + "(" + "-" * 25 + "a)", TOO_DEEP),  # the signs outside the bracket count
        ("(a) - " * 10 + "(" * 48 + "-" * 3 + "a" + ")" * 48, TOO_DEEP),
    ],
)
def test_a_runaway_formula_names_the_limit(text: str, says: str) -> None:
    with pytest.raises(FormulaError) as caught:
        parse_formula(text)
    assert str(caught.value).startswith(says)
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize(
    "text",
    [
        total(MAX_TERMS),
        "-" * MAX_NESTING + "a0",
        "(" * MAX_NESTING + "a0" + ")" * MAX_NESTING,
        "abs(" * MAX_NESTING + "a0" + ")" * MAX_NESTING,
        "-(" * 25 + "a0" + ")" * 25,
        "-" * 24 + "(" + "-" * 25 + "a0)",
        "(a0) - " * 10 + "(" * 47 + "-" * 3 + "a0" + ")" * 47,
        "(" * MAX_NESTING
        + "a0"
        + ")" * MAX_NESTING
        + " + "
        + "(" * MAX_NESTING
        + "a1)"
        + ")" * (MAX_NESTING - 1),  # levels end with their bracket
    ],
)
def test_a_formula_within_the_limits_is_worked_out(text: str) -> None:
    formula = parse_formula(text)
    values = {n: Decimal(1) for n in formula.names}
    assert abs(evaluate(formula, values)) > 0


def test_a_long_formula_is_cut_short_in_messages() -> None:
    text = total(30) + " / (a0 - a0)"
    message = error_of(text, **{f"a{i}": 1 for i in range(30)})
    assert message.startswith(f"'{text[:57]}...' divides by zero")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("a", {"a": "1e15"}),
        ("a", {"a": "-1e15"}),
        ("a * b", {"a": "1e8", "b": "1e8"}),
        ("a - b", {"a": "-999999999999999", "b": 1}),
        ("a * a", {"a": "9e999999"}),  # beyond what Decimal can hold
        ("round(a, 10)", {"a": "1e30"}),
        ("round(a, 10) / 10", {"a": "1e15"}),  # too large to round, though not once divided
    ],
)
def test_a_result_too_large_for_a_figure_names_the_limit(
    text: str, values: dict[str, int | str]
) -> None:
    assert error_of(text, **values) == (
        f"'{text}' comes to a number too large for a figure: a figure must be less than "
        "1,000,000,000,000,000 (10 to the power 15) either way - check the figures it uses"
    )


@pytest.mark.parametrize("value", ["999999999999999", "-999999999999999", "0"])
def test_a_result_just_within_the_limit_is_a_figure(value: str) -> None:
    assert value_of("a", a=value) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a + 0", "NaN"),
        ("a + 0", "Infinity"),
        ("-a", "-Infinity"),
        ("a + 0", "sNaN"),
        ("a - a", "Infinity"),
    ],
)
def test_a_result_that_is_not_a_number_is_refused(text: str, value: str) -> None:
    assert error_of(text, a=value) == (
        f"'{text}' does not come to a number - check the figures it uses"
    )


def test_a_missing_value_is_named() -> None:
    with pytest.raises(FormulaError, match=r"^'a - b - c' needs a value for b, c$"):
        evaluate(parse_formula("a - b - c"), {"a": Decimal(1)})


# --- the formula in words, for footnotes --------------------------------------------------------

LABELS = {"a": "Staff in post", "b": "Staff required", "max": "Highest caseload"}

DESCRIBE_CASES: list[tuple[str, str]] = [
    ("a + b", "Staff in post + Staff required"),
    ("a - b", "Staff in post − Staff required"),
    ("a * b", "Staff in post × Staff required"),
    ("a / b", "Staff in post ÷ Staff required"),
    ("-a + b", "−Staff in post + Staff required"),
    ("+a", "+Staff in post"),
    ("(a + b) * 2", "(Staff in post + Staff required) × 2"),
    ("a * 0.5", "Staff in post × 0.5"),
    ("round(a)", "round(Staff in post)"),
    ("round(a / b * 100, 1)", "round(Staff in post ÷ Staff required × 100, 1)"),
    ("pct_change(a, b)", "pct_change(Staff in post, Staff required)"),
    ("abs(a - b)", "abs(Staff in post − Staff required)"),
    ("min(a, b)", "min(Staff in post, Staff required)"),
    ("max(a, b)", "max(Staff in post, Staff required)"),
    ("max - a", "Highest caseload − Staff in post"),  # the statistic, labelled
    ("max(max, a)", "max(Highest caseload, Staff in post)"),  # the function, as written
    ("a - unlabelled", "Staff in post − unlabelled"),  # no label: the id as written
    ("a-b - b", "a-b − Staff required"),  # one id with a hyphen in it
    ("a  +\n  b", "Staff in post + Staff required"),  # spacing tidied
]


@pytest.mark.parametrize(("text", "expected"), DESCRIBE_CASES)
def test_describe_puts_a_formula_in_words(text: str, expected: str) -> None:
    assert describe(parse_formula(text), LABELS) == expected


def test_describe_is_tested_on_every_operator_and_function() -> None:
    described = " ".join(text for text, _ in DESCRIBE_CASES)
    assert all(f"{name}(" in described for name in FUNCTIONS)
    assert all(op in described for op in ["+", " - ", "*", "/", "-a", "+a", "(", ","])


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


@given(
    st.text(alphabet="ab-+*/(), 0123456789.", max_size=40),
    st.sampled_from(["0", "1", "-3", "0.5", "99999999999999", "1e14"]),
    st.sampled_from(["0", "2", "-0.001", "7e13"]),
)
def test_no_formula_or_values_crash_the_evaluator(text: str, a: str, b: str) -> None:
    with contextlib.suppress(FormulaError):
        formula = parse_formula(text)
        values = {n: Decimal(a if i % 2 == 0 else b) for i, n in enumerate(formula.names)}
        assert abs(evaluate(formula, values)) < Decimal("1e15")


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


def chain(n: int, *, top_first: bool = True) -> str:
    """`n` derived statistics, each one more than the next; the last adds 1 to a count.

    With `top_first` the ids sort from the top of the chain down, so that working them
    out in order recurses all the way down; otherwise from the bottom up."""
    ids = [f"link-{i:04d}" if top_first else f"link-{n - i:04d}" for i in range(n)]
    below = [*ids[1:], "in-post-jun-2022"]
    return "".join(
        f"\n- id: {sid}\n  label: Link\n  kind: count\n  formula: {nxt} + 1\n"
        for sid, nxt in zip(ids, below, strict=True)
    )


@pytest.mark.parametrize("top_first", [True, False])
def test_a_chain_too_deep_is_reported_once_where_it_passes_the_limit(
    make_project: MakeProject, top_first: bool
) -> None:
    n = 300
    project, line = add_statistics(make_project, chain(n, top_first=top_first))
    errors = [str(p) for p in check(project).problems.errors]
    # Link n - MAX_CHAIN - 1 (counting from 0 at the top) is MAX_CHAIN + 1 deep.
    at = n - MAX_CHAIN - 1
    assert len(errors) == 1, errors
    assert errors[0].startswith(
        f"{STATS}:{line + 5 * at}: formula: derived from a chain more than {MAX_CHAIN} "
        "statistics deep ("
    )


def test_a_chain_as_deep_as_the_limit_is_worked_out(make_project: MakeProject) -> None:
    project, _ = add_statistics(make_project, chain(MAX_CHAIN))
    corpus, problems = load_project(project)
    values = Values(corpus, problems)
    top, in_post = values.get("link-0000"), values.get("in-post-jun-2022")
    assert top is not None and in_post is not None
    assert top.value == in_post.value + MAX_CHAIN
    assert not problems.errors
