"""commit-calc: is a promise in a conflict settlement credible?

Exact Nash and subgame-perfect equilibria, and the parameter thresholds where they change, for
games with payoffs written as formulas in named parameters.

The names below are imported on first use, so ``commit-calc --help`` does not load sympy.

>>> import commit_calc
>>> commit_calc.NormalFormGame.__name__
'NormalFormGame'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "CommitCalcError": "commit_calc.errors",
    "FormulaError": "commit_calc.errors",
    "GameDefinitionError": "commit_calc.errors",
    "GameFileError": "commit_calc.errors",
    "ParameterError": "commit_calc.errors",
    "UnsupportedGameError": "commit_calc.errors",
    "Chance": "commit_calc.model",
    "Decision": "commit_calc.model",
    "ExtensiveFormGame": "commit_calc.model",
    "NormalFormGame": "commit_calc.model",
    "Parameter": "commit_calc.model",
    "Terminal": "commit_calc.model",
    "BehaviourProfile": "commit_calc.model.profiles",
    "MixedProfile": "commit_calc.model.profiles",
    "Equilibrium": "commit_calc.solvers.results",
    "SolveResult": "commit_calc.solvers.results",
    "solve": "commit_calc.solvers.solve",
    "verify": "commit_calc.solvers.verify",
    "load_game": "commit_calc.io",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'commit_calc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
