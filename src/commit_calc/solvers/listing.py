"""How many equilibria a result lists, and how a count too large to read is written."""

from __future__ import annotations

from commit_calc.model.extensive_form import ExtensiveFormGame

#: How many choices (equilibria listed times decision nodes) a result lists at most: the
#: work and the output of listing equilibria grow with both.
LISTING_BUDGET = 100_000


def listing_limit(game: ExtensiveFormGame, max_equilibria: int) -> int:
    """How many equilibria to list: ``max_equilibria``, fewer where each is so large (one
    choice per decision node) that listing them all would pass :data:`LISTING_BUDGET`.

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> node = Terminal((0, 0))
    >>> for k in range(5000):
    ...     node = Decision("AB"[k % 2], {"Stop": Terminal((0, 0)), "Go": node})
    >>> listing_limit(ExtensiveFormGame.build(players=("A", "B"), root=node), 1000)
    20
    """
    decisions = max(1, sum(1 for node in game.nodes if node.player is not None))
    return max(1, min(max_equilibria, LISTING_BUDGET // decisions))


def count_text(count: int) -> str:
    """An equilibrium count for people: exact up to 15 digits, else rounded.

    >>> count_text(1024), count_text(2**3333)
    ('1024', 'about 2.1 x 10^1003')
    """
    digits = str(count)
    if len(digits) <= 15:
        return digits
    return f"about {digits[0]}.{digits[1]} x 10^{len(digits) - 1}"
