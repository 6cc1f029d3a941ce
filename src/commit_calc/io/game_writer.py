"""Writing games as commit-calc game files (TOML or JSON) that :mod:`game_file` reads back.

Formulas are written with :func:`~commit_calc.formula.format_formula`, so a parametric game keeps
its parameters; shorthands (``[definitions]``) are written expanded.

>>> from commit_calc.model import NormalFormGame
>>> game = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
...                                     strategies=(("H", "T"), ("H", "T")))
>>> print(game_to_toml(game).splitlines()[1])
players = ["Row", "Column"]
"""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import sympy

from commit_calc.formula import format_formula
from commit_calc.io.game_file import FORMAT
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.parameters import Parameters

Game = NormalFormGame | ExtensiveFormGame

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def game_to_document(game: Game) -> dict[str, Any]:
    """The game as the nested dict a game file holds (keys in the documented order)."""
    document: dict[str, Any] = {"format": FORMAT}
    for key in ("name", "title", "description"):
        if getattr(game, key):
            document[key] = getattr(game, key)
    document["players"] = list(game.players)
    if len(game.parameters):
        document["parameters"] = _parameters(game.parameters)
    if isinstance(game, NormalFormGame):
        document["table"] = {
            "strategies": dict(zip(game.players, (list(s) for s in game.strategies))),
            "outcomes": [
                {"profile": list(game.profile_labels(profile)),
                 "payoffs": [_formula(value) for value in game.payoff(profile)]}
                for profile in itertools.product(*(range(n) for n in game.shape))
            ],
        }
        return document
    document["root"] = game.root.name
    nodes: dict[str, Any] = {}
    for node in game.nodes:
        names = [game.nodes[child].name for child in node.children]
        if node.is_terminal:
            nodes[node.name] = {"payoffs": [_formula(value) for value in node.payoffs]}
        elif node.is_chance:
            nodes[node.name] = {"chance": {
                action: [format_formula(probability), child]
                for action, probability, child in zip(node.actions, node.probabilities, names)
            }}
        else:
            entry: dict[str, Any] = {"player": node.player}
            if node.infoset != node.name:
                entry["infoset"] = node.infoset
            entry["actions"] = dict(zip(node.actions, names))
            nodes[node.name] = entry
    document["nodes"] = nodes
    return document


def _parameters(parameters: Parameters) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for parameter in parameters:
        entry: dict[str, Any] = {}
        for key, value in (("value", parameter.default), ("min", parameter.lower),
                           ("max", parameter.upper)):
            if value is not None:
                entry[key] = _number(value)
        for key, text in (("unit", parameter.unit), ("meaning", parameter.meaning),
                          ("distribution", parameter.distribution)):
            if text:
                entry[key] = text
        table[parameter.name] = entry
    return table


def _number(value: sympy.Rational) -> int | str:
    return int(value) if value.is_Integer else str(value)


def _formula(value: sympy.Expr) -> int | str:
    if value.is_Integer:
        return int(value)
    return format_formula(value)


def game_to_json(game: Game) -> str:
    """The game file as JSON text (two-space indent, trailing newline)."""
    return json.dumps(game_to_document(game), indent=2, ensure_ascii=False) + "\n"


def game_to_toml(game: Game) -> str:
    """The game file as TOML text: header keys, then ``[parameters.*]``, then nodes or table."""
    document = game_to_document(game)
    lines: list[str] = []
    for key in ("format", "name", "title", "description", "players", "root"):
        if key in document:
            lines.append(f"{key} = {_value(document[key])}")
    for name, entry in document.get("parameters", {}).items():
        lines += ["", f"[parameters.{_key(name)}]"]
        lines += [f"{key} = {_value(value)}" for key, value in entry.items()]
    if "table" in document:
        table = document["table"]
        lines += ["", "[table.strategies]"]
        lines += [f"{_key(p)} = {_value(s)}" for p, s in table["strategies"].items()]
        for outcome in table["outcomes"]:
            lines += ["", "[[table.outcomes]]", f"profile = {_value(outcome['profile'])}",
                      f"payoffs = {_value(outcome['payoffs'])}"]
    for name, entry in document.get("nodes", {}).items():
        lines += ["", f"[nodes.{_key(name)}]"]
        lines += [f"{key} = {_value(value)}" for key, value in entry.items()]
    return "\n".join(lines) + "\n"


def _key(text: str) -> str:
    if _BARE_KEY.match(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _value(value: object) -> str:
    """A TOML value: JSON's string escapes are TOML's, arrays alike; tables become inline."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
