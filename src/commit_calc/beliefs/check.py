"""The independent exact check of an assessment: sequential rationality and Bayes' rule.

Nothing here uses the solvers' reasoning (it reads only the game and the assessment). An
assessment passes when

1. **sequential rationality**: at every information set, given the belief there and the
   others' strategies, the mover's strategy from there on is a best response among all of
   their continuation strategies (not only one-step deviations);
2. **Bayes' rule wherever it applies**: for every information set ``I`` (and the root) and
   every later set ``J`` all of whose nodes follow nodes of ``I``, the flow of probability
   from ``I`` (its belief, then the profile) that reaches ``J`` fixes the belief at ``J`` when
   it is positive; when the profile's own flow is zero and every node of ``J`` follows ``I``
   through one and the same action, the flow through that action (a deviation at ``I``, then
   the profile) fixes it. On the path this is Bayes' rule from the root.

All arithmetic is in ``Fraction``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile


@dataclass(frozen=True)
class AssessmentCheck:
    """What the check found wrong, one sentence per failure (empty when it passes)."""

    failures: tuple[str, ...]

    @property
    def passes(self) -> bool:
        return not self.failures


def check_assessment(
    game: ExtensiveFormGame,
    profile: BehaviourProfile,
    beliefs: Mapping[str, Sequence[object]],
) -> AssessmentCheck:
    """Check ``profile`` with ``beliefs`` (``{information set: probability per node}``, for every
    set with several nodes, nodes in the set's order) exactly.

    Examples
    --------
    Selten's horse: player 3 plays L only if it believes, with probability at least 2/3, that
    player 2 played d.

    >>> from commit_calc.io import load_game
    >>> game = load_game("selten-horse").at()
    >>> profile = BehaviourProfile.from_labels(
    ...     game, {"player1": "C", "player2": "c", "Player 3": "L"})
    >>> check_assessment(game, profile, {"Player 3": ["2/3", "1/3"]}).passes
    True
    >>> check_assessment(game, profile, {"Player 3": ["1/2", "1/2"]}).failures[0]
    "sequential rationality fails at information set 'Player 3': Player 3 gains 1/2 by deviating"
    """
    tree = _Tree(game, profile)
    failures = tree.read_beliefs(beliefs)
    if failures:
        return AssessmentCheck(tuple(failures))
    for k in range(len(game.infosets)):
        gain = tree.best_value(k) - tree.profile_value(k)
        if gain != 0:
            infoset = game.infosets[k]
            failures.append(
                f"sequential rationality fails at information set '{infoset.label}': "
                f"{infoset.player} gains {gain} by deviating"
            )
    failures += tree.bayes_failures()
    return AssessmentCheck(tuple(failures))


def _fraction(value: object) -> Fraction:
    if isinstance(value, str):
        return Fraction(value)
    numerator = getattr(value, "numerator", getattr(value, "p", None))
    denominator = getattr(value, "denominator", getattr(value, "q", None))
    return Fraction(int(numerator), int(denominator))  # type: ignore[arg-type]


class _Tree:
    """The game's numbers with the profile's moves at every node, as Fractions."""

    def __init__(self, game: ExtensiveFormGame, profile: BehaviourProfile) -> None:
        self.game = game
        nodes = game.nodes
        self.children = [n.children for n in nodes]
        self.set_of = game.infoset_of_node
        self.payoffs = [tuple(_fraction(p) for p in n.payoffs) for n in nodes]
        self.moves: list[tuple[Fraction, ...]] = [
            tuple(_fraction(p) for p in n.probabilities) for n in nodes]
        for infoset, distribution in zip(game.infosets, profile.probabilities):
            for member in infoset.members:
                self.moves[member] = tuple(_fraction(p) for p in distribution)
        self.players = {p: k for k, p in enumerate(game.players)}
        self.beliefs: list[tuple[Fraction, ...]] = []
        self.parents = [n.parent for n in nodes]

    def _ancestor_in(self, node: int, members: set[int]) -> int | None:
        parent = self.parents[node]
        while parent is not None and parent not in members:
            parent = self.parents[parent]
        return parent

    def read_beliefs(self, given: Mapping[str, Sequence[object]]) -> list[str]:
        failures = []
        for infoset in self.game.infosets:
            if len(infoset.members) == 1:
                self.beliefs.append((Fraction(1),))
                continue
            if infoset.label not in given:
                failures.append(f"no belief at information set '{infoset.label}'")
                self.beliefs.append(())
                continue
            belief = tuple(_fraction(p) for p in given[infoset.label])
            if (len(belief) != len(infoset.members) or any(p < 0 for p in belief)
                    or sum(belief) != 1):
                failures.append(f"the belief at information set '{infoset.label}' is not a "
                                "probability for each of its nodes")
            self.beliefs.append(belief)
        return failures

    def _values(self, player: int, choice: dict[int, int]) -> list[Fraction]:
        """Each node's value to ``player``: the profile everywhere, except at the player's
        information sets listed in ``choice`` (an action index each)."""
        values = [Fraction(0)] * len(self.children)
        for index in reversed(range(len(self.children))):
            below = self.children[index]
            if not below:
                values[index] = self.payoffs[index][player]
                continue
            own = self.set_of[index]
            chosen = choice.get(own, -1) if own is not None else -1
            if chosen >= 0:
                values[index] = values[below[chosen]]
            else:
                values[index] = sum((p * values[c] for p, c in zip(self.moves[index], below)),
                                    Fraction(0))
        return values

    def profile_value(self, k: int) -> Fraction:
        infoset = self.game.infosets[k]
        values = self._values(self.players[infoset.player], {})
        return sum((b * values[m] for b, m in zip(self.beliefs[k], infoset.members)), Fraction(0))

    def best_value(self, k: int) -> Fraction:
        """The mover's best value at set ``k`` over all their continuation strategies: their
        later sets (all below ``k``, by perfect recall) decided deepest first."""
        game = self.game
        infoset = game.infosets[k]
        player = self.players[infoset.player]
        weight: dict[int, Fraction] = {}
        for b, m in zip(self.beliefs[k], infoset.members):
            weight[m] = b
        order = sorted(weight)
        own_count = dict.fromkeys(order, 0)
        own_sets: dict[int, list[int]] = {}
        stack = list(reversed(order))
        while stack:  # weights below the set: others' moves multiply, own moves do not
            index = stack.pop()
            s = self.set_of[index]
            own = s is not None and game.infosets[s].player == infoset.player
            if own:
                own_sets.setdefault(s, []).append(index)  # type: ignore[arg-type]
            for p, c in zip(self.moves[index], self.children[index]):
                weight[c] = weight[index] * (1 if own else p)
                own_count[c] = own_count[index] + (1 if own else 0)
                stack.append(c)
        choice: dict[int, int] = {}
        for s in sorted(own_sets, key=lambda s: -own_count[own_sets[s][0]]):
            values = self._values(player, choice)
            members = own_sets[s]
            totals = [sum((weight[m] * values[self.children[m][a]] for m in members), Fraction(0))
                      for a in range(len(self.children[members[0]]))]
            choice[s] = totals.index(max(totals))
        values = self._values(player, choice)
        return sum((b * values[m] for b, m in zip(self.beliefs[k], infoset.members)), Fraction(0))

    def _flow(self, start: Mapping[int, Fraction], first: Mapping[int, Sequence[Fraction]],
              targets: Sequence[int]) -> list[Fraction]:
        """Probability reaching each target from the weighted start nodes (their moves given by
        ``first``, then the profile)."""
        weight = dict(start)
        stack = [n for n in start if start[n] != 0]
        while stack:
            index = stack.pop()
            moves = first.get(index, self.moves[index])
            for p, c in zip(moves, self.children[index]):
                if p != 0:
                    weight[c] = weight.get(c, Fraction(0)) + weight[index] * p
                    stack.append(c)
        return [weight.get(t, Fraction(0)) for t in targets]

    def bayes_failures(self) -> list[str]:
        game = self.game
        sources: list[tuple[str, tuple[int, ...], tuple[Fraction, ...]]] = [
            ("the root", (0,), (Fraction(1),))]
        sources += [(f"information set '{i.label}'", i.members, self.beliefs[k])
                    for k, i in enumerate(game.infosets) if game.nodes[i.members[0]].index != 0]
        failures = []
        for k, target in enumerate(game.infosets):
            if len(target.members) == 1:
                continue
            ancestors = set()
            parent = self.parents[target.members[0]]
            while parent is not None:
                ancestors.add(parent)
                parent = self.parents[parent]
            for name, members, belief in sources:
                if set(members) & set(target.members) or not ancestors & set(members):
                    continue
                member_set = set(members)
                above = [self._ancestor_in(t, member_set) for t in target.members]
                if any(a is None for a in above):
                    continue
                start = dict(zip(members, belief))
                flow = self._flow(start, {}, target.members)
                if sum(flow) == 0:
                    actions = {self._action_towards(a, t)  # type: ignore[arg-type]
                               for a, t in zip(above, target.members)}
                    if len(actions) != 1 or members == (0,) and game.root.is_chance:
                        continue
                    action = actions.pop()
                    width = len(self.children[members[0]])
                    sure = [Fraction(int(a == action)) for a in range(width)]
                    flow = self._flow(start, {m: sure for m in members}, target.members)
                total = sum(flow)
                if total != 0 and tuple(f / total for f in flow) != self.beliefs[k]:
                    expected = ", ".join(str(f / total) for f in flow)
                    failures.append(
                        f"Bayes' rule fails at information set '{target.label}': from {name} "
                        f"the belief must be ({expected})"
                    )
        return failures

    def _action_towards(self, ancestor: int, node: int) -> int:
        while self.parents[node] != ancestor:
            node = self.parents[node]  # type: ignore[assignment]
        return self.children[ancestor].index(node)
