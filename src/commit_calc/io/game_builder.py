"""Building the game a game file describes: its [table] (a normal-form game) or its
[nodes] (a tree), every error at the line of the key or node it is about."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from commit_calc.errors import (
    FormulaError,
    GameDefinitionError,
    ParameterError,
    plain_message,
)
from commit_calc.io.game_document import GameDocument, describe, repeated_name, suggestion
from commit_calc.io.locate import KeyPath
from commit_calc.model.extensive_form import Chance, Decision, ExtensiveFormGame, Spec, Terminal
from commit_calc.model.normal_form import NormalFormGame

Game = NormalFormGame | ExtensiveFormGame

MAX_NODES = 100_000
_DECISION_KEYS = ("player", "actions", "infoset")
_NODE_KINDS = ("player", "chance", "payoffs")
_NODE_KEYS = ("player", "actions", "infoset", "chance", "payoffs")
_TABLE_KEYS = ("strategies", "outcomes")
_OUTCOME_KEYS = ("profile", "payoffs")


class GameBuilder(GameDocument):
    """A parsed game file that builds its game (see :class:`.GameDocument`)."""

    def game(self, default_name: str) -> Game:
        """The game, named ``default_name`` where the file gives no name."""
        header = self.header(default_name)
        players = self.players()
        parameters = self.parameters()
        symbols = self.definitions(parameters)
        common = {"parameters": parameters, "name": header.name, "title": header.title,
                  "description": header.description}
        try:
            if header.kind == "normal":
                return self.normal_form(players, symbols, common)
            return self.extensive_form(players, symbols, common)
        except (GameDefinitionError, ParameterError, FormulaError) as error:
            raise self.located(error) from None

    # Normal form ------------------------------------------------------------------------------

    def normal_form(self, players: tuple[str, ...], symbols: Mapping[str, sympy.Expr],
                    common: dict[str, Any]) -> NormalFormGame:
        table = self.data["table"]
        self.expect(table, dict, ("table",), "'table'", "a table")
        self.check_keys(table, _TABLE_KEYS, ("table",), "[table]")
        strategies = table.get("strategies")
        if not isinstance(strategies, dict):
            raise self.fail(("table",), "[table]: 'strategies' must be a table giving each "
                            "player's strategies, e.g. strategies = { Row = [\"Up\", \"Down\"] }")
        for key in strategies:
            if key not in players:
                raise self.fail(("table", "strategies", key),
                                f"[table] strategies: '{key}' is not a player"
                                + suggestion(key, players))
        labels = []
        for player in players:
            path: KeyPath = ("table", "strategies", player)
            if player not in strategies:
                raise self.fail(("table", "strategies"),
                                f"[table] strategies: none given for '{player}'")
            given = strategies[player]
            if not isinstance(given, list) or not all(isinstance(s, str) for s in given):
                raise self.fail(path, f"[table] strategies of '{player}': expected an array of "
                                "names")
            repeated = repeated_name(given)
            if repeated is not None:
                raise self.fail(path, f"[table] strategies of '{player}': '{repeated}' is given "
                                "twice (each strategy needs its own name)")
            labels.append(tuple(given))
        outcomes = table.get("outcomes")
        if not isinstance(outcomes, list):
            raise self.fail(("table",), "[table]: 'outcomes' must be an array of tables "
                            "([[table.outcomes]] with profile = [...] and payoffs = [...])")
        cells: dict[Sequence[str], Sequence[Any]] = {}
        for k, outcome in enumerate(outcomes):
            path = ("table", "outcomes", k)
            where = f"[table] outcome {k + 1}"
            self.expect(outcome, dict, path, where, "a table with 'profile' and 'payoffs'")
            self.check_keys(outcome, _OUTCOME_KEYS, path, where)
            profile = outcome.get("profile")
            if (not isinstance(profile, list) or len(profile) != len(players)
                    or not all(isinstance(s, str) for s in profile)):
                raise self.fail(path, f"{where}: 'profile' must name one strategy per player "
                                f"({', '.join(players)})")
            for player, strategy, options in zip(players, profile, labels):
                if strategy not in options:
                    raise self.fail(path, f"{where}: '{strategy}' is not a strategy of "
                                    f"'{player}' (strategies: {', '.join(options)})")
            key = tuple(profile)
            if key in cells:
                raise self.fail(path, f"{where}: profile ({', '.join(key)}) is given twice")
            where = f"[table] outcome ({', '.join(key)})"
            if "payoffs" not in outcome:
                raise self.fail(path, f"{where}: 'payoffs' is missing")
            cells[key] = self.payoffs(outcome["payoffs"], players, (*path, "payoffs"), where,
                                      symbols)
        try:
            return NormalFormGame.from_dict(cells, players=players, strategies=labels, **common)
        except GameDefinitionError as error:
            raise self.fail(("table",), "[table]: " + plain_message(str(error))) from None

    # Extensive form ---------------------------------------------------------------------------

    def extensive_form(self, players: tuple[str, ...], symbols: Mapping[str, sympy.Expr],
                       common: dict[str, Any]) -> ExtensiveFormGame:
        nodes = self.data["nodes"]
        self.expect(nodes, dict, ("nodes",), "[nodes]", "a table of named nodes")
        if not nodes:
            raise self.fail(("nodes",), "[nodes]: the tree has no nodes")
        if len(nodes) > MAX_NODES:
            raise self.fail(("nodes",), f"[nodes]: more than {MAX_NODES} nodes")
        root = self.data.get("root", next(iter(nodes)))
        self.expect(root, str, ("root",), "'root'", "the name of a node")
        if root not in nodes:
            raise self.fail(("root",), f"'root': there is no node '{root}'"
                            + suggestion(root, list(nodes)))
        children = {name: self.node_children(name, spec, players) for name, spec in nodes.items()}
        order = self.tree_order(root, children)
        unreached = [name for name in nodes if name not in order]
        if unreached:
            raise self.fail(("nodes", unreached[0]), f"node '{unreached[0]}': never reached "
                            f"from the root '{root}' (no action leads to it)")
        specs: dict[str, Spec] = {}
        for name in reversed(order):
            specs[name] = self.node_spec(name, nodes[name], players, symbols, specs)
        return ExtensiveFormGame.build(players=players, root=specs[root], **common)

    def node_children(self, name: str, spec: object,
                      players: tuple[str, ...]) -> list[tuple[str, str]]:
        """The node's ``(action, child name)`` pairs, after checking its keys and kind."""
        path = ("nodes", name)
        where = f"node '{name}'"
        self.expect(spec, dict, path, where, "a table")
        assert isinstance(spec, dict)
        self.check_keys(spec, _NODE_KEYS, path, where)
        kinds = [key for key in _NODE_KINDS if key in spec]
        if len(kinds) != 1:
            raise self.fail(path, f"{where}: give exactly one of 'player' (a decision), "
                            "'chance' (a chance move) or 'payoffs' (an end of the game)"
                            + (f", not {' and '.join(kinds)}" if kinds else ""))
        kind = kinds[0]
        if kind == "payoffs":
            self.check_keys(spec, ("payoffs",), path, where)
            return []
        if kind == "chance":
            self.check_keys(spec, ("chance",), path, where)
            moves = spec["chance"]
            self.expect(moves, dict, (*path, "chance"), where,
                        "a table: action = [probability, next node]")
            pairs = []
            for action, move in moves.items():
                if (not isinstance(move, list) or len(move) != 2
                        or not isinstance(move[1], str)):
                    raise self.fail((*path, "chance", action), f"{where}: chance action "
                                    f"'{action}' must be [probability, \"next node\"]")
                pairs.append((action, move[1]))
        else:
            self.check_keys(spec, _DECISION_KEYS, path, where)
            player = spec["player"]
            if player not in players:
                raise self.fail((*path, "player"), f"{where}: player {player!r} is not one of "
                                f"{', '.join(players)}")
            if "infoset" in spec:
                self.expect(spec["infoset"], str, (*path, "infoset"), f"{where}: 'infoset'",
                            "a label")
            moves = spec.get("actions")
            if not isinstance(moves, dict):
                raise self.fail(path, f"{where}: 'actions' must be a table: action = "
                                "\"next node\"")
            pairs = []
            for action, child in moves.items():
                if not isinstance(child, str):
                    raise self.fail((*path, "actions", action), f"{where}: action '{action}' "
                                    f"must name the next node, got {describe(child)}")
                pairs.append((action, child))
        if not pairs:
            raise self.fail(path, f"{where}: at least one action is needed")
        for action, child in pairs:
            if child not in self.data["nodes"]:
                raise self.fail(path, f"{where}: action '{action}' leads to '{child}', which is "
                                "not a node" + suggestion(child, list(self.data["nodes"])))
        return pairs

    def tree_order(self, root: str, children: Mapping[str, list[tuple[str, str]]]) -> list[str]:
        """Node names in prefix order from ``root``; refuses shared children and cycles."""
        parent_of: dict[str, str] = {}
        order: list[str] = []
        stack = [root]
        while stack:
            name = stack.pop()
            order.append(name)
            for action, child in reversed(children[name]):
                if child == root or child in parent_of:
                    first = parent_of.get(child)
                    reason = ("leads back to the root: the tree has a cycle" if first is None
                              else f"is also reached from node '{first}': each node has one "
                              "parent (copy the node under another name), and a cycle is not "
                              "allowed")
                    raise self.fail(("nodes", name), f"node '{name}': action '{action}' leads "
                                    f"to '{child}', which {reason}")
                parent_of[child] = name
                stack.append(child)
        return order

    def node_spec(self, name: str, spec: dict[str, Any], players: tuple[str, ...],
                  symbols: Mapping[str, sympy.Expr], built: Mapping[str, Spec]) -> Spec:
        path = ("nodes", name)
        where = f"node '{name}'"
        if "payoffs" in spec:
            return Terminal(self.payoffs(spec["payoffs"], players, (*path, "payoffs"), where,
                                         symbols), name=name)
        if "chance" in spec:
            return Chance({
                action: (self.formula(move[0], (*path, "chance", action),
                                      f"{where}, probability of '{action}'", symbols),
                         built[move[1]])
                for action, move in spec["chance"].items()
            }, name=name)
        return Decision(spec["player"], {action: built[child]
                                         for action, child in spec["actions"].items()},
                        infoset=spec.get("infoset"), name=name)
