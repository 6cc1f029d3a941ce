"""Exact equilibrium solvers, each certified by the independent regret check in :mod:`.verify`.

Most users want :func:`solve`, which picks the solver for the game and concept.
"""

from commit_calc.solvers.backward_induction import backward_induction
from commit_calc.solvers.extensive_nash import extensive_nash_equilibria
from commit_calc.solvers.mixed_nash import extreme_equilibria
from commit_calc.solvers.nashpy_bridge import nashpy_equilibria
from commit_calc.solvers.pure_nash import pure_nash_equilibria
from commit_calc.solvers.reduction import ReducedNormalForm, behaviour_profile, reduced_normal_form
from commit_calc.solvers.results import Equilibrium, Outcome, SolveResult
from commit_calc.solvers.solve import solve
from commit_calc.solvers.subgame_perfect import subgame_perfect_equilibria
from commit_calc.solvers.verify import Verification, verify, verify_subgame_perfect

__all__ = [
    "Equilibrium",
    "Outcome",
    "ReducedNormalForm",
    "SolveResult",
    "Verification",
    "backward_induction",
    "behaviour_profile",
    "extensive_nash_equilibria",
    "extreme_equilibria",
    "nashpy_equilibria",
    "pure_nash_equilibria",
    "reduced_normal_form",
    "solve",
    "subgame_perfect_equilibria",
    "verify",
    "verify_subgame_perfect",
]
