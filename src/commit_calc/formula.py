"""A safe parser for payoff and probability formulas.

Formulas come from game files written by anyone, so they are never given to ``eval``,
``sympify`` or ``parse_expr`` (all three run Python). The text is parsed by :mod:`ast`, every
node is checked against a whitelist (numbers, declared parameter names, ``+ - * / **``,
parentheses, unary minus, ``min`` and ``max``), and the sympy expression is built from the
checked tree directly. Length, nesting depth and exponents are bounded, and so is what a formula
*is* once nesting and definitions are taken into account (:func:`check_expression`): its degree
in the parameters, its number of terms once multiplied out, the size of its numbers. A hostile
formula is refused at once instead of hanging the process.

:func:`format_formula` prints an expression back as a formula this parser reads, so games can be
written to files and read again unchanged.

>>> import sympy
>>> s = sympy.Symbol("salary")
>>> parse_formula("salary * 12 + 3/4", {"salary": s})
12*salary + 3/4
>>> parse_formula("__import__('os')", {})
Traceback (most recent call last):
...
commit_calc.errors.FormulaError: formula '__import__('os')': calls are limited to min and max
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

import sympy
from sympy.printing.str import StrPrinter

from commit_calc.errors import FormulaError
from commit_calc.formula_size import (
    MAX_DEGREE,
    MAX_PIECES,
    MAX_TERMS,
    NUMBER,
    Size,
    check_size,
    measure,
    pieces,
)

__all__ = ["MAX_DEGREE", "MAX_PIECES", "MAX_TERMS", "check_expression", "format_formula",
           "parse_formula"]

MAX_LENGTH = 2000
MAX_DEPTH = 40
MAX_EXPONENT = 64
MAX_DIGITS = 60
MAX_DECIMAL_EXPONENT = 300
MAX_RESULT_BITS = 4096
#: Nodes of a formula's expression tree once definitions are expanded.
MAX_NODES = 2000

_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
_FUNCTIONS = {"min": sympy.Min, "max": sympy.Max}


def parse_formula(text: str, symbols: Mapping[str, sympy.Expr]) -> sympy.Expr:
    """Parse ``text`` into an exact sympy expression over the declared ``symbols``.

    Parameters
    ----------
    text
        The formula, e.g. ``"salary + amnesty - 0.5 * war_cost"``. Decimals are exact.
    symbols
        The names a formula may use: each parameter's name to its sympy symbol, and possibly
        named shorthands (``U_H``) to the expressions they stand for.

    Raises
    ------
    FormulaError
        The text is not a formula of the allowed form, or is beyond a limit once nesting and
        definitions are taken into account; the message quotes it and says why.

    Examples
    --------
    >>> p = sympy.Symbol("p")
    >>> parse_formula("(p**8)**8", {"p": p})
    p**64
    >>> parse_formula("((p**8)**8)**2", {"p": p})
    Traceback (most recent call last):
    ...
    commit_calc.errors.FormulaError: formula '((p**8)**8)**2': degree 128 in the parameters is \
more than 64 (exponents multiply through parentheses and definitions)
    """
    if not isinstance(text, str):
        raise FormulaError(f"formula {text!r}: expected text")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"formula of {len(text)} characters: longer than {MAX_LENGTH}")
    source = text.strip()
    if not source:
        raise FormulaError("formula '': empty")
    if source.count("(") > MAX_DEPTH * 4:
        raise FormulaError(f"formula {_quote(text)}: too many parentheses")
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        raise FormulaError(f"formula {_quote(text)}: not a formula ({_reason(error)})") from None
    builder = _Builder(source, symbols)
    expression, _ = builder.build(tree.body, 0)
    try:
        _check_parts(expression)
    except FormulaError as error:
        raise builder.fail(str(error)) from None
    return expression


def check_expression(expression: sympy.Expr) -> None:
    """Refuse an expression beyond the formula limits, however it was built.

    The same limits as :func:`parse_formula` applies to text, for expressions built in Python:
    whole-number exponents, degree at most :data:`MAX_DEGREE`, at most :data:`MAX_TERMS` terms
    once multiplied out, at most :data:`MAX_NODES` parts, numbers of at most
    :data:`MAX_RESULT_BITS` bits.

    >>> p = sympy.Symbol("p")
    >>> check_expression(p**64 + 1)
    >>> check_expression(sympy.sqrt(p))
    Traceback (most recent call last):
    ...
    commit_calc.errors.FormulaError: fractional power p**(1/2) is not supported (exponents are \
whole numbers, so that payoffs and probabilities stay exact rational numbers)
    """
    try:
        check_size(measure(expression))
    except RecursionError:
        raise FormulaError(f"nested deeper than {MAX_DEPTH} levels") from None
    _check_parts(expression)


def _check_parts(expression: sympy.Expr) -> None:
    """At most :data:`MAX_NODES` parts, no number beyond :data:`MAX_RESULT_BITS` bits, and at
    most :data:`MAX_PIECES` pieces where ``min``/``max`` split it."""
    for count, part in enumerate(sympy.preorder_traversal(expression), start=1):
        if count > MAX_NODES:
            raise FormulaError(f"more than {MAX_NODES} parameters, numbers and operations once "
                               "its definitions are expanded")
        if _too_large(part):
            raise FormulaError(f"a number with more than {MAX_RESULT_BITS} bits")
    if pieces(expression) > MAX_PIECES:
        raise FormulaError(f"min and max split it into more than {MAX_PIECES} pieces (each "
                           "different min or max of k formulas multiplies the pieces by k)")


def _too_large(value: sympy.Expr) -> bool:
    """A rational number whose numerator or denominator exceeds :data:`MAX_RESULT_BITS`."""
    return bool(value.is_Rational) and max(
        abs(int(value.p)).bit_length(), int(value.q).bit_length()
    ) > MAX_RESULT_BITS


def _quote(text: str) -> str:
    shown = text if len(text) <= 60 else text[:57] + "..."
    return f"'{shown}'"


def _reason(error: Exception) -> str:
    if isinstance(error, SyntaxError) and error.msg:
        return error.msg
    return type(error).__name__


_Built = tuple[sympy.Expr, Size]


class _Builder:
    """Builds the sympy expression of a checked tree, with its :class:`Size` alongside, so a
    formula beyond a limit is refused at the operation that crosses it."""

    def __init__(self, source: str, symbols: Mapping[str, sympy.Expr]):
        self.source = source
        self.symbols = symbols

    def fail(self, why: str) -> FormulaError:
        return FormulaError(f"formula {_quote(self.source)}: {why}")

    def bounded(self, built: _Built) -> _Built:
        try:
            check_size(built[1])
        except FormulaError as error:
            raise self.fail(str(error)) from None
        return built

    def build(self, node: ast.AST, depth: int) -> _Built:
        if depth > MAX_DEPTH:
            raise self.fail(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, ast.Constant):
            return self.number(node), NUMBER
        if isinstance(node, ast.Name):
            if node.id not in self.symbols:
                known = ", ".join(sorted(self.symbols)) or "none declared"
                raise self.fail(f"unknown parameter '{node.id}' (parameters: {known})")
            value = self.symbols[node.id]
            return value, measure(value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            operand, size = self.build(node.operand, depth + 1)
            return (-operand if isinstance(node.op, ast.USub) else operand), size
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Pow):
                return self.power(node, depth)
            if type(node.op) not in _BINARY:
                raise self.fail(
                    f"operator {type(node.op).__name__} is not allowed (use + - * / **)"
                )
            return self.chain(node, depth)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        raise self.fail(f"{type(node).__name__} is not allowed in a formula")

    def chain(self, node: ast.BinOp, depth: int) -> _Built:
        """``a + b - c * d ...``: a run of + - * / is one level deep however long it is, and
        is folded in a loop rather than by recursion."""
        steps: list[tuple[ast.operator, ast.expr]] = []
        head: ast.expr = node
        while isinstance(head, ast.BinOp) and type(head.op) in _BINARY:
            steps.append((head.op, head.right))
            head = head.left
        result, size = self.build(head, depth + 1)
        for operator, operand in reversed(steps):
            right, right_size = self.build(operand, depth + 1)
            if isinstance(operator, ast.Div) and right == 0:
                raise self.fail("division by zero")
            result = sympy.sympify(
                _BINARY[type(operator)](result, right))  # type: ignore[no-untyped-call]
            if _too_large(result):
                raise self.fail(f"a number with more than {MAX_RESULT_BITS} bits")
            combine = {ast.Mult: Size.times, ast.Div: Size.over}.get(type(operator), Size.plus)
            result, size = self.bounded((result, combine(size, right_size)))
        return result, size

    def number(self, node: ast.Constant) -> sympy.Expr:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{value!r} is not a number")
        text = ast.get_source_segment(self.source, node) or repr(value)
        digits = text.replace("_", "")
        if len(digits) > MAX_DIGITS:
            raise self.fail(f"number with more than {MAX_DIGITS} digits")
        _, _, exponent = digits.lower().partition("e")
        if exponent and abs(int(exponent)) > MAX_DECIMAL_EXPONENT:
            raise self.fail(f"number {text!r}: a decimal exponent beyond "
                            f"{MAX_DECIMAL_EXPONENT} is too large")
        try:
            return sympy.Rational(digits)
        except (TypeError, ValueError):
            raise self.fail(f"{text!r} is not a number") from None

    def power(self, node: ast.BinOp, depth: int) -> _Built:
        base, size = self.build(node.left, depth + 1)
        exponent, _ = self.build(node.right, depth + 1)
        if not exponent.is_Rational:
            raise self.fail("an exponent must be a number")
        if abs(exponent) > MAX_EXPONENT:
            raise self.fail(f"exponent {exponent} is larger than {MAX_EXPONENT}")
        if not exponent.is_Integer:
            written = ast.get_source_segment(self.source, node) or f"**({exponent})"
            raise self.fail(f"fractional power {written} is not supported (exponents are whole "
                            "numbers, so that payoffs and probabilities stay exact rational "
                            "numbers)")
        if exponent.is_negative and base == 0:
            raise self.fail("division by zero")
        if base.is_Rational:
            bits = max(abs(int(base.p)).bit_length(), int(base.q).bit_length())
            if bits * abs(exponent) > MAX_RESULT_BITS:
                raise self.fail(f"a power with more than {MAX_RESULT_BITS} bits")
        return self.bounded((sympy.Pow(base, exponent), size.power(int(exponent))))

    def call(self, node: ast.Call, depth: int) -> _Built:
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
            raise self.fail("calls are limited to min and max")
        if node.keywords:
            raise self.fail(f"{node.func.id}() takes formulas only, no named arguments")
        if len(node.args) < 2:
            raise self.fail(f"{node.func.id}() takes two or more formulas, "
                            f"given {len(node.args)}")
        built = [self.build(argument, depth + 1) for argument in node.args]
        size = built[0][1]
        for _, other in built[1:]:
            size = size.either(other)
        return _FUNCTIONS[node.func.id](*(value for value, _ in built)), size


class _FormulaPrinter(StrPrinter):  # type: ignore[misc]
    """sympy's text printer, adjusted to the formula grammar: ``min``/``max`` in lower case and
    every power written with ``**`` (sympy would print ``sqrt(x)``)."""

    def _print_Min(self, expr: sympy.Min) -> str:
        return "min(" + ", ".join(self._print(arg) for arg in expr.args) + ")"

    def _print_Max(self, expr: sympy.Max) -> str:
        return "max(" + ", ".join(self._print(arg) for arg in expr.args) + ")"

    def _print_Pow(self, expr: sympy.Pow, rational: bool = False) -> str:
        base, exponent = expr.args
        base_text = self._print(base)
        if not (base.is_Symbol or (base.is_Integer and base >= 0)):
            base_text = f"({base_text})"
        exponent_text = self._print(exponent)
        if not (exponent.is_Integer and exponent >= 0):
            exponent_text = f"({exponent_text})"
        return f"{base_text}**{exponent_text}"


def format_formula(expression: sympy.Expr) -> str:
    """The text of ``expression`` as a formula that :func:`parse_formula` reads back unchanged.

    >>> x = sympy.Symbol("x")
    >>> format_formula(sympy.Min(x, 2) + x**-2 - sympy.Rational(3, 4))
    'min(2, x) - 3/4 + x**(-2)'
    >>> parse_formula(_, {"x": x}) == sympy.Min(x, 2) + x**-2 - sympy.Rational(3, 4)
    True
    """
    return str(_FormulaPrinter().doprint(expression))
