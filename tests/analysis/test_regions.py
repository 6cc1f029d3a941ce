"""Regions and thresholds against closed forms derived by hand (issue 5), and against
per-point exact solving.

Hand derivations for the Fifth Legion games (payoffs (Rebels, Regime), U_H = salary + amnesty
+ territorial, U_N = -(conscription_cost + retribution_cost)): by backward induction
(Selten 1975; Fearon 1995 for the commitment problem; Walter 1997 for third-party
enforcement), the regime honours after a Reliable draw iff area_value - salary >= area_value +
renege_gain - patrol_cost + crowding_out - sanction, i.e. salary <= patrol_cost - crowding_out +
sanction - renege_gain (= 400 at the defaults), and never after an Unreliable draw at the
defaults; the rebels then disarm iff r*U_H + (1 - r)*U_N >= exile_payoff, i.e.
r >= (exile_payoff + conscription_cost + retribution_cost) / (U_H - U_N) (= 20/33 at defaults).
"""

from __future__ import annotations

import random

import pytest
import sympy
from fifth_legion_games import build_disarm_trust, build_enforcer_reliability

from commit_calc.analysis.labels import profile_label
from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.thresholds import comparative_statics, thresholds
from commit_calc.errors import ParameterError
from commit_calc.io import load_game
from commit_calc.io.catalog import list_games
from commit_calc.solvers.solve import solve

DISARM = "Disarm > Reliable: Honor | Unreliable: Renege"


@pytest.fixture(scope="module")
def enforcer():
    return build_enforcer_reliability()


@pytest.fixture(scope="module")
def disarm_trust():
    return build_disarm_trust()


def outcomes_at(analysis, **values):
    return sorted(e.outcome for e in analysis.region_at(values).equilibria)


def test_enforcer_reliability_threshold_at_defaults(enforcer):
    analysis = parameter_regions(enforcer, {"salary": 250} | {
        k: v for k, v in {"amnesty": 300, "territorial": 100, "conscription_cost": 600,
                          "retribution_cost": 400, "exile_payoff": 0, "area_value": 1000,
                          "war_cost": 600, "renege_gain": 400, "patrol_cost": 200,
                          "sanction": 600, "crowding_out": 0}.items()})
    assert [str(r.condition) for r in analysis.regions] == [
        "reliability < 20/33", "Eq(reliability, 20/33)", "reliability > 20/33"]
    assert outcomes_at(analysis, reliability="20/33") == [DISARM, "Stay armed"]
    assert outcomes_at(analysis, reliability="1/2") == ["Stay armed"]
    assert outcomes_at(analysis, reliability="2/3") == [DISARM]
    found = thresholds(analysis, "reliability")
    assert [t.value for t in found] == [sympy.Rational(20, 33)]
    assert found[0].increasing is True


def test_symbolic_reliability_threshold_is_the_hand_formula(enforcer):
    analysis = parameter_regions(enforcer)
    s = analysis.symbols
    expected = (s["exile_payoff"] + s["conscription_cost"] + s["retribution_cost"]) / (
        s["salary"] + s["amnesty"] + s["territorial"] + s["conscription_cost"]
        + s["retribution_cost"])
    found = thresholds(analysis, "reliability")
    matching = [t for t in found if sympy.simplify(t.formula - expected) == 0]
    assert len(matching) == 1
    assert matching[0].value == sympy.Rational(20, 33)


def test_minimum_salary_for_a_given_reliability(enforcer):
    analysis = parameter_regions(enforcer)
    s = analysis.symbols
    r = s["reliability"]
    # r*(salary + amnesty + territorial + c + k) >= exile + c + k, solved for salary
    expected = (s["exile_payoff"] + s["conscription_cost"] + s["retribution_cost"]) / r - (
        s["amnesty"] + s["territorial"] + s["conscription_cost"] + s["retribution_cost"])
    found = thresholds(analysis, "salary", {"reliability": "2/3"})
    matching = [t for t in found if sympy.simplify(t.formula - expected) == 0]
    assert [t.value for t in matching] == [100]


def test_salary_window_of_enforcer_reliability(enforcer):
    """A salary too high tempts the regime to renege even with a reliable enforcer."""
    analysis = parameter_regions(enforcer, {"reliability": "2/3"} | {
        k: v for k, v in {"amnesty": 300, "territorial": 100, "conscription_cost": 600,
                          "retribution_cost": 400, "exile_payoff": 0, "area_value": 1000,
                          "war_cost": 600, "renege_gain": 400, "patrol_cost": 200,
                          "sanction": 600, "crowding_out": 0}.items()})
    assert outcomes_at(analysis, salary=99) == ["Stay armed"]
    assert outcomes_at(analysis, salary=100) == [DISARM, "Stay armed"]
    assert outcomes_at(analysis, salary=250) == [DISARM]
    # a tie after a Reliable draw: Honor (then disarming pays 2/3*800 - 1/3*1000 > 0) or
    # Renege (then the rebels stay armed)
    assert outcomes_at(analysis, salary=400) == [DISARM, "Stay armed"]
    assert outcomes_at(analysis, salary=401) == ["Stay armed"]
    values = sorted(t.value for t in thresholds(analysis, "salary"))
    assert values == [100, 400]


def test_salary_window_of_disarm_trust(disarm_trust):
    """Without an enforcer the regime honours iff salary <= patrol_cost - renege_gain, and the
    rebels disarm iff honoured and U_H >= exile_payoff: a window [exile - amnesty -
    territorial, patrol_cost - renege_gain]."""
    analysis = parameter_regions(disarm_trust, {"renege_gain": 0, "exile_payoff": 450})
    assert outcomes_at(analysis, salary=49) == ["Stay armed"]
    assert outcomes_at(analysis, salary=50) == ["Disarm > Honor", "Stay armed"]
    assert outcomes_at(analysis, salary=120) == ["Disarm > Honor"]
    assert outcomes_at(analysis, salary=200) == ["Disarm > Honor", "Stay armed"]
    assert outcomes_at(analysis, salary=201) == ["Stay armed"]
    at_defaults = parameter_regions(disarm_trust, {"salary": 250, "renege_gain": 400})
    region = at_defaults.region_at({})
    assert [e.outcome for e in region.equilibria] == ["Stay armed"]


def test_a_condition_that_always_holds_says_so():
    analysis = parameter_regions(load_game("battle-of-the-sexes"))
    assert len(analysis.regions) == 1 and analysis.regions[0].always
    assert analysis.regions[0].condition == sympy.true


def test_comparative_statics_of_the_reliability_threshold(enforcer):
    analysis = parameter_regions(enforcer, {"exile_payoff": 0})
    found = [t for t in thresholds(analysis, "reliability") if t.value == sympy.Rational(20, 33)]
    signs = {s.parameter: s.sign for s in comparative_statics(analysis, found)
             if s.quantity.startswith("threshold")}
    assert signs["salary"] == "<= 0"  # a higher salary lowers the reliability needed
    assert signs["conscription_cost"] == ">= 0"


def test_unknown_parameter_for_thresholds(enforcer):
    analysis = parameter_regions(enforcer, {"salary": 250})
    with pytest.raises(ParameterError, match="'salary' is not a symbolic parameter"):
        thresholds(analysis, "salary")


def _point(game, rng):
    point = {}
    for p in game.parameters:
        low = p.lower if p.lower is not None else p.default - 500
        high = p.upper if p.upper is not None else max(p.default, low) + 1000
        point[p.name] = low + (high - low) * sympy.Rational(rng.randint(0, 40), 40)
    return point


def _solved(game, point):
    result = solve(game, point)
    return sorted(
        (profile_label(result.game, e.profile), tuple(e.payoffs),
         tuple(tuple(d) for d in e.profile.probabilities))
        for e in result.equilibria)


def _from_regions(analysis, point):
    region = analysis.region_at(point)
    mapping = {analysis.symbols[k]: v for k, v in point.items()}
    return sorted(
        (e.outcome, tuple(_exact(v.xreplace(mapping)) for v in e.payoffs.values()),
         tuple(tuple(_exact(sympy.sympify(x).xreplace(mapping)) for x in d)
               for d in e.distributions))
        for e in region.equilibria)


def _boundary_points(analysis, point, rng, count):
    """Up to ``count`` points exactly on boundaries of the regions: a key solved for one of
    its parameters in which it is linear, the others as in ``point`` (within the bounds)."""
    names = {symbol: name for name, symbol in analysis.symbols.items()}
    keys = list(analysis.keys)
    rng.shuffle(keys)
    found = []
    for key in keys:
        linear = [s for s in sorted(key.free_symbols, key=str) if sympy.degree(key, s) == 1]
        if not linear:
            continue
        symbol = rng.choice(linear)
        rest = {s: point[names[s]] for s in key.free_symbols if s != symbol}
        (root,) = sympy.solve(key.xreplace(rest), symbol) or (None,)
        if root is None or not root.is_Rational:
            continue
        on = {**point, names[symbol]: root}
        try:
            analysis.region_at(on)
        except ParameterError:  # out of bounds, or a chance probability outside [0, 1]
            continue
        found.append(on)
        if len(found) == count:
            break
    return found


def _exact(value):
    """``value`` as a rational: nsimplify leaves no rational alone (sympy 1.14 turns 1052/1423,
    a point of repeated-prisoners-dilemma, into a product of fractional powers)."""
    return value if value.is_Rational else sympy.nsimplify(value)


#: Games whose regions with every parameter symbolic exceed the case split's limit (the
#: signalling games' reduced normal forms with 12-13 parameters): checked with only a few
#: parameters symbolic, below.
HEAVY = {"costly-implementation": ("signal_cost_committed", "signal_cost_opportunistic"),
         "reputation-two-cohorts": ("prior_committed", "discount")}


@pytest.mark.parametrize("name", [name for name, *_ in list_games() if name not in HEAVY])
def test_random_points_match_per_point_solving(name):
    """Every catalog game: where the regions are incomplete (mixed equilibria of a subgame
    larger than 2x2, or of three players, not analysed: they say so), their pure equilibria
    are solve's pure ones (pure behaviour is pure play in the reduced normal form)."""
    game = load_game(name)
    analysis = parameter_regions(game)
    rng = random.Random(name)
    points = [_point(game, rng) for _ in range(12)]
    for point in [*points, *_boundary_points(analysis, points[0], rng, 6)]:
        solved = _solved(game, point)
        if not analysis.complete:
            solved = [e for e in solved if all(x in (0, 1) for d in e[2] for x in d)]
        assert _from_regions(analysis, point) == solved, point


@pytest.mark.parametrize("name", sorted(HEAVY))
def test_heavy_games_with_two_symbolic_parameters(name):
    game = load_game(name)
    free = HEAVY[name]
    fixed = {p.name: p.default for p in game.parameters if p.name not in free}
    analysis = parameter_regions(game, fixed)
    rng = random.Random(name)
    points = [{k: v for k, v in _point(game, rng).items() if k in free} for _ in range(8)]
    for symbolic in [*points, *_boundary_points(analysis, points[0], rng, 6)]:
        solved = _solved(game, {**fixed, **symbolic})
        if not analysis.complete:
            solved = [e for e in solved if all(x in (0, 1) for d in e[2] for x in d)]
        assert _from_regions(analysis, symbolic) == solved, symbolic
