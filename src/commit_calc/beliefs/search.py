"""The search behind :mod:`~commit_calc.beliefs.pbe` and :mod:`~commit_calc.beliefs.sequential`:
every pure behaviour profile of a tree that some beliefs make sequentially rational.

For each profile it computes the payoffs of every continuation, the beliefs on the path by
Bayes' rule, the beliefs that Bayes' rule fixes after a deviation, and at every other unreached
set the exact set of beliefs that make the profile's choice optimal: a polytope in the simplex,
kept whole (:mod:`~commit_calc.beliefs.polytope`). Every assessment found passes the Nash check
of :mod:`~commit_calc.solvers.verify` and the independent check of
:mod:`~commit_calc.beliefs.check`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from commit_calc.beliefs.assessment import (
    Assessment,
    Belief,
    BeliefEquilibrium,
    OffPathBeliefs,
    condition_text,
    node_descriptions,
)
from commit_calc.beliefs.check import check_assessment
from commit_calc.beliefs.polytope import EQ, GE, Row, centre, satisfies, vertices
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.solvers.listing import count_text
from commit_calc.solvers.results import VerificationFailure, certify

#: At most this many pure behaviour profiles are enumerated.
MAX_PROFILES = 100_000
#: Trees with more nodes are refused: the independent check of one assessment compares every
#: pair of information sets, so its work grows with the square of the tree.
MAX_NODES = 500


@dataclass
class Context:
    """One pure profile under study: chosen action per set, node values, reach, beliefs."""

    choice: tuple[int, ...]
    values: list[tuple[Fraction, ...]]
    reach: list[Fraction]
    beliefs: list[Belief | None]
    free: set[int]
    links: dict[object, object] = field(default_factory=dict)


class Search:
    """The enumeration; :meth:`unreached` decides an unreached set with several nodes (the
    sequential-equilibrium search overrides it)."""

    def __init__(self, game: ExtensiveFormGame, max_profiles: int, concept: str) -> None:
        self.game = game
        self.concept = concept
        self.caller = {"pbe": "perfect_bayesian_equilibria()",
                       "sequential": "sequential_equilibria()"}.get(concept, concept)
        numbers = game.exact_numbers
        self.children = [n.children for n in game.nodes]
        exact = [tuple(Fraction(int(x.numerator), int(x.denominator)) for x in row)
                 for row in numbers]
        self.payoffs = [exact[n.index] if n.is_terminal else () for n in game.nodes]
        self.chance = [exact[n.index] if n.is_chance else () for n in game.nodes]
        self.set_of = game.infoset_of_node
        self.mover = [game.player_index(i.player) for i in game.infosets]
        widths = [len(i.actions) for i in game.infosets]
        count = math.prod(widths)
        if len(game.nodes) > MAX_NODES:
            raise UnsupportedGameError(
                f"{self.caller}: the tree has {len(game.nodes):,} nodes, more than the "
                f"{MAX_NODES} this method handles"
            )
        if count > max_profiles:
            raise UnsupportedGameError(
                f"{self.caller}: the game has {count_text(count)} pure behaviour profiles, more "
                f"than the {max_profiles:,} this method enumerates"
            )
        self.widths = widths
        self.sources = {k: self._sources(k) for k, i in enumerate(game.infosets)
                        if len(i.members) > 1}
        self.notes: list[str] = []
        self._names: dict[int, tuple[str, ...]] = {}

    # Structure ------------------------------------------------------------------------------

    def _sources(self, k: int) -> list[tuple[int, int | None]]:
        """Sets (``-1`` for a chance root) above every node of set ``k``, each with the one
        action on every path from it to the set, or ``None`` where the paths differ."""
        game = self.game
        found = []
        candidates: list[tuple[int, tuple[int, ...]]] = (
            [(-1, (0,))] if game.root.is_chance else [])
        above = []  # a source holds an ancestor of every node of set k, so of the first one
        parent = game.nodes[game.infosets[k].members[0]].parent
        while parent is not None:
            owner = self.set_of[parent]
            if owner is not None and owner != k and owner not in above:
                above.append(owner)
            parent = game.nodes[parent].parent
        candidates += [(s, game.infosets[s].members) for s in sorted(above)]
        for source, members in candidates:
            member_set = set(members)
            actions = set()
            for target in game.infosets[k].members:
                node, parent = target, game.nodes[target].parent
                while parent is not None and parent not in member_set:
                    node, parent = parent, game.nodes[parent].parent
                if parent is None:
                    break
                actions.add(self.children[parent].index(node))
            else:
                found.append((source, actions.pop() if len(actions) == 1 and source >= 0
                              else None))
        return found

    # The search -----------------------------------------------------------------------------

    def run(self) -> Iterator[BeliefEquilibrium]:
        """Every equilibrium, by a search over the sets with several actions, deepest first,
        that drops a choice at a single-node set as soon as the choices below it make it
        suboptimal (a condition every equilibrium meets, so nothing is lost)."""
        order, checks = self._plan()
        choice = [0] * len(self.widths)
        stack = [0]  # per depth, the next action to try at order[depth]
        while stack:
            depth = len(stack) - 1
            if depth == len(order):
                stack.pop()
                context = self._context(tuple(choice))
                off_path = self._assess(context)
                if off_path is not None:
                    yield self._certified(context, off_path)
                continue
            k = order[depth]
            if stack[-1] == self.widths[k]:
                stack.pop()
                continue
            choice[k] = stack[-1]
            stack[-1] += 1
            if all(self._locally_optimal(s, choice) for s in checks[depth]):
                stack.append(0)

    def _plan(self) -> tuple[list[int], list[list[int]]]:
        """The sets to branch on (deepest first) and, per depth, the single-node sets whose
        choice can be checked once the sets up to that depth are chosen."""
        game = self.game
        depth = [0] * len(game.nodes)
        for node in game.nodes[1:]:
            depth[node.index] = depth[node.parent] + 1  # type: ignore[index]
        branching = [k for k, w in enumerate(self.widths) if w > 1]
        order = sorted(branching, key=lambda k: -min(depth[m] for m in game.infosets[k].members))
        position = {k: d for d, k in enumerate(order)}
        checks: list[list[int]] = [[] for _ in order]
        for k in branching:
            members = game.infosets[k].members
            if len(members) != 1:
                continue
            below = {self.set_of[n] for n in game.descendants(game.nodes[members[0]])}
            below.discard(None)
            ready = max(position.get(b, -1) for b in below)  # type: ignore[arg-type]
            checks[ready].append(k)
        return order, checks

    def _locally_optimal(self, k: int, choice: Sequence[int]) -> bool:
        """Whether the choice at single-node set ``k`` is optimal given the choices below."""
        node = self.game.infosets[k].members[0]
        player = self.mover[k]
        span = self.game.descendants(self.game.nodes[node])
        value: dict[int, Fraction] = {}
        for index in reversed(span):
            below = self.children[index]
            if not below:
                value[index] = self.payoffs[index][player]
            elif self.chance[index]:
                value[index] = sum((p * value[c] for p, c in zip(self.chance[index], below)),
                                   Fraction(0))
            elif index != node:
                value[index] = value[below[choice[self.set_of[index]]]]  # type: ignore[index]
        chosen = value[self.children[node][choice[k]]]
        return all(value[c] <= chosen for c in self.children[node])

    def _context(self, choice: tuple[int, ...]) -> Context:
        n = len(self.children)
        values: list[tuple[Fraction, ...]] = [()] * n
        for index in reversed(range(n)):
            below = self.children[index]
            if not below:
                values[index] = self.payoffs[index]
            elif self.chance[index]:
                values[index] = tuple(
                    sum((p * values[c][k] for p, c in zip(self.chance[index], below)),
                        Fraction(0))
                    for k in range(self.game.num_players))
            else:
                values[index] = values[below[choice[self.set_of[index]]]]  # type: ignore[index]
        reach = self.flow({0: Fraction(1)}, choice)
        return Context(choice, values, reach, [None] * len(self.game.infosets), set())

    def flow(self, start: dict[int, Fraction], choice: Sequence[int],
             first: int | None = None) -> list[Fraction]:
        """Probability of each node from weighted start nodes, which play ``first`` (if given)
        and then the profile ``choice``."""
        reach = [Fraction(0)] * len(self.children)
        for node, weight in start.items():
            reach[node] = weight
        for node in sorted(start):
            if reach[node] == 0:
                continue
            stack = [node]
            while stack:
                index = stack.pop()
                below = self.children[index]
                if not below:
                    continue
                if self.chance[index] and not (first is not None and index in start):
                    for p, c in zip(self.chance[index], below):
                        reach[c] += reach[index] * p
                        stack.append(c)
                else:
                    pick = first if (first is not None and index in start) else (
                        choice[self.set_of[index]])  # type: ignore[index]
                    reach[below[pick]] += reach[index]
                    stack.append(below[pick])
        return reach

    def rows(self, k: int, context: Context) -> list[Row]:
        """Sequential rationality at set ``k`` as conditions on its belief."""
        infoset = self.game.infosets[k]
        player = self.mover[k]
        chosen = context.choice[k]
        rows = []
        for action in range(self.widths[k]):
            if action != chosen:
                rows.append((tuple(
                    context.values[self.children[m][chosen]][player]
                    - context.values[self.children[m][action]][player]
                    for m in infoset.members), GE))
        return rows

    def _assess(self, context: Context) -> list[OffPathBeliefs] | None:
        """The off-path records if the profile is an equilibrium with some beliefs, else None."""
        off_path = []
        for k, infoset in enumerate(self.game.infosets):
            members = infoset.members
            mass = sum((context.reach[m] for m in members), Fraction(0))
            rows = self.rows(k, context)
            if mass != 0 or len(members) == 1:
                belief = (tuple(context.reach[m] / mass for m in members) if mass != 0
                          else (Fraction(1),))
                if not satisfies(belief, rows):
                    return None
                context.beliefs[k] = belief
                continue
            decided = self.unreached(k, context, rows)
            if decided is None:
                return None
            context.beliefs[k] = decided.example
            off_path.append(decided)
        return off_path

    def unreached(self, k: int, context: Context, rows: list[Row]) -> OffPathBeliefs | None:
        """Beliefs at unreached set ``k``: fixed by Bayes' rule after a deviation where it
        applies, else every belief that makes the choice optimal; None if there is none."""
        infoset = self.game.infosets[k]
        pins = set()
        for source, action in self.sources[k]:
            members = (0,) if source < 0 else self.game.infosets[source].members
            belief = (Fraction(1),) if source < 0 else context.beliefs[source]
            if belief is None or source in context.free:
                if self._depends(members, infoset.members, context, action):
                    raise UnsupportedGameError(
                        f"{self.caller}: beliefs at information set '{infoset.label}' follow by "
                        "Bayes' rule from the free beliefs at unreached information set "
                        f"'{self.game.infosets[source].label}'; the pure search fixes off-path "
                        "beliefs one information set at a time (from the path, or from a "
                        "deviation at a set whose beliefs are known), so it does not decide "
                        "beliefs chained from another unreached set's free beliefs; the mixed "
                        "search does, in trees of at most 60 nodes (mixed=True; solve --concept "
                        "pbe)"
                    )
                continue
            start = dict(zip(members, belief))
            reach = self.flow(start, context.choice)
            if sum(reach[m] for m in infoset.members) == 0 and action is not None:
                reach = self.flow(start, context.choice, first=action)
            total = sum((reach[m] for m in infoset.members), Fraction(0))
            if total != 0:
                pins.add(tuple(reach[m] / total for m in infoset.members))
        names = self.names(k)
        if len(pins) > 1:
            return None
        if pins:
            [pin] = pins
            if not satisfies(pin, rows):
                return None
            equalities = [(tuple(Fraction(int(j == i)) - pin[i] for j in range(len(pin))), EQ)
                          for i in range(len(pin) - 1)]
            text = condition_text(infoset.label, names, equalities) + " (Bayes' rule)"
            return OffPathBeliefs(infoset.label, tuple(equalities), text, pin)
        context.free.add(k)
        return polytope_record(infoset.label, names, tuple(rows))

    def _depends(self, members: Sequence[int], targets: Sequence[int], context: Context,
                 action: int | None) -> bool:
        for member in members:
            for first in (None, action):
                reach = self.flow({member: Fraction(1)}, context.choice, first=first)
                if any(reach[t] != 0 for t in targets):
                    return True
        return False

    def names(self, k: int) -> tuple[str, ...]:
        """Short names of the nodes of set ``k`` (computed once)."""
        if k not in self._names:
            self._names[k] = node_descriptions(self.game, self.game.infosets[k].members)
        return self._names[k]

    # Records --------------------------------------------------------------------------------

    def _certified(self, context: Context, off_path: list[OffPathBeliefs]) -> BeliefEquilibrium:
        game = self.game
        profile = BehaviourProfile.trusted(tuple(
            tuple(sympy.S.One if a == chosen else sympy.S.Zero for a in range(width))
            for chosen, width in zip(context.choice, self.widths)))
        equilibrium = certify(game, profile)
        beliefs = tuple(b if b is not None else (Fraction(1),) for b in context.beliefs)
        reached = tuple(sum(context.reach[m] for m in i.members) != 0 for i in game.infosets)
        assessment = Assessment(beliefs, reached, tuple(off_path))
        check = check_assessment(game, profile, {
            i.label: b for i, b in zip(game.infosets, beliefs) if len(i.members) > 1})
        if not check.passes:
            raise VerificationFailure(
                "a solver returned an assessment that the exact check rejects "
                f"({check.failures[0]}) in {game}: this is a bug in commit-calc, please report it"
            )
        return BeliefEquilibrium(
            equilibrium.profile, equilibrium.payoffs, equilibrium.outcomes, equilibrium.regrets,
            assessment=assessment)


@functools.lru_cache(maxsize=4096)
def polytope_record(
    label: str, names: tuple[str, ...], rows: tuple[Row, ...]
) -> OffPathBeliefs | None:
    """The record of the beliefs meeting ``rows`` at set ``label``; None if there are none.
    (Profiles that differ elsewhere share the conditions at a set: computed once.)"""
    corners = vertices(len(names), rows)
    if not corners:
        return None
    return OffPathBeliefs(label, tuple(rows), condition_text(label, names, rows), centre(corners))
