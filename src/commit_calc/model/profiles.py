"""Strategy profiles: mixed strategies of a normal-form game, behaviour strategies of a tree.

Profiles are plain exact data aligned with a game's players and strategies (or information sets
and actions); ``from_labels`` builds one from labels and ``labelled`` reads it back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import sympy

from commit_calc.errors import CommitCalcError, GameDefinitionError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.values import exact_number

if TYPE_CHECKING:
    from typing_extensions import Self

Distribution = tuple[sympy.Rational, ...]


def _distribution(values: Sequence[object], *, where: str) -> Distribution:
    try:
        exact = tuple(exact_number(v, what=where) for v in values)
    except CommitCalcError as error:
        raise GameDefinitionError(str(error)) from None
    if any(p < 0 for p in exact) or sum(exact) != 1:
        raise GameDefinitionError(
            f"{where}: probabilities {[str(p) for p in exact]} must be >= 0 and sum to 1"
        )
    return exact


def _from_mapping(
    labels: Sequence[str], given: Mapping[str, object] | str, *, where: str
) -> Distribution:
    if isinstance(given, str):
        given = {given: 1}
    unknown = [label for label in given if label not in labels]
    if unknown:
        raise GameDefinitionError(f"{where}: no {unknown[0]!r} among {', '.join(labels)}")
    return _distribution([given.get(label, 0) for label in labels], where=where)


@dataclass(frozen=True)
class _Profile:
    """Exact distributions, checked on construction (``trusted`` skips the check)."""

    probabilities: tuple[Distribution, ...]

    _UNIT: ClassVar[str] = "distribution"

    def __post_init__(self) -> None:
        object.__setattr__(self, "probabilities", tuple(
            _distribution(d, where=f"{type(self).__name__}(): {self._UNIT} {k + 1}")
            for k, d in enumerate(self.probabilities)
        ))

    @classmethod
    def trusted(cls, probabilities: tuple[Distribution, ...]) -> Self:
        """A profile from exact distributions a solver has already checked (no validation)."""
        profile = object.__new__(cls)
        object.__setattr__(profile, "probabilities", probabilities)
        return profile


@dataclass(frozen=True)
class MixedProfile(_Profile):
    """One probability distribution over strategies per player of a normal-form game.

    >>> from commit_calc.model import NormalFormGame
    >>> game = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
    ...                                     strategies=(("H", "T"), ("H", "T")))
    >>> profile = MixedProfile.from_labels(game, {"Row": {"H": "1/2", "T": "1/2"}, "Column": "H"})
    >>> profile.labelled(game)
    {'Row': {'H': 1/2, 'T': 1/2}, 'Column': {'H': 1}}
    """

    _UNIT: ClassVar[str] = "player"

    @classmethod
    def from_labels(
        cls, game: NormalFormGame, strategies: Mapping[str, Mapping[str, object] | str]
    ) -> MixedProfile:
        """A profile from ``{player: {strategy: probability}}``; a bare label is a pure strategy."""
        missing = [player for player in game.players if player not in strategies]
        if missing:
            raise GameDefinitionError(f"MixedProfile.from_labels(): no strategy for {missing[0]!r}")
        for player in strategies:
            game.player_index(player)
        return cls(tuple(
            _from_mapping(labels, strategies[player], where=f"player '{player}'")
            for player, labels in zip(game.players, game.strategies)
        ))

    @classmethod
    def pure(cls, game: NormalFormGame, profile: Sequence[int]) -> MixedProfile:
        """The pure profile with strategy indices ``profile``."""
        return cls(tuple(
            tuple(sympy.Integer(int(k == s)) for k in range(size))
            for s, size in zip(profile, game.shape)
        ))

    def labelled(self, game: NormalFormGame) -> dict[str, dict[str, sympy.Rational]]:
        """``{player: {strategy: probability}}`` with zero-probability strategies left out."""
        return {
            player: {label: p for label, p in zip(labels, distribution) if p != 0}
            for player, labels, distribution in zip(game.players, game.strategies,
                                                    self.probabilities)
        }

    def support(self) -> tuple[tuple[int, ...], ...]:
        """The indices each player plays with positive probability."""
        return tuple(tuple(k for k, p in enumerate(d) if p != 0) for d in self.probabilities)


@dataclass(frozen=True)
class BehaviourProfile(_Profile):
    """One probability distribution over actions per information set of a tree.

    ``probabilities[k]`` belongs to ``game.infosets[k]``.
    """

    _UNIT: ClassVar[str] = "information set"

    @classmethod
    def from_labels(cls, game: ExtensiveFormGame, choices: Mapping[str, Any]) -> BehaviourProfile:
        """A profile from ``{infoset label: {action: probability}}`` (a bare label is pure),
        or from the ``{player: {infoset label: ...}}`` form that :meth:`labelled` returns.

        Every information set must be given.

        >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
        >>> game = ExtensiveFormGame.build(players=("A", "B"), root=Decision("A", {
        ...     "L": Decision("B", {"l": Terminal((1, 0)), "r": Terminal((0, 1))}, name="b"),
        ...     "R": Terminal((0, 0))}, name="a"))
        >>> profile = BehaviourProfile.from_labels(game, {"a": "L", "b": {"l": "1/2", "r": "1/2"}})
        >>> BehaviourProfile.from_labels(game, profile.labelled(game)) == profile
        True
        """
        if _is_by_player(game, choices):
            choices = {label: choice for per_player in choices.values()
                       for label, choice in per_player.items()}
        for label in choices:
            game.infoset(label)
        missing = [i.label for i in game.infosets if i.label not in choices]
        if missing:
            raise GameDefinitionError(
                f"BehaviourProfile.from_labels(): no choice at information set {missing[0]!r}"
            )
        return cls(tuple(
            _from_mapping(i.actions, choices[i.label], where=f"information set '{i.label}'")
            for i in game.infosets
        ))

    def labelled(
        self, game: ExtensiveFormGame
    ) -> dict[str, dict[str, dict[str, sympy.Rational]]]:
        """``{player: {infoset: {action: probability}}}``, zero probabilities left out."""
        result: dict[str, dict[str, dict[str, sympy.Rational]]] = {p: {} for p in game.players}
        for infoset, distribution in zip(game.infosets, self.probabilities):
            result[infoset.player][infoset.label] = {
                action: p for action, p in zip(infoset.actions, distribution) if p != 0
            }
        return result

    def choice(self, game: ExtensiveFormGame, label: str) -> dict[str, sympy.Rational]:
        """The distribution at information set ``label``, as ``{action: probability}``."""
        index = game.infoset_index(label)
        return dict(zip(game.infosets[index].actions, self.probabilities[index]))


def _is_by_player(game: ExtensiveFormGame, choices: Mapping[str, object]) -> bool:
    """Whether ``choices`` is keyed by player, each naming that player's information sets."""
    own = {player: {i.label for i in game.player_infosets(player)} for player in game.players}
    return bool(choices) and all(
        key in own and isinstance(value, Mapping) and set(value) <= own[key]
        for key, value in choices.items()
    )
