"""nashpy's answers, rationalised and verified exactly, against the exact enumeration."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.errors import UnsupportedGameError
from commit_calc.model import NormalFormGame
from commit_calc.solvers.mixed_nash import extreme_equilibria
from commit_calc.solvers.nashpy_bridge import ALGORITHMS, nashpy_equilibria
from commit_calc.solvers.solve import solve


def profiles(result):
    return {e.profile.probabilities for e in result.equilibria}


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_matching_pennies_every_algorithm(algorithm):
    """Matching Pennies: the unique equilibrium is (1/2, 1/2) for both (von Neumann 1928)."""
    game = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    result = nashpy_equilibria(game, algorithm)
    assert result.method == f"nashpy-{algorithm.replace('_', '-')}"
    assert profiles(result) == profiles(extreme_equilibria(game))
    assert all(e.max_regret == 0 for e in result.equilibria)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 3), st.integers(2, 3), st.data())
def test_nashpy_finds_a_subset_of_the_exact_extreme_equilibria(rows, columns, data):
    """Nondegenerate or not, whatever survives the exact check is a true equilibrium; on
    generic payoffs (a wide range makes ties rare) it is one of the extreme equilibria."""
    cells = rows * columns
    flat = [data.draw(st.lists(st.integers(-50, 50), min_size=cells, max_size=cells))
            for _ in range(2)]
    row, column = ([f[r * columns:(r + 1) * columns] for r in range(rows)] for f in flat)
    game = NormalFormGame.from_matrices(row, column)
    exact = extreme_equilibria(game)
    result = nashpy_equilibria(game, "support_enumeration")
    assert all(e.max_regret == 0 for e in result.equilibria)
    if not any("degenerate" in w for w in exact.warnings):
        assert profiles(result) <= profiles(exact)


def test_degenerate_games_may_lose_equilibria_and_say_so():
    """Entry deterrence in strategic form (MWG 1995, 9.B): a continuum of equilibria."""
    game = NormalFormGame.from_matrices([[0, 0], [-1, 1]], [[2, 2], [-1, 1]],
                                        strategies=(("Out", "In"), ("Fight", "Accommodate")))
    result = nashpy_equilibria(game)
    assert any("floating point" in w for w in result.warnings)
    assert all(e.max_regret == 0 for e in result.equilibria)


def test_solve_method_option_and_its_limits():
    game = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert profiles(solve(game, method="nashpy-lemke-howson")) <= profiles(solve(game))
    with pytest.raises(UnsupportedGameError, match="not one of"):
        solve(game, method="simplex")
    three = NormalFormGame.from_arrays([[[[0] * 2] * 2] * 2] * 3)
    with pytest.raises(UnsupportedGameError, match="two-player"):
        nashpy_equilibria(three)


def test_cli_method_option_reports_the_method():
    import json

    from click.testing import CliRunner

    from commit_calc.cli.main import cli

    result = CliRunner().invoke(cli, ["solve", "battle-of-the-sexes", "--method",
                                      "nashpy-support-enumeration", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["method"] == "nashpy-support-enumeration"
    assert len(document["equilibria"]) == 3
    tree = CliRunner().invoke(cli, ["solve", "disarm-trust", "--method", "nashpy-lemke-howson"])
    assert tree.exit_code == 1
    assert "two-player normal-form" in tree.stderr
