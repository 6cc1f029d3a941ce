"""The finitely repeated game as one tree, for the existing solvers.

Period ``t`` (1 to ``T``) plays the stage game; each of its outcomes leads to period ``t + 1``.
A long-lived player gets the discounted sum of stage payoffs, ``sum over t of delta**(t - 1)
u_t`` (``delta = discount * continuation``); a short-lived player is a new player each period,
``"Entrant 3"`` in period 3, with that period's payoff only. A table stage game becomes
simultaneous moves: the players move in order, each at one information set per history.

>>> from commit_calc.io.repeated_file import load_repeated
>>> tree = horizon_tree(load_repeated("chain-store"), 2)
>>> tree.players
('Entrant 1', 'Entrant 2', 'Chain store')
>>> len(tree.nodes)
17
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import sympy

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import Chance, Decision, ExtensiveFormGame, Spec, Terminal
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.repeated.model import RepeatedGame

#: The largest tree built (nodes).
MAX_NODES = 20_000


def tree_size(game: RepeatedGame, horizon: int) -> int:
    """The number of nodes of the ``horizon``-period tree."""
    stage = game.stage_game
    if isinstance(stage, NormalFormGame):
        inner = sum(_product(stage.shape[:k]) for k in range(len(stage.shape)))
        leaves = _product(stage.shape)
    else:
        leaves = sum(1 for _ in stage.terminal_nodes())
        inner = len(stage.nodes) - leaves
    total: int = leaves ** horizon
    for t in range(horizon):
        total += inner * leaves ** t
    return total


def horizon_tree(game: RepeatedGame, horizon: int) -> ExtensiveFormGame:
    """The ``horizon``-period game as a tree (see the module docstring).

    Raises
    ------
    UnsupportedGameError
        ``horizon`` is below 1, or the tree would have more than :data:`MAX_NODES` nodes.
    """
    if horizon < 1:
        raise UnsupportedGameError(f"horizon {horizon}: give at least 1 period")
    size = tree_size(game, min(horizon, 64))
    if horizon > 64 or size > MAX_NODES:
        count = str(size) if horizon <= 64 else f"over {size}"
        raise UnsupportedGameError(
            f"horizon {horizon}: the tree would have {count} nodes, above the limit of "
            f"{MAX_NODES:,}; give a shorter horizon")
    players = _players(game, horizon)
    index = {name: k for k, name in enumerate(players)}
    counter = itertools.count(1)

    def period(t: int, totals: tuple[sympy.Expr, ...]) -> Spec:
        def after(payoffs: tuple[sympy.Expr, ...]) -> Spec:
            added = list(totals)
            for player, payoff in zip(game.players, payoffs):
                if game.lifetime(player) == "long":
                    added[index[player]] += game.delta ** (t - 1) * payoff
                else:
                    added[index[f"{player} {t}"]] += payoff
            if t == horizon:
                return Terminal(tuple(added))
            return period(t + 1, tuple(added))

        return _stage_spec(game, t, after, counter)

    zero = tuple(sympy.Integer(0) for _ in players)
    return ExtensiveFormGame.build(
        players=players, root=period(1, zero), parameters=game.parameters,
        name=f"{game.name}-{horizon}" if game.name else "", title=f"{game.title or game.name}, "
        f"{horizon} period{'s' if horizon > 1 else ''}", description=game.description)


def _players(game: RepeatedGame, horizon: int) -> tuple[str, ...]:
    names: list[str] = []
    for player in game.players:
        if game.lifetime(player) == "long":
            names.append(player)
        else:
            names.extend(f"{player} {t}" for t in range(1, horizon + 1))
    taken = set(game.players)
    for name in names:
        if name not in game.players and name in taken:  # pragma: no cover - odd names
            raise UnsupportedGameError(f"horizon: the player name '{name}' is taken")
    return tuple(names)


def _stage_spec(game: RepeatedGame, t: int, after: Callable[[tuple[sympy.Expr, ...]], Spec],
                counter: Iterator[int]) -> Spec:
    stage = game.stage_game

    def who(player: str) -> str:
        return player if game.lifetime(player) == "long" else f"{player} {t}"

    if isinstance(stage, NormalFormGame):
        history = next(counter)

        def move(k: int, chosen: tuple[str, ...]) -> Spec:
            if k == len(stage.players):
                done: Spec = after(stage.payoff(chosen))
                return done
            player = stage.players[k]
            return Decision(who(player), {s: move(k + 1, (*chosen, s))
                                          for s in stage.strategies[k]},
                            infoset=f"period {t}, {player}, history {history}")

        return move(0, ())

    def copy(index: int) -> Spec:
        node = stage.nodes[index]
        if node.is_terminal:
            done: Spec = after(node.payoffs)
            return done
        if node.is_chance:
            return Chance({a: (p, copy(c)) for a, p, c in zip(node.actions, node.probabilities,
                                                              node.children)})
        return Decision(who(node.player or ""), {a: copy(c) for a, c in zip(node.actions,
                                                                           node.children)})

    return copy(0)


def _product(numbers: tuple[int, ...]) -> int:
    result = 1
    for number in numbers:
        result *= int(number)
    return result
