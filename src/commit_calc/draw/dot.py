"""Graphviz DOT text for game trees and payoff tables (needs nothing installed to produce).

Decision nodes are ellipses named by the player who moves, chance nodes diamonds, terminal
nodes boxes with the payoff vector. Edges carry the action (and its probability at chance
nodes). With an equilibrium, the actions it plays are drawn thick and the path it reaches in
red; nodes of one information set are joined by a dashed line.
"""

from __future__ import annotations

from commit_calc.draw.highlight import highlight
from commit_calc.draw.labels import number_text, payoff_text
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import BehaviourProfile, MixedProfile

PATH_COLOUR = "#c0392b"
CHOSEN_COLOUR = "#2c3e50"
MUTED_COLOUR = "#7f8c8d"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def tree_to_dot(game: ExtensiveFormGame, profile: BehaviourProfile | None = None) -> str:
    """DOT text of ``game``'s tree, with ``profile``'s choices highlighted when given.

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> game = ExtensiveFormGame.build(players=("A", "B"), root=Decision("A", {
    ...     "Out": Terminal((0, 2)), "In": Terminal((1, 1))}))
    >>> print(tree_to_dot(game).splitlines()[0])
    digraph "game" {
    """
    marks = highlight(game, profile)
    title = game.title or game.name or "game"
    lines = [
        'digraph "game" {',
        f"  label={_quote(title)}; labelloc=t; fontname=Helvetica; fontsize=16;",
        "  rankdir=TB; nodesep=0.35; ranksep=0.6;",
        '  node [fontname=Helvetica, fontsize=12]; edge [fontname=Helvetica, fontsize=11];',
    ]
    shared = {i.label for i in game.infosets if len(i.members) > 1}
    for node in game.nodes:
        ident = f"n{node.index}"
        on_path = node.index in marks.reached
        colour = PATH_COLOUR if on_path else "black"
        if node.is_terminal:
            attributes = f"shape=box, style=rounded, label={_quote(payoff_text(node.payoffs))}"
        elif node.is_chance:
            attributes = f"shape=diamond, label={_quote('Chance')}"
        else:
            label = node.player or ""
            if node.infoset in shared:
                label += f"\n[{node.infoset}]"
            attributes = f"shape=ellipse, label={_quote(label)}"
        lines.append(f"  {ident} [{attributes}, color={_quote(colour)}, "
                     f"tooltip={_quote(node.name)}];")
    for node in game.nodes:
        for position, (action, child) in enumerate(zip(node.actions, node.children)):
            label = action
            if node.is_chance:
                label += f" ({number_text(node.probabilities[position])})"
            style = []
            if child in marks.reached and node.index in marks.reached:
                style.append(f"color={_quote(PATH_COLOUR)}, penwidth=3")
            elif child in marks.chosen:
                style.append(f"color={_quote(CHOSEN_COLOUR)}, penwidth=2.2")
            elif profile is not None:
                style.append(f"color={_quote(MUTED_COLOUR)}, style=dashed")
            extra = (", " + ", ".join(style)) if style else ""
            lines.append(f"  n{node.index} -> n{child} [label={_quote(' ' + label + ' ')}{extra}];")
    for infoset in game.infosets:
        if len(infoset.members) > 1:
            members = " ".join(f"n{m}" for m in infoset.members)
            lines.append(f"  {{rank=same; {members}}}")
            for a, b in zip(infoset.members, infoset.members[1:]):
                lines.append(f"  n{a} -> n{b} [style=dotted, dir=none, constraint=false, "
                             f"penwidth=1.5, label={_quote(infoset.label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def table_to_dot(game: NormalFormGame, profile: MixedProfile | None = None) -> str:
    """DOT text of a two-player payoff table (an HTML-like table), equilibrium cells shaded.

    >>> from commit_calc.model import NormalFormGame
    >>> game = NormalFormGame.from_matrices([[1, 0]], [[0, 1]])
    >>> "<TABLE" in table_to_dot(game)
    True
    """
    if game.num_players != 2:
        raise ValueError("table_to_dot(): a payoff table is drawn for two players only")
    rows, columns = game.strategies
    support = profile.support() if profile is not None else ((), ())

    def cell(text: str, shade: bool = False, bold: bool = False) -> str:
        body = _html(text)
        if bold:
            body = f"<B>{body}</B>"
        background = ' BGCOLOR="#f5b7b1"' if shade else ""
        return f"<TD{background}>{body}</TD>"

    header = cell(f"{game.players[0]} \\ {game.players[1]}", bold=True) + "".join(
        cell(c, bold=True) for c in columns
    )
    body = []
    for i, row in enumerate(rows):
        cells = [cell(row, bold=True)]
        for j in range(len(columns)):
            shade = i in support[0] and j in support[1]
            cells.append(cell(payoff_text(game.payoff((i, j))), shade=shade))
        body.append("<TR>" + "".join(cells) + "</TR>")
    title = _html(game.title or game.name or "game")
    table = (f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="8">'
             f'<TR>{header}</TR>{"".join(body)}</TABLE>>')
    return ('digraph "game" {\n'
            f'  label="{title}"; labelloc=t; fontname=Helvetica;\n'
            f"  node [shape=plaintext, fontname=Helvetica];\n  table [label={table}];\n}}\n")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;")
