"""All extreme Nash equilibria of a two-player tree, enumerated in the sequence form.

The sequence-form analogue of vertex enumeration for bimatrix games (von Stengel 1996;
Audet, Belhaiza and Hansen 2009): every vertex of each player's best-response polyhedron
(:mod:`.sequence_vertices`) is found, and a pair of vertices is an equilibrium exactly when it
is *complementary*: every sequence a plan plays is a best response to the other plan. The
polyhedra grow linearly with the tree, where the reduced normal form grows exponentially.
"""

from __future__ import annotations

from fractions import Fraction

from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.solvers.results import Equilibrium, SolveResult, certify
from commit_calc.solvers.sequence_form import (
    SequenceForm,
    behaviour_from_plans,
    check_two_player_tree,
    sequence_form,
)
from commit_calc.solvers.sequence_vertices import Vertex, WorkBudget, polyhedron

METHOD = "sequence-form+vertex-enumeration"

#: A realisation plan, one exact probability per sequence, and a pair of them.
Plan = tuple[Fraction, ...]
PlanPair = tuple[Plan, Plan]


def sequence_enum(game: ExtensiveFormGame) -> SolveResult:
    """Every extreme Nash equilibrium of a numeric two-player tree, as behaviour profiles.

    Returns
    -------
    SolveResult
        Concept ``"nash"``, method ``"sequence-form+vertex-enumeration"``. Each complementary
        pair of vertices becomes a behaviour profile (:func:`.sequence_form.
        behaviour_from_plans`), certified by the independent exact check in the tree; pairs
        that give the same behaviour profile are reported once. ``component`` numbers the
        connected components of the graph joining two extreme equilibria that share a plan
        (each component of the equilibrium set is one such group, as for bimatrix games).

    Raises
    ------
    ParameterError
        If the tree still has parameters without values.
    UnsupportedGameError
        Unless the tree has two players; or if a polyhedron has too many bases to visit.

    Notes
    -----
    A pair of realisation plans ``x, y`` is an equilibrium if and only if for some bounds
    ``p, q`` (values of the information sets) ``(x, q)`` and ``(y, p)`` lie in the
    polyhedra ``{x >= 0, E x = e, F'q >= B'x}`` and ``{y >= 0, F y = f, E'p >= A y}`` and
    ``x_s (E'p - A y)_s = 0``, ``y_t (F'q - B'x)_t = 0`` for every sequence (the optimality
    conditions of each player's best-response linear program). The equilibrium set is a union
    of products of faces of the polyhedra, so its extreme points are pairs of vertices.

    References
    ----------
    B. von Stengel (1996), Efficient computation of behavior strategies, Games and Economic
    Behavior 14, 220-246. C. Audet, S. Belhaiza and P. Hansen (2009), A new sequence form
    approach for the enumeration and refinement of all extreme Nash equilibria for extensive
    form games, International Game Theory Review 11, 437-451.

    Examples
    --------
    The entry game (Selten 1978): (In, Accommodate), and Out against Fight with probability
    at least 1/2, whose two extreme points form one component.

    >>> from commit_calc.io import load_game
    >>> game = load_game("entry-deterrence")
    >>> for eq in sequence_enum(game).equilibria:
    ...     print(eq.profile.labelled(game)["Incumbent"], eq.payoffs, eq.component)
    {'incumbent': {'Fight': 1}} (0, 2) 1
    {'incumbent': {'Fight': 1/2, 'Accommodate': 1/2}} (0, 2) 1
    {'incumbent': {'Accommodate': 1}} (1, 1) 2
    """
    check_two_player_tree(game, "sequence-enum")
    form = sequence_form(game)
    pairs = complementary_pairs(form)
    components = _components(pairs)
    equilibria: list[Equilibrium] = []
    seen = set()
    numbers: dict[int, int] = {}
    for pair, component in zip(pairs, components):
        profile = behaviour_from_plans(form, pair)
        if profile.probabilities in seen:
            continue
        seen.add(profile.probabilities)
        number = numbers.setdefault(component, len(numbers) + 1)
        equilibria.append(certify(game, profile, component=number))
    return SolveResult(game, "nash", METHOD, tuple(equilibria))


def complementary_pairs(form: SequenceForm) -> list[PlanPair]:
    """The distinct pairs of plans of complementary vertices, in a fixed order (player 1's
    plans in decreasing lexicographic order, then player 2's).

    As lrsnash does for bimatrix games (Avis, Rosenberg, Savani and von Stengel 2010), only
    player 1's polyhedron is enumerated whole; for each of its vertices, only the face of
    player 2's polyhedron that complements it (player 2 plays only sequences tight at the
    vertex, and every sequence player 1 plays is tight) is enumerated, usually empty.
    """
    n1, n2 = form.sizes
    e_rows, f_rows = form.constraints
    first = polyhedron(e_rows, f_rows, form.payoffs[1], (n1, n2))
    transposed = {(t, s): v for (s, t), v in form.payoffs[0].items()}
    second = polyhedron(f_rows, e_rows, transposed, (n2, n1))
    pairs = set()
    all_of_2 = (1 << n2) - 1
    budget = WorkBudget()
    for x in _best_per_plan(first.vertices(budget=budget)):
        # player 2's plan is 0 off x's tight sequences; player 1's slacks are 0 on x's support
        fixed = (all_of_2 & ~x.tight) | (x.support << n2)
        for y in second.vertices(fixed, budget):
            pairs.add((x.plan, y.plan))
    return sorted(pairs, reverse=True)


def _best_per_plan(vertices: list[Vertex]) -> list[Vertex]:
    """The vertices whose tight set is not contained in another's with the same plan (the
    others can only match a subset of what those match)."""
    by_plan: dict[Plan, list[Vertex]] = {}
    for vertex in vertices:
        by_plan.setdefault(vertex.plan, []).append(vertex)
    kept = []
    for group in by_plan.values():
        for vertex in group:
            if not any(other.tight != vertex.tight and vertex.tight & ~other.tight == 0
                       for other in group):
                kept.append(vertex)
    return kept


def _components(pairs: list[PlanPair]) -> list[int]:
    """Per pair, a representative of its component (pairs sharing a plan are joined)."""
    parent: dict[object, object] = {}

    def root(key: object) -> object:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for x, y in pairs:
        parent[root(("x", x))] = root(("y", y))
    roots: dict[object, int] = {}
    return [roots.setdefault(root(("x", x)), len(roots)) for x, _ in pairs]


__all__ = ["METHOD", "complementary_pairs", "sequence_enum"]
