"""The exact regret check of :mod:`.verify` for many profiles of one tree, its structure listed once.

:func:`~commit_calc.solvers.verify.verify` and
:func:`~commit_calc.solvers.verify.verify_subgame_perfect` walk the tree afresh for each
profile. A sweep checks thousands of profiles of one tree, each at other numbers:
:class:`TreeCheck` lists once, for each subgame to check and each player, the order of the
computation (the reach of each node through the others' moves, then the player's information
sets deepest first, each decided once the values below it are known), and runs that list on
each profile. The arithmetic is the same (exact, in ``int`` and ``mpq``), and so is the
answer: each player's expected payoff and largest regret, from the game and the profile alone
(nothing of the solver that proposed the profile is used).

>>> from commit_calc.io import load_game
>>> from commit_calc.model.profiles import BehaviourProfile
>>> game = load_game("entry-deterrence")
>>> check = TreeCheck(game, subgame_perfect=True)
>>> pure = [tuple(int(a == 0) for a in range(len(i.actions))) for i in game.infosets]
>>> check.verify(BehaviourProfile.trusted(tuple(pure)), game.exact_numbers).regrets
(0, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from commit_calc.model.extensive_form import DECISION, ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.solvers.verify import Number, Verification, _check_profile, _number, _rationals

# operations of a best-response schedule
_TERMINAL, _OWN, _AVERAGE, _DECIDE = range(4)


class TreeCheck:
    """Exact regrets of behaviour profiles of ``game`` (the whole game, or with
    ``subgame_perfect`` every proper subgame as :func:`.verify_subgame_perfect` does)."""

    def __init__(self, game: ExtensiveFormGame, *, subgame_perfect: bool) -> None:
        self.game = game
        nodes = game.nodes
        number = {player: k for k, player in enumerate(game.players)}
        self.children = [n.children for n in nodes]
        self.movers = [number[n.player] if n.kind == DECISION else -1  # type: ignore[index]
                       for n in nodes]
        self.infoset_of = game.infoset_of_node
        self.members = [i.members for i in game.infosets]
        roots = game.subgame_roots if subgame_perfect else (game.root.index,)
        #: per subgame root to check: per player, (reach steps, schedule)
        self.plans = [(root, [self._plan(game, root, player) for player in range(len(number))])
                      for root in roots]

    def _plan(self, game: ExtensiveFormGame, root: int,
              player: int) -> tuple[list[tuple[int, int, int]], list[tuple[Any, ...]]]:
        """How to compute ``player``'s best-response value in the subgame at ``root``."""
        span = game.descendants(game.nodes[root])
        children, movers, infoset_of = self.children, self.movers, self.infoset_of
        # the reach of each node through the others' moves (the player's own count as sure):
        # (node, parent, position among the parent's children, or -1 for a move of player)
        reach = [(child, index, -1 if movers[index] == player else position)
                 for index in span for position, child in enumerate(children[index])]
        own_depth = {root: 0}
        members: dict[int, list[int]] = {}
        for index in span:
            own = movers[index] == player
            if own:
                members.setdefault(infoset_of[index], []).append(index)  # type: ignore[arg-type]
            for child in children[index]:
                own_depth[child] = own_depth[index] + (1 if own else 0)
        order = sorted(members.items(), key=lambda item: -own_depth[item[1][0]])
        schedule: list[tuple[Any, ...]] = []
        done = [False] * len(children)

        def values_below(top: int) -> None:
            """Every node of the subtree at ``top`` not yet valued, children first."""
            for index in reversed(game.descendants(game.nodes[top])):
                if done[index]:
                    continue
                done[index] = True
                if not children[index]:
                    schedule.append((_TERMINAL, index))
                elif movers[index] == player:
                    schedule.append((_OWN, index, infoset_of[index]))
                else:
                    schedule.append((_AVERAGE, index))

        for infoset, member_nodes in order:
            for member in member_nodes:
                for child in children[member]:
                    values_below(child)
            schedule.append((_DECIDE, infoset, member_nodes, len(children[member_nodes[0]])))
        values_below(root)
        return reach, schedule

    def verify(self, profile: BehaviourProfile,
               numbers: Sequence[Sequence[Number]]) -> Verification:
        """Expected payoffs of the whole game and each player's largest regret over the
        subgames checked; ``numbers`` per node as ``game.exact_numbers`` holds them."""
        game = self.game
        _check_profile(game, profile)
        moves: list[Sequence[Number]] = list(numbers)
        for distribution, members in zip(profile.probabilities, self.members):
            converted = [_number(p) for p in distribution]
            for member in members:
                moves[member] = converted
        values = self._expected(moves, numbers)
        players = range(len(game.players))
        regrets: list[Number] = [0] * len(players)
        for root, plans in self.plans:
            for player in players:
                gap = self._best(moves, numbers, root, player, *plans[player]) \
                    - values[root][player]
                if gap > regrets[player]:
                    regrets[player] = gap
        return Verification(_rationals(values[game.root.index]), _rationals(regrets))

    def _expected(self, moves: list[Sequence[Number]],
                  numbers: Sequence[Sequence[Number]]) -> list[Sequence[Number]]:
        """Every player's expected payoff below every node, in one pass from the leaves."""
        children = self.children
        count = len(self.game.players)
        values: list[Sequence[Number]] = [()] * len(children)
        for index in range(len(children) - 1, -1, -1):
            below = children[index]
            if not below:
                values[index] = numbers[index]
                continue
            weighted = [(p, values[c]) for p, c in zip(moves[index], below) if p]
            if len(weighted) == 1 and weighted[0][0] == 1:
                values[index] = weighted[0][1]
            else:
                values[index] = [sum([p * v[k] for p, v in weighted]) for k in range(count)]
        return values

    def _best(self, moves: list[Sequence[Number]], numbers: Sequence[Sequence[Number]],
              root: int, player: int, reach_steps: list[tuple[int, int, int]],
              schedule: list[tuple[Any, ...]]) -> Number:
        """``player``'s best-response value in the subgame at ``root`` against ``moves``."""
        children = self.children
        reach: dict[int, Number] = {root: 1}
        for child, parent, position in reach_steps:
            reach[child] = reach[parent] if position < 0 else reach[parent] * moves[parent][position]
        value: dict[int, Number] = {}
        choice: dict[int, int] = {}
        for step in schedule:
            kind = step[0]
            if kind == _TERMINAL:
                value[step[1]] = numbers[step[1]][player]
            elif kind == _AVERAGE:
                index = step[1]
                value[index] = sum([p * value[c] for c, p in zip(children[index], moves[index])
                                    if p])
            elif kind == _OWN:
                value[step[1]] = value[children[step[1]][choice[step[2]]]]
            else:
                _, infoset, member_nodes, width = step
                totals = [sum([reach[h] * value[children[h][a]] for h in member_nodes
                               if reach[h]]) for a in range(width)]
                choice[infoset] = totals.index(max(totals))
        return value[root]


__all__ = ["TreeCheck"]
