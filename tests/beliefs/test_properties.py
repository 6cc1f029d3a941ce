"""Properties on random signalling games: every assessment verifies, relabelling types,
messages or responses changes nothing, every PBE is a Nash equilibrium of the reduced normal
form, and PBE and sequential equilibria coincide."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from signalling_games import random_signalling_game, signalling_game

from commit_calc.beliefs.check import check_assessment
from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.beliefs.sequential import sequential_equilibria
from commit_calc.solvers.pure_nash import pure_nash_equilibria
from commit_calc.solvers.reduction import reduced_normal_form

SETTINGS = settings(max_examples=40, deadline=None)


def canonical(game, result):
    """Each equilibrium as its choices by label with each off-path example belief by type."""
    found = set()
    for e in result.equilibria:
        plan = frozenset((label, next(iter(d))) for per in e.profile.labelled(game).values()
                         for label, d in per.items())
        beliefs = frozenset(
            (r.infoset, frozenset((game.path(game.nodes[m])[0], p) for m, p in
                                  zip(game.infoset(r.infoset).members, r.example)))
            for r in e.assessment.off_path)
        found.add((plan, beliefs, e.classification,
                   tuple(sorted((e.refinements or {}).items()))))
    return found


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_every_assessment_verifies_and_is_nash(rng):
    game, _, _ = random_signalling_game(rng)
    result = perfect_bayesian_equilibria(game)
    nash = {e.payoffs for e in pure_nash_equilibria(reduced_normal_form(game).game).equilibria}
    for e in result.equilibria:
        beliefs = {i.label: b for i, b in zip(game.infosets, e.assessment.beliefs)
                   if len(i.members) > 1}
        assert check_assessment(game, e.profile, beliefs).passes
        assert e.payoffs in nash


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_relabelling_changes_nothing(rng):
    game, payoff, priors = random_signalling_game(rng)
    nt, nm, nr = len(payoff), len(payoff[0]), len(payoff[0][0])
    types, messages, responses = ([f"t{i}" for i in range(nt)], [f"m{j}" for j in range(nm)],
                                  [f"r{k}" for k in range(nr)])
    order_t, order_m, order_r = (rng.sample(range(n), n) for n in (nt, nm, nr))
    shuffled = [[[payoff[i][j][k] for k in order_r] for j in order_m] for i in order_t]
    again = signalling_game([types[i] for i in order_t], [messages[j] for j in order_m],
                            [responses[k] for k in order_r], [priors[i] for i in order_t],
                            shuffled)
    assert canonical(game, perfect_bayesian_equilibria(game)) == canonical(
        again, perfect_bayesian_equilibria(again))


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_sequential_equals_pbe_in_signalling_games(rng):
    game, _, _ = random_signalling_game(rng)
    assert canonical(game, sequential_equilibria(game)) == canonical(
        game, perfect_bayesian_equilibria(game))


def test_random_games_are_reproducible():
    first, _, _ = random_signalling_game(random.Random(3))
    second, _, _ = random_signalling_game(random.Random(3))
    assert first.nodes == second.nodes
