"""Continua of perfect Bayesian equilibria in small trees, listed by their extreme points with
one component number."""

from __future__ import annotations

from fractions import Fraction

import sympy

from commit_calc.beliefs.continua import MAX_FREE
from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.io import load_game
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Terminal


def _by_label(game, equilibrium):
    return {label: {a: Fraction(str(p)) for a, p in d.items() if p != 0}
            for per in equilibrium.profile.labelled(game).values() for label, d in per.items()}


def test_selten_horse_component():
    """Selten's horse (payoffs of the catalog file): with player 1 at C and player 2 at c,
    player 3 (belief mu on the node after C, d) may play L with any probability l such that
    player 2 keeps c (1 >= 4 (1 - l), l >= 3/4) and player 1 keeps C (1 >= 3 (1 - l)); L is
    optimal iff mu >= 2 (1 - mu), i.e. mu >= 2/3, and mixing needs mu = 2/3. So one component
    with extreme points l = 3/4 (belief 2/3) and l = 1 (belief >= 2/3)."""
    game = load_game("selten-horse").at()
    result = perfect_bayesian_equilibria(game, mixed=True)
    assert len(result.equilibria) == 2
    assert {e.component for e in result.equilibria} == {1}
    found = {_by_label(game, e)["Player 3"].get("L"): e for e in result.equilibria}
    assert set(found) == {Fraction(3, 4), Fraction(1)}
    assert found[Fraction(3, 4)].assessment.off_path[0].condition == "P(C > d | Player 3) = 2/3"
    assert found[Fraction(1)].assessment.off_path[0].condition == "P(C > d | Player 3) >= 2/3"
    assert any("continuum is listed by its extreme equilibria" in w for w in result.warnings)


def test_ultimatum_component():
    """The ultimatum game with a pie of 4 (Osborne 2004, 6.1.1): the responder accepts every
    positive offer; it accepts 0 with any probability a; offering 0 is optimal iff 4a >= 3
    (offer 1 earns 3), offering 1 iff 4a <= 3, and the proposer mixes between them at
    a = 3/4. One connected set with four extreme points: (0, a = 1), (0, a = 3/4),
    (1, a = 3/4), (1, a = 0)."""
    game = load_game("ultimatum").at()
    result = perfect_bayesian_equilibria(game, mixed=True)
    corners = {(next(iter(_by_label(game, e)["proposer"])),
                _by_label(game, e)["offered0"].get("Accept", Fraction(0)))
               for e in result.equilibria}
    assert corners == {("Offer 0", Fraction(1)), ("Offer 0", Fraction(3, 4)),
                       ("Offer 1", Fraction(3, 4)), ("Offer 1", Fraction(0))}
    assert {e.component for e in result.equilibria} == {1}


def test_a_continuum_beyond_the_limit_is_named():
    """A player indifferent at five sets (every payoff 0): every profile is an equilibrium;
    the family where all five mix has five free probabilities, above the limit, so the
    result says it is not listed; its corners, the 32 pure profiles, are listed as the
    extreme points of the smaller families, all in one component."""
    half = sympy.Rational(1, 5)
    root = Chance({f"c{k}": (half, Decision("B", {"x": Terminal((0,)), "y": Terminal((0,))},
                                              name=f"b{k}")) for k in range(5)}, name="chance")
    game = ExtensiveFormGame.build(players=("B",), root=root, name="indifferent")
    result = perfect_bayesian_equilibria(game, mixed=True)
    assert MAX_FREE < 5
    assert any("a continuum of perfect Bayesian equilibria is not listed: it has 5 free" in w
               for w in result.warnings)
    assert len(result.equilibria) == 32
    assert {e.component for e in result.equilibria} == {1}


def test_the_work_on_continua_is_bounded():
    """With no work left, a family is named as not listed instead of enumerated."""
    from commit_calc.beliefs.agent_supports import AgentSupports
    from commit_calc.beliefs.continua import Work, family_vertices

    search = AgentSupports(load_game("selten-horse").at())
    list(search.solutions())
    [family] = search.families
    assert len(family_vertices(family, Work())) == 2
    assert "need more than" in family_vertices(family, Work(0))
