"""The exact equilibrium payoff set of a two-player infinitely repeated game: pure actions,
public randomisation, perfect monitoring (Abreu and Sannikov 2014), at a rational discount
factor.

The set ``V`` is the largest fixed point of the Abreu-Sannikov operator ``R``: each action
profile ``a`` generates the points ``(1 - delta) g(a) + delta w``, where ``w`` is ``g(a)``
itself if repeating ``a`` is incentive compatible, else a point of ``W`` on the boundary of
the incentive constraints ``w_i >= u_i + (1 - delta)/delta (g*_i(a) - g_i(a))`` (``u`` the
threat points, the lowest payoffs in ``W``; ``g*_i(a)`` player ``i``'s best deviation
payoff). The iteration starts from the feasible set and the pure minmax payoffs and is run in
exact rational arithmetic. It ends when ``R`` maps the set onto itself exactly, either
because an iterate is exactly fixed or because the vertices, read as fractions with small
denominators once they have converged (or, failing that, as quadratic irrationals ``a + b
sqrt(d)`` with one ``d``: they occur), form an exact fixed point. That fixed point is then
checked vertex by vertex by :mod:`commit_calc.repeated.sustain`, which does not use ``R``.

>>> from commit_calc.io import load_game
>>> found = equilibrium_payoff_set(load_game("prisoners-dilemma"), Fraction(9, 10))
>>> [tuple(str(x) for x in v) for v in found.vertices]
[('1', '1'), ('13/3', '1'), ('3', '3'), ('1', '13/3')]
>>> [tuple(str(x) for x in v) for v in equilibrium_payoff_set(load_game("prisoners-dilemma"),
...                                                         Fraction(1, 10)).vertices]
[('1', '1')]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import sympy

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.repeated.model import RepeatedGame
from commit_calc.repeated.polygon import Point, Polygon, contains, hull, slice_at
from commit_calc.repeated.surd import Surd, quadratic_root

#: The largest stage game accepted (action profiles).
MAX_PROFILES = 144
#: Iterations of the operator before giving up.
MAX_ITERATIONS = 4000
#: A coordinate whose denominator has more bits than this is rounded to a multiple of
#: 2**-PRECISION (the search only: every answer is checked exactly); smaller ones are kept
#: exact, so that an exact fixed point can be reached.
EXACT_BITS = 64
PRECISION = 160
#: Denominator bounds tried when reading converged vertices as fractions.
DENOMINATORS = (10**2, 10**4, 10**6, 10**9, 10**12, 10**16, 10**20)


@dataclass(frozen=True)
class TwoPlayerStage:
    """A two-player table at numeric values: actions and exact payoffs by profile index."""

    players: tuple[str, str]
    actions: tuple[tuple[str, ...], tuple[str, ...]]
    payoffs: dict[tuple[int, int], tuple[Fraction, Fraction]]

    @classmethod
    def of(cls, game: NormalFormGame) -> TwoPlayerStage:
        """``game`` (two players, numeric payoffs) as exact fractions."""
        if game.num_players != 2:
            raise UnsupportedGameError(
                f"payoff set: the stage game has {game.num_players} players; the equilibrium "
                "payoff set is computed for two-player tables")
        if game.shape[0] * game.shape[1] > MAX_PROFILES:
            raise UnsupportedGameError(
                f"payoff set: the stage game has {game.shape[0]} x {game.shape[1]} action "
                f"profiles, above the limit of {MAX_PROFILES}")
        payoffs = {}
        for profile in itertools.product(range(game.shape[0]), range(game.shape[1])):
            pair = [sympy.nsimplify(v) for v in game.payoff(profile)]
            if not all(v.is_Rational for v in pair):
                raise UnsupportedGameError(
                    "payoff set: a payoff is not a rational number at these values (give "
                    "every parameter a value)")
            payoffs[profile] = (Fraction(int(pair[0].p), int(pair[0].q)),
                                Fraction(int(pair[1].p), int(pair[1].q)))
        players = (game.players[0], game.players[1])
        return cls(players, (tuple(game.strategies[0]), tuple(game.strategies[1])), payoffs)

    @property
    def profiles(self) -> list[tuple[int, int]]:
        return list(self.payoffs)

    def best_deviation(self, player: int, profile: tuple[int, int]) -> Fraction:
        """``g*_i(a)``: the most ``player`` gets by changing only its own action."""
        mine = range(len(self.actions[player]))
        if player == 0:
            return max(self.payoffs[(k, profile[1])][0] for k in mine)
        return max(self.payoffs[(profile[0], k)][1] for k in mine)

    @property
    def minmax(self) -> Point:
        """Each player's pure minmax payoff (the others choose the punishing action)."""
        first = min(self.best_deviation(0, (0, b)) for b in range(len(self.actions[1])))
        second = min(self.best_deviation(1, (a, 0)) for a in range(len(self.actions[0])))
        return first, second

    @property
    def feasible(self) -> Polygon:
        return hull(self.payoffs.values())


@dataclass(frozen=True)
class PayoffSet:
    """The equilibrium payoff set: its vertices (counter-clockwise, exact; empty if no pure
    equilibrium exists), the threat points (each player's lowest equilibrium payoff), the
    feasible set and the pure minmax payoffs, and the iterations the search took."""

    stage: TwoPlayerStage
    delta: Fraction
    vertices: Polygon
    threat: Point | None
    iterations: int


def operator(stage: TwoPlayerStage, delta: Fraction, polygon: Polygon, threat: Point
             ) -> list[Point]:
    """The points the Abreu-Sannikov operator generates from ``polygon`` (module docstring)."""
    found: list[Point] = []
    ratio = (1 - delta) / delta
    for profile, g in stage.payoffs.items():
        ic = (threat[0] + ratio * (stage.best_deviation(0, profile) - g[0]),
              threat[1] + ratio * (stage.best_deviation(1, profile) - g[1]))
        continuations: list[Point] = []
        if g[0] >= ic[0] and g[1] >= ic[1] and contains(polygon, g):
            found.append(g)
            continue
        for axis in (0, 1):
            other = 1 - axis
            cut = slice_at(polygon, axis, ic[axis])
            if cut is None or cut[1] < ic[other]:
                continue
            for level in {max(cut[0], ic[other]), cut[1]}:
                continuations.append((ic[0], level) if axis == 0 else (level, ic[1]))
        found.extend(((1 - delta) * g[0] + delta * w[0], (1 - delta) * g[1] + delta * w[1])
                     for w in continuations)
    return found


def _threat(polygon: Polygon, floor: Point) -> Point:
    return (max(floor[0], min(v[0] for v in polygon)), max(floor[1], min(v[1] for v in polygon)))


def is_fixed_point(stage: TwoPlayerStage, delta: Fraction, polygon: Polygon) -> bool:
    """Whether ``R`` maps ``polygon`` (with its lowest payoffs as threat points) onto itself."""
    if not polygon:
        return False
    threat = (min(v[0] for v in polygon), min(v[1] for v in polygon))
    return hull(operator(stage, delta, polygon, threat)) == polygon


def equilibrium_payoff_set(game: NormalFormGame, delta: Fraction) -> PayoffSet:
    """The exact equilibrium payoff set of ``game`` (a numeric two-player table) repeated with
    the discount factor ``delta`` (module docstring).

    Raises
    ------
    UnsupportedGameError
        The game is not a two-player table with rational payoffs, or no exact fixed point
        was found (vertices neither fractions with denominators up to 10**20 nor roots of
        quadratics with coefficients up to 10**12 sharing one square root).
    """
    if not 0 < delta < 1:
        raise UnsupportedGameError(f"payoff set: discount factor {delta} is not strictly "
                                   "between 0 and 1")
    stage = TwoPlayerStage.of(game)
    floor = stage.minmax
    polygon, threat = stage.feasible, floor
    grid = Fraction(1, 2**PRECISION)
    settled = 0
    for iteration in range(1, MAX_ITERATIONS + 1):
        following = hull(operator(stage, delta, polygon, threat))
        if not following:
            return PayoffSet(stage, delta, (), None, iteration)
        moved = _distance(polygon, following)
        polygon, threat = following, _threat(following, floor)
        if moved == 0 and is_fixed_point(stage, delta, polygon):
            return PayoffSet(stage, delta, polygon, threat, iteration)
        polygon = hull((_rounded(x, grid), _rounded(y, grid)) for x, y in polygon)
        if moved < 1e-7 and iteration % 5 == 0:
            snapped = _snap(stage, delta, polygon)
            if snapped is not None:
                return PayoffSet(stage, delta, snapped, _threat(snapped, floor), iteration)
        settled = settled + 1 if settled or moved < 2.0 ** (16 - PRECISION) else 0
        if settled in (5, 20):
            surds = _snap_surds(stage, delta, polygon)
            if surds is not None:
                return PayoffSet(stage, delta, surds, _threat(surds, floor), iteration)
        if settled > 40:
            break
    raise UnsupportedGameError(
        f"payoff set: at discount factor {delta} the set's vertices are neither fractions "
        f"nor square roots of one number ({_irrational(polygon)}); the exact set is not "
        "computed for them")


def _irrational(polygon: Polygon) -> str:
    """The first coordinate that is not a small fraction, with its polynomial if found."""
    import mpmath

    for vertex in polygon:
        for x in vertex:
            if x.limit_denominator(DENOMINATORS[-1]) != x.limit_denominator(DENOMINATORS[-2]):
                with mpmath.workdps(40):
                    value = mpmath.mpf(x.numerator) / x.denominator
                    found = mpmath.findpoly(value, 4, maxcoeff=10**9)
                root = "" if not found else f", a root of {_polynomial(found)}"
                return f"about {float(x):.10g}{root}"
    return "no small fractions near them"  # pragma: no cover - the vertices did not settle


def _polynomial(coefficients: list[int]) -> str:
    x = sympy.Symbol("x")
    degree = len(coefficients) - 1
    return str(sympy.Add(*(c * x ** (degree - k) for k, c in enumerate(coefficients))))


def _rounded(x: Fraction, grid: Fraction) -> Fraction:
    return x if x.denominator.bit_length() <= EXACT_BITS else round(x / grid) * grid


def _distance(old: Polygon, new: Polygon) -> float:
    """How far the vertices moved (a float: for deciding when to read them as fractions)."""
    if len(old) != len(new):
        return float("inf")
    return max(float(abs(a[k] - b[k])) for a, b in zip(old, new) for k in (0, 1))


def _snap(stage: TwoPlayerStage, delta: Fraction, polygon: Polygon) -> Polygon | None:
    """A polygon of nearby fractions that is an exact fixed point, if one is found."""
    for bound in DENOMINATORS:
        guess = hull((x.limit_denominator(bound), y.limit_denominator(bound))
                     for x, y in polygon)
        if is_fixed_point(stage, delta, guess):
            return guess
    return None


def _snap_surds(stage: TwoPlayerStage, delta: Fraction, polygon: Polygon) -> Polygon | None:
    """A polygon of nearby quadratic irrationals ``a + b sqrt(d)`` (one ``d``) that is an
    exact fixed point, if one is found (the coordinates of ``polygon`` must have settled to
    about 40 digits)."""
    import mpmath

    def exact(x: Fraction) -> Fraction | Surd | None:
        small = x.limit_denominator(DENOMINATORS[-3])
        if abs(small - x) < Fraction(1, 10**35):
            return small
        with mpmath.workdps(45):
            found = mpmath.findpoly(mpmath.mpf(x.numerator) / x.denominator, 2,
                                    maxcoeff=10**12)
        if not found or len(found) != 3:
            return None
        return quadratic_root([int(c) for c in found], float(x))

    coordinates = [(exact(x), exact(y)) for x, y in polygon]
    if any(c is None for pair in coordinates for c in pair):
        return None
    roots = {c.d for pair in coordinates for c in pair if isinstance(c, Surd) and c.b != 0}
    if len(roots) != 1:
        return None
    root = roots.pop()
    lifted = hull((_as_surd(x, root), _as_surd(y, root))  # type: ignore[arg-type]
                  for x, y in coordinates)
    return lifted if is_fixed_point(stage, delta, lifted) else None


def _as_surd(x: Fraction | Surd, root: int) -> Surd:
    return x if isinstance(x, Surd) else Surd(x, Fraction(0), root)


def repeated_payoff_set(game: RepeatedGame, values: Mapping[str, object] | None = None
                        ) -> PayoffSet:
    """The equilibrium payoff set of ``game`` (a two-player table, both players long-lived)
    at ``values`` (the others: defaults), with the effective discount factor
    ``discount * continuation``."""
    exact = game.check_values(values)
    if not isinstance(game.stage_game, NormalFormGame) or len(game.players) != 2 \
            or len(game.long_lived) != 2:
        raise UnsupportedGameError(
            "payoff set: it is computed for a two-player table stage game with both players "
            f"long-lived ({game.name or 'this game'} is not one)")
    mapping = {game.parameters[n].symbol: v for n, v in exact.items()}
    delta = sympy.Rational(game.delta.xreplace(mapping))
    stage_values = {n: v for n, v in exact.items() if n in game.stage_game.parameters}
    return equilibrium_payoff_set(game.stage_game.at(stage_values),
                                  Fraction(int(delta.p), int(delta.q)))
