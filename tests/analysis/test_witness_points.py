"""The points the satisfiability check finds (issue 14, speed: reused to prove the case
split's pieces non-empty without another check) satisfy their conditions exactly, and the
pieces they prove non-empty are the ones the check alone proves non-empty."""

from __future__ import annotations

from fractions import Fraction

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.analysis.feasibility import NONNEGATIVE, satisfiable, satisfying_point
from commit_calc.analysis.witnesses import Witnesses

x, y, z = sympy.symbols("x y z")
BOUNDS = {x: (sympy.Integer(0), sympy.Integer(1)), y: (sympy.Integer(0), None),
          z: (None, None)}


def _value(expression: sympy.Expr, point: dict[sympy.Symbol, Fraction]) -> sympy.Rational:
    mapping = {s: sympy.Rational(v.numerator, v.denominator) for s, v in point.items()}
    value: sympy.Rational = expression.xreplace(mapping)
    return value


def _holds(value: sympy.Rational, sign: int) -> bool:
    return bool(value >= 0) if sign == NONNEGATIVE else sympy.sign(value) == sign


monomial = st.sampled_from([sympy.Integer(1), x, y, z, x * y, y * z, x * z])
polynomial = st.lists(st.tuples(st.integers(-3, 3), monomial), min_size=1, max_size=4).map(
    lambda terms: sympy.expand(sum(c * m for c, m in terms)))
conditions = st.lists(st.tuples(polynomial, st.sampled_from([1, 0, -1, NONNEGATIVE])),
                      min_size=1, max_size=4).map(
    lambda cs: [(e, s) for e, s in cs if e.free_symbols])


@settings(max_examples=120, deadline=None)
@given(conditions)
def test_points_satisfy_their_conditions(system):  # type: ignore[no-untyped-def]
    if not system:
        return
    verdict, point = satisfying_point(system, BOUNDS)
    assert verdict == satisfiable(system, BOUNDS)
    if point is None:
        return
    assert verdict is True
    for symbol, value in point.items():
        lower, upper = BOUNDS[symbol]
        assert lower is None or value >= lower
        assert upper is None or value <= upper
    for expression, sign in system:
        assert _holds(_value(expression, point), sign), (expression, sign, point)


def test_kept_points_prove_only_what_holds_there():
    known = Witnesses(BOUNDS)
    known.add({x: Fraction(1, 2), y: Fraction(3)}, {x * y - 1: frozenset({1})})
    assert known.holds({x * y - 1: frozenset({1}), z: frozenset({0})})  # z at its default 0
    assert not known.holds({x * y - 1: frozenset({-1})})
    known.add({x: Fraction(2)}, {})  # outside the bounds: not kept
    assert not known.holds({x - 1: frozenset({1})})
    known.add({y: Fraction(1)}, {y - 2: frozenset({1})})  # not a point of its term
    assert not known.holds({y - 2: frozenset({-1}), x: frozenset({0})})
