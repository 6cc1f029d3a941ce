"""Signalling games: classification, the Intuitive Criterion and D1 against textbook answers."""

from __future__ import annotations

from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.beliefs.signalling import signalling_structure
from commit_calc.io import load_game


def by_messages(name, values=None):
    game = load_game(name).at(values)
    structure = signalling_structure(game)
    assert structure is not None
    result = perfect_bayesian_equilibria(game)
    found = {}
    for e in result.equilibria:
        messages = tuple(
            structure.messages[max(range(len(structure.messages)),
                                   key=lambda m: e.profile.probabilities[s][m])]
            for s in structure.sender_sets)
        found[messages] = e
    return found


def test_beer_quiche_intuitive_criterion():
    """Cho and Kreps (1987), section II: pooling on Beer survives the Intuitive Criterion,
    pooling on Quiche does not (the Strong type would gain by Beer if the receiver then does
    not duel, the Weak type never gains by it), and no equilibrium separates."""
    found = by_messages("beer-quiche")
    assert set(found) == {("Beer", "Beer"), ("Quiche", "Quiche")}
    beer, quiche = found[("Beer", "Beer")], found[("Quiche", "Quiche")]
    assert beer.refinements == {"intuitive_criterion": True, "d1": True}
    assert quiche.refinements == {"intuitive_criterion": False, "d1": False}
    assert quiche.refinement_reasons["intuitive_criterion"].startswith(
        "the Strong type gains by deviating to Beer whenever the reply is Don't")
    assert "the Weak type never gains by it" in quiche.refinement_reasons["intuitive_criterion"]


def test_job_market_only_separation_survives():
    """Spence (1973) with two types (Gibbons 1992, 4.2.B): at prior 1/3 the separating
    equilibrium (High educates) and pooling on no education with a low wage after education
    (P(Low | Educate) >= 1/2) are PBE; the Low type never gains by education (2 - 3/2 < 1),
    the High type would (2 - 1/2 > 1), so the pooling one fails both refinements."""
    found = by_messages("job-market-signalling")
    assert set(found) == {("Educate", "Don't educate"), ("Don't educate", "Don't educate")}
    assert found[("Educate", "Don't educate")].classification == "separating"
    pooling = found[("Don't educate", "Don't educate")]
    assert pooling.classification == "pooling"
    assert pooling.refinements == {"intuitive_criterion": False, "d1": False}


def test_job_market_expensive_education_for_both():
    """education_cost_high = 3/2: education never pays either type (2 - 3/2 < 1), so no
    separating equilibrium; pooling without education survives both criteria (every type is
    equilibrium-dominated at Educate: no restriction)."""
    found = by_messages("job-market-signalling", {"education_cost_high": "3/2"})
    assert set(found) == {("Don't educate", "Don't educate")}
    assert found[("Don't educate", "Don't educate")].refinements == {
        "intuitive_criterion": True, "d1": True}


def test_costly_implementation_refinements():
    """Pooling on No step fails the Intuitive Criterion: the committed type would gain by
    Implement if the rebels then disarm (750 - 100 > 400), the opportunistic type never
    (1200 - 900 < 400)."""
    found = by_messages("costly-implementation")
    pooling = found[("No step", "No step")]
    assert pooling.refinement_reasons["intuitive_criterion"].startswith(
        "the Committed type gains by deviating to Implement whenever the reply is Disarm")
    assert found[("Implement", "No step")].refinements == {"intuitive_criterion": True,
                                                          "d1": True}


def test_games_that_are_not_signalling_games():
    for name in ("selten-horse", "reputation-two-cohorts", "enforcer-reliability"):
        assert signalling_structure(load_game(name).at()) is None
