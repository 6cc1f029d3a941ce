"""Exact outcome probabilities when two parameters are uncertain and uniform.

The regions are bounded by their comparisons (keys). Where every key is at most linear in the
second parameter ``y`` (``a(x) y + b(x)``), each boundary is a curve ``y = -b(x)/a(x)``, and
the picture changes along ``x`` only where a curve starts or ends (``a(x) = 0``), where two
curves cross, where a curve meets the box's top or bottom, or at a key of ``x`` alone: between
two such points the curves keep their order, so one sample ``x`` decides the region of every
cell between neighbouring curves, and the probability of a cell is the integral of its height
over the stretch, divided by the box's area (sympy integrates the rational functions exactly:
``log`` appears where a boundary is a hyperbola).

>>> from commit_calc.io import load_game
>>> from commit_calc.uncertainty.distributions import parse_distribution
>>> game = load_game("enforcer-reliability")
>>> beliefs = [parse_distribution("uniform(0, 1)", "reliability", 0, 1),
...            parse_distribution("uniform(200, 300)", "salary", 0)]
>>> found = exact_two_uniform(game, beliefs)
>>> found.outcomes["Disarm > Reliable: Honor | Unreliable: Renege"]
1 - 10*log(17/16)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import sympy

from commit_calc.analysis.along import exact_sign, point_between
from commit_calc.analysis.region_grid import regions_of
from commit_calc.analysis.regions import RegionAnalysis
from commit_calc.errors import UnsupportedGameError
from commit_calc.uncertainty.distributions import Distribution
from commit_calc.uncertainty.exact import ExactProbabilities


def exact_two_uniform(game: object, beliefs: Sequence[Distribution],
                      values: Mapping[str, object] | None = None, *,
                      analysis: RegionAnalysis | None = None) -> ExactProbabilities:
    """Exact probabilities for two independent uniform parameters (the others at ``values``,
    defaults elsewhere, or over ``analysis``, regions already computed whose keys hold only
    these two). Raises :class:`UnsupportedGameError` where the keys are not linear in the
    second parameter, or the distributions are not uniform."""
    if len(beliefs) != 2 or any(b.kind != "uniform" for b in beliefs):
        raise UnsupportedGameError("exact probabilities over a plane need two uniform "
                                   "parameters")
    names = [b.parameter for b in beliefs]
    if analysis is None:
        others = {n: v for n, v in game.parameters.values(  # type: ignore[attr-defined]
            values).items() if n not in names}
        analysis = regions_of(game, others, "auto")  # type: ignore[arg-type]
    x, y = (analysis.symbols[n] for n in names)
    (x0, x1), (y0, y1) = ((b.arguments[0], b.arguments[1]) for b in beliefs)
    curves = []  # (a(x), b(x)) of each key linear in y
    cuts = set()
    for key in analysis.keys:
        poly = sympy.Poly(key, y)
        if poly.degree() > 1:
            raise UnsupportedGameError(f"exact probabilities: {key} is not linear in {y}")
        a, b = (poly.coeff_monomial(y), poly.coeff_monomial(1)) if poly.degree() == 1 else (
            sympy.Integer(0), key)
        if a != 0:
            curves.append((a, b))
            cuts |= _roots(a, x) | _roots(a * y0 + b, x) | _roots(a * y1 + b, x)
        else:
            cuts |= _roots(b, x)
    for (a1, b1), (a2, b2) in itertools.combinations(curves, 2):
        cuts |= _roots(b1 * a2 - b2 * a1, x)
    edges = sorted({c for c in cuts if x0 < c < x1} | {x0, x1}, key=lambda r: sympy.Float(r, 30))
    area = (x1 - x0) * (y1 - y0)
    masses: dict[str, sympy.Expr] = {}
    sets: dict[str, sympy.Expr] = {}
    invalid = sympy.Integer(0)
    for left, right in zip(edges, edges[1:]):
        at = point_between(left, right)
        heights = sorted({y0, y1} | {h for h in (-b / a for a, b in curves) if
                                     a.subs(x, at) != 0 and y0 < h.subs(x, at) < y1},
                         key=lambda h: h.subs(x, at))
        for low, high in zip(heights, heights[1:]):
            middle = (low.subs(x, at) + high.subs(x, at)) / 2
            signs = {k: exact_sign(k.xreplace({x: at, y: middle})) for k in analysis.keys}
            region = next((r for r in analysis.regions if r.contains(signs)), None)
            mass = sympy.integrate(sympy.cancel(high - low), (x, left, right)) / area
            if region is None:
                invalid += mass
                continue
            labels = [e.outcome for e in region.equilibria]
            for label in dict.fromkeys(labels):
                masses[label] = masses.get(label, sympy.Integer(0)) + mass
            key = " / ".join(labels)
            sets[key] = sets.get(key, sympy.Integer(0)) + mass
    return ExactProbabilities({k: _tidy(v) for k, v in masses.items()},
                              {k: _tidy(v) for k, v in sets.items()}, _tidy(invalid),
                              analysis.complete)


def _roots(polynomial: sympy.Expr, x: sympy.Symbol) -> set[sympy.Expr]:
    polynomial = sympy.expand(polynomial)
    if not polynomial.has(x):
        return set()
    return set(sympy.Poly(polynomial, x).real_roots())


def _tidy(value: sympy.Expr) -> sympy.Expr:
    """Logarithms combined, and a logarithm of a power written as a multiple:
    ``log(2**40/17**10)`` is ``-10*log(17/16)``."""
    combined = sympy.logcombine(sympy.simplify(value), force=True)
    return combined.replace(lambda e: isinstance(e, sympy.log) and e.args[0].is_Rational
                            and e.args[0] > 0, lambda e: _power_log(e.args[0]))


def _power_log(number: sympy.Rational) -> sympy.Expr:
    if number < 1:
        return -_power_log(1 / number)
    for n in range(64, 1, -1):
        p, exact_p = sympy.integer_nthroot(int(number.p), n)
        q, exact_q = sympy.integer_nthroot(int(number.q), n)
        if exact_p and exact_q:
            return n * sympy.log(sympy.Rational(p, q), evaluate=False)
    return sympy.log(number, evaluate=False)
