"""Sizes that would exhaust time or memory are refused with a clear message; deep trees work."""

import pytest

from commit_calc.analysis import Axis, parameter_regions, sweep
from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.io import load_game
from commit_calc.model import Decision, ExtensiveFormGame, Parameter, Terminal
from commit_calc.solvers.reduction import reduced_normal_form


def test_a_sweep_over_too_many_points_is_refused_before_any_work():
    game = load_game("enforcer-reliability")
    axis = Axis.parse("reliability", 0, 1, 10**9)
    with pytest.raises(ParameterError, match="1,000,000,000 grid points is more than"):
        sweep(game, [axis])


def chain(depth: int) -> ExtensiveFormGame:
    """A centipede-like chain: at each level the mover stops or goes on; going on pays more
    at the end, and stopping at the first move pays ``c``."""
    node = Terminal((depth + 1, depth + 1))
    for k in range(depth, 0, -1):
        stop = Terminal(("c", 0)) if k == 1 else Terminal((0, 0))
        node = Decision("A" if k % 2 else "B", {"Stop": stop, "Go": node})
    return ExtensiveFormGame.build(players=("A", "B"), root=node,
                                   parameters=[Parameter("c", 1)])


def test_thresholds_label_deep_trees_without_recursion():
    analysis = parameter_regions(chain(3000), {})
    outcomes = {e.outcome for region in analysis.regions for e in region.equilibria}
    assert "Stop" in outcomes
    assert any(o.startswith("Go > Go > ") and o.count("Go") == 3000 for o in outcomes)


def test_a_reduced_normal_form_too_large_is_refused():
    with pytest.raises(UnsupportedGameError, match="more than 1,000,000"):
        reduced_normal_form(chain(3000).at())


def test_regions_refuse_formulas_too_large_to_compare_symbolically():
    """``(a + b + c + d)**20`` (1771 terms) took 80 s in thresholds; now it is refused at
    once, and a sweep of it falls back to solving point by point."""
    big = ExtensiveFormGame.build(
        players=("A", "B"),
        root=Decision("A", {"L": Terminal(("(a + b + c + d)**20", 0)), "R": Terminal((0, 0))}),
        parameters=[Parameter(name, 1) for name in "abcd"])
    with pytest.raises(UnsupportedGameError, match="up to 1771 terms .* more than the 120"):
        parameter_regions(big, {})
    # (a + b + 2)**20 has 231 terms: solved point by point; (a + 3)**20 has 21: by regions
    assert sweep(big, [Axis.parse("a", 0, 1, 2), Axis.parse("b", 0, 1, 2)]).method == "points"
    assert sweep(big, [Axis.parse("a", 0, 1, 3)]).method == "regions"


def test_sweeps_past_the_float_range_are_decided_exactly():
    """``p*p`` at p = 1e200 overflows a float (an OverflowError traceback before): such
    points are decided in exact arithmetic, as per point."""
    game = ExtensiveFormGame.build(
        players=("A", "B"),
        root=Decision("A", {"L": Terminal(("p*p - q", 0)), "R": Terminal((1, 1))}),
        parameters=[Parameter("p", 1), Parameter("q", 1)])
    axes = [Axis.parse("p", "-1e200", "1e200", 5), Axis.parse("q", 0, "1e300", 3)]
    fast, slow = sweep(game, axes, method="regions"), sweep(game, axes, method="points")
    assert [[e.outcome for e in r["equilibria"]] for r in fast.rows()] == [
        [e.outcome for e in r["equilibria"]] for r in slow.rows()]
    assert {e.outcome for r in fast.rows() for e in r["equilibria"]} == {"L", "R"}


def test_nested_fractions_are_analysed_quickly():
    """Definitions d2 = d1*d1/(d1 + 1), three times over (issue 16's review: thresholds ran
    for minutes in sympy's expand): the regions agree with solving at points."""
    from commit_calc.analysis.labels import profile_label
    from commit_calc.solvers.solve import solve

    d = "(p + 1)/(p + 2)"
    for _ in range(3):
        d = f"({d})*({d})/(({d}) + 1)"
    game = ExtensiveFormGame.build(
        players=("A", "B"),
        root=Decision("A", {"L": Terminal((d, 0)), "R": Terminal(("1/10", 1))}),
        parameters=[Parameter("p", "1/2", lower=0, upper=1)])
    analysis = parameter_regions(game, {})
    for value in ("0", "1/3", "1"):
        found = solve(game, {"p": value})
        assert ({e.outcome for e in analysis.region_at({"p": value}).equilibria}
                == {profile_label(found.game, e.profile) for e in found.equilibria})


def test_degree_sixty_sign_conditions_need_no_factorisation():
    """The derivative of (p + 0)(p + 1)...(p + 59) took 21 s to factor; the sign system is
    decided from greatest common divisors and root isolation alone."""
    import sympy

    from commit_calc.analysis.feasibility import satisfiable

    p = sympy.Symbol("p", real=True)
    product = sympy.prod([sympy.Poly(p + i, p) for i in range(60)])
    derivative = product.diff(p).as_expr()
    assert satisfiable([(derivative, 1)], {p: (sympy.Integer(0), sympy.Integer(1))}) is True
    assert satisfiable([(derivative, -1)], {p: (sympy.Integer(0), sympy.Integer(1))}) is False
    assert satisfiable([(derivative, -1)], {p: (None, None)}) is True


def test_point_by_point_sweeps_are_bounded_before_any_work():
    """``sweep bagwell-commitment --vary noise=0:1:10000000`` took 1.8 GB before it started
    and announced a run of 230,000 hours (issue 16's review)."""
    from commit_calc.analysis.sweep import MAX_POINTWISE

    game = load_game("bagwell-commitment")
    with pytest.raises(ParameterError, match="more than the 1,000,000 solved one by one"):
        sweep(game, [Axis.parse("noise", 0, 1, MAX_POINTWISE + 1)], method="points")
