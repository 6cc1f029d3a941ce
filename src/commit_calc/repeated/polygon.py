"""Exact convex polygons in the plane (rational vertices), for the equilibrium payoff set.

A polygon is a tuple of vertices in counter-clockwise order, without repeated or collinear
vertices; a point or a segment is a polygon of one or two vertices.

>>> from fractions import Fraction as F
>>> [tuple(map(str, v)) for v in hull([(F(0), F(0)), (F(2), F(0)), (F(1), F(0)),
...                                     (F(0), F(2)), (F(1), F(1))])]
[('0', '0'), ('2', '0'), ('0', '2')]
>>> slice_at(((F(0), F(0)), (F(2), F(0)), (F(0), F(2))), 0, F(1))
(Fraction(0, 1), Fraction(1, 1))
>>> contains(((F(0), F(0)), (F(2), F(0)), (F(0), F(2))), (F(1), F(1)))
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

#: A coordinate: a Fraction, or a quadratic irrational (:class:`~commit_calc.repeated.surd.Surd`).
Exact = Any
Point = tuple[Exact, Exact]
Polygon = tuple[Point, ...]


def cross(o: Point, a: Point, b: Point) -> Exact:
    """Twice the signed area of the triangle ``o, a, b`` (positive: counter-clockwise)."""
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def hull(points: Iterable[Point]) -> Polygon:
    """The convex hull, counter-clockwise from the lowest-leftmost vertex (monotone chain)."""
    unique = sorted(set(points))
    if len(unique) <= 2:
        return tuple(unique)

    def half(ordered: Sequence[Point]) -> list[Point]:
        chain: list[Point] = []
        for point in ordered:
            while len(chain) >= 2 and cross(chain[-2], chain[-1], point) <= 0:
                chain.pop()
            chain.append(point)
        return chain

    lower, upper = half(unique), half(unique[::-1])
    found = lower[:-1] + upper[:-1]
    if len(found) == 2 and found[0] == found[1]:  # pragma: no cover - all points equal
        return (found[0],)
    return tuple(found)


def edges(polygon: Polygon) -> Iterable[tuple[Point, Point]]:
    """Each edge (for a point: the point to itself; for a segment: both ways)."""
    for k, start in enumerate(polygon):
        yield start, polygon[(k + 1) % len(polygon)]


def slice_at(polygon: Polygon, axis: int, level: Exact) -> tuple[Exact, Exact] | None:
    """Where the line ``x[axis] = level`` meets the polygon: the lowest and highest other
    coordinate, or ``None`` if it misses."""
    other = 1 - axis
    found: list[Exact] = []
    for start, end in edges(polygon):
        if start[axis] == level:
            found.append(start[other])
        if (start[axis] - level) * (end[axis] - level) < 0:
            t = (level - start[axis]) / (end[axis] - start[axis])
            found.append(start[other] + t * (end[other] - start[other]))
    return (min(found), max(found)) if found else None


def contains(polygon: Polygon, point: Point) -> bool:
    """Whether ``point`` is in the closed polygon (exact)."""
    if len(polygon) == 1:
        return point == polygon[0]
    if len(polygon) == 2:
        a, b = polygon
        return bool(cross(a, b, point) == 0 and min(a[0], b[0]) <= point[0] <= max(a[0], b[0])
                    and min(a[1], b[1]) <= point[1] <= max(a[1], b[1]))
    return all(cross(a, b, point) >= 0 for a, b in edges(polygon))


def clip(polygon: Polygon, axis: int, level: Exact) -> Polygon:
    """The part of the polygon where ``x[axis] >= level``.

    >>> from fractions import Fraction
    >>> triangle = ((Fraction(0), Fraction(0)), (Fraction(2), Fraction(0)),
    ...             (Fraction(0), Fraction(2)))
    >>> [tuple(map(str, v)) for v in clip(triangle, 0, Fraction(1))]
    [('1', '0'), ('2', '0'), ('1', '1')]
    """
    kept: list[Point] = []
    for start, end in edges(polygon):
        if start[axis] >= level:
            kept.append(start)
        if (start[axis] - level) * (end[axis] - level) < 0:
            t = (level - start[axis]) / (end[axis] - start[axis])
            kept.append((start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1])))
    return hull(kept)
