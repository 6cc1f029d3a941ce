"""Game trees drawn with matplotlib: SVG, PNG or PDF where Graphviz is not installed.

Positions come from :mod:`commit_calc.draw.layout` (the layout the TikZ output uses), so the
picture has the same shape; the equilibrium is highlighted as in the DOT drawing.
"""

from __future__ import annotations

import io

from commit_calc.draw.highlight import highlight
from commit_calc.draw.labels import number_text, payoff_lines
from commit_calc.draw.layout import tree_layout
from commit_calc.draw.render import DrawingUnavailable
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile

PATH_COLOUR = "#c0392b"
CHOSEN_COLOUR = "#2c3e50"
MUTED_COLOUR = "#95a5a6"


def tree_image(
    game: ExtensiveFormGame, profile: BehaviourProfile | None, image_format: str
) -> bytes:
    """The tree as ``svg``, ``png`` or ``pdf``: through Graphviz where its ``dot`` program is
    installed, else with matplotlib, else :class:`DrawingUnavailable` naming both."""
    import shutil

    from commit_calc.draw.dot import tree_to_dot
    from commit_calc.draw.render import render_dot

    if shutil.which("dot") is not None:
        return render_dot(tree_to_dot(game, profile), image_format)
    return tree_to_image(game, profile, image_format)


def tree_to_image(
    game: ExtensiveFormGame,
    profile: BehaviourProfile | None,
    image_format: str,
    *,
    dpi: int = 150,
) -> bytes:
    """The tree as ``svg``, ``png`` or ``pdf`` bytes, drawn with matplotlib.

    Raises :class:`DrawingUnavailable` with an install hint when matplotlib is missing.
    """
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise DrawingUnavailable(
            f"drawing {image_format.upper()} needs Graphviz's 'dot' program or matplotlib: "
            "install one (apt-get install graphviz, or pip install \"commit-calc[plot]\"), "
            "or write DOT or TikZ text instead (--format dot|tikz)"
        ) from None
    layout = tree_layout(game)
    marks = highlight(game, profile)
    width = max(layout.x) - min(layout.x) + 4.0
    height = max(layout.y) - min(layout.y) + 3.5
    figure = Figure(figsize=(max(width, 8.0) / 2.54, max(height, 6.0) / 2.54))
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(min(layout.x) - 2.0, max(layout.x) + 2.0)
    axes.set_ylim(min(layout.y) - 1.6, max(layout.y) + 1.6)
    for node in game.nodes:
        for position, (action, child) in enumerate(zip(node.actions, node.children)):
            on_path = node.index in marks.reached and child in marks.reached
            colour, width_, style = (
                (PATH_COLOUR, 2.6, "-") if on_path
                else (CHOSEN_COLOUR, 1.8, "-") if child in marks.chosen
                else (MUTED_COLOUR if profile is not None else "black", 1.0,
                      "--" if profile is not None else "-")
            )
            xs = (layout.x[node.index], layout.x[child])
            ys = (layout.y[node.index], layout.y[child])
            axes.plot(xs, ys, color=colour, linewidth=width_, linestyle=style, zorder=1)
            label = action
            if node.is_chance:
                label += f" ({number_text(node.probabilities[position])})"
            leftward = xs[1] < xs[0] - 0.01
            axes.text((xs[0] + xs[1]) / 2 + (-0.15 if leftward else 0.15), (ys[0] + ys[1]) / 2,
                      label, ha="right" if leftward else "left", va="center", fontsize=8,
                      zorder=3, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
    for infoset in game.infosets:
        for a, b in zip(infoset.members, infoset.members[1:]):
            axes.plot((layout.x[a], layout.x[b]), (layout.y[a], layout.y[b]), color="#8e44ad",
                      linestyle=":", linewidth=1.6, zorder=0)
    for node in game.nodes:
        x, y = layout.x[node.index], layout.y[node.index]
        if node.is_terminal:
            axes.text(x, y - 0.1, "\n".join(payoff_lines(node.payoffs, game.players)),
                      ha="center", va="top", fontsize=8, zorder=3)
            continue
        marker = "D" if node.is_chance else "o"
        axes.plot([x], [y], marker=marker, markersize=7, markerfacecolor="white",
                  markeredgecolor="black", zorder=2)
        axes.text(x, y + 0.3, "Chance" if node.is_chance else (node.player or ""),
                  ha="center", va="bottom", fontsize=9, zorder=3)
    title = game.title or game.name
    if title:
        axes.text(sum(axes.get_xlim()) / 2, max(layout.y) + 1.3, title, ha="center",
                  va="top", fontsize=11)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=image_format, dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()
