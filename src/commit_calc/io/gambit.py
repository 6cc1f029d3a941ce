"""Gambit's ``.efg`` (game tree) and ``.nfg`` (game table) files, read leniently and written
conservatively.

Reading follows Gambit's own parser (``src/games/file.cc``): commas between payoffs are
optional, numbers may be integers, decimals (``.5``), rationals (``3/4``) or carry exponents
(``1e-3``), all read exactly; an information set's actions, and an outcome's name and payoffs,
need only be given where they first appear; outcomes may sit on non-terminal nodes (their
payoffs add up along the path); ``t "" 0`` is a terminal node without payoffs (all zero); and
``.nfg`` files come in the payoff version (a list of payoffs) and the outcome version (outcomes,
then one outcome number per profile), in both cases with player 1's strategy varying fastest.
Empty or repeated labels are renamed as Gambit renames them (``""`` becomes ``"_1"``, a second
``"x"`` becomes ``"x_2"``).

Writing is conservative: exact numbers (``3/4``), every node in prefix order with its
information set's actions written out, payoffs only on terminal nodes (one outcome each), and
a parametric game is written with its parameters' values substituted.

Files larger than :data:`MAX_GAMBIT_BYTES` are refused before they are read; raise the limit
for one call with ``max_bytes=``, or for every command with the environment variable
``COMMIT_CALC_MAX_GAMBIT_BYTES`` (see :func:`gambit_byte_limit`). The parts: tokens
(:mod:`~commit_calc.io.gambit_tokens`), trees (:mod:`~commit_calc.io.gambit_efg`, with its fast
one-node-per-line reader :mod:`~commit_calc.io.gambit_efg_lines`), tables
(:mod:`~commit_calc.io.gambit_nfg`) and writing (:mod:`~commit_calc.io.gambit_write`).

Examples
--------
>>> game = parse_efg('''EFG 2 R "Trust" { "Trustor" "Trustee" }
... p "" 1 1 "" { "Trust" "No trust" } 0
... p "" 2 1 "" { "Honor" "Abuse" } 0
... t "" 1 "honored" { 1 1 }
... t "" 2 "abused" { -1, 2 }
... t "" 3 "" { 0 0 }
... ''')
>>> game.path(game.node("abused")), game.node("abused").payoffs
(('Trust', 'Abuse'), (-1, 2))
>>> print(format_nfg(parse_nfg('NFG 1 R "" { "A" "B" } { 2 1 } 1 2 3 4')), end="")
NFG 1 R "" { "A" "B" } { { "1" "2" } { "1" } }
<BLANKLINE>
1 2
3 4
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from commit_calc.errors import GameFileError
from commit_calc.io.atomic import write_atomic
from commit_calc.io.bounded import read_limited
from commit_calc.io.gambit_efg import parse_efg
from commit_calc.io.gambit_nfg import parse_nfg
from commit_calc.io.gambit_tokens import MAX_EXPONENT_DIGITS, MAX_PROFILES, normalize_labels
from commit_calc.io.gambit_write import format_efg, format_nfg
from commit_calc.io.game_file import decode
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame

Game = NormalFormGame | ExtensiveFormGame

MAX_GAMBIT_BYTES = 1_000_000
"""Gambit files larger than this are refused before they are parsed, unless the limit is
raised (a file may come from anyone; a tree of 1 MB takes a second or two to read and solve)."""

LIMIT_VARIABLE = "COMMIT_CALC_MAX_GAMBIT_BYTES"
"""The environment variable that raises (or lowers) :data:`MAX_GAMBIT_BYTES` for every read."""

__all__ = [
    "LIMIT_VARIABLE",
    "MAX_EXPONENT_DIGITS",
    "MAX_GAMBIT_BYTES",
    "MAX_PROFILES",
    "format_efg",
    "format_nfg",
    "gambit_byte_limit",
    "normalize_labels",
    "parse_efg",
    "parse_gambit",
    "parse_nfg",
    "read_efg",
    "read_gambit_file",
    "read_nfg",
    "write_efg",
    "write_nfg",
]


def gambit_byte_limit() -> int:
    """The size limit on Gambit files: ``COMMIT_CALC_MAX_GAMBIT_BYTES`` if set (a whole
    number of bytes, ``_`` allowed as in ``5_000_000``), else :data:`MAX_GAMBIT_BYTES`.

    >>> gambit_byte_limit() == MAX_GAMBIT_BYTES or LIMIT_VARIABLE in os.environ
    True
    """
    text = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not text:
        return MAX_GAMBIT_BYTES
    digits = text.replace("_", "")
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 15 and int(digits) > 0):
        raise GameFileError(f"{LIMIT_VARIABLE}={text[:40]!r} is not a positive whole number "
                            "of bytes", path="environment")
    return int(digits)


def _read(path: str | Path, max_bytes: int | None) -> str:
    limit = gambit_byte_limit() if max_bytes is None else max_bytes
    try:
        data = read_limited(path, limit)
    except GameFileError as error:
        if "-byte limit" not in error.detail:
            raise
        raise GameFileError(f"{error.detail} for Gambit files; to read it anyway, raise the "
                            f"limit: {LIMIT_VARIABLE}=<bytes> commit-calc ...",
                            path=str(path)) from None
    return decode(data, str(path))


def read_efg(path: str | Path, *, max_bytes: int | None = None) -> ExtensiveFormGame:
    """Read a Gambit ``.efg`` file; the game's name is the file's stem.

    Files above ``max_bytes`` (default: :func:`gambit_byte_limit`) are refused.
    """
    return parse_efg(_read(path, max_bytes), source=str(path), name=Path(path).stem)


def read_nfg(path: str | Path, *, max_bytes: int | None = None) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file; the game's name is the file's stem (size limit as for
    :func:`read_efg`)."""
    return parse_nfg(_read(path, max_bytes), source=str(path), name=Path(path).stem)


def parse_gambit(text: str, *, source: str = "<string>", name: str = "") -> Game:
    """Read ``.efg`` or ``.nfg`` text, telling them apart by the first word."""
    if text.lstrip().startswith("NFG"):
        return parse_nfg(text, source=source, name=name)
    return parse_efg(text, source=source, name=name)


def read_gambit_file(path: str | Path, *, max_bytes: int | None = None) -> Game:
    """Read a Gambit file, ``.efg`` or ``.nfg`` by its first word (by its suffix where the
    first word is neither, so that the message speaks of the format the file claims); size
    limit as for :func:`read_efg`."""
    text = _read(path, max_bytes)
    if Path(path).suffix.lower() == ".nfg" and not text.lstrip().startswith(("EFG", "NFG")):
        return parse_nfg(text, source=str(path), name=Path(path).stem)
    return parse_gambit(text, source=str(path), name=Path(path).stem)


def write_efg(game: ExtensiveFormGame, path: str | Path,
              values: Mapping[str, object] | None = None) -> None:
    """Write ``game`` to ``path`` as a Gambit ``.efg`` file (see :func:`format_efg`)."""
    write_atomic(path, format_efg(game, values))


def write_nfg(game: NormalFormGame, path: str | Path,
              values: Mapping[str, object] | None = None) -> None:
    """Write ``game`` to ``path`` as a Gambit ``.nfg`` file (see :func:`format_nfg`)."""
    write_atomic(path, format_nfg(game, values))
