"""Game trees drawn with matplotlib: SVG, PNG or PDF where Graphviz is not installed.

The picture draws the same facts as the Graphviz one (:mod:`commit_calc.draw.facts`): node
labels, action labels with chance probabilities ``(1/2)`` and mixed choices ``[1/3]``, the
information sets in colours of their own, the payoff order and a key to the line styles.
Positions come from :mod:`commit_calc.draw.layout` (also used by the TikZ output); a line
joining an information set runs straight only when nothing lies between its nodes, and above
them otherwise, clear of the labels.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from commit_calc.draw.beliefs import BeliefMarks
from commit_calc.draw.facts import PATH_COLOUR, STYLES, TreeFacts, tree_facts
from commit_calc.draw.layout import Layout, tree_layout
from commit_calc.draw.literal_text import literal_text
from commit_calc.draw.render import DrawingUnavailable
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FONT_SIZE = 8
#: Width of a character at :data:`FONT_SIZE`, in centimetres (the layout's unit).
CHARACTER = 0.17
#: Half the height (cm) of a one-line label with its white background.
LABEL_HALF_HEIGHT = 0.2
#: Levels are drawn this much further apart than in the layout, to leave room for labels.
STRETCH = 1.35
#: How far (cm) above its level the first rerouted information-set line runs; later ones higher.
INFOSET_RISE = 0.55
INFOSET_STEP = 0.14
_BOXES = {"decision": "round,pad=0.35,rounding_size=0.8", "chance": "round4,pad=0.35",
          "terminal": "square,pad=0.3"}


def tree_image(
    game: ExtensiveFormGame, profile: BehaviourProfile | None, image_format: str,
    promised: Mapping[str, str] | None = None, beliefs: BeliefMarks | None = None,
) -> bytes:
    """The tree as ``svg``, ``png`` or ``pdf``: through Graphviz where its ``dot`` program is
    installed, else with matplotlib (the same facts), else :class:`DrawingUnavailable`."""
    import shutil

    from commit_calc.draw.dot import tree_to_dot
    from commit_calc.draw.render import render_dot

    if shutil.which("dot") is not None:
        return render_dot(tree_to_dot(game, profile, promised, beliefs), image_format)
    return tree_to_image(game, profile, image_format, promised=promised, beliefs=beliefs)


def tree_to_image(
    game: ExtensiveFormGame,
    profile: BehaviourProfile | None,
    image_format: str,
    *,
    dpi: int = 150,
    promised: Mapping[str, str] | None = None,
    beliefs: BeliefMarks | None = None,
) -> bytes:
    """The tree as ``svg``, ``png`` or ``pdf`` bytes, drawn with matplotlib.

    Raises :class:`DrawingUnavailable` with an install hint when matplotlib is missing.
    """
    figure = tree_figure(game, profile, promised, beliefs)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=image_format, dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


@literal_text
def tree_figure(game: ExtensiveFormGame, profile: BehaviourProfile | None,
                promised: Mapping[str, str] | None = None,
                beliefs: BeliefMarks | None = None) -> Figure:
    """The matplotlib figure of the tree (one unit of the axes is one centimetre)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise DrawingUnavailable(
            "drawing SVG, PNG or PDF needs Graphviz's 'dot' program or matplotlib: "
            "install one (apt-get install graphviz, or pip install \"commit-calc[plot]\"), "
            "or write DOT or TikZ text instead (--format dot|tikz)"
        ) from None
    facts = tree_facts(game, profile, promised, beliefs)
    flat = tree_layout(game, {edge.child: edge.label for edge in facts.edges})
    layout = Layout(flat.x, tuple(STRETCH * y for y in flat.y))
    left, right = min(layout.x) - 1.5, max(layout.x) + 1.5
    deepest = max(len(n.lines) for n in facts.nodes if n.kind == "terminal")
    bottom = min(layout.y) - 0.45 * deepest - 0.6
    top = max(layout.y) + 1.4
    figure = Figure(figsize=((right - left) / 2.54, (top - bottom) / 2.54))
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(left, right)
    axes.set_ylim(bottom, top)
    _edges(axes, facts, layout)
    _infosets(axes, facts, layout)
    _nodes(axes, facts, layout)
    centre = (left + right) / 2
    axes.text(centre, top, facts.title, ha="center", va="bottom", fontsize=11)
    axes.text(centre, top - 0.1, facts.payoff_order, ha="center", va="top", fontsize=FONT_SIZE)
    _key(axes, facts, centre, bottom)
    return figure


def _edges(axes: Axes, facts: TreeFacts, layout: Layout) -> None:
    """Lines in their styles; labels on them, the outer ones of a fan beside them, placed
    far enough down the fan that neighbouring labels stay apart."""
    children: dict[int, list[int]] = {}
    for number, edge in enumerate(facts.edges):
        children.setdefault(edge.parent, []).append(number)
    for numbers in children.values():
        edges = [facts.edges[k] for k in numbers]
        xs = [layout.x[e.child] for e in edges]
        parent = edges[0].parent
        px, py = layout.x[parent], layout.y[parent]
        gaps = [b - a for a, b in zip(xs, xs[1:])] or [1.0]
        widest = max(CHARACTER * len(e.label) + 0.3 for e in edges)
        at = min(max(widest / max(min(gaps), 1e-9), 0.45), 0.6)
        for position, edge in enumerate(edges):
            colour, width, dashed = STYLES[edge.style]
            cx, cy = layout.x[edge.child], layout.y[edge.child]
            axes.plot((px, cx), (py, cy), color=colour, linewidth=width,
                      linestyle="--" if dashed else "-", zorder=1, solid_capstyle="butt")
            x, y = px + at * (cx - px), py + at * (cy - py)
            beside = len(edges) > 1 and position in (0, len(edges) - 1)
            # Beside a sloping line, clear of it over the label's height.
            shift = 0.1 + LABEL_HALF_HEIGHT * abs(cx - px) / max(abs(cy - py), 1e-9)
            if beside and position == 0:
                x, align = x - shift, "right"
            elif beside:
                x, align = x + shift, "left"
            else:
                align = "center"
            axes.text(x, y, edge.label, ha=align, va="center", fontsize=FONT_SIZE, zorder=4,
                      bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})


def _infosets(axes: Axes, facts: TreeFacts, layout: Layout) -> None:
    """Dotted lines joining the members of each information set, in its colour: straight
    between neighbours, above the level where another node lies between them."""
    rerouted: dict[float, int] = {}
    for infoset in facts.infosets:
        members = sorted(infoset.members, key=lambda m: layout.x[m])
        for a, b in zip(members, members[1:]):
            y = layout.y[a]
            between = [n.index for n in facts.nodes if layout.y[n.index] == y
                       and layout.x[a] < layout.x[n.index] < layout.x[b]]
            style: dict[str, Any] = {"color": infoset.colour, "linestyle": ":",
                                     "linewidth": 2.2, "zorder": 0.5}
            if not between:
                axes.plot((layout.x[a], layout.x[b]), (y, y), **style)
                continue
            level = rerouted.get(y, 0)
            rerouted[y] = level + 1
            rise = y + INFOSET_RISE + INFOSET_STEP * level
            axes.plot((layout.x[a], layout.x[a], layout.x[b], layout.x[b]), (y, rise, rise, y),
                      **style)


def _nodes(axes: Axes, facts: TreeFacts, layout: Layout) -> None:
    """Decision nodes as rounded boxes with the player, chance nodes as wavy boxes, leaves as
    boxes with the payoffs hanging below their point; the path in red."""
    for node in facts.nodes:
        x, y = layout.x[node.index], layout.y[node.index]
        colour = PATH_COLOUR if node.on_path else "black"
        box = {"boxstyle": _BOXES[node.kind], "facecolor": "white", "edgecolor": colour,
               "linewidth": 1.4 if node.on_path else 0.8}
        terminal = node.kind == "terminal"
        axes.text(x, y - (0.12 if terminal else 0.0), "\n".join(node.lines),
                  ha="center", va="top" if terminal else "center", fontsize=FONT_SIZE,
                  zorder=3, bbox=box, multialignment="left" if terminal else "center")


def _key(axes: Axes, facts: TreeFacts, centre: float, bottom: float) -> None:
    """The key under the tree: a sample of each line style and information set, and notes."""
    from matplotlib.lines import Line2D

    handles = []
    for entry in facts.key:
        if entry.style == "infoset":
            handles.append(Line2D([], [], color=entry.colour, linestyle=":", linewidth=2.2,
                                  label=entry.text))
        else:
            colour, width, dashed = STYLES[entry.style]
            handles.append(Line2D([], [], color=colour, linewidth=width,
                                  linestyle="--" if dashed else "-", label=entry.text))
    handles += [Line2D([], [], linestyle="none", label=note) for note in facts.notes]
    if handles:
        axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(centre, bottom),
                    bbox_transform=axes.transData, fontsize=FONT_SIZE, frameon=False,
                    ncol=min(len(handles), 3), handlelength=2.5)
