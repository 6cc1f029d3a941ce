"""The catalog: the games shipped with commit-calc, addressed by name.

The files live in the repository's top-level ``games/<group>/<name>.toml``, where a reader
looks for them; building the package copies that folder into it (``commit_calc/games``), so an
installed commit-calc finds them too. A game's name is its file's stem, and names are public.

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

_PACKAGE = Path(__file__).resolve().parent.parent


def games_directory(package: Path = _PACKAGE) -> Path:
    """The folder of the catalog's game files.

    The package's own ``games`` folder where it holds games (an installed wheel), otherwise
    the repository's top-level ``games/`` (running from the source tree, or an editable
    install), found relative to ``package`` (``<repository>/src/commit_calc``).

    Raises
    ------
    GameFileError
        Neither folder holds any game.
    """
    candidates = (package / "games", package.parent.parent / "games")
    for directory in candidates:
        if any(directory.glob("*/*.toml")):
            return directory
    raise GameFileError("the game catalog is missing: no game files in "
                        + " or ".join(str(directory) for directory in candidates))


class CatalogEntry(NamedTuple):
    """One game of the catalog: its name, title and a one-line summary."""

    name: str
    title: str
    summary: str


@lru_cache(maxsize=1)
def _paths() -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for path in sorted(games_directory().glob("*/*.toml")):
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
