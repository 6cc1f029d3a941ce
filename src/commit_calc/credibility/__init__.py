"""Is a promise credible, what would make it so, and what is credibility worth?

A *promise* is a player's action at one or more of its information sets
(:mod:`.promise`). :func:`.verdict.assess` reports whether some subgame-perfect equilibrium
keeps it everywhere it applies, the temptation to break it where none does, and the value of
commitment (the game solved with the promise binding, :mod:`.binding`);
:func:`.levers.levers` finds, for each parameter, the threshold beyond which the promise
becomes credible, and the exact region where it is, from :mod:`commit_calc.analysis.regions`.
"""

from commit_calc.credibility.promise import Promise, parse_promises
from commit_calc.credibility.verdict import Credibility, Violation, assess

__all__ = ["Credibility", "Promise", "Violation", "assess", "parse_promises"]
