"""The stored form of a game tree: :class:`Node` records, information sets, properties.

A node's numbers (a terminal node's payoffs, a chance node's probabilities) given as plain
exact Python numbers (``int``, ``Fraction``, gmpy2's ``mpq``) stay plain: the tree's solvers
read them as they are (see :func:`plain_numbers`), and ``node.payoffs`` turns them into sympy
numbers only when something asks for it. Formulas are sympy expressions from the start. So a
big numeric tree, built or read from a file, costs no sympy object per node.

>>> node = Node(3, "t1", TERMINAL, 0, payoffs=(1, Fraction(1, 2)))
>>> node.payoffs, plain_numbers(node) == (1, Fraction(1, 2))
((1, 1/2), True)
>>> node == Node(3, "t1", TERMINAL, 0, payoffs=(sympy.Integer(1), sympy.Rational(1, 2)))
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from commit_calc.model.values import kernel_rational

try:
    from gmpy2 import mpq as _mpq_type
except ImportError:  # pragma: no cover - depends on the installation
    _mpq_type = Fraction

DECISION = "decision"
CHANCE = "chance"
TERMINAL = "terminal"

Number = int | Fraction


class _Plain:
    """Exact Python numbers standing in for sympy numbers until one is asked for."""

    __slots__ = ("numbers", "_expressions")

    def __init__(self, numbers: tuple[Number, ...]) -> None:
        self.numbers = numbers
        self._expressions: tuple[sympy.Expr, ...] | None = None

    def expressions(self) -> tuple[sympy.Expr, ...]:
        if self._expressions is None:
            self._expressions = tuple(
                sympy.Integer(value) if type(value) is int
                else sympy.Rational(int(value.numerator), int(value.denominator))
                for value in self.numbers
            )
        return self._expressions


def as_plain(values: Sequence[Any]) -> tuple[Number, ...] | None:
    """``values`` as kernel numbers (``int``, else ``mpq`` or ``Fraction``) when every one is
    a plain exact Python number (``int``, ``Fraction``, ``mpq``; not ``bool``), else ``None``.

    >>> as_plain((2, Fraction(4, 2))), as_plain((1, 0.5)), as_plain((True,))
    ((2, 2), None, None)
    """
    numbers: list[Number] = []
    for value in values:
        kind = type(value)
        if kind is int:
            numbers.append(value)
        elif kind is Fraction or kind is _mpq_type:
            numbers.append(kernel_rational(int(value.numerator), int(value.denominator)))
        else:
            return None
    return tuple(numbers)


@dataclass(frozen=True, slots=True)
class Node:
    """One node of a stored tree. Fields that do not apply to its kind are empty.

    ``payoffs`` and ``probabilities`` read as sympy expressions; plain exact numbers given
    for them are kept plain until then (see :func:`plain_numbers`).
    """

    index: int
    name: str
    kind: str
    parent: int | None
    player: str | None = None
    infoset: str | None = None
    actions: tuple[str, ...] = ()
    children: tuple[int, ...] = ()
    probabilities: tuple[sympy.Expr, ...] = ()
    payoffs: tuple[sympy.Expr, ...] = ()

    @property
    def is_terminal(self) -> bool:
        return self.kind == TERMINAL

    @property
    def is_chance(self) -> bool:
        return self.kind == CHANCE

    @property
    def is_decision(self) -> bool:
        return self.kind == DECISION


def _lazy_numbers(slot: Any, doc: str) -> property:
    """Replace a slot of :class:`Node` by a property that stores plain numbers plain and
    reads them back as sympy numbers (converted once per node)."""

    def get(node: Node) -> Any:
        value = slot.__get__(node, Node)
        return value.expressions() if type(value) is _Plain else value

    def put(node: Node, value: Any) -> None:
        plain = as_plain(value) if value else None
        slot.__set__(node, _Plain(plain) if plain is not None else value)

    return property(get, put, doc=doc)


# The slots (member descriptors) themselves, then the properties that replace them.
_RAW_PROBABILITIES: Any = vars(Node)["probabilities"]
_RAW_PAYOFFS: Any = vars(Node)["payoffs"]
for _field, _slot, _doc in (
    ("probabilities", _RAW_PROBABILITIES, "A chance node's probabilities, as sympy expressions."),
    ("payoffs", _RAW_PAYOFFS, "A terminal node's payoffs (one per player), as sympy expressions."),
):
    setattr(Node, _field, _lazy_numbers(_slot, _doc))


def _stored_state(node: Node) -> list[Any]:
    """Pickled state: the fields as stored, plain numbers plain (the setters re-wrap them)."""
    state = []
    for slot in _SLOTS.values():
        value = slot.__get__(node, Node)
        state.append(value.numbers if type(value) is _Plain else value)
    return state


def _restore_state(node: Node, state: list[Any]) -> None:
    for name, value in zip(_SLOTS, state):
        object.__setattr__(node, name, value)


_SLOTS: dict[str, Any] = {
    name: _RAW_PROBABILITIES if name == "probabilities" else _RAW_PAYOFFS if name == "payoffs"
    else vars(Node)[name] for name in Node.__slots__
}
setattr(Node, "__getstate__", _stored_state)  # noqa: B010 - set after the class is made
setattr(Node, "__setstate__", _restore_state)  # noqa: B010


def plain_numbers(node: Node) -> tuple[Number, ...] | None:
    """The node's payoffs then probabilities as kernel numbers when they were given as plain
    numbers (``()`` at a decision node), else ``None`` (sympy expressions were given)."""
    payoffs = _RAW_PAYOFFS.__get__(node, Node)
    probabilities = _RAW_PROBABILITIES.__get__(node, Node)
    if type(payoffs) is _Plain:
        if not probabilities:
            return payoffs.numbers
        if type(probabilities) is _Plain:
            return payoffs.numbers + probabilities.numbers
        return None
    if type(probabilities) is _Plain:
        return probabilities.numbers if not payoffs else None
    return () if not payoffs and not probabilities else None


@dataclass(frozen=True)
class InformationSet:
    """The decision nodes a player cannot tell apart, and the actions available at each."""

    label: str
    player: str
    actions: tuple[str, ...]
    members: tuple[int, ...]


@dataclass(frozen=True)
class GameProperties:
    """Facts about a game that solvers check before they run."""

    num_players: int
    perfect_information: bool
    has_chance: bool
    numeric: bool


def stored_payoffs(node: Node) -> tuple[Any, ...]:
    """The node's payoffs as stored (plain numbers or sympy), without converting them."""
    payoffs = _RAW_PAYOFFS.__get__(node, Node)
    return payoffs.numbers if type(payoffs) is _Plain else payoffs
