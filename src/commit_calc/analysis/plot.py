"""Pictures of sweeps with matplotlib: outcome maps over two parameters, payoff lines over one.

matplotlib is an optional extra (``pip install "commit-calc[plot]"``); it is imported only when
a picture is drawn, with the non-interactive Agg backend, and its absence raises
:class:`~commit_calc.draw.render.DrawingUnavailable` with that hint. The file format follows
the file name: ``.png``, ``.svg`` or ``.pdf``.

Thresholds come from the exact regions (:func:`commit_calc.analysis.thresholds.thresholds`)
when the sweep used them: on a map, each boundary is drawn as a curve and named by its
equation in the legend; on a payoff plot, each is a vertical line whose exact value labels the
top axis. A point-by-point sweep has no exact thresholds: the map is filled as computed and a
payoff plot shades the grid intervals where the equilibria change.

>>> from commit_calc.io import load_game
>>> from commit_calc.analysis.sweep import Axis, sweep
>>> result = sweep(load_game("disarm-trust"), [Axis.parse("patrol_cost", 0, 1000, 11)])
>>> [(t.parameter, str(t.value)) for t in sweep_thresholds(result)]
[('patrol_cost', '650')]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sympy

from commit_calc.analysis.sweep import SweepResult
from commit_calc.analysis.thresholds import Threshold, thresholds
from commit_calc.draw.literal_text import literal_text
from commit_calc.draw.render import DrawingUnavailable
from commit_calc.errors import CommitCalcError

#: Picture formats, chosen by the file name's suffix.
FORMATS = ("png", "svg", "pdf")
INSTALL_HINT = 'pip install "commit-calc[plot]"'

#: The line styles of successive curves (told apart without colour).
LINE_STYLES = ("-", "--", "-.", ":")
_LINE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def require_matplotlib() -> Any:
    """Import matplotlib with the Agg backend, or raise :class:`DrawingUnavailable`.

    Returns the ``matplotlib.pyplot`` module.
    """
    try:
        import matplotlib
    except ImportError:
        raise DrawingUnavailable(
            f"plots need matplotlib, which is not installed: {INSTALL_HINT} "
            "(or pip install matplotlib)") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    return pyplot


def image_format(path: str | Path) -> str:
    """The picture format named by ``path``'s suffix.

    >>> image_format("map.SVG")
    'svg'
    >>> image_format("map.jpg")
    Traceback (most recent call last):
    ...
    commit_calc.errors.CommitCalcError: plot file 'map.jpg': the name must end in .png, .svg or .pdf
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise CommitCalcError(
            f"plot file '{path}': the name must end in .png, .svg or .pdf")
    return suffix


def axis_label(result: SweepResult, name: str) -> str:
    """A parameter's name with its unit, for an axis: ``salary (USD/month)``."""
    unit = result.game.parameters[name].unit
    return f"{name} ({unit})" if unit else name


def sweep_thresholds(result: SweepResult) -> list[Threshold]:
    """The exact thresholds of the varied parameters inside the swept ranges.

    Empty for a point-by-point sweep. For two varied parameters, each boundary is solved for
    the second parameter where it involves it, else for the first.
    """
    if result.analysis is None:
        return []
    names = [a.name for a in result.axes]
    found: list[Threshold] = []
    seen: set[sympy.Expr] = set()
    for name in reversed(names):
        for threshold in thresholds(result.analysis, name):
            if threshold.key in seen:
                continue
            if len(names) == 1 and not is_inside(threshold.value, result.axes[0]):
                continue
            found.append(threshold)
        seen |= {t.key for t in found}
    return found


def is_inside(value: sympy.Rational | None, axis: Any) -> bool:
    """Whether ``value`` lies within the axis's range, ends included."""
    low, high = sorted((axis.start, axis.stop))
    return value is not None and bool(low <= value <= high)


def sweep_title(result: SweepResult) -> str:
    """A plot's title: the game's title, then the parameters fixed away from their defaults."""
    game = result.game
    title = game.title or game.name or "game"
    changed = [f"{name} = {value}" for name, value in result.fixed.items()
               if value != game.parameters[name].default]
    return title + (f"\n({', '.join(changed)}; other parameters at their defaults)"
                    if changed else "\n(other parameters at their defaults)")


def plot_outcome_map(result: SweepResult, path: str | Path, *, title: str | None = None
                     ) -> Path:
    """Draw the outcome regions of a sweep over two parameters to ``path`` (.png/.svg/.pdf).

    See :func:`commit_calc.analysis.outcome_map.draw_outcome_map`.
    """
    from commit_calc.analysis.outcome_map import draw_outcome_map

    return draw_outcome_map(result, path, title=title)


def wrap_text(text: str, width: int = 90) -> str:
    """``text`` broken into lines of at most ``width`` characters (never at hyphens)."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


@literal_text
def plot_payoffs(result: SweepResult, path: str | Path, *, title: str | None = None) -> Path:
    """Draw each player's equilibrium payoffs against the one varied parameter to ``path``.

    One panel per player; a line per equilibrium outcome (isolated points, such as ties at a
    threshold, as dots). Exact thresholds inside the range are vertical lines, their exact
    values written on the top axis; a point-by-point sweep shades the grid intervals where
    the equilibria change instead.

    Raises
    ------
    CommitCalcError
        If the sweep does not vary exactly one parameter or the file name has another suffix.
    DrawingUnavailable
        If matplotlib is not installed.
    """
    if len(result.axes) != 1:
        raise CommitCalcError(
            f"a payoff plot needs one varied parameter, got {len(result.axes)}")
    image = image_format(path)
    pyplot = require_matplotlib()
    axis = result.axes[0]
    xs = axis.floats()
    series: dict[str, list[list[float]]] = {}
    for k, row in enumerate(result.rows()):
        for equilibrium in row["equilibria"]:
            lines = series.setdefault(equilibrium.outcome, [
                [math.nan] * axis.count for _ in result.players])
            for p, value in enumerate(equilibrium.payoffs):
                lines[p][k] = float(value)
    players = result.players
    figure, panels = pyplot.subplots(len(players), 1, sharex=True, layout="constrained",
                                     figsize=(7.5, 2.3 * len(players) + 2.2), squeeze=False)
    # overlapping lines stay visible: each outcome its own colour and dash pattern
    colour_of = {o: _LINE_COLOURS[k % len(_LINE_COLOURS)] for k, o in enumerate(series)}
    style_of = {o: LINE_STYLES[k % len(LINE_STYLES)] for k, o in enumerate(series)}
    found = sweep_thresholds(result)
    for p, (player, panel) in enumerate(zip(players, panels[:, 0])):
        for outcome, lines in series.items():
            ys = np.array(lines[p])
            lonely = _isolated(ys)
            only_points = bool((lonely == ~np.isnan(ys)).all())
            if not only_points:
                panel.plot(xs, ys, color=colour_of[outcome], linestyle=style_of[outcome],
                           linewidth=2.2, label=wrap_text(outcome))
            if lonely.any():
                panel.plot(xs[lonely], ys[lonely], "o", color=colour_of[outcome],
                           markeredgecolor="black", markersize=7,
                           label=wrap_text(outcome) if only_points else None)
        for threshold in found:
            panel.axvline(float(threshold.value), color="0.25",  # type: ignore[arg-type]
                          linestyle="--", linewidth=1.2)
        if result.analysis is None:
            for start, stop in _changes(result):
                panel.axvspan(start, stop, color="0.85", zorder=0)
        owner = f"{player}'" if player.endswith("s") else f"{player}'s"
        panel.set_ylabel(f"{owner} payoff" + _unit_of_payoffs(result), fontsize=10)
        panel.grid(True, color="0.9")
    bottom = panels[-1, 0]
    bottom.set_xlabel(axis_label(result, axis.name), fontsize=11)
    top = panels[0, 0]
    if found:
        marks = top.secondary_xaxis("top")
        marks.set_xticks([float(t.value) for t in found],  # type: ignore[arg-type]
                         labels=[f"{t.value}" for t in found])
        marks.set_xlabel(f"thresholds of {axis.name} (exact)", fontsize=10)
    top.set_title(title or sweep_title(result), fontsize=12)
    handles, labels = top.get_legend_handles_labels()
    if result.analysis is None:
        from matplotlib.patches import Patch

        handles.append(Patch(color="0.85"))
        labels.append("the outcomes change between these grid values (solved point by point)")
    figure.legend(handles, labels, loc="outside lower center", fontsize=9, frameon=False,
                  title="equilibrium outcome", title_fontsize=9)
    return save_figure(pyplot, figure, path, image)


def _unit_of_payoffs(result: SweepResult) -> str:
    """`` (UNIT)`` when every parameter with a unit other than probability shares it."""
    units = {p.unit for p in result.game.parameters if p.unit and p.unit != "probability"}
    return f" ({units.pop()})" if len(units) == 1 else ""


def _isolated(values: np.ndarray) -> np.ndarray:
    present = ~np.isnan(values)
    before = np.concatenate([[False], present[:-1]])
    after = np.concatenate([present[1:], [False]])
    lonely: np.ndarray = present & ~before & ~after
    return lonely


def _changes(result: SweepResult) -> Sequence[tuple[float, float]]:
    xs = result.axes[0].floats()
    outcomes = [set(result.outcomes(int(c))) for c in result.codes]
    return [(float(xs[k - 1]), float(xs[k])) for k in range(1, len(outcomes))
            if outcomes[k] != outcomes[k - 1]]


def save_figure(pyplot: Any, figure: Any, path: str | Path, image: str) -> Path:
    """Write ``figure`` to ``path`` in format ``image`` (whole or not at all) and close it.

    Raises ``CommitCalcError`` naming the file where it cannot be written."""
    import io

    import matplotlib

    from commit_calc.io.atomic import FileWriteError, write_atomic

    buffer = io.BytesIO()
    try:
        # SVG keeps its text as text (searchable, editable in a drawing program)
        with matplotlib.rc_context({"svg.fonttype": "none"}):
            figure.savefig(buffer, format=image, dpi=150)
    finally:
        pyplot.close(figure)
    try:  # the whole picture or nothing: never a truncated file
        return write_atomic(path, buffer.getvalue())
    except FileWriteError as error:
        raise CommitCalcError(f"plot file '{path}': {error.reason}") from None
