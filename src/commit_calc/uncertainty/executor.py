"""Where per-point work runs: in this process, in local processes, or on a Dask cluster.

One interface, :func:`map_chunks`, for every executor. The chunks are cut and seeded by the
caller, so the same seed gives the same numbers whatever runs them and however many workers
there are. Dask (the ``distributed`` extra) connects to a running scheduler (``--dask
tcp://host:8786``; see dask-jobqueue for university clusters) or starts a ``LocalCluster``
(``--dask local``); an address that does not answer is refused within :data:`CONNECT_TIMEOUT`
seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from commit_calc.errors import ParameterError

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

#: Seconds to wait for a Dask scheduler before giving up.
CONNECT_TIMEOUT = 5


def map_chunks(function: Callable[[T, S], R], chunks: Sequence[T], *, shared: S,
               workers: int = 1, dask: str | None = None,
               progress: Callable[[int], None] | None = None) -> list[R]:
    """``[function(chunk, shared) for chunk in chunks]``, run where asked, in order.

    ``shared`` (the game, say) is sent once to each worker, not with every chunk: local
    processes get it when they start, Dask workers by one broadcast. ``progress`` is called
    with the number of chunks done after each one.
    """
    if dask is not None:
        return _on_dask(function, chunks, shared, dask, workers)
    if workers < 1:
        raise ParameterError(f"--workers {workers}: give at least 1")
    results = []
    if workers == 1 or len(chunks) <= 1:
        for done, chunk in enumerate(chunks, start=1):
            results.append(function(chunk, shared))
            if progress is not None:
                progress(done)
        return results
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), initializer=_install,
                             initargs=(function, shared)) as pool:
        for done, result in enumerate(pool.map(_call, chunks), start=1):
            results.append(result)
            if progress is not None:
                progress(done)
    return results


_installed: list[Any] = []  # in a worker process: (function, shared)


def _install(function: Callable[[Any, Any], Any], shared: Any) -> None:
    """Keep the function and the shared object in a worker process, once."""
    _installed[:] = [function, shared]


def _call(chunk: Any) -> Any:
    function, shared = _installed
    return function(chunk, shared)


def _on_dask(function: Callable[[T, S], R], chunks: Sequence[T], shared: S, address: str,
             workers: int) -> list[R]:
    import importlib

    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise ParameterError("--dask: Dask is not installed; pip install "
                             "\"commit-calc[distributed]\"") from None
    Client, LocalCluster = distributed.Client, distributed.LocalCluster  # noqa: N806
    cluster: Any = None
    try:
        if address == "local":
            with importlib.import_module("dask").config.set(
                    {"distributed.worker.multiprocessing-method": _start_method()}):
                cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1,
                                       processes=True, dashboard_address=None)
            client = Client(cluster, timeout=CONNECT_TIMEOUT)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise ParameterError(f"--dask {address}: cannot reach a Dask scheduler there within "
                             f"{CONNECT_TIMEOUT} s ({type(error).__name__})") from None
    try:
        on_workers = client.scatter(shared, broadcast=True)
        futures = client.map(function, list(chunks), shared=on_workers, pure=False)
        return list(client.gather(futures))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _start_method() -> str:
    """How a ``LocalCluster`` starts its worker processes: forked where the platform allows
    it (Linux), so that they inherit the imported libraries: a spawned worker imports sympy
    and commit-calc afresh, seconds per worker, which would dwarf the work itself."""
    import multiprocessing
    import sys

    forks = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    return "fork" if forks else "spawn"
