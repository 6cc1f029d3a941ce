"""Sweeps: the equilibria of a game at every point of a grid of parameter values.

The fast path uses the exact regions of :func:`.regions.parameter_regions` computed once with

the parameters that do not vary fixed: each comparison (key polynomial) is evaluated with
numpy on the grid's axes broadcast against each other, and each point takes the region whose
sign conditions it meets (:mod:`.region_grid`). Floats decide a sign only when the value is
clearly away from zero: a point whose value is within ``1e-10`` of the largest magnitude the
key's terms reach on the grid is re-decided in exact rational arithmetic, so points exactly on
a threshold (e.g. ``reliability = 20/33``) get the tie region, as the exact solver says.
Games the symbolic analysis does not cover are solved point by point, as
:func:`commit_calc.solvers.solve.solve` solves them, from the game prepared once
(:mod:`.pointwise`: no sympy at a point).

>>> from commit_calc.io import load_game
>>> result = sweep(load_game("enforcer-reliability"), [Axis.parse("reliability", 0, 1, 34)])
>>> result.method
'regions'
>>> [(str(r["reliability"]), [e.outcome for e in r["equilibria"]]) for r in result.rows()][20]
('20/33', ['Disarm > Reliable: Honor | Unreliable: Renege', 'Stay armed'])
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from commit_calc.analysis.axis import Axis
from commit_calc.analysis.domain import InvalidPoint, mark_invalid, valid_points
from commit_calc.analysis.labels import profile_label
from commit_calc.analysis.pointwise import PointSolution, PreparedGame, supports
from commit_calc.analysis.region_grid import TOLERANCE, region_codes, regions_of
from commit_calc.analysis.regions import RegionAnalysis
from commit_calc.analysis.sweep_result import Game, PointEquilibrium, SweepResult
from commit_calc.errors import ParameterError, UndefinedValueError, UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.values import kernel_fraction, kernel_rational

Progress = Callable[[int, int], None]
#: The equilibria at a point as choices: per equilibrium, the indices of the actions played
#: with positive probability at each information set (or in each player's support).
_Choices = tuple[tuple[tuple[int, ...], ...], ...]
#: Each equilibrium's label and payoffs (exact Python numbers), while sweeping point by point.
_Outcomes = tuple[tuple[str, tuple[Any, ...]], ...]

#: The largest grid a sweep computes (a 1000 x 1000 sweep has 10^6 points).
MAX_POINTS = 10**7
#: Largest sweep solved point by point (where exact regions do not apply).
MAX_POINTWISE = 10**6


def sweep(
    game: Game,
    axes: Sequence[Axis],
    values: Mapping[str, object] | None = None,
    *,
    concept: str = "auto",
    method: str = "auto",
    progress: Progress | None = None,
) -> SweepResult:
    """Every equilibrium of ``game`` at every point of the grid spanned by ``axes``.

    Parameters
    ----------
    game
        Any game :func:`commit_calc.solvers.solve.solve` accepts.
    axes
        One :class:`Axis` per varied parameter.
    values
        Fixed values of other parameters (defaults for the rest).
    method
        ``"regions"`` (vectorised over the exact regions; error if the game is not covered),
        ``"points"`` (solve every point exactly), or ``"auto"`` (regions where possible).
    progress
        Called as ``progress(done, total)`` while solving point by point.

    Raises
    ------
    ParameterError
        For an unknown or repeated parameter, or a grid value outside its bounds.
    """
    fixed = dict(values or {})
    names = [a.name for a in axes]
    if not axes:
        raise ParameterError("sweep: give at least one parameter to vary")
    points = math.prod(axis.count for axis in axes)
    if points > MAX_POINTS:
        raise ParameterError(
            f"sweep: {points:,} grid points is more than {MAX_POINTS:,}; lower a COUNT"
        )
    for name in names:
        if names.count(name) > 1:
            raise ParameterError(f"sweep: parameter '{name}' is varied twice")
        if name in fixed:
            raise ParameterError(f"sweep: parameter '{name}' is both varied and set")
    for axis in axes:
        parameter = game.parameters[axis.name]
        for end in (axis.start, axis.stop):
            try:
                parameter.check(end)
            except ParameterError as error:
                raise ParameterError(f"sweep of '{axis.name}': {error}") from None
    # the varied parameters need no default: the rest take theirs
    checked = game.parameters.without(names).values(fixed)
    constants = dict(checked)
    if method not in ("auto", "regions", "points"):
        raise UnsupportedGameError(f"sweep: method {method!r} is not auto, regions or points")

    def valid() -> np.ndarray | None:
        return valid_points(game.substitute(constants),
                            [game.parameters[a.name].symbol for a in axes],
                            [(a.start, a.step, a.count) for a in axes])

    if method != "points":
        try:
            analysis = regions_of(game, constants, concept)
            if not analysis.complete:
                raise UnsupportedGameError("sweep: the regions do not list every equilibrium")
        except UnsupportedGameError:
            if method == "regions":
                raise
        else:
            inside = valid()
            codes, classes = mark_invalid(region_codes(analysis, axes, inside),
                                          analysis.regions, inside)
            return SweepResult(game, constants, tuple(axes), "regions", codes, classes, analysis,
                               kinds=_region_kinds(analysis, len(classes)))
    if points > MAX_POINTWISE:
        raise ParameterError(
            f"sweep: {points:,} grid points is more than the {MAX_POINTWISE:,} solved one by "
            "one (this game has no exact regions here; a few thousand points take a second)")
    return _pointwise(game, constants, tuple(axes), concept, progress, valid())


def _region_kinds(analysis: RegionAnalysis, count: int) -> tuple[int, ...]:
    """The kind of each of ``count`` classes (the regions, then the invalid points if any):
    regions whose equilibria make the same choices are one kind, even where their payoff
    formulas differ (on either side of a min/max kink)."""
    tree = isinstance(analysis.game, ExtensiveFormGame)
    kinds: dict[object, int] = {}
    found = []
    for region in analysis.regions:
        key = tuple(sorted(
            tuple(sorted((player, tuple(sorted(map(str, choice.items() if tree else choice))))
                         for player, choice in e.strategies.items()))
            for e in region.equilibria))
        found.append(kinds.setdefault(key, len(kinds)))
    return tuple(found) + tuple(range(len(kinds), len(kinds) + count - len(found)))


def _point_key(fast: PreparedGame | None, game: Game, axes: Sequence[Axis], index: tuple[int, ...],
               concept: str, steps: Sequence[tuple[int, int, int]]
               ) -> tuple[_Choices, _Outcomes]:
    """The equilibria at one grid point, as choices and as outcomes with payoffs: from the
    prepared game where it covers the point, else from :func:`.solvers.solve.solve`;
    :data:`_UNDEFINED` where a payoff or probability is undefined there. ``steps`` gives
    each axis's values as ``(a + k * b) / d``."""
    solutions = None if fast is None else fast.solve(
        [kernel_fraction(a + k * b, d) for (a, b, d), k in zip(steps, index)])
    if solutions is None:
        from commit_calc.solvers.solve import solve  # only where the prepared game cannot

        try:
            result = solve(game, {a.name: a.values[k] for a, k in zip(axes, index)}, concept)
        except UndefinedValueError:  # a division by zero here: marked, not fatal
            return _UNDEFINED
        solutions = [PointSolution(e.profile.probabilities,
                                   tuple(kernel_rational(int(v.p), int(v.q)) for v in e.payoffs),
                                   profile_label(result.game, e.profile),
                                   supports(e.profile.probabilities))
                     for e in result.equilibria]
    found = tuple((s.label, s.payoffs) for s in solutions)
    # the equilibria as choices: what each plays with positive probability, everywhere
    return tuple(sorted(s.choices for s in solutions)), found


#: sympy >= 1.13 builds a rational known to be in lowest terms without a gcd
_from_coprime_ints = getattr(sympy.Rational, "from_coprime_ints", sympy.Rational)


def _sympy_number(value: Any) -> sympy.Rational:
    """An exact Python number (``int``, ``mpq``, ``Fraction``: lowest terms) as sympy's."""
    return _from_coprime_ints(int(value.numerator), int(value.denominator))


def _steps(axis: Axis) -> tuple[int, int, int]:
    """Integers ``a, b, d`` with ``axis.fraction(k) == (a + k * b) / d``."""
    start, step = axis.fraction(0), axis.fraction(1) - axis.fraction(0)
    d = start.denominator * step.denominator
    return start.numerator * step.denominator, step.numerator * start.denominator, d


#: The class of points where a payoff or probability is undefined (a division by zero).
UNDEFINED_POINT = InvalidPoint("a payoff or probability is undefined (division by zero)")
#: Its key among the point-by-point classes: no equilibrium plays action -1.
_UNDEFINED: tuple[_Choices, _Outcomes] = ((((-1,),),), ())


def _pointwise(game: Game, constants: dict[str, sympy.Rational], axes: tuple[Axis, ...],
               concept: str, progress: Progress | None, valid: np.ndarray | None,
               prepared: bool = True) -> SweepResult:
    """Solve every point exactly; points outside the domain (``valid`` False) are marked, not
    solved. The fixed parameters are substituted once, not per point, and the game is
    prepared once (:class:`~commit_calc.analysis.pointwise.PreparedGame`: no sympy per point);
    points it does not cover, or every point with ``prepared=False``, go through
    :func:`~commit_calc.solvers.solve.solve`."""
    shape = tuple(a.count for a in axes)
    codes = np.empty(shape, dtype=np.int32)
    classes: dict[tuple[_Choices, _Outcomes], int] = {}
    kinds: dict[_Choices, int] = {}
    kind_of: list[int] = []
    partial = game.substitute(constants)
    fast = PreparedGame(partial, [a.name for a in axes], concept) if prepared else None
    total = int(np.prod(shape))
    steps = [_steps(a) for a in axes]
    for done, index in enumerate(itertools.product(*(range(n) for n in shape))):
        if valid is not None and not valid[index]:
            codes[index] = -1  # outside the domain: marked below
        else:
            key = _point_key(fast, partial, axes, index, concept, steps)
            code = classes.setdefault(key, len(classes))
            if code == len(kind_of):
                kind_of.append(kinds.setdefault(key[0], len(kinds)))
            codes[index] = code
        if progress is not None:
            progress(done + 1, total)
    # the payoffs, exact Python numbers while solving, as sympy numbers once per class
    found_classes = tuple(UNDEFINED_POINT if key == _UNDEFINED else tuple(
        PointEquilibrium(label, tuple(map(_sympy_number, payoffs))) for label, payoffs in key[1])
        for key in classes)
    codes, marked = mark_invalid(codes, found_classes, valid)
    if len(marked) > len(found_classes):
        kind_of.append(len(kinds))  # the invalid points: a kind of their own
    return SweepResult(game, constants, axes, "points", codes, marked, kinds=tuple(kind_of))


# Axis lives in .axis; it is kept importable from here, where it was first defined.
__all__ = ["MAX_POINTS", "MAX_POINTWISE", "TOLERANCE", "Axis", "PointEquilibrium", "SweepResult",
           "sweep"]
