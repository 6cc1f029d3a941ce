"""Prepared blocks: the parts of :mod:`.pointwise` that solve two-player tables and the blocks
of the subgame decomposition from exact numbers, as
:func:`~commit_calc.solvers.mixed_nash.extreme_equilibria`,
:func:`~commit_calc.solvers.extensive_nash.extensive_nash_equilibria` and
:func:`~commit_calc.solvers.subgame_perfect.subgame_perfect_equilibria` do from a numeric game:
the same extreme equilibria (in closed form where a player has at most two strategies, else
by exact vertex enumeration; pure equilibria where more than two players move), the same
order, the same numbers.

Each block's reduced normal form is listed once (strategies, and the terminal nodes each pure
profile reaches with the chance moves on the way), and the code computing its tables from a
point's numbers is generated once (:mod:`~commit_calc.solvers._compiled`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from commit_calc.model.extensive_form import CHANCE, DECISION, TERMINAL, ExtensiveFormGame
from commit_calc.model.values import kernel_fraction, kernel_rational
from commit_calc.solvers._compiled import straight_line
from commit_calc.solvers._two_strategy_pairs import two_strategy_pairs
from commit_calc.solvers._vertex_enumeration import completely_labelled_pairs
from commit_calc.solvers.backward_induction import FlatTree, Number, ValueMap, Vector
from commit_calc.solvers.mixed_nash import equilibrium_components
from commit_calc.solvers.reduction import (
    MAX_PROFILES,
    others_reach,
    plan_count,
    player_plans,
    subtree_value,
)
from commit_calc.solvers.subgame_perfect import (
    MAX_COMBINATIONS,
    BlockEquilibrium,
    Decomposition,
    folded_game,
)

#: A block equilibrium: one distribution per information set of the block, and the expected
#: payoffs of every player of the whole game.
Found = tuple[tuple[tuple[Any, ...], ...], Vector]


class Fallback(Exception):
    """This point (or game) needs the general solver."""


def integers(values: Sequence[Number]) -> list[int]:
    """One player's payoffs times the lcm of their denominators (as ``integer_payoffs``)."""
    scale = math.lcm(*(int(v.denominator) for v in values))
    return [int(v.numerator) * (scale // int(v.denominator)) for v in values]


def extreme_pairs(matrices: Any) -> list[tuple[tuple[Number, ...], tuple[Number, ...]]]:
    """Extreme equilibria of a bimatrix game (two lists of rows of exact numbers) in
    ``extreme_equilibria``'s order: in closed form where a player has at most two strategies
    (:mod:`~commit_calc.solvers._two_strategy_pairs`), else by exact vertex enumeration."""
    row, column = matrices
    if len(row) <= 2 or len(row[0]) <= 2:
        pairs = two_strategy_pairs(row, column)
    else:
        n = len(row[0])
        scaled = [integers([v for r in matrix for v in r]) for matrix in (row, column)]
        a, b = ([values[k:k + n] for k in range(0, len(values), n)] for values in scaled)
        pairs = [(kernel_numbers(x), kernel_numbers(y), x_labels, y_labels)
                 for x, y, x_labels, y_labels in completely_labelled_pairs(a, b)]
    # by the players' probabilities, first strategies first: descending (the pairs differ)
    pairs.sort(key=lambda pair: (pair[0], pair[1]), reverse=True)
    if len(pairs) < 2 or len({x for _, _, x, _ in pairs}) == len(
            {y for _, _, _, y in pairs}) == len(pairs):
        return [(x, y) for x, y, _, _ in pairs]  # each its own component, in this order
    components = equilibrium_components(pairs)
    order = sorted(range(len(pairs)), key=lambda k: components[k])
    return [(pairs[k][0], pairs[k][1]) for k in order]


def kernel_numbers(values: Sequence[Fraction]) -> tuple[Number, ...]:
    """``Fraction`` values as kernel numbers (``int`` or ``mpq``: faster arithmetic)."""
    return tuple(kernel_rational(v.numerator, v.denominator) for v in values)


class Block:
    """A block of the subgame decomposition (or the whole tree for Nash equilibria) with its
    reduced normal form listed once: strategies and the terminal nodes each profile reaches."""

    def __init__(self, game: ExtensiveFormGame, root: int, whole: bool) -> None:
        is_root = [False] * len(game.nodes)
        for index in game.subgame_roots:
            is_root[index] = True
        nodes, leaves, stack = [], [], [root]
        while stack:
            index = stack.pop()
            nodes.append(index)
            if index != root and not whole and (game.nodes[index].kind == TERMINAL
                                                  or is_root[index]):
                if game.nodes[index].kind != TERMINAL:
                    leaves.append(index)
                continue
            stack.extend(reversed(game.nodes[index].children))
        nodes.sort()
        leaves.sort()
        movers = {game.nodes[k].player for k in nodes if game.nodes[k].kind == DECISION}
        players = [p for p in game.players if p in movers]
        players += [p for p in game.players if p not in movers][: max(0, 2 - len(players))]
        if whole:  # the reduced normal form of the whole tree keeps the players' order
            players = list(game.players)
        if len(players) != 2:  # solve searches the mixed equilibria of three or more players
            raise Fallback     # (solvers.nplayer_supports): every point goes to it
        self.nodes, self.leaves = nodes, leaves
        #: the block is the whole tree: its numbers are the game's
        self.whole_tree = not leaves and len(nodes) == len(game.nodes)
        self.keep = [game.players.index(p) for p in players]
        self.num_players = game.num_players
        zero = (0,) * game.num_players
        self.template = folded_game(game, nodes, dict.fromkeys(leaves, zero), players)
        template = self.template
        self.infoset_indices = [game.infoset_index(i.label) for i in template.infosets]
        self.widths = [len(i.actions) for i in template.infosets]
        #: per information set, its pure distributions
        self.pure = [[tuple(int(a == b) for b in range(w)) for a in range(w)]
                     for w in self.widths]
        if math.prod(plan_count(template, player) for player in players) > MAX_PROFILES:
            raise Fallback  # solve refuses such a reduced normal form, with a message
        plans = [player_plans(template, player) for player in players]
        self.shape = tuple(len(p) for p in plans)
        #: per information set of the block: its player (0 or 1), and the action each of
        #: their reduced strategies takes there (-1 where the strategy does not reach it)
        self.plan_actions: list[tuple[int, list[int]]] = []
        for infoset in template.infosets:
            owner = players.index(infoset.player)
            self.plan_actions.append((owner, [
                infoset.actions.index(plan[infoset.label]) if infoset.label in plan else -1
                for plan in plans[owner]]))
        paths = [self._paths(profile) for profile in itertools.product(*plans)]
        #: the distinct chance moves on the way to a terminal node: their product, the
        #: probability of the way, is computed once per point
        self.ways = list(dict.fromkeys(moves for found in paths for _, moves in found))
        way = {moves: k for k, moves in enumerate(self.ways)}
        #: every player's table at a point, from the block's numbers (compiled once)
        try:
            self.tables = straight_line(["full"], self._table_source(
                [[(terminal, way[moves]) for terminal, moves in found] for found in paths]))
        except ValueError:  # too large to compile
            raise Fallback from None

    def _table_source(self, paths: list[list[tuple[int, int]]]) -> list[str]:
        """Straight-line source computing every player's table (rows of the first player's
        strategies) from ``full``, the block's numbers; ``paths`` gives per pure profile
        (row-major) the terminal nodes reached and the way of chance moves to each. Each
        number is read once, and each product of a way's probability and a payoff computed
        once (several profiles share it)."""
        used = sorted({node for moves in self.ways for node, _ in moves}
                      | {terminal for found in paths for terminal, _ in found})
        lines = [f"f{node} = full[{node}]" for node in used]
        lines += [f"w{k} = " + " * ".join(f"f{node}[{move}]" for node, move in moves)
                  for k, moves in enumerate(self.ways) if moves]
        terms: dict[tuple[int, int, int], str] = {}

        def term(terminal: int, way: int, player: int) -> str:
            if not self.ways[way]:
                return f"f{terminal}[{player}]"
            key = (terminal, way, player)
            if key not in terms:
                terms[key] = f"q{len(terms)}"
                lines.append(f"{terms[key]} = w{way} * f{terminal}[{player}]")
            return terms[key]

        def entry(k: int, player: int) -> str:
            return " + ".join(term(t, w, player) for t, w in paths[k])

        if len(self.shape) == 2:  # a bimatrix game: rows of the first player's strategies
            m, n = self.shape
            tables = ", ".join(
                "[" + ", ".join("[" + ", ".join(entry(i * n + j, player) for j in range(n))
                                + "]" for i in range(m)) + "]"
                for player in range(self.num_players))
        else:  # flat, row-major
            tables = ", ".join("[" + ", ".join(entry(k, player) for k in range(len(paths)))
                               + "]" for player in range(self.num_players))
        return [*lines, f"return [{tables}]"]

    def _paths(self, profile: Sequence[Any]) -> list[tuple[int, tuple[tuple[int, int], ...]]]:
        """The terminal nodes a pure profile reaches, each with the chance moves on its way."""
        template = self.template
        owner = {player: k for k, player in enumerate(template.players)}
        found = []
        stack: list[tuple[int, tuple[tuple[int, int], ...]]] = [(0, ())]
        while stack:
            index, moves = stack.pop()
            node = template.nodes[index]
            if node.kind == DECISION:
                action = profile[owner[node.player]][node.infoset]  # type: ignore[index]
                stack.append((node.children[node.actions.index(action)], moves))
            elif node.kind == CHANCE:
                stack.extend((child, moves + ((index, k),))
                             for k, child in enumerate(node.children))
            else:
                found.append((index, moves))
        return found

    def equilibria(self, numbers: Sequence[tuple[Number, ...]],
                   leaf_payoffs: dict[int, Vector], payoffs: bool = True) -> list[Found]:
        """The block's equilibria as ``extensive_nash_equilibria`` of its folded game lists
        them, with each one's expected payoffs for every player of the whole game (or
        ``()`` without ``payoffs``)."""
        full: Sequence[Sequence[Number]] = numbers if self.whole_tree else [
            leaf_payoffs[k] if k in leaf_payoffs else numbers[k] for k in self.nodes]
        tables = self.tables(full)  # every player's, as rows
        found: list[Found] = []
        seen = set()
        for mixed in extreme_pairs([tables[player] for player in self.keep]):
            distributions = self._behaviour(mixed, full)
            if distributions in seen:
                continue
            seen.add(distributions)
            found.append((distributions, _expected(mixed, tables) if payoffs else ()))
        return found

    def _behaviour(self, mixed: Sequence[Sequence[Number]],
                   full: Sequence[Sequence[Number]]) -> tuple[tuple[Any, ...], ...]:
        """Kuhn's map, as :func:`~commit_calc.solvers.reduction.behaviour_profile`."""
        supports = [[(s, w) for s, w in enumerate(mix) if w] for mix in mixed]
        distributions: list[tuple[Any, ...] | None] = []
        for (owner, actions), pure in zip(self.plan_actions, self.pure):
            support = supports[owner]
            if len(support) == 1:  # a pure strategy: a pure action, or unreached
                action = actions[support[0][0]]
                distributions.append(pure[action] if action >= 0 else None)
                continue
            weights: list[Any] = [0] * len(pure)
            reached: Any = 0
            for s, weight in support:
                action = actions[s]
                if action >= 0:
                    weights[action] += weight
                    reached += weight
            distributions.append(_quotients(weights, reached) if reached else None)
        if None in distributions:
            self._complete(distributions, full)
        return tuple(distributions)  # type: ignore[arg-type]

    def _complete(self, distributions: list[tuple[Any, ...] | None],
                  full: Sequence[Sequence[Number]]) -> None:
        """Unreached information sets get pure best responses, last first (as
        ``reduction._complete_with_best_responses``)."""
        template = self.template
        payoffs = [[Fraction(full[k][p]) for p in self.keep] if node.kind == TERMINAL else []
                   for k, node in enumerate(template.nodes)]
        chance = [[Fraction(p) for p in full[k]] if node.kind == CHANCE else []
                  for k, node in enumerate(template.nodes)]
        infoset_of = template.infoset_of_node
        missing = [k for k, d in enumerate(distributions) if d is None]
        for k in missing:
            distributions[k] = tuple(Fraction(1, self.widths[k]) for _ in range(self.widths[k]))
        for k in reversed(missing):
            infoset = template.infosets[k]
            player = template.players.index(infoset.player)
            moves = [[Fraction(p) for p in distributions[infoset_of[node.index]]]  # type: ignore[index,union-attr]
                     if node.kind == DECISION else chance[node.index] for node in template.nodes]
            reach = [others_reach(template, moves, member, player) for member in infoset.members]
            if not any(reach):
                reach = [Fraction(1)] * len(reach)
            totals = [
                sum((r * subtree_value(template, moves, payoffs, template.nodes[m].children[a],
                                       player)
                     for r, m in zip(reach, infoset.members) if r != 0), Fraction(0))
                for a in range(self.widths[k])]
            best = totals.index(max(totals))
            distributions[k] = tuple(1 if a == best else 0 for a in range(self.widths[k]))

def _expected(mixed: Sequence[Sequence[Number]], tables: list[list[list[Number]]]) -> Vector:
    """Every player's expected payoff at a mixed profile of the block's reduced normal form
    (``tables``: each player's payoffs, as rows). The behaviour profile of Kuhn's map is
    realisation-equivalent to it, so this is the payoff of the behaviour profile in the tree
    (``subgame_perfect._expected``), exactly."""
    x, y = mixed
    terms = [(p * q, i, j) for i, p in enumerate(x) if p for j, q in enumerate(y) if q]
    found: list[Number] = []
    for table in tables:
        value = sum([w * table[i][j] for w, i, j in terms])
        found.append(int(value.numerator) if value.denominator == 1 else value)
    return tuple(found)


def _quotients(weights: Sequence[Any], total: Any) -> tuple[Number, ...]:
    """``weights`` (nonnegative) divided by their sum ``total``, as kernel numbers: a pure
    distribution of ``int``, else ``mpq`` (never whole) and ``0``."""
    if total in weights:
        return tuple(int(w == total) for w in weights)
    return tuple(kernel_fraction(w, total) if w else 0 for w in weights)


class PreparedDecomposition(Decomposition):
    """The subgame decomposition with its blocks solved from prepared structures."""

    def __init__(self, game: ExtensiveFormGame, tree: FlatTree, blocks: dict[int, Block],
                 numbers: list[tuple[Number, ...]]) -> None:
        super().__init__(game, tree)
        self.prepared = blocks
        self.numbers = numbers

    def _solve_block(self, root: int) -> ValueMap:
        block = self.prepared[root]
        leaf_maps = [self._map(leaf) for leaf in block.leaves]
        if math.prod(len(m) for m in leaf_maps) > MAX_COMBINATIONS:
            raise Fallback
        values: ValueMap = {}
        found: list[BlockEquilibrium] = []
        for combination in itertools.product(*(m.items() for m in leaf_maps)):
            leaf_payoffs = tuple(vector for vector, _ in combination)
            weight = math.prod(count for _, count in combination)
            listed = block.equilibria(self.numbers, dict(zip(block.leaves, leaf_payoffs)))
            if not listed:  # more than two players and no pure equilibrium: solve says so
                raise Fallback
            for distributions, payoffs in listed:
                values[payoffs] = values.get(payoffs, 0) + weight
                found.append(BlockEquilibrium(payoffs, leaf_payoffs, tuple(
                    zip(block.infoset_indices, distributions))))
        self.blocks[root] = (block.nodes, block.leaves, found)
        return values


__all__ = ["Block", "Fallback", "PreparedDecomposition", "extreme_pairs", "integers"]
