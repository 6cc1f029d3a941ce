"""Sign conditions on the parameters: the building blocks of regions.

Every comparison a player makes (``payoff of Honor - payoff of Renege > 0``) is reduced to the
sign of a *key*: a primitive polynomial in the parameters with positive leading coefficient, so
that ``2*salary - 800 > 0`` and ``400 - salary < 0`` share the key ``salary - 400``. A region
is then a set of allowed signs (``+1``, ``0``, ``-1``) per key.

>>> import sympy
>>> s = sympy.Symbol("salary", nonnegative=True)
>>> requirement(2*s - 800, ">")
(salary - 400, frozenset({1}))
>>> requirement(400 - s, ">=")
(salary - 400, frozenset({0, -1}))
>>> requirement(s + 1, ">")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import sympy

from commit_calc.errors import UnsupportedGameError

Signs = frozenset[int]
Requirement = tuple[sympy.Expr, Signs]

_ALLOWED = {">": {1}, ">=": {1, 0}, "==": {0}, "<": {-1}, "<=": {-1, 0}}


def canonical(expression: sympy.Expr) -> tuple[sympy.Expr, int] | int:
    """``(key, sign)`` with ``expression`` of the sign ``sign * sign(key)``, or the constant
    sign (1, 0, -1) of an expression that does not vary.

    Raises :class:`UnsupportedGameError` for expressions that are not a polynomial over a
    denominator of known sign (formulas with ``min``/``max``, or division by a parameter that
    may change sign).
    """
    # cancel works on polynomials (fast for nested fractions, where expand took minutes);
    # the denominator, factored, shows its sign as the formula's own factors did
    numerator, denominator = sympy.fraction(sympy.cancel(expression))
    if not denominator.is_number:
        denominator = sympy.factor(denominator)
    if denominator.is_positive:
        outer = 1
    elif denominator.is_negative:
        outer = -1
    else:
        raise UnsupportedGameError(
            f"symbolic analysis: cannot tell the sign of the denominator {denominator} in "
            f"{expression}"
        )
    numerator = sympy.expand(numerator)
    if numerator.is_number:
        return outer * sign_of(numerator)
    if numerator.has(sympy.Min, sympy.Max, sympy.Piecewise, sympy.Abs):
        from commit_calc.formula import format_formula

        raise UnsupportedGameError(
            f"symbolic analysis: {format_formula(expression)} uses min/max here (chance "
            "probabilities); solve point by point instead"
        )
    symbols = sorted(numerator.free_symbols, key=str)
    try:
        poly = sympy.Poly(numerator, *symbols, domain="QQ")
    except sympy.PolynomialError:
        raise UnsupportedGameError(
            f"symbolic analysis: {expression} is not a polynomial in the parameters"
        ) from None
    content, primitive = poly.primitive()
    leading = primitive.LC()
    sign = 1 if leading > 0 else -1
    key = sympy.expand(sign * primitive.as_expr())
    return key, outer * sign * (1 if content > 0 else -1)


def sign_of(number: sympy.Expr) -> int:
    """The sign (1, 0, -1) of a constant expression.

    >>> sign_of(sympy.Rational(-2, 3))
    -1
    """
    return 1 if number > 0 else (-1 if number < 0 else 0)


@lru_cache(maxsize=65536)
def requirement(expression: sympy.Expr, relation: str) -> Requirement | bool:
    """The condition ``expression RELATION 0`` as ``(key, allowed signs)``, or a constant bool.

    Cached: the same comparisons recur in every case of a case split (payoffs with
    ``min``/``max`` multiply the cases).
    """
    allowed = _ALLOWED[relation]
    possible = _possible_signs(expression)
    if possible <= allowed:
        return True
    if not possible & allowed:
        return False
    found = canonical(expression)
    if isinstance(found, int):
        return found in allowed
    key, sign = found
    return key, frozenset(sign * s for s in allowed)


def _possible_signs(expression: sympy.Expr) -> set[int]:
    """The signs ``expression`` can take given the symbols' assumptions (e.g. nonnegative)."""
    expression = sympy.cancel(expression)  # expanded over one denominator (expand: minutes
    # on nested fractions such as d2 = d1*d1/(d1 + 1) defined four times over)
    if expression.is_positive:
        return {1}
    if expression.is_negative:
        return {-1}
    if expression.is_zero:
        return {0}
    if expression.is_nonnegative:
        return {1, 0}
    if expression.is_nonpositive:
        return {-1, 0}
    return {1, 0, -1}


def conjunction(requirements: Iterable[Requirement | bool]) -> dict[sympy.Expr, Signs] | None:
    """Intersect requirements into ``{key: allowed signs}``; ``None`` if some is never true."""
    result: dict[sympy.Expr, Signs] = {}
    for item in requirements:
        if item is True:
            continue
        if item is False:
            return None
        key, allowed = item
        merged = result.get(key, frozenset({1, 0, -1})) & allowed
        if not merged:
            return None
        result[key] = merged
    return result


def evaluate_term(term: Mapping[sympy.Expr, Signs], signs: Mapping[sympy.Expr, int]) -> bool | None:
    """Is the conjunction ``term`` true, false or still open under a partial sign assignment?"""
    open_ = False
    for key, allowed in term.items():
        if key in signs:
            if signs[key] not in allowed:
                return False
        else:
            open_ = True
    return None if open_ else True


def relational(key: sympy.Expr, allowed: Signs, solve_for: sympy.Symbol | None = None
               ) -> sympy.Basic:
    """A readable sympy condition for ``sign(key) in allowed``.

    A key in one parameter, or linear in ``solve_for`` with a coefficient of known sign, is
    solved for it (``reliability >= 20/33``); otherwise terms are split so both sides have
    positive coefficients (``reliability*(amnesty + salary) >= exile_payoff``).
    """
    if allowed == frozenset({1, 0, -1}):
        return sympy.true
    if not allowed:
        return sympy.false
    if allowed == frozenset({1, -1}):
        return sympy.Ne(*_sides(key, solve_for))
    relation = {
        frozenset({1}): sympy.StrictGreaterThan, frozenset({1, 0}): sympy.GreaterThan,
        frozenset({0}): sympy.Eq, frozenset({-1}): sympy.StrictLessThan,
        frozenset({-1, 0}): sympy.LessThan,
    }[allowed]
    left, right, flip = _isolated(key, solve_for)
    if flip:
        relation = {
            sympy.StrictGreaterThan: sympy.StrictLessThan, sympy.GreaterThan: sympy.LessThan,
            sympy.StrictLessThan: sympy.StrictGreaterThan, sympy.LessThan: sympy.GreaterThan,
            sympy.Eq: sympy.Eq,
        }[relation]
    return relation(left, right, evaluate=False)


def _isolated(key: sympy.Expr, solve_for: sympy.Symbol | None
              ) -> tuple[sympy.Expr, sympy.Expr, bool]:
    """``(left, right, flipped)`` with ``key REL 0`` equivalent to ``left REL' right``."""
    symbols = sorted(key.free_symbols, key=str)
    target = solve_for if solve_for in key.free_symbols else (
        symbols[0] if len(symbols) == 1 else None
    )
    if target is not None:
        poly = sympy.Poly(key, target)
        if poly.degree() == 1:
            coefficient = poly.coeffs()[0]
            if coefficient.is_positive or coefficient.is_negative:
                rest = key - coefficient * target
                return target, sympy.factor(-rest / coefficient), bool(coefficient.is_negative)
    left, right = _sides(key, solve_for)
    return left, right, False


def _sides(key: sympy.Expr, solve_for: sympy.Symbol | None) -> tuple[sympy.Expr, sympy.Expr]:
    """Split ``key`` into ``left - right`` with positive coefficients on each side."""
    symbols = sorted(key.free_symbols, key=str)
    gather = solve_for if solve_for in key.free_symbols else None
    if gather is None:
        monomials = [m for m in sympy.Poly(key, *symbols).monoms() if sum(m) > 1]
        counts = {s: sum(1 for m in monomials if m[k]) for k, s in enumerate(symbols)}
        most = max(counts.values(), default=0)
        gather = next((s for s in symbols if most and counts[s] == most), None)
    positive: list[sympy.Expr] = []
    negative: list[sympy.Expr] = []
    collected = sympy.collect(key, gather, evaluate=False) if gather is not None else {
        sympy.Integer(1): key}
    for factor, coefficient in collected.items():
        if factor == 1:
            for term in sympy.Add.make_args(coefficient):
                (negative if term.could_extract_minus_sign() else positive).append(term)
            continue
        if all(t.could_extract_minus_sign() for t in sympy.Add.make_args(coefficient)):
            negative.append(factor * coefficient)
        else:
            positive.append(factor * coefficient)
    left = sympy.Add(*positive) if positive else sympy.Integer(0)
    right = -sympy.Add(*negative) if negative else sympy.Integer(0)
    return left, right
