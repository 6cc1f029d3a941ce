"""The game in which promises bind: every other action at a promised information set removed.

>>> from commit_calc.io import load_game
>>> from commit_calc.credibility.promise import parse_promises
>>> game = load_game("disarm-trust")
>>> bound = bound_by(game, parse_promises(game, ["Regime=Honor"]))
>>> bound.node("regime").actions
('Honor',)
>>> len(game.nodes) - len(bound.nodes)  # the Renege leaf is gone
1
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from commit_calc.credibility.promise import Promise
from commit_calc.model.extensive_form import ExtensiveFormGame


def bound_by(game: ExtensiveFormGame, promises: Sequence[Promise]) -> ExtensiveFormGame:
    """``game`` with the promised actions the only ones left at their information sets.

    Removing subtrees keeps the prefix order of the nodes that stay, so they keep their order
    and only their indices change.
    """
    promised = {label: action for p in promises for label, action in p.choices}
    kept: list[int] = []
    stack = [0]
    while stack:
        index = stack.pop()
        kept.append(index)
        node = game.nodes[index]
        action = promised.get(node.infoset) if node.infoset is not None else None
        stack.extend(reversed([c for a, c in zip(node.actions, node.children)
                               if action is None or a == action]))
    kept.sort()
    position = {old: new for new, old in enumerate(kept)}
    nodes = []
    for new, old in enumerate(kept):
        node = game.nodes[old]
        moves = [(a, c) for a, c in zip(node.actions, node.children) if c in position]
        nodes.append(dataclasses.replace(
            node, index=new, parent=None if node.parent is None else position[node.parent],
            actions=tuple(a for a, _ in moves) if node.is_decision else node.actions,
            children=tuple(position[c] for _, c in moves)))
    return ExtensiveFormGame(game.players, tuple(nodes), game.parameters, game.name,
                             game.title, game.description)
