"""Labels drawn as written: matplotlib reads ``$...$`` as mathematics, so a player named
``$B^$`` raised an error and ``$x$`` came out in italics. Functions that build figures run
with that parsing off.

>>> @literal_text
... def parse_math_setting():
...     import matplotlib
...     return matplotlib.rcParams["text.parse_math"]
>>> parse_math_setting()
False
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def literal_text(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with matplotlib's mathematics parsing of texts turned off (texts
    keep the setting they were made with, so the figure stays literal when saved later)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            import matplotlib
        except ImportError:  # the function itself says what is missing
            return function(*args, **kwargs)
        with matplotlib.rc_context({"text.parse_math": False}):
            return function(*args, **kwargs)

    return wrapper
