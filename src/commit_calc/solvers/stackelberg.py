"""Stackelberg commitment in two-player normal-form games, exactly.

The leader commits to a mixed strategy ``x``; the follower sees it and plays a best response.
With ``A`` the leader's and ``B`` the follower's payoffs (leader's strategies as rows), the
follower's best-response region of its strategy ``j`` is the polytope

    R_j = {x in the simplex : (x B)_j >= (x B)_k for every k},

on which the leader's payoff ``(x A)_j`` is linear. The **strong** Stackelberg value (ties
broken for the leader) is the largest of the ``n`` linear programs ``max (x A)_j over R_j``
(Conitzer and Sandholm 2006, the multiple-LPs method), each solved by the exact simplex of
:mod:`commit_calc.analysis.simplex`, whose dual solutions are kept as certificates.

The **weak** value (ties broken against the leader) is ``sup_x min_{j in BR(x)} (x A)_j``.
Follower strategies with identical payoff columns are always tied: call such a group a class.
Every commitment is a limit of commitments whose best responses form one class ``E``, so the
supremum is the largest, over the classes ``E`` whose *strict* region (``E`` beats every other
strategy) is not empty, of ``max min_{l in E} (x A)_l`` over the closed region of ``E``. It is
attained when some commitment ``x`` has ``(x A)_l >= value`` for every best response ``l``,
which a short sequence of linear programs decides (:mod:`.stackelberg_weak`); otherwise the
value is a limit, reached along the segment from the optimal ``x*`` towards any point of the
strict region.

References: V. Conitzer and T. Sandholm, "Computing the optimal strategy to commit to", EC 2006;
B. von Stengel and S. Zamir, "Leadership games with convex strategy sets", GEB 69 (2010).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from commit_calc.analysis.simplex import Infeasible, LinearOptimum, maximise
from commit_calc.errors import UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame

METHOD = "multiple-lps"
Matrix = list[list[Fraction]]
Point = tuple[Fraction, ...]

#: The largest game (leader's strategies times follower's) solved: bounded work for any input
#: (a 20 x 20 game takes well under a second; each LP grows with the cube of the size).
MAX_PROFILES = 2500
#: Games with more strategies than this (leader + follower) are not compared with Nash
#: equilibria by default: their exact enumeration grows exponentially.
NASH_COMPARISON_LIMIT = 24


@dataclass(frozen=True)
class Commitment:
    """A leader's commitment, the follower's response and the payoffs.

    ``strategy`` is the leader's mixed strategy (probabilities in the order of its strategies)
    and ``response`` the index of the follower's pure strategy. Where the value is a supremum
    that no commitment reaches (``attained`` is false), ``strategy`` is the limit point and
    ``approach`` a commitment such that every mixture strictly between the two gets a payoff
    tending to ``leader_payoff`` as it nears ``strategy``.
    """

    strategy: Point
    response: int
    leader_payoff: Fraction
    follower_payoff: Fraction
    attained: bool = True
    approach: Point | None = None


@dataclass(frozen=True)
class RegionBound:
    """A dual certificate that the leader gets at most ``bound`` where ``response`` is a best
    response: ``A[i][response] <= bound + sum_k multipliers[k] (B[i][k] - B[i][response])``
    for every leader strategy ``i``, with every multiplier at least 0."""

    response: int
    bound: Fraction
    multipliers: tuple[Fraction, ...]


@dataclass(frozen=True)
class StackelbergResult:
    """Strong, weak and pure commitments of ``leader`` in the numeric ``game``.

    ``nash_payoffs`` lists the leader's payoff at each extreme Nash equilibrium (so its best
    and worst Nash payoffs are their max and min), or is ``None`` when not computed.
    """

    game: NormalFormGame
    leader: int
    strong: Commitment
    weak: Commitment
    pure_strong: Commitment
    pure_weak: Commitment
    bounds: tuple[RegionBound, ...]
    nash_payoffs: tuple[Fraction, ...] | None
    parameters: Mapping[str, sympy.Rational] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    method: str = METHOD

    @property
    def follower(self) -> int:
        return 1 - self.leader


def stackelberg(
    game: NormalFormGame,
    leader: str | int,
    values: Mapping[str, object] | None = None,
    *,
    compare_nash: bool | None = None,
) -> StackelbergResult:
    """The leader's optimal commitments in a two-player normal-form game, exactly.

    Parameters
    ----------
    game : NormalFormGame
        Two players; parameters take ``values`` (defaults elsewhere).
    leader : str or int
        The player who commits (label or index); the other one follows.
    compare_nash : bool, optional
        Also find the leader's Nash payoffs (every extreme equilibrium). By default only when
        the two players have at most ``NASH_COMPARISON_LIMIT`` strategies together.

    Returns
    -------
    StackelbergResult
        Checked by :func:`commit_calc.solvers.verify_stackelberg.check_stackelberg`.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players, or has more than ``MAX_PROFILES`` profiles.
    GameDefinitionError
        If ``leader`` is not a player.

    Examples
    --------
    Von Stengel and Zamir's (2010) game: the leader's Nash payoff is 2 (``T`` dominates
    ``B``), committing to ``B`` gives it 3, and committing to ``(1/2, 1/2)`` gives 7/2 if the
    indifferent follower plays ``r``; against a follower who breaks ties against it, the
    leader approaches 7/2 by playing ``T`` with probability just below 1/2.

    >>> game = NormalFormGame.from_matrices([[2, 4], [1, 3]], [[1, 0], [0, 1]],
    ...                                     strategies=(("T", "B"), ("l", "r")))
    >>> result = stackelberg(game, "Row")
    >>> [str(p) for p in result.strong.strategy], str(result.strong.leader_payoff)
    (['1/2', '1/2'], '7/2')
    >>> result.weak.attained, [str(p) for p in result.weak.approach]
    (False, ['0', '1'])
    >>> str(result.pure_strong.leader_payoff), [str(p) for p in result.nash_payoffs]
    ('3', ['2'])
    """
    if game.num_players != 2:
        raise UnsupportedGameError(
            "stackelberg(): Stackelberg commitment needs a two-player game; "
            f"{game.name or 'this game'} has {game.num_players} players"
        )
    leader_index = game.player_index(leader)
    if game.shape[0] * game.shape[1] > MAX_PROFILES:
        raise UnsupportedGameError(
            f"stackelberg(): the game is {game.shape[0]} x {game.shape[1]}; exact Stackelberg "
            f"commitment is computed for games of at most {MAX_PROFILES} strategy profiles"
        )
    parameters = game.parameters.values(values)
    numeric = game.at(values)
    leader_payoffs, follower_payoffs = _oriented(numeric, leader_index)
    solutions = _region_programs(leader_payoffs, follower_payoffs)
    strong, bounds = _strong(leader_payoffs, follower_payoffs, solutions)
    from commit_calc.solvers.stackelberg_weak import weak_commitment

    weak = weak_commitment(leader_payoffs, follower_payoffs, solutions)
    warnings: tuple[str, ...] = ()
    if compare_nash is None:
        compare_nash = sum(numeric.shape) <= NASH_COMPARISON_LIMIT
        if not compare_nash:
            warnings += ("the game is too large for the comparison with every Nash "
                         "equilibrium; it was skipped",)
    nash = _nash_payoffs(numeric, leader_index) if compare_nash else None
    result = StackelbergResult(
        numeric, leader_index, strong, weak, *_pure(leader_payoffs, follower_payoffs),
        bounds=bounds, nash_payoffs=nash, parameters=parameters, warnings=warnings,
    )
    from commit_calc.solvers.verify_stackelberg import check_stackelberg

    check_stackelberg(result)
    return result


def _oriented(game: NormalFormGame, leader: int) -> tuple[Matrix, Matrix]:
    """The leader's and the follower's payoffs with the leader's strategies as rows."""
    first, second = (array.tolist() for array in game.numeric_payoffs())
    if leader == 0:
        return first, second
    transpose = [list(column) for column in zip(*second, strict=True)]
    return transpose, [list(column) for column in zip(*first, strict=True)]


def plain_fraction(value: Fraction) -> Fraction:
    """A ``Fraction`` of Python ints (the simplex may answer with gmpy2 numbers)."""
    return Fraction(int(value.numerator), int(value.denominator))


def exact_point(values: Sequence[Fraction]) -> Point:
    """``values`` as Fractions of Python ints (see :func:`plain_fraction`)."""
    return tuple(plain_fraction(v) for v in values)


def row_value(row: Sequence[Fraction], x: Sequence[Fraction]) -> Fraction:
    """The payoff of a row against the mixture ``x``: the dot product ``row . x``."""
    return sum((a * p for a, p in zip(row, x, strict=True)), Fraction(0))


def matrix_columns(matrix: Matrix) -> list[list[Fraction]]:
    """The columns of ``matrix`` (a sequence of rows)."""
    return [list(column) for column in zip(*matrix, strict=True)]


def region_rows(b_columns: list[list[Fraction]], j: int, others: Sequence[int],
                extra: int = 0) -> list[list[Fraction]]:
    """Rows ``(B_k - B_j) x <= 0`` for ``k`` in ``others``, padded with ``extra`` zeros."""
    return [[bk - bj for bk, bj in zip(b_columns[k], b_columns[j], strict=True)]
            + [Fraction(0)] * extra for k in others]


def _region_programs(a: Matrix, b: Matrix) -> list[LinearOptimum | Infeasible | None]:
    """For each follower strategy ``j``, the LP ``max (x A)_j`` over its region ``R_j``.

    Strategies are taken by the best payoff their column offers the leader, highest first;
    once that is no more than the best LP value found, the rest are left unsolved (``None``):
    the column's maximum itself bounds them.
    """
    m, n = len(a), len(a[0])
    a_columns, b_columns = matrix_columns(a), matrix_columns(b)
    solutions: list[LinearOptimum | Infeasible | None] = [None] * n
    best: Fraction | None = None
    for j in sorted(range(n), key=lambda j: (-max(a_columns[j]), j)):
        if best is not None and max(a_columns[j]) <= best:
            break
        others = [k for k in range(n) if k != j]
        solution = maximise(region_rows(b_columns, j, others), [Fraction(0)] * len(others),
                            [[Fraction(1)] * m], [Fraction(1)], a_columns[j])
        solutions[j] = solution
        if isinstance(solution, LinearOptimum) and (best is None or solution.value > best):
            best = plain_fraction(solution.value)
    return solutions


def solved_region(a: Matrix, b: Matrix, solutions: list[LinearOptimum | Infeasible | None],
                  j: int) -> LinearOptimum | Infeasible:
    """The LP of region ``j``, solved now if :func:`_region_programs` left it."""
    solution = solutions[j]
    if solution is None:
        m, n = len(a), len(a[0])
        a_columns, b_columns = matrix_columns(a), matrix_columns(b)
        others = [k for k in range(n) if k != j]
        solution = maximise(region_rows(b_columns, j, others), [Fraction(0)] * len(others),
                            [[Fraction(1)] * m], [Fraction(1)], a_columns[j])
        solutions[j] = solution
    return solution


def _strong(a: Matrix, b: Matrix, solutions: list[LinearOptimum | Infeasible | None]
            ) -> tuple[Commitment, tuple[RegionBound, ...]]:
    """The strong Stackelberg commitment and a dual bound per follower strategy."""
    n = len(a[0])
    a_columns, b_columns = matrix_columns(a), matrix_columns(b)
    feasible = [(j, s) for j, s in enumerate(solutions) if isinstance(s, LinearOptimum)]
    best_j, best = max(feasible, key=lambda pair: (pair[1].value, -pair[0]))
    value = plain_fraction(best.value)
    x = exact_point(best.point)
    bounds = tuple(_bound(j, s, value, a_columns[j], n) for j, s in enumerate(solutions))
    commitment = Commitment(x, best_j, value, row_value(b_columns[best_j], x))
    return commitment, bounds


def _bound(j: int, solution: LinearOptimum | Infeasible | None, value: Fraction,
           a_column: list[Fraction], n: int) -> RegionBound:
    """The certificate of region ``j``: its LP's duals, its Farkas certificate scaled, or for
    an LP left unsolved, the column's maximum with multipliers 0."""
    others = [k for k in range(n) if k != j]
    if solution is None:
        return RegionBound(j, max(a_column), (Fraction(0),) * n)
    if isinstance(solution, LinearOptimum):
        duals, scale = exact_point(solution.duals), Fraction(1)
        bound = plain_fraction(solution.duals[-1])
    else:  # empty region: sum_k y_k (B_ik - B_ij) >= -y_eq > 0, scaled to cover A
        duals, bound = exact_point(solution.farkas), value
        gap = -duals[-1]
        scale = max([Fraction(0), *((entry - value) / gap for entry in a_column)])
    multipliers = [Fraction(0)] * n
    for k, dual in zip(others, duals[:-1], strict=True):
        multipliers[k] = dual * scale
    return RegionBound(j, bound, tuple(multipliers))


def _pure(a: Matrix, b: Matrix) -> tuple[Commitment, Commitment]:
    """The best pure commitments, follower ties broken for and against the leader."""
    m = len(a)
    options = []
    for i in range(m):
        top = max(b[i])
        responses = [j for j, payoff in enumerate(b[i]) if payoff == top]
        best = max(responses, key=lambda j: (a[i][j], -j))
        worst = min(responses, key=lambda j: (a[i][j], j))
        options.append((i, best, worst))
    unit = [tuple(Fraction(int(i == k)) for k in range(m)) for i in range(m)]
    i, best, _ = max(options, key=lambda o: (a[o[0]][o[1]], -o[0]))
    strong = Commitment(unit[i], best, a[i][best], b[i][best])
    i, _, worst = max(options, key=lambda o: (a[o[0]][o[2]], -o[0]))
    return strong, Commitment(unit[i], worst, a[i][worst], b[i][worst])


def _nash_payoffs(game: NormalFormGame, leader: int) -> tuple[Fraction, ...]:
    """The leader's payoff at each extreme Nash equilibrium (their max and min are the best
    and worst over all equilibria: the payoff is bilinear on each maximal Nash subset)."""
    from commit_calc.solvers.mixed_nash import extreme_equilibria

    payoffs = {Fraction(int(e.payoffs[leader].p), int(e.payoffs[leader].q))
               for e in extreme_equilibria(game).equilibria}
    return tuple(sorted(payoffs, reverse=True))


__all__ = ["Commitment", "RegionBound", "StackelbergResult", "stackelberg"]
