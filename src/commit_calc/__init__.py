"""commit-calc: is a promise in a conflict settlement credible?

Exact Nash and subgame-perfect equilibria, and the parameter thresholds where they change, for
games with payoffs written as formulas in named parameters.
"""

from commit_calc.errors import (
    CommitCalcError,
    FormulaError,
    GameDefinitionError,
    GameFileError,
    ParameterError,
    UnsupportedGameError,
)
from commit_calc.model import (
    Chance,
    Decision,
    ExtensiveFormGame,
    NormalFormGame,
    Parameter,
    Terminal,
)

__version__ = "0.1.0"

__all__ = [
    "Chance",
    "CommitCalcError",
    "Decision",
    "ExtensiveFormGame",
    "FormulaError",
    "GameDefinitionError",
    "GameFileError",
    "NormalFormGame",
    "Parameter",
    "ParameterError",
    "Terminal",
    "UnsupportedGameError",
    "__version__",
]
