"""Normal-form games: construction, labels, substitution, and clear errors."""

import pytest
import sympy

from commit_calc.errors import GameDefinitionError, ParameterError
from commit_calc.model import NormalFormGame, Parameter


def test_from_matrices_keeps_labels_and_exact_payoffs():
    game = NormalFormGame.from_matrices(
        [[3, "0.5"], [5, 1]], [[3, 5], [0, "1/3"]],
        players=("Row", "Column"), strategies=(("C", "D"), ("C", "D")),
    )
    assert game.payoff(("C", "D")) == (sympy.Rational(1, 2), 5)
    assert game.payoff((1, 1)) == (1, sympy.Rational(1, 3))
    assert game.shape == (2, 2)


def test_non_square_games_index_rows_by_the_first_player():
    game = NormalFormGame.from_matrices([[1, 2, 3], [4, 5, 6]], [[0, 0, 0], [0, 0, 0]])
    assert game.shape == (2, 3)
    assert game.payoff((1, 2))[0] == 6


def test_three_player_arrays():
    payoffs = [[[[k + 10 * p for k in range(2)] for _ in range(2)] for _ in range(2)]
               for p in range(3)]
    game = NormalFormGame.from_arrays(payoffs)
    assert game.players == ("Player 1", "Player 2", "Player 3")
    assert game.payoff((0, 1, 1)) == (1, 11, 21)


def test_from_dict_requires_every_profile():
    with pytest.raises(GameDefinitionError, match=r"no payoffs for profile \(B, R\)"):
        NormalFormGame.from_dict(
            {("T", "L"): (1, 1), ("T", "R"): (0, 0), ("B", "L"): (0, 0)},
            players=("Row", "Column"), strategies=(("T", "B"), ("L", "R")),
        )


def test_from_dict_names_an_unknown_strategy():
    with pytest.raises(GameDefinitionError, match="player 'Column' has no strategy 'X'"):
        NormalFormGame.from_dict(
            {("T", "X"): (1, 1)}, players=("Row", "Column"), strategies=(("T",), ("L",))
        )


def test_mismatched_shapes_are_refused_with_the_player_named():
    with pytest.raises(GameDefinitionError, match="player 'Column' payoffs have shape"):
        NormalFormGame.from_matrices([[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]])


def test_ragged_payoffs_are_refused():
    with pytest.raises(GameDefinitionError):
        NormalFormGame.from_matrices([[1, 2], [3]], [[1, 2], [3, 4]])


def test_repeated_strategy_labels_are_refused():
    with pytest.raises(GameDefinitionError, match="repeated"):
        NormalFormGame.from_matrices([[1, 2]], [[1, 2]], strategies=(("T",), ("L", "L")))


def test_formulas_use_declared_parameters_and_substitute_exactly():
    game = NormalFormGame.from_matrices(
        [["salary + amnesty", 0], [1, 1]], [[1, 0], [0, 1]],
        parameters=[Parameter("salary", 250), Parameter("amnesty", 300)],
    )
    assert game.free_parameters == ("salary", "amnesty")
    assert not game.is_numeric
    assert game.at().payoff((0, 0))[0] == 550
    assert game.at({"salary": "0.5"}).payoff((0, 0))[0] == sympy.Rational(601, 2)
    partial = game.substitute({"salary": 100})
    assert partial.free_parameters == ("amnesty",)
    assert [p.name for p in partial.parameters] == ["amnesty"]


def test_unknown_parameter_in_a_formula_is_named_with_the_payoff_it_sits_in():
    with pytest.raises(GameDefinitionError, match=r"payoff of 'Row' at \(1, 2\).*'wage'"):
        NormalFormGame.from_matrices([[0, "wage"]], [[0, 0]])


def test_sympy_symbols_of_declared_names_are_adopted():
    salary = Parameter("salary", 250, lower=0)
    game = NormalFormGame.from_matrices([[sympy.Symbol("salary")]], [[0]], parameters=[salary])
    assert game.payoff((0, 0))[0] == salary.symbol


def test_numeric_payoffs_need_values():
    game = NormalFormGame.from_matrices([["c"]], [[0]], parameters=[Parameter("c", 1)])
    with pytest.raises(ParameterError, match="substitute values first"):
        game.numeric_payoffs()


def test_zero_sum_is_detected_symbolically():
    c = Parameter("c", 1)
    game = NormalFormGame.from_matrices([["c", -1]], [["-c", 1]], parameters=[c])
    assert game.is_zero_sum
