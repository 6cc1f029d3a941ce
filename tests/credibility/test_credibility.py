"""The credibility report (issue 10) against hand derivations and against per-point solving.

Hand derivations (payoffs as in the catalog files): in ``disarm-trust`` the regime honours
iff area_value - salary >= area_value + renege_gain - patrol_cost, i.e. patrol_cost >=
renege_gain + salary (= 650 at the defaults, where the temptation is 400 + 250 - 200 = 450);
binding the promise, the rebels disarm (U_H = 650 > exile_payoff = 0) and the regime gets
area_value - salary = 750 instead of area_value - war_cost = 400 (Fearon 1995; Walter 1997).
In ``strategic-enforcer`` the guarantor protects iff enforcer_benefit - enforcement_cost >=
enforcer_benefit + idlib_interest - reputation_cost, i.e. enforcement_cost + idlib_interest
<= reputation_cost.
"""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.credibility.levers import credible_region
from commit_calc.credibility.report import credibility_report
from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.io import load_game
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Parameter, Terminal
from commit_calc.solvers.solve import solve


def test_disarm_trust_by_hand():
    report = credibility_report(load_game("disarm-trust"), ["Regime=Honor"])
    verdict = report.verdict
    assert not verdict.credible
    (violation,) = verdict.violations
    assert (violation.where, violation.player, violation.alternative) == (
        "regime", "Regime", "Renege")
    assert violation.temptation == 450
    symbols = {p.name: p.symbol for p in load_game("disarm-trust").parameters}
    assert violation.formula == symbols["renege_gain"] + symbols["salary"] - symbols[
        "patrol_cost"]
    levers = {lever.parameter: lever for lever in report.levers}
    assert (levers["patrol_cost"].value, levers["patrol_cost"].direction) == (650, ">=")
    assert levers["patrol_cost"].within_bounds
    assert (levers["salary"].value, levers["salary"].direction) == (-200, "<=")
    assert not levers["salary"].within_bounds  # salary is at least 0
    assert levers["amnesty"].text == "never"
    assert verdict.payoffs == {"Rebels": 0, "Regime": 400}
    assert verdict.committed == {"Rebels": 650, "Regime": 750}
    assert verdict.value_of_commitment == {"Rebels": 650, "Regime": 350}
    assert str(report.condition) == "patrol_cost >= renege_gain + salary"


@pytest.mark.parametrize(("patrol_cost", "credible"), [(649, False), (650, True), (651, True)])
def test_disarm_trust_at_the_threshold(patrol_cost, credible):
    """At 650 the regime is indifferent: an equilibrium in which it honours exists."""
    report = credibility_report(load_game("disarm-trust"), ["regime=Honor"],
                                {"patrol_cost": patrol_cost})
    assert report.verdict.credible is credible


def test_the_guarantors_promise_in_strategic_enforcer():
    game = load_game("strategic-enforcer")
    report = credibility_report(game, ["Enforcer=Protect"])
    assert report.verdict.credible and not report.verdict.violations
    assert str(report.condition) == "enforcement_cost + idlib_interest <= reputation_cost"
    broken = credibility_report(game, ["Enforcer=Protect"], {"reputation_cost": 250})
    (violation,) = broken.verdict.violations
    assert violation.temptation == 50  # 500 + 200 - 250 against 500 - 100
    levers = {lever.parameter: lever for lever in broken.levers}
    assert levers["reputation_cost"].text == "reputation_cost >= 300"
    assert str(broken.condition) == "enforcement_cost + idlib_interest <= 250"


@pytest.mark.parametrize(("promise", "words"), [
    ("Regime=Fly", "has no action 'Fly'"),
    ("Rebels=Honor", "the Rebels has no action 'Honor'"),
    ("Guarantor=Protect", "neither a player"),
    ("armed=Honor", "no player moves at node 'armed'"),
    ("regime=Disarm", "no action 'Disarm' at 'regime'"),
    ("Regime", "write WHO=ACTION"),
])
def test_bad_promises(promise, words):
    with pytest.raises(ParameterError, match=words):
        credibility_report(load_game("disarm-trust"), [promise])


def test_contradictory_promises_and_tables_are_refused():
    with pytest.raises(ParameterError, match="contradicts"):
        credibility_report(load_game("disarm-trust"), ["Regime=Honor", "regime=Renege"])
    with pytest.raises(UnsupportedGameError, match="stackelberg"):
        credibility_report(load_game("prisoners-dilemma"), ["Row=Cooperate"])  # type: ignore[arg-type]


S = sympy.Symbol("s")
linear = st.tuples(st.integers(-3, 3), st.integers(-2, 2)).map(lambda ab: ab[0] + ab[1] * S)


@st.composite
def promise_games(draw: st.DrawFn) -> ExtensiveFormGame:
    """A leader moves, or chance does; then a follower who has promised ``keep`` moves at
    each node (and the leader again after one of them), payoffs linear in ``s``."""
    def leaf() -> Terminal:
        return Terminal((draw(linear), draw(linear)))

    def follower(k: int) -> Decision:
        below = Decision("Leader", {"x": leaf(), "y": leaf()}, name=f"again{k}") if draw(
            st.booleans()) else leaf()
        return Decision("Follower", {"keep": below, "break": leaf()}, name=f"f{k}")
    top = Chance({"h": ("1/3", follower(0)), "t": ("2/3", follower(1))}) if draw(
        st.booleans()) else Decision("Leader", {"a": follower(0), "b": follower(1),
                                                "out": leaf()}, name="lead")
    return ExtensiveFormGame.build(players=("Leader", "Follower"),
                                   parameters=[Parameter("s", 1, lower=-3, upper=3)], root=top)


@settings(max_examples=40, deadline=None)
@given(promise_games(), st.lists(st.integers(-12, 12), min_size=1, max_size=4))
def test_verdict_region_and_lever_agree_with_per_point_solving(game, quarters):
    """At each point: the verdict is whether some equilibrium of solve keeps the promise at
    both follower nodes; the exact region and the lever along s say the same."""
    condition, _ = credible_region(game, _parsed(game))
    symbol = game.parameters["s"].symbol
    for q in quarters:
        s = sympy.Rational(q, 4)
        result = solve(game, {"s": s})
        kept = any(all(e.profile.labelled(result.game)["Follower"][node] == {"keep": 1}
                       for node in ("f0", "f1")) for e in result.equilibria)
        report = credibility_report(game, ["Follower=keep"], {"s": s})
        assert report.verdict.credible is kept
        assert bool(condition.subs(symbol, s)) is kept
        (lever,) = credibility_report(game, ["Follower=keep"]).levers
        assert _inside(lever.pieces, s) is kept


def _parsed(game):
    from commit_calc.credibility.promise import parse_promises
    return parse_promises(game, ["Follower=keep"])


def _inside(pieces, s):
    for low, high, low_in, high_in in pieces:
        above = low is None or s > low or (s == low and low_in)
        below = high is None or s < high or (s == high and high_in)
        if above and below:
            return True
    return False
