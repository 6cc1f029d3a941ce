"""The parameter domain: chance probabilities in [0, 1] for every analysis (issue 16, item 1).

A parameter used as a chance probability without declared bounds once gave equilibria at
p = -1 and p = 2 in sweeps and a region ``p > 1/4`` with no upper end in thresholds, while the
exact solver refused p = 2. Every analysis now uses the same domain.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.analysis.domain import INVALID_REASON, domain_of
from commit_calc.analysis.labels import profile_label
from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.analysis.thresholds import thresholds
from commit_calc.errors import ParameterError
from commit_calc.io import load_game
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Parameter, Terminal
from commit_calc.solvers.solve import solve


def bet(win: str = "p", lose: str = "1 - p") -> ExtensiveFormGame:
    """A bets (wins 3, loses 1) or passes (0): betting pays iff P(win) >= 1/4."""
    return ExtensiveFormGame.build(
        players=("A", "B"),
        parameters=[Parameter("p", "1/2"), Parameter("q", "1/2"), Parameter("r", "1/2")],
        root=Decision("A", {
            "Bet": Chance({"Win": (win, Terminal((3, 0))), "Lose": (lose, Terminal((-1, 0)))}),
            "Pass": Terminal((0, 0))}))


def condition_at(region, values):  # type: ignore[no-untyped-def]
    symbols = {str(s): s for s in region.condition.free_symbols}
    return bool(region.condition.xreplace({symbols[n]: v for n, v in values.items()
                                           if n in symbols}))


def test_regions_cover_only_probabilities_in_0_1():
    analysis = parameter_regions(bet(), {"q": 0, "r": 0})
    conditions = [r.condition for r in analysis.regions]
    p = analysis.symbols["p"]
    for outside in (sympy.Integer(-1), sympy.Rational(-1, 100), sympy.Rational(101, 100), 2):
        assert not any(c.xreplace({p: outside}) for c in conditions)
    for inside in (0, sympy.Rational(1, 4), sympy.Rational(1, 2), 1):
        assert sum(bool(c.xreplace({p: inside})) for c in conditions) == 1
    with pytest.raises(ParameterError, match=r"probability of 'Win' is 2, outside \[0, 1\]"):
        analysis.region_at({"p": 2})


def test_thresholds_leave_the_domain_edges_out():
    analysis = parameter_regions(bet(), {"q": 0, "r": 0})
    assert [str(t.formula) for t in thresholds(analysis, "p")] == ["1/4"]


def test_bounds_that_imply_the_domain_add_no_condition():
    assert domain_of(load_game("enforcer-reliability")).conditions == {}


def test_a_formula_probability_is_a_condition_on_its_parameters():
    game = bet("q*r", "1 - q*r")
    domain = domain_of(game)
    q, r = (game.parameters[n].symbol for n in "qr")
    assert domain.conditions == {q * r: frozenset({1, 0}), q * r - 1: frozenset({-1, 0})}
    analysis = parameter_regions(game, {"p": 0})
    for values in ({"q": -1, "r": 1}, {"q": 2, "r": 1}, {"q": 3, "r": Fraction(1, 2)}):
        assert not any(condition_at(region, values) for region in analysis.regions)
    assert any(condition_at(region, {"q": -1, "r": -1}) for region in analysis.regions)


@pytest.mark.parametrize("method", ["regions", "points"])
def test_sweep_marks_points_outside_as_invalid(method):
    result = sweep(bet(), [Axis.parse("p", -1, 2, 4)], {"q": 0, "r": 0}, method=method)
    rows = list(result.rows())
    assert [len(row["equilibria"]) for row in rows] == [0, 1, 1, 0]
    assert result.outcomes(int(result.codes[0])) == (f"invalid: {INVALID_REASON}",)
    assert [e.outcome for e in rows[2]["equilibria"]] == ["Bet > Win | Lose"]


def test_two_parameter_sweep_of_a_product_probability():
    game = bet("q*r", "1 - q*r")
    result = sweep(game, [Axis.parse("q", -1, 2, 7), Axis.parse("r", -1, 2, 7)], {"p": 0})
    for row in result.rows():
        probability = row["q"] * row["r"]
        assert bool(row["equilibria"]) == (0 <= probability <= 1), row


def test_a_fixed_value_outside_is_refused_by_every_analysis():
    game = bet("q*r", "1 - q*r")
    with pytest.raises(ParameterError, match="outside"):
        parameter_regions(game, {"q": 4, "r": 1})
    with pytest.raises(ParameterError, match="outside"):
        sweep(game, [Axis.parse("p", 0, 1, 3)], {"q": 4, "r": 1})


POINT = st.fractions(min_value=-2, max_value=3, max_denominator=8)


@settings(max_examples=60, deadline=None)
@given(q=POINT, r=POINT)
def test_regions_agree_with_the_exact_solver_at_random_points(q, r):
    """Property: inside the domain the region's equilibria are the solver's; outside, every
    analysis refuses the point or reports it without equilibria."""
    game = bet("q*r", "1 - q*r")
    analysis = _analysis(game)
    values = {"p": 0, "q": q, "r": r}
    swept = sweep(game, [Axis.parse("q", q, q, 1), Axis.parse("r", r, r, 1)], {"p": 0})
    found = next(swept.rows())["equilibria"]
    if 0 <= q * r <= 1:
        solved = solve(game, values)
        expected = sorted((profile_label(solved.game, e.profile), tuple(e.payoffs))
                          for e in solved.equilibria)
        region = analysis.region_at({"q": q, "r": r})
        got = sorted((e.outcome, tuple(v.xreplace(_point(game, values))
                                       for v in e.payoffs.values()))
                     for e in region.equilibria)
        assert got == expected
        assert sorted((e.outcome, e.payoffs) for e in found) == expected
    else:
        assert found == []
        with pytest.raises(ParameterError):
            analysis.region_at({"q": q, "r": r})
        with pytest.raises(ParameterError):
            solve(game, values)


_ANALYSES: dict[int, object] = {}


def _analysis(game):  # type: ignore[no-untyped-def]
    return _ANALYSES.setdefault(0, parameter_regions(game, {"p": 0}))


def _point(game, values):  # type: ignore[no-untyped-def]
    return {game.parameters[n].symbol: sympy.Rational(v) for n, v in values.items()}


def test_a_varied_parameter_needs_no_default(tmp_path):
    """``sweep --vary p=...`` of a parameter declared without a default said "parameter 'p'
    has no default" (issue 16's trial)."""
    path = tmp_path / "nodef.toml"
    path.write_text('name = "nodef"\nplayers = ["A", "B"]\n[parameters]\n'
                    'p = { min = 0, max = 1 }\n[nodes.a]\nplayer = "A"\n'
                    'actions = { L = "l", R = "r" }\n[nodes.l]\npayoffs = ["p", 0]\n'
                    '[nodes.r]\npayoffs = ["1/2", 0]\n')
    result = sweep(load_game(str(path)), [Axis.parse("p", 0, 1, 3)])
    assert [sorted(result.outcomes(int(c))) for c in result.codes] == [["R"], ["L", "R"], ["L"]]


def test_a_point_where_a_payoff_is_undefined_is_marked_not_fatal():
    """A payoff 1/(p - 1/4) swept over p: the sweep stopped with an error at p = 1/4 (issue
    16's review); that point is now invalid, with its reason, and the others are solved."""
    from commit_calc.analysis.report import sweep_document
    from commit_calc.model import Decision, ExtensiveFormGame, Parameter, Terminal

    game = ExtensiveFormGame.build(
        players=("A", "B"),
        root=Decision("A", {"L": Terminal(("1/(p - 1/4)", 0)), "R": Terminal((0, 1))}),
        parameters=[Parameter("p", "1/2", lower=0, upper=1)])
    result = sweep(game, [Axis.parse("p", 0, 1, 5)])
    assert [result.outcomes(int(c)) for c in result.codes] == [
        ("R",), ("invalid: a payoff or probability is undefined (division by zero)",),
        ("L",), ("L",), ("L",)]
    document = sweep_document(result, "div")
    assert document["invalid"] == {
        "count": 1, "reason": "a payoff or probability is undefined (division by zero)"}
