"""Nested specs users write for a game tree (:class:`Decision`, :class:`Chance`,
:class:`Terminal`) and their conversion to stored :class:`~commit_calc.model.tree_nodes.Node`
records in prefix order.

Plain exact numbers (``int``, ``Fraction``, ``mpq``) are stored as they are; formulas, strings
and sympy expressions go through :func:`~commit_calc.model.payoffs.to_expression`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from commit_calc.errors import GameDefinitionError
from commit_calc.formula import MAX_RESULT_BITS
from commit_calc.model.parameters import Parameters
from commit_calc.model.payoffs import to_expression
from commit_calc.model.tree_nodes import CHANCE, DECISION, TERMINAL, Node, Number, as_plain


@dataclass(frozen=True)
class Terminal:
    """An end of the game with one payoff per player (numbers, formulas or sympy expressions)."""

    payoffs: Sequence[Any]
    name: str | None = None


@dataclass(frozen=True)
class Decision:
    """A move by ``player``: ``moves`` maps each action label to the subtree it leads to.

    Nodes that share an ``infoset`` label are indistinguishable to the player; without a label
    the node is its own information set (named after the node).
    """

    player: str
    moves: Mapping[str, Spec]
    infoset: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Chance:
    """A move by nature: ``moves`` maps each action label to ``(probability, subtree)``."""

    moves: Mapping[str, tuple[Any, Spec]]
    name: str | None = None


Spec = Decision | Chance | Terminal


def spec_nodes(players: tuple[str, ...], root: Spec, params: Parameters) -> tuple[Node, ...]:
    """The stored nodes of the tree ``root``, in prefix order.

    Unnamed decision and chance nodes are named ``n1, n2, ...`` and unnamed terminal nodes
    ``t1, t2, ...``, in prefix order, skipping names already taken.
    """
    specs = _flatten(root)
    taken = {spec.name for spec, _, _ in specs if spec.name is not None}
    counters = {"n": 0, "t": 0}

    def fresh(prefix: str) -> str:
        while True:
            counters[prefix] += 1
            candidate = f"{prefix}{counters[prefix]}"
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    names = [
        spec.name if spec.name is not None
        else fresh("t" if isinstance(spec, Terminal) else "n")
        for spec, _, _ in specs
    ]
    children: list[list[int]] = [[] for _ in specs]
    for index, (_, parent, _) in enumerate(specs):
        if parent is not None:
            children[parent].append(index)
    nodes = []
    for index, (spec, parent, _) in enumerate(specs):
        where = f"node '{names[index]}'"
        if isinstance(spec, Terminal):
            payoffs = tuple(spec.payoffs) if _is_sequence(spec.payoffs) else (spec.payoffs,)
            if len(payoffs) != len(players):
                raise GameDefinitionError(
                    f"{where}: {len(payoffs)} payoffs for {len(players)} players"
                )
            nodes.append(Node(
                index, names[index], TERMINAL, parent,
                payoffs=_exact_values(payoffs, params, (
                    f"{where}, payoff of '{player}'" for player in players)),
            ))
        elif isinstance(spec, Decision):
            nodes.append(Node(
                index, names[index], DECISION, parent,
                player=spec.player,
                infoset=spec.infoset if spec.infoset is not None else names[index],
                actions=tuple(spec.moves),
                children=tuple(children[index]),
            ))
        else:
            nodes.append(Node(
                index, names[index], CHANCE, parent,
                actions=tuple(spec.moves),
                children=tuple(children[index]),
                probabilities=_exact_values(
                    [probability for probability, _ in spec.moves.values()], params,
                    (f"{where}, probability of '{action}'" for action in spec.moves)),
            ))
    return tuple(nodes)


def _exact_values(values: Sequence[Any], params: Parameters, places: Iterator[str]
                  ) -> tuple[Any, ...]:
    """Plain exact numbers as they are (within the formula limit on their size), anything
    else as exact sympy expressions; ``places`` names each value for messages."""
    plain = as_plain(values)
    if plain is not None and all(_small(number) for number in plain):
        return plain
    return tuple(to_expression(value, params, where=where) for value, where in zip(values, places))


def _small(number: Number) -> bool:
    """Within :data:`~commit_calc.formula.MAX_RESULT_BITS` bits, as formulas must be."""
    if type(number) is int:
        return number.bit_length() <= MAX_RESULT_BITS
    return max(int(number.numerator).bit_length(),
               int(number.denominator).bit_length()) <= MAX_RESULT_BITS


def _is_sequence(value: object) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str)


def _flatten(root: Spec) -> list[tuple[Spec, int | None, str | None]]:
    """The specs in prefix order as ``(spec, parent index, action from parent)``."""
    ordered: list[tuple[Spec, int | None, str | None]] = []
    stack: list[tuple[Any, int | None, str | None]] = [(root, None, None)]
    while stack:
        spec, parent, action = stack.pop()
        where = f"child '{action}' of node {parent}" if action is not None else "root"
        index = len(ordered)
        if isinstance(spec, Terminal):
            ordered.append((spec, parent, action))
        elif isinstance(spec, Decision):
            if not spec.moves:
                raise GameDefinitionError(f"{_spec_name(spec, where)}: a decision needs actions")
            ordered.append((spec, parent, action))
            moves = list(spec.moves.items())
            stack.extend((child, index, label) for label, child in reversed(moves))
        elif isinstance(spec, Chance):
            if not spec.moves:
                raise GameDefinitionError(f"{_spec_name(spec, where)}: a chance node needs actions")
            ordered.append((spec, parent, action))
            for label, move in reversed(list(spec.moves.items())):
                if not (isinstance(move, tuple) and len(move) == 2):
                    raise GameDefinitionError(
                        f"{_spec_name(spec, where)}: chance action '{label}' must be "
                        "(probability, subtree)"
                    )
                stack.append((move[1], index, label))
        else:
            raise GameDefinitionError(
                f"{where}: expected Decision, Chance or Terminal, got {type(spec).__name__}"
            )
    return ordered


def _spec_name(spec: Spec, where: str) -> str:
    return f"node '{spec.name}'" if spec.name else where


