"""The result of a sweep (:func:`.sweep.sweep`): the equilibria at every grid point, by class,
as rows, CSV lines or texts per point."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from commit_calc.analysis.axis import Axis
from commit_calc.analysis.domain import InvalidPoint
from commit_calc.analysis.exact_grid import exact_function, exact_on_grid
from commit_calc.analysis.regions import Region, RegionAnalysis
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame

Game = ExtensiveFormGame | NormalFormGame


@dataclass(frozen=True)
class PointEquilibrium:
    """One equilibrium at one grid point: its outcome label and exact payoffs."""

    outcome: str
    payoffs: tuple[sympy.Rational, ...]


@dataclass(frozen=True)
class SweepResult:
    """The equilibria at every grid point.

    ``codes`` (shape: one dimension per axis) numbers each point's class; ``classes[c]`` is a
    :class:`Region` (method ``"regions"``) or a tuple of :class:`PointEquilibrium` (method
    ``"points"``). :meth:`rows` gives the points in order, the first axis slowest.

    ``kinds[c]`` numbers the equilibrium set of class ``c`` *as choices*: the actions each
    equilibrium plays with positive probability at every information set (or every player's
    support). Classes of the same kind differ only in numbers that move with the parameters
    (payoffs, mixing probabilities). Regions are kinds already (``kinds`` empty): the regions
    of :func:`.regions.parameter_regions` have different equilibrium sets.
    """

    game: Game
    fixed: dict[str, sympy.Rational]
    axes: tuple[Axis, ...]
    method: str
    codes: np.ndarray
    classes: tuple[Any, ...]
    analysis: RegionAnalysis | None = None
    kinds: tuple[int, ...] = ()
    _formulas: dict[sympy.Expr, Callable[..., Any]] = field(
        default_factory=dict, repr=False, compare=False)

    @property
    def players(self) -> tuple[str, ...]:
        return self.game.players

    @property
    def size(self) -> int:
        return int(self.codes.size)

    def kind_codes(self) -> np.ndarray:
        """The kind (see above) of every grid point, shaped like ``codes``."""
        if not self.kinds:
            return self.codes
        found: np.ndarray = np.asarray(self.kinds, dtype=np.int32)[self.codes]
        return found

    def changes(self) -> np.ndarray:
        """For a one-parameter sweep: ``True`` at each value whose equilibrium set, as
        choices, differs from the value before (payoffs or mixing probabilities that move
        with the parameter are no change)."""
        kinds = self.kind_codes().ravel()
        changed: np.ndarray = np.concatenate([[False], kinds[1:] != kinds[:-1]])
        return changed

    def outcomes(self, code: int) -> tuple[str, ...]:
        """The outcome labels of class ``code``."""
        found = self.classes[code]
        if isinstance(found, InvalidPoint):
            return (f"invalid: {found.reason}",)
        if isinstance(found, Region):
            return tuple(e.outcome for e in found.equilibria)
        return tuple(e.outcome for e in found)

    def equilibria_at(self, index: Sequence[int]) -> list[PointEquilibrium]:
        """Every equilibrium at the grid point with axis indices ``index``, exactly."""
        found = self.classes[int(self.codes[tuple(index)])]
        if isinstance(found, InvalidPoint):
            return []
        if not isinstance(found, Region):
            return list(found)
        point = [axis.fraction(k) for axis, k in zip(self.axes, index)]
        return [
            PointEquilibrium(e.outcome, tuple(
                sympy.Rational(v.numerator, v.denominator) if isinstance(v, Fraction)
                else sympy.Rational(v)
                for v in (self._compiled(e.payoffs[p])(*point) for p in self.players)))
            for e in found.equilibria
        ]

    def _axis_symbols(self) -> list[sympy.Symbol]:
        """The symbols of the axes in the region formulas (method ``"regions"`` only)."""
        assert self.analysis is not None, "a sweep by regions keeps its analysis"
        return [self.analysis.symbols[a.name] for a in self.axes]

    def _compiled(self, formula: sympy.Expr) -> Callable[..., Any]:
        if formula not in self._formulas:
            self._formulas[formula] = exact_function(formula, self._axis_symbols())
        return self._formulas[formula]

    def rows(self) -> Iterator[dict[str, Any]]:
        """One dict per grid point: each axis value and ``"equilibria"``."""
        for index in itertools.product(*(range(a.count) for a in self.axes)):
            row: dict[str, Any] = {
                a.name: a.start + k * a.step for a, k in zip(self.axes, index)
            }
            row["equilibria"] = self.equilibria_at(index)
            yield row

    def csv_lines(self) -> Iterator[str]:
        """CSV body lines (no header): one per grid point and equilibrium, exact values."""
        texts = [a.texts() for a in self.axes]
        prefix = texts[0] if len(texts) == 1 else [",".join(t) for t in itertools.product(*texts)]
        yield from self.point_lines(prefix, None, lambda outcome: f",{_csv_field(outcome)},",
                                    ",")

    def point_lines(self, first: Sequence[str], rest: str | None,
                    outcome: Callable[[str], str], joiner: str, end: str = "") -> list[str]:
        """One text per grid point, in the order of :meth:`rows`: a line per equilibrium,
        ``prefix + outcome(label) + joiner.join(payoff texts) + end``, joined by newlines.
        The prefix is ``first[point]`` on the point's first line and ``rest`` on the others
        (``None``: ``first[point]`` again); a point without equilibria is its prefix alone.

        Payoffs of the region path are computed for all points of a region at once in exact
        integer arithmetic (see :mod:`.exact_grid`), so no point needs a sympy number.
        """
        flat_codes = self.codes.ravel()
        indices = np.unravel_index(np.arange(flat_codes.size), self.codes.shape)
        lines = np.empty(flat_codes.size, dtype=object)
        for code, found in enumerate(self.classes):
            where = np.flatnonzero(flat_codes == code)
            if where.size == 0:
                continue
            heads = [first[k] for k in where.tolist()]
            blocks = []
            for j, (label, payoff_texts) in enumerate(
                    self._class_payoffs(found, [ix[where] for ix in indices])):
                middle = outcome(label)
                blocks.append([f"{head}{middle}{joiner.join(payoffs)}{end}" for head, payoffs
                               in zip(heads if j == 0 or rest is None else [rest] * len(heads),
                                      zip(*payoff_texts))])
            lines[where] = ["\n".join(parts) for parts in zip(*blocks)] if blocks else heads
        found_lines: list[str] = lines.tolist()
        return found_lines

    def _class_payoffs(self, found: Any, at: list[np.ndarray]
                       ) -> list[tuple[str, list[list[str]]]]:
        if isinstance(found, InvalidPoint):
            return [(f"invalid: {found.reason}", [[""] * at[0].size for _ in self.players])]
        if not isinstance(found, Region):
            return [(e.outcome, [[str(v)] * at[0].size for v in e.payoffs]) for e in found]
        symbols = self._axis_symbols()
        steps = [(a.start, a.step) for a in self.axes]
        result = []
        for e in found.equilibria:
            texts = []
            for player in self.players:
                numerators, denominators = exact_on_grid(e.payoffs[player], symbols, steps, at)
                texts.append([str(n) if d == 1 else f"{n}/{d}"
                              for n, d in zip(numerators.tolist(), denominators.tolist())])
            result.append((e.outcome, texts))
        return result

    def header(self) -> list[str]:
        return [a.name for a in self.axes] + ["outcome"] + [f"payoff_{p}" for p in self.players]


def _csv_field(text: str) -> str:
    if any(c in text for c in ',"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text
