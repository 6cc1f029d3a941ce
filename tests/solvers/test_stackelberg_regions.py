"""The leader's optimal commitment as a piecewise formula, checked by hand and point by point
against the exact solver (at random points and on the boundaries between regions)."""

import json
import random
from fractions import Fraction

import jsonschema
import pytest
import sympy
from click.testing import CliRunner

from commit_calc.cli.main import cli
from commit_calc.errors import UnsupportedGameError
from commit_calc.model import NormalFormGame, Parameter
from commit_calc.render.schemas import load_schema
from commit_calc.solvers.stackelberg import stackelberg
from commit_calc.solvers.stackelberg_regions import stackelberg_regions


def _value(number):
    return Fraction(int(number.p), int(number.q))


def check_against_points(game, leader, analysis, points):
    """At each point: every commitment the region lists is a valid commitment whose follower
    response is a best response and whose leader payoff is the exact strong Stackelberg value,
    and the solver's own commitment is one of them."""
    index = game.player_index(leader)
    for point in points:
        exact = stackelberg(game, leader, point, compare_nash=False).strong
        region = analysis.region_at(point)
        at = {analysis.symbols[n]: sympy.Rational(v.numerator, v.denominator)
              for n, v in point.items()}
        first, second = (array.tolist() for array in game.at(point).numeric_payoffs())
        follower_table = second if index == 0 else [list(c) for c in zip(*first)]
        listed = []
        for equilibrium in region.equilibria:
            mine, theirs = equilibrium.distributions[index], equilibrium.distributions[1 - index]
            x = tuple(_value(p.xreplace(at)) for p in mine)
            j = theirs.index(1)
            assert min(x) >= 0 and sum(x) == 1, (point, equilibrium)
            follower = [sum(xi * row[k] for xi, row in zip(x, follower_table))
                        for k in range(len(theirs))]
            assert follower[j] == max(follower), (point, equilibrium)
            assert _value(equilibrium.payoffs[game.players[index]].xreplace(at)) == \
                exact.leader_payoff, (point, equilibrium)
            listed.append((x, j))
        assert (exact.strategy, exact.response) in listed, (point, listed, exact)


def test_follower_indifference_moves_with_a_parameter():
    """Hand derivation: leader payoffs [[2, 4], [1, 3]], follower [[1, 0], [0, t]]. The
    follower is indifferent where x_T = t x_B, so for t > 0 the leader commits to
    x_T = t/(1 + t) with the follower on r, and gets 4 x_T + 3 x_B = (4t + 3)/(t + 1), above the
    2 of T and the 3 of B."""
    t = Parameter("t", 1, lower=0, upper=5)
    game = NormalFormGame.from_matrices([[2, 4], [1, 3]], [[1, 0], [0, "t"]],
                                        strategies=(("T", "B"), ("l", "r")), parameters=[t])
    analysis = stackelberg_regions(game, "Row")
    region = analysis.region_at({"t": Fraction(1, 2)})
    (equilibrium,) = region.equilibria
    s = analysis.symbols["t"]
    assert sympy.simplify(equilibrium.strategies["Row"]["T"] - s / (1 + s)) == 0
    assert sympy.simplify(equilibrium.payoffs["Row"] - (4 * s + 3) / (s + 1)) == 0
    assert equilibrium.strategies["Column"] == {"r": 1}
    check_against_points(game, "Row", analysis,
                         [{"t": Fraction(k, 4)} for k in range(0, 21)])


def _random_game(rng, rows, columns, second=True):
    """Integer payoffs, a parameter p in [0, 10] added to two of the leader's entries and
    one of the follower's, and (``second``) a parameter q in [0, 5] in another follower
    entry."""
    a = [[rng.randint(-3, 6) for _ in range(columns)] for _ in range(rows)]
    b = [[rng.randint(-3, 6) for _ in range(columns)] for _ in range(rows)]
    a = [[str(v) for v in row] for row in a]
    b = [[str(v) for v in row] for row in b]
    a[rng.randrange(rows)][rng.randrange(columns)] += " + p"
    a[rng.randrange(rows)][rng.randrange(columns)] += " - p"
    b[rng.randrange(rows)][rng.randrange(columns)] += " + p"
    if second:
        b[rng.randrange(rows)][rng.randrange(columns)] += " - 2*q"
    parameters = [Parameter("p", 1, lower=0, upper=10)] + (
        [Parameter("q", 1, lower=0, upper=5)] if second else [])
    return NormalFormGame.from_matrices(a, b, parameters=parameters)


def _points(analysis, rng, count):
    """Random rational points, and points on each linear boundary (a key solved for p at a
    random q): where the regions meet, ties and degenerate commitments happen."""
    two = "q" in analysis.symbols
    points = [{"p": Fraction(rng.randint(0, 40), 4)} for _ in range(count)]
    if two:
        points = [{**point, "q": Fraction(rng.randint(0, 20), 4)} for point in points]
    p = analysis.symbols["p"]
    for key in analysis.keys:
        if sympy.Poly(key, p).degree() != 1:
            continue
        for q_value in (Fraction(0), Fraction(rng.randint(1, 20), 4)) if two else (None,):
            fixed = key if q_value is None else key.xreplace({analysis.symbols["q"]: q_value})
            root = sympy.solve(fixed, p)
            if len(root) == 1 and root[0].is_Rational and 0 <= root[0] <= 10:
                points.append({"p": _value(root[0]), **({"q": q_value} if two else {})})
    return points


@pytest.mark.parametrize(("seed", "shape", "second"), [
    (1, (2, 2), True), (2, (2, 2), True), (3, (2, 3), False), (4, (3, 2), False),
    (5, (2, 2), True), (6, (3, 3), False), (7, (3, 3), True)])
def test_random_games_agree_with_the_solver_point_by_point(seed, shape, second):
    rng = random.Random(seed)
    game = _random_game(rng, *shape, second)
    leader = rng.choice(game.players)
    analysis = stackelberg_regions(game, leader)
    assert analysis.concept == "stackelberg" and analysis.regions
    check_against_points(game, leader, analysis, _points(analysis, rng, 15))


def test_fixed_values_and_limits():
    game = NormalFormGame.from_matrices([[1, "p"], [0, 2]], [[0, 1], [1, 0]],
                                        parameters=[Parameter("p", 1, lower=0)])
    fixed = stackelberg_regions(game, "Column", {"p": 3})
    assert fixed.fixed == {"p": 3} and len(fixed.regions) == 1 and fixed.regions[0].always
    big = NormalFormGame.from_matrices([[0] * 9] * 9, [[0] * 9] * 9)
    with pytest.raises(UnsupportedGameError, match="candidate vertices"):
        stackelberg_regions(big, "Row")


def run(*args, stdin=None):
    return CliRunner().invoke(cli, ["thresholds", *args], input=stdin)


THREE_PLAYERS = """\
name = "three"
players = ["A", "B", "C"]

[table.strategies]
A = ["x"]
B = ["y"]
C = ["z"]

[[table.outcomes]]
profile = ["x", "y", "z"]
payoffs = [0, 0, 0]
"""


def test_thresholds_cli_refuses_three_players():
    result = run("-", "--concept", "stackelberg", "--leader", "A", stdin=THREE_PLAYERS)
    assert result.exit_code == 1 and "'three' has 3 players" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_thresholds_cli_text_and_json():
    result = run("reconciliation-2x2", "--concept", "stackelberg", "--leader", "Regime",
                 "--free", "salary", "--for", "salary")
    assert result.exit_code == 0, result.output
    assert "Regime's optimal (strong Stackelberg) commitment by region" in result.stdout
    assert "salary = 4600" in result.stdout
    result = run("reconciliation-2x2", "--concept", "stackelberg", "--leader", "Regime",
                 "--free", "salary", "--format", "json")
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(load_schema("thresholds-1")).validate(document)
    assert document["concept"] == "stackelberg"
    assert {r["outcome"] for r in document["regions"]} == {
        "Regime commits to Renege; Rebels plays Stay armed",
        "Regime commits to Honor + Renege; Rebels plays Disarm"}


@pytest.mark.parametrize(("args", "code", "words"), [
    (["disarm-trust", "--concept", "stackelberg", "--leader", "Regime"], 1, "is a tree"),
    (["reconciliation-2x2", "--concept", "stackelberg", "--leader", "Rebel"], 1,
     "'Rebel' is not a player"),
    (["reconciliation-2x2", "--concept", "stackelberg"], 2, "needs --leader"),
    (["reconciliation-2x2", "--leader", "Regime"], 2, "only with --concept stackelberg"),
])
def test_thresholds_cli_bad_input(args, code, words):
    result = run(*args)
    assert result.exit_code == code and words in result.stderr, result.output
    assert len(result.stderr.strip().splitlines()) == 1 or code == 2
