"""Which edges of a tree an equilibrium uses: chosen with positive probability, and on path."""

from __future__ import annotations

from dataclasses import dataclass

from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile


@dataclass(frozen=True)
class Highlight:
    """``chosen``: child indices an equilibrium plays with positive probability at its parent
    (off the path too); ``reached``: nodes reached with positive probability."""

    chosen: frozenset[int]
    reached: frozenset[int]

    def edge_style(self, parent: int, child: int) -> str:
        """``path`` (played, on the path), ``chosen`` (played, off the path), ``other`` (not
        played) or, with no equilibrium to show, ``plain``."""
        if child in self.reached and parent in self.reached:
            return "path"
        if child in self.chosen:
            return "chosen"
        return "other" if self.reached else "plain"  # a profile reaches the root at least


def highlight(game: ExtensiveFormGame, profile: BehaviourProfile | None) -> Highlight:
    """The edges and nodes to emphasise for ``profile`` (nothing when it is ``None``)."""
    if profile is None:
        return Highlight(frozenset(), frozenset())
    chosen: set[int] = set()
    for node in game.nodes:
        if node.is_decision:
            distribution = profile.probabilities[game.infoset_of_node[node.index]]  # type: ignore[index]
            chosen.update(c for c, p in zip(node.children, distribution) if p != 0)
        elif node.is_chance:
            chosen.update(c for c, p in zip(node.children, node.probabilities) if p != 0)
    reached = {game.root.index}
    for node in game.nodes:
        if node.index in reached:
            reached.update(c for c in node.children if c in chosen)
    return Highlight(frozenset(chosen), frozenset(reached))
