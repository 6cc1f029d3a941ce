"""Backward induction: every pure subgame-perfect equilibrium of a perfect-information tree.

The kernel works on exact Python numbers (``int``, and gmpy2's ``mpq`` or ``Fraction``: see
:func:`~commit_calc.model.values.kernel_rational`) in flat lists indexed like
``game.nodes`` and visits the nodes once, deepest first (the prefix order reversed), so it needs
no recursion and takes time linear in the size of the tree when no mover is ever indifferent.

Ties are not broken arbitrarily. For each node the kernel keeps the distinct payoff vectors
that some subgame-perfect play of the subtree below it yields, each with the exact number of
such equilibria of the subtree; an indifferent mover makes several vectors (and several
equilibria) survive. The equilibria are then listed from these counts, each one checked by
:func:`~commit_calc.solvers.results.certify`.
"""

from __future__ import annotations

import sympy

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.solvers.backward_kernel import (
    MAX_DISTINCT_VALUES,
    FlatTree,
    Number,
    Solution,
    ValueMap,
    Vector,
    chance_options,
    chance_values,
    decision_options,
    decision_values,
    flat_tree,
    is_indifferent,
    solve_flat,
)
from commit_calc.solvers.listing import LISTING_BUDGET, count_text, listing_limit
from commit_calc.solvers.results import SolveResult, certify


def backward_induction(game: ExtensiveFormGame, *, max_equilibria: int = 1000) -> SolveResult:
    """All pure subgame-perfect equilibria of a numeric perfect-information tree.

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with perfect information (every information set a single node) and numeric
        payoffs and chance probabilities. Chance nodes are allowed.
    max_equilibria : int
        List at most this many equilibria. When there are more, the first ``max_equilibria``
        are returned and a warning gives their exact number.

    Returns
    -------
    SolveResult
        Concept ``"spe"``, method ``"backward-induction"``: one certified equilibrium per pure
        subgame-perfect strategy profile (choices off the equilibrium path included), with its
        outcome distribution and expected payoffs. ``warnings`` names the nodes where a mover
        is indifferent, since each tie multiplies the equilibria.

    Raises
    ------
    UnsupportedGameError
        If an information set holds several nodes (use
        :func:`~commit_calc.solvers.subgame_perfect.subgame_perfect_equilibria`), or if ties
        produce more than :data:`MAX_DISTINCT_VALUES` distinct payoff vectors at one node.
    ParameterError
        If a payoff or probability still depends on a parameter (solve ``game.at(values)``).

    Notes
    -----
    Kuhn's and Zermelo's backward induction, extended to ties: with ``V(h)`` the multiset of
    payoff vectors of the subgame-perfect equilibria of the subtree at ``h``, a vector ``v`` of
    child ``a`` of a decision node of player ``i`` extends to an equilibrium there for each
    choice, in every other child ``b``, of an equilibrium ``w`` with ``w_i <= v_i``; at a chance
    node the children's equilibria combine freely and the vectors are averaged with the
    probabilities. The counts are products and sums of the children's counts, so the number of
    equilibria is known exactly before any is listed.

    References
    ----------
    Selten, R. (1965). Spieltheoretische Behandlung eines Oligopolmodells mit
    Nachfrageträgheit. Zeitschrift für die gesamte Staatswissenschaft 121, 301-324.

    Examples
    --------
    Kreps' trust game (Kreps 1990): the trustee would abuse trust, so none is given.

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> game = ExtensiveFormGame.build(
    ...     players=("Trustor", "Trustee"),
    ...     root=Decision("Trustor", {
    ...         "Trust": Decision("Trustee", {"Honor": Terminal((1, 1)),
    ...                                      "Abuse": Terminal((-1, 2))}),
    ...         "No trust": Terminal((0, 0))}))
    >>> result = backward_induction(game)
    >>> [eq.profile.labelled(game) for eq in result.equilibria]
    [{'Trustor': {'n1': {'No trust': 1}}, 'Trustee': {'n2': {'Abuse': 1}}}]
    >>> result.equilibria[0].payoffs
    (0, 0)
    """
    if not game.properties.perfect_information:
        shared = next(i.label for i in game.infosets if len(i.members) > 1)
        raise UnsupportedGameError(
            f"backward_induction(): information set '{shared}' holds several nodes, so the game "
            "has imperfect information; use subgame_perfect_equilibria() instead"
        )
    tree = flat_tree(game, "backward_induction()")
    solution = solve_flat(tree, listing_limit(game, max_equilibria))
    infoset_of = game.infoset_of_node
    widths = [len(i.actions) for i in game.infosets]
    equilibria = []
    for choices in solution.choices:
        distributions: list[tuple[sympy.Integer, ...]] = [()] * len(widths)
        for node, action in enumerate(choices):
            if action >= 0:
                k = infoset_of[node]
                distributions[k] = _pure(widths[k], action)  # type: ignore[index]
        profile = BehaviourProfile.trusted(tuple(distributions))
        equilibria.append(certify(game, profile, subgame_perfect=True))
    return SolveResult(
        game, "spe", "backward-induction", tuple(equilibria),
        warnings=_warnings(game, solution, listing_limit(game, max_equilibria)),
    )


# Results ------------------------------------------------------------------------------------

_PURE: dict[tuple[int, int], tuple[sympy.Integer, ...]] = {}


def _pure(width: int, action: int) -> tuple[sympy.Integer, ...]:
    """The shared exact distribution that plays ``action`` of ``width`` for sure."""
    key = (width, action)
    distribution = _PURE.get(key)
    if distribution is None:
        distribution = tuple(sympy.S.One if a == action else sympy.S.Zero for a in range(width))
        _PURE[key] = distribution
    return distribution


def _warnings(game: ExtensiveFormGame, solution: Solution, limit: int) -> tuple[str, ...]:
    notes = []
    if solution.tie_nodes:
        names = [game.nodes[k].name for k in solution.tie_nodes]
        shown = ", ".join(f"'{name}'" for name in names[:10])
        more = f" and {len(names) - 10} more" if len(names) > 10 else ""
        notes.append(
            f"ties: a mover is indifferent at node(s) {shown}{more}; each optimal action "
            f"gives its own equilibrium ({count_text(solution.count)} subgame-perfect "
            "equilibria in all)"
        )
    if solution.count > limit:
        notes.append(
            f"{count_text(solution.count)} subgame-perfect equilibria exist; only the first "
            f"{limit} are listed (raise max_equilibria to list more; at most "
            f"{LISTING_BUDGET:,} choices are listed in all)"
        )
    return tuple(notes)


__all__ = [
    "MAX_DISTINCT_VALUES",
    "FlatTree",
    "Number",
    "ValueMap",
    "Vector",
    "backward_induction",
    "chance_options",
    "chance_values",
    "decision_options",
    "decision_values",
    "flat_tree",
    "is_indifferent",
    "solve_flat",
]
