"""Sequential equilibria (Kreps and Wilson 1982) in pure strategies, where consistency can be
decided.

An assessment is consistent when its beliefs are limits of Bayes' rule under fully mixed
profiles converging to it. For a pure profile, a node reached only by one deviation from it has
a probability proportional to that deviation's tremble times the chance probabilities on its
path: nodes reached by the same deviation keep the ratio of their chance probabilities, nodes
reached by different deviations may have any ratio, and a node that needs every deviation of
another node and more has probability 0. This module decides consistency exactly when, at
every unreached information set, the nodes that keep positive probability are reached by one
deviation each (or all by the same deviations), and no two unreached sets tie the ratio of the
same pair of deviations (else the trembles would link them): in particular in every
sender-receiver signalling game, where sequential and perfect Bayesian equilibria coincide.
Elsewhere it refuses.
"""

from __future__ import annotations

from fractions import Fraction

from commit_calc.beliefs.assessment import OffPathBeliefs
from commit_calc.beliefs.pbe import solve_result
from commit_calc.beliefs.polytope import EQ, Row
from commit_calc.beliefs.search import MAX_PROFILES, Context, Search, polytope_record
from commit_calc.beliefs.signalling import COINCIDE, signalling_structure
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.solvers.results import SolveResult


def sequential_equilibria(
    game: ExtensiveFormGame, *, max_profiles: int = MAX_PROFILES, max_equilibria: int = 1000,
    mixed: bool = False,
) -> SolveResult:
    """Every pure-strategy sequential equilibrium of a numeric tree, with its beliefs; with
    ``mixed``, every one mixed included in signalling games the mixed search covers.

    As :func:`~commit_calc.beliefs.pbe.perfect_bayesian_equilibria`, but the beliefs at each
    unreached set are the consistent ones (the condition states the ratios that consistency
    fixes, if any).

    Raises
    ------
    UnsupportedGameError
        Where consistency is not decided by this method (see the module's notes), or the game
        has more than ``max_profiles`` pure behaviour profiles.

    Examples
    --------
    >>> from commit_calc.io import load_game
    >>> result = sequential_equilibria(load_game("beer-quiche").at())
    >>> [e.classification for e in result.equilibria], result.warnings[-1][:36]
    (['pooling', 'pooling'], 'a sender-receiver signalling game: i')
    """
    if mixed:
        from commit_calc.beliefs.mixed import all_equilibria

        found = all_equilibria(game, "sequential", max_equilibria)
        if found is not None:
            return found
    search = _Consistent(game, max_profiles, "sequential")
    result = solve_result(search, "sequential",
                          "pure-assessment enumeration, consistency by deviations", search.run(),
                          max_equilibria)
    if signalling_structure(game) is not None:
        result = SolveResult(result.game, result.concept, result.method, result.equilibria,
                             warnings=result.warnings + (COINCIDE,))
    return result


class _Consistent(Search):
    def unreached(self, k: int, context: Context, rows: list[Row]) -> OffPathBeliefs | None:
        game = self.game
        infoset = game.infosets[k]
        members = infoset.members
        deviations = [self._deviations(m, context.choice) for m in members]
        alive = [not any(other < mine for other in deviations) for mine in deviations]
        groups: dict[frozenset[tuple[int, int]], list[int]] = {}
        for position, (mine, kept) in enumerate(zip(deviations, alive)):
            if kept:
                groups.setdefault(mine, []).append(position)
        if len(groups) > 1 and any(len(d) != 1 for d in groups):
            raise UnsupportedGameError(
                "sequential_equilibria(): consistency of beliefs at information set "
                f"'{infoset.label}' is not decided by this method (its nodes are reached by "
                "several deviations each); use concept 'pbe'"
            )
        if len(groups) > 1:
            self._link(context, infoset.label, list(groups))
        size = len(members)
        consistency: list[Row] = [
            (tuple(Fraction(int(j == i)) for j in range(size)), EQ)
            for i in range(size) if not alive[i]]
        for positions in groups.values():
            first = positions[0]
            weight = {p: self._chance_weight(members[p]) for p in positions}
            for other in positions[1:]:
                row = [Fraction(0)] * size
                row[first], row[other] = weight[other], -weight[first]
                consistency.append((tuple(row), EQ))
        return polytope_record(infoset.label, self.names(k), tuple(rows + consistency))

    def _deviations(self, node: int, choice: tuple[int, ...]) -> frozenset[tuple[int, int]]:
        found = set()
        nodes = self.game.nodes
        child, parent = node, nodes[node].parent
        while parent is not None:
            s = self.set_of[parent]
            if s is not None:
                action = self.children[parent].index(child)
                if action != choice[s]:
                    found.add((s, action))
            child, parent = parent, nodes[parent].parent
        return frozenset(found)

    def _chance_weight(self, node: int) -> Fraction:
        weight = Fraction(1)
        nodes = self.game.nodes
        child, parent = node, nodes[node].parent
        while parent is not None:
            if self.chance[parent]:
                weight *= self.chance[parent][self.children[parent].index(child)]
            child, parent = parent, nodes[parent].parent
        return weight

    def _link(self, context: Context, label: str, groups: list[object]) -> None:
        """Join the deviations whose tremble ratio set ``label`` leaves free; a cycle means two
        sets tie the same ratio."""
        parent = context.links

        def root(x: object) -> object:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for other in groups[1:]:
            a, b = root(groups[0]), root(other)
            if a == b:
                raise UnsupportedGameError(
                    "sequential_equilibria(): consistency of beliefs at information set "
                    f"'{label}' is tied to beliefs at another unreached set by the same "
                    "deviations; not decided by this method (use concept 'pbe')"
                )
            parent[a] = b
