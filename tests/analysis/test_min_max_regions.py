"""Exact regions of games whose payoffs use ``min``/``max``: split into pieces, checked against
a hand-derived answer and against exact per-point solving (random points, kinks, grids)."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.analysis.labels import profile_label
from commit_calc.analysis.pieces import pieces
from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.analysis.thresholds import thresholds
from commit_calc.errors import UnsupportedGameError
from commit_calc.model import (
    Chance,
    Decision,
    ExtensiveFormGame,
    NormalFormGame,
    Parameter,
    Terminal,
)
from commit_calc.solvers.solve import solve


def rebels(exile: object = 50) -> ExtensiveFormGame:
    """Rebels disarm for max(salary - 100, 0) against ``exile``; the regime honours while
    1000 - salary > 0 (hand derivation: disarm iff salary > 150, a tie at 150, up to 1000)."""
    return ExtensiveFormGame.build(
        players=("Rebels", "Regime"), parameters=[Parameter("salary", 250, lower=0)],
        root=Decision("Rebels", {
            "Disarm": Decision("Regime", {
                "Honor": Terminal(("max(salary - 100, 0)", "1000 - salary")),
                "Renege": Terminal((-1000, 0))}),
            "Stay armed": Terminal((exile, 400))}))


def two_kinks() -> ExtensiveFormGame:
    """Two parameters, min of three, a max nested in a min, and chance."""
    return ExtensiveFormGame.build(
        players=("A", "B"),
        parameters=[Parameter("x", 1, lower=-4, upper=4), Parameter("y", 0, lower=-4, upper=4)],
        root=Decision("A", {
            "Go": Chance({
                "Good": ("1/3", Decision("B", {
                    "Share": Terminal(("min(x, y, 1)", "max(y - x, 0)")),
                    "Keep": Terminal(("-1", "min(max(x, y), 2*y)"))})),
                "Bad": ("2/3", Terminal(("max(x, -y)", "y")))}),
            "Stop": Terminal(("y/2", 0))}))


def table() -> NormalFormGame:
    return NormalFormGame.from_matrices(
        [["max(p, 1)", 0], [0, "min(p, 2)"]], [["min(p, q)", 0], [0, "max(p, 1)"]],
        parameters=[Parameter("p", 3, lower=-4, upper=4), Parameter("q", 1, lower=-4, upper=4)])


def _solved(game, point):
    result = solve(game, point)
    return sorted((profile_label(result.game, e.profile), tuple(e.payoffs))
                  for e in result.equilibria)


def _from_regions(analysis, point):
    mapping = {analysis.symbols[k]: sympy.Rational(v) for k, v in point.items()}
    return sorted((e.outcome, tuple(v.xreplace(mapping) for v in e.payoffs.values()))
                  for e in analysis.region_at(point).equilibria)


def test_thresholds_of_the_rebels_hand_derived():
    analysis = parameter_regions(rebels())
    found = thresholds(analysis, "salary")  # the kink at 100 changes nothing: no threshold
    assert [t.value for t in found] == [150, 1000]
    for value, outcomes in [(0, ["Stay armed"]), (100, ["Stay armed"]), (149, ["Stay armed"]),
                            (150, ["Disarm > Honor", "Stay armed"]), (151, ["Disarm > Honor"]),
                            (1000, ["Disarm > Honor", "Stay armed"]), (1001, ["Stay armed"])]:
        assert sorted(e.outcome for e in analysis.region_at({"salary": value}).equilibria) \
            == outcomes, value


def test_a_kink_where_the_choice_stays_is_a_boundary_of_payoff_formulas():
    """With exile -50 the rebels always disarm below 1000; their payoff is 0 up to salary 100
    and salary - 100 above: the kink salary = 100 bounds two regions, each a polynomial."""
    analysis = parameter_regions(rebels(-50))
    assert [t.value for t in thresholds(analysis, "salary")] == [100, 1000]
    low, high = (analysis.region_at({"salary": s}) for s in (50, 200))
    assert [str(e.payoffs["Rebels"]) for e in low.equilibria] == ["0"]
    assert [str(e.payoffs["Rebels"]) for e in high.equilibria] == ["salary - 100"]
    assert analysis.region_at({"salary": 100}) is low  # the tie goes to either piece
    for region in analysis.regions:
        for e in region.equilibria:
            assert not any(v.has(sympy.Max, sympy.Min) for v in e.payoffs.values())


def test_pieces_are_disjoint_and_cover():
    x, y = sympy.symbols("x y")
    split = pieces([sympy.Max(sympy.Min(x, y, 1), y - x)])
    for point in [(0, 0), (1, 1), (2, 1), (-1, 3), (1, 0), (sympy.Rational(1, 2), 1)]:
        values = dict(zip((x, y), map(sympy.Rational, point)))
        holding = [v for term, (v,) in split if all(
            (1 if k.xreplace(values) > 0 else -1 if k.xreplace(values) < 0 else 0) in s
            for k, s in term.items())]
        assert len(holding) == 1, point
        assert holding[0].xreplace(values) == sympy.Max(
            sympy.Min(x, y, 1), y - x).xreplace(values)


GAMES = {"two-kinks": two_kinks, "table": table, "rebels": rebels}
quarter = st.integers(-16, 16).map(lambda k: sympy.Rational(k, 4))


@pytest.fixture(scope="module")
def analyses():
    return {name: (make(), parameter_regions(make())) for name, make in GAMES.items()}


@settings(max_examples=80, deadline=None)
@given(name=st.sampled_from(sorted(GAMES)), u=quarter, v=quarter, on_kink=st.booleans())
def test_regions_equal_per_point_solving(analyses, name, u, v, on_kink):
    """Random points on a grid of quarters (so kinks x = y, x = 1, p = 1, p = q ... are hit),
    and with ``on_kink`` the second parameter set equal to the first."""
    game, analysis = analyses[name]
    names = [p.name for p in game.parameters]
    values = [u, u if on_kink else v]
    if name == "rebels":
        values = [abs(u) * 100]
    point = dict(zip(names, values))
    assert _from_regions(analysis, point) == _solved(game, point)


@pytest.mark.parametrize("name, axes", [
    ("rebels", [("salary", 0, 1200, 49)]),
    ("two-kinks", [("x", -4, 4, 17), ("y", -4, 4, 33)]),
    ("table", [("p", -3, 3, 25), ("q", -3, 3, 13)]),
])
def test_sweep_by_regions_equals_per_point(name, axes):
    game = GAMES[name]()
    grid = [Axis.parse(*axis) for axis in axes]
    fast = sweep(game, grid, method="regions")
    slow = sweep(game, grid, method="points")
    assert fast.method == "regions"

    def rows(result):
        return [({k: v for k, v in row.items() if k != "equilibria"},
                 sorted((e.outcome, e.payoffs) for e in row["equilibria"]))
                for row in result.rows()]

    assert rows(fast) == rows(slow)


def test_min_max_in_a_chance_probability_is_still_refused_by_regions():
    game = ExtensiveFormGame.build(
        players=("A",), parameters=[Parameter("p", "1/4", lower=0, upper=1)],
        root=Chance({"H": ("min(p, 1/2)", Terminal((1,))),
                     "T": ("1 - min(p, 1/2)", Terminal((0,)))}))
    with pytest.raises(UnsupportedGameError, match="min/max"):
        parameter_regions(game)


def test_a_kink_is_no_change_in_a_sweep():
    """Regions that differ only in payoff formulas (either side of a kink) are one kind."""
    grid = [Axis.parse("salary", 0, 300, 7)]
    fast = sweep(rebels(-50), grid, method="regions")
    slow = sweep(rebels(-50), grid, method="points")
    assert list(fast.changes()) == list(slow.changes())
    assert len(set(fast.codes.tolist())) > len(set(fast.kind_codes().tolist()))


def wide(n: int) -> ExtensiveFormGame:
    """A choice among ``n`` actions, each payoff a max and a min of its own."""
    return ExtensiveFormGame.build(
        players=("A", "B"),
        parameters=[Parameter("s", 0, lower=0, upper=20), Parameter("t", 0, lower=0, upper=20)],
        root=Decision("A", {f"a{k}": Terminal((f"max(s - {k}, t - {2 * k}, {k} - s)",
                                               f"min(s, {k}*t)")) for k in range(1, n + 1)}))


def test_many_actions_with_kinks_are_analysed_and_agree():
    """Each action's payoff splits in three: 3**5 combinations if they were all tried."""
    game = wide(5)
    analysis = parameter_regions(game)
    for s, t in [(0, 0), (1, 0), (2, 20), (5, 3), (9, 4), (20, 20), ("7/2", "1/3"), (4, 2)]:
        point = {"s": s, "t": t}
        assert _from_regions(analysis, point) == _solved(game, point), point


linear = st.tuples(st.integers(-1, 1), st.integers(-1, 1), st.integers(-2, 2)).map(
    lambda c: f"{c[0]}*x + {c[1]}*y + {c[2]}")


linear_x = st.tuples(st.integers(-2, 2), st.integers(-3, 3)).map(lambda c: f"{c[0]}*x + {c[1]}")


@st.composite
def payoff(draw: st.DrawFn, linear: st.SearchStrategy[str] = linear) -> str:
    kind = draw(st.sampled_from(["plain", "max", "min", "nested"]))
    if kind == "plain":
        return draw(linear)
    if kind == "nested":
        return f"max(min({draw(linear)}, {draw(linear)}), {draw(linear)})"
    arguments = draw(st.lists(linear, min_size=2, max_size=3))
    return f"{kind}({', '.join(arguments)})"


@st.composite
def random_trees(draw: st.DrawFn) -> ExtensiveFormGame:
    def leaf() -> Terminal:
        return Terminal((draw(payoff()), draw(payoff())))

    inner = {"Keep": leaf(), "Share": leaf()}
    root = {"Go": Decision("B", inner), "Stop": leaf()}
    if draw(st.booleans()):
        root["Gamble"] = Chance({"H": ("1/3", leaf()), "T": ("2/3", leaf())})
    return ExtensiveFormGame.build(
        players=("A", "B"),
        parameters=[Parameter("x", 0, lower=-2, upper=2), Parameter("y", 0, lower=-2, upper=2)],
        root=Decision("A", root))


@settings(max_examples=20, deadline=None)
@given(game=random_trees(), points=st.lists(
    st.tuples(st.integers(-8, 8), st.integers(-8, 8), st.booleans()), min_size=1, max_size=4))
def test_random_trees_with_kinks_agree_with_per_point_solving(game, points):
    """Random trees whose payoffs are min/max of linear formulas, at random points of a grid
    of quarters (which hits kinks and ties), and on the diagonal x = y."""
    analysis = parameter_regions(game)
    for u, v, diagonal in points:
        point = {"x": sympy.Rational(u, 4), "y": sympy.Rational(u if diagonal else v, 4)}
        assert _from_regions(analysis, point) == _solved(game, point), point


@settings(max_examples=25, deadline=None)
@given(entries=st.lists(payoff(linear_x), min_size=8, max_size=8),
       points=st.lists(st.integers(-12, 12), min_size=1, max_size=5))
def test_random_tables_with_kinks_agree_with_per_point_solving(entries, points):
    """Random 2x2 tables (mixed equilibria included) whose payoffs are min/max of linear
    formulas in one parameter, at points of a grid of quarters (kinks and ties included)."""
    game = NormalFormGame.from_matrices(
        [entries[0:2], entries[2:4]], [entries[4:6], entries[6:8]],
        parameters=[Parameter("x", 0, lower=-3, upper=3)])
    analysis = parameter_regions(game)
    for u in points:
        point = {"x": sympy.Rational(u, 4)}
        assert _from_regions(analysis, point) == _solved(game, point), point


def test_the_case_split_is_bounded():
    """wide(6) needs about 6,900 cases (6 s); past MAX_CASES the analysis refuses at once and
    a sweep falls back to solving point by point."""
    from commit_calc.analysis.case_split import MAX_CASES
    from commit_calc.errors import UnsupportedGameError

    with pytest.raises(UnsupportedGameError, match=f"more than {MAX_CASES:,} cases"):
        parameter_regions(wide(6))
    grid = [Axis.parse("s", 0, 20, 3), Axis.parse("t", 0, 20, 3)]
    assert sweep(wide(6), grid).method == "points"
