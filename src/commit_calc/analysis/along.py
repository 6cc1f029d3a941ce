"""The regions along one parameter: the line cut at every root of the regions' comparisons.

With one symbolic parameter, a region's sign conditions change only where a key (a
polynomial in that parameter) has a real root. Between two neighbouring roots every key keeps
its sign, so one rational point decides the region of the whole open stretch; each root is
decided exactly (``sympy`` decides the sign of a polynomial at an algebraic number).

>>> from commit_calc.io import load_game
>>> from commit_calc.analysis.regions import parameter_regions
>>> game = load_game("enforcer-reliability")
>>> values = {p.name: p.default for p in game.parameters if p.name != "reliability"}
>>> analysis = parameter_regions(game, values)
>>> [(s.low, s.high, [e.outcome for e in s.region.equilibria]) for s in stretches(
...     analysis, "reliability", cuts=[0, 1])][2:5]  # doctest: +NORMALIZE_WHITESPACE
[(0, 20/33, ['Stay armed']),
 (20/33, 20/33, ['Disarm > Reliable: Honor | Unreliable: Renege', 'Stay armed']),
 (20/33, 1, ['Disarm > Reliable: Honor | Unreliable: Renege'])]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sympy

from commit_calc.analysis.atoms import sign_of
from commit_calc.analysis.regions import Region, RegionAnalysis
from commit_calc.errors import UnsupportedGameError


@dataclass(frozen=True)
class Stretch:
    """An open interval ``(low, high)`` (None: unbounded) or, where ``low == high``, a single
    point, and its region (None outside the domain, where a chance probability leaves
    [0, 1])."""

    low: sympy.Expr | None
    high: sympy.Expr | None
    region: Region | None

    @property
    def is_point(self) -> bool:
        return self.low is not None and self.low == self.high


def stretches(analysis: RegionAnalysis, name: str, cuts: Iterable[sympy.Expr] = ()
              ) -> list[Stretch]:
    """The line of parameter ``name`` (the only symbolic one of ``analysis``) in order: open
    stretches and the points between them, also cut at ``cuts`` (the regions know the
    domain's conditions but not the parameter's bounds: cut there to tell them apart)."""
    symbol = analysis.symbols[name]
    return [Stretch(low, high, region_at(
                analysis, symbol, low if low is not None and low == high
                else point_between(low, high)))
            for low, high in cut_line(analysis.keys, symbol, cuts)]


def cut_line(keys: Iterable[sympy.Expr], symbol: sympy.Symbol, cuts: Iterable[sympy.Expr] = ()
             ) -> list[tuple[sympy.Expr | None, sympy.Expr | None]]:
    """The line of ``symbol`` cut at every real root of ``keys`` (polynomials) and at
    ``cuts``, in order: ``(low, high)`` of each open stretch (None: unbounded) and
    ``(root, root)`` of each point between two."""
    roots = {sympy.sympify(c) for c in cuts}
    for key in keys:
        if symbol in key.free_symbols:
            roots.update(sympy.Poly(key, symbol).real_roots())
    ordered = sorted(roots, key=lambda r: sympy.Float(r, 30))
    ends: list[sympy.Expr | None] = [None, *ordered, None]
    found: list[tuple[sympy.Expr | None, sympy.Expr | None]] = []
    for low, high in zip(ends, ends[1:]):
        found.append((low, high))
        if high is not None:
            found.append((high, high))
    return found


def region_at(analysis: RegionAnalysis, symbol: sympy.Symbol, at: sympy.Expr
              ) -> Region | None:
    """The region at ``symbol = at``, ``at`` a rational or algebraic number, decided exactly."""
    signs = {key: exact_sign(key.xreplace({symbol: at})) for key in analysis.keys}
    return next((r for r in analysis.regions if r.contains(signs)), None)


def point_between(low: sympy.Expr | None, high: sympy.Expr | None) -> sympy.Rational:
    """A rational point strictly between ``low`` and ``high``."""
    if low is None and high is None:
        return sympy.Integer(0)
    if low is None:
        return sympy.floor(high) - 1
    if high is None:
        return sympy.ceiling(low) + 1
    if low.is_Rational and high.is_Rational:
        return (low + high) / 2
    digits = 10
    while True:
        middle = sympy.Rational(str(sympy.Float((low + high) / 2, digits)))
        if low < middle < high:
            return middle
        digits *= 2


def exact_sign(value: sympy.Expr) -> int:
    if value.is_Rational:
        return sign_of(value)
    value = sympy.nsimplify(sympy.expand(value)) if value.has(sympy.CRootOf) else value
    if value.is_zero:
        return 0
    if value.is_positive:
        return 1
    if value.is_negative:
        return -1
    raise UnsupportedGameError(f"cannot decide the sign of {value} exactly")
