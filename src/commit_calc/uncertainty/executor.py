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

#: Seconds to wait for a Dask scheduler before giving up.
CONNECT_TIMEOUT = 5


def map_chunks(function: Callable[[T], R], chunks: Sequence[T], *, workers: int = 1,
               dask: str | None = None, progress: Callable[[int], None] | None = None
               ) -> list[R]:
    """``[function(chunk) for chunk in chunks]``, run where asked, in order.

    ``progress`` is called with the number of chunks done after each one.
    """
    if dask is not None:
        return _on_dask(function, chunks, dask, workers)
    if workers < 1:
        raise ParameterError(f"--workers {workers}: give at least 1")
    if workers == 1 or len(chunks) <= 1:
        results = []
        for done, chunk in enumerate(chunks, start=1):
            results.append(function(chunk))
            if progress is not None:
                progress(done)
        return results
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = []
        for done, result in enumerate(pool.map(function, chunks), start=1):
            results.append(result)
            if progress is not None:
                progress(done)
        return results


def _on_dask(function: Callable[[T], R], chunks: Sequence[T], address: str, workers: int
             ) -> list[R]:
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
        futures = client.map(function, list(chunks), pure=False)
        return list(client.gather(futures))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
