"""Outcome maps: the equilibrium outcomes of a sweep over two parameters, as a picture.

With exact regions (the sweep's method ``"regions"``) the map paints the regions themselves on
a fine raster of the swept box, so its boundaries are the exact ones whatever the sweep's grid,
and draws each threshold where the outcome changes; a point-by-point sweep is painted cell by
cell, and the legend says it is sampled. Nothing is painted past the ends of the swept ranges.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import sympy

from commit_calc.analysis.plot import (
    LINE_STYLES,
    axis_label,
    image_format,
    is_inside,
    require_matplotlib,
    save_figure,
    sweep_thresholds,
    sweep_title,
    wrap_text,
)
from commit_calc.analysis.regions import Region
from commit_calc.analysis.sweep import SweepResult
from commit_calc.draw.literal_text import literal_text
from commit_calc.errors import CommitCalcError

# Colour-blind-safe qualitative palette (Okabe and Ito 2008), then matplotlib's tab20.
_PALETTE = ("#56B4E9", "#E69F00", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
            "#999999",
            "#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728",
            "#ff9896", "#9467bd", "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2",
            "#7f7f7f", "#c7c7c7", "#bcbd22", "#dbdb8d", "#17becf", "#9edae5")
#: Points outside the parameters' domain (a chance probability outside [0, 1]).
_INVALID_COLOUR = "#FFFFFF"
#: Points a side of the raster on which exact regions are painted.
RASTER = 500


def _is_tie(found: object) -> bool:
    """A region of lower dimension: every term of its condition holds an equality."""
    return isinstance(found, Region) and bool(found.terms) and all(
        frozenset({0}) in term.values() for term in found.terms)


def _fill_ties(codes: np.ndarray, ties: set[int]) -> np.ndarray:
    """Paint each cell of a tie region with a neighbouring full-dimensional region's code."""
    filled = codes.copy()
    missing = np.isin(filled, list(ties))
    for _ in range(max(filled.shape)):
        if not missing.any():
            break
        for axis in range(filled.ndim):
            for shift in (1, -1):
                source = np.roll(filled, shift, axis=axis)
                known = np.roll(~missing, shift, axis=axis)
                edge: list[int | slice] = [slice(None)] * filled.ndim
                edge[axis] = 0 if shift == 1 else -1
                known[tuple(edge)] = False
                take = missing & known
                filled[take] = source[take]
                missing &= ~take
    result: np.ndarray = filled
    return result


@literal_text
def draw_outcome_map(result: SweepResult, path: str | Path, *, title: str | None = None
                     ) -> Path:
    """Draw the outcome regions of a sweep over two parameters to ``path`` (.png/.svg/.pdf).

    Each outcome class (the set of equilibrium outcomes at a point) is a filled region named
    in the legend; the first varied parameter is on the horizontal axis. With exact regions,
    every threshold inside the plotted rectangle is drawn as a curve named by its equation;
    tie regions (on a threshold) are not filled separately: the curve shows them.

    Raises
    ------
    CommitCalcError
        If the sweep does not vary exactly two parameters or the file name has another suffix.
    DrawingUnavailable
        If matplotlib is not installed.
    """
    if len(result.axes) != 2:
        raise CommitCalcError(
            f"an outcome map needs two varied parameters, got {len(result.axes)}")
    image = image_format(path)
    pyplot = require_matplotlib()
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    from commit_calc.analysis.report import outcome_names

    x_axis, y_axis = result.axes
    names = outcome_names(result, distinguish=False)
    ties = {c for c, found in enumerate(result.classes) if _is_tie(found)}
    x_low, x_high = sorted((float(x_axis.start), float(x_axis.stop)))
    y_low, y_high = sorted((float(y_axis.start), float(y_axis.stop)))
    exact = result.analysis is not None and x_low < x_high and y_low < y_high
    if exact:
        codes, result = _raster(result)
    else:
        codes = result.codes
    if ties and not np.isin(codes, list(ties)).all():
        codes = _fill_ties(codes, ties)
    # one colour per outcome: classes that differ only off the equilibrium path share it
    # in alphabetical order, so the same outcomes get the same colours on different maps
    shown = sorted({names[int(c)] for c in np.unique(codes)})
    grid = np.vectorize(lambda c: shown.index(names[int(c)]), otypes=[np.int32])(codes)
    colours = [_INVALID_COLOUR if name.startswith("invalid:") else _PALETTE[k % len(_PALETTE)]
               for k, name in enumerate(shown)]

    figure, axes = pyplot.subplots(figsize=(7.5, 6.0), layout="constrained")
    xs, ys = x_axis.floats(), y_axis.floats()
    colour_map = ListedColormap(colours)
    if exact:
        # the regions themselves, painted on a fine raster of the swept box (and only there)
        axes.imshow(grid.T, origin="lower", extent=(x_low, x_high, y_low, y_high),
                    aspect="auto", interpolation="nearest", cmap=colour_map, vmin=-0.5,
                    vmax=len(shown) - 0.5)
        xs = np.linspace(x_low, x_high, RASTER)
        ys = np.linspace(y_low, y_high, RASTER)
    else:
        axes.pcolormesh(xs, ys, grid.T, cmap=colour_map, vmin=-0.5,
                        vmax=len(shown) - 0.5, shading="nearest")
    handles: list[Any] = [Patch(facecolor=colour, edgecolor="0.3", label=wrap_text(name))
                          for name, colour in zip(shown, colours)]
    curves = _threshold_curves(result, (x_low, x_high), (y_low, y_high))
    for k, (label, (cx, cy)) in enumerate(curves):
        cy = np.where(_separates(cx, cy, xs, ys, grid), cy, np.nan)
        if np.isnan(cy).all():
            continue
        (line,) = axes.plot(cx, cy, color="black", linewidth=2.0,
                            linestyle=LINE_STYLES[k % len(LINE_STYLES)],
                            label=wrap_text("threshold: " + label))
        handles.append(line)
    # the swept box only: never past the ends of a range (nor a parameter's bounds)
    axes.set_xlim(*_limits(x_low, x_high))
    axes.set_ylim(*_limits(y_low, y_high))
    axes.set_xlabel(axis_label(result, x_axis.name), fontsize=11)
    axes.set_ylabel(axis_label(result, y_axis.name), fontsize=11)
    axes.set_title(title or sweep_title(result), fontsize=12)
    note = ("exact regions; lines: exact thresholds where the outcome changes" if exact
            else f"sampled: solved point by point at {x_axis.count} x {y_axis.count} grid "
            "points, each cell coloured by its point; boundaries are known only to within a "
            "grid step")
    # the legend below the map: the figure grows with it rather than squeezing the map
    lines = sum(str(h.get_label()).count("\n") + 1 for h in handles)
    figure.set_figheight(6.0 + 0.2 * max(0, lines - 4))
    figure.legend(handles=handles, loc="outside lower center", ncols=1, fontsize=9,
                  title=wrap_text(f"equilibrium outcomes ({note})"), title_fontsize=9,
                  frameon=False)
    return save_figure(pyplot, figure, path, image)


def _separates(cx: np.ndarray, cy: np.ndarray, xs: np.ndarray, ys: np.ndarray,
               grid: np.ndarray) -> np.ndarray:
    """Which points of a curve have different outcomes one grid step to either side."""
    def cell(values: np.ndarray, along: np.ndarray) -> np.ndarray:
        if along.size < 2:
            return np.zeros(values.shape, dtype=int)
        step = float(along[1] - along[0])
        index = np.rint((np.nan_to_num(values) - float(along[0])) / step)
        cells: np.ndarray = np.clip(index, 0, along.size - 1).astype(int)
        return cells

    hx = abs(float(xs[1] - xs[0])) if xs.size > 1 else 0.0
    hy = abs(float(ys[1] - ys[0])) if ys.size > 1 else 0.0
    found = np.zeros(cx.shape, dtype=bool)
    for dx, dy in ((hx, 0.0), (0.0, hy)):
        before = grid[cell(cx - dx, xs), cell(cy - dy, ys)]
        after = grid[cell(cx + dx, xs), cell(cy + dy, ys)]
        found |= before != after
    drawn: np.ndarray = found & ~np.isnan(cy)
    return drawn


def _limits(low: float, high: float) -> tuple[float, float]:
    """The swept range; a single value gets a narrow band around it."""
    return (low - 0.5, high + 0.5) if low == high else (low, high)


def _raster(result: SweepResult) -> tuple[np.ndarray, SweepResult]:
    """The exact region of every point of a :data:`RASTER` x :data:`RASTER` grid over the
    swept box, so the map's boundaries are the regions' own, not half a grid step off.

    Points outside the domain get the invalid class; ``result`` is returned with that class
    added when the sweep's own grid had no such point.
    """
    # the sweep's own vectorised classifier (exact near the boundaries), on a finer grid
    from commit_calc.analysis.domain import InvalidPoint, valid_points
    from commit_calc.analysis.region_grid import region_codes
    from commit_calc.analysis.sweep import Axis

    assert result.analysis is not None
    fine = [Axis.parse(a.name, min(a.start, a.stop), max(a.start, a.stop), RASTER)
            for a in result.axes]
    game = result.game.substitute(result.fixed)
    valid = valid_points(game, [result.game.parameters[a.name].symbol for a in fine],
                         [(a.start, a.step, a.count) for a in fine])
    codes = region_codes(result.analysis, fine, valid)
    if valid is None or valid.all():
        return codes, result
    invalid = next((c for c, found in enumerate(result.classes)
                    if isinstance(found, InvalidPoint)), None)
    if invalid is None:
        invalid = len(result.classes)
        result = replace(result, classes=(*result.classes, InvalidPoint()))
    codes[~valid] = invalid
    return codes, result


def _threshold_curves(result: SweepResult, x_range: tuple[float, float],
                      y_range: tuple[float, float]
                      ) -> list[tuple[str, tuple[np.ndarray, np.ndarray]]]:
    """Each exact threshold as points of a curve inside the plotted rectangle."""
    x_axis, y_axis = result.axes
    x_symbol = result.game.parameters[x_axis.name].symbol
    dense = np.linspace(*x_range, 801)
    curves = []
    for threshold in sweep_thresholds(result):
        label = f"{threshold.parameter} = {threshold.formula}"
        if threshold.parameter == x_axis.name:
            if threshold.value is None or not is_inside(threshold.value, x_axis):
                continue
            level = float(threshold.value)
            curves.append((label, (np.full(801, level), np.linspace(*y_range, 801))))
            continue
        with np.errstate(all="ignore"):
            values = sympy.lambdify(x_symbol, threshold.formula, "numpy")(dense)
            values = np.broadcast_to(np.asarray(values), dense.shape)
            if np.iscomplexobj(values):
                real = np.where(np.abs(values.imag) < 1e-12, values.real, np.nan)
            else:
                real = values.astype(float)
            low, high = y_range
            spread = (high - low) or 1.0
            real = np.where((real >= low - 1e-9 * spread) & (real <= high + 1e-9 * spread),
                            real, np.nan)
        if np.isnan(real).all():
            continue
        curves.append((label, (dense, real)))
    return curves
