"""One axis of a sweep: ``count`` exact values from ``start`` to ``stop``, evenly spaced."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import numpy as np
import sympy

from commit_calc.analysis.exact_grid import exact_on_grid
from commit_calc.errors import CommitCalcError, ParameterError
from commit_calc.model.values import exact_number


@dataclass(frozen=True)
class Axis:
    """``count`` exact values from ``start`` to ``stop`` inclusive (``count = 1``: ``start``)."""

    name: str
    start: sympy.Rational
    stop: sympy.Rational
    count: int

    @classmethod
    def parse(cls, name: str, start: object, stop: object, count: object) -> Axis:
        """An axis from user input, with errors that name the parameter.

        >>> Axis.parse("salary", 0, "1000", 3).values
        (0, 500, 1000)
        >>> Axis.parse("salary", 0, 1, 0)
        Traceback (most recent call last):
        ...
        commit_calc.errors.ParameterError: sweep of 'salary': COUNT must be at least 1, got 0
        """
        try:
            first = exact_number(start, what=f"sweep of '{name}': START")
            last = exact_number(stop, what=f"sweep of '{name}': STOP")
        except CommitCalcError as error:
            raise ParameterError(str(error)) from None
        if isinstance(count, bool) or not isinstance(count, int | str):
            raise ParameterError(f"sweep of '{name}': COUNT must be a whole number, got {count!r}")
        try:
            number = int(count)
        except ValueError:
            raise ParameterError(
                f"sweep of '{name}': COUNT must be a whole number, got {count!r}") from None
        if number < 1:
            raise ParameterError(f"sweep of '{name}': COUNT must be at least 1, got {number}")
        return cls(name, first, last, number)

    @cached_property
    def step(self) -> sympy.Rational:
        return (self.stop - self.start) / (self.count - 1) if self.count > 1 else sympy.Integer(0)

    @cached_property
    def values(self) -> tuple[sympy.Rational, ...]:
        return tuple(self.start + k * self.step for k in range(self.count))

    def floats(self) -> np.ndarray:
        return float(self.start) + np.arange(self.count) * float(self.step)

    @cached_property
    def _exact(self) -> tuple[Fraction, Fraction]:
        return (Fraction(int(self.start.p), int(self.start.q)),
                Fraction(int(self.step.p), int(self.step.q)))

    def fraction(self, k: int) -> Fraction:
        start, step = self._exact
        return start + k * step

    def texts(self) -> list[str]:
        """Every value as exact text (``"1/3"``), computed in integers for the whole axis
        at once (no sympy number per value: a million-value axis takes a fraction of a
        second).

        >>> Axis.parse("p", "-1/2", 1, 4).texts()
        ['-1/2', '0', '1/2', '1']
        """
        symbol = sympy.Dummy()
        numerators, denominators = exact_on_grid(
            symbol, [symbol], [(self.start, self.step)], [np.arange(self.count)])
        if (denominators == 1).all():
            return list(map(str, numerators.tolist()))
        return [str(n) if d == 1 else f"{n}/{d}"
                for n, d in zip(numerators.tolist(), denominators.tolist())]
