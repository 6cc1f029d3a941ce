"""A picture of an uncertainty analysis: the outcome probabilities, the Sobol indices, and
the probability against a lever, side by side (matplotlib)."""

from __future__ import annotations

import io
import textwrap
from typing import Any

from commit_calc.draw.literal_text import literal_text
from commit_calc.draw.render import DrawingUnavailable
from commit_calc.uncertainty.analysis import Uncertainty
from commit_calc.uncertainty.levers import LeverResult


@literal_text
def uncertainty_image(result: Uncertainty, name: str, image_format: str,
                      lever: LeverResult | None = None) -> bytes:
    """The picture as ``png``, ``svg`` or ``pdf`` bytes."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise DrawingUnavailable("--plot needs matplotlib: pip install \"commit-calc[plot]\""
                                 ) from None
    panels = 1 + (result.sensitivity is not None) + (lever is not None)
    figure = Figure(figsize=(5.2 * panels, 4.2))
    FigureCanvasAgg(figure)
    axes = figure.subplots(1, panels, squeeze=False)[0]
    _outcomes(axes[0], result)
    k = 1
    if result.sensitivity is not None:
        _sensitivity(axes[k], result)
        k += 1
    if lever is not None:
        _lever(axes[k], lever)
    beliefs = ", ".join(f"{b.parameter} ~ {b.text}" for b in result.beliefs)
    figure.suptitle(f"{name}: {beliefs}", fontsize=10)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format=image_format, dpi=150)
    return buffer.getvalue()


def _outcomes(axes: Any, result: Uncertainty) -> None:
    labels = ["\n".join(textwrap.wrap(p.outcome, 28)) for p in result.outcomes]
    values = [p.estimate for p in result.outcomes]
    errors = [0.0 if p.interval is None else (p.interval[1] - p.interval[0]) / 2
              for p in result.outcomes]
    positions = list(range(len(values)))
    axes.barh(positions, values, xerr=errors, color="#2874a6", capsize=3)
    axes.set_yticks(positions, labels, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    how = "exact" if result.method == "exact" else "estimate, 95% interval"
    axes.set_xlabel(f"probability of the outcome ({how})")


def _sensitivity(axes: Any, result: Uncertainty) -> None:
    assert result.sensitivity is not None
    quantity = next(iter(result.sensitivity))
    indices = result.sensitivity[quantity]
    names = list(indices)
    positions = list(range(len(names)))
    axes.barh([p - 0.2 for p in positions], [indices[n]["first"] for n in names],
              height=0.4, color="#b9770e", label="first order")
    axes.barh([p + 0.2 for p in positions], [indices[n]["total"] for n in names],
              height=0.4, color="#7d3c98", label="total")
    axes.set_yticks(positions, names, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.set_xlabel("Sobol index of " + "\n".join(textwrap.wrap(quantity, 40)), fontsize=8)
    axes.legend(fontsize=8)


def _lever(axes: Any, lever: LeverResult) -> None:
    xs = [float(p.value) for p in lever.curve]
    axes.plot(xs, [p.estimate for p in lever.curve], marker="o", markersize=3,
              color="#117a65")
    axes.axhline(float(lever.target), color="#c0392b", linestyle="--",
                 label=f"target {lever.target}")
    if lever.value is not None:
        axes.axvline(float(lever.value), color="#7f8c8d", linestyle=":",
                     label=f"{lever.parameter} = {float(lever.value):.6g}")
    axes.set_ylim(0, 1)
    axes.set_xlabel(lever.parameter)
    axes.set_ylabel(f"P({lever.outcome}...)")
    axes.legend(fontsize=8)
