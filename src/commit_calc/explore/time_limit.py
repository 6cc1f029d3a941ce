"""A bound on the processor time of one step (the exact regions), so a game whose regions
are slow to find gets its page from the grid instead, quickly.

Processor time (``ITIMER_VIRTUAL``), not wall-clock time: a loaded machine gives the same
page. Only in the main thread of a Unix process (where signals can be caught); elsewhere the
step runs unbounded.

>>> with cpu_time_limit(5.0):
...     sum(range(10))
45
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class OutOfTime(BaseException):
    """The step took more processor time than allowed (a BaseException, so that no
    ``except Exception`` inside the step swallows it)."""


def _raise(signum: int, frame: FrameType | None) -> None:
    raise OutOfTime


@contextmanager
def cpu_time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`OutOfTime` inside the block after ``seconds`` of processor time."""
    if (threading.current_thread() is not threading.main_thread()
            or not hasattr(signal, "setitimer")):
        yield
        return
    previous = signal.signal(signal.SIGVTALRM, _raise)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
