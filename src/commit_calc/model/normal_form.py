"""Normal-form (strategic-form) games: n players, labelled strategies, exact payoffs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import sympy

from commit_calc.errors import GameDefinitionError, ParameterError
from commit_calc.model.parameters import Parameter, Parameters
from commit_calc.model.payoffs import to_expression
from commit_calc.model.values import check_defined, to_fraction

Profile = tuple[int, ...]


@dataclass(frozen=True, repr=False)
class NormalFormGame:
    """A game in normal form.

    ``payoffs[p]`` is a sympy N-dim array of player ``p``'s payoffs, indexed by one strategy
    index per player. Build games with :meth:`from_matrices`, :meth:`from_arrays` or
    :meth:`from_dict` rather than by hand.

    Examples
    --------
    Prisoner's Dilemma:

    >>> pd = NormalFormGame.from_matrices(
    ...     [[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     players=("Row", "Column"),
    ...     strategies=(("Cooperate", "Defect"), ("Cooperate", "Defect")))
    >>> pd.payoff(("Defect", "Defect"))
    (1, 1)
    >>> pd.shape
    (2, 2)
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: tuple[sympy.ImmutableDenseNDimArray, ...]
    parameters: Parameters = field(default_factory=Parameters)
    name: str = ""
    title: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        _check_labels("NormalFormGame()", "player", self.players)
        if len(self.players) < 2:
            raise GameDefinitionError("NormalFormGame(): a game needs at least 2 players")
        if len(self.strategies) != len(self.players):
            raise GameDefinitionError(
                f"NormalFormGame(): {len(self.players)} players but strategy lists for "
                f"{len(self.strategies)}"
            )
        for player, labels in zip(self.players, self.strategies):
            _check_labels(f"NormalFormGame(): player '{player}'", "strategy", labels)
        if len(self.payoffs) != len(self.players):
            raise GameDefinitionError(
                f"NormalFormGame(): {len(self.players)} players but payoff arrays for "
                f"{len(self.payoffs)}"
            )
        for player, array in zip(self.players, self.payoffs):
            if tuple(array.shape) != self.shape:
                raise GameDefinitionError(
                    f"NormalFormGame(): player '{player}' payoffs have shape {tuple(array.shape)}"
                    f", expected {self.shape} (one entry per strategy profile)"
                )

    # Construction -----------------------------------------------------------------------------

    @classmethod
    def from_arrays(
        cls,
        payoffs: Sequence[Any],
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        parameters: Sequence[Parameter] | Parameters = (),
        name: str = "",
        title: str = "",
        description: str = "",
    ) -> NormalFormGame:
        """Build a game from one nested array of payoffs per player.

        Entries may be numbers, formula strings (``"salary + amnesty"``) or sympy expressions.
        Players default to ``Player 1, ...`` and strategies to ``1, 2, ...``.
        """
        params = parameters if isinstance(parameters, Parameters) else Parameters(tuple(parameters))
        n = len(payoffs)
        player_labels = tuple(players) if players is not None else _default_players(n)
        if len(player_labels) != n:
            raise GameDefinitionError(
                f"NormalFormGame.from_arrays(): {len(player_labels)} players but {n} payoff arrays"
            )
        arrays = []
        for player, nested in zip(player_labels, payoffs):
            try:
                raw = np.array(nested, dtype=object)
            except ValueError:
                raise GameDefinitionError(
                    f"NormalFormGame.from_arrays(): player '{player}' payoffs are ragged"
                ) from None
            arrays.append(raw)
        shape = arrays[0].shape
        if len(shape) != n:
            raise GameDefinitionError(
                f"NormalFormGame.from_arrays(): {n} players need {n}-dimensional payoff arrays, "
                f"got shape {shape}"
            )
        if strategies is None:
            strategy_labels = tuple(tuple(str(k + 1) for k in range(size)) for size in shape)
        else:
            strategy_labels = tuple(tuple(labels) for labels in strategies)
        for player, raw in zip(player_labels, arrays):
            expected = tuple(len(labels) for labels in strategy_labels)
            if raw.shape != expected:
                raise GameDefinitionError(
                    f"NormalFormGame.from_arrays(): player '{player}' payoffs have shape "
                    f"{raw.shape}, expected {expected} (one entry per strategy profile)"
                )
        exact = []
        for player, raw in zip(player_labels, arrays):
            entries = []
            for index in itertools.product(*(range(size) for size in raw.shape)):
                where = f"payoff of '{player}' at {_profile_text(strategy_labels, index)}"
                entries.append(to_expression(raw[index], params, where=where))
            exact.append(sympy.ImmutableDenseNDimArray(entries, raw.shape))
        return cls(
            players=player_labels,
            strategies=strategy_labels,
            payoffs=tuple(exact),
            parameters=params,
            name=name,
            title=title,
            description=description,
        )

    @classmethod
    def from_matrices(
        cls,
        row_payoffs: Sequence[Sequence[Any]],
        column_payoffs: Sequence[Sequence[Any]],
        **options: Any,
    ) -> NormalFormGame:
        """A two-player game from the row player's and the column player's payoff matrices.

        Keyword options are those of :meth:`from_arrays`.
        """
        players = options.pop("players", ("Row", "Column"))
        return cls.from_arrays([row_payoffs, column_payoffs], players=players, **options)

    @classmethod
    def from_dict(
        cls,
        table: Mapping[Sequence[str], Sequence[Any]],
        *,
        players: Sequence[str],
        strategies: Sequence[Sequence[str]],
        **options: Any,
    ) -> NormalFormGame:
        """A game from ``{(strategy of player 1, ...): (payoff 1, ...)}`` with labels.

        Every strategy profile must appear exactly once.

        >>> g = NormalFormGame.from_dict(
        ...     {("H", "H"): (1, -1), ("H", "T"): (-1, 1),
        ...      ("T", "H"): (-1, 1), ("T", "T"): (1, -1)},
        ...     players=("Even", "Odd"), strategies=(("H", "T"), ("H", "T")))
        >>> g.payoff(("T", "H"))
        (-1, 1)
        """
        player_labels = tuple(players)
        strategy_labels = tuple(tuple(labels) for labels in strategies)
        shape = tuple(len(labels) for labels in strategy_labels)
        arrays = [np.empty(shape, dtype=object) for _ in player_labels]
        seen = set()
        for key, values in table.items():
            key = tuple(key)
            if len(key) != len(player_labels):
                raise GameDefinitionError(
                    f"NormalFormGame.from_dict(): profile {key} names {len(key)} strategies, "
                    f"expected one per player ({len(player_labels)})"
                )
            index = tuple(
                _strategy_index(player_labels[p], strategy_labels[p], label)
                for p, label in enumerate(key)
            )
            if index in seen:
                raise GameDefinitionError(f"NormalFormGame.from_dict(): profile {key} given twice")
            seen.add(index)
            values = tuple(values)
            if len(values) != len(player_labels):
                raise GameDefinitionError(
                    f"NormalFormGame.from_dict(): profile {key} has {len(values)} payoffs, "
                    f"expected {len(player_labels)}"
                )
            for p, value in enumerate(values):
                arrays[p][index] = value
        for index in itertools.product(*(range(size) for size in shape)):
            if index not in seen:
                raise GameDefinitionError(
                    "NormalFormGame.from_dict(): no payoffs for profile "
                    f"{_profile_text(strategy_labels, index)}"
                )
        return cls.from_arrays(
            [a.tolist() for a in arrays], players=player_labels, strategies=strategy_labels,
            **options,
        )

    # Structure --------------------------------------------------------------------------------

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(len(labels) for labels in self.strategies)

    @property
    def num_players(self) -> int:
        return len(self.players)

    def player_index(self, player: str | int) -> int:
        """Index of a player given by label (or index)."""
        if isinstance(player, int) and 0 <= player < len(self.players):
            return player
        try:
            return self.players.index(str(player))
        except ValueError:
            raise GameDefinitionError(
                f"unknown player {player!r} (players: {', '.join(self.players)})"
            ) from None

    def strategy_index(self, player: str | int, strategy: str) -> int:
        """Index of ``strategy`` among ``player``'s strategies."""
        p = self.player_index(player)
        return _strategy_index(self.players[p], self.strategies[p], strategy)

    def profiles(self) -> Iterator[Profile]:
        """Every pure strategy profile as a tuple of indices, first player slowest."""
        return itertools.product(*(range(size) for size in self.shape))

    def payoff(self, profile: Sequence[str | int]) -> tuple[sympy.Expr, ...]:
        """Every player's payoff at a pure profile given by labels or indices."""
        index = tuple(
            s if isinstance(s, int) else self.strategy_index(p, s) for p, s in enumerate(profile)
        )
        return tuple(array[index] for array in self.payoffs)

    def profile_labels(self, profile: Profile) -> tuple[str, ...]:
        """The strategy labels of a profile of indices."""
        return tuple(self.strategies[p][s] for p, s in enumerate(profile))

    @cached_property
    def free_parameters(self) -> tuple[str, ...]:
        """Names of declared parameters the payoffs actually depend on, in declared order."""
        used = set().union(*(array.free_symbols for array in self.payoffs))
        names = {str(symbol) for symbol in used}
        return tuple(p.name for p in self.parameters if p.name in names)

    @property
    def is_numeric(self) -> bool:
        """True when no payoff depends on a parameter."""
        return not self.free_parameters

    @cached_property
    def is_zero_sum(self) -> bool:
        """True when payoffs sum to zero at every profile (symbolically)."""
        return all(
            sympy.simplify(sum(array[index] for array in self.payoffs)) == 0
            for index in self.profiles()
        )

    # Derived games ----------------------------------------------------------------------------

    def substitute(self, values: Mapping[str, object]) -> NormalFormGame:
        """The game with the given parameters fixed; the others stay symbolic.

        Values are checked against the parameters' bounds.
        """
        checked = self.parameters.checked(values)
        mapping = {self.parameters[name].symbol: value for name, value in checked.items()}
        arrays = tuple(
            a.applyfunc(lambda e: e.xreplace(mapping)) if mapping else a for a in self.payoffs
        )
        if mapping:
            for player, array in zip(self.players, arrays):
                for index in self.profiles():
                    check_defined(array[index], values=checked, where=(
                        f"payoff of '{player}' at {_profile_text(self.strategies, index)}"))
        return NormalFormGame(
            players=self.players,
            strategies=self.strategies,
            payoffs=arrays,
            parameters=self.parameters.without(checked),
            name=self.name,
            title=self.title,
            description=self.description,
        )

    def at(self, values: Mapping[str, object] | None = None) -> NormalFormGame:
        """The exact numeric game: the given values, and defaults for the other parameters.

        >>> from commit_calc.model.parameters import Parameter
        >>> g = NormalFormGame.from_matrices([["c", 0], [1, 1]], [[1, 0], [0, 1]],
        ...                                  parameters=[Parameter("c", default=2)])
        >>> g.at({"c": "1/2"}).payoff((0, 0))
        (1/2, 1)
        """
        return self.substitute(self.parameters.values(values))

    def numeric_payoffs(self) -> tuple[np.ndarray, ...]:
        """One numpy object array of ``Fraction`` payoffs per player (cached; do not modify).

        Raises :class:`ParameterError` if a payoff still depends on a parameter.
        """
        return self._fraction_payoffs

    @cached_property
    def _fraction_payoffs(self) -> tuple[np.ndarray, ...]:
        if not self.is_numeric:
            raise ParameterError(
                "the game has parameters without values ("
                + ", ".join(self.free_parameters)
                + "): substitute values first, e.g. game.at()"
            )
        return tuple(
            np.vectorize(to_fraction, otypes=[object])(np.array(array.tolist(), dtype=object))
            for array in self.payoffs
        )

    def _repr_html_(self) -> str:
        """Jupyter's rich display (see :func:`commit_calc.render.html.game_html`)."""
        from commit_calc.render.html import game_html

        return game_html(self)

    def __repr__(self) -> str:
        return str(self)

    def __str__(self) -> str:
        return f"NormalFormGame({self.title or self.name or 'untitled'}, {self.shape})"


def _default_players(n: int) -> tuple[str, ...]:
    return tuple(f"Player {k + 1}" for k in range(n))


def _check_labels(where: str, kind: str, labels: Sequence[str]) -> None:
    if len(labels) == 0:
        raise GameDefinitionError(f"{where}: at least one {kind} is needed")
    for label in labels:
        if not isinstance(label, str) or not label.strip():
            raise GameDefinitionError(f"{where}: {kind} label {label!r} must be non-empty text")
    if len(set(labels)) != len(labels):
        duplicates = sorted({label for label in labels if list(labels).count(label) > 1})
        raise GameDefinitionError(f"{where}: {kind} label(s) {duplicates} repeated")


def _strategy_index(player: str, labels: Sequence[str], label: str) -> int:
    try:
        return list(labels).index(label)
    except ValueError:
        raise GameDefinitionError(
            f"player '{player}' has no strategy {label!r} (strategies: {', '.join(labels)})"
        ) from None


def _profile_text(strategies: Sequence[Sequence[str]], index: Sequence[int]) -> str:
    return "(" + ", ".join(strategies[p][s] for p, s in enumerate(index)) + ")"

