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

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

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
        if kind is int or (kind is _mpq_type and value.denominator != 1):
            numbers.append(value)
        elif kind is Fraction or kind is _mpq_type:
            numbers.append(kernel_rational(int(value.numerator), int(value.denominator)))
        else:
            return None
    return tuple(numbers)


@dataclass(frozen=True, slots=True, init=False)
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

    if TYPE_CHECKING:  # the constructor is _node_init, set below

        def __init__(self, index: int, name: str, kind: str, parent: int | None,
                     player: str | None = None, infoset: str | None = None,
                     actions: tuple[str, ...] = (), children: tuple[int, ...] = (),
                     probabilities: tuple[Any, ...] = (), payoffs: tuple[Any, ...] = ()
                     ) -> None: ...

    @property
    def is_terminal(self) -> bool:
        return self.kind == TERMINAL

    @property
    def is_chance(self) -> bool:
        return self.kind == CHANCE

    @property
    def is_decision(self) -> bool:
        return self.kind == DECISION


def _plain(slot: Any, node: Node) -> _Plain | None:
    """The slot's numbers wrapped as :class:`_Plain` (kept in the slot) if they are plain."""
    value = slot.__get__(node, Node)
    if type(value) is _Plain:
        return value
    plain = as_plain(value) if value else None
    if plain is None:
        return None
    wrapped = _Plain(plain)
    slot.__set__(node, wrapped)
    return wrapped


def _lazy_numbers(slot: Any, doc: str) -> property:
    """Replace a slot of :class:`Node` by a property that reads plain numbers back as sympy
    numbers (converted once per node)."""

    def get(node: Node) -> Any:
        wrapped = _plain(slot, node)
        return wrapped.expressions() if wrapped is not None else slot.__get__(node, Node)

    def put(node: Node, value: Any) -> None:
        slot.__set__(node, value)

    return property(get, put, doc=doc)


# The slots (member descriptors) themselves, then the properties that replace them.
_SLOTS: dict[str, Any] = {name: vars(Node)[name] for name in Node.__slots__}
_RAW_PROBABILITIES = _SLOTS["probabilities"]
_RAW_PAYOFFS = _SLOTS["payoffs"]
(_SET_INDEX, _SET_NAME, _SET_KIND, _SET_PARENT, _SET_PLAYER, _SET_INFOSET, _SET_ACTIONS,
 _SET_CHILDREN, _SET_PROBABILITIES, _SET_PAYOFFS) = (slot.__set__ for slot in _SLOTS.values())
for _field, _doc in (
    ("probabilities", "A chance node's probabilities, as sympy expressions."),
    ("payoffs", "A terminal node's payoffs (one per player), as sympy expressions."),
):
    setattr(Node, _field, _lazy_numbers(_SLOTS[_field], _doc))


def _node_init(node: Node, index: int, name: str, kind: str, parent: int | None,
               player: str | None = None, infoset: str | None = None,
               actions: tuple[str, ...] = (), children: tuple[int, ...] = (),
               probabilities: tuple[Any, ...] = (), payoffs: tuple[Any, ...] = ()) -> None:
    """Node's constructor: the fields straight into their slots (a big tree has millions)."""
    _SET_INDEX(node, index)
    _SET_NAME(node, name)
    _SET_KIND(node, kind)
    _SET_PARENT(node, parent)
    _SET_PLAYER(node, player)
    _SET_INFOSET(node, infoset)
    _SET_ACTIONS(node, actions)
    _SET_CHILDREN(node, children)
    _SET_PROBABILITIES(node, probabilities)
    _SET_PAYOFFS(node, payoffs)


setattr(Node, "__init__", _node_init)  # noqa: B010 - set after the class is made


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


setattr(Node, "__getstate__", _stored_state)  # noqa: B010 - set after the class is made
setattr(Node, "__setstate__", _restore_state)  # noqa: B010


def plain_numbers(node: Node) -> tuple[Number, ...] | None:
    """The node's payoffs then probabilities as kernel numbers when they were given as plain
    numbers (``()`` at a decision node), else ``None`` (sympy expressions were given)."""
    payoffs = _plain(_RAW_PAYOFFS, node)
    probabilities = _plain(_RAW_PROBABILITIES, node)
    if payoffs is None and _RAW_PAYOFFS.__get__(node, Node):
        return None
    if probabilities is None and _RAW_PROBABILITIES.__get__(node, Node):
        return None
    if probabilities is None:
        return payoffs.numbers if payoffs is not None else ()
    return payoffs.numbers + probabilities.numbers if payoffs is not None \
        else probabilities.numbers


@contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a big tree is built or checked.

    Building allocates one object per node and nothing cyclic; without the pause the collector
    walks the growing tree again and again (about half the time of building a million nodes).
    Reference counting still frees everything; the collector's previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
    return payoffs.numbers if type(payoffs) is _Plain else tuple(payoffs)
