"""The stage game of a repeated game: its decision points, its outcomes and their values.

A table stage game is played simultaneously: each player has one decision point (named after
the player) and an outcome is a profile of strategies. A tree stage game must have perfect
information (chance moves are allowed): each decision node is a decision point, and an
outcome is a terminal node, which every player observes (perfect monitoring of actions).

Values are computed for a *play*: each decision point's mixed action, ``{action:
probability}``. Outcome values are given by a function of the outcome and the player (in the
repeated game: ``(1 - delta) u + delta V(next state)``), so the same code checks stage best
responses (short-lived players) and one-shot deviations (long-lived players).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

import sympy

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame

StageGame = NormalFormGame | ExtensiveFormGame
Mixed = Mapping[str, sympy.Expr]
#: A mixed action at every decision point, by the point's index.
Play = tuple[Mixed, ...]
#: The value to ``player`` (index) of outcome (index) ``outcome``.
OutcomeValue = Callable[[int, int], sympy.Expr]


@dataclass(frozen=True)
class DecisionPoint:
    """Where a player chooses: ``where`` is a node name (trees) or the player (tables)."""

    player: str
    where: str
    actions: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """One way a period can end: its label, each player's actions and the payoffs."""

    label: str
    actions: Mapping[str, tuple[str, ...]]
    payoffs: tuple[sympy.Expr, ...]


@dataclass(frozen=True)
class Stage:
    """A stage game seen as decision points and outcomes (see the module docstring)."""

    game: StageGame

    def __post_init__(self) -> None:
        if isinstance(self.game, ExtensiveFormGame) and \
                not self.game.properties.perfect_information:
            raise UnsupportedGameError(
                "repeated game: a tree stage game must have perfect information (give "
                "simultaneous moves as a table)")

    @property
    def players(self) -> tuple[str, ...]:
        return self.game.players

    @cached_property
    def points(self) -> tuple[DecisionPoint, ...]:
        game = self.game
        if isinstance(game, NormalFormGame):
            return tuple(DecisionPoint(player, player, labels)
                         for player, labels in zip(game.players, game.strategies))
        return tuple(DecisionPoint(node.player or "", node.name, node.actions)
                     for node in game.nodes if node.is_decision)

    @cached_property
    def outcomes(self) -> tuple[Outcome, ...]:
        game = self.game
        if isinstance(game, NormalFormGame):
            return tuple(
                Outcome(", ".join(labels), {p: (s,) for p, s in zip(game.players, labels)},
                        tuple(game.payoff(labels)))
                for labels in itertools.product(*game.strategies))
        found = []
        for node in game.terminal_nodes():
            taken: dict[str, list[str]] = {player: [] for player in game.players}
            child = node
            while child.parent is not None:
                parent = game.nodes[child.parent]
                if parent.is_decision and parent.player is not None:
                    taken[parent.player].insert(0, parent.actions[parent.children.index(
                        child.index)])
                child = parent
            label = ", ".join(game.path(node)) or node.name
            found.append(Outcome(label, {p: tuple(a) for p, a in taken.items()},
                                 node.payoffs))
        return tuple(found)

    def points_of(self, player: str) -> tuple[int, ...]:
        """The indices of ``player``'s decision points."""
        return tuple(k for k, point in enumerate(self.points) if point.player == player)

    # Evaluation -----------------------------------------------------------------------------

    def probabilities(self, play: Play) -> tuple[sympy.Expr, ...]:
        """The probability of each outcome under ``play``."""
        return tuple(self._expected(play, lambda z, i: sympy.Integer(0), point=None,
                                    outcome_weights=True))

    def value(self, play: Play, value: OutcomeValue, player: int) -> sympy.Expr:
        """The expected outcome value to ``player`` under ``play``."""
        weights = self.probabilities(play)
        return sympy.Add(*(w * value(z, player) for z, w in enumerate(weights) if w != 0))

    def action_values(self, play: Play, point: int, value: OutcomeValue
                      ) -> dict[str, sympy.Expr]:
        """The value to the point's player of each of its actions, the rest of ``play`` kept
        (for a tree, the value in the subtree of the node)."""
        player = self.players.index(self.points[point].player)
        return {action: self._expected(play, value, point=(point, action))[player]
                for action in self.points[point].actions}

    def reach(self, play: Play, point: int) -> sympy.Expr:
        """The probability that decision point ``point`` is reached under ``play``."""
        game = self.game
        if isinstance(game, NormalFormGame):
            return sympy.Integer(1)
        node = game.node(self.points[point].where)
        probability: sympy.Expr = sympy.Integer(1)
        index = {p.where: k for k, p in enumerate(self.points)}
        while node.parent is not None:
            parent = game.nodes[node.parent]
            action = parent.actions[parent.children.index(node.index)]
            if parent.is_chance:
                probability *= parent.probabilities[parent.children.index(node.index)]
            else:
                probability *= play[index[parent.name]].get(action, 0)
            node = parent
        return probability

    def _expected(self, play: Play, value: OutcomeValue, *, point: tuple[int, str] | None,
                  outcome_weights: bool = False) -> list[sympy.Expr]:
        """Expected values for every player; with ``point = (k, a)`` point ``k`` plays ``a``
        (for a tree: the values in node ``k``'s subtree). ``outcome_weights``: the
        probability of each outcome instead."""
        game = self.game
        mixes = [dict(mix) for mix in play]
        if point is not None:
            mixes[point[0]] = {point[1]: sympy.Integer(1)}
        if isinstance(game, NormalFormGame):
            return self._table(mixes, value, outcome_weights)
        start = game.node(self.points[point[0]].where) if point is not None else game.root
        return self._tree(start.index, mixes, value, outcome_weights)

    def _table(self, mixes: list[dict[str, sympy.Expr]], value: OutcomeValue,
               outcome_weights: bool) -> list[sympy.Expr]:
        n = len(self.players)
        totals: list[sympy.Expr] = [sympy.Integer(0)] * (len(self.outcomes) if outcome_weights
                                                         else n)
        strategies = [point.actions for point in self.points]
        for z, labels in enumerate(itertools.product(*strategies)):
            weight: sympy.Expr = sympy.Integer(1)
            for mix, label in zip(mixes, labels):
                weight *= mix.get(label, 0)
            if weight == 0:
                continue
            if outcome_weights:
                totals[z] = weight
            else:
                for i in range(n):
                    totals[i] += weight * value(z, i)
        return totals

    def _tree(self, start: int, mixes: list[dict[str, sympy.Expr]], value: OutcomeValue,
              outcome_weights: bool) -> list[sympy.Expr]:
        game = self.game
        assert isinstance(game, ExtensiveFormGame)
        terminal = {node.index: z for z, node in enumerate(game.terminal_nodes())}
        point_of = {p.where: k for k, p in enumerate(self.points)}
        size = len(self.outcomes) if outcome_weights else len(self.players)

        def walk(index: int) -> list[sympy.Expr]:
            node = game.nodes[index]
            if node.is_terminal:
                z = terminal[index]
                if outcome_weights:
                    return [sympy.Integer(1 if k == z else 0) for k in range(size)]
                return [value(z, i) for i in range(size)]
            if node.is_chance:
                weights = dict(zip(node.actions, node.probabilities))
            else:
                weights = mixes[point_of[node.name]]
            totals: list[sympy.Expr] = [sympy.Integer(0)] * size
            for action, child in zip(node.actions, node.children):
                weight = weights.get(action, 0)
                if weight != 0:
                    totals = [t + weight * v for t, v in zip(totals, walk(child))]
            return totals

        return walk(start)
