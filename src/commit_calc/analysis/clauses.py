"""Conditions in conjunctive form: a conjunction of clauses, each a disjunction of terms.

A candidate's condition (see :mod:`.candidates`) is a disjunction of *alternatives*. Most are
a plain term ``{key: allowed signs}``; the extreme mixed equilibria of a table
(:mod:`.mixed_candidates`) need "for every other basis, it is singular or not tight", which
multiplied out into terms would grow exponentially. :class:`Clauses` keeps such a condition
as a conjunction of clauses and is evaluated lazily under a partial sign assignment, so the
case split of :mod:`.regions` asks only for the signs it needs.

>>> import sympy
>>> p = sympy.Symbol("p")
>>> condition = Clauses(((({p: frozenset({0})}), ({p - 1: frozenset({1})})),))
>>> condition.evaluate({p: 1}), condition.evaluate({p: 0}), condition.open_key({p: 1})
(None, True, p - 1)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import sympy

from commit_calc.analysis.atoms import Requirement, Signs, conjunction, evaluate_term

Term = dict[sympy.Expr, Signs]
Clause = tuple[Term, ...]


@dataclass(frozen=True, eq=False)
class Clauses:
    """True where every clause has a true term (a clause is a disjunction of terms)."""

    clauses: tuple[Clause, ...]

    def evaluate(self, signs: Mapping[sympy.Expr, int]) -> bool | None:
        """True, False or None (open) under a partial sign assignment."""
        open_ = False
        for clause in self.clauses:
            status = _clause_status(clause, signs)
            if status is False:
                return False
            if status is None:
                open_ = True
        return None if open_ else True

    def open_key(self, signs: Mapping[sympy.Expr, int]) -> sympy.Expr | None:
        """A key without a sign in the first open clause (None if the condition is decided)."""
        if self.evaluate(signs) is not None:
            return None
        for clause in self.clauses:
            if _clause_status(clause, signs) is not None:
                continue
            for term in clause:
                if evaluate_term(term, signs) is None:
                    return next(k for k in term if k not in signs)
        return None  # pragma: no cover - an open condition has an open clause

    def refuted(self, signs: Mapping[sympy.Expr, int],
                feasible: Callable[[Term], bool | None]) -> bool:
        """Whether some open clause of one or two terms is proved false wherever ``signs``
        hold: each of its terms is contradictory with them (``feasible`` proves it empty).
        The case split then needs no sign of the clause's keys."""
        fixed = {k: frozenset({s}) for k, s in signs.items()}
        for clause in self.clauses:
            # long clauses (a basis is not the first of its vertex) rarely fail: not tried
            if len(clause) > 2 or _clause_status(clause, signs) is not None:
                continue
            if all(_empty(term, fixed, feasible) for term in clause):
                return True
        return False

    def restricted(self, cell: Mapping[sympy.Expr, Signs]) -> Clauses | None:
        """The condition within the conjunction ``cell`` (None if never true there)."""
        return clauses_of([(dict(cell),), *self.clauses])


def _empty(term: Term, fixed: Term, feasible: Callable[[Term], bool | None]) -> bool:
    joined = conjunction(itertools.chain(fixed.items(), term.items()))
    return joined is None or feasible(joined) is False


def _clause_status(clause: Clause, signs: Mapping[sympy.Expr, int]) -> bool | None:
    open_ = False
    for term in clause:
        status = evaluate_term(term, signs)
        if status is True:
            return True
        if status is None:
            open_ = True
    return None if open_ else False


def clause(items: Iterable[Requirement | bool | Term | None]) -> Clause | bool:
    """A disjunction of requirements and terms: True/False when constant, else its terms."""
    terms: list[Term] = []
    for item in items:
        if item is True or (isinstance(item, dict) and not item):
            return True
        if item is False or item is None:
            continue
        terms.append(item if isinstance(item, dict) else {item[0]: item[1]})
    return tuple(terms) if terms else False


def clauses_of(items: Iterable[Clause | bool]) -> Clauses | None:
    """The conjunction of clauses (None if one is never true); one-term clauses are merged."""
    single: list[Requirement] = []
    kept: list[Clause] = []
    for item in items:
        if item is True:
            continue
        if item is False:
            return None
        if len(item) == 1:
            single.extend(item[0].items())
        else:
            kept.append(item)
    merged = conjunction(single)
    if merged is None:
        return None
    # a clause with a term that the merged unit clauses already imply is true
    kept = [c for c in kept if not any(_implied(term, merged) for term in c)]
    head: list[Clause] = [(merged,)] if merged else []
    return Clauses(tuple(itertools.chain(head, kept)))


def _implied(term: Term, by: Term) -> bool:
    return all(k in by and by[k] <= allowed for k, allowed in term.items())


def alternative_status(alternative: Term | Clauses, signs: Mapping[sympy.Expr, int]
                       ) -> bool | None:
    """:func:`.atoms.evaluate_term` for a term, :meth:`Clauses.evaluate` for clauses."""
    if isinstance(alternative, Clauses):
        return alternative.evaluate(signs)
    return evaluate_term(alternative, signs)


def alternative_within(alternative: Term | Clauses, cell: Mapping[sympy.Expr, Signs]
                       ) -> Term | Clauses | None:
    """An alternative restricted to the conjunction ``cell`` (None if never true there)."""
    if isinstance(alternative, Clauses):
        return alternative.restricted(cell)
    return conjunction(itertools.chain(alternative.items(), cell.items()))


def refuted_conditions(conditions: Sequence[Sequence[Term | Clauses]],
                       statuses: Sequence[bool | None], signs: Mapping[sympy.Expr, int],
                       feasible: Callable[[Term], bool | None]) -> frozenset[int]:
    """The open conditions (status None) made only of clauses that are proved false wherever
    ``signs`` hold (:meth:`Clauses.refuted`): the case split needs none of their keys."""
    return frozenset(
        i for i, (condition, status) in enumerate(zip(conditions, statuses))
        if status is None and all(
            isinstance(a, Clauses) and (a.evaluate(signs) is False or a.refuted(signs, feasible))
            for a in condition))
