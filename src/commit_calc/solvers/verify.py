"""Independent exact checks of equilibria: each player's regret, computed from the game alone.

Nothing here uses any solver's reasoning. A player's regret is the best payoff they could get
by deviating, minus what the profile gives them; a profile is a Nash equilibrium exactly when
every regret is 0. All arithmetic is exact, in ``int`` and ``Fraction``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy

from commit_calc.errors import GameDefinitionError
from commit_calc.model.extensive_form import DECISION, ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import BehaviourProfile, MixedProfile
from commit_calc.model.values import kernel_rational


@dataclass(frozen=True)
class Verification:
    """The outcome of an exact check: each player's expected payoff and regret."""

    payoffs: tuple[sympy.Rational, ...]
    regrets: tuple[sympy.Rational, ...]

    @property
    def max_regret(self) -> sympy.Rational:
        return max(self.regrets)

    @property
    def is_equilibrium(self) -> bool:
        return all(regret == 0 for regret in self.regrets)


def verify(
    game: NormalFormGame | ExtensiveFormGame,
    profile: MixedProfile | BehaviourProfile,
    *,
    numbers: Sequence[object] | None = None,
) -> Verification:
    """Each player's exact expected payoff and regret at ``profile``.

    ``numbers`` (optional) gives the game's numbers as exact Python numbers, for a game whose
    formulas were evaluated elsewhere (:mod:`~commit_calc.analysis.pointwise`): per player an
    array of payoffs indexed by strategy profile (normal form), or per node what
    ``game.exact_numbers`` holds (trees); ``game`` then gives the structure only.

    Examples
    --------
    Matching Pennies has its only equilibrium at (1/2, 1/2):

    >>> from commit_calc.model import NormalFormGame
    >>> from commit_calc.model.profiles import MixedProfile
    >>> game = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> verify(game, MixedProfile((("1/2", "1/2"), ("1/2", "1/2")))).regrets
    (0, 0)
    >>> verify(game, MixedProfile(((1, 0), (1, 0)))).regrets
    (0, 2)
    """
    if isinstance(game, NormalFormGame) and isinstance(profile, MixedProfile):
        payoffs, regrets = _normal_form_regrets(game, profile, numbers)
    elif isinstance(game, ExtensiveFormGame) and isinstance(profile, BehaviourProfile):
        check_profile(game, profile)
        payoffs, regrets = _tree_regrets(game, *_tree_numbers(game, profile, numbers),
                                         game.root.index)
    else:
        raise GameDefinitionError(
            f"verify(): a {type(profile).__name__} does not fit a {type(game).__name__}"
        )
    return Verification(rationals(payoffs), rationals(regrets))


def verify_subgame_perfect(
    game: ExtensiveFormGame,
    profile: BehaviourProfile,
    *,
    numbers: Sequence[Sequence[Number]] | None = None,
) -> Verification:
    """Regrets in every proper subgame; the largest regret of each player over all of them.

    A profile is subgame perfect exactly when it is a Nash equilibrium of every subgame. In
    perfect-information games every node starts a subgame and one backward pass finds all their
    regrets in linear time; otherwise each subgame's regrets are computed in full. ``payoffs``
    are those of the whole game. ``numbers`` is as in :func:`verify`.
    """
    check_profile(game, profile)
    if game.properties.perfect_information:
        payoffs, regrets = _perfect_information_regrets(game, profile, numbers)
    else:
        moves, terminal_payoffs = _tree_numbers(game, profile, numbers)
        payoffs, regrets = _tree_regrets(game, moves, terminal_payoffs, game.root.index)
        for root in game.subgame_roots:
            if root != game.root.index:  # the whole game was just checked
                _, sub_regrets = _tree_regrets(game, moves, terminal_payoffs, root)
                regrets = [max(a, b) for a, b in zip(regrets, sub_regrets)]
    return Verification(rationals(payoffs), rationals(regrets))


Number = int | Fraction


def tree_regrets(
    game: ExtensiveFormGame,
    moves: Sequence[Sequence[object]],
    terminal_payoffs: Sequence[Sequence[object]],
) -> tuple[list[object], list[object]]:
    """Each player's expected payoff and regret in the whole tree, given per node the
    probabilities of its moves (decision and chance nodes) and per terminal node its payoffs,
    in any exact number type with ``+``, ``-``, ``*`` and ordering (``int`` and ``Fraction``
    here; the algebraic check of :mod:`~commit_calc.solvers.verify_algebraic` passes its own).
    """
    return _tree_regrets(game, moves, terminal_payoffs, game.root.index)  # type: ignore[arg-type,return-value]


def rationals(values: Sequence[Number]) -> tuple[sympy.Rational, ...]:
    """Exact kernel numbers (``int``, ``Fraction``, ``mpq``) as sympy rationals."""
    return tuple(sympy.Rational(int(v.numerator), int(v.denominator)) for v in values)


def kernel_number(value: sympy.Expr) -> Number:
    """An exact sympy rational as a Python ``int`` where whole (much faster), else ``Fraction``;
    an exact Python number (``int``, ``Fraction``, ``mpq``) as it is."""
    if not isinstance(value, sympy.Basic):
        return value  # type: ignore[no-any-return]
    return kernel_rational(int(value.p), int(value.q))


# Normal form ------------------------------------------------------------------------------------


def _normal_form_regrets(
    game: NormalFormGame, profile: MixedProfile, numbers: Sequence[object] | None = None
) -> tuple[list[Number], list[Number]]:
    if len(profile.probabilities) != game.num_players or any(
        len(d) != size for d, size in zip(profile.probabilities, game.shape)
    ):
        raise GameDefinitionError(
            f"verify(): profile shape {[len(d) for d in profile.probabilities]} does not fit "
            f"the game's {list(game.shape)}"
        )
    arrays = game.numeric_payoffs() if numbers is None else numbers
    mix = [[kernel_number(p) for p in d] for d in profile.probabilities]
    payoffs, regrets = [], []
    for player in range(game.num_players):
        values = _pure_strategy_values(arrays[player], mix, player)
        payoff = sum((m * v for m, v in zip(mix[player], values)), 0)
        payoffs.append(payoff)
        regrets.append(max(values) - payoff)
    return payoffs, regrets


def _pure_strategy_values(
    array: object, mix: list[list[Number]], player: int
) -> list[Number]:
    """Player's payoff from each of their pure strategies against the others' mixtures."""
    others = [
        [(k, p) for k, p in enumerate(d) if p != 0] for q, d in enumerate(mix) if q != player
    ]
    values: list[Number] = []
    for own in range(len(mix[player])):
        total: Number = 0
        for combination in itertools.product(*others):
            weight: Number = 1
            index = []
            for k, p in combination:
                weight *= p
                index.append(k)
            index.insert(player, own)
            total += weight * array[tuple(index)]  # type: ignore[index]
        values.append(total)
    return values


# Extensive form ---------------------------------------------------------------------------------


def check_profile(game: ExtensiveFormGame, profile: BehaviourProfile) -> None:
    """Raise ``GameDefinitionError`` unless ``profile`` has one distribution per information
    set of ``game``, over its actions."""
    if len(profile.probabilities) != len(game.infosets) or any(
        len(d) != len(i.actions) for d, i in zip(profile.probabilities, game.infosets)
    ):
        raise GameDefinitionError(
            "verify(): the behaviour profile does not have one distribution per information set "
            "of the game, over its actions"
        )


def _tree_numbers(
    game: ExtensiveFormGame, profile: BehaviourProfile, given: Sequence[object] | None = None
) -> tuple[list[Sequence[Number]], Sequence[Sequence[Number]]]:
    """Per node: the move probabilities of its children, and the terminal payoffs (from
    ``given`` where given, else from the game)."""
    numbers: Sequence[Sequence[Number]] = (
        game.exact_numbers if given is None else given)  # type: ignore[assignment]
    moves: list[Sequence[Number]] = list(numbers)  # a chance node's own probabilities
    converted: dict[int, list[Number]] = {}  # solvers share one tuple for equal choices
    for infoset, distribution in zip(game.infosets, profile.probabilities):
        if id(distribution) not in converted:
            converted[id(distribution)] = [kernel_number(p) for p in distribution]
        for member in infoset.members:
            moves[member] = converted[id(distribution)]
    return moves, numbers  # read only at terminal nodes: their payoffs


def _tree_regrets(
    game: ExtensiveFormGame,
    moves: list[Sequence[Number]],
    terminal_payoffs: Sequence[Sequence[Number]],
    root: int,
) -> tuple[list[Number], list[Number]]:
    """Expected payoffs and regrets in the subgame that starts at ``root``, from the tables
    of :func:`_tree_numbers`."""
    shape = _shape(game)
    span = game.descendants(game.nodes[root])
    children = shape.children
    reach: dict[int, Number] = {root: 1}
    for index in span:
        for child, p in zip(children[index], moves[index]):
            reach[child] = reach[index] * p
    terminals = [t for t in span if not children[t]]
    expected = [
        sum((reach[t] * terminal_payoffs[t][player] for t in terminals), 0)
        for player in range(game.num_players)
    ]
    regrets = []
    for player in range(game.num_players):
        best = _best_response_value(game, moves, terminal_payoffs, player, span)
        regrets.append(best - expected[player])
    return expected, regrets


@dataclass(frozen=True)
class _Shape:
    """A tree's structure as flat lists (per node: children, mover's index or -1)."""

    game: ExtensiveFormGame
    children: list[tuple[int, ...]]
    movers: list[int]
    infoset_of: tuple[int | None, ...]
    #: per (subgame root, player): the player's information sets in the subgame, deepest
    #: first by the player's own moves before them, each with its member nodes
    orders: dict[tuple[int, int], list[tuple[int, list[int]]]]


_last_shape: list[_Shape | None] = [None]


def _shape(game: ExtensiveFormGame) -> _Shape:
    """The structure of ``game``, kept for the last game checked (checks of many profiles of
    one game, or of one game at many parameter values, share it)."""
    cached = _last_shape[0]  # read once: another thread may replace it
    if cached is not None and cached.game is game:
        return cached
    number = {player: k for k, player in enumerate(game.players)}
    shape = _Shape(game, [n.children for n in game.nodes],
                   [number[n.player] if n.kind == DECISION else -1  # type: ignore[index]
                    for n in game.nodes], game.infoset_of_node, {})
    _last_shape[0] = shape
    return shape


def _own_order(shape: _Shape, player: int, span: range) -> list[tuple[int, list[int]]]:
    key = (span.start, player)
    if key not in shape.orders:
        own_depth = {span.start: 0}
        members: dict[int, list[int]] = {}
        for index in span:
            own = shape.movers[index] == player
            if own:
                members.setdefault(shape.infoset_of[index], []).append(index)  # type: ignore[arg-type]
            for child in shape.children[index]:
                own_depth[child] = own_depth[index] + (1 if own else 0)
        shape.orders[key] = sorted(members.items(), key=lambda item: -own_depth[item[1][0]])
    return shape.orders[key]


def _best_response_value(
    game: ExtensiveFormGame,
    moves: list[Sequence[Number]],
    terminal_payoffs: Sequence[Sequence[Number]],
    player: int,
    span: range,
) -> Number:
    """The best payoff ``player`` can reach in the subgame ``span`` against the others' moves.

    Perfect recall orders a player's information sets by how many of their own moves precede
    them (the same number at every member); deciding the deepest first means every subtree below
    a member is fully decided when its value is needed. Each node's value is computed once.
    """
    shape = _shape(game)
    children, movers, infoset_of = shape.children, shape.movers, shape.infoset_of
    root = span.start
    others_reach: dict[int, Number] = {root: 1}
    for index in span:
        here = others_reach[index]
        if movers[index] == player:
            for child in children[index]:
                others_reach[child] = here
        else:
            for child, p in zip(children[index], moves[index]):
                others_reach[child] = here * p
    choice: dict[int, int] = {}
    value: dict[int, Number] = {}

    def evaluate(start: int) -> Number:
        stack = [start]
        while stack:
            index = stack[-1]
            if index in value:
                stack.pop()
                continue
            below = children[index]
            if not below:
                value[index] = terminal_payoffs[index][player]
                stack.pop()
                continue
            if movers[index] == player:
                chosen = below[choice[infoset_of[index]]]  # type: ignore[index]
                if chosen in value:
                    value[index] = value[chosen]
                    stack.pop()
                else:
                    stack.append(chosen)
                continue
            pending = [c for c in below if c not in value]
            if pending:
                stack.extend(pending)
                continue
            value[index] = sum(
                (p * value[c] for c, p in zip(below, moves[index]) if p != 0),
                0,
            )
            stack.pop()
        return value[start]

    for infoset, member_nodes in _own_order(shape, player, span):
        actions = len(children[member_nodes[0]])
        totals = [
            sum((others_reach[h] * evaluate(children[h][a]) for h in member_nodes
                 if others_reach[h] != 0), 0)
            for a in range(actions)
        ]
        choice[infoset] = totals.index(max(totals))
    return evaluate(root)


def _perfect_information_regrets(
    game: ExtensiveFormGame, profile: BehaviourProfile, given: Sequence[object] | None = None
) -> tuple[list[Number], list[Number]]:
    """Perfect information: every node starts a subgame. One backward pass gives, at each node,
    each player's value under the profile and their best-response value (maximise where they
    move, average elsewhere); the regret in the subgame at a node is their difference."""
    nodes = game.nodes
    moves, terminal_payoffs = _tree_numbers(game, profile, given)
    n = game.num_players
    player_number = {p: k for k, p in enumerate(game.players)}
    values: list[Sequence[Number]] = [()] * len(nodes)
    best: list[Sequence[Number]] = [()] * len(nodes)
    regrets: list[Number] = [0] * n
    for node in reversed(nodes):
        index = node.index
        if node.kind == "terminal":
            values[index] = best[index] = terminal_payoffs[index]
            continue
        weighted = [(p, c) for p, c in zip(moves[index], node.children) if p != 0]
        # Lists are shared, never modified: where the best response agrees with the profile
        # below (always so in a subgame-perfect profile), ``best`` reuses ``values``.
        best_here: Sequence[Number]
        if len(weighted) == 1:  # a sure move passes values up unchanged
            only = weighted[0][1]
            values[index], best_here = values[only], best[only]
        else:
            values[index] = [sum([p * values[c][k] for p, c in weighted]) for k in range(n)]
            if all(best[c] is values[c] for _, c in weighted):
                best_here = values[index]
            else:
                best_here = [sum([p * best[c][k] for p, c in weighted]) for k in range(n)]
        if node.kind == DECISION:
            k = player_number[node.player]  # type: ignore[index]
            top = max(best[c][k] for c in node.children)
            if top != best_here[k]:
                best_here = list(best_here)
                best_here[k] = top
        best[index] = best_here
        if best_here is not values[index]:
            for k in range(n):
                gap = best_here[k] - values[index][k]
                if gap > regrets[k]:
                    regrets[k] = gap
    return list(values[game.root.index]), regrets
