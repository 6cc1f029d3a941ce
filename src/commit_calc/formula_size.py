"""What a formula *is* once nesting and definitions are taken into account, as a bound.

The formula parser refuses text by its length and nesting; this module bounds what the text
stands for: the total degree in the parameters (exponents multiply through parentheses and
definitions) and the number of terms once multiplied out. Sums take the larger degree,
products and quotients add degrees, a whole-number power multiplies it. Fractional and symbolic
exponents are refused: payoffs and probabilities are exact rational numbers.

>>> import sympy
>>> p, q = sympy.symbols("p q")
>>> measure((p + q)**3 / (p - 1))
Size(degree=4, numerator=4, denominator=2)
>>> check_size(measure(p**128))
Traceback (most recent call last):
...
commit_calc.errors.FormulaError: degree 128 in the parameters is more than 64 (exponents \
multiply through parentheses and definitions)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import sympy

from commit_calc.errors import FormulaError

#: Total degree in the parameters, with exponents multiplied through nesting and definitions.
MAX_DEGREE = 64
#: Terms of the numerator (and of the denominator) once the formula is multiplied out.
MAX_TERMS = 2000
#: Pieces a formula with ``min``/``max`` splits into (each a formula without them).
MAX_PIECES = 64


@dataclass(frozen=True)
class Size:
    """What a formula is once multiplied out, as an upper bound: its total degree in the
    parameters and the number of terms of its numerator and of its denominator (term counts
    stop at ``MAX_TERMS + 1``), and the parameters it uses.

    No polynomial of degree ``d`` in ``n`` parameters has more terms than there are monomials
    of degree at most ``d``, so the term counts never exceed that: ``(1 - p)`` multiplied by
    itself twenty times has 21 terms, not 2**20.
    """

    degree: int
    numerator: int = 1
    denominator: int = 1
    parameters: frozenset[str] = field(default=frozenset(), repr=False)

    def __post_init__(self) -> None:
        dense = _dense(len(self.parameters), self.degree)
        object.__setattr__(self, "numerator", min(self.numerator, dense))
        object.__setattr__(self, "denominator", min(self.denominator, dense))

    def plus(self, other: Size) -> Size:
        """``a + b`` (or ``a - b``): over a common denominator."""
        return Size(max(self.degree, other.degree),
                    _cap(self.numerator * other.denominator + other.numerator * self.denominator),
                    _cap(self.denominator * other.denominator), self.parameters | other.parameters)

    def times(self, other: Size) -> Size:
        return Size(self.degree + other.degree, _cap(self.numerator * other.numerator),
                    _cap(self.denominator * other.denominator), self.parameters | other.parameters)

    def over(self, other: Size) -> Size:
        """``a / b``: the denominator's degree adds to the numerator's."""
        return Size(self.degree + other.degree, _cap(self.numerator * other.denominator),
                    _cap(self.denominator * other.numerator), self.parameters | other.parameters)

    def power(self, exponent: int) -> Size:
        numerator, denominator = self.numerator, self.denominator
        if exponent < 0:
            numerator, denominator = denominator, numerator
        k = abs(exponent)
        return Size(self.degree * k, _multiset(numerator, k), _multiset(denominator, k),
                    self.parameters)

    def either(self, other: Size) -> Size:
        """``min(a, b)`` or ``max(a, b)``: the larger of the two, in every respect.

        Each piece of a formula with ``min``/``max`` (see :func:`pieces`) is the formula with
        every ``min``/``max`` replaced by one of its arguments; the operations above only grow
        with their parts, so the larger argument bounds every piece.
        """
        return Size(max(self.degree, other.degree), max(self.numerator, other.numerator),
                    max(self.denominator, other.denominator), self.parameters | other.parameters)


def _cap(terms: int) -> int:
    return min(terms, MAX_TERMS + 1)


def _dense(parameters: int, degree: int) -> int:
    """Monomials of degree at most ``degree`` in ``parameters`` parameters (capped)."""
    if parameters == 0 or degree == 0:
        return 1
    if min(parameters, degree) > MAX_TERMS:
        return MAX_TERMS + 1
    return _cap(math.comb(parameters + degree, degree))


def _multiset(terms: int, k: int) -> int:
    """Terms of a sum of ``terms`` terms raised to the power ``k``, multiplied out (at most)."""
    if terms <= 1 or k == 0:
        return 1 if k == 0 else terms
    if k > MAX_TERMS:
        return MAX_TERMS + 1
    return _cap(math.comb(terms + k - 1, k))


NUMBER = Size(0)


@lru_cache(maxsize=4096)
def measure(expression: sympy.Expr) -> Size:
    """The :class:`Size` of a sympy expression (refusing fractional and symbolic exponents)."""
    if expression.is_Symbol:
        return Size(1, parameters=frozenset({str(expression)}))
    if expression.is_Pow:
        base, exponent = expression.args
        return measure(base).power(_whole_exponent(exponent, expression))
    parts = [measure(argument) for argument in expression.args]
    if not parts:
        if not expression.is_Rational:
            raise FormulaError(f"{expression} is not an exact rational number")
        return NUMBER
    size = parts[0]
    for part in parts[1:]:
        if expression.is_Add:
            size = size.plus(part)
        elif expression.is_Mul:
            size = size.times(part)
        else:  # min, max (and functions a Python caller may use): the larger argument
            size = size.either(part)
    return size


def pieces(expression: sympy.Expr) -> int:
    """At most how many pieces ``expression`` splits into, each free of ``min``/``max``
    (capped at ``MAX_PIECES + 1``).

    Splitting one ``min``/``max`` of ``k`` arguments at a time makes ``k`` pieces of each
    piece, and a ``min``/``max`` that appears several times is split once, so the product over
    the distinct ones of their numbers of arguments is a bound.

    >>> x, y, z = sympy.symbols("x y z")
    >>> pieces(sympy.Max(x - 1, 0) * 2 + sympy.Max(x - 1, 0) * y + sympy.Min(x, y, z))
    6
    """
    count = 1
    seen: set[sympy.Expr] = set()
    for part in sympy.preorder_traversal(expression):
        if isinstance(part, sympy.Min | sympy.Max) and part not in seen:
            seen.add(part)
            count = min(count * len(part.args), MAX_PIECES + 1)
    return count


def _whole_exponent(exponent: sympy.Expr, power: sympy.Expr) -> int:
    if not exponent.is_Rational:
        raise FormulaError("an exponent must be a number")
    if not exponent.is_Integer:
        base = power.args[0]
        written = f"{base}**({exponent})" if base.is_Atom else f"({base})**({exponent})"
        raise FormulaError(f"fractional power {written} is not supported "
                           "(exponents are whole numbers, so that payoffs and probabilities "
                           "stay exact rational numbers)")
    return int(exponent)


def check_size(size: Size) -> None:
    """Refuse a size beyond :data:`MAX_DEGREE` or :data:`MAX_TERMS`."""
    if size.degree > MAX_DEGREE:
        raise FormulaError(f"degree {size.degree} in the parameters is more than {MAX_DEGREE} "
                           "(exponents multiply through parentheses and definitions)")
    if max(size.numerator, size.denominator) > MAX_TERMS:
        raise FormulaError(f"more than {MAX_TERMS} terms once multiplied out")
