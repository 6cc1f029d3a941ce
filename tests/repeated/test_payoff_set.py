"""The exact equilibrium payoff set: hand-derived prisoner's dilemma sets, every vertex
sustained (checked by the independent decomposition, not by the operator), the fixed point,
QuantEcon's float answer on the same games, and the command line."""

from __future__ import annotations

import json
import random
from fractions import Fraction as F

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.cli.main import cli
from commit_calc.errors import UnsupportedGameError
from commit_calc.io import load_game
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.render.schemas import load_schema
from commit_calc.repeated.payoff_plot import individually_rational
from commit_calc.repeated.payoff_set import (
    TwoPlayerStage,
    equilibrium_payoff_set,
    is_fixed_point,
)
from commit_calc.repeated.polygon import cross, hull
from commit_calc.repeated.sustain import decompositions

PD = load_game("prisoners-dilemma")  # (3, 3), (0, 5), (5, 0), (1, 1)


def pairs(vertices):
    return [(str(x), str(y)) for x, y in vertices]


def test_patient_prisoners_get_every_feasible_individually_rational_payoff():
    # delta >= 1/2: the feasible set above the minmax (1, 1); the edge from (5, 0) to (3, 3)
    # meets y = 1 at x = 13/3
    found = equilibrium_payoff_set(PD, F(9, 10))
    assert pairs(found.vertices) == [("1", "1"), ("13/3", "1"), ("3", "3"), ("1", "13/3")]
    stage = found.stage
    assert found.vertices == individually_rational(stage.feasible, stage.minmax)
    assert found.threat == (1, 1)


def test_impatient_prisoners():
    # delta = 1/4: cooperation fails, but alternating (D, C) and (C, D) holds: (4, 1) =
    # 3/4 (5, 0) + 1/4 (1, 4), and Column, cooperating today, gets 1 = 3/4 * 1 + 1/4 * 1
    assert pairs(equilibrium_payoff_set(PD, F(1, 4)).vertices) == [
        ("1", "1"), ("4", "1"), ("1", "4")]
    # delta = 1/10: only the stage equilibrium
    assert pairs(equilibrium_payoff_set(PD, F(1, 10)).vertices) == [("1", "1")]


def test_no_pure_equilibrium_gives_the_empty_set():
    found = equilibrium_payoff_set(load_game("matching-pennies"), F(9, 10))
    assert found.vertices == () and found.threat is None


def test_decompositions_refuse_a_set_that_is_not_self_generating():
    stage = TwoPlayerStage.of(PD)
    with pytest.raises(UnsupportedGameError, match="not sustained"):
        decompositions(stage, F(9, 10), stage.feasible)  # (0, 5) is below the minmax


def test_a_nonlinear_fixed_point_is_found_exactly():
    # the iterates' denominators grow without end here; the fixed point is read off them
    game = NormalFormGame.from_matrices([[-2, 2], [-2, -2]], [[5, 0], [-9, 4]])
    found = equilibrium_payoff_set(game, F(9, 10))
    assert pairs(found.vertices) == [("-2", "5"), ("-8/5", "25/6"), ("-7/5", "17/4")]
    assert is_fixed_point(found.stage, found.delta, found.vertices)
    decompositions(found.stage, found.delta, found.vertices)


def test_quadratic_irrational_vertices_exactly():
    # a vertex is a root of 400 x**2 - 1105 x - 2477 (found by the float iterates too)
    game = NormalFormGame.from_matrices([[-4, 8, -3], [-1, 1, 7], [-1, 2, 1]],
                                        [[1, -6, 0], [-2, 6, -5], [9, 8, -6]])
    found = equilibrium_payoff_set(game, F(11, 20))
    assert pairs(found.vertices) == [
        ("-1", "1"), ("221/160 + 3*sqrt(23041)/160", "1"),
        ("61/20", "415/56 - sqrt(23041)/56"), ("-1", "9")]
    x = found.vertices[1][0]
    assert 400 * x * x - 1105 * x - 2477 == 0
    assert is_fixed_point(found.stage, found.delta, found.vertices)
    decompositions(found.stage, found.delta, found.vertices)


def random_table(rng: random.Random, size: int) -> NormalFormGame:
    return NormalFormGame.from_matrices(
        [[rng.randint(-9, 9) for _ in range(size)] for _ in range(size)],
        [[rng.randint(-9, 9) for _ in range(size)] for _ in range(size)])


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10**6), size=st.sampled_from([2, 3]),
       delta=st.sampled_from([F(1, 3), F(1, 2), F(7, 10), F(9, 10)]))
def test_vertices_are_sustained_and_fixed(seed, size, delta):
    try:
        found = equilibrium_payoff_set(random_table(random.Random(seed), size), delta)
    except UnsupportedGameError as error:  # irrational vertices: refused, said so
        assert "neither fractions" in str(error)
        return
    vertices = found.vertices
    assert vertices == hull(vertices)  # counter-clockwise, no redundant vertex
    if not vertices:
        return
    assert len(vertices) <= 2 or all(cross(vertices[k - 2], vertices[k - 1], vertices[k]) > 0
                                     for k in range(len(vertices)))
    sustained = decompositions(found.stage, delta, vertices)
    assert [d.vertex for d in sustained] == list(vertices)
    assert is_fixed_point(found.stage, delta, vertices)
    rational = individually_rational(found.stage.feasible, found.stage.minmax)
    assert hull(rational + vertices) == rational  # inside the feasible, IR set


def _quantecon_vertices(game: NormalFormGame, delta: F):
    np = pytest.importorskip("numpy")
    gt = pytest.importorskip("quantecon.game_theory")
    stage = TwoPlayerStage.of(game)
    rows, columns = game.shape
    table = [[tuple(float(v) for v in stage.payoffs[(i, j)]) for j in range(columns)]
             for i in range(rows)]
    repeated = gt.RepeatedGame(gt.NormalFormGame(table), float(delta))
    minmax = np.array([float(v) for v in stage.minmax])
    try:
        found = repeated.equilibrium_payoffs(options={"u_init": minmax})
    except Exception:  # noqa: BLE001 - QuantEcon fails on a point or a segment
        return None
    return found.points[found.vertices]


def test_quantecon_finds_the_same_vertices():
    np = pytest.importorskip("numpy")
    rng = random.Random(11)
    games = [(PD, F(9, 10)), (PD, F(1, 4))]
    games += [(random_table(rng, size), F(rng.randint(1, 19), 20))
              for size in (2, 3) for _ in range(10)]
    compared = {2: 0, 3: 0}
    refused = 0
    for game, delta in games:
        theirs = _quantecon_vertices(game, delta)
        try:
            found = equilibrium_payoff_set(game, delta)
        except UnsupportedGameError as error:  # irrational vertices (rare)
            assert "neither fractions" in str(error)
            refused += 1
            continue
        if theirs is None:  # a degenerate set: QuantEcon's hull needs three points
            assert len(found.vertices) <= 2
            continue
        ours = np.array([[float(x), float(y)] for x, y in found.vertices])
        for a, b in ((ours, theirs), (theirs, ours)):
            assert all(np.abs(b - point).max(axis=1).min() < 1e-6 for point in a)
        compared[game.shape[0]] += 1
    assert compared[2] >= 3 and compared[3] >= 3, (compared, refused)


def run(*args: str):
    return CliRunner().invoke(cli, ["repeated", *args])


def test_cli_json(tmp_path):
    picture = tmp_path / "set.png"
    result = run("prisoners-dilemma", "--discount", "1/4", "--payoff-set", "--plot",
                 str(picture), "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("repeated-1"))
    assert document["payoff_set"]["vertices"] == [["1", "1"], ["4", "1"], ["1", "4"]]
    assert document["payoff_set"]["sustained_by"][1] == {
        "vertex": ["4", "1"], "profile": {"Row": "Defect", "Column": "Cooperate"},
        "continuation": ["1", "4"]}
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert "payoff_set" not in json.loads(run("prisoners-dilemma", "--format", "json").stdout)


def test_cli_text():
    result = run("repeated-prisoners-dilemma", "--payoff-set")
    assert result.exit_code == 0, result.output
    assert "(13/3, 1): play Defect, Cooperate today" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (("reconciliation-cohorts", "--payoff-set"), "both players long-lived"),
    (("prisoners-dilemma", "--plot", "x.png"), "give --payoff-set too"),
    (("prisoners-dilemma", "--payoff-set", "--plot", "x.jpg"), "--plot"),
    (("prisoners-dilemma", "--payoff-set", "--horizon", "2"), "no --horizon"),
])
def test_cli_refusals(args, message):
    result = run(*args)
    assert result.exit_code == 2 or (result.exit_code != 0 and "Traceback" not in result.output)
    assert message in result.output
    assert len(result.output.strip().splitlines()) <= 3
