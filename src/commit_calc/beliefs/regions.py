"""Where each pure perfect Bayesian equilibrium exists: exact conditions on the parameters.

For every pure behaviour profile of a symbolic tree the conditions of a perfect Bayesian
equilibrium are written as polynomial sign conditions on the parameters:

- at a set the profile reaches, sequential rationality weighted by the probabilities of
  reaching its nodes (Bayes' rule with the denominator multiplied out);
- at an unreached set that Bayes' rule reaches after a deviation, the same with the flow
  through the deviation;
- at an unreached set with free beliefs, *some* belief must make the choice optimal: the
  belief polytope is non-empty exactly when one of its candidate vertices (a support and as
  many binding conditions, solved by Cramer's rule) is a point of it, a disjunction of sign
  conditions;
- which chance branches have positive probability is split into cases (a branch of
  probability ``prior_committed`` is reached only where ``prior_committed > 0``).

The result is a disjunction of conjunctions per profile. Conjunctions that no parameter values
within the bounds satisfy are dropped by :func:`commit_calc.analysis.feasibility.satisfiable`
(the analysis' own decision procedure, reused through its public function), with the game's
domain (:func:`commit_calc.analysis.domain.domain_of`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from commit_calc.analysis.domain import domain_of, sign_conditions
from commit_calc.analysis.feasibility import NONNEGATIVE, satisfiable
from commit_calc.beliefs.refinement_regions import Runs, refined_regions
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame

#: At most this many pure behaviour profiles (times chance cases) are analysed.
MAX_PROFILES = 4096
#: At most this many conjunctions are kept per profile while conditions are multiplied out.
MAX_TERMS = 2000

Condition = tuple[sympy.Expr, int]  # (polynomial, sign): 1 > 0, 0 == 0, -1 < 0, 2 >= 0
Term = tuple[Condition, ...]

_RELATION = {1: ">", 0: "=", -1: "<", NONNEGATIVE: ">="}
_FLIPPED = {">": "<", "=": "=", "<": ">", ">=": "<="}


@dataclass(frozen=True)
class BeliefRegion:
    """A pure profile (action label per information set) and where it is a perfect Bayesian
    equilibrium: a disjunction of conjunctions ``terms`` (``resolved`` False where the
    decision procedure could not prove a conjunction satisfiable)."""

    choices: Mapping[str, str]
    terms: tuple[Term, ...]
    resolved: bool = True
    outcome: str = ""
    payoffs: tuple[sympy.Expr, ...] = ()
    #: In a signalling game, per refinement (``intuitive_criterion``, ``d1``), the
    #: conjunctions where the equilibrium exists and survives it; None elsewhere (or where
    #: the conditions split into too many cases: a warning says so).
    refinements: Mapping[str, tuple[Term, ...]] | None = None
    refinements_resolved: bool = True

    def survives(self, refinement: str) -> sympy.Basic:
        """Where it exists and survives ``refinement``, as one sympy expression."""
        terms = (self.refinements or {})[refinement]
        return sympy.Or(*(sympy.And(*(_relational(c) for c in term)) for term in terms))

    def condition(self) -> sympy.Basic:
        """The condition as one sympy expression (``And``/``Or`` of comparisons)."""
        return sympy.Or(*(sympy.And(*(_relational(c) for c in term)) for term in self.terms))


@dataclass(frozen=True)
class BeliefRegions:
    game: ExtensiveFormGame
    fixed: Mapping[str, sympy.Rational]
    regions: tuple[BeliefRegion, ...]
    warnings: tuple[str, ...] = ()


def _relational(condition: Condition) -> sympy.Basic:
    expression, sign = condition
    if sign == NONNEGATIVE:
        return sympy.Ge(expression, 0)
    return {1: sympy.Gt, 0: sympy.Eq, -1: sympy.Lt}[sign](expression, 0)


def condition_text(condition: Condition) -> str:
    """``expr > 0`` etc., with the expression's constant moved to the right.

    >>> a, b = sympy.symbols("a b")
    >>> condition_text((a - b + 3, NONNEGATIVE))
    'a - b >= -3'
    """
    expression, sign = condition
    constant = expression.as_coeff_Add()[0] if expression.is_Add else sympy.S.Zero
    left = expression - constant
    relation = _RELATION[sign]
    if left.as_ordered_terms()[0].as_coeff_Mul()[0] < 0:
        left, constant = -left, -constant
        relation = _FLIPPED[relation]
    return f"{sympy.sstr(left)} {relation} {sympy.sstr(-constant)}"


def pbe_regions(game: ExtensiveFormGame, values: Mapping[str, object] | None = None, *,
                refinements: bool = True) -> BeliefRegions:
    """Where each pure perfect Bayesian equilibrium of ``game`` exists, with ``values`` fixed
    and the other parameters symbolic; with ``refinements`` (in signalling games), also where
    it survives the Intuitive Criterion and D1, which can cost far more than the regions.

    Examples
    --------
    >>> from commit_calc.io import load_game
    >>> game = load_game("costly-implementation")
    >>> keep = ("signal_cost_committed", "signal_cost_opportunistic")
    >>> fixed = {p.name: p.default for p in game.parameters if p.name not in keep}
    >>> found = pbe_regions(game, fixed)
    >>> separating = [r for r in found.regions
    ...               if r.choices["committed"] == "Implement"
    ...               and r.choices["opportunistic"] == "No step"]
    >>> [[condition_text(c) for c in term] for term in separating[0].terms]
    [['signal_cost_committed <= 350', 'signal_cost_opportunistic >= 800']]
    """
    fixed = game.parameters.checked(values or {})
    reduced = game.substitute(fixed)
    _check_polynomial(reduced)
    domain = domain_of(reduced)
    base = sign_conditions(domain.conditions)
    widths = [len(i.actions) for i in reduced.infosets]
    chance = [(n.index, k) for n in reduced.nodes if n.is_chance
              for k, p in enumerate(n.probabilities) if p.free_symbols]
    count = math.prod(widths) * 2 ** len(chance)
    if count > MAX_PROFILES:
        raise UnsupportedGameError(
            f"thresholds --concept pbe: the game has {count:,} pure behaviour profiles and "
            f"cases of chance, more than the {MAX_PROFILES:,} analysed")
    regions = []
    notes: list[str] = []
    runs = Runs()
    unresolved = False
    for choice in itertools.product(*(range(w) for w in widths)):
        terms: list[Term] = []
        for zeros in itertools.product((False, True), repeat=len(chance)):
            pattern = {key: zero for key, zero in zip(chance, zeros)}
            terms += _Profile(reduced, choice, pattern).terms()
        kept = []
        for term in terms:
            answer = satisfiable(list(term) + base, domain.bounds)
            if answer is not False:
                kept.append(_implied_dropped(_tidy(term), base, domain.bounds))
                unresolved |= answer is None
        kept = [t for t in kept if not any(set(o) < set(t) for o in kept)]
        if kept:
            choices = {i.label: i.actions[a] for i, a in zip(reduced.infosets, choice)}
            profile = _Profile(reduced, choice, {})
            reach = profile._flow(0, None)
            outcome = " | ".join(" > ".join(reduced.path(n)) for n in reduced.nodes
                                 if n.is_terminal and n.index in reach)
            found = tuple(dict.fromkeys(kept))
            refined = refined_regions(reduced, choice, found, base, domain.bounds, notes,
                                      lambda t: _implied_dropped(_tidy(t), base, domain.bounds),
                                      runs) if refinements else (None, True)
            regions.append(BeliefRegion(choices, found, not unresolved, outcome,
                                        profile.values[0], *refined))
    if refinements and not notes and not any(r.refinements is not None for r in regions):
        notes.append("refinements (Intuitive Criterion, D1) apply to signalling games only; "
                     "not analysed here")
    return BeliefRegions(reduced, fixed, tuple(regions), tuple(notes))


def _check_polynomial(game: ExtensiveFormGame) -> None:
    """Refuse, naming the node, a payoff or chance probability that is not a polynomial in
    the parameters (the regions are sign conditions on polynomials)."""
    symbols = [p.symbol for p in game.parameters]
    for node in game.nodes:
        numbers = node.payoffs if node.is_terminal else (
            node.probabilities if node.is_chance else ())
        for number in numbers:
            if not sympy.sympify(number).is_polynomial(*symbols):
                raise UnsupportedGameError(
                    f"thresholds --concept pbe: {number} at node '{node.name}' is not a "
                    "polynomial in the symbolic parameters; fix them with --set, or solve at a "
                    "point")


def _tidy(term: Term) -> Term:
    """Constant conditions dropped, each polynomial divided by its content, duplicates once."""
    found = []
    for expression, sign in term:
        expression = sympy.expand(expression)
        if expression.is_number:
            continue
        content, primitive = sympy.Poly(expression).primitive()
        scale = sympy.Rational(content)
        if scale < 0:
            primitive, sign = -primitive, {1: -1, -1: 1}.get(sign, sign)
        found.append((primitive.as_expr(), sign))
    return tuple(dict.fromkeys(found))


def _implied_dropped(term: Term, base: list[Condition], bounds: Mapping[sympy.Symbol, object]
                     ) -> Term:
    """``term`` without the conditions that the others and the bounds imply."""
    kept = list(term)
    for condition in term:
        expression, sign = condition
        negation = {NONNEGATIVE: [(expression, -1)], 1: [(-expression, NONNEGATIVE)],
                    -1: [(expression, NONNEGATIVE)]}.get(sign)
        if negation is None:
            continue
        rest = [c for c in kept if c != condition]
        if satisfiable(rest + base + negation, bounds) is False:  # type: ignore[arg-type]
            kept = rest
    return tuple(kept)


class _Profile:
    """The conditions of one pure profile in one case of chance."""

    def __init__(self, game: ExtensiveFormGame, choice: Sequence[int],
                 zero: Mapping[tuple[int, int], bool]) -> None:
        self.game = game
        self.choice = choice
        self.nodes = game.nodes
        self.set_of = game.infoset_of_node
        self.base: list[Condition] = []
        self.chance: dict[int, list[sympy.Expr]] = {}
        for node in game.nodes:
            if node.is_chance:
                probabilities = []
                for k, p in enumerate(node.probabilities):
                    if (node.index, k) in zero:
                        self.base.append((p, 0 if zero[node.index, k] else 1))
                        p = sympy.S.Zero if zero[node.index, k] else p
                    probabilities.append(p)
                self.chance[node.index] = probabilities
        self.values = self._values()

    def _values(self) -> list[tuple[sympy.Expr, ...]]:
        values: list[tuple[sympy.Expr, ...]] = [()] * len(self.nodes)
        for node in reversed(self.nodes):
            below = node.children
            if not below:
                values[node.index] = tuple(node.payoffs)
            elif node.is_chance:
                values[node.index] = tuple(
                    sympy.expand(sum((p * values[c][i] for p, c in
                                      zip(self.chance[node.index], below)), sympy.S.Zero))
                    for i in range(self.game.num_players))
            else:
                values[node.index] = values[below[self.choice[self.set_of[node.index]]]]  # type: ignore[index]
        return values

    def _flow(self, start: int, first: int | None) -> dict[int, sympy.Expr]:
        """Weight of every node below ``start`` (its action ``first`` forced, if given)."""
        weight = {start: sympy.S.One}
        for node in self.nodes:  # prefix order: parents first
            if node.index not in weight or not node.children:
                continue
            if node.is_chance:
                moves = list(zip(self.chance[node.index], node.children))
            else:
                pick = (first if node.index == start and first is not None
                        else self.choice[self.set_of[node.index]])  # type: ignore[index]
                moves = [(sympy.S.One, node.children[pick])]
            for p, c in moves:
                if p != 0:
                    weight[c] = weight[node.index] * p
        return weight

    def terms(self) -> list[Term]:
        game = self.game
        reach = self._flow(0, None)
        conjunctions: list[list[Condition]] = [list(self.base)]
        for k, infoset in enumerate(game.infosets):
            rows = self._rows(k)
            members = infoset.members
            weights = [reach.get(m, sympy.S.Zero) for m in members]
            if any(w != 0 for w in weights) or len(members) == 1:
                if len(members) == 1:
                    weights = [sympy.S.One]
                options = [[(_dot(weights, row), NONNEGATIVE) for row in rows]]
            else:
                pinned = self._pinned(k)
                options = ([[(_dot(pinned, row), NONNEGATIVE) for row in rows]]
                           if pinned is not None else _nonempty(rows))
            conjunctions = [c + o for c in conjunctions for o in options]
            if len(conjunctions) > MAX_TERMS:
                raise UnsupportedGameError(
                    "thresholds --concept pbe: the conditions on off-path beliefs multiply "
                    f"out to more than {MAX_TERMS} cases")
        return [tuple(c) for c in conjunctions]

    def _rows(self, k: int) -> list[list[sympy.Expr]]:
        infoset = self.game.infosets[k]
        player = self.game.player_index(infoset.player)
        chosen = self.choice[k]
        return [[sympy.expand(self.values[self.nodes[m].children[chosen]][player]
                              - self.values[self.nodes[m].children[a]][player])
                 for m in infoset.members]
                for a in range(len(infoset.actions)) if a != chosen]

    def _pinned(self, k: int) -> list[sympy.Expr] | None:
        """Weights on set ``k``'s nodes that Bayes' rule gives after a deviation at a set
        above whose nodes all lead to it through one action, if any."""
        members = self.game.infosets[k].members
        for s, source in enumerate(self.game.infosets):
            if s == k or len(source.members) != 1:
                continue
            start = source.members[0]
            for first in range(len(source.actions)):
                weight = self._flow(start, first)
                found = [weight.get(m, sympy.S.Zero) for m in members]
                if any(w != 0 for w in found):
                    if any(self._flow(start, other).get(m, 0) != 0 for m in members
                           for other in range(len(source.actions)) if other != first):
                        continue
                    if all(weight.get(m) is not None or self._below(start, m) for m in members):
                        return found
        multi = [s for s, i in enumerate(self.game.infosets)
                 if s != k and len(i.members) > 1 and all(
                     any(self._below(a, m) for a in i.members) for m in members)]
        if multi:
            raise UnsupportedGameError(
                f"thresholds --concept pbe: beliefs at unreached information set "
                f"'{self.game.infosets[k].label}' would follow from beliefs at another "
                "information set with several nodes; not analysed by region (solve at a point)")
        return None

    def _below(self, ancestor: int, node: int) -> bool:
        parent = self.nodes[node].parent
        while parent is not None and parent != ancestor:
            parent = self.nodes[parent].parent
        return parent == ancestor


def _dot(weights: Sequence[sympy.Expr], row: Sequence[sympy.Expr]) -> sympy.Expr:
    return sympy.expand(sum((w * r for w, r in zip(weights, row)), sympy.S.Zero))


def _nonempty(rows: list[list[sympy.Expr]]) -> list[list[Condition]]:
    """Conjunctions, one of which holds exactly when some belief meets every row (a vertex of
    the belief polytope exists): for each support and as many binding rows, the point that
    Cramer's rule gives has nonnegative coordinates and meets every row."""
    size = len(rows[0]) if rows else 1
    if not rows:
        return [[]]
    options: list[list[Condition]] = []
    for count in range(1, size + 1):
        for support in itertools.combinations(range(size), count):
            for binding in itertools.combinations(range(len(rows)), count - 1):
                matrix = sympy.Matrix([[1] * count] + [[rows[b][i] for i in support]
                                                       for b in binding])
                determinant = sympy.expand(matrix.det())
                if determinant == 0:
                    continue
                adjugate = matrix.adjugate()
                numerators = [sympy.expand(adjugate[i, 0]) for i in range(count)]  # x * det
                point = [sympy.S.Zero] * size
                for i, n in zip(support, numerators):
                    point[i] = n
                for sign in (1, -1):
                    if determinant.is_number and sympy.sign(determinant) != sign:
                        continue
                    conditions: list[Condition] = [(sign * determinant, 1)]
                    conditions += [(sign * n, NONNEGATIVE) for n in numerators]
                    conditions += [(sign * _dot(point, row), NONNEGATIVE) for row in rows]
                    if all(not (e.is_number and not _holds(e, s)) for e, s in conditions):
                        options.append(conditions)
    return options


def _holds(value: sympy.Expr, sign: int) -> bool:
    if sign == NONNEGATIVE:
        return bool(value >= 0)
    return bool(sympy.sign(value) == sign)
