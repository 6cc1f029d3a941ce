"""Monte Carlo and quasi-Monte Carlo estimates of outcome probabilities and payoffs.

Samples are drawn by the inverse CDF from uniform numbers: pseudo-random ones from numpy's
Generator (``"mc"``) or scrambled Sobol points from scipy.stats.qmc (``"qmc"``). Both are
split into :data:`REPLICATES` independent streams, seeded from ``--seed`` by numpy's
SeedSequence, so that the standard error comes from the spread between the streams (honest for
quasi-random points too) and the same seed gives the same numbers wherever they are computed.
Each sample's region comes from the exact regions, vectorised (:mod:`.classify`); a game
without exact regions is solved point by point instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from commit_calc.errors import ParameterError
from commit_calc.uncertainty.distributions import Distribution

#: Independent streams the samples are split into (for the standard errors).
REPLICATES = 8
#: The 97.5% quantile of Student's t with REPLICATES - 1 = 7 degrees of freedom.
T_QUANTILE = 2.364624251592784
#: The most samples a run draws.
MAX_SAMPLES = 10**8


@dataclass(frozen=True)
class Samples:
    """The sampled values, one column per uncertain parameter (floats; ``exact`` holds the
    exact atoms of discrete distributions, as indices into their values, else None), and the
    stream each sample belongs to."""

    names: tuple[str, ...]
    columns: tuple[np.ndarray, ...]
    atoms: tuple[np.ndarray | None, ...]
    stream: np.ndarray

    @property
    def count(self) -> int:
        return int(self.stream.size)


def draw(beliefs: Sequence[Distribution], count: int, seed: int, method: str = "mc"
         ) -> Samples:
    """``count`` samples of the uncertain parameters, reproducible from ``seed``."""
    if not 1 <= count <= MAX_SAMPLES:
        raise ParameterError(f"--samples {count}: give between 1 and {MAX_SAMPLES:,}")
    if method not in ("mc", "qmc"):
        raise ParameterError(f"--method {method}: expected mc or qmc")
    sizes = [count // REPLICATES + (k < count % REPLICATES) for k in range(REPLICATES)]
    seeds = np.random.SeedSequence(seed).spawn(REPLICATES)
    columns: list[list[np.ndarray]] = [[] for _ in beliefs]
    atoms: list[list[np.ndarray]] = [[] for _ in beliefs]
    for size, stream_seed in zip(sizes, seeds):
        if size == 0:
            continue
        generator = np.random.default_rng(stream_seed)
        uniforms = _sobol(len(beliefs), size, generator) if method == "qmc" else None
        for k, belief in enumerate(beliefs):
            if belief.is_discrete or uniforms is not None:
                u = generator.random(size) if uniforms is None else uniforms[:, k]
                columns[k].append(belief.quantiles(u))
                if belief.is_discrete:
                    atoms[k].append(_atom_index(belief, u))
            else:
                columns[k].append(belief.sample(generator, size))
    stream = np.repeat(np.arange(REPLICATES), sizes)
    return Samples(tuple(b.parameter for b in beliefs),
                   tuple(np.concatenate(c) for c in columns),
                   tuple(np.concatenate(a) if a else None for a in atoms), stream)


def _sobol(dimensions: int, size: int, generator: np.random.Generator) -> np.ndarray:
    """``size`` scrambled Sobol points (any size: the balance of powers of two is not
    needed for the estimates here, so scipy's warning about it is silenced)."""
    import warnings

    from scipy.stats import qmc

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return np.asarray(qmc.Sobol(dimensions, scramble=True, seed=generator).random(size))


def _atom_index(belief: Distribution, uniforms: np.ndarray) -> np.ndarray:
    cumulative = np.cumsum([float(w) for w in belief.weights])
    return np.minimum(np.searchsorted(cumulative, uniforms, side="right"),
                      len(belief.values) - 1)


@dataclass(frozen=True)
class Estimate:
    """A probability estimated from samples: the estimate, its standard error (from the
    spread between the streams) and a 95% interval (Student's t over the streams), clipped
    to [0, 1]."""

    estimate: float
    standard_error: float
    interval: tuple[float, float]


def estimate(hits: np.ndarray, stream: np.ndarray) -> Estimate:
    """The share of samples where ``hits`` is true, with its standard error."""
    p = float(np.mean(hits)) if hits.size else math.nan
    means = [float(np.mean(hits[stream == k])) for k in range(REPLICATES)
             if np.any(stream == k)]
    if len(means) > 1:
        error = float(np.std(means, ddof=1) / math.sqrt(len(means)))
    else:
        error = math.sqrt(max(p * (1 - p), 0.0) / max(hits.size, 1))
    spread = T_QUANTILE * error  # Student's t with REPLICATES - 1 degrees of freedom
    return Estimate(p, error, (max(0.0, p - spread), min(1.0, p + spread)))
