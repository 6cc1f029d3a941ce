"""Symbolic subgame-perfect candidates of a tree, each with the condition under which it is one.

The tree is cut into proper subgames as :mod:`commit_calc.solvers.subgame_perfect` cuts it. A
subgame whose root's children are terminal nodes or further subgames is a step of symbolic
backward induction: the mover's continuation payoffs are compared, and every non-empty set of
actions that can be the mover's best set (ties included) is a case, kept if its sign
conditions are satisfiable within the parameters' bounds; every action of the best set gives an
equilibrium, as the numeric solver reports them. A subgame with imperfect information inside
(a *block*) is solved in its reduced normal form by :mod:`.blocks`, once for every combination
of its own subgames' cases, and its candidates are folded back in the same way.

A candidate's condition is a disjunction of conjunctions ``{key: allowed signs}`` (see
:mod:`.atoms`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy

from commit_calc.analysis.atoms import Requirement, conjunction
from commit_calc.analysis.blocks import block_cases
from commit_calc.analysis.candidates import MAX_CANDIDATES, Candidate, Feasibility, Term
from commit_calc.analysis.comparison import requirement_within
from commit_calc.analysis.labels import tree_label
from commit_calc.analysis.pieces import pieces
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame, Node

#: A behaviour strategy at some information sets: information set index -> distribution.
Choices = dict[int, tuple[sympy.Expr, ...]]
#: A case of the analysis below a node: (condition, choices, payoffs).
Partial = tuple[Term, Choices, tuple[sympy.Expr, ...]]


@dataclass(frozen=True)
class TreeCandidates:
    """The candidates of a tree; ``complete`` is False where a block's mixed equilibria could
    not all be found symbolically, and ``warnings`` say what was left out."""

    candidates: list[Candidate]
    complete: bool = True
    warnings: tuple[str, ...] = ()


def tree_candidates(game: ExtensiveFormGame, feasible: Feasibility) -> TreeCandidates:
    """Every subgame-perfect profile that :func:`commit_calc.solvers.solve.solve` can report,
    with the condition under which it is one.

    Raises :class:`UnsupportedGameError` beyond :data:`MAX_CANDIDATES` cases, or where a block
    cannot be analysed symbolically (callers then solve point by point).
    """
    roots = set(game.subgame_roots)
    partials: dict[int, list[Partial]] = {}
    complete, warnings = True, list[str]()
    for node in reversed(game.nodes):
        if node.is_terminal:  # payoffs with min/max: one case per piece
            partials[node.index] = [(term, {}, value) for term, value in pieces(node.payoffs)]
        elif node.index not in roots:
            continue  # inside a block, solved with it
        elif all(game.nodes[c].is_terminal or c in roots for c in node.children):
            partials[node.index] = _step(game, node, [partials[c] for c in node.children],
                                         feasible)
        else:
            leaves = _block_leaves(game, node, roots)
            found: list[Partial] = []
            for term, parts in _combinations(node, [partials[k] for k in leaves], feasible):
                values = {leaf: part[2] for leaf, part in zip(leaves, parts)}
                inherited: Choices = {}
                for part in parts:
                    inherited.update(part[1])
                cases = block_cases(game, node, values, term, feasible)
                complete = complete and cases.complete
                warnings.extend(cases.warnings)
                found.extend((case, {**inherited, **choices}, payoffs)
                             for case, choices, payoffs in cases.cases)
                _check_count(found, node)
            partials[node.index] = found
    return TreeCandidates(_candidates(game, partials[0]), complete,
                          tuple(dict.fromkeys(warnings)))


def _block_leaves(game: ExtensiveFormGame, root: Node, roots: set[int]) -> list[int]:
    """The subgames just below the block at ``root`` (their roots, prefix order)."""
    leaves, stack = [], list(root.children)
    while stack:
        index = stack.pop()
        node = game.nodes[index]
        if index in roots:
            leaves.append(index)
        elif not node.is_terminal:
            stack.extend(node.children)
    return sorted(leaves)


def _step(game: ExtensiveFormGame, node: Node, children: list[list[Partial]],
          feasible: Feasibility) -> list[Partial]:
    """The cases at a node whose children are terminal nodes or subgames."""
    found: list[Partial] = []
    for term, combination in _combinations(node, children, feasible):
        choices: Choices = {}
        for part in combination:
            choices.update(part[1])
        values = [part[2] for part in combination]
        if node.is_chance:
            for piece, probabilities in pieces(node.probabilities, term, feasible):
                value = tuple(
                    sympy.expand(sum(p * v[k] for p, v in zip(probabilities, values)))
                    for k in range(game.num_players)
                )
                found.append((piece, choices, value))
        else:
            found.extend(_decision_cases(game, node, term, choices, values, feasible))
        _check_count(found, node)
    return found


def _check_count(found: list[Partial], node: Node) -> None:
    if len(found) > MAX_CANDIDATES:
        raise UnsupportedGameError(
            f"symbolic analysis: more than {MAX_CANDIDATES} cases at node '{node.name}'")


def _candidates(game: ExtensiveFormGame, found: list[Partial]) -> list[Candidate]:
    """One candidate per profile and payoffs (payoffs with min/max differ between pieces)."""
    merged: dict[tuple[tuple[tuple[int, tuple[sympy.Expr, ...]], ...], tuple[sympy.Expr, ...]],
                 tuple[list[Term], Choices, tuple[sympy.Expr, ...]]] = {}
    for term, choices, value in found:
        key = (tuple(sorted(choices.items())), value)
        merged.setdefault(key, ([], choices, value))[0].append(term)
    infoset_of = game.infoset_of_node
    candidates = []
    for terms, choices, value in merged.values():
        distributions = tuple(choices[k] for k in range(len(game.infosets)))
        played = {node.index: {a: 1 for a, x in zip(node.actions, distributions[k]) if x != 0}
                  for node in game.nodes if (k := infoset_of[node.index]) is not None}
        candidates.append(Candidate(tree_label(game, played), distributions, value,
                                    tuple(terms)))
    return candidates


def _combinations(node: Node, children: list[list[Partial]], feasible: Feasibility
                  ) -> list[tuple[Term, tuple[Partial, ...]]]:
    """One case of every child whose conditions meet: built child by child, dropping a
    partial combination as soon as its conditions are contradictory or proved empty."""
    combinations: list[tuple[Term, tuple[Partial, ...]]] = [({}, ())]
    for cases in children:
        extended = []
        for term, parts in combinations:
            for part in cases:
                joined = conjunction(itertools.chain(term.items(), part[0].items()))
                if joined is None or (len(cases) > 1 and feasible(joined) is False):
                    continue
                extended.append((joined, (*parts, part)))
        if len(extended) > MAX_CANDIDATES:
            raise UnsupportedGameError(
                f"symbolic analysis: more than {MAX_CANDIDATES} cases at node '{node.name}'")
        combinations = extended
    return combinations


def _decision_cases(
    game: ExtensiveFormGame, node: Node, term: Term, choices: Choices,
    values: list[tuple[sympy.Expr, ...]], feasible: Feasibility,
) -> list[Partial]:
    """The cases at a decision node: each feasible best set of the mover, ties included."""
    assert node.player is not None, "a validated decision node has a mover"
    mover = game.player_index(node.player)
    infoset = game.infoset_of_node[node.index]
    assert infoset is not None, "a decision node has an information set"
    own = [v[mover] for v in values]
    found: list[Partial] = []
    actions = range(len(node.actions))
    for best in _best_sets(own, term, feasible):
        first = best[0]
        needs: list[Requirement | bool] = [
            requirement_within(own[first] - own[b], "==", term, feasible) for b in best[1:]]
        needs += [requirement_within(own[first] - own[c], ">", term, feasible)
                  for c in actions if c not in best]
        case = conjunction(itertools.chain(term.items(), needs))
        if case is None or feasible(case) is False:
            continue
        for b in best:
            pure = tuple(sympy.Integer(int(a == b)) for a in actions)
            found.append((case, {**choices, infoset: pure}, values[b]))
    return found


def _best_sets(own: list[sympy.Expr], term: Term, feasible: Feasibility
               ) -> list[tuple[int, ...]]:
    """The sets of actions that may be the mover's best set within ``term``, smallest first
    (as :func:`itertools.combinations` orders them by size).

    Each set is grown from its first action, which must beat every action before it: each
    later action ties with it or loses to it, and a partial set whose conditions are proved
    empty is dropped at once, so the work follows the sets that can be best rather than all
    ``2**n`` subsets.
    """
    found: list[tuple[int, ...]] = []
    for first in range(len(own)):
        beats = [requirement_within(own[first] - own[c], ">", term, feasible)
                 for c in range(first)]
        start = conjunction(itertools.chain(term.items(), beats))
        if start is None or feasible(start) is False:
            continue
        stack: list[tuple[int, tuple[int, ...], Term]] = [(first + 1, (first,), start)]
        while stack:
            c, best, condition = stack.pop()
            if c == len(own):
                found.append(best)
                continue
            for relation, grown in ((">", best), ("==", (*best, c))):
                need = requirement_within(own[first] - own[c], relation, term, feasible)
                joined = conjunction(itertools.chain(condition.items(), [need]))
                if joined is not None and feasible(joined) is not False:
                    stack.append((c + 1, grown, joined))
    return sorted(found, key=lambda best: (len(best), best))
