"""Textbook thresholds and hand-derived reconciliation cases of the one-shot deviation check.

Notation of the prisoner's dilemma: temptation T, reward R, punishment P, sucker S
(T > R > P > S). Values are normalised: (1 - delta) times the discounted sum.
"""

from __future__ import annotations

import pytest
import sympy

from commit_calc.io import load_game
from commit_calc.io.repeated_file import load_repeated
from commit_calc.repeated import analyse_repeated, horizon_tree
from commit_calc.repeated.model import RepeatedGame
from commit_calc.solvers.solve import solve

R = sympy.Rational


def test_grim_trigger_prisoners_dilemma_threshold_is_t_minus_r_over_t_minus_p():
    """Friedman (1971); Mailath and Samuelson (2006, sec. 2.4.1): grim trigger is subgame
    perfect iff R >= (1 - delta) T + delta P, i.e. delta >= (T - R)/(T - P)."""
    game = load_repeated("repeated-prisoners-dilemma")
    result = analyse_repeated(game, "grim-trigger")
    t, r, p = (game.parameters[n].symbol for n in ("temptation", "reward", "punishment"))
    assert sympy.simplify(result.formula.formula - (t - r) / (t - p)) == 0
    assert result.critical_discount == R(1, 2)  # (5 - 3)/(5 - 1)
    other = {"temptation": 7, "reward": 4, "punishment": 2, "sucker": -1}
    assert analyse_repeated(game, "grim-trigger", other).critical_discount == R(3, 5)


@pytest.mark.parametrize(("discount", "spe"), [("1/2", True), ("49/100", False)])
def test_grim_trigger_at_and_below_the_threshold(discount, spe):
    game = load_repeated("repeated-prisoners-dilemma")
    result = analyse_repeated(game, "grim-trigger", {"discount": discount})
    assert result.verdict.subgame_perfect is spe and result.verdict.nash is spe


def test_tit_for_tat_needs_more_patience_and_is_not_subgame_perfect():
    """Axelrod (1984): tit-for-tat is a Nash equilibrium iff delta >= (T - R)/(R - S) = 2/3
    (alternating defection) and delta >= (T - R)/(T - P) = 1/2: stricter than grim trigger.
    It is not subgame perfect (after a lone defection punishing needs delta <= 2/3, and after
    mutual defection staying at D needs delta <= 1/4): no critical discount factor."""
    game = load_repeated("repeated-prisoners-dilemma")
    for discount, nash in (("2/3", True), ("13/20", False), ("3/5", False), ("9/10", True)):
        result = analyse_repeated(game, "tit-for-tat", {"discount": discount})
        assert result.verdict.nash is nash, discount
        assert not result.verdict.subgame_perfect
    assert analyse_repeated(game, "tit-for-tat").critical_discount is None
    result = analyse_repeated(game, "tit-for-tat")
    on_path = {c for c, i in zip(result.conditions, result.check.incentives) if i.on_path}
    t, r, s, d = (game.parameters[n].symbol for n in ("temptation", "reward", "sucker",
                                                      "discount"))
    [condition] = on_path  # both players: delta (R - S) >= T - R
    assert sympy.simplify((condition.lhs - condition.rhs) - (d * (r - s) + r - t)) == 0


def test_tit_for_tat_is_subgame_perfect_only_on_the_knife_edge():
    """With R - S = T - P (T=4, R=3, P=1, S=0 here: R - S = 3 = T - P) tit-for-tat is subgame
    perfect exactly at delta = (T - R)/(R - S) = 1/3 (Mailath and Samuelson 2006, sec. 2.4.3)."""
    game = load_repeated("repeated-prisoners-dilemma")
    values = {"temptation": 4, "reward": 3, "punishment": 1, "sucker": 0}
    assert analyse_repeated(game, "tit-for-tat", {**values, "discount": "1/3"}
                            ).verdict.subgame_perfect
    assert analyse_repeated(game, "tit-for-tat", values).critical_discount == R(1, 3)
    assert not analyse_repeated(game, "tit-for-tat", {**values, "discount": "1/2"}
                                ).verdict.subgame_perfect


def test_k_period_punishment_with_enough_periods():
    """Two periods of mutual defection deter iff 2 <= 2 delta + 2 delta**2 (gain T - R = 2
    now against the loss R - P = 2 in each punished period): delta >= (sqrt(5) - 1)/2."""
    game = load_repeated("repeated-prisoners-dilemma")
    assert analyse_repeated(game, "k-period-punishment", k=1).critical_discount is None
    found = analyse_repeated(game, "k-period-punishment", k=2).critical_discount
    assert sympy.simplify(found - (sympy.sqrt(5) - 1) / 2) == 0


def test_reconciliation_grim_trigger_by_hand():
    """Regime, long-lived, honours in the cooperative state iff
    A - s >= (1 - d)(A + g - p) + d (A - W)  (A area value, s salary, g renege gain,
    p patrol cost, W war cost, d = discount * continuation), i.e.
    d >= (g + s - p)/(W + g - p) = (400 + 250 - 200)/(600 + 400 - 200) = 450/800 = 9/16."""
    game = load_repeated("reconciliation-cohorts")
    result = analyse_repeated(game)
    symbols = {p.name: p.symbol for p in game.parameters}
    g, s, p, w, c = (symbols[n] for n in ("renege_gain", "salary", "patrol_cost", "war_cost",
                                          "continuation"))
    issue = (g + s - p) / (w + g - p)  # the issue's formula, for the effective discount factor
    assert sympy.simplify(result.formula.formula - issue / c) == 0
    assert result.critical_discount == R(9, 16)
    assert result.verdict.state_values["cooperate"]["Regime"] == 750  # A - s
    assert result.verdict.state_values["punish"]["Regime"] == 400      # A - W


def test_reconciliation_sustained_at_nine_tenths():
    """The catalog defaults (stage game disarm-trust): 9/10 >= 9/16, so the deal holds."""
    result = analyse_repeated(load_repeated("reconciliation-cohorts"), None, {"discount": "9/10"})
    assert result.verdict.subgame_perfect and result.verdict.nash
    assert result.proved == "subgame-perfect equilibrium"


def test_reconciliation_not_sustained_when_few_rebels_are_left():
    """continuation = 1/2: effective discount d = 9/20 < 9/16. Honour is worth 750 (normalised),
    reneging (1 - d) 1200 + d 400 = 660 + 180 = 840: the regime gains 90 by reneging, and no
    discount factor below 1 suffices (it would need 9/16 / (1/2) = 9/8)."""
    result = analyse_repeated(load_repeated("reconciliation-cohorts"), None,
                              {"discount": "9/10", "continuation": "1/2"})
    assert not result.verdict.subgame_perfect and not result.verdict.nash
    best = result.verdict.best
    assert (best.state, best.player, best.deviation) == ("cooperate", "Regime", "Renege")
    assert result.verdict.best_gain == 90
    assert result.critical_discount is None


def test_critical_continuation_is_five_eighths():
    """At discount 9/10 the deal holds iff 9/10 c >= 9/16, i.e. c >= 5/8."""
    result = analyse_repeated(load_repeated("reconciliation-cohorts"))
    c = load_repeated("reconciliation-cohorts").parameters["continuation"].symbol
    assert result.critical_values["continuation"] == sympy.Interval(R(5, 8), 1).as_relational(c)


def test_chain_store_deterrence_in_the_infinite_game():
    """Fight entry iff (1 - d) 0 + d 5 >= (1 - d) 2 + d 2, i.e. d >= 2/5."""
    result = analyse_repeated(load_repeated("chain-store"))
    assert result.critical_discount == R(2, 5) and result.verdict.subgame_perfect


@pytest.mark.parametrize("horizon", [1, 2, 4])
def test_chain_store_unravels_in_the_finite_game(horizon):
    """Selten (1978): with finitely many entrants the unique subgame-perfect equilibrium has
    every entrant enter and the chain store share every market."""
    tree = horizon_tree(load_repeated("chain-store"), horizon)
    result = solve(tree)
    [equilibrium] = result.equilibria
    assert equilibrium.payoffs[:horizon] == (2,) * horizon
    chain = sum(R(9, 10) ** t * 2 for t in range(horizon))
    assert equilibrium.payoffs[horizon] == chain


def test_finite_prisoners_dilemma_against_the_tree_solver():
    """Finitely repeated PD: defection in every period, the only subgame-perfect outcome."""
    tree = horizon_tree(RepeatedGame.over(load_game("prisoners-dilemma")), 3)
    [equilibrium] = solve(tree).equilibria
    assert equilibrium.payoffs == (1 + R(9, 10) + R(81, 100),) * 2


def test_region_with_the_discount_factor_and_the_salary_free():
    """Grim trigger in reconciliation-cohorts at the other defaults: the regime honours iff
    d (600 + 400 - 200) >= 400 + salary - 200, i.e. discount >= (salary + 200)/800 (the
    punishment and the cohorts' conditions hold for every salary >= 0)."""
    game = load_repeated("reconciliation-cohorts")
    result = analyse_repeated(game, free=["discount", "salary"])
    d, s = game.parameters["discount"].symbol, game.parameters["salary"].symbol
    region = result.region.subgame_perfect
    for discount, salary, inside in ((R(9, 16), 250, True), (R(1, 2), 250, False),
                                     (R(9, 10), 520, True), (R(9, 10), 521, False)):
        assert bool(region.xreplace({d: discount, s: salary})) is inside
