"""Extensive-form games: a tree of decision, chance and terminal nodes with information sets.

Trees are written as nested :class:`Decision`, :class:`Chance` and :class:`Terminal` specs and
stored flat: ``game.nodes`` lists :class:`Node` records in prefix order (the root first), each
naming its children by index. Every algorithm over the tree is iterative, so a 10,000-move
centipede is as easy as a 3-node game. Plain numbers stay plain Python numbers until something
asks for them as sympy expressions (see :mod:`commit_calc.model.tree_nodes`), so a big numeric
tree costs no sympy object per node.

The specs live in :mod:`~commit_calc.model.tree_specs`, the node records in
:mod:`~commit_calc.model.tree_nodes` and the checks in :mod:`~commit_calc.model.tree_checks`;
all are importable from here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

import sympy

from commit_calc.errors import GameDefinitionError, ParameterError
from commit_calc.model.parameters import Parameter, Parameters
from commit_calc.model.tree_checks import validate
from commit_calc.model.tree_nodes import (
    CHANCE,
    DECISION,
    TERMINAL,
    GameProperties,
    InformationSet,
    Node,
    paused_garbage_collection,
    plain_numbers,
)
from commit_calc.model.tree_specs import Chance, Decision, Spec, Terminal, spec_nodes
from commit_calc.model.values import check_defined, kernel_rational

__all__ = [
    "CHANCE",
    "DECISION",
    "TERMINAL",
    "Chance",
    "Decision",
    "ExtensiveFormGame",
    "GameProperties",
    "InformationSet",
    "Node",
    "Spec",
    "Terminal",
]


@dataclass(frozen=True, repr=False)
class ExtensiveFormGame:
    """A game in extensive form.

    Build it with :meth:`build` from nested specs, or directly from flat :class:`Node` records.

    Examples
    --------
    Kreps' trust game (Kreps 1990, "Corporate culture and economic theory"):

    >>> game = ExtensiveFormGame.build(
    ...     players=("Trustor", "Trustee"),
    ...     root=Decision("Trustor", {
    ...         "Trust": Decision("Trustee", {"Honor": Terminal((1, 1)),
    ...                                      "Abuse": Terminal((-1, 2))}, name="trustee"),
    ...         "No trust": Terminal((0, 0)),
    ...     }, name="trustor"))
    >>> [node.name for node in game.nodes]
    ['trustor', 'trustee', 't1', 't2', 't3']
    >>> game.properties.perfect_information
    True
    >>> game.path(game.node("t2"))
    ('Trust', 'Abuse')
    """

    players: tuple[str, ...]
    nodes: tuple[Node, ...]
    parameters: Parameters = field(default_factory=Parameters)
    name: str = ""
    title: str = ""
    description: str = ""
    infosets: tuple[InformationSet, ...] = field(init=False)

    def __post_init__(self) -> None:
        with paused_garbage_collection():
            object.__setattr__(self, "infosets", validate(self.players, self.nodes))

    # Construction -----------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        *,
        players: Sequence[str],
        root: Spec,
        parameters: Sequence[Parameter] | Parameters = (),
        name: str = "",
        title: str = "",
        description: str = "",
    ) -> ExtensiveFormGame:
        """Build a game from a nested tree of :class:`Decision`, :class:`Chance`, :class:`Terminal`.

        Unnamed decision and chance nodes are named ``n1, n2, ...`` and unnamed terminal nodes
        ``t1, t2, ...``, in prefix order, skipping names already taken. Plain exact numbers
        (``int``, ``Fraction``) are kept as they are, formulas become sympy expressions.
        """
        params = parameters if isinstance(parameters, Parameters) else Parameters(tuple(parameters))
        player_labels = tuple(players)
        with paused_garbage_collection():
            nodes = spec_nodes(player_labels, root, params)
        return cls(player_labels, nodes, params, name, title, description)

    # Structure --------------------------------------------------------------------------------

    @property
    def root(self) -> Node:
        return self.nodes[0]

    @property
    def num_players(self) -> int:
        return len(self.players)

    @cached_property
    def properties(self) -> GameProperties:
        return GameProperties(
            num_players=len(self.players),
            perfect_information=all(len(i.members) == 1 for i in self.infosets),
            has_chance=any(node.kind == CHANCE for node in self.nodes),
            numeric=self.is_numeric,
        )

    @cached_property
    def _node_by_name(self) -> dict[str, Node]:
        return {node.name: node for node in self.nodes}

    @cached_property
    def _infoset_by_label(self) -> dict[str, int]:
        return {infoset.label: k for k, infoset in enumerate(self.infosets)}

    @cached_property
    def infoset_of_node(self) -> tuple[int | None, ...]:
        """For each node, the index of its information set (``None`` off decision nodes)."""
        return tuple(
            self._infoset_by_label[node.infoset] if node.infoset is not None else None
            for node in self.nodes
        )

    def node(self, name: str) -> Node:
        """The node called ``name``."""
        try:
            return self._node_by_name[name]
        except KeyError:
            raise GameDefinitionError(f"no node named {name!r}") from None

    def infoset(self, label: str) -> InformationSet:
        """The information set labelled ``label``."""
        try:
            return self.infosets[self._infoset_by_label[label]]
        except KeyError:
            raise GameDefinitionError(f"no information set labelled {label!r}") from None

    def infoset_index(self, label: str) -> int:
        """Position of information set ``label`` in :attr:`infosets`."""
        self.infoset(label)
        return self._infoset_by_label[label]

    def player_index(self, player: str) -> int:
        try:
            return self.players.index(player)
        except ValueError:
            raise GameDefinitionError(
                f"unknown player {player!r} (players: {', '.join(self.players)})"
            ) from None

    def player_infosets(self, player: str) -> tuple[InformationSet, ...]:
        """The information sets where ``player`` moves, in prefix order."""
        self.player_index(player)
        return tuple(i for i in self.infosets if i.player == player)

    def terminal_nodes(self) -> Iterator[Node]:
        return (node for node in self.nodes if node.kind == TERMINAL)

    def path(self, node: Node | str) -> tuple[str, ...]:
        """The actions (chance moves included) from the root to ``node``."""
        current = self.node(node) if isinstance(node, str) else node
        actions: list[str] = []
        while current.parent is not None:
            parent = self.nodes[current.parent]
            actions.append(parent.actions[parent.children.index(current.index)])
            current = parent
        return tuple(reversed(actions))

    def descendants(self, node: Node) -> range:
        """Indices of ``node`` and every node below it (prefix order makes them contiguous)."""
        return range(node.index, self._subtree_end[node.index])

    @cached_property
    def _subtree_end(self) -> tuple[int, ...]:
        end = [0] * len(self.nodes)
        for node in reversed(self.nodes):
            end[node.index] = end[node.children[-1]] if node.children else node.index + 1
        return tuple(end)

    @cached_property
    def subgame_roots(self) -> tuple[int, ...]:
        """Indices of the nodes that start a proper subgame (the root included), prefix order.

        A non-terminal node starts a subgame when every information set that meets its subtree
        lies wholly inside it.
        """
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        for node in self.nodes:
            if node.infoset is not None:
                first.setdefault(node.infoset, node.index)
                last[node.infoset] = node.index
        low = [node.index for node in self.nodes]
        high = [node.index for node in self.nodes]
        for node in reversed(self.nodes):
            if node.infoset is not None:
                low[node.index] = first[node.infoset]
                high[node.index] = last[node.infoset]
            for child in node.children:
                low[node.index] = min(low[node.index], low[child])
                high[node.index] = max(high[node.index], high[child])
        end = self._subtree_end
        return tuple(
            node.index for node in self.nodes
            if node.children
            and low[node.index] >= node.index
            and high[node.index] < end[node.index]
        )

    @cached_property
    def exact_numbers(self) -> tuple[tuple[int | Fraction, ...], ...]:
        """Per node, its numbers as exact Python numbers: a terminal node's payoffs, a chance
        node's probabilities, ``()`` at a decision node. Whole numbers are ``int``, others
        gmpy2's ``mpq`` or ``Fraction`` (:func:`~commit_calc.model.values.kernel_rational`).

        Computed once per game and shared by the solvers and the checks, which need plain
        Python numbers for speed. Raises :class:`ParameterError` naming the first node whose
        numbers still depend on a parameter.
        """
        numbers: list[tuple[int | Fraction, ...]] = []
        for node in self.nodes:
            plain = plain_numbers(node)
            if plain is not None:
                numbers.append(plain)
                continue
            try:
                numbers.append(tuple(_python_number(e) for e in node.payoffs + node.probabilities))
            except TypeError:
                names = sorted({str(s) for e in node.payoffs + node.probabilities
                                for s in e.free_symbols})
                raise ParameterError(
                    f"{node.kind} node '{node.name}' depends on parameter(s) {', '.join(names)}: "
                    "substitute values first, e.g. game.at({...}) (defaults fill the rest)"
                ) from None
        return tuple(numbers)

    @cached_property
    def free_parameters(self) -> tuple[str, ...]:
        """Names of declared parameters that payoffs or probabilities depend on."""
        used: set[str] = set()
        for node in self.nodes:
            if plain_numbers(node) is not None:
                continue
            for expression in node.payoffs + node.probabilities:
                if not expression.is_Number:
                    used.update(str(symbol) for symbol in expression.free_symbols)
        return tuple(p.name for p in self.parameters if p.name in used)

    @property
    def is_numeric(self) -> bool:
        return not self.free_parameters

    # Derived games ----------------------------------------------------------------------------

    def substitute(self, values: Mapping[str, object]) -> ExtensiveFormGame:
        """The game with the given parameters fixed (checked against bounds), others symbolic."""
        checked = self.parameters.checked(values)
        mapping = {self.parameters[name].symbol: value for name, value in checked.items()}
        nodes = tuple(
            _substituted(node, mapping) if mapping else node for node in self.nodes
        )
        if mapping:
            for node in nodes:
                if plain_numbers(node) is not None:
                    continue
                for number in node.payoffs + node.probabilities:
                    check_defined(number, where=f"a number at node '{node.name}'",
                                  values=checked)
        try:
            return ExtensiveFormGame(
                self.players, nodes, self.parameters.without(checked),
                self.name, self.title, self.description,
            )
        except GameDefinitionError as error:
            values_text = ", ".join(f"{name}={value}" for name, value in checked.items())
            raise ParameterError(f"{error} (with {values_text})") from None

    def at(self, values: Mapping[str, object] | None = None) -> ExtensiveFormGame:
        """The exact numeric game: the given values, and defaults for the other parameters."""
        return self.substitute(self.parameters.values(values))

    def _repr_html_(self) -> str:
        """Jupyter's rich display (see :func:`commit_calc.render.html.game_html`)."""
        from commit_calc.render.html import game_html

        return game_html(self)

    def __repr__(self) -> str:
        return str(self)

    def __str__(self) -> str:
        title = self.title or self.name or "untitled"
        return f"ExtensiveFormGame({title}, {len(self.nodes)} nodes)"


def _python_number(value: sympy.Expr) -> int | Fraction:
    if not isinstance(value, sympy.Rational):
        raise TypeError(value)
    return kernel_rational(int(value.p), int(value.q))


def _substituted(node: Node, mapping: dict[sympy.Symbol, sympy.Rational]) -> Node:
    if node.kind == DECISION or plain_numbers(node) is not None:
        return node
    return Node(
        node.index, node.name, node.kind, node.parent, node.player, node.infoset, node.actions,
        node.children,
        tuple(p.xreplace(mapping) for p in node.probabilities),
        tuple(p.xreplace(mapping) for p in node.payoffs),
    )
