"""Assessments: a behaviour profile with a belief at every information set, and the records a
belief-based solver returns.

A belief at an information set is a probability for each of its nodes (``members`` order). At
a set the equilibrium reaches it follows from Bayes' rule; at a set it does not reach, the
solver reports the whole set of beliefs that support the equilibrium, as exact linear
conditions (:mod:`~commit_calc.beliefs.polytope`), a sentence, and one belief that meets them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from commit_calc.beliefs.polytope import EQ, Row
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.solvers.results import Equilibrium

Belief = tuple[Fraction, ...]


@dataclass(frozen=True)
class OffPathBeliefs:
    """The beliefs at an unreached information set that support an equilibrium.

    ``rows`` are the exact conditions over the set's nodes (in ``members`` order), ``condition``
    says them in words, ``example`` is one belief that meets them.
    """

    infoset: str
    rows: tuple[Row, ...]
    condition: str
    example: Belief


@dataclass(frozen=True)
class Assessment:
    """A behaviour profile with beliefs: ``beliefs[k]`` belongs to ``game.infosets[k]`` (a
    single node's set has belief ``(1,)``); off the path it is the example belief."""

    beliefs: tuple[Belief, ...]
    reached: tuple[bool, ...]
    off_path: tuple[OffPathBeliefs, ...] = ()

    def labelled(self, game: ExtensiveFormGame) -> dict[str, dict[str, Fraction]]:
        """``{information set: {node: probability}}`` for every set with several nodes."""
        return {
            infoset.label: {game.nodes[m].name: p for m, p in zip(infoset.members, belief)}
            for infoset, belief in zip(game.infosets, self.beliefs)
            if len(infoset.members) > 1
        }


@dataclass(frozen=True)
class BeliefEquilibrium(Equilibrium):
    """An equilibrium with its assessment; for a signalling game also its classification
    (``pooling``, ``separating`` or ``semi-separating``) and the refinements it survives,
    with the reason where it does not."""

    assessment: Assessment = field(default_factory=lambda: Assessment((), ()))
    classification: str | None = None
    refinements: Mapping[str, bool] | None = None
    refinement_reasons: Mapping[str, str] = field(default_factory=dict)


def node_descriptions(game: ExtensiveFormGame, members: Sequence[int]) -> tuple[str, ...]:
    """Short names for the nodes of one information set: the moves on their paths that not
    every node shares (``Opportunistic``), or the node names where those do not tell them
    apart."""
    paths = [game.path(game.nodes[m]) for m in members]
    common = set(paths[0]).intersection(*paths[1:]) if paths else set()
    described = tuple(" > ".join(a for a in path if a not in common) for path in paths)
    if all(described) and len(set(described)) == len(described):
        return described
    return tuple(game.nodes[m].name for m in members)


def condition_text(label: str, names: Sequence[str], rows: Sequence[Row]) -> str:
    """The conditions ``rows`` on beliefs at information set ``label`` in words.

    >>> F = Fraction
    >>> condition_text("No step", ["Committed", "Opportunistic"], [((F(-1), F(1)), ">=")])
    'P(Opportunistic | No step) >= 1/2'
    >>> condition_text("m", ["a", "b"], [((F(1), F(1)), ">=")])
    'any belief'
    """
    useful = [row for row in rows if not _always(row)]
    if not useful:
        return "any belief"
    if len(names) == 2:
        return _two_node_text(label, names, useful)
    return " and ".join(_row_text(label, names, row) for row in useful)


def _always(row: Row) -> bool:
    coefficients, relation = row
    if relation == EQ:
        return all(c == 0 for c in coefficients)
    return all(c >= 0 for c in coefficients)


def _two_node_text(label: str, names: Sequence[str], rows: Sequence[Row]) -> str:
    """Bounds on one node's probability ``p`` (the other has ``1 - p``)."""
    low, high = Fraction(0), Fraction(1)
    for (first, second), relation in rows:
        slope = first - second  # the row reads slope * p + second >= 0
        bounds = []
        if slope > 0:
            bounds.append(("low", -second / slope))
        elif slope < 0:
            bounds.append(("high", -second / slope))
        elif second < 0 or (relation == EQ and second != 0):
            return "no belief"
        if relation == EQ and slope != 0:
            bounds.append(("high" if slope > 0 else "low", -second / slope))
        for side, value in bounds:
            if side == "low":
                low = max(low, value)
            else:
                high = min(high, value)
    if low > high:
        return "no belief"
    pick = 0
    if low == 0 and high < 1:  # state an upper bound on the first node as a lower one
        pick, low, high = 1, 1 - high, Fraction(1)
    name = f"P({names[pick]} | {label})"
    if low == high:
        return f"{name} = {low}"
    if high == 1:
        return f"{name} >= {low}"
    return f"{low} <= {name} <= {high}"


def _row_text(label: str, names: Sequence[str], row: Row) -> str:
    coefficients, relation = row
    scale = math.lcm(*(c.denominator for c in coefficients))
    integers = [int(c * scale) for c in coefficients]
    divisor = math.gcd(*integers) or 1
    integers = [c // divisor for c in integers]

    def side(terms: list[tuple[int, str]]) -> str:
        if not terms:
            return "0"
        return " + ".join(
            (f"{c} " if c != 1 else "") + f"P({name} | {label})" for c, name in terms)

    left = [(c, n) for c, n in zip(integers, names) if c > 0]
    right = [(-c, n) for c, n in zip(integers, names) if c < 0]
    return f"{side(left)} {'=' if relation == EQ else '>='} {side(right)}"


def rational(value: Fraction) -> sympy.Rational:
    """A Fraction as a sympy Rational (for the records that the renderers read)."""
    return sympy.Rational(int(value.numerator), int(value.denominator))
