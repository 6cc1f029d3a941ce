"""The backward-induction kernel: a numeric tree as flat lists, every pure subgame-perfect
equilibrium's payoff vectors with exact counts, and the listing of equilibria from them.

The kernel works on exact Python numbers (``int``, and gmpy2's ``mpq`` or ``Fraction``: see
:func:`~commit_calc.model.values.kernel_rational`) in flat lists indexed like ``game.nodes``
and visits the nodes once, deepest first (the prefix order reversed), so it needs no recursion
and takes time linear in the size of the tree when no mover is ever indifferent. The public
solver is :func:`~commit_calc.solvers.backward_induction.backward_induction`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.model.extensive_form import CHANCE, DECISION, ExtensiveFormGame

Number = int | Fraction
Vector = tuple[Number, ...]
ValueMap = dict[Vector, int]

#: At most this many distinct equilibrium payoff vectors are tracked at one node.
MAX_DISTINCT_VALUES = 100_000

_TERMINAL, _DECISION, _CHANCE = 0, 1, 2


# Flat numeric tree --------------------------------------------------------------------------


@dataclass(frozen=True)
class FlatTree:
    """A numeric tree as parallel lists indexed like ``game.nodes``.

    ``kinds`` holds 0 (terminal), 1 (decision), 2 (chance); ``movers`` the mover's player
    index at decision nodes; ``probabilities`` the chance probabilities; ``payoffs`` the payoff
    vectors of terminal nodes. Numbers are ``int`` where integral, else ``mpq``/``Fraction``.
    """

    num_players: int
    kinds: list[int]
    children: list[tuple[int, ...]]
    movers: list[int]
    probabilities: list[tuple[Number, ...]]
    payoffs: list[Vector]


def flat_tree(game: ExtensiveFormGame, caller: str) -> FlatTree:
    """The game's exact numbers as lists of kernel numbers (``int``, ``mpq`` or ``Fraction``)."""
    player_number = {player: k for k, player in enumerate(game.players)}
    size = len(game.nodes)
    kinds = [_TERMINAL] * size
    children: list[tuple[int, ...]] = [()] * size
    movers = [-1] * size
    probabilities: list[tuple[Number, ...]] = [()] * size
    payoffs: list[Vector] = [()] * size
    try:
        numbers = game.exact_numbers
    except ParameterError as error:
        raise ParameterError(f"{caller}: {error}") from None
    for node in game.nodes:
        index = node.index
        if node.kind == DECISION:
            kinds[index] = _DECISION
            children[index] = node.children
            movers[index] = player_number[node.player]  # type: ignore[index]
        elif node.kind == CHANCE:
            kinds[index] = _CHANCE
            children[index] = node.children
            probabilities[index] = numbers[index]
        else:
            payoffs[index] = numbers[index]
    return FlatTree(game.num_players, kinds, children, movers, probabilities, payoffs)


# Kernel -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Solution:
    """What the kernel found: the exact count, the listed choices, the indifferent nodes.

    ``choices`` lists, per equilibrium, the action index chosen at every node (``-1`` at
    chance and terminal nodes).
    """

    count: int
    choices: tuple[list[int], ...]
    tie_nodes: tuple[int, ...]
    root_values: ValueMap


def solve_flat(tree: FlatTree, limit: int) -> Solution:
    """Every pure SPE (up to ``limit`` of them) of a flat perfect-information tree."""
    kinds, children, movers = tree.kinds, tree.children, tree.movers
    probabilities, payoffs = tree.probabilities, tree.payoffs
    size = len(kinds)
    unique: list[Vector | None] = [None] * size
    several: list[ValueMap | None] = [None] * size
    choice = [-1] * size
    ties: list[int] = []
    for index in range(size - 1, -1, -1):
        kind = kinds[index]
        if kind == _TERMINAL:
            unique[index] = payoffs[index]
            continue
        below = children[index]
        if kind == _DECISION:
            mover = movers[index]
            best: Number | None = None
            chosen = -1
            tied = False
            for action, child in enumerate(below):
                vector = unique[child]
                if vector is None:
                    break
                value = vector[mover]
                if best is None or value > best:
                    best, chosen, tied = value, action, False
                elif value == best:
                    tied = True
            else:
                if not tied:
                    unique[index] = unique[below[chosen]]
                    choice[index] = chosen
                    continue
            maps = [_value_map(unique, several, child) for child in below]
            values, _ = decision_values(mover, maps)
            if is_indifferent(mover, maps):
                ties.append(index)
            several[index] = _checked(values, index)
        else:
            weights = probabilities[index]
            vectors = [unique[child] for child in below]
            if None not in vectors:
                unique[index] = _average(weights, vectors, tree.num_players)  # type: ignore[arg-type]
                continue
            maps = [_value_map(unique, several, child) for child in below]
            several[index] = _checked(chance_values(weights, maps, tree.num_players), index)
    root = _value_map(unique, several, 0)
    count = sum(root.values())
    listed = _enumerate(tree, unique, several, choice, root, limit)
    return Solution(count, tuple(listed), tuple(sorted(ties)), root)


def _value_map(unique: list[Vector | None], several: list[ValueMap | None], node: int) -> ValueMap:
    vector = unique[node]
    return {vector: 1} if vector is not None else several[node]  # type: ignore[return-value]


def _checked(values: ValueMap, index: int) -> ValueMap:
    if len(values) > MAX_DISTINCT_VALUES:
        raise UnsupportedGameError(
            f"ties give more than {MAX_DISTINCT_VALUES} distinct equilibrium payoff vectors in "
            f"the subtree at node {index}: too many to count exactly"
        )
    return values


def _average(weights: Sequence[Number], vectors: Sequence[Vector], num_players: int) -> Vector:
    return tuple(
        sum([w * v[k] for w, v in zip(weights, vectors)]) for k in range(num_players)
    )


def decision_values(mover: int, maps: Sequence[ValueMap]) -> tuple[ValueMap, int]:
    """Equilibrium payoff vectors (with counts) at a decision node of player ``mover``.

    ``maps[a]`` holds the vectors of the subgame-perfect equilibria below action ``a`` with
    their counts. Returns the node's map and how many actions some equilibrium chooses.
    """
    result: ValueMap = {}
    chosen_actions = 0
    for action, own in enumerate(maps):
        used = False
        for vector, count in own.items():
            total = count
            for other, alternatives in enumerate(maps):
                if other != action:
                    total *= sum(c for w, c in alternatives.items() if w[mover] <= vector[mover])
                    if not total:
                        break
            if total:
                used = True
                result[vector] = result.get(vector, 0) + total
        chosen_actions += used
    return result, chosen_actions


def is_indifferent(mover: int, maps: Sequence[ValueMap]) -> bool:
    """Whether, in some subgame-perfect play below, the mover is indifferent between two of
    their best actions: two actions share a payoff value ``x`` for the mover, and every other
    action has some equilibrium below worth at most ``x`` to them.

    (Several actions can be chosen in different equilibria without any indifference, when
    what happens below differs.)
    """
    lowest = [min(vector[mover] for vector in values) for values in maps]
    own = [{vector[mover] for vector in values} for values in maps]
    for a, b in itertools.combinations(range(len(maps)), 2):
        for value in own[a] & own[b]:
            if all(lowest[c] <= value for c in range(len(maps)) if c not in (a, b)):
                return True
    return False


def chance_values(
    weights: Sequence[Number], maps: Sequence[ValueMap], num_players: int
) -> ValueMap:
    """Equilibrium payoff vectors (with counts) at a chance node: every combination of the
    children's equilibria, averaged with the probabilities."""
    result: ValueMap = {}
    for combination in itertools.product(*(m.items() for m in maps)):
        vector = _average(weights, [v for v, _ in combination], num_players)
        count = 1
        for _, c in combination:
            count *= c
        result[vector] = result.get(vector, 0) + count
    return result


def decision_options(
    mover: int, maps: Sequence[ValueMap], target: Vector
) -> Iterator[tuple[int, tuple[Vector, ...]]]:
    """The ways a decision node's equilibria reach ``target``: the action taken and one
    equilibrium vector per child, the chosen child's being ``target``."""
    for action, own in enumerate(maps):
        if target not in own:
            continue
        allowed = [
            [target] if other == action else [w for w in m if w[mover] <= target[mover]]
            for other, m in enumerate(maps)
        ]
        for combination in itertools.product(*allowed):
            yield action, combination


def chance_options(
    weights: Sequence[Number], maps: Sequence[ValueMap], target: Vector, num_players: int
) -> Iterator[tuple[Vector, ...]]:
    """The combinations of the children's equilibrium vectors that average to ``target``."""
    for combination in itertools.product(*maps):
        if _average(weights, combination, num_players) == target:
            yield combination


Obligations = tuple[int, Vector, "Obligations"] | None
Choices = tuple[int, int, "Choices"] | None


def _enumerate(
    tree: FlatTree,
    unique: list[Vector | None],
    several: list[ValueMap | None],
    base: list[int],
    root: ValueMap,
    limit: int,
) -> list[list[int]]:
    """List up to ``limit`` equilibria as full choice lists, without recursion.

    A partial equilibrium is a linked list of obligations ``(node, vector)`` (the subtree at
    ``node`` must play an equilibrium worth ``vector``) and a linked list of choices made; only
    subtrees with several equilibria need obligations, the rest keep the unique choices.
    """
    found: list[list[int]] = []
    stack: list[tuple[Obligations, Choices]] = []
    for vector in reversed(list(root)):
        stack.append(((0, vector, None) if unique[0] is None else None, None))
    while stack and len(found) < limit:
        obligations, chosen = stack.pop()
        if obligations is None:
            choices = list(base)
            while chosen is not None:
                node, action, chosen = chosen
                choices[node] = action
            found.append(choices)
            continue
        node, target, rest = obligations
        below = tree.children[node]
        maps = [_value_map(unique, several, child) for child in below]
        branches: list[tuple[Obligations, Choices]] = []
        if tree.kinds[node] == _DECISION:
            for action, vectors in decision_options(tree.movers[node], maps, target):
                branches.append((_push(rest, below, vectors, unique), (node, action, chosen)))
        else:
            for vectors in chance_options(
                tree.probabilities[node], maps, target, tree.num_players
            ):
                branches.append((_push(rest, below, vectors, unique), chosen))
        stack.extend(reversed(branches))
    return found


def _push(
    rest: Obligations, below: Sequence[int], vectors: Sequence[Vector],
    unique: list[Vector | None],
) -> Obligations:
    for child, vector in zip(below, vectors):
        if unique[child] is None:
            rest = (child, vector, rest)
    return rest
