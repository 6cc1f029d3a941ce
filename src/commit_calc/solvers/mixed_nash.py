"""All extreme Nash equilibria of two-player games, exactly, with their connected components.

The equilibria of a bimatrix game form finitely many convex polytopes (maximal Nash subsets)
whose vertices are the extreme equilibria; the polytopes that share vertices make up connected
components. In a nondegenerate game every equilibrium is isolated and extreme. This module
finds every extreme equilibrium by exact vertex enumeration of the best-response polytopes
(:mod:`~commit_calc.solvers._vertex_enumeration`), the method of Gambit's ``enummixed`` and
of ``lrsnash``, and numbers their components as ``enummixed -c`` does.

nashpy is not called here: its vertex enumeration works in floating point and, by its own
warning, may miss equilibria of degenerate games, which the exact enumeration finds.
"""

from __future__ import annotations

from fractions import Fraction

import sympy

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import MixedProfile
from commit_calc.solvers._nash_arrays import integer_payoffs
from commit_calc.solvers._vertex_enumeration import completely_labelled_pairs
from commit_calc.solvers.results import Equilibrium, SolveResult, certify

METHOD = "vertex-enumeration"

Pair = tuple[tuple[Fraction, ...], tuple[Fraction, ...], int, int]


def extreme_equilibria(game: NormalFormGame) -> SolveResult:
    """Every extreme Nash equilibrium of a numeric two-player game, with component numbers.

    Parameters
    ----------
    game : NormalFormGame
        Two players, numeric payoffs (substitute parameter values with ``game.at(...)``).
        Degenerate games are handled exactly.

    Returns
    -------
    SolveResult
        Concept ``"nash"``, method ``"vertex-enumeration"``. Each equilibrium is certified by
        the exact regret check and carries ``component``: equilibria are numbered 1, 2, ...
        by connected component of the graph that joins the two players' extreme strategies
        by an edge per extreme equilibrium (Gambit's ``enummixed -c``). Equilibria are listed
        by component, and within one by the players' probabilities, first strategies first.
        A component with several extreme equilibria is a continuum: ``warnings`` says so,
        and says when the game is degenerate.

    Raises
    ------
    UnsupportedGameError
        If the game does not have exactly two players.
    ParameterError
        If a payoff still depends on a parameter without a value.

    Notes
    -----
    1. Scale each player's payoffs to integers and shift them to be positive (equilibria do
       not change).
    2. Enumerate the vertices of the best-response polytopes ``P = {x >= 0 : B^T x <= 1}``
       and ``Q = {y >= 0 : A y <= 1}``, each labelled by its tight constraints.
    3. Match every vertex ``x != 0`` of ``P`` with the vertices of ``Q`` that carry all the
       labels ``x`` lacks (bitset intersections), and normalise each pair.
    4. Join pairs that share a strategy into components (union-find) and certify each
       profile exactly.

    References
    ----------
    D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash equilibria
    for two-player games", Economic Theory 42 (2010) 9-37.

    Examples
    --------
    Battle of the Sexes has two pure equilibria and one mixed (Osborne 2004, section 4.1):

    >>> bos = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]],
    ...                                    strategies=(("Bach", "Stravinsky"),) * 2)
    >>> for e in extreme_equilibria(bos).equilibria:
    ...     print(e.component, e.profile.labelled(bos))
    1 {'Row': {'Bach': 1}, 'Column': {'Bach': 1}}
    2 {'Row': {'Bach': 2/3, 'Stravinsky': 1/3}, 'Column': {'Bach': 1/3, 'Stravinsky': 2/3}}
    3 {'Row': {'Stravinsky': 1}, 'Column': {'Stravinsky': 1}}
    """
    if game.num_players != 2:
        raise UnsupportedGameError(
            f"extreme_equilibria(): needs a two-player game, {game} has {game.num_players} "
            "players (use pure_nash_equilibria for pure equilibria of larger games)"
        )
    row_payoffs, column_payoffs = integer_payoffs(game, "extreme_equilibria()")
    pairs = completely_labelled_pairs(row_payoffs.tolist(), column_payoffs.tolist())
    pairs.sort(key=lambda pair: (tuple(-p for p in pair[0]), tuple(-p for p in pair[1])))
    components = equilibrium_components(pairs)
    order = sorted(range(len(pairs)), key=lambda k: components[k])
    equilibria = tuple(
        certify(game, _profile(pairs[k]), component=components[k]) for k in order
    )
    return SolveResult(
        game=game,
        concept="nash",
        method=METHOD,
        equilibria=equilibria,
        warnings=_warnings(game, pairs, equilibria),
    )


def _profile(pair: Pair) -> MixedProfile:
    return MixedProfile.trusted(tuple(
        tuple(sympy.Rational(int(p.numerator), int(p.denominator)) for p in strategy)
        for strategy in pair[:2]
    ))


def equilibrium_components(pairs: list[Pair]) -> list[int]:
    """Component number (from 1, in order of first appearance) of each equilibrium.

    Nodes are the distinct extreme strategies of each player, keyed by their label bitmask
    (distinct vertices of a polytope have distinct labels); each pair is an edge.
    """
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def root(node: tuple[int, int]) -> tuple[int, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for _, _, x_labels, y_labels in pairs:
        parent[root((0, x_labels))] = root((1, y_labels))
    numbers: dict[tuple[int, int], int] = {}
    return [
        numbers.setdefault(root((0, x_labels)), len(numbers) + 1)
        for _, _, x_labels, _ in pairs
    ]


def _warnings(
    game: NormalFormGame, pairs: list[Pair], equilibria: tuple[Equilibrium, ...]
) -> tuple[str, ...]:
    m, n = game.shape
    notes = []
    if any(x.bit_count() > m or y.bit_count() > n for _, _, x, y in pairs):
        notes.append(
            "the game is degenerate: at some equilibrium a strategy that mixes k pure "
            "strategies has more than k pure best responses; every extreme equilibrium is "
            "listed, and equilibria may form continua"
        )
    sizes: dict[int, int] = {}
    for equilibrium in equilibria:
        number = equilibrium.component or 0
        sizes[number] = sizes.get(number, 0) + 1
    for number, size in sizes.items():
        if size > 1:
            notes.append(
                f"component {number} is a continuum of equilibria with {size} extreme "
                "equilibria: where extreme equilibria share one player's strategy, every "
                "mixture of the other player's strategies in them is an equilibrium too"
            )
    return tuple(notes)


__all__ = ["extreme_equilibria"]
