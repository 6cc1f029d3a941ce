"""An independent exact check that every vertex of a payoff set is an equilibrium payoff.

By Abreu, Pearce and Stacchetti (1990), a bounded set ``W`` that is *self-generating* holds
only equilibrium payoffs: every point of ``W`` is ``(1 - delta) g(a) + delta w`` for an
action profile ``a`` and a continuation ``w`` in ``W`` (with public randomisation: its convex
hull) such that no player gains by deviating today and being punished with its lowest payoff
in ``W`` from tomorrow on. For a convex polygon it is enough that every vertex is so
decomposed (the decompositions of the vertices, mixed by the public randomisation, give every
other point). This module finds such a decomposition for each vertex directly, from the
definition, without the operator that computed the set.

>>> from fractions import Fraction as F
>>> from commit_calc.io import load_game
>>> from commit_calc.repeated.payoff_set import TwoPlayerStage
>>> stage = TwoPlayerStage.of(load_game("prisoners-dilemma"))
>>> square = ((F(1), F(1)), (F(13, 3), F(1)), (F(3), F(3)), (F(1), F(13, 3)))
>>> [d.profile for d in decompositions(stage, F(9, 10), square)]
[('Defect', 'Defect'), ('Defect', 'Cooperate'), ('Cooperate', 'Cooperate'), ('Cooperate', \
'Defect')]
>>> decompositions(stage, F(1, 10), square)
Traceback (most recent call last):
...
commit_calc.errors.UnsupportedGameError: payoff set: the vertex (13/3, 1) is not sustained: \
no action profile today with a continuation in the set deters every deviation
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from commit_calc.errors import UnsupportedGameError
from commit_calc.repeated.payoff_set import TwoPlayerStage
from commit_calc.repeated.polygon import Point

Pair = Point


@dataclass(frozen=True)
class Decomposition:
    """How a vertex is sustained: ``profile`` today, then the payoffs ``continuation`` (a
    point of the set, reached with public randomisation over its vertices)."""

    vertex: Pair
    profile: tuple[str, str]
    continuation: Pair


def _in_convex(polygon: tuple[Pair, ...], point: Pair) -> bool:
    """``point`` in the convex hull of ``polygon`` (counter-clockwise vertices), exactly."""
    if len(polygon) == 1:
        return point == polygon[0]
    for k, a in enumerate(polygon):
        b = polygon[(k + 1) % len(polygon)]
        side = (b[0] - a[0]) * (point[1] - a[1]) - (b[1] - a[1]) * (point[0] - a[0])
        if side < 0:
            return False
        if len(polygon) == 2 and (side != 0 or not (min(a[0], b[0]) <= point[0] <= max(a[0], b[0])
                                                    and min(a[1], b[1]) <= point[1]
                                                    <= max(a[1], b[1]))):
            return False
    return True


def decompositions(stage: TwoPlayerStage, delta: Fraction, polygon: tuple[Pair, ...]
                   ) -> tuple[Decomposition, ...]:
    """A decomposition of every vertex of ``polygon`` (see the module docstring).

    Raises
    ------
    UnsupportedGameError
        A vertex has none: the polygon is not self-generating.
    """
    worst = (min(v[0] for v in polygon), min(v[1] for v in polygon)) if polygon else None
    found = []
    for vertex in polygon:
        assert worst is not None
        decomposition = None
        for (row, column), g in stage.payoffs.items():
            w = ((vertex[0] - (1 - delta) * g[0]) / delta, (vertex[1] - (1 - delta) * g[1]) / delta)
            deviations = (max(stage.payoffs[(k, column)][0] for k in range(len(stage.actions[0]))),
                          max(stage.payoffs[(row, k)][1] for k in range(len(stage.actions[1]))))
            deterred = all(vertex[i] >= (1 - delta) * deviations[i] + delta * worst[i]
                           for i in (0, 1))
            if deterred and _in_convex(polygon, w):
                decomposition = Decomposition(
                    vertex, (stage.actions[0][row], stage.actions[1][column]), w)
                break
        if decomposition is None:
            raise UnsupportedGameError(
                f"payoff set: the vertex ({vertex[0]}, {vertex[1]}) is not sustained: no "
                "action profile today with a continuation in the set deters every deviation")
        found.append(decomposition)
    return tuple(found)
