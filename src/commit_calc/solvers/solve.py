"""One entry point: substitute parameter values, pick the solver for the game and concept.

``concept="auto"`` means subgame perfection for trees and Nash equilibrium for normal-form
games; ``"nash"`` on a tree gives its Nash equilibria, which need not be subgame perfect;
``"pbe"`` and ``"sequential"`` give a tree's pure perfect Bayesian or sequential equilibria
with their beliefs (:mod:`commit_calc.beliefs`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.solvers.results import SolveResult

CONCEPTS = ("auto", "nash", "spe", "pbe", "sequential")
#: ``exact`` picks the exact solver for the game; ``nashpy-*`` run nashpy on two-player
#: normal-form games and verify its answers exactly; ``sequence-*`` solve two-player trees
#: in the sequence form, exactly (:mod:`.sequence_lp`, :mod:`.sequence_lcp`,
#: :mod:`.sequence_enum`); ``lrsnash`` runs the lrsnash program (lrslib) where it is installed,
#: on two-player normal-form games, and verifies its answers exactly (:mod:`.lrsnash`).
METHODS = ("exact", "nashpy-support-enumeration", "nashpy-vertex-enumeration",
           "nashpy-lemke-howson", "sequence-lp", "sequence-lcp", "sequence-enum", "lrsnash")


def solve(
    game: NormalFormGame | ExtensiveFormGame,
    values: Mapping[str, object] | None = None,
    concept: str = "auto",
    method: str = "exact",
) -> SolveResult:
    """Every equilibrium of ``game`` at the given parameter values (defaults elsewhere).

    Two-player normal-form games get all extreme Nash equilibria (mixed included); small games
    with more players all their equilibria, exactly
    (:mod:`~commit_calc.solvers.nplayer_supports`), larger ones their pure equilibria, with a
    warning. Trees get every subgame-perfect equilibrium, or with ``concept="nash"`` their Nash
    equilibria (small trees with three or more players through the same exact search).

    ``method`` may name one of nashpy's algorithms instead (two-player normal-form games only):
    its floating-point answers are rationalised and kept only if they pass the exact check.
    ``"sequence-lp"`` (zero-sum), ``"sequence-lcp"`` (one equilibrium) and
    ``"sequence-enum"`` (every extreme equilibrium) solve two-player trees for Nash equilibria
    in the sequence form. ``"lrsnash"`` runs the ``lrsnash`` program (lrslib), where it is
    installed, on a two-player normal-form game; its answers are verified exactly.

    Raises :class:`~commit_calc.errors.ParameterError` for unknown or out-of-bounds values and
    :class:`~commit_calc.errors.UnsupportedGameError` for a concept or method that does not
    apply.

    Examples
    --------
    >>> from commit_calc.model import NormalFormGame
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                   strategies=(("C", "D"), ("C", "D")))
    >>> result = solve(pd)
    >>> [e.profile.labelled(result.game) for e in result.equilibria]
    [{'Row': {'D': 1}, 'Column': {'D': 1}}]
    """
    if concept not in CONCEPTS:
        raise UnsupportedGameError(
            f"solve(): concept {concept!r} is not one of {', '.join(CONCEPTS)}"
        )
    if method not in METHODS:
        raise UnsupportedGameError(
            f"solve(): method {method!r} is not one of {', '.join(METHODS)}"
        )
    parameters = game.parameters.values(values)
    numeric = game.at(values)
    if method.startswith("sequence-"):
        result = _solve_in_sequence_form(numeric, concept, method)
    elif method == "lrsnash":
        result = _solve_with_lrsnash(numeric, concept)
    elif method != "exact":
        result = _solve_with_nashpy(numeric, concept, method)
    elif isinstance(numeric, NormalFormGame):
        result = _solve_normal_form(numeric, concept)
    else:
        result = _solve_tree(numeric, concept)
    return dataclasses.replace(result, parameters=parameters)


def _solve_with_nashpy(
    game: NormalFormGame | ExtensiveFormGame, concept: str, method: str
) -> SolveResult:
    if not isinstance(game, NormalFormGame) or concept == "spe":
        raise UnsupportedGameError(
            f"solve(): method {method!r} solves two-player normal-form games for Nash "
            "equilibria; use method 'exact' here"
        )
    from commit_calc.solvers.nashpy_bridge import nashpy_equilibria

    return nashpy_equilibria(game, method.removeprefix("nashpy-").replace("-", "_"))


def _solve_with_lrsnash(game: NormalFormGame | ExtensiveFormGame, concept: str) -> SolveResult:
    if not isinstance(game, NormalFormGame) or game.num_players != 2 or concept == "spe":
        raise UnsupportedGameError(
            "solve(): method 'lrsnash' solves two-player normal-form games for Nash "
            "equilibria; use method 'exact' here"
        )
    from commit_calc.solvers.lrsnash import lrsnash_equilibria

    return lrsnash_equilibria(game)


def _solve_in_sequence_form(
    game: NormalFormGame | ExtensiveFormGame, concept: str, method: str
) -> SolveResult:
    if not isinstance(game, ExtensiveFormGame) or concept not in ("auto", "nash"):
        raise UnsupportedGameError(
            f"solve(): method {method!r} finds Nash equilibria of two-player trees; use it "
            "with a tree and concept 'nash' (or 'auto')"
        )
    from commit_calc.solvers import sequence_enum, sequence_lcp, sequence_lp

    solver = {"sequence-lp": sequence_lp.sequence_lp, "sequence-lcp": sequence_lcp.sequence_lcp,
              "sequence-enum": sequence_enum.sequence_enum}[method]
    result = solver(game)
    if concept == "auto" and len(game.subgame_roots) > 1:
        note = (f"method '{method}' finds Nash equilibria, which need not be subgame perfect "
                "in this tree (it has proper subgames); concept 'spe' checks that")
        result = dataclasses.replace(result, warnings=result.warnings + (note,))
    return result


def _solve_normal_form(game: NormalFormGame, concept: str) -> SolveResult:
    if concept in ("pbe", "sequential"):
        raise UnsupportedGameError(
            f"solve(): concept '{concept}' needs a game tree (beliefs live at information "
            "sets); this game is in normal form: use concept 'nash'"
        )
    if concept == "spe":
        raise UnsupportedGameError(
            "solve(): subgame perfection needs an extensive-form game; this game is in normal "
            "form (use concept 'nash' or 'auto')"
        )
    if game.num_players == 2:
        from commit_calc.solvers.mixed_nash import extreme_equilibria

        return extreme_equilibria(game)
    from commit_calc.solvers.nplayer_supports import limits_exceeded, nplayer_equilibria
    from commit_calc.solvers.pure_nash import pure_nash_equilibria

    reason = limits_exceeded(game)
    if reason is None:
        return nplayer_equilibria(game)
    result = pure_nash_equilibria(game)
    note = (
        f"a {game.num_players}-player game: only pure equilibria were searched ({reason} "
        "of the exact mixed search); mixed equilibria may exist too"
    )
    return dataclasses.replace(result, warnings=result.warnings + (note,))


def _solve_tree(game: ExtensiveFormGame, concept: str) -> SolveResult:
    if concept == "pbe":
        from commit_calc.beliefs.pbe import perfect_bayesian_equilibria

        return perfect_bayesian_equilibria(game, mixed=True)
    if concept == "sequential":
        from commit_calc.beliefs.sequential import sequential_equilibria

        return sequential_equilibria(game, mixed=True)
    if concept == "nash":
        from commit_calc.solvers.extensive_nash import extensive_nash_equilibria

        return extensive_nash_equilibria(game)
    from commit_calc.solvers.subgame_perfect import subgame_perfect_equilibria

    return subgame_perfect_equilibria(game)
