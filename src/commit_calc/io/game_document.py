"""A parsed game file (TOML or JSON): errors at the right line, the header, players,
parameters, definitions and formulas; :mod:`.game_builder` builds the table or tree from it,
and :mod:`.game_file` reads files."""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import sympy

from commit_calc.errors import CommitCalcError, FormulaError, GameFileError, plain_message
from commit_calc.formula import parse_formula
from commit_calc.io.locate import KeyPath, line_of
from commit_calc.io.text_checks import refuse_bad_text
from commit_calc.model.parameters import Parameter, Parameters
from commit_calc.model.values import exact_number

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

FORMAT = "commit-calc/game/1"
"""The value of the ``format`` key of files this version reads and writes."""

MAX_FILE_BYTES = 1_000_000
"""Game files larger than this are refused before they are parsed."""

MAX_DEFINITIONS = 200
"""At most this many shorthands in a file's [definitions]."""

_TOP_KEYS = ("format", "name", "title", "description", "sources", "players", "parameters",
             "definitions", "root", "nodes", "table", "repeated")
_PARAMETER_KEYS = ("value", "min", "max", "unit", "meaning", "distribution")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

Document = TypeVar("Document", bound="GameDocument")


@dataclass(frozen=True)
class GameHeader:
    """What a game file says about itself, read without building the game."""

    name: str
    title: str
    description: str
    sources: tuple[str, ...]
    kind: str  # "extensive" or "normal"


def repeated_name(names: Sequence[str]) -> str | None:
    """The first name given twice, if any."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            return name
        seen.add(name)
    return None


def suggestion(key: str, allowed: Sequence[str]) -> str:
    """A hint after an unknown ``key``: the closest allowed name, else all of them."""
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
    """Why a parser gave up, in the user's words."""
    if isinstance(error, RecursionError | MemoryError):
        return "nested too deeply"
    if "integer string conversion" in str(error):  # Python's own limit, not the user's
        return "a number has more than 4300 digits"
    return str(error) or type(error).__name__


def describe(value: object) -> str:
    """What kind of value ``value`` is, in a game file's words ("a number", "a table")."""
    kinds = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "an array", dict: "a table"}
    return kinds.get(type(value), type(value).__name__)


class GameDocument:
    """A parsed game file and the means to report errors at the right line: its header,
    players, parameters, definitions and formulas (:class:`.GameBuilder` builds the game)."""

    def __init__(self, data: dict[str, Any], text: str, source: str):
        self.data = data
        self.text = text
        self.source = source

    @classmethod
    def parse(cls: type[Document], text: str, syntax: str, source: str) -> Document:
        """Parse ``text`` as TOML or JSON (``syntax``), refusing oversized and hostile text."""
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
            raise self.fail(path, f"{where}: expected {expected}, got {describe(value)}")

    def check_keys(self, table: Mapping[str, Any], allowed: Sequence[str], path: KeyPath,
                   where: str) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail((*path, key), f"{where}: unknown key '{key}'"
                                + suggestion(key, allowed))

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
        repeated = repeated_name(players)
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
                                        f"(250, 0.5 or \"1/2\"), got {describe(value)}")
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
                        f"{describe(value)}")

    def payoffs(self, value: object, players: tuple[str, ...], path: KeyPath, where: str,
                symbols: Mapping[str, sympy.Expr]) -> tuple[sympy.Expr, ...]:
        """Payoffs as an array (one per player, in order) or a table keyed by player."""
        if isinstance(value, dict):
            missing = [p for p in players if p not in value]
            extra = [key for key in value if key not in players]
            if extra:
                raise self.fail((*path, extra[0]), f"{where}: '{extra[0]}' is not a player"
                                + suggestion(extra[0], players))
            if missing:
                raise self.fail(path, f"{where}: no payoff for {', '.join(missing)}")
            return tuple(self.formula(value[p], (*path, p), f"{where}, payoff of '{p}'", symbols)
                         for p in players)
        if not isinstance(value, list):
            raise self.fail(path, f"{where}: payoffs must be an array with one entry per player "
                            f"or a table by player, got {describe(value)}")
        if len(value) != len(players):
            raise self.fail(path, f"{where}: {len(value)} payoffs for {len(players)} players "
                            f"({', '.join(players)})")
        return tuple(self.formula(v, path, f"{where}, payoff of '{p}'", symbols)
                     for p, v in zip(players, value))
