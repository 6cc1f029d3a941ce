"""Extreme points of a product of simplices cut by linear conditions, exactly.

``{z : each block of z is a probability vector, a.z >= 0 (or == 0) for each condition}``: the
sets of mixed strategies that meet equilibrium conditions. The vertices are found by the
double description method (Motzkin et al. 1953; Fukuda and Prodon 1996): start from the
product's vertices (the pure choices, with the coordinates that are zero at each), add one
condition at a time, keep the vertices on its side and add the points where it cuts the edges
between vertices on both sides. Two vertices are joined by an edge when no third vertex is
zero on every coordinate and tight on every condition where both are (the combinatorial test),
which needs them to share at least ``dimension - 1`` of those.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

from commit_calc.beliefs.polytope import EQ, Row

try:  # gmpy2's rationals are about ten times faster; mpq is typed as Fraction here
    from gmpy2 import mpq as _Q
except ImportError:  # pragma: no cover - depends on the installation
    _Q = Fraction

Point = tuple[Fraction, ...]


def product_vertices(blocks: Sequence[int], rows: Sequence[Row]) -> list[Point]:
    """The vertices of the product of simplices of sizes ``blocks`` (coordinates block after
    block) that meet ``rows`` (``(coefficients, ">=")`` or ``(coefficients, "==")``, each
    against 0).

    >>> F = Fraction
    >>> product_vertices([2], [((F(1), F(-3)), ">=")])   # z0 >= 3 z1
    [(Fraction(1, 1), Fraction(0, 1)), (Fraction(3, 4), Fraction(1, 4))]
    >>> product_vertices([2, 2], [((F(1), F(0), F(0), F(-1)), "==")])  # z0 == z3
    [(Fraction(1, 1), Fraction(0, 1), Fraction(0, 1), Fraction(1, 1)), \
(Fraction(0, 1), Fraction(1, 1), Fraction(1, 1), Fraction(0, 1))]
    """
    return [point for point, _ in tight_vertices(blocks, rows)]


def tight_vertices(blocks: Sequence[int], rows: Sequence[Row]
                   ) -> list[tuple[Point, frozenset[int]]]:
    """As :func:`product_vertices`, each vertex with the positions in ``rows`` of the
    conditions that hold with equality there."""
    exact = [(tuple(_Q(c) for c in coefficients), relation) for coefficients, relation in rows]
    order = sorted(range(len(rows)), key=lambda j: exact[j][1] != EQ)  # equalities cut most
    size = sum(blocks)
    found = _vertices(blocks, [exact[j] for j in order])
    return [(tuple(Fraction(int(x.numerator), int(x.denominator)) for x in point),
             frozenset(order[j] for j in range(len(rows)) if bits >> (size + j) & 1))
            for point, bits in found]


def _vertices(blocks: Sequence[int], rows: list[Row]) -> list[tuple[Point, int]]:
    size = sum(blocks)
    starts = list(itertools.accumulate(blocks, initial=0))[:-1]
    points: list[Point] = []
    tight: list[int] = []  # bit k: coordinate k is zero; bit size + j: condition j is tight
    everything = (1 << size) - 1
    for choice in itertools.product(*(range(b) for b in blocks)):
        chosen = {start + c for start, c in zip(starts, choice)}
        points.append(tuple(_Q(int(k in chosen)) for k in range(size)))
        tight.append(everything & ~sum(1 << k for k in chosen))
    for j, (coefficients, relation) in enumerate(rows):
        used = [(k, c) for k, c in enumerate(coefficients) if c]
        values = [sum((c * p[k] for k, c in used), _Q(0)) for p in points]
        bit = 1 << (size + j)
        if not used:  # 0 >= 0 holds everywhere, tightly
            tight = [t | bit for t in tight]
            continue
        plus = [k for k, v in enumerate(values) if v > 0]
        minus = [k for k, v in enumerate(values) if v < 0]
        zero = [k for k, v in enumerate(values) if v == 0]
        new_points: list[Point] = []
        new_tight: list[int] = []
        dimension = sum(blocks) - len(blocks) - sum(1 for _, r in rows[:j] if r == EQ)
        for u in plus:
            for v in minus:
                common = tight[u] & tight[v]
                if common.bit_count() < dimension - 1 or any(
                        w != u and w != v and tight[w] & common == common
                       for w in range(len(points))):
                    continue
                a, b = values[u], values[v]
                new_points.append(tuple((a * y - b * x) / (a - b)
                                        for x, y in zip(points[u], points[v])))
                new_tight.append(common | bit)
        kept = zero if relation == EQ else zero + plus
        points = [points[k] for k in kept] + new_points
        tight = [tight[k] | (bit if values[k] == 0 else 0) for k in kept] + new_tight
        if not points:
            return []
    return list(zip(points, tight))
