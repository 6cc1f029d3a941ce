"""Nash equilibria of small trees with three or more players, through the reduced normal form.

The reduced normal form is solved by :func:`~commit_calc.solvers.nplayer_supports.
nplayer_equilibria`; each rational equilibrium is mapped to its realisation-equivalent
behaviour profile and certified in the tree; one with irrational probabilities is mapped the
same way, in exact algebraic numbers, and checked in the tree by :func:`~commit_calc.solvers.
verify_algebraic.verify_algebraic_tree`. Where such an equilibrium leaves one of a player's own
information sets unreached (so that a best response would have to be chosen there among
algebraic payoffs), it is named in a warning instead.
"""

from __future__ import annotations

import sympy

from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile, MixedProfile
from commit_calc.solvers.nplayer_supports import METHOD, limits_exceeded, nplayer_equilibria
from commit_calc.solvers.reduction import ReducedNormalForm, behaviour_profile, kuhn_weights
from commit_calc.solvers.results import (
    Equilibrium,
    Outcome,
    SolveResult,
    certify,
    outcomes,
    require_no_regret,
)
from commit_calc.solvers.verify_algebraic import verify_algebraic_tree


def tree_nplayer_equilibria(
    game: ExtensiveFormGame, reduced: ReducedNormalForm
) -> SolveResult | None:
    """Every Nash equilibrium of a numeric tree with 3+ players whose reduced normal form
    (``reduced``) is within the limits of :func:`~commit_calc.solvers.nplayer_supports.
    limits_exceeded`; ``None`` if it is not.

    Examples
    --------
    Selten's horse (Selten 1975): players 1 and 2 choose to continue or go down to player 3,
    who cannot tell which of them did. Its equilibria include a continuum, which is reported:

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> from commit_calc.solvers.reduction import reduced_normal_form
    >>> three = lambda a, b: Decision("3", {"L": Terminal(a), "R": Terminal(b)}, infoset="I3")
    >>> horse = ExtensiveFormGame.build(players=("1", "2", "3"), root=Decision("1", {
    ...     "D": three((3, 3, 2), (0, 0, 0)),
    ...     "C": Decision("2", {"d": three((4, 4, 0), (1, 1, 1)),
    ...                         "c": Terminal((1, 1, 1))}, name="n2")}, name="n1"))
    >>> found = tree_nplayer_equilibria(horse, reduced_normal_form(horse))
    >>> len(found.equilibria) > 0, any("continuum" in w for w in found.warnings)
    (True, True)
    """
    if limits_exceeded(reduced.game) is not None:
        return None
    found = nplayer_equilibria(reduced.game)
    equilibria: list[Equilibrium] = []
    irrational: list[str] = []
    seen = set()
    for equilibrium in found.equilibria:
        mixed = equilibrium.profile
        if all(p.is_Rational for d in mixed.probabilities for p in d):
            profile = behaviour_profile(game, reduced, mixed)  # type: ignore[arg-type]
            if profile.probabilities not in seen:
                seen.add(profile.probabilities)
                equilibria.append(certify(game, profile, component=equilibrium.component))
            continue
        algebraic = _algebraic_equilibrium(game, reduced, mixed)  # type: ignore[arg-type]
        if algebraic is None:
            irrational.append(str(mixed.labelled(reduced.game)))  # type: ignore[arg-type]
        elif algebraic.profile.probabilities not in seen:
            seen.add(algebraic.profile.probabilities)
            equilibria.append(algebraic)
    warnings = [f"reduced normal form: {note}" for note in found.warnings]
    if irrational:
        warnings.append(
            f"{len(irrational)} equilibria of the reduced normal form have irrational "
            "probabilities and leave information sets of their own players unreached; they "
            "are not listed as behaviour strategies here: "
            + "; ".join(irrational)
            + " (solve the reduced normal form as a normal-form game to see them in full)"
        )
    return SolveResult(game, "nash", f"reduced-normal-form+{METHOD}", tuple(equilibria),
                       warnings=tuple(warnings))


def _algebraic_equilibrium(
    game: ExtensiveFormGame, reduced: ReducedNormalForm, mixed: MixedProfile
) -> Equilibrium | None:
    """The behaviour profile of an equilibrium with algebraic probabilities (Kuhn's weights,
    each quotient simplified), checked in the tree; ``None`` if it leaves one of its players'
    information sets unreached."""
    weights = kuhn_weights(game, reduced, mixed.probabilities)
    if len(weights) < len(game.infosets):
        return None
    distributions = []
    for infoset in game.infosets:
        row = weights[infoset.label]
        total = sum(row, sympy.S.Zero)
        distributions.append(tuple(sympy.expand(sympy.radsimp(w / total)) for w in row))
    payoffs, regrets = verify_algebraic_tree(game, distributions)
    require_no_regret(game, regrets)
    profile = BehaviourProfile.trusted(tuple(distributions))
    reached = tuple(Outcome(o.path, sympy.expand(o.probability), o.terminal)
                    for o in outcomes(game, profile))
    return Equilibrium(profile, payoffs, reached, regrets)


__all__ = ["tree_nplayer_equilibria"]
