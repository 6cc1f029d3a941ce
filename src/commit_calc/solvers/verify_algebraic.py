"""An independent exact check of mixed profiles whose probabilities are algebraic numbers.

The probabilities (``1/2 + sqrt(5)/10``, polynomials in ``CRootOf(...)``) are read as elements
of the number field sympy builds from the radicals and roots they contain
(``QQ.algebraic_field``); expected payoffs and regrets are then computed in that field, where
equality is exact. A nonzero number's sign is read from a 50-digit evaluation that sympy
certifies (``evalf(strict=True)``). Nothing here uses the solver's polynomial systems.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import sympy
from sympy import QQ

from commit_calc.errors import GameDefinitionError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.solvers.verify import tree_regrets


def verify_algebraic(
    game: NormalFormGame,
    probabilities: Sequence[Sequence[sympy.Expr]],
    claimed_payoffs: Sequence[sympy.Expr] | None = None,
) -> tuple[tuple[sympy.Expr, ...], tuple[sympy.Expr, ...]]:
    """Each player's exact expected payoff and regret at an algebraic mixed profile.

    With ``claimed_payoffs`` (a solver's), the payoffs returned are those, once each is found
    exactly equal to the expected payoff computed here; a regret is then reported as 1 for a
    payoff that differs.

    Raises :class:`GameDefinitionError` if a distribution has the wrong length, a negative
    probability, or does not sum to exactly 1.

    Examples
    --------
    A three-player game whose equilibrium has each player play the first strategy with
    probability ``sqrt(2) - 1``:

    >>> game = NormalFormGame.from_arrays([
    ...     [[[0, 1], [-1, 0]], [[0, 0], [0, 0]]],
    ...     [[[0, -1], [0, 0]], [[1, 0], [0, 0]]],
    ...     [[[2, 0], [0, 0]], [[0, 0], [-1, 0]]]])
    >>> p = sympy.sqrt(2) - 1
    >>> verify_algebraic(game, [(p, 1 - p)] * 3)[1]
    (0, 0, 0)
    """
    if len(probabilities) != game.num_players or any(
        len(d) != size for d, size in zip(probabilities, game.shape)
    ):
        raise GameDefinitionError("verify_algebraic(): the profile does not fit the game's shape")
    field, generators = _field([p for d in probabilities for p in d]
                               + list(claimed_payoffs or ()))
    convert = _converter(field, generators)
    mix = [[convert(p) for p in d] for d in probabilities]
    for player, distribution in enumerate(mix):
        if sum(distribution, field.zero) != field.one or any(_sign(field, p) < 0
                                                          for p in distribution):
            raise GameDefinitionError(
                f"verify_algebraic(): the distribution of player {player + 1} is not a "
                "probability distribution"
            )
    payoffs, regrets = [], []
    for player, array in enumerate(game.numeric_payoffs()):
        values = _strategy_values(field, array, mix, player)
        payoff = sum((m * v for m, v in zip(mix[player], values)), field.zero)
        best = values[0]
        for value in values[1:]:
            if _sign(field, value - best) > 0:
                best = value
        regret = _simplified(field.to_sympy(best - payoff))
        if claimed_payoffs is None:
            payoffs.append(_simplified(field.to_sympy(payoff)))
        else:
            payoffs.append(claimed_payoffs[player])
            if convert(claimed_payoffs[player]) != payoff:
                regret = sympy.S.One
        regrets.append(regret)
    return tuple(payoffs), tuple(regrets)


def verify_algebraic_tree(
    game: ExtensiveFormGame, probabilities: Sequence[Sequence[sympy.Expr]]
) -> tuple[tuple[sympy.Expr, ...], tuple[sympy.Expr, ...]]:
    """Each player's exact expected payoff and regret at a behaviour profile of a numeric tree
    (one distribution per information set) whose probabilities are algebraic numbers.

    The tree is evaluated by the same best-response pass as :func:`~commit_calc.solvers.
    verify.verify`, in the number field the probabilities generate, each comparison decided by
    the exact sign of a difference.

    Examples
    --------
    The three-player game of :func:`verify_algebraic` as a tree: each player moves without
    seeing the others' moves.

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> table = {(0, 0, 0): (0, 0, 2), (0, 0, 1): (1, -1, 0), (0, 1, 0): (-1, 0, 0),
    ...          (1, 0, 0): (0, 1, 0), (1, 1, 0): (0, 0, -1)}
    >>> leaf = lambda *k: Terminal(table.get(k, (0, 0, 0)))
    >>> third = lambda i, j: Decision("3", {"a": leaf(i, j, 0), "b": leaf(i, j, 1)}, infoset="I3")
    >>> second = lambda i: Decision("2", {"a": third(i, 0), "b": third(i, 1)}, infoset="I2")
    >>> game = ExtensiveFormGame.build(players=("1", "2", "3"),
    ...                                root=Decision("1", {"a": second(0), "b": second(1)}))
    >>> p = sympy.sqrt(2) - 1
    >>> verify_algebraic_tree(game, [(p, 1 - p)] * 3)[1]
    (0, 0, 0)
    """
    if len(probabilities) != len(game.infosets) or any(
        len(d) != len(i.actions) for d, i in zip(probabilities, game.infosets)
    ):
        raise GameDefinitionError(
            "verify_algebraic_tree(): the profile does not have one distribution per "
            "information set of the game, over its actions"
        )
    field, generators = _field([p for d in probabilities for p in d])
    convert = _converter(field, generators)
    for k, distribution in enumerate(probabilities):
        values = [convert(p) for p in distribution]
        if sum(values, field.zero) != field.one or any(_sign(field, p) < 0 for p in values):
            raise GameDefinitionError(
                f"verify_algebraic_tree(): the distribution at information set "
                f"{game.infosets[k].label} is not a probability distribution"
            )

    def ordered(number: Any) -> _Ordered:
        return _Ordered(field, convert(number) if isinstance(number, sympy.Basic)
                        else _lifted(field, number))

    moves = [[ordered(x) for x in row] for row in game.exact_numbers]
    for infoset, distribution in zip(game.infosets, probabilities):
        row = [ordered(p) for p in distribution]
        for member in infoset.members:
            moves[member] = row
    payoffs, regrets = tree_regrets(game, moves, moves)
    return (tuple(_simplified(field.to_sympy(_lifted(field, v))) for v in payoffs),
            tuple(_simplified(field.to_sympy(_lifted(field, v))) for v in regrets))


class _Ordered:
    """An element of a number field with exact ordering, so that the generic tree pass of
    :func:`~commit_calc.solvers.verify.tree_regrets` can add, multiply and compare it (plain
    ``int`` and ``Fraction`` operands, its starting sums and weights, are lifted into the
    field)."""

    __slots__ = ("field", "value")

    def __init__(self, field: Any, value: Any) -> None:
        self.field, self.value = field, value

    def _other(self, other: object) -> Any:
        return _lifted(self.field, other)

    def __add__(self, other: object) -> _Ordered:
        return _Ordered(self.field, self.value + self._other(other))

    __radd__ = __add__

    def __mul__(self, other: object) -> _Ordered:
        return _Ordered(self.field, self.value * self._other(other))

    __rmul__ = __mul__

    def __sub__(self, other: object) -> _Ordered:
        return _Ordered(self.field, self.value - self._other(other))

    def __rsub__(self, other: object) -> _Ordered:
        return _Ordered(self.field, self._other(other) - self.value)

    def __eq__(self, other: object) -> bool:
        return bool(self.value == self._other(other))

    def __hash__(self) -> int:
        return hash(self.value)

    def __lt__(self, other: object) -> bool:
        return _sign(self.field, self.value - self._other(other)) < 0

    def __gt__(self, other: object) -> bool:
        return _sign(self.field, self.value - self._other(other)) > 0


def _lifted(field: Any, number: object) -> Any:
    if isinstance(number, _Ordered):
        return number.value
    return field.convert(QQ(int(number.numerator), int(number.denominator)))  # type: ignore[attr-defined]


def _converter(field: Any, generators: list[sympy.Expr]) -> Any:
    """A function from sympy numbers to elements of ``field``: through the powers of the
    generator where there is one (fast), else by sympy's general conversion; cached."""
    cache: dict[sympy.Expr, Any] = {}
    powers: list[Any] = []
    if len(generators) == 1:
        powers.append(field.one)
        powers.append(field.from_sympy(generators[0]))

    def convert(number: object) -> Any:
        expression = sympy.sympify(number)
        if expression not in cache:
            if len(generators) == 1:
                coefficients = sympy.Poly(expression, generators[0], domain=QQ).all_coeffs()
                total = field.zero
                for k, c in enumerate(reversed(coefficients)):
                    while len(powers) <= k:
                        powers.append(powers[-1] * powers[1])
                    total += field.convert(c) * powers[k]
                cache[expression] = total
            else:
                cache[expression] = field.from_sympy(expression)
        return cache[expression]

    return convert


def _field(numbers: Sequence[Any]) -> tuple[Any, list[sympy.Expr]]:
    generators: set[sympy.Expr] = set()
    for number in numbers:
        expression = sympy.sympify(number)
        generators |= expression.atoms(sympy.CRootOf)
        generators |= {
            atom for atom in expression.atoms(sympy.Pow)
            if atom.exp.is_Rational and not atom.exp.is_Integer
        }
    ordered = sorted(generators, key=sympy.default_sort_key)
    return (QQ.algebraic_field(*ordered) if ordered else QQ), ordered


def _strategy_values(field: Any, array: Any, mix: list[list[Any]], player: int) -> list[Any]:
    others = [
        [(k, p) for k, p in enumerate(d) if p != field.zero]
        for q, d in enumerate(mix) if q != player
    ]
    values = []
    for own in range(len(mix[player])):
        total = field.zero
        for combination in itertools.product(*others):
            weight = field.one
            index = []
            for k, p in combination:
                weight *= p
                index.append(k)
            index.insert(player, own)
            value = array[tuple(index)]
            total += weight * field.convert(QQ(value.numerator, value.denominator))
        values.append(total)
    return values


def _sign(field: Any, value: Any) -> int:
    if value == field.zero:
        return 0
    number = field.to_sympy(value).evalf(50, strict=True)
    return 1 if number > 0 else -1


def _simplified(value: sympy.Expr) -> sympy.Expr:
    return sympy.expand(value)


__all__ = ["verify_algebraic", "verify_algebraic_tree"]
