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

from commit_calc.analysis.simplex import strictly_feasible
from commit_calc.analysis.univariate import signs_possible

Bound = tuple[sympy.Rational | None, sympy.Rational | None]
Bounds = Mapping[sympy.Symbol, Bound]
Condition = tuple[sympy.Expr, int]

#: A sign meaning "the polynomial is >= 0" (used for bounds and non-strict conditions).
NONNEGATIVE = 2

# Internally a polynomial is a dict {exponents: exact rational} over a fixed list of variables.
Monomial = tuple[int, ...]
Poly = dict[Monomial, Fraction]
FBound = tuple[Fraction | None, Fraction | None]

try:  # gmpy2's rationals are about ten times faster; mpq is typed as Fraction here
    from gmpy2 import mpq as _Q
except ImportError:  # pragma: no cover - depends on the installation
    _Q = Fraction


def satisfiable(conditions: Sequence[Condition], bounds: Bounds) -> bool | None:
    """``True``, ``False`` or ``None`` (unresolved): can every condition hold at once?

    ``conditions`` are ``(polynomial, sign)`` with sign 1 (> 0), 0 (= 0), -1 (< 0) or
    :data:`NONNEGATIVE` (>= 0); ``bounds`` maps symbols to ``(lower, upper)`` (``None`` when
    unbounded).
    """
    symbols = tuple(sorted(set().union(*(sympy.sympify(e).free_symbols for e, _ in conditions)),
                           key=str))
    polys = [(_to_poly(sympy.sympify(e), symbols), sign) for e, sign in conditions]
    limits = [_fraction_bound(bounds.get(s, (None, None))) for s in symbols]
    return _satisfiable(polys, limits, symbols)


@lru_cache(maxsize=4096)
def _to_poly(expression: sympy.Expr, symbols: tuple[sympy.Symbol, ...]) -> Poly:
    if not symbols:
        return {(): _fraction(expression)} if expression != 0 else {}
    terms = sympy.Poly(expression, *symbols, domain="QQ").terms()
    return {m: _Q(int(c.numerator), int(c.denominator)) for m, c in terms if c}


def _fraction_bound(bound: Bound) -> FBound:
    lower, upper = bound
    return (None if lower is None else _fraction(lower),
            None if upper is None else _fraction(upper))


def _fraction(value: object) -> Fraction:
    rational = sympy.Rational(value)
    exact: Fraction = _Q(int(rational.p), int(rational.q))
    return exact


# Polynomial arithmetic on dicts ---------------------------------------------------------------


def _accumulate(out: Poly, monomial: Monomial, coefficient: Fraction) -> None:
    """Add ``coefficient`` to the term ``monomial`` of ``out``, dropping it if it cancels."""
    value = out.get(monomial, _Q(0)) + coefficient
    if value:
        out[monomial] = value
    else:
        out.pop(monomial, None)


_ONE: Fraction = _Q(1)


def _add(a: Poly, b: Poly, scale: Fraction = _ONE) -> Poly:
    out = dict(a)
    for m, c in b.items():
        _accumulate(out, m, scale * c)
    return out


def _mul(a: Poly, b: Poly) -> Poly:
    out: Poly = {}
    for (m1, c1), (m2, c2) in itertools.product(a.items(), b.items()):
        _accumulate(out, tuple(x + y for x, y in zip(m1, m2)), c1 * c2)
    return out


def _substitute(poly: Poly, index: int, value: Poly) -> Poly:
    """``poly`` with variable ``index`` replaced by the polynomial ``value``."""
    out: Poly = {}
    powers = [{tuple(0 for _ in range(_width(poly, value))): _Q(1)}]
    for m, c in poly.items():
        e = m[index]
        while len(powers) <= e:
            powers.append(_mul(powers[-1], value))
        rest = {tuple(0 if k == index else x for k, x in enumerate(m)): c}
        out = _add(out, _mul(rest, powers[e]))
    return out


def _width(*polys: Poly) -> int:
    for poly in polys:
        for m in poly:
            return len(m)
    return 0


def _constant(value: Fraction, width: int) -> Poly:
    return {(0,) * width: value} if value else {}


def _variable(index: int, width: int) -> Poly:
    return {tuple(int(k == index) for k in range(width)): _Q(1)}


def _degree(poly: Poly) -> int:
    return max((sum(m) for m in poly), default=0)


def _used(poly: Poly) -> set[int]:
    return {k for m in poly for k, e in enumerate(m) if e}


def _holds(value: Fraction, sign: int) -> bool:
    if sign == NONNEGATIVE:
        return value >= 0
    return (value > 0) - (value < 0) == sign


# The decision procedure -----------------------------------------------------------------------


def _satisfiable(
    polys: list[tuple[Poly, int]], limits: list[FBound], symbols: Sequence[sympy.Symbol]
) -> bool | None:
    width = len(symbols)
    polys, limits = _eliminate_equalities(polys, list(limits), width)
    remaining = []
    for poly, sign in polys:
        if _degree(poly) == 0:
            if not _holds(poly.get((0,) * width, _Q(0)), sign):
                return False
        else:
            remaining.append((poly, sign))
    if not remaining:
        return True
    used = set().union(*(_used(p) for p, _ in remaining))
    if all(_degree(p) <= 1 for p, _ in remaining):
        return _linear(remaining, limits, width)
    if len(used) == 1:
        return _univariate(remaining, next(iter(used)), limits, symbols)
    if not _relaxation(remaining, limits, width):
        return False
    if _witness(remaining, limits, symbols):
        return True
    return None


def _eliminate_equalities(
    polys: list[tuple[Poly, int]], limits: list[FBound], width: int
) -> tuple[list[tuple[Poly, int]], list[FBound]]:
    """Substitute equalities linear in a variable with a constant coefficient."""
    changed = True
    while changed:
        changed = False
        for k, (poly, sign) in enumerate(polys):
            if sign != 0 or _degree(poly) == 0:
                continue
            target = _linear_target(poly, width)
            if target is None:
                continue
            unit = tuple(int(j == target) for j in range(width))
            coefficient = poly[unit]
            value = {m: -c / coefficient for m, c in poly.items() if m != unit}
            rest = [(_substitute(p, target, value), s) for p, s in polys[:k] + polys[k + 1:]]
            lower, upper = limits[target]
            if lower is not None:
                rest.append((_add(value, _constant(-lower, width)), NONNEGATIVE))
            if upper is not None:
                rest.append((_add(_constant(upper, width), value, _Q(-1)), NONNEGATIVE))
            limits = list(limits)
            limits[target] = (None, None)
            polys = rest
            changed = True
            break
    return polys, limits


def _linear_target(poly: Poly, width: int) -> int | None:
    for index in range(width):
        unit = tuple(int(j == index) for j in range(width))
        if unit in poly and all(m == unit or m[index] == 0 for m in poly):
            return index
    return None


def _linear(polys: Sequence[tuple[Poly, int]], limits: Sequence[FBound], width: int) -> bool:
    """Exact feasibility of linear sign conditions within bounds, by the simplex method.

    Each variable is shifted to ``x = lower + z`` (or ``upper - z``, or ``z1 - z2`` when free)
    with ``z >= 0``; both bounds add the row ``z <= upper - lower``.
    """
    used = sorted(set().union(*(_used(p) for p, _ in polys)))
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
            offsets[v] = _Q(0)
            count += 2
    for poly, sign in polys:
        row = [_Q(0)] * count
        constant = _Q(0)
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
        a_ub.append([_Q(int(k == column)) for k in range(count)])
        b_ub.append(span)
        strict.append(False)
    return strictly_feasible(a_ub, b_ub, strict=strict, a_eq=a_eq, b_eq=b_eq)


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
    low: Fraction | float = _Q(1)
    high: Fraction | float = _Q(1)
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
    return _Q(0) if a == 0 or b == 0 else a * b


def _relaxation(polys: Sequence[tuple[Poly, int]], limits: Sequence[FBound], width: int) -> bool:
    """Feasibility of a linear relaxation: every monomial a variable within its interval
    bounds, with McCormick's envelopes tying each product ``x*y`` to ``x`` and ``y``."""
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
            out[key] = out.get(key, _Q(0)) + c
        return out

    relaxed = [(linear(p), s) for p, s in polys]
    for m in bilinear:
        i, j = (k for k, e in enumerate(m) if e)
        x, y, w = (_variable(position[units[i]], size), _variable(position[units[j]], size),
                   _variable(position[m], size))
        (xl, xu), (yl, yu) = limits[i], limits[j]
        for a, b, below in ((xl, yl, True), (xu, yu, True), (xu, yl, False), (xl, yu, False)):
            if a is not None and b is not None:
                envelope = _add(_add({k: a * c for k, c in y.items()},
                                     {k: b * c for k, c in x.items()}),
                                _constant(-a * b, size))
                difference = _add(w, envelope, _Q(-1)) if below else \
                    _add(envelope, w, _Q(-1))
                relaxed.append((difference, NONNEGATIVE))
    return _linear(relaxed, [_interval(m, limits) for m in monomials], size)


def _samples(bound: FBound) -> list[Fraction]:
    lower, upper = bound
    if lower is not None and upper is not None:
        return [lower + (upper - lower) * _Q(k, 8) for k in (4, 1, 7, 2, 6, 3, 5, 0, 8)]
    steps = [_Q(s) for s in (1, 0, 10, 100, 1000, _Q(1, 2), 10**5)]
    if lower is not None:
        return [lower + s for s in steps]
    if upper is not None:
        return [upper - s for s in steps]
    return [s for s in steps] + [-s for s in steps if s]


def _witness(polys: Sequence[tuple[Poly, int]], limits: Sequence[FBound],
             symbols: Sequence[sympy.Symbol]) -> bool:
    """Fix the variables of non-linear monomials at sample values; solve the linear rest."""
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
        reduced = list(polys)
        for k, value in zip(fixed, point):
            reduced = [(_substitute(p, k, _constant(value, width)), s) for p, s in reduced]
        rest = [(None, None) if k in fixed else limits[k] for k in range(width)]
        if _satisfiable(reduced, rest, symbols) is True:
            return True
    return False
