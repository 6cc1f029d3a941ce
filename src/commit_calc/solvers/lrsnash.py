"""Two-player equilibria by ``lrsnash`` (lrslib, Avis 2000), where the program is installed.

``lrsnash`` is the field's exact reference for the extreme equilibria of bimatrix games: it
enumerates the vertices of one best-response polytope by reverse search and, for each, the
matching vertices of the other, in exact rational arithmetic (GMP). Here it is run on the
game, its output read into exact fractions, and every profile re-checked by our own exact
regret check (:func:`~commit_calc.solvers.verify.verify`); a profile that fails is dropped and
reported. It is never the default: the default method
(:func:`~commit_calc.solvers.mixed_nash.extreme_equilibria`) needs no external program.

References
----------
Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. Economic Theory 42, 9-37.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from fractions import Fraction
from pathlib import Path

from commit_calc.errors import CommitCalcError, UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import MixedProfile
from commit_calc.solvers.results import Equilibrium, SolveResult, certify
from commit_calc.solvers.verify import verify

#: Seconds ``lrsnash`` may run before it is stopped.
TIME_LIMIT = 600.0

Strategy = tuple[Fraction, ...]


def lrsnash_available() -> bool:
    """Whether the ``lrsnash`` program is on the ``PATH``."""
    return shutil.which("lrsnash") is not None


def lrsnash_equilibria(game: NormalFormGame, *, time_limit: float = TIME_LIMIT) -> SolveResult:
    """Every extreme Nash equilibrium of a numeric two-player game, by ``lrsnash``.

    Raises
    ------
    UnsupportedGameError
        ``lrsnash`` is not installed, the game does not have two players, or the program
        fails or runs longer than ``time_limit`` seconds.
    """
    binary = shutil.which("lrsnash")
    if binary is None:
        raise UnsupportedGameError(
            "method 'lrsnash' needs the lrsnash program (lrslib), which is not installed "
            "here: install lrslib (e.g. apt-get install lrslib) or use method 'exact'"
        )
    if not isinstance(game, NormalFormGame) or game.num_players != 2:
        raise UnsupportedGameError(
            "method 'lrsnash' solves two-player normal-form games; use method 'exact' here")
    row, column = game.numeric_payoffs()
    text = lrsnash_input(row.tolist(), column.tolist())
    output = _run(binary, text, time_limit)
    equilibria: list[Equilibrium] = []
    seen: set[tuple[Strategy, Strategy]] = set()
    rejected = 0
    for pair in parse_lrsnash(output, game.shape):
        if pair in seen:
            continue
        seen.add(pair)
        profile = MixedProfile(pair)
        if not verify(game, profile).is_equilibrium:
            rejected += 1
            continue
        equilibria.append(certify(game, profile))
    notes: tuple[str, ...] = ()
    if rejected:
        notes = (f"{rejected} profile(s) returned by lrsnash failed the exact check and were "
                 "dropped",)
    return SolveResult(game=game, concept="nash", method="lrsnash",
                       equilibria=tuple(equilibria), warnings=notes)


def lrsnash_input(row: list[list[Fraction]], column: list[list[Fraction]]) -> str:
    """The game in ``lrsnash``'s input format: sizes, then each player's payoff matrix.

    >>> print(lrsnash_input([[1, Fraction(1, 2)]], [[0, 3]]), end="")
    1 2
    <BLANKLINE>
    1 1/2
    <BLANKLINE>
    0 3
    """
    def matrix(rows: list[list[Fraction]]) -> str:
        return "\n".join(" ".join(str(Fraction(x)) for x in line) for line in rows)

    return f"{len(row)} {len(row[0])}\n\n{matrix(row)}\n\n{matrix(column)}\n"


def parse_lrsnash(output: str, shape: tuple[int, ...]) -> list[tuple[Strategy, Strategy]]:
    """The equilibria ``lrsnash`` printed, as exact strategy pairs.

    Its output comes in blocks: lines ``2 q_1 ... q_n v`` (a strategy of player 2 and player
    1's payoff) followed by lines ``1 p_1 ... p_m u``; every pairing of a 1-line with a 2-line
    of its block is an equilibrium. Lines starting with ``*`` are comments.

    >>> parse_lrsnash("2  0  1  1\\n1  1/2  1/2  2\\n", (2, 2))
    [((Fraction(1, 2), Fraction(1, 2)), (Fraction(0, 1), Fraction(1, 1)))]
    """
    found: list[tuple[Strategy, Strategy]] = []
    seconds: list[Strategy] = []
    firsts: list[Strategy] = []

    def close() -> None:
        found.extend((first, second) for second in seconds for first in firsts)
        seconds.clear()
        firsts.clear()

    for line in output.splitlines():
        words = line.split()
        if not words or words[0].startswith("*"):
            if firsts:
                close()
            continue
        if words[0] not in ("1", "2"):
            raise CommitCalcError(f"lrsnash printed a line that is not understood: {line[:60]!r}")
        player = int(words[0])
        if player == 2 and firsts:
            close()
        size = shape[player - 1]
        try:
            strategy = tuple(Fraction(word) for word in words[1:1 + size])
        except (ValueError, ZeroDivisionError):
            raise CommitCalcError(
                f"lrsnash printed a line that is not understood: {line[:60]!r}") from None
        if len(words) != size + 2:
            raise CommitCalcError(f"lrsnash printed a line that is not understood: {line[:60]!r}")
        (firsts if player == 1 else seconds).append(strategy)
    close()
    return found


def _run(binary: str, text: str, time_limit: float) -> str:
    with tempfile.TemporaryDirectory(prefix="commit-calc-lrsnash-") as folder:
        path = Path(folder) / "game.nash"  # a private scratch file for the program to read
        path.write_text(text)
        try:
            done = subprocess.run([binary, str(path)], capture_output=True, text=True,
                                  timeout=time_limit, check=False)
        except subprocess.TimeoutExpired:
            raise UnsupportedGameError(
                f"lrsnash ran longer than {time_limit:g} s and was stopped") from None
        except OSError as error:
            raise UnsupportedGameError(f"lrsnash could not be run ({error.strerror})") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise UnsupportedGameError(f"lrsnash failed (exit {done.returncode}: {last[:80]})")
    return done.stdout
