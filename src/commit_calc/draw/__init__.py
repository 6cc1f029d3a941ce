"""Pictures of games: trees and payoff tables as Graphviz DOT and TikZ text, and both as
SVG/PNG/PDF through Graphviz or, where it is not installed, matplotlib."""

from commit_calc.draw.dot import table_to_dot, tree_to_dot
from commit_calc.draw.matplotlib_table import table_image, table_to_image
from commit_calc.draw.matplotlib_tree import tree_image, tree_to_image
from commit_calc.draw.render import render_dot
from commit_calc.draw.tikz import tree_to_tikz

__all__ = [
    "render_dot",
    "table_image",
    "table_to_dot",
    "table_to_image",
    "tree_image",
    "tree_to_dot",
    "tree_to_image",
    "tree_to_tikz",
]
