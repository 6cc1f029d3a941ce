"""The lever's probability curve: regions and samples made once give the numbers that a
whole analysis at each value gives."""

import pytest
import sympy

from commit_calc.analysis.regions import parameter_regions
from commit_calc.io import load_game
from commit_calc.uncertainty import lever_curve as curves
from commit_calc.uncertainty.distributions import parse_distribution

VALUES = [sympy.Integer(0), sympy.Integer(600), sympy.Rational(1265, 2), sympy.Integer(650),
          sympy.Rational(2000, 3), sympy.Integer(700), sympy.Integer(1000)]


def _both(game, beliefs, parameter, outcome, method, values, samples=400):
    fast = curves.lever_curve(game, beliefs, {}, parameter, outcome, samples=samples,
                              seed=3, method=method)
    slow = curves._per_value(game, beliefs, {}, parameter, outcome, samples, 3, method)
    return [fast(v) for v in values], [slow(v) for v in values]


def test_exact_curve_of_disarm_trust():
    """P(disarm) = (patrol_cost - 600) / 100 on [600, 700] with salary ~ U(200, 300)."""
    game = load_game("disarm-trust")
    beliefs = [parse_distribution("uniform(200, 300)", "salary", 0)]
    fast, slow = _both(game, beliefs, "patrol_cost", "Disarm", "auto", VALUES)
    assert fast == slow
    assert [p.probability for p in fast] == [0, 0, sympy.Rational(13, 40), sympy.Rational(1, 2),
                                             sympy.Rational(2, 3), 1, 1]


@pytest.mark.parametrize("method", ["mc", "points"])
def test_estimated_curves_use_the_same_samples(method):
    game = load_game("disarm-trust")
    beliefs = [parse_distribution("uniform(200, 300)", "salary", 0),
               parse_distribution("uniform(300, 500)", "renege_gain", 0)]
    fast, slow = _both(game, beliefs, "patrol_cost", "Disarm", method, VALUES[1:6])
    assert fast == slow
    assert 0 < fast[2].estimate < 1


def test_a_slice_of_the_regions_is_the_regions_at_that_value():
    game = load_game("enforcer-reliability")
    fixed = {p.name: p.default for p in game.parameters
             if p.name not in ("reliability", "salary")}
    whole = parameter_regions(game, fixed)
    for salary in (sympy.Integer(0), sympy.Integer(250), sympy.Rational(1001, 3)):
        sliced = curves.restricted(whole, "salary", salary)
        direct = parameter_regions(game, {**fixed, "salary": salary})
        for reliability in (sympy.Rational(k, 12) for k in range(13)):
            at = {whole.symbols["reliability"]: reliability}
            signs = {k: sympy.sign(k.xreplace(at)) for k in sliced.keys}
            (region,) = [r for r in sliced.regions if r.contains(signs)]
            expected = direct.region_at({"reliability": reliability})
            assert [e.outcome for e in region.equilibria] == [
                e.outcome for e in expected.equilibria]
