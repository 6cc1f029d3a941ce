"""Pictures of games: trees and payoff tables as Graphviz DOT, TikZ, and SVG/PNG via Graphviz."""

from commit_calc.draw.dot import table_to_dot, tree_to_dot
from commit_calc.draw.render import render_dot
from commit_calc.draw.tikz import tree_to_tikz

__all__ = ["render_dot", "table_to_dot", "tree_to_dot", "tree_to_tikz"]
