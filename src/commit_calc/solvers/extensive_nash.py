"""Nash equilibria of a tree, found in its reduced normal form and reported as behaviour
strategies at every information set."""

from __future__ import annotations

import dataclasses

from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.solvers.reduction import behaviour_profile, plan_count, reduced_normal_form
from commit_calc.solvers.results import Equilibrium, SolveResult, certify

#: Two-player trees whose reduced normal form gives both players more strategies than
#: ``MAX_REDUCED_STRATEGIES`` (vertex enumeration grows exponentially with the smaller side), or
#: has more than ``MAX_REDUCED_PROFILES`` profiles, are solved in the sequence form
#: (:func:`~commit_calc.solvers.sequence_enum.sequence_enum`), which grows with the tree.
MAX_REDUCED_STRATEGIES = 12
MAX_REDUCED_PROFILES = 10_000


def extensive_nash_equilibria(game: ExtensiveFormGame) -> SolveResult:
    """Nash equilibria of a numeric tree, as behaviour profiles.

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with at least two players and numeric payoffs and probabilities.

    Returns
    -------
    SolveResult
        Concept ``"nash"``. With two players: every extreme equilibrium of the reduced normal
        form (method ``"reduced-normal-form+vertex-enumeration"``), each mapped to its
        realisation-equivalent behaviour profile (:func:`~commit_calc.solvers.reduction.
        behaviour_profile`) and certified in the tree; mixed equilibria that give the same
        behaviour profile are reported once, with the component number of the first. With more
        players: the pure equilibria of the reduced normal form only (method
        ``"reduced-normal-form+pure-enumeration"``), and a warning says mixed ones were not
        searched. A two-player tree whose reduced normal form is larger (both players above
        :data:`MAX_REDUCED_STRATEGIES` strategies, or more than :data:`MAX_REDUCED_PROFILES`
        profiles) gets its extreme equilibria in the sequence form
        instead (method ``"sequence-form+vertex-enumeration"``), and a note says so. Nash
        equilibria need not be subgame perfect; see
        :func:`~commit_calc.solvers.subgame_perfect.subgame_perfect_equilibria`.

    Raises
    ------
    ParameterError
        If a payoff or probability depends on a parameter without a value.
    UnsupportedGameError
        For a one-player tree.

    Examples
    --------
    The entry game (Selten 1978) has the subgame-perfect (In, Accommodate) and the Nash
    equilibria where the entrant stays Out against a threat to fight with probability at least
    1/2; the extreme ones are Fight for sure and a coin flip:

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> game = ExtensiveFormGame.build(
    ...     players=("Entrant", "Incumbent"),
    ...     root=Decision("Entrant", {
    ...         "Out": Terminal((0, 2)),
    ...         "In": Decision("Incumbent", {"Fight": Terminal((-1, -1)),
    ...                                     "Accommodate": Terminal((1, 1))}, name="I")},
    ...         name="E"))
    >>> for eq in extensive_nash_equilibria(game).equilibria:
    ...     print(eq.profile.labelled(game), eq.payoffs)
    {'Entrant': {'E': {'Out': 1}}, 'Incumbent': {'I': {'Fight': 1}}} (0, 2)
    {'Entrant': {'E': {'Out': 1}}, 'Incumbent': {'I': {'Fight': 1/2, 'Accommodate': 1/2}}} (0, 2)
    {'Entrant': {'E': {'In': 1}}, 'Incumbent': {'I': {'Accommodate': 1}}} (1, 1)
    """
    if not game.is_numeric:
        raise ParameterError(
            "extensive_nash_equilibria(): the game has parameters without values ("
            + ", ".join(game.free_parameters) + "); solve game.at({...}) instead"
        )
    if game.num_players < 2:
        raise UnsupportedGameError(
            "extensive_nash_equilibria(): a one-player tree is a decision problem, which has "
            "no Nash equilibria to list; ask for subgame perfection (concept 'spe') to find "
            "its best choices"
        )
    if game.num_players == 2:
        shape = [plan_count(game, player) for player in game.players]
        if (min(shape) > MAX_REDUCED_STRATEGIES
                or shape[0] * shape[1] > MAX_REDUCED_PROFILES):
            return _in_sequence_form(game, shape)
    reduced = reduced_normal_form(game)
    warnings: list[str] = []
    if game.num_players == 2:
        from commit_calc.solvers.mixed_nash import METHOD, extreme_equilibria

        found = extreme_equilibria(reduced.game)
        method = f"reduced-normal-form+{METHOD}"
    else:
        from commit_calc.solvers.nplayer_trees import tree_nplayer_equilibria
        from commit_calc.solvers.pure_nash import METHOD, pure_nash_equilibria

        every = tree_nplayer_equilibria(game, reduced)
        if every is not None:
            return every
        found = pure_nash_equilibria(reduced.game)
        method = f"reduced-normal-form+{METHOD}"
        warnings.append(
            f"a {game.num_players}-player tree whose reduced normal form is beyond the limits "
            "of the exact mixed search: only its pure equilibria were searched; mixed "
            "equilibria may exist too"
        )
    warnings.extend(f"reduced normal form: {note}" for note in found.warnings)
    equilibria: list[Equilibrium] = []
    seen = set()
    for equilibrium in found.equilibria:
        profile = behaviour_profile(game, reduced, equilibrium.profile)  # type: ignore[arg-type]
        if profile.probabilities in seen:
            continue
        seen.add(profile.probabilities)
        equilibria.append(certify(game, profile, component=equilibrium.component))
    return SolveResult(game, "nash", method, tuple(equilibria), warnings=tuple(warnings))


def _in_sequence_form(game: ExtensiveFormGame, shape: list[int]) -> SolveResult:
    from commit_calc.solvers.sequence_enum import sequence_enum

    result = sequence_enum(game)
    note = (f"the reduced normal form would have {shape[0]} x {shape[1]} strategies: the "
            "extreme equilibria were enumerated in the sequence form instead (method "
            "sequence-enum)")
    return dataclasses.replace(result, warnings=result.warnings + (note,))


__all__ = ["extensive_nash_equilibria"]
