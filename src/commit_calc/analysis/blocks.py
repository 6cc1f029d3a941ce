"""Symbolic equilibria of a block: a subgame with imperfect information inside.

As :mod:`commit_calc.solvers.subgame_perfect` does with numbers, the block is cut off below at
its own subgames, which become terminal nodes paying one case of their equilibrium payoffs,
and is solved as a game of its own in its reduced normal form
(:func:`commit_calc.solvers.reduction.reduced_normal_form`, exact with formulas). Each symbolic
Nash candidate of that table (:func:`commit_calc.analysis.candidates.normal_form_candidates`)
becomes the behaviour profile realisation-equivalent to it (Kuhn 1953), computed as
:func:`commit_calc.solvers.reduction.behaviour_profile` computes it: at an information set that
a player's own strategy rules out, the first best response against the rest, here a case of its
own for each action that can be that best response.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy
from sympy.polys.fields import FracField

from commit_calc.analysis.atoms import Requirement, conjunction
from commit_calc.analysis.candidates import Feasibility, Term, normal_form_candidates
from commit_calc.analysis.clauses import Clauses
from commit_calc.analysis.comparison import requirement_within
from commit_calc.analysis.continuation import continuation_value, moves_of, others_reach
from commit_calc.analysis.fractions_of import cancelled, element, fraction_field
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import DECISION, ExtensiveFormGame, Node
from commit_calc.solvers.reduction import ReducedNormalForm, kuhn_weights, reduced_normal_form
from commit_calc.solvers.subgame_perfect import block_nodes, folded_game

Distribution = tuple[sympy.Expr, ...]
#: One case of a block: (condition, distribution per information set of the game, payoffs).
BlockCase = tuple[Term, dict[int, Distribution], tuple[sympy.Expr, ...]]


@dataclass(frozen=True)
class BlockCases:
    """The cases of one block for one combination of its subgames' cases."""

    cases: list[BlockCase]
    complete: bool
    warnings: tuple[str, ...]


def block_cases(game: ExtensiveFormGame, root: Node, leaf_values: Mapping[int, Sequence[
        sympy.Expr]], term: Term, feasible: Feasibility) -> BlockCases:
    """The equilibria of the block at ``root`` whose subgames (``leaf_values``: root index ->
    payoffs) pay the given formulas, each within ``term``."""
    block = block_nodes(game, root, leaf_values)
    movers = {game.nodes[k].player for k in block if game.nodes[k].kind == DECISION}
    players = [p for p in game.players if p in movers]
    players += [p for p in game.players if p not in movers][: max(0, 2 - len(players))]
    folded = folded_game(game, block, leaf_values, players)
    full = folded_game(game, block, leaf_values, game.players)
    reduced = reduced_normal_form(folded)
    found, complete = normal_form_candidates(reduced.game, feasible)
    warnings = []
    if len(players) > 2:
        complete = False
        warnings.append(f"subgame at node '{root.name}': a {len(players)}-player block: only "
                        "pure equilibria are analysed by region; mixed equilibria may exist "
                        "too (solve finds them at a point)")
    elif not complete:
        warnings.append(f"subgame at node '{root.name}': only its pure equilibria are analysed "
                        "(its reduced normal form is larger than 4x4, 3x5 or 2x7, or larger than "
                        "2x2 with more than 4 parameters); mixed equilibria may exist too")
    cases: list[BlockCase] = []
    within = fraction_field(p.symbol for p in game.parameters)
    for candidate in found:
        alternatives = _alternatives(candidate.condition, term, feasible, root)
        if not alternatives:  # never an equilibrium here: no behaviour to compute
            continue
        behaviour, totals = _behaviour(folded, reduced, candidate.distributions, within)
        for alternative in alternatives:
            joined = _reached(alternative, totals, feasible, root)
            if joined is None:
                continue
            for case, complete_behaviour in _completions(folded, behaviour, joined, feasible,
                                                         within):
                payoffs = _expected(full, complete_behaviour, within)
                choices = {game.infoset_index(infoset.label): d
                           for infoset, d in zip(folded.infosets, complete_behaviour)}
                cases.append((case, choices, payoffs))
    return BlockCases(cases, complete, tuple(warnings))


#: Terms a candidate's conjunction of clauses may expand into within one case.
MAX_EXPANDED = 2000


def _alternatives(condition: Sequence[Term | Clauses], term: Term, feasible: Feasibility,
                  root: Node) -> list[Term]:
    """The candidate's condition within ``term`` as terms: a conjunction of clauses (the
    mixed candidates of :mod:`.mixed_candidates`) multiplied out, clause by clause, dropping
    what is contradictory or proved empty; the tree above compares payoffs within terms."""
    found: list[Term] = []
    for alternative in condition:
        partial = [term]
        clauses = alternative.clauses if isinstance(alternative, Clauses) else ((alternative,),)
        for clause in clauses:
            partial = [j for t in partial for option in clause
                       if (j := conjunction(itertools.chain(t.items(), option.items())))
                       is not None and feasible(j) is not False]
            if len(partial) > MAX_EXPANDED:
                raise UnsupportedGameError(
                    f"symbolic analysis: the conditions of a mixed equilibrium in the subgame "
                    f"at node '{root.name}' expand into more than {MAX_EXPANDED} cases")
        found.extend(partial)
    return found


def _behaviour(game: ExtensiveFormGame, reduced: ReducedNormalForm,
               mixed: Sequence[Sequence[sympy.Expr]], within: FracField | None
               ) -> tuple[list[Distribution | None], list[sympy.Expr]]:
    """Kuhn's behaviour strategies of a symbolic mixed profile of the reduced game: ``None``
    where the player's own strategy rules the information set out; and the weight with which
    each player's strategy reaches each of its information sets (to be positive). Computed
    in the fraction field ``within`` where there is one (the formulas ``sympy.cancel``
    gives, faster)."""
    try:
        weights = kuhn_weights(game, reduced, mixed if within is None else
                               [[element(x, within) for x in d] for d in mixed])
    except ValueError:  # not a rational function of the parameters: sympy's own way
        within = None
        weights = kuhn_weights(game, reduced, mixed)
    behaviour: list[Distribution | None] = []
    totals = []
    for infoset in game.infosets:
        weight = weights.get(infoset.label, [])
        if within is None:
            total = sympy.cancel(sum(weight, sympy.S.Zero))
            quotients = [sympy.cancel(w / total) for w in weight] if total != 0 else []
        else:
            exact = sum(weight, within.zero)
            total = exact.as_expr()
            quotients = [(w / exact).as_expr() for w in weight] if exact != 0 else []
        if total == 0:
            behaviour.append(None)
            continue
        if not total.is_number:
            totals.append(total)
        behaviour.append(tuple(quotients))
    return behaviour, totals


def _reached(term: Term, totals: Sequence[sympy.Expr], feasible: Feasibility, root: Node
             ) -> Term | None:
    """``term`` where every symbolic reach weight is positive; refused where one may vanish
    (the behaviour there would be a best response, a case not analysed symbolically)."""
    for total in totals:
        zero = requirement_within(total, "==", term, feasible)
        vanishing = conjunction(itertools.chain(term.items(), [zero]))
        if vanishing is not None and feasible(vanishing) is not False:
            raise UnsupportedGameError(
                f"symbolic analysis: in the subgame at node '{root.name}' a mixed strategy may "
                "stop reaching one of the player's own information sets; solve point by point")
        positive = requirement_within(total, ">", term, feasible)
        joined = conjunction(itertools.chain(term.items(), [positive]))
        if joined is None:
            return None
        term = joined
    return term


def _completions(game: ExtensiveFormGame, behaviour: list[Distribution | None], term: Term,
                 feasible: Feasibility, within: FracField | None
                 ) -> list[tuple[Term, list[Distribution]]]:
    """Each way of filling the ``None`` entries with the first best response, last
    information set first, as the numeric conversion does; one case per action that can be
    the best response (within ``term``)."""
    missing = [k for k, d in enumerate(behaviour) if d is None]
    start = [d if d is not None else _uniform(len(game.infosets[k].actions))
             for k, d in enumerate(behaviour)]
    branches: list[tuple[Term, list[Distribution]]] = [(term, start)]
    for k in reversed(missing):
        extended = []
        for condition, filled in branches:
            for reach_case, totals in _action_totals(game, filled, k, condition, feasible,
                                                     within):
                for best in range(len(totals)):
                    needs: list[Requirement | bool] = [
                        requirement_within(totals[best] - totals[b], ">" if b < best else ">=",
                                           reach_case, feasible)
                        for b in range(len(totals)) if b != best]
                    case = conjunction(itertools.chain(reach_case.items(), needs))
                    if case is None or feasible(case) is False:
                        continue
                    pure = tuple(sympy.Integer(int(a == best)) for a in range(len(totals)))
                    extended.append((case, [*filled[:k], pure, *filled[k + 1:]]))
        branches = extended
    return branches


def _action_totals(game: ExtensiveFormGame, filled: list[Distribution], k: int, term: Term,
                   feasible: Feasibility, within: FracField | None
                   ) -> list[tuple[Term, list[sympy.Expr]]]:
    """The player's value of each action at information set ``k``, the nodes weighted by how
    likely the others and chance make them (equally where they make all impossible)."""
    infoset = game.infosets[k]
    player = game.players.index(infoset.player)
    moves = moves_of(game, filled)
    reach = [others_reach(game, moves, member, infoset.player) for member in infoset.members]
    values = [[continuation_value(game, moves, game.nodes[m].children[a], player)
               for m in infoset.members] for a in range(len(infoset.actions))]
    cases: list[tuple[Term, list[sympy.Expr]]] = []
    weightings: list[tuple[list[Requirement | bool], list[sympy.Expr]]] = []
    if all(r.is_number for r in reach):
        ones = [sympy.S.One] * len(reach)
        weightings.append(([], reach if any(r != 0 for r in reach) else ones))
    else:  # all zero, or the first positive one is the i-th
        nowhere = [requirement_within(r, "==", term, feasible) for r in reach]
        weightings.append((nowhere, [sympy.S.One] * len(reach)))
        for i in range(len(reach)):
            needs = [requirement_within(r, "==", term, feasible) for r in reach[:i]]
            needs.append(requirement_within(reach[i], ">", term, feasible))
            weightings.append((needs, reach))
    for needs, weights in weightings:
        case = conjunction(itertools.chain(term.items(), needs))
        if case is None or feasible(case) is False:
            continue
        totals = [cancelled(sum((w * v for w, v in zip(weights, row)), sympy.S.Zero), within)
                  for row in values]
        cases.append((case, totals))
    return cases


def _uniform(width: int) -> Distribution:
    return tuple(sympy.Rational(1, width) for _ in range(width))


def _expected(game: ExtensiveFormGame, behaviour: Sequence[Distribution],
              within: FracField | None) -> tuple[sympy.Expr, ...]:
    """Every player's expected payoff at the block's root (``game`` keeps every player)."""
    moves = moves_of(game, behaviour)
    return tuple(cancelled(continuation_value(game, moves, 0, p), within)
                 for p in range(game.num_players))
