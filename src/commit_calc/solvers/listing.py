"""How many equilibria a result lists, and how a count too large to read is written."""

from __future__ import annotations

import math

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

    Works without writing the number out, which Python refuses past 4300 digits.

    >>> count_text(1024), count_text(2**3333), count_text(3**65536)
    ('1024', 'about 2.2 x 10^1003', 'about 4.2 x 10^31268')
    """
    if count < 10**15:
        return str(count)
    shift = max(0, count.bit_length() - 64)
    logarithm = math.log10(count >> shift) + shift * math.log10(2)
    exponent = math.floor(logarithm)
    mantissa = 10 ** (logarithm - exponent)
    if mantissa >= 9.95:  # rounds up to the next power of ten
        mantissa, exponent = 1.0, exponent + 1
    return f"about {mantissa:.1f} x 10^{exponent}"
