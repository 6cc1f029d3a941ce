"""The exceptions commit-calc raises.

Every error the library raises on bad input is a :class:`CommitCalcError`, so a script (and the
command line) can catch one class and show its message, which names what went wrong and where.
"""

from __future__ import annotations


class CommitCalcError(Exception):
    """Base class of every error commit-calc raises on bad input."""


class GameDefinitionError(CommitCalcError):
    """A game is malformed: shapes, labels, probabilities, information sets, recall."""


class ParameterError(CommitCalcError):
    """A parameter is unknown, has no value, or has a value outside its declared bounds."""


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
