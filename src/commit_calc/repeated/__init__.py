"""Repeated games: a stage game played every period by long-lived and short-lived players,
strategy profiles as automata, the exact one-shot deviation check, critical discount factors
as formulas, and the finitely repeated game as a tree.

>>> from commit_calc.io.repeated_file import load_repeated
>>> result = analyse_repeated(load_repeated("repeated-prisoners-dilemma"), "grim-trigger")
>>> result.proved, result.critical_discount
('subgame-perfect equilibrium', 1/2)
"""

from __future__ import annotations

from commit_calc.repeated.analysis import RepeatedAnalysis, analyse_repeated
from commit_calc.repeated.automaton import Automaton
from commit_calc.repeated.deviation import OneShotCheck, one_shot_check
from commit_calc.repeated.horizon import horizon_tree
from commit_calc.repeated.model import RepeatedGame
from commit_calc.repeated.strategies import NAMED, named_automaton

__all__ = ["NAMED", "Automaton", "OneShotCheck", "RepeatedAnalysis", "RepeatedGame",
           "analyse_repeated", "horizon_tree", "named_automaton", "one_shot_check"]
