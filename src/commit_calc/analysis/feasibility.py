"""Is a set of sign conditions on polynomials in the parameters satisfiable within their bounds?

A *sign system* is a list of ``(polynomial, sign)`` pairs, sign ``1`` (the polynomial is
positive), ``0`` (zero) or ``-1`` (negative), over parameters with declared bounds. The answer
is ``True`` (some parameter values satisfy it), ``False`` (none do) or ``None`` (unresolved).

How it decides, exactly and in this order:

1. Equalities that are linear in some parameter with a constant coefficient are solved for it
   and substituted (the parameter's bounds become conditions on the substituted expression).
2. Constant conditions are checked directly.
3. Linear systems go to an exact rational simplex (:mod:`.simplex`).
4. Systems in one parameter are decided by isolating the real roots of all their polynomials
   (factored over the rationals; exact rational intervals) and testing the signs at each root
   and between.
5. Other non-linear systems: a linear relaxation (each monomial a new variable, bounded by
   interval arithmetic) proves emptiness; fixing the parameters that appear in non-linear
   monomials at sample values and solving the remaining linear system finds a witness. If
   neither works the answer is ``None``.

>>> import sympy
>>> r, s = sympy.symbols("r s", nonnegative=True)
>>> bounds = {r: (sympy.Integer(0), sympy.Integer(1)), s: (sympy.Integer(0), None)}
>>> satisfiable([(33*r - 20, 1), (s - 400, -1)], bounds)
True
>>> satisfiable([(r - 2, 1)], bounds)
False
>>> satisfiable([(r*s - 10, 1), (s - 5, -1)], bounds)
False
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import lru_cache

import sympy

from commit_calc.analysis import polydicts as pd
from commit_calc.analysis.polydicts import Monomial, Poly
from commit_calc.analysis.simplex import strict_point
from commit_calc.analysis.univariate import signs_possible

Q = pd.Q

Bound = tuple[sympy.Rational | None, sympy.Rational | None]
Bounds = Mapping[sympy.Symbol, Bound]
Condition = tuple[sympy.Expr, int]

#: A sign meaning "the polynomial is >= 0" (used for bounds and non-strict conditions).
NONNEGATIVE = 2
FBound = tuple[Fraction | None, Fraction | None]

def satisfiable(conditions: Sequence[Condition], bounds: Bounds) -> bool | None:
    """``True``, ``False`` or ``None`` (unresolved): can every condition hold at once?

    ``conditions`` are ``(polynomial, sign)`` with sign 1 (> 0), 0 (= 0), -1 (< 0) or
    :data:`NONNEGATIVE` (>= 0); ``bounds`` maps symbols to ``(lower, upper)`` (``None`` when
    unbounded).
    """
    return satisfying_point(conditions, bounds)[0]


def satisfying_point(conditions: Sequence[Condition], bounds: Bounds
                     ) -> tuple[bool | None, dict[sympy.Symbol, Fraction] | None]:
    """:func:`satisfiable`, with a point where every condition holds when one was found on
    the way (the values of the conditions' symbols)."""
    symbols = tuple(sorted(set().union(*(sympy.sympify(e).free_symbols for e, _ in conditions)),
                           key=str))
    polys = [(_to_poly(sympy.sympify(e), symbols), sign) for e, sign in conditions]
    limits = [_fraction_bound(bounds.get(s, (None, None))) for s in symbols]
    verdict, point = _satisfiable(polys, limits, symbols)
    return verdict, None if point is None else dict(zip(symbols, point))


@lru_cache(maxsize=4096)
def _to_poly(expression: sympy.Expr, symbols: tuple[sympy.Symbol, ...]) -> Poly:
    if not symbols:
        return {(): _fraction(expression)} if expression != 0 else {}
    terms = sympy.Poly(expression, *symbols, domain="QQ").terms()
    return {m: Q(int(c.numerator), int(c.denominator)) for m, c in terms if c}


def _fraction_bound(bound: Bound) -> FBound:
    lower, upper = bound
    return (None if lower is None else _fraction(lower),
            None if upper is None else _fraction(upper))


def _fraction(value: object) -> Fraction:
    rational = sympy.Rational(value)
    exact: Fraction = Q(int(rational.p), int(rational.q))
    return exact


def _holds(value: Fraction, sign: int) -> bool:
    if sign == NONNEGATIVE:
        return value >= 0
    return (value > 0) - (value < 0) == sign


# The decision procedure -----------------------------------------------------------------------


#: A value per variable, or None where none was found.
Point = list[Fraction] | None


def _satisfiable(
    polys: list[tuple[Poly, int]], limits: list[FBound], symbols: Sequence[sympy.Symbol]
) -> tuple[bool | None, Point]:
    """The verdict, and a point where it is True and one was found (not in one variable)."""
    width = len(symbols)
    polys, limits, eliminated = _eliminate_equalities(polys, list(limits), width)
    remaining = []
    for poly, sign in polys:
        if pd.degree(poly) == 0:
            if not _holds(poly.get((0,) * width, Q(0)), sign):
                return False, None
        else:
            remaining.append((poly, sign))
    point: Point = None
    if not remaining:
        point = [_inside(bound) for bound in limits]
    else:
        used = set().union(*(pd.used(p) for p, _ in remaining))
        if all(pd.degree(p) <= 1 for p, _ in remaining):
            point = _linear(remaining, limits, width)
            if point is None:
                return False, None
        elif len(used) == 1:
            return _univariate(remaining, next(iter(used)), limits, symbols), None
        elif _relaxation(remaining, limits, width) is None:
            return False, None
        else:
            witnessed, point = _witness(remaining, limits, symbols)
            if not witnessed:
                return None, None
            if point is None:
                return True, None
    for target, value in reversed(eliminated):
        point[target] = pd.evaluate(value, point)
    return True, point


def _inside(bound: FBound) -> Fraction:
    """A value within the bounds."""
    lower, upper = bound
    return lower if lower is not None else (upper if upper is not None else Q(0))


def _eliminate_equalities(
    polys: list[tuple[Poly, int]], limits: list[FBound], width: int
) -> tuple[list[tuple[Poly, int]], list[FBound], list[tuple[int, Poly]]]:
    """Substitute equalities linear in a variable with a constant coefficient; also the
    substitutions made (variable, value), in order."""
    eliminated: list[tuple[int, Poly]] = []
    changed = True
    while changed:
        changed = False
        for k, (poly, sign) in enumerate(polys):
            if sign != 0 or pd.degree(poly) == 0:
                continue
            target = _linear_target(poly, width)
            if target is None:
                continue
            unit = tuple(int(j == target) for j in range(width))
            coefficient = poly[unit]
            value = {m: -c / coefficient for m, c in poly.items() if m != unit}
            rest = [(pd.substitute(p, target, value), s) for p, s in polys[:k] + polys[k + 1:]]
            lower, upper = limits[target]
            if lower is not None:
                rest.append((pd.add(value, pd.constant(-lower, width)), NONNEGATIVE))
            if upper is not None:
                rest.append((pd.add(pd.constant(upper, width), value, Q(-1)), NONNEGATIVE))
            limits = list(limits)
            limits[target] = (None, None)
            polys = rest
            eliminated.append((target, value))
            changed = True
            break
    return polys, limits, eliminated


def _linear_target(poly: Poly, width: int) -> int | None:
    for index in range(width):
        unit = tuple(int(j == index) for j in range(width))
        if unit in poly and all(m == unit or m[index] == 0 for m in poly):
            return index
    return None


def _linear(polys: Sequence[tuple[Poly, int]], limits: Sequence[FBound], width: int) -> Point:
    """Exact feasibility of linear sign conditions within bounds, by the simplex method: a
    point where they hold (variables they do not use within their bounds), or None.

    Each variable is shifted to ``x = lower + z`` (or ``upper - z``, or ``z1 - z2`` when free)
    with ``z >= 0``; both bounds add the row ``z <= upper - lower``.
    """
    used = sorted(set().union(*(pd.used(p) for p, _ in polys)))
    columns: dict[int, list[tuple[int, int]]] = {}  # variable -> [(column, sign)]
    a_ub: list[list[Fraction]] = []
    b_ub: list[Fraction] = []
    strict: list[bool] = []
    a_eq: list[list[Fraction]] = []
    b_eq: list[Fraction] = []
    offsets: dict[int, Fraction] = {}
    count = 0
    extra: list[tuple[int, Fraction]] = []
    for v in used:
        lower, upper = limits[v]
        if lower is not None:
            columns[v] = [(count, 1)]
            offsets[v] = lower
            if upper is not None:
                extra.append((count, upper - lower))
            count += 1
        elif upper is not None:
            columns[v] = [(count, -1)]
            offsets[v] = upper
            count += 1
        else:
            columns[v] = [(count, 1), (count + 1, -1)]
            offsets[v] = Q(0)
            count += 2
    for poly, sign in polys:
        row = [Q(0)] * count
        constant = Q(0)
        for m, c in poly.items():
            if not any(m):
                constant += c
                continue
            v = m.index(1)
            constant += c * offsets[v]
            for column, direction in columns[v]:
                row[column] += c * direction
        if sign == 0:
            a_eq.append(row)
            b_eq.append(-constant)
        elif sign in (1, NONNEGATIVE):  # row.z + constant > 0  <=>  -row.z < constant
            a_ub.append([-x for x in row])
            b_ub.append(constant)
            strict.append(sign == 1)
        else:
            a_ub.append(row)
            b_ub.append(-constant)
            strict.append(True)
    for column, span in extra:
        a_ub.append([Q(int(k == column)) for k in range(count)])
        b_ub.append(span)
        strict.append(False)
    found = strict_point(a_ub, b_ub, strict=strict, a_eq=a_eq, b_eq=b_eq)
    if found is None:
        return None
    point = [_inside(bound) for bound in limits]
    for v, placed in columns.items():
        point[v] = offsets[v] + sum((direction * found[column] for column, direction in placed),
                                    Q(0))
    return point


def _univariate(polys: Sequence[tuple[Poly, int]], index: int, limits: Sequence[FBound],
                symbols: Sequence[sympy.Symbol]) -> bool:
    """Conditions in one variable, decided exactly by :mod:`.univariate`."""
    x = sympy.Symbol("x", real=True)
    allowed = {1: {1}, 0: {0}, -1: {-1}, NONNEGATIVE: {0, 1}}
    conditions = [(sympy.Poly.from_dict(
        {(m[index],): sympy.Rational(int(c.numerator), int(c.denominator))
         for m, c in poly.items()}, x, domain=sympy.QQ), frozenset(allowed[sign]))
        for poly, sign in polys]
    lower, upper = (None if b is None else sympy.Rational(int(b.numerator), int(b.denominator))
                    for b in limits[index])
    return signs_possible(conditions, lower, upper)


def _interval(monomial: Monomial, limits: Sequence[FBound]) -> FBound:
    """Bounds of a monomial by interval arithmetic (``None`` for unbounded)."""
    inf = float("inf")
    low: Fraction | float = Q(1)
    high: Fraction | float = Q(1)
    for (lower, upper), power in zip(limits, monomial):
        lo: Fraction | float = lower if lower is not None else -inf
        hi: Fraction | float = upper if upper is not None else inf
        for _ in range(power):
            products = [_times(a, b) for a in (low, high) for b in (lo, hi)]
            low, high = min(products), max(products)
    # finite bounds stay exact; only the infinities are not (floats, or gmpy2's mpfr)
    return (low if abs(low) != inf else None, high if abs(high) != inf else None)  # type: ignore[return-value]


def _times(a: Fraction | float, b: Fraction | float) -> Fraction | float:
    """``a * b`` with ``0 * inf = 0``."""
    return Q(0) if a == 0 or b == 0 else a * b


def _relaxation(polys: Sequence[tuple[Poly, int]], limits: Sequence[FBound], width: int
                ) -> Point:
    """Feasibility of a linear relaxation: every monomial a variable within its interval
    bounds, with McCormick's envelopes tying each product ``x*y`` to ``x`` and ``y`` (None
    where it is empty; else a point of the relaxation, not of the conditions)."""
    monomials = sorted({m for p, _ in polys for m in p if any(m)})
    bilinear = [m for m in monomials if sum(m) == 2 and max(m) == 1]
    units = [tuple(int(j == k) for j in range(width)) for k in range(width)]
    if bilinear:
        monomials = sorted(set(monomials) | {units[k] for m in bilinear
                                             for k, e in enumerate(m) if e})
    position = {m: k for k, m in enumerate(monomials)}
    size = len(monomials)

    def linear(poly: Poly) -> Poly:
        out: Poly = {}
        for m, c in poly.items():
            key = tuple(int(k == position[m]) for k in range(size)) if any(m) else (0,) * size
            out[key] = out.get(key, Q(0)) + c
        return out

    relaxed = [(linear(p), s) for p, s in polys]
    for m in bilinear:
        i, j = (k for k, e in enumerate(m) if e)
        x, y, w = (pd.variable(position[units[i]], size), pd.variable(position[units[j]], size),
                   pd.variable(position[m], size))
        (xl, xu), (yl, yu) = limits[i], limits[j]
        for a, b, below in ((xl, yl, True), (xu, yu, True), (xu, yl, False), (xl, yu, False)):
            if a is not None and b is not None:
                envelope = pd.add(pd.add({k: a * c for k, c in y.items()},
                                     {k: b * c for k, c in x.items()}),
                                pd.constant(-a * b, size))
                difference = pd.add(w, envelope, Q(-1)) if below else \
                    pd.add(envelope, w, Q(-1))
                relaxed.append((difference, NONNEGATIVE))
    return _linear(relaxed, [_interval(m, limits) for m in monomials], size)


def _samples(bound: FBound) -> list[Fraction]:
    lower, upper = bound
    if lower is not None and upper is not None:
        return [lower + (upper - lower) * Q(k, 8) for k in (4, 1, 7, 2, 6, 3, 5, 0, 8)]
    steps = [Q(s) for s in (1, 0, 10, 100, 1000, Q(1, 2), 10**5)]
    if lower is not None:
        return [lower + s for s in steps]
    if upper is not None:
        return [upper - s for s in steps]
    return [s for s in steps] + [-s for s in steps if s]


def _witness(polys: Sequence[tuple[Poly, int]], limits: Sequence[FBound],
             symbols: Sequence[sympy.Symbol]) -> tuple[bool, Point]:
    """Fix the variables of non-linear monomials at sample values; solve the linear rest.
    Whether that found a point, and the point (None where the rest had one variable)."""
    width = len(symbols)
    fixed: list[int] = []
    monomials = [m for p, _ in polys for m in p if sum(m) > 1]
    while monomials:
        counts = {k: sum(1 for m in monomials if m[k]) for k in range(width) if k not in fixed}
        fixed.append(max(counts, key=lambda k: counts[k]))
        monomials = [m for m in monomials
                     if sum(e for j, e in enumerate(m) if j not in fixed) > 1]
    grids = [_samples(limits[k]) for k in fixed]
    for count, point in enumerate(itertools.product(*grids)):
        if count >= 40:
            break
        values = dict(zip(fixed, point))
        reduced = [(pd.fix(p, values), s) for p, s in polys]
        rest = [(None, None) if k in fixed else limits[k] for k in range(width)]
        verdict, found = _satisfiable(reduced, rest, symbols)
        if verdict is True:
            if found is not None:
                for k, value in values.items():
                    found[k] = value
            return True, found
    return False, None
