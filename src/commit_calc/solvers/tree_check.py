"""The exact regret check of :mod:`.verify` for many profiles of one tree, compiled once.

:func:`~commit_calc.solvers.verify.verify` and
:func:`~commit_calc.solvers.verify.verify_subgame_perfect` walk the tree afresh for each
profile. A sweep checks thousands of profiles of one tree, each at other numbers:
:class:`TreeCheck` writes the computation out once, as straight-line code
(:mod:`._compiled`): every player's expected payoff below every node, then for each subgame to
check and each player the reach of their nodes through the others' moves and their
information sets deepest first, each decided once the values below it are known. The
arithmetic is the same (exact, in ``int`` and ``mpq``), and so is the answer: each player's
expected payoff and largest regret, from the game and the profile alone (nothing of the
solver that proposed the profile is used).

>>> from commit_calc.io import load_game
>>> from commit_calc.model.profiles import BehaviourProfile
>>> game = load_game("entry-deterrence")
>>> check = TreeCheck(game, subgame_perfect=True)
>>> pure = [tuple(int(a == 0) for a in range(len(i.actions))) for i in game.infosets]
>>> check.verify(BehaviourProfile.trusted(tuple(pure)), game.exact_numbers)
Verification(payoffs=(0, 2), regrets=(0, 2))

(The entrant stays out and the incumbent would fight: after entry, accommodating would pay
the incumbent 2 more, so the profile is not subgame perfect.)
"""

from __future__ import annotations

from collections.abc import Sequence

from commit_calc.model.extensive_form import DECISION, ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.solvers._compiled import straight_line
from commit_calc.solvers.verify import Number, Verification, check_profile, kernel_number, rationals


class TreeCheck:
    """Exact regrets of behaviour profiles of ``game`` (the whole game, or with
    ``subgame_perfect`` every proper subgame as :func:`.verify_subgame_perfect` does).

    Raises ``ValueError`` for a tree too large to compile (check it with :mod:`.verify`).
    """

    def __init__(self, game: ExtensiveFormGame, *, subgame_perfect: bool) -> None:
        self.game = game
        number = {player: k for k, player in enumerate(game.players)}
        self.children = [n.children for n in game.nodes]
        self.movers = [number[n.player] if n.kind == DECISION else -1  # type: ignore[index]
                       for n in game.nodes]
        self.members = [i.members for i in game.infosets]
        roots = game.subgame_roots if subgame_perfect else (game.root.index,)
        lines = self._expected_source()
        lines += [f"g{player} = 0" for player in range(len(number))]
        for root in roots:
            for player in range(len(number)):
                lines += self._best_source(root, player)
        payoffs = ", ".join(self._expected(game.root.index, k) for k in range(len(number)))
        regrets = ", ".join(f"g{player}" for player in range(len(number)))
        lines.append(f"return ({payoffs},), ({regrets},)")
        self._compiled = straight_line(["distributions", "numbers"], lines)

    def _expected(self, index: int, player: int) -> str:
        """The name of ``player``'s expected payoff below node ``index``."""
        return f"t{index}[{player}]" if not self.children[index] else f"e{index}_{player}"

    def _expected_source(self) -> list[str]:
        """Every player's expected payoff below every node, from the leaves up."""
        children = self.children
        infoset_of = self.game.infoset_of_node
        lines = [f"t{i} = numbers[{i}]" if not below else f"m{i} = numbers[{i}]"
                 if infoset_of[i] is None else f"m{i} = distributions[{infoset_of[i]}]"
                 for i, below in enumerate(children)]
        for index in range(len(children) - 1, -1, -1):
            for player in range(len(self.game.players)):
                if children[index]:
                    lines.append(f"e{index}_{player} = " + " + ".join(
                        f"m{index}[{a}] * {self._expected(c, player)}"
                        for a, c in enumerate(children[index])))
        return lines

    def _best_source(self, root: int, player: int) -> list[str]:
        """``player``'s regret in the subgame at ``root`` (folded into ``g<player>``).

        Perfect recall orders the player's information sets by how many of their own moves
        precede them (the same number at every member); deciding the deepest first means every
        subtree below a member is decided when its value is needed. Below a node where the
        player never moves, the value is the expected payoff.
        """
        game, children, movers = self.game, self.children, self.movers
        span = game.descendants(game.nodes[root])
        own_below = [False] * len(children)
        for index in reversed(span):
            own_below[index] = movers[index] == player or any(
                own_below[c] for c in children[index])
        # the reach of each node through the others' moves ("1" while only the player moved)
        reach = {root: "1"}
        lines: list[str] = []
        own_depth = {root: 0}
        members: dict[int, list[int]] = {}
        for index in span:
            own = movers[index] == player
            if own:
                members.setdefault(game.infoset_of_node[index], []).append(index)  # type: ignore[arg-type]
            for position, child in enumerate(children[index]):
                own_depth[child] = own_depth[index] + own
                if not own_below[child]:
                    continue  # no decision of the player below: its reach is not needed
                if own:
                    reach[child] = reach[index]
                elif reach[index] == "1":
                    reach[child] = f"m{index}[{position}]"
                else:
                    reach[child] = f"r{child}"
                    lines.append(f"r{child} = {reach[index]} * m{index}[{position}]")

        def value(index: int) -> str:
            return f"v{index}" if own_below[index] else self._expected(index, player)

        def weighted(weight: str, term: str) -> str:
            return term if weight == "1" else f"{weight} * {term}"

        done = [False] * len(children)

        def values_below(top: int) -> None:
            """Every node below ``top`` (included) not yet valued where the player moves
            below, children first."""
            for index in reversed(game.descendants(game.nodes[top])):
                if done[index] or not own_below[index]:
                    continue
                done[index] = True
                options = [value(c) for c in children[index]]
                if movers[index] == player:
                    choice = f"k{game.infoset_of_node[index]}"
                    lines.append(f"v{index} = {options[1]} if {choice} else {options[0]}"
                                 if len(options) == 2 else
                                 f"v{index} = ({', '.join(options)},)[{choice}]")
                else:
                    lines.append(f"v{index} = " + " + ".join(
                        f"m{index}[{a}] * {option}" for a, option in enumerate(options)))

        for infoset, member_nodes in sorted(members.items(),
                                            key=lambda item: -own_depth[item[1][0]]):
            for member in member_nodes:
                for child in children[member]:
                    values_below(child)
            totals = [" + ".join(weighted(reach[h], value(children[h][a]))
                                 for h in member_nodes)
                      for a in range(len(children[member_nodes[0]]))]
            lines += [f"s{a} = {total}" for a, total in enumerate(totals)]
            if len(totals) == 2:  # the first best action, as verify picks it
                lines.append(f"k{infoset} = 1 if s1 > s0 else 0")
            else:
                listed = ", ".join(f"s{a}" for a in range(len(totals)))
                lines.append(f"s = ({listed},)")
                lines.append(f"k{infoset} = s.index(max(s))")
        values_below(root)
        lines.append(f"g{player} = max(g{player}, {value(root)} - "
                     f"{self._expected(root, player)})")
        return lines

    def verify(self, profile: BehaviourProfile,
               numbers: Sequence[Sequence[Number]]) -> Verification:
        """Expected payoffs of the whole game and each player's largest regret over the
        subgames checked; ``numbers`` per node as ``game.exact_numbers`` holds them."""
        check_profile(self.game, profile)
        distributions = [tuple(kernel_number(p) for p in d) for d in profile.probabilities]
        payoffs, regrets = self.regrets(distributions, numbers)
        return Verification(rationals(payoffs), rationals(regrets))

    def regrets(self, distributions: Sequence[Sequence[Number]],
                numbers: Sequence[Sequence[Number]]
                ) -> tuple[tuple[Number, ...], tuple[Number, ...]]:
        """:meth:`verify`'s payoffs and regrets as exact Python numbers (``int``, ``mpq``),
        for distributions of exact Python numbers already known to fit the information sets
        (one per set, one probability per action: :meth:`verify` checks that)."""
        found: tuple[tuple[Number, ...], tuple[Number, ...]] = self._compiled(
            distributions, numbers)
        return found


__all__ = ["TreeCheck"]
