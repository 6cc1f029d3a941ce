"""Reading commit-calc game files (TOML, or the same structure as JSON).

The format is described in ``docs/game-file-format.md`` and by the JSON schema shipped as
``commit_calc/io/schemas/game-1.json``. The structure is checked here, in code, so that no
schema library is needed at run time and every error names the file, the line where it can be
found, the key or node, and what was expected.

Examples
--------
>>> game = parse_game_text('''
... players = ["Trustor", "Trustee"]
... [parameters]
... gain = 2
... [nodes.trustor]
... player = "Trustor"
... actions = { Trust = "trustee", "No trust" = "none" }
... [nodes.trustee]
... player = "Trustee"
... actions = { Honor = "honored", Abuse = "abused" }
... [nodes.none]
... payoffs = [0, 0]
... [nodes.honored]
... payoffs = [1, 1]
... [nodes.abused]
... payoffs = [-1, "gain"]
... ''', source="trust.toml")
>>> [node.name for node in game.nodes]
['trustor', 'trustee', 'honored', 'abused', 'none']
>>> parse_game_text('players = ["A"]\\n[nodes.a]\\npayof = [1]', source="bad.toml")
Traceback (most recent call last):
...
commit_calc.errors.GameFileError: bad.toml:3: node 'a': unknown key 'payof' (did you mean \
'payoffs'?)
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sympy

from commit_calc.errors import (
    CommitCalcError,
    FormulaError,
    GameDefinitionError,
    GameFileError,
    ParameterError,
    plain_message,
)
from commit_calc.formula import parse_formula
from commit_calc.io.locate import KeyPath, line_of
from commit_calc.io.text_checks import refuse_bad_text
from commit_calc.model.extensive_form import Chance, Decision, ExtensiveFormGame, Spec, Terminal
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.parameters import Parameter, Parameters
from commit_calc.model.values import exact_number

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

Game = NormalFormGame | ExtensiveFormGame

FORMAT = "commit-calc/game/1"
"""The value of the ``format`` key of files this version reads and writes."""

MAX_FILE_BYTES = 1_000_000
"""Game files larger than this are refused before they are parsed."""

MAX_NODES = 100_000
MAX_DEFINITIONS = 200

_TOP_KEYS = ("format", "name", "title", "description", "sources", "players", "parameters",
             "definitions", "root", "nodes", "table", "repeated")
_PARAMETER_KEYS = ("value", "min", "max", "unit", "meaning", "distribution")
_DECISION_KEYS = ("player", "actions", "infoset")
_NODE_KINDS = ("player", "chance", "payoffs")
_NODE_KEYS = ("player", "actions", "infoset", "chance", "payoffs")
_TABLE_KEYS = ("strategies", "outcomes")
_OUTCOME_KEYS = ("profile", "payoffs")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class GameHeader:
    """What a game file says about itself, read without building the game."""

    name: str
    title: str
    description: str
    sources: tuple[str, ...]
    kind: str  # "extensive" or "normal"


def read_text(path: str | Path) -> str:
    """The text of a game file, refusing files above :data:`MAX_FILE_BYTES`, files that are
    not regular files (folders, devices, FIFOs) and text that is not UTF-8."""
    from commit_calc.io.bounded import read_limited

    return decode(read_limited(path, MAX_FILE_BYTES), str(path))


def decode(data: bytes, source: str) -> str:
    """UTF-8 text of ``data`` (a leading byte-order mark is dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise GameFileError("not UTF-8 text", path=source, line=line) from None


def read_game_file(path: str | Path) -> Game:
    """Read a game from a ``.toml`` or ``.json`` game file (``.efg``/``.nfg``: Gambit).

    The game's ``name`` defaults to the file's stem.

    Raises
    ------
    GameFileError
        The file cannot be read, or its syntax, structure or a formula is wrong; the message
        starts with ``path:line:``.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in (".efg", ".nfg"):
        from commit_calc.io import gambit

        return gambit.read_gambit_file(file)
    if suffix not in (".toml", ".json"):
        raise GameFileError(
            f"unknown file type {file.suffix!r} (expected .toml, .json, .efg or .nfg)",
            path=str(path),
        )
    return parse_game_text(read_text(file), syntax=suffix[1:], source=str(path), name=file.stem)


def parse_game_text(
    text: str, *, syntax: str = "toml", source: str = "<string>", name: str = ""
) -> Game:
    """Build a game from the text of a game file (``syntax`` is ``"toml"`` or ``"json"``)."""
    document = _Document.parse(text, syntax, source)
    return document.game(name)


def read_header(path: str | Path) -> GameHeader:
    """The name, title, description, sources and kind of a ``.toml``/``.json`` game file."""
    file = Path(path)
    document = _Document.parse(read_text(file), file.suffix.lower()[1:], str(path))
    return document.header(file.stem)


def _repeated(names: Sequence[str]) -> str | None:
    """The first name given twice, if any."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            return name
        seen.add(name)
    return None


def _suggest(key: str, allowed: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (expected one of: {', '.join(allowed)})"


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object, refusing a key given twice (TOML refuses it too)."""
    table: dict[str, object] = {}
    for key, value in pairs:
        if key in table:
            raise ValueError(f"key '{key}' appears twice in one object")
        table[key] = value
    return table


def _reason(error: Exception) -> str:
    if isinstance(error, RecursionError | MemoryError):
        return "nested too deeply"
    if "integer string conversion" in str(error):  # Python's own limit, not the user's
        return "a number has more than 4300 digits"
    return str(error) or type(error).__name__


def _describe(value: object) -> str:
    kinds = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "an array", dict: "a table"}
    return kinds.get(type(value), type(value).__name__)


class _Document:
    """A parsed game file and the means to report errors at the right line."""

    def __init__(self, data: dict[str, Any], text: str, source: str):
        self.data = data
        self.text = text
        self.source = source

    @classmethod
    def parse(cls, text: str, syntax: str, source: str) -> _Document:
        if len(text) > MAX_FILE_BYTES:
            raise GameFileError(f"text larger than the {MAX_FILE_BYTES}-character limit",
                                path=source)
        if syntax == "toml":
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as error:
                message = str(error)
                match = re.search(r"\(at line (\d+), column \d+\)|\(at end of document\)",
                                  message)
                line = None
                if match:
                    line = int(match.group(1)) if match.group(1) else max(1, len(text.splitlines()))
                reason = message[: match.start()].strip() if match else message
                raise GameFileError(f"not valid TOML: {reason}", path=source, line=line) from None
            except (RecursionError, MemoryError, ValueError) as error:
                raise GameFileError(f"not valid TOML: {_reason(error)}", path=source) from None
        elif syntax == "json":
            try:
                data = json.loads(text, object_pairs_hook=_unique_keys)
            except json.JSONDecodeError as error:
                raise GameFileError(f"not valid JSON: {error.msg} (column {error.colno})",
                                    path=source, line=error.lineno) from None
            except (RecursionError, MemoryError, ValueError) as error:
                raise GameFileError(f"not valid JSON: {_reason(error)}", path=source) from None
            if not isinstance(data, dict):
                raise GameFileError("a game file holds one JSON object", path=source, line=1)
        else:
            raise GameFileError(f"unknown syntax {syntax!r} (expected toml or json)", path=source)
        refuse_bad_text(data, text, source)
        return cls(data, text, source)

    # Errors -----------------------------------------------------------------------------------

    def fail(self, path: KeyPath, message: str) -> GameFileError:
        return GameFileError(message, path=self.source, line=line_of(self.text, path))

    def expect(self, value: object, kind: type | tuple[type, ...], path: KeyPath,
               where: str, expected: str) -> None:
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise self.fail(path, f"{where}: expected {expected}, got {_describe(value)}")

    def check_keys(self, table: Mapping[str, Any], allowed: Sequence[str], path: KeyPath,
                   where: str) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail((*path, key), f"{where}: unknown key '{key}'"
                                + _suggest(key, allowed))

    # Header -----------------------------------------------------------------------------------

    def text_field(self, key: str) -> str:
        value = self.data.get(key, "")
        self.expect(value, str, (key,), f"'{key}'", "text")
        return str(value)

    def header(self, default_name: str) -> GameHeader:
        self.check_keys(self.data, _TOP_KEYS, (), "game file")
        version = self.data.get("format", FORMAT)
        if version != FORMAT:
            raise self.fail(("format",), f"'format': {version!r} is not a format this version "
                            f"reads (expected {FORMAT!r})")
        sources = self.data.get("sources", [])
        self.expect(sources, list, ("sources",), "'sources'", "an array of text")
        for source in sources:
            self.expect(source, str, ("sources",), "'sources'", "an array of text")
        has_nodes, has_table = "nodes" in self.data, "table" in self.data
        if not has_nodes and not has_table and "repeated" in self.data:
            raise self.fail(("repeated",), "a repeated game over another file's stage game: "
                            "read it with `commit-calc repeated` (commit_calc.io.load_repeated)")
        if has_nodes == has_table:
            raise self.fail((), "game file: give either [nodes] (a game tree) or [table] (a "
                            "normal-form game), " + ("not both" if has_nodes else "found neither"))
        return GameHeader(
            name=self.text_field("name") or default_name,
            title=self.text_field("title"),
            description=self.text_field("description").strip(),
            sources=tuple(sources),
            kind="extensive" if has_nodes else "normal",
        )

    # The game ---------------------------------------------------------------------------------

    def game(self, default_name: str) -> Game:
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

    def located(self, error: CommitCalcError) -> GameFileError:
        """A model error as a file error, at the line of the node it names (if it names one):
        the line of the payoff or chance probability it names, else of the node's header."""
        message = plain_message(str(error))
        match = re.search(r"node '([^']+)'(?:[,:] (payoff|probability) of '([^']+)')?", message)
        path: KeyPath = ()
        if match:
            name, kind, label = match.groups()
            path = ("nodes", name)
            if kind == "payoff":
                path = (*path, "payoffs")
            elif kind == "probability":
                path = (*path, "chance", label)
        line = line_of(self.text, path) if path else None
        return GameFileError(message, path=self.source, line=line)

    def players(self) -> tuple[str, ...]:
        players = self.data.get("players")
        if players is None:
            raise self.fail((), "game file: 'players' is missing (e.g. players = [\"Rebels\", "
                            "\"Regime\"])")
        self.expect(players, list, ("players",), "'players'", "an array of names")
        for player in players:
            if not isinstance(player, str) or not player.strip():
                raise self.fail(("players",), f"'players': {player!r} is not a name")
        repeated = _repeated(players)
        if repeated is not None:
            raise self.fail(("players",), f"'players': '{repeated}' is given twice")
        if not players:
            raise self.fail(("players",), "'players': at least one player is needed")
        return tuple(players)

    def parameters(self) -> Parameters:
        table = self.data.get("parameters", {})
        self.expect(table, dict, ("parameters",), "'parameters'", "a table")
        items = []
        for name, spec in table.items():
            path = ("parameters", name)
            where = f"parameter '{name}'"
            if not isinstance(spec, dict):
                spec = {"value": spec}
            self.check_keys(spec, _PARAMETER_KEYS, path, where)
            numbers = {}
            for key in ("value", "min", "max"):
                if key in spec:
                    value = spec[key]
                    if isinstance(value, bool) or not isinstance(value, int | float | str):
                        raise self.fail((*path, key), f"{where}: '{key}' must be a number "
                                        f"(250, 0.5 or \"1/2\"), got {_describe(value)}")
                    try:
                        numbers[key] = exact_number(value, what=f"{where} '{key}'")
                    except CommitCalcError as error:
                        raise self.fail((*path, key), str(error)) from None
            for key in ("unit", "meaning", "distribution"):
                self.expect(spec.get(key, ""), str, (*path, key), f"{where}: '{key}'", "text")
            try:
                items.append(Parameter(
                    name, default=numbers.get("value"), lower=numbers.get("min"),
                    upper=numbers.get("max"), unit=spec.get("unit", ""),
                    meaning=spec.get("meaning", ""), distribution=spec.get("distribution", ""),
                ))
            except CommitCalcError as error:
                raise self.fail(path, plain_message(str(error))) from None
            if items[-1].distribution:
                from commit_calc.uncertainty.distributions import parse_distribution

                text = items[-1].distribution
                try:
                    parse_distribution(text, name, numbers.get("min"), numbers.get("max"),
                                       where=f"{where}: distribution '{text}'")
                except CommitCalcError as error:
                    raise self.fail((*path, "distribution"), plain_message(str(error))
                                    ) from None
        return Parameters(tuple(items))

    def definitions(self, parameters: Parameters) -> dict[str, sympy.Expr]:
        """The names formulas may use: parameters, then shorthands defined from them."""
        symbols: dict[str, sympy.Expr] = dict(parameters.symbols)
        table = self.data.get("definitions", {})
        self.expect(table, dict, ("definitions",), "'definitions'", "a table")
        if len(table) > MAX_DEFINITIONS:
            raise self.fail(("definitions",), f"'definitions': more than {MAX_DEFINITIONS}")
        for name, text in table.items():
            path = ("definitions", name)
            where = f"definition '{name}'"
            if not _NAME.match(name) or name in ("min", "max"):
                raise self.fail(path, f"{where}: a name is letters, digits and underscores")
            if name in symbols:
                raise self.fail(path, f"{where}: the name is already a parameter or definition")
            symbols[name] = self.formula(text, path, where, symbols)
        return symbols

    def formula(self, value: object, path: KeyPath, where: str,
                symbols: Mapping[str, sympy.Expr]) -> sympy.Expr:
        if isinstance(value, str):
            try:
                return parse_formula(value, symbols)
            except FormulaError as error:
                raise self.fail(path, f"{where}: {error}") from None
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                return exact_number(value, what=where)
            except CommitCalcError as error:
                raise self.fail(path, str(error)) from None
        raise self.fail(path, f"{where}: expected a number or a formula in quotes, got "
                        f"{_describe(value)}")

    def payoffs(self, value: object, players: tuple[str, ...], path: KeyPath, where: str,
                symbols: Mapping[str, sympy.Expr]) -> tuple[sympy.Expr, ...]:
        """Payoffs as an array (one per player, in order) or a table keyed by player."""
        if isinstance(value, dict):
            missing = [p for p in players if p not in value]
            extra = [key for key in value if key not in players]
            if extra:
                raise self.fail((*path, extra[0]), f"{where}: '{extra[0]}' is not a player"
                                + _suggest(extra[0], players))
            if missing:
                raise self.fail(path, f"{where}: no payoff for {', '.join(missing)}")
            return tuple(self.formula(value[p], (*path, p), f"{where}, payoff of '{p}'", symbols)
                         for p in players)
        if not isinstance(value, list):
            raise self.fail(path, f"{where}: payoffs must be an array with one entry per player "
                            f"or a table by player, got {_describe(value)}")
        if len(value) != len(players):
            raise self.fail(path, f"{where}: {len(value)} payoffs for {len(players)} players "
                            f"({', '.join(players)})")
        return tuple(self.formula(v, path, f"{where}, payoff of '{p}'", symbols)
                     for p, v in zip(players, value))

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
                                + _suggest(key, players))
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
            repeated = _repeated(given)
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
                            + _suggest(root, list(nodes)))
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
                                    f"must name the next node, got {_describe(child)}")
                pairs.append((action, child))
        if not pairs:
            raise self.fail(path, f"{where}: at least one action is needed")
        for action, child in pairs:
            if child not in self.data["nodes"]:
                raise self.fail(path, f"{where}: action '{action}' leads to '{child}', which is "
                                "not a node" + _suggest(child, list(self.data["nodes"])))
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
