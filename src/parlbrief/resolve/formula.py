"""Formulas a press officer can write: `po-required-jun-2022 - po-in-post-jun-2022`.

Names are used as written, hyphens and all. A hyphen joining letters or digits is part
of a name; subtraction is a minus with a space on each side (`a - b`), as in ordinary
writing. Allowed: numbers, names, `+ - * /`, brackets and the functions in FUNCTIONS.
A function's name followed by `(` calls it; anywhere else it is a name, so a statistic
may be called `max` and `max - a` subtracts from it.

A small tokenizer turns each name into a safe placeholder, then `simpleeval` (never
Python's `eval`) evaluates the expression with only those operators and functions,
in Decimal arithmetic so that 4,542 stays 4,542 and not 4541.999...

Every mistake is a FormulaError whose message says what to change: the tokenizer stops
a runaway formula (too many terms, brackets or signs nested too deep) before Python's
parser sees it, so no formula can exhaust the stack or memory.
"""

from __future__ import annotations

import ast
import decimal
import operator
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from simpleeval import SimpleEval

__all__ = [
    "FUNCTIONS",
    "MAX_MAGNITUDE",
    "MAX_NESTING",
    "MAX_TERMS",
    "Formula",
    "FormulaError",
    "Function",
    "describe",
    "evaluate",
    "parse_formula",
]

MAX_TERMS = 200
"""Names and numbers in one formula: far more than a briefing needs, few enough to be safe."""
MAX_NESTING = 50
"""How deep brackets, function calls and signs may sit inside one another."""
MAX_MAGNITUDE = Decimal("1e15")
"""A result this large either way (a thousand trillion) is a mistake, not a figure."""
MAX_PLACES = 10
"""round(x, places) rounds to at most this many places either side of the point."""


class FormulaError(ValueError):
    """A formula that cannot be read or evaluated; the message says what to change."""


class _NoValue(ArithmeticError):
    """Raised while evaluating; `evaluate` puts the formula in front of the message."""


class _TooLarge(ArithmeticError):
    """Raised while evaluating a number too large to be a figure."""


def _round(value: Decimal, places: Decimal = Decimal(0)) -> Decimal:
    """Round half up, as people do by hand (Python rounds half to even)."""
    if places != places.to_integral_value() or abs(places) > MAX_PLACES:
        raise _NoValue(
            f"rounds to {places} decimal places - the places in round(x, places) must be "
            f"a whole number from -{MAX_PLACES} to {MAX_PLACES}"
        )
    if abs(value) >= MAX_MAGNITUDE:  # too large to be a figure, and to round to 10 places
        raise _TooLarge
    return value.quantize(Decimal(1).scaleb(-int(places)), rounding=decimal.ROUND_HALF_UP)


def pct_change(old: Decimal, new: Decimal) -> Decimal:
    """The percentage change from `old` to `new`: pct_change(80, 100) is 25."""
    if old == 0:
        raise _NoValue(
            "has no value: a percentage change from 0 cannot be worked out "
            "(the first value in pct_change is 0)"
        )
    return (new - old) / old * 100


def _divide(top: Decimal, bottom: Decimal) -> Decimal:
    if bottom == 0:  # 0 / 0 included: Decimal calls that 'invalid', people call it this
        raise _NoValue("divides by zero, so it has no value - check the figures it divides by")
    return top / bottom


@dataclass(frozen=True)
class Function:
    """A function formulas may call, and how many values it takes."""

    run: Callable[..., Decimal]
    fewest: int
    most: int | None
    """None: any number of values."""
    usage: str
    """How to write it, for messages: 'round(x) or round(x, places)'."""

    def arity(self) -> str:
        """'1 value', '1 or 2 values', '2 or more values'."""
        if self.most is None:
            return f"{self.fewest} or more values"
        if self.most == self.fewest:
            return f"{self.fewest} value" + ("" if self.fewest == 1 else "s")
        return f"{self.fewest} or {self.most} values"


FUNCTIONS: dict[str, Function] = {
    "round": Function(_round, 1, 2, "round(x) or round(x, places)"),
    "pct_change": Function(pct_change, 2, 2, "pct_change(old, new)"),
    "abs": Function(abs, 1, 1, "abs(x)"),
    "min": Function(min, 2, None, "min(a, b)"),
    "max": Function(max, 2, None, "max(a, b)"),
}

_OPERATORS: dict[type[ast.AST], Callable[..., Decimal]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: _divide,
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
_CALL = re.compile(r"\s*\(")


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    """Each token of `text` as (kind, token); kind is space, number, function, name or op."""
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise FormulaError(
                f"'{text[pos]}' cannot be used in a formula - use names, numbers, "
                "+ - * / and brackets"
            )
        pos, token, kind = match.end(), match.group(), str(match.lastgroup)
        if kind == "decimal" or token.isdigit():
            kind = "number"
        elif kind == "word":
            kind = "function" if token in FUNCTIONS and _CALL.match(text, pos) else "name"
        yield kind, token


class _Limits:
    """Counts terms and nesting as the tokens go by, so that a runaway formula stops
    early: Python's own parser would run out of stack or memory on it."""

    def __init__(self) -> None:
        self.terms = 0
        self.level = 0  # nesting of the current bracket
        self.outer: list[int] = []  # nesting of each bracket around it
        self.signs = 0  # + or - signs in a row in front of a value (-a, - -a)
        self.value: str | None = None  # the token before, if it ends a value (a, 2, ')')

    def see(self, kind: str, token: str) -> None:
        if kind == "space":
            return
        if kind in ("number", "name"):
            self.terms += 1
            if self.terms > MAX_TERMS:
                raise FormulaError(
                    f"a formula may have at most {MAX_TERMS} names and numbers - split it "
                    "into smaller statistics and add those up"
                )
        if token == "(":
            if self.value is not None:
                raise FormulaError(_not_a_function(self.value))
            self.outer.append(self.level)
            self.level += self.signs + 1
        elif token == ")" and self.outer:
            self.level = self.outer.pop()
        unary = token in ("+", "-") and self.value is None
        self.signs = self.signs + 1 if unary else 0
        if self.level + self.signs > MAX_NESTING:
            raise FormulaError(
                f"brackets, functions and signs are nested more than {MAX_NESTING} deep - "
                "write the formula more simply"
            )
        self.value = token if kind in ("number", "name") or token == ")" else None


def _not_a_function(token: str) -> str:
    if token == ")":
        return "')(' needs an operator between the brackets, such as ') * ('"
    return (
        f"'{token}' is not a function a formula can use ({', '.join(FUNCTIONS)}) - if it "
        f"is a figure, put an operator before the bracket, such as '{token} * ('"
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
    limits = _Limits()
    for kind, token in _tokens(text):
        limits.see(kind, token)
        if kind == "number":
            constants.append(Decimal(token))
            out.append(f"_k{len(constants) - 1}")
        elif kind == "name":
            out.append(_name(token, names))
        else:  # a space (any kind becomes one, so that a line break cannot end it) or an op
            out.append(" " if kind == "space" else token)
    expression = "".join(out).strip()
    if not expression:
        raise FormulaError("the formula is empty - write one such as 'a - b'")
    _check_syntax(text, expression)
    return Formula(text, tuple(names), expression, tuple(constants))


def _name(token: str, names: list[str]) -> str:
    if token not in names:
        names.append(token)
    return f"_n{names.index(token)}"


def _quote(text: str) -> str:
    """The formula in quotes for a message, cut short if it is long."""
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= 60 else f"'{text[:57]}...'"


def _check_syntax(text: str, expression: str) -> None:
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        raise FormulaError(
            f"{_quote(text)} is not a complete formula - check the brackets and that each "
            "operator has something on both sides (subtraction needs a space each side: "
            "'a - b')"
        ) from None
    for node in ast.walk(tree):  # a node before its parts, so ** is named, not Pow
        if isinstance(node, ast.BinOp) and type(node.op) not in _OPERATORS:
            raise FormulaError(
                f"{_quote(text)} uses an operator formulas do not allow - use + - * /"
            )
        if not isinstance(node, _ALLOWED_NODES):
            raise FormulaError(f"{_quote(text)} is not a formula parlbrief can work out")
        if isinstance(node, ast.Call):
            _check_call(text, node)


def _check_call(text: str, call: ast.Call) -> None:
    # The tokenizer lets a bracket follow only a function's name; this is the safety net.
    if not (isinstance(call.func, ast.Name) and call.func.id in FUNCTIONS):
        raise FormulaError(f"{_quote(text)} calls something that is not a function")
    name, function = call.func.id, FUNCTIONS[call.func.id]
    given = len(call.args)
    if given < function.fewest or (function.most is not None and given > function.most):
        raise FormulaError(
            f"{_quote(text)}: {name} takes {function.arity()}, not {given} - write {function.usage}"
        )


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
    for kind, token in _tokens(formula.text):
        if kind == "name":
            parts.append(labels.get(token, token))
        elif kind == "op":
            parts.append(_READABLE_OPS.get(token, token))
        else:
            parts.append(token)
    return " ".join("".join(parts).split())


def evaluate(formula: Formula, values: Mapping[str, Decimal]) -> Decimal:
    """The formula's value given a value for each of its names."""
    missing = [n for n in formula.names if n not in values]
    if missing:
        raise FormulaError(f"{_quote(formula.text)} needs a value for {', '.join(missing)}")
    names: dict[str, Decimal] = {f"_n{i}": values[n] for i, n in enumerate(formula.names)}
    names.update({f"_k{i}": k for i, k in enumerate(formula.constants)})
    functions = {name: f.run for name, f in FUNCTIONS.items()}
    evaluator = SimpleEval(operators=_OPERATORS, functions=functions, names=names)
    try:
        result = evaluator.eval(formula.expression)
    except _NoValue as exc:
        raise FormulaError(f"{_quote(formula.text)} {exc}") from None
    except (_TooLarge, decimal.Overflow):  # Overflow: beyond even what Decimal can hold
        raise FormulaError(_too_large(formula.text)) from None
    except decimal.InvalidOperation:  # a value that is not a number, such as NaN
        raise FormulaError(_not_a_number(formula.text)) from None
    except Exception as exc:  # cannot happen for a parsed formula; still not a crash
        raise FormulaError(f"{_quote(formula.text)} cannot be worked out ({exc})") from None
    return _checked(formula.text, result)


def _checked(text: str, result: object) -> Decimal:
    if not isinstance(result, Decimal) or not result.is_finite():
        raise FormulaError(_not_a_number(text))
    if abs(result) >= MAX_MAGNITUDE:
        raise FormulaError(_too_large(text))
    return result


def _not_a_number(text: str) -> str:
    return f"{_quote(text)} does not come to a number - check the figures it uses"


def _too_large(text: str) -> str:
    return (
        f"{_quote(text)} comes to a number too large for a figure: a figure must be less "
        "than 1,000,000,000,000,000 (10 to the power 15) either way - check the figures "
        "it uses"
    )
