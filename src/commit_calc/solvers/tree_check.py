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
from commit_calc.solvers._compiled import straight_line
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
from commit_calc.solvers._compiled import straight_line
from commit_calc.solvers.verify import Number, Verification, _check_profile, _number, _rationals

# operations of a best-response schedule
_OWN, _AVERAGE, _DECIDE = range(3)


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
        #: raises ValueError for a tree too large to compile: :mod:`.verify` checks it
        self._compiled = straight_line(["moves", "numbers"], self._source())

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
        # only the reach of the player's own nodes is used, so only their ways are followed
        needed = {member for _, member_nodes in order for member in member_nodes}
        for index in reversed(span):  # a parent comes before its children
            if index in needed and index != root:
                needed.add(game.nodes[index].parent)  # type: ignore[arg-type]
        reach = [step for step in reach if step[0] in needed]
        schedule: list[tuple[Any, ...]] = []
        done = [False] * len(children)

        def values_below(top: int) -> None:
            """Every node of the subtree at ``top`` not yet valued, children first."""
            for index in reversed(game.descendants(game.nodes[top])):
                if done[index]:
                    continue
                done[index] = True
                if not children[index]:
                    continue  # a terminal node's value is its payoff
                if movers[index] == player:
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
        _check_profile(self.game, profile)
        moves: list[Sequence[Number]] = list(numbers)
        for distribution, members in zip(profile.probabilities, self.members):
            converted = [_number(p) for p in distribution]
            for member in members:
                moves[member] = converted
        payoffs, regrets = self._compiled(moves, numbers)
        return Verification(_rationals(payoffs), _rationals(regrets))

    def _source(self) -> list[str]:
        """The body of the check as straight-line Python, one statement per line: no loops,
        lookups or branches at run time but the choice at each information set."""
        game, children, movers = self.game, self.children, self.movers
        count = len(game.players)
        lines = [f"m{i} = moves[{i}]" for i, below in enumerate(children) if below]
        lines += [f"t{i} = numbers[{i}]" for i, below in enumerate(children) if not below]

        def expected(index: int, player: int) -> str:
            return f"t{index}[{player}]" if not children[index] else f"e{index}_{player}"

        for index in range(len(children) - 1, -1, -1):
            for player in range(count):
                if children[index]:
                    lines.append(f"e{index}_{player} = " + " + ".join(
                        f"m{index}[{a}] * {expected(c, player)}"
                        for a, c in enumerate(children[index])))
        lines += [f"g{player} = 0" for player in range(count)]
        for root, plans in self.plans:
            for player, (reach_steps, schedule) in enumerate(plans):
                def value(index: int, player: int = player) -> str:
                    return f"t{index}[{player}]" if not children[index] else f"v{index}"

                lines.append(f"r{root} = 1")
                lines += [f"r{child} = r{parent}" if position < 0 else
                          f"r{child} = r{parent} * m{parent}[{position}]"
                          for child, parent, position in reach_steps]
                for step in schedule:
                    if step[0] == _AVERAGE:
                        lines.append(f"v{step[1]} = " + " + ".join(
                            f"m{step[1]}[{a}] * {value(c)}"
                            for a, c in enumerate(children[step[1]])))
                    elif step[0] == _OWN:
                        options = ", ".join(value(c) for c in children[step[1]])
                        lines.append(f"v{step[1]} = ({options},)[k{step[2]}]")
                    elif step[0] == _DECIDE:
                        _, infoset, member_nodes, width = step
                        totals = ", ".join(" + ".join(
                            f"r{h} * {value(children[h][a])}" for h in member_nodes)
                            for a in range(width))
                        lines.append(f"s = ({totals},)")
                        lines.append(f"k{infoset} = s.index(max(s))")
                lines.append(f"g{player} = max(g{player}, {value(root)} - "
                             f"{expected(root, player)})")
        root = game.root.index
        payoffs = ", ".join(expected(root, player) for player in range(count))
        regrets = ", ".join(f"g{player}" for player in range(count))
        lines.append(f"return ({payoffs},), ({regrets},)")
        return lines


__all__ = ["TreeCheck"]
