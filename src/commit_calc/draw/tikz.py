"""Plain TikZ for game trees: compiles with a standard LaTeX (``\\usepackage{tikz}``).

Positions come from :mod:`commit_calc.draw.layout`, so no TikZ library is needed.
"""

from __future__ import annotations

from commit_calc.draw.highlight import highlight
from commit_calc.draw.labels import number_text, payoff_text
from commit_calc.draw.layout import tree_layout
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile

_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    r"""Escape LaTeX's special characters.

    >>> latex_escape("war_cost & 50%")
    'war\\_cost \\& 50\\%'
    """
    return "".join(_SPECIAL.get(character, character) for character in text)


def tree_to_tikz(
    game: ExtensiveFormGame, profile: BehaviourProfile | None = None, *, standalone: bool = True
) -> str:
    r"""TikZ code of the tree; a whole ``standalone`` document unless told otherwise.

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
        r"  chance/.style={rectangle, rotate=45, draw, fill=white, minimum size=7pt, inner sep=0pt},",
        r"  terminal/.style={inner sep=2pt},",
        r"  path/.style={line width=1.6pt, draw=red!70!black},",
        r"  chosen/.style={line width=1.2pt},",
        r"  other/.style={draw=gray}]",
    ]
    for node in game.nodes:
        x, y = layout.x[node.index], layout.y[node.index]
        at = f"({x:.2f},{y:.2f})"
        if node.is_terminal:
            lines.append(f"\\node[terminal] (n{node.index}) at {at} "
                         f"{{${latex_escape(payoff_text(node.payoffs))}$}};")
        elif node.is_chance:
            lines.append(f"\\node[chance] (n{node.index}) at {at} {{}};")
            lines.append(f"\\node[above=2pt] at (n{node.index}.north) {{Chance}};")
        else:
            lines.append(f"\\node[decision] (n{node.index}) at {at} {{}};")
            lines.append(f"\\node[above=2pt] at (n{node.index}.north) "
                         f"{{{latex_escape(node.player or '')}}};")
    for node in game.nodes:
        for position, (action, child) in enumerate(zip(node.actions, node.children)):
            label = latex_escape(action)
            if node.is_chance:
                label += f" (${latex_escape(number_text(node.probabilities[position]))}$)"
            if child in marks.reached and node.index in marks.reached:
                style = "path"
            elif child in marks.chosen:
                style = "chosen"
            else:
                style = "other" if profile is not None else "draw"
            dx = layout.x[child] - layout.x[node.index]
            side = "left" if dx < -0.01 else "right" if dx > 0.01 else "right"
            lines.append(f"\\draw[{style}] (n{node.index}) -- node[midway, {side}, inner sep=2pt] "
                         f"{{{label}}} (n{child});")
    for infoset in game.infosets:
        for a, b in zip(infoset.members, infoset.members[1:]):
            lines.append(f"\\draw[dashed, thick] (n{a}) -- node[midway, above] "
                         f"{{{latex_escape(infoset.label)}}} (n{b});")
    lines.append(r"\end{tikzpicture}")
    picture = "\n".join(lines) + "\n"
    if not standalone:
        return picture
    return ("\\documentclass[tikz, border=6pt]{standalone}\n\\begin{document}\n"
            + picture + "\\end{document}\n")
