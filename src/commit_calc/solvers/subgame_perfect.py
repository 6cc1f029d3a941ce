"""Subgame-perfect equilibria of any tree, by decomposition into proper subgames.

Every proper subgame is solved before the subgames that contain it, and its equilibrium payoffs
are folded back into its parent as terminal payoffs (Selten 1965, 1975). A subgame that starts
at a single decision or chance node whose children are terminal nodes or further subgames is a
step of backward induction; a subgame with imperfect information inside (a *block*: the nodes
down to the next subgames) is solved as a game of its own with those subgames replaced by
terminal nodes, by :func:`~commit_calc.solvers.extensive_nash.extensive_nash_equilibria`.

As in :mod:`~commit_calc.solvers.backward_induction`, every node keeps the distinct equilibrium
payoff vectors of its subgame with exact counts, so several equilibria of a subgame (ties, or
several Nash equilibria of a block) multiply correctly and are all listed up to a cap.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import DECISION, TERMINAL, ExtensiveFormGame, Node
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.model.values import to_fraction
from commit_calc.solvers.backward_induction import (
    MAX_DISTINCT_VALUES,
    FlatTree,
    ValueMap,
    Vector,
    backward_induction,
    chance_options,
    chance_values,
    decision_options,
    decision_values,
    flat_tree,
)
from commit_calc.solvers.extensive_nash import extensive_nash_equilibria
from commit_calc.solvers.listing import LISTING_BUDGET, count_text, listing_limit
from commit_calc.solvers.results import SolveResult, certify

Distribution = tuple[sympy.Rational, ...]

#: At most this many combinations of the equilibrium payoffs of a block's subgames are solved.
MAX_COMBINATIONS = 10_000


def subgame_perfect_equilibria(
    game: ExtensiveFormGame, *, max_equilibria: int = 1000
) -> SolveResult:
    """Subgame-perfect equilibria of a numeric tree.

    Parameters
    ----------
    game : ExtensiveFormGame
        Numeric payoffs and probabilities; perfect or imperfect information.
    max_equilibria : int
        List at most this many equilibria; a warning gives the exact number when there are more.

    Returns
    -------
    SolveResult
        Concept ``"spe"``. With perfect information, that of
        :func:`~commit_calc.solvers.backward_induction.backward_induction` (every pure SPE).
        Otherwise method ``"subgame-decomposition"``: every combination of pure choices at the
        perfect-information nodes and extreme Nash equilibria of the blocks with imperfect
        information, behaviour strategies in general. Where a block has a continuum of
        equilibria only its extreme ones are combined (a warning says so); blocks in which more
        than two players move are searched for pure equilibria only (a warning says so).

    Raises
    ------
    UnsupportedGameError
        If a block in which more than two players move has no pure equilibrium (mixed
        equilibria of such games are not searched), or the combinations explode, or a
        one-player tree has imperfect information (a decision problem under uncertainty).
    ParameterError
        If a payoff or probability still depends on a parameter (solve ``game.at(values)``).

    Examples
    --------
    Entry, then a simultaneous price game (in the style of Mas-Colell, Whinston and Green 1995,
    example 9.B.3): the entrant foresees that both firms price High after entry.

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> after = Decision("Incumbent", {
    ...     "High": Decision("Entrant", {"High": Terminal((3, 3)), "Low": Terminal((1, 0))},
    ...                      infoset="E2"),
    ...     "Low": Decision("Entrant", {"High": Terminal((0, 1)), "Low": Terminal((-1, -1))},
    ...                     infoset="E2")}, name="I")
    >>> game = ExtensiveFormGame.build(players=("Entrant", "Incumbent"), root=Decision(
    ...     "Entrant", {"Out": Terminal((0, 2)), "In": after}, name="E1"))
    >>> result = subgame_perfect_equilibria(game)
    >>> [(eq.outcomes[0].path, eq.payoffs) for eq in result.equilibria]
    [(('In', 'High', 'High'), (3, 3))]
    """
    if game.properties.perfect_information:
        return backward_induction(game, max_equilibria=max_equilibria)
    if game.num_players == 1:
        raise UnsupportedGameError(
            "subgame_perfect_equilibria(): a one-player tree with imperfect information is a "
            "decision problem under uncertainty, which commit-calc does not solve; add the "
            "other players of the situation (a second player may simply never move)"
        )
    tree = flat_tree(game, "subgame_perfect_equilibria()")
    solver = Decomposition(game, tree)
    solver.solve()
    max_equilibria = listing_limit(game, max_equilibria)
    equilibria = [
        certify(game, BehaviourProfile.trusted(tuple(d)), subgame_perfect=True)
        for d in solver.enumerate(max_equilibria)
    ]
    count = sum(solver.values[0].values())
    notes = list(dict.fromkeys(solver.notes))
    if solver.ties:
        names = ", ".join(f"'{game.nodes[k].name}'" for k in sorted(solver.ties)[:10])
        notes.append(
            f"ties: a mover is indifferent at node(s) {names}; each optimal action gives its own "
            f"equilibrium ({count_text(count)} in all)"
        )
    if count > max_equilibria:
        notes.append(
            f"{count_text(count)} subgame-perfect equilibria were found; only the first "
            f"{max_equilibria} are listed (raise max_equilibria to list more; at most "
            f"{LISTING_BUDGET:,} choices are listed in all)"
        )
    return SolveResult(
        game, "spe", "subgame-decomposition", tuple(equilibria), warnings=tuple(notes)
    )


@dataclass(frozen=True)
class BlockEquilibrium:
    """One equilibrium of a block for one choice of its subgames' payoffs."""

    payoffs: Vector
    leaf_payoffs: tuple[Vector, ...]
    distributions: tuple[tuple[int, Distribution], ...]


class Decomposition:
    """The bottom-up pass over the subgames and the listing of their combinations."""

    def __init__(self, game: ExtensiveFormGame, tree: FlatTree) -> None:
        self.game = game
        self.tree = tree
        self.is_root = [False] * len(game.nodes)
        for index in game.subgame_roots:
            self.is_root[index] = True
        self.values: dict[int, ValueMap] = {}
        self.blocks: dict[int, tuple[list[int], list[int], list[BlockEquilibrium]]] = {}
        self.notes: list[str] = []
        self.ties: set[int] = set()

    def _map(self, index: int) -> ValueMap:
        if self.tree.kinds[index] == 0:
            return {self.tree.payoffs[index]: 1}
        return self.values[index]

    def _is_leaf(self, index: int) -> bool:
        return self.tree.kinds[index] == 0 or self.is_root[index]

    def solve(self) -> None:
        for root in reversed(self.game.subgame_roots):
            below = self.tree.children[root]
            if all(self._is_leaf(child) for child in below):
                maps = [self._map(child) for child in below]
                if self.tree.kinds[root] == 1:
                    values, actions = decision_values(self.tree.movers[root], maps)
                    if actions > 1:
                        self.ties.add(root)
                else:
                    values = chance_values(
                        self.tree.probabilities[root], maps, self.tree.num_players
                    )
            else:
                values = self._solve_block(root)
            if len(values) > MAX_DISTINCT_VALUES:
                raise UnsupportedGameError(
                    f"subgame_perfect_equilibria(): more than {MAX_DISTINCT_VALUES} distinct "
                    f"equilibrium payoffs in the subgame at node '{self.game.nodes[root].name}'"
                )
            self.values[root] = values

    def _solve_block(self, root: int) -> ValueMap:
        game, tree = self.game, self.tree
        block, leaves = [], []
        stack = [root]
        while stack:
            index = stack.pop()
            block.append(index)
            if index != root and self._is_leaf(index):
                if tree.kinds[index] != 0:
                    leaves.append(index)
                continue
            stack.extend(reversed(tree.children[index]))
        block.sort()
        leaves.sort()
        leaf_maps = [self._map(leaf) for leaf in leaves]
        combinations = 1
        for m in leaf_maps:
            combinations *= len(m)
        name = game.nodes[root].name
        if combinations > MAX_COMBINATIONS:
            raise UnsupportedGameError(
                f"subgame_perfect_equilibria(): the subgame at node '{name}' would have to be "
                f"solved for {combinations} combinations of its own subgames' equilibrium payoffs"
            )
        movers = {game.nodes[k].player for k in block if game.nodes[k].kind == DECISION}
        players = [p for p in game.players if p in movers]
        players += [p for p in game.players if p not in movers][: max(0, 2 - len(players))]
        values: ValueMap = {}
        found: list[BlockEquilibrium] = []
        for combination in itertools.product(*(m.items() for m in leaf_maps)):
            leaf_payoffs = tuple(vector for vector, _ in combination)
            weight = 1
            for _, count in combination:
                weight *= count
            folded = folded_game(game, block, dict(zip(leaves, leaf_payoffs)), players)
            result = extensive_nash_equilibria(folded)
            self.notes.extend(f"subgame at node '{name}': {note}" for note in result.warnings)
            rational = [e for e in result.equilibria
                        if all(p.is_Rational for d in e.profile.probabilities for p in d)]
            if len(rational) < len(result.equilibria):
                self.notes.append(
                    f"subgame at node '{name}': {len(result.equilibria) - len(rational)} of its "
                    "equilibria have irrational probabilities and are not carried into the "
                    "subgame-perfect equilibria (solve with concept 'nash' to see them)")
            if not rational:
                raise UnsupportedGameError(
                    f"subgame_perfect_equilibria(): the subgame at node '{name}', where "
                    f"{len(movers)} players move with imperfect information, has no "
                    "equilibrium in rational probabilities that the exact search found"
                )
            full = folded_game(game, block, dict(zip(leaves, leaf_payoffs)), game.players)
            for equilibrium in rational:
                distributions = tuple(
                    (game.infoset_index(infoset.label), d)
                    for infoset, d in zip(folded.infosets, equilibrium.profile.probabilities)
                )
                payoffs = _expected(full, equilibrium.profile.probabilities)
                values[payoffs] = values.get(payoffs, 0) + weight
                found.append(BlockEquilibrium(payoffs, leaf_payoffs, distributions))
        self.blocks[root] = (block, leaves, found)
        return values

    def enumerate(self, limit: int) -> list[list[Distribution]]:
        """Up to ``limit`` equilibria as one distribution per information set (no recursion)."""
        game, tree = self.game, self.tree
        infoset_of = game.infoset_of_node
        widths = [len(i.actions) for i in game.infosets]
        listed: list[list[Distribution]] = []
        # Obligations (node, payoffs, rest) and choices (infoset, distribution, rest) are
        # linked lists ending in ().
        stack: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = [
            ((0, v, ()), ()) for v in reversed(list(self.values[0]))
        ]
        while stack and len(listed) < limit:
            obligations, chosen = stack.pop()
            if not obligations:
                distributions: list[Distribution] = [
                    tuple(sympy.S.Zero for _ in range(w)) for w in widths
                ]
                while chosen:
                    k, d, chosen = chosen
                    distributions[k] = d
                listed.append(distributions)
                continue
            node, target, rest = obligations
            branches = []
            if node in self.blocks:
                _, leaves, found = self.blocks[node]
                for entry in found:
                    if entry.payoffs != target:
                        continue
                    new_chosen = chosen
                    for k, d in entry.distributions:
                        new_chosen = (k, d, new_chosen)
                    branches.append((self._push(rest, leaves, entry.leaf_payoffs), new_chosen))
            else:
                below = tree.children[node]
                maps = [self._map(child) for child in below]
                if tree.kinds[node] == 1:
                    k = infoset_of[node]
                    assert k is not None
                    for action, vectors in decision_options(tree.movers[node], maps, target):
                        pure = tuple(
                            sympy.S.One if a == action else sympy.S.Zero
                            for a in range(widths[k])
                        )
                        branches.append((self._push(rest, below, vectors), (k, pure, chosen)))
                else:
                    for vectors in chance_options(
                        tree.probabilities[node], maps, target, tree.num_players
                    ):
                        branches.append((self._push(rest, below, vectors), chosen))
            stack.extend(reversed(branches))
        return listed

    def _push(
        self, rest: tuple[Any, ...], nodes: Sequence[int], vectors: Sequence[Vector]
    ) -> tuple[Any, ...]:
        for node, vector in zip(nodes, vectors):
            if self.tree.kinds[node] != 0:
                rest = (node, vector, rest)
        return rest


def block_nodes(game: ExtensiveFormGame, root: Node, stops: Container[int]) -> list[int]:
    """The nodes of the subgame at ``root`` down to (not into) the nodes in ``stops`` (its
    own proper subgames), in prefix order; a stop node itself is included."""
    block, stack = [], [root.index]
    while stack:
        index = stack.pop()
        block.append(index)
        if index == root.index or index not in stops:
            stack.extend(game.nodes[index].children)
    return sorted(block)


def folded_game(
    game: ExtensiveFormGame, block: list[int], leaf_payoffs: Mapping[int, Sequence[Any]],
    players: Sequence[str],
) -> ExtensiveFormGame:
    """The block as a game of its own: its subgames replaced by terminal nodes paying
    ``leaf_payoffs`` (exact numbers, or formulas for the symbolic analysis), payoffs kept for
    ``players`` only."""
    position = {index: k for k, index in enumerate(block)}
    keep = [game.players.index(p) for p in players]
    nodes = []
    for k, index in enumerate(block):
        node = game.nodes[index]
        # the block's root (k = 0) becomes the root; every other node's parent is in the block
        parent = position[node.parent] if k and node.parent is not None else None
        if index in leaf_payoffs:
            vector = leaf_payoffs[index]
            payoffs = tuple(_expression(vector[p]) for p in keep)
            nodes.append(Node(k, node.name, TERMINAL, parent, payoffs=payoffs))
        elif node.kind == TERMINAL:
            nodes.append(Node(k, node.name, TERMINAL, parent,
                              payoffs=tuple(node.payoffs[p] for p in keep)))
        else:
            nodes.append(dataclasses.replace(
                node, index=k, parent=parent,
                children=tuple(position[c] for c in node.children),
            ))
    return ExtensiveFormGame(tuple(players), tuple(nodes), game.parameters)


def _expression(value: Any) -> sympy.Expr:
    """A payoff as sympy: formulas as they are, exact numbers (Fraction, mpq) as Rational."""
    if isinstance(value, sympy.Basic):
        return value
    return sympy.Rational(int(value.numerator), int(value.denominator))


def _expected(game: ExtensiveFormGame, profile: Sequence[Distribution]) -> Vector:
    """Every player's expected payoff in ``game`` under a behaviour profile, as ``Fraction``."""
    infoset_of = game.infoset_of_node
    values: list[tuple[Fraction, ...]] = [()] * len(game.nodes)
    for node in reversed(game.nodes):
        if node.kind == TERMINAL:
            values[node.index] = tuple(to_fraction(p) for p in node.payoffs)
            continue
        infoset = infoset_of[node.index]  # None exactly at chance nodes here
        moves = node.probabilities if infoset is None else profile[infoset]
        weights = [to_fraction(p) for p in moves]
        values[node.index] = tuple(
            sum((w * values[c][k] for w, c in zip(weights, node.children) if w), Fraction(0))
            for k in range(game.num_players)
        )
    return tuple(v.numerator if v.denominator == 1 else v for v in values[0])


__all__ = ["MAX_COMBINATIONS", "block_nodes", "subgame_perfect_equilibria"]
