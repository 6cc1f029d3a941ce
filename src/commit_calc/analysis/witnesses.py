"""Points already found inside regions, reused to prove other conjunctions satisfiable.

The case split of :mod:`.case_split` asks, for a piece of parameter space already proved
non-empty, whether it meets ``key < 0``, ``key = 0`` and ``key > 0``: the point that proved
the piece non-empty lies in one of the three, which is then non-empty too without another
satisfiability check. :class:`Witnesses` keeps the last points :mod:`.feasibility` found
(each checked exactly against its conjunction and the bounds before it is kept) and the
signs of the keys at them.

>>> import sympy
>>> from fractions import Fraction
>>> s = sympy.Symbol("salary")
>>> known = Witnesses({s: (sympy.Integer(0), None)})
>>> known.add({s: Fraction(150)}, {s - 100: frozenset({1})})
>>> known.holds({s - 200: frozenset({-1})}), known.holds({s - 200: frozenset({1})})
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy

from commit_calc.analysis import polydicts as pd
from commit_calc.analysis.atoms import Signs
from commit_calc.analysis.feasibility import Bounds

#: Points kept (the most recently useful first tried).
MAX_WITNESSES = 16

Point = dict[sympy.Symbol, Fraction]


class Witnesses:
    """Points within ``bounds``, each with the signs of the keys evaluated there so far."""

    def __init__(self, bounds: Bounds) -> None:
        self.bounds = bounds
        self._points: list[tuple[Point, dict[sympy.Expr, int | None]]] = []
        self._polys: dict[sympy.Expr, tuple[tuple[sympy.Symbol, ...], pd.Poly]] = {}

    def holds(self, term: Mapping[sympy.Expr, Signs]) -> bool:
        """Whether some kept point satisfies every ``{key: allowed signs}`` of ``term``."""
        for position in range(len(self._points) - 1, -1, -1):
            point, signs = self._points[position]
            if all(self._sign(key, point, signs) in allowed for key, allowed in term.items()):
                if position != len(self._points) - 1:  # most recently useful last
                    self._points.append(self._points.pop(position))
                return True
        return False

    def add(self, values: Mapping[sympy.Symbol, Fraction],
            term: Mapping[sympy.Expr, Signs]) -> None:
        """Keep the point ``values`` (the symbols it lacks at a value within their bounds)
        if it is within the bounds and satisfies ``term`` (checked exactly)."""
        if any(symbol not in self.bounds for symbol in values):
            return
        point: Point = {}
        for symbol, (lower, upper) in self.bounds.items():
            value = values.get(symbol)
            if value is None:
                chosen = sympy.Rational(lower if lower is not None else
                                        (upper if upper is not None else 0))
                value = pd.Q(int(chosen.p), int(chosen.q))
            if (lower is not None and value < lower) or (upper is not None and value > upper):
                return
            point[symbol] = value
        signs: dict[sympy.Expr, int | None] = {}
        if all(self._sign(key, point, signs) in allowed for key, allowed in term.items()):
            self._points.append((point, signs))
            if len(self._points) > MAX_WITNESSES:
                del self._points[0]

    def _sign(self, key: sympy.Expr, point: Point, signs: dict[sympy.Expr, int | None]
              ) -> int | None:
        """The sign of ``key`` at ``point`` (remembered in ``signs``; None for a key that is
        not a polynomial in bounded symbols)."""
        if key in signs:
            return signs[key]
        if key not in self._polys:
            symbols = tuple(sorted(key.free_symbols, key=str))
            try:
                poly = sympy.Poly(key, *symbols, domain="QQ") if symbols else None
            except sympy.PolynomialError:
                poly = None
            self._polys[key] = (symbols, {} if poly is None else {
                m: pd.Q(int(c.numerator), int(c.denominator)) for m, c in poly.terms()})
        symbols, terms = self._polys[key]
        found: int | None = None
        if symbols and terms and all(s in point for s in symbols):
            value = pd.evaluate(terms, [point[s] for s in symbols])
            found = (value > 0) - (value < 0)
        signs[key] = found
        return found
