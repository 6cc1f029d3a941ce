"""The exact region of every point of a sweep grid, vectorised.

Each comparison (key polynomial) of a :class:`.regions.RegionAnalysis` is evaluated in floats
on the grid's axes broadcast against each other (Horner's scheme, one axis at a time), so a
key of one parameter costs one value per grid line, not per point. Its sign is taken as
``int8`` where the value is clearly away from zero; a point whose value is within
:data:`TOLERANCE` of the largest magnitude the key's terms reach on the grid is re-decided in
exact rational arithmetic, so points exactly on a threshold get the tie region. The signs of
all keys at a point read as a number in base 3 (one digit, the sign plus 1, per key); a table
computed once from the regions' sign conditions maps each such number to its region, with one
``np.take`` over the grid. :func:`regions_of` keeps the last few games' regions, so sweeping a
game again skips its symbolic analysis.

>>> import sympy
>>> from commit_calc.analysis.axis import Axis
>>> r = sympy.Symbol("r")
>>> key_signs(33 * r - 20, [r], [Axis.parse("r", 0, 1, 34)])[18:23].tolist()
[-1, -1, 0, 1, 1]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
import sympy

from commit_calc.analysis.axis import Axis
from commit_calc.analysis.exact_grid import exact_on_grid
from commit_calc.analysis.regions import Region, RegionAnalysis, parameter_regions
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame

#: Relative tolerance under which a float sign is re-decided exactly.
TOLERANCE = 1e-10

_Terms = tuple[tuple[tuple[int, ...], float], ...]


def regions_of(game: ExtensiveFormGame | NormalFormGame,
               constants: Mapping[str, sympy.Rational], concept: str) -> RegionAnalysis:
    """:func:`.regions.parameter_regions` of ``game`` with ``constants`` fixed, remembered for
    the last few games (games are immutable): sweeping the same game again, over another grid
    or for a plot or a map, skips the symbolic analysis."""
    return _regions(game, frozenset(constants.items()), concept)


@lru_cache(maxsize=8)
def _regions(game: ExtensiveFormGame | NormalFormGame,
             constants: frozenset[tuple[str, sympy.Rational]], concept: str) -> RegionAnalysis:
    return parameter_regions(game, dict(constants), concept)


def region_codes(analysis: RegionAnalysis, axes: Sequence[Axis],
                 valid: np.ndarray | None) -> np.ndarray:
    """The region of each grid point (-1 for points outside the domain, ``valid`` False)."""
    symbols = [analysis.symbols[a.name] for a in axes]
    shape = tuple(a.count for a in axes)
    keys = analysis.keys
    signs = [key_signs(key, symbols, axes) for key in keys]
    size = int(np.prod(shape))
    if 3 ** len(keys) <= max(size, 27):
        # the table: sign pattern number m = sum((sign_i + 1) * 3**i) -> region
        numbers = np.arange(3 ** len(keys))
        digits = {key: (numbers // 3 ** i % 3 - 1).astype(np.int8)
                  for i, key in enumerate(keys)}
        table = _combine(analysis.regions, digits, numbers.shape)
        # every number is in range: "clip" checks nothing, and is 4x faster than "raise"
        codes: np.ndarray = np.take(table, np.broadcast_to(_pattern(signs), shape),
                                    mode="clip")
    else:
        codes = _combine(analysis.regions, dict(zip(keys, signs)), shape)
        table = codes
    if (table < 0).any() and np.any(codes < 0, where=True if valid is None else valid):
        raise UnsupportedGameError("sweep: a grid point lies in no region (a bug)")
    return codes


def point_codes(analysis: RegionAnalysis, names: Sequence[str], columns: Sequence[np.ndarray],
                exact: Sequence[Sequence[object] | None] | None = None) -> np.ndarray:
    """The region of each of a set of scattered points (``columns[k]`` the values of
    parameter ``names[k]``; -1 outside every region). Floats decide each key's sign except
    within the tolerance, where the point is re-decided exactly: from ``exact[k][i]`` where
    given (the exact value a float stands for), else from the float itself.
    """
    symbols = tuple(analysis.symbols[n] for n in names)
    signs = {}
    largest = [float(np.max(np.abs(c))) if c.size else 0.0 for c in columns]
    for key in analysis.keys:
        terms = _key_terms(key, symbols)
        with np.errstate(all="ignore"):
            values = np.broadcast_to(_evaluate(terms, columns), columns[0].shape)
        magnitude = sum(abs(c) * math.prod(x ** e for x, e in zip(largest, m))
                        for m, c in terms)
        sign = np.sign(values).astype(np.int8)
        close = np.nonzero(~(np.abs(values) > TOLERANCE * magnitude))[0]
        for i in close.tolist():
            point = {s: sympy.Rational(_exact_value(exact, columns, k, i))
                     for k, s in enumerate(symbols)}
            value = key.xreplace(point)
            sign[i] = 1 if value > 0 else -1 if value < 0 else 0
        signs[key] = sign
    return _combine(analysis.regions, signs, columns[0].shape)


def _exact_value(exact: Sequence[Sequence[object] | None] | None,
                 columns: Sequence[np.ndarray], k: int, i: int) -> object:
    """The exact value that sample ``i`` of column ``k`` stands for."""
    given = None if exact is None else exact[k]
    return float(columns[k][i]) if given is None else given[i]


def _pattern(signs: Sequence[np.ndarray]) -> np.ndarray:
    """``sum((sign_i + 1) * 3**i)``, in the smallest unsigned type that holds it (computed
    modulo its range: the result is in range, so it is exact)."""
    count = len(signs)
    dtype = np.uint8 if count <= 5 else np.uint16 if count <= 10 else np.uint32
    total: np.ndarray = np.full((1,) * len(signs[0].shape) if signs else (), 3 ** count // 2,
                                dtype=dtype)
    # the smaller arrays first: the full grid appears only in the last additions
    for i in sorted(range(count), key=lambda i: signs[i].size):
        term = signs[i].astype(dtype)
        if i:
            term *= dtype(3 ** i)
        if np.broadcast_shapes(total.shape, term.shape) == total.shape:
            total += term
        else:
            total = total + term
    return total


def _combine(regions: Sequence[Region], signs: Mapping[sympy.Expr, np.ndarray],
             shape: tuple[int, ...]) -> np.ndarray:
    """The last region (-1 if none) whose sign conditions hold, from each key's signs."""
    codes = np.full(shape, -1, dtype=np.int32)
    for number, region in enumerate(regions):
        inside = np.zeros(shape, dtype=bool)
        for term in region.terms:
            part = np.ones(shape, dtype=bool)
            for key, allowed in term.items():
                sign = signs[key]
                if len(allowed) == 1:
                    part &= sign == next(iter(allowed))
                else:
                    part &= sign != next(iter({1, 0, -1} - allowed))
            inside |= part
        codes[inside] = number
    return codes


def key_signs(key: sympy.Expr, symbols: Sequence[sympy.Symbol],
              axes: Sequence[Axis]) -> np.ndarray:
    """Sign (``int8``) of ``key`` on the grid, broadcastable to it: an axis the key does not
    use has length 1. Floats decide, except within the tolerance, where it is exact."""
    terms = _key_terms(key, tuple(symbols))
    columns = [axis.floats().reshape([-1 if d == k else 1 for d in range(len(axes))])
               for k, axis in enumerate(axes)]
    # key = varying + rest, where only ``varying`` uses the last axis the key uses; ``rest``
    # goes to the other side of the comparisons, on its smaller grid (no pass on the full one)
    used = [d for d in range(len(axes)) if any(m[d] for m, _ in terms)]
    varying = tuple(t for t in terms if used and t[0][used[-1]])
    with np.errstate(all="ignore"):  # values past the float range are decided exactly below
        rest = _evaluate(tuple(t for t in terms if not (used and t[0][used[-1]])), columns)
        values = _evaluate(varying, columns)
    largest = [max(abs(float(a.start)), abs(float(a.stop))) for a in axes]
    try:
        magnitude = sum(abs(c) * math.prod(x ** e for x, e in zip(largest, m))
                        for m, c in terms)
    except OverflowError:
        magnitude = math.inf
    # past the float range (magnitude infinite) no float decides: every point is exact
    tolerance = TOLERANCE * magnitude
    with np.errstate(all="ignore"):  # inf - inf is nan, which decides nothing: exact below
        above = np.asarray(values > tolerance - rest)
        below = np.asarray(values < -tolerance - rest)
    if above.ndim < len(axes):  # a constant
        above, below = (x.reshape((1,) * len(axes)) for x in (above, below))
    undecided = above.size - np.count_nonzero(above) - np.count_nonzero(below)
    sign: np.ndarray = above.view(np.int8)
    sign -= below.view(np.int8)
    if undecided:
        where = np.nonzero(sign == 0)
        # an axis the key does not use has length 1 here: its index is 0, a value it ignores
        numerators, _ = exact_on_grid(key, symbols, [(a.start, a.step) for a in axes], where)
        sign[where] = (numerators > 0).astype(np.int8) - (numerators < 0).astype(np.int8)
    return sign


@lru_cache(maxsize=1024)
def _key_terms(key: sympy.Expr, symbols: tuple[sympy.Symbol, ...]) -> _Terms:
    """The key's monomials (exponent per symbol) with float coefficients."""
    return tuple((m, float(c)) for m, c in sympy.Poly(key, *symbols).terms())


def _evaluate(terms: _Terms, columns: Sequence[np.ndarray]) -> np.ndarray | float:
    """The polynomial on the broadcast axes, by Horner's scheme in the last axis it uses."""
    used = [d for d in range(len(columns)) if any(m[d] for m, _ in terms)]
    if not used:
        return sum(c for _, c in terms)
    axis = used[-1]
    powers: dict[int, list[tuple[tuple[int, ...], float]]] = {}
    for monomial, coefficient in terms:
        rest = (*monomial[:axis], 0, *monomial[axis + 1:])
        powers.setdefault(monomial[axis], []).append((rest, coefficient))
    total: np.ndarray | float = 0.0
    for power in range(max(powers), -1, -1):
        if power != max(powers):
            total = total * columns[axis]
        if power in powers:
            part = _evaluate(tuple(powers[power]), columns)
            if isinstance(total, np.ndarray) and np.broadcast_shapes(
                    total.shape, np.shape(part)) == total.shape:
                total += part  # a new array of this function's own: in place
            else:
                total = total + part
    return total
