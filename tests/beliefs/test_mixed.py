"""All perfect Bayesian equilibria, mixed included: signalling games and the reputation game."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy
from signalling_games import random_signalling_game

from commit_calc.beliefs.check import check_assessment
from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.beliefs.polyhedron import product_vertices
from commit_calc.io import load_game


def _pure(result):
    return {tuple(tuple(d) for d in e.profile.probabilities) for e in result.equilibria
            if all(max(d) == 1 for d in e.profile.probabilities)}


def test_beer_quiche_components():
    """Cho and Kreps (1987): two pooling components; after the unsent message the receiver
    duels, or mixes as long as the belief is exactly indifferent (1/2)."""
    game = load_game("beer-quiche").at()
    result = perfect_bayesian_equilibria(game, mixed=True)
    components = {}
    for e in result.equilibria:
        components.setdefault(e.component, []).append(e)
    assert sorted(len(v) for v in components.values()) == [2, 2]
    mixed = [e for e in result.equilibria if any(max(d) < 1 for d in e.profile.probabilities)]
    assert all(o.condition.endswith("= 1/2") for e in mixed for o in e.assessment.off_path)
    assert all(e.classification == "pooling" for e in result.equilibria)


@pytest.mark.parametrize("prior", ["1/2", "2/5"])
def test_reputation_below_the_prior_threshold(prior):
    """Kreps and Wilson (1982), by hand: below prior 20/33 cohort 2 must be indifferent after
    Honor, so its belief is 20/33 = p / (p + (1 - p) q): the opportunistic regime honours with
    q = 13 p / (20 (1 - p)); the regime is indifferent when cohort 2 joins with 5/8
    (750 + 9/10 (1200 s + 400 (1 - s)) = 1200 + 9/10 * 400). Cohort 1 joins iff
    2722.5 p >= 1000 (p >= 0.367), so at 2/5 and 1/2 it joins."""
    game = load_game("reputation-two-cohorts").at({"prior_committed": prior})
    result = perfect_bayesian_equilibria(game, mixed=True)
    p = sympy.Rational(prior)
    [e] = result.equilibria
    labelled = e.profile.labelled(game)
    assert labelled["Regime"]["regime1_opportunistic"]["Honor"] == 13 * p / (20 * (1 - p))
    assert labelled["Cohort 2"]["Cohort 2 after Honor"]["Join"] == sympy.Rational(5, 8)
    assert labelled["Cohort 1"]["Cohort 1"] == {"Join": 1}
    beliefs = e.assessment.labelled(game)["Cohort 2 after Honor"]
    assert beliefs["cohort2_committed_honored"] == Fraction(20, 33)


def test_random_signalling_games_mixed_contains_pure():
    """The complete list contains exactly the pure equilibria the pure search finds, and every
    assessment passes the independent check."""
    rng = random.Random(11)
    for _ in range(6):
        game, _, _ = random_signalling_game(rng, 2, 2, rng.randint(2, 3))
        full = perfect_bayesian_equilibria(game, mixed=True)
        assert _pure(full) == _pure(perfect_bayesian_equilibria(game))
        for e in full.equilibria:
            beliefs = {k: v for k, v in zip([i.label for i in game.infosets],
                                            e.assessment.beliefs) if len(v) > 1}
            assert check_assessment(game, e.profile, beliefs).passes


def test_product_vertices_against_brute_force():
    """Vertices of a cut product of simplices, against every basic solution."""
    F = Fraction
    rows = [((F(1), F(-2), F(1), F(-1)), ">="), ((F(0), F(1), F(-1), F(1)), ">=")]
    found = set(product_vertices([2, 2], rows))
    brute = set()
    for a in [F(k, 12) for k in range(13)]:
        for b in [F(k, 12) for k in range(13)]:
            point = (a, 1 - a, b, 1 - b)
            if all(sum(c * x for c, x in zip(row, point)) >= 0 for row, _ in rows):
                brute.add(point)
    assert found <= brute
    for corner in [(F(1), F(0), F(1), F(0)), (F(1), F(0), F(0), F(1))]:
        assert (corner in brute) == (corner in found)
