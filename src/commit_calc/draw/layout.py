"""A tidy layout for trees: leaves side by side in order, each parent centred over its children.

Leaves are spaced by the width of their labels, so payoff vectors never overlap; levels are a
fixed distance apart. Iterative, so deep trees are fine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from commit_calc.draw.labels import payoff_lines
from commit_calc.model.extensive_form import ExtensiveFormGame

CHARACTER_WIDTH = 0.19  # centimetres per character at \small
GAP = 0.6
LEVEL = 1.8


@dataclass(frozen=True)
class Layout:
    """Positions in centimetres: ``x[i]``, ``y[i]`` for node ``i``."""

    x: tuple[float, ...]
    y: tuple[float, ...]


def label_width(game: ExtensiveFormGame, index: int, incoming: str = "") -> float:
    """Width in centimetres the node's label needs, and the label ``incoming`` of the edge
    into it (drawn beside or on that edge)."""
    node = game.nodes[index]
    if node.is_terminal:
        lines = payoff_lines(node.payoffs, game.players)
    else:
        lines = [node.player or "Chance"]
    return CHARACTER_WIDTH * max(len(line) for line in [*lines, incoming]) + GAP


def tree_layout(game: ExtensiveFormGame, edge_labels: Mapping[int, str] | None = None) -> Layout:
    """Leaf order is prefix order; a parent sits midway between its first and last child;
    the nodes of an information set share a level. ``edge_labels`` (child index -> label of
    the edge into it) widens the leaves whose edge labels are long."""
    x = [0.0] * len(game.nodes)
    y = [0.0] * len(game.nodes)
    depth = _levels(game)
    cursor = None
    previous_half = 0.0
    for node in game.nodes:
        y[node.index] = -LEVEL * depth[node.index]
        if node.is_terminal:
            incoming = (edge_labels or {}).get(node.index, "")
            half = max(label_width(game, node.index, incoming), 1.6) / 2
            cursor = 0.0 if cursor is None else cursor + previous_half + half
            x[node.index] = cursor
            previous_half = half
    for node in reversed(game.nodes):
        if node.children:
            x[node.index] = (x[node.children[0]] + x[node.children[-1]]) / 2
    return Layout(tuple(x), tuple(y))


def _levels(game: ExtensiveFormGame) -> list[int]:
    """Each node's level: one below its parent, and the nodes of an information set on one
    level (the deepest of them), so the line that joins them runs level and clear."""
    depth = [0] * len(game.nodes)
    shared = [i.members for i in game.infosets if len(i.members) > 1]
    changed = True
    while changed:
        changed = False
        for node in game.nodes:
            for child in node.children:
                if depth[child] < depth[node.index] + 1:
                    depth[child] = depth[node.index] + 1
                    changed = True
        for members in shared:
            level = max(depth[m] for m in members)
            for m in members:
                if depth[m] != level:
                    depth[m] = level
                    changed = True
    return depth
