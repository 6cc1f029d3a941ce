"""An independent exact check of mixed profiles whose probabilities are algebraic numbers.

The probabilities (``1/2 + sqrt(5)/10``, polynomials in ``CRootOf(...)``) are read as elements
of the number field sympy builds from the radicals and roots they contain
(``QQ.algebraic_field``); expected payoffs and regrets are then computed in that field, where
equality is exact. A nonzero number's sign is read from a 50-digit evaluation that sympy
certifies (``evalf(strict=True)``). Nothing here uses the solver's polynomial systems.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import sympy
from sympy import QQ

from commit_calc.errors import GameDefinitionError
from commit_calc.model.normal_form import NormalFormGame


def verify_algebraic(
    game: NormalFormGame,
    probabilities: Sequence[Sequence[sympy.Expr]],
    claimed_payoffs: Sequence[sympy.Expr] | None = None,
) -> tuple[tuple[sympy.Expr, ...], tuple[sympy.Expr, ...]]:
    """Each player's exact expected payoff and regret at an algebraic mixed profile.

    With ``claimed_payoffs`` (a solver's), the payoffs returned are those, once each is found
    exactly equal to the expected payoff computed here; a regret is then reported as 1 for a
    payoff that differs.

    Raises :class:`GameDefinitionError` if a distribution has the wrong length, a negative
    probability, or does not sum to exactly 1.

    Examples
    --------
    The three-player game of ``tests/solvers/test_nplayer_textbook.py`` where each player
    plays the first strategy with probability ``sqrt(2) - 1``:

    >>> game = NormalFormGame.from_arrays([
    ...     [[[0, 1], [-1, 0]], [[0, 0], [0, 0]]],
    ...     [[[0, -1], [0, 0]], [[1, 0], [0, 0]]],
    ...     [[[2, 0], [0, 0]], [[0, 0], [-1, 0]]]])
    >>> p = sympy.sqrt(2) - 1
    >>> verify_algebraic(game, [(p, 1 - p)] * 3)[1]
    (0, 0, 0)
    """
    if len(probabilities) != game.num_players or any(
        len(d) != size for d, size in zip(probabilities, game.shape)
    ):
        raise GameDefinitionError("verify_algebraic(): the profile does not fit the game's shape")
    field = _field([p for d in probabilities for p in d] + list(claimed_payoffs or ()))
    mix = [[field.from_sympy(sympy.sympify(p)) for p in d] for d in probabilities]
    for player, distribution in enumerate(mix):
        if sum(distribution, field.zero) != field.one or any(_sign(field, p) < 0
                                                          for p in distribution):
            raise GameDefinitionError(
                f"verify_algebraic(): the distribution of player {player + 1} is not a "
                "probability distribution"
            )
    payoffs, regrets = [], []
    for player, array in enumerate(game.numeric_payoffs()):
        values = _strategy_values(field, array, mix, player)
        payoff = sum((m * v for m, v in zip(mix[player], values)), field.zero)
        best = values[0]
        for value in values[1:]:
            if _sign(field, value - best) > 0:
                best = value
        regret = _simplified(field.to_sympy(best - payoff))
        if claimed_payoffs is None:
            payoffs.append(_simplified(field.to_sympy(payoff)))
        else:
            payoffs.append(claimed_payoffs[player])
            if field.from_sympy(sympy.sympify(claimed_payoffs[player])) != payoff:
                regret = sympy.S.One
        regrets.append(regret)
    return tuple(payoffs), tuple(regrets)


def _field(numbers: Sequence[Any]) -> Any:
    generators: set[sympy.Expr] = set()
    for number in numbers:
        expression = sympy.sympify(number)
        generators |= expression.atoms(sympy.CRootOf)
        generators |= {
            atom for atom in expression.atoms(sympy.Pow)
            if atom.exp.is_Rational and not atom.exp.is_Integer
        }
    if not generators:
        return QQ
    return QQ.algebraic_field(*sorted(generators, key=sympy.default_sort_key))


def _strategy_values(field: Any, array: Any, mix: list[list[Any]], player: int) -> list[Any]:
    others = [
        [(k, p) for k, p in enumerate(d) if p != field.zero]
        for q, d in enumerate(mix) if q != player
    ]
    values = []
    for own in range(len(mix[player])):
        total = field.zero
        for combination in itertools.product(*others):
            weight = field.one
            index = []
            for k, p in combination:
                weight *= p
                index.append(k)
            index.insert(player, own)
            value = array[tuple(index)]
            total += weight * field.convert(QQ(value.numerator, value.denominator))
        values.append(total)
    return values


def _sign(field: Any, value: Any) -> int:
    if value == field.zero:
        return 0
    number = field.to_sympy(value).evalf(50, strict=True)
    return 1 if number > 0 else -1


def _simplified(value: sympy.Expr) -> sympy.Expr:
    return sympy.expand(value)


__all__ = ["verify_algebraic"]
