"""Extensive-form games: a tree of decision, chance and terminal nodes with information sets.

Trees are written as nested :class:`Decision`, :class:`Chance` and :class:`Terminal` specs and
stored flat: ``game.nodes`` lists :class:`Node` records in prefix order (the root first), each
naming its children by index. Every algorithm over the tree is iterative, so a 10,000-move
centipede is as easy as a 3-node game.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

import sympy

from commit_calc.errors import GameDefinitionError, ParameterError
from commit_calc.model.parameters import Parameter, Parameters
from commit_calc.model.payoffs import to_expression
from commit_calc.model.values import check_defined, kernel_rational

DECISION = "decision"
CHANCE = "chance"
TERMINAL = "terminal"


# The builder: nested specs that users write -------------------------------------------------


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


# The stored form ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    """One node of a stored tree. Fields that do not apply to its kind are empty."""

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


@dataclass(frozen=True, repr=False)
class ExtensiveFormGame:
    """A game in extensive form.

    Build it with :meth:`build` from nested specs, or with :meth:`from_nodes` from flat records.

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
        object.__setattr__(self, "infosets", _validate(self.players, self.nodes))

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
        ``t1, t2, ...``, in prefix order, skipping names already taken.
        """
        params = parameters if isinstance(parameters, Parameters) else Parameters(tuple(parameters))
        player_labels = tuple(players)
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
                if len(payoffs) != len(player_labels):
                    raise GameDefinitionError(
                        f"{where}: {len(payoffs)} payoffs for {len(player_labels)} players"
                    )
                nodes.append(Node(
                    index, names[index], TERMINAL, parent,
                    payoffs=tuple(
                        to_expression(value, params, where=f"{where}, payoff of '{player}'")
                        for player, value in zip(player_labels, payoffs)
                    ),
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
                    probabilities=tuple(
                        to_expression(probability, params,
                                      where=f"{where}, probability of '{action}'")
                        for action, (probability, _) in spec.moves.items()
                    ),
                ))
        return cls(player_labels, tuple(nodes), params, name, title, description)

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


def _is_sequence(value: object) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str)


def _substituted(node: Node, mapping: dict[sympy.Symbol, sympy.Rational]) -> Node:
    if node.kind == DECISION:
        return node
    return Node(
        node.index, node.name, node.kind, node.parent, node.player, node.infoset, node.actions,
        node.children,
        tuple(p.xreplace(mapping) for p in node.probabilities),
        tuple(p.xreplace(mapping) for p in node.payoffs),
    )


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


def _validate(players: tuple[str, ...], nodes: tuple[Node, ...]) -> tuple[InformationSet, ...]:
    """Check the tree and return its information sets; raise GameDefinitionError on a flaw."""
    if len(players) < 1 or len(set(players)) != len(players):
        raise GameDefinitionError(f"ExtensiveFormGame(): players {players} must be distinct")
    if not nodes:
        raise GameDefinitionError("ExtensiveFormGame(): the tree has no nodes")
    player_number = {player: k for k, player in enumerate(players)}
    names: set[str] = set()
    groups: dict[str, list[Node]] = {}
    for position, node in enumerate(nodes):
        where = f"node '{node.name}'"
        if node.index != position:
            raise GameDefinitionError(f"{where}: stored at {position} but indexed {node.index}")
        if node.name in names:
            raise GameDefinitionError(f"{where}: two nodes share this name")
        names.add(node.name)
        if (node.parent is None) != (position == 0):
            raise GameDefinitionError(f"{where}: only the root has no parent")
        if node.parent is not None and position not in nodes[node.parent].children:
            raise GameDefinitionError(f"{where}: not a child of its parent")
        if node.kind == TERMINAL:
            if node.children:
                raise GameDefinitionError(f"{where}: a terminal node has no children")
            if len(node.payoffs) != len(players):
                raise GameDefinitionError(
                    f"{where}: {len(node.payoffs)} payoffs for {len(players)} players"
                )
            continue
        if node.kind not in (DECISION, CHANCE):
            raise GameDefinitionError(f"{where}: unknown kind {node.kind!r}")
        if not node.actions or len(node.actions) != len(node.children):
            raise GameDefinitionError(
                f"{where}: {len(node.actions)} actions but {len(node.children)} children"
            )
        if len(set(node.actions)) != len(node.actions):
            raise GameDefinitionError(f"{where}: action labels {list(node.actions)} repeat")
        for child in node.children:
            if not position < child < len(nodes) or nodes[child].parent != position:
                raise GameDefinitionError(f"{where}: child {child} does not point back to it")
        if node.kind == CHANCE:
            _check_probabilities(node)
            continue
        if node.player not in player_number:
            raise GameDefinitionError(
                f"{where}: player {node.player!r} is not one of {', '.join(players)}"
            )
        if not node.infoset:
            raise GameDefinitionError(f"{where}: a decision node needs an information set")
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
    _check_perfect_recall(players, nodes)
    return tuple(infosets)


def _check_probabilities(node: Node) -> None:
    where = f"chance node '{node.name}'"
    if all(isinstance(p, sympy.Rational) for p in node.probabilities):
        # plain numbers (the usual case): checked in Python integers, not sympy arithmetic
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

