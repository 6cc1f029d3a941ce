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

import gc
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class OutOfTime(BaseException):
    """The step took more processor time than allowed (a BaseException, so that no
    ``except Exception`` inside the step swallows it)."""


#: Processor seconds after which the limit tries again when it fell during a garbage
#: collection.
RETRY = 0.001

_collecting = [False]  # between a garbage collection's "start" and "stop" callbacks


def _started(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _collecting[0] = True


def _stopped(phase: str, info: dict[str, int]) -> None:
    if phase == "stop":
        _collecting[0] = False


def _raise(signum: int, frame: FrameType | None) -> None:
    if _collecting[0]:
        # raised in a collection's callbacks or finalizers, the exception would be lost
        # (reported as unraisable) and the step would run on: try again just after it
        signal.setitimer(signal.ITIMER_VIRTUAL, RETRY)
        return
    raise OutOfTime


@contextmanager
def cpu_time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`OutOfTime` inside the block after ``seconds`` of processor time."""
    if (threading.current_thread() is not threading.main_thread()
            or not hasattr(signal, "setitimer")):
        yield
        return
    gc.callbacks.insert(0, _started)  # before other callbacks of a collection ...
    gc.callbacks.append(_stopped)  # ... and after them
    previous = signal.signal(signal.SIGVTALRM, _raise)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
        gc.callbacks.remove(_started)
        gc.callbacks.remove(_stopped)
        _collecting[0] = False
