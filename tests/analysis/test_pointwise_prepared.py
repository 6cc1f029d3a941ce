"""The prepared per-point solver (:mod:`commit_calc.analysis.pointwise`) against ``solve``.

Both must give the same equilibria, in the same order, with the same distributions, payoffs
and outcome labels: on every catalog game at random exact points and at knife edges (the
points where a comparison of the exact regions is zero, and the bounds), and on random
parametric trees and tables (hypothesis), where ties are frequent.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.analysis.labels import profile_label
from commit_calc.analysis.pointwise import PreparedGame
from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.sweep import Axis, _pointwise, sweep
from commit_calc.errors import CommitCalcError
from commit_calc.io import load_game
from commit_calc.io.catalog import list_games
from commit_calc.model import Chance, Decision, ExtensiveFormGame, NormalFormGame, Terminal
from commit_calc.model.parameters import Parameter
from commit_calc.solvers.solve import solve

CATALOG = [name for name, *_ in list_games()]


def _exact(value):
    """Exact numbers (sympy's, ``int``, ``mpq``, ``Fraction``), nested in tuples, as
    ``Fraction``: with python-flint installed, sympy's numbers never equal gmpy2's."""
    if isinstance(value, tuple | list):
        return tuple(_exact(v) for v in value)
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return Fraction(int(value.numerator), int(value.denominator))


def _new(equilibria):
    """The prepared path's equilibria as (distributions, payoffs, label), exactly."""
    return [(_exact(e.probabilities), _exact(e.payoffs), e.label) for e in equilibria]


def _old(game, names, point, concept):
    """``solve``'s equilibria as (distributions, payoffs, label), or the error's text."""
    try:
        result = solve(game, dict(zip(names, (sympy.Rational(v.numerator, v.denominator)
                                              for v in point))), concept)
    except CommitCalcError as error:
        return str(error)
    return [(_exact(e.profile.probabilities), _exact(e.payoffs),
             profile_label(result.game, e.profile)) for e in result.equilibria]


def _same(game, names, points, concept="auto"):
    prepared = PreparedGame(game, names, concept)
    compared = 0
    for point in points:
        new = prepared.solve(point)
        old = _old(game, names, point, concept)
        if new is None:  # the caller falls back to solve, whatever it says
            continue
        assert not isinstance(old, str), (point, old)
        assert _new(new) == old, point
        compared += 1
    return compared


def _random_value(parameter, rng):
    low = parameter.lower if parameter.lower is not None else parameter.default - 10
    high = parameter.upper if parameter.upper is not None else parameter.default + 10
    low, high = Fraction(str(low)), Fraction(str(high))
    return low + (high - low) * Fraction(rng.randint(0, 60), 60)


def _knife_edges(game):
    """Points where a key of the exact regions is zero along one parameter (others at their
    defaults), and each parameter at its bounds."""
    defaults = {p.name: Fraction(str(p.default)) for p in game.parameters}
    points = []
    for parameter in game.parameters:
        for end in (parameter.lower, parameter.upper):
            if end is not None:
                points.append({**defaults, parameter.name: Fraction(str(end))})
    try:
        analysis = parameter_regions(game)
    except CommitCalcError:
        return points
    for key in analysis.keys:
        for parameter in game.parameters:
            symbol = analysis.symbols[parameter.name]
            others = {analysis.symbols[n]: sympy.Rational(str(v))
                      for n, v in defaults.items() if n != parameter.name}
            for root in sympy.Poly(key.xreplace(others), symbol).ground_roots():
                if root.is_Rational:
                    value = Fraction(int(root.p), int(root.q))
                    try:
                        parameter.check(sympy.Rational(root))
                    except CommitCalcError:
                        continue
                    points.append({**defaults, parameter.name: value})
    return points


@pytest.mark.parametrize("name", CATALOG)
@pytest.mark.parametrize("concept", ["auto", "nash"])
def test_catalog_games_agree_with_solve(name, concept):
    game = load_game(name)
    names = [p.name for p in game.parameters]
    rng = random.Random(name)
    points = [tuple(_random_value(p, rng) for p in game.parameters)
              for _ in range(25 if names else 1)]
    points += [tuple(point[n] for n in names) for point in _knife_edges(game)]
    compared = _same(game, names, points, concept)
    if game.num_players == 2:
        assert compared > len(points) // 2  # the prepared path covers these games


@pytest.mark.parametrize("name", CATALOG)
def test_catalog_grids_agree_with_solve(name):
    """Exact grids hit ties: 0, 1/8, ..., 1 of each parameter's range, others at defaults."""
    game = load_game(name)
    for parameter in game.parameters:
        low = parameter.lower if parameter.lower is not None else parameter.default - 4
        high = parameter.upper if parameter.upper is not None else parameter.default + 4
        low, high = Fraction(str(low)), Fraction(str(high))
        fixed = {p.name: p.default for p in game.parameters if p.name != parameter.name}
        partial = game.substitute(fixed)
        points = [(low + (high - low) * Fraction(k, 8),) for k in range(9)]
        _same(partial, [parameter.name], points)


def test_sweep_by_points_is_the_same_either_way():
    """The sweep's classes, codes and kinds do not depend on the prepared path."""
    game = load_game("bagwell-commitment")
    axes = (Axis.parse("noise", 0, 1, 41),)
    new = sweep(game, axes, method="points")
    old = _pointwise(game, {}, axes, "auto", None, None, prepared=False)
    assert new.classes == old.classes
    assert (new.codes == old.codes).all()
    assert new.kinds == old.kinds


# Random parametric games -------------------------------------------------------------------

T = Parameter("t", default=sympy.Rational(1, 2), lower=sympy.Integer(0), upper=sympy.Integer(1))
PLAYERS = ("A", "B")
FORMULAS = st.sampled_from(["0", "1", "2", "t", "1 - t", "2*t - 1", "t*t", "3*t - 1"])


@st.composite
def parametric_trees(draw, max_depth=3):
    """Trees whose payoffs and chance probabilities depend on ``t``, with information sets."""
    names = iter(range(100))

    def node(depth):
        kind = draw(st.sampled_from(["decision", "chance"] if depth == 0 else
                                    ["decision"] * 4 + ["terminal"] if depth == 1 else
                                    ["terminal", "decision", "decision", "chance"]))
        if depth >= max_depth or kind == "terminal":
            return Terminal(tuple(draw(FORMULAS) for _ in PLAYERS))
        if kind == "chance":
            return Chance({"x": ("t", node(depth + 1)), "y": ("1 - t", node(depth + 1))})
        player = "A" if depth == 0 else "B" if depth == 1 else draw(st.sampled_from(PLAYERS))
        # B's first moves may share an information set: B does not see what came before
        shared = player == "B" and depth == 1 and draw(st.integers(0, 3)) > 0
        return Decision(player, {"L": node(depth + 1), "R": node(depth + 1)},
                        name=f"d{next(names)}", infoset="B1" if shared else f"i{next(names)}")

    root = node(0)
    return ExtensiveFormGame.build(players=PLAYERS, root=root, parameters=[T])


POINTS = [(Fraction(k, 6),) for k in range(7)] + [(Fraction(1, 3),), (Fraction(2, 7),)]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_trees_agree_with_solve(data):
    try:
        game = data.draw(parametric_trees())
    except CommitCalcError:  # a random information set broke perfect recall
        return
    for concept in ("auto", "nash"):
        _same(game, ["t"], POINTS, concept)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_tables_agree_with_solve(data):
    rows, columns = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3))
    matrices = [[[data.draw(FORMULAS) for _ in range(columns)] for _ in range(rows)]
                for _ in range(2)]
    game = NormalFormGame.from_matrices(*matrices, parameters=[T])
    assert _same(game, ["t"], POINTS) == len(POINTS)


# What the prepared path leaves to solve, and what it never skips -----------------------------

U = Parameter("u", default=sympy.Rational(1, 2), lower=sympy.Integer(-1), upper=sympy.Integer(2))


def _chance_game(probability="u", payoff="1"):
    return ExtensiveFormGame.build(players=PLAYERS, parameters=[U], root=Decision("A", {
        "L": Chance({"x": (probability, Decision("B", {"l": Terminal((payoff, 0)),
                                                       "r": Terminal((0, 1))}, infoset="B1")),
                     "y": (f"1 - ({probability})", Decision("B", {
                         "l": Terminal((1, 1)), "r": Terminal((0, 0))}, infoset="B1"))}),
        "R": Terminal((0, 0))}, name="a"))


def test_points_outside_the_prepared_numbers_go_to_solve():
    """A probability outside [0, 1] or an undefined payoff: ``None``, and ``solve`` says why."""
    prepared = PreparedGame(_chance_game(), ["u"])
    assert prepared.solve([Fraction(1, 3)]) is not None
    for bad in (Fraction(-1, 2), Fraction(3, 2)):
        assert prepared.solve([bad]) is None
        assert isinstance(_old(_chance_game(), ["u"], [bad], "auto"), str)
    undefined = PreparedGame(_chance_game(payoff="1/u"), ["u"])
    assert undefined.solve([Fraction(0)]) is None
    assert "undefined" in _old(_chance_game(payoff="1/u"), ["u"], [Fraction(0)], "auto")
    assert _same(_chance_game(payoff="1/u"), ["u"], [(Fraction(k, 4),) for k in range(1, 5)]) == 4


def test_three_players_in_a_block_go_to_solve():
    """A block where three players move goes to ``solve``, which finds its mixed equilibria
    too (solvers.nplayer_supports): Selten's horse, and matching pennies with a third player
    who never matters (no pure equilibrium; the mixed one has A and B at 1/2 each)."""
    pennies = Decision("A", {
        side: Decision("B", {
            other: Decision("C", {"x": Terminal((int(side == other), int(side != other), 0)),
                                  "y": Terminal((int(side != other), int(side == other), 0))},
                            infoset="C1")
            for other in ("h", "t")}, infoset="B1")
        for side in ("h", "t")}, name="a")
    game = ExtensiveFormGame.build(players=("A", "B", "C"), root=pennies)
    for three in (game, load_game("selten-horse")):
        for concept in ("auto", "nash"):
            prepared = PreparedGame(three, [], concept)
            assert not prepared.prepared and prepared.solve([]) is None
    solved = _old(game, [], [], "nash")
    assert solved and all(distributions[:2] == ((Fraction(1, 2),) * 2,) * 2
                          for distributions, _, _ in solved)


def test_a_wrong_answer_is_caught(monkeypatch):
    """The exact check runs on every prepared equilibrium: a kernel answer that is not an
    equilibrium raises instead of being reported."""
    from commit_calc.analysis import prepared_blocks
    from commit_calc.solvers.results import VerificationFailure

    game = load_game("bagwell-commitment")
    prepared = PreparedGame(game, ["noise"])
    monkeypatch.setattr(prepared_blocks, "extreme_pairs", lambda matrices: [((1, 0), (0, 0, 0, 1))])
    with pytest.raises(VerificationFailure):
        prepared.solve([Fraction(1, 3)])


def test_formulas_beyond_rational_functions_are_checked_for_exactness():
    """With ``min`` and ``max`` the compiled formulas are not rational functions: each value
    is checked to be an exact number (it is, here), and a value that is not (a float) would
    send the point to ``solve``."""
    game = _chance_game(payoff="max(u, 1/2) - min(u, 0) + u**2")
    # u is a probability: the 5 points in [0, 1] are solved, the others left to solve
    assert _same(game, ["u"], [(Fraction(k, 4),) for k in range(-2, 7)]) == 5
    prepared = PreparedGame(game, ["u"])
    assert prepared.solve([Fraction(1, 4)]) is not None
    prepared._function = lambda u: [0.25 for _ in prepared._moving]
    assert prepared.solve([Fraction(1, 4)]) is None


def test_games_too_large_to_compile_are_still_solved_alike(monkeypatch):
    """Where the compiled check or tables would be too long, the prepared path checks with
    ``verify`` or leaves the game to ``solve``: the answers do not change."""
    from commit_calc.solvers import _compiled

    monkeypatch.setattr(_compiled, "MAX_SOURCE", 400)
    for name in ("bagwell-commitment", "kreps-trust", "battle-of-the-sexes"):
        game = load_game(name)
        names = [p.name for p in game.parameters]
        points = [tuple(Fraction(k, 4) for _ in names) for k in range(5)]
        for concept in ("auto", "nash"):
            _same(game, names, points, concept)
