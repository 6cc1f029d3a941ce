"""Perfect Bayesian equilibria of small trees, mixed included, by supports of the agent form.

For each choice of the actions each information set may use (its support), the conditions of
an equilibrium are polynomial equations and inequalities in the unknown probabilities and
beliefs:

- at every set, the actions in the support are equally good, and no other action is better,
  given the belief there (continuation values follow the profile);
- Bayes' rule from the root and from every earlier set whose nodes lead to all of the set's
  nodes, written multiplied out (``belief[n] * total - flow[n] = 0``), so it binds exactly
  where the flow is positive, as the independent check requires; where every node follows one
  action of the earlier set, the flow through that action is used (the same belief when the
  action is played, and Bayes' rule after the deviation when it is not).

The equations are solved exactly (sympy); each solution whose probabilities are positive on
their supports and whose inequalities hold is an equilibrium. Supports are pruned from the
bottom: a one-node set whose actions end the game uses only its best actions, a set of several
nodes whose actions end the game only responses that are best against some belief. A family
of solutions (a continuum of strategies) is kept in :attr:`AgentSupports.families`, to be
listed by its extreme points (:mod:`~commit_calc.beliefs.continua`). Work is bounded by
:data:`MAX_SUPPORTS` support choices and :data:`MAX_NODES` nodes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy

from commit_calc.beliefs.polytope import EQ, GE, Row, feasible
from commit_calc.model.extensive_form import ExtensiveFormGame

#: At most this many choices of supports are tried.
MAX_SUPPORTS = 2000
#: Trees with more nodes are left to the pure search.
MAX_NODES = 60

Support = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Family:
    """A family of equilibria of one support: ``strategy`` (probabilities per set, formulas
    in the unknowns left free) where every one of ``conditions`` is ``>= 0``; ``exact``
    False if the family cannot be listed as it stands (see :meth:`AgentSupports._family`)."""

    strategy: tuple[tuple[sympy.Expr, ...], ...]
    conditions: tuple[sympy.Expr, ...]
    exact: bool


class AgentSupports:
    """The support enumeration of one numeric tree."""

    def __init__(self, game: ExtensiveFormGame) -> None:
        self.game = game
        self.nodes = game.nodes
        self.set_of = game.infoset_of_node
        self.mover = [game.player_index(i.player) for i in game.infosets]
        numbers = game.exact_numbers
        self.numbers = [tuple(sympy.Rational(int(x.numerator), int(x.denominator)) for x in row)
                        for row in numbers]
        self.options = self._options()

    def count(self) -> int:
        """How many support choices the search would try."""
        return math.prod(len(o) for o in self.options)

    def _options(self) -> list[list[tuple[int, ...]]]:
        """Per set, the supports worth trying (see the module's notes). A node's payoffs are
        known when every choice below it is forced (a unique best action at one-node sets)."""
        game = self.game
        known: dict[int, tuple[Fraction, ...]] = {}
        options: list[list[tuple[int, ...]]] = [[] for _ in game.infosets]
        for node in reversed(game.nodes):
            below = node.children
            if not below:
                known[node.index] = tuple(Fraction(str(x)) for x in self.numbers[node.index])
            elif node.is_chance and all(c in known for c in below):
                weights = [Fraction(str(p)) for p in self.numbers[node.index]]
                known[node.index] = tuple(
                    sum((w * known[c][i] for w, c in zip(weights, below)), Fraction(0))
                    for i in range(game.num_players))
        # sets are decided deepest first: a set's nodes come after their ancestors' sets
        for k in sorted(range(len(game.infosets)),
                        key=lambda k: -min(self.nodes[m].index for m in game.infosets[k].members)):
            infoset = game.infosets[k]
            width = len(infoset.actions)
            every = [s for size in range(1, width + 1)
                     for s in itertools.combinations(range(width), size)]
            children = [self.nodes[m].children for m in infoset.members]
            if not all(c in known for row in children for c in row):
                options[k] = every
                continue
            player = self.mover[k]
            value = [[known[c][player] for c in row] for row in children]
            kept = []
            for support in every:
                rows: list[Row] = [(tuple(v[r] - v[q] for v in value), EQ if q in support else GE)
                                   for r in support for q in range(width) if q != r]
                if feasible(len(children), rows):
                    kept.append(support)
            options[k] = kept
            if len(children) == 1 and len(kept) == 1 and len(kept[0]) == 1:
                member = infoset.members[0]
                known[member] = known[children[0][kept[0][0]]]
                self._propagate(member, known)
        return options

    def _propagate(self, node: int, known: dict[int, tuple[Fraction, ...]]) -> None:
        """Mark chance nodes above ``node`` known once all their children are."""
        parent = self.nodes[node].parent
        while parent is not None and self.nodes[parent].is_chance:
            below = self.nodes[parent].children
            if not all(c in known for c in below):
                return
            weights = [Fraction(str(p)) for p in self.numbers[parent]]
            known[parent] = tuple(sum((w * known[c][i] for w, c in zip(weights, below)),
                                      Fraction(0)) for i in range(self.game.num_players))
            parent = self.nodes[parent].parent

    def solutions(self) -> Iterator[tuple[list[tuple[sympy.Expr, ...]],
                                          list[tuple[sympy.Expr, ...]]]]:
        """Each isolated equilibrium found: the probabilities per set and the belief per set
        (numbers, or symbols where the belief is left free). A support whose solutions form
        a family (probabilities left free) is kept in :attr:`families` instead."""
        self.families: list[Family] = []
        for support in itertools.product(*self.options):
            yield from self._solve(support)

    def assessments(self, strategy: Sequence[Sequence[Fraction]]
                    ) -> Iterator[tuple[list[tuple[sympy.Expr, ...]],
                                        list[tuple[sympy.Expr, ...]]]]:
        """The beliefs that make the numeric ``strategy`` an equilibrium, as
        :meth:`solutions` gives them (none if no belief does)."""
        fixed = [tuple(sympy.Rational(p.numerator, p.denominator) for p in row)
                 for row in strategy]
        support = tuple(tuple(a for a, p in enumerate(row) if p != 0) for row in strategy)
        yield from self._solve(support, fixed)

    def _solve(self, support: Support, fixed: list[tuple[sympy.Expr, ...]] | None = None
               ) -> Iterator[tuple[list[tuple[sympy.Expr, ...]],
                                   list[tuple[sympy.Expr, ...]]]]:
        game = self.game
        unknowns: list[sympy.Symbol] = []
        behaviour: list[tuple[sympy.Expr, ...]] = list(fixed or [])
        for k, (infoset, used) in enumerate(zip(game.infosets, support)):
            if fixed is not None:
                continue
            names = [sympy.Symbol(f"s{k}_{a}") for a in used[:-1]]
            unknowns += names
            last = 1 - sum(names, sympy.S.Zero)
            probability = dict(zip(used, [*names, last]))
            behaviour.append(tuple(probability.get(a, sympy.S.Zero)
                                   for a in range(len(infoset.actions))))
        beliefs: list[tuple[sympy.Expr, ...]] = []
        for k, infoset in enumerate(game.infosets):
            if len(infoset.members) == 1:
                beliefs.append((sympy.S.One,))
                continue
            names = [sympy.Symbol(f"b{k}_{i}") for i in range(len(infoset.members) - 1)]
            unknowns += names
            beliefs.append((*names, 1 - sum(names, sympy.S.Zero)))
        moves = self._moves(behaviour)
        equations: list[sympy.Expr] = []
        inequalities: list[sympy.Expr] = []
        for k, infoset in enumerate(game.infosets):
            player = self.mover[k]
            values = [self._continuations(m, player, moves) for m in infoset.members]
            expected = [sum((b * v[a] for b, v in zip(beliefs[k], values)), sympy.S.Zero)
                        for a in range(len(infoset.actions))]
            first = support[k][0]
            for a in range(len(infoset.actions)):
                difference = sympy.expand(expected[first] - expected[a])
                (equations if a in support[k] else inequalities).append(difference)
            if len(infoset.members) > 1:
                equations += self._bayes(k, beliefs, moves)
        equations = [e for e in (sympy.expand(e) for e in equations) if e != 0]
        if any(e.is_number for e in equations):
            return
        solved = sympy.solve(equations, unknowns, dict=True) if equations else [{}]
        for solution in solved:
            assignment = {u: solution.get(u, u) for u in unknowns}
            strategy = [tuple(sympy.expand(p.xreplace(assignment)) for p in row)
                        for row in behaviour]
            if any(not p.is_number for row in strategy for p in row):
                self._family(support, strategy, beliefs, assignment, equations, inequalities)
                continue
            if any(not (p > 0) for row, used in zip(strategy, support) for a, p in enumerate(row)
                   if a in used):
                continue
            belief = [tuple(sympy.expand(b.xreplace(assignment)) for b in row)
                      for row in beliefs]
            if any(b.is_number and (b < 0 or not b.is_real) for row in belief for b in row):
                continue
            if all(self._nonnegative(sympy.expand(i.xreplace(assignment))) is not False
                   for i in inequalities):
                yield strategy, belief

    def _family(self, support: Support, strategy: list[tuple[sympy.Expr, ...]],
                beliefs: list[tuple[sympy.Expr, ...]], assignment: dict[sympy.Symbol, sympy.Expr],
                equations: list[sympy.Expr], inequalities: list[sympy.Expr]) -> None:
        """Keep a family of solutions: the probabilities (formulas in the unknowns left free)
        and every condition ``>= 0`` on them (the support's probabilities, beliefs and
        optimality), the closure of the family; ``exact`` is False where the solution does
        not satisfy the equations identically (a case the solver divided away)."""
        conditions = [p for row, used in zip(strategy, support) for a, p in enumerate(row)
                      if a in used]
        conditions += [sympy.expand(b.xreplace(assignment)) for row in beliefs for b in row]
        conditions += [sympy.expand(i.xreplace(assignment)) for i in inequalities]
        if any(c.is_number and (not c.is_real or bool(c < 0)) for c in conditions):
            return
        exact = all(sympy.simplify(e.xreplace(assignment)) == 0 for e in equations)
        self.families.append(Family(tuple(tuple(row) for row in strategy),
                                    tuple(c for c in conditions if not c.is_number), exact))

    def _nonnegative(self, expression: sympy.Expr) -> bool | None:
        return bool(expression >= 0) if expression.is_number else None

    def _moves(self, behaviour: list[tuple[sympy.Expr, ...]]) -> list[tuple[sympy.Expr, ...]]:
        """The probability of each action at each node (chance or the profile)."""
        moves = []
        for node in self.nodes:
            k = self.set_of[node.index]
            moves.append(behaviour[k] if k is not None else self.numbers[node.index])
        return moves

    def _continuations(self, node: int, player: int, moves: list[tuple[sympy.Expr, ...]]
                       ) -> list[sympy.Expr]:
        """The player's expected payoff after each action at ``node``, then the profile."""
        return [self._value(c, player, moves) for c in self.nodes[node].children]

    def _value(self, node: int, player: int, moves: list[tuple[sympy.Expr, ...]]) -> sympy.Expr:
        below = self.nodes[node].children
        if not below:
            return self.numbers[node][player]
        return sum((p * self._value(c, player, moves) for p, c in zip(moves[node], below)
                    if p != 0), sympy.S.Zero)

    def _flow(self, start: int, target: int, moves: list[tuple[sympy.Expr, ...]],
              forced: int | None) -> sympy.Expr:
        """Probability of reaching ``target`` from ``start`` (its action ``forced`` if given)."""
        path: list[tuple[int, int]] = []
        node = target
        while node != start:
            parent = self.nodes[node].parent
            path.append((parent, self.nodes[parent].children.index(node)))  # type: ignore
            node = parent  # type: ignore[assignment]
        weight: sympy.Expr = sympy.S.One
        for parent, action in path:
            if parent == start and forced is not None:
                continue
            weight *= moves[parent][action]
        return weight

    def _bayes(self, k: int, beliefs: list[tuple[sympy.Expr, ...]],
               moves: list[tuple[sympy.Expr, ...]]) -> list[sympy.Expr]:
        """Bayes' rule at set ``k`` from the root and from every earlier set, multiplied out."""
        game = self.game
        targets = game.infosets[k].members
        sources: list[tuple[tuple[int, ...], tuple[sympy.Expr, ...], bool]] = [
            ((0,), (sympy.S.One,), not game.root.is_chance)]
        sources += [(i.members, beliefs[s], True) for s, i in enumerate(game.infosets)
                    if s != k and i.members[0] != 0]
        equations = []
        for members, belief, deviations in sources:
            member_set = set(members)
            if member_set & set(targets):
                continue
            found = [self._ancestor_in(t, member_set) for t in targets]
            above = [a for a in found if a is not None]
            if len(above) != len(targets):
                continue
            actions = {self.nodes[a].children.index(self._child_towards(a, t))
                       for a, t in zip(above, targets)}
            forced = actions.pop() if deviations and len(actions) == 1 else None
            flows = [belief[members.index(a)] * self._flow(a, t, moves, forced)
                     for a, t in zip(above, targets)]
            total = sum(flows, sympy.S.Zero)
            equations += [beliefs[k][n] * total - flows[n] for n in range(len(targets))]
        return equations

    def _ancestor_in(self, node: int, members: set[int]) -> int | None:
        parent = self.nodes[node].parent
        while parent is not None and parent not in members:
            parent = self.nodes[parent].parent
        return parent

    def _child_towards(self, ancestor: int, node: int) -> int:
        while self.nodes[node].parent != ancestor:
            node = self.nodes[node].parent  # type: ignore[assignment]
        return node
