"""Straight-line Python functions generated from a game's structure, for checks and tables
computed at many points of one game.

The source is built only from numbers (of nodes, players, information sets, positions), never
from a user's text, so compiling it runs nothing but arithmetic on the arguments. A function
longer than :data:`MAX_SOURCE` characters is refused (``ValueError``): the caller then
uses its general loop, which takes longer per point but nothing to prepare.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

#: The longest source compiled, in characters (compiling it takes about a second).
MAX_SOURCE = 1_000_000


def straight_line(arguments: Sequence[str], lines: Sequence[str]) -> Callable[..., Any]:
    """A function of ``arguments`` whose body is ``lines`` (the last one returns).

    >>> straight_line(["a", "b"], ["c = a * b", "return c + 1"])(2, 3)
    7
    """
    namespace: dict[str, Any] = {}
    source = f"def function({', '.join(arguments)}):\n    " + "\n    ".join(lines)
    if len(source) > MAX_SOURCE:
        raise ValueError(f"straight_line(): {len(source)} characters, more than {MAX_SOURCE}")
    exec(compile(source, "<commit-calc straight line>", "exec"), namespace)  # noqa: S102
    return namespace["function"]  # type: ignore[no-any-return]


__all__ = ["MAX_SOURCE", "straight_line"]
