"""Graphviz DOT text for game trees and payoff tables (needs nothing installed to produce).

Decision nodes are ellipses named by the player who moves, chance nodes diamonds, terminal
nodes boxes with the payoff vector. Edges carry the action (and its probability at chance
nodes). With an equilibrium, the actions it plays are drawn thick and the path it reaches in
red; the nodes of an information set are joined by a dotted line in a colour of its own.
"""

from __future__ import annotations

from collections.abc import Mapping

from commit_calc.draw.beliefs import BeliefMarks
from commit_calc.draw.facts import PATH_COLOUR, STYLES, TreeFacts, table_notes, tree_facts
from commit_calc.draw.labels import payoff_lines, probability_text
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import BehaviourProfile, MixedProfile

CELL_COLOUR = "#f5b7b1"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _quote(text: str) -> str:
    return '"' + _escape(text) + '"'


def tree_to_dot(game: ExtensiveFormGame, profile: BehaviourProfile | None = None,
                promised: Mapping[str, str] | None = None,
                beliefs: BeliefMarks | None = None) -> str:
    """DOT text of ``game``'s tree, with ``profile``'s choices highlighted when given (and
    the ``promised`` actions labelled, see :func:`~commit_calc.draw.facts.tree_facts`).

    It draws the facts of :func:`~commit_calc.draw.facts.tree_facts`: the caption under the
    title names the order of the payoffs and keys the line styles and information sets. Long
    payoff vectors (formulas) are stacked one player a line; an action the profile plays with
    a probability strictly between 0 and 1 shows it (``[1/3]``).

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> game = ExtensiveFormGame.build(players=("A", "B"), root=Decision("A", {
    ...     "Out": Terminal((0, 2)), "In": Terminal((1, 1))}))
    >>> print(tree_to_dot(game).splitlines()[0])
    digraph "game" {
    """
    facts = tree_facts(game, profile, promised, beliefs)
    lines = [
        'digraph "game" {',
        f"  label={_caption(facts)}; labelloc=t; fontname=Helvetica;",
        "  rankdir=TB; nodesep=0.35; ranksep=0.6;",
        '  node [fontname=Helvetica, fontsize=12]; edge [fontname=Helvetica, fontsize=11];',
    ]
    shapes = {"terminal": "box, style=rounded", "chance": "diamond", "decision": "ellipse"}
    for node in facts.nodes:
        colour = PATH_COLOUR if node.on_path else "black"
        label = _label(list(node.lines)) if node.kind == "terminal" else _quote(
            "\n".join(node.lines))
        lines.append(f"  n{node.index} [shape={shapes[node.kind]}, label={label}, "
                     f"color={_quote(colour)}, tooltip={_quote(game.nodes[node.index].name)}];")
    for edge in facts.edges:
        colour, width, dashed = STYLES[edge.style]
        style = ""
        if edge.style != "plain":
            style = f", color={_quote(colour)}, penwidth={width:g}" + (
                ", style=dashed" if dashed else "")
        lines.append(f"  n{edge.parent} -> n{edge.child} "
                     f"[label={_quote(' ' + edge.label + ' ')}{style}];")
    crossing = _interleaved(game)
    for infoset in facts.infosets:
        members = " ".join(f"n{m}" for m in infoset.members)
        lines.append(f"  {{rank=same; {members}}}")
        for a, b in zip(infoset.members, infoset.members[1:]):
            # Lines of interleaved information sets would cross above the nodes, over the
            # action labels: route them below instead.
            ports = "tailport=s, headport=s, " if (a, b) in crossing else ""
            lines.append(f"  n{a} -> n{b} [style=dotted, dir=none, arrowhead=none, "
                         f"constraint=false, {ports}"
                         f"penwidth=2.5, color={_quote(infoset.colour)}, "
                         f"tooltip={_quote('information set ' + infoset.label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _interleaved(game: ExtensiveFormGame) -> set[tuple[int, int]]:
    """Consecutive members ``(a, b)`` of an information set with a member of another
    information set between them (in left-to-right order): their lines would cross."""
    shared = [i for i in game.infosets if len(i.members) > 1]
    owner = {m: i.label for i in shared for m in i.members}
    crossing = set()
    for infoset in shared:
        for a, b in zip(infoset.members, infoset.members[1:]):
            if any(owner.get(k, infoset.label) != infoset.label for k in range(a + 1, b)):
                crossing.add((a, b))
    return crossing


def _caption(facts: TreeFacts) -> str:
    """An HTML-like graph label: the title, the payoff order and the key, one entry a line,
    each with a sample of its line in its colour."""
    lines = [f'<FONT POINT-SIZE="16">{_html(facts.title)}</FONT>',
             f'<FONT POINT-SIZE="11">{_html(facts.payoff_order)}</FONT>']
    for entry in facts.key:
        sample = "&#183; &#183; &#183;" if entry.style == "infoset" else (
            "- - -" if STYLES[entry.style][2] else "<B>&#8212;&#8212;</B>")
        lines.append(f'<FONT POINT-SIZE="11"><FONT COLOR="{entry.colour}">{sample}</FONT> '
                     f"{_html(entry.text)}</FONT>")
    lines += [f'<FONT POINT-SIZE="11">{_html(note)}</FONT>' for note in facts.notes]
    return "<" + "<BR/>".join(lines) + ">"


def _label(lines: list[str]) -> str:
    """A quoted DOT label; several lines are left-justified (DOT's ``\\l``)."""
    if len(lines) == 1:
        return _quote(lines[0])
    return '"' + "".join(_escape(line) + "\\l" for line in lines) + '"'


def table_to_dot(game: NormalFormGame, profile: MixedProfile | None = None) -> str:
    """DOT text of a two-player payoff table (an HTML-like table), equilibrium cells shaded.

    The row player's payoff comes first in each cell (the caption says so); a strategy that
    ``profile`` mixes shows its probability (``Bach [1/3]``).

    >>> from commit_calc.model import NormalFormGame
    >>> game = NormalFormGame.from_matrices([[1, 0]], [[0, 1]])
    >>> "<TABLE" in table_to_dot(game)
    True
    """
    if game.num_players != 2:
        raise ValueError("table_to_dot(): a payoff table is drawn for two players only")
    support = profile.support() if profile is not None else ((), ())

    def cell(lines: list[str], shade: bool = False, bold: bool = False) -> str:
        body = "<BR/>".join(_html(line) for line in lines)
        if bold:
            body = f"<B>{body}</B>"
        background = f' BGCOLOR="{CELL_COLOUR}"' if shade else ""
        return f"<TD{background}>{body}</TD>"

    def strategy(player: int, k: int) -> list[str]:
        label = game.strategies[player][k]
        if profile is not None and probability_text(profile.probabilities[player][k]):
            label += " " + probability_text(profile.probabilities[player][k])
        return [label]

    rows, columns = game.strategies
    header = cell([f"{game.players[0]} \\ {game.players[1]}"], bold=True) + "".join(
        cell(strategy(1, j), bold=True) for j in range(len(columns))
    )
    body = []
    for i in range(len(rows)):
        cells = [cell(strategy(0, i), bold=True)]
        for j in range(len(columns)):
            shade = i in support[0] and j in support[1]
            cells.append(cell(payoff_lines(game.payoff((i, j)), game.players), shade=shade))
        body.append("<TR>" + "".join(cells) + "</TR>")
    table = (f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="8">'
             f'<TR>{header}</TR>{"".join(body)}</TABLE>>')
    notes = _html(table_notes(game.players, profile is not None))
    caption = (f'<<FONT POINT-SIZE="16">{_html(game.title or game.name or "game")}</FONT><BR/>'
               f'<FONT POINT-SIZE="11">{notes}</FONT>>')
    return ('digraph "game" {\n'
            f"  label={caption}; labelloc=t; fontname=Helvetica;\n"
            f"  node [shape=plaintext, fontname=Helvetica];\n  table [label={table}];\n}}\n")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;")
