"""Checks of a stored tree: structure, chance probabilities, reachability, perfect recall.

Every check is iterative and linear in the size of the tree; plain-number probabilities are
checked in Python integers, without sympy.
"""

from __future__ import annotations

from fractions import Fraction

import sympy

from commit_calc.errors import GameDefinitionError
from commit_calc.model.tree_nodes import (
    CHANCE,
    DECISION,
    TERMINAL,
    InformationSet,
    Node,
    plain_numbers,
    stored_payoffs,
)


def validate(players: tuple[str, ...], nodes: tuple[Node, ...]) -> tuple[InformationSet, ...]:
    """Check the tree and return its information sets; raise GameDefinitionError on a flaw."""
    if len(players) < 1 or len(set(players)) != len(players):
        raise GameDefinitionError(f"ExtensiveFormGame(): players {players} must be distinct")
    if not nodes:
        raise GameDefinitionError("ExtensiveFormGame(): the tree has no nodes")
    player_number = {player: k for k, player in enumerate(players)}
    num_players = len(players)
    names: set[str] = set()
    groups: dict[str, list[Node]] = {}
    for position, node in enumerate(nodes):
        parent = node.parent
        if (node.index != position or node.name in names or (parent is None) != (position == 0)
                or (parent is not None and position not in nodes[parent].children)):
            _placement_flaw(node, position, names, nodes)
        names.add(node.name)
        kind = node.kind
        if kind == TERMINAL:
            count = len(stored_payoffs(node))
            if node.children or count != num_players:
                where = f"node '{node.name}'"
                if node.children:
                    raise GameDefinitionError(f"{where}: a terminal node has no children")
                raise GameDefinitionError(f"{where}: {count} payoffs for {num_players} players")
            continue
        _check_moves(node, position, nodes)
        if kind == CHANCE:
            _check_probabilities(node)
            continue
        if node.player not in player_number:
            raise GameDefinitionError(
                f"node '{node.name}': player {node.player!r} is not one of {', '.join(players)}"
            )
        if not node.infoset:
            raise GameDefinitionError(
                f"node '{node.name}': a decision node needs an information set")
        groups.setdefault(node.infoset, []).append(node)
    _check_reachable(nodes)
    infosets = []
    for label, members in groups.items():
        first = members[0]
        for other in members[1:]:
            if other.player != first.player:
                raise GameDefinitionError(
                    f"information set '{label}' mixes players: node '{first.name}' is "
                    f"{first.player}'s, node '{other.name}' is {other.player}'s"
                )
            if other.actions != first.actions:
                raise GameDefinitionError(
                    f"information set '{label}': node '{other.name}' has actions "
                    f"{list(other.actions)}, node '{first.name}' has {list(first.actions)}"
                )
        infosets.append(InformationSet(
            label, first.player or "", first.actions, tuple(m.index for m in members),
        ))
    if len(infosets) < sum(len(members) for members in groups.values()):
        _check_perfect_recall(players, nodes)  # (one node per information set: nothing to check)
    return tuple(infosets)


def _placement_flaw(node: Node, position: int, names: set[str], nodes: tuple[Node, ...]) -> None:
    """Raise the error for a node stored out of place, named twice or badly linked."""
    where = f"node '{node.name}'"
    if node.index != position:
        raise GameDefinitionError(f"{where}: stored at {position} but indexed {node.index}")
    if node.name in names:
        raise GameDefinitionError(f"{where}: two nodes share this name")
    if (node.parent is None) != (position == 0):
        raise GameDefinitionError(f"{where}: only the root has no parent")
    raise GameDefinitionError(f"{where}: not a child of its parent")


def _check_moves(node: Node, position: int, nodes: tuple[Node, ...]) -> None:
    """A decision or chance node: a known kind, distinct actions, one child per action, each
    pointing back to it."""
    actions, children = node.actions, node.children
    if node.kind not in (DECISION, CHANCE):
        raise GameDefinitionError(f"node '{node.name}': unknown kind {node.kind!r}")
    if not actions or len(actions) != len(children):
        raise GameDefinitionError(
            f"node '{node.name}': {len(actions)} actions but {len(children)} children"
        )
    if len(actions) > 1 and len(set(actions)) != len(actions):
        raise GameDefinitionError(f"node '{node.name}': action labels {list(actions)} repeat")
    size = len(nodes)
    for child in children:
        if not position < child < size or nodes[child].parent != position:
            raise GameDefinitionError(
                f"node '{node.name}': child {child} does not point back to it")


def _check_probabilities(node: Node) -> None:
    where = f"chance node '{node.name}'"
    plain = plain_numbers(node)
    if plain is not None:  # plain numbers (the usual case): no sympy arithmetic
        if sum(plain) == 1 and all(0 <= number <= 1 for number in plain):
            return
    elif all(isinstance(p, sympy.Rational) for p in node.probabilities):
        numbers = [Fraction(int(p.p), int(p.q)) for p in node.probabilities]
        if sum(numbers) == 1 and all(0 <= number <= 1 for number in numbers):
            return
    for action, probability in zip(node.actions, node.probabilities):
        if probability.is_number:
            if not probability.is_Rational:
                raise GameDefinitionError(
                    f"{where}: probability of '{action}' is {probability}, not an exact number"
                )
            if probability < 0 or probability > 1:
                raise GameDefinitionError(
                    f"{where}: probability of '{action}' is {probability}, outside [0, 1]"
                )
    total = sympy.Add(*node.probabilities)
    if total != 1 and sympy.simplify(total - 1) != 0:
        raise GameDefinitionError(
            f"{where}: probabilities sum to {sympy.simplify(total)}, not exactly 1"
        )


def _check_reachable(nodes: tuple[Node, ...]) -> None:
    seen = [False] * len(nodes)
    stack = [0]
    while stack:
        index = stack.pop()
        if seen[index]:
            raise GameDefinitionError(f"node '{nodes[index].name}' is reached twice: not a tree")
        seen[index] = True
        stack.extend(nodes[index].children)
    if not all(seen):
        lost = nodes[seen.index(False)].name
        raise GameDefinitionError(f"node '{lost}' cannot be reached from the root")


def _check_perfect_recall(players: tuple[str, ...], nodes: tuple[Node, ...]) -> None:
    """Each player's own past (information sets met, actions taken) must be the same at every
    node of one of their information sets.

    Histories are interned as integers, so deep trees cost linear time and memory.
    """
    player_number = {player: k for k, player in enumerate(players)}
    interned: dict[tuple[int, str, str], int] = {}
    history: list[tuple[int, ...]] = [()] * len(nodes)
    history[0] = (0,) * len(players)
    first_seen: dict[str, tuple[int, int]] = {}
    for node in nodes:
        own = history[node.index]
        if node.kind == DECISION:
            mover = player_number[node.player]  # type: ignore[index]
            label = node.infoset or ""
            if label in first_seen:
                other, other_history = first_seen[label]
                if other_history != own[mover]:
                    raise GameDefinitionError(
                        f"information set '{label}' breaks perfect recall: {node.player} reaches "
                        f"node '{nodes[other].name}' and node '{node.name}' after different "
                        "moves of their own"
                    )
            else:
                first_seen[label] = (node.index, own[mover])
            for action, child in zip(node.actions, node.children):
                key = (own[mover], label, action)
                step = interned.setdefault(key, len(interned) + 1)
                history[child] = own[:mover] + (step,) + own[mover + 1:]
        else:
            for child in node.children:
                history[child] = own

