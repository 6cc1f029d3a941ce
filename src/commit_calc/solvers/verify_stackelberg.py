"""An exact check of Stackelberg commitments, independent of the solver that found them.

It shares no code with :mod:`commit_calc.solvers.stackelberg`: payoffs are read from the game
again, expected payoffs summed here, and every claim re-derived by arithmetic alone.

* **Strong**: the commitment is a probability vector; the follower's response is one of its
  best responses, the best of them for the leader; the payoffs are right; and for every
  follower strategy ``j`` the dual certificate proves that no commitment to which ``j`` is a
  best response gives the leader more (weak LP duality: for ``x`` in the region of ``j``,
  ``(xA)_j <= bound + sum_k lambda_k (xB)_k - (xB)_j <= bound``).
* **Weak**: where attained, every best response to the commitment gives the leader at least
  the value, and the worst gives exactly it; where it is a limit, the approach point has a
  single class of tied best responses (identical payoff columns), the limit lies in that
  class's closed region and gives exactly the value; and it is at most the strong value.
* **Pure**: recomputed by enumerating the leader's pure strategies.
* **Nash**: the strong value is at least every Nash payoff (von Stengel and Zamir 2010).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from commit_calc.solvers.results import VerificationFailure

if TYPE_CHECKING:
    from commit_calc.solvers.stackelberg import Commitment, StackelbergResult


class _Payoffs:
    """``leader(i, j)`` and ``follower(i, j)`` with ``i`` the leader's strategy."""

    def __init__(self, result: StackelbergResult):
        arrays = result.game.numeric_payoffs()
        self.swap = result.leader == 1
        self.arrays = arrays
        self.leader_index = result.leader
        self.m, self.n = (arrays[0].shape[1], arrays[0].shape[0]) if self.swap \
            else arrays[0].shape

    def entry(self, player: int, i: int, j: int) -> Fraction:
        value: Fraction = self.arrays[player][j, i] if self.swap else self.arrays[player][i, j]
        return value

    def leader(self, i: int, j: int) -> Fraction:
        return self.entry(self.leader_index, i, j)

    def follower(self, i: int, j: int) -> Fraction:
        return self.entry(1 - self.leader_index, i, j)

    def expected(self, player: str, x: Sequence[Fraction], j: int) -> Fraction:
        pick = self.leader if player == "leader" else self.follower
        total = Fraction(0)
        for i, probability in enumerate(x):
            if probability:
                total += probability * pick(i, j)
        return total

    def best_responses(self, x: Sequence[Fraction]) -> list[int]:
        values = [self.expected("follower", x, j) for j in range(self.n)]
        return [j for j, v in enumerate(values) if v == max(values)]


def _fail(what: str) -> VerificationFailure:
    return VerificationFailure(f"Stackelberg check failed (a bug, please report it): {what}")


def _check_distribution(x: Sequence[Fraction], size: int, what: str) -> None:
    if len(x) != size or any(p < 0 for p in x) or sum(x) != 1:
        raise _fail(f"the {what} commitment is not a probability vector")


def check_stackelberg(result: StackelbergResult) -> None:
    """Raise :class:`VerificationFailure` unless every claim of ``result`` holds exactly."""
    payoffs = _Payoffs(result)
    value = _check_strong(payoffs, result.strong)
    _check_bounds(payoffs, result, value)
    _check_weak(payoffs, result.weak, value)
    _check_pure(payoffs, result.pure_strong, result.pure_weak)
    if result.nash_payoffs is not None and any(p > value for p in result.nash_payoffs):
        raise _fail("a Nash payoff of the leader exceeds its strong Stackelberg value")


def _check_strong(payoffs: _Payoffs, strong: Commitment) -> Fraction:
    x, j = strong.strategy, strong.response
    _check_distribution(x, payoffs.m, "strong")
    responses = payoffs.best_responses(x)
    if j not in responses:
        raise _fail("the follower's response to the strong commitment is not a best response")
    value = payoffs.expected("leader", x, j)
    if value != strong.leader_payoff or payoffs.expected("follower", x, j) != \
            strong.follower_payoff:
        raise _fail("the payoffs of the strong commitment are wrong")
    if any(payoffs.expected("leader", x, k) > value for k in responses):
        raise _fail("the follower's tie at the strong commitment is not broken for the leader")
    return value


def _check_bounds(payoffs: _Payoffs, result: StackelbergResult, value: Fraction) -> None:
    if sorted(bound.response for bound in result.bounds) != list(range(payoffs.n)):
        raise _fail("a follower strategy has no optimality certificate")
    for bound in result.bounds:
        j, lam = bound.response, bound.multipliers
        if bound.bound > value or any(v < 0 for v in lam) or len(lam) != payoffs.n:
            raise _fail(f"the certificate of follower strategy {j} is malformed")
        for i in range(payoffs.m):
            slack = bound.bound - payoffs.leader(i, j)
            for k, weight in enumerate(lam):
                if weight:
                    slack += weight * (payoffs.follower(i, k) - payoffs.follower(i, j))
            if slack < 0:
                raise _fail(f"the certificate of follower strategy {j} fails at row {i}")


def _check_weak(payoffs: _Payoffs, weak: Commitment, strong_value: Fraction) -> None:
    x, value = weak.strategy, weak.leader_payoff
    _check_distribution(x, payoffs.m, "weak")
    if value > strong_value:
        raise _fail("the weak value exceeds the strong value")
    if weak.attained:
        responses = payoffs.best_responses(x)
        worst = min(payoffs.expected("leader", x, k) for k in responses)
        if worst != value or weak.response not in responses or \
                payoffs.expected("leader", x, weak.response) != value:
            raise _fail("the weak commitment does not give the leader its weak value")
        return
    if weak.approach is None:
        raise _fail("a weak value not attained has no approach")
    _check_distribution(weak.approach, payoffs.m, "approach")
    tied = payoffs.best_responses(weak.approach)
    columns = {tuple(payoffs.follower(i, k) for i in range(payoffs.m)) for k in tied}
    if len(columns) != 1 or weak.response not in tied:
        raise _fail("the approach to the weak value has best responses that differ")
    at_limit = [payoffs.expected("follower", x, k) for k in range(payoffs.n)]
    if at_limit[weak.response] != max(at_limit):
        raise _fail("the limit of the weak value is outside its best-response region")
    if min(payoffs.expected("leader", x, k) for k in tied) != value:
        raise _fail("the limit of the weak commitment does not give the weak value")


def _check_pure(payoffs: _Payoffs, strong: Commitment, weak: Commitment) -> None:
    best_strong = best_weak = None
    for i in range(payoffs.m):
        follower = [payoffs.follower(i, j) for j in range(payoffs.n)]
        leader = [payoffs.leader(i, j) for j in range(payoffs.n) if follower[j] == max(follower)]
        best_strong = max(leader) if best_strong is None else max(best_strong, max(leader))
        best_weak = min(leader) if best_weak is None else max(best_weak, min(leader))
    for commitment, best in ((strong, best_strong), (weak, best_weak)):
        if commitment.leader_payoff != best or sorted(commitment.strategy)[-1] != 1:
            raise _fail("a pure commitment is wrong")
        i = list(commitment.strategy).index(Fraction(1))
        if payoffs.leader(i, commitment.response) != best:
            raise _fail("a pure commitment's response is wrong")


__all__ = ["check_stackelberg"]
