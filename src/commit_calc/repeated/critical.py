"""Conditions as formulas, and critical discount factors (and critical values of the other
parameters) from the one-shot deviation check.

A one-shot condition ``gain <= 0`` is first freed of factors whose sign is fixed on the
domain of the discount factor, ``0 < discount < 1`` (and of a continuation probability in
``(0, 1]``), such as ``1 - discount``; what remains is written with the sign-condition
machinery of :mod:`commit_calc.analysis.atoms`, solved for the discount factor where it is
linear in it.

>>> from commit_calc.io import load_game
>>> from commit_calc.repeated.deviation import one_shot_check
>>> from commit_calc.repeated.model import RepeatedGame
>>> from commit_calc.repeated.strategies import named_automaton
>>> game = RepeatedGame.over(load_game("prisoners-dilemma"))
>>> check = one_shot_check(game, named_automaton(game, "grim-trigger"))
>>> critical_discount(check, game.check_values())
1/2
>>> formula = critical_discount_formula(check, game.check_values())
>>> formula.formula, formula.assumptions
(1/2, ())
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy

from commit_calc.analysis.atoms import relational, requirement
from commit_calc.errors import UnsupportedGameError
from commit_calc.repeated.deviation import Incentive, OneShotCheck
from commit_calc.repeated.solution_set import nonpositive_set


@dataclass(frozen=True)
class CriticalFormula:
    """The smallest discount factor as a formula, valid where the ``assumptions`` (strict
    inequalities true at the values it was derived at) hold; ``formula`` is ``None`` where a
    condition is not linear in the discount factor."""

    formula: sympy.Expr | None
    assumptions: tuple[sympy.Basic, ...]
    text: str = ""


def reduced(check: OneShotCheck, incentive: Incentive) -> sympy.Expr:
    """``incentive.gain`` up to a factor positive on the domain (same sign as the gain)."""
    return without_domain_factors(check, incentive.gain)


def without_domain_factors(check: OneShotCheck, expression: sympy.Expr) -> sympy.Expr:
    """``expression`` divided by its factors of known sign on the domain of the discount
    factor and the continuation probability (times -1 for a negative one)."""
    domain = _domain_substitution(check)
    numerator, denominator = sympy.fraction(sympy.cancel(expression))
    sign = 1
    kept = []
    for part, power in ((numerator, 1), (denominator, -1)):
        coefficient, factors = sympy.factor_list(part)
        sign *= 1 if coefficient >= 0 else -1
        for factor, exponent in factors:
            if factor.free_symbols and factor.free_symbols <= set(domain):
                fixed = _sign_on_domain(factor, domain, check.game.discount_symbol)
                if fixed is not None:
                    sign *= fixed ** exponent
                    continue
            kept.append(factor ** (exponent * power))
    return sign * sympy.Mul(*kept)


def _sign_condition(check: OneShotCheck, expression: sympy.Expr, relation: str) -> sympy.Basic:
    """``expression RELATION 0`` as a readable condition."""
    expression = without_domain_factors(check, expression)
    try:
        found = requirement(expression, relation)
    except UnsupportedGameError:
        return sympy.Rel(expression, 0, relation)
    if isinstance(found, bool):
        return sympy.true if found else sympy.false
    key, signs = found
    d = check.game.discount_symbol
    written = relational(key, signs, solve_for=d)
    if d not in key.free_symbols or isinstance(written, sympy.Ne) or written.lhs == d:
        return written
    return _discount_apart(key, signs, d)


def _discount_apart(key: sympy.Expr, signs: frozenset[int], d: sympy.Symbol) -> sympy.Basic:
    """``sign(key) in signs`` as ``(terms with d, factored) REL (the rest, factored)``, the
    side with ``d`` written with a positive sign: ``continuation*discount*(war_cost + ...) >=
    renege_gain + salary - patrol_cost``."""
    relation = {frozenset({1}): ">", frozenset({1, 0}): ">=", frozenset({0}): "==",
                frozenset({-1}): "<", frozenset({-1, 0}): "<="}[signs]
    with_d = sympy.Add(*(t for t in sympy.Add.make_args(key) if d in t.free_symbols))
    rest = key - with_d
    left, right = sympy.expand(with_d), -rest
    terms = sympy.Add.make_args(left)
    if 2 * sum(1 for t in terms if t.could_extract_minus_sign()) > len(terms):
        left, right = -left, -right
        relation = {">": "<", ">=": "<=", "==": "==", "<": ">", "<=": ">="}[relation]
    return sympy.Rel(sympy.factor_terms(left), sympy.factor_terms(right), relation,
                     evaluate=False)


def condition(check: OneShotCheck, incentive: Incentive) -> sympy.Basic:
    """The condition ``gain <= 0`` as a readable sympy condition."""
    return _sign_condition(check, incentive.gain, "<=")


def critical_discount(check: OneShotCheck, values: Mapping[str, sympy.Rational]
                      ) -> sympy.Expr | None:
    """The smallest discount factor in (0, 1) at which every one-shot condition holds, the
    other parameters at ``values`` (the infimum where the set is open); ``None`` if none."""
    found = discount_set(check, values)
    return None if found is sympy.S.EmptySet else found.inf


def discount_set(check: OneShotCheck, values: Mapping[str, sympy.Rational]) -> sympy.Set:
    """The discount factors in (0, 1) at which the profile is subgame perfect."""
    game = check.game
    symbol = game.discount_symbol
    others = {game.parameters[n].symbol: v for n, v in values.items() if n != game.discount}
    return parameter_set(check, symbol, others, sympy.Interval.open(0, 1))


def parameter_set(check: OneShotCheck, symbol: sympy.Symbol,
                  others: Mapping[sympy.Symbol, sympy.Rational], domain: sympy.Interval
                  ) -> sympy.Set:
    """The values of ``symbol`` in ``domain`` where every one-shot condition holds."""
    gains = []
    for incentive in check.incentives:
        gain = sympy.cancel(incentive.gain.xreplace(others))
        if gain.free_symbols - {symbol}:
            raise UnsupportedGameError(f"critical value of {symbol}: give every other "
                                       "parameter a value")
        gains.append(gain)
    return nonpositive_set(gains, symbol, domain.start, domain.end,
                           (bool(domain.left_open), bool(domain.right_open)))


def critical_values(check: OneShotCheck, values: Mapping[str, sympy.Rational]
                    ) -> dict[str, sympy.Basic]:
    """For each parameter in the conditions other than the discount factor: where (as a
    condition on it) the profile is subgame perfect, the others at ``values``."""
    game = check.game
    used = set().union(*(i.gain.free_symbols for i in check.incentives))
    result = {}
    for parameter in game.parameters:
        if parameter.name == game.discount or parameter.symbol not in used:
            continue
        lower = parameter.lower if parameter.lower is not None else -sympy.oo
        upper = parameter.upper if parameter.upper is not None else sympy.oo
        others = {game.parameters[n].symbol: v for n, v in values.items()
                  if n != parameter.name}
        found = parameter_set(check, parameter.symbol, others,
                              sympy.Interval(lower, upper))
        result[parameter.name] = found.as_relational(parameter.symbol) \
            if found is not sympy.S.EmptySet else sympy.false
    return result


def critical_discount_formula(check: OneShotCheck, values: Mapping[str, sympy.Rational]
                              ) -> CriticalFormula:
    """The critical discount factor as a formula in the other parameters: the largest lower
    bound that the conditions linear in the discount factor put on it (see
    :class:`CriticalFormula`)."""
    game = check.game
    d = game.discount_symbol
    at = {game.parameters[n].symbol: v for n, v in values.items()}
    lower: list[sympy.Expr] = []
    upper: list[sympy.Expr] = []
    texts: dict[sympy.Expr, str] = {}
    assumptions: list[sympy.Basic] = []
    for incentive in check.incentives:
        numerator, denominator = sympy.fraction(sympy.cancel(reduced(check, incentive)))
        if d not in numerator.free_symbols | denominator.free_symbols:
            plain = condition(check, incentive)
            if plain is sympy.false or not bool(plain.xreplace(at)):
                return CriticalFormula(None, ())
            if plain is not sympy.true:
                assumptions.append(plain)
            continue
        if d in denominator.free_symbols or sympy.degree(numerator, d) != 1:
            return CriticalFormula(None, ())
        a, b = sympy.Poly(numerator, d).all_coeffs()
        for factor in (a, denominator):
            if not factor.is_number:
                sign = sympy.sign(factor.xreplace(at))
                if sign == 0:
                    return CriticalFormula(None, ())
                assumed = _sign_condition(check, factor, ">" if sign > 0 else "<")
                if assumed is not sympy.true:
                    assumptions.append(assumed)
        top, bottom = sympy.fraction(sympy.cancel(-b / a))
        if bottom.xreplace(at) < 0:
            top, bottom = sympy.expand(-top), sympy.expand(-bottom)
        top, bottom = _oriented(top, at), _oriented(bottom, at)
        bound = top / bottom
        texts[bound] = str(top) if bottom == 1 else f"({top})/({bottom})"
        # gain = (a d + b) / denominator <= 0: a lower bound where a / denominator < 0
        if sympy.sign(a.xreplace(at)) * sympy.sign(denominator.xreplace(at)) < 0:
            lower.append(bound)
        else:
            upper.append(bound)
    formula = _largest(lower) if lower else sympy.Integer(0)
    for bound in dict.fromkeys(upper):
        if (formula - bound).xreplace(at) > 0:  # no discount factor meets every bound here
            return CriticalFormula(None, ())
        if not (bound.is_number and formula.is_number):
            assumptions.append(sympy.Le(formula, bound, evaluate=False))
    text = texts.get(formula, str(formula))
    if isinstance(formula, sympy.Max):
        text = f"max({', '.join(texts.get(b, str(b)) for b in dict.fromkeys(lower))})"
    return CriticalFormula(formula, tuple(dict.fromkeys(assumptions)), text)


def _oriented(expression: sympy.Expr, at: Mapping[sympy.Symbol, sympy.Rational]) -> sympy.Expr:
    """``expression`` factored, each factor written to be positive at ``at`` where it is
    (``war_cost + renege_gain - patrol_cost`` rather than its negative)."""
    coefficient, factors = sympy.factor_list(expression)
    parts = []
    for factor, exponent in factors:
        if factor.xreplace(at) < 0:
            factor, coefficient = sympy.expand(-factor), coefficient * (-1) ** exponent
        parts.append(factor ** exponent)
    return sympy.Mul(coefficient, *parts)


def _largest(bounds: list[sympy.Expr]) -> sympy.Expr:
    unique = list(dict.fromkeys(bounds))
    return unique[0] if len(unique) == 1 else sympy.Max(*unique)


def _domain_substitution(check: OneShotCheck) -> dict[sympy.Symbol, sympy.Expr]:
    """Symbols with a known domain, written through positive symbols: ``discount =
    u/(1 + u)`` (0 < discount < 1) and ``continuation = 1/(1 + v)`` (0 < continuation <= 1)."""
    u = sympy.Symbol("u", positive=True)
    v = sympy.Symbol("v", nonnegative=True)
    game = check.game
    domain: dict[sympy.Symbol, sympy.Expr] = {}
    if game.discount not in check.fixed:
        domain[game.discount_symbol] = u / (1 + u)
    continuation = game.continuation
    if isinstance(continuation, sympy.Symbol) and str(continuation) not in check.fixed:
        domain[continuation] = 1 / (1 + v)
    return domain


def _sign_on_domain(factor: sympy.Expr, domain: Mapping[sympy.Symbol, sympy.Expr],
                    discount: sympy.Symbol) -> int | None:
    """The sign of ``factor`` where its symbols range over their domains (``discount`` in
    (0, 1), a continuation probability in (0, 1]), if it is fixed."""
    if len(factor.free_symbols) == 1:  # a polynomial in one of them: count its roots
        [symbol] = factor.free_symbols
        poly = sympy.Poly(factor, symbol, domain=sympy.QQ)
        roots = poly.count_roots(0, 1) - (poly.eval(0) == 0) - (poly.eval(1) == 0)
        if roots == 0 and (poly.eval(1) != 0 or symbol == discount):
            return int(sympy.sign(poly.eval(sympy.Rational(1, 2))))
        return None
    numerator, denominator = sympy.fraction(sympy.cancel(factor.xreplace(dict(domain))))
    numerator = sympy.expand(numerator)
    signs = []
    for part in (numerator, denominator):
        if part.is_positive:
            signs.append(1)
        elif part.is_negative:
            signs.append(-1)
        else:
            return None
    return signs[0] * signs[1]
