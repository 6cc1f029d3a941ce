"""Numbers a + b sqrt(d): arithmetic and comparisons agree with sympy's exact answers."""

from __future__ import annotations

from fractions import Fraction

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.repeated.surd import Surd, quadratic_root

fractions = st.fractions(min_value=-50, max_value=50, max_denominator=30)


def close(left: sympy.Expr, right: sympy.Expr) -> bool:
    return abs(sympy.N(left - right, 60)) < sympy.Float("1e-45")


@settings(max_examples=40, deadline=None)
@given(a=fractions, b=fractions, c=fractions, e=fractions, d=st.sampled_from([2, 3, 5, 23041]))
def test_operations_agree_with_sympy(a, b, c, e, d):
    x, y = Surd(a, b, d), Surd(c, e, d)
    sx, sy = x.expression(), y.expression()
    assert close((x + y).expression(), sx + sy) and close((x * y).expression(), sx * sy)
    if y != 0:
        assert close((x / y).expression(), sx / sy)
    difference = sympy.expand(sx - sy)  # exact: both are a + b*sqrt(d)
    assert (x == y) == (difference == 0)
    assert (x < y) == (difference != 0 and sympy.N(difference, 60) < 0)
    below = sympy.expand(sx - sympy.Rational(c.numerator, c.denominator))
    assert (x >= Fraction(c)) == (below == 0 or sympy.N(below, 60) > 0)


def test_quadratic_root_nearest():
    root = quadratic_root([400, -1105, -2477], 4.2)
    assert str(root) == "221/160 + 3*sqrt(23041)/160"
    assert quadratic_root([1, -3, 2], 0.9) == 1  # a perfect square: a fraction
