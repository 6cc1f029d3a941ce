"""Two-player payoff tables drawn with matplotlib, where Graphviz is not installed."""

from __future__ import annotations

import io
import shutil

from commit_calc.draw.facts import table_notes
from commit_calc.draw.labels import number_text, payoff_text
from commit_calc.draw.literal_text import literal_text
from commit_calc.draw.render import DrawingUnavailable, render_dot
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import MixedProfile

SHADE = "#f5b7b1"


@literal_text
def table_image(game: NormalFormGame, profile: MixedProfile | None, image_format: str) -> bytes:
    """The payoff table as ``svg``, ``png`` or ``pdf``: through Graphviz where its ``dot``
    program is installed, else with matplotlib, else :class:`DrawingUnavailable`."""
    from commit_calc.draw.dot import table_to_dot

    if shutil.which("dot") is not None:
        return render_dot(table_to_dot(game, profile), image_format)
    return table_to_image(game, profile, image_format)


def table_to_image(
    game: NormalFormGame, profile: MixedProfile | None, image_format: str, *, dpi: int = 150
) -> bytes:
    """The payoff table of a two-player game drawn with matplotlib; cells the equilibrium
    plays are shaded and mixed strategies show their probability."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise DrawingUnavailable(
            f"drawing {image_format.upper()} needs Graphviz's 'dot' program or matplotlib: "
            "install one (apt-get install graphviz, or pip install \"commit-calc[plot]\"), "
            "or write DOT text instead (--format dot)"
        ) from None
    if game.num_players != 2:
        raise ValueError("table_to_image(): a payoff table is drawn for two players only")
    rows, columns = game.strategies
    mix = profile.probabilities if profile is not None else None
    support = profile.support() if profile is not None else ((), ())

    def label(player: int, k: int, name: str) -> str:
        if mix is None or mix[player][k] in (0, 1):
            return name
        return f"{name} [{number_text(mix[player][k])}]"

    cells = [[payoff_text(game.payoff((i, j))) for j in range(len(columns))]
             for i in range(len(rows))]
    colours = [["white" if i not in support[0] or j not in support[1] else SHADE
                for j in range(len(columns))] for i in range(len(rows))]
    figure = Figure(figsize=(1.6 + 1.6 * len(columns), 1.0 + 0.45 * len(rows)))
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    table = axes.table(
        cellText=cells, cellColours=colours, loc="center", cellLoc="center",
        rowLabels=[label(0, i, r) for i, r in enumerate(rows)],
        colLabels=[label(1, j, c) for j, c in enumerate(columns)],
    )
    table.scale(1, 1.6)
    title = game.title or game.name or "game"
    axes.set_title(f"{title}\n{game.players[0]} (rows) \\ {game.players[1]} (columns)\n"
                   + table_notes(game.players, profile is not None), fontsize=9)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=image_format, dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()
