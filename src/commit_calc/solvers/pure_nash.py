"""Pure-strategy Nash equilibria of n-player normal-form games, by exhaustive enumeration.

A pure profile is an equilibrium when every player's strategy is a best response to the
others'. For each player the best-response condition is checked for all profiles at once: the
payoff array is compared with its maximum along that player's axis.
"""

from __future__ import annotations

import numpy as np

from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import MixedProfile
from commit_calc.solvers._nash_arrays import integer_payoffs
from commit_calc.solvers.results import SolveResult, certify

METHOD = "pure-enumeration"


def pure_nash_equilibria(game: NormalFormGame) -> SolveResult:
    """Every pure-strategy Nash equilibrium of a numeric normal-form game.

    Parameters
    ----------
    game : NormalFormGame
        A game with any number of players and numeric payoffs (substitute parameter values
        with ``game.at(...)`` first).

    Returns
    -------
    SolveResult
        Concept ``"nash"``, method ``"pure-enumeration"``; the equilibria in the order of
        :meth:`NormalFormGame.profiles` (first player's strategy slowest), each certified by
        the exact regret check.

    Raises
    ------
    ParameterError
        If a payoff still depends on a parameter without a value.

    Notes
    -----
    Payoffs are scaled to integers per player (equilibria are invariant to positive scaling),
    then for each player ``p`` the profiles where ``p``'s payoff equals the maximum over ``p``'s
    own strategies are marked; equilibria are the profiles marked for every player. The work
    is one pass over the payoff arrays per player.

    Examples
    --------
    The Prisoner's Dilemma has one equilibrium, mutual defection:

    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                   strategies=(("C", "D"), ("C", "D")))
    >>> result = pure_nash_equilibria(pd)
    >>> [e.profile.labelled(pd) for e in result.equilibria]
    [{'Row': {'D': 1}, 'Column': {'D': 1}}]
    >>> result.equilibria[0].payoffs
    (1, 1)
    """
    arrays = integer_payoffs(game, "pure_nash_equilibria()")
    stable = np.ones(game.shape, dtype=bool)
    for player, array in enumerate(arrays):
        stable &= array == array.max(axis=player, keepdims=True)
    equilibria = tuple(
        certify(game, MixedProfile.pure(game, tuple(int(k) for k in index)))
        for index in np.argwhere(stable)
    )
    return SolveResult(game=game, concept="nash", method=METHOD, equilibria=equilibria)


__all__ = ["pure_nash_equilibria"]
