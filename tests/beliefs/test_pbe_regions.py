"""Where each pure perfect Bayesian equilibrium exists, against the solver at points."""

from __future__ import annotations

import sympy

from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.beliefs.regions import NONNEGATIVE, condition_text, pbe_regions
from commit_calc.io import load_game

KEEP = ("signal_cost_committed", "signal_cost_opportunistic", "war_cost", "salary",
        "renege_gain", "patrol_cost")


def _fixed(game, keep):
    return {p.name: p.default for p in game.parameters if p.name not in keep}


def test_costly_implementation_separating_condition():
    """Issue 9: separating iff signal_cost_committed <= war_cost - salary and
    signal_cost_opportunistic >= war_cost + renege_gain - patrol_cost."""
    game = load_game("costly-implementation")
    found = pbe_regions(game, _fixed(game, KEEP))
    [separating] = [r for r in found.regions if r.choices["committed"] == "Implement"
                    and r.choices["opportunistic"] == "No step"]
    [term] = separating.terms
    assert {condition_text(c) for c in term} == {
        "salary + signal_cost_committed - war_cost <= 0",
        "patrol_cost - renege_gain + signal_cost_opportunistic - war_cost >= 0"}


def _holds(term, values):
    for expression, sign in term:
        value = expression.xreplace({s: values[str(s)] for s in expression.free_symbols})
        if not (value >= 0 if sign == NONNEGATIVE else sympy.sign(value) == sign):
            return False
    return True


def test_regions_agree_with_the_solver_at_points():
    """At points on both sides of and on the thresholds, the equilibria whose region holds
    are exactly the pure PBE the solver finds there."""
    game = load_game("costly-implementation")
    keep = ("signal_cost_committed", "signal_cost_opportunistic", "prior_committed")
    found = pbe_regions(game, _fixed(game, keep))
    for c in (0, 200, 350, 500):
        for o in (0, 700, 800, 900):
            for prior in ("0", "1/3", "1/2", "1"):
                values = {"signal_cost_committed": c, "signal_cost_opportunistic": o,
                          "prior_committed": prior}
                point = {k: sympy.Rational(v) for k, v in values.items()}
                expected = {tuple(sorted(r.choices.items())) for r in found.regions
                            if any(_holds(term, point) for term in r.terms)}
                numeric = game.at({**_fixed(game, keep), **values})
                solved = {tuple(sorted(
                    (label, next(iter(d))) for per in e.profile.labelled(numeric).values()
                    for label, d in per.items()))
                    for e in perfect_bayesian_equilibria(numeric).equilibria}
                assert expected == solved, values
