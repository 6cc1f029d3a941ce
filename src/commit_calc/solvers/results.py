"""Frozen records that every solver returns: equilibria, their outcomes, and the method used.

Solvers never build an :class:`Equilibrium` themselves: they pass each profile to
:func:`certify`, which checks it with the independent exact :mod:`~commit_calc.solvers.verify`
and refuses to report a profile whose regret is not exactly zero.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import sympy

from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import BehaviourProfile, MixedProfile
from commit_calc.solvers.verify import Verification, verify, verify_subgame_perfect

Game = NormalFormGame | ExtensiveFormGame
Profile = MixedProfile | BehaviourProfile


class VerificationFailure(RuntimeError):
    """A solver produced a profile that the exact check rejects: a bug, never bad input."""


@dataclass(frozen=True)
class Outcome:
    """A way the game ends with positive probability.

    In a tree, ``path`` is the actions (chance moves included) from the root to the terminal
    node ``terminal``; in a normal-form game it is the strategy profile, one label per player.
    """

    path: tuple[str, ...]
    probability: sympy.Rational
    terminal: str | None = None


@dataclass(frozen=True)
class Equilibrium:
    """An equilibrium profile with its exact payoffs, outcome distribution and regrets.

    ``component`` numbers the connected component of equilibria it belongs to, where the
    solver computes components (extreme equilibria of two-player games), else ``None``.
    """

    profile: Profile
    payoffs: tuple[sympy.Rational, ...]
    outcomes: tuple[Outcome, ...]
    regrets: tuple[sympy.Rational, ...]
    component: int | None = None

    @property
    def max_regret(self) -> sympy.Rational:
        return max(self.regrets)

    def labelled_payoffs(self, game: Game) -> dict[str, sympy.Rational]:
        return dict(zip(game.players, self.payoffs))


@dataclass(frozen=True)
class SolveResult:
    """What a solver found in a game: the equilibria and how they were found.

    ``game`` is the numeric game that was solved; ``parameters`` the values substituted into the
    original game to obtain it; ``concept`` is ``"nash"`` or ``"spe"``; ``warnings`` says
    anything a user should know (degeneracy met, ties broken into several equilibria, ...).
    """

    game: Game
    concept: str
    method: str
    equilibria: tuple[Equilibrium, ...]
    parameters: Mapping[str, sympy.Rational] = field(default_factory=dict)
    exact: bool = True
    warnings: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        """Jupyter's rich display (see :func:`commit_calc.render.html.result_html`)."""
        from commit_calc.render.html import result_html

        return result_html(self)


def certify(
    game: Game,
    profile: Profile,
    *,
    subgame_perfect: bool = False,
    component: int | None = None,
) -> Equilibrium:
    """Check ``profile`` exactly and wrap it as an :class:`Equilibrium`.

    Raises :class:`VerificationFailure` if any regret (in any subgame, when
    ``subgame_perfect``) is not exactly zero.
    """
    if subgame_perfect:
        if not isinstance(game, ExtensiveFormGame) or not isinstance(profile, BehaviourProfile):
            raise TypeError("certify(): subgame perfection needs a tree and behaviour profile")
        check = verify_subgame_perfect(game, profile)
    else:
        check = verify(game, profile)
    require_no_regret(game, check.regrets)
    return Equilibrium(profile, check.payoffs, outcomes(game, profile), check.regrets, component)


def require_no_regret(game: Game, regrets: Sequence[sympy.Expr]) -> None:
    """Raise :class:`VerificationFailure` unless every regret an independent check found at a
    solver's profile is exactly zero."""
    if any(r != 0 for r in regrets):
        raise VerificationFailure(
            f"a solver returned a profile with regrets {[str(r) for r in regrets]} in "
            f"{game}: this is a bug in commit-calc, please report it"
        )


def outcomes(game: Game, profile: Profile) -> tuple[Outcome, ...]:
    """The ways the game ends with positive probability under ``profile``, in game order."""
    if isinstance(game, NormalFormGame) and isinstance(profile, MixedProfile):
        support = profile.support()
        found = []
        for index in itertools.product(*support):
            probability = sympy.Integer(1)
            for player, k in enumerate(index):
                probability *= profile.probabilities[player][k]
            found.append(Outcome(game.profile_labels(index), probability))
        return tuple(found)
    if isinstance(game, ExtensiveFormGame) and isinstance(profile, BehaviourProfile):
        return _tree_outcomes(game, profile)
    raise TypeError(f"outcomes(): a {type(profile).__name__} does not fit a {type(game).__name__}")


def _tree_outcomes(game: ExtensiveFormGame, profile: BehaviourProfile) -> tuple[Outcome, ...]:
    infoset_of = game.infoset_of_node
    found = []
    stack: list[tuple[int, sympy.Rational, tuple[str, ...]]] = [
        (game.root.index, sympy.Integer(1), ())
    ]
    while stack:
        index, probability, path = stack.pop()
        node = game.nodes[index]
        if node.is_terminal:
            found.append(Outcome(path, probability, node.name))
            continue
        moves = (
            node.probabilities if node.is_chance
            else profile.probabilities[infoset_of[index]]  # type: ignore[index]
        )
        for action, child, p in reversed(list(zip(node.actions, node.children, moves))):
            if p != 0:
                stack.append((child, probability * p, path + (action,)))
    return tuple(found)


__all__ = [
    "Equilibrium",
    "Outcome",
    "SolveResult",
    "Verification",
    "VerificationFailure",
    "certify",
    "outcomes",
    "require_no_regret",
]
