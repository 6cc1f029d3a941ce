"""Where per-point work runs: in this process, in local processes, or on a Dask cluster.

One interface, :func:`map_chunks`, for every executor. The chunks are cut and seeded by the
caller, so the same seed gives the same numbers whatever runs them and however many workers
there are. Dask (the ``distributed`` extra) connects to a running scheduler (``--dask
tcp://host:8786``; see dask-jobqueue for university clusters) or starts a ``LocalCluster``
(``--dask local``); an address that does not answer is refused within :data:`CONNECT_TIMEOUT`
seconds.

Fixed costs are kept small, since a run of 10^4 points is about a second of work: local
workers are forked where that is safe (they inherit the imported libraries and whatever
``shared`` already holds, with no pickling; elsewhere a fork server imports the function's
module once for all of them); a ``LocalCluster`` forks its workers too, without dashboard,
profiler or frequent monitors (which took an eighth of a core from the work), and
``shared`` is scattered to its workers once.
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
    processes get it when they start (forked ones inherit it as it is), Dask workers by one
    broadcast. ``progress`` is called with the number of chunks done after each one.
    """
    if dask is not None:
        return _on_dask(function, chunks, shared, dask, workers, progress)
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

    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)),
                             mp_context=_pool_context(function.__module__),
                             initializer=_install, initargs=(function, shared)) as pool:
        for done, result in enumerate(pool.map(_call, chunks), start=1):
            results.append(result)
            if progress is not None:
                progress(done)
    return results


_installed: list[Any] = []  # in a worker process: (function, shared)


def _pool_context(module: str) -> Any:
    """How local workers start: forked where :func:`_can_fork`; else from a fork server that
    has imported ``module`` (and with it sympy and commit-calc) once for all of them, where
    there is one; else spawned (each imports everything afresh: seconds)."""
    import multiprocessing

    if _can_fork():
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([module])
        return context
    return multiprocessing.get_context("spawn")


def _can_fork() -> bool:
    """Whether local workers may be forked from this process: on Linux, while it runs one
    thread (a fork copies only the calling thread; a lock another thread holds would never
    be released in the child)."""
    import sys
    import threading

    return sys.platform == "linux" and threading.active_count() == 1


def _install(function: Callable[[Any, Any], Any], shared: Any) -> None:
    """Keep the function and the shared object in a worker process, once."""
    _installed[:] = [function, shared]


def _call(chunk: Any) -> Any:
    function, shared = _installed
    return function(chunk, shared)


def _on_dask(function: Callable[[T, S], R], chunks: Sequence[T], shared: S, address: str,
             workers: int, progress: Callable[[int], None] | None) -> list[R]:
    import importlib

    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise ParameterError("--dask: Dask is not installed; pip install "
                             "\"commit-calc[distributed]\"") from None
    cluster: Any = None
    try:
        if address == "local":
            cluster = _local_cluster(distributed, max(workers, 1))
            client = distributed.Client(cluster, timeout=CONNECT_TIMEOUT)
        else:
            client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise ParameterError(f"--dask {address}: cannot reach a Dask scheduler there within "
                             f"{CONNECT_TIMEOUT} s ({type(error).__name__})") from None
    try:
        on_workers = client.scatter(shared, broadcast=True)
        futures = client.map(function, list(chunks), shared=on_workers, pure=False)
        position = {future.key: k for k, future in enumerate(futures)}
        results: list[Any] = [None] * len(futures)
        done = distributed.as_completed(futures, with_results=True)
        for count, (future, result) in enumerate(done, start=1):
            results[position[future.key]] = result
            if progress is not None:
                progress(count)
        return results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


#: Settings of a ``LocalCluster`` started here (``--dask local``): no statistical profiler
#: (it interrupts the work 100 times a second) and the health and memory monitors checked
#: seldom. With Dask's defaults two workers and the scheduler used an eighth of a core between
#: them beside the work (measured idle), with these a thirtieth.
QUIET_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "10s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def _local_cluster(distributed: Any, workers: int) -> Any:
    """A ``LocalCluster`` of ``workers`` single-threaded processes, forked where possible,
    with the package versions (which each worker reports) looked up once, before the fork."""
    import importlib

    distributed.versions.get_versions()
    settings = {**QUIET_CLUSTER, "distributed.worker.multiprocessing-method": _start_method()}
    with importlib.import_module("dask").config.set(settings):
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                        processes=True, dashboard_address=None)


def _start_method() -> str:
    """How a ``LocalCluster`` starts its worker processes: forked where the platform allows
    it (Linux), so that they inherit the imported libraries: a spawned worker imports sympy
    and commit-calc afresh, seconds per worker, which would dwarf the work itself."""
    import multiprocessing
    import sys

    forks = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    return "fork" if forks else "spawn"
