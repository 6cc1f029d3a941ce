"""The exact partition of parameter space into regions with a constant equilibrium set.

:func:`parameter_regions` finds every symbolic equilibrium candidate of a game
(:mod:`.candidates`), then splits parameter space on the sign (+, 0, -) of one comparison at a
time, only where a candidate's status is still open and only into satisfiable pieces
(:mod:`.feasibility`). Each leaf of that case split has a fixed set of equilibria; leaves with
the same set are merged and their conditions pruned of comparisons implied by the others and
by the parameters' bounds. Ties are regions of their own, where every tied choice is an
equilibrium, exactly as the numeric solvers report them.

>>> from commit_calc.model import ExtensiveFormGame, Decision, Terminal, Parameter
>>> game = ExtensiveFormGame.build(
...     players=("Rebels", "Regime"),
...     parameters=[Parameter("salary", 250, lower=0)],
...     root=Decision("Rebels", {
...         "Disarm": Decision("Regime", {"Honor": Terminal(("salary", "1000 - salary")),
...                                       "Renege": Terminal((-1000, 800))}),
...         "Stay armed": Terminal((100, 400))}))
>>> analysis = parameter_regions(game)
>>> for region in analysis.regions:
...     print(region.condition, "->", [e.outcome for e in region.equilibria])
salary < 100 -> ['Stay armed']
Eq(salary, 100) -> ['Disarm > Honor', 'Stay armed']
(salary > 100) & (salary < 200) -> ['Disarm > Honor']
Eq(salary, 200) -> ['Disarm > Honor', 'Stay armed']
salary > 200 -> ['Stay armed']
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import sympy

from commit_calc.analysis.atoms import Signs, conjunction, relational, sign_of
from commit_calc.analysis.candidates import Candidate, Feasibility, Term, normal_form_candidates
from commit_calc.analysis.case_split import Leaf, case_split
from commit_calc.analysis.domain import Domain, domain_of
from commit_calc.analysis.tree_candidates import tree_candidates
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame

Game = ExtensiveFormGame | NormalFormGame
_ALL: Signs = frozenset({1, 0, -1})


@dataclass(frozen=True)
class RegionEquilibrium:
    """One equilibrium of a region: its outcome label, strategies and payoffs as formulas.

    ``strategies`` is ``{player: {information set: action}}`` for a tree (``"mix(A, B)"``
    where the player mixes: the probabilities are in ``distributions``, aligned with the
    game's information sets) and ``{player: {strategy: probability}}`` for a normal-form game
    (zero probabilities left out where they are identically zero).
    """

    outcome: str
    strategies: dict[str, dict[str, object]]
    payoffs: dict[str, sympy.Expr]
    distributions: tuple[tuple[sympy.Expr, ...], ...] = field(repr=False)


@dataclass(frozen=True)
class Region:
    """A piece of parameter space with its equilibria.

    ``terms`` is the condition in disjunctive normal form, each term ``{key: allowed signs}``;
    ``resolved`` is False when the case split could not prove the region non-empty (it may
    then be empty: see :mod:`.feasibility`).
    """

    terms: tuple[dict[sympy.Expr, Signs], ...]
    equilibria: tuple[RegionEquilibrium, ...]
    resolved: bool = True

    @property
    def condition(self) -> sympy.Basic:
        """The condition as a sympy Boolean (``True`` when the region is everything)."""
        return self.condition_for(None)

    def condition_for(self, solve_for: sympy.Symbol | None) -> sympy.Basic:
        """The condition, with comparisons linear in ``solve_for`` solved for it."""
        return sympy.Or(*(
            sympy.And(*(relational(key, allowed, solve_for) for key, allowed in term.items()))
            for term in self.terms
        ))

    @property
    def always(self) -> bool:
        return any(not term for term in self.terms)

    def contains(self, signs: Mapping[sympy.Expr, int]) -> bool:
        """Whether a point with these signs of the keys lies in the region."""
        return any(all(signs[k] in allowed for k, allowed in term.items()) for term in self.terms)


@dataclass(frozen=True)
class RegionAnalysis:
    """Every region of a game's parameter space (the parameters not fixed stay symbolic).

    ``complete`` says whether the regions list every equilibrium that
    :func:`commit_calc.solvers.solve.solve` finds at each point (False for two-player tables
    larger than :data:`.mixed_candidates.MAX_BASES` bases per player, such as 4x5, where only
    pure equilibria are analysed).
    """

    game: Game
    fixed: dict[str, sympy.Rational]
    concept: str
    regions: tuple[Region, ...]
    complete: bool
    warnings: tuple[str, ...] = ()

    @cached_property
    def domain(self) -> Domain:
        """Where the game is defined: the bounds, and chance probabilities in [0, 1]."""
        return domain_of(self.game)

    @property
    def symbols(self) -> dict[str, sympy.Symbol]:
        """The symbolic parameters the conditions and formulas use."""
        return {p.name: p.symbol for p in self.game.parameters}

    @property
    def keys(self) -> tuple[sympy.Expr, ...]:
        """Every comparison (key polynomial) the regions' conditions use."""
        seen: dict[sympy.Expr, None] = {}
        for region in self.regions:
            for term in region.terms:
                for key in term:
                    seen.setdefault(key, None)
        return tuple(seen)

    def region_at(self, values: Mapping[str, object]) -> Region:
        """The region holding a point (values for every symbolic parameter), decided exactly."""
        checked = self.game.parameters.values(values)
        self.domain.check(checked)
        mapping = {self.game.parameters[n].symbol: v for n, v in checked.items()}
        signs = {k: sign_of(k.xreplace(mapping)) for k in self.keys}
        for region in self.regions:
            if region.contains(signs):
                return region
        raise UnsupportedGameError(f"no region contains the point {dict(values)} (a bug)")


def parameter_regions(
    game: Game, values: Mapping[str, object] | None = None, concept: str = "auto"
) -> RegionAnalysis:
    """The regions of parameter space where the equilibrium set is constant.

    Parameters
    ----------
    game
        A perfect-information tree (chance allowed) for subgame-perfect equilibria, or a
        normal-form game for Nash equilibria.
    values
        Parameters to fix (checked against their bounds); the others stay symbolic.
    concept
        ``"auto"`` (SPE for trees, Nash for normal form), ``"spe"`` or ``"nash"``.

    Raises
    ------
    UnsupportedGameError
        For imperfect-information trees, ``concept="nash"`` on a tree, or payoffs that are not
        polynomials over denominators of known sign.
    ParameterError
        For an unknown parameter or a value out of bounds.
    """
    fixed = game.parameters.checked(values or {})
    reduced = game.substitute(fixed)
    _check_analysable(reduced)
    domain = domain_of(reduced)
    feasible = Feasibility(domain)
    warnings: list[str] = []
    if isinstance(reduced, ExtensiveFormGame):
        if concept == "nash":
            raise UnsupportedGameError(
                "symbolic analysis: Nash equilibria of trees are not analysed symbolically; "
                "use concept 'spe'"
            )
        found = tree_candidates(reduced, feasible)
        candidates, complete, concept_name = found.candidates, found.complete, "spe"
        warnings.extend(found.warnings)
    else:
        if concept == "spe":
            raise UnsupportedGameError(
                "symbolic analysis: subgame perfection needs an extensive-form game"
            )
        candidates, complete = normal_form_candidates(reduced, feasible)
        concept_name = "nash"
        if not complete:
            warnings.append(
                "only pure equilibria are analysed for two-player tables larger than 4x4, 3x5 "
                "or 2x7, or larger than 2x2 with more than 4 parameters; mixed equilibria may "
                "exist too"
            )
        elif reduced.num_players > 2:
            warnings.append(f"a {reduced.num_players}-player game: only pure equilibria")
    leaves = case_split(candidates, feasible,
                        behaviour=isinstance(reduced, ExtensiveFormGame))
    regions = _merge(reduced, candidates, leaves, domain)
    if any(not r.resolved for r in regions):
        warnings.append("some regions could not be proved non-empty (marked unresolved)")
    return RegionAnalysis(reduced, fixed, concept_name, tuple(regions), complete, tuple(warnings))


#: The largest formula (terms once multiplied out, numerator or denominator, as bounded by
#: :func:`commit_calc.formula_size.measure`) that the exact regions take on. The case split
#: compares and differentiates such formulas symbolically; past this size that costs seconds
#: to minutes (``(a + b + c + d)**20``, 1771 terms: 80 s), so the analysis refuses instead.
MAX_REGION_TERMS = 120


def _check_analysable(game: Game) -> None:
    """Refuse a game whose payoffs or probabilities are too large for exact regions."""
    from commit_calc.formula_size import measure

    if isinstance(game, ExtensiveFormGame):
        formulas = [(f"node '{node.name}'", e) for node in game.nodes
                    for e in node.payoffs + node.probabilities]
    else:
        formulas = [("the table", e) for array in game.payoffs for e in array]
    for where, formula in formulas:
        if not formula.free_symbols:
            continue
        size = measure(formula)
        terms = max(size.numerator, size.denominator)
        if terms > MAX_REGION_TERMS:
            raise UnsupportedGameError(
                f"symbolic analysis: a formula at {where} has up to {terms} terms once "
                f"multiplied out, more than the {MAX_REGION_TERMS} exact regions handle; fix "
                "some of its parameters (--set) or solve point by point (sweep --method points)")


def _merge(
    game: Game, candidates: Sequence[Candidate],
    leaves: Sequence[Leaf], domain: Domain,
) -> list[Region]:
    """Regions from the leaves with the same equilibria, each term intersected with the
    domain's conditions and pruned of comparisons that the rest and the bounds imply."""
    within_bounds = Feasibility(domain, background=False)
    witnesses = [{k: next(iter(s)) for k, s in term.items()}
                 for term, _, resolved in leaves if resolved]
    groups: dict[frozenset[int], list[tuple[Term, bool]]] = {}
    for term, true, resolved in leaves:
        groups.setdefault(true, []).append((term, resolved))
    made: dict[int, RegionEquilibrium] = {}
    regions = []
    for true, members in groups.items():
        terms = _combine([term for term, _ in members], within_bounds)
        terms = [_prune(_within(term, domain), within_bounds, witnesses, domain.conditions)
                 for term in terms]
        for i in true - made.keys():  # a candidate is an equilibrium of several regions
            made[i] = _equilibrium(game, candidates[i])
        equilibria = tuple(made[i] for i in sorted(true))
        regions.append(Region(tuple(terms), equilibria, all(r for _, r in members)))
    return regions


def _combine(terms: list[Term], feasible: Feasibility | None = None) -> list[Term]:
    """Join conjunctions that differ in the allowed signs of a single key.

    Then, with ``feasible``, a conjunction that lacks one or two keys of another gets them
    with the signs it allows (``salary <= 100`` is ``salary <= 100 and salary < 150``), so
    pieces split at a ``min``/``max`` kink join again where the equilibria are the same.
    """
    joined = _join([dict(t) for t in terms], None)
    return joined if feasible is None or len(joined) == 1 else _join(joined, feasible)


def _join(terms: list[Term], feasible: Feasibility | None) -> list[Term]:
    changed = True
    while changed:
        changed = False
        for i, j in itertools.combinations(range(len(terms)), 2):
            a, b = terms[i], terms[j]
            if a.keys() != b.keys() and feasible is not None \
                    and len(a.keys() ^ b.keys()) <= 2:
                a, b = _implied(a, b, feasible), _implied(b, a, feasible)
            if a.keys() != b.keys():
                continue
            different = [k for k in a if a[k] != b[k]]
            if len(different) == 1:
                k = different[0]
                joined = dict(a)
                joined[k] = a[k] | b[k]
                if joined[k] == _ALL:
                    del joined[k]
                terms[i] = joined
                del terms[j]
                changed = True
                break
    return terms


def _implied(term: Term, other: Term, feasible: Feasibility) -> Term:
    """``term`` with each key of ``other`` it lacks, allowed the signs not proved empty."""
    extended = dict(term)
    for key in other.keys() - term.keys():
        extended[key] = frozenset(s for s in _ALL
                                  if feasible({**term, key: frozenset({s})}) is not False)
    return extended


def _within(term: Term, domain: Domain) -> Term:
    """``term`` and the domain's conditions (the split kept only terms that meet them)."""
    joined = conjunction(itertools.chain(domain.conditions.items(), term.items()))
    assert joined is not None, "the case split keeps only terms within the domain"
    return joined


def _prune(term: Term, feasible: Feasibility, witnesses: Sequence[Mapping[sympy.Expr, int]],
           background: Term) -> Term:
    """Drop comparisons implied by the rest of the conjunction and the bounds.

    A comparison is kept at once when a leaf of the case split proved non-empty (a
    *witness*, within the domain's ``background`` conditions) meets the rest with the
    comparison false; only the others need a satisfiability check.
    """
    kept = dict(term)
    for key in list(term):
        rest = {k: v for k, v in kept.items() if k != key}
        complement = _ALL - kept[key]
        if any(_witnessed(w, rest, key, s, background) for w in witnesses for s in complement):
            continue
        if all(feasible({**rest, key: frozenset({s})}) is False for s in complement):
            kept = rest
    return kept


def _witnessed(witness: Mapping[sympy.Expr, int], rest: Term, key: sympy.Expr, sign: int,
               background: Term) -> bool:
    """Whether the non-empty leaf ``witness`` lies where ``rest`` holds and ``key`` has
    ``sign`` (a key the leaf leaves open counts only if the domain fixes it within rest)."""
    if witness.get(key) != sign:
        return False
    for k, allowed in rest.items():
        if k in witness:
            if witness[k] not in allowed:
                return False
        elif not (k in background and background[k] <= allowed):
            return False
    return True


def _equilibrium(game: Game, candidate: Candidate) -> RegionEquilibrium:
    if isinstance(game, ExtensiveFormGame):
        strategies: dict[str, dict[str, object]] = {p: {} for p in game.players}
        for infoset, distribution in zip(game.infosets, candidate.distributions):
            played = [a for a, x in zip(infoset.actions, distribution) if x != 0]
            strategies[infoset.player][infoset.label] = (
                played[0] if len(played) == 1 else "mix(" + ", ".join(played) + ")")
    else:
        strategies = {
            player: {s: x for s, x in zip(labels, distribution) if x != 0}
            for player, labels, distribution in zip(game.players, game.strategies,
                                                    candidate.distributions)
        }
    return RegionEquilibrium(
        candidate.outcome, strategies,
        {player: _tidy(payoff) for player, payoff in zip(game.players, candidate.payoffs)},
        candidate.distributions,
    )


def _tidy(formula: sympy.Expr) -> sympy.Expr:
    """Collect a polynomial payoff on the parameters of its non-linear terms (usually the
    probabilities): ``reliability*(amnesty + salary) - retribution_cost``."""
    numerator, denominator = sympy.fraction(sympy.cancel(formula))  # fast on nested fractions
    if not denominator.is_number:
        return formula
    expanded = sympy.expand(numerator / denominator)
    if not expanded.free_symbols or not expanded.is_polynomial():
        return formula
    symbols = sorted(expanded.free_symbols, key=str)
    poly = sympy.Poly(expanded, *symbols)
    nonlinear = [s for k, s in enumerate(symbols)
                 if any(m[k] and sum(m) > 1 for m in poly.monoms())]
    return sympy.collect(expanded, nonlinear) if nonlinear else expanded


def union_of(analysis: RegionAnalysis, regions: Sequence[Region]) -> Region:
    """One region covering ``regions`` (of ``analysis``), its condition joined and pruned as
    the regions' own are, with no equilibria: where something holds in any of them.

    ``salary < 100`` and ``salary = 100`` give ``salary <= 100``.
    """
    if not regions:
        return Region((), (), True)
    feasible = Feasibility(analysis.domain, background=False)
    terms = _combine([dict(t) for r in regions for t in r.terms], feasible)
    witnesses: list[dict[sympy.Expr, int]] = []
    terms = [_prune(term, feasible, witnesses, analysis.domain.conditions) for term in terms]
    return Region(tuple(terms), (), all(r.resolved for r in regions))
