"""Plain-text tables: aligned columns for terminals."""

from __future__ import annotations

from collections.abc import Sequence


def table(rows: Sequence[Sequence[str]], *, indent: int = 0) -> list[str]:
    """Rows as left-aligned columns two spaces apart, trailing spaces dropped.

    >>> table([["a", "bb"], ["ccc", "d"]], indent=1)
    [' a    bb', ' ccc  d']
    """
    if not rows:
        return []
    width = max(len(row) for row in rows)
    widths = [max((len(row[k]) for row in rows if k < len(row)), default=0) for k in range(width)]
    return [
        (" " * indent + "  ".join(cell.ljust(widths[k]) for k, cell in enumerate(row))).rstrip()
        for row in rows
    ]
