"""Reading and writing games: commit-calc game files (TOML/JSON), Gambit ``.efg``/``.nfg``, and
the catalog of games shipped with the package.

>>> game = load_game("disarm-trust")
>>> game.players
('Rebels', 'Regime')
"""

from __future__ import annotations

from commit_calc.io.files import load_game, parse_game, write_game
from commit_calc.io.game_file import FORMAT, parse_game_text, read_game_file, read_header

__all__ = [
    "FORMAT",
    "load_game",
    "parse_game",
    "parse_game_text",
    "read_game_file",
    "read_header",
    "write_game",
]
