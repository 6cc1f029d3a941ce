"""The exceptions commit-calc raises.

Every error the library raises on bad input is a :class:`CommitCalcError`, so a script (and the
command line) can catch one class and show its message, which names what went wrong and where.
"""

from __future__ import annotations

import re

_FUNCTION_PREFIX = re.compile(r"\b[A-Za-z_][A-Za-z0-9_.]*\(\): ")


def plain_message(message: str) -> str:
    """``message`` without the names of library functions it starts with or passes through.

    Library messages may start with the function a Python caller called (``solve(): ...``);
    a person on the command line, or reading a game file, is told about their input instead.

    >>> plain_message("game.toml:2: [table]: NormalFormGame(): a game needs at least 2 players")
    'game.toml:2: [table]: a game needs at least 2 players'
    """
    return _FUNCTION_PREFIX.sub("", message)


class CommitCalcError(Exception):
    """Base class of every error commit-calc raises on bad input."""


class GameDefinitionError(CommitCalcError):
    """A game is malformed: shapes, labels, probabilities, information sets, recall."""


class ParameterError(CommitCalcError):
    """A parameter is unknown, has no value, or has a value outside its declared bounds."""


class UndefinedValueError(ParameterError):
    """A payoff or probability has no value at the given parameter values (a division by
    zero)."""


class UnsupportedGameError(CommitCalcError):
    """A solver was asked to solve a game outside the class it handles."""


class GameFileError(CommitCalcError):
    """A game file cannot be read: its syntax, its structure or one of its formulas is wrong.

    The message starts with the file name and, where known, the line: ``game.toml:12: ...``.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.detail = message
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class FormulaError(CommitCalcError):
    """A formula string is not a safe arithmetic expression in declared parameters."""
