"""Polynomials as dicts ``{exponents: exact rational}`` over a fixed list of variables: the
arithmetic behind :mod:`.feasibility` (gmpy2's ``mpq`` where installed, else ``Fraction``).

>>> x, y = variable(0, 2), variable(1, 2)
>>> product = mul(add(x, constant(Q(1), 2)), y)        # (x + 1) * y
>>> sorted((m, str(c)) for m, c in product.items())
[((0, 1), '1'), ((1, 1), '1')]
>>> str(evaluate(product, [Q(2), Q(3)]))
'9'
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction

Monomial = tuple[int, ...]
Poly = dict[Monomial, Fraction]

try:  # gmpy2's rationals are about ten times faster; mpq is typed as Fraction here
    from gmpy2 import mpq as Q
except ImportError:  # pragma: no cover - depends on the installation
    Q = Fraction


def accumulate(out: Poly, monomial: Monomial, coefficient: Fraction) -> None:
    """Add ``coefficient`` to the term ``monomial`` of ``out``, dropping it if it cancels."""
    value = out.get(monomial, Q(0)) + coefficient
    if value:
        out[monomial] = value
    else:
        out.pop(monomial, None)


ONE: Fraction = Q(1)


def add(a: Poly, b: Poly, scale: Fraction = ONE) -> Poly:
    out = dict(a)
    for m, c in b.items():
        accumulate(out, m, scale * c)
    return out


def mul(a: Poly, b: Poly) -> Poly:
    out: Poly = {}
    for (m1, c1), (m2, c2) in itertools.product(a.items(), b.items()):
        accumulate(out, tuple(x + y for x, y in zip(m1, m2)), c1 * c2)
    return out


def substitute(poly: Poly, index: int, value: Poly) -> Poly:
    """``poly`` with variable ``index`` replaced by the polynomial ``value`` (``poly`` itself
    where it does not use the variable)."""
    if all(not m[index] for m in poly):
        return poly
    out: Poly = {}
    powers = [{tuple(0 for _ in range(width(poly, value))): Q(1)}]
    for m, c in poly.items():
        e = m[index]
        while len(powers) <= e:
            powers.append(mul(powers[-1], value))
        rest = m[:index] + (0,) + m[index + 1:]
        for p, d in powers[e].items():
            accumulate(out, tuple(x + y for x, y in zip(rest, p)), c * d)
    return out


def fix(poly: Poly, values: Mapping[int, Fraction]) -> Poly:
    """``poly`` with the variables ``values`` maps replaced by those numbers."""
    out: Poly = {}
    for m, c in poly.items():
        for k, value in values.items():
            if m[k]:
                c = c * value ** m[k]
                m = m[:k] + (0,) + m[k + 1:]
        if c:
            accumulate(out, m, c)
    return out


def width(*polys: Poly) -> int:
    for poly in polys:
        for m in poly:
            return len(m)
    return 0


def constant(value: Fraction, width: int) -> Poly:
    return {(0,) * width: value} if value else {}


def variable(index: int, width: int) -> Poly:
    return {tuple(int(k == index) for k in range(width)): Q(1)}


def degree(poly: Poly) -> int:
    return max((sum(m) for m in poly), default=0)


def used(poly: Poly) -> set[int]:
    return {k for m in poly for k, e in enumerate(m) if e}




def evaluate(poly: Poly, point: Sequence[Fraction]) -> Fraction:
    """The value of ``poly`` at ``point`` (one number per variable)."""
    total: Fraction = Q(0)
    for m, c in poly.items():
        for x, e in zip(point, m):
            if e:
                c = c * x ** e
        total += c
    return total


__all__ = ["ONE", "Monomial", "Poly", "Q", "accumulate", "add", "constant", "degree", "evaluate",
           "fix", "mul", "substitute", "used", "variable", "width"]
