"""The catalog: the games shipped with commit-calc, addressed by name.

The files live inside the package (``commit_calc/games/<group>/<name>.toml``) so that an
installed commit-calc finds them; a game's name is its file's stem, and names are public.

>>> names = [entry.name for entry in list_games()]
>>> "enforcer-reliability" in names and "prisoners-dilemma" in names
True
>>> path_of("disarm-trust").name
'disarm-trust.toml'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from commit_calc.errors import GameFileError
from commit_calc.io.game_file import GameHeader, read_header

DEFAULT_GAME = "enforcer-reliability"
"""The game commands use when none is named."""

GAMES_DIRECTORY = Path(__file__).resolve().parent.parent / "games"


class CatalogEntry(NamedTuple):
    """One game of the catalog: its name, title and a one-line summary."""

    name: str
    title: str
    summary: str


@lru_cache(maxsize=1)
def _paths() -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for path in sorted(GAMES_DIRECTORY.glob("*/*.toml")):
        if path.stem in paths:
            raise GameFileError(f"catalog name '{path.stem}' is used twice (also "
                                f"{paths[path.stem]})", path=str(path))
        paths[path.stem] = path
    return paths


def names() -> list[str]:
    """Every catalog name, grouped (reconciliation first), alphabetical within a group."""
    order = {"reconciliation": 0}
    return sorted(_paths(), key=lambda name: (order.get(_paths()[name].parent.name, 1), name))


def has_game(name: str) -> bool:
    """True when ``name`` is a catalog name."""
    return name in _paths()


def path_of(name: str) -> Path:
    """The file of catalog game ``name``.

    Raises
    ------
    GameFileError
        No game has that name; the message lists the names.
    """
    try:
        return _paths()[name]
    except KeyError:
        raise GameFileError(f"no game named '{name}' in the catalog (games: "
                            f"{', '.join(names())})") from None


def header(name: str) -> GameHeader:
    """Title, description, sources and kind of catalog game ``name``."""
    return read_header(path_of(name))


def list_games() -> list[CatalogEntry]:
    """The catalog as ``(name, title, summary)`` entries; the summary is the description's
    first sentence."""
    entries = []
    for name in names():
        info = header(name)
        entries.append(CatalogEntry(name, info.title, _first_sentence(info.description)))
    return entries


def _first_sentence(text: str) -> str:
    """The first sentence of ``text`` on one line.

    >>> _first_sentence("Rebels choose first. Then the regime.")
    'Rebels choose first.'
    """
    flat = " ".join(text.split())
    end = flat.find(". ")
    return flat if end < 0 else flat[: end + 1]
