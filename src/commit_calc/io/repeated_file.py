"""Reading repeated games: a game file's ``[repeated]`` section (see
``docs/game-file-format.md``), or any game as the stage game of a repeated game.

The stage game is the file's own ``[nodes]`` or ``[table]``, or another game named by
``stage`` (a catalog name, or a path relative to the file). A game without a ``[repeated]``
section is repeated with every player long-lived and a new parameter ``discount``.

>>> game = load_repeated("reconciliation-cohorts")
>>> game.discount, str(game.continuation), dict(game.lifetimes)
('discount', 'continuation', {'Rebels': 'short', 'Regime': 'long'})
>>> parse_repeated_text('players = ["A", "B"]\\n[repeated]\\nstage = "prisoners-dilemma"\\n'
...                     'discont = "d"', source="r.toml")
Traceback (most recent call last):
...
commit_calc.errors.GameFileError: r.toml:4: [repeated]: unknown key 'discont' (did you mean \
'discount'?)
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import sympy

from commit_calc.errors import CommitCalcError, GameFileError, plain_message
from commit_calc.io.game_builder import GameBuilder
from commit_calc.io.game_file import (
    MAX_FILE_BYTES,
    decode,
    parse_game_text,
    read_text,
)
from commit_calc.io.locate import KeyPath
from commit_calc.model.parameters import Parameters
from commit_calc.repeated.automaton import MAX_STATES, Automaton
from commit_calc.repeated.model import RepeatedGame
from commit_calc.repeated.stage import Stage, StageGame

_KEYS = ("stage", "discount", "continuation", "lifetimes", "cooperate", "punish", "strategy",
         "automata")
_STAGE_FILE_KEYS = ("format", "name", "title", "description", "sources", "parameters",
                    "repeated")
_AUTOMATON_KEYS = ("description", "states")
_STATE_KEYS = ("play", "transitions")
_RULE_KEYS = ("when", "to")


def load_repeated(spec: str, *, discount: object = None,
                  stdin: IO[bytes] | None = None) -> RepeatedGame:
    """The repeated game ``spec`` names: a catalog name, a file path, or ``"-"`` (standard
    input). A game without a ``[repeated]`` section is its stage game, every player
    long-lived, with a parameter ``discount`` (default ``discount``, else 9/10).

    Raises
    ------
    GameFileError
        No such game or file, or the file is not a valid (repeated) game.
    """
    from commit_calc.io import catalog
    from commit_calc.io.files import load_game, parse_game

    if spec == "-":
        if stdin is None and sys.stdin is None:
            raise GameFileError("standard input is closed: nothing to read", path="<stdin>")
        from commit_calc.io.bounded import read_stream_limited

        stream = stdin if stdin is not None else sys.stdin.buffer
        text = decode(read_stream_limited(stream, MAX_FILE_BYTES, "<stdin>"), "<stdin>")
        if text.lstrip().startswith(("EFG", "NFG")):
            return _plain(parse_game(text, source="<stdin>"), discount)
        syntax = "json" if text.lstrip().startswith("{") else "toml"
        return parse_repeated_text(text, syntax=syntax, source="<stdin>", discount=discount)
    path: Path | None = None
    if catalog.has_game(spec) and not spec.lower().endswith((".toml", ".json")):
        path = catalog.path_of(spec)
    elif spec.lower().endswith((".toml", ".json")) and Path(spec).is_file():
        path = Path(spec)
    if path is None:
        return _plain(load_game(spec), discount)
    return parse_repeated_text(read_text(path), syntax=path.suffix.lower()[1:],
                               source=str(spec if path.name == spec else path),
                               name=path.stem, folder=path.parent, discount=discount)


def parse_repeated_text(text: str, *, syntax: str = "toml", source: str = "<string>",
                        name: str = "", folder: Path | None = None,
                        discount: object = None) -> RepeatedGame:
    """A repeated game from the text of a game file (see :func:`load_repeated`)."""
    document = GameBuilder.parse(text, syntax, source)
    if "repeated" not in document.data:
        return _plain(parse_game_text(text, syntax=syntax, source=source, name=name), discount)
    return _Reader(document, name, folder or Path.cwd()).game(discount)


def _plain(game: StageGame, discount: object) -> RepeatedGame:
    try:
        return RepeatedGame.over(game, discount=discount)
    except CommitCalcError as error:
        raise GameFileError(plain_message(str(error)), path=game.name or None) from None


class _Reader:
    def __init__(self, document: GameBuilder, name: str, folder: Path) -> None:
        self.document = document
        self.name = name
        self.folder = folder
        self.section: dict[str, Any] = document.data["repeated"]

    def fail(self, path: KeyPath, message: str) -> GameFileError:
        return self.document.fail(("repeated", *path), message)

    def game(self, discount: object) -> RepeatedGame:
        document, section = self.document, self.section
        document.expect(section, dict, ("repeated",), "[repeated]", "a table")
        document.check_keys(section, _KEYS, ("repeated",), "[repeated]")
        header = document.header(self.name) if "stage" not in section else None
        stage, parameters = self.stage_game()
        if discount is not None:
            parameters = _with_default(parameters, self.text("discount", "discount"), discount,
                                       self)
        symbols = parameters.symbols
        continuation = document.formula(section.get("continuation", 1),
                                        ("repeated", "continuation"),
                                        "[repeated] continuation", symbols)
        strategy = self.text("strategy", "grim-trigger")
        title = document.text_field("title") or (header.title if header else stage.title)
        automata = self.automata()
        for name, automaton in automata.items():
            try:
                automaton.check(Stage(stage))
            except CommitCalcError as error:
                raise self.fail(("automata", name), plain_message(str(error))) from None
        try:
            return RepeatedGame(
                stage, parameters, discount=self.text("discount", "discount"),
                continuation=continuation, lifetimes=self.players_table("lifetimes", stage),
                cooperate=self.players_table("cooperate", stage),
                punish=self.players_table("punish", stage), automata=automata,
                strategy=strategy, name=document.text_field("name") or self.name, title=title,
                description=document.text_field("description").strip(),
                sources=tuple(document.data.get("sources", ())))
        except CommitCalcError as error:
            raise self.fail((), plain_message(str(error))) from None

    def text(self, key: str, default: str) -> str:
        value = self.section.get(key, default)
        self.document.expect(value, str, ("repeated", key), f"[repeated] {key}", "text")
        return str(value)

    def stage_game(self) -> tuple[StageGame, Parameters]:
        """The stage game and the parameters of the repeated game."""
        document = self.document
        if "stage" not in self.section:
            game = document.game(self.name)
            return game, game.parameters
        for key in document.data:
            if key not in _STAGE_FILE_KEYS:
                raise document.fail((key,), f"'{key}': a file whose [repeated] stage names "
                                    "another game holds only parameters (the stage game's "
                                    "players and payoffs are in that game)")
        from commit_calc.io.files import load_game

        spec = self.text("stage", "")
        relative = self.folder / spec
        try:
            game = load_game(str(relative) if relative.is_file() else spec)
        except CommitCalcError as error:
            raise self.fail(("stage",), f"[repeated] stage '{spec}': "
                            f"{plain_message(str(error))}") from None
        own = document.parameters()
        for parameter in own:
            if parameter.name in game.parameters:
                raise document.fail(("parameters", parameter.name), f"parameter "
                                    f"'{parameter.name}' is already a parameter of the stage "
                                    "game")
        return game, Parameters((*game.parameters.items, *own.items))

    def players_table(self, key: str, stage: StageGame) -> dict[str, str]:
        table = self.section.get(key, {})
        where = f"[repeated] {key}"
        self.document.expect(table, dict, ("repeated", key), where, "a table by player")
        for player, value in table.items():
            if player not in stage.players:
                raise self.fail((key, player), f"{where}: '{player}' is not a player "
                                f"({', '.join(stage.players)})")
            self.document.expect(value, str, ("repeated", key, player),
                                 f"{where} of '{player}'", "text")
        return dict(table)

    def automata(self) -> dict[str, Automaton]:
        table = self.section.get("automata", {})
        self.document.expect(table, dict, ("repeated", "automata"), "[repeated] automata",
                             "a table of named automata")
        return {name: self.automaton(name, spec) for name, spec in table.items()}

    def automaton(self, name: str, spec: object) -> Automaton:
        document = self.document
        path: KeyPath = ("repeated", "automata", name)
        where = f"automaton '{name}'"
        document.expect(spec, dict, path, where, "a table with 'states'")
        assert isinstance(spec, dict)
        document.check_keys(spec, _AUTOMATON_KEYS, path, where)
        states = spec.get("states")
        if not isinstance(states, dict) or not states:
            raise document.fail(path, f"{where}: 'states' must be a table of states, e.g. "
                                "[repeated.automata.NAME.states.peace]")
        if len(states) > MAX_STATES:
            raise document.fail(path, f"{where}: more than {MAX_STATES} states")
        play: dict[str, Mapping[str, object]] = {}
        rules: dict[str, list[tuple[Mapping[str, str], str]]] = {}
        for state, body in states.items():
            at: KeyPath = (*path, "states", state)
            document.expect(body, dict, at, f"{where}, state '{state}'", "a table")
            document.check_keys(body, _STATE_KEYS, at, f"{where}, state '{state}'")
            actions = body.get("play")
            document.expect(actions, dict, (*at, "play"), f"{where}, state '{state}': 'play'",
                            "a table: player = action")
            play[state] = actions
            moves = body.get("transitions", [])
            document.expect(moves, list, (*at, "transitions"),
                            f"{where}, state '{state}': 'transitions'",
                            "an array of { when = {...}, to = \"state\" }")
            rules[state] = [self.rule(move, (*at, "transitions", k),
                                      f"{where}, state '{state}', transition {k + 1}")
                            for k, move in enumerate(moves)]
        description = spec.get("description", "")
        document.expect(description, str, (*path, "description"), f"{where}: 'description'",
                        "text")
        try:
            return Automaton.build(name, play, rules, description)  # type: ignore[arg-type]
        except CommitCalcError as error:
            raise document.fail(path, plain_message(str(error))) from None

    def rule(self, move: object, path: KeyPath, where: str) -> tuple[Mapping[str, str], str]:
        document = self.document
        document.expect(move, dict, path, where, "a table { when = {...}, to = \"state\" }")
        assert isinstance(move, dict)
        document.check_keys(move, _RULE_KEYS, path, where)
        when = move.get("when", {})
        document.expect(when, dict, (*path, "when"), f"{where}: 'when'",
                        "a table: player = action")
        for player, action in when.items():
            document.expect(action, str, (*path, "when"), f"{where}: action of '{player}'",
                            "text")
        to = move.get("to")
        document.expect(to, str, path, f"{where}: 'to'", "the name of a state")
        return dict(when), str(to)


def _with_default(parameters: Parameters, name: str, value: object,
                  reader: _Reader) -> Parameters:
    """``parameters`` with the default of ``name`` replaced by ``value``."""
    from dataclasses import replace

    try:
        old = parameters[name]
        new = replace(old, default=sympy.Rational(old.check(value)))
    except CommitCalcError as error:
        raise reader.fail(("discount",), plain_message(str(error))) from None
    return Parameters(tuple(new if p.name == name else p for p in parameters))
