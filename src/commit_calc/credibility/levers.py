"""What would make a promise credible: a threshold per parameter, and the whole region.

For each parameter, the others held at their values, the exact regions along that parameter
(:func:`commit_calc.analysis.regions.parameter_regions`, its bounds lifted so that a threshold
outside them is still found and reported as such) say where some equilibrium keeps the
promise. Along one parameter the regions change only at the real roots of their comparisons,
so the verdict is decided exactly at each root and at one rational point between neighbouring
roots. A promise credible above a value has the threshold ``>= value`` (``>`` where the value
itself is not credible); below, ``<=`` (``<``); ``always``, ``never`` or a union of intervals
otherwise.

>>> from commit_calc.io import load_game
>>> from commit_calc.credibility.promise import parse_promises
>>> game = load_game("disarm-trust")
>>> found = {lever.parameter: lever for lever in levers(game, parse_promises(
...     game, ["Regime=Honor"]))}
>>> found["patrol_cost"].text
'patrol_cost >= 650'
>>> found["salary"].text, found["salary"].within_bounds
('salary <= -200', False)
>>> found["amnesty"].text
'never'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from commit_calc.analysis.along import Stretch, stretches
from commit_calc.analysis.regions import Region, RegionAnalysis, parameter_regions, union_of
from commit_calc.credibility.promise import Promise
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.parameters import Parameter, Parameters


@dataclass(frozen=True)
class Lever:
    """Where, along one parameter (the others at their values), the promise is credible.

    ``value`` and ``direction`` (``">="``, ``">"``, ``"<="``, ``"<"``) give a threshold where
    the credible values are a half-line; ``pieces`` are the credible intervals ``(low, high,
    low included, high included)``, None for an unbounded end; ``within_bounds`` says whether
    any credible value lies within the parameter's bounds.
    """

    parameter: str
    value: sympy.Expr | None
    direction: str | None
    within_bounds: bool
    pieces: tuple[tuple[sympy.Expr | None, sympy.Expr | None, bool, bool], ...]

    @property
    def text(self) -> str:
        """``"patrol_cost >= 650"``, ``"always"``, ``"never"`` or the intervals joined."""
        if self.value is not None:
            return f"{self.parameter} {self.direction} {self.value}"
        if not self.pieces:
            return "never"
        if self.pieces == ((None, None, False, False),):
            return "always"
        return " or ".join(_interval(self.parameter, *piece) for piece in self.pieces)


def levers(game: ExtensiveFormGame, promises: Sequence[Promise],
           values: Mapping[str, object] | None = None) -> tuple[Lever, ...]:
    """One :class:`Lever` per parameter of ``game``, the others at ``values`` (or defaults).

    Raises :class:`UnsupportedGameError` where the game has no exact regions.
    """
    point = game.parameters.values(values)
    found = []
    for parameter in game.parameters:
        others = {n: v for n, v in point.items() if n != parameter.name}
        free = with_bounds_lifted(game, parameter.name)
        analysis = parameter_regions(free, others)
        found.append(_lever(analysis, promises, parameter))
    return tuple(found)


def credible_region(game: ExtensiveFormGame, promises: Sequence[Promise],
                    fixed: Mapping[str, object] | None = None) -> tuple[sympy.Basic, bool]:
    """The exact condition under which some equilibrium keeps every promise, the parameters
    not ``fixed`` symbolic, and whether it is resolved (every part proved non-empty).

    Only the smallest subgames that hold the promises matter: an equilibrium of the game keeps
    the promises iff its restriction to each of them does, and any equilibria of those
    subgames extend to one of the game. So the condition is the conjunction, over these
    subgames, of the union of their regions where the promise is kept, free of the
    comparisons that only the moves above them make.
    """
    parts, resolved = [], True
    for root in _promise_subgames(game, promises):
        subgame = _subtree(game, root)
        analysis = parameter_regions(subgame, fixed or {})
        union = union_of(analysis, [r for r in analysis.regions
                                    if keeps(r, promises, subgame)])
        parts.append(union.condition if union.terms else sympy.false)
        resolved = resolved and union.resolved
    return sympy.And(*parts), resolved


def _promise_subgames(game: ExtensiveFormGame, promises: Sequence[Promise]) -> list[int]:
    """The roots of the smallest subgames holding each promised information set, those
    inside another left out."""
    roots = set(game.subgame_roots)
    found = set()
    for label, _ in (c for p in promises for c in p.choices):
        members = game.infoset(label).members
        node = members[0]
        while node not in roots or not all(m in game.descendants(game.nodes[node])
                                           for m in members):
            parent = game.nodes[node].parent
            assert parent is not None, "the root starts a subgame holding everything"
            node = parent
        found.add(node)
    return sorted(r for r in found
                  if not any(o != r and r in game.descendants(game.nodes[o]) for o in found))


def _subtree(game: ExtensiveFormGame, root: int) -> ExtensiveFormGame:
    """The subgame at ``root`` as a game of its own (a block with no subgame cut off)."""
    from commit_calc.solvers.subgame_perfect import folded_game

    return folded_game(game, list(game.descendants(game.nodes[root])), {}, game.players)


def keeps(region: Region, promises: Sequence[Promise], game: ExtensiveFormGame | None = None
          ) -> bool:
    """Whether some equilibrium of ``region`` keeps every promise (those at the information
    sets of ``game`` only, where it is a subgame)."""
    labels = None if game is None else {i.label for i in game.infosets}
    wanted = [(p.player, label, action) for p in promises for label, action in p.choices
              if labels is None or label in labels]
    return any(all(e.strategies[player].get(label) == action
                   for player, label, action in wanted) for e in region.equilibria)


def _lever(analysis: RegionAnalysis, promises: Sequence[Promise], parameter: Parameter
           ) -> Lever:
    bounds = [b for b in (parameter.lower, parameter.upper) if b is not None]
    line = stretches(analysis, parameter.name, bounds)
    return lever_along(parameter, line,
                       [None if s.region is None else keeps(s.region, promises) for s in line])


def lever_along(parameter: Parameter, line: Sequence[Stretch], verdicts: Sequence[bool | None]
                ) -> Lever:
    """The lever of ``parameter`` from the verdict on each stretch of its line (``None``
    outside the game's domain): credible wherever defined, or its credible intervals, the
    threshold where they form one half line, and whether they meet the parameter's bounds."""
    if all(v is not False for v in verdicts) and any(verdicts):  # wherever it is defined
        return Lever(parameter.name, None, None, True, ((None, None, False, False),))
    pieces = _credible_pieces(line, [bool(v) for v in verdicts])
    value, direction = _half_line(pieces)
    return Lever(parameter.name, value, direction,
                 any(_meets_bounds(piece, parameter) for piece in pieces), tuple(pieces))


def _credible_pieces(line: Sequence[Stretch], credible: Sequence[bool]
                     ) -> list[tuple[sympy.Expr | None, sympy.Expr | None, bool, bool]]:
    """The credible intervals ``(low, high, low included, high included)`` from the verdict
    on each stretch of the line (open stretches and the points between them, in order)."""
    pieces: list[tuple[sympy.Expr | None, sympy.Expr | None, bool, bool]] = []
    start: tuple[sympy.Expr | None, bool] | None = None
    for stretch, ok in zip(line, credible):
        if ok and start is None:  # from this point (closed), or from the open stretch's low
            start = (stretch.low, stretch.is_point)
        elif not ok and start is not None:  # up to the point before (closed) or this (open)
            end = (stretch.low, not stretch.is_point)
            pieces.append((start[0], end[0], start[1], end[1]))
            start = None
    if start is not None:
        pieces.append((start[0], None, start[1], False))
    return pieces


def _half_line(pieces: Sequence[tuple[sympy.Expr | None, sympy.Expr | None, bool, bool]]
               ) -> tuple[sympy.Expr | None, str | None]:
    if len(pieces) != 1:
        return None, None
    low, high, low_in, high_in = pieces[0]
    if low is not None and high is None:
        return low, ">=" if low_in else ">"
    if low is None and high is not None:
        return high, "<=" if high_in else "<"
    return None, None


def _meets_bounds(piece: tuple[sympy.Expr | None, sympy.Expr | None, bool, bool],
                  parameter: Parameter) -> bool:
    """Whether a credible interval meets the parameter's bounds."""
    low, high, low_in, high_in = piece
    lower, upper = parameter.lower, parameter.upper
    above = lower is None or high is None or high > lower or (high == lower and high_in)
    below = upper is None or low is None or low < upper or (low == upper and low_in)
    return bool(above and below)


def _interval(name: str, low: sympy.Expr | None, high: sympy.Expr | None, low_in: bool,
              high_in: bool) -> str:
    if low is not None and low == high:
        return f"{name} = {low}"
    parts = []
    if low is not None:
        parts.append(f"{low} {'<=' if low_in else '<'} ")
    parts.append(name)
    if high is not None:
        parts.append(f" {'<=' if high_in else '<'} {high}")
    return "".join(parts)


def with_bounds_lifted(game: ExtensiveFormGame, name: str) -> ExtensiveFormGame:
    """``game`` with parameter ``name``'s bounds lifted (its symbol then has no sign)."""
    old = game.parameters[name]
    new = Parameter(name, old.default, unit=old.unit, meaning=old.meaning)
    mapping = {old.symbol: new.symbol}
    nodes = tuple(dataclasses.replace(
        node, payoffs=tuple(e.xreplace(mapping) for e in node.payoffs),
        probabilities=tuple(e.xreplace(mapping) for e in node.probabilities))
        for node in game.nodes)
    parameters = Parameters(tuple(new if p.name == name else p for p in game.parameters))
    return dataclasses.replace(game, nodes=nodes, parameters=parameters)
