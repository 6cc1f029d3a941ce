"""One entry point for loading a game from anywhere, and one for writing it anywhere."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from commit_calc.errors import GameFileError
from commit_calc.io import gambit
from commit_calc.io.atomic import write_atomic
from commit_calc.io.bounded import read_stream_limited
from commit_calc.io.game_file import MAX_FILE_BYTES, decode, parse_game_text, read_game_file
from commit_calc.io.game_writer import game_to_json, game_to_toml
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame

Game = NormalFormGame | ExtensiveFormGame

_SUFFIXES = (".toml", ".json", ".efg", ".nfg")


def load_game(spec: str, *, stdin: IO[bytes] | None = None) -> Game:
    """The game ``spec`` names: a catalog name, a file path, or ``"-"`` for standard input.

    A spec ending in ``.toml``, ``.json``, ``.efg`` or ``.nfg``, or containing a path
    separator, is a path; anything else is looked up in the catalog first (see
    :mod:`commit_calc.io.catalog`), then as a path. On standard input the format is told from
    the text (see :func:`parse_game`).

    >>> load_game("enforcer-reliability").title
    'Reconciliation with an enforcer of uncertain reliability'

    Raises
    ------
    GameFileError
        No such game or file, or the file is not a valid game.
    """
    if spec == "-":
        if stdin is None and sys.stdin is None:  # started with standard input closed (<&-)
            raise GameFileError("standard input is closed: nothing to read", path="<stdin>")
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = read_stream_limited(stream, MAX_FILE_BYTES, "<stdin>")
        return parse_game(decode(data, "<stdin>"), source="<stdin>")
    from commit_calc.io import catalog

    looks_like_path = spec.lower().endswith(_SUFFIXES) or "/" in spec or "\\" in spec
    if not looks_like_path and catalog.has_game(spec):
        return read_game_file(catalog.path_of(spec))
    path = Path(spec)
    if path.is_symlink() and not path.exists():
        raise GameFileError("a link that leads to no file (a broken link, or links in a loop)",
                            path=spec)
    if not path.exists():
        close = [] if looks_like_path else difflib.get_close_matches(spec, catalog.names(), 1)
        hint = ("" if looks_like_path else f" (did you mean '{close[0]}'?)" if close
                else " (`commit-calc games` lists the catalog)")
        raise GameFileError(f"no such file, and no game of that name in the catalog{hint}",
                            path=spec)
    return read_game_file(path)


def parse_game(text: str, *, source: str = "<string>", name: str = "") -> Game:
    """A game from text in any format we read, told apart by its first characters:
    ``EFG``/``NFG`` (Gambit), ``{`` (JSON), anything else TOML."""
    start = text.lstrip()
    if start.startswith(("EFG", "NFG")):
        return gambit.parse_gambit(text, source=source, name=name)
    syntax = "json" if start.startswith("{") else "toml"
    return parse_game_text(text, syntax=syntax, source=source, name=name)


def write_game(game: Game, path: str | Path,
               values: Mapping[str, object] | None = None) -> None:
    """Write ``game`` to ``path`` in the format its suffix names.

    ``.efg`` and ``.nfg`` (Gambit) hold numbers only, so parameters take ``values`` or their
    defaults; ``.toml`` and ``.json`` keep the parameters, with those in ``values`` fixed.
    The file is written atomically (see :func:`commit_calc.io.atomic.write_atomic`).
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".efg":
        text = gambit.format_efg(_tree(game, path), values)
    elif suffix == ".nfg":
        if not isinstance(game, NormalFormGame):
            raise GameFileError("a game tree cannot be written as an .nfg table (write .efg, "
                                "or reduce it to normal form first)", path=str(path))
        text = gambit.format_nfg(game, values)
    elif suffix in (".toml", ".json"):
        fixed = game.substitute(values) if values else game
        text = game_to_toml(fixed) if suffix == ".toml" else game_to_json(fixed)
    else:
        raise GameFileError(f"unknown file type {Path(path).suffix!r} (expected one of "
                            f"{', '.join(_SUFFIXES)})", path=str(path))
    write_atomic(path, text)


def _tree(game: Game, path: str | Path) -> ExtensiveFormGame:
    if not isinstance(game, ExtensiveFormGame):
        raise GameFileError("a game table cannot be written as an .efg tree (write .nfg)",
                            path=str(path))
    return game
