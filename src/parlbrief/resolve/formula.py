"""Formulas a press officer can write: `po-required-jun-2022 - po-in-post-jun-2022`.

Names are used as written, hyphens and all. A hyphen joining letters or digits is part
of a name; subtraction is a minus with a space on each side (`a - b`), as in ordinary
writing. Allowed: numbers, names, `+ - * /`, brackets and the functions in FUNCTIONS.

A small tokenizer turns each name into a safe placeholder, then `simpleeval` (never
Python's `eval`) evaluates the expression with only those operators and functions,
in Decimal arithmetic so that 4,542 stays 4,542 and not 4541.999...
"""

from __future__ import annotations

import ast
import decimal
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from simpleeval import SimpleEval

__all__ = ["FUNCTIONS", "Formula", "FormulaError", "evaluate", "parse_formula"]


class FormulaError(ValueError):
    """A formula that cannot be read or evaluated; the message says what to change."""


def _round(value: Decimal, places: Decimal = Decimal(0)) -> Decimal:
    """Round half up, as people do by hand (Python rounds half to even)."""
    quantum = Decimal(1).scaleb(-int(places))
    return value.quantize(quantum, rounding=decimal.ROUND_HALF_UP)


def pct_change(old: Decimal, new: Decimal) -> Decimal:
    """The percentage change from `old` to `new`: pct_change(80, 100) is 25."""
    return (new - old) / old * 100


FUNCTIONS: dict[str, Callable[..., Decimal]] = {
    "round": _round,
    "pct_change": pct_change,
    "abs": abs,
    "min": min,
    "max": max,
}

_OPERATORS: dict[type[ast.AST], Callable[..., Decimal]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}

# One token of a formula, tried in order: spaces, a decimal number, a word (a name, a
# function or a whole number), an operator or bracket. Anything else is an error.
_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<decimal>\d+\.\d+)"
    r"|(?P<word>[a-z0-9_]+(?:-[a-z0-9_]+)*)"
    r"|(?P<op>[-+*/(),])"
)


@dataclass(frozen=True)
class Formula:
    """A parsed formula: the names it reads and a safe expression over placeholders."""

    text: str
    names: tuple[str, ...]
    """Every name used, in order of first appearance (statistic ids or column names)."""
    expression: str
    """The formula with names as `_n0`, `_n1`... and numbers as `_k0`..., for simpleeval."""
    constants: tuple[Decimal, ...]


def parse_formula(text: str) -> Formula:
    """Split `text` into names, numbers and operators, or raise FormulaError."""
    names: list[str] = []
    constants: list[Decimal] = []
    out: list[str] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise FormulaError(
                f"'{text[pos]}' cannot be used in a formula - use names, numbers, "
                "+ - * / and brackets"
            )
        pos = match.end()
        kind, token = match.lastgroup, match.group()
        if kind == "space":
            out.append(" ")
        elif kind == "op":
            out.append(token)
        elif kind == "decimal" or token.isdigit():
            constants.append(Decimal(token))
            out.append(f"_k{len(constants) - 1}")
        elif token in FUNCTIONS and text[pos:].lstrip().startswith("("):
            out.append(token)
        else:
            out.append(_name(token, names))
    expression = "".join(out).strip()
    if not expression:
        raise FormulaError("the formula is empty - write one such as 'a - b'")
    _check_syntax(text, expression)
    return Formula(text, tuple(names), expression, tuple(constants))


def _name(token: str, names: list[str]) -> str:
    if token not in names:
        names.append(token)
    return f"_n{names.index(token)}"


def _check_syntax(text: str, expression: str) -> None:
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        raise FormulaError(
            f"'{text}' is not a complete formula - check the brackets and that each "
            "operator has something on both sides (subtraction needs a space each side: "
            "'a - b')"
        ) from None
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp | ast.UnaryOp) and type(node.op) not in _OPERATORS:
            raise FormulaError(f"'{text}' uses an operator formulas do not allow - use + - * /")
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS
        ):
            known = ", ".join(FUNCTIONS)
            raise FormulaError(f"'{text}' calls something that is not a function ({known})")
        if isinstance(node, ast.Call) and node.keywords:
            raise FormulaError(f"'{text}': give a function its values in order, without names")
        if not isinstance(node, _ALLOWED_NODES):
            raise FormulaError(f"'{text}' is not a formula parlbrief can work out")


_ALLOWED_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Call,
    ast.Name,
    ast.Load,
    *_OPERATORS,
)


_READABLE_OPS = {"-": "−", "*": "×", "/": "÷"}


def describe(formula: Formula, labels: Mapping[str, str]) -> str:
    """The formula for readers: names replaced by labels, and − × ÷ for - * /."""
    parts: list[str] = []
    pos = 0
    text = formula.text
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:  # cannot happen for a parsed formula; keep the rest as typed
            parts.append(text[pos:])
            break
        pos, token = match.end(), match.group()
        if match.lastgroup == "word" and token in labels:
            parts.append(labels[token])
        elif match.lastgroup == "op":
            parts.append(_READABLE_OPS.get(token, token))
        else:
            parts.append(token)
    return " ".join("".join(parts).split())


def evaluate(formula: Formula, values: Mapping[str, Decimal]) -> Decimal:
    """The formula's value given a value for each of its names."""
    missing = [n for n in formula.names if n not in values]
    if missing:
        raise FormulaError(f"'{formula.text}' needs a value for {', '.join(missing)}")
    names: dict[str, Decimal] = {f"_n{i}": values[n] for i, n in enumerate(formula.names)}
    names.update({f"_k{i}": k for i, k in enumerate(formula.constants)})
    evaluator = SimpleEval(operators=_OPERATORS, functions=FUNCTIONS, names=names)
    try:
        result = evaluator.eval(formula.expression)
    except (ZeroDivisionError, decimal.DivisionByZero, decimal.InvalidOperation):
        raise FormulaError(f"'{formula.text}' divides by zero") from None
    except TypeError as exc:
        raise FormulaError(f"'{formula.text}' calls a function wrongly ({exc})") from None
    except Exception as exc:  # simpleeval's own errors: an operator or name we do not allow
        raise FormulaError(f"'{formula.text}' cannot be worked out: {exc}") from None
    if not isinstance(result, Decimal):
        raise FormulaError(f"'{formula.text}' does not give a number")
    return result
