"""The sets of actions that can be a mover's best set (ties included), found by growing each
set from its first action, are exactly the subsets whose conditions are satisfiable: checked
against every subset on random choices among up to seven actions, with a wide choice (twenty
actions, about a million subsets) that must still be fast."""

from __future__ import annotations

import itertools
import time

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.analysis.atoms import conjunction
from commit_calc.analysis.candidates import Feasibility
from commit_calc.analysis.comparison import requirement_within
from commit_calc.analysis.domain import domain_of
from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.tree_candidates import _best_sets
from commit_calc.model import Decision, ExtensiveFormGame, Parameter, Terminal

P, Q = sympy.symbols("p q")
linear = st.tuples(*[st.integers(-2, 2)] * 3).map(lambda c: c[0] + c[1] * P + c[2] * Q)


def _choice(own: list[sympy.Expr]) -> ExtensiveFormGame:
    return ExtensiveFormGame.build(
        players=("A", "B"),
        parameters=[Parameter("p", 0, lower=0, upper=3), Parameter("q", 0, lower=-1, upper=1)],
        root=Decision("A", {f"a{k}": Terminal((x, 0)) for k, x in enumerate(own)}))


def _every_subset(own: list[sympy.Expr], feasible: Feasibility) -> list[tuple[int, ...]]:
    found = []
    for size in range(1, len(own) + 1):
        for best in itertools.combinations(range(len(own)), size):
            needs = [requirement_within(own[best[0]] - own[b], "==", {}, feasible)
                     for b in best[1:]]
            needs += [requirement_within(own[best[0]] - own[c], ">", {}, feasible)
                      for c in range(len(own)) if c not in best]
            case = conjunction(needs)
            if case is not None and feasible(case) is not False:
                found.append(best)
    return found


@settings(max_examples=30, deadline=None)
@given(st.lists(linear, min_size=1, max_size=7))
def test_best_sets_are_the_satisfiable_subsets(own):
    feasible = Feasibility(domain_of(_choice(own)))
    assert _best_sets(own, {}, feasible) == _every_subset(own, feasible)


def test_a_choice_among_twenty_actions_is_fast():
    """Twenty actions paying ``k * p`` for k = 0..19: at p = 0 all tie, else one is best."""
    own = [k * P for k in range(20)]
    start = time.process_time()
    analysis = parameter_regions(_choice(own))
    assert time.process_time() - start < 20  # every subset: about a million checks
    tie = analysis.region_at({"p": 0, "q": 0})
    assert len(tie.equilibria) == 20
    assert [e.outcome for e in analysis.region_at({"p": 1, "q": 0}).equilibria] == ["a19"]
