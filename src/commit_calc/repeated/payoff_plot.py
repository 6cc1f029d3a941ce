"""A picture of the equilibrium payoff set with the feasible and individually rational sets.

The feasible set (the convex hull of the stage payoffs) is drawn light, the individually
rational part of it (both payoffs at least the pure minmax) darker, the equilibrium payoff set
solid with its vertices marked; the axes have equal scales, so shapes are not distorted.
matplotlib is needed (the ``plot`` extra); the format follows the file name.
"""

from __future__ import annotations

from pathlib import Path

from commit_calc.analysis.plot import image_format, require_matplotlib, save_figure
from commit_calc.repeated.payoff_set import PayoffSet
from commit_calc.repeated.polygon import Point, Polygon, clip


def individually_rational(feasible: Polygon, minmax: Point) -> Polygon:
    """The feasible payoffs at least the pure minmax for both players (exact)."""
    return clip(clip(feasible, 0, minmax[0]), 1, minmax[1])


def _xy(polygon: Polygon) -> tuple[list[float], list[float]]:
    closed = list(polygon) + list(polygon[:1])
    return [float(v[0]) for v in closed], [float(v[1]) for v in closed]


def plot_payoff_set(found: PayoffSet, path: str | Path) -> Path:
    """Draw ``found`` into ``path`` (.png, .svg or .pdf)."""
    image = image_format(path)
    pyplot = require_matplotlib()
    stage = found.stage
    feasible, minmax = stage.feasible, stage.minmax
    rational = individually_rational(feasible, minmax)
    figure, axes = pyplot.subplots(figsize=(6, 6))
    axes.fill(*_xy(feasible), color="#DDDDDD", label="feasible")
    if rational:
        axes.fill(*_xy(rational), color="#A6CEE3", label="feasible and individually rational")
        axes.plot(*_xy(rational), color="#E6550D", linestyle="--", linewidth=1.2, zorder=3)
    axes.axvline(float(minmax[0]), color="#777777", linestyle=":", linewidth=1)
    axes.axhline(float(minmax[1]), color="#777777", linestyle=":", linewidth=1)
    if found.vertices:
        xs, ys = _xy(found.vertices)
        axes.fill(xs, ys, color="#1F78B4", alpha=0.85,
                  label=f"equilibrium payoffs, discount {found.delta}")
        axes.plot(xs, ys, "o", color="#08306B", markersize=4)
    for g in stage.payoffs.values():
        axes.plot(float(g[0]), float(g[1]), "x", color="#333333", markersize=5)
    axes.set_aspect("equal", adjustable="datalim")
    axes.set_xlabel(f"payoff of {stage.players[0]} (per-period average)")
    axes.set_ylabel(f"payoff of {stage.players[1]} (per-period average)")
    axes.set_title("Pure-strategy equilibrium payoffs with public randomisation")
    axes.legend(loc="best", fontsize="small")
    axes.grid(True, linewidth=0.3)
    figure.tight_layout()
    return save_figure(pyplot, figure, path, image)

