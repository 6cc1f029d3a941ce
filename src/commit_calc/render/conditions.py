"""Conditions on parameters as text for people: ``100 < salary < 400``, not sympy's syntax.

Every text output (thresholds, sweeps, explanations, warnings) writes a sympy condition with
:func:`condition_text`; JSON keeps sympy's own text (``sympy.sympify`` reads it back).
Comparisons read ``=``, ``!=``, ``<``, ``<=``, ``>``, ``>=``; a parameter bounded on both
sides in one conjunction is written as a chain; ``and``, ``or`` and ``not`` are words.

>>> import sympy
>>> salary, r = sympy.symbols("salary reliability")
>>> condition_text(sympy.Eq(r, sympy.Rational(20, 33)))
'reliability = 20/33'
>>> condition_text((salary > 100) & (salary < 400))
'100 < salary < 400'
>>> condition_text(sympy.Or(sympy.And(salary >= 400, r < 1), sympy.Ne(r, 0)))
'reliability != 0 or (salary >= 400 and reliability < 1)'
>>> condition_text(sympy.true)
'always'
"""

from __future__ import annotations

import sympy

_FLIPPED = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "==": "==", "!=": "!="}
_WORDS = {"==": "=", "!=": "!="}


def condition_text(condition: sympy.Basic) -> str:
    """``condition`` (a sympy Boolean) written for people, in plain ASCII."""
    if condition is sympy.true:
        return "always"
    if condition is sympy.false:
        return "never"
    if isinstance(condition, sympy.Or):
        return " or ".join(_grouped(arg) for arg in condition.args)
    if isinstance(condition, sympy.And):
        return _conjunction(condition.args)
    if isinstance(condition, sympy.Not):
        return f"not ({condition_text(condition.args[0])})"
    if isinstance(condition, sympy.core.relational.Relational):
        return _comparison(condition.lhs, condition.rel_op, condition.rhs)
    return str(condition)


def _grouped(condition: sympy.Basic) -> str:
    text = condition_text(condition)
    return f"({text})" if isinstance(condition, sympy.And | sympy.Or) else text


def _comparison(left: sympy.Basic, operator: str, right: sympy.Basic) -> str:
    return f"{left} {_WORDS.get(operator, operator)} {right}"


def _oriented(condition: sympy.Basic) -> tuple[sympy.Symbol, str, sympy.Basic] | None:
    """``(symbol, operator, other)`` for an inequality with a lone parameter on one side."""
    if not isinstance(condition, sympy.core.relational.Relational) or \
            condition.rel_op in ("==", "!="):
        return None
    left, operator, right = condition.lhs, condition.rel_op, condition.rhs
    if isinstance(left, sympy.Symbol) and left not in right.free_symbols:
        return left, operator, right
    if isinstance(right, sympy.Symbol) and right not in left.free_symbols:
        return right, _FLIPPED[operator], left
    return None


def _conjunction(parts: tuple[sympy.Basic, ...]) -> str:
    """Parts joined by ``and``; one lower and one upper bound on a parameter form a chain."""
    below: dict[sympy.Symbol, list[int]] = {}
    above: dict[sympy.Symbol, list[int]] = {}
    for k, part in enumerate(parts):
        found = _oriented(part)
        if found is not None:
            (below if found[1] in (">", ">=") else above).setdefault(found[0], []).append(k)
    chains: dict[int, str] = {}
    absorbed: set[int] = set()
    for symbol, lowers in below.items():
        uppers = above.get(symbol, [])
        if len(lowers) != 1 or len(uppers) != 1:
            continue
        _, low_op, low = _oriented(parts[lowers[0]])  # type: ignore[misc]
        _, high_op, high = _oriented(parts[uppers[0]])  # type: ignore[misc]
        first = min(lowers[0], uppers[0])
        chains[first] = f"{low} {_FLIPPED[low_op]} {symbol} {high_op} {high}"
        absorbed.update((lowers[0], uppers[0]))
    texts = [chains[k] if k in chains else _grouped(part)
             for k, part in enumerate(parts) if k in chains or k not in absorbed]
    return " and ".join(texts)
