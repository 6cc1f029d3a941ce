"""Exact numbers ``a + b sqrt(d)`` (``a``, ``b`` fractions, ``d`` a fixed square-free integer):
the vertices of an equilibrium payoff set can be quadratic irrationals.

Arithmetic with fractions and integers mixes in; comparisons are exact (by the signs of ``a``
and ``b`` and, where they differ, ``a**2`` against ``b**2 d``).

>>> from fractions import Fraction as F
>>> x = Surd(F(1), F(1), 2)
>>> x * x == Surd(F(3), F(2), 2), (x - 1) * (x - 1) == 2, x > F(241, 100), x < F(242, 100)
(True, True, True, True)
>>> str(x / 2), float(x)
('1/2 + sqrt(2)/2', 2.414213562373095)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Union

import sympy

Number = Union[int, Fraction, "Surd"]


class Surd:
    """``a + b sqrt(d)``, exactly (see the module docstring)."""

    __slots__ = ("a", "b", "d")

    def __init__(self, a: Fraction, b: Fraction, d: int) -> None:
        self.a, self.b, self.d = Fraction(a), Fraction(b), d

    def _lift(self, other: object) -> Surd | None:
        if isinstance(other, Surd):
            if other.d != self.d and other.b != 0 and self.b != 0:
                raise ValueError("numbers with different square roots")
            return other
        if isinstance(other, (int, Fraction)):
            return Surd(Fraction(other), Fraction(0), self.d)
        return None

    def __add__(self, other: Number) -> Surd:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        return Surd(self.a + o.a, self.b + o.b, self.d if self.b else o.d)

    __radd__ = __add__

    def __neg__(self) -> Surd:
        return Surd(-self.a, -self.b, self.d)

    def __sub__(self, other: Number) -> Surd:
        o = self._lift(other)
        return NotImplemented if o is None else self + (-o)

    def __rsub__(self, other: Number) -> Surd:
        return -self + other

    def __mul__(self, other: Number) -> Surd:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        d = self.d if self.b else o.d
        return Surd(self.a * o.a + self.b * o.b * d, self.a * o.b + self.b * o.a, d)

    __rmul__ = __mul__

    def __truediv__(self, other: Number) -> Surd:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        norm = o.a * o.a - o.b * o.b * o.d
        return self * Surd(o.a / norm, -o.b / norm, o.d)

    def __rtruediv__(self, other: Number) -> Surd:
        return Surd(Fraction(other), Fraction(0), self.d) / self  # type: ignore[arg-type]

    def sign(self) -> int:
        """-1, 0 or 1, exactly."""
        a, b = self.a, self.b
        if b == 0 or a == 0:
            return (a > 0) - (a < 0) if b == 0 else (b > 0) - (b < 0)
        if (a > 0) == (b > 0):
            return 1 if a > 0 else -1
        bigger = a * a > b * b * self.d  # the rational part dominates
        return (1 if a > 0 else -1) if bigger else (1 if b > 0 else -1)

    def _cmp(self, other: object) -> int | None:
        o = self._lift(other)
        return None if o is None else (self - o).sign()

    def __eq__(self, other: object) -> bool:
        found = self._cmp(other)
        return NotImplemented if found is None else found == 0

    def __lt__(self, other: Number) -> bool:
        found = self._cmp(other)
        return NotImplemented if found is None else found < 0

    def __le__(self, other: Number) -> bool:
        found = self._cmp(other)
        return NotImplemented if found is None else found <= 0

    def __gt__(self, other: Number) -> bool:
        found = self._cmp(other)
        return NotImplemented if found is None else found > 0

    def __ge__(self, other: Number) -> bool:
        found = self._cmp(other)
        return NotImplemented if found is None else found >= 0

    def __hash__(self) -> int:
        return hash(self.a) if self.b == 0 else hash((self.a, self.b, self.d))

    def __float__(self) -> float:
        return float(self.expression().evalf(30))

    def expression(self) -> sympy.Expr:
        a, b = self.a, self.b
        return (sympy.Rational(int(a.numerator), int(a.denominator))
                + sympy.Rational(int(b.numerator), int(b.denominator)) * sympy.sqrt(self.d))

    def __str__(self) -> str:
        return str(self.expression())

    def __repr__(self) -> str:
        return f"Surd({self})"


def quadratic_root(coefficients: list[int], near: float) -> Surd:
    """The root of ``c0 x**2 + c1 x + c2`` nearest ``near``, as a :class:`Surd`."""
    c0, c1, c2 = coefficients
    discriminant = c1 * c1 - 4 * c0 * c2
    root = sympy.sqrt(sympy.Integer(discriminant))
    outside, inside = root.as_coeff_Mul()
    d = int(inside ** 2) if inside != 1 else 1
    k = Fraction(int(outside.p), int(outside.q))
    if d == 1:
        rational = [Surd(Fraction(-c1, 2 * c0) + s * k / (2 * c0), Fraction(0), 1) for s in (1, -1)]
        return min(rational, key=lambda x: abs(float(x) - near))
    candidates = [Surd(Fraction(-c1, 2 * c0), s * k / (2 * c0), d) for s in (1, -1)]
    return min(candidates, key=lambda x: abs(float(x) - near))
