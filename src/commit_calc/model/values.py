"""Exact numbers: every payoff, probability and parameter value is a sympy expression.

Plain Python numbers are converted without loss: ``int`` and ``Fraction`` exactly, ``float`` by
its shortest decimal form (``0.1`` is ``1/10``), strings as written (``"3/4"``, ``"0.75"``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from numbers import Rational as _RationalABC

import sympy

from commit_calc.errors import CommitCalcError, UndefinedValueError

# ASCII digits only: Python's int() also reads other scripts' digits ("١" is 1)
_NUMBER = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(\s*/\s*[+-]?\d+)?\s*$",
                     re.ASCII)


def exact_number(value: object, *, what: str = "value") -> sympy.Rational:
    """Convert a number to an exact ``sympy.Rational``.

    >>> exact_number("3/4"), exact_number(0.1), exact_number("2.5e-1")
    (3/4, 1/10, 1/4)
    """
    if isinstance(value, bool):
        raise CommitCalcError(f"{what}: expected a number, got {value!r}")
    if isinstance(value, sympy.Rational):
        return value
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, Fraction | _RationalABC):
        return sympy.Rational(int(value.numerator), int(value.denominator))
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CommitCalcError(f"{what}: {value!r} is not a finite number")
        return sympy.Rational(repr(value))
    if isinstance(value, str):
        shown = repr(value) if len(value) <= 40 else repr(value[:37] + "...")
        if len(value) > 200:
            raise CommitCalcError(f"{what}: {shown} is longer than 200 characters")
        match = _NUMBER.match(value)
        if not match:
            raise CommitCalcError(
                f"{what}: {shown} is not a number (write 250, 0.75, 3/4 or 1e-3)"
            )
        if match.group(3) and abs(int(match.group(3)[1:])) > 300:
            raise CommitCalcError(f"{what}: {shown} has a decimal exponent beyond 300")
        head, _, tail = value.partition("/")
        number = sympy.Rational(head.strip())
        if tail:
            denominator = sympy.Integer(int(tail.strip()))
            if denominator == 0:
                raise CommitCalcError(f"{what}: {value!r} divides by zero")
            number = number / denominator
        return sympy.Rational(number)
    if isinstance(value, sympy.Expr) and value.is_number:
        simplified = sympy.nsimplify(value) if value.is_Float else sympy.simplify(value)
        if isinstance(simplified, sympy.Rational):
            return simplified
    raise CommitCalcError(f"{what}: expected an exact rational number, got {value!r}")


def exact_expr(value: object, *, what: str = "value") -> sympy.Expr:
    """Convert a number or a sympy expression to an exact sympy expression.

    Floats inside an expression are replaced by their decimal rationals.

    >>> import sympy
    >>> exact_expr(sympy.Symbol("r") * 0.5)
    r/2
    """
    if isinstance(value, sympy.Expr) and not value.is_number:
        floats = value.atoms(sympy.Float)
        if floats:
            value = value.xreplace({f: sympy.Rational(str(f)) for f in floats})
        return value
    return exact_number(value, what=what)


try:  # gmpy2's rationals (C, GMP) are about ten times faster than Fraction in tree kernels
    from gmpy2 import mpq as _mpq
except ImportError:  # pragma: no cover - depends on the installation
    _mpq = None


def kernel_rational(numerator: int, denominator: int) -> int | Fraction:
    """The exact number ``numerator / denominator`` (lowest terms, ``denominator > 0``) in the
    fastest exact type at hand, for arithmetic-heavy kernels.

    Whole numbers are ``int``; others are gmpy2's ``mpq`` (a dependency of commit-calc, but the
    code runs without it) or else ``Fraction``. Both mix freely with ``int``; read results back
    with ``int(x.numerator)``, ``int(x.denominator)``. (``mpq`` is typed as ``Fraction`` here.)

    >>> kernel_rational(6, 1), kernel_rational(1, 3) == Fraction(1, 3)
    (6, True)
    """
    if denominator == 1:
        return numerator
    if _mpq is None:
        return Fraction(numerator, denominator)
    return _mpq(numerator, denominator)  # type: ignore[no-any-return]


#: The exact quotient ``kernel_fraction(a, b)`` of two kernel numbers, in lowest terms: an
#: ``mpq`` (or ``Fraction`` without gmpy2), even where whole. (Typed as ``Fraction``.)
kernel_fraction: type[Fraction] = Fraction if _mpq is None else _mpq


_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


def check_defined(expression: sympy.Expr, *, where: str, values: Mapping[str, object]) -> None:
    """Raise :class:`UndefinedValueError` (a :class:`ParameterError`) if substituting ``values``
    left ``expression`` undefined (a division by zero, say).

    >>> check_defined(sympy.Integer(1) / 0, where="payoff at node 't'", values={"p": 1})
    Traceback (most recent call last):
    ...
    commit_calc.errors.UndefinedValueError: payoff at node 't' is undefined (a division by zero?) \
with p=1
    """
    if expression.has(*_UNDEFINED):
        shown = ", ".join(f"{name}={value}" for name, value in values.items())
        raise UndefinedValueError(f"{where} is undefined (a division by zero?) with {shown}")


def to_fraction(value: sympy.Expr) -> Fraction:
    """The ``Fraction`` equal to an exact rational sympy number.

    >>> import sympy
    >>> to_fraction(sympy.Rational(3, 4))
    Fraction(3, 4)
    """
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    raise CommitCalcError(f"expected an exact rational number, got {value!r}")


def format_exact(value: sympy.Expr | Fraction | int) -> str:
    """Exact text of a number: ``"7/2"``, ``"-3"``.

    >>> from fractions import Fraction
    >>> format_exact(Fraction(7, 2)), format_exact(sympy.Integer(-3))
    ('7/2', '-3')
    """
    return str(value)
