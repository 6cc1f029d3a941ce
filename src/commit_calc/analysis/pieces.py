"""Formulas with ``min``/``max`` split into the pieces where each is a polynomial.

``max(x, y)`` is ``x`` where ``x - y >= 0`` and ``y`` where ``x - y < 0``; at ``x = y`` both
are the same number, so the tie may go to either piece. :func:`pieces` splits several formulas
at once, one ``min``/``max`` at a time (an innermost one first), so a comparison that several
formulas share is split once. Each piece is a condition ``{key: allowed signs}`` (see
:mod:`.atoms`) and the formulas there, free of ``min``/``max``; the conditions of the pieces
are disjoint and together cover every point (the first largest, or smallest, argument wins a
tie).

>>> import sympy
>>> s = sympy.Symbol("salary")
>>> for term, (value,) in pieces([sympy.Max(s - 100, 0)]):
...     print(sorted((str(k), sorted(v)) for k, v in term.items()), value)
[('salary - 100', [-1, 0])] 0
[('salary - 100', [1])] salary - 100
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

import sympy

from commit_calc.analysis.atoms import Requirement, Signs, conjunction, requirement
from commit_calc.errors import UnsupportedGameError

Term = dict[sympy.Expr, Signs]
Piece = tuple[Term, tuple[sympy.Expr, ...]]

#: Pieces of one split (a payoff vector, a table) beyond which the analysis gives up.
MAX_PIECES = 2000


def has_kinks(expressions: Sequence[sympy.Expr]) -> bool:
    """Whether any of ``expressions`` uses ``min`` or ``max``."""
    return any(e.has(sympy.Min, sympy.Max) for e in expressions)


def pieces(expressions: Sequence[sympy.Expr], term: Mapping[sympy.Expr, Signs] | None = None,
           feasible: Callable[[Term], bool | None] | None = None) -> list[Piece]:
    """The pieces of ``expressions`` within the conjunction ``term`` (default: everywhere).

    ``feasible`` (a satisfiability check of a conjunction) drops the pieces that are empty.
    Raises :class:`UnsupportedGameError` beyond :data:`MAX_PIECES` pieces.
    """
    found: list[Piece] = []
    stack: list[Piece] = [(dict(term or {}), tuple(expressions))]
    while stack:
        condition, values = stack.pop()
        kink = _innermost(values)
        if kink is None:
            found.append((condition, values))
            if len(found) > MAX_PIECES:
                raise UnsupportedGameError(
                    f"symbolic analysis: min/max split into more than {MAX_PIECES} pieces; fix "
                    "some parameters (--set) or solve point by point (sweep --method points)")
            continue
        arguments = kink.args
        for i, chosen in enumerate(arguments):
            needs: list[Requirement | bool] = []
            for j, other in enumerate(arguments):
                if j == i:
                    continue
                # max: chosen is the first largest argument (min: the first smallest)
                gap = chosen - other if isinstance(kink, sympy.Max) else other - chosen
                needs.append(requirement(gap, ">" if j < i else ">="))
            merged = conjunction(itertools.chain(condition.items(), needs))
            if merged is None or (feasible is not None and feasible(merged) is False):
                continue
            stack.append((merged, tuple(v.xreplace({kink: chosen}) for v in values)))
    found.reverse()
    return found


def _innermost(values: Sequence[sympy.Expr]) -> sympy.Expr | None:
    """A ``min``/``max`` of ``values`` whose arguments have none (children come first)."""
    for value in values:
        for part in sympy.postorder_traversal(value):
            if isinstance(part, sympy.Min | sympy.Max):
                return part
    return None
