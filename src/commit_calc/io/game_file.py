"""Reading commit-calc game files (TOML, or the same structure as JSON).

The format is described in ``docs/game-file-format.md`` and by the JSON schema shipped as
``commit_calc/io/schemas/game-1.json``. The structure is checked in code
(:mod:`.game_document`: syntax, header, parameters, formulas; :mod:`.game_builder`: the table
or tree), so that no schema library is needed at run time and every error names the file,
the line where it can be found, the key or node, and what was expected.

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

import sys
from pathlib import Path

from commit_calc.errors import GameFileError
from commit_calc.io.game_builder import MAX_NODES, Game, GameBuilder
from commit_calc.io.game_document import (
    FORMAT,
    MAX_DEFINITIONS,
    MAX_FILE_BYTES,
    GameDocument,
    GameHeader,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["FORMAT", "MAX_DEFINITIONS", "MAX_FILE_BYTES", "MAX_NODES", "Game", "GameHeader",
           "decode", "parse_game_text", "read_game_file", "read_header", "read_text", "tomllib"]


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
    document = GameBuilder.parse(text, syntax, source)
    return document.game(name)


def read_header(path: str | Path) -> GameHeader:
    """The name, title, description, sources and kind of a ``.toml``/``.json`` game file."""
    file = Path(path)
    document = GameDocument.parse(read_text(file), file.suffix.lower()[1:], str(path))
    return document.header(file.stem)
