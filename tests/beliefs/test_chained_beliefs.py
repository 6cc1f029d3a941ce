"""Beliefs that Bayes' rule chains from another unreached set's free beliefs."""

from __future__ import annotations

from fractions import Fraction

import pytest

from commit_calc.beliefs.pbe import perfect_bayesian_equilibria
from commit_calc.errors import UnsupportedGameError
from commit_calc.model import Chance, Decision, ExtensiveFormGame, Terminal


def chained() -> ExtensiveFormGame:
    """Chance draws a or b; player 1, knowing it, stops or goes on; player 2 (not knowing it)
    plays L or R; after L player 3 (not knowing it either) plays x or y. When player 1 stops,
    player 2's belief is free and player 3's follows from it by Bayes' rule (after L)."""
    def branch(t: str, x: tuple[int, int, int], y: tuple[int, int, int]) -> Decision:
        return Decision("P1", {
            "Stop": Terminal((2, 0, 0)),
            "Go": Decision("P2", {
                "L": Decision("P3", {"x": Terminal(x), "y": Terminal(y)}, infoset="three"),
                "R": Terminal((0, 1, 0))}, infoset="two")}, name=f"one_{t}")
    return ExtensiveFormGame.build(players=("P1", "P2", "P3"), root=Chance({
        "a": (Fraction(1, 2), branch("a", (3, 2, 1), (1, 0, 0))),
        "b": (Fraction(1, 2), branch("b", (1, 0, 0), (3, 2, 1)))}))


def test_pure_search_states_its_limit():
    with pytest.raises(UnsupportedGameError, match="one information set at a time"):
        perfect_bayesian_equilibria(chained())


def test_mixed_search_decides_chained_beliefs():
    """The agent-support search writes Bayes' rule at every set at once, so the chain is no
    obstacle: every assessment it reports passes the independent check (certified)."""
    result = perfect_bayesian_equilibria(chained(), mixed=True)
    assert result.equilibria
    stops = [e for e in result.equilibria if e.outcomes[0].path[1] == "Stop"]
    for e in stops:
        beliefs = e.assessment.labelled(chained())
        assert list(beliefs["two"].values()) == list(beliefs["three"].values())
