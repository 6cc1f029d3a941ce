"""Exact integer payoff arrays for the Nash solvers' kernels.

Nash equilibria do not change when one player's payoffs are multiplied by a positive number or
shifted by a constant, so each player's ``Fraction`` payoffs are scaled by the least common
multiple of their denominators: the kernels then compare plain integers.
"""

from __future__ import annotations

import math

import numpy as np

from commit_calc.errors import ParameterError
from commit_calc.model.normal_form import NormalFormGame

_INT64_SAFE = 2**62


def integer_payoffs(game: NormalFormGame, caller: str) -> tuple[np.ndarray, ...]:
    """Each player's payoffs times a positive integer, as exact integer arrays.

    Arrays are ``int64`` when every entry fits comfortably, else ``object`` arrays of Python
    ``int``. Raises :class:`ParameterError` naming ``caller`` if the game still has parameters.

    >>> game = NormalFormGame.from_matrices([["1/2", 1], [0, "1/3"]], [[1, 2], [3, 4]])
    >>> [a.tolist() for a in integer_payoffs(game, "f()")]
    [[[3, 6], [0, 2]], [[1, 2], [3, 4]]]
    """
    if not game.is_numeric:
        raise ParameterError(
            f"{caller}: the game has parameters without values ("
            + ", ".join(game.free_parameters)
            + "): substitute values first, e.g. game.at({...}) or game.at() for the defaults"
        )
    scaled = []
    for array in game.numeric_payoffs():
        flat = array.ravel()
        scale = math.lcm(*(value.denominator for value in flat))
        integers = np.array([value.numerator * (scale // value.denominator) for value in flat],
                            dtype=object).reshape(array.shape)
        if all(-_INT64_SAFE < value < _INT64_SAFE for value in integers.flat):
            integers = integers.astype(np.int64)
        scaled.append(integers)
    return tuple(scaled)
