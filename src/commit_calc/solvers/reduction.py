"""The reduced normal form of a tree, and Kuhn's map back from mixed to behaviour strategies.

A *reduced* strategy of a player chooses an action only at the information sets that the
player's own earlier choices do not rule out; two ordinary strategies that differ only at such
excluded information sets are the same reduced strategy (they are payoff-equivalent against
everything). Perfect recall makes this well defined.

Strategy labels
---------------
A reduced strategy is labelled by its actions at the player's information sets, in the order of
``game.player_infosets(player)`` (prefix order of the tree), joined by ``"/"``, with ``"*"`` for
an information set the strategy's own earlier moves make unreachable: in a centipede the first
mover's strategies are ``"Take/*"``, ``"Pass/Take"`` and ``"Pass/Pass"``, as in Gambit's
reduced strategic form. A player with a single information set gets the plain action labels,
and a player who never moves gets the one strategy ``"(no move)"``. If action labels that
contain ``"/"`` make two labels coincide, ``" #2"``, ``" #3"``, ... tell them apart.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy

from commit_calc.errors import (
    CommitCalcError,
    GameDefinitionError,
    ParameterError,
    UnsupportedGameError,
)
from commit_calc.model.extensive_form import CHANCE, DECISION, ExtensiveFormGame, InformationSet
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import BehaviourProfile, MixedProfile
from commit_calc.model.values import to_fraction

NO_MOVE = "(no move)"

#: A reduced strategy as ``{information set label: action label}``.
Plan = Mapping[str, str]


#: The largest reduced normal form built (strategy profiles).
MAX_PROFILES = 10**6


@dataclass(frozen=True)
class ReducedNormalForm:
    """A tree's reduced normal form and what each of its strategies does in the tree.

    ``strategies[p][k]`` is the plan of strategy ``game.strategies[p][k]``: the action it takes
    at each information set of player ``p`` that it does not itself exclude.
    """

    game: NormalFormGame
    strategies: tuple[tuple[Plan, ...], ...]

    def strategy_of(self, player: int, plan: Mapping[str, str]) -> int:
        """The index of the reduced strategy of ``player`` that agrees with ``plan``.

        ``plan`` may give actions at more information sets than the reduced strategy (a full
        strategy, e.g. from a behaviour profile); those it excludes are ignored.
        """
        for index, candidate in enumerate(self.strategies[player]):
            if all(plan.get(label) == action for label, action in candidate.items()):
                return index
        raise GameDefinitionError(
            f"player '{self.game.players[player]}' has no reduced strategy matching {dict(plan)}"
        )


def reduced_normal_form(game: ExtensiveFormGame) -> ReducedNormalForm:
    """The reduced normal form of a tree, exact (symbolic payoffs stay symbolic).

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with at least two players. Chance probabilities multiply into the payoffs.

    Returns
    -------
    ReducedNormalForm
        The :class:`NormalFormGame` (players as in the tree, strategies labelled as described in
        this module's docstring) and each strategy's plan.

    Raises
    ------
    UnsupportedGameError
        For a one-player tree (a decision problem has no normal-form game here).

    Examples
    --------
    The entry game (Selten 1978): the incumbent's threat to fight is a Nash strategy.

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> game = ExtensiveFormGame.build(
    ...     players=("Entrant", "Incumbent"),
    ...     root=Decision("Entrant", {
    ...         "Out": Terminal((0, 2)),
    ...         "In": Decision("Incumbent", {"Fight": Terminal((-1, -1)),
    ...                                     "Accommodate": Terminal((1, 1))})}))
    >>> reduced = reduced_normal_form(game)
    >>> reduced.game.strategies
    (('Out', 'In'), ('Fight', 'Accommodate'))
    >>> reduced.game.payoff(("In", "Fight"))
    (-1, -1)
    """
    if game.num_players < 2:
        raise UnsupportedGameError(
            "reduced_normal_form(): a one-player tree is a decision problem, not a game in "
            "normal form"
        )
    shape = tuple(plan_count(game, player) for player in game.players)
    if math.prod(shape) > MAX_PROFILES:
        raise UnsupportedGameError(
            "reduced_normal_form(): the reduced normal form would have "
            f"{_big(math.prod(shape))} strategy profiles ({' x '.join(map(_big, shape))}), "
            f"more than {MAX_PROFILES:,}; "
            "solve the tree for subgame-perfect equilibria instead"
        )
    plans = tuple(player_plans(game, player) for player in game.players)
    labels = tuple(_labels(game, player, own) for player, own in zip(game.players, plans))
    tables: list[list[sympy.Expr]] = [[] for _ in game.players]
    for profile in itertools.product(*plans):
        for player, value in enumerate(_profile_payoffs(game, profile)):
            tables[player].append(value)
    normal = NormalFormGame(
        players=game.players,
        strategies=labels,
        payoffs=tuple(sympy.ImmutableDenseNDimArray(t, shape) for t in tables),
        parameters=game.parameters,
        name=game.name,
        title=game.title,
        description=game.description,
    )
    return ReducedNormalForm(normal, plans)


def _own_tree(
    game: ExtensiveFormGame, player: str
) -> tuple[tuple[InformationSet, ...], dict[tuple[str, str], list[str]], list[str]]:
    """``player``'s information sets, those that follow each of their (set, action) pairs
    next, and those no move of theirs precedes."""
    own = game.player_infosets(player)
    parent = _own_parents(game, player)
    below: dict[tuple[str, str], list[str]] = {}
    roots = []
    for infoset in own:
        key = parent[infoset.label]
        if key is None:
            roots.append(infoset.label)
        else:
            below.setdefault(key, []).append(infoset.label)
    return own, below, roots


def plan_count(game: ExtensiveFormGame, player: str) -> int:
    """How many reduced strategies ``player`` has, counted without listing them."""
    own, below, roots = _own_tree(game, player)
    count: dict[str, int] = {}
    for infoset in reversed(own):
        count[infoset.label] = sum(
            math.prod(count[label] for label in below.get((infoset.label, action), []))
            for action in infoset.actions
        )
    return math.prod(count[label] for label in roots)


def player_plans(game: ExtensiveFormGame, player: str) -> tuple[Plan, ...]:
    """The reduced strategies of ``player``, built from the deepest information sets up."""
    own, below, roots = _own_tree(game, player)
    if not own:
        return ({},)
    plans: dict[str, list[dict[str, str]]] = {}
    for infoset in reversed(own):
        found = []
        for action in infoset.actions:
            following = [plans[label] for label in below.get((infoset.label, action), [])]
            for parts in itertools.product(*following):
                plan = {infoset.label: action}
                for part in parts:
                    plan.update(part)
                found.append(plan)
        plans[infoset.label] = found
    order = {infoset.label: k for k, infoset in enumerate(own)}
    combined = []
    for parts in itertools.product(*(plans[label] for label in roots)):
        merged: dict[str, str] = {}
        for part in parts:
            merged.update(part)
        combined.append({label: merged[label] for label in sorted(merged, key=order.__getitem__)})
    return tuple(combined)


def _own_parents(game: ExtensiveFormGame, player: str) -> dict[str, tuple[str, str] | None]:
    """For each information set of ``player``: their own last (information set, action)
    before it, or ``None`` (the same at every member, by perfect recall)."""
    last: list[tuple[str, str] | None] = [None] * len(game.nodes)
    parents: dict[str, tuple[str, str] | None] = {}
    for node in game.nodes:
        if node.kind == DECISION and node.player == player:
            parents.setdefault(node.infoset or "", last[node.index])
        for action, child in zip(node.actions, node.children):
            if node.kind == DECISION and node.player == player:
                last[child] = (node.infoset or "", action)
            else:
                last[child] = last[node.index]
    return parents


def _labels(game: ExtensiveFormGame, player: str, plans: Sequence[Plan]) -> tuple[str, ...]:
    own = game.player_infosets(player)
    if not own:
        return (NO_MOVE,)
    labels = ["/".join(plan.get(i.label, "*") for i in own) for plan in plans]
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} #{seen[label]}")
    return tuple(unique)


def _profile_payoffs(game: ExtensiveFormGame, profile: Sequence[Plan]) -> list[sympy.Expr]:
    """Expected payoffs when each player follows their plan: walk the reachable tree."""
    owner = {player: k for k, player in enumerate(game.players)}
    terms: list[list[sympy.Expr]] = [[] for _ in game.players]
    stack: list[tuple[int, sympy.Expr]] = [(0, sympy.S.One)]
    while stack:
        index, probability = stack.pop()
        node = game.nodes[index]
        if node.kind == DECISION:
            action = profile[owner[node.player]][node.infoset]  # type: ignore[index]
            stack.append((node.children[node.actions.index(action)], probability))
        elif node.kind == CHANCE:
            for p, child in zip(node.probabilities, node.children):
                if p != 0:
                    stack.append((child, probability * p))
        else:
            for player, payoff in enumerate(node.payoffs):
                terms[player].append(probability * payoff)
    return [sympy.Add(*t) for t in terms]


# Kuhn's theorem: from mixed to behaviour strategies ---------------------------------------------


def behaviour_profile(
    game: ExtensiveFormGame, reduced: ReducedNormalForm, mixed: MixedProfile
) -> BehaviourProfile:
    """The behaviour profile realisation-equivalent to a mixed profile of the reduced game.

    At an information set ``I`` of player ``p``, action ``a`` gets the total weight of ``p``'s
    strategies that do not exclude ``I`` and choose ``a`` there, divided by the total weight of
    the strategies that do not exclude ``I`` (Kuhn 1953).

    Where no strategy in the support reaches ``I``, the player's own moves rule ``I`` out, so
    whatever is played there changes no one's payoff: any choice keeps a Nash equilibrium a
    Nash equilibrium. We choose a best response at ``I``: the action that is best for ``p``
    against the rest of the profile, weighting the nodes of ``I`` by how likely the others and
    chance make them (equally, if they make all of them impossible). Such information sets are
    settled from the last in prefix order to the first, each against the choices already made.

    Raises
    ------
    ParameterError
        If a best response is needed and the game still has parameters without values.

    Examples
    --------
    In a centipede (Rosenthal 1981) the first mover's ``"Take/*"`` never reaches their second
    move, which is then set to the best response, ``"Take"``:

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> game = ExtensiveFormGame.build(
    ...     players=("A", "B"),
    ...     root=Decision("A", {"Take": Terminal((1, 0)), "Pass": Decision("B", {
    ...         "Take": Terminal((0, 2)), "Pass": Decision("A", {
    ...             "Take": Terminal((3, 1)), "Pass": Terminal((2, 3))}, name="A2")},
    ...         name="B1")}, name="A1"))
    >>> reduced = reduced_normal_form(game)
    >>> reduced.game.strategies
    (('Take/*', 'Pass/Take', 'Pass/Pass'), ('Take', 'Pass'))
    >>> mixed = MixedProfile.from_labels(reduced.game, {"A": "Take/*", "B": "Take"})
    >>> behaviour_profile(game, reduced, mixed).labelled(game)
    {'A': {'A1': {'Take': 1}, 'A2': {'Take': 1}}, 'B': {'B1': {'Take': 1}}}
    """
    weights = kuhn_weights(game, reduced, mixed.probabilities)
    distributions: list[tuple[sympy.Rational, ...] | None] = []
    for infoset in game.infosets:
        row = weights.get(infoset.label, [])
        total = sum(row, sympy.S.Zero)
        if total == 0:
            distributions.append(None)
        else:
            distributions.append(tuple(w / total for w in row))
    if None in distributions:
        complete_with_best_responses(game, distributions)
    return BehaviourProfile.trusted(tuple(distributions))  # type: ignore[arg-type]


def kuhn_weights(game: ExtensiveFormGame, reduced: ReducedNormalForm,
                 mixed: Sequence[Sequence[sympy.Expr]]) -> dict[str, list[sympy.Expr]]:
    """Per information set, the total weight of the owner's strategies that reach it and
    choose each action there (numbers or formulas alike); sets no strategy in the support
    reaches are left out. Divided by their sum, they are Kuhn's behaviour strategy."""
    weights: dict[str, list[sympy.Expr]] = {}
    for player, plans in enumerate(reduced.strategies):
        for plan, weight in zip(plans, mixed[player]):
            if weight == 0:
                continue
            for label, action in plan.items():
                infoset = game.infoset(label)
                row = weights.setdefault(label, [sympy.S.Zero] * len(infoset.actions))
                row[infoset.actions.index(action)] += weight
    return weights


def complete_with_best_responses(
    game: ExtensiveFormGame, distributions: list[tuple[sympy.Rational, ...] | None]
) -> None:
    """Fill the ``None`` entries with pure best responses, last information set first."""
    try:
        payoffs = [[to_fraction(p) for p in node.payoffs] for node in game.nodes]
        chance = [[to_fraction(p) for p in node.probabilities] for node in game.nodes]
    except CommitCalcError:
        raise ParameterError(
            "behaviour_profile(): some information sets are never reached, and choosing a "
            "best response there needs numeric payoffs; use game.at({...})"
        ) from None
    infoset_of = game.infoset_of_node
    missing = [k for k, d in enumerate(distributions) if d is None]
    for k in missing:
        width = len(game.infosets[k].actions)
        distributions[k] = tuple(sympy.Rational(1, width) for _ in range(width))
    for k in reversed(missing):
        infoset = game.infosets[k]
        player = game.players.index(infoset.player)
        moves = [
            [to_fraction(p) for p in distributions[infoset_of[node.index]]]  # type: ignore[index,union-attr]
            if node.kind == DECISION else chance[node.index]
            for node in game.nodes
        ]
        reach = [others_reach(game, moves, member, player) for member in infoset.members]
        if not any(reach):
            reach = [Fraction(1)] * len(reach)
        totals = [
            sum((r * subtree_value(game, moves, payoffs, node_child, player)
                 for r, node_child in zip(reach, (game.nodes[m].children[a]
                                                  for m in infoset.members))
                 if r != 0), Fraction(0))
            for a in range(len(infoset.actions))
        ]
        best = totals.index(max(totals))
        distributions[k] = tuple(
            sympy.S.One if a == best else sympy.S.Zero for a in range(len(infoset.actions))
        )


def others_reach(
    game: ExtensiveFormGame, moves: list[list[Fraction]], node: int, player: int
) -> Fraction:
    """Probability that chance and the other players lead to ``node``."""
    mover = game.players[player]
    probability = Fraction(1)
    child = node
    parent = game.nodes[node].parent
    while parent is not None:
        above = game.nodes[parent]
        if not (above.kind == DECISION and above.player == mover):
            probability *= moves[parent][above.children.index(child)]
        child, parent = parent, above.parent
    return probability


def subtree_value(
    game: ExtensiveFormGame, moves: list[list[Fraction]], payoffs: list[list[Fraction]],
    start: int, player: int,
) -> Fraction:
    """``player``'s expected payoff in the subtree at ``start`` under the moves given."""
    span = game.descendants(game.nodes[start])
    value: dict[int, Fraction] = {}
    for index in reversed(span):
        node = game.nodes[index]
        if not node.children:
            value[index] = payoffs[index][player]
        else:
            value[index] = sum(
                (p * value[c] for p, c in zip(moves[index], node.children) if p != 0),
                Fraction(0),
            )
    return value[start]




def _big(count: int) -> str:
    """A count with thousands separators, rounded when it is too long to read."""
    from commit_calc.solvers.listing import count_text

    return f"{count:,}" if count < 10**15 else count_text(count)


__all__ = ["NO_MOVE", "ReducedNormalForm", "behaviour_profile", "kuhn_weights",
           "reduced_normal_form"]
