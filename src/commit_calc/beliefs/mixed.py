"""All perfect Bayesian equilibria, mixed included, where this version can find them all:
sender-receiver signalling games of up to 3 types, 3 messages and 3 responses
(:mod:`~commit_calc.beliefs.mixed_signalling`), and small trees by agent supports
(:mod:`~commit_calc.beliefs.agent_supports`).

Every assessment goes through the Nash check of :mod:`~commit_calc.solvers.verify` and the
independent check of :mod:`~commit_calc.beliefs.check`, never through the code that found it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from fractions import Fraction

import sympy

from commit_calc.beliefs.agent_supports import MAX_NODES, MAX_SUPPORTS, AgentSupports
from commit_calc.beliefs.assessment import (
    Assessment,
    Belief,
    BeliefEquilibrium,
    OffPathBeliefs,
    condition_text,
    node_descriptions,
)
from commit_calc.beliefs.check import check_assessment
from commit_calc.beliefs.mixed_signalling import MAX_SIZE, off_path_rows, signalling_equilibria
from commit_calc.beliefs.polyhedron import product_vertices
from commit_calc.beliefs.polytope import EQ, GE, Row, vertices
from commit_calc.beliefs.search import polytope_record
from commit_calc.beliefs.signalling import (
    COINCIDE,
    SignallingGame,
    annotate,
    signalling_structure,
)
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.solvers.results import SolveResult, VerificationFailure, certify

#: Said when the mixed search does not cover the game.
MIXED_LIMIT = (f"mixed equilibria are searched in signalling games of up to {MAX_SIZE} types, "
               f"{MAX_SIZE} messages and {MAX_SIZE} responses, and in trees of at most "
               f"{MAX_NODES} nodes with at most {MAX_SUPPORTS} choices of supports; this game "
               "is larger")
#: Said of the trees searched by agent supports.
TREES = ("every perfect Bayesian equilibrium is listed, mixed included (found by supports of "
         "the agent form); a continuum is listed by its extreme equilibria, which share a "
         "component number (each family of equilibria in it is the set of mixtures of some of "
         "them)")

#: Said when the list is complete, mixed equilibria included.
COMPLETE = ("every perfect Bayesian equilibrium is listed, mixed included; a component with "
            "several extreme equilibria is a continuum (every mixture of its extreme "
            "equilibria that share a component and a support is one too)")


def all_equilibria(game: ExtensiveFormGame, concept: str, max_equilibria: int
                   ) -> SolveResult | None:
    """Every perfect Bayesian (``concept`` "pbe") or sequential equilibrium, mixed included,
    of a game the mixed search covers; None for other games. Sequential equilibria are
    searched in signalling games only, where the two coincide."""
    structure = signalling_size(game)
    if structure is not None:
        found = mixed_signalling_equilibria(game, structure)
        method = "support enumeration with exact polytope vertices (signalling game)"
        notes = [COMPLETE] + ([COINCIDE] if concept == "sequential" else [])
    elif concept == "pbe" and len(game.nodes) <= MAX_NODES:
        search = AgentSupports(game)
        if search.count() > MAX_SUPPORTS:
            return None
        found, unlisted = agent_support_equilibria(game, search)
        method = "supports of the agent form, solved exactly"
        notes = [TREES] + unlisted
    else:
        return None
    if len(found) > max_equilibria:
        found = found[:max_equilibria]
        notes.append(f"more than {max_equilibria} equilibria exist; only the first "
                     f"{max_equilibria} are listed (raise max_equilibria to list more)")
    found.sort(key=lambda e: (e.component or 0, [
        [-p for p in d] for d in e.profile.probabilities]))
    if structure is not None:
        full = signalling_structure(game)
        assert full is not None
        found = [annotate(game, full, e) for e in found]
    return SolveResult(game, concept, method, tuple(found), warnings=tuple(notes))


def signalling_size(game: ExtensiveFormGame) -> SignallingGame | None:
    """The game's signalling structure if it is small enough for the mixed search."""
    structure = signalling_structure(game)
    if structure is None or max(len(structure.types), len(structure.messages),
                                len(structure.responses)) > MAX_SIZE:
        return None
    return structure


def mixed_signalling_equilibria(game: ExtensiveFormGame, structure: SignallingGame
                                ) -> list[BeliefEquilibrium]:
    """Every extreme perfect Bayesian equilibrium of a small signalling game, certified."""
    prior = [_fraction(p) for p in game.exact_numbers[game.root.index]]
    found = []
    for x, y, component in signalling_equilibria(structure, prior):
        probabilities: list[tuple[Fraction, ...]] = [()] * len(game.infosets)
        for t, k in enumerate(structure.sender_sets):
            probabilities[k] = x[t]
        for m, k in enumerate(structure.receiver_sets):
            probabilities[k] = y[m]
        beliefs: list[Belief] = [(Fraction(1),)] * len(game.infosets)
        reached = [True] * len(game.infosets)
        off_path = []
        for m, k in enumerate(structure.receiver_sets):
            weights = [prior[t] * x[t][m] for t in range(len(structure.types))]
            total = sum(weights, Fraction(0))
            if total != 0:
                beliefs[k] = tuple(w / total for w in weights)
                continue
            reached[k] = False
            infoset = game.infosets[k]
            record = polytope_record(infoset.label, node_descriptions(game, infoset.members),
                                     tuple(off_path_rows(structure, m, y[m])))
            if record is None:  # not an equilibrium: cannot happen (closed polytopes)
                raise VerificationFailure(
                    f"no belief after unsent message '{structure.messages[m]}' supports a "
                    f"listed equilibrium of {game}: this is a bug in commit-calc, please "
                    "report it")
            beliefs[k] = record.example
            off_path.append(record)
        found.append(certified(game, probabilities, beliefs, reached, off_path, component))
    return found


def certified(game: ExtensiveFormGame, probabilities: Sequence[Sequence[Fraction]],
              beliefs: Sequence[Belief], reached: Sequence[bool],
              off_path: Sequence[OffPathBeliefs], component: int | None) -> BeliefEquilibrium:
    """The assessment as a record, after the Nash check and the independent assessment check
    (a failure of either is a bug, never bad input)."""
    profile = BehaviourProfile.trusted(tuple(
        tuple(sympy.Rational(int(p.numerator), int(p.denominator)) for p in distribution)
        for distribution in probabilities))
    equilibrium = certify(game, profile, component=component)
    check = check_assessment(game, profile, {
        i.label: b for i, b in zip(game.infosets, beliefs) if len(i.members) > 1})
    if not check.passes:
        raise VerificationFailure(
            "a solver returned an assessment that the exact check rejects "
            f"({check.failures[0]}) in {game}: this is a bug in commit-calc, please report it")
    return BeliefEquilibrium(
        equilibrium.profile, equilibrium.payoffs, equilibrium.outcomes, equilibrium.regrets,
        component, assessment=Assessment(tuple(beliefs), tuple(reached), tuple(off_path)))


def _fraction(value: object) -> Fraction:
    return Fraction(int(value.numerator), int(value.denominator))  # type: ignore[attr-defined]


def agent_support_equilibria(game: ExtensiveFormGame, search: AgentSupports
                             ) -> tuple[list[BeliefEquilibrium], list[str]]:
    """Every perfect Bayesian equilibrium of a small tree, mixed included, certified: the
    isolated ones, and each continuum by its extreme points (one component number for the
    points of a continuum, :mod:`~commit_calc.beliefs.continua`); with the notes on families
    that could not be listed."""
    from commit_calc.beliefs.continua import Work, family_vertices, joined_components

    records: dict[tuple[tuple[Fraction, ...], ...], BeliefEquilibrium] = {}
    for strategy, belief in search.solutions():
        probabilities = tuple(tuple(_fraction(p) for p in row) for row in strategy)
        if probabilities not in records:
            record = _assessed(game, search, probabilities, belief)
            if record is not None:
                records[probabilities] = record
    groups: list[list[tuple[tuple[Fraction, ...], ...]]] = []
    notes: list[str] = []
    work = Work()
    for family in search.families:
        corners = family_vertices(family, work)
        if isinstance(corners, str):
            notes.append("a continuum of perfect Bayesian equilibria is not listed: " + corners)
            continue
        for corner in corners:
            if corner not in records:
                for _, belief in search.assessments(corner):
                    record = _assessed(game, search, corner, belief)
                    if record is not None:
                        records[corner] = record
                        break
        groups.append([c for c in corners if c in records])
    order = list(records)
    index = {key: k for k, key in enumerate(order)}
    numbers = joined_components(len(order), [[index[c] for c in g] for g in groups])
    found = [dataclasses.replace(records[key], component=n) for key, n in zip(order, numbers)]
    return found, list(dict.fromkeys(notes))


def _assessed(game: ExtensiveFormGame, search: AgentSupports,
              probabilities: tuple[tuple[Fraction, ...], ...],
              belief: Sequence[Sequence[sympy.Expr]]) -> BeliefEquilibrium | None:
    """The certified assessment of one solution, or None if no off-path beliefs fit."""
    moves = search._moves([tuple(sympy.Rational(int(p.numerator), int(p.denominator)) for p in row)
                           for row in probabilities])
    reach = _reach(game, moves)
    beliefs: list[Belief] = []
    reached = []
    off_path = []
    unreached = {k: _rows(search, probabilities, moves, k) for k, i in enumerate(game.infosets)
                 if len(i.members) > 1 and sum(reach[m] for m in i.members) == 0}
    joint = _free_beliefs(game, belief, unreached)
    if joint is None:
        return None
    fixed, owned = joint
    for k, infoset in enumerate(game.infosets):
        members = infoset.members
        mass = sum((reach[m] for m in members), Fraction(0))
        reached.append(mass != 0)
        if len(members) == 1:
            beliefs.append((Fraction(1),))
            continue
        if mass != 0:
            beliefs.append(tuple(reach[m] / mass for m in members))
            continue
        rows = unreached[k]
        pinned = tuple(sympy.expand(b.xreplace(fixed)) for b in belief[k])
        names = node_descriptions(game, members)
        pin = tuple(_fraction(b) for b in pinned)
        if k in owned:
            record = OffPathBeliefs(
                infoset.label, tuple(owned[k]),
                condition_text(infoset.label, names, owned[k]), pin)
        else:
            equalities: list[Row] = [
                (tuple(Fraction(int(j == i)) - pin[i] for j in range(len(pin))), EQ)
                for i in range(len(pin) - 1)]
            text = condition_text(infoset.label, names, equalities)
            if vertices(len(pin), rows) != [pin]:
                text += " (Bayes' rule)"
            record = OffPathBeliefs(infoset.label, tuple(equalities), text, pin)
        beliefs.append(record.example)
        off_path.append(record)
    return certified(game, probabilities, beliefs, reached, off_path, None)


def _rows(search: AgentSupports, probabilities: Sequence[Sequence[Fraction]],
          moves: list[tuple[sympy.Expr, ...]], k: int) -> list[Row]:
    """Sequential rationality at set ``k`` as conditions on its belief."""
    infoset = search.game.infosets[k]
    player = search.mover[k]
    values = [[_fraction(v) for v in search._continuations(m, player, moves)]
              for m in infoset.members]
    chosen = [a for a, p in enumerate(probabilities[k]) if p != 0]
    return [(tuple(v[r] - v[q] for v in values), EQ if q in chosen else GE)
            for r in chosen for q in range(len(infoset.actions)) if q != r]


def _free_beliefs(game: ExtensiveFormGame, belief: Sequence[Sequence[sympy.Expr]],
                  unreached: dict[int, list[Row]]
                  ) -> tuple[dict[sympy.Symbol, sympy.Expr], dict[int, list[Row]]] | None:
    """Values for the beliefs left free at unreached sets, meeting the conditions of every
    unreached set at once (a set's belief may follow from a free one by Bayes' rule), and the
    conditions on each free set's own belief; None if no beliefs meet them."""
    free = sorted({s for k in unreached for b in belief[k] for s in b.free_symbols}, key=str)
    if not free:
        return {}, {}
    owners = sorted({int(str(s)[1:].split("_")[0]) for s in free})
    start, coordinate = 0, {}
    for owner in owners:
        for i in range(len(game.infosets[owner].members)):
            coordinate[owner, i] = start + i
        start += len(game.infosets[owner].members)
    symbols = {sympy.Symbol(f"b{o}_{i}"): coordinate[o, i] for o, i in coordinate}
    conditions: list[Row] = []
    for k, rows in unreached.items():
        expressions = [(sum((c * b for c, b in zip(row, belief[k])), sympy.S.Zero), relation)
                       for row, relation in rows]
        if k not in owners:
            expressions += [(b, GE) for b in belief[k]]
        for expression, relation in expressions:
            polynomial = sympy.Poly(sympy.expand(expression), *free)
            if polynomial.total_degree() > 1:
                return None
            vector = [Fraction(0)] * start
            for symbol in free:
                vector[symbols[symbol]] = _fraction(polynomial.coeff_monomial(symbol))
            constant = _fraction(polynomial.coeff_monomial(1))
            for i in range(len(game.infosets[owners[0]].members)):
                vector[coordinate[owners[0], i]] += constant
            conditions.append((tuple(vector), relation))
    blocks = [len(game.infosets[o].members) for o in owners]
    points = product_vertices(blocks, conditions)
    if not points:
        return None
    middle = [sum(column, Fraction(0)) / len(points) for column in zip(*points)]
    values = {s: sympy.Rational(int(middle[c].numerator), int(middle[c].denominator))
              for s, c in symbols.items() if s in free}
    owned = {}
    for owner in owners:
        span = [coordinate[owner, i] for i in range(len(game.infosets[owner].members))]
        owned[owner] = [(tuple(row[c] for c in span), relation) for row, relation in conditions
                        if all(row[c] == 0 for c in range(start) if c not in span)]
    return values, owned


def _reach(game: ExtensiveFormGame, moves: Sequence[Sequence[sympy.Expr]]) -> list[Fraction]:
    reach = [Fraction(0)] * len(game.nodes)
    reach[0] = Fraction(1)
    for node in game.nodes:
        for p, child in zip(moves[node.index], node.children):
            reach[child] = reach[node.index] * _fraction(p)
    return reach
