"""What a picture of a tree shows, computed once for every back end (DOT, matplotlib).

:func:`tree_facts` lists the texts and styles to draw: node labels, edge labels (chance
probabilities ``(1/2)`` and mixed choices ``[1/3]``), the information sets with their colours,
the payoff order, and a key to every line style the picture uses. The back ends only place
these facts, so the Graphviz picture and the matplotlib one cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from commit_calc.draw.beliefs import BeliefMarks
from commit_calc.draw.highlight import highlight
from commit_calc.draw.labels import number_text, payoff_lines, probability_text
from commit_calc.model.extensive_form import ExtensiveFormGame, Node
from commit_calc.model.profiles import BehaviourProfile

PATH_COLOUR = "#c0392b"
CHOSEN_COLOUR = "#2c3e50"
MUTED_COLOUR = "#7f8c8d"
#: Colours of the lines that join the nodes of an information set (one per set, in turn).
INFOSET_COLOURS = ("#2874a6", "#b9770e", "#7d3c98", "#117a65", "#943126")

#: Edge styles: colour, line width in points, dashed.
STYLES = {
    "path": (PATH_COLOUR, 3.0, False),
    "chosen": (CHOSEN_COLOUR, 2.2, False),
    "other": (MUTED_COLOUR, 1.0, True),
    "plain": ("black", 1.0, False),
}
#: What each style means, in the key.
MEANINGS = {
    "path": "path played",
    "chosen": "choice off the path",
    "other": "not chosen",
}
MIXED_NOTE = "[p] = probability of a mixed choice"
PROMISE_NOTE = "(promised) = an action promised; (promised, broken) = one the equilibrium breaks"


@dataclass(frozen=True)
class NodeFact:
    """A node: ``kind`` is decision, chance or terminal; ``lines`` its label."""

    index: int
    kind: str
    lines: tuple[str, ...]
    on_path: bool


@dataclass(frozen=True)
class EdgeFact:
    """An action: its label (with a probability where there is one) and its style."""

    parent: int
    child: int
    label: str
    style: str


@dataclass(frozen=True)
class InfosetFact:
    """An information set of several nodes, joined by a dotted line of ``colour``."""

    label: str
    members: tuple[int, ...]
    colour: str


@dataclass(frozen=True)
class KeyEntry:
    """One line of the key: a line ``style`` (an edge style or ``infoset``) and its text."""

    style: str
    colour: str
    text: str


@dataclass(frozen=True)
class TreeFacts:
    """Everything a picture of the tree shows."""

    title: str
    payoff_order: str
    nodes: tuple[NodeFact, ...]
    edges: tuple[EdgeFact, ...]
    infosets: tuple[InfosetFact, ...]
    key: tuple[KeyEntry, ...]
    notes: tuple[str, ...]

    def texts(self) -> list[str]:
        """Every text the picture must show (for comparing back ends)."""
        return ([self.title, self.payoff_order]
                + [line for node in self.nodes for line in node.lines]
                + [edge.label for edge in self.edges]
                + [entry.text for entry in self.key] + list(self.notes))


def tree_facts(game: ExtensiveFormGame, profile: BehaviourProfile | None = None,
               promised: Mapping[str, str] | None = None,
               beliefs: BeliefMarks | None = None) -> TreeFacts:
    """The facts to draw for ``game``, with ``profile``'s choices marked when given, the
    ``promised`` actions (information set label -> action) labelled as such, and the
    ``beliefs`` of an assessment at the nodes of its information sets.

    >>> from commit_calc.model import Decision, ExtensiveFormGame, Terminal
    >>> game = ExtensiveFormGame.build(players=("A", "B"), root=Decision("A", {
    ...     "Out": Terminal((0, 2)), "In": Terminal((1, 1))}))
    >>> facts = tree_facts(game)
    >>> facts.payoff_order, [edge.label for edge in facts.edges]
    ('Payoffs: (A, B)', ['Out', 'In'])
    """
    marks = highlight(game, profile)
    shared = [i for i in game.infosets if len(i.members) > 1]
    infosets = tuple(InfosetFact(i.label, tuple(i.members),
                                 INFOSET_COLOURS[k % len(INFOSET_COLOURS)])
                     for k, i in enumerate(shared))
    shared_labels = {i.label for i in shared}
    nodes = []
    for node in game.nodes:
        if node.is_terminal:
            kind, lines = "terminal", payoff_lines(node.payoffs, game.players)
        elif node.is_chance:
            kind, lines = "chance", ["Chance"]
        else:
            kind, lines = "decision", [node.player or ""]
            if node.infoset in shared_labels and node.infoset != node.player:
                lines.append(f"[{node.infoset}]")
            if beliefs is not None and node.index in beliefs.lines:
                lines.append(beliefs.lines[node.index])
        nodes.append(NodeFact(node.index, kind, tuple(lines), node.index in marks.reached))
    edges = []
    mixed = False
    infoset_of = game.infoset_of_node
    for node in game.nodes:
        played = (profile.probabilities[infoset_of[node.index]]  # type: ignore[index]
                  if profile is not None and node.is_decision else None)
        for position, (action, child) in enumerate(zip(node.actions, node.children)):
            label = action
            if node.is_chance:
                label += f" ({number_text(node.probabilities[position])})"
            elif played is not None and probability_text(played[position]):
                label += " " + probability_text(played[position])
                mixed = True
            label += promise_mark(node, action, played, promised)
            edges.append(EdgeFact(node.index, child, label, marks.edge_style(node.index, child)))
    used = {edge.style for edge in edges}
    key = [KeyEntry(style, STYLES[style][0], MEANINGS[style])
           for style in ("path", "chosen", "other") if profile is not None and style in used]
    key += [KeyEntry("infoset", i.colour, f"information set {i.label}") for i in infosets]
    return TreeFacts(
        title=game.title or game.name or "game",
        payoff_order=f"Payoffs: ({', '.join(game.players)})",
        nodes=tuple(nodes), edges=tuple(edges), infosets=infosets, key=tuple(key),
        notes=((MIXED_NOTE,) if mixed else ()) + ((PROMISE_NOTE,) if promised else ())
        + (beliefs.notes if beliefs is not None else ()),
    )


def promise_mark(node: Node, action: str, played: Sequence[object] | None,
                 promised: Mapping[str, str] | None) -> str:
    """`` (promised)`` after a promised action, `` (promised, broken)`` where the profile
    does not play it for sure, else nothing."""
    if not promised or node.infoset is None or promised.get(node.infoset) != action:
        return ""
    kept = played is None or played[node.actions.index(action)] == 1
    return " (promised)" if kept else " (promised, broken)"


def table_notes(players: tuple[str, ...], mixed: bool) -> str:
    """The caption of a payoff table: the payoff order and, with an equilibrium, the key.

    >>> table_notes(("A", "B"), True)
    'Payoffs: (A, B); shaded: the cells the equilibrium plays; [p]: probability of a mixed strategy'
    """
    notes = f"Payoffs: ({', '.join(players)})"
    if mixed:
        notes += "; shaded: the cells the equilibrium plays; [p]: probability of a mixed strategy"
    return notes
