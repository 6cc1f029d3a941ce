"""Where each pure perfect Bayesian equilibrium survives the Intuitive Criterion and D1,
against the solver's verdicts at points."""

from __future__ import annotations

import random
from pathlib import Path

import sympy

from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.beliefs.regions import NONNEGATIVE, condition_text, pbe_regions
from commit_calc.io import load_game

SYMBOLIC_BEER_QUICHE = Path(__file__).parent / "data" / "beer-quiche-symbolic.toml"


def _holds(term, point):
    for expression, sign in term:
        value = expression.xreplace({s: point[str(s)] for s in expression.free_symbols})
        if not (value >= 0 if sign == NONNEGATIVE else sympy.sign(value) == sign):
            return False
    return True


def _verdicts_by_region(found, point):
    """``{(choices, intuitive_criterion, d1)}`` of the profiles whose region holds."""
    verdicts = set()
    for region in found.regions:
        if any(_holds(term, point) for term in region.terms):
            survives = {name: any(_holds(term, point) for term in terms)
                        for name, terms in region.refinements.items()}
            verdicts.add((tuple(sorted(region.choices.items())),
                          survives["intuitive_criterion"], survives["d1"]))
    return verdicts


def _verdicts_by_solver(game):
    verdicts = set()
    for e in perfect_bayesian_equilibria(game).equilibria:
        choices = tuple(sorted((label, next(a for a, p in d.items() if p == 1))
                               for per in e.profile.labelled(game).values()
                               for label, d in per.items()))
        verdicts.add((choices, e.refinements["intuitive_criterion"], e.refinements["d1"]))
    return verdicts


def _agree(game, fixed, points):
    found = pbe_regions(game, fixed)
    assert all(r.refinements is not None for r in found.regions)
    for values in points:
        point = {k: sympy.Rational(v) for k, v in values.items()}
        numeric = game.at({**fixed, **values})
        assert _verdicts_by_region(found, point) == _verdicts_by_solver(numeric), values


def test_beer_quiche_refinements_by_region_agree_with_the_solver():
    """Beer-quiche with symbolic prior and payoffs: at random exact points (thresholds
    included, such as a prior of 1/2 against a duel gain of 1), the profiles whose region
    holds, and where each survives the Intuitive Criterion and D1, are the solver's."""
    game = load_game(str(SYMBOLIC_BEER_QUICHE))
    rng = random.Random(9)
    choices = {"prior_weak": ["0", "1/10", "1/3", "1/2", "2/3", "1"],
               "taste": ["0", "1/2", "1", "2", "3"], "no_duel": ["0", "1", "2", "5/2"],
               "duel_gain": ["0", "1/2", "1", "2"]}
    points = [{k: rng.choice(v) for k, v in choices.items()} for _ in range(14)]
    points.append({"prior_weak": "1/10", "taste": "1", "no_duel": "2", "duel_gain": "1"})
    _agree(game, {}, points)


def test_costly_implementation_refinements_by_region_agree_with_the_solver():
    """costly-implementation with both signal costs symbolic, at points on both sides of and
    on the thresholds (350, 800 and the line 16 c = 7 o where D1 starts to rule out the
    opportunistic regime)."""
    game = load_game("costly-implementation")
    keep = ("signal_cost_committed", "signal_cost_opportunistic")
    fixed = {p.name: p.default for p in game.parameters if p.name not in keep}
    rng = random.Random(4)
    points = [{"signal_cost_committed": c, "signal_cost_opportunistic": o}
              for c in (0, 100, 350, 500) for o in (0, 700, 800, 900)]
    points += [{"signal_cost_committed": str(sympy.Rational(rng.randint(0, 800), 2)),
                "signal_cost_opportunistic": str(sympy.Rational(rng.randint(0, 1800), 2))}
               for _ in range(6)]
    points.append({"signal_cost_committed": 175, "signal_cost_opportunistic": 400})
    _agree(game, fixed, points)


def test_pooling_survives_the_intuitive_criterion_where_the_step_does_not_pay():
    """The pooling equilibrium on No step (rebels refuse after either) fails the Intuitive
    Criterion exactly where the committed regime would gain by the step if the rebels then
    disarmed (750 - c > 400, c < 350) and the opportunistic one would not (1200 - o < 400,
    o > 800): it survives where c >= 350 or o <= 800."""
    game = load_game("costly-implementation")
    keep = ("signal_cost_committed", "signal_cost_opportunistic")
    fixed = {p.name: p.default for p in game.parameters if p.name not in keep}
    [pooling] = [r for r in pbe_regions(game, fixed).regions
                 if r.choices["committed"] == r.choices["opportunistic"] == "No step"
                 and r.choices["Implement"] == "Refuse"]
    assert sorted(sorted(condition_text(c) for c in term)
                  for term in pooling.refinements["intuitive_criterion"]) == [
        ["signal_cost_committed < 350", "signal_cost_opportunistic <= 800"],
        ["signal_cost_committed >= 350"]]


def test_games_that_are_not_signalling_games_have_no_refinement_regions():
    found = pbe_regions(load_game("selten-horse"))
    assert all(r.refinements is None for r in found.regions)
    assert any("signalling games only" in w for w in found.warnings)


def test_random_numeric_signalling_games_agree_with_the_solver():
    """Random small signalling games with payoffs 0 to 2 (many ties): the formula version of
    the tests, with nothing left open, gives the solver's verdicts."""
    from signalling_games import random_signalling_game

    rng = random.Random(21)
    for _ in range(8):
        game, _, _ = random_signalling_game(rng)
        found = pbe_regions(game)
        assert _verdicts_by_region(found, {}) == _verdicts_by_solver(game)


def test_d1_a_mixed_reply_that_leaves_the_other_type_indifferent():
    """By hand (types a, b equally likely; messages x, y; replies r0, r1, r2): pooling on y
    (reply r0, both types get 1), x unsent and answered by r2. After x the receiver is
    indifferent among all three at P(a) = 1/2, so 1/2 r1 + 1/2 r2 is a best reply; type a
    welcomes it weakly (1/2 * 2 + 1/2 * 0 = 1), type b gains exactly nothing from it
    (1/2 * 2 + 1/2 * 0 = 1), so a is not ruled out by b; b welcomes r0 (1), which a does not:
    no type is ruled out and the equilibrium survives D1. Ruling a out would leave the reply
    r2, worst for b, unsupported."""
    from signalling_games import signalling_game

    payoff = [[[(0, 1), (2, 1), (0, 2)], [(1, 1), (1, 1), (0, 0)]],
              [[(1, 2), (2, 2), (0, 1)], [(1, 1), (1, 0), (2, 0)]]]
    half = sympy.Rational(1, 2)
    game = signalling_game(["a", "b"], ["x", "y"], ["r0", "r1", "r2"], [half, half], payoff)
    pooling = (("after x", "r2"), ("after y", "r0"), ("type a", "y"), ("type b", "y"))
    assert (pooling, True, True) in _verdicts_by_region(pbe_regions(game), {})
    assert (pooling, True, True) in _verdicts_by_solver(game)


def test_thresholds_for_a_parameter_of_the_regions():
    """The boundaries in signal_cost_opportunistic: 800 (where the separating equilibrium
    starts to exist and pooling to fail the Intuitive Criterion) and 16/7 of the committed
    cost (where D1 starts to rule the opportunistic regime out); a fixed parameter is
    refused by name."""
    import pytest

    from commit_calc.beliefs.region_thresholds import region_thresholds
    from commit_calc.errors import ParameterError

    game = load_game("costly-implementation")
    keep = ("signal_cost_committed", "signal_cost_opportunistic")
    found = pbe_regions(game, {p.name: p.default for p in game.parameters if p.name not in keep})
    formulas = {str(t.formula): t for t in region_thresholds(found, "signal_cost_opportunistic")}
    assert {"800", "16*signal_cost_committed/7"} <= set(formulas)
    assert formulas["800"].increasing is True
    with pytest.raises(ParameterError, match="'salary' is not a symbolic parameter"):
        region_thresholds(found, "salary")


def test_refinement_regions_are_bounded(monkeypatch):
    """Past the limit of runs, the refinements of an equilibrium are not analysed by region
    (None) and a warning says so; where it exists is still reported."""
    from commit_calc.beliefs import refinement_regions

    monkeypatch.setattr(refinement_regions, "MAX_RUNS", 1)
    game = load_game("costly-implementation")
    keep = ("signal_cost_committed", "signal_cost_opportunistic")
    found = pbe_regions(game, {p.name: p.default for p in game.parameters if p.name not in keep})
    assert any(r.refinements is None for r in found.regions)
    assert all(r.terms for r in found.regions)
    assert any("refinements are not analysed by region for every equilibrium" in w
               for w in found.warnings)
