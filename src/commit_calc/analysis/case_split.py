"""The case split behind :func:`.regions.parameter_regions`: the sign patterns of the
comparisons under which every candidate's status is decided.

Parameter space is split on the sign (+, 0, -) of one comparison (*key*) at a time, only
where a candidate's status is still open and only into pieces not proved empty
(:mod:`.feasibility`). Each leaf then has a fixed set of true candidates. Two true candidates
of a tree may still be one equilibrium at some points: different mixed equilibria of a
subgame's reduced normal form can give the same behaviour (Kuhn 1953), which the numeric
solver lists once. So the split goes on along the differences of their probabilities until
each pair is the same profile everywhere in the leaf (one is dropped) or nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import sympy
from sympy.polys.fields import FracField

from commit_calc.analysis.atoms import canonical
from commit_calc.analysis.candidates import Candidate, Feasibility, Term, evaluate
from commit_calc.analysis.clauses import Clauses, refuted_conditions
from commit_calc.analysis.fractions_of import element, fraction_field
from commit_calc.errors import UnsupportedGameError

#: Cases (sign patterns checked for satisfiability) the case split may try: the catalog
#: needs at most about 120; a choice among 6 actions with 3-argument max payoffs 6,900 (6 s).
MAX_CASES = 5000

#: A leaf of the split: (conjunction, indices of the distinct true candidates, resolved).
Leaf = tuple[Term, frozenset[int], bool]

#: What a leaf of :func:`split_on_signs` holds, and what its search carries down a branch.
Outcome = TypeVar("Outcome")
State = TypeVar("State")


def split_on_signs(decide: Callable[[dict[sympy.Expr, int], State],
                                    tuple[sympy.Expr | Outcome, State]],
                   start: State, feasible: Callable[[Term], bool | None], *,
                   signs: tuple[int, int, int],
                   max_cases: int, too_many: str) -> list[tuple[Term, Outcome, bool]]:
    """Split parameter space on the sign of one key at a time until each piece is decided.

    Parameters
    ----------
    decide
        Given the signs fixed so far and the state of the branch, either a key (a
        ``sympy.Expr``) to split on next or the outcome of the piece, with the state its
        sub-branches start from.
    start
        The state of the root (``None`` where none is needed).
    feasible
        Whether a sign pattern may hold: pieces proved empty are dropped; a piece that is
        not proved non-empty is kept as unresolved.
    signs
        The signs of a key in the order they are pushed on the search's stack.
    max_cases, too_many
        How many sign patterns may be checked, and the message raised past that.

    Returns
    -------
    list of (conjunction, outcome, resolved)
        One entry per piece, depth first, the last sign pushed first.

    Raises
    ------
    UnsupportedGameError
        With ``too_many`` where more than ``max_cases`` patterns are needed.
    """
    leaves: list[tuple[Term, Outcome, bool]] = []
    stack: list[tuple[dict[sympy.Expr, int], bool, State]] = [({}, True, start)]
    checked = 0
    while stack:
        fixed, resolved, state = stack.pop()
        decided, state = decide(fixed, state)
        if not isinstance(decided, sympy.Expr):
            leaves.append(({k: frozenset({s}) for k, s in fixed.items()}, decided, resolved))
            continue
        for sign in signs:
            checked += 1
            if checked > max_cases:
                raise UnsupportedGameError(too_many)
            extended = {**fixed, decided: sign}
            verdict = feasible({k: frozenset({s}) for k, s in extended.items()})
            if verdict is not False:
                stack.append((extended, resolved and verdict is True, state))
    leaves.reverse()
    return leaves


def case_split(candidates: Sequence[Candidate], feasible: Feasibility, *,
               behaviour: bool = False) -> list[Leaf]:
    """Leaves of the case split, in the order of the keys' signs (-, 0, +).

    With ``behaviour`` (a tree's candidates), two true candidates that may be one profile
    somewhere are split apart where they differ (a table's extreme equilibria never
    coincide: see :mod:`.mixed_candidates`).
    """
    same = _Coincidence(candidates if behaviour else ())

    def decide(signs: dict[sympy.Expr, int], refuted: frozenset[int]
               ) -> tuple[sympy.Expr | frozenset[int], frozenset[int]]:
        statuses = [False if i in refuted else evaluate(c, signs)
                    for i, c in enumerate(candidates)]
        # candidates of tables' mixed equilibria proved impossible here need no split
        refuted |= refuted_conditions([c.condition for c in candidates], statuses, signs,
                                      feasible)
        statuses = [False if i in refuted else s for i, s in enumerate(statuses)]
        key = _next_key(candidates, statuses, signs)
        if key is not None:
            return key, refuted
        key, true = same.distinct([i for i, s in enumerate(statuses) if s], signs)
        return (frozenset(true) if key is None else key), refuted

    none_refuted: frozenset[int] = frozenset()
    return split_on_signs(
        decide, none_refuted, feasible, signs=(-1, 0, 1), max_cases=MAX_CASES,
        too_many=f"symbolic analysis: the case split needs more than {MAX_CASES:,} cases "
                 "(many comparisons, e.g. min/max kinks); fix some parameters (--set) or "
                 "solve point by point (sweep --method points)")


def _next_key(candidates: Sequence[Candidate], statuses: Sequence[bool | None],
              signs: Mapping[sympy.Expr, int]) -> sympy.Expr | None:
    for candidate, status in zip(candidates, statuses):
        if status is not None:
            continue
        for term in candidate.condition:
            if isinstance(term, Clauses):
                key = term.open_key(signs)
                if key is not None:
                    return key
                continue
            if any(k in signs and signs[k] not in allowed for k, allowed in term.items()):
                continue
            for key in term:
                if key not in signs:
                    return key
    return None


class _Coincidence:
    """Where two candidates are the same profile: every probability's difference is zero.

    For each pair, the keys whose zeros that needs (``None`` where some difference is a
    non-zero number, or a formula whose sign cannot be read: then the pair counts as two
    profiles, as before this check existed).
    """

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        self.candidates = candidates
        self._field = fraction_field(x for c in candidates for d in c.distributions for x in d)
        self._keys: dict[tuple[int, int], tuple[sympy.Expr, ...] | None] = {}

    def distinct(self, true: list[int], signs: Mapping[sympy.Expr, int]
                 ) -> tuple[sympy.Expr | None, list[int]]:
        """``(key, [])`` where a key must be split on first, else ``(None, kept)``: the true
        candidates less those that are, everywhere under ``signs``, an earlier one."""
        if not self.candidates:
            return None, true
        kept: list[int] = []
        for j in true:
            duplicate = False
            for i in kept:
                keys = self._pair(i, j)
                if keys is None or any(signs.get(k, 0) != 0 for k in keys):
                    continue
                open_ = next((k for k in keys if k not in signs), None)
                if open_ is not None:
                    return open_, []
                duplicate = True
                break
            if not duplicate:
                kept.append(j)
        return None, kept

    def _pair(self, i: int, j: int) -> tuple[sympy.Expr, ...] | None:
        if (i, j) not in self._keys:
            self._keys[i, j] = _zero_keys(self.candidates[i], self.candidates[j], self._field)
        return self._keys[i, j]


def _zero_keys(a: Candidate, b: Candidate, within: FracField | None
               ) -> tuple[sympy.Expr, ...] | None:
    """The keys that are zero exactly where ``a`` and ``b`` have the same probabilities."""
    if len(a.distributions) != len(b.distributions) or _pure(a) or _pure(b):
        return None
    differences = [x - y for da, db in zip(a.distributions, b.distributions)
                   for x, y in zip(da, db) if x != y]
    if any(d.is_number and d != 0 for d in differences):
        return None
    keys: dict[sympy.Expr, None] = {}
    for difference in differences:
        # both are defined wherever both are candidates: zero where the numerator is
        numerator = _numerator(difference, within)
        try:
            found = canonical(numerator)
        except UnsupportedGameError:
            return None
        if isinstance(found, int):
            if found != 0:
                return None
            continue
        keys.setdefault(found[0], None)
    return tuple(keys)


def _numerator(difference: sympy.Expr, within: FracField | None) -> sympy.Expr:
    """The numerator of ``difference`` over one denominator (up to a constant factor, which
    leaves its key and its zeros alone), in the fraction field where there is one."""
    if within is not None:
        try:
            numerator: sympy.Expr = element(difference, within).numer.as_expr()
            return numerator
        except ValueError:
            pass
    return sympy.fraction(sympy.cancel(difference))[0]


def _pure(candidate: Candidate) -> bool:
    """Whether the candidate is pure: a mixed one is mixed wherever it is an equilibrium,
    since its mixed strategy of the reduced normal form is then a vertex's canonical basis,
    which leaves out every strategy played with probability 0."""
    return all(x in (0, 1) for d in candidate.distributions for x in d)
