"""Writing Gambit ``.efg`` and ``.nfg`` files, conservatively: exact numbers, every node in
prefix order with its information set's actions, payoffs only on terminal nodes."""

from __future__ import annotations

from collections.abc import Mapping

from commit_calc.errors import GameDefinitionError
from commit_calc.io.gambit_nfg import first_player_fastest
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame

Game = NormalFormGame | ExtensiveFormGame


def _quote(text: str) -> str:
    """A Gambit label: quotes escaped as ``\\"``; a backslash before a quote or at the end
    cannot be written so that Gambit reads it back, so such labels are refused."""
    if text.endswith("\\") or '\\"' in text:
        raise GameDefinitionError(f"label {text!r}: a backslash before a quote or at the end "
                                  "cannot be written to a Gambit file; rename it")
    return '"' + text.replace('"', '\\"') + '"'


def _numeric(game: Game, values: Mapping[str, object] | None) -> Game:
    """The game with ``values`` (and defaults for the other parameters) substituted."""
    if values or not game.is_numeric:
        return game.at(values)
    return game


def format_efg(game: ExtensiveFormGame, values: Mapping[str, object] | None = None) -> str:
    """The text of a Gambit ``.efg`` file for ``game`` (parameters given ``values`` or their
    defaults).

    >>> from commit_calc.model import Decision, Terminal
    >>> game = ExtensiveFormGame.build(players=("A", "B"), root=Decision("A", {
    ...     "L": Terminal((1, "1/2")), "R": Terminal((0, 0))}, name="start"))
    >>> print(format_efg(game), end="")
    EFG 2 R "" { "A" "B" }
    <BLANKLINE>
    p "start" 1 1 "start" { "L" "R" } 0
    t "t1" 1 "t1" { 1, 1/2 }
    t "t2" 2 "t2" { 0, 0 }
    """
    if not isinstance(game, ExtensiveFormGame):
        raise GameDefinitionError(f"format_efg(): expected an ExtensiveFormGame, got "
                                  f"{type(game).__name__} (write tables with format_nfg)")
    game = _numeric(game, values)  # type: ignore[assignment]
    lines = [f"EFG 2 R {_quote(game.title or game.name)} "
             f"{{ {' '.join(_quote(p) for p in game.players)} }}"]
    if game.description:
        lines.append(_quote(game.description))
    lines.append("")
    player_number = {player: k + 1 for k, player in enumerate(game.players)}
    infoset_number: dict[str, int] = {}
    per_player = dict.fromkeys(game.players, 0)
    chance_count = 0
    outcome_count = 0
    for node in game.nodes:
        if node.is_terminal:
            outcome_count += 1
            payoffs = ", ".join(str(value) for value in node.payoffs)
            lines.append(f"t {_quote(node.name)} {outcome_count} {_quote(node.name)} "
                         f"{{ {payoffs} }}")
        elif node.is_chance:
            chance_count += 1
            moves = " ".join(f"{_quote(a)} {p}" for a, p in zip(node.actions, node.probabilities))
            lines.append(f'c {_quote(node.name)} {chance_count} "" {{ {moves} }} 0')
        else:
            label = node.infoset or node.name
            player = node.player or ""
            if label not in infoset_number:
                per_player[player] += 1
                infoset_number[label] = per_player[player]
            actions = " ".join(_quote(a) for a in node.actions)
            lines.append(f"p {_quote(node.name)} {player_number[player]} "
                         f"{infoset_number[label]} {_quote(label)} {{ {actions} }} 0")
    return "\n".join(lines) + "\n"


def format_nfg(game: NormalFormGame, values: Mapping[str, object] | None = None) -> str:
    """The text of a Gambit ``.nfg`` file (payoff version, player 1's strategy fastest)."""
    if not isinstance(game, NormalFormGame):
        raise GameDefinitionError(f"format_nfg(): expected a NormalFormGame, got "
                                  f"{type(game).__name__} (write trees with format_efg)")
    game = _numeric(game, values)  # type: ignore[assignment]
    strategies = " ".join("{ " + " ".join(_quote(s) for s in labels) + " }"
                          for labels in game.strategies)
    lines = [f"NFG 1 R {_quote(game.title or game.name)} "
             f"{{ {' '.join(_quote(p) for p in game.players)} }} {{ {strategies} }}"]
    if game.description:
        lines.append(_quote(game.description))
    lines.append("")
    for profile in first_player_fastest(game.shape):
        lines.append(" ".join(str(value) for value in game.payoff(profile)))
    return "\n".join(lines) + "\n"


