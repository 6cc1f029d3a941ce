"""The leader's weak Stackelberg commitment by region (ties broken against the leader),
checked by hand and point by point against the exact solver, at random points and exactly on
the boundaries between regions."""

import json
import random
from fractions import Fraction

import jsonschema
import pytest
import sympy
from click.testing import CliRunner

from commit_calc.cli.main import cli
from commit_calc.model import NormalFormGame, Parameter
from commit_calc.render.schemas import load_schema
from commit_calc.solvers.stackelberg import stackelberg
from commit_calc.solvers.stackelberg_weak_regions import (
    SUPREMUM,
    UNDECIDED,
    weak_stackelberg_regions,
)


def _value(number):
    number = sympy.nsimplify(number)
    return Fraction(int(number.p), int(number.q))


def check_against_points(game, leader, analysis, points):
    """At each point: every commitment listed is a mixed strategy with a best response of the
    follower, its leader payoff is the solver's weak value, and the region says the value is
    a supremum exactly where the solver does. Where it says attained, the listed commitment
    attains it: every best response there gives the leader at least the value. Returns the
    number of points where attainment was left undecided."""
    index = game.player_index(leader)
    undecided = 0
    for point in points:
        exact = stackelberg(game, leader, point, compare_nash=False).weak
        region = analysis.region_at(point)
        at = {analysis.symbols[n]: sympy.Rational(v.numerator, v.denominator)
              for n, v in point.items()}
        first, second = (array.tolist() for array in game.at(point).numeric_payoffs())
        leader_table = first if index == 0 else [list(c) for c in zip(*second)]
        follower_table = second if index == 0 else [list(c) for c in zip(*first)]
        assert region.equilibria, point
        for equilibrium in region.equilibria:
            mine, theirs = equilibrium.distributions[index], equilibrium.distributions[1 - index]
            x = tuple(_value(p.xreplace(at)) for p in mine)
            j = theirs.index(1)
            assert min(x) >= 0 and sum(x) == 1, (point, equilibrium)
            follower = [sum(xi * row[k] for xi, row in zip(x, follower_table))
                        for k in range(len(theirs))]
            own = [sum(xi * row[k] for xi, row in zip(x, leader_table))
                   for k in range(len(theirs))]
            assert follower[j] == max(follower), (point, equilibrium)
            value = _value(equilibrium.payoffs[game.players[index]].xreplace(at))
            assert value == own[j] == exact.leader_payoff, (point, equilibrium, exact)
            if equilibrium.outcome.endswith(UNDECIDED):
                undecided += 1
                continue
            assert equilibrium.outcome.endswith(SUPREMUM) == (not exact.attained), (
                point, equilibrium, exact)
            if exact.attained:
                best = [k for k, f in enumerate(follower) if f == max(follower)]
                assert min(own[k] for k in best) == exact.leader_payoff, (point, equilibrium)
    return undecided


def test_von_stengel_zamir_with_a_parameter():
    """Von Stengel and Zamir's (2010) game, the leader's payoff at (B, r) a parameter b.
    Strong: (1/2, 1/2) with the follower on r gives b/2 + 2. Weak: at (1/2, 1/2) the follower
    breaks its tie for l (2 for the leader), so b/2 + 2 is only approached from x_T < 1/2 (r
    strictly best): a supremum, best for 0 < b < 4; for b >= 4 committing to B (r strictly
    best) attains b; at b = 0 committing to T (l strictly best) attains 2."""
    game = NormalFormGame.from_matrices(
        [[2, 4], [1, "b"]], [[1, 0], [0, 1]], strategies=(("T", "B"), ("l", "r")),
        parameters=[Parameter("b", 3, lower=0, upper=10)])
    analysis = weak_stackelberg_regions(game, "Row")
    assert analysis.concept == "stackelberg-weak"
    b = analysis.symbols["b"]
    (middle,) = analysis.region_at({"b": 2}).equilibria
    assert middle.outcome.endswith(SUPREMUM)
    assert middle.strategies["Row"] == {"T": sympy.Rational(1, 2), "B": sympy.Rational(1, 2)}
    assert sympy.simplify(middle.payoffs["Row"] - (b / 2 + 2)) == 0
    (high,) = analysis.region_at({"b": 4}).equilibria
    assert high.strategies["Row"] == {"B": 1} and not high.outcome.endswith(SUPREMUM)
    (low,) = analysis.region_at({"b": 0}).equilibria
    assert low.strategies["Row"] == {"T": 1} and not low.outcome.endswith(SUPREMUM)
    points = [{"b": Fraction(k, 4)} for k in range(0, 41)]
    assert check_against_points(game, "Row", analysis, points) == 0


def _random_game(rng, rows, columns, second=True):
    """Integer payoffs, a parameter p in [0, 10] added to two of the leader's entries and
    one of the follower's, and (``second``) a parameter q in [0, 5] in another follower
    entry."""
    a = [[str(rng.randint(-3, 6)) for _ in range(columns)] for _ in range(rows)]
    b = [[str(rng.randint(-3, 6)) for _ in range(columns)] for _ in range(rows)]
    a[rng.randrange(rows)][rng.randrange(columns)] += " + p"
    a[rng.randrange(rows)][rng.randrange(columns)] += " - p"
    b[rng.randrange(rows)][rng.randrange(columns)] += " + p"
    if second:
        b[rng.randrange(rows)][rng.randrange(columns)] += " - 2*q"
    parameters = [Parameter("p", 1, lower=0, upper=10)] + (
        [Parameter("q", 1, lower=0, upper=5)] if second else [])
    return NormalFormGame.from_matrices(a, b, parameters=parameters)


def _points(analysis, rng, count):
    """Random rational points, and points exactly on each boundary linear in p (solved for p,
    at q = 0 and at a random q): where regions meet, ties and suprema change."""
    two = "q" in analysis.symbols
    points = [{"p": Fraction(rng.randint(0, 40), 4)} for _ in range(count)]
    if two:
        points = [{**point, "q": Fraction(rng.randint(0, 20), 4)} for point in points]
    p = analysis.symbols["p"]
    boundaries = 0
    for key in analysis.keys:
        if sympy.Poly(key, p).degree() != 1:
            continue
        for q_value in (Fraction(0), Fraction(rng.randint(1, 20), 4)) if two else (None,):
            fixed = key if q_value is None else key.xreplace({analysis.symbols["q"]: q_value})
            root = sympy.solve(fixed, p)
            if len(root) == 1 and root[0].is_Rational and 0 <= root[0] <= 10:
                points.append({"p": _value(root[0]), **({"q": q_value} if two else {})})
                boundaries += 1
    return points, boundaries


@pytest.mark.parametrize(("seed", "shape", "second"), [
    (1, (2, 2), True), (2, (2, 2), True), (3, (2, 3), False), (4, (3, 2), False),
    (9, (2, 2), True), (6, (3, 3), False), (10, (2, 3), True), (11, (2, 3), True)])
def test_random_games_agree_with_the_solver_point_by_point(seed, shape, second):
    rng = random.Random(seed)
    game = _random_game(rng, *shape, second)
    leader = rng.choice(game.players)
    analysis = weak_stackelberg_regions(game, leader)
    assert analysis.regions
    points, boundaries = _points(analysis, rng, 12)
    assert boundaries > 0
    assert check_against_points(game, leader, analysis, points) == 0


def test_follower_ties_over_every_commitment():
    """The follower's columns are equal where p = 1 and q = 0: there it breaks the tie over
    the whole class against the leader, who gets min(x_T, x_B) at best: 1/2 at (1/2, 1/2),
    attained. Elsewhere near it, l or r is strictly best on part of the simplex."""
    game = NormalFormGame.from_matrices([[1, 0], [0, 1]], [["p", 1], ["2*q", 0]],
                                        parameters=[Parameter("p", 1, lower=0, upper=3),
                                                    Parameter("q", 1, lower=0, upper=2)])
    analysis = weak_stackelberg_regions(game, "Row")
    (tie,) = analysis.region_at({"p": 1, "q": 0}).equilibria
    assert tie.strategies["Row"] == {"1": sympy.Rational(1, 2), "2": sympy.Rational(1, 2)}
    assert tie.payoffs["Row"] == sympy.Rational(1, 2) and not tie.outcome.endswith(SUPREMUM)
    points = [{"p": Fraction(p, 2), "q": Fraction(q, 2)} for p in range(7) for q in range(5)]
    assert check_against_points(game, "Row", analysis, points) == 0


def run(*args):
    return CliRunner().invoke(cli, ["thresholds", *args])


def test_thresholds_cli_weak():
    """reconciliation-2x2, the regime leading: the rebels disarm only if honour is likely
    enough; at exactly that probability they are indifferent and, against the regime, stay
    armed, so the regime's best weak value is a supremum below salary 4600; from 4600 on
    it commits to Renege (the rebels strictly prefer to stay armed) and attains 400."""
    args = ["reconciliation-2x2", "--concept", "stackelberg", "--leader", "Regime",
            "--free", "salary", "--tie-break", "weak"]
    result = run(*args, "--for", "salary")
    assert result.exit_code == 0, result.output
    assert "Regime's optimal (weak Stackelberg, ties broken against the leader)" in result.stdout
    assert "region 1: salary >= 4600" in result.stdout
    assert "Rebels plays Disarm (the value is a supremum, not attained)" in result.stdout
    document = json.loads(run(*args, "--format", "json").stdout)
    jsonschema.Draft202012Validator(load_schema("thresholds-1")).validate(document)
    assert document["concept"] == "stackelberg-weak"
    strong = run(*args[:-2])
    assert "strong Stackelberg" in strong.stdout and "supremum" not in strong.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["reconciliation-2x2", "--tie-break", "weak"], "only with --concept stackelberg"),
    (["reconciliation-2x2", "--concept", "stackelberg", "--leader", "Regime",
      "--tie-break", "fair"], "'fair' is not one of"),
])
def test_tie_break_bad_usage(args, words):
    result = run(*args)
    assert result.exit_code == 2 and words in result.stderr, result.output


def test_bounded_work(monkeypatch):
    """The nested case splits stop past MAX_CASES pieces with a one-line message."""
    from commit_calc.errors import UnsupportedGameError
    from commit_calc.solvers import stackelberg_weak_regions as module

    game = _random_game(random.Random(1), 2, 2, True)
    monkeypatch.setattr(module, "MAX_CASES", 1)
    with pytest.raises(UnsupportedGameError, match="more than 1 pieces"):
        module.weak_stackelberg_regions(game, "Row")
