"""Distributions on parameters: what an analyst believes about a value she does not know.

A distribution is written ``NAME(ARGUMENTS)`` with exact numbers (``3/4``, ``0.25``, ``-2``):

* ``uniform(low, high)``; ``triangular(low, mode, high)``;
* ``beta(a, b)`` on [0, 1], or ``beta(a, b, low, high)`` scaled to [low, high];
* ``normal(mean, sd)`` and ``lognormal(mu, sigma)`` (of the logarithm), truncated to the
  parameter's bounds;
* ``discrete(v1, v2, ...)``, equally likely, or ``discrete(v1:w1, v2:w2, ...)`` with weights;
* ``csv(FILE, COLUMN)``: the values of a column of a CSV file (with a header row), each row
  equally likely: an empirical distribution (at most :data:`MAX_CSV_BYTES` read).

Samples come from scipy.stats through numpy's Generator; cumulative probabilities are exact
(sympy) where the distribution has a closed form, which :mod:`.exact` uses for exact outcome
probabilities. Nothing is ``eval``-ed: the text is split into a name and numbers.

>>> d = parse_distribution("beta(3, 2)", "reliability", 0, 1)
>>> 1 - d.cdf(sympy.Rational(20, 33))  # P(reliability > 20/33)
67769/131769
>>> parse_distribution("uniform(0, 2)", "reliability", 0, 1)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
commit_calc.errors.ParameterError: --dist reliability=uniform(0, 2): puts mass above the ... 1
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from commit_calc.errors import ParameterError
from commit_calc.model.values import exact_number

_SPEC = re.compile(r"^\s*([a-z]+)\s*\((.*)\)\s*$")
#: Arguments each distribution takes (its name -> allowed counts).
ARITY = {"uniform": (2,), "triangular": (3,), "beta": (2, 4), "normal": (2,),
         "lognormal": (2,)}
_X = sympy.Symbol("x", real=True)


@dataclass(frozen=True)
class Distribution:
    """A distribution of one parameter's value: ``kind`` and its exact ``arguments``,
    truncated to ``[lower, upper]`` (None: unbounded) where it is normal or lognormal.
    ``values`` and ``weights`` describe a discrete one."""

    parameter: str
    kind: str
    arguments: tuple[sympy.Rational, ...]
    lower: sympy.Rational | None = None
    upper: sympy.Rational | None = None
    values: tuple[sympy.Rational, ...] = ()
    weights: tuple[sympy.Rational, ...] = ()

    @property
    def text(self) -> str:
        """``beta(3, 2)`` as the user could write it."""
        if self.kind == "discrete":
            return "discrete(" + ", ".join(f"{v}:{w}" for v, w in zip(self.values,
                                                                    self.weights)) + ")"
        return f"{self.kind}(" + ", ".join(map(str, self.arguments)) + ")"

    @property
    def is_discrete(self) -> bool:
        return self.kind == "discrete"

    def cdf(self, x: sympy.Expr) -> sympy.Expr:
        """P(value <= x), exact (a sympy number; ``erf`` and the like where it must)."""
        if self.is_discrete:
            return sympy.Add(*(w for v, w in zip(self.values, self.weights) if v <= x))
        return sympy.simplify(self._cdf_formula().subs(_X, x))

    def below(self, x: sympy.Expr) -> sympy.Expr:
        """P(value < x), exact: the same as :meth:`cdf` but for a discrete atom at ``x``."""
        if self.is_discrete:
            return sympy.Add(*(w for v, w in zip(self.values, self.weights) if v < x))
        return self.cdf(x)

    def _cdf_formula(self) -> sympy.Expr:
        a = self.arguments
        if self.kind == "uniform":
            return _clip((_X - a[0]) / (a[1] - a[0]), _X, a[0], a[1])
        if self.kind == "triangular":
            low, mode, high = a
            rising = (_X - low) ** 2 / ((high - low) * (mode - low)) if mode > low else 0
            falling = 1 - (high - _X) ** 2 / ((high - low) * (high - mode)) if high > mode \
                else 1
            inner = sympy.Piecewise((rising, mode >= _X), (falling, True))
            return _clip(inner, _X, low, high)
        if self.kind == "beta":
            low, high = (a[2], a[3]) if len(a) == 4 else (sympy.Integer(0), sympy.Integer(1))
            t = sympy.Symbol("t", positive=True)
            u = (_X - low) / (high - low)
            density = (t ** (a[0] - 1) * (1 - t) ** (a[1] - 1) * sympy.gamma(a[0] + a[1])
                       / (sympy.gamma(a[0]) * sympy.gamma(a[1])))
            return _clip(sympy.integrate(density, (t, 0, u)), _X, low, high)
        return self._truncated(self._untruncated())

    def _untruncated(self) -> sympy.Expr:
        """The CDF before truncation, written so that no digit cancels where the bounds lie:
        ``erfc(-z)/2`` where they lie below the centre (both ends in the lower tail), else
        ``1 - erfc(z)/2``: a truncation far in a tail (normal(100, 1) on [0, 1]) stays exact
        and evaluates to the right number."""
        mean, scale = self.arguments
        z = ((_X if self.kind == "normal" else sympy.log(_X)) - mean) / (scale * sympy.sqrt(2))
        ends = [b if self.kind == "normal" else sympy.log(b)
                for b in (self.lower, self.upper) if b is not None and (b > 0 or
                                                                       self.kind == "normal")]
        below = bool(ends) and sum(ends) / len(ends) < mean
        cdf = sympy.erfc(-z) / 2 if below else 1 - sympy.erfc(z) / 2
        if self.kind == "normal":
            return cdf
        return sympy.Piecewise((0, _X <= 0), (cdf, True))  # lognormal: of log(x)

    def _truncated(self, cdf: sympy.Expr) -> sympy.Expr:
        low = cdf.subs(_X, self.lower) if self.lower is not None else sympy.Integer(0)
        high = cdf.subs(_X, self.upper) if self.upper is not None else sympy.Integer(1)
        inner = (cdf - low) / (high - low)
        return _clip(inner, _X, self.lower, self.upper)

    def frozen(self) -> Any:
        """The scipy.stats distribution (frozen) that samples are drawn from."""
        from scipy import stats

        a = [float(x) for x in self.arguments]
        if self.kind == "uniform":
            return stats.uniform(a[0], a[1] - a[0])
        if self.kind == "triangular":
            width = a[2] - a[0]
            return stats.triang((a[1] - a[0]) / width, a[0], width)
        if self.kind == "beta":
            low, high = (a[2], a[3]) if len(a) == 4 else (0.0, 1.0)
            return stats.beta(a[0], a[1], loc=low, scale=high - low)
        low = -np.inf if self.lower is None else float(self.lower)
        high = np.inf if self.upper is None else float(self.upper)
        if self.kind == "normal":
            return stats.truncnorm((low - a[0]) / a[1], (high - a[0]) / a[1], a[0], a[1])
        return _TruncatedLognormal(a[0], a[1], max(low, 0.0), high)

    def sample(self, generator: np.random.Generator, count: int) -> np.ndarray:
        """``count`` pseudo-random values (numpy's own samplers where they exist: faster
        than the inverse CDF; the truncated ones by their inverse CDF)."""
        a = [float(x) for x in self.arguments]
        if self.kind == "uniform":
            return generator.uniform(a[0], a[1], count)
        if self.kind == "triangular":
            return generator.triangular(a[0], a[1], a[2], count)
        if self.kind == "beta":
            low, high = (a[2], a[3]) if len(a) == 4 else (0.0, 1.0)
            return low + (high - low) * generator.beta(a[0], a[1], count)
        return self.quantiles(generator.random(count))

    def quantiles(self, uniforms: np.ndarray) -> np.ndarray:
        """Values at the given probabilities (inverse CDF): samples from uniform numbers."""
        if self.is_discrete:
            cumulative = np.cumsum([float(w) for w in self.weights])
            index = np.searchsorted(cumulative, uniforms, side="right")
            values = np.array([float(v) for v in self.values])
            return values[np.minimum(index, len(values) - 1)]
        return np.asarray(self.frozen().ppf(uniforms), dtype=float)


class _TruncatedLognormal:
    """A lognormal truncated to [low, high], sampled by its inverse CDF."""

    def __init__(self, mu: float, sigma: float, low: float, high: float) -> None:
        from scipy import stats

        self.base = stats.lognorm(sigma, scale=float(np.exp(mu)))
        self.low, self.high = self.base.cdf(low), self.base.cdf(high)

    def ppf(self, q: np.ndarray) -> np.ndarray:
        return np.asarray(self.base.ppf(self.low + q * (self.high - self.low)))


def _clip(inner: sympy.Expr, x: sympy.Symbol, low: sympy.Expr | None,
          high: sympy.Expr | None) -> sympy.Expr:
    pieces = []
    if low is not None:
        pieces.append((sympy.Integer(0), x < low))
    if high is not None:
        pieces.append((sympy.Integer(1), x >= high))
    return sympy.Piecewise(*pieces, (inner, True))


def parse_distribution(text: str, parameter: str, lower: object = None, upper: object = None,
                       *, where: str | None = None) -> Distribution:
    """The distribution that ``text`` describes for ``parameter`` with these bounds.

    Raises :class:`ParameterError` naming ``where`` it was written (default: the option
    ``--dist NAME=TEXT``), the parameter and what is wrong.
    """
    where = where or f"--dist {parameter}={text}"
    if text.rstrip().endswith("()"):  # "NAME():" would read as a function's name, dropped
        where += " (no arguments)"
    match = _SPEC.match(text)
    if match is None:
        raise ParameterError(f"{where}: write NAME(ARGUMENTS), e.g. beta(3, 2); names: "
                             f"{', '.join([*ARITY, 'discrete'])}")
    kind, body = match.group(1), match.group(2)
    low = None if lower is None else sympy.Rational(str(lower))
    high = None if upper is None else sympy.Rational(str(upper))
    if kind == "csv":
        body = ", ".join(_column(where, body))
        kind = "discrete"
    if kind == "discrete":
        return _discrete(where, parameter, body, low, high)
    if kind not in ARITY:
        raise ParameterError(f"{where}: unknown distribution '{kind}' (known: "
                             f"{', '.join([*ARITY, 'discrete'])})")
    arguments = tuple(_number(where, part) for part in _split(body))
    if len(arguments) not in ARITY[kind]:
        counts = " or ".join(map(str, ARITY[kind]))
        raise ParameterError(f"{where}: {kind} takes {counts} numbers, not {len(arguments)}")
    _check_shape(where, kind, arguments)
    support = _support(kind, arguments)
    if kind in ("normal", "lognormal"):  # truncated to the bounds
        return Distribution(parameter, kind, arguments, low, high)
    _check_within(where, support, low, high)
    return Distribution(parameter, kind, arguments)


def _discrete(where: str, parameter: str, body: str, low: sympy.Rational | None,
              high: sympy.Rational | None) -> Distribution:
    values, weights = [], []
    for part in _split(body):
        value, colon, weight = part.partition(":")
        values.append(_number(where, value))
        weights.append(_number(where, weight) if colon else sympy.Integer(1))
    if not values or any(w <= 0 for w in weights):
        raise ParameterError(f"{where}: give at least one value, and positive weights")
    merged: dict[sympy.Rational, sympy.Rational] = {}
    for value, weight in zip(values, weights):  # a value given twice counts twice
        merged[value] = merged.get(value, sympy.Integer(0)) + weight
    values, weights = list(merged), list(merged.values())
    _check_within(where, (min(values), max(values)), low, high)
    total = sum(weights)
    order = sorted(range(len(values)), key=lambda k: values[k])
    return Distribution(parameter, "discrete", (), values=tuple(values[k] for k in order),
                        weights=tuple(weights[k] / total for k in order))


#: The most a ``csv(FILE, COLUMN)`` distribution reads of its file.
MAX_CSV_BYTES = 10**7
#: The most rows it takes.
MAX_CSV_ROWS = 10**5


def _column(where: str, body: str) -> list[str]:
    """The values of column ``COLUMN`` of ``FILE`` (``body`` is ``FILE, COLUMN``)."""
    import csv
    import io

    from commit_calc.errors import GameFileError
    from commit_calc.io.bounded import read_limited

    path, comma, column = body.rpartition(",")
    path, column = path.strip().strip("'\""), column.strip().strip("'\"")
    if not comma or not path or not column:
        raise ParameterError(f"{where}: write csv(FILE, COLUMN)")
    try:
        data = read_limited(path, MAX_CSV_BYTES)
    except (GameFileError, OSError) as error:
        raise ParameterError(f"{where}: cannot read {path}: "
                             f"{getattr(error, 'detail', None) or error}") from None
    if len(data) > MAX_CSV_BYTES:
        raise ParameterError(f"{where}: {path} is larger than {MAX_CSV_BYTES:,} bytes")
    try:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error) as error:
        raise ParameterError(f"{where}: {path} is not a CSV file ({error})") from None
    if not rows or column not in rows[0]:
        known = ", ".join(rows[0]) if rows else "none"
        raise ParameterError(f"{where}: {path} has no column '{column}' (columns: {known})")
    if len(rows) > MAX_CSV_ROWS:
        raise ParameterError(f"{where}: {path} has more than {MAX_CSV_ROWS:,} rows")
    return [str(row[column] or "").strip() for row in rows]


def _split(body: str) -> list[str]:
    return [part.strip() for part in body.split(",")] if body.strip() else []


def _number(where: str, text: str) -> sympy.Rational:
    try:
        return sympy.Rational(exact_number(text.strip(), what=where))
    except Exception:
        raise ParameterError(f"{where}: '{text.strip()}' is not a number") from None


def _check_shape(where: str, kind: str, a: Sequence[sympy.Rational]) -> None:
    if kind in ("uniform",) and not a[0] < a[1]:
        raise ParameterError(f"{where}: the low end must be below the high end")
    if kind == "triangular" and not (a[0] <= a[1] <= a[2] and a[0] < a[2]):
        raise ParameterError(f"{where}: needs low <= mode <= high, low < high")
    if kind == "beta" and (a[0] <= 0 or a[1] <= 0 or (len(a) == 4 and not a[2] < a[3])):
        raise ParameterError(f"{where}: needs positive shapes a and b (and low < high)")
    if kind in ("normal", "lognormal") and a[1] <= 0:
        raise ParameterError(f"{where}: the scale must be positive")


def _support(kind: str, a: Sequence[sympy.Rational]) -> tuple[sympy.Rational, sympy.Rational]:
    if kind == "uniform":
        return a[0], a[1]
    if kind == "triangular":
        return a[0], a[2]
    if kind == "beta":
        return (a[2], a[3]) if len(a) == 4 else (sympy.Integer(0), sympy.Integer(1))
    return sympy.Integer(-1), sympy.Integer(1)  # unbounded: truncated to the bounds


def _check_within(where: str, support: tuple[sympy.Rational, sympy.Rational],
                  low: sympy.Rational | None, high: sympy.Rational | None) -> None:
    if low is not None and support[0] < low:
        raise ParameterError(f"{where}: puts mass below the parameter's lower bound {low}")
    if high is not None and support[1] > high:
        raise ParameterError(f"{where}: puts mass above the parameter's upper bound {high}")
