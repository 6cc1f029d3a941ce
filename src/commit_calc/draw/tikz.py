"""Plain TikZ for game trees: compiles with a standard LaTeX (``\\usepackage{tikz}``).

Positions come from :mod:`commit_calc.draw.layout`, so no TikZ library is needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy

from commit_calc.draw.beliefs import BeliefMarks
from commit_calc.draw.facts import promise_mark
from commit_calc.draw.highlight import highlight
from commit_calc.draw.labels import payoff_lines, probability_text
from commit_calc.draw.layout import LEVEL, tree_layout
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.render.latex import latex_math, latex_text

#: How far below the nodes (cm) the first information-set bracket runs; the next ones lower.
INFOSET_DROP = 0.3

def tree_to_tikz(
    game: ExtensiveFormGame, profile: BehaviourProfile | None = None, *, standalone: bool = True,
    promised: Mapping[str, str] | None = None, beliefs: BeliefMarks | None = None,
) -> str:
    r"""TikZ code of the tree; a whole ``standalone`` document unless told otherwise. With
    ``beliefs`` (of an assessment), the belief at each node of an information set is written
    beside it (``*`` off the path) and the notes under the tree say what supports them.

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> game = ExtensiveFormGame.build(players=("A", "B"), root=Decision("A", {
    ...     "Out": Terminal((0, 2)), "In": Terminal((1, 1))}))
    >>> "\\begin{tikzpicture}" in tree_to_tikz(game)
    True
    """
    layout = tree_layout(game)
    marks = highlight(game, profile)
    lines = [
        r"\begin{tikzpicture}[font=\small,",
        r"  decision/.style={circle, draw, fill=white, inner sep=1.5pt},",
        r"  chance/.style={rectangle, rotate=45, draw, fill=white, minimum size=7pt,",
        r"    inner sep=0pt},",
        r"  terminal/.style={inner sep=2pt, align=left, anchor=north},",
        r"  path/.style={line width=1.6pt, draw=red!70!black},",
        r"  chosen/.style={line width=1.2pt},",
        r"  other/.style={draw=gray},",
        r"  action/.style={fill=white, inner sep=1pt, font=\footnotesize},",
        r"  mover/.style={above=2pt, fill=white, inner sep=1pt},",
        r"  infoset/.style={densely dashed, thick, blue!60!black},",
        r"  belief/.style={left=2pt, fill=white, inner sep=1pt, font=\footnotesize,",
        r"    text=blue!60!black}]",
    ]
    shared = [i for i in game.infosets if len(i.members) > 1]
    shared_labels = {i.label for i in shared}
    movers: list[str] = []  # drawn last, over the lines
    for node in game.nodes:
        x, y = layout.x[node.index], layout.y[node.index]
        at = f"({x:.2f},{y:.2f})"
        if node.is_terminal:
            lines.append(f"\\node[terminal] (n{node.index}) at {at} "
                         f"{{{_payoff_label(game, node.payoffs)}}};")
        elif node.is_chance:
            lines.append(f"\\node[chance] (n{node.index}) at {at} {{}};")
            movers.append(f"\\node[mover] at (n{node.index}.north) {{Chance}};")
        else:
            lines.append(f"\\node[decision] (n{node.index}) at {at} {{}};")
            name = node.player or ""
            if node.infoset in shared_labels and node.infoset != node.player:
                name += f" [{node.infoset}]"
            movers.append(f"\\node[mover] at (n{node.index}.north) {{{latex_text(name)}}};")
            if beliefs is not None and node.index in beliefs.numbers:
                movers.append(_belief_label(node.index, *beliefs.numbers[node.index]))
    infoset_of = game.infoset_of_node
    for node in game.nodes:
        played = (profile.probabilities[infoset_of[node.index]]  # type: ignore[index]
                  if profile is not None and node.is_decision else None)
        for position, (action, child) in enumerate(zip(node.actions, node.children)):
            label = latex_text(action)
            if node.is_chance:
                label += f" (${latex_math(node.probabilities[position])}$)"
            elif played is not None and probability_text(played[position]):
                label += f" $[{latex_math(played[position])}]$"
            label += latex_text(promise_mark(node, action, played, promised))
            style = marks.edge_style(node.index, child)
            style = "draw" if style == "plain" else style  # TikZ's own plain line
            dx = layout.x[child] - layout.x[node.index]
            side = "left" if dx < -0.01 else "right" if dx > 0.01 else "right"
            lines.append(f"\\draw[{style}] (n{node.index}) -- node[midway, {side}, action] "
                         f"{{{label}}} (n{child});")
    for k, infoset in enumerate(shared):
        # A bracket under the member nodes, each set at its own depth so that interleaved
        # sets stay apart; the set's label is shown beside the player's name.
        drop = INFOSET_DROP * (k + 1)
        xs = [layout.x[m] for m in infoset.members]
        ys = [layout.y[m] for m in infoset.members]
        bottom = min(ys) - drop
        ticks = " ".join(f"({x:.2f},{y:.2f}) -- ({x:.2f},{bottom:.2f})" for x, y in zip(xs, ys))
        lines.append(f"\\draw[infoset] {ticks} ({min(xs):.2f},{bottom:.2f}) -- "
                     f"({max(xs):.2f},{bottom:.2f});")
    lines += movers
    title = latex_text(game.title or game.name or "")
    heading = (f"\\textbf{{{title}}}\\\\ " if title else "")
    lines.append(f"\\node[anchor=south, align=center, font=\\footnotesize] at "
                 f"({(min(layout.x) + max(layout.x)) / 2:.2f},{LEVEL / 2:.2f}) "
                 f"{{{heading}Payoffs: ({latex_text(', '.join(game.players))})}};")
    if beliefs is not None and beliefs.notes:
        notes = "\\\\ ".join(_with_mu(note) for note in beliefs.notes)
        lines.append(f"\\node[anchor=north, align=left, font=\\footnotesize] at "
                     f"({(min(layout.x) + max(layout.x)) / 2:.2f},"
                     f"{min(layout.y) - LEVEL * 0.6:.2f}) {{{notes}}};")
    lines.append(r"\end{tikzpicture}")
    picture = "\n".join(lines) + "\n"
    if not standalone:
        return picture
    return ("\\documentclass[tikz, border=6pt]{standalone}\n\\begin{document}\n"
            + picture + "\\end{document}\n")


def _belief_label(node: int, belief: Fraction, off_path: bool) -> str:
    """The belief at node ``node``: ``$\\mu = 1/10$``, starred off the path."""
    star = "^{*}" if off_path else ""
    value = latex_math(sympy.Rational(belief.numerator, belief.denominator))
    return f"\\node[belief] at (n{node}.west) {{$\\mu = {{{value}}}{star}$}};"


def _with_mu(text: str) -> str:
    """A note in LaTeX text, its ``μ`` as the maths letter."""
    return "$\\mu$".join(latex_text(part) for part in text.split("μ"))


def _payoff_label(game: ExtensiveFormGame, payoffs: tuple[sympy.Expr, ...]) -> str:
    """One line in maths mode, or several (one player a line) in text mode."""
    lines = payoff_lines(payoffs, game.players)
    if len(lines) == 1:
        return "$(" + ", ".join(latex_math(p) for p in payoffs) + ")$"
    return r"\\".join(latex_text(line).replace("  ", r"\quad ") for line in lines)
