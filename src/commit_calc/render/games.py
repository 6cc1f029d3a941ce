"""Games as text for people: the catalog listing, and a game's players, parameters and tree
or payoff table (``commit-calc games`` and ``commit-calc show``)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from commit_calc.model.extensive_form import ExtensiveFormGame, Node
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.parameters import Parameters
from commit_calc.render.numbers import exact_text, human_text
from commit_calc.render.tables import table

Game = NormalFormGame | ExtensiveFormGame


def catalog_text(entries: Iterable[Sequence[str]]) -> str:
    """One line per catalog game: name, title and summary.

    >>> entries = [("trust", "Trust game", "Kreps' trust game."),
    ...            ("enforcer-reliability", "Enforcer", "Will the regime honor?")]
    >>> print(catalog_text(entries), end="")
    trust                 Trust game  Kreps' trust game.
    enforcer-reliability  Enforcer    Will the regime honor?
    """
    rows = [[name, title, summary] for name, title, summary in entries]
    return "".join(line + "\n" for line in table(rows))


def game_text(game: Game) -> str:
    """A game for people: title, description, players, parameters, then its tree or table.

    Examples
    --------
    >>> from commit_calc.model import Decision, Parameter, Terminal
    >>> trust = ExtensiveFormGame.build(
    ...     players=("Trustor", "Trustee"),
    ...     root=Decision("Trustor", {
    ...         "Trust": Decision("Trustee", {"Honor": Terminal(("gain", "gain")),
    ...                                      "Abuse": Terminal((-1, 2))}, name="trustee"),
    ...         "No trust": Terminal((0, 0)),
    ...     }, name="trustor"),
    ...     parameters=[Parameter("gain", default=1, lower=0, unit="USD", meaning="shared gain")],
    ...     name="trust", title="Trust game")
    >>> print(game_text(trust), end="")
    Trust game (trust)
    <BLANKLINE>
    Players: Trustor, Trustee
    <BLANKLINE>
    Parameters
      name  default  bounds  unit  meaning
      gain  1        >= 0    USD   shared gain
    <BLANKLINE>
    Tree (payoffs: Trustor, Trustee)
      trustor: Trustor moves
        Trust -> trustee: Trustee moves
          Honor -> t1: gain, gain
          Abuse -> t2: -1, 2
        No trust -> t3: 0, 0
    """
    heading = game.title or game.name or "Untitled game"
    if game.title and game.name:
        heading = f"{game.title} ({game.name})"
    lines = [heading]
    if game.description:
        lines += [""] + [textwrap.fill(paragraph, width=88)
                         for paragraph in game.description.strip().split("\n\n")]
    lines += ["", "Players: " + ", ".join(game.players)]
    if len(game.parameters):
        lines += ["", "Parameters"] + parameters_table(game.parameters, indent=2)
    lines.append("")
    if isinstance(game, ExtensiveFormGame):
        lines.append(f"Tree (payoffs: {', '.join(game.players)})")
        lines += tree_lines(game, indent=2)
    else:
        lines += normal_form_lines(game)
    return "\n".join(lines) + "\n"


def parameters_table(parameters: Parameters, *, indent: int = 0) -> list[str]:
    """Each parameter's name, default, bounds, unit and meaning as aligned rows."""
    rows = [["name", "default", "bounds", "unit", "meaning"]]
    rows += [
        [p.name, "-" if p.default is None else human_text(p.default), p.bounds_text, p.unit,
         p.meaning]
        for p in parameters
    ]
    return table(rows, indent=indent)


def tree_lines(game: ExtensiveFormGame, *, indent: int = 0) -> list[str]:
    """The tree, one node a line, children indented under their parent (iterative)."""
    lines = [" " * indent + _node_text(game, game.root)]
    stack = [(child, action, 1, probability) for action, child, probability in _moves(game.root)]
    stack.reverse()
    while stack:
        index, action, depth, probability = stack.pop()
        node = game.nodes[index]
        label = action if probability is None else f"{action} ({exact_text(probability)})"
        lines.append(" " * (indent + 2 * depth) + f"{label} -> {_node_text(game, node)}")
        stack += [(child, a, depth + 1, p) for a, child, p in _moves(node)][::-1]
    return lines


def _moves(node: Node) -> list[tuple[str, int, object]]:
    probabilities: Sequence[object] = node.probabilities or [None] * len(node.actions)
    return list(zip(node.actions, node.children, probabilities, strict=True))


def _node_text(game: ExtensiveFormGame, node: Node) -> str:
    if node.is_terminal:
        return f"{node.name}: " + ", ".join(exact_text(p) for p in node.payoffs)
    if node.is_chance:
        return f"{node.name}: chance"
    text = f"{node.name}: {node.player} moves"
    infoset = game.infoset(node.infoset or node.name)
    if len(infoset.members) > 1:
        text += f" (information set {infoset.label})"
    return text


def normal_form_lines(game: NormalFormGame) -> list[str]:
    """A two-player game as a matrix (row player's payoff first); more players as a list."""
    if game.num_players == 2:
        row_player, column_player = game.players
        header = [f"{row_player} \\ {column_player}", *game.strategies[1]]
        rows = [header]
        for i, row_label in enumerate(game.strategies[0]):
            rows.append([row_label] + [
                ", ".join(exact_text(v) for v in game.payoff((i, j)))
                for j in range(len(game.strategies[1]))
            ])
        return [f"Payoffs ({row_player}, {column_player})"] + table(rows, indent=2)
    rows = [[*game.players, "payoffs"]]
    rows += [
        [*game.profile_labels(index), ", ".join(exact_text(v) for v in game.payoff(index))]
        for index in game.profiles()
    ]
    return [f"Payoffs ({', '.join(game.players)})"] + table(rows, indent=2)
