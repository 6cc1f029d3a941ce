"""The parameter domain: the parameter values where a game is defined.

One place says which points every analysis may use: each parameter within its declared
bounds, and every chance probability in [0, 1], also where a probability is a formula
(``1 - p``, ``q*r``). A probability that no bound restricts becomes a condition on the
parameters, in the form regions use (``{key: allowed signs}``, see :mod:`.atoms`); regions
intersect it into every region, per-point work leaves out the points outside it.

>>> import sympy
>>> from commit_calc.model import ExtensiveFormGame, Decision, Chance, Terminal, Parameter
>>> game = ExtensiveFormGame.build(
...     players=("A",), parameters=[Parameter("p", "1/2")],
...     root=Decision("A", {"Bet": Chance({"Win": ("p", Terminal((3,))),
...                                        "Lose": ("1 - p", Terminal((-1,)))}),
...                         "Pass": Terminal((0,))}))
>>> sorted((str(k), sorted(s)) for k, s in domain_of(game).conditions.items())
[('p', [0, 1]), ('p - 1', [-1, 0])]
>>> try:
...     domain_of(game).check({"p": 2})
... except ParameterError as error:
...     print(error)
chance node 'n2': probability of 'Win' is 2, outside [0, 1] (with p=2)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import sympy

from commit_calc.analysis.atoms import Requirement, Signs, conjunction, requirement
from commit_calc.analysis.feasibility import NONNEGATIVE, Bound, satisfiable
from commit_calc.errors import ParameterError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame

Term = dict[sympy.Expr, Signs]

#: Why a point is left out of a sweep (the text shown for it in every output).
INVALID_REASON = "chance probability outside [0, 1]"


@dataclass(frozen=True)
class Probability:
    """A chance probability that depends on parameters: where it is, and its formula."""

    node: str
    action: str
    formula: sympy.Expr


@dataclass(frozen=True)
class Domain:
    """Declared ``bounds`` and the ``conditions`` beyond them that every point must meet.

    ``conditions`` is a conjunction ``{key: allowed signs}``: those of the ``probabilities``
    in [0, 1] that the bounds do not already imply.
    """

    bounds: dict[sympy.Symbol, Bound]
    conditions: Term
    probabilities: tuple[Probability, ...] = field(default=(), repr=False)

    def check(self, values: Mapping[str, object]) -> None:
        """Raise :class:`ParameterError` naming the chance probability that ``values`` (exact,
        by parameter name, covering the probabilities' parameters) put outside [0, 1]."""
        by_name = {str(s): s for s in self.bounds}
        mapping = {by_name[n]: sympy.Rational(v) for n, v in values.items() if n in by_name}
        for probability in self.probabilities:
            value = probability.formula.xreplace(mapping)
            if value.is_number and not (0 <= value <= 1):
                used = sorted(str(s) for s in probability.formula.free_symbols)
                given = ", ".join(f"{n}={values[n]}" for n in used)
                raise ParameterError(
                    f"chance node '{probability.node}': probability of '{probability.action}' "
                    f"is {value}, outside [0, 1] (with {given})")


@dataclass(frozen=True)
class InvalidPoint:
    """The class of the sweep points outside the domain (they have no equilibria)."""

    reason: str = INVALID_REASON


def sign_conditions(term: Mapping[sympy.Expr, Signs]) -> list[tuple[sympy.Expr, int]]:
    """A conjunction as sign conditions for :func:`.feasibility.satisfiable` (``{+1, -1}``
    is dropped, so the result may be weaker, never stronger)."""
    found = []
    for key, allowed in term.items():
        if len(allowed) == 1:
            found.append((key, next(iter(allowed))))
        elif allowed == frozenset({1, 0}):
            found.append((key, NONNEGATIVE))
        elif allowed == frozenset({-1, 0}):
            found.append((-key, NONNEGATIVE))
    return found


def chance_probabilities(game: ExtensiveFormGame | NormalFormGame) -> tuple[Probability, ...]:
    """Every chance probability of ``game`` that depends on a parameter."""
    if not isinstance(game, ExtensiveFormGame):
        return ()
    return tuple(
        Probability(node.name, action, formula)
        for node in game.nodes
        for action, formula in zip(node.actions, node.probabilities)
        if formula.free_symbols
    )


def domain_of(game: ExtensiveFormGame | NormalFormGame) -> Domain:
    """The domain of ``game``'s (symbolic) parameters.

    Raises :class:`commit_calc.errors.UnsupportedGameError` for a probability that is not a
    polynomial over a denominator of known sign (the symbolic analysis cannot use it), and
    :class:`ParameterError` when no parameter values put every probability in [0, 1].
    """
    bounds = {p.symbol: (p.lower, p.upper) for p in game.parameters}
    probabilities = chance_probabilities(game)
    needs: list[Requirement | bool] = []
    for probability in probabilities:
        needs += [requirement(probability.formula, ">="),
                  requirement(1 - probability.formula, ">=")]
    term = conjunction(needs)
    if term is None or satisfiable(sign_conditions(term), bounds) is False:
        raise ParameterError(
            "no parameter values within the bounds put every chance probability in [0, 1]")
    kept = {key: allowed for key, allowed in term.items()
            if not _implied(key, allowed, bounds)}
    return Domain(bounds, kept, probabilities)


def _implied(key: sympy.Expr, allowed: Signs, bounds: dict[sympy.Symbol, Bound]) -> bool:
    """Whether the bounds alone give ``key`` one of the ``allowed`` signs."""
    return all(satisfiable([(key, s)], bounds) is False for s in {1, 0, -1} - allowed)


def valid_points(game: ExtensiveFormGame | NormalFormGame, symbols: Sequence[sympy.Symbol],
                 axes: Sequence[tuple[sympy.Rational, sympy.Rational, int]]) -> np.ndarray | None:
    """Which points of a grid lie in the domain, decided exactly; ``None`` if all do.

    ``game`` has every parameter but ``symbols`` fixed; ``axes`` gives ``(start, step,
    count)`` per symbol. A probability undefined at a point (a zero denominator) leaves the
    point out too.
    """
    from commit_calc.analysis.exact_grid import exact_function, exact_on_grid

    probabilities = chance_probabilities(game)
    if not probabilities:
        return None
    shape = tuple(count for _, _, count in axes)
    indices = [np.arange(count).reshape([-1 if d == k else 1 for d in range(len(axes))])
               for k, (_, _, count) in enumerate(axes)]
    steps = [(start, step) for start, step, _ in axes]
    valid = np.ones((1,) * len(axes), dtype=bool)  # grows to the axes that are used
    for probability in probabilities:
        formula = probability.formula
        if formula.is_polynomial(*symbols):
            used = [k for k, s in enumerate(symbols) if s in formula.free_symbols]
            numerators, denominators = exact_on_grid(  # on the axes it uses, then broadcast
                formula, [symbols[k] for k in used], [steps[k] for k in used],
                [indices[k] for k in used])
            valid = valid & (numerators >= 0) & (numerators <= denominators)
            continue
        if valid.shape != shape:
            valid = np.broadcast_to(valid, shape).copy()
        function = exact_function(formula, symbols)
        for index in np.ndindex(*shape):
            point = [Fraction(int(s.p), int(s.q)) + k * Fraction(int(d.p), int(d.q))
                     for (s, d), k in zip(steps, index)]
            try:
                value = Fraction(function(*point))
            except ZeroDivisionError:
                valid[index] = False
                continue
            valid[index] &= 0 <= value <= 1
    return None if valid.all() else np.broadcast_to(valid, shape).copy()


def mark_invalid(codes: np.ndarray, classes: tuple[object, ...], valid: np.ndarray | None
                 ) -> tuple[np.ndarray, tuple[object, ...]]:
    """Give the points outside the domain (``valid`` False) a class of their own, the last."""
    if valid is None:
        return codes, classes
    codes = codes.copy()
    codes[~valid] = len(classes)
    return codes, (*classes, InvalidPoint())
