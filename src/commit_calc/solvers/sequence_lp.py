"""An equilibrium and the value of a two-player zero-sum tree: one linear program in the
sequence form (Koller, Megiddo and von Stengel 1996; Romanovskii 1962), solved exactly."""

from __future__ import annotations

from fractions import Fraction

from commit_calc.analysis.simplex import Infeasible, maximise
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.values import kernel_fraction
from commit_calc.solvers.results import SolveResult, certify
from commit_calc.solvers.sequence_form import (
    SequenceForm,
    behaviour_from_plans,
    check_two_player_tree,
    sequence_form,
)

METHOD = "sequence-form+linear-programming"


def sequence_lp(game: ExtensiveFormGame) -> SolveResult:
    """A Nash equilibrium (a pair of optimal strategies) of a numeric two-player zero-sum tree.

    The players' payoffs must add up to the same constant at every leaf (zero-sum or
    constant-sum). The equilibrium's payoffs are the value of the game.

    Returns
    -------
    SolveResult
        Concept ``"nash"``, method ``"sequence-form+linear-programming"``: one equilibrium,
        as a behaviour profile certified by the independent exact check in the tree.

    Raises
    ------
    ParameterError
        If the tree still has parameters without values.
    UnsupportedGameError
        Unless the tree has two players whose payoffs add up to a constant at every leaf.

    Notes
    -----
    Player 2 chooses a realisation plan ``y`` to minimise player 1's best-response payoff,
    which by linear-programming duality is ``min e'p`` over ``p`` with ``E'p >= A y``::

        minimise e'p  subject to  E'p - A y >= 0,  F y = f,  y >= 0  (p free).

    The multipliers of its first constraints are an optimal realisation plan ``x`` of player 1
    (the dual program is player 1's maximin problem), and the optimum is the value. The
    simplex method runs in exact rationals with Bland's rule
    (:func:`commit_calc.analysis.simplex.maximise`).

    Examples
    --------
    Matching pennies with the second player moving unseen: the value is 0.

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> def choose(a, b):
    ...     return Decision("Two", {"Heads": Terminal((a, -a)), "Tails": Terminal((b, -b))},
    ...                     infoset="guess")
    >>> game = ExtensiveFormGame.build(players=("One", "Two"), root=Decision(
    ...     "One", {"Heads": choose(1, -1), "Tails": choose(-1, 1)}, name="hide"))
    >>> [equilibrium] = sequence_lp(game).equilibria
    >>> equilibrium.profile.labelled(game)["One"], equilibrium.payoffs
    ({'hide': {'Heads': 1/2, 'Tails': 1/2}}, (0, 0))
    """
    check_two_player_tree(game, "sequence-lp")
    form = sequence_form(game)
    numbers = game.exact_numbers
    sums = {sum(numbers[n.index]) for n in game.nodes if n.is_terminal}
    if len(sums) > 1:
        raise UnsupportedGameError(
            "method 'sequence-lp' solves zero-sum trees (the players' payoffs add up to the "
            "same number at every leaf); this tree is not: use method 'sequence-lcp' (one "
            "equilibrium) or 'sequence-enum' (all extreme equilibria)")
    x, y = _optimal_plans(form)
    profile = behaviour_from_plans(form, (x, y))
    return SolveResult(game, "nash", METHOD, (certify(game, profile),))


def _optimal_plans(form: SequenceForm) -> tuple[list[Fraction], list[Fraction]]:
    """Optimal realisation plans of both players (the LP of :func:`sequence_lp` and its dual).
    """
    n1, n2 = form.sizes
    e_rows, f_rows = form.constraints
    m1 = len(e_rows)
    zero, one = kernel_fraction(0), kernel_fraction(1)
    # variables: y (n2), p+ (m1), p- (m1)
    width = n2 + 2 * m1
    a_ub = [[zero] * width for _ in range(n1)]
    for (s, t), value in form.payoffs[0].items():
        a_ub[s][t] += value
    for h, row in enumerate(e_rows):
        for s, coefficient in row.items():
            a_ub[s][n2 + h] -= coefficient
            a_ub[s][n2 + m1 + h] += coefficient
    a_eq = [[zero] * width for _ in f_rows]
    for h, row in enumerate(f_rows):
        for t, coefficient in row.items():
            a_eq[h][t] = kernel_fraction(coefficient)
    b_eq = [one if h == 0 else zero for h in range(len(f_rows))]
    objective = [zero] * n2 + [-one if h == 0 else zero for h in range(m1)] + [
        one if h == 0 else zero for h in range(m1)]
    optimum = maximise(a_ub, [zero] * n1, a_eq, b_eq, objective)
    if isinstance(optimum, Infeasible):  # pragma: no cover - plans always exist
        raise ArithmeticError("the sequence-form LP has no feasible point")
    return list(optimum.duals[:n1]), list(optimum.point[:n2])


__all__ = ["METHOD", "sequence_lp"]
