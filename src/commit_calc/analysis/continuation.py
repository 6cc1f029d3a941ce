"""What a behaviour profile is worth below a node, and how likely the others make a node.

Plain arithmetic on whatever numbers the profile and the game hold: exact rationals, or
formulas in the parameters (sympy), so the same walk gives a number at given values and a
formula in a region.

>>> from commit_calc.io import load_game
>>> game = load_game("disarm-trust").at()
>>> honour = [(0, 1), (1, 0)]  # the rebels stay armed; the regime would honour
>>> moves = moves_of(game, honour)
>>> continuation_value(game, moves, game.node("regime").index, 1)  # the regime's payoff
750
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from commit_calc.model.extensive_form import DECISION, ExtensiveFormGame

Distribution = Sequence[sympy.Expr]


def moves_of(game: ExtensiveFormGame, behaviour: Sequence[Distribution]) -> list[Distribution]:
    """Per node, the probabilities of its moves: the behaviour at decision nodes (one
    distribution per information set, in ``game.infosets`` order), chance's own elsewhere."""
    infoset_of = game.infoset_of_node
    return [behaviour[k] if (k := infoset_of[node.index]) is not None else node.probabilities
            for node in game.nodes]


def others_reach(game: ExtensiveFormGame, moves: Sequence[Distribution], node: int,
                 player: str) -> sympy.Expr:
    """Probability that chance and the players other than ``player`` lead to ``node``."""
    probability = sympy.S.One
    child, parent = node, game.nodes[node].parent
    while parent is not None:
        above = game.nodes[parent]
        if not (above.kind == DECISION and above.player == player):
            probability *= moves[parent][above.children.index(child)]
        child, parent = parent, above.parent
    return sympy.cancel(probability)


def continuation_value(game: ExtensiveFormGame, moves: Sequence[Distribution], start: int,
                       player: int) -> sympy.Expr:
    """``player``'s expected payoff in the subtree at ``start`` under ``moves``."""
    value: dict[int, sympy.Expr] = {}
    for index in reversed(game.descendants(game.nodes[start])):
        node = game.nodes[index]
        value[index] = node.payoffs[player] if not node.children else sympy.Add(*(
            p * value[c] for p, c in zip(moves[index], node.children) if p != 0))
    return value[start]
