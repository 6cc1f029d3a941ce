"""Sign systems in one parameter are decided exactly by real-root isolation (issue 16: the
former ``solveset`` path took minutes on allowed formulas such as ``p**64 - p**63 + 1/3``).

Checked against an independent oracle (sympy's exact ``CRootOf`` roots, signs evaluated to 60
digits) on random systems of low degree."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.analysis.feasibility import NONNEGATIVE, satisfiable

p = sympy.Symbol("p", real=True)


def oracle(conditions, bounds) -> bool:  # type: ignore[no-untyped-def]
    """Independent check: all real roots as sympy's exact ``CRootOf`` numbers, the bounds,
    and points between them, each polynomial's sign evaluated to 60 digits."""
    lower, upper = bounds[p]
    roots = {r for expression, _ in conditions for r in sympy.Poly(expression, p).real_roots()}
    roots |= {b for b in (lower, upper) if b is not None}
    ordered = sorted(roots, key=lambda r: sympy.N(r, 60))
    candidates = list(ordered)
    candidates += [(a + b) / 2 for a, b in zip(ordered, ordered[1:])]
    candidates += [ordered[0] - 1, ordered[-1] + 1] if ordered else [sympy.Integer(0)]

    def sign(expression, point) -> int:  # type: ignore[no-untyped-def]
        value = sympy.N(expression.subs(p, point), 60)
        return 0 if abs(value) < 1e-40 else (1 if value > 0 else -1)

    def holds(value: int, wanted: int) -> bool:
        return value >= 0 if wanted == NONNEGATIVE else value == wanted

    for point in candidates:
        if (lower is not None and bool(point < lower)) or (upper is not None
                                                           and bool(point > upper)):
            continue
        if all(holds(sign(e, point), wanted) for e, wanted in conditions):
            return True
    return False


coefficients = st.lists(st.integers(-4, 4), min_size=1, max_size=4)
factor = coefficients.map(lambda cs: sum(c * p**k for k, c in enumerate(cs)))
# products of factors: shared and repeated roots between the conditions
polynomials = st.lists(factor, min_size=1, max_size=3).map(lambda fs: sympy.expand(sympy.Mul(*fs)))
bound = st.one_of(st.none(), st.fractions(-3, 3, max_denominator=4).map(sympy.Rational))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(polynomials, st.sampled_from([1, 0, -1, NONNEGATIVE])),
                min_size=1, max_size=3), bound, bound)
def test_agrees_with_solveset(conditions, lower, upper):  # type: ignore[no-untyped-def]
    if lower is not None and upper is not None and lower > upper:
        lower, upper = upper, lower
    conditions = [(e, s) for e, s in conditions if e.free_symbols]
    if not conditions:
        return
    bounds = {p: (lower, upper)}
    assert satisfiable(conditions, bounds) == oracle(conditions, bounds)


def test_high_degree_is_decided():
    """Degree 64 near the formula limit: a root in (0, 1) is found exactly."""
    f = p**64 - p**63 + sympy.Rational(1, 3)
    bounds = {p: (sympy.Integer(0), sympy.Integer(1))}
    assert satisfiable([(f, 1)], bounds) is True
    assert satisfiable([(f, -1)], bounds) is False  # f > 0 on [0, 1]: min at 63/64 is ~0.33
    assert satisfiable([(f - sympy.Rational(1, 3), -1)], bounds) is True


def test_touching_root_and_bounds():
    """(p - 1)**2 <= 0 only at p = 1; with p < 1 strictly excluded by bounds it is empty."""
    bounds = {p: (sympy.Integer(0), sympy.Integer(1))}
    assert satisfiable([(-(p - 1) ** 2, NONNEGATIVE)], bounds) is True
    assert satisfiable([(-(p - 1) ** 2, NONNEGATIVE), (p - 1, -1)], bounds) is False
    assert satisfiable([(p**2 - 2, 0)], {p: (sympy.Integer(0), None)}) is True
    assert satisfiable([(p**2 - 2, 0), (p - sympy.Rational(7, 5), -1)],
                       {p: (sympy.Integer(0), None)}) is False


def test_a_rational_root_at_a_bound_is_found():
    """-18p^3 - 18p^2 + 20p + 16 = -2(3p + 4)(3p + 2)(p - 1): its root -4/3 is the lower
    bound, and sympy's root isolation put it strictly inside an interval, which bisection
    could never separate from the bound (found by hypothesis: the check never ended)."""
    f = -18 * p**3 - 18 * p**2 + 20 * p + 16
    bounds = {p: (sympy.Rational(-4, 3), None)}
    assert satisfiable([(f, 0)], bounds) is True
    assert satisfiable([(f, 0), (p + sympy.Rational(4, 3), 1)], bounds) is True  # -2/3 or 1
    assert satisfiable([(f, 0), (p, 1), (p - 1, -1)], bounds) is False
    assert oracle([(f, 0)], bounds)
