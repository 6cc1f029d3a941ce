"""Where each equilibrium holds: exact parameter regions, thresholds, comparative statics, sweeps.

>>> from commit_calc.io import load_game
>>> analysis = parameter_regions(load_game("enforcer-reliability"),
...                              {"salary": 250, "amnesty": 300, "territorial": 100,
...                               "conscription_cost": 600, "retribution_cost": 400,
...                               "exile_payoff": 0, "area_value": 1000, "war_cost": 600,
...                               "renege_gain": 400, "patrol_cost": 200, "sanction": 600,
...                               "crowding_out": 0})
>>> [t.formula for t in thresholds(analysis, "reliability")]
[20/33]
"""

from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.sweep import Axis, SweepResult, sweep
from commit_calc.analysis.thresholds import comparative_statics, thresholds

__all__ = ["Axis", "SweepResult", "comparative_statics", "parameter_regions", "sweep",
           "thresholds"]
